"""The wage base a negotiation is costed on: its workforce in groups, and the on-costs of pay.

Last year's figures (S2 Art 8 (7): last year's payroll and average wage): each group's
headcount and average monthly wage, social insurance and the housing fund as a share of pay,
and the months of bonus paid on top of twelve. Recorded on the negotiation as it is known and
recorded again as better figures come (``Negotiation.record_wage_base``).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import attrs

from domain.errors import InvalidValueError, shown
from domain.i18n import _
from domain.values import clean_name, parse_money

MONTHS = 12
# A share typed above this is refused unless the user says it is meant (--allow): 150 is
# far more often a slip for 15 than a rise of one and a half times the pay.
PLAUSIBLE_PCT = Decimal(100)


def parse_share(
    value: str | Decimal | int, field: str, *, allow: bool = False, low: int = -100, high: int | None = None
) -> Decimal:
    """A percentage as typed ('7', '7%', '6.5'): at least ``low``, and at most 100 unless
    ``allow``; never over ``high`` (a share of pay: no --allow lifts that)."""
    text = unicodedata.normalize("NFKC", str(value)).strip().rstrip("%").strip()  # ７％ as 7%
    if isinstance(value, str) and "e" in text.lower():  # typed 1e1 is not how a percentage is written
        raise InvalidValueError(field, _("{value} is not a percentage").format(value=shown(value)))
    try:
        pct = Decimal(text)
    except InvalidOperation:
        raise InvalidValueError(field, _("{value} is not a percentage").format(value=shown(value))) from None
    top = 1000 if high is None else high
    if not pct.is_finite() or pct < low or pct > top:
        raise InvalidValueError(
            field,
            _("{value} must be a percentage between {low} and {top}").format(
                value=shown(value), low=low, top=top
            ),
        )
    if pct.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidValueError(field, _("{value} has more than 2 decimal places").format(value=shown(value)))
    if pct > PLAUSIBLE_PCT and not allow:
        raise InvalidValueError(
            field, _("{value}%: over 100%; if that is meant, give --allow").format(value=pct)
        )
    return pct + 0  # '-0' is 0


def parse_headcount(value: int | str, field: str) -> int:
    try:
        count = int(str(value).strip())
    except ValueError:
        raise InvalidValueError(
            field, _("{value} is not a whole number of workers").format(value=shown(value))
        ) from None
    if count < 0 or count > 10_000_000:
        raise InvalidValueError(
            field, _("{value} must be a whole number of workers, 0 or more").format(value=count)
        )
    return count


@attrs.frozen
class WageGroup:
    """One group of the workforce: how many, and last year's average monthly wage."""

    name: str
    headcount: int
    average_wage: Decimal

    @property
    def monthly_payroll(self) -> Decimal:
        return self.headcount * self.average_wage


@attrs.frozen(kw_only=True)
class WageBase:
    """Last year's workforce and pay, in groups, with the on-costs of pay (S2 Art 8 (7)).

    ``region`` and ``year`` name the reference data it is compared with: the local wage
    guideline, minimum wage and CPI for the year the rise is for.
    """

    groups: tuple[WageGroup, ...]
    region: str = ""
    year: int | None = None
    social_insurance_pct: Decimal = Decimal(0)
    housing_fund_pct: Decimal = Decimal(0)
    bonus_months: Decimal = Decimal(0)

    def __attrs_post_init__(self) -> None:
        names = [g.name for g in self.groups]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InvalidValueError("base.group", _("{names} is named twice").format(names=", ".join(twice)))

    def group(self, name: str) -> WageGroup | None:
        return next((g for g in self.groups if g.name == name), None)

    @property
    def headcount(self) -> int:
        return sum(g.headcount for g in self.groups)

    @property
    def on_cost_pct(self) -> Decimal:
        return self.social_insurance_pct + self.housing_fund_pct

    @property
    def months_paid(self) -> Decimal:
        """Months of pay a year: twelve, and the bonus months paid as months of wage."""
        return MONTHS + self.bonus_months

    @property
    def monthly_payroll(self) -> Decimal:
        return sum((g.monthly_payroll for g in self.groups), Decimal(0))

    @property
    def annual_payroll(self) -> Decimal:
        """Last year's wage bill: every month's pay and the bonus months, before on-costs."""
        return self.monthly_payroll * self.months_paid

    def merged(self, other: WageBase, drop: tuple[str, ...] = ()) -> WageBase:
        """This base with ``other``'s groups put in (a group of the same name replaced) and
        ``drop``'s taken out; ``other``'s on-costs, region and year replace these."""
        unknown = [name for name in drop if self.group(name) is None]
        if unknown:
            raise InvalidValueError(
                "base.drop",
                _("{name} is not a group of the wage base ({names})").format(
                    name=unknown[0], names=", ".join(g.name for g in self.groups) or "-"
                ),
            )
        given = {g.name: g for g in other.groups}
        kept = [given.pop(g.name, g) for g in self.groups if g.name not in drop]
        return attrs.evolve(other, groups=(*kept, *given.values()))


def wage_group(name: str, headcount: int | str, wage: str | Decimal) -> WageGroup:
    """A group as typed: a name, a whole number of workers, an amount of money a month."""
    label = clean_name(name, "base.group", max_len=100)
    count = parse_headcount(headcount, "base.headcount")
    average = parse_money(wage, "base.wage")
    return WageGroup(label, count, average)
