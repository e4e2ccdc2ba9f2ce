"""One renderer: tables by default, the same rows as JSON with --json."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

from bargaining import N_, _, ngettext, term


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

    A table wider than the terminal (``width_limit``) has its widest columns wrapped to fit
    (``fitted``); a table that fits, and every table written to a pipe or a file, is as above.
    """
    text = _simple(rows, headers)
    if text is None:
        from tabulate import tabulate  # imported lazily: it costs ~50 ms of start-up

        text = tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True)
    return _within_limit(text, lambda: [list(r) for r in rows], headers)


def column_table(columns: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """``table`` given column by column, as a long report builds its cells: the same text."""
    if len(set(map(len, columns))) > 1 or len(columns) != len(headers):
        raise ValueError("a table's columns must be as many as its headers, and of one length")
    text = _laid_out(columns, headers)
    if text is None:
        return table(list(zip(*columns, strict=True)), headers)
    return _within_limit(text, lambda: [list(r) for r in zip(*columns, strict=True)], headers)


def width_limit() -> int | None:
    """How wide a line may be: ``COLUMNS`` when it is a positive number, else the terminal's
    width when standard output is one, else None (a pipe or a file keeps whole lines)."""
    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    stream = sys.stdout
    try:
        if stream is not None and stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, OSError, ValueError):
        pass  # a stream without a file descriptor (a test's capture), or a closed one
    return None


def _within_limit(text: str, rows: Any, headers: Sequence[str]) -> str:
    """``text`` as it is when it fits the width limit, else the table wrapped to fit it.

    Every line of a table is at most as wide as its rule of dashes (the second line), so one
    line's length says whether it fits: a table that fits costs nothing more."""
    limit = width_limit()
    if limit is None:
        return text
    start = text.find("\n") + 1
    end = text.find("\n", start)
    rule = text[start:] if end < 0 else text[start:end]
    if start and set(rule) <= {"-", " "}:
        fits = len(rule) <= limit
    else:  # a heading of several lines: measure them all
        fits = max(map(_cell_width, text.split("\n"))) <= limit
    return text if fits else fitted(rows(), headers, limit)


# A wrapped cell breaks at spaces, and between two wide characters (CJK text has no spaces);
# a run of other characters is a word, kept whole unless it alone is wider than its column.
# Punctuation that closes (，。》) stays with what it closes; opening punctuation with what it opens.
@functools.cache
def _wrapping() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The pieces a line breaks between, a colour code, a styled cell (compiled on first use:
    a table that fits never needs them)."""
    wide = "\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    opening, closing = "（《「『【〔〈“‘(\\[", "，。、；：？！）》」』】〕〉”’…—,.;:?!)\\]"
    chunks = re.compile(f"\\s+|[{opening}]*(?:[^\\s{wide}]+|.)[{closing}]*")
    sgr = re.compile(r"\x1b\[[0-9;]*m")
    styled = re.compile(r"((?:\x1b\[[0-9;]*m)+)(.*?)((?:\x1b\[0m)?)", re.DOTALL)
    return chunks, sgr, styled


ELLIPSIS = "…"


def _cell_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: a wide character two, a colour code none."""
    if text.isascii() and text.isprintable():
        return len(text)
    import wcwidth  # only when something is measured for wrapping

    return max(0, int(wcwidth.width(text)))


def wrap(text: str, width: int) -> list[str]:
    """``text`` on lines at most ``width`` columns wide, a wide character counted as two.

    Breaks at spaces and between CJK characters; a word wider than the line is clipped with …
    (the only text lost). A cell's own line breaks are kept; a styled cell (a retracted step,
    struck through) keeps its style on every line."""
    _, sgr, style = _wrapping()
    styled = style.fullmatch(text) if "\x1b" in text else None
    if styled and not sgr.search(styled.group(2)):
        on, inner = styled.group(1), styled.group(2)
        return [f"{on}{line}\x1b[0m" if line else line for line in wrap(inner, width)]
    if "\x1b" in text:
        text = sgr.sub("", text)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrapped(paragraph, max(width, 1))
    return lines


def _wrapped(text: str, width: int) -> list[str]:
    if _cell_width(text) <= width:
        return [text.strip()]
    if not text.isprintable():  # a control character shown as what it does: a space
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    lines: list[str] = []
    line, used, space = "", 0, False
    for chunk in _wrapping()[0].findall(text):
        if chunk.isspace():
            space = True
            continue
        size = _cell_width(chunk)
        gap = 1 if space and line else 0
        space = False
        if used + gap + size <= width:
            line, used = (f"{line} {chunk}" if gap else line + chunk), used + gap + size
            continue
        if line:
            lines.append(line)
        line, used = _clipped(chunk, width) if size > width else (chunk, size)
    if line or not lines:
        lines.append(line)
    return lines


def _clipped(text: str, width: int) -> tuple[str, int]:
    """``text`` cut to ``width`` columns, its last one an ellipsis."""
    import wcwidth

    kept = wcwidth.clip(text, 0, max(width - 1, 0), fillchar="")
    return kept + ELLIPSIS, _cell_width(kept) + 1


def fitted(rows: Sequence[Sequence[Any]], headers: Sequence[str], limit: int) -> str:
    """The table in at most ``limit`` columns: the widest columns narrowed to one width, as
    wide as leaves room for the others, their cells wrapped onto more lines.

    A column is not narrowed below its longest word (up to a quarter of the line): short
    columns, dates, references and numbers, stay whole, and a word is clipped only where it
    cannot fit. A line is clipped only where not even that can."""
    titles = [str(h).strip() for h in headers]
    cells = [["" if v is None else str(v).strip().replace("\t", " ") for v in row] for row in rows]
    count = len(titles)
    if not count:
        return ""
    natural = [_cell_width(t) for t in titles]  # no room kept beside a heading: the text needs it
    words = [0] * count
    for row in [titles, *cells]:
        for i, cell in enumerate(row[:count]):
            size = max(map(_cell_width, cell.split("\n")))
            natural[i] = max(natural[i], size)
            if size > words[i]:
                words[i] = max(words[i], _longest_word(cell))
    room = max(limit - 2 * (count - 1), count)
    longest = [min(w, n, max(limit // 4, 1)) for w, n in zip(words, natural, strict=True)]
    least = _narrowed(longest, [1] * count, room)
    widths = _narrowed(natural, least, room)
    lines: list[str] = []
    for i, row in enumerate([titles, *cells]):
        wrapped = [
            wrap(cell, w) if "\n" in cell or _cell_width(cell) > w else [cell]
            for cell, w in zip(row, widths, strict=True)
        ]
        for depth in range(max(map(len, wrapped))):
            parts = []
            for lines_of, w in zip(wrapped, widths, strict=True):
                part = lines_of[depth] if depth < len(lines_of) else ""
                parts.append(part + " " * (w - _cell_width(part)))
            lines.append("  ".join(parts).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line if _cell_width(line) <= limit else _clipped(line, limit)[0] for line in lines)


def _longest_word(text: str) -> int:
    """The width of the widest piece of ``text`` a line cannot break."""
    chunks, sgr, _ = _wrapping()
    return max((_cell_width(chunk) for chunk in chunks.findall(sgr.sub("", text))), default=0)


def _narrowed(natural: list[int], least: list[int], room: int) -> list[int]:
    """Each column's width: its natural one, or the one cap of the widest columns that lets
    them all fit in ``room`` (the largest such cap), none below its ``least``; the columns
    left wider than the cap share what is left over."""

    def total(cap: int) -> int:
        return sum(max(f, min(n, cap)) for n, f in zip(natural, least, strict=True))

    if total(max(natural)) <= room:
        return natural
    low, high = 0, max(natural)
    while low < high:  # the largest cap at which the columns fit
        cap = (low + high + 1) // 2
        if total(cap) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, least, strict=True)]
    spare = room - sum(widths)
    for i in sorted(range(len(natural)), key=lambda i: -natural[i]):
        if spare <= 0:
            break
        if natural[i] > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


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
        return _("{step} (retracted by #{number})").format(step=text, number=r["retracted_by"])
    if r.get("corrected_by"):
        numbers = ", ".join(f"#{n}" for n in r["corrected_by"])
        return _("{step} (corrected by {numbers})").format(step=text, numbers=numbers)
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
    shown = [(key, f"{value}") for key, value in pairs if value not in (None, "", [])]  # as f-strings show it
    width = max((_width(k) for k, _ in shown), default=0)
    limit = width_limit()
    for key, value in shown:
        label = key + " " * (width - _width(key))
        if limit is None or _width(label) + 2 + _width(value) <= limit:
            click.echo(f"{label}  {value}")
        else:  # the value wrapped under itself, the labels kept in their column
            lines = wrap(value, max(limit - width - 2, 10))
            click.echo("\n".join([f"{label}  {lines[0]}", *(" " * (width + 2) + line for line in lines[1:])]))


def fit(text: str, indent: int = 2) -> str:
    """A line of text within the width limit: wrapped, its further lines indented."""
    limit = width_limit()
    if limit is None or _cell_width(text) <= limit:
        return text
    first, *rest = wrap(text, max(limit - indent, 10))
    return "\n".join([first, *(" " * indent + line for line in rest)])


def echo_recorded(reference: str, what: str, view: dict[str, Any], state: str = "status") -> None:
    """After a write: what was recorded, the stage or status, the next deadline, any notes."""
    click.echo(
        fit(
            _("{reference}: {what}. {state}: {value}.").format(
                reference=reference,
                what=what,
                state=_(STATE_WORDS[state]),
                value=state_value(state, view[state]),
            )
        )
    )
    line = _deadline_text(view["next_deadline"])
    if line:
        click.echo(fit(_("Next: {deadline}").format(deadline=line)))
    for note in view.get("notes", ()):
        click.echo(fit(_("Note: {note}").format(note=note)))


STATE_WORDS = {"status": N_("Status"), "stage": N_("Stage")}


def state_value(state: str, value: str) -> str:
    """A status or stage in the current language: a contract's status is among the stages."""
    word = term(state, value)
    return term("stage", value) if word == value and state != "stage" else word


def deadline_line(due: dict[str, Any] | None) -> str | None:
    """A deadline on a line of its own: what, when, and the rule (wrapped to the width limit)."""
    text = _deadline_text(due)
    return None if text is None else fit(text)


def _deadline_text(due: dict[str, Any] | None) -> str | None:
    if not due:
        return None
    left = due["days_left"]
    if left > 0:
        when = ngettext("in {count} day", "in {count} days", left).format(count=left)
    elif left == 0:
        when = _("today")
    else:
        when = ngettext("{count} day overdue", "{count} days overdue", -left).format(count=-left)
    return _("{deadline}: {due} ({when}) — {rule}").format(
        deadline=due["label"], due=due["due"], when=when, rule=due["rule"]
    )


def days(n: int) -> str:
    return ngettext("{count} day", "{count} days", n).format(count=n)


def state_word(d: dict[str, Any]) -> str:
    """A deadline's state as a person reads it: 'met on time', 'met 17 days late', or the state."""
    late = d.get("late_by_days")
    if d.get("met_on") and late is not None:
        return _("met on time") if late == 0 else _("met {days} late").format(days=days(late))
    return term("state", str(d["state"]))


def on_time(met: dict[str, Any] | None) -> str:
    """The column a step's row shows for the deadline it met: '', 'on time' or '17 days late'."""
    if not met:
        return ""
    return (
        _("on time") if met["late_by_days"] == 0 else _("{days} late").format(days=days(met["late_by_days"]))
    )


def echo_late_steps(rows: Sequence[dict[str, Any]], step: str = "step") -> None:
    """Under a table of steps: each step taken late, with its deadline, the rule and its source."""
    for r in rows:
        met = r.get("met")
        if met and met["late_by_days"]:
            click.echo(
                click.style(
                    fit(
                        _(
                            "Late: {on} {step}: {days} after the deadline ({deadline}, due {due}: {rule})"
                        ).format(
                            on=r["on"],
                            step=r[step],
                            days=days(met["late_by_days"]),
                            deadline=met["deadline"],
                            due=met["due"],
                            rule=met["rule"],
                        )
                    ),
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
