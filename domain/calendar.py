"""Counting days the way the rules count them (DOMAIN A16).

Calendar days by default, the start day not counted (Civil Code Art 201). A period whose last
day is a 法定休假日 ends on the first working day after it (Civil Code Art 203: "期间的最后一日
是法定休假日的，以法定休假日结束的次日为期间的最后一日"). 法定休假日 takes in the weekly rest
days as well as the State Council's holidays: the Supreme People's Court's opinion on the
General Principles (item 198) said so of Sundays, and the Civil Procedure Law's article on
periods reads the same. So a period ending on a Saturday ends on the Monday, and one ending in
the National Day week on the first day back; a Saturday worked in exchange for a holiday
(调休上班) is a working day, not a rest day. Which days a period may not end on is the
profile's (``rest_days``); periods counted in working days never roll. Working days skip
weekends and holidays, but count the weekend days worked in exchange for a holiday. Months
add calendar months, clamped to the month's last day.

The holidays are reference data: the State Council publishes each year's, with its make-up
working days, some weeks before the year begins. The domain counts with whatever calendar
the application gives a profile (``domain.reference``) and loads none itself.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from enum import Enum

import attrs

from domain.i18n import _


class DayUnit(Enum):
    CALENDAR = "calendar days"
    WORKING = "working days"
    MONTHS = "months"


@attrs.frozen
class HolidayCalendar:
    """Statutory holidays and the weekend days worked in their place, from ``first`` to ``last``.

    Empty unless a profile is given one. Outside the years the data covers only weekends are
    known: ``uncovered_note`` says so beside a date counted there.
    """

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()  # weekend days worked in exchange (调休上班)
    first: date | None = None
    last: date | None = None
    source: str = ""

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def is_rest_day(self, day: date) -> bool:
        """A weekly rest day not worked in exchange for a holiday, or a holiday."""
        return not self.is_working_day(day)

    def roll_forward(self, day: date, *, rest_days: bool = True) -> date:
        """``day``, or the first day after it that a period may end on: the first working day
        (``rest_days``), or the first day that is not a statutory holiday."""
        ends_early = self.is_rest_day if rest_days else self.holidays.__contains__
        while ends_early(day):
            day += timedelta(days=1)
        return day

    def uncovered_note(self, day: date) -> str:
        """A note for a date counted outside the years the data covers ("" inside them, or when
        there is no data at all: nothing is claimed then)."""
        if self.last is not None and day > self.last:
            return _("no holiday schedule after {day} yet: weekends only").format(day=self.last.isoformat())
        if self.first is not None and day < self.first:
            return _("no holiday schedule before {day}: weekends only").format(day=self.first.isoformat())
        return ""


NO_HOLIDAYS = HolidayCalendar()


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` calendar months (negative goes back), day clamped."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def add_period(
    start: date,
    amount: int,
    unit: DayUnit,
    holidays: HolidayCalendar = NO_HOLIDAYS,
    *,
    roll_forward: bool = True,
    rest_days: bool = True,
) -> date:
    """The last day of a period of ``amount`` units that starts after ``start``; one that ends
    on a day off ends on the first day after it a period may end on (``rest_days``: the
    first working day; otherwise the first day that is not a statutory holiday).

    ``amount`` may be negative for windows that open before a date (a renewal window opens
    three months before expiry); negative periods are never rolled forward.
    """
    if unit is DayUnit.WORKING:
        step = 1 if amount >= 0 else -1
        day, left = start, abs(amount)
        while left:
            day += timedelta(days=step)
            if holidays.is_working_day(day):
                left -= 1
        return day
    end = add_months(start, amount) if unit is DayUnit.MONTHS else start + timedelta(days=amount)
    if roll_forward and amount > 0:
        end = holidays.roll_forward(end, rest_days=rest_days)
    return end


def days_between(first: date, second: date) -> int:
    """Calendar days from ``first`` to ``second`` (negative if ``second`` is earlier)."""
    return (second - first).days
