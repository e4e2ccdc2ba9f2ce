"""Reports: the status board, deadlines, statistics, timelines, and rebuilding the read models."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from datetime import date
from typing import Any, TypeVar

import click

import bargaining
from bargaining import N_, NC_, _, ngettext, pgettext, term
from cli.errors import CommandError
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
from cli.params import command, group, option
from cli.types import DATE, Count, OneOf

FC = TypeVar("FC", bound=Callable[..., Any])
STAGES = OneOf(*bargaining.STAGES)
KIND = OneOf("wage", "comprehensive", "special", "regional", "industry")


def output_options(func: FC) -> FC:
    func = option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) with a header row.")(func)
    return option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")(func)


def fmt(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise CommandError("output: " + _("give --json or --csv, not both"))
    return "json" if as_json else "csv" if as_csv else "table"


def titled(headings: Iterable[str]) -> list[str]:
    """A table's headings, marked N_ where they are named, in the current language."""
    return [_(h) for h in headings]


def echo_titled_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """CSV whose header row is in the current language (a clerk opens it in Excel): each
    column's key is marked NC_("csv", key) and is its English heading."""
    titles = [pgettext("csv", c) for c in columns]
    if titles == list(columns):
        echo_csv(rows, columns)
        return
    echo_csv([{t: r.get(c) for c, t in zip(columns, titles, strict=True)} for r in rows], titles)


def listed(items: Iterable[str]) -> str:
    """Items of a list in a sentence: 'a, b' in English, 'a、b' in Chinese."""
    return ("、" if bargaining.language() == "zh" else ", ").join(items)


# The words of values the reports show that bargaining.vocabulary does not name.
TERMS = (
    NC_("state", "open"),
    NC_("state", "overdue"),
    NC_("state", "passed"),
    NC_("state", "upcoming"),
    NC_("state", "met"),
    NC_("state", "late"),
    NC_("state", "closed"),
    NC_("state", "lapsed"),
    NC_("record", "negotiation"),
    NC_("record", "contract"),
    NC_("record", "case"),
    NC_("record", "body"),
)


NO_DEADLINE = {"label": "", "due": ""}
BOARD_COLUMNS = [
    NC_("csv", "reference"),
    NC_("csv", "kind"),
    NC_("csv", "employer"),
    NC_("csv", "stage"),
    NC_("csv", "rounds"),
    NC_("csv", "last_round_on"),
    NC_("csv", "articles_agreed"),
    NC_("csv", "articles_open"),
    NC_("csv", "vote"),
    NC_("csv", "signed_on"),
    NC_("csv", "submitted_on"),
    NC_("csv", "effective_on"),
    NC_("csv", "expires_on"),
    NC_("csv", "late"),
    NC_("csv", "next_deadline"),
    NC_("csv", "next_due"),
    NC_("csv", "days_to_next"),
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
        raise CommandError(
            "board.within: " + _("--within chooses what needs attention; --all lists everything")
        )
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
        echo_titled_csv(flat, BOARD_COLUMNS)
    else:
        if rows:
            click.echo(board_table(rows))
            click.echo("")
        click.echo(board_footer(len(rows), more))


ATTENTION_DAYS = 30


def board_table(rows: list[dict[str, Any]]) -> str:
    due = [r["next_deadline"] or NO_DEADLINE for r in rows]
    columns = {
        N_("reference"): [r["reference"] for r in rows],
        N_("kind"): [term("kind", r["kind"]) for r in rows],
        N_("employer"): clips([r["employer"] for r in rows], 16),
        N_("stage"): [term("stage", r["stage"]) for r in rows],
        N_("rounds"): [r["rounds"] for r in rows],
        N_("agreed"): [f"{r['articles_agreed']}/{r['articles_agreed'] + r['articles_open']}" for r in rows],
        N_("vote"): clips([r["vote"] or "" for r in rows], 14),
        N_("signed"): [r["signed_on"] or "" for r in rows],
        N_("effective"): [r["effective_on"] or "" for r in rows],
        N_("expires"): [r["expires_on"] or "" for r in rows],
        N_("late"): [late_text(r["late"]) for r in rows],
        N_("next deadline"): clips([d["label"] for d in due], 28),
        N_("due"): [d["due"] for d in due],
        N_("days"): ["" if r["days_to_next"] is None else r["days_to_next"] for r in rows],
    }
    return column_table(list(columns.values()), titled(columns))


def late_text(late: list[dict[str, Any]]) -> str:
    """Steps met late, as the board shows them: 'reply +17d, filing +3d'."""
    return listed(
        _("{deadline} +{days}d").format(deadline=s["deadline"], days=s["late_by_days"]) for s in late
    )


def board_footer(shown: int, found: dict[str, Any] | None) -> str:
    """The line under the board: how many rows it shows, and for the attention board how many
    more the store holds, by stage."""
    if found is None:
        return ngettext(
            "{count} negotiation or contract.", "{count} negotiations and contracts.", shown
        ).format(count=shown)
    days = found["within"]
    more: dict[str, int] = found["more"]
    if not more:
        if not shown:
            return _("Nothing needs attention.")
        return ngettext("{count} needs attention.", "{count} need attention.", shown).format(
            count=f"{shown:,}"
        )
    if shown:
        head = ngettext("{count} needs attention", "{count} need attention", shown).format(count=f"{shown:,}")
    else:
        head = _("Nothing needs attention")
    total = sum(more.values())
    window = ngettext("due within {days} day", "due within {days} days", days).format(days=days)
    kinds = listed(
        _("{count} {stage}").format(count=f"{count:,}", stage=term("stage", stage))
        for stage, count in more.items()
    )
    return ngettext(
        "{head}; {total} more in force or closed with nothing {window} ({kinds}): --all lists it.",
        "{head}; {total} more in force or closed with nothing {window} ({kinds}): --all lists them.",
        total,
    ).format(head=head, total=f"{total:,}", window=window, kinds=kinds)


DEADLINE_COLUMNS = [
    NC_("csv", "due"),
    NC_("csv", "days_left"),
    NC_("csv", "state"),
    NC_("csv", "reference"),
    NC_("csv", "context"),
    NC_("csv", "deadline"),
    NC_("csv", "rule"),
]
DEADLINE_HEADINGS = [N_("due"), N_("days"), N_("state"), N_("reference"), N_("deadline"), N_("rule")]
MET_HEADINGS = [N_("met"), N_("due"), N_("on time?"), N_("reference"), N_("deadline"), N_("rule")]
MET_COLUMNS = [
    NC_("csv", "met_on"),
    NC_("csv", "due"),
    NC_("csv", "late_by_days"),
    NC_("csv", "state"),
    NC_("csv", "reference"),
    NC_("csv", "context"),
    NC_("csv", "deadline"),
    NC_("csv", "rule"),
]


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
        raise CommandError(
            "deadlines.met: " + _("--met lists deadlines already met; --overdue those not met")
        )
    reports = session.tracker().reports
    if met:
        rows = reports.deadlines_met(within=within, as_of=as_of)
    else:
        rows = reports.deadlines(within=within, overdue_only=overdue, as_of=as_of)
    if how == "json":
        echo_json(rows)
    elif how == "csv":
        echo_titled_csv(rows, MET_COLUMNS if met else DEADLINE_COLUMNS)
    elif met:
        click.echo(
            table(
                [
                    [
                        r["met_on"],
                        r["due"],
                        on_time(r) if r["late_by_days"] is not None else term("state", state_word(r)),
                        r["reference"],
                        r["deadline"],
                        r["rule"],
                    ]
                    for r in rows
                ],
                titled(MET_HEADINGS),
            )
        )
        late = sum(1 for r in rows if r["late_by_days"])
        to = (as_of or reports.today).isoformat()
        click.echo("")
        click.echo(
            ngettext(
                "{count} deadline met {period}: {late} late.",
                "{count} deadlines met {period}: {late} late.",
                len(rows),
            ).format(
                count=len(rows),
                period=ngettext("in the day to {day}", "in the {within} days to {day}", within).format(
                    within=within, day=to
                ),
                late=late,
            )
        )
    else:
        click.echo(
            table(
                [
                    [
                        r["due"],
                        r["days_left"],
                        term("state", r["state"]),
                        r["reference"],
                        r["deadline"],
                        r["rule"],
                    ]
                    for r in rows
                ],
                titled(DEADLINE_HEADINGS),
            )
        )
        click.echo("")
        click.echo(ngettext("{count} deadline.", "{count} deadlines.", len(rows)).format(count=len(rows)))


@group()
def stats() -> None:
    """Statistics the federation reports: mediation case counts and rates, contract counts."""


STATS_COLUMNS = [
    NC_("csv", "group"),
    NC_("csv", "received"),
    NC_("csv", "accepted"),
    NC_("csv", "declined"),
    NC_("csv", "closed"),
    NC_("csv", "succeeded"),
    NC_("csv", "failed"),
    NC_("csv", "withdrawn"),
    NC_("csv", "referred"),
    NC_("csv", "carried_over"),
    NC_("csv", "workers"),
    NC_("csv", "amount_claimed"),
    NC_("csv", "amount_agreed"),
    NC_("csv", "average_days_to_close"),
    NC_("csv", "handling_rate"),
    NC_("csv", "success_rate"),
    NC_("csv", "succeeded_workers"),
    NC_("csv", "succeeded_claimed"),
    NC_("csv", "failed_workers"),
    NC_("csv", "failed_claimed"),
    NC_("csv", "withdrawn_workers"),
    NC_("csv", "withdrawn_claimed"),
    NC_("csv", "referred_workers"),
    NC_("csv", "referred_claimed"),
]
OUTCOME_HEADINGS = [
    NC_("stats", "outcome"),
    NC_("stats", "cases"),
    NC_("stats", "workers"),
    NC_("stats", "claimed"),
    NC_("stats", "agreed"),
]
OUTCOME_WORDS = {
    "succeeded": NC_("stats", "succeeded"),
    "failed": NC_("stats", "failed"),
    "withdrawn": NC_("stats", "withdrawn"),
    "referred": NC_("stats", "referred"),
}


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A statistics row for CSV: its outcomes' workers and amounts as columns of their own."""
    flat = {k: v for k, v in row.items() if k != "by_outcome"}
    for outcome, figures in row.get("by_outcome", {}).items():
        flat[f"{outcome}_workers"] = figures["workers"]
        flat[f"{outcome}_claimed"] = figures["amount_claimed"]
    return flat


STATS_GROUPS = {
    "category": N_("category"),
    "body": N_("body"),
    "month": N_("month"),
    "channel": N_("channel"),
}
STATS_HEADINGS = [
    NC_("stats", "received"),
    NC_("stats", "accepted"),
    NC_("stats", "declined"),
    NC_("stats", "closed"),
    NC_("stats", "succeeded"),
    NC_("stats", "failed"),
    NC_("stats", "withdrawn"),
    NC_("stats", "referred"),
    NC_("stats", "workers"),
    NC_("stats", "claimed"),
    NC_("stats", "agreed"),
    NC_("stats", "avg days"),
    NC_("stats", "handling"),
    NC_("stats", "success"),
]


def group_word(by: str | None, group: str) -> str:
    """A row of the statistics as the table names it: a category or channel in the current
    language, a body's reference or a month as it is, and the total."""
    if group == "total":
        return _("total")
    if by in ("category", "channel"):
        return term(by, group)
    return group


def _outcome_table(by: str | None, rows: list[dict[str, Any]]) -> str:
    """The closed cases' workers and amounts by outcome: for each group, then the total (the
    group's name on its first line), or the total alone when the figures are not grouped."""
    lines = []
    for r in rows if by else rows[-1:]:
        for i, (o, f) in enumerate(r["by_outcome"].items()):
            figures = [
                pgettext("stats", OUTCOME_WORDS[o]),
                f["cases"],
                f["workers"],
                f["amount_claimed"],
                f.get("amount_agreed", ""),
            ]
            lines.append([group_word(by, r["group"]) if i == 0 else "", *figures] if by else figures)
    headers = [pgettext("stats", h) for h in OUTCOME_HEADINGS]
    return table(lines, [_(STATS_GROUPS[by]), *headers] if by else headers)


@stats.command()
@option("--from", "start", type=DATE, required=True, metavar="DATE", help="First day of the period.")
@option("--to", "end", type=DATE, required=True, metavar="DATE", help="Last day of the period.")
@option("--by", type=OneOf("category", "body", "month", "channel"), default=None, help="Break down by.")
@option("-b", "--body", "body_ref", default="", metavar="BODY", help="Only the cases of this mediation body.")
@output_options
@pass_session
def disputes(
    session: Session, start: date, end: date, by: str | None, body_ref: str, as_json: bool, as_csv: bool
) -> None:
    """Mediation cases in a period: received, accepted, closed by outcome, workers, amounts, rates.

    Rates are computed from the counts by the declared formulas printed under the table.

    \b
    Examples:
      bargaining stats disputes --from 2024-01-01 --to 2024-12-31
      bargaining stats disputes --from 2024-01-01 --to 2024-12-31 --by category --csv
      bargaining stats disputes --from 2024-01-01 --to 2024-12-31 --body JD-TJFZX
    """
    how = fmt(as_json, as_csv)
    data = session.tracker().reports.dispute_stats(start=start, end=end, by=by or "", body=body_ref)
    rows = [*data["rows"], {**data["total"], "group": "total"}]
    if how == "json":
        echo_json(data)
    elif how == "csv":
        echo_titled_csv([_flat(r) for r in rows], STATS_COLUMNS)
    else:
        headers = [_(STATS_GROUPS[by]) if by else "", *(pgettext("stats", h) for h in STATS_HEADINGS)]
        click.echo(
            table(
                [
                    [
                        group_word(by, r["group"]),
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
        click.echo("")
        click.echo(_outcome_table(by, rows))
        click.echo("")
        click.echo(
            _("{start} to {end}. Carried over from before: {count}.").format(
                start=data["from"], end=data["to"], count=data["total"]["carried_over"]
            )
        )
        for formula in data["formulas"]:
            click.echo(f"  {formula}")


CONTRACT_COLUMNS = [
    NC_("csv", "kind"),
    NC_("csv", "signed"),
    NC_("csv", "filed_on_time"),
    NC_("csv", "filed_late"),
    NC_("csv", "not_filed"),
    NC_("csv", "in_force"),
    NC_("csv", "expiring"),
    NC_("csv", "renewed"),
    NC_("csv", "renewal_rate"),
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
        echo_titled_csv(rows, CONTRACT_COLUMNS)
    else:
        cells = [[r[c] if r[c] is not None else "" for c in CONTRACT_COLUMNS] for r in rows]
        for row in cells:
            row[0] = _("all") if row[0] == "all" else term("kind", row[0])
        click.echo(table(cells, [pgettext("csv", c) for c in CONTRACT_COLUMNS]))
        for formula in data["formulas"]:
            click.echo(f"  {formula}")


TIMELINE_COLUMNS = [
    NC_("csv", "on"),
    NC_("csv", "context"),
    NC_("csv", "number"),
    NC_("csv", "step"),
    NC_("csv", "retracted_by"),
    NC_("csv", "recorded_by"),
    NC_("csv", "recorded_at"),
    NC_("csv", "deadline"),
    NC_("csv", "due"),
    NC_("csv", "late_by_days"),
    NC_("csv", "detail"),
    NC_("csv", "data"),
]
TIMELINE_HEADINGS = [N_("date"), N_("record"), N_("step"), N_("recorded by"), N_("deadline"), N_("detail")]


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
        echo_titled_csv(flat, TIMELINE_COLUMNS)
    else:
        click.echo(
            table(
                [
                    struck(
                        [
                            r["on"],
                            term("record", r["context"]),
                            step_cell(r["number"], r["step"], r),
                            r["recorded_by"],
                            on_time(r["met"]),
                            clip(r["detail"], 60),
                        ],
                        r,
                    )
                    for r in flat
                ],
                titled(TIMELINE_HEADINGS),
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
    bar = click.progressbar(length=total, label=_("Replaying events"), file=sys.stderr)
    with ExitStack() as stack:

        def advance(count: int) -> None:
            # Shown from the first replayed page on: a store that cannot be opened (a wrong
            # key, a busy writer) stays a one-line error.
            if not bar.entered:
                stack.enter_context(bar)
            bar.update(count)

        read = reports.rebuild(projection or "", progress=advance)
    if projection:
        click.echo(_("Rebuilt {projection} from {count} events.").format(projection=projection, count=read))
    else:
        click.echo(_("Rebuilt all read models from {count} events.").format(count=read))
