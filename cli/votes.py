"""The ratification votes of ``negotiation show``: every attempt, the last one in full."""

from __future__ import annotations

from typing import Any

import click

from bargaining import N_, NC_, _, pgettext, term
from cli.options import headings
from cli.output import kv, section, table

NO_QUORUM = "no quorum"
# "body" is the body that voted (the workers' congress), not a mediation body.
VOTES_HEADINGS = (N_("date"), ("vote", NC_("vote", "body")), N_("attempt"), N_("outcome"), N_("present"))


def outcome_word(vote: dict[str, Any]) -> str:
    """'passed', 'tied → decided passed', or 'no quorum — held, invalid'."""
    if vote["outcome"] == NO_QUORUM:
        return _("no quorum — held, invalid")
    outcome = term("outcome", vote["outcome"])
    if not vote["decided"]:
        return outcome
    decided = term("outcome", vote["decided"]["outcome"])
    return _("{outcome} → decided {decided}").format(outcome=outcome, decided=decided)


def attempt_word(vote: dict[str, Any]) -> str:
    """'1', or '2, after the meeting of 2011-06-17 without quorum'."""
    if vote["follows"] is None:
        return str(vote["attempt"])
    return _("{attempt}, after the meeting of {day} without quorum").format(
        attempt=vote["attempt"], day=vote["follows"]
    )


def counts(vote: dict[str, Any]) -> str:
    tally = vote["tally"]
    if not tally:
        return _("tally not recorded")
    numbers = {
        "roll": tally["roll"],
        "present": tally["present"],
        "quorum": tally["quorum_needed"],
        "yes": tally["yes"],
        "needed": tally["yes_needed"],
        "no": tally["no"],
        "abstain": tally["abstain"],
        "invalid": tally["invalid"],
    }
    if vote["outcome"] == NO_QUORUM and not any(tally[k] for k in ("yes", "no", "abstain", "invalid")):
        return _("roll {roll}, present {present} (quorum {quorum}), no ballots counted").format(**numbers)
    return _(
        "roll {roll}, present {present} (quorum {quorum}), yes {yes} (needed {needed}), no {no},"
        " abstain {abstain}, invalid {invalid}"
    ).format(**numbers)


def body_word(vote: dict[str, Any]) -> str:
    """'congress 第三届': the body that voted, in the current language, and its session."""
    return f"{term('body', vote['body'])} {vote['session']}".strip()


def render_votes(votes: list[dict[str, Any]]) -> None:
    """One vote in full; several (a meeting without quorum, a rejected draft voted on again)
    as a table of every one, then the last in full."""
    if not votes:
        return
    if len(votes) > 1:
        section(_("Ratification votes"))
        rows = [
            [
                v["on"],
                body_word(v),
                v["attempt"],
                outcome_word(v),
                _("{present} of {roll} ({needed} needed)").format(
                    present=v["tally"]["present"], roll=v["tally"]["roll"], needed=v["tally"]["quorum_needed"]
                )
                if v["tally"]
                else _("not recorded"),
            ]
            for v in votes
        ]
        click.echo(table(rows, headings(VOTES_HEADINGS)))
    last = votes[-1]
    section(_("Ratification vote") if len(votes) == 1 else _("Last ratification vote"))
    kv(
        [
            (_("Date"), last["on"]),
            (pgettext("vote", "Body"), body_word(last)),
            (_("Attempt"), attempt_word(last) if last["follows"] else None),
            (_("Outcome"), outcome_word(last)),
            (_("Counts"), counts(last)),
            (_("Rule"), last["rule"]),
        ]
    )
