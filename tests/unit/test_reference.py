"""A profile's holiday calendar, registered by the application and loaded on first use."""

from __future__ import annotations

import threading
import time
from datetime import date

import attrs
import pytest

from domain import jurisdiction
from domain.calendar import HolidayCalendar
from domain.jurisdiction import PRC, get_profile
from domain.reference import use_holidays

SPRING = HolidayCalendar(frozenset({date(2030, 2, 4)}))


@pytest.fixture
def profile(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(jurisdiction.PROFILES, "TEST", attrs.evolve(PRC, id="TEST"))
    return "TEST"


def test_the_calendar_is_loaded_once_by_the_first_lookup_even_from_many_threads(profile: str) -> None:
    loads: list[int] = []

    def slow() -> HolidayCalendar:
        loads.append(1)
        time.sleep(0.05)
        return SPRING

    use_holidays(profile, slow)
    found: list[HolidayCalendar] = []
    threads = [threading.Thread(target=lambda: found.append(get_profile(profile).holidays)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert found == [SPRING] * 8
    assert get_profile(profile.lower()).holidays == SPRING


def test_a_loader_that_fails_fails_every_lookup_until_it_loads(profile: str) -> None:
    calls: list[int] = []

    def flaky() -> HolidayCalendar:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("not installed")
        return SPRING

    use_holidays(profile, flaky)
    with pytest.raises(RuntimeError, match="not installed"):
        get_profile(profile)
    assert get_profile(profile).holidays == SPRING
