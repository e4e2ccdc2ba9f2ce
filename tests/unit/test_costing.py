"""What a wage proposal costs: hand-worked examples, the rules as properties, the guideline lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.store.transcodings import WageTermsAsDict
from domain.costing import combined, cost, gap, pct, real_increase, term_months
from domain.errors import InvalidValueError
from domain.values import GroupRaise, WageTerms, YearTerms
from domain.wage import WageBase, WageGroup, parse_share
from domain.wage_reference import Guideline, Position, position

D = Decimal
ZERO = D(0)


def base_of(
    *groups: tuple[str, int, str],
    social_insurance_pct: Decimal = ZERO,
    housing_fund_pct: Decimal = ZERO,
    bonus_months: Decimal = ZERO,
) -> WageBase:
    return WageBase(
        groups=tuple(WageGroup(n, c, D(w)) for n, c, w in groups),
        social_insurance_pct=social_insurance_pct,
        housing_fund_pct=housing_fund_pct,
        bonus_months=bonus_months,
    )


def test_a_six_percent_rise_on_137_workers_at_3200() -> None:
    """3,200.00 x 6% = 192.00 a worker a month; x 137 workers = 26,304.00 a month;
    x 12 months = 315,648.00 a year, before on-costs (no bonus months, no on-costs here)."""
    costing = cost(base_of(("一线职工", 137, "3200")), WageTerms(increase_pct=D(6)))
    assert costing.monthly(1) == D("26304.00")
    assert costing.wages(1) == D("315648.00")
    assert costing.total(1) == D("315648.00")
    assert pct(costing.increase_pct) == "6.00"


def test_a_floor_lifting_12_workers_from_1300_to_1400_adds_1200_a_month() -> None:
    """12 workers x (1,400.00 - 1,300.00) = 1,200.00 a month; the 50 at 3,000 are above it."""
    base = base_of(("见习员工", 12, "1300"), ("一线职工", 50, "3000"))
    costing = cost(base, WageTerms(minimum_wage=D(1400)))
    assert (costing.floor_monthly(1), costing.lifted(1), costing.monthly(1)) == (
        D("1200.00"),
        12,
        D("1200.00"),
    )


def test_on_costs_bonus_months_one_off_and_a_second_year() -> None:
    """One group of 10 at 2,000.00. Year 1: +5% = 2,100.00, 100.00 x 10 = 1,000.00 a month;
    x 13 months (one bonus month) = 13,000.00; on-costs 30% = 3,900.00; one-off 500.00 x 10 =
    5,000.00; total 21,900.00. Year 2: +10% on 2,100.00 = 2,310.00, 310.00 above last year's
    x 10 x 13 = 40,300.00; on-costs 12,090.00; total 52,390.00. Term: 74,290.00."""
    base = base_of(("全员", 10, "2000"), social_insurance_pct=D(25), housing_fund_pct=D(5), bonus_months=D(1))
    terms = WageTerms(increase_pct=D(5), one_off=D(500), later=(YearTerms(increase_pct=D(10)),))
    c = cost(base, terms)
    assert (c.wages(1), c.on_costs(1), c.one_off(1), c.total(1)) == (
        D("13000.00"),
        D("3900.00"),
        D("5000.00"),
        D("21900.00"),
    )
    assert (c.years, c.total(2), c.total()) == (2, D("52390.00"), D("74290.00"))


def test_a_group_of_its_own_gets_its_rise_and_the_rest_the_general_one() -> None:
    """一线职工 100 x 3,000 x 7% = 21,000.00; 管理人员 20 x 5,000 x 6% = 6,000.00;
    a month 27,000.00 on a payroll of 400,000.00 = 6.75%."""
    base = base_of(("一线职工", 100, "3000"), ("管理人员", 20, "5000"))
    terms = WageTerms(increase_pct=D(6), raises=(GroupRaise(group="一线职工", pct=D(7)),))
    c = cost(base, terms)
    assert c.monthly(1) == D("27000.00")
    assert pct(c.increase_pct) == "6.75"


def test_the_new_wage_is_rounded_half_up_to_the_fen() -> None:
    """1,234.56 x 1.035 = 1,277.7696 -> 1,277.77 (half up); 1,000.05 x 1.5% = 15.00075 ->
    1,015.05075 -> 1,015.05."""
    one = cost(base_of(("a", 1, "1234.56")), WageTerms(increase_pct=D("3.5")))
    two = cost(base_of(("a", 1, "1000.05")), WageTerms(increase_pct=D("1.5")))
    assert one.rows[0].wage == D("1277.77")
    assert two.rows[0].wage == D("1015.05")
    half = cost(base_of(("a", 1, "100.10")), WageTerms(increase_pct=D("0.5")))  # 100.6005 -> 100.60
    assert half.rows[0].wage == D("100.60")
    up = cost(base_of(("a", 1, "100.90")), WageTerms(increase_pct=D("0.5")))  # 101.4045 -> 101.40
    assert up.rows[0].wage == D("101.40")
    exactly_half = cost(base_of(("a", 1, "1.00")), WageTerms(increase_pct=D("0.5")))  # 1.005 -> 1.01
    assert exactly_half.rows[0].wage == D("1.01")


def test_a_rise_for_a_group_the_base_does_not_have_is_refused() -> None:
    base = base_of(("一线职工", 10, "3000"))
    with pytest.raises(InvalidValueError) as error:
        cost(base, WageTerms(raises=(GroupRaise(group="后勤", pct=D(5)),)))
    assert error.value.field == "cost.raise"
    assert "后勤 is not a group of the wage base (一线职工)" in error.value.rule


def test_sixteen_percent_is_at_anhui_2008s_upper_warning_line() -> None:
    """Anhui 2008: base 12, upper 16, lower 0. 以上 includes the number (Civil Code Art 1259):
    16% is at the upper (warning) line, not below it; 16.01% is above it; 12% is at the base."""
    anhui = Guideline(base=D(12), upper=D(16), lower=D(0))
    assert position(D(16), anhui) is Position.AT_UPPER
    assert position(D("16.01"), anhui) is Position.ABOVE_UPPER
    assert position(D("15.99"), anhui) is Position.BASE_TO_UPPER
    assert position(D(12), anhui) is Position.AT_BASE
    assert position(D(0), anhui) is Position.AT_LOWER
    assert position(D(-1), anhui) is Position.BELOW_LOWER


def test_lines_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="lower 5 <= base 4 <= upper 19"):
        Guideline(base=D(4), upper=D(19), lower=D(5))


def test_the_real_increase_takes_the_cpi_out() -> None:
    """(1.0662 / 1.055 - 1) x 100 = 1.0616... -> 1.06."""
    assert pct(real_increase(D("6.62"), D("5.5"))) == "1.06"


def test_a_share_over_100_needs_allow() -> None:
    with pytest.raises(InvalidValueError, match="150%: over 100%; if that is meant, give --allow"):
        parse_share("150", "propose.increase")
    assert parse_share("150", "propose.increase", allow=True) == D(150)


def test_terms_recorded_before_group_rises_existed_still_read() -> None:
    """An event stored by the earlier WageTerms has none of the new keys: it reads as none."""
    old = {
        "increase_pct": D(8),
        "minimum_wage": None,
        "currency": "CNY",
        "effective_on": None,
        "factors": ["cpi"],
    }
    terms = WageTermsAsDict().decode(old)
    assert terms == WageTerms(increase_pct=D(8), factors=("cpi",))
    again = WageTermsAsDict().decode(WageTermsAsDict().encode(attrs.evolve(terms, one_off=D(300))))
    assert again.one_off == D(300)


def test_articles_combine_into_one_position() -> None:
    rise = WageTerms(increase_pct=D(6))
    floor = WageTerms(minimum_wage=D(1400))
    assert combined([rise, WageTerms(), floor]) == WageTerms(increase_pct=D(6), minimum_wage=D(1400))


def test_each_articles_later_years_are_kept_when_another_article_names_other_numbers() -> None:
    """Article 1: 6%, then 5%; article 2: a floor of 1,400, then 1,500. On 137 at 3,200 and 10
    at 1,300 (no on-costs). Year 1: 3,392.00 (+192.00 x 137 = 26,304.00) and 1,378.00 lifted to
    1,400.00 (+100.00 x 10 = 1,000.00): 27,304.00 x 12 = 327,648.00. Year 2: 3,392.00 x 1.05 =
    3,561.60 (+361.60 x 137 = 49,539.20) and 1,400.00 x 1.05 = 1,470.00 lifted to 1,500.00
    (+200.00 x 10 = 2,000.00): 51,539.20 x 12 = 618,470.40. The term: 946,118.40."""
    rise = WageTerms(increase_pct=D(6), later=(YearTerms(increase_pct=D(5)),))
    floor = WageTerms(minimum_wage=D(1400), later=(YearTerms(minimum_wage=D(1500)),))
    both = combined([rise, floor])
    assert both == WageTerms(
        increase_pct=D(6), minimum_wage=D(1400), later=(YearTerms(increase_pct=D(5), minimum_wage=D(1500)),)
    )
    costing = cost(base_of(("一线职工", 137, "3200"), ("见习员工", 10, "1300")), both)
    assert (costing.total(1), costing.total(2), costing.total()) == (
        D("327648.00"),
        D("618470.40"),
        D("946118.40"),
    )


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2024-02-01", "2026-07-31", 30),
        ("2024-02-01", "2025-07-31", 18),
        ("2024-02-15", "2025-02-14", 12),
        ("2011-07-01", "2014-06-30", 36),
        ("2024-01-31", "2024-02-29", 1),
        ("2024-01-01", "2024-07-14", 6),  # 6 months and 14 days
        ("2024-01-01", "2024-07-15", 7),  # 6 months and 15 days
    ],
)
def test_a_terms_months_count_a_part_month_of_half_a_month_or_more(start: str, end: str, months: int) -> None:
    assert term_months(date.fromisoformat(start), date.fromisoformat(end)) == months


def test_a_term_of_18_months_costs_its_second_year_for_six_months() -> None:
    """+600.00 a month for one worker. No bonus: 12 x 600.00 + 6 x 600.00 = 10,800.00, not the
    14,400.00 of two whole years. One bonus month: 13 x 600.00 = 7,800.00, then the bonus in
    proportion, 13 x 6/12 = 6.5 months x 600.00 = 3,900.00: 11,700.00."""
    terms = WageTerms(raises=(GroupRaise(group="甲", amount=D(600)),))
    plain = cost(base_of(("甲", 1, "3000")), terms, months=18)
    assert (plain.years, plain.months, plain.total(1), plain.total(2), plain.total()) == (
        2,
        18,
        D("7200.00"),
        D("3600.00"),
        D("10800.00"),
    )
    bonus = cost(base_of(("甲", 1, "3000"), bonus_months=D(1)), terms, months=18)
    assert bonus.total() == D("11700.00")
    assert (
        cost(base_of(("甲", 1, "3000")), terms, months=24).total()
        == cost(base_of(("甲", 1, "3000")), terms, 2).total()
    )


def test_the_gap_in_points_is_between_the_exact_increases() -> None:
    """651.40 and 400.60 on 10,000.00: 6.514% and 4.006%, 2.508 points apart, shown 2.51 (the
    shown 6.51 less the shown 4.01 would be 2.50)."""
    base = base_of(("甲", 1, "10000"))
    union = cost(base, WageTerms(raises=(GroupRaise(group="甲", amount=D("651.40")),)))
    employer = cost(base, WageTerms(raises=(GroupRaise(group="甲", amount=D("400.60")),)))
    assert pct(gap(union, employer).points) == "2.51"


# ------------------------------------------------------------------ properties

NAMES = ("一线职工", "辅助岗位", "管理人员", "见习员工", "后勤")
wages = st.decimals(min_value=D("800"), max_value=D("30000"), places=2)
groups = st.lists(
    st.tuples(st.sampled_from(NAMES), st.integers(0, 500), wages),
    min_size=1,
    max_size=5,
    unique_by=lambda g: g[0],
)
percents = st.decimals(min_value=D("-10"), max_value=D("30"), places=2)
money = st.decimals(min_value=D("0"), max_value=D("5000"), places=2)


@st.composite
def year_terms(draw: st.DrawFn, names: tuple[str, ...]) -> YearTerms:
    raised = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))) if names else []
    return YearTerms(
        increase_pct=draw(st.none() | percents),
        raises=tuple(
            GroupRaise(group=n, pct=draw(percents))
            if draw(st.booleans())
            else GroupRaise(group=n, amount=draw(money))
            for n in raised
        ),
        minimum_wage=draw(st.none() | st.decimals(min_value=D("1000"), max_value=D("3000"), places=2)),
        one_off=draw(st.none() | money),
    )


@st.composite
def costed(draw: st.DrawFn) -> tuple[WageBase, WageTerms, int]:
    base = WageBase(
        groups=tuple(WageGroup(n, c, w) for n, c, w in draw(groups)),
        social_insurance_pct=draw(st.decimals(min_value=D(0), max_value=D(40), places=2)),
        housing_fund_pct=draw(st.decimals(min_value=D(0), max_value=D(12), places=2)),
        bonus_months=draw(st.sampled_from([D(0), D(1), D("1.5")])),
    )
    names = tuple(g.name for g in base.groups)
    first, *later = draw(st.lists(year_terms(names), min_size=1, max_size=3))
    terms = WageTerms(
        increase_pct=first.increase_pct,
        raises=first.raises,
        minimum_wage=first.minimum_wage,
        one_off=first.one_off,
        later=tuple(later),
    )
    return base, terms, draw(st.integers(1, 4))


def _only(terms: WageTerms, names: set[str]) -> WageTerms:
    """The terms with only the rises of ``names``' groups."""

    def keep(year: YearTerms) -> YearTerms:
        return attrs.evolve(year, raises=tuple(r for r in year.raises if r.group in names))

    return attrs.evolve(terms, raises=keep(terms.years[0]).raises, later=tuple(keep(y) for y in terms.later))


@given(costed(), st.data())
def test_the_cost_is_additive_over_groups(case: tuple[WageBase, WageTerms, int], data: st.DataObject) -> None:
    base, terms, years = case
    split = data.draw(st.sets(st.sampled_from([g.name for g in base.groups])))
    parts = [[g for g in base.groups if (g.name in split) is side] for side in (True, False)]
    whole = cost(base, terms, years)
    sums = [D(0)] * 4
    for part in (p for p in parts if p):
        sub = attrs.evolve(base, groups=tuple(part))
        c = cost(sub, _only(terms, {g.name for g in part}), years)
        sums = [s + v for s, v in zip(sums, (c.total(), c.total(1), c.monthly(1), c.on_costs()), strict=True)]
    assert sums == [whole.total(), whole.total(1), whole.monthly(1), whole.on_costs()]


@given(costed())
def test_the_cost_is_additive_over_years(case: tuple[WageBase, WageTerms, int]) -> None:
    base, terms, years = case
    c = cost(base, terms, years)
    assert c.total() == sum((c.total(n) for n in range(1, c.years + 1)), D(0))
    assert c.total() == sum((r.total for r in c.rows), D(0))
    assert all(v == v.quantize(D("0.01")) for r in c.rows for v in (r.wage, r.total, r.on_costs))


@given(costed())
def test_a_proposal_equal_on_both_sides_has_no_gap(case: tuple[WageBase, WageTerms, int]) -> None:
    base, terms, years = case
    between = gap(cost(base, terms, years), cost(base, terms, years))
    assert between.yuan == 0
    assert between.points in (None, 0)


@given(costed(), st.data())
def test_raising_any_increase_never_lowers_the_cost(
    case: tuple[WageBase, WageTerms, int], data: st.DataObject
) -> None:
    base, terms, years = case
    more = data.draw(st.decimals(min_value=D("0.01"), max_value=D("20"), places=2))
    year = data.draw(st.integers(0, len(terms.years) - 1))
    schedule = list(terms.years)
    chosen = schedule[year]
    bump_a_group: bool = data.draw(st.booleans())
    if chosen.raises and bump_a_group:
        i = data.draw(st.integers(0, len(chosen.raises) - 1))
        r = chosen.raises[i]
        bumped = (
            attrs.evolve(r, pct=r.pct + more)
            if r.pct is not None
            else attrs.evolve(r, amount=(r.amount or D(0)) + more)
        )
        raises = (*chosen.raises[:i], bumped, *chosen.raises[i + 1 :])
        schedule[year] = attrs.evolve(chosen, raises=raises)
    else:
        schedule[year] = attrs.evolve(chosen, increase_pct=(chosen.increase_pct or D(0)) + more)
    first = schedule[0]
    higher = attrs.evolve(
        terms,
        increase_pct=first.increase_pct,
        raises=first.raises,
        later=tuple(schedule[1:]),
    )
    before, after = cost(base, terms, years), cost(base, higher, years)
    assert after.total() >= before.total()
    assert all(after.total(n) >= before.total(n) for n in range(1, before.years + 1))


@given(costed(), st.data())
def test_a_position_split_over_articles_costs_as_the_whole(
    case: tuple[WageBase, WageTerms, int], data: st.DataObject
) -> None:
    """Each year's numbers put in two articles, each number in one of them: combined, they
    cost what the whole terms cost."""
    base, terms, years = case
    parts: list[list[YearTerms]] = [[], []]
    for year in terms.years:
        fields = {
            "increase_pct": year.increase_pct,
            "minimum_wage": year.minimum_wage,
            "one_off": year.one_off,
        }
        sides = [dict.fromkeys(fields), dict.fromkeys(fields)]
        for name, value in fields.items():
            sides[data.draw(st.integers(0, 1))][name] = value
        rises: list[list[GroupRaise]] = [[], []]
        for rise in year.raises:
            rises[data.draw(st.integers(0, 1))].append(rise)
        for i in (0, 1):
            parts[i].append(YearTerms(raises=tuple(rises[i]), **sides[i]))

    def terms_of(schedule: list[YearTerms]) -> WageTerms:
        first, *later = schedule
        return WageTerms(
            increase_pct=first.increase_pct,
            raises=first.raises,
            minimum_wage=first.minimum_wage,
            one_off=first.one_off,
            later=tuple(later),
        )

    merged = combined([terms_of(parts[0]), terms_of(parts[1])])
    whole = cost(base, terms, years)
    if merged is None:
        assert whole.total() == 0
    else:
        assert cost(base, merged, years).rows == whole.rows
