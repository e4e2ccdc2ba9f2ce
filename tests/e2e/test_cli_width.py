"""Tables fit the terminal: at COLUMNS=80 no line of deadlines or case show is wider than 80
cells, in English and in Chinese; a pipe or a file keeps whole lines."""

from __future__ import annotations

import pytest
import wcwidth

import bargaining
from tests.conftest import Cli

CASE = "CASE-2024-0007"
REQUEST = "工伤赔偿及拖欠工资，要求一次性支付工伤保险待遇、停工留薪期工资以及拖欠的三个月工资共计十八万元"
FACTS = "申请人刘某于2023年在项目部工地作业时受伤，经认定为工伤，项目部至今未支付任何工伤待遇，并拖欠其三个月工资。"
OFFERED = "一次性支付10万元，余款在工程结算后三个月内付清，双方对停工留薪期的计算仍有较大分歧"
NOTES = "分歧较大，申请人坚持按照十八万元全额支付，项目部认为停工留薪期应按六个月计算"
AS_OF = ("--as-of", "2024-03-12")


@pytest.fixture
def case(run: Cli) -> Cli:
    """A case whose request, facts, session and rules are long lines of Chinese and English."""
    run.ok(
        "body register LQ-TJWYH -t enterprise -n XX路桥公司劳动争议调解委员会 --enterprise XX路桥公司 --on 2024-01-10"
    )
    run.ok(
        "body roster LQ-TJWYH --worker 周建华,李卫东 --employer 王立新,孙红 --chair 周建华 --on 2024-01-10"
    )
    run.ok(
        "case",
        "open",
        CASE,
        *(
            "-c",
            "visit",
            "--received",
            "2024-03-07",
            "-a",
            "刘某",
            "-r",
            "绥宁绿洲大桥项目部",
            "-k",
            "work-injury",
        ),
        *(
            "--tag",
            "remuneration",
            "--amount",
            "180,000",
            "-b",
            "LQ-TJWYH",
            "--request",
            REQUEST,
            "--facts",
            FACTS,
        ),
    )
    run.ok(f"case accept {CASE} --on 2024-03-08 --both-agree")
    run.ok(f"case assign {CASE} -b LQ-TJWYH -m 周建华,王立新 --on 2024-03-08")
    run.ok(
        "case",
        "session",
        CASE,
        "--on",
        "2024-03-10",
        "--attended",
        "刘某,项目部,周建华",
        "--offered",
        OFFERED,
    )
    run.ok("case", "session", CASE, "--on", "2024-03-11", "--attended", "刘某,项目部", "--notes", NOTES)
    return run


def widest(text: str) -> int:
    return max(wcwidth.wcswidth(line) for line in text.split("\n"))


COMMANDS = {
    "case show": ("case", "show", CASE, *AS_OF),
    "deadlines": ("deadlines", "--within", "400", *AS_OF),
    "deadlines --met": ("deadlines", "--met", "--within", "400", *AS_OF),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_line_is_wider_than_80_cells_at_columns_80(
    case: Cli, command: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    try:
        out = case.ok("--lang", language, *COMMANDS[command]).stdout
    finally:
        bargaining.use_language("en")
    assert widest(out) <= 80, out
    assert "art." in out or "条" in out  # the rules are there, wrapped
    if command == "case show":
        shown = "".join(line.strip() for line in out.split("\n"))
        for text in (REQUEST, FACTS):
            assert text in shown  # wrapped, nothing lost


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_pipe_keeps_whole_lines(case: Cli, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = case.ok(*COMMANDS[command]).stdout  # captured: not a terminal
    assert widest(out) > 120
    assert (
        any(
            "15 calendar days after acceptance — PRC, Provisions on Negotiation and Mediation of Enterprise"
            " Labour Disputes art. 29" in line
            for line in out.split("\n")
        )
        or command == "deadlines --met"
    )


def test_a_wider_terminal_shows_the_same_table_as_a_pipe(case: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    whole = case.ok(*COMMANDS["deadlines"]).stdout
    monkeypatch.setenv("COLUMNS", str(widest(whole)))
    assert case.ok(*COMMANDS["deadlines"]).stdout == whole
