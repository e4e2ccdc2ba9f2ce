"""One renderer: tables by default, the same rows as JSON with --json."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import click


def echo_json(data: Any) -> None:
    import json  # only for --json: a table needs none of it

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


# Characters every terminal shows two columns wide (CJK ideographs, kana, Hangul, full-width
# forms): exactly the ones wcwidth gives width 2 (a test checks every one of them).
WIDE_RANGES = (
    ("\u1100", "\u115f"),
    ("\u3000", "\u3029"),
    ("\u3030", "\u303e"),
    ("\u3041", "\u3096"),
    ("\u30a1", "\u30ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7a3"),
    ("\uf900", "\ufaff"),
    ("\ufe30", "\ufe4f"),
    ("\uff01", "\uff60"),
    ("\uffe0", "\uffe6"),
)

# Punctuation the tables print themselves that every terminal shows one column wide: the
# ellipsis of a clipped cell and the dash of a rule (a test checks them against wcwidth).
NARROW = "\u2014\u2026"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Printable ASCII, the NARROW punctuation or wide characters only; one wide character
    (compiled on first use)."""
    wide = "".join(f"{a}-{b}" for a, b in WIDE_RANGES)
    return re.compile(f"[\x20-\x7e{NARROW}{wide}]*"), re.compile(f"[{wide}]")


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain-text table (tabulate's "simple" layout), CJK text aligned by display width.

    Laid out here, not by tabulate, whenever the cells are one line of printable text: the
    output is the same, character for character (a property test holds it to tabulate's),
    but tabulate infers a type and strips colour codes cell by cell (~0.15 ms a cell: a
    6,000-row board took a second) and importing it (and wcwidth's tables) costs a read
    command ~50–100 ms of start-up. Line breaks and control characters go to tabulate.
    """
    text = _simple(rows, headers)
    if text is not None:
        return text
    from tabulate import tabulate  # imported lazily: it costs ~50 ms of start-up

    return tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True)


def column_table(columns: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """``table`` given column by column, as a long report builds its cells: the same text."""
    if len(set(map(len, columns))) > 1 or len(columns) != len(headers):
        raise ValueError("a table's columns must be as many as its headers, and of one length")
    text = _laid_out(columns, headers)
    return text if text is not None else table(list(zip(*columns, strict=True)), headers)


_ASCII = dict.fromkeys(range(128))  # str.translate deletes these: what is left is the non-ASCII
_NOT_WIDE = {**_ASCII, **dict.fromkeys(map(ord, NARROW))}  # ...and the one-column punctuation too


def _ideographs(non_ascii: str) -> bool:
    """Whether these characters are all CJK unified ideographs (U+4E00-U+9FFF), each two
    columns wide: the common case, worked out without the wide-character regex."""
    return min(non_ascii) >= "\u4e00" and max(non_ascii) <= "\u9fff"


def _width(text: str) -> int:
    if text.isascii():
        return len(text) if text.isprintable() else -1
    others = text.translate(_NOT_WIDE)
    if (not others or _ideographs(others)) and text.isprintable():
        # ASCII, the NARROW punctuation and CJK ideographs (most names, clipped cells): no regex
        return len(text) + len(others)
    plain_or_wide, wide_char = _patterns()
    if plain_or_wide.fullmatch(text):
        return len(text) + len(wide_char.findall(text))
    import wcwidth

    return int(wcwidth.wcswidth(text))


def _simple(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str | None:
    """Column by column, then a line per row from one format string, so that the per-cell
    work runs in str methods and str.format, not in Python loops: a 6,000-row board is
    72,000 cells."""
    if set(map(len, rows)) - {len(headers)}:
        return None  # a ragged row: tabulate knows what to do
    return _laid_out(list(zip(*rows, strict=True)) if rows else [()] * len(headers), headers)


def _laid_out(cells: Sequence[Sequence[Any]], headers: Sequence[str]) -> str | None:
    """The table of these columns, or None where tabulate must lay it out."""
    titles = [str(h) for h in headers]
    title_sizes = [_width(t) for t in titles]
    if min(title_sizes, default=0) < 0:
        return None
    columns = []
    widths = []
    formats = []
    for title, title_size, values in zip(titles, title_sizes, cells, strict=True):
        found = _texts(values)
        if found is None:
            return None  # line breaks, control characters: tabulate knows what to do
        texts, joined = found
        if joined.isascii() and title.isascii():
            width = max(title_size + 2, max(map(len, texts), default=0))
            formats.append(f"{{:<{width}}}")  # every character one column: format pads
            column = [title, *texts]
        else:
            sizes = _sizes(texts, joined)
            if min(sizes, default=0) < 0:
                return None
            width = max(title_size + 2, max(sizes, default=0))
            formats.append("{}")
            # ljust counts characters: a wide character takes two columns but counts one.
            column = [
                title.ljust(width - title_size + len(title)),
                *(t.ljust(width - s + len(t)) for t, s in zip(texts, sizes, strict=True)),
            ]
        widths.append(width)
        columns.append(column)
    line = "  ".join(formats).format
    lines = [line(*cells).rstrip() for cells in zip(*columns, strict=True)] or [""]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _texts(values: Sequence[Any]) -> tuple[Sequence[str], str] | None:
    """The cells as tabulate shows them (stripped text, None as nothing) and all of them joined,
    or None when a cell holds a character a one-line table cannot show: a line break, a
    control character.

    Checked before stripping: strip also takes characters that tabulate breaks lines at
    (U+001C-U+001F, U+0085), so a cell that ends with one would be laid out here otherwise.
    """
    if set(map(type, values)) <= {str}:
        # Text only (most columns): when no cell starts or ends with a space, there is nothing
        # to strip. (A space is the only printable character strip takes.)
        joined = "".join(values)
        if not joined.isprintable():
            return None
        lines = "\n".join(values)
        if lines[:1] != " " and lines[-1:] != " " and " \n" not in lines and "\n " not in lines:
            return values, joined
        texts = list(map(str.strip, values))
        return texts, "".join(texts)
    cells = list(map(str, values)) if None not in values else ["" if v is None else str(v) for v in values]
    if not "".join(cells).isprintable():
        return None
    texts = list(map(str.strip, cells))
    return texts, "".join(texts)


def _sizes(texts: Sequence[str], joined: str) -> list[int]:
    """Display widths of a column's printable cells; -1 where one cannot be worked out."""
    others = joined.translate(_ASCII)
    if not others:
        return list(map(len, texts))
    if _ideographs(others):
        # ASCII and CJK ideographs only (names, most of the time): a cell's width is its length
        # plus one per ideograph, and an ideograph is 3 bytes of UTF-8 where ASCII is 1.
        return [(n + b) >> 1 for n, b in zip(map(len, texts), map(len, map(str.encode, texts)), strict=True)]
    return [len(t) if t.isascii() else _width(t) for t in texts]


def clip(text: Any, width: int = 40) -> str:
    value = "" if text is None else str(text).replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def clips(texts: Sequence[Any], width: int) -> list[str]:
    """``clip`` for a column: a short one-line text is kept as it is, without a call."""
    return [t if type(t) is str and len(t) <= width and "\n" not in t else clip(t, width) for t in texts]


def step_cell(number: int | None, step: str, r: dict[str, Any]) -> str:
    """'#5 mediation session (corrected by #7)': a step with its number and what amended it."""
    text = step if number is None else f"#{number} {step}"
    if r.get("retracted_by"):
        return f"{text} (retracted by #{r['retracted_by']})"
    if r.get("corrected_by"):
        return f"{text} (corrected by {', '.join(f'#{n}' for n in r['corrected_by'])})"
    return text


def struck(cells: list[Any], r: dict[str, Any]) -> list[Any]:
    """A retracted step's cells struck through (on a terminal; the step cell says it anyway)."""
    if not r.get("retracted_by"):
        return cells
    return [click.style(str(c), strikethrough=True) if c not in (None, "") else c for c in cells]


def section(title: str) -> None:
    click.echo("")
    click.echo(click.style(title, bold=True))


def kv(pairs: Sequence[tuple[str, Any]]) -> None:
    width = max((len(k) for k, v in pairs if v not in (None, "", [])), default=0)
    for key, value in pairs:
        if value in (None, "", []):
            continue
        click.echo(f"{key.ljust(width)}  {value}")


def echo_recorded(reference: str, what: str, view: dict[str, Any], state: str = "status") -> None:
    """After a write: what was recorded, the stage or status, the next deadline, any notes."""
    click.echo(f"{reference}: {what}. {state.capitalize()}: {view[state]}.")
    line = deadline_line(view["next_deadline"])
    if line:
        click.echo(f"Next: {line}")
    for note in view.get("notes", ()):
        click.echo(f"Note: {note}")


def deadline_line(due: dict[str, Any] | None) -> str | None:
    if not due:
        return None
    days = due["days_left"]
    when = f"in {days} days" if days > 0 else ("today" if days == 0 else f"{-days} days overdue")
    return f"{due['label']}: {due['due']} ({when}) — {due['rule']}"


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def state_word(d: dict[str, Any]) -> str:
    """A deadline's state as a person reads it: 'met on time', 'met 17 days late', or the state."""
    late = d.get("late_by_days")
    if d.get("met_on") and late is not None:
        return "met on time" if late == 0 else f"met {days(late)} late"
    return str(d["state"])


def on_time(met: dict[str, Any] | None) -> str:
    """The column a step's row shows for the deadline it met: '', 'on time' or '17 days late'."""
    if not met:
        return ""
    return "on time" if met["late_by_days"] == 0 else f"{days(met['late_by_days'])} late"


def echo_late_steps(rows: Sequence[dict[str, Any]], step: str = "step") -> None:
    """Under a table of steps: each step taken late, with its deadline, the rule and its source."""
    for r in rows:
        met = r.get("met")
        if met and met["late_by_days"]:
            click.echo(
                click.style(
                    f"Late: {r['on']} {r[step]}: {days(met['late_by_days'])} after the deadline"
                    f" ({met['deadline']}, due {met['due']}: {met['rule']})",
                    fg="yellow",
                )
            )


def echo_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """CSV with a header row, UTF-8 (Excel opens it with the BOM-less UTF-8 import)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    click.echo(buffer.getvalue(), nl=False)
