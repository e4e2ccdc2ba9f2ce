"""The words the services and the command line agree on: the stages a negotiation or contract
can be in, a filing packet's languages, the demo's references, and where the actor is read from.
Re-exported by the public API; anything in ``bargaining`` may use it, and it uses nothing.
"""

from __future__ import annotations

ACTOR_ENV = "BARGAINING_ACTOR"
DEMO_REFERENCE = "DEMO-2011-WAGE"
DEMO_ARTICLE = "第一条 工资调整幅度"
DEMO_CASE = "DEMO-CASE-0007"
PACKET_LANGUAGES = ("zh", "en")  # a filing packet's languages: Chinese (simplified), English

# The stages a negotiation or contract can be in, as the board and --stage name them.
STAGES = (
    "opened",
    "requested",
    "refused",
    "negotiating",
    "suspended",
    "draft",
    "tied",
    "ratified",
    "signed",
    "submitted",
    "under review",
    "objected",
    "effective",
    "expired",
    "terminated",
)

# The kinds of collective agreement (domain.values.AgreementKind), as --kind names them.
KINDS = ("wage", "comprehensive", "special", "regional", "industry")

# A mediation case's primary category (domain.disputes.Category), as --category names it.
CASE_CATEGORIES = (
    "labour-contract",
    "remuneration",
    "social-insurance",
    "work-injury",
    "dismissal",
    "labour-relationship",
    "working-conditions",
    "compensation",
    "collective-contract",
    "other",
)

# The statuses a mediation case can be in on a day (domain.disputes.CaseStatus), and the two
# groups a case list takes besides: open (still to be dealt with) and closed (every other).
CASE_STATUSES = (
    "received",
    "accepted",
    "deemed failed",
    "declined",
    "settled",
    "failed",
    "withdrawn",
    "referred",
)
CASE_STATUS_GROUPS = {
    "open": ("received", "accepted"),
    "closed": ("deemed failed", "declined", "settled", "failed", "withdrawn", "referred"),
}
