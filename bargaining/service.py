"""What every service shares: an application, who is recording, and today's date."""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from bargaining.errors import InvalidValueError
from bargaining.store.application import StoreApplication
from domain.i18n import _
from domain.values import clean_name

App = TypeVar("App", bound=StoreApplication)


class ServiceBase(Generic[App]):
    def __init__(self, app: App, actor: str, today: date) -> None:
        self.app = app
        # Stored on every event and shown in every history: a name like any other.
        self.actor = clean_name(actor, "as", max_len=100)
        self.today = today

    def check_day(self, day: date, field: str) -> date:
        """A business date given as data (a ledger's): as a typed one, never in the future."""
        return self._date(day, field)

    def _date(self, value: date | None, field: str) -> date:
        """A business date: today when not given, never in the future."""
        day = self.today if value is None else value
        if day > self.today:
            raise InvalidValueError(
                field,
                _("{day} is in the future (today is {today})").format(
                    day=day.isoformat(), today=self.today.isoformat()
                ),
            )
        return day
