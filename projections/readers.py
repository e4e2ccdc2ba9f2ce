"""Read-only queries on the read models, on SQLite (standard library only) or PostgreSQL.

A report that finds the views up to date never imports the event-sourcing library or the
domain: it checks positions and reads tables. Only a stale view pays for a catch-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from projections.columns import BOARD_COLUMNS
from projections.sql import Reader, ViewsAt, connect, missing_table
from projections.status import contract_status, next_due
from projections.text import contains_pattern, folded

Row = dict[str, Any]

# The views' table layout; an older layout is emptied and rebuilt (see projections.store).
SCHEMA_VERSION = 17

# Which upstream applications each projection follows (mirrors the projection classes).
FOLLOWS: dict[str, tuple[str, ...]] = {
    "agreements": ("Negotiations",),
    "cases": ("Mediation",),
    "timeline": ("Negotiations", "Mediation"),
}
APPLICATIONS = ("Negotiations", "Mediation")


def current_layout(scalar: Callable[[str], Any], calendar: str) -> bool:
    """Whether the views (asked through ``scalar``, a query's one value) have this layout, and
    deadlines counted with holiday data no older than ``calendar``: else they are rebuilt."""
    if scalar("SELECT MAX(version) FROM views_layout") != SCHEMA_VERSION:
        return False
    return not outdated(scalar("SELECT calendar FROM views_layout"), calendar)  # this layout has it


def outdated(stored: str | None, mine: str) -> bool:
    """Whether views whose deadlines were counted with the holiday data ``stored`` must be
    counted again with ``mine`` (each ``NAME VERSION CHECKSUM``): when mine is a later release
    of the same data, or the same release changed. Not when mine is an earlier release: a
    PostgreSQL store is shared, and two machines with different releases would otherwise
    rebuild each other's views at every command."""
    if stored == mine:
        return False
    theirs, ours = (stored or "").split(" "), mine.split(" ")
    if len(theirs) != 3 or len(ours) != 3 or theirs[0] != ours[0]:
        return True
    return _release(ours[1]) >= _release(theirs[1])


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def tracking_table(at: ViewsAt) -> str:
    """The library's tracking table for the views (PostgreSQL prefixes it by the views' name)."""
    return "tracking" if at.url is None else "views_tracking"


def last_positions(at: ViewsAt) -> dict[str, int]:
    """The last notification recorded by each application (0 when none yet)."""
    found = dict.fromkeys(APPLICATIONS, 0)
    if at.url is not None:
        with connect(at) as db:
            for app in APPLICATIONS:
                try:
                    found[app] = db.scalar(f"SELECT MAX(notification_id) FROM {app.lower()}_events") or 0
                except Exception as error:
                    if not missing_table(error):
                        raise
        return found
    for app, path in at.events.items():
        if path.exists():
            with connect(at, path) as db:
                try:
                    found[app] = db.scalar("SELECT MAX(rowid) FROM stored_events") or 0
                except Exception as error:
                    if not missing_table(error):
                        raise
    return found


def tracked(at: ViewsAt) -> dict[str, int] | None:
    """Each projection's position per application, or None when the views need building."""
    if at.url is None and (at.views is None or not at.views.exists()):
        return None
    with connect(at) as db:
        try:
            if not current_layout(db.scalar, at.calendar):
                return None
            table = tracking_table(at)
            return dict(db.tuples(f"SELECT application_name, notification_id FROM {table}"))
        except Exception as error:
            if missing_table(error):
                return None
            raise


def stale(at: ViewsAt) -> bool:
    """True when some projection has not seen every recorded event."""
    positions = tracked(at)
    if positions is None:
        return True
    last = last_positions(at)
    return any(
        positions.get(f"{projection}@{app}", 0) < last.get(app, 0)
        for projection, apps in FOLLOWS.items()
        for app in apps
    )


def _filters(kind: str | None, employer: str | None, params: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if kind:
        where.append("kind = :kind")
        params["kind"] = kind
    if employer and folded(employer):
        # A plain substring of the name folded as the lists fold it (projections.text): the
        # same records on both stores, whatever the case or width of what was typed.
        # LIKE with '%' and '_' escaped: on folded text both stores compare alike.
        where.append("employer_key LIKE :employer ESCAPE '\\'")
        params["employer"] = contains_pattern(employer)
    return where


def board(at: ViewsAt, day: str, *, kind: str | None = None, employer: str | None = None) -> list[Row]:
    """Every negotiation and contract as it stands today, with its status and next deadline."""
    params: dict[str, Any] = {"day": day}
    where = _filters(kind, employer, params)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    # Not the fold's state (every proposal of every negotiation): the board never needs it; nor
    # the deadlines of a contract already terminated or expired on that day (most of a board).
    sql = (
        f"SELECT {BOARD_COLUMNS.replace('deadlines', CLOSED_WITHOUT_DEADLINES)} FROM agreements{clause}"
        " ORDER BY reference"  # constant clauses, bound values
    )
    with connect(at) as db:
        rows = db.rows(sql, params)
    return [with_status(row, day, closed_ones=False) for row in rows]


# contract_status, in SQL: the status of a board row on :day (a test holds the two together).
STATUS = (
    "CASE WHEN stage <> 'signed' OR signed_on IS NULL THEN stage"
    " WHEN terminated_on IS NOT NULL AND terminated_on <= :day THEN 'terminated'"
    " WHEN objected_on IS NOT NULL THEN 'objected'"
    " WHEN effective_on IS NOT NULL AND effective_on <= :day"
    " THEN CASE WHEN term_end < :day THEN 'expired' ELSE 'effective' END"
    " WHEN received_on IS NOT NULL THEN 'under review'"
    " WHEN submitted_on IS NOT NULL THEN 'submitted'"
    " ELSE 'signed' END"
)
CLOSED = ("terminated", "expired")
# A row's status from the day it is closed for good (closed_from, see projections.status).
CLOSED_STATUS = (
    "CASE WHEN stage = 'refused' THEN 'refused'"
    " WHEN terminated_on IS NOT NULL AND terminated_on <= :day THEN 'terminated' ELSE 'expired' END"
)
# Nothing is due on a row closed for good: the board does not read its deadlines.
CLOSED_WITHOUT_DEADLINES = (
    "CASE WHEN closed_from <= :day THEN NULL ELSE (SELECT deadlines"
    " FROM agreement_details d WHERE d.reference = agreements.reference) END AS deadlines"
)
# What needs attention whatever its dates: a negotiation not yet concluded (neither refused nor
# signed), and a signed contract not yet in force (awaiting filing, the authority's review, or
# a new submission after an objection).
UNCONCLUDED = ("opened", "requested", "negotiating", "suspended", "draft", "tied", "ratified")
AWAITING = ("signed", "submitted", "under review", "objected")
# Anything else needs attention when its next deadline (next_due) falls on or before :until,
# overdue ones included: an open duty (not a milestone) of any date up to then, or a
# milestone from :day to then. ``agreement_dues`` holds each row's open governing dates.
_IN_STATUS = "status IN ({})".format(", ".join(f"'{s}'" for s in (*UNCONCLUDED, *AWAITING)))
ATTENTION = (
    f"({_IN_STATUS} OR (status NOT IN ('terminated', 'expired', 'objected') AND EXISTS"
    " (SELECT 1 FROM agreement_dues d WHERE d.reference = board.reference AND d.due <= :until"
    " AND (d.milestone = 0 OR d.due >= :day))))"
)


def attention(
    at: ViewsAt,
    day: str,
    until: str,
    *,
    kind: str | None = None,
    employer: str | None = None,
    stage: str | None = None,
) -> tuple[list[Row], dict[str, int]]:
    """What needs attention on ``day`` (see ``needs_attention``), as ``board`` gives its rows;
    and how many rows of each status the board holds besides (with the same filters).

    Worked out in SQL, so that a board of thousands of contracts in force or closed decodes
    only the few rows it shows."""
    params: dict[str, Any] = {"day": day, "until": until}
    where = ["closed_from > :day", *_filters(kind, employer, params)]
    closed_where = ["closed_from <= :day", *where[1:]]
    chosen = ""
    if stage:
        chosen = " AND status = :stage"
        params["stage"] = stage
    # The rows still open on the day (an index range: in force, under way), their status worked
    # out; the closed ones are only counted, from the index.
    board_rows = f"WITH board AS (SELECT *, {STATUS} AS status FROM agreements WHERE {' AND '.join(where)}) "
    shown = (
        f"{board_rows}SELECT {BOARD_COLUMNS.replace('deadlines', 'd.deadlines')}"
        " FROM board JOIN agreement_details d USING (reference)"
        f" WHERE {ATTENTION}{chosen}"
    )
    rest = f"{board_rows}SELECT status, COUNT(*) FROM board WHERE NOT {ATTENTION}{chosen} GROUP BY status"
    closed = (
        f"SELECT status, COUNT(*) FROM (SELECT {CLOSED_STATUS} AS status FROM agreements"
        f" WHERE {' AND '.join(closed_where)}) AS closed"
        f"{' WHERE status = :stage' if stage else ''} GROUP BY status"
    )
    with connect(at) as db:
        rows = db.rows(shown, params)
        counts = dict(db.tuples(rest, params))
        for status, count in db.tuples(closed, params):
            counts[status] = counts.get(status, 0) + count
    found = [with_status(row, day) for row in rows]
    found.sort(key=by_next_deadline)
    return found, counts


def needs_attention(row: Row, until: str) -> bool:
    """Whether a board row (``with_status``) needs attention: not concluded, awaiting filing or
    review, or its next deadline falls on or before ``until`` (overdue ones included)."""
    if row["status"] in UNCONCLUDED or row["status"] in AWAITING:
        return True
    due = row["next_deadline"]
    return due is not None and due["due"] <= until


def by_next_deadline(row: Row) -> tuple[bool, str, str]:
    """The attention board's order: the soonest deadline first (overdue ones earliest), then
    rows with none, each by reference."""
    due = row["next_deadline"]
    return (due is None, due["due"] if due else "", row["reference"])


def with_status(row: Row, day: str, *, closed_ones: bool = True) -> Row:
    """The row's status and next deadline on ``day``.

    With ``closed_ones=False`` a terminated or expired contract's deadlines are not decoded
    (nothing is due on it any more): most of a federation's board is such contracts.
    """
    row["status"] = status = contract_status(row, day)
    if isinstance(row["deadlines"], list):
        deadlines = row["deadlines"]
    elif (status in CLOSED and not closed_ones) or row["deadlines"] is None:
        deadlines = []
    else:
        import orjson  # noqa: PLC0415 - statistics never parse deadlines (orjson imports dataclasses)

        deadlines = orjson.loads(row["deadlines"])
    row["deadlines"] = deadlines
    row["next_deadline"] = next_due(deadlines, day, status)
    return row


def timelines(at: ViewsAt, reference: str) -> list[Row]:
    """The aggregates whose events make up ``reference``'s history, and where they are stored."""
    with connect(at) as db:
        sql = "SELECT upstream, originator_id, context FROM timelines WHERE reference = ? ORDER BY context"
        return db.rows(sql, (reference,))


def timelines_of(at: ViewsAt, references: list[str]) -> list[Row]:
    """The aggregates of many references (``timelines`` for each), by reference and context."""
    found: list[Row] = []
    with connect(at) as db:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found += db.rows(
                "SELECT upstream, originator_id, context, reference FROM timelines"
                f" WHERE reference IN ({marks}) ORDER BY reference, context",
                chunk,
            )
    return found


def cases_by_reference(at: ViewsAt, references: list[str]) -> dict[str, Row]:
    """The case rows of those references that are cases."""
    found: dict[str, Row] = {}
    with connect(at) as db:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in db.rows(f"SELECT * FROM cases WHERE reference IN ({marks})", chunk):
                found[row["reference"]] = row
    return found


def period_cases(at: ViewsAt, start: str, end: str, body: str | None = None) -> list[Row]:
    """The cases in mediation at some time in the period: received by its end, and not closed
    or declined before its start; by the day received."""
    only = " AND body = :body" if body else ""
    with connect(at) as db:
        return db.rows(
            "SELECT * FROM cases WHERE received_on <= :end AND (closed_on IS NULL OR closed_on >= :start)"
            f" AND (declined_on IS NULL OR declined_on >= :start){only} ORDER BY received_on, reference",
            {"start": start, "end": end, **({"body": body} if body else {})},
        )


def case_references(at: ViewsAt, body: str | None = None) -> set[str]:
    """Every case's reference the read model holds; ``body``: that body's cases only."""
    with connect(at) as db:
        if body is None:
            return {r["reference"] for r in db.rows("SELECT reference FROM cases")}
        return {r["reference"] for r in db.rows("SELECT reference FROM cases WHERE body = ?", [body])}


def agreement_references(at: ViewsAt) -> set[str]:
    """Every negotiation's and contract's reference the read model holds."""
    with connect(at) as db:
        return {r["reference"] for r in db.rows("SELECT reference FROM agreements")}


def body_names(at: ViewsAt) -> dict[str, str]:
    """Every mediation body's name, by reference."""
    with connect(at) as db:
        return {r["reference"]: r["name"] for r in db.rows("SELECT reference, name FROM bodies")}


def cases(at: ViewsAt) -> list[Row]:
    with connect(at) as db:
        return db.rows("SELECT * FROM cases ORDER BY reference")


# What a case's deadlines are computed from (bargaining.mediation.deadlines, folds.limitation_*).
DUE_COLUMNS = (
    "reference, profile, received_on, accepted_on, declined_on, closed_on, outcome, deadline,"
    " acceptance_due, extended_until, arbitration_right_on, review_ends, review_on, performance_due,"
    " performed, performed_on, limitation_base, time_barred_on"
)


def cases_due(at: ViewsAt) -> list[Row]:
    """Every case, by reference, with only the columns its deadlines are computed from: all
    of them are read (a closed case has its limitation and performance dates), so the parties,
    requests and names are left in the table (a third of the time to read them all)."""
    with connect(at) as db:
        return db.rows(f"SELECT {DUE_COLUMNS} FROM cases ORDER BY reference")


def case_ledger(at: ViewsAt) -> list[Row]:
    """Every case's row with the texts its ledger carries (mediator, terms, facts), by reference."""
    with connect(at) as db:
        return db.rows(
            "SELECT cases.*, d.mediator, d.terms, d.facts FROM cases"
            " LEFT JOIN case_details d USING (reference) ORDER BY reference"
        )


GROUPS = {"category": "category", "body": "COALESCE(body, '-')", "channel": "channel"}
METRICS = (
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
    "claimed_fen",
    "agreed_fen",
    "days_to_close",
    "closed_accepted",
    # The closed cases' workers and amounts claimed, by outcome: the figures a report gives
    # for the cases that succeeded ("成功调处14件，涉及职工32人次，涉案金额294万元").
    "succeeded_workers",
    "succeeded_claimed_fen",
    "failed_workers",
    "failed_claimed_fen",
    "withdrawn_workers",
    "withdrawn_claimed_fen",
    "referred_workers",
    "referred_claimed_fen",
)
OUTCOME_METRIC = {
    "settled": "succeeded",
    "failed": "failed",
    "withdrawn": "withdrawn",
    "referred": "referred",
}
IN = "BETWEEN :start AND :end"
# A case is deemed failed (S4 Art 29) once its mediation deadline has passed unclosed.
DEEMED = "closed_on IS NULL AND declined_on IS NULL AND accepted_on IS NOT NULL AND deadline < :asof"


def _key(by: str | None, date_column: str) -> str:
    if by == "month":
        return f"substr({date_column}, 1, 7)"
    return GROUPS[by] if by else "'all'"


def _when(outcome: str, value: str = "1") -> str:
    return f"SUM(CASE WHEN outcome = '{outcome}' THEN {value} ELSE 0 END)"


# Each outcome's workers and amounts claimed, summed over the closed cases with it.
OUTCOME_SUMS = ", ".join(_when(o, v) for o in OUTCOME_METRIC for v in ("workers", "COALESCE(claimed_fen, 0)"))


def dispute_counts(
    at: ViewsAt, start: str, end: str, asof: str, by: str | None, body: str | None = None
) -> list[Row]:
    """Counts and exact sums (in fen) per group for cases in the period; rates are the caller's.

    One indexed range query per kind of date (received, accepted, declined, closed, deemed
    failed) instead of one pass evaluating every condition on every case. With ``by="month"``
    each count falls in the month of its own date. Without groups there is no GROUP BY: the
    sort it implies cost SQLite four times the scan of a covering index. ``body`` keeps one
    mediation body's cases (its reference); every index the counts read covers it.
    """
    with connect(at) as db:
        params = {"start": start, "end": end, "asof": asof, **({"body": body} if body else {})}
        return _dispute_counts(db, by, params)


def _dispute_counts(db: Reader, by: str | None, params: dict[str, str]) -> list[Row]:
    only = " AND body = :body" if "body" in params else ""
    grouped = only + (" GROUP BY 1" if by else "")
    # SQLite would take ``closed_on IS NULL`` for a selective equality and walk every open,
    # declined and unaccepted case through the table, not the small index of open cases.
    open_cases = db.using("cases_open")
    queries = [
        (
            f"SELECT {_key(by, 'received_on')}, COUNT(*) FROM cases WHERE received_on {IN}{grouped}",
            ("received",),
        ),
        (
            f"SELECT {_key(by, 'accepted_on')}, COUNT(*), SUM(workers), SUM(COALESCE(claimed_fen, 0))"
            f" FROM cases WHERE accepted_on {IN}{grouped}",
            ("accepted", "workers", "claimed_fen"),
        ),
        (
            f"SELECT {_key(by, 'declined_on')}, COUNT(*) FROM cases WHERE declined_on {IN}{grouped}",
            ("declined",),
        ),
        (
            f"SELECT {_key(by, 'deadline')}, COUNT(*),"
            f" SUM({db.dialect.days_between('deadline', 'accepted_on')}),"
            " COUNT(*), SUM(workers), SUM(COALESCE(claimed_fen, 0))"
            f" FROM cases{open_cases} WHERE {DEEMED} AND deadline {IN}{grouped}",
            ("failed", "days_to_close", "closed_accepted", "failed_workers", "failed_claimed_fen"),
        ),
        (
            f"SELECT {_key(by, 'closed_on')}, COUNT(*), {', '.join(_when(o) for o in OUTCOME_METRIC)},"
            f" {_when('settled', 'COALESCE(agreed_fen, 0)')}, SUM(COALESCE(close_days, 0)),"
            f" COUNT(close_days), {OUTCOME_SUMS}"
            # Closed: accepted cases concluded in the period (DOMAIN B10); a case withdrawn or
            # referred before it was accepted was never in mediation.
            f" FROM cases WHERE closed_on {IN} AND outcome IS NOT NULL AND accepted_on IS NOT NULL{grouped}",
            (
                "closed",
                *OUTCOME_METRIC.values(),
                "agreed_fen",
                "days_to_close",
                "closed_accepted",
                *(f"{m}_{v}" for m in OUTCOME_METRIC.values() for v in ("workers", "claimed_fen")),
            ),
        ),
    ]
    if by != "month":
        queries += _carried_over(by, grouped, open_cases)
    rows: dict[str, Row] = {}
    for sql, names in queries:
        for group, count, *values in db.tuples(sql, params):
            if not count:  # an aggregate without groups answers even when nothing matched
                continue
            row = rows.setdefault(group, {"grp": group, **dict.fromkeys(METRICS, 0)})
            for name, value in zip(names, (count, *values), strict=True):
                row[name] += int(value or 0)
    if by == "month":
        # Each month's carry-over is the cases open at its first day, counted as the period's is.
        for month, row in rows.items():
            first = {**params, "start": f"{month}-01"}
            row["carried_over"] = sum(
                int(db.tuples(sql, first)[0][1] or 0) for sql, _names in _carried_over(None, only, open_cases)
            )
    for row in rows.values():
        row["closed"] = row["succeeded"] + row["failed"] + row["withdrawn"] + row["referred"]
    return [rows[k] for k in sorted(rows)]


def _carried_over(by: str | None, grouped: str, open_cases: str) -> list[tuple[str, tuple[str, ...]]]:
    """Carried over: accepted before the period, and at its start neither closed nor deemed
    failed. Counted as the cases closed since the start (the closed-date index, short for a
    recent period) plus those still open (the small open-cases index), rather than by walking
    every case accepted since records began. (A declined case is never accepted.)"""
    return [
        (
            f"SELECT {_key(by, '')}, COUNT(*) FROM cases WHERE closed_on >= :start"
            f" AND accepted_on < :start{grouped}",
            ("carried_over",),
        ),
        (
            f"SELECT {_key(by, '')}, COUNT(*) FROM cases{open_cases} WHERE closed_on IS NULL"
            " AND declined_on IS NULL AND accepted_on IS NOT NULL AND accepted_on < :start"
            f" AND NOT (deadline < :start AND deadline < :asof){grouped}",
            ("carried_over",),
        ),
    ]


def close_days(
    at: ViewsAt, start: str, end: str, asof: str, body: str | None = None
) -> list[tuple[int, int]]:
    """How many days the cases closed in the period took, from acceptance: (days, cases), as
    ``dispute_counts`` counts them (a case deemed failed took the days to its deadline)."""
    params = {"start": start, "end": end, "asof": asof, **({"body": body} if body else {})}
    only = " AND body = :body" if body else ""
    counts: dict[int, int] = {}
    with connect(at) as db:
        open_cases = db.using("cases_open")
        for sql in (
            f"SELECT close_days, COUNT(*) FROM cases WHERE closed_on {IN} AND outcome IS NOT NULL"
            f" AND accepted_on IS NOT NULL AND close_days IS NOT NULL{only} GROUP BY 1",
            f"SELECT {db.dialect.days_between('deadline', 'accepted_on')}, COUNT(*) FROM cases{open_cases}"
            f" WHERE {DEEMED} AND deadline {IN}{only} GROUP BY 1",
        ):
            for days, count in db.tuples(sql, params):
                counts[int(days)] = counts.get(int(days), 0) + int(count)
    return sorted(counts.items())


def agreement_deadlines(at: ViewsAt, reference: str) -> list[Row]:
    """The deadlines of one negotiation and its contract, as the agreements view holds them."""
    import orjson  # noqa: PLC0415 - as in with_status

    with connect(at) as db:
        found = db.scalar("SELECT deadlines FROM agreement_details WHERE reference = ?", (reference,))
    return list(orjson.loads(found)) if found else []


def agreements_deadlines(at: ViewsAt, references: list[str]) -> dict[str, list[Row]]:
    """``agreement_deadlines`` of many negotiations at once, by reference."""
    import orjson  # noqa: PLC0415 - as in with_status

    found: dict[str, list[Row]] = {}
    with connect(at) as db:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for reference, deadlines in db.tuples(
                f"SELECT reference, deadlines FROM agreement_details WHERE reference IN ({marks})", chunk
            ):
                found[reference] = list(orjson.loads(deadlines)) if deadlines else []
    return found


def case(at: ViewsAt, reference: str) -> Row | None:
    with connect(at) as db:
        rows = db.rows("SELECT * FROM cases WHERE reference = ?", (reference,))
    return rows[0] if rows else None


def agreement_rows(at: ViewsAt, references: list[str]) -> dict[str, Row]:
    """The whole rows (the fold's state decoded) of some negotiations and contracts, by
    reference: what their deadlines are worked out from again, in another language."""
    import orjson  # noqa: PLC0415 - as in with_status

    found: dict[str, Row] = {}
    with connect(at) as db:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in db.rows(
                "SELECT agreements.*, agreement_details.state FROM agreements"
                f" JOIN agreement_details USING (reference) WHERE reference IN ({marks})",
                chunk,
            ):
                row["state"] = orjson.loads(row["state"])
                found[row["reference"]] = row
    return found


def agreements(at: ViewsAt) -> list[Row]:
    with connect(at) as db:
        return db.rows(
            "SELECT agreements.*, agreement_details.deadlines FROM agreements"
            " JOIN agreement_details USING (reference) ORDER BY reference"
        )
