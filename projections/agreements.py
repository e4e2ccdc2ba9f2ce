"""The status board's read model: one row per negotiation and its contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import orjson

from domain.corrections import AMENDING
from projections.base import Item, Page, ViewProjection, load_rows, parsed, upsert
from projections.columns import AGREEMENT_COLUMNS, AGREEMENT_TABLE_COLUMNS, DETAIL_COLUMNS, TEXT_COLUMNS
from projections.folds import (
    AGREEMENT_STEPS,
    agreement_deadlines,
    count_articles,
    fold_agreement,
    late_steps,
    new_agreement,
    refold_agreement,
)
from projections.status import closed_from
from projections.store import dumps

# A board row with the fold's working state, to fold a page into.
FOLDED = "agreements JOIN agreement_details USING (reference) JOIN agreement_texts USING (reference)"
DELETE_DUES = "DELETE FROM agreement_dues WHERE reference = ?"
# Two open dates of a row may fall on one day: the table says only which days.
INSERT_DUE = "INSERT INTO agreement_dues (reference, due, milestone) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"


class AgreementsProjection(ViewProjection):
    name = "agreements"
    upstreams: ClassVar[tuple[str, ...]] = ("Negotiations",)
    tables: ClassVar[tuple[str, ...]] = (
        "agreements",
        "agreement_details",
        "agreement_dues",
        "agreement_texts",
    )
    steps = AGREEMENT_STEPS

    def process_page(self, page: Page, items: Sequence[Item]) -> None:
        relevant = parsed(items, ("negotiation", "contract"))
        if not relevant:
            return
        references = sorted({i.reference for i, _, _ in relevant})
        rows = load_rows(page, FOLDED, AGREEMENT_COLUMNS, references)
        for row in rows.values():
            row["state"] = orjson.loads(row["state"])
        for item, data, on in relevant:
            row = rows.get(item.reference) or rows.setdefault(item.reference, new_agreement(item.reference))
            if item.step in AMENDING:
                refold_agreement(row, item.context, page.steps_of(item.originator_id, item.version))
                continue
            fold_agreement(row, item.context, item.step, data, on)
        folded = [r for r in rows.values() if r["kind"] is not None]
        for row in folded:
            count_articles(row)
        deadlines = [agreement_deadlines(r) for r in folded]
        for row, dates in zip(folded, deadlines, strict=True):
            row["late"] = late_steps(dates)
            row["closed_from"] = closed_from(row)
        page.write(
            upsert("agreements", AGREEMENT_TABLE_COLUMNS),
            [[r[k] for k in AGREEMENT_TABLE_COLUMNS] for r in folded],
        )
        page.write(
            upsert("agreement_details", DETAIL_COLUMNS),
            [[r["reference"], dumps(r["state"]), dumps(d)] for r, d in zip(folded, deadlines, strict=True)],
        )
        page.write(upsert("agreement_texts", TEXT_COLUMNS), [[r[k] for k in TEXT_COLUMNS] for r in folded])
        # The dates that can be a row's next deadline (as projections.status.next_due picks it).
        page.write(DELETE_DUES, [[r["reference"]] for r in folded])
        page.write(
            INSERT_DUE,
            [
                [r["reference"], d["due"], int(d["milestone"])]
                for r, dates in zip(folded, deadlines, strict=True)
                for d in dates
                if d["governing"] and not d["done_on"]
            ],
        )
