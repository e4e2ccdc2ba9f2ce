"""The two SQL stores the read models live in: SQLite (a file beside the events) and PostgreSQL.

Queries are written once, in the subset both understand (``INSERT … ON CONFLICT``, partial
indexes, ``substr``), with SQLite's ``?`` and ``:name`` placeholders; ``Dialect.q`` turns them
into psycopg's for PostgreSQL. Where the two differ (whole days between two ISO dates, table
options) the dialect says how.

Readers open their own short connection (``connect``): a read command on fresh SQLite views
imports nothing heavier than the standard library's sqlite3.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from domain.i18n import _

Row = dict[str, Any]
Params = Mapping[str, Any] | Sequence[Any]

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class Dialect(NamedTuple):
    name: str

    def q(self, sql: str) -> str:
        """``sql`` with this store's placeholders."""
        if self.name == "sqlite":
            return sql
        return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%")).replace("?", "%s")

    def days_between(self, later: str, earlier: str) -> str:
        """Whole days from one ISO-date column to another."""
        if self.name == "sqlite":
            return f"(julianday({later}) - julianday({earlier}))"
        return f"(CAST({later} AS date) - CAST({earlier} AS date))"

    def contains(self, column: str, param: str) -> str:
        """Whether the text ``param`` occurs in ``column``: a plain substring test, no
        wildcards, case as it is stored (``projections.text`` folds both sides)."""
        if self.name == "sqlite":
            return f"instr({column}, {param}) > 0"
        return f"strpos({column}, {param}) > 0"

    @property
    def table_options(self) -> str:
        """For a table keyed by text and always read by its key."""
        return " WITHOUT ROWID" if self.name == "sqlite" else ""


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgres")


def on_postgres(part: object) -> bool:
    """Whether a piece of an application's store (factory, recorder, datastore) is eventsourcing's
    PostgreSQL module's: told by where its class lives, without importing that module."""
    return type(part).__module__ == "eventsourcing.postgres"


class ViewsAt(NamedTuple):
    """Where the read models are, and where each application's events are.

    SQLite: ``views`` is the views file and ``events`` maps each application to its file.
    PostgreSQL: ``url`` is the database, which holds the events (tables prefixed by the
    application's name) and the views.
    """

    dialect: Dialect
    views: Path | None = None
    events: Mapping[str, Path] = {}
    url: str | None = None
    calendar: str = ""  # the holiday data deadlines are counted with (``open_views``)


class Reader:
    """One read-only connection: rows as dicts, or tuples, from SQL in the shared dialect."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self.conn = conn
        self.dialect = dialect

    def tuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        cursor = self.conn.execute(self.dialect.q(sql), params)
        return [tuple(r) for r in cursor.fetchall()]

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        cursor = self.conn.execute(self.dialect.q(sql), params)
        names = [d[0] for d in cursor.description]
        # A row is as long as the description: zip's strict check would cost every row.
        return [dict(zip(names, values)) for values in cursor.fetchall()]  # noqa: B905

    def using(self, index: str) -> str:
        """Pin a query to an index where SQLite's planner, without statistics, picks a worse one.

        Nothing when the index is missing (a rebuild drops it until the tables are full), and
        nothing on PostgreSQL, which plans from its statistics.
        """
        if self.dialect.name != "sqlite":
            return ""
        found = self.scalar("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (index,))
        return f" INDEXED BY {index}" if found else ""

    def scalar(self, sql: str, params: Params = ()) -> Any:
        found = self.tuples(sql, params)
        return found[0][0] if found else None


@contextmanager
def connect(at: ViewsAt, path: Path | None = None) -> Iterator[Reader]:
    """A read-only connection to the views (or, on SQLite, to another file of the store)."""
    if at.url is None:
        target = path or at.views
        try:
            with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as conn:
                yield Reader(conn, SQLITE)
        except sqlite3.Error as error:
            if not damaged(error):
                raise  # a query's own mistake, a table not built yet, a busy file: the caller's
            if target == at.views and "readonly" not in str(error):
                raise ConnectionError(
                    _(
                        "{file} cannot be read ({error}); delete that file: the next command rebuilds"
                        " the views from the events"
                    ).format(file=target, error=error)
                ) from None
            raise ConnectionError(unusable(str(target), error)) from None
        return
    import psycopg  # noqa: PLC0415 - only PostgreSQL stores pay for it

    try:
        server = psycopg.connect(at.url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise ConnectionError(unreachable(str(error))) from None
    with server:
        server.read_only = True
        yield Reader(server, POSTGRES)


def unusable(where: str, error: Exception) -> str:
    """One line for a store file that SQLite cannot use: read-only, damaged, or not a database."""
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if "readonly" in detail or "read-only" in detail:
        return _(
            "{where} cannot be written ({detail}); every command needs write access to the store,"
            " even to read it: fix the permissions or pass --store another directory"
        ).format(where=where, detail=detail)
    return _(
        "{where} cannot be used ({detail}): it is damaged or not this tool's;"
        " restore it from a backup or pass --store another directory"
    ).format(where=where, detail=detail)


def unreachable(detail: str) -> str:
    """One line for a server that refused or did not answer (the driver's own first line)."""
    first = detail.strip().splitlines()[0] if detail.strip() else _("no answer")
    first = first.removeprefix("connection failed: ")
    return _(
        "cannot reach the PostgreSQL server ({detail}); check the URL and that the server is running"
    ).format(detail=first)


def damaged(error: Exception) -> bool:
    """True when ``error`` says a store file cannot be used at all, whatever the query."""
    text = str(error)
    return any(
        sign in text
        for sign in ("not a database", "malformed", "unable to open", "readonly", "disk I/O", "is full")
    )


def missing_table(error: Exception) -> bool:
    """True when ``error`` says a table does not exist yet (nothing recorded or built)."""
    text = str(error)
    return "no such table" in text or "does not exist" in text
