"""The two bounded contexts' applications, named in one place: negotiations and contracts
(interest disputes), and mediation (rights disputes).

Whatever works on a whole store (the read side's catch-up, ``store info``, ``store copy``)
asks here which applications it holds, and opens them here. The classes are imported only
when asked for: a report on up-to-date views never loads an aggregate.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bargaining.store.application import StoreApplication
    from bargaining.store.location import Store


def applications() -> tuple[type[StoreApplication], ...]:
    """Every application a store holds, in the order their logs are read."""
    from bargaining.mediation.service import MediationApp
    from bargaining.negotiations.service import NegotiationsApp

    return (NegotiationsApp, MediationApp)


@contextmanager
def opened(store: Store) -> Iterator[dict[str, Any]]:
    """Every application open on ``store``, by name; closed afterwards. The store's errors
    (a server that does not answer, a locked file) surface as this package's errors."""
    from bargaining.store.application import open_application, translate_store_errors

    apps: dict[str, Any] = {}
    try:
        for cls in applications():
            apps[cls.name] = open_application(cls, store)
        with translate_store_errors(store.describe()):
            yield apps
    finally:
        for app in apps.values():
            app.close()
