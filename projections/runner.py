"""Catch the read models up with the event stores: a pull loop, one transaction per page.

SQLite event stores cannot push notifications (no subscriptions), so every read command
pulls: it reads the notifications after each projection's tracked position, a page at a
time, folds the page, and commits the rows with the new positions. A crash loses at most
the page in flight; running again resumes from the committed positions.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Tracking

from projections import codec
from projections.agreements import AgreementsProjection
from projections.base import Item, Page, ViewProjection
from projections.cases import CasesProjection
from projections.english import in_english
from projections.events import (
    KINDS,
    Record,
    aggregate_events,
    counts_by_sql,
    decoder,
    kind,
    read_groups,
    read_records,
)
from projections.store import ViewStore
from projections.timeline import TimelineProjection

PROJECTIONS: tuple[type[ViewProjection], ...] = (AgreementsProjection, CasesProjection, TimelineProjection)
PAGE_SIZE = 20000  # one transaction per page; ~6 MB of stored events, ~40 MB once decoded
# A page counted by SQLite holds a row per aggregate and the bodies of aggregates' first
# events only, so it can be five times longer: fewer commits, each rewriting the index pages
# it touched (a fifth less time at 1M events). A log of one-event aggregates would make it
# 100,000 bodies; a mediation case has about five events.
COUNTED_PAGES = 5

# Aggregates' references kept between pages: most of a page's events belong to aggregates of
# the page before. Unbounded, the cache grew with the store (~25 MB per million events); past
# the bound it is emptied, and the page after looks its aggregates up again (a query per 500
# of them, a few milliseconds once every few pages).
REFERENCES_KEPT = 50_000
# An aggregate's reference, recorded from its first event.
NEW_AGGREGATES = "INSERT INTO aggregates VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
Progress = Callable[[int], None]
Unit = tuple[str, str]  # (projection, application): the smallest share of a catch-up


def projections_named(views: ViewStore, names: Sequence[str] = ()) -> list[ViewProjection]:
    chosen = [cls for cls in PROJECTIONS if not names or cls.name in names]
    return [cls(view=views) for cls in chosen]


def _resolve(page: Page, cache: dict[str, tuple[str, str]], missing: set[str]) -> None:
    """Look up the references of aggregates ``missing`` from the cache (its callers leave
    out those in it as they collect the page's ids): a query per 500."""
    ids = sorted(missing)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT originator_id, context, reference FROM aggregates WHERE originator_id IN ({marks})"  # noqa: S608
        for originator_id, context, reference in page.select(sql, chunk):
            cache[originator_id] = (context, reference)


def _items(
    app: Application[Any],
    records: Sequence[Record],
    page: Page,
    cache: dict[str, tuple[str, str]],
    read: frozenset[str],
) -> list[Item]:
    """The page resolved to references; bodies parsed only for the events in ``read``.

    An aggregate's first event is always parsed: it carries the reference. This loop runs
    once per event of a rebuild, so it stays flat: topics are looked up once, bodies decoded
    by a decoder made for the application, references resolved in one query per page.
    """
    load = decoder(app)
    kinds = KINDS
    created = []
    decoded: list[tuple[int, str, int, str, dict[str, Any] | None, str | None]] = []
    for record in records:
        position, originator_id, version, topic, _ = record
        qualname, context, step = kinds.get(topic) or kind(topic)
        if version == 1 or qualname in read:
            data = load(record)
            if version == 1 and "reference" in data:
                cache[originator_id] = (context, data["reference"])
                created.append((originator_id, context, data["reference"]))
            decoded.append((position, originator_id, version, step, data, data["on"]))
        else:
            decoded.append((position, originator_id, version, step, None, None))
    page.write(NEW_AGGREGATES, created)
    _resolve(page, cache, {d[1] for d in decoded if d[1] not in cache})
    upstream, new = app.name, tuple.__new__  # tuple.__new__ skips the named tuple's Python-level __new__
    return [
        new(Item, (upstream, position, originator_id, *cache[originator_id], version, step, on, data))
        for position, originator_id, version, step, data, on in decoded
    ]


def units(
    apps: Mapping[str, Application[Any]], views: ViewStore, projections: Sequence[ViewProjection]
) -> dict[Unit, int]:
    """How many notifications each projection has yet to see from each application it follows."""
    found = {}
    for name, app in apps.items():
        last = app.recorder.max_notification_id() or 0
        for p in projections:
            if name in p.upstreams:
                found[p.name, name] = max(0, last - views.position(p.name, name))
    return found


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Folding a page allocates tens of thousands of short-lived dicts and tuples, none of
    them in a reference cycle: reference counting frees them all, and the cycle collector
    only walks them again and again (a quarter of a rebuild's time, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def catch_up(
    apps: Mapping[str, Application[Any]],
    views: ViewStore,
    projections: Sequence[ViewProjection],
    *,
    page_size: int | None = None,
    progress: Progress | None = None,
    skip: Unit | None = None,
) -> int:
    """Bring every projection up to date; returns how many notifications were read.

    ``skip`` leaves one projection of one application to someone else (a second process).
    """
    with _without_cycle_collection(), in_english():
        return _catch_up(apps, views, projections, page_size or PAGE_SIZE, progress, skip)


def _catch_up(
    apps: Mapping[str, Application[Any]],
    views: ViewStore,
    projections: Sequence[ViewProjection],
    page_size: int,
    progress: Progress | None,
    skip: Unit | None,
) -> int:
    read = 0
    cache: dict[Any, tuple[str, str]] = {}
    for name, app in apps.items():
        followers = [p for p in projections if name in p.upstreams and (p.name, name) != skip]
        if not followers:
            continue
        positions = {p.name: views.position(p.name, name) for p in followers}
        start = min(positions.values())
        read_steps = frozenset().union(*(p.steps for p in followers))
        # A log only the timeline follows here (the first process of a shared rebuild reads the
        # mediation log for it alone) is counted by SQLite, not folded event by event.
        counter = followers[0] if len(followers) == 1 and counts_by_sql(app) else None
        counted = counter if isinstance(counter, TimelineProjection) else None
        while True:
            try:
                with views.reading() as reader:
                    page = Page(views, reader)
                    if counted is not None:
                        done = _count_page(app, counted, page, cache, start, page_size * COUNTED_PAGES)
                    else:
                        done = _fold_page(
                            app, followers, positions, page, cache, read_steps, start, page_size
                        )
                    if done is None:
                        break
                    last, count = done
                    trackings = [
                        Tracking(p.tracking_name(name), last) for p in followers if positions[p.name] < last
                    ]
                with views.page() as c:
                    for sql, rows in page.writes:
                        c.executemany(sql, rows)
                    views.write_page(c, trackings)
            except IntegrityError:
                # Another reader caught the views up first: this page rolled back whole, so
                # nothing is counted twice. Continue from the positions it committed.
                positions = {p.name: views.position(p.name, name) for p in followers}
                start = min(positions.values())
                continue
            for p in followers:
                positions[p.name] = max(positions[p.name], last)
            read += count
            start = last
            if progress is not None:
                progress(count)
            if len(cache) > REFERENCES_KEPT:
                cache.clear()  # the next page looks its aggregates up again, a query per 500
    return read


def _fold_page(
    app: Application[Any],
    followers: Sequence[ViewProjection],
    positions: Mapping[str, int],
    page: Page,
    cache: dict[str, tuple[str, str]],
    read: frozenset[str],
    start: int,
    size: int,
) -> tuple[int, int] | None:
    """Fold the next page into every follower that has not seen it: (last position, events)."""
    notifications = read_records(app, start, size, read)
    if not notifications:
        return None
    first, last = notifications[0][0], notifications[-1][0]
    items = _items(app, notifications, page, cache, read)
    page.steps_of = lambda originator_id, version: steps_of(app, originator_id, version)
    for p in followers:
        seen = positions[p.name]
        if seen < last:
            p.process_page(page, items if seen < first else [i for i in items if i.position > seen])
    return last, len(notifications)


def steps_of(
    app: Application[Any], originator_id: str, version: int
) -> list[tuple[int, str, dict[str, Any]]]:
    """One aggregate's stored steps up to ``version`` as (version, step, data)."""
    return [
        (raw.originator_version, raw.qualname.rpartition(".")[2], data)
        for raw, data in aggregate_events(app, originator_id)
        if raw.originator_version <= version
    ]


def _count_page(
    app: Application[Any],
    timeline: TimelineProjection,
    page: Page,
    cache: dict[str, tuple[str, str]],
    start: int,
    size: int,
) -> tuple[int, int] | None:
    """The timeline's share of the next page, counted by SQLite: (last position, events)."""
    found = read_groups(app, start, size)
    if found is None:
        return None
    last, groups, firsts = found
    load, created = decoder(app, codec.raw), []
    for record in firsts:  # as in _items: an aggregate's first event names its reference
        data = load(record)
        if "reference" in data:
            context = kind(record[3])[1]
            cache[record[1]] = (context, data["reference"])
            created.append((record[1], context, data["reference"]))
    page.write(NEW_AGGREGATES, created)
    _resolve(page, cache, {g[0] for g in groups if g[0] not in cache})
    upstream = app.name
    timeline.count_page(
        page,
        [
            (oid, upstream, *cache[oid], events, position, kind(topic)[2])
            for oid, events, position, topic in groups
        ],
    )
    return last, sum(g[1] for g in groups)


def reset(views: ViewStore, projections: Sequence[ViewProjection], *, everything: bool) -> None:
    for p in projections:
        views.reset(p.name, p.tables)
    if everything:
        views.reset("aggregates", ("aggregates",))
