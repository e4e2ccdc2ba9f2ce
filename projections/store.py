"""The read-model store: SQLite tables updated in the same transaction as their tracking rows.

One file beside the event stores. Each projection tracks its own position per upstream
application (``<projection>@<application>``), so one projection can be rebuilt alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.sqlite import SQLiteCursor, SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from projections.columns import AGREEMENT_COLUMNS, CASE_COLUMNS
from projections.readers import SCHEMA_VERSION

VIEWS_NAME = "Views"
# Bump when a view's tables change: views are derived data, so an older file is emptied and
# rebuilt from the event stores on the next read rather than migrated.
VIEW_TABLES = ("aggregates", "agreements", "cases", "timeline", "timelines")

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS aggregates (originator_id TEXT PRIMARY KEY, context TEXT NOT NULL,"
    " reference TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS agreements ("
    + ", ".join(
        f"{c} {'TEXT PRIMARY KEY' if c == 'reference' else 'INTEGER' if c in ('rounds', 'articles_agreed', 'articles_open', 'vote_verified') else 'TEXT'}"  # noqa: E501
        for c in AGREEMENT_COLUMNS
    )
    + ", deadlines TEXT)",
    "CREATE INDEX IF NOT EXISTS agreements_kind ON agreements (kind, stage)",
    "CREATE TABLE IF NOT EXISTS cases ("
    + ", ".join(
        f"{c} {'TEXT PRIMARY KEY' if c == 'reference' else 'INTEGER' if c in ('workers', 'claimed_fen', 'agreed_fen', 'performed', 'flagged', 'close_days') else 'TEXT'}"  # noqa: E501
        for c in CASE_COLUMNS
    )
    + ")",
    # Covering indexes: each statistic reads one index in date order, never the wide rows.
    "CREATE INDEX IF NOT EXISTS cases_received ON cases (received_on, category, channel, body)",
    "CREATE INDEX IF NOT EXISTS cases_accepted ON cases (accepted_on, category, channel, body, workers,"
    " claimed_fen, closed_on, deadline)",
    "CREATE INDEX IF NOT EXISTS cases_declined ON cases (declined_on, category, channel, body)"
    " WHERE declined_on IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS cases_closed ON cases (closed_on, outcome, category, channel, body,"
    " agreed_fen, close_days)",
    "CREATE INDEX IF NOT EXISTS cases_open ON cases (deadline, category, channel, body, accepted_on)"
    " WHERE closed_on IS NULL AND declined_on IS NULL AND accepted_on IS NOT NULL",
    "CREATE TABLE IF NOT EXISTS timelines (originator_id TEXT PRIMARY KEY, upstream TEXT NOT NULL,"
    " context TEXT NOT NULL, reference TEXT NOT NULL, steps INTEGER NOT NULL, last_position INTEGER NOT NULL,"
    " last_step TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS timelines_reference ON timelines (reference)",
]


class ViewStore(SQLiteTrackingRecorder):
    """SQLite tables for the read models, written one page of events per transaction."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *SCHEMA]

    def position(self, projection: str, upstream: str) -> int:
        return self.max_tracking_id(f"{projection}@{upstream}") or 0

    def positions(self) -> dict[str, int]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT application_name, notification_id FROM tracking WHERE application_name LIKE '%@%'"
            )
            return {row[0]: row[1] for row in c.fetchall()}

    def write_page(self, c: SQLiteCursor, trackings: Iterable[Tracking]) -> None:
        for tracking in trackings:
            self._insert_tracking(c, tracking)

    def reset(self, projection: str, tables: Sequence[str]) -> None:
        with self.datastore.transaction(commit=True) as c:
            for table in tables:
                c.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are ours, not input
            c.execute("DELETE FROM tracking WHERE application_name LIKE ?", (f"{projection}@%",))


def _discard_outdated(path: str) -> None:
    if not os.path.exists(path):
        return
    with closing(sqlite3.connect(path)) as conn:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with conn:
            for table in VIEW_TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tracking'").fetchone():
                conn.execute("DELETE FROM tracking WHERE application_name LIKE '%@%'")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def open_views(path: str, lock_timeout: int = 5) -> ViewStore:
    """The view store in ``path``, built the way the library's ProjectionRunner builds views."""
    _discard_outdated(path)
    settings = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": path,
        "SQLITE_LOCK_TIMEOUT": str(lock_timeout),
    }
    env = Environment(VIEWS_NAME, {**os.environ, **settings})
    recorder = InfrastructureFactory.construct(env).tracking_recorder(ViewStore)
    assert isinstance(recorder, ViewStore)
    _relax_durability(recorder)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return recorder


def _relax_durability(recorder: ViewStore) -> None:
    """Views are derived data: in WAL mode, synchronous=NORMAL may lose the last pages on a
    power cut (the next read catches up again) but saves an fsync per page, which on this
    kind of disk is most of a rebuild's time. The event stores keep the library's FULL."""
    pool = recorder.datastore.pool
    create = pool._create_connection

    def create_relaxed() -> Any:
        connection = create()
        connection._sqlite_conn.execute("PRAGMA synchronous = NORMAL")
        return connection

    pool._create_connection = create_relaxed  # type: ignore[method-assign]
    with recorder.datastore.get_connection(commit=False) as connection:  # the one made at start-up
        connection._sqlite_conn.execute("PRAGMA synchronous = NORMAL")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
