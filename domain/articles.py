"""Proposals per article and the history of an article's text (DOMAIN A6)."""

from __future__ import annotations

import difflib
from datetime import date

import attrs

from domain.values import Side, WageTerms


@attrs.frozen(kw_only=True)
class Proposal:
    """One proposal or counter-proposal on one article, tabled by one side at one round."""

    id: str
    article: str
    side: Side
    round: int
    on: date
    text: str
    wage: WageTerms | None = None
    counter_to: str | None = None
    withdrawn_round: int | None = None
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""

    def live_at(self, round_no: int) -> bool:
        """Tabled at or before ``round_no`` and not withdrawn by then."""
        if self.round > round_no:
            return False
        return self.withdrawn_round is None or self.withdrawn_round > round_no


@attrs.frozen(kw_only=True)
class Agreement:
    """A tentative agreement (TA) on an article's text at a round."""

    round: int
    on: date
    proposal_id: str
    text: str


def order_key(p: Proposal) -> tuple[int, int]:
    return (p.round, int(p.id.lstrip("P")))


def current_proposal(proposals: list[Proposal], round_no: int) -> Proposal | None:
    """The text on the table for an article at the end of ``round_no``."""
    live = [p for p in proposals if p.live_at(round_no)]
    return max(live, key=order_key) if live else None


def text_at(proposals: list[Proposal], round_no: int) -> str:
    current = current_proposal(proposals, round_no)
    return current.text if current else ""


def line_diff(old: str, new: str, old_label: str, new_label: str) -> list[str]:
    """A unified line diff of an article's text between two rounds."""
    return list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), fromfile=old_label, tofile=new_label, lineterm=""
        )
    )
