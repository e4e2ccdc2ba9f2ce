"""A store's files are its owner's alone: the directory 0700, every file in it 0600."""

from __future__ import annotations

import os
import stat
from contextlib import closing
from pathlib import Path

from bargaining import Tracker
from tests.conftest import Cli

OPEN = "negotiation open CB-2011-001 -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01"
CASE = "case open CASE-1 -c visit --received 2024-03-07 -a 刘某 -r 项目部 -k work-injury --request 赔偿"


def test_every_file_of_a_store_is_readable_by_its_owner_only_whatever_the_umask(
    run: Cli, store: Path
) -> None:
    previous = os.umask(0)
    try:
        run.ok(OPEN)
        run.ok(CASE)
        run.ok("rebuild")
        # Held open, SQLite keeps each file's -wal and -shm beside it.
        with Tracker(store, actor="x") as tracker, closing(tracker.store.open_views()):
            assert tracker.event_count() == 2
            modes = {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in store.iterdir()}
    finally:
        os.umask(previous)
    assert set(modes) == {
        f"{name}.sqlite{suffix}"
        for name in ("negotiations", "mediation", "views")
        for suffix in ("", "-wal", "-shm")
    }
    assert set(modes.values()) == {"0o600"}, modes
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
