"""Catching the read models up: each application's log in its own process when there is a lot.

Imported only when the views are behind.

Folding events is CPU work, and the two applications' logs feed disjoint rows (the board's,
the statistics', each aggregate's timeline entry). When the views are far behind (a rebuild,
or a store copied in), the application with the longer backlog is caught up by a second
process while this one does the other, so both cores work. Each process commits its own
pages with its own positions, exactly as a single one would: if the helper process fails for
any reason, this one simply carries on from the positions it committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from bargaining.reports import ReportService
from bargaining.store import STORE_ENV, Store
from projections import runner
from projections.store import open_views

PARALLEL_FROM = 50_000  # notifications behind, from which a second process is worth its start-up
Progress = Callable[[int], None]


def catch_up(
    apps: Mapping[str, Any],
    store: Store,
    names: tuple[str, ...],
    *,
    reset: bool,
    progress: Progress | None,
) -> int:
    """Bring the chosen projections (all when ``names`` is empty) up to date; events read."""
    views = open_views(store.env_for("Views"))
    try:
        chosen = runner.projections_named(views, names)
        if reset:
            runner.reset(views, chosen, everything=not names)
        behind = runner.backlog_by_application(apps, views, chosen)
        busy = sorted((n, app) for app, n in behind.items() if n)
        if len(busy) < 2 or sum(behind.values()) < PARALLEL_FROM:
            return runner.catch_up(apps, views, chosen, progress=progress)
        helped = busy[-1][1]
        return _in_two_processes(apps, views, chosen, store, names, helped, progress)
    finally:
        views.close()


def _in_two_processes(
    apps: Mapping[str, Any],
    views: Any,
    chosen: list[Any],
    store: Store,
    names: tuple[str, ...],
    helped: str,
    progress: Progress | None,
) -> int:
    # A plain child process (not multiprocessing, which would re-run the caller's main
    # module); the store is passed in its environment so a password never shows in ps.
    counted = {"read": 0, "reported": 0, "finished": False}

    def report() -> None:
        fresh = counted["read"] - counted["reported"]
        counted["reported"] += fresh
        if progress is not None and fresh:
            progress(fresh)

    def advance(count: int) -> None:
        report()
        if progress is not None:
            progress(count)

    with subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
        [sys.executable, "-m", "bargaining.catchup", helped, *names],
        env={**os.environ, STORE_ENV: store.url or str(store.location)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as helper:
        listener = threading.Thread(target=_listen, args=(helper, counted), daemon=True)
        listener.start()
        try:
            others = {k: v for k, v in apps.items() if k != helped}
            read = runner.catch_up(others, views, chosen, progress=advance)
            while helper.poll() is None:
                listener.join(0.05)
                report()
        except BaseException:
            helper.kill()
            raise
        listener.join()
        report()
    if helper.returncode != 0 or not counted["finished"]:  # carry on from what the helper committed
        rest = runner.catch_up({helped: apps[helped]}, views, chosen, progress=progress)
        return read + counted["read"] + rest
    return read + counted["read"]


def _listen(helper: subprocess.Popen[str], counted: dict[str, Any]) -> None:
    """The helper's progress lines: events per committed page, then ``done``."""
    assert helper.stdout is not None
    for line in helper.stdout:
        if line.strip() == "done":
            counted["finished"] = True
        elif line.strip().isdigit():
            counted["read"] += int(line)


def main(argv: list[str]) -> None:
    """The helper process: ``python -m bargaining.catchup APPLICATION [PROJECTION...]``.

    Catches up one application's backlog for the store in ``BARGAINING_STORE`` and prints
    the number of events of each committed page, then ``done``.
    """
    upstream, names = argv[0], tuple(argv[1:])
    store = Store.resolve()
    with ReportService(store, date.today())._applications() as apps:  # noqa: DTZ011
        views = open_views(store.env_for("Views"))
        try:
            chosen = runner.projections_named(views, names)
            runner.catch_up({upstream: apps[upstream]}, views, chosen, progress=_say)
        finally:
            views.close()
    _say("done")


def _say(what: object) -> None:
    sys.stdout.write(f"{what}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
