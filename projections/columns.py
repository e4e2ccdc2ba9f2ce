"""The columns of the read models' tables, shared by the folds that write them and the readers."""

from __future__ import annotations

AGREEMENT_COLUMNS = (
    "reference",
    "kind",
    "employer",
    "union_name",
    "topic",
    "purpose",
    "predecessor",
    "profile",
    "opened_on",
    "stage",
    "request_on",
    "reply_on",
    "rounds",
    "last_round_on",
    "articles_agreed",
    "articles_open",
    "draft_on",
    "vote_on",
    "vote_outcome",
    "vote_verified",
    "signed_on",
    "term_start",
    "term_end",
    "submitted_on",
    "received_on",
    "objected_on",
    "effective_on",
    "published_on",
    "terminated_on",
    "suspended_until",
    "renewed_by",
    "renewed_on",
    "late",
    "closed_from",
    "employer_key",
    "state",
    "search",
)

CASE_COLUMNS = (
    "reference",
    "body",
    "channel",
    "category",
    "tags",
    "workers",
    "claimed_fen",
    "agreed_fen",
    "currency",
    "received_on",
    "accepted_on",
    "declined_on",
    "closed_on",
    "outcome",
    "deadline",
    "acceptance_due",
    "arbitration_right_on",
    "review_ends",
    "review_on",
    "performance_due",
    "performed",
    "performed_on",
    "limitation_base",
    "time_barred_on",
    "referred_from",
    "flagged",
    "profile",
    "close_days",
    "extended_until",
    "applicants",
    "respondent",
    "request",
    "employer_key",
    "mediator",
    "terms",
    "facts",
    "search",
)

# A mediation body and its roster (``roster``: each member's name and role, in the order
# added, as JSON).
BODY_COLUMNS = ("reference", "name", "body_type", "enterprise", "profile", "registered_on", "chair", "roster")

# The board's table: one narrow row per negotiation. The fold's working state (every proposal
# of a negotiation) and the worked-out deadlines live beside it in ``agreement_details``, so
# that reading the board does not read them for every row (most of a long-lived board is
# expired contracts, which have no deadlines left to show).
AGREEMENT_TABLE_COLUMNS = tuple(c for c in AGREEMENT_COLUMNS if c not in ("state", "search"))
DETAIL_COLUMNS = ("reference", "state", "deadlines")
# A record's searchable text (``projections.text``), folded with the rest of its row, lives in
# a narrow table of its own: a search reads every row of it, and nothing else, and a report
# reading the row never reads the text (a negotiation's minutes can run to pages).
TEXT_COLUMNS = ("reference", "search")
# A case's texts the ledger carries (the agreement's mediator and terms, the facts stated),
# beside its row as the searchable text is: the statistics, reading every row, never read them.
CASE_DETAIL_COLUMNS = ("reference", "mediator", "terms", "facts")
CASE_TABLE_COLUMNS = tuple(c for c in CASE_COLUMNS if c != "search" and c not in CASE_DETAIL_COLUMNS[1:])

# What the board and the deadlines report read: the shown columns, what a contract's status
# is worked out from, and the deadlines. Not the fold's working state (every proposal of a
# negotiation), nor the dates only ``show`` prints: a 6,000-row board builds a dict per row.
BOARD_COLUMNS = ", ".join(
    [
        "reference",
        "kind",
        "employer",
        "union_name",
        "stage",
        "rounds",
        "last_round_on",
        "articles_agreed",
        "articles_open",
        "vote_outcome",
        "vote_verified",
        "signed_on",
        "submitted_on",
        "received_on",
        "objected_on",
        "effective_on",
        "terminated_on",
        "term_end",
        "late",
        "deadlines",
    ]
)
