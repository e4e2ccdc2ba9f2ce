"""The dispute statistics' read model: one row per mediation case."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from domain.corrections import AMENDING
from projections.base import Item, Page, ViewProjection, load_rows, parsed, upsert
from projections.columns import CASE_COLUMNS
from projections.folds import CASE_STEPS, fold_case, new_case, refold_case


class CasesProjection(ViewProjection):
    name = "cases"
    upstreams: ClassVar[tuple[str, ...]] = ("Mediation",)
    tables: ClassVar[tuple[str, ...]] = ("cases",)
    steps = CASE_STEPS

    def process_page(self, page: Page, items: Sequence[Item]) -> None:
        relevant = parsed(items, ("case",))
        if not relevant:
            return
        rows = load_rows(page, "cases", CASE_COLUMNS, sorted({i.reference for i, _, _ in relevant}))
        for item, data, on in relevant:
            if item.step in AMENDING:
                rows[item.reference] = refold_case(
                    item.reference, page.steps_of(item.originator_id, item.version)
                )
                continue
            row = rows.get(item.reference) or rows.setdefault(item.reference, new_case(item.reference))
            fold_case(row, item.step, data, on)
        page.write(
            upsert("cases", CASE_COLUMNS),
            [[r[k] for k in CASE_COLUMNS] for r in rows.values() if r["received_on"] is not None],
        )
