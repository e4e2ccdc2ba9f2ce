"""Reports: the status board, deadlines, statistics, timelines, and rebuilding the read models."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from typing import Any, TypeVar

import click

import bargaining
from cli.errors import CommandError
from cli.language import TranslatedGroup
from cli.main import Session
from cli.options import pass_session, ref_argument
from cli.output import (
    clip,
    clips,
    column_table,
    echo_csv,
    echo_json,
    echo_late_steps,
    on_time,
    state_word,
    step_cell,
    struck,
    table,
)
from cli.params import command, option
from cli.types import DATE, Count, OneOf

FC = TypeVar("FC", bound=Callable[..., Any])
STAGES = OneOf(*bargaining.STAGES)
KIND = OneOf("wage", "comprehensive", "special", "regional", "industry")


def output_options(func: FC) -> FC:
    func = option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) with a header row.")(func)
    return option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")(func)


def fmt(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise CommandError("output: give --json or --csv, not both")
    return "json" if as_json else "csv" if as_csv else "table"


NO_DEADLINE = {"label": "", "due": ""}
BOARD_COLUMNS = [
    "reference",
    "kind",
    "employer",
    "stage",
    "rounds",
    "last_round_on",
    "articles_agreed",
    "articles_open",
    "vote",
    "signed_on",
    "submitted_on",
    "effective_on",
    "expires_on",
    "late",
    "next_deadline",
    "next_due",
    "days_to_next",
]


@command()
@option(
    "-a",
    "--all",
    "everything",
    is_flag=True,
    help="Every negotiation and contract, in force and closed too, by reference.",
)
@option(
    "--within",
    type=Count(0, 36500),
    default=None,
    metavar="DAYS",
    help="What falls due within this many days counts as needing attention.  [default: 30]",
)
@option("--stage", type=STAGES, default=None, help="Only this stage.")
@option("--employer", default="", help="Only employers whose name contains this.")
@option("-k", "--kind", type=KIND, default=None, help="Only this kind of agreement.")
@option("--as-of", type=DATE, default=None, metavar="DATE", help="The board as it stood on this date.")
@output_options
@pass_session
def board(
    session: Session,
    everything: bool,
    within: int | None,
    stage: str | None,
    employer: str,
    kind: str | None,
    as_of: date | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """What needs attention: negotiations not concluded, contracts awaiting filing or review,
    and anything due within 30 days or overdue, soonest first; --all lists everything.

    Each row shows the stage, rounds, articles agreed, the vote, filing, expiry and the next
    deadline. A line under the table counts what else the board holds.

    \b
    Examples:
      bargaining board
      bargaining board --within 7 --kind wage
      bargaining board --all --stage effective
      bargaining board --all --as-of 2011-07-10 --csv > board.csv
    """
    how = fmt(as_json, as_csv)
    if everything and within is not None:
        raise CommandError("board.within: --within chooses what needs attention; --all lists everything")
    filters: dict[str, Any] = {"stage": stage or "", "employer": employer, "kind": kind or "", "as_of": as_of}
    reports = session.tracker().reports
    if everything:
        rows, more = reports.board(**filters), None
    else:
        found = reports.attention(within=ATTENTION_DAYS if within is None else within, **filters)
        rows, more = found["rows"], found
    if how == "json":
        echo_json(rows)
    elif how == "csv":
        flat = [
            {
                **r,
                "late": late_text(r["late"]),
                "next_deadline": r["next_deadline"]["label"] if r["next_deadline"] else None,
                "next_due": r["next_deadline"]["due"] if r["next_deadline"] else None,
            }
            for r in rows
        ]
        echo_csv(flat, BOARD_COLUMNS)
    else:
        if rows:
            click.echo(board_table(rows))
            click.echo("")
        click.echo(board_footer(len(rows), more))


ATTENTION_DAYS = 30


def board_table(rows: list[dict[str, Any]]) -> str:
    due = [r["next_deadline"] or NO_DEADLINE for r in rows]
    columns = {
        "reference": [r["reference"] for r in rows],
        "kind": [r["kind"] for r in rows],
        "employer": clips([r["employer"] for r in rows], 16),
        "stage": [r["stage"] for r in rows],
        "rounds": [r["rounds"] for r in rows],
        "agreed": [f"{r['articles_agreed']}/{r['articles_agreed'] + r['articles_open']}" for r in rows],
        "vote": clips([r["vote"] or "" for r in rows], 14),
        "signed": [r["signed_on"] or "" for r in rows],
        "effective": [r["effective_on"] or "" for r in rows],
        "expires": [r["expires_on"] or "" for r in rows],
        "late": [late_text(r["late"]) for r in rows],
        "next deadline": clips([d["label"] for d in due], 28),
        "due": [d["due"] for d in due],
        "days": ["" if r["days_to_next"] is None else r["days_to_next"] for r in rows],
    }
    return column_table(list(columns.values()), list(columns))


def late_text(late: list[dict[str, Any]]) -> str:
    """Steps met late, as the board shows them: 'reply +17d, filing +3d'."""
    return ", ".join(f"{s['deadline']} +{s['late_by_days']}d" for s in late)


def board_footer(shown: int, found: dict[str, Any] | None) -> str:
    """The line under the board: how many rows it shows, and for the attention board how many
    more the store holds, by stage."""
    if found is None:
        return f"{shown} negotiation(s) and contract(s)."
    days = found["within"]
    window = f"due within {days} day{'' if days == 1 else 's'}"
    head = f"{shown:,} {'needs' if shown == 1 else 'need'} attention" if shown else "Nothing needs attention"
    more: dict[str, int] = found["more"]
    if not more:
        return f"{head}."
    total = sum(more.values())
    kinds = ", ".join(f"{count:,} {stage}" for stage, count in more.items())
    them = "it" if total == 1 else "them"
    return f"{head}; {total:,} more in force or closed with nothing {window} ({kinds}): --all lists {them}."


DEADLINE_COLUMNS = ["due", "days_left", "state", "reference", "context", "deadline", "rule"]
MET_COLUMNS = ["met_on", "due", "late_by_days", "state", "reference", "context", "deadline", "rule"]


@command()
@option("--within", type=Count(0, 36500), default=30, show_default=True, help="Days ahead to look.")
@option("--overdue", is_flag=True, help="Only what is overdue.")
@option(
    "--met",
    is_flag=True,
    help="Instead: the deadlines steps met in the last --within days, on time or how late.",
)
@option("--as-of", type=DATE, default=None, metavar="DATE", help="Count from this date instead of today.")
@output_options
@pass_session
def deadlines(
    session: Session,
    within: int,
    overdue: bool,
    met: bool,
    as_of: date | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Everything due across negotiations, contracts and mediation cases, with its rule; with
    --met, what recorded steps met lately, and which of them late.

    \b
    Examples:
      bargaining deadlines --within 14
      bargaining deadlines --overdue --csv
      bargaining deadlines --met --within 365
    """
    how = fmt(as_json, as_csv)
    if met and overdue:
        raise CommandError("deadlines.met: --met lists deadlines already met; --overdue those not met")
    reports = session.tracker().reports
    if met:
        rows = reports.deadlines_met(within=within, as_of=as_of)
    else:
        rows = reports.deadlines(within=within, overdue_only=overdue, as_of=as_of)
    if how == "json":
        echo_json(rows)
    elif how == "csv":
        echo_csv(rows, MET_COLUMNS if met else DEADLINE_COLUMNS)
    elif met:
        click.echo(
            table(
                [
                    [
                        r["met_on"],
                        r["due"],
                        state_word(r).removeprefix("met "),
                        r["reference"],
                        r["deadline"],
                        r["rule"],
                    ]
                    for r in rows
                ],
                ["met", "due", "on time?", "reference", "deadline", "rule"],
            )
        )
        late = sum(1 for r in rows if r["late_by_days"])
        to = (as_of or reports.today).isoformat()
        click.echo(f"\n{len(rows)} deadline(s) met in the {within} days to {to}: {late} late.")
    else:
        click.echo(
            table(
                [
                    [r["due"], r["days_left"], r["state"], r["reference"], r["deadline"], r["rule"]]
                    for r in rows
                ],
                ["due", "days", "state", "reference", "deadline", "rule"],
            )
        )
        click.echo(f"\n{len(rows)} deadline(s).")


@click.group(cls=TranslatedGroup)
def stats() -> None:
    """Statistics the federation reports: mediation case counts and rates, contract counts."""


STATS_COLUMNS = [
    "group",
    "received",
    "accepted",
    "declined",
    "closed",
    "succeeded",
    "failed",
    "withdrawn",
    "referred",
    "carried_over",
    "workers",
    "amount_claimed",
    "amount_agreed",
    "average_days_to_close",
    "handling_rate",
    "success_rate",
]


@stats.command()
@option("--from", "start", type=DATE, required=True, metavar="DATE", help="First day of the period.")
@option("--to", "end", type=DATE, required=True, metavar="DATE", help="Last day of the period.")
@option("--by", type=OneOf("category", "body", "month", "channel"), default=None, help="Break down by.")
@output_options
@pass_session
def disputes(session: Session, start: date, end: date, by: str | None, as_json: bool, as_csv: bool) -> None:
    """Mediation cases in a period: received, accepted, closed by outcome, workers, amounts, rates.

    Rates are computed from the counts by the declared formulas printed under the table.

    \b
    Examples:
      bargaining stats disputes --from 2024-01-01 --to 2024-12-31
      bargaining stats disputes --from 2024-01-01 --to 2024-12-31 --by category --csv
    """
    how = fmt(as_json, as_csv)
    data = session.tracker().reports.dispute_stats(start=start, end=end, by=by or "")
    rows = [*data["rows"], {**data["total"], "group": "total"}]
    if how == "json":
        echo_json(data)
    elif how == "csv":
        echo_csv(rows, STATS_COLUMNS)
    else:
        headers = [
            by or "",
            "received",
            "accepted",
            "declined",
            "closed",
            "succeeded",
            "failed",
            "withdrawn",
            "referred",
            "workers",
            "claimed",
            "agreed",
            "avg days",
            "handling",
            "success",
        ]
        click.echo(
            table(
                [
                    [
                        r["group"],
                        r["received"],
                        r["accepted"],
                        r["declined"],
                        r["closed"],
                        r["succeeded"],
                        r["failed"],
                        r["withdrawn"],
                        r["referred"],
                        r["workers"],
                        r["amount_claimed"],
                        r["amount_agreed"],
                        r["average_days_to_close"] or "",
                        r["handling_rate"] or "",
                        r["success_rate"] or "",
                    ]
                    for r in rows
                ],
                headers,
            )
        )
        click.echo(
            f"\n{data['from']} to {data['to']}. Carried over from before: {data['total']['carried_over']}."
        )
        for formula in data["formulas"]:
            click.echo(f"  {formula}")


CONTRACT_COLUMNS = [
    "kind",
    "signed",
    "filed_on_time",
    "filed_late",
    "not_filed",
    "in_force",
    "expiring",
    "renewed",
    "renewal_rate",
]


@stats.command()
@option("--year", type=Count(1900, 2200), default=None, help="Calendar year (default: all years).")
@output_options
@pass_session
def contracts(session: Session, year: int | None, as_json: bool, as_csv: bool) -> None:
    """Contracts signed, filed on time or late, in force, expiring and renewed, by kind.

    \b
    Example:
      bargaining stats contracts --year 2011
    """
    how = fmt(as_json, as_csv)
    data = session.tracker().reports.contract_stats(year)
    rows = [*data["rows"], data["total"]]
    if how == "json":
        echo_json(data)
    elif how == "csv":
        echo_csv(rows, CONTRACT_COLUMNS)
    else:
        click.echo(
            table(
                [[r[c] if r[c] is not None else "" for c in CONTRACT_COLUMNS] for r in rows], CONTRACT_COLUMNS
            )
        )
        for formula in data["formulas"]:
            click.echo(f"  {formula}")


@command()
@ref_argument
@output_options
@pass_session
def timeline(session: Session, reference: str, as_json: bool, as_csv: bool) -> None:
    """One negotiation (with its contract) or one case as an ordered history.

    \b
    Example:
      bargaining timeline CB-2011-001
    """
    how = fmt(as_json, as_csv)
    rows = session.tracker().reports.timeline(reference)
    if how == "json":
        echo_json(rows)
        return
    import json  # only here: the other reports need none of it

    flat = [{**r, "data": json.dumps(r["data"], ensure_ascii=False)} for r in rows]
    if how == "csv":
        for r in flat:
            met = r["met"] or {}
            r.update(deadline=met.get("deadline"), due=met.get("due"), late_by_days=met.get("late_by_days"))
        echo_csv(
            flat,
            [
                "on",
                "context",
                "number",
                "step",
                "retracted_by",
                "recorded_by",
                "recorded_at",
                "deadline",
                "due",
                "late_by_days",
                "detail",
                "data",
            ],
        )
    else:
        click.echo(
            table(
                [
                    struck(
                        [
                            r["on"],
                            r["context"],
                            step_cell(r["number"], r["step"], r),
                            r["recorded_by"],
                            on_time(r["met"]),
                            clip(r["detail"], 60),
                        ],
                        r,
                    )
                    for r in flat
                ],
                ["date", "record", "step", "recorded by", "deadline", "detail"],
            )
        )
        echo_late_steps(rows)


@command()
@option(
    "--projection",
    type=OneOf("agreements", "cases", "timeline"),
    default=None,
    help="Only this read model (default: all).",
)
@pass_session
def rebuild(session: Session, projection: str | None) -> None:
    """Reset the read models and replay every recorded event into them.

    \b
    Example:
      bargaining rebuild --projection cases
    """
    reports = session.tracker().reports
    total = reports.backlog()
    bar = click.progressbar(length=total, label="Replaying events", file=sys.stderr)
    with ExitStack() as stack:

        def advance(count: int) -> None:
            # Shown from the first replayed page on: a store that cannot be opened (a wrong
            # key, a busy writer) stays a one-line error.
            if not bar.entered:
                stack.enter_context(bar)
            bar.update(count)

        read = reports.rebuild(projection or "", progress=advance)
    click.echo(f"Rebuilt {projection or 'all read models'} from {read} events.")
