"""What a filing packet states, gathered from a signed negotiation and its contract.

Every value comes from the aggregates rebuilt from their events; nothing is typed in or filled
by default. The rows are plain and language-neutral (ISO dates, enum values, money as text to
the fen); the gaps a bureau would query are listed as warnings (a code and its facts), which
the document words in the packet's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bargaining.formats import iso
from bargaining.negotiations.views import decision_row, numbered_votes, tally_row, wage_row
from domain.contract import CollectiveContract
from domain.deadlines import Due, contract_deadlines
from domain.jurisdiction import JurisdictionProfile, LegalBasis
from domain.negotiation import Negotiation, term_warnings
from domain.records import Vote
from domain.values import AgreementKind, Role, Side, VoteTally

Row = dict[str, Any]

# Words in a chief's recorded post that show the standing the rules give by default (R2, R4).
UNION_CHAIR_WORDS = ("工会主席", "chair")
LEGAL_REP_WORDS = ("法定代表人", "legal representative")


def basis_row(profile: JurisdictionProfile, basis: LegalBasis) -> Row:
    return {"en": profile.cite(basis), "zh": basis.chinese()}


def deadline_row(due: Due, profile: JurisdictionProfile, today: date) -> Row:
    rule = due.source
    return {
        "key": due.key,
        "due": due.due.isoformat(),
        "done_on": iso(due.done_on),
        "state": due.state(today),
        "governing": due.governing,
        "rule": due.rule,
        "amount": abs(rule.amount) if rule else None,
        "basis": basis_row(profile, rule.basis) if rule else None,
        # the period's own last day, when it was a rest day and the date rolled past it
        "met_on": None if due.milestone else iso(due.done_on),
        "late_by_days": due.late_by_days,
        "plain": iso(due.plain),
        "roll_basis": basis_row(profile, profile.period_end.basis) if due.plain else None,
    }


def gather(n: Negotiation, c: CollectiveContract, today: date) -> Row:
    """The packet's facts for a signed negotiation ``n`` and its contract ``c`` on ``today``."""
    profile = n.profile
    assert n.term is not None
    assert n.signed_on is not None
    facts: Row = {
        "reference": n.reference,
        "kind": n.kind.value,
        "topic": n.topic,
        "purpose": n.purpose.value,
        "predecessor": n.predecessor,
        "profile": profile.id,
        "employer": n.employer,
        "union": n.union,
        "signed_on": n.signed_on.isoformat(),
        "term": {"start": n.term.start.isoformat(), "end": n.term.end.isoformat()},
        "witnesses": list(n.witnesses),
        "chiefs": {side.value: _chief_row(n, side) for side in Side},
        "filing": _filing(c, profile, today),
        "articles": _articles(n),
        "history": _history(n, c),
        "representatives": _representatives(n),
        "votes": [
            {**_vote_row(vote, profile), "attempt": attempt, "follows": iso(follows)}
            for vote, attempt, follows in numbered_votes(n)
        ],
        "wage": _wage(n),
        "today": today.isoformat(),
    }
    facts["resolution"] = facts["votes"][-1]
    facts["warnings"] = _warnings(n, facts, profile)
    return facts


def _chief_row(n: Negotiation, side: Side) -> Row:
    chief = n.chief(side)
    assert chief is not None  # a contract cannot be signed without both chiefs
    return {"name": chief.name, "title": chief.title}


def _filing(c: CollectiveContract, profile: JurisdictionProfile, today: date) -> Row:
    deadlines = contract_deadlines(c, profile)
    review_rule = profile.deadline("review", c.kind)
    filing_rules = profile.deadlines_for("filing", c.kind)
    return {
        "copies_required": profile.filing_copies,
        "copies_basis": basis_row(profile, filing_rules[0].basis) if filing_rules else None,
        "explanation_required": c.kind is AgreementKind.WAGE,  # S2 Art 21: 3 copies + explanation
        "submitted_on": iso(c.submitted_on),
        "authority": c.authority,
        "copies": c.copies or None,
        "received_on": iso(c.received_on),
        "deadlines": [deadline_row(d, profile, today) for d in deadlines if d.key == "filing"],
        "review": next(
            (deadline_row(d, profile, today) for d in deadlines if d.key == "review"),
            None,
        ),
        "review_amount": review_rule.amount if review_rule else None,
        "review_basis": basis_row(profile, review_rule.basis) if review_rule else None,
        "deemed_effective": profile.deemed_effective_on_silence,
        "effective_on": iso(c.effective_on()),
        "objected_on": iso(c.objected_on),  # in this filing cycle; earlier ones are history
    }


def _articles(n: Negotiation) -> list[Row]:
    rows = []
    for article in n.article_order:
        agreed = n.agreements.get(article)
        if agreed is None:
            continue
        proposal = n.proposals[agreed.proposal_id]
        rows.append(
            {
                "article": article,
                "text": agreed.text,
                "round": agreed.round,
                "on": agreed.on.isoformat(),
                "tabled_by": proposal.side.value,
            }
        )
    return rows


def _history(n: Negotiation, c: CollectiveContract) -> Row:
    return {
        "requested_by": n.requested_by.value,
        "request_received_on": iso(n.request_received_on),
        "request_topics": n.request_topics,
        "reply_on": iso(n.reply_on),
        "reply_accepted": n.reply_accepted,
        "reply_reason": n.reply_reason,
        "rounds": [
            {
                "number": r.number,
                "on": r.on.isoformat(),
                "place": r.place,
                "chair": r.chair,
                "recorder": r.recorder,
                "present": list(r.present),
                "minutes": r.minutes,
                "agreed": [a for a, g in n.agreements.items() if g.round == r.number],
            }
            for r in n.rounds
        ],
        "suspensions": [
            {"on": iso(s.on), "until": iso(s.until), "reason": s.reason, "resumed_on": iso(s.resumed_on)}
            for s in n.suspensions
        ],
        "draft_on": iso(n.last_draft_on),
        "draft_signed_by": list(n.draft_signed_by),
        "objections": [{"on": on.isoformat(), "opinion": text} for on, text in c.objections],
    }


def _representatives(n: Negotiation) -> Row:
    order = {Role.CHIEF: 0, Role.MEMBER: 1, Role.EXPERT: 2}
    reps = sorted(n.representatives.values(), key=lambda r: (r.side is not Side.UNION, order[r.role]))
    return {
        "current": [
            {
                "side": r.side.value,
                "name": r.name,
                "role": r.role.value,
                "title": r.title,
                "appointed_on": iso(r.appointed_on),
            }
            for r in reps
        ],
        "replaced": [{"on": on.isoformat(), "old": old, "new": new} for on, old, new in n.replaced],
    }


def _vote_row(vote: Vote, profile: JurisdictionProfile) -> Row:
    tally = vote.tally
    row: Row = {
        "on": vote.on.isoformat(),
        "body": vote.body.value,
        "session": vote.session,
        "outcome": vote.outcome.value,
        "final": vote.final.value,
        "rule": vote.rule,
        "basis": basis_row(profile, profile.ratify_basis),
        "quorum": f"{profile.ratify_quorum.numerator}/{profile.ratify_quorum.denominator}",
        "threshold": f"{profile.ratify_threshold.numerator}/{profile.ratify_threshold.denominator}",
        "op": profile.ratify_op,
        "base": profile.ratify_base,
        "tally": None,
        "decided": None,
    }
    if isinstance(tally, VoteTally):
        row["tally"] = tally_row(tally, profile)
    if vote.decided is not None:
        row["decided"] = decision_row(vote.decided)
    return row


def _wage(n: Negotiation) -> Row | None:
    """The agreed wage terms and every factor the wage proposals cited (S2 Arts 7-8)."""
    terms = []
    for article in n.article_order:
        agreed = n.agreements.get(article)
        wage = n.proposals[agreed.proposal_id].wage if agreed else None
        if wage is None or wage.is_empty():
            continue
        terms.append({"article": article, **(wage_row(wage) or {})})
    factors: list[str] = []
    for proposal in n.proposals.values():
        for factor in proposal.wage.factors if proposal.wage else ():
            if factor not in factors:
                factors.append(factor)
    if n.kind is not AgreementKind.WAGE and not terms:
        return None
    return {"terms": terms, "factors": factors}


def _warn(code: str, **params: Any) -> Row:
    return {"code": code, **params}


def _warnings(n: Negotiation, facts: Row, profile: JurisdictionProfile) -> list[Row]:
    found = _vote_warnings(facts["resolution"])
    found += _filing_warnings(facts["filing"], facts["today"])
    found += _round_warnings(facts["history"]["rounds"], profile)
    found += _chief_warnings(facts["chiefs"], profile)
    assert n.term is not None
    if term_warnings(n.term, profile):
        found.append(
            _warn(
                "term.range",
                start=facts["term"]["start"],
                end=facts["term"]["end"],
                low=(profile.term_min_months or 0) // 12,
                high=(profile.term_max_months or 0) // 12,
                basis=basis_row(profile, profile.term_basis),
            )
        )
    wage = facts["wage"]
    if n.kind is AgreementKind.WAGE and wage is not None:
        if not wage["terms"]:
            found.append(_warn("wage.terms"))
        if not wage["factors"]:
            found.append(_warn("wage.factors"))
    return found


def _vote_warnings(vote: Row) -> list[Row]:
    found = []
    if vote["tally"] is None:
        found.append(_warn("vote.tally", on=vote["on"], session=vote["session"], basis=vote["basis"]))
    if vote["decided"] is not None:
        found.append(_warn("vote.tie", voted_on=vote["on"], **vote["decided"]))
    return found


def _filing_warnings(filing: Row, today: str) -> list[Row]:
    found = []
    governing = next((d for d in filing["deadlines"] if d["governing"]), None)
    if governing is not None and governing["state"] == "late":
        found.append(
            _warn(
                "filing.late", submitted=filing["submitted_on"], days=governing["late_by_days"], **governing
            )
        )
    elif governing is not None and governing["state"] == "overdue":
        days = (date.fromisoformat(today) - date.fromisoformat(governing["due"])).days
        found.append(_warn("filing.overdue", today=today, days=days, **governing))
    copies = filing["copies"]
    if copies is not None and copies < filing["copies_required"]:
        found.append(
            _warn(
                "filing.copies",
                copies=copies,
                required=filing["copies_required"],
                basis=filing["copies_basis"],
            )
        )
    return found


def _round_warnings(rounds: list[Row], profile: JurisdictionProfile) -> list[Row]:
    found = []
    for r in rounds:
        if not r["recorder"]:
            found.append(
                _warn(
                    "round.recorder",
                    number=r["number"],
                    on=r["on"],
                    basis=basis_row(profile, profile.recorder_basis),
                )
            )
        if not r["minutes"]:
            found.append(_warn("round.minutes", number=r["number"], on=r["on"]))
        if not r["present"]:
            found.append(_warn("round.present", number=r["number"], on=r["on"]))
    return found


def _chief_warnings(chiefs: Row, profile: JurisdictionProfile) -> list[Row]:
    found = []
    checks = (
        ("union", UNION_CHAIR_WORDS, profile.union_chief_basis),
        ("employer", LEGAL_REP_WORDS, profile.employer_chief_basis),
    )
    for side, words, basis in checks:
        chief = chiefs[side]
        if basis is None or any(w in chief["title"].lower() for w in words):
            continue
        found.append(
            _warn(f"chief.{side}", name=chief["name"], title=chief["title"], basis=basis_row(profile, basis))
        )
    return found
