"""A process killed (SIGKILL) in the middle of a long command leaves a consistent store."""

from __future__ import annotations

import json
import os
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
TABLES = {
    "agreements": "reference",
    "agreement_details": "reference",
    "cases": "reference",
    "timelines": "originator_id",
}


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


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is ``pid``, by their command lines (Linux's /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found[int(stat.parent.name)] = (
                    (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                )
        except (OSError, IndexError, ValueError):  # gone while we looked
            continue
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is alive: a zombie (dead, not yet reaped by init) is not."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_a_killed_rebuild_leaves_no_helper_running_and_the_next_board_succeeds(big_store: Path) -> None:
    expected = views(big_store)
    rebuild = subprocess.Popen(
        [str(BIN), "--store", str(big_store), "rebuild"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    helpers: dict[int, str] = {}

    def helping() -> bool:  # the helper has started, and not yet committed a page of its share
        helpers.update(
            {pid: argv for pid, argv in children(rebuild.pid).items() if "bargaining.read.catchup" in argv}
        )
        return bool(helpers) and positions(big_store).get(share(helpers), 0) == 0

    kill_when(rebuild, helping)
    assert rebuild.returncode == -signal.SIGKILL
    gone_by = time.monotonic() + 1  # the bound; the helper leaves on end-of-file, not on its work
    while any(map(running, helpers)) and time.monotonic() < gone_by:
        time.sleep(0.01)
    assert not any(map(running, helpers)), f"{helpers} still running a second after its parent was killed"
    # It stopped writing at once: the page it was folding when its parent died was not committed.
    assert positions(big_store).get(share(helpers), 0) == 0
    board = subprocess.run([str(BIN), "--store", str(big_store), "board"], capture_output=True, check=False)
    assert board.returncode == 0, board.stderr
    assert views(big_store) == expected


def test_a_helper_that_finishes_its_share_exits_cleanly_while_its_parent_waits(big_store: Path) -> None:
    """Its watch on the parent's pipe must not stop the interpreter from shutting down (a
    buffered read of stdin in a thread made every finished helper abort, exit -6)."""
    with subprocess.Popen(
        [sys.executable, "-P", "-m", "bargaining.read.catchup", "Mediation", "cases"],
        env={**os.environ, "BARGAINING_STORE": str(big_store)},
        stdin=subprocess.PIPE,  # held open, as the parent holds it, until the helper is done
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as helper:
        assert helper.stdout is not None
        assert helper.stderr is not None
        lines = [line.strip() for line in helper.stdout]  # to the end of its output
        status = helper.wait(timeout=60)
        problems = helper.stderr.read()
    assert lines[-1:] == ["done"]
    assert status == 0, problems


def share(helpers: dict[int, str]) -> str:
    """The tracking name of the helper's share: ``… -m bargaining.read.catchup APPLICATION PROJECTION``."""
    upstream, projection = next(iter(helpers.values())).split()[-2:]
    return f"{projection}@{upstream}"


def copied(target: str) -> int:
    """How many negotiation events the copy's target holds so far (0 before its tables exist)."""
    try:
        if target.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(target) as conn:
                row = conn.execute("SELECT COUNT(*) FROM negotiations_events").fetchone()
                return int(row[0]) if row else 0
        with sqlite3.connect(f"file:{Path(target) / 'negotiations.sqlite'}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0])
    except Exception:
        return 0


def test_a_store_copy_killed_half_way_completes_when_run_again_without_duplicates(
    big_store: Path, any_store: str
) -> None:
    argv = [str(BIN), "--store", str(big_store), "store", "copy", "--to", any_store]
    first = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_when(first, lambda: copied(any_store) >= 2000)
    partial = copied(any_store)
    again = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "Copied and verified" in again.stdout
    resumed = [line.split() for line in again.stdout.splitlines() if line.startswith("Negotiations")]
    assert int(resumed[0][2]) >= partial > 0  # it went on from where the killed copy stopped
    source = subprocess.run(
        [str(BIN), "--store", str(big_store), "store", "info", "--json"], capture_output=True, check=True
    )
    target = subprocess.run(
        [str(BIN), "--store", any_store, "store", "info", "--json"], capture_output=True, check=True
    )
    events = {a["application"]: a["events"] for a in json.loads(source.stdout)["applications"]}
    assert {a["application"]: a["events"] for a in json.loads(target.stdout)["applications"]} == events
