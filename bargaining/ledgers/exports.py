"""The store's cases as the ledger a federation keeps (调解台账), in Excel or CSV.

One row a case, from the read model (so an export of 100,000 cases reads no aggregate):
the headings the import reads back (Chinese by default, English on request), dates as real
Excel dates, money as numbers with two decimals, the heading row frozen, columns as wide as
what they hold, and on request one sheet a year. Exported and imported again, a store's
cases give the same reports: the columns are the facts those reports are made from, with
the texts a ledger keeps (调解员, 协议内容, 备注), so that the ledger exported again is the same.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bargaining.errors import InvalidValueError
from bargaining.language import catalog
from bargaining.ledgers import cases, contracts
from bargaining.ledgers.headings import CASE_FIELDS, CONTRACT_FIELDS, Field
from bargaining.read.reports import BY_OUTCOME, HANDLING_RATE, SUCCESS_RATE, ReportService
from domain.i18n import ENGLISH, N_, NC_, Catalog, _

# The columns of the exported case ledger, in order: what the import needs to rebuild the
# case, and what the reports count.
CASE_EXPORT = (
    "reference",
    "applicants",
    "respondent",
    "category",
    "received",
    "accepted",
    "closed",
    "extended",
    "outcome",
    "workers",
    "claimed",
    "agreed",
    "due",
    "performed",
    "performed_on",
    "body",
    "body_name",
    "channel",
    "request",
    "mediator",
    "terms",
    "note",
)
_ZH_OUTCOME = {
    "settled": "调解成功",
    "failed": "调解不成",
    "withdrawn": "撤回",
    "declined": "不予受理",
    "referred": "移送仲裁",
}
_PERFORMED = {True: {True: "已履行", False: "未履行"}, False: {True: "yes", False: "no"}}
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


def _first(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {value: words[0] for value, words in table.items()}


_ZH_CATEGORY = _first(cases.CATEGORIES)
_ZH_CHANNEL = _first(cases.CHANNELS)


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def case_row(r: dict[str, Any], language: str, names: dict[str, str]) -> dict[str, Any]:
    """A read-model row as the ledger's cells: dates and amounts as values, words in ``language``."""
    zh = language == "zh"
    outcome = "declined" if r["declined_on"] else (r["outcome"] or "")
    return {
        "reference": r["reference"],
        "applicants": "、".join((r["applicants"] or "").split("\n")),
        "respondent": r["respondent"],
        "category": _ZH_CATEGORY[r["category"]] if zh else r["category"],
        "received": _day(r["received_on"]),
        "accepted": _day(r["accepted_on"]),
        "closed": _day(r["declined_on"] or r["closed_on"]),
        "extended": _day(r["extended_until"]),
        "outcome": (_ZH_OUTCOME.get(outcome, outcome) if zh else outcome),
        "workers": r["workers"],
        "claimed": _yuan(r["claimed_fen"]),
        "agreed": _yuan(r["agreed_fen"]),
        "due": _day(r["performance_due"]),
        "performed": "" if r["performed"] is None else _PERFORMED[zh][bool(r["performed"])],
        "performed_on": _day(r["performed_on"]),
        "body": r["body"] or "",
        "body_name": names.get(r["body"] or "", ""),
        "channel": _ZH_CHANNEL.get(r["channel"], r["channel"]) if zh else r["channel"],
        "request": r["request"] or "",
        # The agreement's mediator and terms (a settled case's only), and the facts stated.
        "mediator": r["mediator"] or "",
        "terms": r["terms"] or "",
        "note": r["facts"] or "",
    }


CONTRACT_EXPORT = (
    "reference",
    "employer",
    "union",
    "kind",
    "signed",
    "submitted",
    "received",
    "effective",
    "start",
    "expires",
)
_ZH_KIND = _first(contracts.KINDS)


def contract_row(r: dict[str, Any], language: str) -> dict[str, Any]:
    """A board row as the contract ledger's cells."""
    zh = language == "zh"
    return {
        "reference": r["reference"],
        "employer": r["employer"],
        "union": r["union_name"] or "",
        "kind": _ZH_KIND[r["kind"]] if zh else r["kind"],
        "signed": _day(r["signed_on"]),
        "submitted": _day(r["submitted_on"]),
        "received": _day(r["received_on"]),
        "effective": _day(r["effective_on"]),
        "start": _day(r["term_start"]),
        "expires": _day(r["term_end"]),
    }


def _fields(known: Sequence[Field], names: Sequence[str]) -> list[Field]:
    by_name = {f.name: f for f in known}
    return [by_name[n] for n in names]


def headings(
    language: str, known: Sequence[Field] = CASE_FIELDS, names: Sequence[str] = CASE_EXPORT
) -> list[str]:
    return [f.zh[0] if language == "zh" else f.en[0] for f in _fields(known, names)]


def _period(start: date | None, end: date | None) -> tuple[str, str]:
    """The first and last day of an export's period (the whole record by default), ISO."""
    if start is not None and end is not None and end < start:
        raise InvalidValueError("export.to", _("{end} is before --from {start}").format(end=end, start=start))
    return (start or date.min).isoformat(), (end or date.max).isoformat()


def export_cases(
    reports: ReportService,
    out: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    body: str = "",
    language: str = "zh",
    by_year: bool = False,
) -> dict[str, Any]:
    """Write the cases received in the period (all, by default) as a ledger; return what was written."""
    low, high = _period(start, end)
    names = reports.body_names()
    if body and body not in names:
        raise InvalidValueError(
            "export.body",
            _("no mediation body {body}; its reference is as 'body list' shows it").format(body=body),
        )
    found = [
        r
        for r in reports.case_ledger_rows()
        if low <= r["received_on"] <= high and (not body or (r["body"] or "") == body)
    ]
    rows = [case_row(r, language, names) for r in found]
    titles = headings(language)
    sheets = _write(out, titles, rows, CASE_EXPORT, by_year="received" if by_year else "", label=_("cases"))
    return {"file": str(out), "records": len(rows), "sheets": sheets}


def export_contracts(
    reports: ReportService,
    out: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    language: str = "zh",
    by_year: bool = False,
) -> dict[str, Any]:
    """Write the contracts signed in the period (all, by default) as a ledger."""
    low, high = _period(start, end)
    found = [r for r in reports.agreement_rows() if r["signed_on"] and low <= r["signed_on"] <= high]
    rows = [contract_row(r, language) for r in found]
    titles = headings(language, CONTRACT_FIELDS, CONTRACT_EXPORT)
    sheets = _write(
        out, titles, rows, CONTRACT_EXPORT, by_year="signed" if by_year else "", label=_("contracts")
    )
    return {"file": str(out), "records": len(rows), "sheets": sheets}


def writable(out: Path) -> Path:
    """``out``, if a file can be written there: its folder exists and it is not a folder."""
    if not out.parent.is_dir():
        raise InvalidValueError(
            "export.out",
            _("{folder} is not a folder: make it first, or give another --out").format(folder=out.parent),
        )
    if out.is_dir():
        raise InvalidValueError("export.out", _("{file} is a folder: give a file name").format(file=out))
    return out


def _write(
    out: Path, titles: list[str], rows: list[dict[str, Any]], keys: Sequence[str], *, by_year: str, label: str
) -> list[str]:
    writable(out)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        _write_csv(out, titles, rows, keys)
        return [out.stem]
    if suffix == ".xlsx":
        return _write_xlsx(out, titles, rows, keys, by_year=by_year, label=label)
    raise InvalidValueError(
        "export.out", _("{file}: give a file ending in .xlsx or .csv").format(file=out.name)
    )


def _write_csv(out: Path, titles: list[str], rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> None:
    # UTF-8 with a BOM: Excel opens it as UTF-8 (without one, Excel on Chinese Windows reads GBK).
    with out.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(titles)
        for row in rows:
            writer.writerow(["" if v is None else v for v in (row[k] for k in keys)])


def _width(value: Any) -> int:
    text = value.isoformat() if isinstance(value, date) else "" if value is None else f"{value}"
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _write_xlsx(
    out: Path, titles: list[str], rows: list[dict[str, Any]], keys: Sequence[str], *, by_year: str, label: str
) -> list[str]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = str(row[by_year].year) if by_year and row[by_year] else label
        groups.setdefault(key, []).append(row)
    if not groups:
        groups[label] = []
    book = Workbook(write_only=True)
    for name, members in sorted(groups.items()):
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        for i, key in enumerate(keys, start=1):
            widest = max([_width(titles[i - 1]), *(_width(r[key]) for r in members[:5000])])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, widest + 2)
        bold = Font(bold=True)
        head = []
        for title in titles:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            head.append(cell)
        sheet.append(head)
        for row in members:
            cells = []
            for key in keys:
                cell = WriteOnlyCell(sheet, value=row[key])
                if isinstance(row[key], str) and row[key].startswith("="):
                    cell.data_type = "s"  # text, as typed: never a formula
                if isinstance(row[key], date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(row[key], Decimal):
                    cell.number_format = MONEY_FORMAT
                cells.append(cell)
            sheet.append(cells)
    book.save(out)
    return sorted(groups)


# The statistics workbook's columns: the counts, sums and rates of `stats disputes` with its
# by-outcome figures, headed in the export's language (the words `stats disputes --csv` uses).
STATS_EXPORT = (
    (NC_("csv", "group"), "group"),
    (NC_("csv", "received"), "received"),
    (NC_("csv", "accepted"), "accepted"),
    (NC_("csv", "declined"), "declined"),
    (NC_("csv", "closed"), "closed"),
    (NC_("csv", "succeeded"), "succeeded"),
    (NC_("csv", "failed"), "failed"),
    (NC_("csv", "withdrawn"), "withdrawn"),
    (NC_("csv", "referred"), "referred"),
    (NC_("csv", "carried_over"), "carried_over"),
    (NC_("csv", "workers"), "workers"),
    (NC_("csv", "amount_claimed"), "amount_claimed"),
    (NC_("csv", "amount_agreed"), "amount_agreed"),
    (NC_("csv", "average_days_to_close"), "average_days_to_close"),
    (NC_("csv", "handling_rate"), "handling_rate"),
    (NC_("csv", "success_rate"), "success_rate"),
    (NC_("csv", "succeeded_workers"), "succeeded.workers"),
    (NC_("csv", "succeeded_claimed"), "succeeded.amount_claimed"),
    (NC_("csv", "failed_workers"), "failed.workers"),
    (NC_("csv", "failed_claimed"), "failed.amount_claimed"),
    (NC_("csv", "withdrawn_workers"), "withdrawn.workers"),
    (NC_("csv", "withdrawn_claimed"), "withdrawn.amount_claimed"),
    (NC_("csv", "referred_workers"), "referred.workers"),
    (NC_("csv", "referred_claimed"), "referred.amount_claimed"),
)
STATS_SHEETS = ((N_("by category"), "category"), (N_("by body"), "body"), (N_("by month"), "month"))
TOTAL = N_("total")
MONEY_KEYS = ("amount_claimed", "amount_agreed")


def _cell(row: dict[str, Any], key: str) -> Any:
    """A statistic as the workbook holds it: counts and amounts as numbers, a rate as a
    fraction shown as a percentage, an average as a number; blank where there is none."""
    outcome, _dot, figure = key.rpartition(".")
    value = row["by_outcome"][outcome][figure] if outcome else row[key]
    if figure in MONEY_KEYS or key in MONEY_KEYS:
        return Decimal(value)
    if key in RATE_KEYS:
        return None if value is None else Percent(Decimal(value.rstrip("%")) / 100)
    if key == "average_days_to_close":
        return None if value is None else Days(value)
    return value


class Percent(Decimal):
    """A rate written as a percentage cell (93.3%)."""


class Days(Decimal):
    """An average number of days, to a tenth."""


RATE_KEYS = ("handling_rate", "success_rate")


def export_stats(
    reports: ReportService, out: Path, *, year: int, language: str = "zh", names: dict[str, str] | None = None
) -> dict[str, Any]:
    """The year's mediation statistics as a federation files them: a sheet by category, by
    body and by month, each with its total and the formulas under it."""
    words = words_in(language)
    start, end = date(year, 1, 1), date(year, 12, 31)
    bodies = reports.body_names() if names is None else names
    sheets: list[tuple[str, list[str], list[list[Any]], list[str]]] = []
    for title, by in STATS_SHEETS:
        data = reports.dispute_stats(start=start, end=end, by=by)
        table = []
        for row in [*data["rows"], data["total"]]:
            cells = [_cell(row, key) for _heading, key in STATS_EXPORT]
            total = row is data["total"]
            cells[0] = words.gettext(TOTAL) if total else _group(by, row["group"], language, bodies)
            table.append(cells)
        headings = [words.pgettext("csv", heading) for heading, _key in STATS_EXPORT]
        formulas = [words.gettext(f) for f in (HANDLING_RATE, SUCCESS_RATE, BY_OUTCOME)]
        sheets.append((words.gettext(title), headings, table, formulas))
    if out.suffix.lower() != ".xlsx":
        raise InvalidValueError("export.out", _("{file}: give a file ending in .xlsx").format(file=out.name))
    _write_stats(writable(out), sheets)
    return {"file": str(out), "year": year, "sheets": [s[0] for s in sheets]}


def _group(by: str, group: str, language: str, bodies: dict[str, str]) -> str:
    if by == "category" and language == "zh":
        return _ZH_CATEGORY.get(group, group)
    if by == "body":
        return f"{group} {bodies[group]}" if group in bodies and bodies[group] != group else group
    return group


def words_in(language: str) -> Catalog:
    """The words of ``language``, whatever language the command speaks."""
    found = catalog(language) if language != "en" else None
    return found if found is not None else ENGLISH


def _write_stats(out: Path, sheets: list[tuple[str, list[str], list[list[Any]], list[str]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for title, headings, rows, formulas in sheets:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "B2"
        for i, heading in enumerate(headings, start=1):
            widest = max([_width(heading), *(_width(r[i - 1]) for r in rows)])
            sheet.column_dimensions[get_column_letter(i)].width = min(40, widest + 2)
        bold = Font(bold=True)
        head = []
        for heading in headings:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font = bold
            head.append(cell)
        sheet.append(head)
        for row in rows:
            cells = []
            for value in row:
                kind = type(value)
                shown: Any = Decimal(value) if kind in (Percent, Days) else value
                cell = WriteOnlyCell(sheet, value=shown)
                if kind is Percent:
                    cell.number_format = "0.0%"
                elif kind is Days:
                    cell.number_format = "0.0"
                elif kind is Decimal:
                    cell.number_format = MONEY_FORMAT
                cells.append(cell)
            sheet.append(cells)
        sheet.append([])
        for formula in formulas:
            sheet.append([formula])
    book.save(out)
