"""Snapshots: a negotiation's state round-trips, and snapshots in the earlier layout still load."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Snapshot
from eventsourcing.persistence import JSONTranscoder

from bargaining import Tracker
from bargaining.store.application import StoreApplication
from bargaining.store.snapshots import RECORDS, attrs_transcoding
from domain.negotiation import Negotiation
from tests import builders as b


def signed_state(tracker: Tracker) -> tuple[Any, dict[str, Any]]:
    b.in_force(tracker, "CB-2011-001")
    app = tracker.negotiations.app
    negotiation = app.load(Negotiation, "CB-2011-001", "negotiation")
    return app, Snapshot.take(negotiation).state


def same(decoded: dict[str, Any], state: dict[str, Any]) -> bool:
    """Equal, but for JSON turning the aggregate's own top-level tuples into lists."""
    return decoded == {k: list(v) if type(v) is tuple else v for k, v in state.items()}


def test_a_negotiations_state_round_trips_through_a_snapshot(tracker: Tracker) -> None:
    app, state = signed_state(tracker)
    stored = app.mapper.transcoder.encode(state)
    assert b'"_type_":"proposal@2"' in stored
    assert same(app.mapper.transcoder.decode(stored), state)
    assert state["rounds"]
    assert state["proposals"]


def test_a_snapshot_in_the_earlier_layout_still_loads(tracker: Tracker) -> None:
    app, state = signed_state(tracker)
    earlier = JSONTranscoder()
    StoreApplication.register_transcodings(app, earlier)
    for record, name in RECORDS:
        earlier.register(attrs_transcoding(record, name))
    written_before = earlier.encode(state)
    assert b'"_type_":"proposal"' in written_before
    assert same(app.mapper.transcoder.decode(written_before), state)


def test_a_meeting_held_without_quorum_round_trips_through_a_snapshot(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 17), roll=90, present=58, no_quorum=True)
    app = tracker.negotiations.app
    state = Snapshot.take(app.load(Negotiation, ref, "negotiation")).state
    decoded = app.mapper.transcoder.decode(app.mapper.transcoder.encode(state))
    assert same(decoded, state)
    assert decoded["votes"][0].outcome.value == "no quorum"
