"""The command line as a negotiator types it: exit codes, one-line errors, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import cli
from tests.conftest import Cli

REF = "CB-2011-001"


def seat_and_talk(run: Cli) -> None:
    run.ok(
        "negotiation",
        "open",
        REF,
        "-k",
        "wage",
        "-e",
        "广州XX有限公司",
        "-u",
        "广州XX有限公司工会",
        "--on",
        "2011-04-01",
    )
    run.ok("negotiation", "request", REF, "--on", "2011-04-08", "--topics", "工资调整")
    run.ok("negotiation", "reply", REF, "--on", "2011-04-18")
    run.ok(
        "negotiation",
        "appoint",
        REF,
        "-s",
        "union",
        "--chief",
        "陈志明",
        "--member",
        "李红,王强",
        "--title",
        "工会主席",
        "--on",
        "2011-04-20",
    )
    run.ok(
        "negotiation",
        "appoint",
        REF,
        "-s",
        "employer",
        "--chief",
        "张伟",
        "--member",
        "赵敏",
        "--member",
        "钱进",
        "--on",
        "2011-04-20",
    )


def through_vote(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "三楼会议室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
        "--present",
        "陈志明、李红、王强、张伟、赵敏、钱进",
        "--minutes",
        "第一轮：职工方提出方案",
    )
    run.ok(
        "negotiation",
        "propose",
        REF,
        "-a",
        "第一条 工资调整",
        "-s",
        "union",
        "--text",
        "增长8%",
        "--increase",
        "8",
        "--factor",
        "cpi",
        "--factor",
        "performance",
    )
    run.ok(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-05-10",
        "--place",
        "三楼会议室",
        "--chair",
        "张伟",
        "--recorder",
        "刘洋",
        "--minutes",
        "第二轮",
    )
    run.ok("negotiation", "propose", REF, "-a", "第一条 工资调整", "-s", "employer", "--text", "增长6%")
    run.ok("negotiation", "agree", REF, "-a", "第一条 工资调整")
    run.ok("negotiation", "draft", REF, "--on", "2011-06-10")
    run.ok(
        "negotiation",
        "vote",
        REF,
        "--on",
        "2011-06-24",
        "--session",
        "第三届",
        "--roll",
        "60",
        "--present",
        "45",
        "--yes",
        "38",
        "--no",
        "5",
        "--abstain",
        "2",
    )


def test_a_negotiation_logged_from_the_cli_shows_every_field_in_json(run: Cli) -> None:
    through_vote(run)
    signed = run.ok(
        "negotiation",
        "sign",
        REF,
        "--on",
        "2011-06-29",
        "--term-start",
        "2011-07-01",
        "--years",
        "1",
    )
    assert "Next: submit for filing (3 copies + explanation): 2011-07-06" in signed.stdout
    run.ok("contract", "submit", REF, "--on", "2011-07-04", "--to", "XX区社会劳动保障部门")
    run.ok("contract", "receipt", REF, "--on", "2011-07-05")
    view = json.loads(run.ok("negotiation", "show", REF, "--as-of", "2011-07-10", "--json").stdout)
    assert view["reference"] == REF
    assert (view["stage"], view["kind"]) == ("under review", "wage")
    assert [r["number"] for r in view["rounds"]] == [1, 2]
    assert view["rounds"][0]["present"] == ["陈志明", "李红", "王强", "张伟", "赵敏", "钱进"]
    assert view["articles"] == [
        {
            "article": "第一条 工资调整",
            "status": "agreed",
            "proposals": 2,
            "agreed_round": 2,
            "agreed_on": "2011-05-10",
            "text": "增长6%",
        }
    ]
    assert (view["vote"]["quorum_met"], view["vote"]["passed"]) == (True, True)
    assert (view["signed_on"], view["filing_due"], view["submitted_on"]) == (
        "2011-06-29",
        "2011-07-06",
        "2011-07-04",
    )
    assert (view["received_on"], view["effective_on"]) == ("2011-07-05", "2011-07-20")
    assert (view["term_start"], view["term_end"]) == ("2011-07-01", "2012-06-30")
    assert view["next_deadline"]["due"] == "2011-07-20"
    assert "Trial Measures for Wage Collective Negotiation art. 22" in view["next_deadline"]["rule"]


def test_show_prints_the_stage_the_next_deadline_and_its_source(run: Cli) -> None:
    through_vote(run)
    run.ok(
        "negotiation",
        "sign",
        REF,
        "--on",
        "2011-06-29",
        "--term-start",
        "2011-07-01",
        "--term-end",
        "2012-06-30",
    )
    out = run.ok("negotiation", "show", REF, "--as-of", "2011-06-30").stdout
    assert "stage: signed" in out
    assert "2011-07-06 [open] — 7 calendar days after signing — PRC, Trial Measures for Wage" in out
    assert (
        "2011-07-09 [open] — 10 calendar days after signing — PRC, Provisions on Collective Contracts art. 42"
        in out
    )
    assert "陈志明" in out
    assert "第一条 工资调整" in out


def test_the_quorum_error_names_the_field_and_the_rule(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
    )
    run.ok("negotiation", "propose", REF, "-a", "第一条", "-s", "union", "--text", "甲")
    run.ok("negotiation", "agree", REF, "-a", "第一条")
    run.ok("negotiation", "draft", REF, "--on", "2011-06-10")
    before = run.events()
    result = run(
        "negotiation",
        "vote",
        REF,
        "--on",
        "2011-06-24",
        "--roll",
        "90",
        "--present",
        "58",
        "--yes",
        "50",
        "--no",
        "8",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: vote.present: 58 of 90 is below the quorum of 2/3 (60 needed;"
        " PRC, Provisions on Collective Contracts art. 36)\n"
    )
    assert result.stdout == ""
    assert run.events() == before


REJECTED = [
    # (what, command after seat_and_talk, the start of the error line)
    (
        "duplicate reference",
        ["negotiation", "open", REF, "-k", "wage", "-e", "甲", "-u", "乙"],
        "Error: reference: CB-2011-001 already exists",
    ),
    (
        "malformed date",
        [
            "negotiation",
            "round",
            REF,
            "--on",
            "2011-13-01",
            "--place",
            "室",
            "--chair",
            "陈志明",
            "--recorder",
            "刘洋",
        ],
        "Error: round.on: '2011-13-01' is not a date",
    ),
    (
        "chair not a chief",
        [
            "negotiation",
            "round",
            REF,
            "--on",
            "2011-04-26",
            "--place",
            "室",
            "--chair",
            "李红",
            "--recorder",
            "刘洋",
        ],
        "Error: round.chair: 李红 is not a chief representative",
    ),
    (
        "dual role",
        ["negotiation", "appoint", REF, "-s", "employer", "--member", "李红"],
        "Error: appoint.name: 李红 already represents the union side",
    ),
    (
        "unknown kind",
        ["negotiation", "open", "CB-2", "-k", "salary", "-e", "甲", "-u", "乙"],
        "Error: open.kind: 'salary' is not one of",
    ),
    (
        "negative count",
        ["negotiation", "vote", REF, "--on", "2011-06-24", "--roll", "-5"],
        "Error: vote.roll: -5 must be between 0",
    ),
    (
        "vote before a draft",
        ["negotiation", "vote", REF, "--on", "2011-06-24", "--outcome", "passed"],
        "Error: vote: cannot record a ratification vote while the negotiation is negotiating",
    ),
    (
        "sign before a vote",
        [
            "negotiation",
            "sign",
            REF,
            "--on",
            "2011-06-29",
            "--term-start",
            "2011-07-01",
            "--years",
            "1",
        ],
        "Error: sign: the draft has no passing ratification vote",
    ),
    (
        "future date",
        [
            "negotiation",
            "suspend",
            REF,
            "--on",
            "2099-01-01",
            "--until",
            "2099-02-01",
            "--reason",
            "x",
        ],
        "Error: suspend.on: 2099-01-01 is in the future",
    ),
    (
        "control characters",
        ["negotiation", "request", REF, "--on", "2011-04-09", "--topics", "a\x1bb"],
        "Error: request.topics: contains control characters",
    ),
    (
        "contract before signing",
        ["contract", "submit", REF, "--on", "2011-07-04"],
        "Error: CB-2011-001: no such contract: the negotiation has not been signed yet",
    ),
    (
        "receipt of an unknown contract",
        ["contract", "receipt", "CB-404", "--on", "2011-07-04"],
        "Error: CB-404: no such contract",
    ),
    (
        "unknown negotiation",
        ["negotiation", "reply", "CB-404", "--on", "2011-04-18"],
        "Error: CB-404: no such negotiation",
    ),
]


@pytest.mark.parametrize(("what", "args", "error"), REJECTED, ids=[r[0] for r in REJECTED])
def test_a_rejected_command_exits_1_with_one_line_and_writes_nothing(
    run: Cli, what: str, args: list[str], error: str
) -> None:
    seat_and_talk(run)
    before = run.events()
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(error), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert run.events() == before


def test_contract_rejections_write_nothing(run: Cli) -> None:
    through_vote(run)
    run.ok(
        "negotiation",
        "sign",
        REF,
        "--on",
        "2011-06-29",
        "--term-start",
        "2011-07-01",
        "--years",
        "1",
    )
    run.ok("contract", "submit", REF, "--on", "2011-07-04")
    run.ok("contract", "receipt", REF, "--on", "2011-07-05")
    before = run.events()
    for args, error in [
        (
            ["objection", REF, "--on", "2011-07-21", "--opinion", "迟到的意见"],
            "Error: objection.on: 2011-07-21 is outside",
        ),
        (
            ["publish", REF, "--on", "2011-07-19"],
            "Error: publish.on: the contract is not in effect on 2011-07-19",
        ),
        (
            ["renew", REF, "--ref", "CB-2012-001", "--on", "2011-08-01"],
            "Error: renew.on: the renewal window opens on 2012-05-01",
        ),
        (
            ["terminate", REF, "--on", "2011-07-30", "--ground", "whim", "--reason", "x"],
            "Error: terminate.ground: 'whim'",
        ),
    ]:
        result = run("contract", *args)
        assert (result.exit_code, result.stderr.startswith(error)) == (1, True), result.stderr
    assert run.events() == before


def test_a_minutes_file_that_is_not_utf8_is_refused_with_a_hint(run: Cli, tmp_path: Path) -> None:
    seat_and_talk(run)
    minutes = tmp_path / "纪要.txt"
    minutes.write_bytes("第一轮会议纪要".encode("gbk"))
    before = run.events()
    result = run(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
        "--minutes-file",
        str(minutes),
    )
    assert result.exit_code == 1
    assert "is not UTF-8 text; save it as UTF-8" in result.stderr
    assert run.events() == before


def test_minutes_from_a_file_round_trip_exactly(run: Cli, tmp_path: Path) -> None:
    seat_and_talk(run)
    text = "一、双方介绍方案。\n二、职工方：增长8%；企业方：增长5%。\n三、下次会议：5月10日。"
    (tmp_path / "m.txt").write_text(text, encoding="utf-8")
    run.ok(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
        "--minutes-file",
        str(tmp_path / "m.txt"),
    )
    view = json.loads(run.ok("negotiation", "show", REF, "--json").stdout)
    assert view["rounds"][0]["minutes"] == text


def test_a_lost_race_exits_75_and_the_winners_step_stands(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    seat_and_talk(run)
    from bargaining.negotiations import Service

    original = Service._negotiation
    raced: list[str] = []

    def load_then_someone_else_writes(self: Service, reference: str) -> object:
        negotiation = original(self, reference)
        if not raced:
            raced.append("once")
            other = run(
                "negotiation",
                "suspend",
                REF,
                "--on",
                "2011-04-21",
                "--until",
                "2011-05-01",
                "--reason",
                "另一位记录员",
                actor="李明",
            )
            assert other.exit_code == 0, other.output
        return negotiation

    monkeypatch.setattr(Service, "_negotiation", load_then_someone_else_writes)
    result = run(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
    )
    assert result.exit_code == 75
    assert result.stderr == "Error: conflict: changed by someone else, retry (your step was not recorded)\n"
    monkeypatch.undo()
    view = json.loads(run.ok("negotiation", "show", REF, "--json").stdout)
    assert (view["stage"], view["rounds"]) == ("suspended", [])


def test_who_recorded_comes_from_as_then_the_environment(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    run.ok(
        "negotiation",
        "open",
        REF,
        "-k",
        "wage",
        "-e",
        "甲",
        "-u",
        "乙",
        "--on",
        "2011-04-01",
        actor="王芳",
    )
    monkeypatch.setenv("BARGAINING_ACTOR", "环境变量")
    result = run.runner.invoke(
        cli, ["--store", str(run.store), "negotiation", "request", REF, "--on", "2011-04-08"]
    )
    assert result.exit_code == 0, result.output
    history = json.loads(run.ok("negotiation", "history", REF, "--json").stdout)
    assert [h["by"] for h in history] == ["王芳", "环境变量"]


def test_the_store_can_come_from_the_environment(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARGAINING_STORE", str(run.store))
    result = run.runner.invoke(
        cli,
        [
            "negotiation",
            "open",
            REF,
            "-k",
            "special",
            "--topic",
            "女职工权益保护",
            "-e",
            "甲",
            "-u",
            "乙",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(run.ok("negotiation", "show", REF, "--json").stdout)["topic"] == "女职工权益保护"


def test_article_history_and_diff_between_rounds(run: Cli) -> None:
    through_vote(run)
    out = run.ok("negotiation", "article", REF, "第一条 工资调整", "--diff", "1", "2").stdout
    assert "-增长8%" in out
    assert "+增长6%" in out
    data = json.loads(run.ok("negotiation", "article", REF, "第一条 工资调整", "--json").stdout)
    assert data["history"][0]["wage"] == {
        "increase_pct": "8",
        "minimum_wage": None,
        "currency": "CNY",
        "effective_on": None,
        "factors": ["cpi", "performance"],
    }


def test_a_tie_is_decided_by_a_person_from_the_cli(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(
        "negotiation",
        "round",
        REF,
        "--on",
        "2011-04-26",
        "--place",
        "室",
        "--chair",
        "陈志明",
        "--recorder",
        "刘洋",
    )
    run.ok("negotiation", "propose", REF, "-a", "第一条", "-s", "union", "--text", "甲")
    run.ok("negotiation", "agree", REF, "-a", "第一条")
    run.ok("negotiation", "draft", REF, "--on", "2011-06-10")
    tied = run.ok(
        "negotiation",
        "vote",
        REF,
        "--on",
        "2011-06-24",
        "--roll",
        "60",
        "--present",
        "60",
        "--yes",
        "30",
        "--no",
        "30",
    )
    assert "Vote: tied" in tied.stdout
    assert "--decide passed|rejected" in tied.stdout
    run.ok(
        "negotiation",
        "vote",
        REF,
        "--on",
        "2011-06-25",
        "--decide",
        "passed",
        "--reason",
        "主席团裁定",
    )
    vote = json.loads(run.ok("negotiation", "show", REF, "--json").stdout)["vote"]
    assert (vote["outcome"], vote["passed"], vote["decided"]["reason"]) == (
        "tied",
        True,
        "主席团裁定",
    )


def test_suspend_and_resume_show_the_agreed_date(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(
        "negotiation",
        "suspend",
        REF,
        "--on",
        "2011-04-21",
        "--until",
        "2011-05-05",
        "--reason",
        "等待经营数据",
    )
    view = json.loads(run.ok("negotiation", "show", REF, "--as-of", "2011-04-22", "--json").stdout)
    assert (view["stage"], view["next_deadline"]["due"]) == ("suspended", "2011-05-05")
    run.ok("negotiation", "resume", REF, "--on", "2011-05-05")
    assert json.loads(run.ok("negotiation", "show", REF, "--json").stdout)["stage"] == "negotiating"
