"""Read models: rebuilt equals incrementally maintained, and an interrupted catch-up resumes."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bargaining import Tracker
from bargaining.store.encryption import CIPHER_KEY_ENV, new_key
from cli.main import cli
from projections import runner
from projections.cases import CasesProjection
from projections.sql import SQLITE
from projections.store import secondary_indexes
from projections.timeline import TimelineProjection
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import TODAY

EVERY_INDEX = {name for table in secondary_indexes(SQLITE).values() for name, _ in table}
TABLES = {
    "agreements": "reference",
    "agreement_details": "reference",
    "agreement_texts": "reference",
    "cases": "reference",
    "case_texts": "reference",
    "case_details": "reference",
    "bodies": "reference",
    "timelines": "originator_id",
}


def snapshot(store: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(store / "views.sqlite") as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY {key}").fetchall() for t, key in TABLES.items()}  # noqa: S608


def busy_store(t: Tracker) -> None:
    """Negotiations and cases in several stages, with reports read between the writes."""
    b.in_force(t, "CB-2011-001")
    t.reports.board()
    b.drafted(t, "CB-2011-002", kind="comprehensive")
    t.negotiations.vote("CB-2011-002", on=date(2011, 6, 24), roll=60, present=60, yes=30, no=30)
    t.reports.dispute_stats(start=date(2024, 1, 1), end=date(2024, 12, 31))
    m.settled(t)
    t.reports.deadlines()
    m.received(t, "CASE-2024-0008", category="remuneration", workers=12)
    t.cases.decline("CASE-2024-0008", on=date(2024, 3, 9), reason="被申请人不同意调解")
    t.contracts.objection("CB-2011-001", on=date(2011, 7, 12), opinion="第一条需修改")
    # Amendments, read between: each refolds its record's row from the steps in effect.
    t.cases.correct(m.CASE, 1, amount="190000", reason="金额误录")
    t.reports.board()
    t.cases.retract(m.CASE, "#5", reason="另一案件的调解记录")
    t.contracts.correct("CB-2011-001", 2, on=date(2011, 7, 3), reason="报送日期误录")
    t.cases.correct("CASE-2024-0008", 1, workers=15, reason="人数更正")
    m.street_centre(t)
    t.bodies.roster(m.STREET, mediators=["孙某"], remove=["吴芳"], on=date(2024, 2, 1))
    m.received(t, "CASE-2024-0009", body=m.STREET, request="Back PAY 拖欠工资", facts="第一个月\n第二个月")


def views_of_a_busy_store(tracker: Tracker, store: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The views, caught up after ``busy_store``: what every rebuild must give again."""
    busy_store(tracker)
    tracker.reports.board()
    return snapshot(store)


def test_rebuilt_views_equal_the_incrementally_maintained_ones(tracker: Tracker, store: Path) -> None:
    busy_store(tracker)
    tracker.reports.board()
    incremental = snapshot(store)
    steps = [row[4] for row in incremental["timelines"]]
    assert sum(steps) == tracker.event_count()
    tracker.reports.rebuild()
    assert snapshot(store) == incremental
    tracker.reports.rebuild("cases")
    assert snapshot(store) == incremental


@pytest.mark.parametrize("page_size", [3, 1000])
def test_a_timeline_counted_by_sqlite_equals_the_one_folded_event_by_event(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch, page_size: int
) -> None:
    expected = views_of_a_busy_store(tracker, store)
    # Rebuilt alone, the timeline is the only view following each log: SQLite counts the
    # pages (of 3: aggregates split across pages) instead of the fold.
    monkeypatch.setattr(runner, "PAGE_SIZE", page_size)
    monkeypatch.setattr(runner, "COUNTED_PAGES", 1)
    folded: list[int] = []
    monkeypatch.setattr(TimelineProjection, "process_page", lambda *_: folded.append(1))
    assert tracker.reports.rebuild("timeline") == tracker.event_count()
    assert folded == []
    assert snapshot(store) == expected


def test_on_an_encrypted_store_the_counted_timeline_reads_the_first_events_through_the_cipher(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, new_key())
    with Tracker(store, actor="测试员", today=TODAY) as tracker:
        expected = views_of_a_busy_store(tracker, store)
        monkeypatch.setattr(TimelineProjection, "process_page", lambda *_: pytest.fail("folded"))
        assert tracker.reports.rebuild("timeline") == tracker.event_count()
        assert snapshot(store) == expected
        assert {row[3] for row in expected["timelines"]} >= {"CB-2011-001", "CASE-2024-0008"}


def test_a_rebuild_that_forgets_references_between_pages_looks_them_up_again(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = views_of_a_busy_store(tracker, store)
    # Memory stays flat as the store grows: the references cache is emptied past a bound.
    # Here after every page of 4, so later events of an aggregate resolve from the views.
    monkeypatch.setattr(runner, "PAGE_SIZE", 4)
    monkeypatch.setattr(runner, "REFERENCES_KEPT", 0)
    looked_up: list[int] = []
    resolve = runner._resolve

    def counted(page: Any, cache: dict[str, tuple[str, str]], ids: set[str]) -> None:
        looked_up.append(len(ids - cache.keys()))
        resolve(page, cache, ids)

    monkeypatch.setattr(runner, "_resolve", counted)
    assert tracker.reports.rebuild() == tracker.event_count()
    assert snapshot(store) == expected
    assert sum(looked_up) > 0


def test_an_interrupted_catch_up_resumes_from_its_position_without_double_counting(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = views_of_a_busy_store(tracker, store)
    tracker.reports.rebuild()

    # Crash the cases view on its second page while rebuilding from scratch, pages of 5.
    original = CasesProjection.process_page
    pages: list[int] = []

    def crash_on_second_page(self: CasesProjection, c: Any, items: Any) -> None:
        pages.append(len(items))
        if len(pages) == 2:
            msg = "power cut"
            raise RuntimeError(msg)
        original(self, c, items)

    monkeypatch.setattr(runner, "PAGE_SIZE", 5)
    monkeypatch.setattr(CasesProjection, "process_page", crash_on_second_page)
    with pytest.raises(RuntimeError, match="power cut"):
        tracker.reports.rebuild("cases")
    with sqlite3.connect(store / "views.sqlite") as conn:
        position = conn.execute(
            "SELECT notification_id FROM tracking WHERE application_name = 'cases@Mediation'"
        ).fetchone()
    assert position == (5,)  # the first page committed with its rows; the second rolled back

    monkeypatch.setattr(CasesProjection, "process_page", original)
    tracker.reports.board()  # any read command resumes the catch-up from position 5
    assert snapshot(store) == expected


def test_rebuild_from_the_cli_shows_progress_and_names_the_model(store: Path) -> None:
    with Tracker(store, actor="x", today=TODAY) as t:
        busy_store(t)
    result = CliRunner().invoke(cli, ["--store", str(store), "rebuild", "--projection", "timeline"])
    assert result.exit_code == 0, result.output
    assert "Rebuilt timeline from" in result.stdout
    bad = CliRunner().invoke(cli, ["--store", str(store), "rebuild", "--projection", "nope"])
    assert (bad.exit_code, bad.stderr.startswith("Error: rebuild.projection: 'nope' is not one of")) == (
        1,
        True,
    )


def test_views_from_an_older_layout_are_discarded_and_rebuilt_on_the_next_read(
    tracker: Tracker, store: Path
) -> None:
    expected = views_of_a_busy_store(tracker, store)
    with sqlite3.connect(store / "views.sqlite") as conn:
        conn.execute("DELETE FROM agreements")  # what an older layout's table would not match
        conn.execute("UPDATE views_layout SET version = 1")
    tracker.reports.board()
    assert snapshot(store) == expected


def test_two_readers_catching_up_at_once_neither_fails_nor_counts_twice(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = views_of_a_busy_store(tracker, store)
    # This reader read the positions just before another reader committed the same pages.
    from projections.store import ViewStore

    original = ViewStore.position
    calls: list[int] = []

    def stale_first(self: ViewStore, projection: str, upstream: str) -> int:
        calls.append(1)
        return 0 if len(calls) <= 3 else original(self, projection, upstream)

    monkeypatch.setattr(ViewStore, "position", stale_first)
    from bargaining.mediation.service import MediationApp
    from bargaining.negotiations.service import NegotiationsApp
    from bargaining.store.application import translate_store_errors

    with translate_store_errors():
        apps = {cls.name: cls(env=tracker.store.env_for(cls.name)) for cls in (NegotiationsApp, MediationApp)}
        views = tracker.store.open_views()
        runner.catch_up(apps, views, runner.projections_named(views))
    assert snapshot(store) == expected


def test_a_rebuild_shared_with_a_second_process_equals_the_incrementally_maintained_views(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bargaining.read import catchup

    expected = views_of_a_busy_store(tracker, store)
    monkeypatch.setattr(catchup, "PARALLEL_FROM", 1)  # the small store is caught up as a large one
    started: list[list[str]] = []
    popen = subprocess.Popen

    def recorded(argv: list[str], **kwargs: Any) -> Any:
        started.append(argv)
        return popen(argv, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", recorded)
    read = tracker.reports.rebuild()
    # One helper, given the biggest share: a read model that parses a whole log's bodies.
    assert [argv[-2:] for argv in started] in ([["Negotiations", "agreements"]], [["Mediation", "cases"]])
    assert read == tracker.event_count()
    assert snapshot(store) == expected
    assert indexes(store) == EVERY_INDEX  # dropped for the rebuild, built again at its end


def indexes(store: Path) -> set[str]:
    with sqlite3.connect(store / "views.sqlite") as conn:
        return {
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }


def test_views_of_an_older_layout_are_rebuilt_with_every_index(tracker: Tracker, store: Path) -> None:
    expected = views_of_a_busy_store(tracker, store)
    with sqlite3.connect(store / "views.sqlite") as conn:
        conn.execute("UPDATE views_layout SET version = version - 1")
    tracker.reports.board()
    assert snapshot(store) == expected
    assert indexes(store) == EVERY_INDEX


def test_views_of_a_layout_without_a_column_an_index_now_names_are_rebuilt(
    tracker: Tracker, store: Path
) -> None:
    """An older layout's table lacks a column the current schema indexes: its views are
    dropped before the schema is applied, not left to fail on 'no such column'."""
    expected = views_of_a_busy_store(tracker, store)
    with sqlite3.connect(store / "views.sqlite") as conn:
        conn.execute("DROP INDEX agreements_closed")
        conn.execute("ALTER TABLE agreements DROP COLUMN closed_from")
        conn.execute("UPDATE views_layout SET version = version - 1")
    tracker.reports.board()
    assert snapshot(store) == expected
    assert indexes(store) == EVERY_INDEX


def test_when_the_second_process_fails_the_first_finishes_its_share(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bargaining.read import catchup

    expected = views_of_a_busy_store(tracker, store)
    monkeypatch.setattr(catchup, "PARALLEL_FROM", 1)
    popen = subprocess.Popen

    def failing(argv: list[str], **kwargs: Any) -> Any:
        return popen([argv[0], "-c", "import sys; print(5000); sys.exit(3)"], **kwargs)

    monkeypatch.setattr(subprocess, "Popen", failing)
    tracker.reports.rebuild()
    assert snapshot(store) == expected
