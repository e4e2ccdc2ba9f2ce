"""Read-only queries on the read models, with the standard library's sqlite3 alone.

A report that finds the views up to date never imports the event-sourcing library or the
domain: it checks positions and reads tables. Only a stale view pays for a catch-up.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from projections.status import contract_status, next_due

Row = dict[str, Any]

# The views' table layout; an older file is emptied and rebuilt (see projections.store).
SCHEMA_VERSION = 2

# Which upstream applications each projection follows (mirrors the projection classes).
FOLLOWS: dict[str, tuple[str, ...]] = {
    "agreements": ("Negotiations",),
    "cases": ("Mediation",),
    "timeline": ("Negotiations", "Mediation"),
}


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        yield conn


def last_positions(event_stores: Mapping[str, Path]) -> dict[str, int]:
    found = {}
    for app, path in event_stores.items():
        if not path.exists():
            found[app] = 0
            continue
        with reading(path) as conn:
            try:
                found[app] = conn.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0] or 0
            except sqlite3.OperationalError:  # no table yet: nothing recorded
                found[app] = 0
    return found


def stale(event_stores: Mapping[str, Path], views: Path) -> bool:
    """True when some projection has not seen every recorded event."""
    last = last_positions(event_stores)
    if not views.exists():
        return any(last.values()) or True
    with reading(views) as conn:
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return True
        try:
            tracked = dict(conn.execute("SELECT application_name, notification_id FROM tracking").fetchall())
        except sqlite3.OperationalError:
            return True
    return any(
        tracked.get(f"{projection}@{app}", 0) < last.get(app, 0)
        for projection, apps in FOLLOWS.items()
        for app in apps
    )


def _rows(conn: sqlite3.Connection, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


BOARD_COLUMNS = ", ".join(
    c
    for c in (
        "reference",
        "kind",
        "employer",
        "union_name",
        "topic",
        "purpose",
        "predecessor",
        "profile",
        "stage",
        "rounds",
        "last_round_on",
        "articles_agreed",
        "articles_open",
        "vote_outcome",
        "vote_verified",
        "signed_on",
        "term_start",
        "term_end",
        "submitted_on",
        "received_on",
        "objected_on",
        "effective_on",
        "published_on",
        "terminated_on",
        "renewed_by",
        "deadlines",
    )
)


def board(views: Path, day: str, *, kind: str | None = None, employer: str | None = None) -> list[Row]:
    """Every negotiation and contract as it stands today, with its status and next deadline."""
    where, params = [], {}
    if kind:
        where.append("kind = :kind")
        params["kind"] = kind
    if employer:
        where.append("employer LIKE :employer")
        params["employer"] = f"%{employer}%"
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    # Not the fold's state (every proposal of every negotiation): the board never needs it.
    sql = f"SELECT {BOARD_COLUMNS} FROM agreements{clause} ORDER BY reference"  # noqa: S608 - constant clauses
    with reading(views) as conn:
        rows = _rows(conn, sql, params)
    return [with_status(row, day) for row in rows]


def with_status(row: Row, day: str) -> Row:
    deadlines = (
        row["deadlines"] if isinstance(row["deadlines"], list) else json.loads(row["deadlines"] or "[]")
    )
    row["deadlines"] = deadlines
    row["status"] = contract_status(row, day)
    row["next_deadline"] = next_due(deadlines, day, row["status"])
    return row


UPSTREAM_FILES = {"Negotiations": "negotiations.sqlite", "Mediation": "mediation.sqlite"}


@contextmanager
def reading_with_events(views: Path) -> Iterator[tuple[sqlite3.Connection, str]]:
    """The views with the event stores attached, and the SQL expression for a row's body.

    The timeline keeps no copy of the events: a body is read from its store by position.
    """
    with reading(views) as conn:
        parts = []
        for upstream, name in UPSTREAM_FILES.items():
            path = views.parent / name
            if path.exists():
                conn.execute(f"ATTACH DATABASE ? AS {upstream}", (f"file:{path}?mode=ro",))
                parts.append(  # the names come from UPSTREAM_FILES, not from input
                    f"(SELECT state FROM {upstream}.stored_events WHERE rowid = t.position"  # noqa: S608
                    f" AND t.upstream = '{upstream}')"
                )
        yield conn, f"COALESCE({', '.join(parts)})" if parts else "NULL"


def timeline_payloads(
    views: Path, contexts: tuple[str, ...], day: str, reference: str | None = None
) -> list[Row]:
    """Timeline rows up to ``day`` (business date), in recorded order: the input of an as-of fold."""
    marks = ",".join("?" * len(contexts))
    params: list[Any] = [*contexts, day]
    where = f"context IN ({marks}) AND on_date <= ?"
    if reference is not None:
        where += " AND reference = ?"
        params.append(reference)
    with reading_with_events(views) as (conn, body):
        sql = (
            "SELECT upstream, position, context, reference, version, on_date, step, recorded_by, recorded_at,"  # noqa: S608
            f" {body} AS payload FROM timeline t WHERE {where} ORDER BY upstream, position"
        )
        return _rows(conn, sql, tuple(params))


def timeline(views: Path, reference: str) -> list[Row]:
    with reading_with_events(views) as (conn, body):
        sql = (
            f"SELECT context, version, on_date, step, recorded_by, recorded_at, {body} AS payload"  # noqa: S608
            " FROM timeline t WHERE reference = ? ORDER BY on_date, upstream, position"
        )
        return _rows(conn, sql, (reference,))


def cases(views: Path, where: str = "", params: Mapping[str, Any] | None = None) -> list[Row]:
    sql = "SELECT * FROM cases" + (f" WHERE {where}" if where else "")  # noqa: S608 - callers pass constants
    with reading(views) as conn:
        return _rows(conn, sql, params or {})


GROUPS = {"category": "category", "body": "COALESCE(body, '-')", "channel": "channel"}

# A case's close: recorded, or deemed failed once its mediation deadline has passed.
CLOSED = (
    "COALESCE(closed_on, CASE WHEN accepted_on IS NOT NULL AND declined_on IS NULL AND deadline < :asof"
    " THEN deadline END)"
)
OUTCOME = f"COALESCE(outcome, CASE WHEN {CLOSED} IS NOT NULL THEN 'failed' END)"
IN = "BETWEEN :start AND :end"


def dispute_counts(views: Path, start: str, end: str, asof: str, by: str | None) -> list[Row]:
    """Counts and exact sums (in fen) per group for cases in the period; rates are the caller's."""
    if by == "month":
        return _dispute_counts_by_month(views, start, end, asof)
    key = GROUPS[by] if by else "'all'"
    # Each case's effective close and outcome are computed once (a materialised CTE), then
    # every count is a cheap comparison on them.
    sql = f"""
        WITH c AS MATERIALIZED (
          SELECT {key} AS grp, received_on, accepted_on, declined_on, workers, claimed_fen, agreed_fen,
                 {CLOSED} AS closed, {OUTCOME} AS result
          FROM cases WHERE received_on <= :end
        )
        SELECT grp,
          SUM(received_on {IN}) AS received,
          SUM(accepted_on {IN}) AS accepted,
          SUM(declined_on {IN}) AS declined,
          SUM(closed {IN}) AS closed,
          SUM(closed {IN} AND result = 'settled') AS succeeded,
          SUM(closed {IN} AND result = 'failed') AS failed,
          SUM(closed {IN} AND result = 'withdrawn') AS withdrawn,
          SUM(closed {IN} AND result = 'referred') AS referred,
          SUM(accepted_on < :start AND (closed IS NULL OR closed >= :start)) AS carried_over,
          SUM(CASE WHEN accepted_on {IN} THEN workers ELSE 0 END) AS workers,
          SUM(CASE WHEN accepted_on {IN} THEN COALESCE(claimed_fen, 0) ELSE 0 END) AS claimed_fen,
          SUM(CASE WHEN closed {IN} AND result = 'settled' THEN COALESCE(agreed_fen, 0) ELSE 0 END)
            AS agreed_fen,
          SUM(CASE WHEN closed {IN} AND accepted_on IS NOT NULL
                   THEN julianday(closed) - julianday(accepted_on) ELSE 0 END) AS days_to_close,
          SUM(closed {IN} AND accepted_on IS NOT NULL) AS closed_accepted
        FROM c
        WHERE closed IS NULL OR closed >= :start OR accepted_on >= :start
        GROUP BY grp ORDER BY grp
    """  # noqa: S608 - the group expression comes from GROUPS, not from input
    with reading(views) as conn:
        return _rows(conn, sql, {"start": start, "end": end, "asof": asof})


def _dispute_counts_by_month(views: Path, start: str, end: str, asof: str) -> list[Row]:
    """Each count falls in the month of its own date (received in the month received, …)."""
    metrics = {
        "received": ("received_on", "1"),
        "accepted": ("accepted_on", "1"),
        "declined": ("declined_on", "1"),
        "closed": (CLOSED, "1"),
        "succeeded": (CLOSED, f"{OUTCOME} = 'settled'"),
        "failed": (CLOSED, f"{OUTCOME} = 'failed'"),
        "withdrawn": (CLOSED, f"{OUTCOME} = 'withdrawn'"),
        "referred": (CLOSED, f"{OUTCOME} = 'referred'"),
        "workers": ("accepted_on", "workers"),
        "claimed_fen": ("accepted_on", "COALESCE(claimed_fen, 0)"),
        "agreed_fen": (CLOSED, f"CASE WHEN {OUTCOME} = 'settled' THEN COALESCE(agreed_fen, 0) ELSE 0 END"),
        "days_to_close": (
            CLOSED,
            f"CASE WHEN accepted_on IS NOT NULL THEN julianday({CLOSED}) - julianday(accepted_on) ELSE 0 END",
        ),
        "closed_accepted": (CLOSED, "accepted_on IS NOT NULL"),
    }
    parts = [
        f"SELECT substr({date}, 1, 7) AS grp, '{name}' AS metric, SUM({value}) AS n FROM cases"  # noqa: S608
        f" WHERE {date} {IN} GROUP BY grp"
        for name, (date, value) in metrics.items()
    ]
    with reading(views) as conn:
        found = conn.execute(" UNION ALL ".join(parts), {"start": start, "end": end, "asof": asof}).fetchall()
    rows: dict[str, Row] = {}
    for grp, metric, n in found:
        row = rows.setdefault(grp, {"grp": grp, **dict.fromkeys(metrics, 0), "carried_over": 0})
        row[metric] = n or 0
    return [rows[k] for k in sorted(rows)]


def agreements(views: Path) -> list[Row]:
    with reading(views) as conn:
        return _rows(conn, "SELECT * FROM agreements ORDER BY reference")
