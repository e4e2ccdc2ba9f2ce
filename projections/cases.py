"""The mediation log's read model: one row per case (the statistics, the case list and its
searchable text), and one per mediation body with its roster.

Bodies are folded here rather than by a projection of their own: a second projection that
parses the mediation log would read every one of its events (most of any store) to find a
body's few, and would leave the timeline no longer the only follower a rebuild counts by SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import orjson

from domain.corrections import AMENDING
from projections.base import Item, Page, ViewProjection, load_rows, parsed, upsert
from projections.columns import (
    BODY_COLUMNS,
    CASE_COLUMNS,
    CASE_DETAIL_COLUMNS,
    CASE_TABLE_COLUMNS,
    TEXT_COLUMNS,
)
from projections.folds import BODY_STEPS, CASE_STEPS, fold_body, fold_case, new_body, new_case, refold_case
from projections.store import dumps

# A case row with its searchable text, to fold a page into.
FOLDED = "cases JOIN case_texts USING (reference) JOIN case_details USING (reference)"


class CasesProjection(ViewProjection):
    name = "cases"
    upstreams: ClassVar[tuple[str, ...]] = ("Mediation",)
    tables: ClassVar[tuple[str, ...]] = ("cases", "case_texts", "case_details", "bodies")
    steps = CASE_STEPS | BODY_STEPS

    def process_page(self, page: Page, items: Sequence[Item]) -> None:
        relevant = parsed(items, ("case",))
        if relevant:
            self._cases(page, relevant)
        bodies = parsed(items, ("body",))
        if bodies:
            self._bodies(page, bodies)

    @staticmethod
    def _cases(page: Page, relevant: list[tuple[Item, dict[str, Any], str]]) -> None:
        rows = load_rows(page, FOLDED, CASE_COLUMNS, sorted({i.reference for i, _, _ in relevant}))
        for item, data, on in relevant:
            if item.step in AMENDING:
                rows[item.reference] = refold_case(
                    item.reference, page.steps_of(item.originator_id, item.version)
                )
                continue
            row = rows.get(item.reference) or rows.setdefault(item.reference, new_case(item.reference))
            fold_case(row, item.step, data, on)
        folded = [r for r in rows.values() if r["received_on"] is not None]
        page.write(upsert("cases", CASE_TABLE_COLUMNS), [[r[k] for k in CASE_TABLE_COLUMNS] for r in folded])
        page.write(upsert("case_texts", TEXT_COLUMNS), [[r[k] for k in TEXT_COLUMNS] for r in folded])
        page.write(
            upsert("case_details", CASE_DETAIL_COLUMNS), [[r[k] for k in CASE_DETAIL_COLUMNS] for r in folded]
        )

    @staticmethod
    def _bodies(page: Page, relevant: list[tuple[Item, dict[str, Any], str]]) -> None:
        rows = load_rows(page, "bodies", BODY_COLUMNS, sorted({i.reference for i, _, _ in relevant}))
        for row in rows.values():
            row["roster"] = orjson.loads(row["roster"])
        for item, data, on in relevant:
            row = rows.get(item.reference) or rows.setdefault(item.reference, new_body(item.reference))
            fold_body(row, item.step, data, on)
        folded = [{**r, "roster": dumps(r["roster"])} for r in rows.values() if r["name"] is not None]
        page.write(upsert("bodies", BODY_COLUMNS), [[r[k] for k in BODY_COLUMNS] for r in folded])
