"""The status board's read model: one row per negotiation and its contract."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

from eventsourcing.sqlite import SQLiteCursor

from projections.base import Item, ViewProjection, parsed
from projections.columns import AGREEMENT_COLUMNS
from projections.folds import (
    AGREEMENT_STEPS,
    agreement_deadlines,
    count_articles,
    fold_agreement,
    new_agreement,
)
from projections.store import dumps

Row = dict[str, Any]


def load_rows(
    c: SQLiteCursor, table: str, columns: Sequence[str], references: Sequence[str]
) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        marks = ",".join("?" * len(chunk))
        c.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE reference IN ({marks})", chunk)  # noqa: S608
        for values in c.fetchall():
            rows[values[0]] = dict(zip(columns, values, strict=True))
    return rows


class AgreementsProjection(ViewProjection):
    name = "agreements"
    upstreams: ClassVar[tuple[str, ...]] = ("Negotiations",)
    tables: ClassVar[tuple[str, ...]] = ("agreements",)
    steps = AGREEMENT_STEPS

    def process_page(self, c: SQLiteCursor, items: Sequence[Item]) -> None:
        relevant = parsed(items, ("negotiation", "contract"))
        if not relevant:
            return
        references = sorted({i.reference for i, _, _ in relevant})
        rows = load_rows(c, "agreements", AGREEMENT_COLUMNS, references)
        for row in rows.values():
            row["state"] = json.loads(row["state"])
        for item, data, on in relevant:
            row = rows.get(item.reference) or rows.setdefault(item.reference, new_agreement(item.reference))
            fold_agreement(row, item.context, item.step, data, on)
        for row in rows.values():
            count_articles(row)
        marks = ", ".join("?" * (len(AGREEMENT_COLUMNS) + 1))
        c.executemany(
            f"INSERT OR REPLACE INTO agreements ({', '.join(AGREEMENT_COLUMNS)}, deadlines) VALUES ({marks})",  # noqa: S608
            [
                [
                    *(dumps(r[k]) if k == "state" else r[k] for k in AGREEMENT_COLUMNS),
                    dumps(agreement_deadlines(r)),
                ]
                for r in rows.values()
                if r["kind"] is not None
            ],
        )
