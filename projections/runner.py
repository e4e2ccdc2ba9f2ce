"""Catch the read models up with the event stores: a pull loop, one transaction per page.

SQLite event stores cannot push notifications (no subscriptions), so every read command
pulls: it reads the notifications after each projection's tracked position, a page at a
time, folds the page, and commits the rows with the new positions. A crash loses at most
the page in flight; running again resumes from the committed positions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Notification, Tracking
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from projections import codec
from projections.agreements import AgreementsProjection
from projections.base import Item, ViewProjection
from projections.cases import CasesProjection
from projections.payload import CONTEXTS, event_data
from projections.store import ViewStore
from projections.timeline import TimelineProjection

PROJECTIONS: tuple[type[ViewProjection], ...] = (AgreementsProjection, CasesProjection, TimelineProjection)
PAGE_SIZE = 5000  # one transaction (one fsync) per page; ~10 MB of events in memory at most

Progress = Callable[[int], None]


def projections_named(views: ViewStore, names: Sequence[str] = ()) -> list[ViewProjection]:
    chosen = [cls for cls in PROJECTIONS if not names or cls.name in names]
    return [cls(view=views) for cls in chosen]


class Raw(NamedTuple):
    """A notification as stored: position, aggregate (hex id), version, topic and body."""

    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def _sqlite_file(app: Application[Any]) -> str | None:
    recorder = app.recorder
    if not isinstance(recorder, SQLiteApplicationRecorder):
        return None
    name = recorder.datastore.pool.db_name
    return None if recorder.datastore.pool.is_sqlite_memory_mode else name


def read_page(app: Application[Any], after: int, limit: int) -> list[Raw]:
    """The next page of the application's notification log.

    On SQLite the log is the events table in rowid order, read here with a plain read-only
    connection: the library's select_notifications would build a UUID and a Notification per
    row, which costs more than everything a projection then does with it. Other stores use
    the library's recorder.
    """
    path = _sqlite_file(app)
    if path is None:
        return [
            Raw(n.id, UUID(str(n.originator_id)).hex, n.originator_version, n.topic, n.state)
            for n in app.recorder.select_notifications(
                start=after or None, limit=limit, inclusive_of_start=False
            )
        ]
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events"
            " WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (after, limit),
        ).fetchall()
    return [Raw(*row) for row in rows]


def _resolve(c: SQLiteCursor, cache: dict[str, tuple[str, str]], ids: set[str]) -> None:
    missing = sorted(i for i in ids if i not in cache)
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        marks = ",".join("?" * len(chunk))
        c.execute(
            f"SELECT originator_id, context, reference FROM aggregates WHERE originator_id IN ({marks})",  # noqa: S608
            chunk,
        )
        for originator_id, context, reference in c.fetchall():
            cache[originator_id] = (context, reference)


def _body(app: Application[Any], state: bytes) -> bytes:
    """The plain JSON of a stored event: decrypted and decompressed as the application stores it."""
    mapper = app.mapper
    if mapper.cipher is not None:
        state = mapper.cipher.decrypt(state)
    if mapper.compressor is not None:
        state = mapper.compressor.decompress(state)
    return state


def _items(
    app: Application[Any], page: Sequence[Raw], c: SQLiteCursor, cache: dict[str, tuple[str, str]]
) -> list[Item]:
    decoded = []
    created = []
    for n in page:
        body = _body(app, n.state)
        data = codec.loads(body)
        if "class_version" in data:  # an older schema: let the library upcast it
            domain_event: Any = app.mapper.to_domain_event(
                Notification(
                    id=n.id,
                    originator_id=UUID(n.originator_id),
                    originator_version=n.originator_version,
                    topic=n.topic,
                    state=n.state,
                )
            )
            data = {
                **event_data(domain_event),
                "on": domain_event.on.isoformat(),
                "by": domain_event.by,
                "timestamp": domain_event.timestamp.isoformat(),
            }
        qualname = n.topic.rpartition(":")[2]
        context = CONTEXTS.get(qualname.partition(".")[0], "other")
        if n.originator_version == 1 and "reference" in data:
            cache[n.originator_id] = (context, data["reference"])
            created.append((n.originator_id, context, data["reference"]))
        decoded.append((n, qualname.rpartition(".")[2], data))
    c.executemany("INSERT OR IGNORE INTO aggregates VALUES (?, ?, ?)", created)
    _resolve(c, cache, {n.originator_id for n, _, _ in decoded})
    items = []
    for n, step, data in decoded:
        context, reference = cache[n.originator_id]
        items.append(
            Item(
                upstream=app.name,
                position=n.id,
                context=context,
                reference=reference,
                version=n.originator_version,
                on=data.pop("on"),
                by=data.pop("by"),
                recorded_at=data.pop("timestamp"),
                step=step,
                data=data,
            )
        )
    return items


def backlog(
    apps: Mapping[str, Application[Any]], views: ViewStore, projections: Sequence[ViewProjection]
) -> int:
    """How many notifications the slowest projection of each application has yet to see."""
    behind = 0
    for name, app in apps.items():
        followers = [p for p in projections if name in p.upstreams]
        if followers:
            last = app.recorder.max_notification_id() or 0
            behind += max(0, last - min(views.position(p.name, name) for p in followers))
    return behind


def catch_up(
    apps: Mapping[str, Application[Any]],
    views: ViewStore,
    projections: Sequence[ViewProjection],
    *,
    page_size: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Bring every projection up to date; returns how many notifications were read."""
    page_size = page_size or PAGE_SIZE
    read = 0
    cache: dict[Any, tuple[str, str]] = {}
    for name, app in apps.items():
        followers = [p for p in projections if name in p.upstreams]
        if not followers:
            continue
        positions = {p.name: views.position(p.name, name) for p in followers}
        start = min(positions.values())
        while True:
            notifications = read_page(app, start, page_size)
            if not notifications:
                break
            last = notifications[-1].id
            try:
                with views.datastore.transaction(commit=True) as c:
                    items = _items(app, notifications, c, cache)
                    for p in followers:
                        seen = positions[p.name]
                        if seen >= last:
                            continue
                        p.process_page(c, [i for i in items if i.position > seen])
                        views.write_page(c, [Tracking(p.tracking_name(name), last)])
            except IntegrityError:
                # Another reader caught the views up first: this page rolled back whole, so
                # nothing is counted twice. Continue from the positions it committed.
                positions = {p.name: views.position(p.name, name) for p in followers}
                start = min(positions.values())
                continue
            for p in followers:
                positions[p.name] = max(positions[p.name], last)
            read += len(notifications)
            start = last
            if progress is not None:
                progress(len(notifications))
    return read


def reset(views: ViewStore, projections: Sequence[ViewProjection], *, everything: bool) -> None:
    for p in projections:
        views.reset(p.name, p.tables)
    if everything:
        views.reset("aggregates", ("aggregates",))
