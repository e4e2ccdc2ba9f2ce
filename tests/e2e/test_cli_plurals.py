"""Counts in English read as English: "1 deadline", "2 deadlines", never "deadline(s)"; the
Chinese, which has one form, is the same for every number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

BOTH_SIDES = [
    "negotiation open X -k wage -e 某公司 -u 某公司工会 --on 2011-04-01",
    "negotiation request X --on 2011-04-08",
    "negotiation reply X --on 2011-04-18",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    run = Cli(tmp_path_factory.mktemp("plurals") / "store")
    run.ok("demo")
    return run


def test_the_board_and_the_deadlines_count_in_the_singular_and_the_plural(demo: Cli) -> None:
    assert demo.ok("board --all").stdout.splitlines()[-1] == "1 negotiation or contract."
    assert demo.ok("--lang zh board --all").stdout.splitlines()[-1] == "共 1 项集体协商和集体合同。"
    assert demo.ok("deadlines --as-of 2011-07-01 --within 5").stdout.splitlines()[-1] == "1 deadline."
    assert demo.ok("deadlines --as-of 2011-07-15 --within 10").stdout.splitlines()[-1] == "2 deadlines."
    assert demo.ok("deadlines --as-of 2011-07-08 --within 5").stdout.splitlines()[-1] == "0 deadlines."
    assert demo.ok("deadlines --met --within 1 --as-of 2011-07-05").stdout.splitlines()[-1] == (
        "1 deadline met in the day to 2011-07-05: 0 late."
    )
    assert demo.ok("deadlines --met --within 36500 --as-of 2012-01-01").stdout.splitlines()[-1] == (
        "5 deadlines met in the 36500 days to 2012-01-01: 0 late."
    )
    assert demo.ok("--lang zh deadlines --met --within 1 --as-of 2011-07-05").stdout.splitlines()[-1] == (
        "截至 2011-07-05 的 1 天内完成期限 1 项，其中逾期 0 项。"
    )


def test_a_roster_and_an_appointment_count_their_people(run: Cli) -> None:
    run.ok("body register JD -t township -n 街道调解分中心 --on 2024-01-10")
    assert run.ok("body roster JD --mediator 吴芳 --officer 陈明 --on 2024-01-10").stdout == (
        "JD: roster now 1 mediator, 1 officer.\n"
    )
    assert run.ok("body roster JD --mediator 李红 --on 2024-01-11").stdout == (
        "JD: roster now 2 mediators, 1 officer.\n"
    )
    assert run.ok("--lang zh body roster JD --mediator 王强 --on 2024-01-12").stdout == (
        "JD：现有调解员 3 名、预警员 1 名。\n"
    )
    for line in BOTH_SIDES:
        run.ok(line)
    out = run.ok("negotiation appoint X -s union --chief 甲 --member 乙,丙 --on 2011-04-20").stdout
    assert out.startswith("X: 3 union representatives appointed.")


def test_a_draft_names_how_many_articles_are_not_yet_agreed(run: Cli) -> None:
    for line in [
        *BOTH_SIDES,
        "negotiation appoint X -s union --chief 甲 --member 乙,丙 --on 2011-04-20",
        "negotiation appoint X -s employer --chief 丁 --member 戊,己 --on 2011-04-20",
        "negotiation round X --on 2011-04-26 --place 三楼会议室 --chair 甲 --recorder 刘洋",
        "negotiation propose X -a 第一条 -s union --text 增长8%",
    ]:
        run.ok(line)
    result = run("negotiation draft X --on 2011-06-10")
    assert (result.exit_code, result.stderr) == (1, "Error: draft: 1 article not yet agreed: 第一条\n")
    run.ok("negotiation propose X -a 第二条 -s union --text 八小时")
    result = run("negotiation draft X --on 2011-06-10")
    assert result.stderr == "Error: draft: 2 articles not yet agreed: 第一条, 第二条\n"
    result = run("--lang zh negotiation draft X --on 2011-06-10")
    assert result.stderr == "错误：draft: 2个条款尚未议定：第一条, 第二条\n"


def test_the_english_packet_counts_days_late(tmp_path: Path) -> None:
    from bargaining.packet.words import days

    assert [days(n, "en") for n in (1, 2)] == ["1 day", "2 days"]
    assert [days(n, "zh") for n in (1, 2)] == ["1日", "2日"]


def test_an_export_of_one_record_and_a_bonus_month_are_singular(demo: Cli, tmp_path: Path) -> None:
    cases, contracts = tmp_path / "cases.csv", tmp_path / "contracts.csv"
    assert demo.ok(f"export cases --out {cases}").stdout == f"1 case written to {cases} (sheets: cases)\n"
    assert demo.ok(f"export contracts --out {contracts}").stdout == (
        f"1 contract written to {contracts} (sheets: contracts)\n"
    )
    assert "已将 1 件案件写入" in demo.ok(f"--lang zh export cases --out {cases}").stdout
    show = demo.ok("negotiation cost DEMO-2011-WAGE").stdout
    assert "12,659,400.00 (12 + 1 bonus month)" in show
    assert "(12 + 1 bonus months)" not in show
