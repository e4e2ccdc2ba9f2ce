"""Status and next deadline of a board row on a date: plain comparisons, no imports to pay for.

Read commands use these on every row, so this module stays free of the domain and the
event-sourcing library (each costs start-up time a busy user would feel).
"""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]

__all__ = ["closed_from", "contract_status", "next_due"]

FOREVER = "9999-12-31"  # a row that may need attention on any day to come
ALWAYS = "0000-01-01"  # a row closed whatever the day: a refused request


def contract_status(row: Row, day: str) -> str:  # noqa: PLR0911 - a return per status
    """The stage on ``day``: a negotiation stage, or a signed contract's computed status."""
    if row["stage"] != "signed" or not row["signed_on"]:
        return str(row["stage"])
    if row["terminated_on"] and row["terminated_on"] <= day:
        return "terminated"
    if row["objected_on"]:
        return "objected"
    if row["effective_on"] and row["effective_on"] <= day:
        return "expired" if row["term_end"] < day else "effective"
    if row["received_on"]:
        return "under review"
    if row["submitted_on"]:
        return "submitted"
    return "signed"


def next_due(deadlines: list[Row], day: str, status: str) -> Row | None:
    if status in ("terminated", "expired", "objected"):
        return None
    candidates = [
        d
        for d in deadlines
        if d["governing"] and not d["done_on"] and (not d["milestone"] or d["due"] >= day)
    ]
    return min(candidates, key=lambda d: d["due"]) if candidates else None


def closed_from(row: Row) -> str:
    """The first day from which the row is closed for good, as ``contract_status`` tells it:
    terminated, or expired (in effect, no objection, past its term), or a refused request. On
    and after it the row never needs attention; before it, it may. Kept by the agreements
    view, so that a board reads the rows still open through an index and counts the rest."""
    if row["stage"] == "refused":
        return ALWAYS
    if row["stage"] != "signed" or not row["signed_on"]:
        return FOREVER
    ends = [row["terminated_on"]] if row["terminated_on"] else []
    if not row["objected_on"] and row["effective_on"] and row["term_end"]:
        from datetime import date, timedelta  # noqa: PLC0415 - only the projection asks

        after = (date.fromisoformat(row["term_end"]) + timedelta(days=1)).isoformat()
        ends.append(max(row["effective_on"], after))
    return min(ends, default=FOREVER)
