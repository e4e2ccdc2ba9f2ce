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
from functools import cached_property
from types import TracebackType
from typing import TypeVar

from bargaining import demo
from bargaining.application import NegotiationsApp, StoreApplication, translate_store_errors
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
from bargaining.mediation import BodyService, CaseService, MediationApp
from bargaining.negotiations import NegotiationService
from bargaining.store import STORE_ENV, Store

ACTOR_ENV = "BARGAINING_ACTOR"
A = TypeVar("A", bound=StoreApplication)

DEMO_REFERENCE = demo.WAGE_REF
DEMO_ARTICLE = demo.WAGE
DEMO_CASE = demo.CASE_REF

__all__ = [
    "ACTOR_ENV",
    "DEMO_ARTICLE",
    "DEMO_CASE",
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
    """One open store, the person recording, and today's date (injectable for tests).

    Each bounded context's application is opened on first use, so a command pays only for the
    store files it touches.
    """

    def __init__(
        self,
        store: str | os.PathLike[str] | None = None,
        *,
        actor: str | None = None,
        today: date | None = None,
    ) -> None:
        self.store = Store.resolve(store)
        self.actor = (actor or "").strip() or default_actor()
        self.today = today or date.today()  # noqa: DTZ011 - business dates are the user's local dates
        self._apps: dict[str, StoreApplication] = {}

    def _app(self, cls: type[A]) -> A:
        if cls.name not in self._apps:
            with translate_store_errors():
                self._apps[cls.name] = cls(env=self.store.env_for(cls.name))
        app = self._apps[cls.name]
        assert isinstance(app, cls)
        return app

    @cached_property
    def negotiations(self) -> NegotiationService:
        return NegotiationService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def contracts(self) -> ContractService:
        return ContractService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def bodies(self) -> BodyService:
        return BodyService(self._app(MediationApp), self.actor, self.today)

    @cached_property
    def cases(self) -> CaseService:
        return CaseService(self._app(MediationApp), self.actor, self.today)

    def log_demo(self) -> list[str]:
        """Log the seed's 篇1 wage negotiation and 篇7 work-injury case (once); return their references."""
        return [
            demo.log_wage_negotiation(self.negotiations, self.contracts),
            demo.log_injury_case(self.bodies, self.cases),
        ]

    def event_count(self) -> int:
        """How many events the store holds, across both contexts."""
        return sum(self._app(cls).count_events() for cls in (NegotiationsApp, MediationApp))

    def close(self) -> None:
        for app in self._apps.values():
            app.close()
        self._apps.clear()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Tracker({self.store.describe()}, actor={self.actor!r})"
