"""The services speak the command's language; the read models hold the same rows in any."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bargaining import NotFoundError, Tracker
from bargaining.language import use
from tests import builders as b
from tests import builders_mediation as m
from tests.projections.test_rebuild import busy_store, snapshot


@pytest.fixture
def zh() -> Iterator[None]:
    assert use("zh"), "the Chinese catalog is compiled by make setup"
    try:
        yield
    finally:
        use("en")


def step(rows: list[dict[str, Any]], label: str) -> dict[str, Any]:
    return next(r for r in rows if r["step"] == label)


@pytest.mark.usefixtures("zh")
def test_a_timeline_names_each_step_and_its_detail_in_chinese(tracker: Tracker) -> None:
    ref = b.signed(tracker)
    rows = tracker.reports.timeline(ref)
    held = step(rows, "协商会议")
    assert held["detail"] == "第1轮；会议室；主持人 陈志明；纪要"
    signed = step(rows, "签字")
    assert signed["detail"] == "陈志明、张伟；期限 2011-07-01 至 2012-06-30"
    vote = step(rows, "审议表决")
    assert vote["detail"].startswith("通过；职工代表大会；")
    assert vote["detail"].endswith("应到60人，赞成38票")


@pytest.mark.usefixtures("zh")
def test_a_correction_names_the_field_in_chinese_in_the_timeline_and_the_history(tracker: Tracker) -> None:
    m.received(tracker)
    tracker.cases.correct(m.CASE, 1, amount="190000", workers=3, reason="金额误录")
    rows = tracker.reports.timeline(m.CASE)
    applied = step(rows, "收到调解申请")
    assert applied["detail"].startswith("来访：刘某 与 ")
    assert "请求金额180000.00元" in applied["detail"]
    correction = step(rows, "更正")
    assert correction["detail"].startswith("更正第1步；第1步 ")
    assert "第1步 请求金额：" in correction["detail"]
    assert "→ 190000.00" in correction["detail"]
    assert correction["detail"].endswith("；理由：金额误录")
    assert "amount_claimed" not in correction["detail"]
    history = tracker.cases.show(m.CASE)["timeline"]
    assert step(history, "更正")["detail"] == correction["detail"]


@pytest.mark.usefixtures("zh")
def test_no_such_record_is_said_in_chinese_with_the_field_in_english(tracker: Tracker) -> None:
    with pytest.raises(NotFoundError) as found:
        tracker.reports.timeline("CB-0000-000")
    assert (found.value.field, found.value.rule) == (
        "timeline.reference",
        "没有这个集体协商、集体合同或调解案件：CB-0000-000",
    )
    with pytest.raises(NotFoundError) as negotiation:
        tracker.negotiations.show("CB-0000-000")
    assert negotiation.value.rule == "没有这个集体协商：CB-0000-000"


def test_english_stays_as_it_was(tracker: Tracker) -> None:
    m.received(tracker)
    tracker.cases.correct(m.CASE, 1, amount="190000", reason="typo")
    rows = tracker.reports.timeline(m.CASE)
    assert step(rows, "correction")["detail"] == (
        "corrects #1; #1 amount_claimed: 180000.00 → 190000.00; reason: typo"
    )
    with pytest.raises(
        NotFoundError, match=r"^timeline.reference: no such negotiation, contract or case: CB-0000-000$"
    ):
        tracker.reports.timeline("CB-0000-000")


def _deadline_words(store: Path) -> list[str]:
    with sqlite3.connect(store / "views.sqlite") as conn:
        rows = conn.execute("SELECT deadlines FROM agreement_details ORDER BY reference").fetchall()
    return [d["label"] + d["rule"] for (text,) in rows for d in json.loads(text)]


def test_read_models_written_and_rebuilt_under_chinese_hold_the_rows_they_hold_under_english(
    tracker: Tracker, store: Path, zh: None
) -> None:
    busy_store(tracker)  # written, and read between the writes, by a Chinese-speaking command
    tracker.reports.board()
    tracker.reports.attention()
    written = snapshot(store)
    assert not [
        t for t in _deadline_words(store) if re.search("[\u4e00-\u9fff]", t)
    ]  # English: put in words when read
    tracker.reports.rebuild()
    assert snapshot(store) == written
    use("en")
    tracker.reports.rebuild()
    assert snapshot(store) == written


@pytest.mark.usefixtures("zh")
def test_reports_reading_stored_deadlines_in_chinese_give_the_same_dates(tracker: Tracker) -> None:
    b.in_force(tracker, "CB-2011-001")
    b.signed(tracker, "CB-2011-002")
    spoken = tracker.reports.deadlines(within=-1, as_of=date(2011, 7, 6))
    board = tracker.reports.board(as_of=None)
    use("en")
    english = tracker.reports.deadlines(within=-1, as_of=date(2011, 7, 6))
    assert [(d["reference"], d["due"], d["state"]) for d in spoken] == [
        (d["reference"], d["due"], d["state"]) for d in english
    ]
    assert [r["next_deadline"] and r["next_deadline"]["due"] for r in board] == [
        r["next_deadline"] and r["next_deadline"]["due"] for r in tracker.reports.board()
    ]


def test_the_views_are_folded_in_english_and_the_language_comes_back_after(zh: None) -> None:
    from projections.english import in_english
    from projections.labels import label

    assert label("Signed") == "签字"
    with in_english():
        assert label("Signed") == "signed"
    assert label("Signed") == "签字"


def test_deadlines_the_views_keep_in_english_are_read_in_the_words_of_the_domain_now(
    tracker: Tracker, zh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    b.signed(tracker)
    tracker.reports.board()  # the views caught up: in English
    from projections import folds

    worked_out = folds.agreement_deadlines

    def in_chinese(row: dict[str, Any]) -> list[dict[str, Any]]:
        return [{**d, "label": "报送审查", "rule": "（规则）"} for d in worked_out(row)]

    monkeypatch.setattr(folds, "agreement_deadlines", in_chinese)
    rows = tracker.reports.deadlines(within=-1)
    assert {(d["deadline"], d["rule"]) for d in rows if d["reference"] == "CB-2011-001"} == {
        ("报送审查", "（规则）")
    }
    assert tracker.reports.board()[0]["next_deadline"]["label"] == "报送审查"
