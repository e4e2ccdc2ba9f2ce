"""The read-model store: view tables updated in the same transaction as their tracking rows.

On SQLite, one file beside the event stores; on PostgreSQL, tables in the events' database.
Each projection tracks its own position per upstream application
(``<projection>@<application>``), so one projection can be rebuilt alone. The library's own
tracking recorders keep the positions; the view tables are ours, in SQL both stores speak.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, cast

import orjson
from eventsourcing.persistence import InfrastructureFactory, Tracking, TrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from projections.columns import AGREEMENT_TABLE_COLUMNS, BODY_COLUMNS, CASE_DETAIL_COLUMNS, CASE_TABLE_COLUMNS
from projections.readers import SCHEMA_VERSION, current_layout
from projections.sql import POSTGRES, SQLITE, Dialect, missing_table, on_postgres

VIEWS_NAME = "Views"
# Views are derived data: when their layout changes (SCHEMA_VERSION), or the holiday data
# their deadlines were counted with, the old tables are dropped and rebuilt from the event
# stores on the next read rather than migrated.
VIEW_TABLES = (
    "aggregates",
    "agreements",
    "agreement_details",
    "agreement_dues",
    "agreement_texts",
    "bodies",
    "case_details",
    "cases",
    "case_texts",
    "timeline",
    "timelines",
    "views_layout",
)
INTEGER_COLUMNS = frozenset(
    {
        "rounds",
        "articles_agreed",
        "articles_open",
        "vote_verified",
        "workers",
        "claimed_fen",
        "agreed_fen",
        "performed",
        "flagged",
        "close_days",
    }
)


def _columns(columns: Sequence[str]) -> str:
    return ", ".join(
        f"{c} {'TEXT PRIMARY KEY' if c == 'reference' else 'BIGINT' if c in INTEGER_COLUMNS else 'TEXT'}"
        for c in columns
    )


def schema(dialect: Dialect) -> list[str]:
    keyed = dialect.table_options
    return [
        "CREATE TABLE IF NOT EXISTS views_layout (version INTEGER NOT NULL, calendar TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS aggregates (originator_id TEXT PRIMARY KEY, context TEXT NOT NULL,"
        f" reference TEXT NOT NULL){keyed}",
        f"CREATE TABLE IF NOT EXISTS agreements ({_columns(AGREEMENT_TABLE_COLUMNS)})",
        "CREATE TABLE IF NOT EXISTS agreement_details (reference TEXT PRIMARY KEY, state TEXT,"
        " deadlines TEXT)",
        "CREATE INDEX IF NOT EXISTS agreements_kind ON agreements (kind, stage)",
        # The attention board: the rows still open on a day, and a count of the closed ones.
        "CREATE INDEX IF NOT EXISTS agreements_closed ON agreements (closed_from, stage, terminated_on)",
        # Each row's open governing dates (next_due's candidates): the attention board asks
        # whether one falls within its window without decoding the deadlines.
        # Keyed by reference (not a secondary index, which a rebuild drops): a page deletes and
        # rewrites the dates of every row it folds.
        "CREATE TABLE IF NOT EXISTS agreement_dues (reference TEXT NOT NULL, due TEXT NOT NULL,"
        f" milestone BIGINT NOT NULL, PRIMARY KEY (reference, due, milestone)){keyed}",
        # The searchable text of each negotiation and case (projections.text): a search scans it.
        "CREATE TABLE IF NOT EXISTS agreement_texts (reference TEXT PRIMARY KEY, search TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS case_texts (reference TEXT PRIMARY KEY, search TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS case_details ({_columns(CASE_DETAIL_COLUMNS)})",
        f"CREATE TABLE IF NOT EXISTS bodies ({_columns(BODY_COLUMNS)})",
        f"CREATE TABLE IF NOT EXISTS cases ({_columns(CASE_TABLE_COLUMNS)})",
        # Covering indexes: each statistic reads one index in date order, never the wide rows.
        "CREATE INDEX IF NOT EXISTS cases_received ON cases (received_on, category, channel, body)",
        "CREATE INDEX IF NOT EXISTS cases_accepted ON cases (accepted_on, category, channel, body, workers,"
        " claimed_fen, closed_on, deadline)",
        "CREATE INDEX IF NOT EXISTS cases_declined ON cases (declined_on, category, channel, body)"
        " WHERE declined_on IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS cases_closed ON cases (closed_on, outcome, category, channel, body,"
        " agreed_fen, close_days, accepted_on, workers, claimed_fen)",
        "CREATE INDEX IF NOT EXISTS cases_open ON cases (deadline, category, channel, body, accepted_on)"
        " WHERE closed_on IS NULL AND declined_on IS NULL AND accepted_on IS NOT NULL",
        # The case list's open cases (received, or in mediation), newest first.
        "CREATE INDEX IF NOT EXISTS cases_unclosed ON cases (received_on, reference)"
        " WHERE closed_on IS NULL AND declined_on IS NULL",
        "CREATE TABLE IF NOT EXISTS timelines (originator_id TEXT PRIMARY KEY, upstream TEXT NOT NULL,"
        " context TEXT NOT NULL, reference TEXT NOT NULL, steps BIGINT NOT NULL,"
        f" last_position BIGINT NOT NULL, last_step TEXT NOT NULL){keyed}",
        "CREATE INDEX IF NOT EXISTS timelines_reference ON timelines (reference)",
    ]


def secondary_indexes(dialect: Dialect) -> dict[str, list[tuple[str, str]]]:
    """Each view table's secondary indexes: (name, the statement that creates it)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for statement in schema(dialect):
        words = statement.split()
        if words[:2] == ["CREATE", "INDEX"]:  # CREATE INDEX IF NOT EXISTS name ON table (...)
            found.setdefault(words[7], []).append((words[5], statement))
    return found


class ViewStore(TrackingRecorder):
    """What both stores' view recorders offer the pull loop (see the two classes below)."""

    dialect: Dialect
    # True once tables were emptied with their secondary indexes dropped (a reset, or a new
    # layout): whoever fills them calls ``restore_indexes`` when done.
    indexes_deferred = False

    def q(self, sql: str) -> str:
        return self.dialect.q(sql)

    if TYPE_CHECKING:  # provided by each store's class, or by the library's recorders

        def page(self) -> AbstractContextManager[Any]:
            """One transaction: a page's rows and its tracking positions commit together."""

        def reading(self) -> AbstractContextManager[Any]:
            """A read-only transaction: a consistent view of what is committed, no write lock."""

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...

        def create_table(self) -> None: ...

        def close(self) -> None: ...

    def position(self, projection: str, upstream: str) -> int:
        return self.max_tracking_id(f"{projection}@{upstream}") or 0

    def write_page(self, c: Any, trackings: Iterable[Tracking]) -> None:
        for tracking in trackings:
            self._insert_tracking(c, tracking)

    def reset(self, projection: str, tables: Sequence[str]) -> None:
        """Empty a read model's tables and forget its positions.

        The tables' secondary indexes are dropped too: a rebuild fills the tables far faster
        without maintaining them row by row, and ``restore_indexes`` builds each one in a
        single sorted pass when the rebuild is done. Should the rebuild stop half-way, the
        next start creates them anyway (every start runs the schema's ``IF NOT EXISTS``).
        """
        with self.page() as c:
            for table in tables:
                c.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are ours, not input
            c.execute(
                self.q(f"DELETE FROM {self.tracking_table} WHERE application_name LIKE ?"),  # noqa: S608
                (f"{projection}@%",),
            )
            self._drop_indexes(c, tables)  # in the same transaction as the emptying

    def defer_indexes(self, tables: Sequence[str]) -> None:
        """Drop the secondary indexes of these (empty) tables until ``restore_indexes``."""
        with self.page() as c:
            self._drop_indexes(c, tables)

    def _drop_indexes(self, c: Any, tables: Sequence[str]) -> None:
        indexes = secondary_indexes(self.dialect)
        for table in tables:
            for name, _ in indexes.get(table, []):
                c.execute(f"DROP INDEX IF EXISTS {name}")
        self.indexes_deferred = True

    def restore_indexes(self) -> None:
        """Create any secondary index a reset dropped (a no-op when all are there)."""
        with self.page() as c:
            for statements in secondary_indexes(self.dialect).values():
                for _, statement in statements:
                    c.execute(statement)
        self.indexes_deferred = False

    @property
    def tracking_table(self) -> str:
        return str(getattr(self, "tracking_table_name", "tracking"))


class SQLiteViewStore(ViewStore, SQLiteTrackingRecorder):
    dialect = SQLITE

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *schema(SQLITE)]

    @contextmanager
    def page(self) -> Iterator[Any]:
        with self.datastore.transaction(commit=True) as c:
            yield c

    @contextmanager
    def reading(self) -> Iterator[Any]:
        with self.datastore.transaction(commit=False) as c:
            yield c

    def close(self) -> None:
        self.datastore.close()


def _postgres_class() -> type[ViewStore]:
    from eventsourcing.postgres import PostgresTrackingRecorder  # noqa: PLC0415 - PostgreSQL stores only
    from psycopg.rows import tuple_row  # noqa: PLC0415
    from psycopg.sql import SQL  # noqa: PLC0415

    class PostgresViewStore(ViewStore, PostgresTrackingRecorder):
        dialect = POSTGRES

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.sql_create_statements.extend(SQL(s).format() for s in schema(POSTGRES))

        @contextmanager
        def page(self) -> Iterator[Any]:
            with self.datastore.get_connection() as conn, conn.transaction():
                yield conn.cursor(row_factory=tuple_row)

        @contextmanager
        def reading(self) -> Iterator[Any]:
            with self.datastore.get_connection() as conn, conn.transaction(force_rollback=True):
                yield conn.cursor(row_factory=tuple_row)

        def close(self) -> None:
            self.datastore.close()

    return PostgresViewStore


def _discard_outdated(views: ViewStore, calendar: str, *, create_tables: bool) -> None:
    """Drop the view tables of an older layout, or of deadlines counted with older holiday
    data than ``calendar`` (see ``readers.current_layout``), and every projection's position with
    them; then create what is missing (``create_tables``).

    Asked before the current schema is applied: an older layout's tables lack columns the
    current indexes name, and creating those indexes on them would fail."""

    def scalar(sql: str) -> Any:
        with views.page() as c:
            c.execute(sql)
            found = c.fetchall()
        return found[0][0] if found else None

    try:
        current = current_layout(scalar, calendar)
    except Exception as error:  # a new store: no layout recorded yet
        if not missing_table(error):
            raise
        current = False
    if current:
        if create_tables:
            views.create_table()  # IF NOT EXISTS: a no-op but for the library's own tables
        return
    with views.page() as c:
        for table in VIEW_TABLES:
            c.execute(f"DROP TABLE IF EXISTS {table}")
    views.create_table()
    with views.page() as c:
        c.execute(f"DELETE FROM {views.tracking_table} WHERE application_name LIKE '%@%'")  # noqa: S608
        c.execute(
            views.q("INSERT INTO views_layout (version, calendar) VALUES (?, ?)"), (SCHEMA_VERSION, calendar)
        )
    views.defer_indexes(VIEW_TABLES)  # the whole history is replayed next, as in a rebuild


SCHEMA_LOCK = 0x6261726761696E  # "bargain": one advisory lock for this tool's table creation


@contextmanager
def schema_lock(factory: Any) -> Iterator[None]:
    """Let one process at a time create tables on PostgreSQL.

    The library creates its tables (and a type and a function) on every start-up, with
    ``IF NOT EXISTS``; two processes doing that at once can still collide in PostgreSQL's
    catalogue ("tuple concurrently updated"). A session advisory lock makes them take turns;
    SQLite needs nothing (its writers already take turns).
    """
    datastore: Any = getattr(factory, "datastore", None)
    if not on_postgres(datastore):
        yield
        return
    with datastore.get_connection() as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))


def open_views(env: dict[str, str], *, calendar: str, create_tables: bool = True) -> ViewStore:
    """The view store for an event store's environment, built as the library builds views.

    ``calendar`` identifies the holiday data the deadlines are counted with: views counted
    with other data are rebuilt, as views of another layout are. ``create_tables=False`` is
    for a second process sharing a catch-up: the first created the tables, and may have
    dropped their indexes until the tables are full.
    """
    # Tables are created here, once an older layout has been dropped (_discard_outdated).
    environment = Environment(VIEWS_NAME, {**os.environ, **env, "CREATE_TABLE": "no"})
    factory = InfrastructureFactory.construct(environment)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        views = cast("ViewStore", factory.tracking_recorder(SQLiteViewStore))
        _relax_durability(views)
        _discard_outdated(views, calendar, create_tables=create_tables)
        return views
    with schema_lock(factory):
        views = cast("ViewStore", factory.tracking_recorder(_postgres_class()))
        _discard_outdated(views, calendar, create_tables=create_tables)
    return views


# Views are derived data. In WAL mode, synchronous=NORMAL may lose the last pages on a power
# cut (the next read catches up again) but saves an fsync per page, which on this kind of disk
# is most of a rebuild's time; the event stores keep the library's FULL. A page of a rebuild
# dirties pages all over the tables keyed by aggregate id: checkpointing the log every 64 MB
# rather than every 4 MB (SQLite's default) writes each such page back once instead of many
# times, and a 32 MB cache (default 2 MB) keeps the tables' upper levels in memory.
VIEW_PRAGMAS = ("synchronous = NORMAL", "wal_autocheckpoint = 16384", "cache_size = -32768")


def _relax_durability(recorder: Any) -> None:
    pool = recorder.datastore.pool
    create = pool._create_connection

    def relax(connection: Any) -> Any:
        for pragma in VIEW_PRAGMAS:
            connection._sqlite_conn.execute(f"PRAGMA {pragma}")
        return connection

    pool._create_connection = lambda: relax(create())
    with recorder.datastore.get_connection(commit=False) as connection:  # the one made at start-up
        relax(connection)


def dumps(value: Any) -> str:
    """Compact JSON, characters as they are (as json.dumps(ensure_ascii=False) would write it)."""
    return orjson.dumps(value).decode()
