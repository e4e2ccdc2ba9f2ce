"""Plain rows (dicts of JSON-ready values) describing a negotiation or contract on a date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bargaining.errors import InvalidValueError, NotFoundError, shown
from bargaining.formats import iso as _iso
from bargaining.formats import money as _money
from bargaining.timeliness import late_warnings
from domain.articles import line_diff, text_at
from domain.deadlines import Due, contract_deadlines, negotiation_deadlines, next_deadline
from domain.i18n import _, language
from domain.jurisdiction import JurisdictionProfile
from domain.negotiation import Negotiation
from domain.ratification import attempt_numbers, quorum_needed, vote_rule, yes_needed
from domain.records import TieDecision, Vote
from domain.representatives import team_problems
from domain.values import ContractStatus, GroupRaise, Role, Side, Stage, VoteOutcome, VoteTally, WageTerms

if TYPE_CHECKING:  # a negotiation without a contract never imports the contract's classes
    from domain.contract import CollectiveContract


def due_row(due: Due, day: date) -> dict[str, Any]:
    return {
        "key": due.key,
        "label": due.label,
        "due": due.due.isoformat(),
        "rule": due.rule,
        "state": due.state(day),
        "done_on": _iso(due.done_on),
        "met_on": None if due.milestone else _iso(due.done_on),
        "late_by_days": due.late_by_days,
        "days_left": (due.due - day).days,
    }


def wage_row(wage: WageTerms | None) -> dict[str, Any] | None:
    if wage is None:
        return None
    return {
        "increase_pct": None if wage.increase_pct is None else str(wage.increase_pct),
        "minimum_wage": _money(wage.minimum_wage),
        "currency": wage.currency,
        "effective_on": _iso(wage.effective_on),
        "factors": list(wage.factors),
        "raises": [_raise_row(r) for r in wage.raises],
        "one_off": _money(wage.one_off),
        "later": [
            {
                "increase_pct": None if y.increase_pct is None else str(y.increase_pct),
                "raises": [_raise_row(r) for r in y.raises],
                "minimum_wage": _money(y.minimum_wage),
                "one_off": _money(y.one_off),
            }
            for y in wage.later
        ],
    }


def _raise_row(r: GroupRaise) -> dict[str, Any]:
    return {"group": r.group, "pct": None if r.pct is None else str(r.pct), "amount": _money(r.amount)}


def tally_row(tally: VoteTally, profile: JurisdictionProfile) -> dict[str, Any]:
    """The counts of a vote with the quorum and the yes votes the profile required."""
    return {
        "roll": tally.roll,
        "present": tally.present,
        "yes": tally.yes,
        "no": tally.no,
        "abstain": tally.abstain,
        "invalid": tally.invalid,
        "quorum_needed": quorum_needed(tally.roll, profile.ratify_quorum),
        "yes_needed": yes_needed(tally, profile),
    }


def decision_row(decided: TieDecision) -> dict[str, Any]:
    return {
        "on": _iso(decided.on),
        "by": decided.by,
        "outcome": decided.outcome.value,
        "reason": decided.reason,
    }


def numbered_votes(n: Negotiation) -> list[tuple[Vote, int, date | None]]:
    """Every vote recorded, oldest first, with the attempt it was on its draft and, after a
    meeting held without quorum, the date of that meeting."""
    numbers = attempt_numbers(v.outcome is VoteOutcome.NO_QUORUM for v in n.votes)
    return [
        (vote, attempt, n.votes[i - 1].on if attempt > 1 else None)
        for i, (vote, attempt) in enumerate(zip(n.votes, numbers, strict=True))
    ]


def vote_rows(n: Negotiation) -> list[dict[str, Any]]:
    """Every vote recorded, oldest first. A meeting held without quorum is marked
    (``quorum_met`` false, outcome "no quorum"); the attempt after it names its date."""
    return [
        {**_vote_row(vote, n.profile), "attempt": attempt, "follows": _iso(follows)}
        for vote, attempt, follows in numbered_votes(n)
    ]


def _vote_row(vote: Vote, profile: JurisdictionProfile) -> dict[str, Any]:
    tally = vote.tally
    decided = vote.decided
    row: dict[str, Any] = {
        "on": _iso(vote.on),
        "body": vote.body.value,
        "session": vote.session,
        "outcome": vote.outcome.value,
        "passed": vote.final is VoteOutcome.PASSED,
        "quorum_met": None,
        "verified": tally is not None,
        # As recorded (English); in another language, worked out again in its words.
        "rule": vote.rule if language() == "en" else vote_rule(vote, profile),
        "tally": None,
        "decided": None,
    }
    if isinstance(tally, VoteTally):
        # Recorded below the quorum only when the user said the meeting was held so.
        row["quorum_met"] = vote.outcome is not VoteOutcome.NO_QUORUM
        row["tally"] = tally_row(tally, profile)
    else:
        row["warning"] = _("tally not recorded — quorum and threshold cannot be verified")
    if decided is not None:
        row["decided"] = decision_row(decided)
    return row


def vote_warnings(votes: list[dict[str, Any]]) -> list[str]:
    """The last vote's gap (no tally), or the vote still owed after a meeting without quorum."""
    if not votes:
        return []
    last = votes[-1]
    if not last["verified"]:
        return [_("vote: {warning}").format(warning=last["warning"])]
    if last["outcome"] == VoteOutcome.NO_QUORUM.value:
        t = last["tally"]
        return [
            _(
                "vote: the meeting of {day} was held without quorum ({present} of {roll} present,"
                " {needed} needed); the draft is to be voted on again (attempt {attempt})"
            ).format(
                day=last["on"],
                present=t["present"],
                roll=t["roll"],
                needed=t["quorum_needed"],
                attempt=last["attempt"] + 1,
            )
        ]
    return []


def article_rows(n: Negotiation) -> list[dict[str, Any]]:
    rows = []
    for article in n.article_order:
        proposals = n.article_proposals(article)
        agreed = n.agreements.get(article)
        current = text_at(proposals, n.last_round())
        rows.append(
            {
                "article": article,
                "status": n.article_status(article),
                "proposals": len(proposals),
                "agreed_round": agreed.round if agreed else None,
                "agreed_on": _iso(agreed.on) if agreed else None,
                "text": agreed.text if agreed else current,
            }
        )
    return rows


def representative_rows(n: Negotiation) -> list[dict[str, Any]]:
    order = {Role.CHIEF: 0, Role.MEMBER: 1, Role.EXPERT: 2}
    reps = sorted(n.representatives.values(), key=lambda r: (r.side.value != "union", order[r.role]))
    return [{"side": r.side.value, "name": r.name, "role": r.role.value, "title": r.title} for r in reps]


def negotiation_view(n: Negotiation, c: CollectiveContract | None, day: date) -> dict[str, Any]:
    profile = n.profile
    deadlines = negotiation_deadlines(n, profile)
    status = None
    if c is not None and n.stage is Stage.SIGNED:
        deadlines += contract_deadlines(c, profile)
        status = c.status(day)
    pending = [d for d in deadlines if d.key in ("reply", "resume")] if c is None else deadlines
    upcoming = next_deadline(pending, day, status)
    filing = [d for d in deadlines if d.key == "filing"]
    warnings = []
    if n.stage in (Stage.NEGOTIATING, Stage.OPENED, Stage.REQUESTED):
        warnings += [f"{field}: {rule}" for field, rule in team_problems(n.representatives.values(), profile)]
    votes = vote_rows(n)
    warnings += vote_warnings(votes)
    if n.reply_accepted is False and not n.reply_reason:
        warnings.append(_("reply: refused without a reason given (S1 Art 32 requires a good reason)"))
    overdue = [d for d in filing if d.governing and d.state(day) == "overdue"]
    if overdue:
        warnings.append(_("filing: due {due} — overdue").format(due=overdue[0].due.isoformat()))
    rows = [due_row(d, day) for d in deadlines]
    warnings += late_warnings(rows)
    return {
        "reference": n.reference,
        "stage": status.value if status else n.stage.value,
        "negotiation_stage": n.stage.value,
        "contract_status": status.value if status else None,
        "kind": n.kind.value,
        "topic": n.topic,
        "purpose": n.purpose.value,
        "predecessor": n.predecessor or None,
        "profile": profile.id,
        "employer": n.employer,
        "union": n.union,
        "requested_by": n.requested_by.value,
        "opened_on": _iso(n.opened_on),
        "request_received_on": _iso(n.request_received_on),
        "reply_on": _iso(n.reply_on),
        "reply_accepted": n.reply_accepted,
        "representatives": representative_rows(n),
        "rounds": [
            {
                "number": r.number,
                "on": _iso(r.on),
                "place": r.place,
                "chair": r.chair,
                "recorder": r.recorder,
                "present": list(r.present),
                "minutes": r.minutes,
            }
            for r in n.rounds
        ],
        "articles": article_rows(n),
        "suspensions": [
            {"on": _iso(s.on), "until": _iso(s.until), "reason": s.reason, "resumed_on": _iso(s.resumed_on)}
            for s in n.suspensions
        ],
        "draft_on": _iso(n.draft_on),
        "vote": votes[-1] if votes else None,
        "votes": votes,
        "signed_on": _iso(n.signed_on),
        "signatories": list(n.signatories) if n.signatories else None,
        "witnesses": list(n.witnesses),
        "filing_due": filing[0].due.isoformat() if filing else None,
        "filing_deadlines": [due_row(d, day) for d in filing],
        "submitted_on": _iso(c.submitted_on) if c else None,
        "received_on": _iso(c.received_on) if c else None,
        "effective_on": _iso(c.effective_on()) if c else None,
        "term_start": _iso(n.term.start) if n.term else None,
        "term_end": _iso(n.term.end) if n.term else None,
        "next_deadline": due_row(upcoming, day) if upcoming else None,
        "deadlines": rows,
        "warnings": warnings,
        "as_of": day.isoformat(),
        "events": n.version,
    }


def contract_view(c: CollectiveContract, day: date) -> dict[str, Any]:
    profile = c.profile
    status = c.status(day)
    deadlines = contract_deadlines(c, profile)
    upcoming = next_deadline(deadlines, day, status)
    filing = [d for d in deadlines if d.key == "filing"]
    rows = [due_row(d, day) for d in deadlines]
    return {
        "reference": c.reference,
        "status": status.value,
        "kind": c.kind.value,
        "topic": c.topic,
        "purpose": c.purpose.value,
        "predecessor": c.predecessor or None,
        "profile": profile.id,
        "employer": c.employer,
        "union": c.union,
        "signatories": list(c.signatories),
        "signed_on": _iso(c.signed_on),
        "term_start": _iso(c.term.start),
        "term_end": _iso(c.term.end),
        "filing_due": filing[0].due.isoformat() if filing else None,
        "filing_deadlines": [due_row(d, day) for d in filing],
        "submitted_on": _iso(c.submitted_on),
        "authority": c.authority or None,
        "copies": c.copies or None,
        "received_on": _iso(c.received_on),
        "review_ends": _iso(c.review_ends()),
        "objections": [{"on": _iso(on), "opinion": text} for on, text in c.objections],
        "effective_on": _iso(c.effective_on()),
        "published_on": _iso(c.published_on),
        "renewal_window_opens": _iso(c.renewal_window_opens()),
        "successors": [
            {
                "reference": s.reference,
                "purpose": s.purpose.value,
                "opened_on": _iso(s.opened_on),
                "signed_on": _iso(s.signed_on),
            }
            for s in c.successors
        ],
        "terminated_on": _iso(c.terminated_on),
        "termination": (
            {"ground": c.termination[0].value, "reason": c.termination[1]} if c.termination else None
        ),
        "in_force": status is ContractStatus.EFFECTIVE,
        "next_deadline": due_row(upcoming, day) if upcoming else None,
        "deadlines": rows,
        "warnings": late_warnings(rows),
        "as_of": day.isoformat(),
        "events": c.version,
    }


def article_history(n: Negotiation, article: str, rounds: tuple[int, int] | None) -> dict[str, Any]:
    proposals = n.article_proposals(article)
    if not proposals:
        raise NotFoundError(
            "article.article",
            _("no article {article} in {reference}").format(article=shown(article), reference=n.reference),
        )
    history = []
    for p in sorted(proposals, key=lambda p: (p.round, int(p.id[1:]))):
        history.append(
            {
                "proposal": p.id,
                "round": p.round,
                "on": _iso(p.on),
                "side": p.side.value,
                "side_zh": Side(p.side).zh,
                "counter_to": p.counter_to,
                "text": p.text,
                "wage": wage_row(p.wage),
                "withdrawn_round": p.withdrawn_round,
                "withdrawn_reason": p.withdrawn_reason or None,
            }
        )
    agreed = n.agreements.get(article)
    row: dict[str, Any] = {
        "reference": n.reference,
        "article": article,
        "status": n.article_status(article),
        "agreed": (
            {
                "round": agreed.round,
                "on": _iso(agreed.on),
                "proposal": agreed.proposal_id,
                "text": agreed.text,
            }
            if agreed
            else None
        ),
        "history": history,
        "diff": None,
    }
    if rounds is not None:
        first, second = rounds
        for r in (first, second):
            if not 1 <= r <= n.last_round():
                raise InvalidValueError(
                    "article.diff",
                    _("round {r} does not exist (rounds 1-{value})").format(r=r, value=n.last_round()),
                )
        row["diff"] = {
            "from_round": first,
            "to_round": second,
            "lines": line_diff(
                text_at(proposals, first),
                text_at(proposals, second),
                f"round {first}",
                f"round {second}",
            ),
        }
    return row
