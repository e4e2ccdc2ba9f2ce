"""The timeline read model: which aggregates make up each reference's history.

A timeline is the events themselves, so this view copies none of them: it keeps one row per
negotiation, contract and case (its event store, identity, reference, how many steps and the
last one), and ``timeline REF`` reads the steps from the event store by aggregate. It reads
no event bodies, which keeps a rebuild at the speed of reading the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from eventsourcing.sqlite import SQLiteCursor

from projections.base import Item, ViewProjection

UPSERT = (
    "INSERT INTO timelines (originator_id, upstream, context, reference, steps, last_position, last_step)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (originator_id) DO UPDATE SET"
    " steps = steps + excluded.steps, last_position = excluded.last_position, last_step = excluded.last_step"
)


class TimelineProjection(ViewProjection):
    name = "timeline"
    upstreams: ClassVar[tuple[str, ...]] = ("Negotiations", "Mediation")
    tables: ClassVar[tuple[str, ...]] = ("timelines",)

    def process_page(self, c: SQLiteCursor, items: Sequence[Item]) -> None:
        rows: dict[str, list[object]] = {}
        for i in items:
            row = rows.get(i.originator_id)
            if row is None:
                rows[i.originator_id] = [
                    i.originator_id,
                    i.upstream,
                    i.context,
                    i.reference,
                    1,
                    i.position,
                    i.step,
                ]
            else:
                row[4] += 1  # type: ignore[operator]
                row[5:] = [i.position, i.step]
        c.executemany(UPSERT, list(rows.values()))
