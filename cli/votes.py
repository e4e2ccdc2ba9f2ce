"""The ratification votes of ``negotiation show``: every attempt, the last one in full."""

from __future__ import annotations

from typing import Any

import click

from cli.output import kv, section, table

NO_QUORUM = "no quorum"


def outcome_word(vote: dict[str, Any]) -> str:
    """'passed', 'tied → decided passed', or 'no quorum — held, invalid'."""
    if vote["outcome"] == NO_QUORUM:
        return "no quorum — held, invalid"
    decided = f" → decided {vote['decided']['outcome']}" if vote["decided"] else ""
    return f"{vote['outcome']}{decided}"


def attempt_word(vote: dict[str, Any]) -> str:
    """'1', or '2, after the meeting of 2011-06-17 without quorum'."""
    if vote["follows"] is None:
        return str(vote["attempt"])
    return f"{vote['attempt']}, after the meeting of {vote['follows']} without quorum"


def counts(vote: dict[str, Any]) -> str:
    tally = vote["tally"]
    if not tally:
        return "tally not recorded"
    present = f"roll {tally['roll']}, present {tally['present']} (quorum {tally['quorum_needed']})"
    if vote["outcome"] == NO_QUORUM and not any(tally[k] for k in ("yes", "no", "abstain", "invalid")):
        return f"{present}, no ballots counted"
    return (
        f"{present}, yes {tally['yes']} (needed {tally['yes_needed']}), no {tally['no']},"
        f" abstain {tally['abstain']}, invalid {tally['invalid']}"
    )


def render_votes(votes: list[dict[str, Any]]) -> None:
    """One vote in full; several (a meeting without quorum, a rejected draft voted on again)
    as a table of every one, then the last in full."""
    if not votes:
        return
    if len(votes) > 1:
        section("Ratification votes")
        rows = [
            [
                v["on"],
                f"{v['body']} {v['session']}".strip(),
                v["attempt"],
                outcome_word(v),
                f"{v['tally']['present']} of {v['tally']['roll']} ({v['tally']['quorum_needed']} needed)"
                if v["tally"]
                else "not recorded",
            ]
            for v in votes
        ]
        click.echo(table(rows, ["date", "body", "attempt", "outcome", "present"]))
    last = votes[-1]
    section("Ratification vote" if len(votes) == 1 else "Last ratification vote")
    kv(
        [
            ("Date", last["on"]),
            ("Body", f"{last['body']} {last['session']}".strip()),
            ("Attempt", attempt_word(last) if last["follows"] else None),
            ("Outcome", outcome_word(last)),
            ("Counts", counts(last)),
            ("Rule", last["rule"]),
        ]
    )
