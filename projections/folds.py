"""Pure folds of plain event data into read-model rows.

The live projection and an ``--as-of`` query run the same fold, so a past date's board can
never disagree with the one kept up to date. Rows are plain dicts; dates are ISO strings so
that SQLite compares them as text.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from domain.corrections import AMENDING, StepData, in_effect
from domain.due import AgreementDates, late_by
from domain.due import agreement_deadlines as agreement_deadlines_on
from domain.jurisdiction import get_profile
from domain.values import AgreementKind
from projections.columns import AGREEMENT_COLUMNS, BODY_COLUMNS, CASE_COLUMNS
from projections.text import extended, folded, searchable

Row = dict[str, Any]


def _due(profile_id: str, key: str, start: str | None, kind: str | None = None) -> str | None:
    """The due date of the profile's rule ``key`` (for ``kind``) counted from ``start``."""
    return None if start is None else _due_on(profile_id, key, kind, start)


@lru_cache(maxsize=16384)
def _due_on(profile_id: str, key: str, kind: str | None, start: str) -> str | None:
    """Memoised on plain strings: a rebuild asks for the same rule from the same day thousands
    of times, and hashing the profile's rule objects each time cost more than the date sum."""
    profile = get_profile(profile_id)
    rule = profile.deadline(key, None if kind is None else AgreementKind(kind))
    return None if rule is None else profile.due(rule, date.fromisoformat(start)).isoformat()


def new_agreement(reference: str) -> Row:
    row: Row = dict.fromkeys(AGREEMENT_COLUMNS)
    row.update(reference=reference, rounds=0, articles_agreed=0, articles_open=0, vote_verified=0, search="")
    row["state"] = {"articles": {}, "proposals": {}, "successors": []}
    return row


# The events each fold reads (``Aggregate.Event``); the runner leaves the others unparsed.
AGREEMENT_STEPS = frozenset(
    [
        *(
            f"Negotiation.{step}"
            for step in [
                "Opened",
                "RequestReceived",
                "RequestAnswered",
                "RepresentativeAppointed",
                "RoundHeld",
                "ProposalTabled",
                "ProposalWithdrawn",
                "ArticleAgreed",
                "Suspended",
                "Resumed",
                "DraftAdopted",
                "RatificationVoteRecorded",
                "TieDecided",
                "Signed",
                "Reopened",
                "StepCorrected",
                "StepRetracted",
            ]
        ),
        *(
            f"CollectiveContract.{step}"
            for step in [
                "Concluded",
                "Resigned",
                "Submitted",
                "Received",
                "Objected",
                "Published",
                "SuccessorOpened",
                "SucceededBy",
                "Terminated",
                "StepCorrected",
                "StepRetracted",
            ]
        ),
    ]
)
CASE_STEPS = frozenset(
    f"MediationCase.{step}"
    for step in [
        "Applied",
        "Accepted",
        "Declined",
        "Assigned",
        "SessionHeld",
        "Extended",
        "RiskFlagged",
        "Settled",
        "Failed",
        "Withdrawn",
        "Referred",
        "ReviewRequested",
        "PerformanceRecorded",
        "StepCorrected",
        "StepRetracted",
    ]
)

# The columns (and fold state) each aggregate of a board row writes: a correction of one
# refolds its own and leaves the other's (a test checks that the folds keep to them).
CONTRACT_FOLD_COLUMNS = (
    "signed_on",
    "term_start",
    "term_end",
    "submitted_on",
    "received_on",
    "objected_on",
    "effective_on",
    "published_on",
    "renewed_by",
    "renewed_on",
    "terminated_on",
)
CONTRACT_FOLD_STATE = ("successors",)


def late_steps(deadlines: list[Row]) -> str | None:
    """The deadlines a recorded step met late, for the board: '[["reply", 17], ["filing", 3]]'
    (key, days late) in JSON, or None when every step was on time."""
    late = []
    for d in deadlines:
        if d["done_on"] and not d["milestone"] and d["governing"] and d["done_on"] > d["due"]:
            late.append(
                f'["{d["key"]}", {late_by(date.fromisoformat(d["due"]), date.fromisoformat(d["done_on"]))}]'
            )
    return f"[{', '.join(late)}]" if late else None


def count_articles(row: Row) -> None:
    """Articles agreed and still open, from the fold's state: once per row after folding."""
    articles = row["state"]["articles"]
    row["articles_agreed"] = sum(1 for a in articles.values() if a["agreed"])
    row["articles_open"] = sum(1 for a in articles.values() if not a["agreed"] and a["live"] > 0)


# The stage a vote's outcome leaves the negotiation at. A meeting held without quorum decided
# nothing: its draft waits for the next vote.
VOTE_STAGES = {"passed": "ratified", "rejected": "negotiating", "tied": "tied", "no quorum": "draft"}


def _negotiation(row: Row, step: str, d: dict[str, Any], on: str) -> None:  # noqa: PLR0912 - a branch per event
    articles, proposals = row["state"]["articles"], row["state"]["proposals"]
    if step == "Opened":
        row.update(
            kind=d["kind"],
            employer=d["employer"],
            union_name=d["union"],
            topic=d["topic"],
            purpose=d["purpose"],
            predecessor=d["predecessor"] or None,
            profile=d["profile_id"],
            opened_on=on,
            stage="opened",
            employer_key=folded(d["employer"]),
            # What --search finds a negotiation by: its parties and subject, the request's
            # topics, the representatives' names and the rounds' minutes.
            search=searchable(d["employer"], d["union"], d["topic"]),
        )
    elif step == "RequestReceived":
        row.update(
            stage="requested", request_on=on, reply_on=None, search=extended(row["search"], d["topics"])
        )
    elif step == "RequestAnswered":
        row.update(stage="negotiating" if d["accepted"] else "refused", reply_on=on)
    elif step == "RepresentativeAppointed":
        row["search"] = extended(row["search"], d["name"])
    elif step == "RoundHeld":
        row.update(rounds=row["rounds"] + 1, last_round_on=on, search=extended(row["search"], d["minutes"]))
    elif step == "ProposalTabled":
        article = articles.setdefault(d["article"], {"live": 0, "agreed": False})
        article.update(live=article["live"] + 1, agreed=False)
        proposals[d["proposal_id"]] = d["article"]
    elif step == "ProposalWithdrawn":
        articles[proposals[d["proposal_id"]]]["live"] -= 1
    elif step == "ArticleAgreed":
        articles[d["article"]]["agreed"] = True
    elif step == "Suspended":
        row.update(stage="suspended", suspended_until=d["until"])
    elif step == "Resumed":
        row.update(stage="negotiating", suspended_until=None)
    elif step == "DraftAdopted":
        row.update(stage="draft", draft_on=on)
    elif step == "RatificationVoteRecorded":
        row.update(
            stage=VOTE_STAGES[d["outcome"]],
            vote_on=on,
            vote_outcome=d["outcome"],
            vote_verified=int(d["tally"] is not None),
        )
    elif step == "TieDecided":
        row.update(stage="ratified" if d["outcome"] == "passed" else "negotiating", vote_outcome=d["outcome"])
    elif step == "Signed":
        row.update(stage="signed")
    elif step == "Reopened":
        row.update(stage="negotiating")


def _contract(row: Row, step: str, d: dict[str, Any], on: str) -> None:
    if step == "Concluded" and row["profile"] is None:
        # A contract with no negotiation recorded here (imported from a ledger): its
        # parties, kind and profile are its own.
        row.update(
            kind=d["kind"],
            employer=d["employer"],
            union_name=d["union"],
            topic=d["topic"],
            purpose=d["purpose"],
            predecessor=d["predecessor"] or None,
            profile=d["profile_id"],
            stage="signed",
            employer_key=folded(d["employer"]),
            search=searchable(d["employer"], d["union"], d["topic"]),
        )
    if step in ("Concluded", "Resigned"):
        row.update(
            signed_on=on,
            term_start=d["term"]["start"],
            term_end=d["term"]["end"],
            submitted_on=None,
            received_on=None,
            objected_on=None,
            effective_on=None,
        )
    elif step == "Submitted":
        row["submitted_on"] = on
    elif step == "Received":
        row["received_on"] = on
        row["effective_on"] = _due(row["profile"], "review", on, row["kind"])
    elif step == "Objected":
        row.update(objected_on=on, effective_on=None)
    elif step == "Published":
        row["published_on"] = on
    elif step == "SuccessorOpened":
        row["state"]["successors"].append(
            {"reference": d["reference"], "purpose": d["purpose"], "opened_on": on}
        )
    elif step == "SucceededBy" and d["purpose"] == "renewal":
        row.update(renewed_by=d["reference"], renewed_on=on)
    elif step == "Terminated":
        row["terminated_on"] = on


def refold_agreement(row: Row, context: str, steps: list[StepData]) -> Row:
    """The board row with the columns of one of its aggregates folded again from its steps
    (every stored one up to an amendment): as corrected, the retracted ones left out."""
    fresh = new_agreement(row["reference"])
    contract = context == "contract"
    for column in AGREEMENT_COLUMNS:
        if (
            column != "state"
            and column not in ("reference", "late", "closed_from", "articles_agreed", "articles_open")
            and (column in CONTRACT_FOLD_COLUMNS) == contract
        ):
            row[column] = fresh[column]
    for key, value in fresh["state"].items():
        if (key in CONTRACT_FOLD_STATE) == contract:
            row["state"][key] = value
    effective, _, _ = in_effect(steps)
    for _, step, data in effective:
        fold_agreement(row, context, step, data, data["on"])
    return row


def known_by(steps: list[StepData], day: str) -> list[StepData]:
    """One record's steps as they stood on ``day``: the amendments made by then in effect, and
    the steps (as amended) dated by then; the opening step counts when any other does."""
    known = [s for s in steps if s[1] not in AMENDING or s[2]["on"] <= day]
    effective, _, _ = in_effect(known)
    if not effective:
        return []
    later = [s for s in effective[1:] if s[2]["on"] <= day]
    return [effective[0], *later] if later or effective[0][2]["on"] <= day else []


def refold_case(reference: str, steps: list[StepData]) -> Row:
    """A case's row folded again from its steps: as corrected, the retracted ones left out."""
    row = new_case(reference)
    effective, _, _ = in_effect(steps)
    for _, step, data in effective:
        fold_case(row, step, data, data["on"])
    return row


def fold_agreement(row: Row, context: str, step: str, d: dict[str, Any], on: str) -> Row:
    """Apply one negotiation or contract event to the board row of its reference."""
    if context == "negotiation":
        _negotiation(row, step, d, on)
    elif context == "contract":
        _contract(row, step, d, on)
    return row


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def agreement_deadlines(row: Row) -> list[Row]:
    """The dates that matter for one negotiation or contract, each with its rule (``domain.due``)."""
    signed = row["stage"] == "signed" and row["signed_on"] is not None
    renewed = next((s["opened_on"] for s in row["state"]["successors"] if s["purpose"] == "renewal"), None)
    dates = AgreementDates(
        kind=AgreementKind(row["kind"]),
        request_on=_day(row["request_on"]),
        reply_on=_day(row["reply_on"]),
        suspended_until=_day(row["suspended_until"]) if row["stage"] == "suspended" else None,
        signed_on=_day(row["signed_on"]) if signed else None,
        submitted_on=_day(row["submitted_on"]),
        received_on=_day(row["received_on"]),
        objected_on=_day(row["objected_on"]),
        effective_on=_day(row["effective_on"]),
        published_on=_day(row["published_on"]),
        term_end=_day(row["term_end"]),
        renewal_opened_on=_day(renewed),
    )
    return [
        {
            "key": d.key,
            "label": d.label,
            "due": d.due.isoformat(),
            "rule": d.rule,
            "done_on": None if d.done_on is None else d.done_on.isoformat(),
            "milestone": d.milestone,
            "governing": d.governing,
        }
        for d in agreement_deadlines_on(dates, get_profile(row["profile"] or "PRC"))
    ]


# ----------------------------------------------------------------------------------- cases


def new_case(reference: str) -> Row:
    row: Row = dict.fromkeys(CASE_COLUMNS)
    row.update(reference=reference, flagged=0, search="", mediator="", terms="", facts="")
    return row


def _fen(amount: str | None) -> int | None:
    """Money as whole fen (1/100 yuan): exact integer sums in SQL."""
    if amount is None:
        return None
    units, _, cents = amount.partition(".")
    sign = -1 if units.startswith("-") else 1
    return int(units) * 100 + sign * int((cents + "00")[:2])


def fold_case(row: Row, step: str, d: dict[str, Any], on: str) -> Row:  # noqa: PLR0912 - a branch per event
    """Apply one mediation-case event to the statistics row of its reference."""
    if step == "Applied":
        row.update(
            # Names hold no line break (domain.values.clean_name): one a line.
            applicants="\n".join(d["applicants"]),
            respondent=d["respondent"],
            request=d["request"],
            facts=d["facts"],
            employer_key=folded(d["respondent"]),
            # What --search finds a case by: its parties, the request and the facts, then
            # the mediators, what each session heard and offered, and the terms agreed.
            search=searchable(*d["applicants"], d["respondent"], d["request"], d["facts"]),
            body=d["body"] or None,
            channel=d["channel"],
            category=d["category"],
            tags=",".join(d["tags"]),
            workers=d["workers_involved"],
            claimed_fen=_fen(d["amount_claimed"]),
            currency=d["currency"],
            received_on=on,
            referred_from=d["referred_from"] or None,
            limitation_base=on,
            time_barred_on=_time_barred(d["profile_id"], d.get("known_on"), on),
            profile=d["profile_id"],
            acceptance_due=_due(d["profile_id"], "acceptance", on),
            arbitration_right_on=_due(d["profile_id"], "arbitration_right", on),
        )
        return row
    if step == "Accepted":
        row.update(accepted_on=on, deadline=_due(row["profile"] or "PRC", "mediation", on))
    elif step == "Declined":
        row.update(declined_on=on, limitation_base=max(row["limitation_base"], on))
    elif step == "Assigned":
        row.update(body=d["body"], search=extended(row["search"], *d["mediators"]))
    elif step == "SessionHeld":
        row["search"] = extended(row["search"], *d["attendees"], d["offered"], d["notes"])
    elif step == "Extended":
        row.update(deadline=d["until"], extended_until=d["until"])
    elif step == "RiskFlagged":
        row["flagged"] = 1
    elif step == "Settled":
        row.update(
            closed_on=on,
            outcome="settled",
            agreed_fen=_fen(d["amount_agreed"]),
            performance_due=d["performance_due"],
            review_ends=_due(row["profile"] or "PRC", "arbitral_review", on),
            mediator=d["mediator"],
            terms=d["terms"],
            search=extended(row["search"], d["terms"], d["mediator"]),
        )
    elif step == "Failed":
        closed = (
            min(on, row["deadline"]) if row["deadline"] else on
        )  # written up late: failed at the deadline
        row.update(closed_on=closed, outcome="failed", limitation_base=max(row["limitation_base"], closed))
    elif step in ("Withdrawn", "Referred"):
        row.update(closed_on=on, outcome="withdrawn" if step == "Withdrawn" else "referred")
    elif step == "ReviewRequested":
        row["review_on"] = on
    elif step == "PerformanceRecorded":
        row.update(performed=int(d["performed"]), performed_on=on)
        if not d["performed"]:
            row["limitation_base"] = max(row["limitation_base"], on)
    if step in ("Settled", "Failed", "Withdrawn", "Referred") and row["accepted_on"]:
        row["close_days"] = (
            date.fromisoformat(row["closed_on"]) - date.fromisoformat(row["accepted_on"])
        ).days
    return row


def limitation_start(row: Row, day: str) -> str:
    """The last interruption of the limitation period by ``day``, a deemed failure included."""
    base = str(row["limitation_base"])
    if row["accepted_on"] and not row["closed_on"] and row["deadline"] and row["deadline"] < day:
        base = max(base, row["deadline"])
    return base


def limitation_expires(row: Row, day: str) -> str | None:
    """1 year from the last interruption, counting a deemed failure that has happened by ``day``;
    None when the claim was time-barred before it was applied for (never revived)."""
    if row["time_barred_on"]:
        return None
    start = date.fromisoformat(limitation_start(row, day))
    return get_profile(row["profile"] or "PRC").limitation_ends(start).isoformat()


def _time_barred(profile_id: str, known_on: str | None, received_on: str) -> str | None:
    """When the claim ran out of time before it was applied for, as MediationCase.time_barred_on."""
    if not known_on:
        return None
    barred = get_profile(profile_id).limitation_ends(date.fromisoformat(known_on)).isoformat()
    return barred if barred < received_on else None


# ---------------------------------------------------------------------------------- bodies

BODY_STEPS = frozenset(["MediationBody.Registered", "MediationBody.RosterChanged"])


def new_body(reference: str) -> Row:
    row: Row = dict.fromkeys(BODY_COLUMNS)
    row.update(reference=reference, chair="", roster={})
    return row


def fold_body(row: Row, step: str, d: dict[str, Any], on: str) -> Row:
    """Apply one mediation body's event to its row: the roster as MediationBody keeps it."""
    if step == "Registered":
        row.update(
            name=d["name"],
            body_type=d["body_type"],
            enterprise=d["enterprise"] or None,
            profile=d["profile_id"],
            registered_on=on,
        )
    elif step == "RosterChanged":
        roster = row["roster"]
        for name in d["removed"]:
            roster.pop(name, None)
        for name, role in d["added"]:
            roster[name] = role
        row["chair"] = d["chair"]
    return row
