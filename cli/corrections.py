"""``… correct REF STEP`` and ``… retract REF STEP``: put a mistaken step right.

Each group gets the same two commands. ``correct`` takes the options of the commands that
record that group's steps (only what changes is given); which of them apply to a step
depends on its kind, and the error for one that does not lists those that do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

import bargaining
from bargaining import N_, _
from cli.main import Session
from cli.options import names, pass_session, ref_argument
from cli.output import echo_json
from cli.params import option
from cli.types import COUNT, DATE, OneOf

Decorator = Any  # click's decorators, each typed its own way
CATEGORY = OneOf(*bargaining.CASE_CATEGORIES, context="category")
CHANNEL = OneOf(*bargaining.TERMS["channel"], context="channel")
NAMES = frozenset({"applicant", "attended", "mediator", "present", "witness"})  # comma lists allowed
# The records a group's steps belong to, as the help of its correct and retract names them.
NOUNS = (N_("negotiation"), N_("contract"), N_("case"))

# The help of every group's correct and retract: one message each, the group's record and
# example filled in when it is shown (cli.language.TranslatedCommand's help_args).
CORRECT_HELP = N_("""Correct a step of a {noun}: give only what changes, and why.

The step keeps its number; the correction is a step of its own, with the fields before
and after, the reason, who and when. Every rule is checked again on the corrected facts:
a correction that would break one is refused, naming it, and nothing is written.
STEP is the step's number as 'show', 'history' and 'timeline' print it: 7 or '#7'.

\b
Example:
  {example}""")
RETRACT_HELP = N_("""Retract a step of a {noun} that should never have been recorded.

For a step logged on the wrong record or twice. It counts as never having happened
(later steps are numbered on without it) and stays in the history, struck through.
Refused, naming the rule, if a later step rests on it.
STEP is the step's number as 'show', 'history' and 'timeline' print it: 7 or '#7'.

\b
Example:
  {example}""")


class Word:
    """A word of a help made for several commands (``{noun}``), translated when the help is shown."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return format(_(self.text), spec)


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The options given, as the service takes them: repeatable ones as lists, unset ones left out."""
    found = {}
    for key, value in values.items():
        if value is None or value == ():
            continue
        found[key] = (names(value) if key in NAMES else list(value)) if isinstance(value, tuple) else value
    return found


def _describe(amendment: dict[str, Any]) -> str:
    return "; ".join(c["text"] for c in amendment["changes"]) or _("No later step changes")


def _decorated(func: Any, decorators: list[Decorator]) -> None:
    """Apply ``decorators`` as if written above ``func``, the first outermost."""
    for decorate in reversed(decorators):
        func = decorate(func)


def add_amend_commands(
    group: click.Group,
    *,
    service: str,
    noun: str,
    options: Sequence[Decorator],
    correct_example: str,
    retract_example: str,
    status: Callable[[Session, str], str],
) -> None:
    """Add ``correct`` and ``retract`` to ``group``; ``service`` names the tracker's service."""

    def correct(
        session: Session, reference: str, step: str, reason: str, as_json: bool, **values: Any
    ) -> None:
        amendment = getattr(session.tracker(), service).correct(
            reference, step, reason=reason, **_given(values)
        )
        if as_json:
            echo_json(amendment)
            return
        click.echo(
            _("{reference}: step #{step} corrected. {changes}.").format(
                reference=reference, step=amendment["step"], changes=_describe(amendment)
            )
        )
        click.echo(status(session, reference))

    correct.__doc__ = CORRECT_HELP
    _decorated(
        correct,
        [
            group.command("correct", help_args={"noun": Word(noun), "example": correct_example}),
            ref_argument,
            click.argument("step", metavar="STEP"),
            option("--reason", required=True, help="Why it is corrected."),
            *options,
            option("--json", "as_json", is_flag=True, english=True, help="Print the correction as JSON."),
            pass_session,
        ],
    )

    def retract(session: Session, reference: str, step: str, reason: str, as_json: bool) -> None:
        amendment = getattr(session.tracker(), service).retract(reference, step, reason=reason)
        if as_json:
            echo_json(amendment)
            return
        click.echo(
            _("{reference}: step #{step} retracted. {changes}.").format(
                reference=reference, step=amendment["step"], changes=_describe(amendment)
            )
        )
        click.echo(status(session, reference))

    retract.__doc__ = RETRACT_HELP
    _decorated(
        retract,
        [
            group.command("retract", help_args={"noun": Word(noun), "example": retract_example}),
            ref_argument,
            click.argument("step", metavar="STEP"),
            option("--reason", required=True, help="Why it is retracted."),
            option("--json", "as_json", is_flag=True, english=True, help="Print the retraction as JSON."),
            pass_session,
        ],
    )


ON = option(
    "--on", type=DATE, default=None, metavar="DATE", help="The step's date (for an opening: received)."
)
STEP_REASON = option("--step-reason", default=None, help="The step's own reason (a decline's, a failure's…).")

CASE_OPTIONS = [
    ON,
    option("-c", "--channel", type=CHANNEL, default=None, help="How the dispute came in."),
    option("--applicant", multiple=True, metavar="NAME", help="Applicants (all of them); commas allowed."),
    option("-r", "--respondent", default=None, help="The other party."),
    option("-k", "--category", type=CATEGORY, default=None, help="Primary category."),
    option("--tag", type=CATEGORY, multiple=True, help="Further issues (all of them); repeatable."),
    option("--workers", type=COUNT, default=None, help="Workers involved, or at risk (a flag)."),
    option(
        "--amount", default=None, metavar="AMOUNT", help="Amount claimed (opening) or agreed (agreement)."
    ),
    option("--request", "request", default=None, help="What the applicant asks for."),
    option("--facts", default=None, help="Facts and reasons."),
    option("--known-on", type=DATE, default=None, metavar="DATE", help="When the worker knew of it."),
    STEP_REASON,
    option("--mediator", multiple=True, metavar="NAME", help="Mediators assigned, or who signed."),
    option("--attended", multiple=True, metavar="NAME", help="Who attended a session; commas allowed."),
    option("--offered", default=None, help="What was offered at a session."),
    option("--notes", default=None, help="A session's notes."),
    option("--risk", default=None, help="A flag's risk."),
    option("--officer", default=None, help="A flag's early-warning officer."),
    option("--until", type=DATE, default=None, metavar="DATE", help="An extension's new last day."),
    option("--terms", default=None, help="An agreement's terms."),
    option("--due", type=DATE, default=None, metavar="DATE", help="An agreement's performance deadline."),
    option("--method", default=None, help="An agreement's method of performance."),
    option("--commission", default=None, help="A review's arbitration commission."),
    option("--note", default=None, help="A performance check's note."),
]

NEGOTIATION_OPTIONS = [
    ON,
    option("--topics", default=None, help="A request's topics."),
    STEP_REASON,
    option("--title", default=None, help="A representative's post or title."),
    option("--place", default=None, help="Where a round was held."),
    option("--chair", default=None, help="Who chaired a round."),
    option("--recorder", default=None, help="A round's recorder."),
    option("--present", multiple=True, metavar="NAME|N", help="Who was present (round), or how many (vote)."),
    option("--minutes", default=None, help="A round's minutes."),
    option("--text", default=None, help="A proposal's text."),
    option(
        "--round",
        "round",
        type=COUNT,
        default=None,
        help="The round a proposal, withdrawal or agreement was in.",
    ),
    option("--until", type=DATE, default=None, metavar="DATE", help="A suspension's agreed date to resume."),
    option("--session", "session_label", default=None, help="A vote's congress session."),
    option("--roll", type=COUNT, default=None, help="A vote's whole roll."),
    option("--yes", type=COUNT, default=None, help="A vote's votes in favour."),
    option("--no", type=COUNT, default=None, help="A vote's votes against."),
    option("--abstain", type=COUNT, default=None, help="A vote's abstentions."),
    option("--invalid", type=COUNT, default=None, help="A vote's invalid ballots."),
    option(
        "--outcome",
        type=OneOf("passed", "rejected", context="outcome"),
        default=None,
        help="A vote reported without a tally.",
    ),
    option("--term-start", type=DATE, default=None, metavar="DATE", help="The signed term's first day."),
    option("--term-end", type=DATE, default=None, metavar="DATE", help="The signed term's last day."),
    option("--witness", multiple=True, metavar="NAME", help="The signing's witnesses (all of them)."),
]

CONTRACT_OPTIONS = [
    ON,
    option("--authority", default=None, help="The authority it was submitted to."),
    option("--copies", type=COUNT, default=None, help="Copies submitted."),
    option("--opinion", default=None, help="The authority's objection."),
    STEP_REASON,
]
