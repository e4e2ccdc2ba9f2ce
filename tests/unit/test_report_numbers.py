"""Rates, money and averages in reports are exact: the same text Decimal gives, without it."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from bargaining.read.reports import ReportService, rate, yuan

COUNTS = st.integers(0, 10**9)


@given(COUNTS, COUNTS)
def test_a_rate_is_the_percentage_to_one_place_rounded_half_up(numerator: int, denominator: int) -> None:
    expected = None
    if denominator:
        value = Decimal(numerator) * 100 / Decimal(denominator)
        expected = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    assert rate(numerator, denominator) == expected


def test_rates_at_the_half() -> None:
    assert rate(1, 8) == "12.5%"
    assert rate(1, 16) == "6.3%"  # 6.25: half up, not to even
    assert rate(1, 3) == "33.3%"
    assert rate(2, 3) == "66.7%"
    assert rate(14, 14) == "100.0%"
    assert rate(0, 5) == "0.0%"


@given(st.integers(-(10**15), 10**15))
def test_fen_are_shown_as_yuan_exactly(fen: int) -> None:
    assert yuan(fen) == f"{Decimal(fen) / 100:.2f}"


def test_no_amount_is_zero_yuan() -> None:
    assert yuan(None) == "0.00"
    assert yuan(294_000_000) == "2940000.00"


@given(COUNTS, st.integers(1, 10**6))
def test_the_average_days_to_close_rounds_half_to_even(days: int, closed: int) -> None:
    row = ReportService._stats_row({"grp": "all", "days_to_close": days, "closed_accepted": closed})
    expected = (Decimal(days) / closed).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    assert row["average_days_to_close"] == str(expected)
