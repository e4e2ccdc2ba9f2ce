"""The words the services and the command line agree on: the stages a negotiation or contract
can be in, a filing packet's languages, the demo's references, and where the actor is read from.
Re-exported by the public API; anything in ``bargaining`` may use it, and it uses nothing but
the marker of the message catalog.

Every value a person types or reads in a table is marked here, written out, with its context
(``NC_("stage", "signed")``), so that the catalog holds its word in each language:
``bargaining.term`` shows it, ``bargaining.typed`` reads it back. The values themselves, in
events, read models and JSON, stay English.
"""

from __future__ import annotations

from domain.i18n import NC_

ACTOR_ENV = "BARGAINING_ACTOR"
DEMO_REFERENCE = "DEMO-2011-WAGE"
DEMO_ARTICLE = "第一条 工资调整幅度"
DEMO_CASE = "DEMO-CASE-0007"
PACKET_LANGUAGES = ("zh", "en")  # a filing packet's languages: Chinese (simplified), English

# The stages a negotiation or contract can be in, as the board and --stage name them.
STAGES = (
    NC_("stage", "opened"),
    NC_("stage", "requested"),
    NC_("stage", "refused"),
    NC_("stage", "negotiating"),
    NC_("stage", "suspended"),
    NC_("stage", "draft"),
    NC_("stage", "tied"),
    NC_("stage", "ratified"),
    NC_("stage", "signed"),
    NC_("stage", "submitted"),
    NC_("stage", "under review"),
    NC_("stage", "objected"),
    NC_("stage", "effective"),
    NC_("stage", "expired"),
    NC_("stage", "terminated"),
)

# The kinds of collective agreement (domain.values.AgreementKind), as --kind names them.
KINDS = (
    NC_("kind", "wage"),
    NC_("kind", "comprehensive"),
    NC_("kind", "special"),
    NC_("kind", "regional"),
    NC_("kind", "industry"),
)

# A mediation case's primary category (domain.disputes.Category), as --category names it.
CASE_CATEGORIES = (
    NC_("category", "labour-contract"),
    NC_("category", "remuneration"),
    NC_("category", "social-insurance"),
    NC_("category", "work-injury"),
    NC_("category", "dismissal"),
    NC_("category", "labour-relationship"),
    NC_("category", "working-conditions"),
    NC_("category", "compensation"),
    NC_("category", "collective-contract"),
    NC_("category", "other"),
)

# The statuses a mediation case can be in on a day (domain.disputes.CaseStatus), and the two
# groups a case list takes besides: open (still to be dealt with) and closed (every other).
CASE_STATUSES = (
    NC_("status", "received"),
    NC_("status", "accepted"),
    NC_("status", "deemed failed"),
    NC_("status", "declined"),
    NC_("status", "settled"),
    NC_("status", "failed"),
    NC_("status", "withdrawn"),
    NC_("status", "referred"),
)
CASE_STATUS_GROUPS = {
    NC_("status", "open"): ("received", "accepted"),
    NC_("status", "closed"): ("deemed failed", "declined", "settled", "failed", "withdrawn", "referred"),
}

# The sides of a negotiation (domain.values.Side) and a representative's role on one (Role).
SIDES = (NC_("side", "union"), NC_("side", "employer"))
ROLES = (NC_("role", "chief"), NC_("role", "member"), NC_("role", "expert"))

# Who ratifies a draft (RatificationBody), what a vote came to (VoteOutcome), why a
# negotiation was opened (Purpose), and an article's status in the talks.
RATIFICATION_BODIES = (NC_("body", "congress"), NC_("body", "assembly"))
VOTE_OUTCOMES = (
    NC_("outcome", "passed"),
    NC_("outcome", "rejected"),
    NC_("outcome", "tied"),
    NC_("outcome", "no quorum"),
)
PURPOSES = (NC_("purpose", "new"), NC_("purpose", "renewal"), NC_("purpose", "amendment"))
ARTICLE_STATUSES = (
    NC_("article status", "open"),
    NC_("article status", "agreed"),
    NC_("article status", "withdrawn"),
)

# The factors a wage proposal cites (S2 Art 8), as --factor names them.
WAGE_FACTORS = (
    NC_("factor", "labour-cost"),
    NC_("factor", "regional-wage"),
    NC_("factor", "guideline"),
    NC_("factor", "cpi"),
    NC_("factor", "performance"),
    NC_("factor", "state-assets"),
    NC_("factor", "last-payroll"),
    NC_("factor", "other"),
)

# Why a contract ends before its term (domain.values.TerminationGround, S1 Arts 39-41).
TERMINATION_GROUNDS = (
    NC_("ground", "consensus"),
    NC_("ground", "merger"),
    NC_("ground", "dissolution"),
    NC_("ground", "bankruptcy"),
    NC_("ground", "force-majeure"),
    NC_("ground", "condition"),
    NC_("ground", "law"),
)

# Mediation: the kind of body (domain.disputes.BodyType), a roster member's role (RosterRole),
# how a dispute came in (Channel) and where a case is referred (ReferralTarget).
BODY_TYPES = (NC_("body type", "enterprise"), NC_("body type", "people"), NC_("body type", "township"))
ROSTER_ROLES = (
    NC_("roster role", "worker"),
    NC_("roster role", "employer"),
    NC_("roster role", "mediator"),
    NC_("roster role", "officer"),
)
CHANNELS = (
    NC_("channel", "visit"),
    NC_("channel", "letter"),
    NC_("channel", "phone"),
    NC_("channel", "online"),
    NC_("channel", "referral"),
    NC_("channel", "written"),
    NC_("channel", "oral"),
)
REFERRAL_TARGETS = (NC_("referral", "arbitration"), NC_("referral", "body"))

# Every context and its values: what a choice among them is read and shown as
# (``OneOf`` of the command line finds the context of its words here).
TERMS: dict[str, tuple[str, ...]] = {
    "stage": STAGES,
    "kind": KINDS,
    "category": CASE_CATEGORIES,
    "status": (*CASE_STATUSES, *CASE_STATUS_GROUPS),
    "side": SIDES,
    "role": ROLES,
    "body": RATIFICATION_BODIES,
    "outcome": VOTE_OUTCOMES,
    "purpose": PURPOSES,
    "article status": ARTICLE_STATUSES,
    "factor": WAGE_FACTORS,
    "ground": TERMINATION_GROUNDS,
    "body type": BODY_TYPES,
    "roster role": ROSTER_ROLES,
    "channel": CHANNELS,
    "referral": REFERRAL_TARGETS,
}
