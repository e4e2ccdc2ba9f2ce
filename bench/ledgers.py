"""Importing a ledger: cases a second, and the memory it takes as the ledger grows.

    python -m bench.ledgers DIR [--rows 10000 100000] [--postgres URL]

Writes a mediation case ledger (.xlsx) of each size into DIR, imports it into an empty store
with the installed ``bargaining import cases`` (a process, as a user runs it) and prints, in
the same run, the raw sqlite3 insert rate of the performance notes (one transaction of
300-byte rows) for scale, then per size: seconds, cases a second and the importing
process's peak resident memory. With --postgres, the same into a fresh database of that
server. bench/RESULTS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
CATEGORIES = ("工伤", "劳动报酬", "社会保险", "解除劳动关系", "经济补偿", "确认劳动关系")
OUTCOMES = ("调解成功", "调解成功", "调解成功", "调解不成", "撤回", None)
HEADINGS = [
    "案件编号",
    "申请人",
    "被申请人",
    "争议类型",
    "受理日期",
    "结案日期",
    "处理结果",
    "涉及人数",
    "涉案金额",
    "协议金额",
]


def ledger(path: Path, rows: int) -> Path:
    """A year-by-year ledger of ``rows`` cases, written row by row (openpyxl's write-only mode)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(HEADINGS)
    for n in range(rows):
        accepted = date(2015, 1, 1) + timedelta(days=n % 3600)
        outcome = OUTCOMES[n % len(OUTCOMES)]
        closed = accepted + timedelta(days=3 + n % 12) if outcome else None
        sheet.append(
            [
                f"L-{n:07d}",
                f"职工{n}、职工{n + 1}" if n % 7 == 0 else f"职工{n}",
                f"企业{n % 5000}有限公司",
                CATEGORIES[n % len(CATEGORIES)],
                accepted,
                closed,
                outcome,
                2 + n % 12,
                f"{1000 + n % 400000:,}.00",
                (500 + n % 300000) if outcome == "调解成功" else None,
            ]
        )
    book.save(path)
    return path


def raw_inserts(root: Path, rows: int = 100_000) -> float:
    """Rows a second: sqlite3 inserting 300-byte rows in one transaction (the notes' baseline)."""
    path = root / "raw.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
    body = b"x" * 300
    started = time.perf_counter()
    with db:
        db.executemany("INSERT INTO t (body) VALUES (?)", ((body,) for _ in range(rows)))
    elapsed = time.perf_counter() - started
    db.close()
    return rows / elapsed


def imported(path: Path, store: str) -> tuple[float, int]:
    """Seconds to import ``path`` into ``store`` and the process's peak memory in MB."""
    env = {**os.environ, "BARGAINING_STORE": store, "BARGAINING_ACTOR": "基准"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(BIN / "bargaining"), "import", "cases", str(path)], env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest so far
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"import failed with exit {child.returncode}")
    return elapsed, usage.ru_maxrss // 1024  # kB on Linux


def fresh_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--postgres", default="", metavar="URL", help="a server to import into as well")
    args = parser.parse_args()
    root = args.directory
    root.mkdir(parents=True, exist_ok=True)
    print(f"raw sqlite3 inserts, one transaction: {raw_inserts(root):,.0f} rows/s")
    print("| store | rows | seconds | cases/s | peak memory |")
    print("|---|---|---|---|---|")
    for rows in args.rows:
        path = root / f"ledger-{rows}.xlsx"
        if not path.exists():
            ledger(path, rows)
        targets = [("SQLite", str(root / f"store-{rows}"))]
        if args.postgres:
            targets.append(("PostgreSQL", fresh_database(args.postgres, f"bench_ledger_{rows}")))
        for name, store in targets:
            if name == "SQLite":
                shutil.rmtree(store, ignore_errors=True)
            elapsed, peak = imported(path, store)
            print(f"| {name} | {rows:,} | {elapsed:.1f} | {rows / elapsed:,.0f} | {peak} MB |")


if __name__ == "__main__":
    main()
