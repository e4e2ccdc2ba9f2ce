"""What a packet states comes from the record, and every gap in it is a warning, never filled in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bargaining import Tracker
from bargaining.errors import StageError
from bargaining.packet.facts import gather
from bargaining.packet.words import warning_text
from domain.contract import CollectiveContract
from domain.negotiation import Negotiation
from tests import builders


def facts(t: Tracker, ref: str, today: date) -> dict:  # type: ignore[type-arg]
    app = t.negotiations.app
    return gather(app.load(Negotiation, ref, "n"), app.load(CollectiveContract, ref, "c"), today)


def test_an_unsubmitted_contract_past_its_due_date_is_warned_with_the_days_overdue(tracker: Tracker) -> None:
    ref = builders.signed(tracker)
    found = facts(tracker, ref, date(2011, 7, 10))
    texts = [warning_text(w, "en") for w in found["warnings"]]
    assert (
        "Not submitted for filing: it was due on 2011-07-06 (PRC, Trial Measures for Wage Collective"
        " Negotiation art. 21), 4 days before 2011-07-10." in texts
    )
    assert found["filing"]["submitted_on"] is None
    assert [d["due"] for d in found["filing"]["deadlines"]] == ["2011-07-06", "2011-07-11"]


def test_chiefs_without_a_recorded_post_and_wage_proposals_without_factors_are_gaps(tracker: Tracker) -> None:
    ref = builders.signed(tracker)
    codes = [w["code"] for w in facts(tracker, ref, date(2011, 7, 1))["warnings"]]
    assert codes == ["chief.union", "chief.employer", "wage.factors"]


def test_a_special_contract_without_wage_terms_has_no_wage_section(tracker: Tracker) -> None:
    ref = builders.signed(tracker, kind="special")
    found = facts(tracker, ref, date(2011, 7, 1))
    assert found["wage"] is None
    assert found["resolution"]["tally"]["yes_needed"] == 31
    assert [a["round"] for a in found["articles"]] == [2]


def test_no_packet_is_made_before_signing(tracker: Tracker, tmp_path: Path) -> None:
    ref = builders.ratified(tracker)
    with pytest.raises(StageError, match="is ratified, not signed"):
        tracker.packets.write(ref, out=f"{tmp_path}/p")


def _corrections_section(markdown: str, heading: str) -> list[str]:
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ").strip() == heading)
    section = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.strip():
            section.append(line)
    return section


def test_the_chinese_packet_says_each_correction_in_chinese_with_the_fields_named_in_chinese(
    tracker: Tracker, tmp_path: Path
) -> None:
    ref = builders.signed(tracker)
    steps = {r["step"]: r["version"] for r in tracker.negotiations.history(ref)}
    tracker.negotiations.correct(ref, steps["RoundHeld"], place="三楼会议室", reason="地点误录")
    tracker.negotiations.correct(ref, steps["RatificationVoteRecorded"], present=[50], reason="出席人数误录")
    tracker.packets.write(ref, out=tmp_path / "zh", lang="zh")
    tracker.packets.write(ref, out=tmp_path / "en", lang="en")
    zh = _corrections_section((tmp_path / "zh" / "packet.md").read_text(encoding="utf-8"), "记录更正情况")
    assert zh == [
        "- 协商记录第12步（协商会议）于2026-11-28由测试员更正（第18步）：第12步 地点：会议室 → 三楼会议室。"
        "理由：地点误录",
        "- 协商记录第16步（职工代表大会表决）于2026-11-28由测试员更正（第19步）：第16步 表决计票："
        "出席人数 45 → 50。理由：出席人数误录",
    ]
    en = _corrections_section(
        (tmp_path / "en" / "packet.md").read_text(encoding="utf-8"), "Corrections to the record"
    )
    assert [line.partition(": ")[2] for line in en] == [
        "\\#12 place: 会议室 → 三楼会议室. Reason: 地点误录",  # Markdown escapes the #
        "\\#16 tally: present 45 → 50. Reason: 出席人数误录",
    ]


def test_a_packet_speaks_its_own_language_whatever_the_command_speaks(
    tracker: Tracker, tmp_path: Path
) -> None:
    from bargaining.language import use

    ref = builders.signed(tracker)
    steps = {r["step"]: r["version"] for r in tracker.negotiations.history(ref)}
    tracker.negotiations.correct(ref, steps["RoundHeld"], place="三楼会议室", reason="地点误录")
    tracker.packets.write(ref, out=tmp_path / "en", lang="en")
    assert use("zh")
    try:
        tracker.packets.write(ref, out=tmp_path / "en-from-zh", lang="en")
    finally:
        use("en")
    assert (tmp_path / "en-from-zh" / "packet.md").read_bytes() == (
        tmp_path / "en" / "packet.md"
    ).read_bytes()
