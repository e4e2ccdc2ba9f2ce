"""Reading the applications' event logs as plain data: by page for the folds, by aggregate for a timeline.

On SQLite the notification log is the events table in rowid order, read here with a plain
read-only connection: the library's select_notifications would build a UUID and a
Notification per row, which costs more than everything a projection then does with it.
Other stores go through the library's recorder. Bodies are decrypted and decompressed as the
application stores them, then parsed by ``codec`` unless written by an older schema, which the
library decodes (and upcasts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from eventsourcing.sqlite import SQLiteApplicationRecorder

from projections import codec
from projections.payload import CONTEXTS, event_data

Row = dict[str, Any]


class Raw(NamedTuple):
    """A notification as stored: position, aggregate (hex id), version, topic and body."""

    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes

    @property
    def qualname(self) -> str:
        """``Aggregate.Event``: what the folds dispatch on."""
        return kind(self.topic)[0]

    @property
    def context(self) -> str:
        return kind(self.topic)[1]


def _sqlite_file(app: Application[Any]) -> str | None:
    recorder = app.recorder
    if not isinstance(recorder, SQLiteApplicationRecorder):
        return None
    name = recorder.datastore.pool.db_name
    return None if recorder.datastore.pool.is_sqlite_memory_mode else name


def _read_only(path: str) -> closing[sqlite3.Connection]:
    """A plain read-only connection to an SQLite event store, closed when done."""
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


Record = tuple[int, str, int, str, bytes]  # a Raw without the names: the pull loop's hot path


def read_records(
    app: Application[Any], after: int, limit: int, bodies: frozenset[str] | None = None
) -> list[Record]:
    """The next page of the application's notification log, after position ``after``, as tuples.

    With ``bodies`` (``Aggregate.Event`` names) a record carries its body only if it is one of
    those events or an aggregate's first (which names the reference); the others come with
    ``b""``. A page's bodies are most of what it reads, and a view that counts events, or
    reads a few kinds, leaves most of them unparsed. SQLite stores only: through the
    library's recorder (PostgreSQL) every record has its body.
    """
    path = _sqlite_file(app)
    if path is None:
        return [
            (n.id, UUID(str(n.originator_id)).hex, n.originator_version, n.topic, n.state)
            for n in app.recorder.select_notifications(
                start=after or None, limit=limit, inclusive_of_start=False
            )
        ]
    state = "state"
    params: list[Any] = [after, limit]
    if bodies is not None:
        marks = ",".join("?" * len(bodies))
        # A topic is "module:Aggregate.Event", with one colon: what follows it is what kind()
        # names the event.
        state = (
            "CASE WHEN originator_version = 1"
            f" OR substr(topic, instr(topic, ':') + 1) IN ({marks}) THEN state ELSE x'' END"
        )
        params[:0] = sorted(bodies)
    with _read_only(path) as conn:
        rows: list[Record] = conn.execute(
            f"SELECT rowid, originator_id, originator_version, topic, {state} FROM stored_events"  # noqa: S608
            " WHERE rowid > ? ORDER BY rowid LIMIT ?",
            params,
        ).fetchall()
    return rows


Group = tuple[str, int, int, str]  # one aggregate in a page: id, events, last position, last topic


def read_groups(
    app: Application[Any], after: int, limit: int
) -> tuple[int, list[Group], list[Record]] | None:
    """The next page of the log counted by SQLite, for a view that only counts events.

    Returns the page's last position, each aggregate in it (events, last position and that
    event's topic) and the aggregates' first events, whose bodies name their references; None
    at the end of the log. SQLite stores only (``counts_by_sql``).
    """
    path = _sqlite_file(app)
    if path is None:
        raise NotImplementedError("counting by SQL needs an SQLite event store")
    with _read_only(path) as conn:
        (last,) = conn.execute(
            "SELECT MAX(rowid) FROM (SELECT rowid FROM stored_events WHERE rowid > ? ORDER BY rowid LIMIT ?)",
            (after, limit),
        ).fetchone()
        if last is None:
            return None
        # With MAX() the only aggregate of its kind, SQLite takes the bare column (topic) from
        # the row that holds the maximum: each aggregate's last event in the page.
        groups: list[Group] = conn.execute(
            "SELECT originator_id, COUNT(*), MAX(rowid), topic FROM stored_events"
            " WHERE rowid > ? AND rowid <= ? GROUP BY originator_id",
            (after, last),
        ).fetchall()
        firsts: list[Record] = conn.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events"
            " WHERE rowid > ? AND rowid <= ? AND originator_version = 1 ORDER BY rowid",
            (after, last),
        ).fetchall()
    return last, groups, firsts


def counts_by_sql(app: Application[Any]) -> bool:
    """Whether ``read_groups`` can count this application's log."""
    return _sqlite_file(app) is not None


def read_page(app: Application[Any], after: int, limit: int) -> list[Raw]:
    """The next page of the application's notification log, after position ``after``."""
    return [Raw(*record) for record in read_records(app, after, limit)]


Kind = tuple[str, str, str]  # (``Aggregate.Event``, context, step)
KINDS: dict[str, Kind] = {}


def kind(topic: str) -> Kind:
    """What the folds dispatch on, worked out once per topic rather than once per event."""
    found = KINDS.get(topic)
    if found is None:
        qualname = topic.rpartition(":")[2]
        aggregate, _, step = qualname.partition(".")
        found = KINDS[topic] = (qualname, CONTEXTS.get(aggregate, "other"), step)
    return found


def decoder(app: Application[Any], loads: Callable[[bytes], Row] = codec.loads) -> Callable[[Record], Row]:
    """The application's event bodies as plain data, bookkeeping (``on``, ``by``,
    ``timestamp``) included: decrypted and decompressed as it stores them (both looked up
    once here, not per event), then parsed by ``loads`` (``codec.loads``; ``codec.raw`` to
    leave the library's type tags in, where only plain fields are read)."""
    cipher, compressor = app.mapper.cipher, app.mapper.compressor

    def load(record: Record) -> Row:
        state = record[4]
        if cipher is not None:
            state = cipher.decrypt(state)
        if compressor is not None:
            state = compressor.decompress(state)
        data = loads(state)
        return _upcast(app, record) if "class_version" in data else data

    return load


def _upcast(app: Application[Any], record: Record) -> Row:
    """An event of an older schema, decoded (and upcast) by the library."""
    position, originator_id, version, topic, state = record
    domain_event: Any = app.mapper.to_domain_event(
        Notification(
            id=position,
            originator_id=UUID(originator_id),
            originator_version=version,
            topic=topic,
            state=state,
        )
    )
    return {
        **event_data(domain_event),
        "on": domain_event.on.isoformat(),
        "by": domain_event.by,
        "timestamp": domain_event.timestamp.isoformat(),
    }


def aggregate_events(app: Application[Any], originator_id: str) -> list[tuple[Raw, Row]]:
    """Every event of one aggregate, in version order, with its plain data."""
    found = []
    load = decoder(app)
    for stored in app.recorder.select_events(UUID(originator_id)):
        raw = Raw(0, originator_id, stored.originator_version, stored.topic, stored.state)
        found.append((raw, load(raw)))
    return found


def aggregates_events(app: Application[Any], originator_ids: list[str]) -> dict[str, list[tuple[Raw, Row]]]:
    """Every event of many aggregates, each in version order, with its plain data, by aggregate.

    On SQLite a few queries of 500 aggregates each; elsewhere one read per aggregate.
    """
    load = decoder(app)
    found: dict[str, list[tuple[Raw, Row]]] = {}
    path = _sqlite_file(app)
    if path is None:
        for originator_id in originator_ids:
            found[originator_id] = aggregate_events(app, originator_id)
        return found
    with _read_only(path) as conn:
        for start in range(0, len(originator_ids), 500):
            chunk = originator_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for record in conn.execute(
                "SELECT 0, originator_id, originator_version, topic, state FROM stored_events"  # noqa: S608
                f" WHERE originator_id IN ({marks}) ORDER BY originator_id, originator_version",
                chunk,
            ):
                raw = Raw(*record)
                found.setdefault(raw.originator_id, []).append((raw, load(raw)))
    return found


def log(app: Application[Any], page_size: int = 5000) -> Iterator[Raw]:
    """The application's whole notification log, in order, a page at a time."""
    after = 0
    while page := read_page(app, after, page_size):
        after = page[-1].id
        yield from page


def scan(
    app: Application[Any], contexts: tuple[str, ...], page_size: int = 5000
) -> Iterator[tuple[Raw, str, Row]]:
    """The whole log in recorded order, for the given contexts: (event, reference, data).

    An aggregate's first event carries its reference, and comes before its others.
    """
    references: dict[str, str] = {}
    load = decoder(app)
    for raw in log(app, page_size):
        if raw.context not in contexts:
            continue
        data = load(raw)
        if raw.originator_version == 1:
            references[raw.originator_id] = data["reference"]
        yield raw, references[raw.originator_id], data
