"""Human words for recorded steps: the label and a one-line detail of each event.

Made when shown, in the language of the command (``domain.i18n``): nothing here is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.i18n import NC_, _, pgettext

STEP_LABELS = {
    # negotiations
    "Opened": NC_("step", "negotiation opened"),
    "RequestReceived": NC_("step", "written request received"),
    "RequestAnswered": NC_("step", "reply to the request"),
    "RepresentativeAppointed": NC_("step", "representative appointed"),
    "RoundHeld": NC_("step", "negotiation round"),
    "ProposalTabled": NC_("step", "proposal tabled"),
    "ProposalWithdrawn": NC_("step", "proposal withdrawn"),
    "ArticleAgreed": NC_("step", "article agreed"),
    "Suspended": NC_("step", "suspended"),
    "Resumed": NC_("step", "resumed"),
    "DraftAdopted": NC_("step", "draft adopted"),
    "RatificationVoteRecorded": NC_("step", "ratification vote"),
    "TieDecided": NC_("step", "tied vote decided"),
    "Signed": NC_("step", "signed"),
    "Reopened": NC_("step", "reopened after objection"),
    "WageBaseRecorded": NC_("step", "wage base recorded"),
    # contracts
    "Concluded": NC_("step", "contract concluded"),
    "Resigned": NC_("step", "contract re-signed"),
    "Submitted": NC_("step", "submitted for filing"),
    "Received": NC_("step", "received by the authority"),
    "Objected": NC_("step", "authority's objection"),
    "Published": NC_("step", "published to the workers"),
    "SuccessorOpened": NC_("step", "renewal or amendment opened"),
    "SucceededBy": NC_("step", "renewed or amended"),
    "Terminated": NC_("step", "terminated"),
    # mediation cases
    "Applied": NC_("step", "application received"),
    "Accepted": NC_("step", "accepted for mediation"),
    "Declined": NC_("step", "declined"),
    "Assigned": NC_("step", "mediators assigned"),
    "SessionHeld": NC_("step", "mediation session"),
    "RiskFlagged": NC_("step", "flagged as an early-warning risk"),
    "Extended": NC_("step", "mediation extended"),
    "Settled": NC_("step", "mediation agreement signed"),
    "Failed": NC_("step", "mediation failed"),
    "Withdrawn": NC_("step", "withdrawn"),
    "Referred": NC_("step", "referred"),
    "ReviewRequested": NC_("step", "arbitral review requested"),
    "PerformanceRecorded": NC_("step", "performance recorded"),
    # every record
    "StepCorrected": NC_("step", "correction"),
    "StepRetracted": NC_("step", "retraction"),
    "Imported": NC_("step", "imported from a ledger"),
}

# The recorded fields a correction names, and their parts (a tally's counts, a term's ends):
# in English the field's own name, in another language its word.
FIELDS = {
    name: name
    for name in (
        NC_("field", "on"),
        NC_("field", "channel"),
        NC_("field", "applicants"),
        NC_("field", "respondent"),
        NC_("field", "category"),
        NC_("field", "tags"),
        NC_("field", "workers_involved"),
        NC_("field", "amount_claimed"),
        NC_("field", "request"),
        NC_("field", "facts"),
        NC_("field", "known_on"),
        NC_("field", "reason"),
        NC_("field", "mediators"),
        NC_("field", "attendees"),
        NC_("field", "offered"),
        NC_("field", "notes"),
        NC_("field", "risk"),
        NC_("field", "officer"),
        NC_("field", "workers_at_risk"),
        NC_("field", "until"),
        NC_("field", "terms"),
        NC_("field", "amount_agreed"),
        NC_("field", "performance_due"),
        NC_("field", "performance_method"),
        NC_("field", "mediator"),
        NC_("field", "commission"),
        NC_("field", "note"),
        NC_("field", "topics"),
        NC_("field", "title"),
        NC_("field", "place"),
        NC_("field", "chair"),
        NC_("field", "recorder"),
        NC_("field", "present"),
        NC_("field", "minutes"),
        NC_("field", "round"),
        NC_("field", "text"),
        NC_("field", "session"),
        NC_("field", "tally"),
        NC_("field", "roll"),
        NC_("field", "yes"),
        NC_("field", "no"),
        NC_("field", "abstain"),
        NC_("field", "invalid"),
        NC_("field", "outcome"),
        NC_("field", "term"),
        NC_("field", "start"),
        NC_("field", "end"),
        NC_("field", "witnesses"),
        NC_("field", "authority"),
        NC_("field", "copies"),
        NC_("field", "opinion"),
    )
}


# The recorded values a detail names, each as a person reads it (``pgettext(context, value)``);
# the stages, kinds, categories and the other values people type are marked, once, in
# bargaining/vocabulary.py, and the catalog has one entry for each.
VALUES = (
    NC_("ratifying body", "congress"),
    NC_("ratifying body", "assembly"),
    NC_("termination ground", "consensus"),
    NC_("termination ground", "merger"),
    NC_("termination ground", "dissolution"),
    NC_("termination ground", "bankruptcy"),
    NC_("termination ground", "force-majeure"),
    NC_("termination ground", "condition"),
    NC_("termination ground", "law"),
)
# The fields of a step whose values are words of the tool, by the context that names them.
# The jurisdiction profiles and currencies a recorded step may name, as a reader reads them.
PROFILE_WORDS = (NC_("profile", "PRC"),)
CURRENCY_WORDS = (NC_("currency", "CNY"),)

VALUED = {
    "profile_id": "profile",
    "kind": "kind",
    "requested_by": "side",
    "purpose": "purpose",
    "outcome": "outcome",
    "ground": "termination ground",
}


def field_word(name: str) -> str:
    """A recorded field's word: ``amount_claimed`` in English, 请求金额 in Chinese."""
    return pgettext("field", name) if name in FIELDS else name


def _separator() -> str:
    return _("; ")


def _applied(d: dict[str, Any]) -> str:
    parts = [
        _("{channel}: {applicants} v {respondent}").format(
            channel=pgettext("channel", d["channel"]),
            applicants="、".join(d["applicants"]),
            respondent=d["respondent"],
        ),
        pgettext("category", d["category"]),
    ]
    if d["amount_claimed"]:
        parts.append(
            _("claims {amount} {currency}").format(
                amount=d["amount_claimed"], currency=pgettext("currency", d["currency"])
            )
        )
    return _separator().join([*parts, d["request"]])


def _joined(*parts: Any) -> str:
    return _separator().join(str(p) for p in parts if p not in ("", None))


def _shown(value: Any) -> str:
    if value in ("", None, []):
        return _("(none)")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return _(", ").join(f"{field_word(k)} {v}" for k, v in value.items() if v not in ("", None))
    return str(value)


def change_text(step: int, field: str, before: Any, after: Any) -> str:
    """'#16 tally: present 45 → 50': one changed field, a record's parts only where they differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        parts = [
            _("{part} {before} → {after}").format(
                part=field_word(k), before=_shown(before.get(k)), after=_shown(v)
            )
            for k, v in after.items()
            if before.get(k) != v
        ]
        return _("#{step} {field}: {changes}").format(
            step=step, field=field_word(field), changes=_(", ").join(parts)
        )
    return _("#{step} {field}: {before} → {after}").format(
        step=step, field=field_word(field), before=_shown(before), after=_shown(after)
    )


def amendment_detail(retracts: bool, d: dict[str, Any]) -> str:
    """'corrects #1; #1 amount_claimed: 12600.00 → 126000.00; reason: typo' for an amendment."""
    changes = [change_text(*c) for c in d["changes"]]
    verb = _("retracts #{step}") if retracts else _("corrects #{step}")
    return _joined(verb.format(step=d["step"]), *changes, reason_text(d["reason"]))


def reason_text(reason: str) -> str:
    """'reason: typo', as an amendment's detail ends."""
    return _("reason: {reason}").format(reason=reason)


def _body(value: Any) -> Any:
    return pgettext("ratifying body", value) if isinstance(value, str) and value else value


def _vote(d: dict[str, Any]) -> str:
    tally = d["tally"]
    if d["outcome"] == "no quorum":  # the meeting was held, and decided nothing
        counts = _("{present} of {roll} present, quorum not met").format(
            present=tally["present"], roll=tally["roll"]
        )
        return _joined(_("no quorum — held, invalid"), _body(d["body"]), d["session"], counts)
    return _joined(
        pgettext("outcome", d["outcome"]),
        _body(d["body"]),
        d["session"],
        tally and _("{yes} of {roll} yes").format(yes=tally["yes"], roll=tally["roll"]),
    )


def _term(d: dict[str, Any]) -> str:
    return _("term {start} to {end}").format(start=d["term"]["start"], end=d["term"]["end"])


DETAILS: dict[str, Callable[[dict[str, Any]], str]] = {
    "StepCorrected": lambda d: amendment_detail(False, d),
    "StepRetracted": lambda d: amendment_detail(True, d),
    "Imported": lambda d: _("{file}, sheet {sheet}, row {row}").format(
        file=d["source"], sheet=d["sheet"], row=d["row"]
    ),
    "Applied": _applied,
    "SessionHeld": lambda d: _joined(
        _("session {number}").format(number=d["number"]), "、".join(d["attendees"]), d["offered"], d["notes"]
    ),
    "Settled": lambda d: _joined(
        d["amount_agreed"] and _("{amount} agreed").format(amount=d["amount_agreed"]),
        d["terms"],
        _("mediator {name}").format(name=d["mediator"]),
    ),
    "PerformanceRecorded": lambda d: _joined(
        _("performed") if d["performed"] else _("NOT performed"), d["note"]
    ),
    "Assigned": lambda d: _("{body}: {mediators}").format(
        body=d["body"], mediators="、".join(d["mediators"])
    ),
    "Referred": lambda d: _joined(
        _("to {to}").format(to=d["to"]),
        d["new_reference"] and _("as {reference}").format(reference=d["new_reference"]),
    ),
    "RiskFlagged": lambda d: _joined(
        d["risk"], d["officer"] and _("officer {name}").format(name=d["officer"])
    ),
    "Extended": lambda d: _joined(_("until {day}").format(day=d["until"]), d["reason"]),
    "RoundHeld": lambda d: _joined(
        _("round {number}").format(number=d["number"]),
        d["place"],
        _("chair {name}").format(name=d["chair"]),
        d["minutes"],
    ),
    "ProposalTabled": lambda d: _joined(
        d["proposal_id"], d["article"], pgettext("side", d["side"]), d["text"]
    ),
    "ArticleAgreed": lambda d: _joined(
        d["article"], _("round {number}").format(number=d["round"]), d["text"]
    ),
    "RepresentativeAppointed": lambda d: _joined(
        d["name"],
        pgettext("side", d["side"]),
        pgettext("role", d["role"]),
        d["title"],
        d["replaces"] and _("replaces {name}").format(name=d["replaces"]),
    ),
    "RatificationVoteRecorded": _vote,
    "Signed": lambda d: _joined(
        _("{union} and {employer}").format(union=d["union_signatory"], employer=d["employer_signatory"]),
        _term(d),
    ),
    "Concluded": lambda d: _joined(d["reference"], pgettext("kind", d["kind"]), _term(d)),
    "WageBaseRecorded": lambda d: _joined(
        " ".join(str(v) for v in (d["base"]["region"], d["base"]["year"]) if v),
        "、".join(f"{g['name']} {g['headcount']}" for g in d["base"]["groups"]),
    ),
}


def detail(step: str, d: dict[str, Any]) -> str:
    formatter = DETAILS.get(step)
    if formatter is not None:
        return formatter(d)
    return _joined(
        *(
            pgettext(VALUED[k], v) if k in VALUED and isinstance(v, str) and v else v
            for k, v in d.items()
            if not isinstance(v, bool | list)
        )
    )


def label(step: str) -> str:
    """A recorded step's name as a person reads it: 'negotiation round', 协商会议."""
    return pgettext("step", STEP_LABELS[step]) if step in STEP_LABELS else step
