"""A negotiation's wage base, and what each side's wage proposal costs on it, round by round.

Computed from the negotiation (and the reference figures) when asked: nothing is stored but
the base, and ``cost`` with a scenario writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from bargaining.errors import InvalidValueError, RuleViolationError
from bargaining.negotiations.reference import ReferenceService, figure_words
from bargaining.negotiations.service import Service
from bargaining.negotiations.terms import wage_terms
from domain.articles import Proposal, order_key
from domain.costing import (
    ROUNDING,
    Costing,
    combined,
    cost,
    fen,
    gap,
    pct,
    real_increase,
    term_months,
    years_of,
)
from domain.i18n import _, ngettext, pgettext
from domain.negotiation import Negotiation
from domain.values import GroupRaise, Side, WageTerms, check_plain_year, clean_name, clean_names
from domain.wage import WageBase, parse_share, wage_group
from domain.wage_reference import POSITION_WORDS, position


def rounding_rule() -> str:
    return _(
        "Money to the fen ({rule}): each group's new average monthly wage is rounded half up, and"
        " its year's wages and on-costs half up for each group and year; every total is the sum of"
        " those, so groups and years add up exactly. Percentages are rounded half up to 0.01 point"
        " when shown."
    ).format(rule=ROUNDING)


class WageService(Service):
    """``negotiation base`` and ``negotiation cost``."""

    def base(
        self,
        reference: str,
        *,
        groups: Sequence[tuple[str, int | str, str | Decimal]] = (),
        drop: Sequence[str] = (),
        region: str | None = None,
        year: int | None = None,
        social_insurance: str | Decimal | None = None,
        housing_fund: str | Decimal | None = None,
        bonus_months: str | Decimal | None = None,
        on: date | None = None,
    ) -> dict[str, Any]:
        """Record the wage base: groups given replace those of the same name, ``drop`` removes
        groups, and what is not given stays as last recorded."""
        day = self._date(on, "base.on")
        given = [wage_group(name, count, wage) for name, count, wage in groups]
        clean_names([g.name for g in given], "base.group")
        gone = tuple(clean_names(list(drop), "base.drop"))
        both = sorted({g.name for g in given} & set(gone))
        if both:
            raise InvalidValueError(
                "base.drop",
                _("{names} is both given and dropped; give one or the other").format(names=", ".join(both)),
            )
        negotiation = self._negotiation(reference, "base")
        old = negotiation.wage_base or WageBase(groups=())
        months = old.bonus_months if bonus_months is None else _months(bonus_months)
        new = WageBase(
            groups=tuple(given),
            region=old.region if region is None else clean_name(region, "base.region", max_len=50),
            year=old.year if year is None else _year(year),
            social_insurance_pct=old.social_insurance_pct
            if social_insurance is None
            else parse_share(social_insurance, "base.social", low=0, high=100),
            housing_fund_pct=old.housing_fund_pct
            if housing_fund is None
            else parse_share(housing_fund, "base.housing", low=0, high=100),
            bonus_months=months,
        )
        merged = old.merged(new, gone)
        if merged == negotiation.wage_base:
            raise RuleViolationError(
                "base",
                _("the wage base already says this; give a group to add or change, --drop, or a new figure"),
            )
        negotiation.record_wage_base(on=day, by=self.actor, base=merged)
        self.app.commit(negotiation)
        row = base_row(negotiation)
        assert row is not None
        return row

    def cost(
        self,
        reference: str,
        *,
        round_no: int | None = None,
        years: int | None = None,
        scenario: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Each side's latest wage position (as of ``round_no``) costed on the base, side by
        side with ``scenario`` (the options of a proposal, costed and written nowhere)."""
        n = self._negotiation(reference, "cost")
        base = n.wage_base
        if base is None:
            raise RuleViolationError(
                "cost",
                _(
                    "no wage base recorded; record one with"
                    " 'negotiation base {ref} --group NAME --headcount N --wage AMOUNT'"
                ).format(ref=n.reference),
            )
        last = n.last_round()
        if round_no is not None and not 1 <= round_no <= max(last, 1):
            raise InvalidValueError(
                "cost.round",
                _("round {round} does not exist (rounds 1-{last})").format(round=round_no, last=last),
            )
        at = round_no or last
        typed = None if scenario is None else wage_terms("cost", **scenario)
        if typed is not None and not typed.has_numbers():
            raise InvalidValueError(
                "cost.scenario",
                _(
                    "the scenario names no number to cost; give --increase, --raise, --min-wage,"
                    " --one-off or --then"
                ),
            )
        tabled = {side: side_position(n, side, at) for side in Side}
        # The term is the tabled positions' alone: a scenario beside them changes none of
        # their figures, and is costed over the same years so that it compares.
        if years is not None and not 1 <= years <= 10:
            raise InvalidValueError("cost.years", _("{n} is not 1 to 10 years").format(n=years))
        months = _term_months(n, [t for _, t in tabled.values()]) if years is None else years * 12
        span = years_of(months)  # years costed, the last a part one when the term ends in it
        figures = ReferenceService(self.app, self.actor, self.today)
        context = _context(figures, base, tabled, typed)
        costed = {
            side: None if t is None else cost(base, t, months=months) for side, (_p, t) in tabled.items()
        }
        positions = [
            _position(side.value, proposals, terms, costing, context)
            for side, (proposals, terms) in tabled.items()
            if terms is not None and (costing := costed[side]) is not None
        ]
        if typed is not None:
            positions.append(_position("scenario", [], typed, cost(base, typed, months=months), context))
        return {
            "reference": n.reference,
            "round": at,
            "years": span,
            "months": months,
            "rounding": rounding_rule(),
            "base": base_row(n),
            "positions": positions,
            "gap": _gap_row(costed[Side.UNION], costed[Side.EMPLOYER]),
            "rounds": rounds_row(n, base, months, at),
            "reference_data": context["data"],
            "warnings": _warnings(base, positions, context)
            + _cut_terms(tabled, typed, span)
            + _stated_twice(tabled)
            + _left_out(base, tabled),
        }


def _cut_terms(
    tabled: Mapping[Side, tuple[list[Proposal], WageTerms | None]], typed: WageTerms | None, span: int
) -> list[str]:
    """A position whose terms name more years than are costed: say which years were left out."""
    named = [(_position_word(side.value), terms) for side, (_proposals, terms) in tabled.items()]
    found = []
    for label, terms in [*named, (_position_word("scenario"), typed)]:
        if terms is not None and len(terms.years) > span:
            found.append(
                ngettext(
                    "{position}: the terms name {n} years; only {span} is costed"
                    " (give --years {n} to cost them all)",
                    "{position}: the terms name {n} years; only {span} are costed"
                    " (give --years {n} to cost them all)",
                    span,
                ).format(position=label, n=len(terms.years), span=span)
            )
    return found


def _stated_twice(tabled: Mapping[Side, tuple[list[Proposal], WageTerms | None]]) -> list[str]:
    """A side whose position takes one number from two articles: only the later is costed."""
    found = []
    for side, (proposals, _terms) in tabled.items():
        stating: dict[str, list[str]] = {}
        for p in proposals:
            assert p.wage is not None
            for number, year in enumerate(p.wage.years, start=1):
                kinds = [
                    *([_("the increase")] if year.increase_pct is not None else []),
                    *([_("the minimum wage")] if year.minimum_wage is not None else []),
                    *([_("the one-off payment")] if year.one_off is not None else []),
                    *(_("{group}'s rise").format(group=r.group) for r in year.raises),
                ]
                for kind in kinds:
                    what = kind if number == 1 else _("year {n}: {number}").format(n=number, number=kind)
                    stating.setdefault(what, []).append(p.article)
        for kind, articles in stating.items():
            if len(articles) > 1:
                found.append(
                    _("{side}: {number} is stated in {articles}; only the last ({last}) is costed").format(
                        side=pgettext("side", side.value),
                        number=kind,
                        articles=_(", ").join(articles),
                        last=articles[-1],
                    )
                )
    return found


def _position_word(position: str) -> str:
    """A position's name as a reader reads it: a side's word, or the scenario's."""
    if position == "scenario":
        return _("scenario (not tabled)")
    return pgettext("side", position)


def _context(
    reference: ReferenceService,
    base: WageBase,
    tabled: Mapping[Side, tuple[list[Proposal], WageTerms | None]],
    typed: WageTerms | None,
) -> dict[str, Any]:
    """The reference figures for the base's region and year (the year the terms apply from
    when the base names none)."""
    year = base.year
    if year is None:
        dates = [t.effective_on for _, t in tabled.values() if t is not None and t.effective_on]
        dates += [typed.effective_on] if typed is not None and typed.effective_on else []
        year = dates[0].year if dates else None
    data: dict[str, Any] = {"region": base.region, "year": year}
    guideline = None
    if base.region and year is not None:
        data.update(reference.show(region=base.region, year=year))
        guideline = reference.guideline_lines(base.region, year)
    else:
        data.update({"guideline": None, "minimum_wage": None, "cpi": None})
    return {"data": data, "guideline": guideline}


def _months(value: str | Decimal) -> Decimal:
    text = str(value).strip()
    try:
        months = Decimal(text)
    except ArithmeticError:
        months = Decimal(-1)
    if not months.is_finite() or not 0 <= months <= 12 or months.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidValueError("base.bonus-months", _("{value} is not 0 to 12 months").format(value=text))
    return months + 0


def _year(value: int) -> int:
    return check_plain_year(value, "base.year")


def _term_months(n: Negotiation, terms: list[WageTerms | None]) -> int:
    """The contract's term in months once signed, else 12 for each year the longest position
    names."""
    if n.term is not None:
        return term_months(n.term.start, n.term.end)
    return 12 * max([len(t.years) for t in terms if t is not None] or [1])


def side_position(n: Negotiation, side: Side, round_no: int) -> tuple[list[Proposal], WageTerms | None]:
    """A side's wage position at the end of ``round_no``: on each article with wage numbers,
    the text agreed by then, else that side's latest proposal still on the table."""
    chosen: list[Proposal] = []
    for article in n.article_order:
        agreed = n.agreements.get(article)
        if agreed is not None and agreed.round <= round_no:
            proposal = n.proposals[agreed.proposal_id]
            if proposal.wage is not None and proposal.wage.has_numbers():
                chosen.append(proposal)
            continue
        own = [
            p
            for p in n.article_proposals(article)
            if p.side is side and p.live_at(round_no) and p.wage is not None and p.wage.has_numbers()
        ]
        if own:
            chosen.append(max(own, key=order_key))
    terms = combined(p.wage for p in chosen if p.wage is not None)
    return chosen, None if terms is None or n.wage_base is None else in_base(n.wage_base, terms)


def in_base(base: WageBase, terms: WageTerms) -> WageTerms | None:
    """The terms without the rises of groups the base no longer has (dropped since they were
    tabled: ``_left_out`` says so); None if nothing is left to cost."""

    def kept(rises: tuple[GroupRaise, ...]) -> tuple[GroupRaise, ...]:
        return tuple(r for r in rises if base.group(r.group) is not None)

    trimmed = attrs.evolve(
        terms,
        raises=kept(terms.raises),
        later=tuple(attrs.evolve(y, raises=kept(y.raises)) for y in terms.later),
    )
    return trimmed if trimmed.has_numbers() else None


def _left_out(base: WageBase, tabled: Mapping[Side, tuple[list[Proposal], WageTerms | None]]) -> list[str]:
    """Rises tabled for a group the base no longer has: not costed, and said so."""
    found = []
    for proposals, _terms in tabled.values():
        for p in proposals:
            assert p.wage is not None
            gone = sorted({r.group for y in p.wage.years for r in y.raises if base.group(r.group) is None})
            found += [
                _(
                    "{group} is not in the wage base now: the rise {proposal} tables for it is not costed"
                ).format(group=g, proposal=p.id)
                for g in gone
            ]
    return found


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(fen(value))


def costing_row(c: Costing) -> dict[str, Any]:
    """A costing as plain data: the first year, the term, and every group and year."""
    return {
        "increase_pct": pct(c.increase_pct),
        "monthly": _money(c.monthly(1)),
        "this_year": {
            "wages": _money(c.wages(1)),
            "on_costs": _money(c.on_costs(1)),
            "one_off": _money(c.one_off(1)),
            "total": _money(c.total(1)),
        },
        "term": {"years": c.years, "months": c.months, "total": _money(c.total())},
        "per_worker": _money(c.per_worker),
        "payroll_pct": pct(c.payroll_pct),
        "floor": {"lifted": c.lifted(1), "monthly": _money(c.floor_monthly(1))},
        "groups": [
            {
                "group": r.group,
                "year": r.year,
                "headcount": r.headcount,
                "base_wage": _money(r.base_wage),
                "wage": _money(r.wage),
                "lifted": r.lifted,
                "added_monthly": _money(r.added_monthly),
                "wages": _money(r.wages),
                "on_costs": _money(r.on_costs),
                "one_off": _money(r.one_off),
                "total": _money(r.total),
            }
            for r in c.rows
        ],
    }


def _position(
    label: str,
    proposals: list[Proposal],
    terms: WageTerms,
    costing: Costing,
    context: dict[str, Any],
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "position": label,
        "proposals": [p.id for p in proposals],
        "round": max((p.round for p in proposals), default=None),
        "minimum_wage": _money(terms.minimum_wage),
        **costing_row(costing),
        "guideline": None,
        "real_increase_pct": None,
    }
    lines, cpi = context["guideline"], context["data"]["cpi"]
    if lines is not None and costing.increase_pct is not None:
        # Compared as shown, to 0.01 point: a 16% rise whose fen-rounded wages make it
        # 15.9999% is at a 16% line, as the figure beside it says.
        where = position(fen(costing.increase_pct), lines)
        row["guideline"] = {"position": where.value, "words": _(POSITION_WORDS[where])}
    if cpi is not None and costing.increase_pct is not None:
        row["real_increase_pct"] = pct(real_increase(costing.increase_pct, Decimal(cpi["change_pct"])))
    return row


def _gap_row(union: Costing | None, employer: Costing | None) -> dict[str, Any] | None:
    """The union's position less the employer's: this year's and the term's cost, and the
    points between the exact increases (rounded once, as the rounds' table rounds them)."""
    if union is None or employer is None:
        return None
    between = gap(union, employer)
    return {
        "yuan": str(between.yuan),
        "term_yuan": str(union.total() - employer.total()),
        "points": pct(between.points),
    }


def rounds_row(n: Negotiation, base: WageBase, months: int, last: int) -> list[dict[str, Any]]:
    """Round by round, each side's position and the gap between them: how it narrowed."""
    rows = []
    for number in range(1, last + 1):
        costed = {}
        for side in Side:
            _proposals, terms = side_position(n, side, number)
            costed[side] = None if terms is None else cost(base, terms, months=months)
        union, employer = costed[Side.UNION], costed[Side.EMPLOYER]
        between = None if union is None or employer is None else gap(union, employer)
        rows.append(
            {
                "round": number,
                "union_pct": None if union is None else pct(union.increase_pct),
                "employer_pct": None if employer is None else pct(employer.increase_pct),
                "gap_points": None if between is None else pct(between.points),
                "gap_yuan": None if between is None else str(between.yuan),
            }
        )
    return rows


def _warnings(base: WageBase, positions: list[dict[str, Any]], context: dict[str, Any]) -> list[str]:
    data = context["data"]
    found = []
    where = f"{data['region'] or '?'} {data['year'] or '?'}"
    if not base.region or data["year"] is None:
        found.append(_("the wage base names no region or year (--region, --year): nothing to compare with"))
    else:
        for kind, command, word in figure_words():
            if data[kind] is None:
                found.append(
                    _("no {kind} recorded for {where} ('bargaining reference {command}')").format(
                        kind=word, where=where, command=command
                    )
                )
    statutory = data["minimum_wage"]
    if statutory is not None:
        floor = Decimal(statutory["monthly"])
        for group in base.groups:
            if group.average_wage < floor:
                found.append(
                    _(
                        "{group}'s average wage {wage} is below the statutory minimum wage {floor} ({source})"
                    ).format(
                        group=group.name, wage=group.average_wage, floor=floor, source=statutory["source"]
                    )
                )
        for p in positions:
            if p["minimum_wage"] is not None and Decimal(p["minimum_wage"]) < floor:
                found.append(
                    _("the {position} floor {amount} is below the statutory minimum wage {floor}").format(
                        position=_position_word(p["position"]), amount=p["minimum_wage"], floor=floor
                    )
                )
    return found


def base_row(n: Negotiation) -> dict[str, Any] | None:
    base = n.wage_base
    if base is None:
        return None
    return {
        "region": base.region,
        "year": base.year,
        "headcount": base.headcount,
        "monthly_payroll": str(base.monthly_payroll),
        "annual_payroll": str(fen(base.annual_payroll)),
        "social_insurance_pct": str(base.social_insurance_pct),
        "housing_fund_pct": str(base.housing_fund_pct),
        "bonus_months": str(base.bonus_months),
        "groups": [
            {"group": g.name, "headcount": g.headcount, "average_wage": str(g.average_wage)}
            for g in base.groups
        ],
    }


def agreed_costing(n: Negotiation, reference: ReferenceService) -> dict[str, Any] | None:
    """The agreed wage terms costed on the base for the contract's term, with the guideline,
    minimum wage and CPI they were weighed against and their sources: what the wage
    agreement's explanation (S2 Art 21) states. None without a base or agreed numbers."""
    base = n.wage_base
    terms = combined(
        p.wage
        for article in n.article_order
        if (agreed := n.agreements.get(article)) is not None
        and (p := n.proposals[agreed.proposal_id]).wage is not None
    )
    if base is None or terms is None:
        return None
    terms = in_base(base, terms)
    if terms is None:
        return None
    months = _term_months(n, [terms])
    tabled: dict[Side, tuple[list[Proposal], WageTerms | None]] = {side: ([], terms) for side in Side}
    context = _context(reference, base, tabled, None)
    row = _position("agreed", [], terms, cost(base, terms, months=months), context)
    lines = context["guideline"]
    return {
        **row,
        "base": base_row(n),
        "reference_data": context["data"],
        "guideline_lines": None
        if lines is None
        else {"base": str(lines.base), "upper": str(lines.upper), "lower": str(lines.lower)},
        "rounding": ROUNDING,
    }
