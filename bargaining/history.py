"""An aggregate's recorded steps as plain rows: business date, when recorded, by whom, what."""

from __future__ import annotations

from typing import Any

from domain.corrections import AMENDING, RETRACTED
from domain.i18n import _
from projections.labels import change_text, reason_text
from projections.payload import event_data


def event_rows(events: Any) -> list[dict[str, Any]]:
    """The recorded steps of one aggregate, oldest first, as plain rows, each with its number
    and what later corrections and retractions did to it (``mark_amended``)."""
    return mark_amended(
        [
            {
                "version": e.originator_version,
                "step": type(e).__name__,
                "on": e.on.isoformat(),
                "by": e.by,
                "recorded_at": e.timestamp.isoformat(),
                "detail": event_data(e),
            }
            for e in events
        ]
    )


def mark_amended(
    rows: list[dict[str, Any]], *, number: str = "version", kind: str = "step", data: str = "detail"
) -> list[dict[str, Any]]:
    """Say on each step row which later steps corrected it (``corrected_by``) and whether one
    retracted it (``retracted_by``); each amending row names the step it amends (``amends``).
    The rows keep the values as first recorded: the history shows both."""
    by_number = {r[number]: r for r in rows}
    for r in rows:
        r.setdefault("on_in_effect", r["on"])  # the business date as corrected
        r.setdefault("corrected_by", [])
        r.setdefault("retracted_by", None)
        r.setdefault("amends", None)
    for r in rows:
        if r[kind] not in AMENDING:
            continue
        for changed, field, _before, after in r[data]["changes"]:  # later steps renumbered too
            other = by_number.get(changed)
            if other is not None and changed != r[data]["step"] and r[number] not in other["corrected_by"]:
                other["corrected_by"].append(r[number])
            if other is not None and field == "on":
                other["on_in_effect"] = after
        target = by_number.get(r[data]["step"])
        r["amends"] = r[data]["step"]
        r["summary"] = _("; ").join(
            [*(change_text(*c) for c in r[data]["changes"]), reason_text(r[data]["reason"])]
        )
        if target is None:
            continue
        if r[kind] == RETRACTED:
            target["retracted_by"] = r[number]
        else:
            target["corrected_by"].append(r[number])
    return rows
