"""`bargaining board`: what needs attention by default, everything with --all, on both stores."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from bargaining import Tracker
from tests.conftest import Cli
from tests.projections.test_attention import federation


def references(table: str) -> list[str]:
    return [line.split()[0] for line in table.splitlines()[2:] if line.startswith("CB-")]


def test_the_board_lists_what_needs_attention_soonest_first_and_counts_the_rest(any_store: str) -> None:
    federation(any_store)  # type: ignore[arg-type]  # a directory or a PostgreSQL URL
    run = Cli(any_store)
    out = run.ok("board").stdout
    # Today (years later) only what was never concluded is left: two overdue first, by date
    assert references(out) == ["CB-A", "CB-C", "CB-B", "CB-H"]
    assert out.splitlines()[-1] == (
        "4 need attention; 4 more in force or closed with nothing due within 30 days"
        " (1 refused, 2 expired, 1 terminated): --all lists them."
    )
    everything = run.ok("board --all").stdout
    assert references(everything) == ["CB-A", "CB-B", "CB-C", "CB-D", "CB-E", "CB-F", "CB-G", "CB-H"]
    assert everything.splitlines()[-1] == "8 negotiations and contracts."


def test_the_window_and_the_filters_work_with_both_boards(any_store: str) -> None:
    federation(any_store)  # type: ignore[arg-type]
    run = Cli(any_store)
    day = "--as-of 2011-07-21"
    assert references(run.ok(f"board {day} --within 3").stdout) == ["CB-A", "CB-C", "CB-B", "CB-H"]
    assert references(run.ok(f"board {day} --within 4").stdout) == ["CB-A", "CB-C", "CB-D", "CB-B", "CB-H"]
    assert references(run.ok(f"board {day} --stage negotiating").stdout) == ["CB-B", "CB-H"]
    assert references(run.ok("board --all --stage expired").stdout) == ["CB-D", "CB-E"]
    assert references(run.ok("board -k special --all").stdout) == ["CB-H"]
    rows = json.loads(run.ok("board --json").stdout)
    assert [r["reference"] for r in rows] == ["CB-A", "CB-C", "CB-B", "CB-H"]
    assert rows[0]["next_deadline"]["label"] == "written reply to the request"
    table = list(csv.DictReader(io.StringIO(run.ok("board --csv").stdout)))
    assert [r["reference"] for r in table] == ["CB-A", "CB-C", "CB-B", "CB-H"]
    assert json.loads(run.ok("board --all --json").stdout)[4]["reference"] == "CB-E"


def test_nothing_needing_attention_says_so_and_what_the_board_holds(run: Cli) -> None:
    run.ok("demo")
    out = run.ok("board").stdout
    assert out == (
        "Nothing needs attention; 1 more in force or closed with nothing due within 30 days"
        " (1 expired): --all lists it.\n"
    )


def test_within_is_for_the_attention_board_only(run: Cli) -> None:
    result = run("board --all --within 7")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: board.within: --within chooses what needs attention; --all lists everything\n"
    )


def test_the_board_finds_an_employer_alike_on_both_stores_and_as_of(any_store: str) -> None:
    """A substring of the folded name: case and full-width letters as the lists fold them."""
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 10)) as t:
        t.negotiations.open(
            "CB-2011-009", employer="Guangzhou ABC 有限公司", union="工会", kind="wage", on=date(2011, 4, 1)
        )
    run = Cli(any_store)
    for typed in ("abc", "ＡＢＣ", "ABC 有限"):
        for extra in ("", " --as-of 2011-07-10"):
            found = json.loads(run.ok(f"board --all --employer '{typed}'{extra} --json").stdout)
            assert [r["reference"] for r in found] == ["CB-2011-009"], (typed, extra)
    assert json.loads(run.ok("board --all --employer 'ab%' --json").stdout) == []
