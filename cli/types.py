"""Option types that fail with one line naming the field, exit 1 (not click's usage exit 2)."""

from __future__ import annotations

import codecs
import os
import re
import shlex
import stat
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import click

import bargaining
from bargaining import _, shown
from cli.errors import CommandError

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def field_name(ctx: click.Context | None, param: click.Parameter | None) -> str:
    """``round.on``: the command and the option as the user typed it (its long name)."""
    # The top command's own options are named alone: --as is the field "as", as the services
    # name it when they refuse a name.
    command = ctx.info_name if ctx is not None and ctx.info_name and ctx.parent is not None else ""
    name = "value"
    if param is not None:
        longs = [o for o in param.opts if o.startswith("--")]
        name = longs[0][2:] if longs else (param.name or "value").replace("_", "-")
    return f"{command}.{name}" if command else name


_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})", re.ASCII)


class ISODate(click.ParamType[date, Any]):
    """YYYY-MM-DD (or YYYYMMDD), full-width digits too; an impossible day says why."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        field = field_name(ctx, param)
        text = str(value).strip()
        found = _ISO_DAY.fullmatch(unicodedata.normalize("NFKC", text))
        if found is None:  # the text is quoted with its escapes: it may hold anything
            raise CommandError(
                _("{field}: {value} is not a date; use YYYY-MM-DD, e.g. 2011-06-24").format(
                    field=field, value=shown(text)
                )
            )
        year, month, day = (int(part) for part in found.groups())
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise CommandError(
                _("{field}: {value} is not a plausible date (years {earliest}-{latest})").format(
                    field=field, value=text, earliest=EARLIEST_YEAR, latest=LATEST_YEAR
                )
            )
        if not 1 <= month <= 12:
            raise CommandError(
                _("{field}: {value} is not a date: there is no month {month}").format(
                    field=field, value=text, month=month
                )
            )
        # The month's length from the date type (the calendar module would import locale).
        days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        if not 1 <= day <= days:
            raise CommandError(
                _("{field}: {value} is not a date: {year}-{month} has {days} days").format(
                    field=field, value=text, year=year, month=f"{month:02d}", days=days
                )
            )
        return date(year, month, day)


class Count(click.ParamType[int, Any]):
    """A whole number of people or copies: 0 or more, and not absurdly large."""

    name = "N"

    def __init__(self, minimum: int = 0, maximum: int = 10_000_000) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        field = field_name(ctx, param)
        typed = str(value).strip()
        digits = typed.removeprefix("-")
        # Decimal digits of any script (full-width １２ from a Chinese keyboard too); no
        # superscripts, doubled signs, exponents or separators.
        if not isinstance(value, int) and not digits.isdecimal():
            raise CommandError(
                _("{field}: {value} is not a whole number").format(field=field, value=shown(typed))
            )
        # More than 18 digits is out of every range, and int() refuses more than 4,300.
        number = int(typed) if len(digits) <= 18 else -(10**18) if typed.startswith("-") else 10**18
        if not self.minimum <= number <= self.maximum:
            number_shown = (
                typed
                if len(typed) <= 20
                else _("{start}… ({count} digits)").format(start=typed[:20], count=f"{len(digits):,}")
            )
            raise CommandError(
                _("{field}: {value} must be between {minimum} and {maximum}").format(
                    field=field, value=number_shown, minimum=self.minimum, maximum=self.maximum
                )
            )
        return number


class OneOf(click.ParamType[str, Any]):
    """A choice among fixed words, typed in English or as the catalog's word for it (``-k 工伤``
    for work-injury) whatever language the command speaks; a wrong word is an input error
    naming the choices in both forms. The value taken is the English word.

    ``context`` is the words' context in the catalog ("category"); by default the context of
    bargaining.TERMS that holds every choice, and none (English words only) if none does.
    """

    name = "CHOICE"

    def __init__(self, *choices: str, context: str | None = None) -> None:
        self.choices = choices
        self.context = context if context is not None else context_of(choices)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if text.lower() in self.choices:
            return text.lower()
        found = bargaining.typed(self.context, text, self.choices) if self.context else None
        if found is None:
            words = ", ".join(both_forms(self.context, choice) for choice in self.choices)
            raise CommandError(
                _("{field}: {value} is not one of: {choices}").format(
                    field=field_name(ctx, param), value=shown(value), choices=words
                )
            )
        return found


def context_of(choices: tuple[str, ...]) -> str | None:
    """The catalog context whose values include every one of ``choices``, if one does."""
    return next((c for c, values in bargaining.TERMS.items() if set(choices) <= set(values)), None)


def both_forms(context: str | None, value: str) -> str:
    """'work-injury (工伤)': a value and its Chinese word, in either language's message."""
    from bargaining.language import catalog

    chinese = catalog("zh") if context else None
    word = chinese.pgettext(context, value) if chinese is not None and context else value
    return value if word == value else f"{value} ({word})"


# What separates names in an option that takes a list (--member 李红,王强 or 李红、王强):
# cli.options.names splits on these, and an option naming one person refuses them.
LIST_SEPARATORS = (",", "，", "、")


class Person(click.ParamType[str, Any]):
    """One person's name (a chief, a chair, a recorder, a mediator): a list is refused, so that
    ``--chief 陈志明,孙某`` is not recorded as one chief of that name."""

    name = "NAME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        separator = next((s for s in LIST_SEPARATORS if s in text), None)
        if separator is not None:
            field = field_name(ctx, param)
            raise CommandError(
                _(
                    "{field}: {value} is more than one name ({separator} separates names in a list);"
                    " give one person's name"
                ).format(field=field, value=shown(text), separator=repr(separator))
            )
        return text


# The most text a record may take from a file: above any minutes, article or notes a
# negotiation produces (the fields hold at most a million characters), and a bound on what is
# read, so a wrong path (a video, /dev/zero) fails at once instead of filling the memory.
MAX_FILE_BYTES = 5 * 2**20
_STDIN: list[bytes] = []


def _stdin() -> bytes:
    """Standard input, read once: a retried command (--retry) sees the same text again."""
    if not _STDIN:
        _STDIN.append(sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
    return _STDIN[0]


def forget_stdin() -> None:
    """For the next command in this process (tests run many): standard input is new."""
    _STDIN.clear()


def _read(path: str) -> tuple[bytes, int | None]:
    """At most MAX_FILE_BYTES + 1 bytes of ``path`` ('-': standard input), and its size if known."""
    if path == "-":
        return _stdin(), None
    with Path(path).open("rb") as file:
        status = os.fstat(file.fileno())
        return file.read(MAX_FILE_BYTES + 1), status.st_size if stat.S_ISREG(status.st_mode) else None


def read_text_file(path: str | None, field: str) -> str | None:
    """Text from a UTF-8 file (minutes, article text); '-' reads standard input.

    UTF-16 with a byte-order mark (Windows Notepad's 'Unicode') is read too; any other encoding
    is refused with the command that converts it.
    """
    if path is None:
        return None
    name = _("standard input") if path == "-" else path if path.isprintable() else shown(path)
    try:
        data, size = _read(path)
    except OSError as error:
        raise CommandError(
            _("{field}: cannot read {name}: {reason}").format(field=field, name=name, reason=error.strerror)
        ) from None
    except ValueError:  # a NUL byte in the path
        raise CommandError(
            _("{field}: cannot read {name}: no file name contains a NUL byte").format(field=field, name=name)
        ) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        if size:
            message = _(
                "{field}: {name} is {size} MB, more than the {limit} MB of text a record may hold;"
                " keep long documents as files of their own and name them in the record"
            ).format(field=field, name=name, size=f"{size / 2**20:.1f}", limit=limit)
        else:
            message = _(
                "{field}: {name} holds more than the {limit} MB of text a record may hold;"
                " keep long documents as files of their own and name them in the record"
            ).format(field=field, name=name, limit=limit)
        raise CommandError(message)
    return _decode(data, path, name, field)


def _decode(data: bytes, path: str, name: str, field: str) -> str:
    if data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise CommandError(
            _(
                "{field}: {name} is a PDF or Word document, not text; save or export it as plain text (UTF-8)"
            ).format(field=field, name=name)
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    convert = "iconv -f GBK -t UTF-8"
    if path == "-":
        example = _("pipe it through {command}").format(command=convert)
    elif name == path:
        example = f"{convert} {shlex.quote(path)} > {shlex.quote(Path(path).stem + '-utf8.txt')}"
    else:
        example = convert
    raise CommandError(
        _("{field}: {name} is not UTF-8 text; save it as UTF-8 (e.g. {example})").format(
            field=field, name=name, example=example
        )
    )


DATE = ISODate()
PERSON = Person()
COUNT = Count()
