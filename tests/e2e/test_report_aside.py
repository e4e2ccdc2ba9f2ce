"""The report's charts are drawn, and what needs attention read, by a second process while the
first reads the timelines; that process dies with its parent, and the report is the same if it
cannot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bargaining import Tracker
from bargaining.child import PARENT_GONE, command
from bargaining.packet.font import find_font
from bargaining.report import aside, charts
from bargaining.store.location import STORE_ENV
from tests.builders_mediation import STREET, received, street_centre
from tests.conftest import TODAY


def report(store: Path, out: Path, body: str = "") -> str:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        t.write_report(out, start=date(2011, 1, 1), end=date(2011, 12, 31), body=body)  # the demo's year
    return out.read_text(encoding="utf-8")


def demo_and_a_case_to_accept(store: Path) -> None:
    """The demo (2011), and a case received two days ago that the street centre must accept."""
    with Tracker(store, actor="测试员", today=TODAY) as t:
        t.log_demo()
        street_centre(t)
        received(t, "CASE-NEAR", received=TODAY - timedelta(days=2), body=STREET)


def test_the_second_process_draws_the_charts_and_the_page_is_the_same_without_it(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_and_a_case_to_accept(store)

    def not_here(spec: charts.Spec, font: Path) -> str:
        raise AssertionError("drawn in the report's own process")

    with monkeypatch.context() as patched:
        patched.setattr(charts, "svg", not_here)  # the child's charts module is its own
        by_the_child = report(store, tmp_path / "child.html")
    monkeypatch.setattr(aside, "MODULE", "bargaining.report.no_such_module")
    here = report(store, tmp_path / "here.html")
    assert here == by_the_child
    assert by_the_child.count("<svg") >= 5
    assert "CASE-NEAR" in by_the_child  # its acceptance is due: what needs attention was read


def test_one_bodys_report_lists_the_deadlines_of_all_its_cases_not_only_the_periods(
    store: Path, tmp_path: Path
) -> None:
    """The street centre's 2011 report: its case received this week is not of 2011, but its
    acceptance is due now, and the committee reviewing the report should see it."""
    demo_and_a_case_to_accept(store)
    page = report(store, tmp_path / "street.html", body=STREET)
    deadlines = page[page.index('data-table="deadlines"') :]
    assert "CASE-NEAR" in deadlines[: deadlines.index("</table>")]


def test_the_second_process_leaves_as_soon_as_its_parent_is_gone(store: Path) -> None:
    """Its parent's end closes its stdin: it leaves at once, with many charts still to draw."""
    with Tracker(store, actor="测试员", today=TODAY) as t:
        t.log_demo()
    spec = charts.grouped_bars(
        "图", [{"x": "甲", "series": "s", "y": 1}], x_title="x", y_title="y", series=[("s", "s")]
    )
    asked = {
        "part": "charts",
        "specs": [spec] * 500,
        "font": str(find_font()),
    }
    with subprocess.Popen(
        command(aside.MODULE),
        env={**os.environ, STORE_ENV: str(store)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as child:
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.write(json.dumps(asked, ensure_ascii=False).encode() + b"\n")
        child.stdin.close()  # as the kernel does when the parent is killed
        assert child.wait(timeout=60) == PARENT_GONE
        assert child.stdout.read() == b""


def test_a_child_process_ends_when_its_parents_pipe_closes() -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from bargaining.child import leave_with_parent; leave_with_parent(); time.sleep(600)",
        ],
        stdin=subprocess.PIPE,
    )
    assert child.stdin is not None
    child.stdin.close()
    assert child.wait(timeout=60) == PARENT_GONE
