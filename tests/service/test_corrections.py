"""Corrections through the application API: snapshots, deadlines and packets follow them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bargaining import InvalidValueError, RuleViolationError, Tracker
from domain.negotiation import Negotiation
from projections.folds import (
    CONTRACT_FOLD_COLUMNS,
    CONTRACT_FOLD_STATE,
    fold_agreement,
    new_agreement,
)
from tests import builders as b
from tests.conftest import TODAY


def test_a_correction_reaching_back_past_a_snapshot_is_in_effect_when_loaded(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    chairs = [b.UNION[0], b.EMPLOYER[0]]
    day = date(2011, 5, 1)
    for i in range(110):  # a snapshot is taken every 100 events
        b.with_round(tracker, ref, date.fromordinal(day.toordinal() + i), chairs[i % 2])
    history = tracker.negotiations.history(ref)
    first_round = next(h["version"] for h in history if h["step"] == "RoundHeld")
    app: Any = tracker.negotiations.app
    assert list(app.snapshots.get(Negotiation.create_id(ref)))  # the newest is after the first round
    tracker.negotiations.correct(ref, first_round, minutes="第一轮纪要（更正）", reason="纪要误录")
    shown = tracker.negotiations.show(ref)
    assert shown["rounds"][0]["minutes"] == "第一轮纪要（更正）"
    assert len(shown["rounds"]) == 110
    for i in range(100 - len(history) % 100 + 1):  # past the next snapshot, taken from the fold
        b.with_round(tracker, ref, date.fromordinal(day.toordinal() + 110 + i), chairs[i % 2])
    assert tracker.negotiations.show(ref)["rounds"][0]["minutes"] == "第一轮纪要（更正）"


def test_a_corrected_request_date_moves_the_reply_deadline(tracker: Tracker) -> None:
    ref = b.opened(tracker)
    tracker.negotiations.request(ref, on=date(2026, 11, 2))
    reply = "written reply to the request"
    before = [d["due"] for d in tracker.reports.deadlines(within=60) if d["deadline"] == reply]
    tracker.negotiations.correct(ref, 2, on=date(2026, 11, 9), reason="收到日期误录")
    after = [d["due"] for d in tracker.reports.deadlines(within=60) if d["deadline"] == reply]
    assert before == ["2026-11-23"]  # 20 days from 2 November, a Sunday rolled to Monday
    assert after == ["2026-11-30"]  # 20 days from 9 November, a Sunday rolled to Monday
    assert after[0] == tracker.negotiations.show(ref)["deadlines"][0]["due"]


def test_a_correction_needs_a_reason_and_a_step_that_exists(tracker: Tracker) -> None:
    ref = b.opened(tracker)
    tracker.negotiations.request(ref, on=date(2026, 11, 2))
    with pytest.raises(InvalidValueError, match=r"correct\.reason"):
        tracker.negotiations.correct(ref, 2, on=date(2026, 11, 3), reason="  ")
    with pytest.raises(InvalidValueError, match=r"#9 is not a step of this record"):
        tracker.negotiations.correct(ref, 9, on=date(2026, 11, 3), reason="x")
    with pytest.raises(InvalidValueError, match=r"correct\.on: .* is in the future"):
        tracker.negotiations.correct(ref, 2, on=date(2026, 12, 30), reason="x")
    tracker.negotiations.retract(ref, 2, reason="无书面要约")
    with pytest.raises(RuleViolationError, match="was retracted"):
        tracker.negotiations.correct(ref, 2, on=date(2026, 11, 3), reason="x")
    with pytest.raises(InvalidValueError, match="#3 is a retraction itself"):
        tracker.negotiations.retract(ref, 3, reason="x")
    assert tracker.negotiations.show(ref)["stage"] == "opened"


def test_the_packet_lists_each_correction_with_its_reason_who_and_when(
    tracker: Tracker, tmp_path: Path
) -> None:
    b.in_force(tracker)
    history = tracker.negotiations.history("CB-2011-001")
    vote = next(h["version"] for h in history if h["step"] == "RatificationVoteRecorded")
    tracker.negotiations.correct("CB-2011-001", vote, present="50", reason="计票更正")
    tracker.contracts.correct("CB-2011-001", 2, copies=4, reason="报送份数更正")
    for lang in ("zh", "en"):
        out = tmp_path / lang
        tracker.packets.write("CB-2011-001", out=out, lang=lang)
        text = (out / "packet.md").read_text(encoding="utf-8")
        if lang == "zh":
            assert "记录更正情况" in text
            assert f"协商记录第{vote}步（职工代表大会表决）于{TODAY}由测试员更正" in text
            assert "理由：计票更正" in text
            assert "合同记录第2步（报送备案）" in text
        else:
            assert "Corrections to the record" in text
            assert (
                f"Negotiation step \\#{vote} (ratification vote) corrected on {TODAY} by 测试员" in text
            )  # Markdown escapes #
            assert "present 45 → 50" in text
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["records"]["negotiation"]["events"] == len(history) + 1


def test_a_board_row_s_two_aggregates_fold_into_columns_of_their_own() -> None:
    """A correction refolds one aggregate's columns of a board row and keeps the other's."""
    samples: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "negotiation": [
            ("Opened", {"kind": "wage", "employer": "e", "union": "u", "topic": "", "purpose": "new"}),
            ("RequestReceived", {"topics": "工资"}),
            ("RepresentativeAppointed", {"name": "甲"}),
            ("RequestAnswered", {"accepted": True}),
            ("RoundHeld", {"minutes": "纪要"}),
            ("ProposalTabled", {"article": "A", "proposal_id": "P1"}),
            ("ProposalWithdrawn", {"proposal_id": "P1"}),
            ("ArticleAgreed", {"article": "A"}),
            ("Suspended", {"until": "2011-05-01"}),
            ("Resumed", {}),
            ("DraftAdopted", {}),
            ("RatificationVoteRecorded", {"outcome": "passed", "tally": None}),
            ("TieDecided", {"outcome": "passed"}),
            ("Signed", {}),
            ("Reopened", {}),
        ],
        "contract": [
            ("Concluded", {"term": {"start": "2011-07-01", "end": "2012-06-30"}}),
            ("Submitted", {}),
            ("Received", {}),
            ("Objected", {}),
            ("Published", {}),
            ("SuccessorOpened", {"reference": "R", "purpose": "renewal"}),
            ("SucceededBy", {"reference": "R", "purpose": "renewal"}),
            ("Terminated", {}),
        ],
    }
    for context, steps in samples.items():
        row = new_agreement("R-1")
        row.update(profile="PRC", kind="wage")
        for step, data in steps:
            before = {k: v for k, v in row.items() if k != "state"}
            state = json.loads(json.dumps(row["state"]))
            fold_agreement(row, context, step, {"predecessor": "", "profile_id": "PRC", **data}, "2011-04-01")
            changed = {k for k, v in row.items() if k != "state" and before[k] != v}
            changed |= {f"state.{k}" for k, v in row["state"].items() if state[k] != v}
            own = {*CONTRACT_FOLD_COLUMNS, *(f"state.{k}" for k in CONTRACT_FOLD_STATE)}
            assert (changed <= own) if context == "contract" else not (changed & own), (
                context,
                step,
                changed,
            )
