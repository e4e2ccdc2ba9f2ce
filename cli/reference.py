"""``bargaining reference …``: wage guidelines, minimum wages and CPI by region and year."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from bargaining import N_, _, ngettext
from cli.main import Session
from cli.options import on_option, pass_session
from cli.output import echo_json, table
from cli.params import group, option
from cli.types import COUNT, DATE, OneOf
from cli.wage import money

KINDS = OneOf("guideline", "minimum-wage", "cpi")
SOURCE_HELP = N_("Where the figure was published or read: document number, title, page address.")
ON_HELP = N_("Date it was published (YYYY-MM-DD; default today).")


@group()
def reference() -> None:
    """Reference data for wage talks, by region and year, each with its source: the local
    wage guideline's lines, the statutory minimum wage and the consumer price index."""


def _report(row: dict[str, Any], as_json: bool) -> None:
    if as_json:
        echo_json(row)
        return
    click.echo(_("{region} {year}: recorded").format(region=row["region"], year=row["year"]))


@reference.command()
@option("--region", required=True, help="Region, e.g. 广州 or 安徽.")
@option("--year", type=COUNT, required=True, help="Year the guideline is for.")
@option("--base", required=True, metavar="PCT", help="Base line: average wage growth, %.")
@option("--upper", required=True, metavar="PCT", help="Upper (warning) line, %.")
@option("--lower", required=True, metavar="PCT", help="Lower line, % (0: no growth).")
@option("--source", required=True, help=SOURCE_HELP)
@on_option(required=False, help_text=ON_HELP)
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def guideline(
    session: Session,
    region: str,
    year: int,
    base: str,
    upper: str,
    lower: str,
    source: str,
    on: date | None,
    as_json: bool,
) -> None:
    """Record a region's wage guideline (工资指导线) for a year.

    A rise is compared with the lines inclusively: at the upper line is at the warning line.

    \b
    Example:
      bargaining reference guideline --region 安徽 --year 2008 --base 12 --upper 16 --lower 0 \\
        --source '安徽省2008年企业工资指导线'
    """
    row = session.tracker().wage_reference.guideline(
        region=region, year=year, base=base, upper=upper, lower=lower, source=source, on=on
    )
    _report(row, as_json)


@reference.command("minimum-wage")
@option("--region", required=True, help="Region, e.g. 广州.")
@option("--year", type=COUNT, required=True, help="Year it is in force.")
@option("--monthly", required=True, metavar="AMOUNT", help="Monthly minimum wage (CNY).")
@option("--effective", type=DATE, default=None, metavar="DATE", help="Date it took effect.")
@option("--source", required=True, help=SOURCE_HELP)
@on_option(required=False, help_text=ON_HELP)
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def minimum_wage(
    session: Session,
    region: str,
    year: int,
    monthly: str,
    effective: date | None,
    source: str,
    on: date | None,
    as_json: bool,
) -> None:
    """Record a region's statutory monthly minimum wage for a year.

    \b
    Example:
      bargaining reference minimum-wage --region 广州 --year 2011 --monthly 1300 --effective 2011-03-01 \\
        --source '粤府函〔2011〕15号'
    """
    row = session.tracker().wage_reference.minimum_wage(
        region=region, year=year, monthly=monthly, effective=effective, source=source, on=on
    )
    _report(row, as_json)


@reference.command()
@option("--region", required=True, help="Region, e.g. 广州.")
@option("--year", type=COUNT, required=True, help="Year of the index.")
@option("--change", metavar="PCT", help="Change on the year before, % (5.5, or -0.8 for a fall).")
@option("--index", metavar="INDEX", help="Or the index as published, 上年=100 (105.5 means +5.5%).")
@option("--source", required=True, help=SOURCE_HELP)
@on_option(required=False, help_text=ON_HELP)
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def cpi(
    session: Session,
    region: str,
    year: int,
    change: str | None,
    index: str | None,
    source: str,
    on: date | None,
    as_json: bool,
) -> None:
    """Record a region's consumer price index for a year, as its change on the year before.

    Give the change (--change 5.5) or the index a statistics bulletin prints (--index 105.5).

    \b
    Example:
      bargaining reference cpi --region 广州 --year 2011 --index 105.5 --source '2011年广州市统计公报'
    """
    row = session.tracker().wage_reference.cpi(
        region=region, year=year, change=change, index=index, source=source, on=on
    )
    _report(row, as_json)


def _figure(row: dict[str, Any]) -> str:
    if row["kind"] == "guideline":
        return _("base {base}%, upper {upper}%, lower {lower}%").format(
            base=row["base"], upper=row["upper"], lower=row["lower"]
        )
    if row["kind"] == "minimum-wage":
        since = row.get("effective_on")
        amount = _("{amount} a month").format(amount=money(row["monthly"]))
        return _("{amount} from {day}").format(amount=amount, day=since) if since else amount
    return _("change on the year before: {change}%").format(change=row["change_pct"])


KIND_WORDS = {"guideline": N_("wage guideline"), "minimum-wage": N_("minimum wage"), "cpi": N_("CPI")}


@reference.command("list")
@option("--region", default=None, help="Only this region.")
@option("--year", type=COUNT, default=None, help="Only this year.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def list_(session: Session, region: str | None, year: int | None, as_json: bool) -> None:
    """List the reference figures recorded, by region and year, with their sources.

    \b
    Example:
      bargaining reference list --region 广州
    """
    rows = session.tracker().wage_reference.list(region=region, year=year)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(
            _("No reference figures recorded ('bargaining reference shipped --record' adds those shipped).")
        )
        return
    click.echo(
        table(
            [[r["region"], r["year"], _(KIND_WORDS[r["kind"]]), _figure(r), r["source"]] for r in rows],
            [_("region"), _("year"), _("figure"), _("value"), _("source")],
        )
    )


@reference.command()
@option("--region", required=True, help="Region, e.g. 广州.")
@option("--year", type=COUNT, required=True, help="Year.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def show(session: Session, region: str, year: int, as_json: bool) -> None:
    """Show one region's figures for one year, each with its source (or that it is not recorded).

    \b
    Example:
      bargaining reference show --region 广州 --year 2011
    """
    row = session.tracker().wage_reference.show(region=region, year=year)
    if as_json:
        echo_json(row)
        return
    click.echo(f"{row['region']} {row['year']}")
    for key, kind in (("guideline", "guideline"), ("minimum_wage", "minimum-wage"), ("cpi", "cpi")):
        found = row[key]
        value = (
            _("{figure} ({source})").format(figure=_figure(found), source=found["source"])
            if found
            else _("not recorded")
        )
        click.echo(f"  {_(KIND_WORDS[kind])}: {value}")


@reference.command()
@option("--record", is_flag=True, help="Record the shipped figures this store does not yet hold.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def shipped(session: Session, record: bool, as_json: bool) -> None:
    """The reference figures shipped with the program, each with its source; --record adds them.

    \b
    Examples:
      bargaining reference shipped
      bargaining reference shipped --record
    """
    service = session.tracker().wage_reference
    rows = service.record_shipped() if record else service.shipped()
    if as_json:
        echo_json(rows)
        return
    if record:
        click.echo(
            ngettext("{n} shipped figure recorded.", "{n} shipped figures recorded.", len(rows)).format(
                n=len(rows)
            )
        )
    if rows:
        click.echo(
            table(
                [[r["region"], r["year"], _(KIND_WORDS[r["kind"]]), _figure(r), r["source"]] for r in rows],
                [_("region"), _("year"), _("figure"), _("value"), _("source")],
            )
        )
