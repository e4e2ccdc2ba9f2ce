"""Ledgers in and out through the command line: import and export of cases and contracts.

The round trip is the proof: a store's cases and contracts exported, then imported into an
empty store (SQLite and PostgreSQL), give the same statistics, deadlines and contract board.
The hand-kept ledgers' quirks (a GB18030 CSV, merged heading cells, blank trailing rows, dates
and numbers typed as text, ¥ and thousands separators) are each read right or reported with
their row and column; nothing is written while any row is wrong, and nothing twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from bargaining.store.location import Store
from bench.workload import generate
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
    "协议金额",
]
PERIOD = "--from 2000-01-01 --to 2026-12-31"
# The board's columns a contract ledger carries (a negotiation's rounds and votes it does not).
CONTRACT_COLUMNS = (
    "reference",
    "kind",
    "employer",
    "stage",
    "signed_on",
    "effective_on",
    "expires_on",
    "next_deadline",
    "due",
)


def _json(run: Cli, command: str) -> Any:
    return json.loads(run.ok(command).stdout)


def reports(run: Cli) -> dict[str, Any]:
    """What the round trip must keep: the statistics, the deadlines and the contracts' board."""
    board = _json(run, "board --all --json")
    return {
        "disputes": _json(run, f"stats disputes {PERIOD} --json"),
        "by category": _json(run, f"stats disputes {PERIOD} --by category --json"),
        "by body": _json(run, f"stats disputes {PERIOD} --by body --json"),
        "by month": _json(run, "stats disputes --from 2015-01-01 --to 2025-12-31 --by month --json"),
        "contracts": _json(run, "stats contracts --json"),
        "deadlines": _json(run, "deadlines --within 36500 --json"),
        "board": [{k: row.get(k) for k in CONTRACT_COLUMNS} for row in board if row.get("signed_on")],
    }


def round_trip(source: Cli, target: Cli, tmp_path: Path, suffix: str = ".xlsx") -> None:
    cases, contracts = tmp_path / f"cases{suffix}", tmp_path / f"contracts{suffix}"
    source.ok(f"export cases --out {cases}")
    source.ok(f"export contracts --out {contracts}")
    target.ok(f"import cases {cases}")
    target.ok(f"import contracts {contracts}")
    assert reports(target) == reports(source)


def test_the_demo_round_trips_through_its_ledgers(any_store: str, tmp_path: Path) -> None:
    source = Cli(tmp_path / "source")
    source.ok("demo")
    # A case still awaiting the decision to accept, and one withdrawn before it: no acceptance.
    source.ok("case open W-1 -c visit --received 2026-11-02 -a 李四 -r 某厂 -k 工伤 --request 工伤待遇")
    source.ok("case open W-2 -c letter --received 2026-10-02 -a 王五 -r 某厂 -k 劳动报酬 --request 工资")
    source.ok("case withdraw W-2 --on 2026-10-03 --reason 已自行和解")
    round_trip(source, Cli(any_store), tmp_path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 3,000 cases and 300 negotiations with their contracts, as the bench makes them."""
    where = tmp_path_factory.mktemp("generated") / "store"
    generate(Store(where), negotiations=300, cases=3000)
    return where


def test_a_generated_store_round_trips_through_xlsx(generated: Path, any_store: str, tmp_path: Path) -> None:
    round_trip(Cli(generated), Cli(any_store), tmp_path)


def test_a_generated_store_round_trips_through_csv(generated: Path, tmp_path: Path) -> None:
    round_trip(Cli(generated), Cli(tmp_path / "target"), tmp_path, ".csv")


def test_the_exported_ledger_has_real_dates_numbers_and_a_frozen_heading(
    generated: Path, tmp_path: Path
) -> None:
    out = tmp_path / "台账.xlsx"
    Cli(generated).ok(f"export cases --out {out} --by-year")
    book = load_workbook(out)
    assert book.sheetnames[0] == "2015"
    assert len(book.sheetnames) >= 10
    sheet = book["2015"]
    assert sheet.freeze_panes == "A2"
    heading = [c.value for c in sheet[1]]
    assert heading[:4] == ["案件编号", "申请人", "被申请人", "争议类型"]
    first = list(sheet[2])
    assert isinstance(first[4].value, date | type(None))
    assert first[4].number_format == "yyyy-mm-dd"
    claimed = first[heading.index("涉案金额")]
    assert isinstance(claimed.value, int | float)
    assert claimed.number_format == "#,##0.00"
    english = tmp_path / "ledger.xlsx"
    Cli(generated).ok(f"export cases --out {english} --lang en")
    english_sheet = load_workbook(english).worksheets[0]
    assert [c.value for c in english_sheet[1]][:2] == ["reference", "applicants"]


def _ledger(path: Path, rows: list[list[Any]], *, title: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2014"
    if title:
        sheet.append(["2014年劳动争议调解台账"])
        sheet.merge_cells("A1:J1")
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    sheet.append([None] * 10)  # blank rows after the data, and a totals row
    sheet.append([None] * 10)
    sheet.append(["合计", None, None, None, None, None, None, 3])
    book.save(path)
    return path


GOOD: list[list[Any]] = [
    [
        "2014-调-001",
        "张三、李四",
        "某某公司",
        "工伤",
        date(2014, 3, 5),
        "2014/3/12",
        "调解成功",
        "2",
        "¥12,600.00",
        10000,
    ],
    [
        "2014-调-002",
        "王五",
        "某某公司",
        "劳动报酬",
        "2014年3月6日",
        "20140320",
        "调解不成",
        1,
        "1.2万元",
        None,
    ],
    ["2014-调-003", "赵六", "某厂", "社会保险", "2014-03-07", None, None, "3人", None, None],
]


def test_a_hand_kept_ledger_is_read_as_typed(tmp_path: Path) -> None:
    run = Cli(tmp_path / "store")
    result = run.ok(f"import cases {_ledger(tmp_path / '台账.xlsx', GOOD, title=True)}")
    assert "3 rows read: 3 imported" in result.stdout
    cases = {c["reference"]: c for c in _json(run, "case list --json")}
    first = _json(run, "case show 2014-调-001 --json")
    assert first["applicants"] == ["张三", "李四"]
    assert first["amount_claimed"] == "12600.00"
    assert first["status"] == "settled"
    assert first["agreement"]["amount_agreed"] == "10000.00"
    second = _json(run, "case show 2014-调-002 --json")
    assert (second["status"], second["amount_claimed"], second["accepted_on"]) == (
        "failed",
        "12000.00",
        "2014-03-06",
    )
    assert _json(run, "case show 2014-调-003 --json")["workers_involved"] == 3
    assert set(cases) == {"2014-调-001", "2014-调-002", "2014-调-003"}
    timeline = run.ok("timeline 2014-调-001").stdout
    assert "台账.xlsx" in timeline


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    bad = [
        *GOOD,
        ["2014-调-004", "孙七", "某厂", "打架", "2014-02-30", None, None, "二", "abc", None],
        ["2014-调-001", "周八", "某厂", "工伤", "2014-03-08", None, None, 1, None, None],
    ]
    run = Cli(tmp_path / "store")
    path = _ledger(tmp_path / "台账.xlsx", bad)
    for command in (f"import cases {path} --dry-run", f"import cases {path}"):
        result = run(command)
        assert result.exit_code == 1
        problems = [line for line in result.stderr.splitlines() if line.startswith("row ")]
        assert problems == [
            "row 5, 争议类型: 打架 is not a dispute category this import knows: 劳动合同、劳动报酬、社会保险、工伤、解除劳动关系、确认劳动关系、劳动条件、经济补偿、集体合同、其他",
            "row 5, 受理日期: 2014-02-30 is not a date",
            "row 5, 涉及人数: 二 is not a whole number",
            "row 5, 涉案金额: abc is not an amount of money",
            "row 6, 案件编号: 2014-调-001 is also the reference of row 2",
        ]
        assert run.events() == 0
    result = run(f"import cases {path} --skip-invalid")
    assert result.exit_code == 0
    assert "3 imported" in result.stdout
    rejects = (tmp_path / "台账.invalid.csv").read_text(encoding="utf-8-sig")
    assert "2014-调-004" in rejects
    assert "2014-02-30 is not a date" in rejects
    assert "2014-调-002" not in rejects


def test_importing_again_adds_nothing_and_a_changed_row_is_a_conflict(tmp_path: Path) -> None:
    run = Cli(tmp_path / "store")
    path = _ledger(tmp_path / "台账.xlsx", GOOD)
    run.ok(f"import cases {path}")
    events = run.events()
    again = run.ok(f"import cases {path}")
    assert "0 imported, 3 already in the store" in again.stdout
    assert run.events() == events
    changed = [[*GOOD[0][:8], "¥126,000.00", 10000], *GOOD[1:]]
    result = run(f"import cases {_ledger(tmp_path / '改.xlsx', changed)}")
    assert result.exit_code == 1
    assert run.events() == events
    assert (
        "row 2, 案件编号: 2014-调-001 exists with other facts (涉案金额: 126000.00 ≠ 12600.00"
        in result.stderr
    )


def test_an_import_stopped_half_way_and_run_again_ends_with_each_row_once(tmp_path: Path) -> None:
    rows = [
        [
            f"2014-调-{n:03d}",
            f"职工{n}",
            "某厂",
            "工伤",
            date(2014, 1, 1 + n % 28),
            None,
            None,
            1,
            n * 100,
            None,
        ]
        for n in range(1, 1201)
    ]
    path = _ledger(tmp_path / "台账.xlsx", rows)
    run = Cli(tmp_path / "store")
    first = tmp_path / "first.xlsx"
    _ledger(first, rows[:500])  # what a first run stopped after one batch had saved
    run.ok(f"import cases {first}")
    result = run.ok(f"import cases {path} --json")
    report = json.loads(result.stdout)
    assert (report["imported"], report["unchanged"]) == (700, 500)
    assert _json(run, f"stats disputes {PERIOD} --json")["total"]["accepted"] == 1200


def test_a_gb18030_csv_from_excel_is_read(tmp_path: Path) -> None:
    text = "\r\n".join(
        [
            "案件编号,申请人,被申请人,争议类型,受理日期,结案日期,处理结果,涉及人数,涉案金额",
            '2014-调-001,张三,某某公司,工伤,2014/3/5,2014/3/12,调解成功,2,"12,600.00"',
        ]
    )
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode("gb18030"))
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    assert _json(run, "case show 2014-调-001 --json")["respondent"] == "某某公司"
    wrong = run(f"import cases {path} --encoding utf-8")
    assert wrong.exit_code == 1
    assert "give --encoding" in wrong.stderr


def test_a_contract_ledger_with_only_the_day_it_took_effect_is_in_force_from_it(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["合同编号", "企业名称", "合同类型", "签订日期", "报送日期", "生效日期", "期限"])
    sheet.append(
        ["HT-2013-001", "广州某某有限公司", "工资专项", "2013-03-01", "2013-03-05", "2013-03-21", "1年"]
    )
    book.save(tmp_path / "合同.xlsx")
    run = Cli(tmp_path / "store")
    run.ok(f"import contracts {tmp_path / '合同.xlsx'}")
    shown = _json(run, "contract show HT-2013-001 --json")
    assert (shown["effective_on"], shown["term_end"]) == ("2013-03-21", "2014-03-20")


def test_the_seeds_street_centre_year_gives_the_succeeded_cases_figures(tmp_path: Path) -> None:
    """篇10: "成功调处劳资纠纷14件，其中劳动合同3件，工资纠纷3件，工伤纠纷5件，其它3件，涉及职工32人次，
    涉案金额294万元，调处率100%，成功率达90%以上". The 14 succeeded of 15 closed (14/15 = 93.3%); the
    32 workers and ¥2,940,000 are the succeeded cases' own: 13 cases of 2 workers and one of 6
    (26 + 6 = 32), 13 claims of ¥200,000 and one of ¥340,000 (2,600,000 + 340,000). The one
    failed case's 4 workers and ¥50,000 are not among them, though all 36 workers count as
    involved in the accepted cases."""
    categories = ["劳动合同"] * 3 + ["工资"] * 3 + ["工伤"] * 5 + ["其他"] * 3
    lines = ["案件编号,申请人,被申请人,争议类型,受理日期,结案日期,处理结果,涉及人数,涉案金额（万元）"]
    for n, category in enumerate(categories, start=1):
        workers, amount = (6, 34) if n == 14 else (2, 20)
        lines.append(
            f"2012-街调-{n:02d},职工{n}甲、职工{n}乙,企业{n},{category},2012-03-{n:02d},2012-03-{n + 9:02d},调解成功,{workers},{amount}"
        )
    lines.append("2012-街调-15,职工15,企业15,劳动报酬,2012-04-01,2012-04-10,调解不成,4,5")
    path = tmp_path / "街道调解分中心2012.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    total = _json(run, "stats disputes --from 2012-01-01 --to 2012-12-31 --json")["total"]
    assert (total["closed"], total["succeeded"], total["success_rate"], total["handling_rate"]) == (
        15,
        14,
        "93.3%",
        "100.0%",
    )
    assert total["workers"] == 36
    assert total["by_outcome"]["succeeded"] == {
        "cases": 14,
        "workers": 32,
        "amount_claimed": "2940000.00",
        "amount_agreed": "0.00",
    }
    assert total["by_outcome"]["failed"] == {"cases": 1, "workers": 4, "amount_claimed": "50000.00"}
    by_category = _json(run, "stats disputes --from 2012-01-01 --to 2012-12-31 --by category --json")["rows"]
    assert {r["group"]: r["succeeded"] for r in by_category} == {
        "labour-contract": 3,
        "remuneration": 3,
        "work-injury": 5,
        "other": 3,
    }
    table = run.ok("stats disputes --from 2012-01-01 --to 2012-12-31").stdout
    assert re.search(r"succeeded\s+14\s+32\s+2940000\.00", table)
    csv_text = run.ok("stats disputes --from 2012-01-01 --to 2012-12-31 --csv").stdout
    header, total_row = csv_text.splitlines()[0].split(","), csv_text.splitlines()[-1].split(",")
    assert total_row[header.index("succeeded_workers")] == "32"
    assert total_row[header.index("succeeded_claimed")] == "2940000.00"
    out = tmp_path / "调解统计2012.xlsx"
    run.ok(f"export stats --year 2012 --out {out}")
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    heading = rows[0]
    by_group = {r[0]: dict(zip(heading, r, strict=True)) for r in rows[1:] if r[0] and r[1] is not None}
    assert {k: v["调解成功"] for k, v in by_group.items()} == {
        "劳动合同": 3,
        "劳动报酬": 3,
        "工伤": 5,
        "其他": 3,
        "合计": 14,
    }
    assert (by_group["合计"]["成功件涉及职工人次"], by_group["合计"]["成功件涉案金额"]) == (32, 2940000)
    assert any(r[0] and str(r[0]).startswith("调处率") for r in rows)
    assert [s.title for s in book.worksheets] == ["按类别", "按调解组织", "按月"]


def test_docs_ledgers_md_is_the_table_the_import_reads() -> None:
    from bargaining.ledgers.headings import ledgers_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "ledgers.md"
    assert docs.read_text(encoding="utf-8") == ledgers_markdown(), (
        "run 'make docs' and commit docs/ledgers.md"
    )


def test_an_import_killed_while_it_saves_and_run_again_ends_with_each_row_once(tmp_path: Path) -> None:
    """The installed command, killed (SIGKILL) once its first batch is in the store: whole batches
    only are left, and the same import run again adds the rest, each row once. (On a machine
    fast enough to finish before the kill, the second run finds every row and adds nothing:
    the end is the same.)"""
    import sqlite3
    import subprocess
    import sys
    import time

    from bench.ledgers import ledger

    path = ledger(tmp_path / "台账.xlsx", 3000)
    store = tmp_path / "store"
    script = Path(sys.executable).parent / "bargaining"
    env = {**os.environ, "BARGAINING_STORE": str(store), "BARGAINING_ACTOR": "导入员"}
    running = subprocess.Popen(
        [str(script), "import", "cases", str(path)], env=env, stdout=subprocess.DEVNULL
    )
    events = store / "mediation.sqlite"
    saved = 0
    try:
        while running.poll() is None and not saved:
            if events.exists():
                with (
                    contextlib.suppress(sqlite3.OperationalError),  # the file is being created
                    contextlib.closing(sqlite3.connect(f"file:{events}?mode=ro", uri=True)) as db,
                ):
                    saved = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
            time.sleep(0.01)
    finally:
        running.kill()
        running.wait(timeout=60)
    run = Cli(store)
    again = json.loads(run.ok(f"import cases {path} --json").stdout)
    assert again["imported"] + again["unchanged"] == 3000
    assert again["imported"] % 500 == 0 or again["unchanged"] % 500 == 0  # whole batches were left
    whole = Cli(tmp_path / "whole")
    whole.ok(f"import cases {path}")
    assert run.events() == whole.events()
    assert (
        _json(run, f"stats disputes {PERIOD} --json")["total"]
        == _json(whole, f"stats disputes {PERIOD} --json")["total"]
    )
