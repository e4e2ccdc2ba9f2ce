"""Reference data for wage talks: wage guidelines, minimum wages and CPI by region and year.

Each figure is recorded with its source, as an event of the jurisdiction's ``WageReference``
record (``domain.wage_reference``). ``SHIPPED`` holds the few figures the project ships, each
with where it was read; the demo records them, and ``reference shipped --record`` does for a
store of one's own. What could not be confirmed in a readable source is not shipped: the
Guangzhou 2011 wage guideline's lines were not found, so the demo's negotiation shows none.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bargaining.errors import InvalidValueError, shown
from bargaining.negotiations.service import Service
from domain.i18n import _
from domain.values import check_plain_year, clean_name, clean_text, parse_money
from domain.wage import parse_share
from domain.wage_reference import Guideline, WageReference, reference_id

JURISDICTION = "PRC"

# (kind, region, year, figures, source): every one read in the source named.
SHIPPED: tuple[tuple[str, str, int, dict[str, str], str], ...] = (
    (
        "guideline",
        "安徽",
        2008,
        {"base": "12", "upper": "16", "lower": "0"},
        "安徽省2008年企业工资指导线（依《安徽省企业工资指导线试行办法》劳社字〔2000〕66号发布）："
        "基准线12%，上线16%（预警线），下线零增长",
    ),
    (
        "guideline",
        "四川",
        2012,
        {"base": "13", "upper": "20", "lower": "5"},
        "四川省2012年企业工资指导线：基准线13%，上线20%，下线5%（fsou.com 166295，人社部函〔2012〕8号）",
    ),
    (
        "minimum-wage",
        "广州",
        2011,
        {"monthly": "1300", "effective_on": "2011-03-01"},
        "广东省人民政府《关于调整我省企业职工最低工资标准的通知》（粤府函〔2011〕15号）：一类地区（广州）"
        "1300元/月，2011年3月1日起（www.sbyjz.com/9945.html 转载全文）",
    ),
    (
        "cpi",
        "广州",
        2011,
        {"change_pct": "5.5"},
        "广州市统计局、国家统计局广州调查队《2011年广州市国民经济和社会发展统计公报》（2012年3月13日）："
        "城市居民消费价格总指数105.5（xiaomonv0755.com/tjgb/19gd/24160.html 转载全文）",
    ),
)


# A year's CPI has moved less than this in every region and year the tool is for; a larger
# "change" is almost always the index (上年=100) typed as the change: 99.2 for -0.8.
CPI_PLAUSIBLE_CHANGE = Decimal(50)


def cpi_change(change: str | Decimal | None, index: str | Decimal | None, field: str) -> Decimal:
    """The % change on the year before, from the change or from the index (上年=100)."""
    if change is not None and index is not None:
        raise InvalidValueError(field, _("give --change or --index, not both"))
    if change is None and index is None:
        raise InvalidValueError(field, _("give --change (the change in %) or --index (上年=100)"))
    if index is not None:
        level = parse_share(index, field, allow=True, low=0)
        if not CPI_PLAUSIBLE_CHANGE <= level <= 100 + CPI_PLAUSIBLE_CHANGE:
            words = _("an index of {index} on the year before (上年=100) must be between {low} and {high}")
            low, high = 100 - CPI_PLAUSIBLE_CHANGE, 100 + CPI_PLAUSIBLE_CHANGE
            raise InvalidValueError(field, words.format(index=level, low=low, high=high))
        return level - 100
    pct = parse_share(change, field, allow=True)  # type: ignore[arg-type]
    if abs(pct) > CPI_PLAUSIBLE_CHANGE:
        raise InvalidValueError(
            field,
            _(
                "a yearly change of {change}%: no price level moves that much;"
                " an index (上年=100) goes in --index {change}"
            ).format(change=pct),
        )
    return pct


def figure_words() -> tuple[tuple[str, str, str], ...]:
    """Each kind of reference figure: its key in a row of ``show``, its command, its words."""
    return (
        ("guideline", "guideline", _("wage guideline")),
        ("minimum_wage", "minimum-wage", _("minimum wage")),
        ("cpi", "cpi", _("CPI")),
    )


def _region(value: str, field: str) -> str:
    return clean_name(value, field, max_len=50)


def _year(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(field, _("{value} is not a year").format(value=shown(value)))
    return check_plain_year(value, field)


def _source(value: str, field: str) -> str:
    return clean_text(value, field, max_len=2_000)


class ReferenceService(Service):
    """Record and read the reference figures; every write is one event on one record."""

    def _book(self) -> WageReference | None:
        if reference_id(JURISDICTION) not in self.app.repository:
            return None
        book: WageReference = self.app.repository.get(reference_id(JURISDICTION))
        return book

    def _record(self, step: str, on: date | None, command: Any) -> None:
        day = self._date(on, f"reference.{step}.on")
        book = self._book() or WageReference(reference=JURISDICTION, on=day, by=self.actor)
        command(book, day)
        self.app.commit(book)

    def guideline(
        self,
        *,
        region: str,
        year: int,
        base: str | Decimal,
        upper: str | Decimal,
        lower: str | Decimal,
        source: str,
        on: date | None = None,
    ) -> dict[str, Any]:
        """Record a region's wage guideline for a year: base, upper (warning) and lower lines, in %."""
        place, when = _region(region, "reference.region"), _year(year, "reference.year")
        lines = Guideline(
            base=parse_share(base, "reference.base"),
            upper=parse_share(upper, "reference.upper"),
            lower=parse_share(lower, "reference.lower"),
        )
        text = _source(source, "reference.source")
        self._record(
            "guideline",
            on,
            lambda b, day: b.record_guideline(
                on=day, by=self.actor, region=place, year=when, lines=lines, source=text
            ),
        )
        return self.show(region=place, year=when)

    def minimum_wage(
        self,
        *,
        region: str,
        year: int,
        monthly: str | Decimal,
        source: str,
        effective: date | None = None,
        on: date | None = None,
    ) -> dict[str, Any]:
        """Record a region's statutory monthly minimum wage in force in a year."""
        place, when = _region(region, "reference.region"), _year(year, "reference.year")
        amount = parse_money(monthly, "reference.monthly")
        if amount == 0:
            raise InvalidValueError("reference.monthly", _("a minimum wage of 0 is not a minimum wage"))
        text = _source(source, "reference.source")
        self._record(
            "minimum-wage",
            on,
            lambda b, day: b.record_minimum_wage(
                on=day,
                by=self.actor,
                region=place,
                year=when,
                monthly=amount,
                effective_on=effective,
                source=text,
            ),
        )
        return self.show(region=place, year=when)

    def cpi(
        self,
        *,
        region: str,
        year: int,
        source: str,
        change: str | Decimal | None = None,
        index: str | Decimal | None = None,
        on: date | None = None,
    ) -> dict[str, Any]:
        """Record a region's consumer price index for a year, as the % change on the year before:
        ``change`` itself (5.5, -0.8), or the ``index`` statistics bulletins print (上年=100:
        105.5, 99.2)."""
        place, when = _region(region, "reference.region"), _year(year, "reference.year")
        pct = cpi_change(change, index, "reference.cpi")
        text = _source(source, "reference.source")
        self._record(
            "cpi",
            on,
            lambda b, day: b.record_cpi(
                on=day, by=self.actor, region=place, year=when, change_pct=pct, source=text
            ),
        )
        return self.show(region=place, year=when)

    def shipped(self) -> list[dict[str, Any]]:
        """The figures the program ships, as rows (recorded or not)."""
        return [
            {"kind": kind, "region": region, "year": year, **figures, "source": source}
            for kind, region, year, figures, source in SHIPPED
        ]

    def record_shipped(self) -> list[dict[str, Any]]:
        """Record the shipped figures the store does not yet hold as shipped; return those recorded."""
        recorded = []
        for kind, region, year, figures, source in SHIPPED:
            held = self.lookup(kind, region, year)
            if held is not None and held["source"] == source:
                continue
            if kind == "guideline":
                self.guideline(
                    region=region,
                    year=year,
                    base=figures["base"],
                    upper=figures["upper"],
                    lower=figures["lower"],
                    source=source,
                )
            elif kind == "minimum-wage":
                self.minimum_wage(
                    region=region,
                    year=year,
                    monthly=figures["monthly"],
                    effective=date.fromisoformat(figures["effective_on"]),
                    source=source,
                )
            else:
                self.cpi(region=region, year=year, change=figures["change_pct"], source=source)
            recorded.append({"kind": kind, "region": region, "year": year, **figures, "source": source})
        return recorded

    def lookup(self, kind: str, region: str, year: int) -> dict[str, Any] | None:
        """One figure in effect, as a plain row, or None."""
        book = self._book()
        found = None if book is None else book.figure(kind, region, year)
        return None if found is None else _row(found)

    def guideline_lines(self, region: str, year: int) -> Guideline | None:
        book = self._book()
        return None if book is None else book.guideline(region, year)

    def list(self, *, region: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        """Every figure in effect, by region, year and kind."""
        book = self._book()
        if book is None:
            return []
        rows = [_row(f) for figures in book.figures.values() for f in figures.values()]
        rows = [
            r
            for r in rows
            if (region is None or r["region"] == region) and (year is None or r["year"] == year)
        ]
        order = {"guideline": 0, "minimum-wage": 1, "cpi": 2}
        return sorted(rows, key=lambda r: (r["region"], r["year"], order[r["kind"]]))

    def show(self, *, region: str, year: int) -> dict[str, Any]:
        """The figures of one region and year: guideline, minimum wage and CPI (None where not recorded)."""
        place = _region(region, "reference.region")
        return {
            "region": place,
            "year": year,
            "guideline": self.lookup("guideline", place, year),
            "minimum_wage": self.lookup("minimum-wage", place, year),
            "cpi": self.lookup("cpi", place, year),
        }


def _row(figure: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v.isoformat() if isinstance(v, date) else str(v) if isinstance(v, Decimal) else v
        for k, v in figure.items()
    }
