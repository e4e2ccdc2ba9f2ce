"""``bargaining import …``: bring a federation's past ledgers (台账) into the store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import click

from bargaining import N_, _, ngettext
from cli.main import Session
from cli.options import pass_session
from cli.output import echo_json
from cli.params import group, option
from cli.types import DATE


@group("import")
def import_() -> None:
    """Import past records from a ledger (台账): an Excel workbook or a CSV file.

    \b
    Examples:
      bargaining import cases 调解台账2014.xlsx --dry-run
      bargaining import cases 调解台账2014.xlsx
    """


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for value in values:
        column, sep, field = value.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise click.BadParameter(
                _("{value}: write it as COLUMN=field, e.g. 案件号=reference").format(value=value)
            )
        found[column.strip()] = field.strip()
    return found


def _import_options(func: Callable[..., Any]) -> Callable[..., Any]:
    decorators: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        option(
            "--map",
            "mapping",
            multiple=True,
            metavar="COLUMN=field",
            help="A column the ledger names differently: 案件号=reference (repeatable).",
        ),
        option(
            "--encoding",
            metavar="NAME",
            default="",
            help="A CSV's encoding (default: UTF-8 if it is, else GB18030 if it reads as Chinese).",
        ),
        option(
            "--sheet",
            metavar="NAME",
            default="",
            help="Only this sheet of a workbook (default: every sheet with the headings).",
        ),
        option("--dry-run", is_flag=True, help="Check every row and print every problem; write nothing."),
        option(
            "--skip-invalid",
            is_flag=True,
            help="Import the good rows; write the bad ones to FILE.invalid.csv beside it.",
        ),
        option("--json", "as_json", is_flag=True, english=True, help="Print the report as JSON."),
        pass_session,
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@import_.command("cases")
@_import_options
def cases(session: Session, **options: Any) -> None:
    """Import a mediation case ledger (调解台账): each row becomes the case it records.

    A row's case is opened, accepted and closed as its dates and outcome say (调解成功,
    调解不成, 撤回, 不予受理, 移送仲裁), through the same rules as the typed commands, and
    marked as imported from the file's sheet and row. Headings may be Chinese or English
    (案件编号, 申请人, 被申请人, 争议类型, 受理日期, 结案日期, 处理结果, 涉及人数, 涉案金额,
    协议金额 …; see docs/ledgers.md); --map names any other. A mediation body named in the
    ledger and not in the store is registered with its first case.

    Every row is checked first: if any has a problem, every problem is printed and nothing is
    written (unless --skip-invalid). Importing the same file again adds nothing; a row whose
    reference exists with other facts is reported, never overwritten.

    \b
    Examples:
      bargaining import cases 调解台账2014.xlsx --dry-run
      bargaining import cases 台账.csv --encoding gb18030 --map 案件号=reference
      bargaining import cases 调解台账2014.xlsx --skip-invalid
    """
    _run(session.tracker().import_cases, **options)


@import_.command("contracts")
@_import_options
def contracts(session: Session, **options: Any) -> None:
    """Import a collective-contract ledger (集体合同台账): each row becomes the signed contract.

    A row's contract is recorded as signed, submitted for filing and received by the
    authority on its dates, with its term (期限, or 生效日期 to 到期日期), and marked as
    imported. Whether it is in force is then worked out by the rules (effective 15 days after
    receipt without objection, S1 Art 47); a ledger giving only 生效日期 has its receipt
    worked out from it. Headings: 合同编号, 企业名称, 合同类型, 签订日期, 报送日期, 生效日期, 期限,
    到期日期 … (see docs/ledgers.md).

    \b
    Examples:
      bargaining import contracts 集体合同台账.xlsx --dry-run
      bargaining import contracts 集体合同台账.xlsx
    """
    _run(session.tracker().import_contracts, **options)


def _run(
    importer: Callable[..., dict[str, Any]],
    *,
    file: Path,
    mapping: tuple[str, ...],
    encoding: str,
    sheet: str,
    dry_run: bool,
    skip_invalid: bool,
    as_json: bool,
) -> None:
    with _Progress(as_json) as progress:
        report = importer(
            file,
            mapping=_mapping(mapping),
            encoding=encoding,
            sheet=sheet,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    if as_json:
        echo_json(report)
    else:
        _print(report, dry_run=dry_run)
    if report["problems"] and not report["written"]:  # every row wrong, or none written: say so by the exit
        sys.exit(1)


def _print(report: dict[str, Any], *, dry_run: bool) -> None:
    sheets = {p["sheet"] for p in (*report["problems"], *report["notes"])}
    for p in (*report["problems"], *report["notes"]):
        if len(sheets) > 1:  # several sheets: a row number alone would not say which
            click.echo(_("sheet {sheet}, row {row}, {column}: {message}").format(**p), err=True)
        else:
            click.echo(_("row {row}, {column}: {message}").format(**p), err=True)
    counts = {
        "rows": report["rows"],
        "imported": report["imported"],
        "unchanged": report["unchanged"],
        "invalid": report["invalid"],
    }
    n = report["rows"]
    if dry_run:
        line = ngettext(
            "{rows} row checked: {invalid} with problems; nothing was written (--dry-run)",
            "{rows} rows checked: {invalid} with problems; nothing was written (--dry-run)",
            n,
        )
    elif report["problems"] and not report["written"] and not report["rejects"]:
        line = ngettext(
            "{rows} row read: {invalid} with problems; nothing was written (fix them, or --skip-invalid)",
            "{rows} rows read: {invalid} with problems; nothing was written (fix them, or --skip-invalid)",
            n,
        )
    else:
        line = ngettext(
            "{rows} row read: {imported} imported, {unchanged} already in the store, {invalid} with problems",
            "{rows} rows read: {imported} imported, {unchanged} already in the store, {invalid} with problems",  # noqa: E501 - one message, kept whole for the catalog
            n,
        )
    click.echo(line.format(**counts))
    if report["rejects"]:
        click.echo(
            _("The rows with problems are in {file}: fix them and import it.").format(file=report["rejects"])
        )


class _Progress:
    """A progress bar on a terminal (stderr), a pass at a time; nothing on a pipe or with --json."""

    STAGES: ClassVar[dict[str, str]] = {"checking": N_("checking"), "importing": N_("importing")}

    def __init__(self, quiet: bool) -> None:
        self.show = not quiet and sys.stderr.isatty()
        self.bar: Any = None
        self.label, self.done = "", 0

    def __enter__(self) -> _Progress:
        return self

    def start(self, stage: str, total: int | None) -> None:
        self._close()
        self.label, self.done = _(self.STAGES[stage]), 0
        if self.show and total:
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True, show_eta=False
            )
            self.bar.__enter__()

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.bar is not None:
            self.bar.update(rows)
        elif self.show and self.done % 500 == 0:  # a sheet that does not say how many rows it has
            click.echo(f"\r{self.label} … {self.done:,}", nl=False, err=True)

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        elif self.show and self.done:
            click.echo("\r" + " " * 40 + "\r", nl=False, err=True)

    def __exit__(self, *exc: object) -> None:
        self._close()


@group("export")
def export() -> None:
    """Write ledgers (台账) from the store: an Excel workbook or a CSV file.

    \b
    Examples:
      bargaining export cases --out 调解台账.xlsx
      bargaining export cases --out cases.csv --from 2014-01-01 --to 2014-12-31 --lang en
    """


def out_option(*, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--out FILE, what every export writes to."""
    return option(
        "--out",
        "out",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help=help,
    )


def export_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--lang and --json, as every export takes them."""
    func = option("--json", "as_json", is_flag=True, english=True, help="Print what was written as JSON.")(
        func
    )
    return option(
        "--lang",
        "language",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="The headings' and words' language.",
    )(func)


def _written(written: dict[str, Any], as_json: bool, line: str) -> None:
    """What an export wrote: as JSON, or the line it is said in, with its sheets."""
    if as_json:
        echo_json(written)
        return
    click.echo(
        line.format(
            count=written.get("records"),
            year=written.get("year"),
            file=written["file"],
            sheets=", ".join(written["sheets"]),
        )
    )


@export.command("cases")
@out_option(help="The file to write: .xlsx or .csv.")
@option("--from", "start", type=DATE, metavar="DATE", help="Only cases received on or after this day.")
@option("--to", "end", type=DATE, metavar="DATE", help="Only cases received on or before this day.")
@option("--body", metavar="REF", default="", help="Only the cases of this mediation body.")
@option("--by-year", is_flag=True, help="One sheet a year (by the day received).")
@export_options
@pass_session
def export_cases(
    session: Session,
    out: Path,
    start: date | None,
    end: date | None,
    body: str,
    by_year: bool,
    language: str,
    as_json: bool,
) -> None:
    """Write the mediation case ledger: one row a case, the headings the import reads.

    Dates are real Excel dates, amounts numbers with two decimals, the heading row is
    frozen. Imported into another store, the ledger gives the same statistics.

    \b
    Examples:
      bargaining export cases --out 调解台账2014.xlsx --from 2014-01-01 --to 2014-12-31
      bargaining export cases --out 调解台账.xlsx --by-year
    """
    written = session.tracker().export_cases(
        out, start=start, end=end, body=body, language=language, by_year=by_year
    )
    line = ngettext(
        "{count} case written to {file} (sheets: {sheets})",
        "{count} cases written to {file} (sheets: {sheets})",
        written.get("records") or 0,
    )
    _written(written, as_json, line)


@export.command("contracts")
@out_option(help="The file to write: .xlsx or .csv.")
@option("--from", "start", type=DATE, metavar="DATE", help="Only contracts signed on or after this day.")
@option("--to", "end", type=DATE, metavar="DATE", help="Only contracts signed on or before this day.")
@option("--by-year", is_flag=True, help="One sheet a year (by the day signed).")
@export_options
@pass_session
def export_contracts(
    session: Session,
    out: Path,
    start: date | None,
    end: date | None,
    by_year: bool,
    language: str,
    as_json: bool,
) -> None:
    """Write the collective-contract ledger: one row a signed contract, the headings the import reads.

    Each contract with its parties, kind, the days it was signed, submitted, received and took
    effect, and its term. A negotiation's own steps (rounds, votes) are not a ledger's: they
    stay in the store.

    \b
    Examples:
      bargaining export contracts --out 集体合同台账.xlsx
      bargaining export contracts --out contracts.csv --from 2011-01-01 --lang en
    """
    written = session.tracker().export_contracts(
        out, start=start, end=end, language=language, by_year=by_year
    )
    line = ngettext(
        "{count} contract written to {file} (sheets: {sheets})",
        "{count} contracts written to {file} (sheets: {sheets})",
        written.get("records") or 0,
    )
    _written(written, as_json, line)


@export.command("stats")
@option("--year", required=True, type=click.IntRange(1900, 2200), metavar="YEAR", help="The calendar year.")
@out_option(help="The workbook to write (.xlsx).")
@export_options
@pass_session
def export_stats(session: Session, year: int, out: Path, language: str, as_json: bool) -> None:
    """Write a year's mediation statistics as the federation files them (.xlsx).

    A sheet by category, one by mediation body and one by month: cases received, accepted,
    closed by outcome, workers involved and amounts, and for each outcome its own workers
    and amounts (成功调处…件，涉及职工…人次，涉案金额…), the rates with their formulas
    under each sheet. The figures are those of 'stats disputes' for the year.

    \b
    Example:
      bargaining export stats --year 2012 --out 调解统计2012.xlsx
    """
    written = session.tracker().export_stats(out, year=year, language=language)
    _written(written, as_json, _("The statistics of {year} written to {file} (sheets: {sheets})"))
