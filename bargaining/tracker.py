"""The Tracker: one store, the person recording, today's date, and the services on them.

Each service, and each bounded context's application behind it, is built on first use, so a
command pays only for what it touches: a report on up-to-date views imports no aggregate.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from bargaining import contexts
from bargaining.store.location import Store
from bargaining.vocabulary import ACTOR_ENV

if TYPE_CHECKING:
    from bargaining.mediation.service import BodyService, CaseService
    from bargaining.negotiations.contracts import ContractService
    from bargaining.negotiations.reference import ReferenceService
    from bargaining.negotiations.service import NegotiationService
    from bargaining.negotiations.wages import WageService
    from bargaining.packet.service import PacketService
    from bargaining.read.lists import ListService
    from bargaining.read.reports import ReportService
    from bargaining.store.application import StoreApplication

A = TypeVar("A", bound="StoreApplication")


def default_actor() -> str:
    """Who is recording: ``BARGAINING_ACTOR``, else the OS login."""
    actor = os.environ.get(ACTOR_ENV, "").strip()
    if actor:
        return actor
    try:
        import getpass  # only when no actor is given

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
        self._actor = (actor or "").strip()
        self.today = today or date.today()  # noqa: DTZ011 - business dates are the user's local dates
        self._apps: dict[str, StoreApplication] = {}

    @cached_property
    def actor(self) -> str:
        """Who is recording: as given, else ``default_actor`` (asked only by a command that
        records or shows it: a report never looks the login up)."""
        return self._actor or default_actor()

    def _app(self, cls: type[A]) -> A:
        if cls.name not in self._apps:
            from bargaining.store.application import open_application

            opened = self._apps[cls.name] = open_application(cls, self.store)
            if opened.recorder.max_notification_id() is None:
                # Its first event will be encrypted or not by the key in the environment: the
                # other context's events must agree with that key, so a store is never mixed.
                self._contexts()
        app = self._apps[cls.name]
        assert isinstance(app, cls)
        return app

    @cached_property
    def negotiations(self) -> NegotiationService:
        from bargaining.negotiations.service import NegotiationsApp, NegotiationService

        return NegotiationService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def contracts(self) -> ContractService:
        from bargaining.negotiations.contracts import ContractService
        from bargaining.negotiations.service import NegotiationsApp

        return ContractService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def wages(self) -> WageService:
        """A negotiation's wage base, and what its wage proposals cost."""
        from bargaining.negotiations.service import NegotiationsApp
        from bargaining.negotiations.wages import WageService

        return WageService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def wage_reference(self) -> ReferenceService:
        """Wage guidelines, minimum wages and CPI by region and year, with their sources."""
        from bargaining.negotiations.reference import ReferenceService
        from bargaining.negotiations.service import NegotiationsApp

        return ReferenceService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def packets(self) -> PacketService:
        from bargaining.negotiations.service import NegotiationsApp
        from bargaining.packet.service import PacketService

        return PacketService(self._app(NegotiationsApp), self.actor, self.today)

    @cached_property
    def bodies(self) -> BodyService:
        from bargaining.mediation.service import BodyService, MediationApp

        return BodyService(self._app(MediationApp), self.actor, self.today)

    @cached_property
    def cases(self) -> CaseService:
        from bargaining.mediation.service import CaseService, MediationApp

        return CaseService(self._app(MediationApp), self.actor, self.today)

    def import_cases(self, path: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Import a mediation case ledger (.xlsx or .csv): see bargaining.ledgers.imports."""
        from pathlib import Path

        from bargaining.ledgers.imports import CaseImport

        return CaseImport(self.cases, self.bodies, self.reports).run(Path(path), **options).as_dict()

    def import_contracts(self, path: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Import a collective-contract ledger (.xlsx or .csv): see bargaining.ledgers.imports."""
        from pathlib import Path

        from bargaining.ledgers.imports import ContractImport

        contracts = self.contracts
        return (
            ContractImport(contracts.app, contracts.actor, self.reports).run(Path(path), **options).as_dict()
        )

    def export_cases(self, out: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Write the case ledger (.xlsx or .csv): see bargaining.ledgers.exports."""
        from pathlib import Path

        from bargaining.ledgers.exports import export_cases

        return export_cases(self.reports, Path(out), **options)

    def export_contracts(self, out: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Write the collective-contract ledger (.xlsx or .csv): see bargaining.ledgers.exports."""
        from pathlib import Path

        from bargaining.ledgers.exports import export_contracts

        return export_contracts(self.reports, Path(out), **options)

    def export_stats(self, out: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Write a year's mediation statistics (.xlsx): see bargaining.ledgers.exports."""
        from pathlib import Path

        from bargaining.ledgers.exports import export_stats

        return export_stats(self.reports, Path(out), **options)

    def write_report(self, out: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
        """Write the committee's report of a period (one .html file): see bargaining.report."""
        from pathlib import Path

        from bargaining.report import write_report

        return write_report(self.reports, Path(out), **options)

    @cached_property
    def reports(self) -> ReportService:
        from bargaining.read.reports import ReportService

        return ReportService(self.store, self.today)

    @cached_property
    def lists(self) -> ListService:
        """Every negotiation, case or body, filtered and searched, from the read models."""
        from bargaining.read.lists import ListService

        return ListService(self.reports)

    def copy_to(
        self, target: str | os.PathLike[str], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, Any]]:
        """Copy every event to ``target`` (resuming an interrupted copy), verify, rebuild its views."""
        from bargaining.store.copy import copy_store

        destination = Store.resolve(target)
        report = copy_store(self.store, destination, applications=contexts.applications(), progress=progress)
        from bargaining.read.reports import ReportService

        ReportService(destination, self.today).rebuild()
        return report

    def log_demo(self) -> list[str]:
        """Log the seed's 篇1 wage negotiation and 篇7 work-injury case (once); return their references."""
        from bargaining import demo

        return [
            demo.log_wage_negotiation(self.negotiations, self.contracts, self.wages, self.wage_reference),
            demo.log_injury_case(self.bodies, self.cases),
        ]

    def _contexts(self) -> list[StoreApplication]:
        """Both bounded contexts' applications, opened (and their key checked)."""
        return [self._app(cls) for cls in contexts.applications()]

    def event_count(self) -> int:
        """How many events the store holds, across both contexts."""
        return sum(app.count_events() for app in self._contexts())

    def store_info(self) -> dict[str, Any]:
        """The store in use, its encryption, events per application, read-model positions.

        It looks without refusing: a key that does not fit the store is reported, not raised.
        """
        from bargaining.store.info import describe

        return describe(self.store, contexts.applications())

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
