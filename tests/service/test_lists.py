"""The record lists through the application API: what a list says of a case is what ``case
show`` says, on every day of its life; the lists' words are the domain's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bargaining import CASE_CATEGORIES, CASE_STATUS_GROUPS, CASE_STATUSES, KINDS, STAGES, Tracker
from domain.disputes import CaseStatus, Category
from domain.values import AgreementKind
from tests import builders_mediation as m

DAYS = [date(2024, 3, 7), date(2024, 3, 9), date(2024, 3, 26), date(2024, 4, 10), date(2030, 1, 1)]


def cases_in_every_state(store: Path) -> None:
    with Tracker(store, actor="测试员", today=date(2024, 4, 10)) as t:
        m.settled(t)
        m.in_mediation(t, "CASE-2024-0008")  # deemed failed once its 15 days pass
        m.received(t, "CASE-2024-0009")
        m.received(t, "CASE-2024-0010")
        t.cases.decline("CASE-2024-0010", on=date(2024, 3, 8), reason="不属于受理范围")
        m.in_mediation(t, "CASE-2024-0011")
        t.cases.extend("CASE-2024-0011", on=date(2024, 3, 20), until=date(2024, 4, 30), both_agree=True)
        m.in_mediation(t, "CASE-2024-0012")
        t.cases.fail("CASE-2024-0012", on=date(2024, 3, 12), reason="申请人不同意方案")
        m.in_mediation(t, "CASE-2024-0013")
        t.cases.withdraw("CASE-2024-0013", on=date(2024, 3, 12), reason="双方自行和解")


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_listed_case_has_the_status_and_closing_day_case_show_gives(tmp_path: Path, day: date) -> None:
    cases_in_every_state(tmp_path)
    with Tracker(tmp_path, actor="测试员", today=day) as t:
        listed = {r["reference"]: r for r in t.lists.cases()["rows"]}
        for reference, row in listed.items():
            view = t.cases.show(reference)
            assert (row["status"], row["closed_on"] or row["declined_on"]) == (
                view["status"],
                view["closed_on"] or (view["declined"] or {}).get("on"),
            ), reference
        for status in (*CASE_STATUSES, *CASE_STATUS_GROUPS):
            chosen = CASE_STATUS_GROUPS.get(status, (status,))
            found = t.lists.cases(status=status)
            assert [r["reference"] for r in found["rows"]] == [
                r for r, v in listed.items() if v["status"] in chosen
            ]
            assert found["total"] == len(found["rows"])


def test_a_limited_list_counts_what_it_left_out(tmp_path: Path) -> None:
    cases_in_every_state(tmp_path)
    with Tracker(tmp_path, actor="测试员", today=date(2024, 4, 10)) as t:
        everything = t.lists.cases()
        first = t.lists.cases(limit=2)
        assert first["rows"] == everything["rows"][:2]
        assert (first["total"], everything["total"]) == (7, 7)
        searched = t.lists.cases(search="工伤", limit=3)
        assert (len(searched["rows"]), searched["total"]) == (3, 7)
        assert searched["rows"] == everything["rows"][:3]


def test_the_lists_words_are_the_domains() -> None:
    assert set(CASE_STATUSES) == {s.value for s in CaseStatus}
    assert set(CASE_CATEGORIES) == {c.value for c in Category}
    assert set(KINDS) == {k.value for k in AgreementKind}
    assert set(CASE_STATUS_GROUPS["open"]) | set(CASE_STATUS_GROUPS["closed"]) == set(CASE_STATUSES)
    assert not set(CASE_STATUS_GROUPS["open"]) & set(CASE_STATUS_GROUPS["closed"])
    assert "effective" in STAGES
