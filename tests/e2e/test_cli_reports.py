"""Reports from the command line: tables by default, the same rows as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import Cli


def logged_demo(run: Cli) -> None:
    run.ok("demo")


def test_the_demo_prints_the_board_and_the_statistics(run: Cli) -> None:
    out = run.ok("demo").stdout
    assert "Status board" in out
    assert "DEMO-2011-WAGE" in out
    assert "Mediation statistics, 2011" in out
    assert "success rate (调解成功率) = succeeded / closed" in out


def test_board_as_json_and_csv_carry_the_same_rows(run: Cli) -> None:
    logged_demo(run)
    rows = json.loads(run.ok("board --all --json").stdout)
    assert [(r["reference"], r["stage"]) for r in rows] == [("DEMO-2011-WAGE", "expired")]
    table = list(csv.DictReader(io.StringIO(run.ok("board --all --csv").stdout)))
    assert [(r["reference"], r["stage"], r["employer"]) for r in table] == [
        ("DEMO-2011-WAGE", "expired", "广州XX有限公司")
    ]
    past = json.loads(run.ok("board --as-of 2011-07-10 --json").stdout)
    assert (past[0]["stage"], past[0]["next_deadline"]["due"]) == ("under review", "2011-07-20")


def test_stats_disputes_by_category_in_csv(run: Cli) -> None:
    logged_demo(run)
    out = run.ok("stats disputes --from 2011-01-01 --to 2011-12-31 --by category --csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["group"], r["succeeded"], r["amount_agreed"], r["success_rate"]) for r in rows] == [
        ("work-injury", "1", "126000.00", "100.0%"),
        ("total", "1", "126000.00", "100.0%"),
    ]


def test_stats_contracts_and_deadlines_and_timeline(run: Cli) -> None:
    logged_demo(run)
    contracts = json.loads(run.ok("stats contracts --year 2011 --json").stdout)
    assert contracts["total"]["signed"] == 1
    assert contracts["total"]["filed_on_time"] == 1
    deadlines = json.loads(run.ok("deadlines --as-of 2011-07-06 --within 30 --json").stdout)
    assert [(d["reference"], d["due"]) for d in deadlines][:1] == [("DEMO-2011-WAGE", "2011-07-20")]
    timeline = run.ok("timeline DEMO-CASE-0007").stdout
    assert "mediation agreement signed" in timeline
    assert "application received" in timeline


def test_json_and_csv_together_is_an_input_error(run: Cli) -> None:
    result = run("board --json --csv")
    assert (result.exit_code, result.stderr) == (1, "Error: output: give --json or --csv, not both\n")


def test_a_report_on_an_empty_store_is_empty_not_an_error(run: Cli) -> None:
    assert json.loads(run.ok("board --json").stdout) == []
    assert json.loads(run.ok("deadlines --json").stdout) == []
