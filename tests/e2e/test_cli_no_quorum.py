"""A ratification meeting held without quorum: recorded as held and invalid, then the vote held
again, signed; every reader shows both meetings, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.e2e.test_cli_negotiation import REF, drafted
from tests.e2e.test_cli_packet import REF as PACKET_REF
from tests.e2e.test_cli_packet import english_markdown, filed, log_pian1, pdf_text

NO_QUORUM_RULE = (
    "quorum not met: 58 of 90 present (quorum 2/3 = 60) — PRC, Provisions on Collective Contracts art. 36"
)


def held_without_quorum_then_passed(run: Cli) -> None:
    drafted(run)
    run.ok(f"negotiation vote {REF} --on 2011-06-17 --session 第三届 --roll 90 --present 58 --no-quorum")
    run.ok(f"negotiation vote {REF} --on 2011-06-24 --session 第三届 --roll 90 --present 61 --yes 50 --no 8")
    run.ok(f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --years 1")


def views(run: Cli) -> dict[str, Any]:
    """What the readers say about the negotiation, without the wall-clock recording times."""
    timeline = json.loads(run.ok(f"timeline {REF} --json").stdout)
    for row in timeline:
        row.pop("recorded_at")
    return {
        "show": json.loads(run.ok(f"negotiation show {REF} --json --as-of 2011-07-01").stdout),
        "board": json.loads(run.ok("board --all --json --as-of 2011-07-01").stdout),
        "timeline": timeline,
    }


def test_a_meeting_without_quorum_then_a_passing_vote_is_signed_and_shown_everywhere(any_store: str) -> None:
    run = Cli(any_store)
    held_without_quorum_then_passed(run)
    show = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    assert show["negotiation_stage"] == "signed"
    assert [
        (v["on"], v["outcome"], v["quorum_met"], v["passed"], v["attempt"], v["follows"])
        for v in show["votes"]
    ] == [
        ("2011-06-17", "no quorum", False, False, 1, None),
        ("2011-06-24", "passed", True, True, 2, "2011-06-17"),
    ]
    assert show["votes"][0]["rule"] == NO_QUORUM_RULE
    assert show["vote"] == show["votes"][-1]
    text = run.ok(f"negotiation show {REF}").stdout
    assert "2011-06-17  congress 第三届  1          no quorum — held, invalid  58 of 90 (60 needed)" in text
    assert "2011-06-24  congress 第三届  2          passed                     61 of 90 (60 needed)" in text
    assert "Attempt  2, after the meeting of 2011-06-17 without quorum" in text
    timeline = [r["detail"] for r in json.loads(run.ok(f"timeline {REF} --json").stdout)]
    assert "no quorum — held, invalid; congress; 第三届; 58 of 90 present, quorum not met" in timeline
    assert "passed; attempt 2 (after 2011-06-17: no quorum); congress; 第三届; 50 of 90 yes" in timeline
    history = run.ok(f"negotiation history {REF}").stdout
    assert "outcome=no quorum, body=congress" in history
    before = views(run)
    assert [r["stage"] for r in before["board"]] == ["signed"]
    run.ok("rebuild")
    assert views(run) == before


def test_below_the_quorum_only_a_meeting_said_to_be_held_so_is_recorded_and_the_draft_waits(
    any_store: str,
) -> None:
    run = Cli(any_store)
    drafted(run)
    before = run.events()
    refused = run(f"negotiation vote {REF} --on 2011-06-17 --roll 90 --present 58 --yes 50 --no 8")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        "Error: vote.present: 58 of 90 is below the quorum of 2/3 (PRC, Provisions on Collective Contracts"
        " art. 36); if the meeting was held, record it as held without quorum with --no-quorum\n"
    )
    contradicted = run(f"negotiation vote {REF} --on 2011-06-17 --roll 90 --present 60 --no-quorum")
    assert (contradicted.exit_code, contradicted.stdout) == (1, "")
    assert contradicted.stderr.startswith("Error: vote.no-quorum: 60 of 90 present meets the quorum of 2/3")
    assert run.events() == before
    run.ok(f"negotiation vote {REF} --on 2011-06-17 --roll 90 --present 58 --no-quorum")
    assert run.events() == before + 1
    board = json.loads(run.ok("board --json").stdout)
    assert [(r["stage"], r["vote"]) for r in board] == [("draft", "no quorum")]
    show = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    assert show["warnings"] == [
        "vote: the meeting of 2011-06-17 was held without quorum (58 of 90 present, 60 needed);"
        " the draft is to be voted on again (attempt 2)"
    ]
    run.ok("rebuild")
    assert json.loads(run.ok("board --json").stdout) == board


def test_the_packet_shows_the_meeting_without_quorum_and_the_vote_that_passed(
    any_store: str, tmp_path: Path
) -> None:
    run = Cli(any_store)
    log_pian1(
        run,
        earlier=("--on 2011-06-17 --roll 90 --present 58 --no-quorum",),
        vote="--roll 90 --present 61 --yes 50 --no 8",
    )
    filed(run)
    run.ok("packet", PACKET_REF, "--out", str(tmp_path / "zh"))
    zh = pdf_text(tmp_path / "zh" / "packet.pdf", "zh")
    assert (
        "2011-06-17职工代表大会（第三届职工代表大会）：出席人数不足，会议无效"
        "（应到90人，实到58人，至少应到60人）" in zh
    )
    assert (
        "2011-06-24职工代表大会（第三届职工代表大会）：通过（应到90人，实到61人，同意50票）"
        "；系2011-06-17会议因出席人数不足无效后的第2次表决" in zh
    )
    assert "此前审议会议 2011-06-17：出席人数不足，会议无效（应到90人，实到58人，至少应到60人）" in zh
    assert "全体人员的2/3以上出席：至少60人，实到61人" in zh  # the resolution is the vote that passed
    markdown = (tmp_path / "zh" / "packet.md").read_text(encoding="utf-8")
    assert "出席人数不足，会议无效" in markdown
    en = english_markdown(run)
    assert (
        "2011-06-17 workers' congress (第三届职工代表大会): held without quorum, invalid"
        " (58 of 90 present, 60 needed)" in en
    )
    assert (
        "2011-06-24 workers' congress (第三届职工代表大会): passed (61 of 90 present, 50 for);"
        " attempt 2, held again after the meeting of 2011-06-17 without quorum" in en
    )
    assert "2011-06-17: held without quorum, invalid (58 of 90 present, 60 needed)" in en
    assert "at least 2/3 of the whole roll present: 60 needed, 61 present" in en
