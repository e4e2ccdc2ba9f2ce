"""The public API of the bargaining tracker: open a ``Tracker`` on a store and call services.

    with Tracker(store="~/bargaining-data", actor="王芳") as t:
        t.negotiations.open("CB-2011-001", employer="…", union="…", kind="wage")
        t.negotiations.show("CB-2011-001")

Services take primitives and return plain rows; every error is a ``BargainingError`` whose
``field`` and ``rule`` make the one line a user reads.
"""

from __future__ import annotations

import getpass
import os
from datetime import date
from types import TracebackType

from bargaining import demo
from bargaining.application import NegotiationsApp, translate_store_errors
from bargaining.contracts import ContractService
from bargaining.errors import (
    AlreadyExistsError,
    BargainingError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
    RuleViolationError,
    StoreBusyError,
    StoreError,
)
from bargaining.negotiations import NegotiationService
from bargaining.store import STORE_ENV, Store

ACTOR_ENV = "BARGAINING_ACTOR"

DEMO_REFERENCE = demo.WAGE_REF
DEMO_ARTICLE = demo.WAGE

__all__ = [
    "ACTOR_ENV",
    "DEMO_ARTICLE",
    "DEMO_REFERENCE",
    "STORE_ENV",
    "AlreadyExistsError",
    "BargainingError",
    "ConflictError",
    "InvalidValueError",
    "NotFoundError",
    "RuleViolationError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Tracker",
    "default_actor",
]


def default_actor() -> str:
    """Who is recording: ``BARGAINING_ACTOR``, else the OS login."""
    actor = os.environ.get(ACTOR_ENV, "").strip()
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Tracker:
    """One open store, the person recording, and today's date (injectable for tests)."""

    def __init__(
        self,
        store: str | os.PathLike[str] | None = None,
        *,
        actor: str | None = None,
        today: date | None = None,
    ) -> None:
        self.store = Store.resolve(store)
        self.actor = (actor or "").strip() or default_actor()
        self.today = today or date.today()  # noqa: DTZ011 - the business date is local
        with translate_store_errors():
            self._app = NegotiationsApp(env=self.store.env_for(NegotiationsApp.name))
        self.negotiations = NegotiationService(self._app, self.actor, self.today)
        self.contracts = ContractService(self._app, self.actor, self.today)

    def log_demo(self) -> str:
        """Log the seed's 篇1 wage negotiation (once) and return its reference."""
        return demo.log_wage_negotiation(self.negotiations, self.contracts)

    def event_count(self) -> int:
        """How many events the store holds (the last notification position)."""
        return self._app.count_events()

    def close(self) -> None:
        self._app.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Tracker({self.store.describe()}, actor={self.actor!r})"
