"""Ledgers as clerks keep them: each wrong answer a review found in the first import, now right.

Every test is a spreadsheet a federation could hand over (a running 序号 column, units in the
headings, merged cells, full-width punctuation, an agreed extension, a corrected record) and
what the store must then say.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from tests.conftest import Cli

HEADINGS = [
    "案件编号",
    "申请人",
    "被申请人",
    "争议类型",
    "受理日期",
    "结案日期",
    "处理结果",
    "涉及人数",
    "涉案金额",
]


def book(path: Path, rows: list[list[Any]], headings: list[str] = HEADINGS) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def case(run: Cli, reference: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run.ok(f"case show {reference} --json").stdout)
    return result


def test_a_running_serial_number_is_not_the_reference_and_a_named_column_wins(tmp_path: Path) -> None:
    path = book(
        tmp_path / "台账.xlsx",
        [[1, "2014-调-001", "张三", "某厂", "工伤", date(2014, 3, 5), None, None, 1, 1000]],
        ["序号", *HEADINGS],
    )
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    assert [c["reference"] for c in json.loads(run.ok("case list --json").stdout)] == ["2014-调-001"]


def test_units_in_headings_are_read_and_a_cell_says_its_unit_once(tmp_path: Path) -> None:
    headings = [
        "案件编号",
        "申请人",
        "被申请人",
        "争议类型",
        "受理日期",
        "涉及\n人数（人）",
        "涉案金额（万元）",
    ]
    path = book(
        tmp_path / "台账.xlsx",
        [
            ["A-1", "张三、李四", "某厂", "工伤", date(2014, 3, 5), 5, "1.5万元"],
            ["A-2", "王五", "某厂", "工伤", date(2014, 3, 5), "2人", 1.5],
        ],
        headings,
    )
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    first, second = case(run, "A-1"), case(run, "A-2")
    assert (first["workers_involved"], first["amount_claimed"]) == (5, "15000.00")
    assert (second["workers_involved"], second["amount_claimed"]) == (2, "15000.00")


def test_cells_merged_over_the_rows_of_one_dispute_belong_to_each_row(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    book(
        path,
        [
            [
                f"M-{n}",
                f"职工{n}",
                "某厂",
                "劳动报酬",
                date(2014, 3, 1),
                date(2014, 3, 10) if n == 1 else None,
            ]
            + (["调解成功"] if n == 1 else [None])
            + [1, 1000]
            for n in (1, 2, 3)
        ],
    )
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet.merge_cells("F2:F4")
    sheet.merge_cells("G2:G4")
    workbook.save(path)
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    assert [case(run, f"M-{n}")["status"] for n in (1, 2, 3)] == ["settled"] * 3


def test_text_is_kept_as_typed_and_a_stores_own_export_imports_into_it_as_nothing_new(tmp_path: Path) -> None:
    run = Cli(tmp_path / "store")
    run.ok("demo")
    path = book(
        tmp_path / "台账.xlsx",
        [
            [
                "F-1",
                "张三",
                "某公司（分厂）",
                "工伤",
                date(2014, 3, 5),
                None,
                None,
                1,
                None,
                "支付工资（含加班费）",
            ]
        ],
        [*HEADINGS, "请求事项"],
    )
    run.ok(f"import cases {path}")
    # A request is text, kept as typed; a name has one spelling, as the typed commands store it.
    assert case(run, "F-1")["request"] == "支付工资（含加班费）"
    assert case(run, "F-1")["respondent"] == "某公司(分厂)"
    run.ok(f"export cases --out {tmp_path / 'all.xlsx'}")
    events = run.events()
    again = json.loads(run.ok(f"import cases {tmp_path / 'all.xlsx'} --json").stdout)
    assert (again["imported"], again["unchanged"], again["problems"]) == (0, 2, [])
    assert run.events() == events


def test_dates_the_typed_commands_refuse_are_refused(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["D-1", "张三", "某厂", "工伤", date(2026, 11, 1), "2099-01-05", "调解成功", 1, None],
        ["D-2", "张三", "某厂", "工伤", "0214-03-05", None, None, 1, None],
        ["D-3", "张三", "某厂", "工伤", 2014, None, None, 1, None],
        ["D-4", "张三", "某厂", "工伤", 20140305, "2014-03-10 00:00:00", "调解成功", 1, None],
    ]
    run = Cli(tmp_path / "store")
    path = book(tmp_path / "台账.xlsx", rows)
    result = run(f"import cases {path} --skip-invalid")
    problems = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    assert any(p.startswith("row 2, 结案日期: 2099-01-05 is in the future") for p in problems), problems
    assert any(p.startswith("row 3, 受理日期: 0214-03-05 is not a plausible date") for p in problems), (
        problems
    )
    assert "row 4, 受理日期: 2014 is not a date" in problems
    assert not any(p.startswith("row 5") for p in problems)
    assert case(run, "D-4")["accepted_on"] == "2014-03-05"


def test_a_settlement_after_the_fifteen_days_needs_the_agreed_extension(tmp_path: Path) -> None:
    late = ["E-1", "张三", "某厂", "工伤", date(2014, 3, 5), date(2014, 4, 10), "调解成功", 1, None]
    run = Cli(tmp_path / "store")
    first = book(tmp_path / "台账.xlsx", [late])
    refused = run(f"import cases {first}")
    assert refused.exit_code == 1
    assert "row 2, 结案日期:" in refused.stderr
    path = book(tmp_path / "延长.xlsx", [[*late, date(2014, 4, 15)]], [*HEADINGS, "延长期限至"])
    run.ok(f"import cases {path}")
    shown = case(run, "E-1")
    assert (shown["status"], shown["closed_on"]) == ("settled", "2014-04-10")


def test_a_case_not_settled_keeps_nothing_only_an_agreement_has(tmp_path: Path) -> None:
    row = ["N-1", "张三", "某厂", "工伤", date(2014, 3, 5), date(2014, 3, 10), "调解不成", 1, None, 5000]
    path = book(tmp_path / "台账.xlsx", [row], [*HEADINGS, "协议金额"])
    result = Cli(tmp_path / "store")(f"import cases {path}")
    assert result.exit_code == 1
    assert "row 2, 协议金额: is filled in, but the case was not settled" in result.stderr


def test_a_contracts_term_and_its_expiry_must_agree_and_month_ends_are_counted_as_the_civil_code_does(
    tmp_path: Path,
) -> None:
    headings = ["合同编号", "企业名称", "合同类型", "签订日期", "生效日期", "期限", "到期日期"]
    rows = [
        ["K-1", "某厂", "综合", "2014-01-10", None, "3年", "2015-12-31"],
        ["K-2", "某厂", "综合", "2012-02-01", "2012-02-29", "3年", None],
    ]
    run = Cli(tmp_path / "store")
    path = book(tmp_path / "合同.xlsx", rows, headings)
    result = run(f"import contracts {path} --skip-invalid")
    assert (
        "row 2, 期限: 3年 from 2014-01-10 ends 2017-01-09, not 2015-12-31 as 到期日期 says" in result.stderr
    )
    assert json.loads(run.ok("contract show K-2 --json").stdout)["term_end"] == "2015-02-28"


def test_a_corrected_record_is_never_reverted_and_the_conflict_states_the_store(tmp_path: Path) -> None:
    row = ["C-1", "张三", "某厂", "工伤", date(2014, 3, 5), None, None, 1, "12600.50"]
    run = Cli(tmp_path / "store")
    first = book(tmp_path / "台账.xlsx", [row])
    run.ok(f"import cases {first}")
    run.ok("case correct C-1 1 --amount 12700.50 --reason 误录")
    again = run.ok(f"import cases {first}")
    assert "C-1 was corrected after it was imported: the store keeps the correction" in again.stderr
    assert case(run, "C-1")["amount_claimed"] == "12700.50"
    matching = book(tmp_path / "改.xlsx", [[*row[:8], "12700.50"]])
    assert "1 already in the store" in run.ok(f"import cases {matching}").stdout
    differing = book(tmp_path / "另.xlsx", [[*row[:8], "13000"]])
    other = run(f"import cases {differing}")
    assert other.exit_code == 1
    assert "涉案金额: 13000.00 ≠ 12700.50" in other.stderr


def test_hidden_sheets_are_left_unless_named(tmp_path: Path) -> None:
    workbook = Workbook()
    shown = workbook.active
    assert shown is not None
    shown.title = "2014"
    shown.append(HEADINGS)
    shown.append(["H-1", "张三", "某厂", "工伤", date(2014, 3, 5), None, None, 1, None])
    draft = workbook.create_sheet("草稿")
    draft.append(HEADINGS)
    draft.append(["H-2", "李四", "某厂", "工伤", date(2014, 3, 6), None, None, 1, None])
    draft.sheet_state = "hidden"
    workbook.save(tmp_path / "台账.xlsx")
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {tmp_path / '台账.xlsx'}")
    assert [c["reference"] for c in json.loads(run.ok("case list --json").stdout)] == ["H-1"]
    run.ok(f"import cases {tmp_path / '台账.xlsx'} --sheet 草稿")
    assert {c["reference"] for c in json.loads(run.ok("case list --json").stdout)} == {"H-1", "H-2"}


def test_text_that_looks_like_a_formula_is_exported_as_text(tmp_path: Path) -> None:
    run = Cli(tmp_path / "store")
    path = tmp_path / "台账.csv"
    path.write_text(
        "案件编号,申请人,被申请人,争议类型,受理日期,请求事项\nI-1,张三,某厂,工伤,2014-03-05,=支付工资\n",
        encoding="utf-8",
    )
    run.ok(f"import cases {path}")
    run.ok(f"export cases --out {tmp_path / 'out.xlsx'}")
    other = Cli(tmp_path / "other")
    other.ok(f"import cases {tmp_path / 'out.xlsx'}")
    assert case(other, "I-1")["request"] == "=支付工资"


def test_exporting_into_a_folder_that_does_not_exist_is_one_line(tmp_path: Path) -> None:
    result = Cli(tmp_path / "store")(f"export cases --out {tmp_path / 'nowhere' / 'x.xlsx'}")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: export.out: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_huge_csv_cell_is_the_rows_problem_and_every_row_wrong_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(
        "案件编号,申请人,被申请人,争议类型,受理日期,请求事项\n"
        f"B-1,张三,某厂,工伤,2014-03-05,{'很' * 200_000}\n",
        encoding="utf-8",
    )
    run = Cli(tmp_path / "store")
    result = run(f"import cases {path} --skip-invalid")
    assert result.exit_code == 1
    assert "row 2, " in result.stderr
    assert "Traceback" not in result.stderr
    assert run.events() == 0


def test_a_failure_written_up_after_the_fifteen_days_is_counted_on_the_last_day_and_said_so(
    tmp_path: Path,
) -> None:
    row = ["L-1", "张三", "某厂", "工伤", date(2014, 3, 5), date(2014, 4, 10), "调解不成", 1, None]
    run = Cli(tmp_path / "store")
    result = run.ok(f"import cases {book(tmp_path / 'late.xlsx', [row])}")
    assert (
        "row 2, 结案日期: failed after the mediation period ended: counted as failed on its last day, 2014-03-20"
        in result.stderr
    )
    assert case(run, "L-1")["closed_on"] == "2014-03-20"


def test_a_months_handling_rate_counts_its_carry_over_and_only_accepted_cases_close(tmp_path: Path) -> None:
    """B10: closed = accepted cases concluded in the period; handling rate = closed / (carried
    over + accepted). A case accepted on 25 January and settled on 5 February is February's
    carry-over and February's closing: 1 / (1 + 0) = 100%, not 1 / 0. A case withdrawn before
    it was accepted was never in mediation: it closes nothing, in any grouping."""
    path = tmp_path / "台账.csv"
    path.write_text(
        "案件编号,申请人,被申请人,争议类型,申请日期,受理日期,结案日期,处理结果\n"
        "R-1,张三,某厂,工伤,2014-01-24,2014-01-25,2014-02-05,调解成功\n"
        "R-2,李四,某厂,劳动报酬,2014-02-03,,2014-02-04,撤回\n",
        encoding="utf-8",
    )
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    stats = json.loads(run.ok("stats disputes --from 2014-01-01 --to 2014-12-31 --by month --json").stdout)
    february = next(r for r in stats["rows"] if r["group"] == "2014-02")
    assert (february["carried_over"], february["accepted"], february["closed"]) == (1, 0, 1)
    assert february["handling_rate"] == "100.0%"
    by_category = json.loads(
        run.ok("stats disputes --from 2014-01-01 --to 2014-12-31 --by category --json").stdout
    )
    remuneration = next(r for r in by_category["rows"] if r["group"] == "remuneration")
    assert (remuneration["received"], remuneration["closed"], remuneration["withdrawn"]) == (1, 0, 0)
    assert remuneration["handling_rate"] is None
    assert by_category["total"]["closed"] == 1
