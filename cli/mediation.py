"""``bargaining body …`` and ``bargaining case …``: mediation bodies and labour-dispute cases."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

import bargaining
from bargaining import N_, NC_, _, ngettext, pgettext, term
from cli.corrections import CASE_OPTIONS, add_amend_commands
from cli.errors import CommandError
from cli.lists import body_list, case_list
from cli.main import Session
from cli.options import names, on_option, pass_session, ref_argument
from cli.output import (
    clip,
    deadline_line,
    echo_json,
    echo_late_steps,
    echo_recorded,
    kv,
    on_time,
    section,
    state_word,
    step_cell,
    struck,
    table,
)
from cli.params import group, option
from cli.types import COUNT, DATE, PERSON, Count, OneOf, read_text_file

BODY_TYPE = OneOf("enterprise", "people", "township")
CHANNEL = OneOf("visit", "letter", "phone", "online", "referral", "written", "oral")
CATEGORY = OneOf(*bargaining.CASE_CATEGORIES)

# The words of values this module shows that bargaining.vocabulary does not name.
TERMS = (
    NC_("channel", "visit"),
    NC_("channel", "letter"),
    NC_("channel", "phone"),
    NC_("channel", "online"),
    NC_("channel", "referral"),
    NC_("channel", "written"),
    NC_("channel", "oral"),
    NC_("body type", "enterprise"),
    NC_("body type", "people"),
    NC_("body type", "township"),
)


def both(value: str, chinese: str, shape: str = "{value}: {chinese}") -> str:
    """A value with its Chinese name ('enterprise: 企业劳动争议调解委员会') in English; in
    Chinese the Chinese name alone."""
    return chinese if bargaining.language() == "zh" else shape.format(value=value, chinese=chinese)


# ---------------------------------------------------------------------------------------- bodies


@group()
def body() -> None:
    """Register mediation bodies (enterprise committees, people's mediation, township/street
    bodies) and keep their rosters, including early-warning officers."""


body.add_command(body_list)


@body.command()
@ref_argument
@option("-n", "--name", required=True, help="Name, e.g. XX公司劳动争议调解委员会.")
@option("-t", "--type", "body_type", type=BODY_TYPE, required=True, help="Kind of body (S3 Art 10).")
@option("--enterprise", default="", help="Enterprise an enterprise committee belongs to.")
@option("--profile", default="PRC", show_default=True, help="Jurisdiction rules to apply.")
@on_option(required=False, help_text=N_("Date it was set up (default: today)."))
@pass_session
def register(
    session: Session,
    reference: str,
    name: str,
    body_type: str,
    enterprise: str,
    profile: str,
    on: date | None,
) -> None:
    """Register a mediation body under a reference of your choice.

    \b
    Example:
      bargaining body register LQ-TJWYH -t enterprise -n XX路桥公司劳动争议调解委员会 \\
        --enterprise XX路桥公司 --on 2024-01-10
      bargaining body register JD-TJFZX -t township -n XX街道劳动争议调解分中心 --on 2024-01-10
    """
    session.tracker().bodies.register(
        reference, name=name, body_type=body_type, enterprise=enterprise, profile=profile, on=on
    )
    click.echo(
        _("{reference}: registered. Add members with 'bargaining body roster {reference}'.").format(
            reference=reference
        )
    )


@body.command()
@ref_argument
@option("--worker", "workers", multiple=True, metavar="NAME", help="Worker member (enterprise committee).")
@option(
    "--employer", "employers", multiple=True, metavar="NAME", help="Employer member (enterprise committee)."
)
@option("--mediator", "mediators", multiple=True, metavar="NAME", help="Mediator (people's/township body).")
@option("--officer", "officers", multiple=True, metavar="NAME", help="Early-warning officer (预警员).")
@option("--remove", multiple=True, metavar="NAME", help="Take someone off the roster.")
@option("--chair", default="", type=PERSON, help="Who chairs the body.")
@on_option(required=False, help_text=N_("Date of the change (default: today)."))
@pass_session
def roster(
    session: Session,
    reference: str,
    workers: tuple[str, ...],
    employers: tuple[str, ...],
    mediators: tuple[str, ...],
    officers: tuple[str, ...],
    remove: tuple[str, ...],
    chair: str,
    on: date | None,
) -> None:
    """Add or remove members; an enterprise committee keeps equal worker and employer numbers.

    Names may be repeated or separated by commas.

    \b
    Example:
      bargaining body roster LQ-TJWYH --worker 周建华,李卫东 --employer 王立新,孙红 --chair 周建华 \\
        --officer 陈明 --on 2024-01-10
    """
    view = session.tracker().bodies.roster(
        reference,
        on=on,
        workers=names(workers),
        employers=names(employers),
        mediators=names(mediators),
        officers=names(officers),
        remove=names(remove),
        chair=chair,
    )
    on_roster, watching = len(view["mediators"]), len(view["officers"])
    click.echo(
        _("{reference}: roster now {mediators}, {officers}.").format(
            reference=reference,
            mediators=ngettext("{n} mediator", "{n} mediators", on_roster).format(n=on_roster),
            officers=ngettext("{n} officer", "{n} officers", watching).format(n=watching),
        )
    )


@body.command("show")
@ref_argument
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def body_show(session: Session, reference: str, as_json: bool) -> None:
    """Show a body and its roster.

    \b
    Example:
      bargaining body show LQ-TJWYH
    """
    v = session.tracker().bodies.show(reference)
    if as_json:
        echo_json(v)
        return
    click.echo(
        click.style(f"{v['reference']}  {v['name']}", bold=True) + f"  ({both(v['type'], v['type_zh'])})"
    )
    kv(
        [
            (_("Enterprise"), v["enterprise"]),
            (_("Registered"), v["registered_on"]),
            (_("Chair"), v["chair"]),
            (_("Worker members"), "、".join(v["workers"])),
            (_("Employer members"), "、".join(v["employers"])),
            (_("Mediators"), "、".join(v["mediators"])),
            (_("Officers"), "、".join(v["officers"])),
        ]
    )


# ----------------------------------------------------------------------------------------- cases


@group()
def case() -> None:
    """Open labour-dispute mediation cases and record each step to the outcome; review any
    case's full history as a timeline."""


case.add_command(case_list)


def case_report(session: Session, reference: str, what: str) -> None:
    view = session.tracker().cases.show(reference)
    echo_recorded(reference, what, {**view, "notes": view["warnings"]})


@case.command("open")
@ref_argument
@option("-c", "--channel", type=CHANNEL, required=True, help="How the dispute came in.")
@option("--received", type=DATE, default=None, metavar="DATE", help="Date received (default: today).")
@option(
    "-a",
    "--applicant",
    "applicants",
    multiple=True,
    required=True,
    metavar="NAME",
    help="Applicants, one or more; repeat or separate with commas.",
)
@option("-r", "--respondent", required=True, help="The other party, usually the employer.")
@option("-k", "--category", type=CATEGORY, required=True, help="Primary category for statistics.")
@option("--tag", "tags", type=CATEGORY, multiple=True, help="Further issues in the dispute; repeatable.")
@option(
    "--workers",
    type=Count(1, 1_000_000),
    default=None,
    help="Workers involved (default: number of applicants; 10+ is a collective dispute).",
)
@option("--amount", default=None, metavar="AMOUNT", help="Amount claimed, e.g. 180000 or 12,345.50.")
@option("--currency", default="CNY", show_default=True, help="Currency of the amounts.")
@option("--request", "request_", required=True, help="What the applicant asks for (请求事项).")
@option("--facts", default="", help="Facts and reasons (required for an oral application).")
@option("--facts-file", default=None, metavar="FILE", help="Facts from a UTF-8 file.")
@option("--time", "applied_at", default="", metavar="HH:MM", help="Time of an oral application.")
@option("-b", "--body", "body_ref", default="", metavar="BODY", help="Body that received it.")
@option(
    "--known-on",
    type=DATE,
    default=None,
    metavar="DATE",
    help="When the worker knew of the infringement (limitation period).",
)
@pass_session
def case_open(
    session: Session,
    reference: str,
    channel: str,
    received: date | None,
    applicants: tuple[str, ...],
    respondent: str,
    category: str,
    tags: tuple[str, ...],
    workers: int | None,
    amount: str | None,
    currency: str,
    request_: str,
    facts: str,
    facts_file: str | None,
    applied_at: str,
    body_ref: str,
    known_on: date | None,
) -> None:
    """Open a case from an application (written, oral, a visit, a letter, a call, online, a referral).

    \b
    Example:
      bargaining case open CASE-2024-0007 -c visit --received 2024-03-07 -a 刘某 \\
        -r 绥宁绿洲大桥项目部 -k work-injury --tag remuneration --amount 180000 \\
        --request '工伤赔偿及拖欠工资' -b LQ-TJWYH
    """
    if facts and facts_file:
        raise CommandError("open.facts: " + _("give --facts or --facts-file, not both"))
    text = read_text_file(facts_file, "open.facts-file") if facts_file else facts
    session.tracker().cases.open(
        reference,
        channel=channel,
        received=received,
        applicants=names(applicants),
        respondent=respondent,
        category=category,
        tags=list(tags),
        workers=workers,
        amount_claimed=amount,
        currency=currency,
        request=request_,
        facts=text or "",
        applied_at=applied_at,
        body=body_ref,
        known_on=known_on,
    )
    case_report(session, reference, pgettext("recorded", "opened"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date accepted."))
@option("--both-agree", is_flag=True, help="Both parties agreed to mediation (required).")
@pass_session
def accept(session: Session, reference: str, on: date, both_agree: bool) -> None:
    """Accept the case for mediation (within 3 working days; both parties must agree).

    \b
    Example:
      bargaining case accept CASE-2024-0007 --on 2024-03-08 --both-agree
    """
    for warning in session.tracker().cases.accept(reference, on=on, both_agree=both_agree):
        click.echo(_("Warning: {warning}").format(warning=warning), err=True)
    case_report(session, reference, pgettext("recorded", "accepted"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date of the decision."))
@option("--reason", required=True, help="Why (out of scope, a party refuses mediation, …).")
@pass_session
def decline(session: Session, reference: str, on: date, reason: str) -> None:
    """Decline the case; the applicant is notified in writing (S4 Art 22).

    \b
    Example:
      bargaining case decline CASE-2024-0007 --on 2024-03-09 --reason 被申请人不同意调解
    """
    session.tracker().cases.decline(reference, on=on, reason=reason)
    case_report(session, reference, pgettext("recorded", "declined"))


@case.command()
@ref_argument
@option("-b", "--body", "body_ref", required=True, metavar="BODY", help="Mediation body.")
@option(
    "-m",
    "--mediator",
    "mediators",
    multiple=True,
    required=True,
    metavar="NAME",
    help="Mediators from the body's roster, one or more; commas allowed.",
)
@on_option(required=False, help_text=N_("Date assigned (default: today)."))
@pass_session
def assign(
    session: Session, reference: str, body_ref: str, mediators: tuple[str, ...], on: date | None
) -> None:
    """Assign the body and the mediators handling the case.

    \b
    Example:
      bargaining case assign CASE-2024-0007 -b LQ-TJWYH -m 周建华,王立新 --on 2024-03-08
    """
    session.tracker().cases.assign(reference, on=on, body=body_ref, mediators=names(mediators))
    case_report(session, reference, pgettext("recorded", "mediators assigned"))


@case.command("session")
@ref_argument
@on_option(help_text=N_("Date of the session."))
@option("--attended", multiple=True, metavar="NAME", help="Who attended; commas allowed.")
@option("--offered", default="", help="What was offered.")
@option("--notes", default="", help="Notes of the session.")
@option("--notes-file", default=None, metavar="FILE", help="Notes from a UTF-8 file.")
@pass_session
def session_(
    session: Session,
    reference: str,
    on: date,
    attended: tuple[str, ...],
    offered: str,
    notes: str,
    notes_file: str | None,
) -> None:
    """Record a mediation session.

    \b
    Example:
      bargaining case session CASE-2024-0007 --on 2024-03-10 --attended 刘某,项目部,周建华 \\
        --offered '一次性支付10万元' --notes 伤者要求18万元
    """
    if notes and notes_file:
        raise CommandError("session.notes: " + _("give --notes or --notes-file, not both"))
    text = read_text_file(notes_file, "session.notes-file") if notes_file else notes
    number = session.tracker().cases.session(
        reference, on=on, attendees=names(attended), offered=offered, notes=text or ""
    )
    case_report(session, reference, _("session {number} recorded").format(number=number))


@case.command()
@ref_argument
@option("--risk", required=True, help="What the risk is.")
@option("--officer", default="", type=PERSON, help="Early-warning officer who reported it.")
@option("--workers", type=COUNT, default=0, help="Workers at risk.")
@on_option(required=False, help_text=N_("Date reported (default: today)."))
@pass_session
def flag(session: Session, reference: str, risk: str, officer: str, workers: int, on: date | None) -> None:
    """Flag the case as an early-warning risk.

    \b
    Example:
      bargaining case flag CASE-2024-0007 --risk 多次上访 --officer 陈明 --workers 1
    """
    session.tracker().cases.flag(reference, on=on, risk=risk, officer=officer, workers_at_risk=workers)
    case_report(session, reference, pgettext("recorded", "flagged as an early-warning risk"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date both parties agreed to extend."))
@option("--until", type=DATE, required=True, metavar="DATE", help="New last day for mediation.")
@option("--both-agree", is_flag=True, help="Both parties agreed to the extension (required).")
@option("--reason", default="", help="Why more time is needed.")
@pass_session
def extend(session: Session, reference: str, on: date, until: date, both_agree: bool, reason: str) -> None:
    """Extend mediation past 15 days, which needs both parties' consent (S4 Art 29).

    \b
    Example:
      bargaining case extend CASE-2024-0007 --on 2024-03-20 --until 2024-04-05 --both-agree
    """
    session.tracker().cases.extend(reference, on=on, until=until, both_agree=both_agree, reason=reason)
    case_report(session, reference, _("mediation extended to {until}").format(until=until.isoformat()))


@case.command()
@ref_argument
@on_option(help_text=N_("Date the agreement was signed."))
@option("--terms", required=True, help="What was agreed (调解协议).")
@option("--amount", default=None, metavar="AMOUNT", help="Amount agreed.")
@option("--due", "performance_due", type=DATE, default=None, metavar="DATE", help="Performance deadline.")
@option("--method", default="", help="How it is to be performed (e.g. 银行转账).")
@option("-m", "--mediator", required=True, type=PERSON, help="Mediator who signed.")
@option("--signed", "parties_signed", is_flag=True, help="Both parties signed or sealed it.")
@option("--sealed", is_flag=True, help="The committee sealed it.")
@pass_session
def settle(
    session: Session,
    reference: str,
    on: date,
    terms: str,
    amount: str | None,
    performance_due: date | None,
    method: str,
    mediator: str,
    parties_signed: bool,
    sealed: bool,
) -> None:
    """Record the mediation agreement; it takes effect once signed by both parties and the
    mediator and sealed by the committee (S3 Art 14; S4 Art 26).

    \b
    Example:
      bargaining case settle CASE-2024-0007 --on 2024-03-22 --terms '一次性支付12.6万元' \\
        --amount 126000 --due 2024-04-05 --method 银行转账 -m 周建华 --signed --sealed
    """
    session.tracker().cases.settle(
        reference,
        on=on,
        terms=terms,
        amount_agreed=amount,
        performance_due=performance_due,
        method=method,
        mediator=mediator,
        parties_signed=parties_signed,
        sealed=sealed,
    )
    case_report(session, reference, pgettext("recorded", "mediation agreement recorded"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date mediation failed."))
@option("--reason", required=True, help="Why (a party unwilling, no agreement in time, …).")
@pass_session
def fail(session: Session, reference: str, on: date, reason: str) -> None:
    """Record that mediation failed; the parties may apply for arbitration (S4 Art 30).

    \b
    Example:
      bargaining case fail CASE-2024-0007 --on 2024-03-25 --reason 被申请人拒绝继续调解
    """
    session.tracker().cases.fail(reference, on=on, reason=reason)
    case_report(session, reference, pgettext("recorded", "failure recorded"))


@case.command("withdraw")
@ref_argument
@on_option(help_text=N_("Date withdrawn."))
@option("--reason", required=True, help="Why (settled privately, the applicant withdrew, …).")
@pass_session
def withdraw_(session: Session, reference: str, on: date, reason: str) -> None:
    """Record that the applicant withdrew.

    \b
    Example:
      bargaining case withdraw CASE-2024-0007 --on 2024-03-12 --reason 双方自行和解
    """
    session.tracker().cases.withdraw(reference, on=on, reason=reason)
    case_report(session, reference, pgettext("recorded", "withdrawal recorded"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date referred."))
@option("--to-body", default="", metavar="BODY", help="Refer to this mediation body …")
@option("--new-ref", default="", metavar="REF", help="… which opens its own case under this reference.")
@option("--arbitration", default="", metavar="COMMISSION", help="Or refer to this arbitration commission.")
@pass_session
def refer(session: Session, reference: str, on: date, to_body: str, new_ref: str, arbitration: str) -> None:
    """Refer the case to arbitration, or to another body (which opens a linked case).

    \b
    Examples:
      bargaining case refer CASE-2024-0007 --on 2024-03-15 --to-body JD-TJFZX --new-ref JD-2024-031
      bargaining case refer CASE-2024-0007 --on 2024-03-15 --arbitration XX区劳动人事争议仲裁委员会
    """
    session.tracker().cases.refer(
        reference, on=on, to_body=to_body, new_reference=new_ref, arbitration=arbitration
    )
    case_report(session, reference, pgettext("recorded", "referred"))
    if new_ref:
        click.echo(
            _("{new_ref}: opened at {body}, linked to {reference}.").format(
                new_ref=new_ref, body=to_body, reference=reference
            )
        )


@case.command()
@ref_argument
@on_option(help_text=N_("Date the joint request was made."))
@option("--commission", default="", help="Arbitration commission asked to review.")
@pass_session
def review(session: Session, reference: str, on: date, commission: str) -> None:
    """Record the parties' joint request for arbitral review of the agreement (within 15 days).

    \b
    Example:
      bargaining case review CASE-2024-0007 --on 2024-03-28 --commission XX区劳动人事争议仲裁委员会
    """
    session.tracker().cases.review(reference, on=on, commission=commission)
    case_report(session, reference, pgettext("recorded", "arbitral review requested"))


@case.command()
@ref_argument
@on_option(help_text=N_("Date checked."))
@option("--not-performed", is_flag=True, help="The agreement was NOT performed.")
@option("--note", default="", help="What happened.")
@pass_session
def perform(session: Session, reference: str, on: date, not_performed: bool, note: str) -> None:
    """Record whether the agreement was performed (performed unless --not-performed).

    \b
    Example:
      bargaining case perform CASE-2024-0007 --on 2024-04-06 --not-performed --note 未支付
    """
    session.tracker().cases.perform(reference, on=on, performed=not not_performed, note=note)
    case_report(session, reference, pgettext("recorded", "performance recorded"))


@case.command("show")
@ref_argument
@option("--as-of", type=DATE, default=None, metavar="DATE", help="As it stood on this date.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def case_show(session: Session, reference: str, as_of: date | None, as_json: bool) -> None:
    """Show a case with its deadlines and full history as a timeline.

    \b
    Examples:
      bargaining case show CASE-2024-0007
      bargaining case show CASE-2024-0007 --as-of 2024-03-15 --json
    """
    view = session.tracker().cases.show(reference, as_of=as_of)
    if as_json:
        echo_json(view)
        return
    render_case(view)


# The case's facts, as ``case show`` labels them (translated where shown).
CASE_LABELS = {
    "applicants": N_("Applicants"),
    "respondent": N_("Respondent"),
    "channel": N_("Channel"),
    "tags": N_("Issues"),
    "request": N_("Request"),
    "facts": N_("Facts"),
    "workers": N_("Workers"),
    "claimed": N_("Claimed"),
    "agreed": N_("Agreed"),
    "body": N_("Body"),
    "mediators": N_("Mediators"),
    "received": N_("Received"),
    "accepted": N_("Accepted"),
    "closed": N_("Closed"),
    "referred_from": N_("Referred from"),
}
TIMELINE_HEADERS = [N_("date"), N_("step"), N_("recorded by"), N_("deadline"), N_("detail")]
DEADLINE_HEADERS = [N_("deadline"), N_("date"), N_("state"), N_("rule")]


def render_case(v: dict[str, Any]) -> None:
    # The status says the outcome ("settled", "deemed failed"); --json gives both values.
    status = term("status", v["status"])
    category = both(v["category"], v["category_zh"], "{value} ({chinese})")
    click.echo(
        click.style(f"{v['reference']}  {category} — {status}", bold=True)
        + "   "
        + _("(as of {day})").format(day=v["as_of"])
    )
    channel = term("channel", v["channel"])
    if v["applied_at"]:
        channel = _("{channel} at {time}").format(channel=channel, time=v["applied_at"])
    workers = str(v["workers_involved"])
    if v["collective"]:
        workers = _("{workers} (collective dispute)").format(workers=workers)
    facts = {
        "applicants": "、".join(v["applicants"]),
        "respondent": v["respondent"],
        "channel": channel,
        "tags": "、".join(term("category", t) for t in v["tags"]),
        "request": v["request"],
        "facts": clip(v["facts"], 80),
        "workers": workers,
        "claimed": v["amount_claimed"] and f"{v['amount_claimed']} {v['currency']}",
        "agreed": v["amount_agreed"] and f"{v['amount_agreed']} {v['currency']}",
        "body": v["body"],
        "mediators": "、".join(v["mediators"]),
        "received": v["received_on"],
        "accepted": v["accepted_on"],
        "closed": v["closed_on"],
        "referred_from": v["referred_from"],
    }
    kv([(_(CASE_LABELS[key]), value) for key, value in facts.items()])
    section(_("Timeline"))
    click.echo(
        table(
            [
                struck(
                    [
                        r["on"],
                        step_cell(r["number"], r["step"], r),
                        r["who"],
                        on_time(r["met"]),
                        clip(r["detail"], 60),
                    ],
                    r,
                )
                for r in v["timeline"]
            ],
            [_(h) for h in TIMELINE_HEADERS],
        )
    )
    echo_late_steps(v["timeline"])
    section(_("Deadlines"))
    click.echo(
        table(
            [[d["label"], d["due"], term("state", state_word(d)), d["rule"]] for d in v["deadlines"]],
            [_(h) for h in DEADLINE_HEADERS],
        )
    )
    section(_("Next deadline"))
    click.echo(deadline_line(v["next_deadline"]) or _("none"))
    for warning in v["warnings"]:
        click.echo(click.style(_("Note: {warning}").format(warning=warning), fg="yellow"))


add_amend_commands(
    case,
    service="cases",
    noun="case",
    options=CASE_OPTIONS,
    correct_example="bargaining case correct CASE-2024-0007 1 --amount 126000 --reason '误录为12600'",
    retract_example="bargaining case retract CASE-2024-0007 '#4' --reason 'a session of another case'",
    status=lambda s, r: _("Status: {status}.").format(
        status=term("status", s.tracker().cases.show(r)["status"])
    ),
)
