"""An aggregate's recorded steps as plain rows: business date, when recorded, by whom, what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

_SKIP = {"originator_id", "originator_version", "timestamp", "originator_topic", "on", "by"}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value") and not isinstance(value, (str, int)):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "__attrs_attrs__"):
        return {a.name: _plain(getattr(value, a.name)) for a in value.__attrs_attrs__}
    return value


def event_rows(events: Any) -> list[dict[str, Any]]:
    """The recorded steps of one aggregate, oldest first, as plain rows."""
    return [
        {
            "version": e.originator_version,
            "step": type(e).__name__,
            "on": e.on.isoformat(),
            "by": e.by,
            "recorded_at": e.timestamp.isoformat(),
            "detail": {k: _plain(v) for k, v in vars(e).items() if k not in _SKIP},
        }
        for e in events
    ]
