"""A process killed (SIGKILL) in the middle of a long command leaves a consistent store."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.workload import generate

BIN = Path(sys.executable).parent / "bargaining"
TABLES = {"agreements": "reference", "cases": "reference", "timelines": "originator_id"}


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~33,000 events: long enough that a rebuild is still running when it is killed."""
    path = tmp_path_factory.mktemp("crash") / "store"
    generate(path, 100, 5000)
    subprocess.run([str(BIN), "--store", str(path), "board", "--json"], check=True, capture_output=True)
    return path


def views(store: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(store / "views.sqlite") as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY {key}").fetchall() for t, key in TABLES.items()}  # noqa: S608


def positions(store: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{store / 'views.sqlite'}?mode=ro", uri=True, timeout=5) as conn:
        return dict(
            conn.execute(
                "SELECT application_name, notification_id FROM tracking WHERE application_name LIKE '%@%'"
            )
        )


def kill_when(process: subprocess.Popen[bytes], ready: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if ready():
                break
        except sqlite3.OperationalError:  # the file is being written: look again
            pass
        time.sleep(0.005)
    assert process.poll() is None, "the command finished before it could be killed: make the store bigger"
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_rebuild_killed_half_way_resumes_on_the_next_read_without_double_counting(big_store: Path) -> None:
    expected = views(big_store)
    total = sum(p for name, p in positions(big_store).items() if name.startswith("timeline@"))
    rebuild = subprocess.Popen(
        [str(BIN), "--store", str(big_store), "rebuild"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def half_way() -> bool:
        done = sum(p for name, p in positions(big_store).items() if name.startswith("timeline@"))
        return 0 < done < total

    kill_when(rebuild, half_way)
    assert rebuild.returncode == -signal.SIGKILL
    partial = positions(big_store)
    assert 0 < sum(p for name, p in partial.items() if name.startswith("timeline@")) < total
    again = subprocess.run(
        [str(BIN), "--store", str(big_store), "board", "--json"], capture_output=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert views(big_store) == expected
