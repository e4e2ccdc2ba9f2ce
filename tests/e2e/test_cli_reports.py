"""Reports from the command line: tables by default, the same rows as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bargaining import Tracker
from tests import builders_mediation as m
from tests.conftest import TODAY, Cli


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


def two_bodies_year(store: Path) -> None:
    """The committee settles one case and fails another; the street centre settles one and
    refers one to arbitration; one case with no body is withdrawn."""
    with Tracker(store, actor="测试员", today=TODAY) as t:
        m.committee(t)
        m.street_centre(t)
        cases = [
            ("C1", m.BODY, "周建华", 2, "1000", "settle"),
            ("C2", m.BODY, "周建华", 3, "3000", "fail"),
            ("C3", m.STREET, "吴芳", 1, "500", "settle"),
            ("C4", m.STREET, "吴芳", 2, "100", "refer"),
            ("C5", None, "", 2, "700", "withdraw"),
        ]
        for n, (ref, body, mediator, workers, amount, outcome) in enumerate(cases, start=1):
            on = date(2024, 3, 1) + timedelta(days=7 * n)
            applicants = [f"职工{n}-{i}" for i in range(workers)]
            where = {"body": body} if body else {}
            m.received(
                t, ref, received=on, applicants=applicants, category="other", amount_claimed=amount, **where
            )
            t.cases.accept(ref, on=on + timedelta(days=1), both_agree=True)
            if body:
                t.cases.assign(ref, on=on + timedelta(days=1), body=body, mediators=[mediator])
            closed = on + timedelta(days=4)
            if outcome == "settle":
                t.cases.settle(
                    ref,
                    on=closed,
                    terms="达成协议",
                    amount_agreed=str(int(amount) // 2),
                    performance_due=closed + timedelta(days=20),
                    method="转账",
                    mediator=mediator,
                    parties_signed=True,
                    sealed=True,
                )
            elif outcome == "fail":
                t.cases.fail(ref, on=closed, reason="未达成")
            elif outcome == "refer":
                t.cases.refer(ref, on=closed, arbitration="区劳动人事争议仲裁委员会")
            else:
                t.cases.withdraw(ref, on=closed, reason="撤回")


def test_stats_disputes_by_group_gives_each_groups_outcomes_summing_to_the_total(
    run: Cli, store: Path
) -> None:
    two_bodies_year(store)
    period = "stats disputes --from 2024-01-01 --to 2024-12-31"
    out = run.ok(f"{period} --by body").stdout
    outcomes = out.split("\n\n")[1]
    assert outcomes.splitlines() == [
        "body      outcome    cases    workers    claimed    agreed",
        "--------  ---------  -------  ---------  ---------  --------",
        "-         succeeded  0        0          0.00       0.00",
        "          failed     0        0          0.00",
        "          withdrawn  1        2          700.00",
        "          referred   0        0          0.00",
        "JD-TJFZX  succeeded  1        1          500.00     250.00",
        "          failed     0        0          0.00",
        "          withdrawn  0        0          0.00",
        "          referred   1        2          100.00",
        "LQ-TJWYH  succeeded  1        2          1000.00    500.00",
        "          failed     1        3          3000.00",
        "          withdrawn  0        0          0.00",
        "          referred   0        0          0.00",
        "total     succeeded  2        3          1500.00    750.00",
        "          failed     1        3          3000.00",
        "          withdrawn  1        2          700.00",
        "          referred   1        2          100.00",
    ]
    ungrouped = json.loads(run.ok(f"{period} --json").stdout)["total"]["by_outcome"]
    assert ungrouped["succeeded"] == {
        "cases": 2,
        "workers": 3,
        "amount_claimed": "1500.00",
        "amount_agreed": "750.00",
    }
    for by in ("body", "category", "month", "channel"):
        grouped = json.loads(run.ok(f"{period} --by {by} --json").stdout)
        assert grouped["total"]["by_outcome"] == ungrouped
        for outcome, figures in ungrouped.items():
            for figure, value in figures.items():
                values = [r["by_outcome"][outcome][figure] for r in grouped["rows"]]
                summed = (
                    sum(values)
                    if figure in ("cases", "workers")
                    else f"{sum(Decimal(v) for v in values):.2f}"
                )
                assert summed == value, (by, outcome, figure)


def test_stats_disputes_without_groups_keeps_one_outcome_table(run: Cli, store: Path) -> None:
    two_bodies_year(store)
    out = run.ok("stats disputes --from 2024-01-01 --to 2024-12-31").stdout
    assert out.split("\n\n")[1].splitlines()[:3] == [
        "outcome    cases    workers    claimed    agreed",
        "---------  -------  ---------  ---------  --------",
        "succeeded  2        3          1500.00    750.00",
    ]
