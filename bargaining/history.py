"""An aggregate's recorded steps as plain rows: business date, when recorded, by whom, what."""

from __future__ import annotations

from typing import Any

from projections.payload import event_data


def event_rows(events: Any) -> list[dict[str, Any]]:
    """The recorded steps of one aggregate, oldest first, as plain rows."""
    return [
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
