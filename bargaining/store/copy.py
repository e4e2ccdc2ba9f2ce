"""Moving a whole store to another (SQLite to PostgreSQL or back), resumably, and proving it.

Events are copied as stored (bodies untouched, so an encrypted store stays encrypted under the
same key), application by application, in notification order, a page per transaction: the
target therefore always holds a prefix of the source's log, and a copy that was interrupted
resumes after the last page it committed. A target holding anything else is refused. At the
end each application's event count and a digest of its log must match on both sides; then
the target's read models are rebuilt from its own events. Snapshots are not copied: they are
derived, and the target takes new ones as negotiations grow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import ExitStack
from itertools import islice, zip_longest
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent

from bargaining.errors import StoreError
from bargaining.store.application import translate_store_errors
from bargaining.store.location import Store
from domain.i18n import _
from projections.events import Raw, log

PAGE = 1000
Progress = Callable[[int], None]


def _key(event: Raw) -> tuple[str, int, str, bytes]:
    return (event.originator_id, event.originator_version, event.topic, bytes(event.state))


def log_digest(app: Application[Any]) -> tuple[int, str]:
    """How many events the application holds, and a SHA-256 over them in notification order."""
    digest = hashlib.sha256()
    count = 0
    for n in log(app):
        oid, version, topic, state = _key(n)
        for part in (oid.encode(), str(version).encode(), topic.encode(), hashlib.sha256(state).digest()):
            digest.update(len(part).to_bytes(4, "big") + part)
        count += 1
    return count, digest.hexdigest()


def _copied_so_far(source: Application[Any], target: Application[Any], name: str) -> int:
    """How much of the source's log the target holds already; refuses a target with other events."""
    if not target.recorder.max_notification_id():
        return 0
    held = 0
    for theirs, ours in zip_longest(log(target), log(source)):
        if theirs is None:
            break
        if ours is None or _key(theirs) != _key(ours):
            raise StoreError(
                "copy.to",
                _(
                    "the target already holds {name} events that are not this store's; copy into an empty "
                    "store (or the one an interrupted copy left)"
                ).format(name=name),
            )
        held += 1
    return held


def copy_store(
    source: Store,
    target: Store,
    *,
    applications: tuple[type[Application[Any]], ...],
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Copy every application's events from ``source`` to ``target`` and verify them."""
    if source == target:
        raise StoreError("copy.to", _("the target is the store being copied; name another store"))
    report = []
    with translate_store_errors(), ExitStack() as stack:
        for cls in applications:
            name = str(cls.name)
            src = cls(env=source.env_for(name))
            stack.callback(src.close)
            dst = cls(env=target.env_for(name))
            stack.callback(dst.close)
            done = _copied_so_far(src, dst, name)
            if progress is not None and done:
                progress(done)
            page: list[StoredEvent] = []
            for n in islice(log(src), done, None):
                page.append(StoredEvent(UUID(n.originator_id), n.originator_version, n.topic, n.state))
                if len(page) == PAGE:
                    dst.recorder.insert_events(page)
                    if progress is not None:
                        progress(len(page))
                    page = []
            if page:
                dst.recorder.insert_events(page)
                if progress is not None:
                    progress(len(page))
            (count, digest), (copied, copied_digest) = log_digest(src), log_digest(dst)
            if (count, digest) != (copied, copied_digest):
                raise StoreError(
                    "copy",
                    _(
                        "{name}: the target holds {copied} events, the source {count}: they differ; run again"
                    ).format(name=name, copied=copied, count=count),
                )
            report.append({"application": name, "events": count, "resumed_after": done, "digest": digest})
    return report
