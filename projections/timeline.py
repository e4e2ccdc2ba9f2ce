"""The timeline read model: which aggregates make up each reference's history.

A timeline is the events themselves, so this view copies none of them: it keeps one row per
negotiation, contract and case (its event store, identity, reference, how many steps and the
last one), and ``timeline REF`` reads the steps from the event store by aggregate. It reads
no event bodies, which keeps a rebuild at the speed of reading the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from projections.base import Item, Page, ViewProjection

UPSERT = (
    "INSERT INTO timelines (originator_id, upstream, context, reference, steps, last_position, last_step)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (originator_id) DO UPDATE SET"
    " steps = timelines.steps + excluded.steps, last_position = excluded.last_position,"
    " last_step = excluded.last_step"
)


class TimelineProjection(ViewProjection):
    name = "timeline"
    upstreams: ClassVar[tuple[str, ...]] = ("Negotiations", "Mediation")
    tables: ClassVar[tuple[str, ...]] = ("timelines",)

    def process_page(self, page: Page, items: Sequence[Item]) -> None:
        steps: dict[str, int] = {}
        last: dict[str, Item] = {}
        for i in items:
            steps[i.originator_id] = steps.get(i.originator_id, 0) + 1
            last[i.originator_id] = i
        self.count_page(
            page,
            [
                (oid, i.upstream, i.context, i.reference, steps[oid], i.position, i.step)
                for oid, i in last.items()
            ],
        )

    def count_page(self, page: Page, counted: Sequence[tuple[str, str, str, str, int, int, str]]) -> None:
        """Add a page's events, already counted per aggregate: (id, upstream, context, reference,
        events, last position, last step)."""
        page.write(UPSERT, counted)
