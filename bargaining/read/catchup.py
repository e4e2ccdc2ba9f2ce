"""Catching the read models up: each application's log in its own process when there is a lot.

Imported only when the views are behind.

Folding events is CPU work, and each read model's rows and position for each application's
log are its own (the board's, the statistics', each aggregate's timeline entry). When the
views are far behind (a rebuild, or a store copied in), the biggest such share (a read model
that parses the bodies of a long log: the statistics over the mediation log, as a rule) is
caught up by a second process while this one does all the rest, so both cores work. Each
process commits its own pages with its own positions, exactly as a single one would: if the
helper process fails for any reason, this one simply carries on from the positions it
committed.

The helper dies with the command that started it, however that command ends (SIGKILL
included): it holds the read end of a pipe whose write end only the parent has, and leaves
the moment the pipe reports end-of-file, without committing the page in flight (see
``bargaining.child.leave_with_parent``). A helper left running would hold the views' write lock and go on
folding for nobody, and the next command would wait on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from bargaining import contexts
from bargaining.child import command, leave_with_parent
from bargaining.store.location import STORE_ENV, Store
from projections import runner

PARALLEL_FROM = 50_000  # notifications behind, from which a second process is worth its start-up
# A read model that parses event bodies costs about three times one that only counts them
# (the timeline): measured per event on a rebuild of the benchmark's store.
PARSING_WEIGHT = 3
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
    views = store.open_views()
    try:
        chosen = runner.projections_named(views, names)
        if reset:
            runner.reset(views, chosen, everything=not names)
        helped = _share_for_a_helper(runner.units(apps, views, chosen), chosen)
        if helped is None:
            read = runner.catch_up(apps, views, chosen, progress=progress)
        else:
            read = _in_two_processes(apps, views, chosen, store, helped, progress)
        if views.indexes_deferred:  # a reset or a new layout: built once, now the tables are full
            views.restore_indexes()
        return read
    finally:
        views.close()


def _share_for_a_helper(behind: dict[runner.Unit, int], chosen: list[Any]) -> runner.Unit | None:
    """The biggest share of the work, when the rest is worth a process of its own; else None."""
    parsing = {p.name for p in chosen if p.steps}
    weights = {unit: n * (PARSING_WEIGHT if unit[0] in parsing else 1) for unit, n in behind.items() if n}
    if len(weights) < 2 or sum(behind.values()) < PARALLEL_FROM:
        return None
    return max(weights, key=lambda unit: weights[unit])


def _in_two_processes(
    apps: Mapping[str, Any],
    views: Any,
    chosen: list[Any],
    store: Store,
    helped: runner.Unit,
    progress: Progress | None,
) -> int:
    # The store is passed in the child's environment so a password never shows in ps.
    counted = {"read": 0, "reported": 0, "finished": False}
    projection, upstream = helped
    # Events are counted once: the helper's reads count only if this process skips its log.
    counts = not any(upstream in p.upstreams for p in chosen if p.name != projection)

    def report() -> None:
        fresh = counted["read"] - counted["reported"] if counts else 0
        counted["reported"] += fresh
        if progress is not None and fresh:
            progress(fresh)

    def advance(count: int) -> None:
        report()
        if progress is not None:
            progress(count)

    with subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
        # -P (bargaining.child.command): "python -m" would put the working directory first on
        # the path, and so run whatever other version of this package a checkout there holds
        # (seen: a helper of another layout dropped the views under this process's feet).
        command("bargaining.read.catchup", upstream, projection),
        env={**os.environ, STORE_ENV: store.url or str(store.location)},
        stdin=subprocess.PIPE,  # never written: its end-of-file tells the helper this process is gone
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as helper:
        listener = threading.Thread(target=_listen, args=(helper, counted), daemon=True)
        listener.start()
        try:
            read = runner.catch_up(apps, views, chosen, progress=advance, skip=helped)
            while helper.poll() is None:
                listener.join(0.05)
                report()
        except BaseException:
            helper.kill()
            raise
        listener.join()
        report()
    theirs = counted["read"] if counts else 0
    if helper.returncode != 0 or not counted["finished"]:  # carry on from what the helper committed
        mine = [p for p in chosen if p.name == projection]
        rest = runner.catch_up({upstream: apps[upstream]}, views, mine, progress=progress if counts else None)
        return read + theirs + (rest if counts else 0)
    return read + theirs


def _listen(helper: subprocess.Popen[str], counted: dict[str, Any]) -> None:
    """The helper's progress lines: events per committed page, then ``done``."""
    assert helper.stdout is not None
    for line in helper.stdout:
        if line.strip() == "done":
            counted["finished"] = True
        elif line.strip().isdigit():
            counted["read"] += int(line)


def main(argv: list[str]) -> None:
    """The helper process: ``python -m bargaining.read.catchup APPLICATION PROJECTION``.

    Catches up one read model with one application's log for the store in
    ``BARGAINING_STORE`` and prints the number of events of each committed page, then ``done``.
    """
    upstream, names = argv[0], (argv[1],)
    leave_with_parent()
    store = Store.resolve()
    with contexts.opened(store) as apps:
        # The tables exist (this process's parent made them) and may be without their indexes
        # until the parent restores them: creating them here would undo that.
        views = store.open_views(create_tables=False)
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
