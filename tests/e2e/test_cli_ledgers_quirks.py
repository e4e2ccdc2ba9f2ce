"""Ledgers as other offices save them: the encoding a CSV is in, a collective dispute's applicant
cell, references typed in another letter case, and the case ledger's free-text columns.

Each test is a file a clerk could hand over and what the store must then hold, or the one
line that says why nothing was written.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli

CASE_HEADINGS = "案件编号,申请人,被申请人,争议类型,受理日期"


def case(run: Cli, reference: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run.ok(f"case show {reference} --json").stdout)
    return result


def csv_file(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


# ------------------------------------------------------------------------------ encodings


def test_a_short_gb18030_csv_is_read_as_gb18030(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "台账.csv", [CASE_HEADINGS, "E-1,张三,某厂,工伤,2014-03-05"], "gb18030")
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    assert (case(run, "E-1")["applicants"], case(run, "E-1")["respondent"]) == (["张三"], "某厂")


@pytest.mark.parametrize(
    ("encoding", "lines"),
    [
        (
            "latin-1",
            [
                "reference,applicants,respondent,category,accepted",
                "E-1,Müller,Zürcher Bäckerei,work-injury,2014-03-05",
            ],
        ),
        (
            "big5",
            ["reference,applicants,respondent,category,accepted", "E-1,張三,某某公司,work-injury,2014-03-05"],
        ),
    ],
)
def test_a_csv_neither_utf8_nor_chinese_in_gb18030_asks_for_its_encoding(
    tmp_path: Path, encoding: str, lines: list[str]
) -> None:
    path = csv_file(tmp_path / "ledger.csv", lines, encoding)
    run = Cli(tmp_path / "store")
    result = run(f"import cases {path}")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: import.file: ledger.csv is not UTF-8")
    assert "--encoding" in result.stderr
    assert run.events() == 0
    run.ok(f"import cases {path} --encoding {encoding}")
    assert case(run, "E-1")["applicants"] == [lines[1].split(",")[1]]


# ---------------------------------------------------------------------- collective disputes

COLLECTIVE = [
    "案件编号,申请人,被申请人,争议类型,受理日期,涉及人数",
    "G-1,张三等5人,某厂,劳动报酬,2014-03-05,",
    "G-2,张三等五人,某厂,劳动报酬,2014-03-05,",
    "G-3,李四等12名职工,某厂,劳动报酬,2014-03-05,12",
    "G-4,王五、赵六等一百零五人,某厂,劳动报酬,2014-03-05,",
]


def test_an_applicant_cell_naming_one_for_many_is_the_applicant_and_the_workers_involved(
    tmp_path: Path,
) -> None:
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {csv_file(tmp_path / '台账.csv', COLLECTIVE, 'utf-8')}")
    found = {ref: case(run, ref) for ref in ("G-1", "G-2", "G-3", "G-4")}
    assert {ref: (c["applicants"], c["workers_involved"]) for ref, c in found.items()} == {
        "G-1": (["张三"], 5),
        "G-2": (["张三"], 5),
        "G-3": (["李四"], 12),
        "G-4": (["王五", "赵六"], 105),
    }


def test_an_applicant_cells_count_against_the_workers_column_is_reported_and_nothing_written(
    tmp_path: Path,
) -> None:
    lines = [*COLLECTIVE, "G-5,张三等5人,某厂,劳动报酬,2014-03-05,3"]
    run = Cli(tmp_path / "store")
    result = run(f"import cases {csv_file(tmp_path / '台账.csv', lines, 'utf-8')}")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    assert problems == ["row 6, 涉及人数: is 3, but 申请人 says 张三等5人"]
    assert run.events() == 0


def test_a_collective_dispute_round_trips_as_the_applicant_and_the_workers_involved(tmp_path: Path) -> None:
    source = Cli(tmp_path / "source")
    source.ok(f"import cases {csv_file(tmp_path / '台账.csv', COLLECTIVE, 'utf-8')}")
    out = tmp_path / "out.csv"
    source.ok(f"export cases --out {out}")
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    headings = rows[0].split(",")
    first = dict(zip(headings, rows[1].split(","), strict=True))
    assert (first["案件编号"], first["申请人"], first["涉及人数"]) == ("G-1", "张三", "5")
    target = Cli(tmp_path / "target")
    target.ok(f"import cases {out}")
    assert (case(target, "G-4")["applicants"], case(target, "G-4")["workers_involved"]) == (
        ["王五", "赵六"],
        105,
    )


# ------------------------------------------------------------------------------ letter case

CASES_UPPER = [CASE_HEADINGS, "C-01,张三,某厂,工伤,2014-03-05"]
CASES_LOWER = [CASE_HEADINGS, "c-01,张三,某厂,工伤,2014-03-05"]
CONTRACT_HEADINGS = "合同编号,企业名称,合同类型,签订日期,报送日期,收到日期,期限"
CONTRACTS_UPPER = [CONTRACT_HEADINGS, "HT-01,某厂,工资专项,2013-03-01,2013-03-05,2013-03-06,1年"]
CONTRACTS_LOWER = [CONTRACT_HEADINGS, "ht-01,某厂,工资专项,2013-03-01,2013-03-05,2013-03-06,1年"]


@pytest.mark.parametrize(
    ("kind", "upper", "lower", "listing"),
    [
        ("cases", CASES_UPPER, CASES_LOWER, "case list --json"),
        ("contracts", CONTRACTS_UPPER, CONTRACTS_LOWER, "board --all --json"),
    ],
)
def test_a_reference_in_another_letter_case_is_the_same_record_on_a_second_import(
    tmp_path: Path, kind: str, upper: list[str], lower: list[str], listing: str
) -> None:
    run = Cli(tmp_path / "store")
    run.ok(f"import {kind} {csv_file(tmp_path / 'first.csv', upper, 'utf-8')}")
    events = run.events()
    again = run.ok(f"import {kind} {csv_file(tmp_path / 'again.csv', lower, 'utf-8')} --json")
    report = json.loads(again.stdout)
    assert (report["imported"], report["unchanged"], report["problems"]) == (0, 1, [])
    assert run.events() == events
    assert [r["reference"] for r in json.loads(run.ok(listing).stdout)] == [upper[1].split(",")[0]]
    changed = [lower[0], lower[1].replace("某厂", "另一厂")]
    conflict = run(f"import {kind} {csv_file(tmp_path / 'changed.csv', changed, 'utf-8')}")
    assert conflict.exit_code == 1
    assert "exists with other facts" in conflict.stderr
    assert run.events() == events


@pytest.mark.parametrize(
    ("kind", "upper", "lower"),
    [("cases", CASES_UPPER, CASES_LOWER), ("contracts", CONTRACTS_UPPER, CONTRACTS_LOWER)],
)
def test_two_rows_of_one_file_whose_references_differ_in_letter_case_are_a_duplicate(
    tmp_path: Path, kind: str, upper: list[str], lower: list[str]
) -> None:
    run = Cli(tmp_path / "store")
    result = run(f"import {kind} {csv_file(tmp_path / 'both.csv', [*upper, lower[1]], 'utf-8')}")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    reference = lower[1].split(",")[0]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"row 3, {upper[0].split(',')[0]}: {reference} is ")
    assert "row 2" in problems[0]
    assert run.events() == 0


# ------------------------------------------------------------------ the case ledger's texts


def test_the_case_ledger_carries_the_mediator_the_terms_and_the_notes_and_round_trips(tmp_path: Path) -> None:
    source = Cli(tmp_path / "source")
    source.ok("body register TJ -t enterprise -n 某厂劳动争议调解委员会 --enterprise 某厂 --on 2024-01-10")
    source.ok("body roster TJ --worker 周建华 --employer 王立新 --chair 周建华 --on 2024-01-10")
    source.ok(
        "case open T-1 -c visit --received 2024-03-07 -a 刘某 -r 某厂 -k work-injury --request 工伤赔偿"
        " -b TJ --facts 2024年1月在车间受伤"
    )
    source.ok("case accept T-1 --on 2024-03-08 --both-agree")
    source.ok("case assign T-1 -b TJ -m 周建华 --on 2024-03-08")
    source.ok(
        "case settle T-1 --on 2024-03-20 --terms 一次性支付126000元 --amount 126000 --due 2024-04-05"
        " --method 银行转账 -m 周建华 --signed --sealed"
    )
    source.ok(
        "case open T-2 -c visit --received 2024-03-09 -a 李四 -r 某厂 -k remuneration --request 工资"
        " --facts 拖欠三个月工资"
    )
    first, xlsx = tmp_path / "first.csv", tmp_path / "first.xlsx"
    source.ok(f"export cases --out {first}")
    source.ok(f"export cases --out {xlsx}")
    with first.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["调解员"], r["协议内容"], r["备注"]) for r in rows] == [
        ("周建华", "一次性支付126000元", "2024年1月在车间受伤"),
        ("", "", "拖欠三个月工资"),
    ]
    for exported in (first, xlsx):
        target = Cli(tmp_path / f"target-{exported.suffix[1:]}")
        target.ok(f"import cases {exported}")
        again = tmp_path / f"again{exported.suffix}"
        target.ok(f"export cases --out {again}")
        assert cells(again) == cells(exported)


def cells(path: Path) -> list[list[Any]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.reader(file))
    return [list(row) for row in load_workbook(path).worksheets[0].iter_rows(values_only=True)]
