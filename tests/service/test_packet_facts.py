"""What a packet states comes from the record, and every gap in it is a warning, never filled in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bargaining import Tracker
from bargaining.errors import StageError
from bargaining.packet.facts import gather
from bargaining.packet.words import warning_text
from domain.contract import CollectiveContract
from domain.negotiation import Negotiation
from tests import builders


def facts(t: Tracker, ref: str, today: date) -> dict:  # type: ignore[type-arg]
    app = t.negotiations.app
    return gather(app.load(Negotiation, ref, "n"), app.load(CollectiveContract, ref, "c"), today)


def test_an_unsubmitted_contract_past_its_due_date_is_warned_with_the_days_overdue(tracker: Tracker) -> None:
    ref = builders.signed(tracker)
    found = facts(tracker, ref, date(2011, 7, 10))
    texts = [warning_text(w, "en") for w in found["warnings"]]
    assert (
        "Not submitted for filing: it was due on 2011-07-06 (PRC, Trial Measures for Wage Collective"
        " Negotiation art. 21), 4 days before 2011-07-10." in texts
    )
    assert found["filing"]["submitted_on"] is None
    assert [d["due"] for d in found["filing"]["deadlines"]] == ["2011-07-06", "2011-07-11"]


def test_chiefs_without_a_recorded_post_and_wage_proposals_without_factors_are_gaps(tracker: Tracker) -> None:
    ref = builders.signed(tracker)
    codes = [w["code"] for w in facts(tracker, ref, date(2011, 7, 1))["warnings"]]
    assert codes == ["chief.union", "chief.employer", "wage.factors"]


def test_a_special_contract_without_wage_terms_has_no_wage_section(tracker: Tracker) -> None:
    ref = builders.signed(tracker, kind="special")
    found = facts(tracker, ref, date(2011, 7, 1))
    assert found["wage"] is None
    assert found["resolution"]["tally"]["yes_needed"] == 31
    assert [a["round"] for a in found["articles"]] == [2]


def test_no_packet_is_made_before_signing(tracker: Tracker, tmp_path: Path) -> None:
    ref = builders.ratified(tracker)
    with pytest.raises(StageError, match="is ratified, not signed"):
        tracker.packets.write(ref, out=f"{tmp_path}/p")
