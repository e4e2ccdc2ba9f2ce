"""Reference data for wage talks, per region and year, each figure with its source.

The local government's wage guideline (工资指导线: a base line, an upper or warning line and a
lower line, S2 Art 8 (3)), the statutory minimum wage (Labour Contract Law Art 55) and the
consumer price index (S2 Art 8 (4)). One ``WageReference`` record per jurisdiction holds
them as events of their own; a figure recorded again for the same region and year replaces
the one before, which stays in the history.

Comparing a rise with a guideline is inclusive, as PRC drafting reads 以上 and 以下 (Civil
Code Art 1259: they include the number itself): a rise equal to the upper line is *at* the
warning line, not below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

import attrs
from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidValueError
from domain.i18n import N_, _


def reference_id(jurisdiction: str) -> UUID:
    """The one reference-data record of a jurisdiction ('PRC')."""
    return uuid5(NAMESPACE_URL, f"/wage-reference/{jurisdiction}")


@attrs.frozen(kw_only=True)
class Guideline:
    """A wage guideline's three lines, in percent of average money wage growth."""

    base: Decimal
    upper: Decimal
    lower: Decimal

    def __attrs_post_init__(self) -> None:
        if not self.lower <= self.base <= self.upper:
            raise InvalidValueError(
                "reference.base",
                _("the lines must rise lower {lower} <= base {base} <= upper {upper}").format(
                    lower=self.lower, base=self.base, upper=self.upper
                ),
            )


class Position(Enum):
    """Where a rise stands against a guideline: each line included in the band it opens."""

    ABOVE_UPPER = "above the upper line"
    AT_UPPER = "at the upper line"
    BASE_TO_UPPER = "between the base and upper lines"
    AT_BASE = "at the base line"
    LOWER_TO_BASE = "between the lower and base lines"
    AT_LOWER = "at the lower line"
    BELOW_LOWER = "below the lower line"


POSITION_WORDS: dict[Position, str] = {
    Position.ABOVE_UPPER: N_("above the upper (warning) line"),
    Position.AT_UPPER: N_("at the upper (warning) line"),
    Position.BASE_TO_UPPER: N_("between the base and the upper (warning) line"),
    Position.AT_BASE: N_("at the base line"),
    Position.LOWER_TO_BASE: N_("between the lower and the base line"),
    Position.AT_LOWER: N_("at the lower line"),
    Position.BELOW_LOWER: N_("below the lower line"),
}


def position(increase_pct: Decimal, guideline: Guideline) -> Position:  # noqa: PLR0911 - one per band
    """Where ``increase_pct`` stands: a line reached is a line met (以上 includes the number)."""
    if increase_pct > guideline.upper:
        return Position.ABOVE_UPPER
    if increase_pct == guideline.upper:
        return Position.AT_UPPER
    if increase_pct > guideline.base:
        return Position.BASE_TO_UPPER
    if increase_pct == guideline.base:
        return Position.AT_BASE
    if increase_pct > guideline.lower:
        return Position.LOWER_TO_BASE
    if increase_pct == guideline.lower:
        return Position.AT_LOWER
    return Position.BELOW_LOWER


def figure_key(region: str, year: int) -> str:
    return f"{region}/{year}"


class WageReference(Aggregate):
    """The reference figures of one jurisdiction, by region and year."""

    class Event(Aggregate.Event):
        on: date
        by: str

    class Started(Event, Aggregate.Created):
        reference: str

    class GuidelineRecorded(Event):
        region: str
        year: int
        base: Decimal
        upper: Decimal
        lower: Decimal
        source: str

    class MinimumWageRecorded(Event):
        region: str
        year: int
        monthly: Decimal
        effective_on: date | None
        source: str

    class CpiRecorded(Event):
        region: str
        year: int
        change_pct: Decimal
        source: str

    KINDS: ClassVar[Mapping[str, str]] = {
        "GuidelineRecorded": "guideline",
        "MinimumWageRecorded": "minimum-wage",
        "CpiRecorded": "cpi",
    }

    @staticmethod
    def create_id(reference: str) -> UUID:
        return reference_id(reference)

    @event(Started)
    def __init__(self, reference: str, on: date, by: str) -> None:
        self.reference = reference
        # By kind, then "region/year": the figure in effect, as a plain row with its source.
        self.figures: dict[str, dict[str, dict[str, Any]]] = {"guideline": {}, "minimum-wage": {}, "cpi": {}}

    def figure(self, kind: str, region: str, year: int) -> dict[str, Any] | None:
        return self.figures[kind].get(figure_key(region, year))

    def guideline(self, region: str, year: int) -> Guideline | None:
        row = self.figure("guideline", region, year)
        if row is None:
            return None
        return Guideline(base=row["base"], upper=row["upper"], lower=row["lower"])

    def record_guideline(
        self, *, on: date, by: str, region: str, year: int, lines: Guideline, source: str
    ) -> None:
        self._guideline_recorded(
            on=on,
            by=by,
            region=region,
            year=year,
            base=lines.base,
            upper=lines.upper,
            lower=lines.lower,
            source=source,
        )

    @event(GuidelineRecorded)
    def _guideline_recorded(
        self,
        on: date,
        by: str,
        region: str,
        year: int,
        base: Decimal,
        upper: Decimal,
        lower: Decimal,
        source: str,
    ) -> None:
        self._keep("guideline", region, year, on, by, source, base=base, upper=upper, lower=lower)

    def record_minimum_wage(
        self,
        *,
        on: date,
        by: str,
        region: str,
        year: int,
        monthly: Decimal,
        effective_on: date | None,
        source: str,
    ) -> None:
        self._minimum_wage_recorded(
            on=on, by=by, region=region, year=year, monthly=monthly, effective_on=effective_on, source=source
        )

    @event(MinimumWageRecorded)
    def _minimum_wage_recorded(
        self,
        on: date,
        by: str,
        region: str,
        year: int,
        monthly: Decimal,
        effective_on: date | None,
        source: str,
    ) -> None:
        self._keep("minimum-wage", region, year, on, by, source, monthly=monthly, effective_on=effective_on)

    def record_cpi(
        self, *, on: date, by: str, region: str, year: int, change_pct: Decimal, source: str
    ) -> None:
        self._cpi_recorded(on=on, by=by, region=region, year=year, change_pct=change_pct, source=source)

    @event(CpiRecorded)
    def _cpi_recorded(
        self, on: date, by: str, region: str, year: int, change_pct: Decimal, source: str
    ) -> None:
        self._keep("cpi", region, year, on, by, source, change_pct=change_pct)

    def _keep(self, kind: str, region: str, year: int, on: date, by: str, source: str, **values: Any) -> None:
        """Not an event method: the one place the three events' mutators put a figure."""
        self.figures[kind][figure_key(region, year)] = {
            "kind": kind,
            "region": region,
            "year": year,
            **values,
            "source": source,
            "on": on,
            "by": by,
        }
