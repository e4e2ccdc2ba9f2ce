"""What a wage proposal costs: pure arithmetic on the wage base, exact to the fen.

Rounding, in one place: each group's new average monthly wage is rounded to the fen, half up
(``ROUND_HALF_UP``), as a pay slip shows it; each group's year of wages (where a part-month
bonus leaves a fraction of a fen) and its on-costs are rounded to the fen, half up. Every other
money figure is a whole-number multiple (workers, months) or a sum of those, so it is exact,
and every total is the sum of its groups' and years' figures:
the costing is additive over groups and over years. Percentages are kept exact and rounded to
0.01 point, half up, only when shown (``pct``).

A year of the term is twelve months plus the base's bonus months, from the day the terms apply;
a term that ends part-way through a year (18 months) costs that last year's months only, its
bonus months in proportion (six months of 12 + 1 are 6.5 months paid).
Each year's cost is measured against last year's pay (the base): year 2 of a two-year rise
costs both rises. A floor (minimum wage) lifts a group whose average after the rise is below
it to the floor; a group is costed at its average, so the low-paid are best recorded as a
group of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import attrs

from domain.calendar import add_months
from domain.errors import InvalidValueError
from domain.i18n import _
from domain.values import GroupRaise, WageTerms, YearTerms
from domain.wage import WageBase, WageGroup

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
ROUNDING = "ROUND_HALF_UP"


def fen(amount: Decimal) -> Decimal:
    """Money to the fen, half up: the one rounding of money in the costing."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def pct(value: Decimal | None) -> str | None:
    """A percentage as shown: to 0.01 point, half up."""
    return None if value is None else str(value.quantize(FEN, rounding=ROUND_HALF_UP))


@attrs.frozen(kw_only=True)
class GroupYear:
    """One group in one year of the term: its wage before and after, and what that adds."""

    group: str
    year: int
    headcount: int
    base_wage: Decimal  # last year's average monthly wage
    raised: Decimal  # this year's average after the rise, before the floor
    wage: Decimal  # after the floor
    months: Decimal
    on_cost_pct: Decimal
    one_off_each: Decimal
    lifted: int  # workers this year's floor lifts

    @property
    def added_monthly(self) -> Decimal:
        """A month's pay above last year's, for the whole group."""
        return self.headcount * (self.wage - self.base_wage)

    @property
    def floor_monthly(self) -> Decimal:
        """The part of it this year's floor adds."""
        return self.headcount * (self.wage - self.raised)

    @property
    def wages(self) -> Decimal:
        """The year's added wage bill: every month paid, bonus months included (to the fen,
        half up, where a part-month bonus leaves a fraction of one)."""
        return fen(self.added_monthly * self.months)

    @property
    def on_costs(self) -> Decimal:
        return fen(self.wages * self.on_cost_pct / HUNDRED)

    @property
    def one_off(self) -> Decimal:
        return self.headcount * self.one_off_each

    @property
    def total(self) -> Decimal:
        return self.wages + self.on_costs + self.one_off


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal("0.00"))


@attrs.frozen
class Costing:
    """A proposal costed on a base: one row per group and year, and totals that are their sums."""

    base: WageBase
    rows: tuple[GroupYear, ...]
    years: int
    months: int  # the term's months: 12 a year, fewer when the last year is a part one

    def year(self, number: int) -> tuple[GroupYear, ...]:
        return tuple(r for r in self.rows if r.year == number)

    def monthly(self, number: int = 1) -> Decimal:
        return _sum(r.added_monthly for r in self.year(number))

    def floor_monthly(self, number: int = 1) -> Decimal:
        return _sum(r.floor_monthly for r in self.year(number))

    def lifted(self, number: int = 1) -> int:
        return sum(r.lifted for r in self.year(number))

    def wages(self, number: int | None = None) -> Decimal:
        return _sum(r.wages for r in self._rows(number))

    def on_costs(self, number: int | None = None) -> Decimal:
        return _sum(r.on_costs for r in self._rows(number))

    def one_off(self, number: int | None = None) -> Decimal:
        return _sum(r.one_off for r in self._rows(number))

    def total(self, number: int | None = None) -> Decimal:
        """The cost of year ``number``, or of the whole term."""
        return _sum(r.total for r in self._rows(number))

    def _rows(self, number: int | None) -> tuple[GroupYear, ...]:
        return self.rows if number is None else self.year(number)

    @property
    def per_worker(self) -> Decimal | None:
        """The first year's cost per worker, to the fen."""
        count = self.base.headcount
        return fen(self.total(1) / count) if count else None

    @property
    def increase_pct(self) -> Decimal | None:
        """The first year's average monthly wage increase, floors included (what a wage
        guideline and the CPI are compared with), exact."""
        payroll = self.base.monthly_payroll
        return self.monthly(1) * HUNDRED / payroll if payroll else None

    @property
    def payroll_pct(self) -> Decimal | None:
        """The first year's added wages and one-off payments as a share of last year's wage
        bill (both before on-costs), exact."""
        payroll = self.base.annual_payroll
        return (self.wages(1) + self.one_off(1)) * HUNDRED / payroll if payroll else None


def _raised(wage: Decimal, group: str, terms: YearTerms) -> Decimal:
    own = next((r for r in terms.raises if r.group == group), None)
    if own is not None:
        if own.amount is not None:
            return wage + own.amount
        assert own.pct is not None
        return fen(wage * (HUNDRED + own.pct) / HUNDRED)
    if terms.increase_pct is not None:
        return fen(wage * (HUNDRED + terms.increase_pct) / HUNDRED)
    return wage


def check_groups(base: WageBase, terms: WageTerms, field: str = "cost.raise") -> None:
    """Every group a rise names is a group of the base: a rise for no one is a typo."""
    for number, year in enumerate(terms.years, start=1):
        for rise in year.raises:
            if base.group(rise.group) is None:
                raise InvalidValueError(
                    field if number == 1 else field.rsplit(".", 1)[0] + ".then",
                    _(
                        "{name} is not a group of the wage base ({names}); record it with 'negotiation base'"
                    ).format(name=rise.group, names=", ".join(g.name for g in base.groups) or "-"),
                )


def _group_years(
    base: WageBase, group: WageGroup, terms: WageTerms, years: int, last_months: int
) -> list[GroupYear]:
    rows = []
    wage, floor = group.average_wage, Decimal(0)
    schedule = terms.years
    for number in range(1, years + 1):
        year = schedule[number - 1] if number <= len(schedule) else YearTerms()
        raised = _raised(wage, group.name, year)
        if year.minimum_wage is not None:
            floor = max(floor, year.minimum_wage)  # an agreed floor stays for the rest of the term
        lifted = group.headcount if raised < floor else 0
        after = max(raised, floor)
        rows.append(
            GroupYear(
                group=group.name,
                year=number,
                headcount=group.headcount,
                base_wage=group.average_wage,
                raised=raised,
                wage=after,
                months=base.months_paid
                if number < years or last_months == 12
                else base.months_paid * last_months / 12,
                on_cost_pct=base.on_cost_pct,
                one_off_each=year.one_off or Decimal(0),
                lifted=lifted,
            )
        )
        wage = after
    return rows


def years_of(months: int) -> int:
    """The years a term of ``months`` spans, the last a part one (18 months: 2)."""
    return -(-months // 12)


def cost(base: WageBase, terms: WageTerms, years: int | None = None, *, months: int | None = None) -> Costing:
    """``terms`` on ``base`` for exactly ``years`` years (default: the years the terms name),
    or for a term of ``months`` (19 months: two years, the second of 7 months). A year past
    the terms keeps the last year's pay; a year of the terms past the term is not costed."""
    check_groups(base, terms)
    if months is None:
        span = max(len(terms.years), 1) if years is None else years
        months = span * 12
    span = years_of(months)
    if span < 1:
        raise InvalidValueError("cost.years", _("{n} is not 1 to 10 years").format(n=span))
    last = months - 12 * (span - 1)
    rows = [row for group in base.groups for row in _group_years(base, group, terms, span, last)]
    return Costing(base, tuple(rows), span, months)


def term_months(start: date, end: date) -> int:
    """A term's months, both days inclusive (2024-02-01 to 2025-07-31 is 18): a part month of
    15 days or more counts as a month, a shorter one as none; at least one."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    rest = (after - add_months(start, months)).days
    return max(1, months + (1 if rest >= 15 else 0))


def combined(terms: Iterable[WageTerms]) -> WageTerms | None:
    """One position from the numbers of several articles (the rise in one, the floor in
    another): each number of each year as the last article that states it says."""
    found: WageTerms | None = None
    for t in terms:
        if not t.has_numbers():
            continue
        if found is None:
            found = t
            continue
        old, new = found.years, t.years
        years = [
            _merged_year(old[i] if i < len(old) else YearTerms(), new[i] if i < len(new) else YearTerms())
            for i in range(max(len(old), len(new)))
        ]
        first = years[0]
        found = attrs.evolve(
            found,
            increase_pct=first.increase_pct,
            minimum_wage=first.minimum_wage,
            one_off=first.one_off,
            raises=first.raises,
            later=tuple(years[1:]),
            effective_on=t.effective_on or found.effective_on,
        )
    return found


def _merged_year(old: YearTerms, new: YearTerms) -> YearTerms:
    return YearTerms(
        increase_pct=new.increase_pct if new.increase_pct is not None else old.increase_pct,
        minimum_wage=new.minimum_wage if new.minimum_wage is not None else old.minimum_wage,
        one_off=new.one_off if new.one_off is not None else old.one_off,
        raises=_merged_raises(old.raises, new.raises),
    )


def _merged_raises(old: tuple[GroupRaise, ...], new: tuple[GroupRaise, ...]) -> tuple[GroupRaise, ...]:
    named = {r.group for r in new}
    return (*(r for r in old if r.group not in named), *new)


@attrs.frozen
class Gap:
    """How far apart two positions are: the first year's cost, and the average increase."""

    yuan: Decimal
    points: Decimal | None


def gap(union: Costing, employer: Costing) -> Gap:
    """The union's position less the employer's (usually positive: the union asks more)."""
    a, b = union.increase_pct, employer.increase_pct
    return Gap(union.total(1) - employer.total(1), None if a is None or b is None else a - b)


def real_increase(nominal_pct: Decimal, cpi_pct: Decimal) -> Decimal:
    """The rise in prices' terms: (1 + nominal) / (1 + CPI) - 1, in percent, exact."""
    return ((HUNDRED + nominal_pct) / (HUNDRED + cpi_pct) - 1) * HUNDRED
