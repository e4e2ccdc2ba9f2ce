"""The committee's report on the 1M-event store: seconds, peak memory and the file's size.

    python -m bench.report DIR [--year 2023] [--runs 3]

DIR holds the generated stores (bench.run makes them: ~1M events, 125,000 cases over ten
years, 6,000 negotiations). Each run is the installed ``bargaining report`` as a user runs it,
on read models already up to date (one report run first brings them up), for one year; the
figures are the median run's wall time, its peak resident memory and the HTML's size, beside
the bare ``import click`` process and ``stats disputes`` for the same year. Targets (issue 17):
under 5 s and under 20 MB of HTML. bench/RESULTS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import BIN, CLICK, store


def timed(argv: list[str]) -> tuple[float, float]:
    """(seconds, the child's peak resident MB) of one process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = store(args.root, "1M")
    period = ["--from", f"{args.year}-01-01", "--to", f"{args.year}-12-31"]
    bargaining = [str(BIN / "bargaining"), "--store", str(path)]
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "report.html"
        report = [*bargaining, "report", "--out", str(out), *period, "--json"]
        first = json.loads(subprocess.run(report, check=True, capture_output=True, text=True).stdout)
        runs = [timed(report) for _ in range(args.runs)]
        stats = [timed([*bargaining, "stats", "disputes", *period, "--json"])[0] for _ in range(args.runs)]
        click = [timed(CLICK)[0] for _ in range(args.runs)]
        size = out.stat().st_size
    seconds = statistics.median(s for s, _ in runs)
    peak = max(m for _, m in runs)  # RUSAGE_CHILDREN keeps the largest child so far
    print(
        f"| report, one year ({args.year}) | {first['cases']:,} cases, {first['negotiations']:,} negotiations |"
    )
    print(f"| seconds (median of {args.runs}) | {seconds:.2f} (target < 5) |")
    print(f"| HTML | {size / 1e6:.1f} MB (target < 20) |")
    print(f"| peak memory | {peak:.0f} MB |")
    print(f"| stats disputes, same year | {statistics.median(stats):.2f} s |")
    print(f"| import click | {statistics.median(click):.2f} s |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
