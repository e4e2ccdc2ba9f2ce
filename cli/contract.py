"""``bargaining contract …``: filing, review, publication, amendment, renewal, termination."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

import bargaining
from bargaining import N_, _, term
from cli.corrections import CONTRACT_OPTIONS, add_amend_commands
from cli.main import Session
from cli.negotiation import joined, state_cell
from cli.options import headings, on_option, pass_session, ref_argument
from cli.output import deadline_line, echo_json, echo_recorded, kv, section, table
from cli.params import group, option
from cli.types import COUNT, DATE, OneOf

GROUND = OneOf(*bargaining.TERMS["ground"], context="ground")
SIDE = OneOf(*bargaining.TERMS["side"], context="side")
DEADLINE_HEADINGS = (N_("deadline"), N_("due"), N_("state"), N_("done"), N_("rule"))


def report(session: Session, reference: str, what: str) -> None:
    echo_recorded(reference, what, session.tracker().contracts.show(reference))


@group()
def contract() -> None:
    """Follow a signed contract: submission for filing, the authority's receipt and review,
    objection, publication, amendment, renewal and termination."""


@contract.command()
@ref_argument
@on_option(help_text="Date submitted to the labour administration.")
@option("--to", "authority", default="", help="Authority it was submitted to.")
@option("--copies", type=COUNT, default=None, help="Copies submitted (default: the profile's, 3).")
@pass_session
def submit(session: Session, reference: str, on: date, authority: str, copies: int | None) -> None:
    """Record submission for filing (PRC: 10 days after signing; wage agreements 7).

    \b
    Example:
      bargaining contract submit CB-2011-001 --on 2011-07-04 --to 广州市XX区人力资源和社会保障局
    """
    session.tracker().contracts.submit(reference, on=on, authority=authority, copies=copies)
    report(session, reference, _("submitted {day}").format(day=on.isoformat()))


@contract.command()
@ref_argument
@on_option(help_text="Date the authority received it.")
@pass_session
def receipt(session: Session, reference: str, on: date) -> None:
    """Record the authority's receipt; without objection in 15 days it takes effect.

    \b
    Example:
      bargaining contract receipt CB-2011-001 --on 2011-07-05
    """
    session.tracker().contracts.receipt(reference, on=on)
    report(session, reference, _("received by the authority {day}").format(day=on.isoformat()))


@contract.command()
@ref_argument
@on_option(help_text="Date of the Examination Opinion (审查意见书).")
@option("--opinion", required=True, help="What the authority objects to.")
@pass_session
def objection(session: Session, reference: str, on: date, opinion: str) -> None:
    """Record the authority's objection: the negotiation reopens for the disputed points.

    After renegotiating: agree the articles, adopt the draft, vote and sign again; the filing
    clock restarts at the new signature.

    \b
    Example:
      bargaining contract objection CB-2011-001 --on 2011-07-12 --opinion 第五条低于当地最低工资标准
    """
    session.tracker().contracts.objection(reference, on=on, opinion=opinion)
    report(session, reference, _("objection recorded; the negotiation is reopened"))


@contract.command()
@ref_argument
@on_option(help_text="Date published to the workers.")
@pass_session
def publish(session: Session, reference: str, on: date) -> None:
    """Record publication to the workers once in effect (wage agreements: within 5 days).

    \b
    Example:
      bargaining contract publish CB-2011-001 --on 2011-07-22
    """
    session.tracker().contracts.publish(reference, on=on)
    report(session, reference, _("published {day}").format(day=on.isoformat()))


@contract.command()
@ref_argument
@option(
    "--ref",
    "new_reference",
    required=True,
    metavar="REF",
    help="Reference of the amendment negotiation.",
)
@on_option(help_text="Date the amendment was requested.")
@option("--reason", required=True, help="What is to change and why.")
@option("--requested-by", type=SIDE, default="union", show_default=True)
@pass_session
def amend(
    session: Session, reference: str, new_reference: str, on: date, reason: str, requested_by: str
) -> None:
    """Open an amendment: a new negotiation linked to the contract (same procedure).

    \b
    Example:
      bargaining contract amend CB-2011-001 --ref CB-2011-001-A1 --on 2011-12-01 --reason 调整加班费标准
    """
    session.tracker().contracts.amend(
        reference, new_reference=new_reference, on=on, reason=reason, requested_by=requested_by
    )
    click.echo(
        _(
            "{new_reference}: amendment negotiation opened for {reference}. "
            "Continue with 'bargaining negotiation request {new_reference} --on DATE'."
        ).format(new_reference=new_reference, reference=reference)
    )


@contract.command()
@ref_argument
@option(
    "--ref",
    "new_reference",
    required=True,
    metavar="REF",
    help="Reference of the renewal negotiation.",
)
@on_option(help_text="Date renewal was requested (within the renewal window).")
@option("--reason", default="", help="Note on the renewal.")
@option("--requested-by", type=SIDE, default="union", show_default=True)
@pass_session
def renew(
    session: Session, reference: str, new_reference: str, on: date, reason: str, requested_by: str
) -> None:
    """Open the renewal negotiation, linked to the contract it renews.

    PRC: within 3 months before expiry (wage agreements: 60 days).

    \b
    Example:
      bargaining contract renew CB-2011-001 --ref CB-2012-001 --on 2012-05-15
    """
    session.tracker().contracts.renew(
        reference, new_reference=new_reference, on=on, reason=reason, requested_by=requested_by
    )
    click.echo(
        _(
            "{new_reference}: renewal negotiation opened for {reference}. "
            "Continue with 'bargaining negotiation request {new_reference} --on DATE'."
        ).format(new_reference=new_reference, reference=reference)
    )


@contract.command()
@ref_argument
@on_option(help_text="Date it ends.")
@option("--ground", type=GROUND, required=True, help="Legal ground (S1 Arts 39-41).")
@option("--reason", required=True, help="Details.")
@pass_session
def terminate(session: Session, reference: str, on: date, ground: str, reason: str) -> None:
    """Record termination before the end of the term.

    \b
    Example:
      bargaining contract terminate CB-2011-001 --on 2012-01-31 --ground merger --reason 企业合并
    """
    session.tracker().contracts.terminate(reference, on=on, ground=ground, reason=reason)
    report(session, reference, _("terminated {day}").format(day=on.isoformat()))


@contract.command()
@ref_argument
@option("--as-of", type=DATE, default=None, metavar="DATE", help="As it stood on this date.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def show(session: Session, reference: str, as_of: date | None, as_json: bool) -> None:
    """Show a contract: status, filing and review dates, and every deadline with its rule.

    \b
    Example:
      bargaining contract show CB-2011-001 --as-of 2011-07-10
    """
    view = session.tracker().contracts.show(reference, as_of=as_of)
    if as_json:
        echo_json(view)
        return
    render_contract(view)


def render_contract(v: dict[str, Any]) -> None:
    title = _("{reference}  {kind} contract — {status}").format(
        reference=v["reference"], kind=term("kind", v["kind"]), status=term("stage", v["status"])
    )
    click.echo(click.style(title, bold=True) + "   " + _("(as of {day})").format(day=v["as_of"]))
    submitted = v["submitted_on"] and _("{day} to {authority}, {copies} copies").format(
        day=v["submitted_on"], authority=v["authority"] or _("the authority"), copies=v["copies"]
    )
    terminated = v["terminated_on"] and _("{day} ({ground}: {reason})").format(
        day=v["terminated_on"],
        ground=term("ground", v["termination"]["ground"]),
        reason=v["termination"]["reason"],
    )
    kv(
        [
            (_("Employer"), v["employer"]),
            (_("Union"), v["union"]),
            (_("Topic"), v["topic"]),
            (
                _("Signed"),
                _("{day} by {signatories}").format(day=v["signed_on"], signatories=joined(v["signatories"])),
            ),
            (_("Term"), _("{start} to {end}").format(start=v["term_start"], end=v["term_end"])),
            (_("Submitted"), submitted),
            (_("Received"), v["received_on"]),
            (_("Review ends"), v["review_ends"]),
            (
                _("Effective"),
                v["effective_on"]
                and (
                    v["effective_on"]
                    if v["status"] in ("effective", "expired", "terminated")
                    else _("{day} if no objection by then").format(day=v["effective_on"])
                ),
            ),
            (_("Published"), v["published_on"]),
            (_("Renewal window"), _("opens {day}").format(day=v["renewal_window_opens"])),
            (_("Terminated"), terminated),
        ]
    )
    for o in v["objections"]:
        click.echo(_("Objection {day}: {opinion}").format(day=o["on"], opinion=o["opinion"]))
    for s in v["successors"]:
        if s["signed_on"]:
            line = _("{purpose}: {reference} opened {day}, signed {signed}")
        else:
            line = _("{purpose}: {reference} opened {day}")
        purpose = term("purpose", s["purpose"])
        click.echo(
            line.format(
                purpose=purpose[:1].upper() + purpose[1:],
                reference=s["reference"],
                day=s["opened_on"],
                signed=s["signed_on"],
            )
        )
    section(_("Deadlines"))
    click.echo(
        table(
            [[d["label"], d["due"], state_cell(d), d["done_on"] or "", d["rule"]] for d in v["deadlines"]],
            headings(DEADLINE_HEADINGS),
        )
    )
    section(_("Next deadline"))
    click.echo(deadline_line(v["next_deadline"]) or _("none"))
    for warning in v["warnings"]:
        click.echo(click.style(_("Warning: {warning}").format(warning=warning), fg="yellow"))


add_amend_commands(
    contract,
    service="contracts",
    noun="contract",
    options=CONTRACT_OPTIONS,
    correct_example="bargaining contract correct CB-2011-001 2 --copies 4 --reason '4 copies were sent'",
    retract_example="bargaining contract retract CB-2011-001 4 --reason 'recorded on the wrong contract'",
    status=lambda s, r: _("Status: {status}.").format(
        status=term("stage", s.tracker().contracts.show(r)["status"])
    ),
)
