"""What every read model shares: the item it folds, and page-at-a-time processing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, NamedTuple

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.sqlite import SQLiteCursor

from projections.store import ViewStore


class Item(NamedTuple):
    """One recorded event, resolved to its reference and flattened to plain data."""

    upstream: str
    position: int
    context: str
    reference: str
    version: int
    on: str
    by: str
    recorded_at: str
    step: str
    data: dict[str, Any]


class ViewProjection(Projection[ViewStore]):
    """A read model folded from pages of events; its rows commit with its tracking position.

    ``process_event`` (the library's single-event entry point, used by its ProjectionRunner)
    is a page of one; the pull loop hands whole pages to ``process_page``.
    """

    name = "view"
    upstreams: ClassVar[tuple[str, ...]] = ()
    tables: ClassVar[tuple[str, ...]] = ()

    def process_page(self, c: SQLiteCursor, items: Sequence[Item]) -> None:
        raise NotImplementedError

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:  # pragma: no cover - library hook
        msg = "use projections.runner.catch_up, which resolves references and batches pages"
        raise NotImplementedError(msg)

    def tracking_name(self, upstream: str) -> str:
        return f"{self.name}@{upstream}"
