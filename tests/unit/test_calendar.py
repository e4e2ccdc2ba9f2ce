"""Day counting (DOMAIN A16): start day not counted, rest days roll forward, working days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import DayUnit, HolidayCalendar, add_months, add_period
from domain.jurisdiction import PRC, get_profile
from domain.values import AgreementKind

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
holiday_sets = st.frozensets(days, max_size=30).map(HolidayCalendar)
weekend_days = days.filter(lambda d: d.weekday() >= 5)
# Holidays with weekend days worked in exchange (调休), as the State Council publishes them.
calendars = st.builds(
    HolidayCalendar, st.frozensets(days, max_size=30), st.frozensets(weekend_days, max_size=10)
)


@given(days, st.integers(0, 400))
def test_calendar_days_do_not_count_the_start_day(start: date, n: int) -> None:
    assert add_period(start, n, DayUnit.CALENDAR, roll_forward=False) == start + timedelta(days=n)


@given(days, st.integers(1, 400), calendars, st.sampled_from([DayUnit.CALENDAR, DayUnit.MONTHS]))
def test_a_period_ending_on_a_rest_day_ends_on_the_next_working_day(
    start: date, n: int, holidays: HolidayCalendar, unit: DayUnit
) -> None:
    end = add_period(start, n, unit, holidays)
    plain = add_period(start, n, unit, roll_forward=False)
    assert end >= plain  # never earlier than the period as counted
    assert holidays.is_working_day(end)  # never a rest day: a make-up working Saturday is not one
    # and it moves only across rest days
    assert all(holidays.is_rest_day(plain + timedelta(days=k)) for k in range((end - plain).days))


@given(days, st.integers(1, 60), holiday_sets)
def test_a_profile_that_rolls_only_past_holidays_keeps_weekends(
    start: date, n: int, holidays: HolidayCalendar
) -> None:
    end = add_period(start, n, DayUnit.CALENDAR, holidays, rest_days=False)
    plain = start + timedelta(days=n)
    assert end >= plain
    assert end not in holidays.holidays
    assert all(plain + timedelta(days=k) in holidays.holidays for k in range((end - plain).days))


@given(days, st.integers(1, 30), calendars)
def test_a_period_in_working_days_is_never_rolled(start: date, n: int, holidays: HolidayCalendar) -> None:
    assert add_period(start, n, DayUnit.WORKING, holidays) == add_period(
        start, n, DayUnit.WORKING, holidays, roll_forward=False
    )


def test_ten_days_ending_on_a_saturday_end_on_the_monday_and_say_so() -> None:
    profile = get_profile("PRC")
    rule = profile.deadline("filing", AgreementKind.COMPREHENSIVE)
    assert rule is not None
    signed = date(2024, 6, 5)
    assert profile.due(rule, signed) == date(2024, 6, 17)
    assert profile.rule_text(rule, date(2024, 6, 17), start=signed) == (
        "10 calendar days after signing — PRC, Provisions on Collective Contracts art. 42;"
        " 10 days end Sat 2024-06-15, a rest day: rolled to Mon 2024-06-17, Civil Code art. 203"
    )
    # a Saturday worked in exchange for the Spring Festival (调休上班) is a working day
    review = profile.deadline("review", AgreementKind.COMPREHENSIVE)
    assert review is not None
    assert profile.due(review, date(2026, 1, 30)) == date(2026, 2, 14)
    # a limitation year that ends on a Sunday ends on the Monday
    assert profile.limitation_ends(date(2024, 3, 9)) == date(2025, 3, 10)


@given(days, st.integers(1, 30), calendars)
def test_working_days_skip_weekends_and_holidays(start: date, n: int, holidays: HolidayCalendar) -> None:
    end = add_period(start, n, DayUnit.WORKING, holidays)
    assert holidays.is_working_day(end)
    between = [start + timedelta(days=k) for k in range(1, (end - start).days + 1)]
    assert sum(holidays.is_working_day(d) for d in between) == n


@given(days, st.integers(-36, 36))
def test_months_clamp_to_the_last_day_of_the_month(start: date, months: int) -> None:
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == start.day or (moved.day < start.day and (moved + timedelta(days=1)).day == 1)


def test_seed_filing_dates_for_the_1_signing_on_29_june_2011() -> None:
    signed = date(2011, 6, 29)
    general, wage = (PRC.deadline("filing", k) for k in (AgreementKind.COMPREHENSIVE, AgreementKind.WAGE))
    assert general is not None
    assert wage is not None
    # S1 Art 42: 10 days end on Saturday 9 July, a rest day: the Monday (Civil Code Art 203)
    assert PRC.due(general, signed) == date(2011, 7, 11)
    assert PRC.due(wage, signed) == date(2011, 7, 6)  # S2 Art 21: a Wednesday
    assert [r.basis.article for r in PRC.deadlines_for("filing", AgreementKind.WAGE)] == [
        "21",
        "42",
    ]


def test_renewal_window_opens_three_months_or_sixty_days_before_expiry() -> None:
    expiry = date(2012, 6, 30)
    general = PRC.deadline("renewal", AgreementKind.COMPREHENSIVE)
    wage = PRC.deadline("renewal", AgreementKind.WAGE)
    assert general is not None
    assert wage is not None
    assert general.due(expiry) == date(2012, 3, 30)
    assert wage.due(expiry) == date(2012, 5, 1)


def test_every_profile_deadline_cites_an_article() -> None:
    for _, rule in PRC.deadlines:
        assert rule.basis.instrument
        assert rule.basis.article


@given(weekend_days, st.frozensets(days, max_size=30))
def test_a_weekend_day_worked_in_exchange_for_a_holiday_is_a_working_day(
    worked: date, days_off: frozenset[date]
) -> None:
    calendar = HolidayCalendar(days_off - {worked}, frozenset({worked}))
    assert add_period(worked - timedelta(days=1), 1, DayUnit.WORKING, calendar) == worked
    assert not HolidayCalendar(days_off).is_working_day(worked)


@given(days, st.integers(1, 30), st.frozensets(days, max_size=30))
def test_without_make_up_days_working_days_are_the_weekdays_that_are_not_holidays(
    start: date, n: int, days_off: frozenset[date]
) -> None:
    end = add_period(start, n, DayUnit.WORKING, HolidayCalendar(days_off))
    between = [start + timedelta(days=k) for k in range(1, (end - start).days + 1)]
    assert sum(d.weekday() < 5 and d not in days_off for d in between) == n
    assert end.weekday() < 5
    assert end not in days_off


def test_the_published_calendar_knows_the_spring_festival_of_2026_and_its_make_up_days() -> None:
    from bargaining.store.holidays import prc

    calendar = prc()
    assert calendar.last is not None
    assert calendar.last >= date(2026, 12, 31)
    assert calendar.is_working_day(date(2026, 2, 14))  # a Saturday, worked in exchange
    assert not calendar.is_working_day(date(2026, 2, 16))  # a Monday of the holiday
    assert calendar.is_working_day(date(2026, 10, 10))  # a Saturday after National Day
    assert calendar.roll_forward(date(2026, 10, 3)) == date(2026, 10, 8)
    assert calendar.uncovered_note(calendar.last) == ""
    assert "weekends only" in calendar.uncovered_note(calendar.last + timedelta(days=1))
