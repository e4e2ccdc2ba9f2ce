"""The timeline read model: every recorded step of every negotiation, contract and case."""

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
            "INSERT INTO timeline VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    i.body,
                )
                for i in items
            ],
        )
