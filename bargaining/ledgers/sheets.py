"""Reading a ledger file's rows: an Excel workbook (openpyxl) or a CSV in the encoding Excel saved.

A workbook is read in openpyxl's read-only mode, a row at a time, so memory stays flat as
the file grows. The heading row is found, not assumed: ledgers often have a title row
above it ("2014年劳动争议调解台账", merged across the sheet) and sometimes a second heading
row under a merged cell ("金额" over 涉案金额 and 协议金额). Blank rows are skipped wherever
they are, and so is a totals row (合计). A CSV is read as UTF-8 (with or without the BOM
Excel writes) or, failing that, GB18030, the encoding Excel on a Chinese Windows saves
(a superset of GBK and GB2312), but only if the text it decodes to reads as Chinese: mostly
the characters of everyday Chinese (GB2312's hanzi and punctuation), none of the private-use
or control characters another encoding's bytes turn into. Any other file is refused with one
line asking for ``--encoding``, which names its encoding. No guessing among the rest: a
detector (charset-normalizer) took short GB18030 ledgers for Big5.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from bargaining.ledgers.cells import text
from bargaining.ledgers.headings import folded
from domain.i18n import _

HEADING_ROWS = 10  # the heading is among a sheet's first rows
TOTALS = {"合计", "总计", "小计", "total", "totals"}
SAMPLE = 1 << 16
FIELD_LIMIT = 10 * 1024 * 1024  # the longest CSV cell read (Python's own limit is 128 kB)


class SheetError(ValueError):
    """A file that cannot be read as a ledger."""


@attrs.frozen
class Row:
    sheet: str
    number: int  # as the spreadsheet numbers it: the heading row is usually 1
    cells: tuple[Any, ...]


@attrs.frozen
class Table:
    """One sheet: its headings and an iterator of its data rows."""

    sheet: str
    headings: tuple[str, ...]
    rows: Iterator[Row]
    size: int | None = None  # the rows the sheet says it has (headings included), for progress


def _gb2312() -> dict[int, None]:
    """GB2312's symbols (row 1), numbers (2), full-width forms (3) and 6,763 hanzi (16-87), as
    GB18030 decodes them: the characters Chinese text is mostly made of (a table that drops them)."""
    found: dict[int, None] = {}
    for lead in (0xA1, 0xA2, 0xA3, *range(0xB0, 0xF8)):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                found[ord(bytes((lead, trail)).decode("gb18030"))] = None
    return found


COMMON_CHINESE = _gb2312()
CHINESE_SHARE = 0.8  # of a GB18030 file's non-ASCII characters, at least, are everyday Chinese
# What another encoding's bytes become in GB18030 and no ledger holds: control characters (a
# NUL of UTF-16 among them), the private-use area GBK's user-defined rows map to.
_MOJIBAKE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_ASCII = re.compile("[\x00-\x7f]+")
CHECKED = 16 * SAMPLE  # the first megabyte of a file is enough to tell Chinese from mojibake


def encoding_of(path: Path) -> str:
    """UTF-8 (BOM or not) if the whole file decodes as UTF-8, else GB18030 if it reads as
    Chinese in it; else SheetError, asking for --encoding."""
    with path.open("rb") as file:
        start = file.read(3)
        if start == codecs.BOM_UTF8:
            return "utf-8-sig"
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = start
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = file.read(SAMPLE)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            file.seek(0)
            if _reads_as_chinese(file.read(CHECKED)):
                return "gb18030"
            raise SheetError(
                _(
                    "{file} is not UTF-8, and read as GB18030 (what Excel on a Chinese Windows saves)"
                    " it is not Chinese text: give its encoding, e.g. --encoding big5"
                ).format(file=path.name)
            ) from None
    return "utf-8"


def _reads_as_chinese(start: bytes) -> bool:
    """Whether ``start`` (a file's first bytes) decodes in GB18030 to Chinese text: mostly
    everyday Chinese characters, and nothing another encoding's bytes would turn into."""
    try:
        decoded = codecs.getincrementaldecoder("gb18030")().decode(start)
    except UnicodeDecodeError:
        return False
    if _MOJIBAKE.search(decoded):
        return False
    wide = _ASCII.sub("", decoded)
    rare = wide.translate(COMMON_CHINESE)
    return bool(wide) and len(wide) - len(rare) >= CHINESE_SHARE * len(wide)


def tables(
    path: Path, *, encoding: str = "", sheet: str = "", known: Callable[[str], bool]
) -> Iterator[Table]:
    """The ledger tables of ``path``: each sheet of a workbook (or the one named), or the CSV."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _workbook(path, sheet, known)
    elif suffix in (".csv", ".txt"):
        yield _csv(path, encoding or encoding_of(path), known)
    else:
        raise SheetError(
            _("{file}: not a ledger file; give an .xlsx workbook or a .csv file").format(file=path.name)
        )


def _workbook(path: Path, only: str, known: Callable[[str], bool]) -> Iterator[Table]:
    import openpyxl  # a workbook needs it; a CSV does not

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors on a bad file
        raise SheetError(
            _("{file} cannot be read as an Excel workbook ({error})").format(file=path.name, error=error)
        ) from None
    names = book.sheetnames
    if only and only not in names:
        raise SheetError(
            _("{file} has no sheet {sheet}; its sheets: {sheets}").format(
                file=path.name, sheet=only, sheets=", ".join(names)
            )
        )
    try:
        for name in [only] if only else names:
            worksheet = book[name]
            if not only and worksheet.sheet_state != "visible":
                continue  # a hidden sheet (a draft, a lookup list) is read only when named
            rows = _filled(
                (tuple(r) for r in worksheet.iter_rows(values_only=True)), _merged(path, worksheet)
            )
            table = _found(name, rows, known)
            if table is not None:
                yield attrs.evolve(table, size=worksheet.max_row)
    finally:
        book.close()


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged(path: Path, worksheet: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (first row, last row, first column, last column; from 1).

    openpyxl's streaming reader gives a merged range's value to its first cell only, and does
    not read the ranges: they are read here from the sheet's XML (listed after its rows)."""
    from openpyxl.utils import column_index_from_string

    found: list[tuple[int, int, int, int]] = []
    with zipfile.ZipFile(path) as archive, archive.open(worksheet._worksheet_path) as source:
        tail = b""
        for chunk in iter(lambda: source.read(SAMPLE), b""):
            text = tail + chunk
            for m in _MERGE.finditer(text):
                first, last = column_index_from_string(m[1].decode()), column_index_from_string(m[3].decode())
                found.append((int(m[2]), int(m[4]), first, last))
            tail = text[-200:] if not text.endswith(b">") else b""
    return sorted(set(found))


def _filled(
    rows: Iterator[tuple[Any, ...]], ranges: list[tuple[int, int, int, int]]
) -> Iterator[tuple[Any, ...]]:
    """Rows with each merged range's value in every cell of it, as the sheet shows it."""
    if not ranges:
        yield from rows
        return
    values: dict[tuple[int, int, int, int], Any] = {}
    for number, cells in enumerate(rows, start=1):
        row = list(cells)
        for merged in ranges:
            first, last, left, right = merged
            if not first <= number <= last:
                continue
            if number == first:
                values[merged] = row[left - 1] if left - 1 < len(row) else None
            row += [None] * (right - len(row))
            for column in range(left - 1, right):
                if row[column] is None:
                    row[column] = values.get(merged)
        yield tuple(row)


def _csv(path: Path, encoding: str, known: Callable[[str], bool]) -> Table:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SheetError(
            _("{encoding} is not an encoding; e.g. utf-8, gb18030").format(encoding=encoding)
        ) from None
    csv.field_size_limit(FIELD_LIMIT)  # a cell's own limit is checked where its field is
    file: IO[str] = path.open(encoding=encoding, newline="", errors="strict")
    rows = (tuple(r) for r in csv.reader(file))
    table = _found(path.stem, _closing(rows, file), known)
    if table is None:
        file.close()
        raise SheetError(_("{file} has no heading row naming the ledger's columns").format(file=path.name))
    return attrs.evolve(table, size=_lines(path))


def _lines(path: Path) -> int:
    """A CSV's lines, counted in its bytes (a row's cell may hold a line break: an estimate)."""
    with path.open("rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(SAMPLE), b""))


def _closing(rows: Iterator[tuple[Any, ...]], file: IO[str]) -> Iterator[tuple[Any, ...]]:
    try:
        yield from rows
    except csv.Error as error:
        raise SheetError(_("the file cannot be read as CSV ({error})").format(error=error)) from None
    except UnicodeDecodeError as error:
        raise SheetError(
            _("the file is not in {encoding} (byte {at}); give --encoding").format(
                encoding=error.encoding, at=error.start
            )
        ) from None
    finally:
        file.close()


def _matches(cells: Sequence[Any], known: Callable[[str], bool]) -> int:
    return sum(1 for cell in cells if cell is not None and known(folded(cell)[0]))


def _found(sheet: str, rows: Iterator[tuple[Any, ...]], known: Callable[[str], bool]) -> Table | None:
    """The sheet's heading row (the first of its first rows naming two known columns, merged
    with a heading row under it), then its data rows; None for a sheet with no ledger in it."""
    seen: list[tuple[Any, ...]] = []
    for row in rows:
        seen.append(row)
        if _matches(row, known) >= 2 or len(seen) >= HEADING_ROWS:
            break
    at = next((i for i, row in enumerate(seen) if _matches(row, known) >= 2), None)
    if at is None:
        return None
    headings = list(seen[at])
    number = at + 1
    following = next(rows, None)
    if following is not None and _matches(following, known) >= 1 and not _data_like(following, known):
        # A second heading row under merged cells: its names fill the gaps and replace groups.
        width = max(len(headings), len(following))
        headings += [None] * (width - len(headings))
        for i, cell in enumerate(following):
            if cell is not None and known(folded(cell)[0]):
                headings[i] = cell
        number += 1
        following = None
    return Table(
        sheet=sheet,
        headings=tuple("" if h is None else str(h) for h in headings),
        rows=_data(sheet, number, following, rows),
    )


def _data_like(row: Sequence[Any], known: Callable[[str], bool]) -> bool:
    return _matches(row, known) < sum(1 for cell in row if text(cell))


def _data(
    sheet: str, number: int, first: tuple[Any, ...] | None, rows: Iterator[tuple[Any, ...]]
) -> Iterator[Row]:
    for cells in itertools.chain([first] if first is not None else [], rows):
        number += 1
        if _record(cells):
            yield Row(sheet, number, cells)


def _record(cells: Sequence[Any]) -> bool:
    """A row that holds a record: not blank, not a totals row."""
    filled = [text(c) for c in cells if text(c)]
    return bool(filled) and "".join(filled[0].split()).casefold() not in TOTALS  # 合 计 is 合计
