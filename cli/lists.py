"""``bargaining negotiation list``, ``case list`` and ``body list``: every record, filtered and searched.

A list on a terminal shows the newest LIMIT rows (30 unless told) and says under the table how
many more matched and how to see them; ``--json`` and ``--csv`` give every row that matched
(unless ``--limit`` is given), since a file cannot say what it left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

import bargaining
from bargaining import N_, NC_, _, ngettext, term
from cli.errors import CommandError
from cli.main import Session
from cli.options import pass_session
from cli.output import clips, column_table, echo_json
from cli.params import command, option
from cli.reports import echo_titled_csv, fmt, output_options, titled
from cli.types import DATE, Count, OneOf

FC = TypeVar("FC", bound=Callable[..., Any])
SHOWN = 30  # rows a list shows on a terminal unless told: about a screen
STAGE = OneOf(*bargaining.STAGES)
KIND = OneOf(*bargaining.KINDS)
CASE_STATUS = OneOf(*bargaining.CASE_STATUSES, *bargaining.CASE_STATUS_GROUPS)
CATEGORY = OneOf(*bargaining.CASE_CATEGORIES)


def list_options(since: str, until: str) -> Callable[[FC], FC]:
    """What every record list takes: the period (``since`` and ``until`` are the help of
    --from and --to, marked N_), the search, how many rows, the output."""

    def decorate(func: FC) -> FC:
        for decorator in reversed(
            [
                option(
                    "--from",
                    "start",
                    type=DATE,
                    default=None,
                    metavar="DATE",
                    help=since,
                ),
                option(
                    "--to",
                    "end",
                    type=DATE,
                    default=None,
                    metavar="DATE",
                    help=until,
                ),
                option(
                    "--search",
                    default="",
                    metavar="TEXT",
                    help="Only records whose text holds this: a plain substring (工伤); ABC finds abc.",
                ),
                option(
                    "--limit",
                    type=Count(1, 10_000_000),
                    default=None,
                    metavar="N",
                    help="Show the newest N.  [default: {shown} in a table, every one in --json/--csv]",
                    help_args={"shown": SHOWN},
                ),
                option("-a", "--all", "everything", is_flag=True, help="Show every one that matches."),
                output_options,
            ]
        ):
            func = decorator(func)
        return func

    return decorate


def _limit(how: str, limit: int | None, everything: bool) -> int | None:
    if everything and limit is not None:
        raise CommandError("list.all: " + _("--all shows every match, --limit N the newest N: give one"))
    if everything or limit is not None:
        return limit
    return SHOWN if how == "table" else None


def footer(found: dict[str, Any], noun: str, filtered: bool) -> str:
    """The line under a list: how many matched, and how to see those it left out. ``noun`` is
    "negotiation" or "case"; each line is a sentence of its own, for its translation."""
    shown, total = len(found["rows"]), found["total"]
    counts = {"shown": f"{shown:,}", "total": f"{total:,}"}
    if noun == "case":
        if not total:
            return _("No case matches.") if filtered else _("No case recorded yet.")
        if shown == total:
            line = ngettext(
                "{total} case, the last received first.", "{total} cases, the last received first.", total
            )
        else:
            line = ngettext(
                "{shown} of {total} case, the last received first; --limit N shows more, --all every one.",
                "{shown} of {total} cases, the last received first; --limit N shows more, --all every one.",
                total,
            )
        return line.format(**counts)
    if not total:
        return _("No negotiation matches.") if filtered else _("No negotiation recorded yet.")
    if shown == total:
        line = ngettext(
            "{total} negotiation, the last opened first.",
            "{total} negotiations, the last opened first.",
            total,
        )
    else:
        line = ngettext(
            "{shown} of {total} negotiation, the last opened first; --limit N shows more, --all every one.",
            "{shown} of {total} negotiations, the last opened first; --limit N shows more, --all every one.",
            total,
        )
    return line.format(**counts)


def _printed(how: str, rows: list[dict[str, Any]], flat: Sequence[str], table: Callable[[], str]) -> None:
    if how == "json":
        echo_json(rows)
    elif how == "csv":
        echo_titled_csv(
            [{k: "、".join(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows], flat
        )
    elif rows:
        click.echo(table())
        click.echo("")


NEGOTIATION_COLUMNS = [
    NC_("csv", "reference"),
    NC_("csv", "kind"),
    NC_("csv", "stage"),
    NC_("csv", "employer"),
    NC_("csv", "union"),
    NC_("csv", "topic"),
    NC_("csv", "opened_on"),
    NC_("csv", "rounds"),
    NC_("csv", "last_round_on"),
    NC_("csv", "signed_on"),
    NC_("csv", "term_start"),
    NC_("csv", "expires_on"),
    NC_("csv", "submitted_on"),
    NC_("csv", "effective_on"),
    NC_("csv", "terminated_on"),
    NC_("csv", "renewed_by"),
]


@command("list")
@option("--status", type=STAGE, default=None, help="Only this stage (as board --stage names them).")
@option("-k", "--kind", type=KIND, default=None, help="Only this kind of agreement.")
@option("--employer", default="", help="Only employers whose name contains this.")
@list_options(
    N_("Only negotiations opened on or after this date."),
    N_("Only negotiations opened on or before this date."),
)
@pass_session
def negotiation_list(
    session: Session,
    status: str | None,
    kind: str | None,
    employer: str,
    start: date | None,
    end: date | None,
    search: str,
    limit: int | None,
    everything: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Every negotiation with its contract, the last opened first: stage, dates and parties.

    --search finds text anywhere in the employer's and union's names, the topic, the written
    request's topics, the representatives' names and the rounds' minutes. A table shows the
    30 last opened (a line under it says how many more); --json and --csv every match.

    \b
    Examples:
      bargaining negotiation list
      bargaining negotiation list --status signed --kind wage
      bargaining negotiation list --search 陈志明 --from 2011-01-01 --to 2011-12-31
      bargaining negotiation list --employer 广州 --all --csv > negotiations.csv
    """
    how = fmt(as_json, as_csv)
    found = session.tracker().lists.negotiations(
        status=status or "",
        kind=kind or "",
        employer=employer,
        start=start,
        end=end,
        search=search,
        limit=_limit(how, limit, everything),
    )
    rows = found["rows"]
    _printed(how, rows, NEGOTIATION_COLUMNS, lambda: negotiation_table(rows))
    if how == "table":
        filtered = any([status, kind, employer, start, end, search])
        click.echo(footer(found, "negotiation", filtered))


def negotiation_table(rows: list[dict[str, Any]]) -> str:
    columns = {
        N_("reference"): [r["reference"] for r in rows],
        N_("kind"): [term("kind", r["kind"]) for r in rows],
        N_("stage"): [term("stage", r["stage"]) for r in rows],
        N_("opened"): [r["opened_on"] for r in rows],
        N_("signed"): [r["signed_on"] or "" for r in rows],
        N_("expires"): [r["expires_on"] or "" for r in rows],
        N_("employer"): clips([r["employer"] for r in rows], 20),
        N_("union"): clips([r["union"] for r in rows], 20),
    }
    return column_table(list(columns.values()), titled(columns))


CASE_COLUMNS = [
    NC_("csv", "reference"),
    NC_("csv", "status"),
    NC_("csv", "category"),
    NC_("csv", "tags"),
    NC_("csv", "channel"),
    NC_("csv", "received_on"),
    NC_("csv", "accepted_on"),
    NC_("csv", "declined_on"),
    NC_("csv", "closed_on"),
    NC_("csv", "deadline"),
    NC_("csv", "applicants"),
    NC_("csv", "respondent"),
    NC_("csv", "request"),
    NC_("csv", "body"),
    NC_("csv", "workers"),
    NC_("csv", "amount_claimed"),
    NC_("csv", "amount_agreed"),
    NC_("csv", "currency"),
    NC_("csv", "referred_from"),
]


@command("list")
@option(
    "--status",
    type=CASE_STATUS,
    default=None,
    help="Only cases in this status today; open: received or in mediation, closed: every other.",
)
@option("-k", "--category", type=CATEGORY, default=None, help="Only this primary category.")
@option("--employer", default="", help="Only respondents whose name contains this.")
@option("-b", "--body", "body_ref", default="", metavar="BODY", help="Only cases of this mediation body.")
@list_options(
    N_("Only cases received on or after this date."), N_("Only cases received on or before this date.")
)
@pass_session
def case_list(
    session: Session,
    status: str | None,
    category: str | None,
    employer: str,
    body_ref: str,
    start: date | None,
    end: date | None,
    search: str,
    limit: int | None,
    everything: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Every mediation case, the last received first: status today, dates and parties.

    --search finds text anywhere in the applicants' and respondent's names, the request, the
    facts, the mediators' names, what each session noted and offered, and the terms agreed.
    A table shows the 30 last received (a line under it says how many more); --json and
    --csv every match.

    \b
    Examples:
      bargaining case list
      bargaining case list --status open --body LQ-TJWYH
      bargaining case list --search 工伤 --category work-injury --json
      bargaining case list --from 2024-01-01 --to 2024-12-31 --all --csv > cases.csv
    """
    how = fmt(as_json, as_csv)
    found = session.tracker().lists.cases(
        status=status or "",
        category=category or "",
        employer=employer,
        body=body_ref,
        start=start,
        end=end,
        search=search,
        limit=_limit(how, limit, everything),
    )
    rows = found["rows"]
    _printed(how, rows, CASE_COLUMNS, lambda: case_table(rows))
    if how == "table":
        filtered = any([status, category, employer, body_ref, start, end, search])
        click.echo(footer(found, "case", filtered))


def case_table(rows: list[dict[str, Any]]) -> str:
    columns = {
        N_("reference"): [r["reference"] for r in rows],
        N_("status"): [term("status", r["status"]) for r in rows],
        N_("category"): [term("category", r["category"]) for r in rows],
        N_("received"): [r["received_on"] for r in rows],
        N_("closed"): [r["closed_on"] or r["declined_on"] or "" for r in rows],
        N_("applicants"): clips(["、".join(r["applicants"]) for r in rows], 16),
        N_("respondent"): clips([r["respondent"] for r in rows], 20),
        N_("body"): [r["body"] or "" for r in rows],
    }
    return column_table(list(columns.values()), titled(columns))


BODY_COLUMNS = [
    NC_("csv", "reference"),
    NC_("csv", "name"),
    NC_("csv", "type"),
    NC_("csv", "enterprise"),
    NC_("csv", "registered_on"),
    NC_("csv", "chair"),
    NC_("csv", "members"),
    NC_("csv", "mediators"),
    NC_("csv", "officers"),
    NC_("csv", "open_cases"),
]


@command("list")
@output_options
@pass_session
def body_list(session: Session, as_json: bool, as_csv: bool) -> None:
    """Every mediation body: its type, enterprise, registration, chair, roster and open cases.

    \b
    Examples:
      bargaining body list
      bargaining body list --csv
    """
    how = fmt(as_json, as_csv)
    rows = session.tracker().lists.bodies()
    _printed(how, rows, BODY_COLUMNS, lambda: body_table(rows))
    if how == "table":
        click.echo(
            ngettext("{count} mediation body.", "{count} mediation bodies.", len(rows)).format(
                count=len(rows)
            )
            if rows
            else _("No mediation body registered yet.")
        )


def body_table(rows: list[dict[str, Any]]) -> str:
    columns = {
        N_("reference"): [r["reference"] for r in rows],
        N_("name"): clips([r["name"] for r in rows], 24),
        N_("type"): [term("body type", r["type"]) for r in rows],
        N_("enterprise"): clips([r["enterprise"] or "" for r in rows], 16),
        N_("registered"): [r["registered_on"] for r in rows],
        N_("chair"): [r["chair"] or "" for r in rows],
        N_("members"): [r["members"] for r in rows],
        N_("mediators"): clips(["、".join(r["mediators"]) for r in rows], 20),
        N_("open cases"): [r["open_cases"] for r in rows],
    }
    return column_table(list(columns.values()), titled(columns))
