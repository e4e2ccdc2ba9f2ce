"""Read-only queries on the read models, with the standard library's sqlite3 alone.

A report that finds the views up to date never imports the event-sourcing library or the
domain: it checks positions and reads tables. Only a stale view pays for a catch-up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import orjson

from projections.columns import BOARD_COLUMNS
from projections.status import contract_status, next_due

Row = dict[str, Any]

# The views' table layout; an older file is emptied and rebuilt (see projections.store).
SCHEMA_VERSION = 6

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
    sql = (
        f"SELECT {BOARD_COLUMNS} FROM agreements{clause} ORDER BY reference"  # constant clauses, bound values
    )
    with reading(views) as conn:
        rows = _rows(conn, sql, params)
    return [with_status(row, day) for row in rows]


def with_status(row: Row, day: str) -> Row:
    deadlines = (
        row["deadlines"] if isinstance(row["deadlines"], list) else orjson.loads(row["deadlines"] or "[]")
    )
    row["deadlines"] = deadlines
    row["status"] = contract_status(row, day)
    row["next_deadline"] = next_due(deadlines, day, row["status"])
    return row


def timelines(views: Path, reference: str) -> list[Row]:
    """The aggregates whose events make up ``reference``'s history, and where they are stored."""
    with reading(views) as conn:
        sql = "SELECT upstream, originator_id, context FROM timelines WHERE reference = ? ORDER BY context"
        return _rows(conn, sql, (reference,))


def cases(views: Path, where: str = "", params: Mapping[str, Any] | None = None) -> list[Row]:
    sql = "SELECT * FROM cases" + (f" WHERE {where}" if where else "")  # callers pass constant clauses
    with reading(views) as conn:
        return _rows(conn, sql, params or {})


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


def dispute_counts(views: Path, start: str, end: str, asof: str, by: str | None) -> list[Row]:
    """Counts and exact sums (in fen) per group for cases in the period; rates are the caller's.

    One indexed range query per kind of date (received, accepted, declined, closed, deemed
    failed) instead of one pass evaluating every condition on every case. With ``by="month"``
    each count falls in the month of its own date.
    """
    queries = [
        (
            f"SELECT {_key(by, 'received_on')}, COUNT(*) FROM cases WHERE received_on {IN} GROUP BY 1",
            ("received",),
        ),
        (
            f"SELECT {_key(by, 'accepted_on')}, COUNT(*), SUM(workers), SUM(COALESCE(claimed_fen, 0))"
            f" FROM cases WHERE accepted_on {IN} GROUP BY 1",
            ("accepted", "workers", "claimed_fen"),
        ),
        (
            f"SELECT {_key(by, 'declined_on')}, COUNT(*) FROM cases WHERE declined_on {IN} GROUP BY 1",
            ("declined",),
        ),
        (
            f"SELECT {_key(by, 'deadline')}, COUNT(*), SUM(julianday(deadline) - julianday(accepted_on)),"
            f" COUNT(*) FROM cases WHERE {DEEMED} AND deadline {IN} GROUP BY 1",
            ("failed", "days_to_close", "closed_accepted"),
        ),
    ]
    if by != "month":
        queries.append(
            (
                f"SELECT {_key(by, '')}, COUNT(*) FROM cases WHERE accepted_on < :start AND"
                " (closed_on >= :start OR (closed_on IS NULL"
                " AND NOT (deadline < :start AND deadline < :asof))) GROUP BY 1",
                ("carried_over",),
            )
        )
    rows: dict[str, Row] = {}

    def add(group: str, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        row = rows.setdefault(group, {"grp": group, **dict.fromkeys(METRICS, 0)})
        for name, value in zip(names, values, strict=True):
            row[name] += value or 0

    params = {"start": start, "end": end, "asof": asof}
    with reading(views) as conn:
        for sql, names in queries:
            for group, *values in conn.execute(sql, params):
                add(group, names, tuple(values))
        closed = (
            f"SELECT {_key(by, 'closed_on')}, outcome, COUNT(*), SUM(COALESCE(agreed_fen, 0)),"
            " SUM(COALESCE(close_days, 0)), COUNT(close_days) FROM cases"
            f" WHERE closed_on {IN} AND outcome IS NOT NULL GROUP BY 1, 2"
        )
        for group, outcome, count, agreed, days, accepted in conn.execute(closed, params):
            add(group, (OUTCOME_METRIC[outcome], "days_to_close", "closed_accepted"), (count, days, accepted))
            if outcome == "settled":
                add(group, ("agreed_fen",), (agreed,))
    for row in rows.values():
        row["closed"] = row["succeeded"] + row["failed"] + row["withdrawn"] + row["referred"]
    return [rows[k] for k in sorted(rows)]


def agreements(views: Path) -> list[Row]:
    with reading(views) as conn:
        return _rows(conn, "SELECT * FROM agreements ORDER BY reference")
