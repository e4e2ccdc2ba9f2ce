"""A wage proposal's numbers as typed, checked and made into ``WageTerms``.

Shared by ``negotiation propose`` (the terms tabled) and ``negotiation cost --scenario`` (terms
costed and written nowhere). A group's rise is typed ``GROUP=7%`` or ``GROUP=300元`` (yuan a
month: ``元``, ``yuan`` or ``CNY``); a later year of the term
``--then '5%,一线职工=6%,min=1500,one-off=500'``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from bargaining.errors import InvalidValueError, shown
from domain.i18n import _
from domain.values import WAGE_FACTORS, GroupRaise, WageTerms, YearTerms, clean_name, parse_money
from domain.wage import parse_share

_YUAN = ("元", "yuan", "CNY", "cny", "¥")
_MIN = ("min", "min-wage", "最低工资")
_ONCE = ("one-off", "一次性")


def group_raise(spec: str, field: str, *, allow: bool) -> GroupRaise:
    """``一线职工=7%`` or ``管理人员=300元``: a named group's rise, its unit always said."""
    name, equals, value = unicodedata.normalize("NFKC", spec).partition("=")  # ＝, ７％
    if not equals or not name.strip() or not value.strip():
        raise InvalidValueError(
            field,
            _("{value}: give GROUP=PCT%, or GROUP=AMOUNT元, e.g. 一线职工=7%").format(value=shown(spec)),
        )
    group = clean_name(name, field, max_len=100)
    text = value.strip()
    if text.endswith("%"):
        return GroupRaise(group=group, pct=parse_share(text, field, allow=allow))
    for unit in _YUAN:
        if text.endswith(unit):
            return GroupRaise(group=group, amount=parse_money(text.removesuffix(unit).strip(), field))
    raise InvalidValueError(
        field,
        _(
            "{value}: say the unit: a percentage ends in %, yuan a month in 元 (一线职工=7%; 一线职工=300元)"
        ).format(value=shown(spec)),
    )


def _raises(specs: Sequence[str], field: str, *, allow: bool) -> tuple[GroupRaise, ...]:
    found = [group_raise(s, field, allow=allow) for s in specs]
    names = [r.group for r in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidValueError(field, _("{names} is named twice").format(names=", ".join(twice)))
    return tuple(found)


def later_year(spec: str, field: str, *, allow: bool) -> YearTerms:
    """One ``--then``: comma-separated ``PCT%`` (every group), ``GROUP=…``, ``min=AMOUNT``,
    ``one-off=AMOUNT``."""
    increase: Decimal | None = None
    minimum: Decimal | None = None
    once: Decimal | None = None
    raises: list[str] = []
    said: set[str] = set()
    for part in (p.strip() for p in unicodedata.normalize("NFKC", spec).split(",")):  # ，, ％
        if not part:
            continue
        key, equals, value = part.partition("=")
        typed = key.strip()
        number = "%" if not equals else "min" if typed in _MIN else "one-off" if typed in _ONCE else None
        if number is None:
            raises.append(part)  # a group's rise: _raises refuses a group named twice
            continue
        if number in said:
            raise InvalidValueError(
                field,
                _(
                    "{value}: {part} is given twice for one year; each --then is one year"
                    " (two years: --then 5% --then 6%)"
                ).format(value=shown(spec), part=_("the increase") if number == "%" else typed),
            )
        said.add(number)
        if number == "%":
            increase = parse_share(part, field, allow=allow)
        elif number == "min":
            minimum = parse_money(value, field)
        else:
            once = parse_money(value, field)
    terms = YearTerms(
        increase_pct=increase, raises=_raises(raises, field, allow=allow), minimum_wage=minimum, one_off=once
    )
    if terms == YearTerms():
        raise InvalidValueError(field, _("{value} names no number for the year").format(value=shown(spec)))
    return terms


def wage_terms(
    step: str,
    *,
    increase: str | Decimal | None = None,
    minimum_wage: str | Decimal | None = None,
    effective: date | None = None,
    factors: Sequence[str] = (),
    raises: Sequence[str] = (),
    one_off: str | Decimal | None = None,
    later: Sequence[str] = (),
    allow: bool = False,
) -> WageTerms:
    """The numbers of a wage proposal; errors name ``step.option`` (``propose.raise``)."""
    unknown = [f for f in factors if f not in WAGE_FACTORS]
    if unknown:
        raise InvalidValueError(
            f"{step}.factor",
            _("{value} is not one of: {names}").format(
                value=shown(unknown[0]), names=", ".join(WAGE_FACTORS)
            ),
        )
    return WageTerms(
        increase_pct=None if increase is None else parse_share(increase, f"{step}.increase", allow=allow),
        minimum_wage=None if minimum_wage is None else parse_money(minimum_wage, f"{step}.min-wage"),
        effective_on=effective,
        factors=tuple(factors),
        raises=_raises(raises, f"{step}.raise", allow=allow),
        one_off=None if one_off is None else parse_money(one_off, f"{step}.one-off"),
        later=tuple(later_year(s, f"{step}.then", allow=allow) for s in later),
    )
