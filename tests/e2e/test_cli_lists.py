"""negotiation list, case list, body list: through the command line, on SQLite and PostgreSQL.

The same records, filters and searches give the same rows on both stores; Chinese text is
found by a plain substring, and comes back whole in JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from bargaining import Tracker
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import TODAY, Cli


@pytest.fixture
def federation(any_store: str) -> Cli:
    """Two bodies, four cases in different states, two negotiations: recorded through the API."""
    with Tracker(any_store, actor="测试员", today=TODAY) as t:
        m.settled(t)  # CASE-2024-0007, committee LQ-TJWYH: 工伤赔偿, settled
        m.street_centre(t)
        m.received(
            t,
            "CASE-2024-0008",
            received=date(2024, 3, 9),
            applicants=["Zhang San", "李四"],
            respondent="ACME 100%_Ltd",
            category="remuneration",
            tags=[],
            request="拖欠工资",
            facts="自2023年10月起未发工资",
            body=m.STREET,
        )
        m.received(
            t,
            "CASE-2024-0009",
            received=date(2024, 4, 2),
            request="解除劳动合同经济补偿",
            category="compensation",
        )
        t.cases.decline("CASE-2024-0009", on=date(2024, 4, 3), reason="被申请人不同意调解")
        m.received(
            t,
            "CASE-2024-0010",
            received=date(2024, 5, 6),
            request="确认劳动关系",
            category="labour-relationship",
            body=m.STREET,
        )
        t.cases.accept("CASE-2024-0010", on=date(2024, 5, 6), both_agree=True)
        t.cases.assign("CASE-2024-0010", on=date(2024, 5, 6), body=m.STREET, mediators=["吴芳"])
        t.cases.session(
            "CASE-2024-0010", on=date(2024, 5, 6), attendees=["刘某"], notes="申请人称工作期间受伤"
        )
        b.in_force(t, "CB-2011-001")
        b.negotiating(t, "CB-2012-007", kind="special")
        t.negotiations.round(
            "CB-2012-007",
            on=date(2012, 5, 4),
            place="会议室",
            chair=b.UNION[0],
            recorder=b.RECORDER,
            present=b.UNION + b.EMPLOYER,
            minutes="讨论女职工特殊保护\n下次会议：五月",
        )
    return Cli(any_store)


def rows(cli: Cli, command: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(cli.ok(f"{command} --json").stdout)
    return found


def refs(cli: Cli, command: str) -> list[str]:
    return [r["reference"] for r in rows(cli, command)]


def test_case_list_shows_every_case_newest_first_with_status_dates_and_parties(federation: Cli) -> None:
    shown = federation.ok("case list").stdout
    lines = shown.splitlines()
    assert lines[0].split() == [
        "reference",
        "status",
        "category",
        "received",
        "closed",
        "applicants",
        "respondent",
        "body",
    ]
    assert [line.split()[0] for line in lines[2:6]] == [
        "CASE-2024-0010",
        "CASE-2024-0009",
        "CASE-2024-0008",
        "CASE-2024-0007",
    ]
    assert lines[5].split()[:5] == ["CASE-2024-0007", "settled", "work-injury", "2024-03-07", "2024-03-20"]
    assert "刘某" in shown
    assert "绥宁绿洲大桥项目部" in shown
    assert lines[-1] == "4 cases, the last received first."
    found = {r["reference"]: r for r in rows(federation, "case list")}
    assert {ref: r["status"] for ref, r in found.items()} == {
        "CASE-2024-0010": "deemed failed",  # accepted on 6 May 2024: its 15 days are long past
        "CASE-2024-0009": "declined",
        "CASE-2024-0008": "received",
        "CASE-2024-0007": "settled",
    }
    assert found["CASE-2024-0010"]["closed_on"] == found["CASE-2024-0010"]["deadline"]  # as case show says
    settled = found["CASE-2024-0007"]
    assert (settled["amount_claimed"], settled["amount_agreed"], settled["closed_on"]) == (
        "180000.00",
        "126000.00",
        "2024-03-20",
    )
    assert found["CASE-2024-0008"]["applicants"] == ["Zhang San", "李四"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("--status settled", ["CASE-2024-0007"]),
        ("--status declined", ["CASE-2024-0009"]),
        ("--status closed", ["CASE-2024-0010", "CASE-2024-0009", "CASE-2024-0007"]),
        ("-k remuneration", ["CASE-2024-0008"]),
        ("--category work-injury --body LQ-TJWYH", ["CASE-2024-0007"]),
        ("-b JD-TJFZX", ["CASE-2024-0010", "CASE-2024-0008"]),
        ("--employer acme", ["CASE-2024-0008"]),  # Latin letters in any case
        ("--employer '100%_'", ["CASE-2024-0008"]),  # % and _ are characters, not wildcards
        ("--employer '%'", ["CASE-2024-0008"]),
        ("--employer 项目部", ["CASE-2024-0010", "CASE-2024-0009", "CASE-2024-0007"]),
        ("--from 2024-03-08 --to 2024-04-02", ["CASE-2024-0009", "CASE-2024-0008"]),
        ("--from 2024-05-01", ["CASE-2024-0010"]),
        ("--status open", ["CASE-2024-0008"]),
        ("--status 'deemed failed'", ["CASE-2024-0010"]),
        ("--search 工伤", ["CASE-2024-0007"]),  # in the request 工伤赔偿: no word segmentation
        ("--search 受伤", ["CASE-2024-0010"]),  # a session's notes
        ("--search 12.6万", ["CASE-2024-0007"]),  # what a session offered
        ("--search 王立新", ["CASE-2024-0007"]),  # a mediator
        ("--search 一次性支付", ["CASE-2024-0007"]),  # the terms agreed
        ("--search 未发工资", ["CASE-2024-0008"]),  # the facts
        ("--search 'zhang san'", ["CASE-2024-0008"]),
        ("--search ＺＨＡＮＧ", ["CASE-2024-0008"]),  # full-width letters, as a Chinese keyboard types them
        ("--search 工资 --status received", ["CASE-2024-0008"]),
        ("--search 工资 --from 2024-04-01", []),
        ("--search 'Zhang San 李四'", []),  # two applicants are two parts, never one text
        ("--search 100%", ["CASE-2024-0008"]),
        ("--search _", ["CASE-2024-0008"]),
        ("--search 绥宁 --limit 1", ["CASE-2024-0010"]),
    ],
)
def test_case_list_filters_and_searches(federation: Cli, options: str, expected: list[str]) -> None:
    assert refs(federation, f"case list {options}") == expected


def test_a_long_list_shows_the_newest_and_says_how_many_more(federation: Cli) -> None:
    shown = federation.ok("case list --limit 2").stdout
    assert [line.split()[0] for line in shown.splitlines()[2:4]] == ["CASE-2024-0010", "CASE-2024-0009"]
    assert (
        shown.splitlines()[-1]
        == "2 of 4 cases, the last received first; --limit N shows more, --all every one."
    )
    searched = federation.ok("case list --search 绥宁 --limit 1").stdout
    assert searched.splitlines()[-1].startswith("1 of 3 cases")
    assert len(rows(federation, "case list")) == 4  # JSON: every match, with no --limit
    assert federation.ok("case list --search 找不到").stdout == "No case matches.\n"


def test_the_table_shows_thirty_unless_told(tmp_path: Any) -> None:
    store = str(tmp_path / "store")
    with Tracker(store, actor="测试员", today=TODAY) as t:
        for n in range(33):
            m.received(t, f"CASE-{n:04d}", received=date(2024, 1, 1 + n % 28))
    cli = Cli(store)
    shown = cli.ok("case list").stdout.splitlines()
    assert len(shown) == 2 + 30 + 2
    assert shown[-1] == "30 of 33 cases, the last received first; --limit N shows more, --all every one."
    assert len(cli.ok("case list --all").stdout.splitlines()) == 2 + 33 + 2
    assert len(rows(cli, "case list")) == 33
    assert len(list(csv.DictReader(io.StringIO(cli.ok("case list --csv").stdout)))) == 33
    assert len(rows(cli, "case list --limit 5")) == 5


def test_json_and_csv_carry_chinese_text_whole_and_give_the_same_rows(federation: Cli) -> None:
    as_json = rows(federation, "case list --search 工资")
    as_csv = list(csv.DictReader(io.StringIO(federation.ok("case list --search 工资 --csv").stdout)))
    assert [r["reference"] for r in as_csv] == [r["reference"] for r in as_json] == ["CASE-2024-0008"]
    assert as_json[0]["request"] == as_csv[0]["request"] == "拖欠工资"
    assert as_csv[0]["applicants"] == "、".join(as_json[0]["applicants"]) == "Zhang San、李四"
    assert as_csv[0]["respondent"] == "ACME 100%_Ltd"


@pytest.mark.parametrize(
    ("command", "field", "allowed"),
    [
        (
            "case list --status bogus",
            "list.status",
            "received (待受理), accepted (已受理), deemed failed (视为调解不成)",
        ),
        (
            "case list --category bogus",
            "list.category",
            "labour-contract (劳动合同), remuneration (劳动报酬)",
        ),
        (
            "negotiation list --status bogus",
            "list.status",
            "opened (已建档), requested (已收到协商要求), refused (已拒绝协商)",
        ),
        ("negotiation list --kind bogus", "list.kind", "wage (工资专项集体合同), comprehensive (集体合同)"),
    ],
)
def test_a_wrong_word_is_one_line_naming_the_field_and_the_words_allowed(
    run: Cli, command: str, field: str, allowed: str
) -> None:
    result = run(command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {field}: 'bogus' is not one of: {allowed}")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("command", "starts"),
    [
        (
            "case list --from 2024-05-01 --to 2024-01-01",
            "Error: list.to: 2024-01-01 is before --from 2024-05-01",
        ),
        ("case list --all --limit 3", "Error: list.all: "),
        ("case list --json --csv", "Error: output: "),
        ("case list --limit 0", "Error: list.limit: 0 must be between 1"),
        ("case list --from 2024-02-30", "Error: list.from: 2024-02-30 is not a date"),
        ("negotiation list --search " + "长" * 201, "Error: list.search: is 201 characters long"),
    ],
)
def test_bad_input_is_refused_in_one_line(run: Cli, command: str, starts: str) -> None:
    result = run(command)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(starts), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_negotiation_list_filters_and_searches(federation: Cli) -> None:
    shown = federation.ok("negotiation list").stdout
    assert shown.splitlines()[0].split() == [
        "reference",
        "kind",
        "stage",
        "opened",
        "signed",
        "expires",
        "employer",
        "union",
    ]
    assert shown.splitlines()[-1] == "2 negotiations, the last opened first."
    found = {r["reference"]: r for r in rows(federation, "negotiation list")}
    assert found["CB-2011-001"]["signed_on"] == "2011-06-29"
    assert found["CB-2012-007"]["stage"] == "negotiating"
    assert refs(federation, "negotiation list --status negotiating") == ["CB-2012-007"]
    assert refs(federation, "negotiation list -k wage") == ["CB-2011-001"]
    assert refs(federation, "negotiation list --employer xx有限") == ["CB-2012-007", "CB-2011-001"]
    assert refs(federation, "negotiation list --search 女职工特殊保护") == [
        "CB-2012-007"
    ]  # a round's minutes
    assert refs(federation, "negotiation list --search '特殊保护 下次'") == [
        "CB-2012-007"
    ]  # a line break: a space
    assert refs(federation, "negotiation list --search 赵敏") == [
        "CB-2012-007",
        "CB-2011-001",
    ]  # a representative
    assert refs(federation, "negotiation list --search 工会 --status negotiating") == ["CB-2012-007"]
    assert refs(federation, "negotiation list --from 2011-04-01 --to 2011-04-01") == [
        "CB-2012-007",
        "CB-2011-001",
    ]
    assert refs(federation, "negotiation list --to 2011-03-31") == []
    assert refs(federation, "negotiation list --search 没有") == []
    as_csv = list(csv.DictReader(io.StringIO(federation.ok("negotiation list --csv").stdout)))
    assert [r["employer"] for r in as_csv] == ["广州XX有限公司", "广州XX有限公司"]


def test_body_list_shows_each_body_with_its_roster_and_open_cases(federation: Cli) -> None:
    shown = federation.ok("body list").stdout
    assert "XX路桥公司劳动争议调解委员会" in shown
    assert "周建华、李卫东、王立新、孙红" in shown
    assert shown.splitlines()[-1] == "2 mediation bodies."
    found = {r["reference"]: r for r in rows(federation, "body list")}
    committee, street = found[m.BODY], found[m.STREET]
    assert (committee["type"], committee["enterprise"], committee["registered_on"]) == (
        "enterprise",
        "XX路桥公司",
        "2024-01-10",
    )
    assert (committee["chair"], committee["members"], committee["open_cases"]) == ("周建华", 4, 0)
    assert (street["mediators"], street["officers"], street["members"], street["open_cases"]) == (
        ["吴芳"],
        ["陈明"],
        2,
        1,
    )
    assert "JD-TJFZX" in shown
    assert "吴芳" in shown
    assert (
        next(iter(csv.DictReader(io.StringIO(federation.ok("body list --csv").stdout))))["officers"] == "陈明"
    )


def test_an_empty_store_lists_nothing_and_says_so(run: Cli) -> None:
    assert run.ok("case list").stdout == "No case recorded yet.\n"
    assert run.ok("negotiation list --status signed").stdout == "No negotiation matches.\n"
    assert run.ok("body list").stdout == "No mediation body registered yet.\n"
    assert run.ok("case list --json").stdout == "[]\n"
