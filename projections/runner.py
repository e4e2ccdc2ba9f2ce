"""Catch the read models up with the event stores: a pull loop, one transaction per page.

SQLite event stores cannot push notifications (no subscriptions), so every read command
pulls: it reads the notifications after each projection's tracked position, a page at a
time, folds the page, and commits the rows with the new positions. A crash loses at most
the page in flight; running again resumes from the committed positions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Tracking

from projections.agreements import AgreementsProjection
from projections.base import Item, Page, ViewProjection
from projections.cases import CasesProjection
from projections.events import Raw, decode, read_page
from projections.store import ViewStore
from projections.timeline import TimelineProjection

PROJECTIONS: tuple[type[ViewProjection], ...] = (AgreementsProjection, CasesProjection, TimelineProjection)
PAGE_SIZE = 5000  # one transaction (one fsync) per page; ~10 MB of events in memory at most

Progress = Callable[[int], None]


def projections_named(views: ViewStore, names: Sequence[str] = ()) -> list[ViewProjection]:
    chosen = [cls for cls in PROJECTIONS if not names or cls.name in names]
    return [cls(view=views) for cls in chosen]


def _resolve(page: Page, cache: dict[str, tuple[str, str]], ids: set[str]) -> None:
    missing = sorted(i for i in ids if i not in cache)
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT originator_id, context, reference FROM aggregates WHERE originator_id IN ({marks})"  # noqa: S608
        for originator_id, context, reference in page.select(sql, chunk):
            cache[originator_id] = (context, reference)


def _items(
    app: Application[Any],
    notifications: Sequence[Raw],
    page: Page,
    cache: dict[str, tuple[str, str]],
    read: frozenset[str],
) -> list[Item]:
    """The page resolved to references; bodies parsed only for the events in ``read``.

    An aggregate's first event is always parsed: it carries the reference.
    """
    decoded = []
    created = []
    for n in notifications:
        qualname = n.qualname
        data = decode(app, n) if n.originator_version == 1 or qualname in read else None
        if n.originator_version == 1 and data is not None and "reference" in data:
            cache[n.originator_id] = (n.context, data["reference"])
            created.append((n.originator_id, n.context, data["reference"]))
        decoded.append((n, qualname, data))
    page.write("INSERT INTO aggregates VALUES (?, ?, ?) ON CONFLICT DO NOTHING", created)
    _resolve(page, cache, {n.originator_id for n, _, _ in decoded})
    items = []
    for n, qualname, data in decoded:
        context, reference = cache[n.originator_id]
        items.append(
            Item(
                upstream=app.name,
                position=n.id,
                originator_id=n.originator_id,
                context=context,
                reference=reference,
                version=n.originator_version,
                step=qualname.rpartition(".")[2],
                on=None if data is None else data["on"],
                data=data,
            )
        )
    return items


def backlog_by_application(
    apps: Mapping[str, Application[Any]], views: ViewStore, projections: Sequence[ViewProjection]
) -> dict[str, int]:
    """How many notifications the slowest projection of each application has yet to see."""
    behind = {}
    for name, app in apps.items():
        followers = [p for p in projections if name in p.upstreams]
        if followers:
            last = app.recorder.max_notification_id() or 0
            behind[name] = max(0, last - min(views.position(p.name, name) for p in followers))
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
        read_steps = frozenset().union(*(p.steps for p in followers))
        while True:
            notifications = read_page(app, start, page_size)
            if not notifications:
                break
            last = notifications[-1].id
            try:
                with views.reading() as reader:
                    page = Page(views, reader)
                    items = _items(app, notifications, page, cache, read_steps)
                    trackings = []
                    for p in followers:
                        seen = positions[p.name]
                        if seen < last:
                            p.process_page(page, [i for i in items if i.position > seen])
                            trackings.append(Tracking(p.tracking_name(name), last))
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
