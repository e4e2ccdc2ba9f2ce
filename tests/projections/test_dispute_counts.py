"""The dispute statistics' SQL against the definitions, recomputed case by case in Python.

The queries are shaped for speed (one index range per kind of date, the carried-over count
split between closed and still-open cases, no GROUP BY without groups); this property holds
them to the plain definitions for random case histories and periods.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining import Tracker
from projections import readers
from tests import builders_mediation as m

BASE = date(2024, 2, 1)  # after the street centre was registered
TODAY = date(2026, 11, 28)
CATEGORIES = ("remuneration", "work-injury", "other")

# A case's history: received on day r; then nothing, declined, withdrawn before acceptance,
# or accepted a day or so later and then left open, settled, failed, withdrawn or referred.
history = st.tuples(
    st.integers(0, 90),  # received, days after BASE
    st.sampled_from(["open", "declined", "withdrawn early", "accepted"]),
    st.sampled_from(["open", "settled", "failed", "withdrawn", "referred"]),
    st.integers(0, 30),  # days from acceptance to the outcome
    st.sampled_from(CATEGORIES),
    st.integers(1, 5),  # workers
)
period = st.tuples(st.integers(-10, 140), st.integers(0, 150)).map(
    lambda p: (BASE + timedelta(days=p[0]), BASE + timedelta(days=p[0] + p[1]))
)


def record(t: Tracker, n: int, h: tuple[Any, ...]) -> None:
    received_after, decision, outcome, after, category, workers = h
    ref = f"JD-P-{n:03d}"
    on = BASE + timedelta(days=received_after)
    m.workers_case(t, ref, n, on=on, category=category, workers=workers, amount=f"{1000 * (n + 1)}")
    if decision == "declined":
        t.cases.decline(ref, on=on + timedelta(days=1), reason="不属受理范围")
    elif decision == "withdrawn early":
        t.cases.withdraw(ref, on=on + timedelta(days=1), reason="撤回")
    if decision != "accepted":
        return
    accepted = on + timedelta(days=1)
    t.cases.accept(ref, on=accepted, both_agree=True)
    t.cases.assign(ref, on=accepted, body=m.STREET, mediators=["吴芳"])
    closed = accepted + timedelta(days=after)
    if outcome == "settled":
        t.cases.settle(
            ref,
            on=min(closed, accepted + timedelta(days=15)),
            terms="达成协议",
            amount_agreed=f"{500 * (n + 1)}",
            performance_due=accepted + timedelta(days=30),
            method="转账",
            mediator="吴芳",
            parties_signed=True,
            sealed=True,
        )
    elif outcome == "failed":
        t.cases.fail(ref, on=closed, reason="未达成")
    elif outcome == "withdrawn":
        t.cases.withdraw(ref, on=min(closed, accepted + timedelta(days=15)), reason="撤回")
    elif outcome == "referred":
        t.cases.refer(
            ref, on=min(closed, accepted + timedelta(days=15)), arbitration="区劳动人事争议仲裁委员会"
        )


def definitions(
    cases: list[dict[str, Any]], start: str, end: str, asof: str, group: str | None
) -> dict[str, Counter[str]]:
    """Each statistic by its definition (DOMAIN B10), a case at a time."""
    found: dict[str, Counter[str]] = {}

    def add(c: dict[str, Any], **counts: int) -> None:
        key = c["category"] if group else "all"
        found.setdefault(key, Counter()).update(counts)

    for c in cases:
        if c["received_on"] and start <= c["received_on"] <= end:
            add(c, received=1)
        if c["accepted_on"] and start <= c["accepted_on"] <= end:
            add(c, accepted=1, workers=c["workers"], claimed_fen=c["claimed_fen"] or 0)
        if c["declined_on"] and start <= c["declined_on"] <= end:
            add(c, declined=1)
        metric = {
            "settled": "succeeded",
            "failed": "failed",
            "withdrawn": "withdrawn",
            "referred": "referred",
        }
        # Closed: accepted cases concluded in the period (DOMAIN B10).
        if c["closed_on"] and c["outcome"] and c["accepted_on"] and start <= c["closed_on"] <= end:
            outcome = metric[c["outcome"]]
            add(
                c,
                **{
                    outcome: 1,
                    f"{outcome}_workers": c["workers"],
                    f"{outcome}_claimed_fen": c["claimed_fen"] or 0,
                },
                agreed_fen=c["agreed_fen"] or 0 if c["outcome"] == "settled" else 0,
            )
        deemed = not c["closed_on"] and not c["declined_on"] and c["accepted_on"] and c["deadline"] < asof
        if deemed and start <= c["deadline"] <= end:
            # A case deemed failed counts as failed, with its workers and its claim.
            add(c, failed=1, failed_workers=c["workers"], failed_claimed_fen=c["claimed_fen"] or 0)
        if (
            c["accepted_on"]
            and c["accepted_on"] < start
            and (
                (c["closed_on"] and c["closed_on"] >= start)
                or (not c["closed_on"] and not (c["deadline"] < start and c["deadline"] < asof))
            )
        ):
            add(c, carried_over=1)
    return found


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(history, min_size=1, max_size=8), st.lists(period, min_size=1, max_size=4))
def test_the_statistics_equal_their_definitions(
    histories: list[tuple[Any, ...]], periods: list[tuple[date, date]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp, Tracker(Path(tmp), actor="测试员", today=TODAY) as t:
        m.street_centre(t)
        for n, h in enumerate(histories):
            record(t, n, h)
        t.reports.refresh()
        cases = readers.cases(t.reports.views)
        # Every count and sum but the derived total and the average's parts.
        names = [n for n in readers.METRICS if n not in ("closed", "days_to_close", "closed_accepted")]
        for start, end in periods:
            for group in (None, "category"):
                sql = readers.dispute_counts(
                    t.reports.views, start.isoformat(), end.isoformat(), TODAY.isoformat(), group
                )
                got = {r["grp"]: {k: r[k] for k in names if r[k]} for r in sql}
                got = {k: v for k, v in got.items() if v}
                expected = definitions(cases, start.isoformat(), end.isoformat(), TODAY.isoformat(), group)
                assert got == {k: {n: v for n, v in c.items() if v} for k, c in expected.items() if +c}, (
                    start,
                    end,
                    group,
                )
