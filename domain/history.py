"""State as it stood on a past business date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate

from domain.corrections import Amends, effective_events

A = TypeVar("A", bound=Aggregate)


def as_of(events: Iterable[Any], day: date) -> Any | None:
    """Replay the events whose business date is on or before ``day``.

    The created event always counts when anything else does (a file can be opened after the
    facts it records). Events dated later are skipped; the commands keep dependent steps in
    date order, so what remains is a state the rules could have reached. None if nothing
    had happened by ``day``. Corrections and retractions count from the day they were made:
    on an earlier day the record is shown as it was known then.
    """
    stored = [e for e in events if not isinstance(e, Amends) or e.on <= day]  # type: ignore[attr-defined]
    if not stored:
        return None
    effective, _, _ = effective_events(stored)
    created, later = effective[0], [e for e in effective[1:] if e.on <= day]
    if created.on > day and not later:
        return None
    aggregate = created.mutate(None)
    for domain_event in later:
        domain_event.apply(aggregate)
        aggregate._version = domain_event.originator_version
    return aggregate
