"""The timeline read model: every recorded step of every negotiation, contract and case.

It indexes steps by reference, date and position and keeps no copy of the events: a step's
detail is read from its event store by position when a timeline is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from eventsourcing.sqlite import SQLiteCursor

from projections.base import Item, ViewProjection


class TimelineProjection(ViewProjection):
    name = "timeline"
    upstreams: ClassVar[tuple[str, ...]] = ("Negotiations", "Mediation")
    tables: ClassVar[tuple[str, ...]] = ("timeline",)

    def process_page(self, c: SQLiteCursor, items: Sequence[Item]) -> None:
        c.executemany(
            "INSERT INTO timeline VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i.upstream,
                    i.position,
                    i.context,
                    i.reference,
                    i.version,
                    i.on,
                    i.step,
                    i.by,
                    i.recorded_at,
                )
                for i in items
            ],
        )
