"""``bargaining negotiation base|cost``: the wage base, and what the wage proposals cost."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import click

from bargaining import N_, NC_, _, ngettext, term
from bargaining.formats import grouped
from cli.errors import CommandError
from cli.main import Session
from cli.options import on_option, pass_session, ref_argument
from cli.output import echo_json, kv, section, table
from cli.params import command, option
from cli.reports import echo_titled_csv, fmt, output_options
from cli.types import COUNT

FC = TypeVar("FC", bound=Callable[..., Any])


def term_options(func: FC) -> FC:
    """The numbers of a wage proposal, as ``propose`` and ``cost --scenario`` take them."""
    for decorator in reversed(
        (
            option("--increase", default=None, metavar="PCT", help="Wage: average wage increase in %."),
            option(
                "--raise",
                "raises",
                multiple=True,
                metavar="GROUP=PCT%|AMOUNT元",
                help="Wage: a group's own rise, e.g. 一线职工=7%, 管理人员=300元 (a month); repeatable.",
            ),
            option("--min-wage", default=None, metavar="AMOUNT", help="Wage: monthly minimum wage (CNY)."),
            option(
                "--one-off", default=None, metavar="AMOUNT", help="Wage: one-off payment per worker (CNY)."
            ),
            option(
                "--then",
                "later",
                multiple=True,
                metavar="TERMS",
                help="Wage: the next year of the term, e.g. '5%,一线职工=6%,min=1500'; repeatable.",
            ),
            option(
                "--allow", is_flag=True, help="Accept a percentage over 100 (a slip for 10 or 15, usually)."
            ),
        )
    ):
        func = decorator(func)
    return func


def money(value: str | None) -> str:
    """'58,692.00': an exact amount with its thousands grouped, as typed into a sheet."""
    if value is None:
        return "—"
    return grouped(value if "." in value else f"{value}.00")


def percent(value: str | None) -> str:
    return "—" if value is None else f"{value}%"


@command()
@ref_argument
@option(
    "--group", "names", multiple=True, metavar="NAME", help="A group of workers, e.g. 一线职工; repeatable."
)
@option(
    "--headcount", "headcounts", multiple=True, metavar="N", help="Its number of workers (one per --group)."
)
@option(
    "--wage",
    "wages",
    multiple=True,
    metavar="AMOUNT",
    help="Its average monthly wage last year (one per --group).",
)
@option("--drop", multiple=True, metavar="NAME", help="A group to take out of the base; repeatable.")
@option("--region", default=None, help="Region whose guideline, minimum wage and CPI apply, e.g. 广州.")
@option("--year", type=COUNT, default=None, help="Year the rise is for (the wages are the year before's).")
@option("--social", default=None, metavar="PCT", help="Employer's social insurance, percent of pay.")
@option("--housing", default=None, metavar="PCT", help="Employer's housing fund, percent of pay.")
@option("--bonus-months", default=None, metavar="N", help="Months of bonus paid on top of 12 (e.g. 1).")
@on_option(required=False, help_text=N_("Date the figures were given (YYYY-MM-DD; default today)."))
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def base(
    session: Session,
    reference: str,
    names: tuple[str, ...],
    headcounts: tuple[str, ...],
    wages: tuple[str, ...],
    drop: tuple[str, ...],
    region: str | None,
    year: int | None,
    social: str | None,
    housing: str | None,
    bonus_months: str | None,
    on: Any,
    as_json: bool,
) -> None:
    """Record the wage base proposals are costed on: last year's workers and pay, in groups.

    A group given again replaces it; the rest stay as last recorded.

    \b
    Example:
      bargaining negotiation base CB-2011-001 --region 广州 --year 2011 \\
        --group 一线职工 --headcount 137 --wage 3200 --group 管理人员 --headcount 20 --wage 5200 \\
        --social 25 --housing 5 --bonus-months 1
    """
    if not len(names) == len(headcounts) == len(wages):
        raise CommandError(
            "base.group: "
            + _(
                "each --group takes one --headcount and one --wage ({groups} groups, {counts}, {wages})"
            ).format(groups=len(names), counts=len(headcounts), wages=len(wages))
        )
    row = session.tracker().wages.base(
        reference,
        groups=list(zip(names, headcounts, wages, strict=True)),
        drop=list(drop),
        region=region,
        year=year,
        social_insurance=social,
        housing_fund=housing,
        bonus_months=bonus_months,
        on=on,
    )
    if as_json:
        echo_json(row)
        return
    click.echo(
        _("{ref}: wage base recorded: {workers} workers, monthly payroll {payroll}").format(
            ref=reference, workers=row["headcount"], payroll=money(row["monthly_payroll"])
        )
    )
    click.echo(
        table(
            [[g["group"], g["headcount"], money(g["average_wage"])] for g in row["groups"]],
            [_("group"), _("workers"), _("average monthly wage")],
        )
    )


# The rows of the costing table: (label, how to show a position's value).
MEASURES: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    (N_("proposals costed"), lambda p: ", ".join(p["proposals"]) or "—"),
    (N_("average increase"), lambda p: percent(p["increase_pct"])),
    (N_("added a month"), lambda p: money(p["monthly"])),
    (N_("this year: wages"), lambda p: money(p["this_year"]["wages"])),
    (N_("this year: on-costs"), lambda p: money(p["this_year"]["on_costs"])),
    (N_("this year: one-off"), lambda p: money(p["this_year"]["one_off"])),
    (N_("this year: total"), lambda p: money(p["this_year"]["total"])),
    (N_("over the term"), lambda p: money(p["term"]["total"])),
    (N_("per worker, this year"), lambda p: money(p["per_worker"])),
    (N_("share of last year's wage bill"), lambda p: percent(p["payroll_pct"])),
    (N_("floor"), lambda p: money(p["minimum_wage"])),
    (N_("workers lifted to the floor"), lambda p: str(p["floor"]["lifted"])),
    (N_("the floor adds a month"), lambda p: money(p["floor"]["monthly"])),
    (N_("against the guideline"), lambda p: p["guideline"]["words"] if p["guideline"] else "—"),
    (N_("real increase (after CPI)"), lambda p: percent(p["real_increase_pct"])),
)
# The CSV's columns: keys, and English headings (translated where shown).
CSV_COLUMNS = (
    NC_("csv", "position"),
    NC_("csv", "proposals"),
    NC_("csv", "increase_pct"),
    NC_("csv", "monthly"),
    NC_("csv", "wages"),
    NC_("csv", "on_costs"),
    NC_("csv", "one_off"),
    NC_("csv", "total"),
    NC_("csv", "term_total"),
    NC_("csv", "per_worker"),
    NC_("csv", "payroll_pct"),
    NC_("csv", "minimum_wage"),
    NC_("csv", "lifted"),
    NC_("csv", "floor_monthly"),
    NC_("csv", "guideline"),
    NC_("csv", "real_increase_pct"),
)


def _csv_row(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "position": p["position"],
        "proposals": " ".join(p["proposals"]),
        "increase_pct": p["increase_pct"],
        "monthly": p["monthly"],
        "wages": p["this_year"]["wages"],
        "on_costs": p["this_year"]["on_costs"],
        "one_off": p["this_year"]["one_off"],
        "total": p["this_year"]["total"],
        "term_total": p["term"]["total"],
        "per_worker": p["per_worker"],
        "payroll_pct": p["payroll_pct"],
        "minimum_wage": p["minimum_wage"],
        "lifted": p["floor"]["lifted"],
        "floor_monthly": p["floor"]["monthly"],
        "guideline": p["guideline"]["position"] if p["guideline"] else None,
        "real_increase_pct": p["real_increase_pct"],
    }


def position_title(p: dict[str, Any]) -> str:
    if p["position"] == "scenario":
        return _("scenario (not tabled)")
    title = term("side", p["position"])
    return _("{side}, round {round}").format(side=title, round=p["round"]) if p["round"] else title


@command()
@ref_argument
@option(
    "--round",
    "round_no",
    type=COUNT,
    default=None,
    help="Each side's position as of this round (default: latest).",
)
@option(
    "--years",
    type=COUNT,
    default=None,
    help="Years to cost (default: the contract's term, else what the terms name).",
)
@option(
    "--scenario",
    is_flag=True,
    help="Also cost the terms given here, beside the tabled ones; nothing is recorded.",
)
@term_options
@output_options
@pass_session
def cost(
    session: Session,
    reference: str,
    round_no: int | None,
    years: int | None,
    scenario: bool,
    increase: str | None,
    raises: tuple[str, ...],
    min_wage: str | None,
    one_off: str | None,
    later: tuple[str, ...],
    allow: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """What each side's wage proposal costs: this year, over the term, per worker, against
    last year's wage bill, the wage guideline and the CPI, and the gap between the sides round
    by round.

    \b
    Examples:
      bargaining negotiation cost CB-2011-001
      bargaining negotiation cost CB-2011-001 --scenario --increase 6 --raise 一线职工=7% --min-wage 1400
      bargaining negotiation cost CB-2011-001 --json
    """
    output = fmt(as_json, as_csv)
    typed = {
        "increase": increase,
        "raises": list(raises),
        "minimum_wage": min_wage,
        "one_off": one_off,
        "later": list(later),
        "allow": allow,
    }
    given = [k for k, v in typed.items() if v not in (None, [], False)]
    if given and not scenario:
        raise CommandError("cost.scenario: " + _("the proposal's numbers are costed with --scenario"))
    result = session.tracker().wages.cost(
        reference, round_no=round_no, years=years, scenario=typed if scenario else None
    )
    if output == "json":
        echo_json(result)
        return
    if output == "csv":
        echo_titled_csv([_csv_row(p) for p in result["positions"]], CSV_COLUMNS)
        return
    echo_costing(result)


def echo_costing(r: dict[str, Any]) -> None:
    b = r["base"]
    title = (
        _("Wage costing of {ref}, as of round {round} ({months}-month term)")
        if r["months"] % 12
        else _("Wage costing of {ref}, as of round {round} ({years}-year term)")
    )
    click.echo(title.format(ref=r["reference"], round=r["round"], years=r["years"], months=r["months"]))
    kv(
        [
            (
                _("Wage base"),
                _("{region} {year}: {workers} workers").format(
                    region=b["region"] or "?", year=b["year"] or "?", workers=b["headcount"]
                ),
            ),
            (_("Monthly payroll"), money(b["monthly_payroll"])),
            (
                _("Last year's wage bill"),
                # a bonus month, or 1.5 bonus months: one is the only singular
                ngettext(
                    "{amount} (12 + {bonus} bonus month)",
                    "{amount} (12 + {bonus} bonus months)",
                    1 if Decimal(b["bonus_months"]) == 1 else 2,
                ).format(amount=money(b["annual_payroll"]), bonus=b["bonus_months"]),
            ),
            (
                _("On-costs"),
                _("social insurance {social}%, housing fund {housing}%, of pay").format(
                    social=b["social_insurance_pct"], housing=b["housing_fund_pct"]
                ),
            ),
        ]
    )
    positions = r["positions"]
    if not positions:
        click.echo(_("No wage proposal with numbers has been tabled yet."))
    else:
        section(_("Costing"))
        click.echo(
            table(
                [[_(label), *(show(p) for p in positions)] for label, show in MEASURES],
                ["", *(position_title(p) for p in positions)],
            )
        )
    if r["gap"] is not None:
        g = r["gap"]
        click.echo(
            _("Gap, union less employer: {points} points, {yuan} this year, {term} over the term").format(
                points=g["points"] or "—", yuan=money(g["yuan"]), term=money(g["term_yuan"])
            )
        )
    _echo_rounds(r["rounds"])
    _echo_sources(r)


def _echo_rounds(rounds: list[dict[str, Any]]) -> None:
    if not rounds:
        return
    section(_("Round by round"))
    click.echo(
        table(
            [
                [
                    row["round"],
                    percent(row["union_pct"]),
                    percent(row["employer_pct"]),
                    row["gap_points"] or "—",
                    money(row["gap_yuan"]),
                ]
                for row in rounds
            ],
            [
                _("round"),
                term("side", "union"),
                term("side", "employer"),
                _("gap (points)"),
                _("gap this year"),
            ],
        )
    )


def _echo_sources(r: dict[str, Any]) -> None:
    data = r["reference_data"]
    section(_("Sources"))
    where = f"{data['region'] or '?'} {data['year'] or '?'}"
    lines = []
    g, m, c = data["guideline"], data["minimum_wage"], data["cpi"]
    lines.append(
        _("Wage guideline {where}: base {base}%, upper {upper}%, lower {lower}% ({source})").format(
            where=where, base=g["base"], upper=g["upper"], lower=g["lower"], source=g["source"]
        )
        if g
        else _("Wage guideline {where}: not recorded").format(where=where)
    )
    lines.append(
        _("Minimum wage {where}: {amount} a month ({source})").format(
            where=where, amount=money(m["monthly"]), source=m["source"]
        )
        if m
        else _("Minimum wage {where}: not recorded").format(where=where)
    )
    lines.append(
        _("CPI {where}: {change}% ({source})").format(where=where, change=c["change_pct"], source=c["source"])
        if c
        else _("CPI {where}: not recorded").format(where=where)
    )
    for line in lines:
        click.echo(line)
    click.echo(_("Rounding: {rule}").format(rule=r["rounding"]))
    for warning in r["warnings"]:
        click.echo(click.style(_("Warning: {warning}").format(warning=warning), fg="yellow"))
