"""Several people writing at once, as real processes, on each store: nothing lost or doubled."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.e2e.test_cli_negotiation import REF, ROUND_1, seat_and_talk

BIN = Path(sys.executable).parent / "bargaining"
CASE = "CASE-2024-0007"
WRITERS, EACH = 4, 4


def prepare(run: Cli) -> None:
    seat_and_talk(run)
    run.ok(f"{ROUND_1} --minutes 第一轮")
    run.ok(f"case open {CASE} -c visit --received 2024-03-07 -a 刘某 -r 项目部 -k work-injury --request 赔偿")
    run.ok(f"case accept {CASE} --on 2024-03-08 --both-agree")


def writer(store: str, n: int, retry: int) -> list[int]:
    """One person's process after another: proposals on the shared negotiation, sessions on the shared case."""
    codes = []
    for i in range(EACH):
        command = (
            ["negotiation", "propose", REF, "-a", f"第{n}条", "-s", "union", "--text", f"方案{n}-{i}"]
            if i % 2 == 0
            else [
                "case",
                "session",
                CASE,
                "--on",
                "2024-03-09",
                "--attended",
                f"职工{n}",
                "--notes",
                f"第{n}-{i}次",
            ]
        )
        done = subprocess.run(
            [str(BIN), "--store", store, "--as", f"记录员{n}", "--retry", str(retry), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 75), done.stderr
        if done.returncode == 75:
            assert done.stderr.startswith("Error: conflict: changed by someone else, retry"), done.stderr
        codes.append(done.returncode)
    return codes


@pytest.mark.parametrize("retry", [0, 20], ids=["no-retry", "retry"])
def test_concurrent_writers_each_land_or_exit_75_and_nothing_is_lost(any_store: str, retry: int) -> None:
    run = Cli(any_store)
    prepare(run)
    before = run.events()
    with ThreadPoolExecutor(WRITERS) as pool:
        codes = [
            c
            for result in pool.map(lambda n: writer(any_store, n, retry), range(1, WRITERS + 1))
            for c in result
        ]
    landed = codes.count(0)
    if retry:
        assert landed == WRITERS * EACH
    assert run.events() == before + landed
    negotiation = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    case = json.loads(run.ok(f"case show {CASE} --json").stdout)
    proposals = sum(a["proposals"] for a in negotiation["articles"])
    sessions = [r for r in case["timeline"] if r["step"] == "mediation session"]
    assert proposals + len(sessions) == landed
    timeline = json.loads(run.ok(f"timeline {CASE} --json").stdout)
    views = (json.loads(run.ok("board --json").stdout), timeline)
    run.ok("rebuild")
    assert (
        json.loads(run.ok("board --json").stdout),
        json.loads(run.ok(f"timeline {CASE} --json").stdout),
    ) == views
