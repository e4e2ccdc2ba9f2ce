"""One contract, two stores: every command behaves the same on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bargaining import Tracker
from tests.conftest import TODAY, Cli
from tests.e2e.test_cli_negotiation import REF, ROUND_1, seat_and_talk
from tests.projections.test_reports import mediate_the_seed_year

REPORTS = [
    "board --json",
    "board --all --json",
    "board --as-of 2011-07-01 --json",
    "board --as-of 2011-07-10 --json",
    "deadlines --within 36500 --json",
    "deadlines --as-of 2011-03-12 --json",
    "stats disputes --from 2011-01-01 --to 2011-12-31 --json",
    "stats disputes --from 2011-01-01 --to 2011-12-31 --by month --json",
    "stats contracts --json",
    "timeline DEMO-2011-WAGE --json",
    "timeline DEMO-CASE-0007 --json",
    "negotiation show DEMO-2011-WAGE --json",
    "case show DEMO-CASE-0007 --json",
    "negotiation cost DEMO-2011-WAGE --json",
    "negotiation cost DEMO-2011-WAGE --round 2 --scenario --increase 5 --raise 一线职工=6% --json",
    "reference list --json",
]


def answers(run: Cli) -> dict[str, Any]:
    """Every report as data, without the wall-clock time each step was recorded at."""

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items() if k != "recorded_at"}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return {command: scrub(json.loads(run.ok(command).stdout)) for command in REPORTS}


def test_every_report_is_the_same_on_sqlite_and_on_postgresql(tmp_path: Path, pg_store: str) -> None:
    sqlite, postgres = Cli(tmp_path / "store"), Cli(pg_store)
    for run in (sqlite, postgres):
        assert "Status board" in run.ok("demo").stdout
    on_sqlite = answers(sqlite)
    assert on_sqlite["board --all --json"][0]["employer"] == "广州XX有限公司"
    assert answers(postgres) == on_sqlite
    assert sqlite.events() == postgres.events() > 40


def test_rebuilt_views_equal_the_incrementally_kept_ones(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("demo")
    before = answers(run)
    assert "from 4" in run.ok("rebuild").stdout  # "Rebuilt all read models from 4x events"
    assert answers(run) == before


def test_a_lost_race_exits_75_and_the_winners_step_stands(
    any_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Cli(any_store)
    seat_and_talk(run)
    from bargaining.negotiations.service import Service

    original = Service._negotiation
    raced: list[str] = []

    def load_then_someone_else_writes(self: Service, reference: str, step: str = "") -> object:
        negotiation = original(self, reference, step)
        if not raced:
            raced.append("once")
            run.ok(
                f"negotiation suspend {REF} --on 2011-04-21 --until 2011-05-01 --reason 另一位记录员",
                actor="李明",
            )
        return negotiation

    monkeypatch.setattr(Service, "_negotiation", load_then_someone_else_writes)
    events = run.events() + 1  # the winner's suspension
    result = run(ROUND_1)
    assert (result.exit_code, result.stderr) == (
        75,
        "Error: conflict: changed by someone else, retry (your step was not recorded)\n",
    )
    monkeypatch.undo()
    assert run.events() == events
    view = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    assert (view["stage"], view["rounds"]) == ("suspended", [])


def test_a_duplicate_reference_is_refused_and_nothing_is_written(any_store: str) -> None:
    run = Cli(any_store)
    open_case = (
        "case open CASE-1 -c visit --received 2011-03-07 -a 刘某 -r 项目部 -k work-injury --request 赔偿"
    )
    run.ok(open_case)
    events = run.events()
    again = run(open_case)
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert run.events() == events


def test_the_seed_street_centre_year_is_reproduced_on_each_store(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=TODAY) as t:
        mediate_the_seed_year(t)
        stats = t.reports.dispute_stats(start=date(2024, 1, 1), end=date(2024, 12, 31), by="category")
    total = stats["total"]
    assert (total["succeeded"], total["workers"], total["amount_agreed"]) == (14, 32, "2940000.00")


def test_libpq_settings_in_the_environment_reach_every_connection(pg_store: str) -> None:
    """TLS is asked for as psql users ask for it: the test server speaks no TLS, so requiring
    it must fail, and disabling it must work, for the library's pool and the readers alike."""
    from tests.e2e.test_installed_script import bargaining

    required = bargaining("--store", pg_store, "--as", "x", "board", env={"PGSSLMODE": "require"})
    assert required.returncode == 1
    assert "SSL was required" in required.stderr
    assert required.stderr.count("\n") == 1
    for command in (
        ("board",),
        (
            "case",
            "open",
            "C-1",
            "--channel",
            "visit",
            "--received",
            "2026-11-02",
            "--applicant",
            "刘某",
            "--respondent",
            "某公司",
            "--category",
            "remuneration",
            "--request",
            "支付欠薪",
        ),
    ):
        done = bargaining("--store", pg_store, "--as", "x", *command, env={"PGSSLMODE": "disable"})
        assert done.returncode == 0, done.stderr
