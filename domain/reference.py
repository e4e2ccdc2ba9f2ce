"""Reference data the application gives the profiles: each profile's holiday calendar.

The domain loads no data itself (no I/O). The application registers a loader per profile
(``use_holidays``) once, at start-up; ``domain.jurisdiction.get_profile`` calls it the first
time the profile is asked for, so a command that never looks a profile up (a report on fresh
views, but for the deadlines report) never loads a calendar. This module imports nothing,
so registering costs a command nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.calendar import HolidayCalendar

HOLIDAY_LOADERS: dict[str, Callable[[], HolidayCalendar]] = {}


def use_holidays(profile_id: str, load: Callable[[], HolidayCalendar]) -> None:
    """Count ``profile_id``'s days with the calendar ``load()`` returns, loaded on first use."""
    HOLIDAY_LOADERS[profile_id.upper()] = load
