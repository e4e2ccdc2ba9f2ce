"""The command line as a negotiator types it: exit codes, one-line errors, nothing written."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from cli.main import cli
from tests.conftest import Cli

REF = "CB-2011-001"
ROUND_1 = f"negotiation round {REF} --on 2011-04-26 --place 室 --chair 陈志明 --recorder 刘洋"


def seat_and_talk(run: Cli) -> None:
    run.ok(f"negotiation open {REF} -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01")
    run.ok(f"negotiation request {REF} --on 2011-04-08 --topics 工资调整")
    run.ok(f"negotiation reply {REF} --on 2011-04-18")
    union = "--chief 陈志明 --member 李红,王强 --title 工会主席"
    run.ok(f"negotiation appoint {REF} -s union {union} --on 2011-04-20")
    run.ok(f"negotiation appoint {REF} -s employer --chief 张伟 --member 赵敏 --member 钱进 --on 2011-04-20")


def drafted(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(f"{ROUND_1} --present 陈志明、李红、王强、张伟、赵敏、钱进 --minutes 第一轮：职工方提出方案")
    run.ok(
        f"negotiation propose {REF} -a '第一条 工资调整' -s union --text 增长8% --increase 8"
        " --factor cpi --factor performance"
    )
    run.ok(
        f"negotiation round {REF} --on 2011-05-10 --place 室 --chair 张伟 --recorder 刘洋 --minutes 第二轮"
    )
    run.ok(f"negotiation propose {REF} -a '第一条 工资调整' -s employer --text 增长6%")
    run.ok(f"negotiation agree {REF} -a '第一条 工资调整'")
    run.ok(f"negotiation draft {REF} --on 2011-06-10")


def through_vote(run: Cli) -> None:
    drafted(run)
    run.ok(
        f"negotiation vote {REF} --on 2011-06-24 --session 第三届 --roll 60 --present 45 --yes 38"
        " --no 5 --abstain 2"
    )


def one_article_drafted(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(ROUND_1)
    run.ok(f"negotiation propose {REF} -a 第一条 -s union --text 甲")
    run.ok(f"negotiation agree {REF} -a 第一条")
    run.ok(f"negotiation draft {REF} --on 2011-06-10")


def show(run: Cli, *options: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run.ok("negotiation", "show", REF, "--json", *options).stdout)  # type: ignore[no-any-return]


def test_a_negotiation_logged_from_the_cli_shows_every_field_in_json(run: Cli) -> None:
    through_vote(run)
    signed = run.ok(f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --years 1")
    assert "Next: submit for filing (3 copies + explanation): 2011-07-06" in signed.stdout
    run.ok(f"contract submit {REF} --on 2011-07-04 --to XX区社会劳动保障部门")
    run.ok(f"contract receipt {REF} --on 2011-07-05")
    view = show(run, "--as-of", "2011-07-10")
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
    run.ok(f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --term-end 2012-06-30")
    out = run.ok(f"negotiation show {REF} --as-of 2011-06-30").stdout
    assert "stage: signed" in out
    assert "2011-07-06 [open] — 7 calendar days after signing — PRC, Trial Measures for Wage" in out
    assert (
        "2011-07-11 [open] — 10 calendar days after signing — PRC, Provisions on Collective Contracts art. 42;"
        " 10 days end Sat 2011-07-09, a rest day: rolled to Mon 2011-07-11, Civil Code art. 203" in out
    )
    assert "陈志明" in out
    assert "第一条 工资调整" in out


def test_the_quorum_error_names_the_field_and_the_rule(run: Cli) -> None:
    one_article_drafted(run)
    before = run.events()
    result = run(f"negotiation vote {REF} --on 2011-06-24 --roll 90 --present 58 --yes 50 --no 8")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: vote.present: 58 of 90 is below the quorum of 2/3"
        " (PRC, Provisions on Collective Contracts art. 36);"
        " if the meeting was held, record it as held without quorum with --no-quorum\n"
    )
    assert result.stdout == ""
    assert run.events() == before


def test_a_meeting_below_the_quorum_is_recorded_as_held_only_when_told_so(run: Cli) -> None:
    one_article_drafted(run)
    held = run.ok(f"negotiation vote {REF} --on 2011-06-17 --roll 90 --present 58 --no-quorum")
    assert held.stdout.splitlines() == [
        "Vote: no quorum — quorum not met: 58 of 90 present (quorum 2/3 = 60)"
        " — PRC, Provisions on Collective Contracts art. 36",
        "The meeting is recorded as held without quorum (attempt 1); the draft stays: hold the vote again.",
        f"{REF}: vote recorded. Stage: draft.",
    ]
    board = json.loads(run.ok("board --json").stdout)
    assert [(r["stage"], r["vote"]) for r in board] == [("draft", "no quorum")]
    passed = run.ok(f"negotiation vote {REF} --on 2011-06-24 --roll 90 --present 61 --yes 50 --no 8")
    assert f"{REF}: vote recorded. Stage: ratified." in passed.stdout


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (
            "--roll 90 --present 60 --yes 50 --no 8 --no-quorum",
            "Error: vote.no-quorum: 60 of 90 present meets the quorum of 2/3 (60 needed, PRC, Provisions"
            " on Collective Contracts art. 36); record the vote without --no-quorum\n",
        ),
        (
            "--roll 90 --no-quorum",
            "Error: vote.present: a meeting held without quorum is recorded with --roll and --present\n",
        ),
        (
            "--decide passed --reason 无 --no-quorum",
            "Error: vote.no-quorum: a tie is decided on the vote that tied; leave out --no-quorum\n",
        ),
    ],
)
def test_no_quorum_that_the_facts_contradict_is_refused_and_writes_nothing(
    run: Cli, options: str, error: str
) -> None:
    one_article_drafted(run)
    before = run.events()
    result = run(f"negotiation vote {REF} --on 2011-06-24 {options}")
    assert (result.exit_code, result.stderr, result.stdout) == (1, error, "")
    assert run.events() == before


REJECTED = [
    # (what, the command after seat_and_talk, the start of the one error line)
    (
        "duplicate reference",
        f"negotiation open {REF} -k wage -e 甲 -u 乙",
        "Error: open.reference: CB-2011-001 already exists",
    ),
    (
        "malformed date",
        f"{ROUND_1.replace('2011-04-26', '2011-13-01')}",
        "Error: round.on: 2011-13-01 is not a date: there is no month 13",
    ),
    (
        "chair not a chief",
        ROUND_1.replace("--chair 陈志明", "--chair 李红"),
        "Error: round.chair: 李红 is not a chief representative",
    ),
    (
        "dual role",
        f"negotiation appoint {REF} -s employer --member 李红 --on 2011-04-21",
        "Error: appoint.name: 李红 already represents the union side",
    ),
    (
        "unknown kind",
        "negotiation open CB-2 -k salary -e 甲 -u 乙",
        "Error: open.kind: 'salary' is not one of",
    ),
    (
        "negative count",
        f"negotiation vote {REF} --on 2011-06-24 --roll -5",
        "Error: vote.roll: -5 must be between 0",
    ),
    (
        "vote before a draft",
        f"negotiation vote {REF} --on 2011-06-24 --outcome passed",
        "Error: vote: cannot record a ratification vote while the negotiation is negotiating",
    ),
    (
        "sign before a vote",
        f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --years 1",
        "Error: sign: the draft has no passing ratification vote",
    ),
    (
        "future date",
        f"negotiation suspend {REF} --on 2099-01-01 --until 2099-02-01 --reason x",
        "Error: suspend.on: 2099-01-01 is in the future",
    ),
    (
        "withdraw unknown proposal",
        f"negotiation withdraw {REF} -p P9",
        "Error: withdraw.proposal: P9 is not a proposal of this negotiation",
    ),
    (
        "agree with no round",
        f"negotiation agree {REF} -a 第一条",
        "Error: agree.article: no proposal has been tabled",
    ),
    (
        "draft with nothing agreed",
        f"negotiation draft {REF} --on 2011-05-01",
        "Error: draft: no article has been negotiated",
    ),
    (
        "resume without suspension",
        f"negotiation resume {REF} --on 2011-05-01",
        "Error: resume: cannot resume while the negotiation is negotiating",
    ),
    (
        "contract before signing",
        f"contract submit {REF} --on 2011-07-04",
        "Error: submit.reference: no contract CB-2011-001 yet: the negotiation has not been signed; sign it first",
    ),
    (
        "receipt of an unknown contract",
        "contract receipt CB-404 --on 2011-07-04",
        "Error: receipt.reference: no such contract: CB-404",
    ),
    (
        "unknown negotiation",
        "negotiation reply CB-404 --on 2011-04-18",
        "Error: reply.reference: no such negotiation: CB-404",
    ),
]


@pytest.mark.parametrize(("what", "command", "error"), REJECTED, ids=[r[0] for r in REJECTED])
def test_a_rejected_command_exits_1_with_one_line_and_writes_nothing(
    run: Cli, what: str, command: str, error: str
) -> None:
    seat_and_talk(run)
    before = run.events()
    result = run(command)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(error), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert run.events() == before


def test_control_characters_in_text_are_refused(run: Cli) -> None:
    seat_and_talk(run)
    before = run.events()
    result = run(
        "negotiation", "suspend", REF, "--on", "2011-04-21", "--until", "2011-05-01", "--reason", "a\x1bb"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: suspend.reason: contains control characters (U+001B ESCAPE at position 2); remove them and retry\n",
    )
    assert run.events() == before


def test_contract_rejections_write_nothing(run: Cli) -> None:
    through_vote(run)
    run.ok(f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --years 1")
    run.ok(f"contract submit {REF} --on 2011-07-04")
    run.ok(f"contract receipt {REF} --on 2011-07-05")
    before = run.events()
    for command, error in [
        (
            f"objection {REF} --on 2011-07-21 --opinion 迟到的意见",
            "Error: objection.on: 2011-07-21 is outside",
        ),
        (f"publish {REF} --on 2011-07-19", "Error: publish.on: the contract is not in effect on 2011-07-19"),
        (
            f"renew {REF} --ref CB-2012-001 --on 2011-08-01",
            "Error: renew.on: the renewal window opens on 2012-05-01",
        ),
        (f"terminate {REF} --on 2011-07-30 --ground whim --reason x", "Error: terminate.ground: 'whim'"),
        (
            f"amend {REF} --ref CB-2011-002 --on 2011-07-10 --reason 提前",
            "Error: amend: only a contract in effect",
        ),
    ]:
        result = run(f"contract {command}")
        assert (result.exit_code, result.stderr.startswith(error)) == (1, True), result.stderr
    assert run.events() == before


def test_a_minutes_file_that_is_not_utf8_is_refused_with_a_hint(run: Cli, tmp_path: Path) -> None:
    seat_and_talk(run)
    minutes = tmp_path / "纪要.txt"
    minutes.write_bytes("第一轮会议纪要".encode("gbk"))
    before = run.events()
    result = run(f"{ROUND_1} --minutes-file {minutes}")
    assert result.exit_code == 1
    assert "is not UTF-8 text; save it as UTF-8" in result.stderr
    assert run.events() == before


def test_minutes_from_a_file_or_stdin_round_trip_exactly(run: Cli, tmp_path: Path) -> None:
    seat_and_talk(run)
    text = "一、双方介绍方案。\n二、职工方：增长8%；企业方：增长5%。\n三、下次会议：5月10日。"
    (tmp_path / "m.txt").write_text(text, encoding="utf-8")
    run.ok(f"{ROUND_1} --minutes-file {tmp_path / 'm.txt'}")
    run.ok(
        f"negotiation round {REF} --on 2011-05-10 --place 室 --chair 张伟 --recorder 刘洋 --minutes-file -",
        stdin=text + "\n四、散会。",
    )
    rounds = show(run)["rounds"]
    assert [r["minutes"] for r in rounds] == [text, text + "\n四、散会。"]


def test_who_recorded_comes_from_as_then_the_environment(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    run.ok(f"negotiation open {REF} -k wage -e 甲 -u 乙 --on 2011-04-01", actor="王芳")
    monkeypatch.setenv("BARGAINING_ACTOR", "环境变量")
    result = run.runner.invoke(
        cli, ["--store", str(run.store), "negotiation", "request", REF, "--on", "2011-04-08"]
    )
    assert result.exit_code == 0, result.output
    history = json.loads(run.ok(f"negotiation history {REF} --json").stdout)
    assert [h["by"] for h in history] == ["王芳", "环境变量"]


def test_the_store_can_come_from_the_environment(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARGAINING_STORE", str(run.store))
    argv = ["negotiation", "open", REF, "-k", "special", "--topic", "女职工权益保护", "-e", "甲", "-u", "乙"]
    result = run.runner.invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert show(run)["topic"] == "女职工权益保护"


def test_article_history_and_diff_between_rounds(run: Cli) -> None:
    drafted(run)
    out = run.ok(f"negotiation article {REF} '第一条 工资调整' --diff 1 2").stdout
    assert "-增长8%" in out
    assert "+增长6%" in out
    data = json.loads(run.ok(f"negotiation article {REF} '第一条 工资调整' --json").stdout)
    assert data["history"][0]["wage"] == {
        "increase_pct": "8",
        "minimum_wage": None,
        "currency": "CNY",
        "effective_on": None,
        "factors": ["cpi", "performance"],
        "raises": [],
        "one_off": None,
        "later": [],
    }


def test_a_tie_is_decided_by_a_person_from_the_cli(run: Cli) -> None:
    one_article_drafted(run)
    tied = run.ok(f"negotiation vote {REF} --on 2011-06-24 --roll 60 --present 60 --yes 30 --no 30")
    assert "Vote: tied" in tied.stdout
    assert "--decide passed|rejected" in tied.stdout
    run.ok(f"negotiation vote {REF} --on 2011-06-25 --decide passed --reason 主席团裁定")
    vote = show(run)["vote"]
    assert (vote["outcome"], vote["passed"], vote["decided"]["reason"]) == ("tied", True, "主席团裁定")


def test_suspend_and_resume_show_the_agreed_date(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(f"negotiation suspend {REF} --on 2011-04-21 --until 2011-05-05 --reason 等待经营数据")
    view = show(run, "--as-of", "2011-04-22")
    assert (view["stage"], view["next_deadline"]["due"]) == ("suspended", "2011-05-05")
    run.ok(f"negotiation resume {REF} --on 2011-05-05")
    assert show(run)["stage"] == "negotiating"


def test_replacing_a_representative_keeps_the_history(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(f"negotiation appoint {REF} -s union --member 周敏 --replaces 王强 --on 2011-04-22")
    names = [r["name"] for r in show(run)["representatives"] if r["side"] == "union"]
    assert names == ["陈志明", "李红", "周敏"]
    assert [r["name"] for r in show(run, "--as-of", "2011-04-21")["representatives"]][:3] == [
        "陈志明",
        "李红",
        "王强",
    ]


def test_a_store_locked_by_another_writer_exits_75_after_a_bounded_wait(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    seat_and_talk(run)
    before = run.events()
    monkeypatch.setenv("BARGAINING_LOCK_TIMEOUT", "1")
    other = sqlite3.connect(Path(run.store) / "negotiations.sqlite", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
        started = time.monotonic()
        result = run(ROUND_1)
        waited = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 75
    busy = "Error: store: the store is busy with another writer; nothing was recorded, retry\n"
    assert result.stderr == busy
    assert 0.9 < waited < 30
    assert run.events() == before
    run.ok(ROUND_1)  # once the other writer is done, the same command goes through


def test_minutes_with_windows_line_endings_are_kept_as_lines(run: Cli, tmp_path: Path) -> None:
    seat_and_talk(run)
    (tmp_path / "m.txt").write_bytes("第一行\r\n第二行\r\n".encode())
    run.ok(f"{ROUND_1} --minutes-file {tmp_path / 'm.txt'}")
    assert show(run)["rounds"][0]["minutes"] == "第一行\n第二行"


def test_an_implausible_date_is_an_input_error_naming_the_option(run: Cli) -> None:
    seat_and_talk(run)
    result = run(f"negotiation propose {REF} -a 第一条 -s union --text 甲 --round x")
    assert (result.exit_code, result.stderr) == (1, "Error: propose.round: 'x' is not a whole number\n")
    result = run(f"negotiation suspend {REF} --on 0001-01-01 --until 2011-05-01 --reason x")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: suspend.on: 0001-01-01 is not a plausible date (years 1900-2200)\n",
    )


def test_a_missing_option_is_one_line_pointing_at_the_help(run: Cli) -> None:
    result = run(f"negotiation appoint {REF} -s union --chief 甲")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: appoint.on: Missing option '--on'; see 'bargaining negotiation appoint --help'\n"
    )


def test_the_article_table_shows_wage_terms(run: Cli) -> None:
    drafted(run)
    out = run.ok(f"negotiation article {REF} '第一条 工资调整'").stdout
    assert "+8% · cpi, performance" in out
