"""State as it stood on a past business date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate

A = TypeVar("A", bound=Aggregate)


def as_of(events: Iterable[Any], day: date) -> Any | None:
    """Replay the events whose business date is on or before ``day``.

    The created event always counts when anything else does (a file can be opened after the
    facts it records). Events dated later are skipped; the commands keep dependent steps in
    date order, so what remains is a state the rules could have reached. None if nothing
    had happened by ``day``.
    """
    aggregate: Any = None
    seen = False
    created: Any = None
    for domain_event in events:
        if created is None:
            created = domain_event
            aggregate = domain_event.mutate(None)
            seen = domain_event.on <= day
            continue
        if domain_event.on <= day:
            domain_event.apply(aggregate)
            aggregate.version = domain_event.originator_version
            seen = True
    return aggregate if seen else None
