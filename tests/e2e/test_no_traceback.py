"""No command prints a traceback: the reports and views, asked about any date, over a store
holding every kind of record, answer or refuse in one line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining import Tracker
from cli.main import cli
from tests import builders_mediation as m
from tests.conftest import Cli
from tests.projections.test_attention import federation

CASES = ("CASE-SETTLED", "CASE-FAILED", "CASE-DECLINED", "CASE-OPEN", "CASE-BARRED")
REFERENCES = ("CB-LATE", "CB-A", "CB-B", "CB-C", "CB-D", "CB-E", "CB-F", "CB-G", "CB-H")


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Negotiations and contracts at every stage, and cases with every outcome."""
    store = tmp_path_factory.mktemp("everything") / "store"
    federation(store)
    with Tracker(store, actor="测试员", today=date(2024, 12, 31)) as t:
        m.settled(t, "CASE-SETTLED")
        m.in_mediation(t, "CASE-FAILED")
        t.cases.fail("CASE-FAILED", on=date(2024, 3, 18), reason="未达成协议")
        m.received(t, "CASE-DECLINED")
        t.cases.decline("CASE-DECLINED", on=date(2024, 3, 8), reason="一方不同意调解")
        m.in_mediation(t, "CASE-OPEN")
        m.received(t, "CASE-BARRED", known_on=date(2021, 1, 1))
        # Opened in the tracker long after the request it records (the README's first lines, typed
        # without --on): an --as-of board between the two ended in a traceback.
        t.negotiations.open("CB-LATE", employer="企业", union="工会", kind="wage", on=date(2024, 12, 31))
        t.negotiations.request("CB-LATE", on=date(2011, 4, 8))
    return store


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


def commands() -> st.SearchStrategy[list[str]]:
    def on(day: date) -> str:
        return day.isoformat()

    return st.one_of(
        st.builds(lambda d, a: ["board", "--as-of", on(d), *(["--all"] if a else [])], days, st.booleans()),
        st.builds(lambda d, w: ["board", "--within", str(w), "--as-of", on(d)], days, st.integers(0, 36500)),
        st.builds(lambda d: ["deadlines", "--as-of", on(d), "--within", "36500"], days),
        st.builds(lambda d: ["deadlines", "--met", "--as-of", on(d), "--within", "3650"], days),
        st.builds(
            lambda d, r: ["negotiation", "show", r, "--as-of", on(d)], days, st.sampled_from(REFERENCES)
        ),
        st.builds(lambda d, r: ["contract", "show", r, "--as-of", on(d)], days, st.sampled_from(REFERENCES)),
        st.builds(lambda d, r: ["case", "show", r, "--as-of", on(d)], days, st.sampled_from(CASES)),
        st.builds(
            lambda d, n: ["stats", "disputes", "--from", on(d), "--to", on(d + timedelta(days=n))],
            days,
            st.integers(-30, 4000),
        ),
        st.builds(lambda y: ["stats", "contracts", "--year", str(y)], st.integers(1990, 2100)),
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=commands(), as_json=st.booleans())
def test_any_date_is_answered_or_refused_in_one_line(
    everything: Path, argv: list[str], as_json: bool
) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(everything), *argv, *(["--json"] if as_json else [])], prog_name="bargaining"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # the traceback a user would have seen
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    if result.exit_code:
        assert result.stderr.startswith("Error: "), (argv, result.stderr)
        assert result.stderr.count("\n") == 1, (argv, result.stderr)


def test_the_readme_board_on_a_day_between_a_request_and_the_opening_of_its_record(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("negotiation open CB-2011-001 -k wage -e 广州XX有限公司 -u 广州XX有限公司工会")  # today
    run.ok("negotiation request CB-2011-001 --on 2011-04-08")
    board = run.ok("board --stage requested --as-of 2011-06-01 --json").stdout
    # as show --as-of does: the record's first event counts once a later step does
    assert [r["reference"] for r in json.loads(board)] == ["CB-2011-001"]
    assert run.ok("board --stage negotiating --as-of 2011-06-01").stdout == "Nothing needs attention.\n"
