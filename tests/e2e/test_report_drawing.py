"""The report's charts are drawn by a second process while the first reads the timelines;
that process dies with its parent, and the report is the same if it cannot run."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bargaining import Tracker
from bargaining.child import PARENT_GONE, command
from bargaining.packet.font import find_font
from bargaining.report import charts, drawing
from tests.conftest import TODAY


def report(store: Path, out: Path) -> str:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        t.write_report(out, start=date(2011, 1, 1), end=date(2011, 12, 31))  # the demo's year
    return out.read_text(encoding="utf-8")


def test_the_second_process_draws_the_charts_and_the_page_is_the_same_without_it(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        t.log_demo()

    def not_here(spec: charts.Spec, font: Path) -> str:
        raise AssertionError("drawn in the report's own process")

    with monkeypatch.context() as patched:
        patched.setattr(charts, "svg", not_here)  # the child's charts module is its own
        by_the_child = report(store, tmp_path / "child.html")
    monkeypatch.setattr(drawing, "MODULE", "bargaining.report.no_such_module")
    here = report(store, tmp_path / "here.html")
    assert here == by_the_child
    assert by_the_child.count("<svg") >= 5


def test_the_drawing_process_leaves_as_soon_as_its_parent_is_gone() -> None:
    """Its parent's end closes its stdin: it leaves at once, with many charts still to draw."""
    spec = charts.grouped_bars(
        "图", [{"x": "甲", "series": "s", "y": 1}], x_title="x", y_title="y", series=[("s", "s")]
    )
    with subprocess.Popen(
        command(drawing.MODULE, str(find_font())), stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as child:
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.write(json.dumps([spec] * 500, ensure_ascii=False).encode() + b"\n")
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
