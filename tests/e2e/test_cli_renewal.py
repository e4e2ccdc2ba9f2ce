"""One renewal at a time: while a renewal negotiation is under way a second is refused, naming
the first; one whose request was refused does not block a new one. Errors name the step."""

from __future__ import annotations

from datetime import date

from bargaining import Tracker
from tests import builders as b
from tests.conftest import Cli


def test_a_second_renewal_is_refused_while_the_first_is_under_way(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2012, 6, 1)) as t:
        b.in_force(t, "CB-2011-001")  # a wage agreement to 30 June 2012: its window opened 1 May
    run = Cli(any_store)
    run.ok("contract renew CB-2011-001 --ref CB-2012-001 --on 2012-05-15")
    before = run.events()
    second = run("contract renew CB-2011-001 --ref CB-2012-002 --on 2012-05-20")
    assert second.exit_code == 1
    assert second.stderr == (
        "Error: renew.ref: CB-2012-001 already renews CB-2011-001 (opened 2012-05-15, opened):"
        " carry that negotiation on, one renewal at a time\n"
    )
    assert run.events() == before
    run.ok("negotiation request CB-2012-001 --on 2012-05-16")
    run.ok("negotiation reply CB-2012-001 --on 2012-05-18 --refuse --reason 企业经营困难")
    run.ok("contract renew CB-2011-001 --ref CB-2012-002 --on 2012-05-20")  # the refused one ended
    assert "CB-2012-002" in run.ok("contract show CB-2011-001").stdout


def test_a_step_on_a_contract_not_yet_signed_names_the_step(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("negotiation open CB-1 -k wage -e 企业 -u 工会 --on 2011-04-01")
    result = run("contract submit CB-1 --on 2011-07-04")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: submit.reference: no contract CB-1 yet: the negotiation has not been signed; sign it first\n"
    )
    missing = run("contract receipt CB-9 --on 2011-07-04")
    assert missing.stderr == "Error: receipt.reference: no such contract: CB-9\n"
