"""Measure the read models and the commands on generated stores, each beside its baseline.

    python -m bench.run DIR [--small] [--runs 9]

DIR holds the generated stores (made on first use: ~100k and ~1M events). Prints one
Markdown table; bench/RESULTS.md keeps the figures with the machine and the date.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.workload import generate

BIN = Path(sys.executable).parent
SIZES = {"100k": (700, 12_000), "1M": (6_000, 125_000)}


CLICK = [str(BIN / "python"), "-c", "import click"]


def seconds(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def instructions(argv: list[str]) -> int | None:
    """Instructions the whole process ran, child processes included, counted by valgrind's
    callgrind: the same count for the same work whatever else the VM is doing (None without
    valgrind). Each process's count is a line ``Collected : N``."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run(
        [valgrind, "--tool=callgrind", "--trace-children=yes", "--callgrind-out-file=/dev/null", *argv],
        check=True,
        capture_output=True,
        text=True,
    )
    counts = re.findall(r"Collected : (\d+)", done.stderr)
    return sum(map(int, counts)) if counts else None


def beside_baseline(command: list[str] | Callable[[], list[str]], runs: int) -> str:
    """The command's median time beside the bare ``import click`` process's, the two run in
    turns so that both see the same minutes of a VM whose speed drifts by a third; then the
    instructions of one more run of each, which do not drift."""
    mine, base = [], []
    for _ in range(runs):
        base.append(seconds(CLICK))
        mine.append(seconds(command() if callable(command) else command))
    took, baseline = statistics.median(mine), statistics.median(base)
    timed = (
        f'{took * 1000:.0f} ms = {took / baseline:.2f}× `python -c "import click"` '
        f"({baseline * 1000:.0f} ms, run in turns with it)"
    )
    counted, counted_base = instructions(command() if callable(command) else command), instructions(CLICK)
    if counted is None or not counted_base:
        return timed
    return f"{timed}; {counted / 1e6:,.0f}M instructions = {counted / counted_base:.2f}× ({counted_base / 1e6:,.0f}M)"


def store(root: Path, size: str) -> Path:
    path = root / size
    if not (path / "mediation.sqlite").exists():
        negotiations, cases = SIZES[size]
        started = time.perf_counter()
        events = generate(path, negotiations, cases)
        print(f"generated {size}: {events} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


REBUILD = """
import json, resource, sys, time
from collections.abc import Callable
from datetime import date
from bargaining import Tracker
from bargaining.read import catchup
if sys.argv[2:] == ["--one-process"]:
    catchup.PARALLEL_FROM = 10**12  # never hand a share to a helper process
t = Tracker(sys.argv[1], actor="bench", today=date.today())
t.reports.refresh()
started = time.perf_counter()
events = t.reports.rebuild()
elapsed = time.perf_counter() - started
print(json.dumps({"events": events, "seconds": elapsed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "helper_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

BASELINES = """
import json, sqlite3, sys, time
from pathlib import Path
from bargaining.negotiations.service import NegotiationsApp
from bargaining.mediation.service import MediationApp
from bargaining.store.location import Store
store = Store(Path(sys.argv[1]))
library = raw = 0.0
count = 0
for cls in (NegotiationsApp, MediationApp):
    app = cls(env=store.env_for(cls.name))
    started, start = time.perf_counter(), None
    while page := app.recorder.select_notifications(start=start, limit=1000, inclusive_of_start=False):
        for n in page:
            app.mapper.to_domain_event(n)
        count += len(page)
        start = page[-1].id
    library += time.perf_counter() - started
    conn = sqlite3.connect(store.sqlite_path(cls.name, create=False))
    started, last = time.perf_counter(), 0
    while rows := conn.execute("SELECT rowid, state FROM stored_events WHERE rowid > ? ORDER BY rowid LIMIT 1000",
                               (last,)).fetchall():
        last = rows[-1][0]
    raw += time.perf_counter() - started
print(json.dumps({"events": count, "library_per_s": count / library, "raw_per_s": count / raw}))
"""

LOAD = """
import json, statistics, sys, time, tempfile
from datetime import date, timedelta
from pathlib import Path
from bargaining.negotiations.service import NegotiationsApp
from bargaining.store.location import Store
from domain.negotiation import Negotiation
from domain.values import AgreementKind, Purpose, Role, Side
app = NegotiationsApp(env=Store(Path(tempfile.mkdtemp())).env_for("Negotiations"))
n = Negotiation(reference="LONG-1", employer="企业", union="工会", kind=AgreementKind.WAGE, topic="", profile_id="PRC",
                requested_by=Side.UNION, purpose=Purpose.NEW, predecessor="", on=date(2020, 1, 1), by="b")
n.receive_request(on=date(2020, 1, 2), by="b")
n.answer_request(on=date(2020, 1, 3), by="b", accepted=True)
for side, names in ((Side.UNION, "甲乙丙"), (Side.EMPLOYER, "丁戊己")):
    for i, name in enumerate(names):
        n.appoint(on=date(2020, 1, 4), by="b", name=name, side=side, role=Role.CHIEF if i == 0 else Role.MEMBER)
day = date(2020, 1, 5)
while n.version < 1000:
    n.hold_round(on=day, by="b", place="室", chair="甲丁"[len(n.rounds) % 2], recorder="记", present=[], minutes="纪要")
    for a in range(8):
        if n.version < 1000:
            n.table_proposal(by="b", article=f"第{a}条", side=Side.UNION, text="文本")
    day += timedelta(days=1)
    app.save(n)
assert n.version == 1000
def timed(f):
    times = []
    for _ in range(20):
        s = time.perf_counter(); f(); times.append(time.perf_counter() - s)
    return statistics.median(times) * 1000
snap = timed(lambda: app.repository.get(n.id))
def replay():
    agg = None
    for e in app.events.get(n.id):
        agg = e.mutate(agg)
replayed = timed(replay)
print(json.dumps({"snapshot_ms": snap, "replay_ms": replayed}))
"""


# The least any board can cost: read the 13 columns the board shows for every row, and print
# each row as one line. No status, no deadlines, no alignment: what is left of a whole board
# process once all of its own work is taken away.
BOARD_FLOOR = """
import sqlite3, sys
import click
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT reference, kind, employer, stage, rounds, articles_agreed, articles_open, vote_outcome,"
    " signed_on, effective_on, term_end, submitted_on, last_round_on FROM agreements ORDER BY reference"
).fetchall()
line = "  ".join(["{}"] * 13).format
sys.stdout.write("\\n".join([line(*row) for row in rows]))
"""


def python(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([str(BIN / "python"), "-c", code, *args], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def prepare_writes(path: Path) -> str:
    """An open negotiation and an accepted case dated today, for the write benchmarks.

    The negotiation is opened once and gains rounds with every run (its snapshots bound what a
    load replays). The case is new in every run: sessions added by earlier runs would otherwise
    pile up on one case, hundreds of them, where a real case has a few. Returns its reference.
    """
    from bargaining import Tracker

    today = date.today()
    case = f"BENCH-CASE-{time.strftime('%Y%m%d%H%M%S')}"
    with Tracker(path, actor="bench") as t:
        t.cases.open(
            case,
            channel="visit",
            received=today,
            applicants=["职工"],
            respondent="企业",
            category="other",
            request="调解",
            body="JD-BENCH",
        )
        t.cases.accept(case, on=today, both_agree=True)
        if t.negotiations.app.exists_reference("BENCH-NEG"):
            return case
        t.negotiations.open("BENCH-NEG", employer="基准企业", union="基准工会", kind="wage", on=today)
        t.negotiations.request("BENCH-NEG", on=today)
        t.negotiations.reply("BENCH-NEG", on=today)
        t.negotiations.appoint("BENCH-NEG", side="union", chief="甲", members=["乙", "丙"], on=today)
        t.negotiations.appoint("BENCH-NEG", side="employer", chief="丁", members=["戊", "己"], on=today)
    return case


def measure(root: Path, size: str, runs: int) -> list[tuple[str, str]]:
    path = store(root, size)
    rows: list[tuple[str, str]] = []
    base = python(BASELINES, str(path))
    # The median of three rebuilds: on a shared VM one run can take half as long again. Each
    # is run in turns with a rebuild that keeps to one process, which tells what the helper
    # process gains on this machine.
    runs_of: dict[str, list[dict[str, float]]] = {"two": [], "one": []}
    for _ in range(3):
        runs_of["two"].append(python(REBUILD, str(path)))
        runs_of["one"].append(python(REBUILD, str(path), "--one-process"))
    medians = {}
    for how, found in runs_of.items():
        found.sort(key=lambda r: r["seconds"])
        medians[how] = found[1]
    rebuild = medians["two"]
    rate = rebuild["events"] / rebuild["seconds"]
    slowest, fastest = (r["events"] / r["seconds"] for r in (runs_of["two"][-1], runs_of["two"][0]))
    alone = medians["one"]["events"] / medians["one"]["seconds"]
    rows.append(
        (
            f"rebuild all projections, {size} ({rebuild['events']:,.0f} events)",
            f"{rate:,.0f} events/s (median of 3: {slowest:,.0f}–{fastest:,.0f});"
            f" {rate / base['library_per_s']:.2f}× the library's read+decode "
            f"({base['library_per_s']:,.0f}/s), {rate / base['raw_per_s']:.2f}× raw SQLite reads "
            f"({base['raw_per_s']:,.0f}/s); peak {rebuild['peak_mb']:.0f} MB"
            f" (second process {rebuild['helper_peak_mb']:.0f} MB)",
        )
    )
    rows.append(
        (
            f"rebuild in one process, {size} (no helper; in turns with the above)",
            f"{alone:,.0f} events/s (median of 3); the helper gains {rate / alone - 1:+.0%};"
            f" peak {medians['one']['peak_mb']:.0f} MB",
        )
    )
    if size != "1M":
        return rows
    case = prepare_writes(path)
    cli = [str(BIN / "bargaining"), "--store", str(path), "--as", "bench"]
    for label, argv in (
        (
            "read: stats disputes, one year (whole process)",
            [*cli, "stats", "disputes", "--from", "2020-01-01", "--to", "2020-12-31"],
        ),
        (
            "read: stats disputes, ten years (whole process)",
            [*cli, "stats", "disputes", "--from", "2015-01-01", "--to", "2024-12-31"],
        ),
        ("read: board, what needs attention (whole process)", [*cli, "board"]),
        ("read: board --all, every row (whole process)", [*cli, "board", "--all"]),
        ("read: case list --status open (whole process)", [*cli, "case", "list", "--status", "open"]),
        (
            "read: case list --search 工伤, every case's text (whole process)",
            [*cli, "case", "list", "--search", "工伤"],
        ),
        (
            "floor of any board: its 13 columns read with sqlite3 and printed, nothing else",
            [str(BIN / "python"), "-c", BOARD_FLOOR, str(path / "views.sqlite")],
        ),
    ):
        subprocess.run(argv, check=True, capture_output=True)  # caught up, and in the OS cache
        rows.append((label, beside_baseline(argv, runs)))
    today = date.today().isoformat()
    shown = subprocess.run(
        [*cli, "negotiation", "show", "BENCH-NEG", "--json"], check=True, capture_output=True
    )
    rounds = json.loads(shown.stdout)["rounds"]
    first = "丁" if rounds and rounds[-1]["chair"] == "甲" else "甲"  # the chiefs chair in turn
    chair = iter([first, "丁" if first == "甲" else "甲"] * (runs + 1))  # and one run counted
    place = ["--place", "室", "--recorder", "记录员"]
    rows.append(
        (
            "write: negotiation round (whole process)",
            beside_baseline(
                lambda: [
                    *cli,
                    "negotiation",
                    "round",
                    "BENCH-NEG",
                    "--on",
                    today,
                    "--chair",
                    next(chair),
                    *place,
                ],
                runs,
            ),
        )
    )
    session = [*cli, "case", "session", case, "--on", today, "--attended", "职工"]
    rows.append(("write: case session (whole process)", beside_baseline(session, runs)))
    load = python(LOAD)
    rows.append(
        (
            "load a 1,000-event negotiation",
            f"{load['snapshot_ms']:.1f} ms with snapshots (replaying all events: {load['replay_ms']:.1f} ms)",
        )
    )
    return rows


def compile_the_code() -> None:
    """Byte-compile the code under test, and cache its dataclass methods, as ``make setup`` does.

    Where PYTHONDONTWRITEBYTECODE is set nothing is cached, and every timed command would
    compile its modules again (~30 ms a process) and its event classes' methods (~30-60 ms).
    """
    import compileall

    import bargaining
    from bargaining.startup import warm

    root = Path(bargaining.__file__).resolve().parent.parent
    for package in ("bargaining", "cli", "domain", "projections"):
        compileall.compile_dir(root / package, quiet=1)
    warm()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--small", action="store_true", help="Only the 100k-event store.")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("BARGAINING_LOCK_TIMEOUT", "30")
    compile_the_code()
    rows = []
    for size in ("100k",) if args.small else ("100k", "1M"):
        rows += measure(args.directory, size, args.runs)
    print("| what | measured |\n|---|---|")
    for what, figure in rows:
        print(f"| {what} | {figure} |")


if __name__ == "__main__":
    main()
