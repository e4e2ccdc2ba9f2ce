"""The reference-data record: the figure in effect is the last one recorded, its history kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.wage_reference import Guideline, WageReference

REGIONS = ("广州", "安徽", "四川")
lines = st.tuples(*(st.decimals(min_value=Decimal(-5), max_value=Decimal(30), places=1),) * 3).map(sorted)
steps = st.lists(
    st.tuples(
        st.sampled_from(("guideline", "minimum-wage", "cpi")),
        st.sampled_from(REGIONS),
        st.integers(2008, 2012),
        lines,
        st.text(min_size=1, max_size=5),
    ),
    max_size=25,
)


def record(
    book: WageReference, kind: str, region: str, year: int, values: list[Decimal], source: str
) -> None:
    day, by = date(2011, 1, 1), "测试员"
    lower, base, upper = values
    if kind == "guideline":
        lines = Guideline(base=base, upper=upper, lower=lower)
        book.record_guideline(on=day, by=by, region=region, year=year, lines=lines, source=source)
    elif kind == "minimum-wage":
        book.record_minimum_wage(
            on=day, by=by, region=region, year=year, monthly=abs(upper) + 1, effective_on=None, source=source
        )
    else:
        book.record_cpi(on=day, by=by, region=region, year=year, change_pct=base, source=source)


@given(steps)
def test_the_figure_in_effect_is_the_last_recorded_and_a_replay_agrees(
    recorded: list[tuple[str, str, int, list[Decimal], str]],
) -> None:
    book = WageReference(reference="PRC", on=date(2011, 1, 1), by="测试员")
    for kind, region, year, values, source in recorded:
        record(book, kind, region, year, values, source)
    events = book.collect_events()
    assert len(events) == len(recorded) + 1
    last = {(k, r, y): s for k, r, y, _v, s in recorded}
    for (kind, region, year), source in last.items():
        found = book.figure(kind, region, year)
        assert found is not None
        assert found["source"] == source
    again: WageReference = events[0].mutate(None)  # type: ignore[assignment]
    for e in events[1:]:
        again = e.mutate(again)  # type: ignore[assignment]
    assert again.figures == book.figures
