"""Domain events as plain JSON-ready dicts: what the read models fold and the timeline stores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

SKIP = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic", "on", "by"})

# Which aggregate an event belongs to, by the qualified name's first part.
CONTEXTS = {
    "Negotiation": "negotiation",
    "CollectiveContract": "contract",
    "MediationCase": "case",
    "MediationBody": "body",
}


def plain(value: Any) -> Any:  # noqa: PLR0911 - a return per kind of value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "__attrs_attrs__"):
        return {a.name: plain(getattr(value, a.name)) for a in value.__attrs_attrs__}
    return value


def event_data(domain_event: Any) -> dict[str, Any]:
    """The event's own fields (not the library's bookkeeping), as plain values."""
    return {k: plain(v) for k, v in vars(domain_event).items() if k not in SKIP}


def context_of(domain_event: Any) -> str:
    return CONTEXTS.get(type(domain_event).__qualname__.split(".")[0], "other")


def step_of(domain_event: Any) -> str:
    return type(domain_event).__name__
