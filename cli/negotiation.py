"""``bargaining negotiation …``: log each step of a collective negotiation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import click

import bargaining
from bargaining import N_, NC_, _, ngettext, pgettext, term
from cli.corrections import NEGOTIATION_OPTIONS, add_amend_commands
from cli.errors import CommandError
from cli.lists import negotiation_list
from cli.main import Session
from cli.options import headings, names, on_option, pass_session, ref_argument
from cli.output import (
    clip,
    deadline_line,
    echo_json,
    echo_late_steps,
    echo_recorded,
    kv,
    section,
    step_cell,
    struck,
    table,
)
from cli.params import group, option
from cli.types import COUNT, DATE, PERSON, Count, OneOf, read_text_file
from cli.votes import render_votes
from cli.wage import base, cost, term_options

SIDE = OneOf(*bargaining.TERMS["side"], context="side")
KIND = OneOf(*bargaining.KINDS, context="kind")
BODY = OneOf(*bargaining.TERMS["body"], context="body")
OUTCOME = OneOf("passed", "rejected", context="outcome")
FACTORS = OneOf(*bargaining.TERMS["factor"], context="factor")

# The headings of the tables this group prints: English here, translated where shown.
ARTICLE_HEADINGS = (
    N_("id"),
    N_("round"),
    N_("date"),
    N_("side"),
    N_("counters"),
    N_("withdrawn"),
    N_("wage terms"),
    N_("text"),
)
HISTORY_HEADINGS = (
    "#",
    N_("date"),
    N_("step"),
    N_("recorded by"),
    N_("recorded at (UTC)"),
    N_("deadline"),
    N_("detail"),
)
REPRESENTATIVE_HEADINGS = (N_("side"), N_("role"), ("person", NC_("person", "name")), N_("title"))
ROUND_HEADINGS = (
    "#",
    N_("date"),
    N_("place"),
    ("round", NC_("round", "chair")),
    N_("recorder"),
    N_("present"),
    N_("minutes"),
)
ARTICLES_HEADINGS = (N_("article"), N_("status"), N_("proposals"), N_("agreed in round"), N_("text"))


def report(session: Session, reference: str, what: str) -> None:
    """After a write: one line saying what was recorded, the stage and the next deadline."""
    echo_recorded(reference, what, session.tracker().negotiations.show(reference), "stage")


@group()
def negotiation() -> None:
    """Open a negotiation and record each step: request, reply, representatives, rounds,
    proposals per article, suspension, draft, ratification vote and signing."""


negotiation.add_command(negotiation_list)


@negotiation.command("open")
@ref_argument
@option("-e", "--employer", required=True, help="Employer (企业) or employers' organisation.")
@option("-u", "--union", required=True, help="Trade union (工会) negotiating for the workers.")
@option("-k", "--kind", type=KIND, required=True, help="What the negotiation produces.")
@option("--topic", default="", help="Subject of a special contract, e.g. 女职工权益保护.")
@option(
    "--requested-by",
    type=SIDE,
    default="union",
    show_default=True,
    help="Side that sent the written request.",
)
@option("--profile", default="PRC", show_default=True, help="Jurisdiction rules to apply.")
@on_option(required=False, help_text="Date the file is opened (default: today).")
@pass_session
def open_(
    session: Session,
    reference: str,
    employer: str,
    union: str,
    kind: str,
    topic: str,
    requested_by: str,
    profile: str,
    on: date | None,
) -> None:
    """Open a negotiation under a reference of your choice.

    \b
    Example:
      bargaining negotiation open CB-2011-001 -k wage \\
        -e 广州某某有限公司 -u 广州某某有限公司工会 --requested-by union --on 2011-04-01
    """
    session.tracker().negotiations.open(
        reference,
        employer=employer,
        union=union,
        kind=kind,
        topic=topic,
        requested_by=requested_by,
        profile=profile,
        on=on,
    )
    report(session, reference, pgettext("recorded", "opened"))


@negotiation.command()
@ref_argument
@on_option(help_text="Date the other side received the written request.")
@option("--topics", default="", help="Topics, time and place the request proposes.")
@pass_session
def request(session: Session, reference: str, on: date, topics: str) -> None:
    """Record receipt of the written request to negotiate (reply due in 20 days).

    \b
    Example:
      bargaining negotiation request CB-2011-001 --on 2011-04-06 --topics 2011年度工资调整
    """
    session.tracker().negotiations.request(reference, on=on, topics=topics)
    report(session, reference, _("request received {day}").format(day=on.isoformat()))


@negotiation.command()
@ref_argument
@on_option(help_text="Date of the written reply.")
@option("--refuse", is_flag=True, help="The other side declined to negotiate.")
@option("--reason", default="", help="Reason given (a refusal needs a good reason).")
@pass_session
def reply(session: Session, reference: str, on: date, refuse: bool, reason: str) -> None:
    """Record the written reply to the request (accepts unless --refuse).

    \b
    Example:
      bargaining negotiation reply CB-2011-001 --on 2011-04-15
    """
    session.tracker().negotiations.reply(reference, on=on, accepted=not refuse, reason=reason)
    report(session, reference, _("refusal recorded") if refuse else _("reply recorded: talks accepted"))


@negotiation.command()
@ref_argument
@option("-s", "--side", type=SIDE, required=True, help="Which side they represent.")
@option("--chief", default="", type=PERSON, help="Chief representative (首席代表).")
@option(
    "--member",
    "members",
    multiple=True,
    metavar="NAME",
    help="Representative; repeat or separate with commas.",
)
@option(
    "--expert",
    "experts",
    multiple=True,
    metavar="NAME",
    help="Outside expert (at most 1/3 of a side, never the chief).",
)
@option("--replaces", default="", type=PERSON, help="Representative being replaced.")
@option("--title", default="", help="Post or title, e.g. 工会主席, 总经理.")
@on_option(help_text="Date of appointment.")
@pass_session
def appoint(
    session: Session,
    reference: str,
    side: str,
    chief: str,
    members: tuple[str, ...],
    experts: tuple[str, ...],
    replaces: str,
    title: str,
    on: date | None,
) -> None:
    """Appoint representatives of one side (equal numbers, at least 3 each).

    \b
    Examples:
      bargaining negotiation appoint CB-2011-001 -s union --chief 陈志明 \\
        --member 李红,王强 --on 2011-04-16
      bargaining negotiation appoint CB-2011-001 -s employer --chief 张伟 \\
        --member 赵敏,钱进 --on 2011-04-16
      bargaining negotiation appoint CB-2011-001 -s union --member 周敏 --replaces 王强 --on 2011-04-25
    """
    session.tracker().negotiations.appoint(
        reference,
        side=side,
        on=on,
        chief=chief,
        members=names(members),
        experts=names(experts),
        replaces=replaces,
        title=title,
    )
    count = len(names(members)) + len(names(experts)) + (1 if chief else 0)
    report(
        session,
        reference,
        ngettext(
            "{count} {side} representative appointed", "{count} {side} representatives appointed", count
        ).format(count=count, side=term("side", side)),
    )


@negotiation.command("round")
@ref_argument
@on_option(help_text="Date of the meeting.")
@option("--place", required=True, help="Where it was held.")
@option("--chair", required=True, type=PERSON, help="Chief representative chairing (in turn).")
@option("--recorder", required=True, type=PERSON, help="Recorder (记录员), not a representative.")
@option("--present", multiple=True, metavar="NAME", help="Representatives present; commas allowed.")
@option("--minutes", default=None, help="Minutes (会议纪要) as text.")
@option("--minutes-file", default=None, metavar="FILE", help="Minutes from a UTF-8 file ('-' = stdin).")
@pass_session
def round_(
    session: Session,
    reference: str,
    on: date,
    place: str,
    chair: str,
    recorder: str,
    present: tuple[str, ...],
    minutes: str | None,
    minutes_file: str | None,
) -> None:
    """Record a negotiation meeting (round) with its minutes.

    \b
    Example:
      bargaining negotiation round CB-2011-001 --on 2011-04-20 --place 公司三楼会议室 \\
        --chair 陈志明 --recorder 刘洋 --present 陈志明,李红,王强,张伟,赵敏,钱进 \\
        --minutes-file round1.txt
      bargaining negotiation round CB-2011-001 --on 2011-05-04 --place 公司三楼会议室 \\
        --chair 张伟 --recorder 刘洋 --minutes 企业方通报一季度经营状况
    """
    if minutes is not None and minutes_file is not None:
        raise CommandError(_("round.minutes: give --minutes or --minutes-file, not both"))
    text = read_text_file(minutes_file, "round.minutes-file") if minutes_file else (minutes or "")
    number = session.tracker().negotiations.round(
        reference,
        on=on,
        place=place,
        chair=chair,
        recorder=recorder,
        present=names(present),
        minutes=text or "",
    )
    report(
        session,
        reference,
        _("round {number} recorded ({day}, chaired by {chair})").format(
            number=number, day=on.isoformat(), chair=chair
        ),
    )


@negotiation.command()
@ref_argument
@option("-a", "--article", required=True, help="Article heading, e.g. '第三条 工资调整'.")
@option("-s", "--side", type=SIDE, required=True, help="Side tabling the proposal.")
@option("--text", default=None, help="Proposed text of the article.")
@option("--text-file", default=None, metavar="FILE", help="Proposed text from a UTF-8 file.")
@option(
    "--round",
    "round_no",
    type=COUNT,
    default=None,
    help="Round it was tabled in (default: latest).",
)
@term_options
@option("--effective", type=DATE, default=None, metavar="DATE", help="Wage: date the terms apply from.")
@option(
    "--factor",
    "factors",
    type=FACTORS,
    multiple=True,
    help="Wage factor cited (S2 Art 8); repeatable.",
)
@pass_session
def propose(
    session: Session,
    reference: str,
    article: str,
    side: str,
    text: str | None,
    text_file: str | None,
    round_no: int | None,
    increase: str | None,
    raises: tuple[str, ...],
    min_wage: str | None,
    one_off: str | None,
    later: tuple[str, ...],
    allow: bool,
    effective: date | None,
    factors: tuple[str, ...],
) -> None:
    """Table a proposal or counter-proposal on one article.

    Its wage numbers are what 'negotiation cost' costs: --increase for every group, --raise for
    a group of the wage base, --min-wage, --one-off, and --then for each later year.

    \b
    Example:
      bargaining negotiation propose CB-2011-001 -a '第三条 工资调整' -s union \\
        --text '职工月平均工资增长8%' --increase 8 --factor cpi --factor performance
      bargaining negotiation propose CB-2011-001 -a '第三条 工资调整' -s employer \\
        --text '增长6%，一线职工增长7%' --increase 6 --raise 一线职工=7%
    """
    if (text is None) == (text_file is None):
        raise CommandError(_("propose.text: give the article's text with --text or --text-file"))
    body = text if text is not None else read_text_file(text_file, "propose.text-file")
    proposal = session.tracker().negotiations.propose(
        reference,
        article=article,
        side=side,
        text=body or "",
        round_no=round_no,
        increase=increase,
        minimum_wage=min_wage,
        effective=effective,
        factors=list(factors),
        raises=list(raises),
        one_off=one_off,
        later=list(later),
        allow=allow,
    )
    report(
        session,
        reference,
        _("proposal {proposal} tabled on {article}").format(proposal=proposal, article=article),
    )


@negotiation.command()
@ref_argument
@option("-p", "--proposal", required=True, metavar="ID", help="Proposal to withdraw, e.g. P3.")
@option("--reason", default="", help="Why it is withdrawn.")
@option("--round", "round_no", type=COUNT, default=None, help="Round (default: latest).")
@pass_session
def withdraw(session: Session, reference: str, proposal: str, reason: str, round_no: int | None) -> None:
    """Withdraw a proposal; the article falls back to the text before it.

    \b
    Example:
      bargaining negotiation withdraw CB-2011-001 -p P1 --reason 以对方方案为基础
    """
    session.tracker().negotiations.withdraw(reference, proposal=proposal, reason=reason, round_no=round_no)
    report(session, reference, _("proposal {proposal} withdrawn").format(proposal=proposal.upper()))


@negotiation.command()
@ref_argument
@option("-a", "--article", required=True, help="Article to mark as tentatively agreed.")
@option("--round", "round_no", type=COUNT, default=None, help="Round (default: latest).")
@pass_session
def agree(session: Session, reference: str, article: str, round_no: int | None) -> None:
    """Mark an article tentatively agreed on the text now on the table.

    \b
    Example:
      bargaining negotiation agree CB-2011-001 -a '第三条 工资调整'
    """
    session.tracker().negotiations.agree(reference, article=article, round_no=round_no)
    report(session, reference, _("article {article} agreed").format(article=article))


@negotiation.command()
@ref_argument
@click.argument("article")
@option(
    "--diff",
    nargs=2,
    type=COUNT,
    default=None,
    metavar="R1 R2",
    help="Line diff of the article's text between two rounds.",
)
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def article(
    session: Session, reference: str, article: str, diff: tuple[int, int] | None, as_json: bool
) -> None:
    """Show one article's proposals round by round, and optionally a diff.

    \b
    Example:
      bargaining negotiation article CB-2011-001 '第三条 工资调整' --diff 1 2
    """
    data = session.tracker().negotiations.article(reference, article, rounds=diff)
    if as_json:
        echo_json(data)
        return
    click.echo(f"{reference} — {article}: {term('article status', data['status'])}")
    rows = [
        [
            h["proposal"],
            h["round"],
            h["on"],
            term("side", h["side"]),
            h["counter_to"] or "",
            _("withdrawn (round {round})").format(round=h["withdrawn_round"]) if h["withdrawn_round"] else "",
            wage_terms(h["wage"]),
            clip(h["text"], 50),
        ]
        for h in data["history"]
    ]
    click.echo(table(rows, headings(ARTICLE_HEADINGS)))
    if data["agreed"]:
        agreed = data["agreed"]
        click.echo(
            "\n"
            + _("Agreed in round {round} ({day}) on {proposal}.").format(
                round=agreed["round"], day=agreed["on"], proposal=agreed["proposal"]
            )
        )
    if data["diff"] is not None:
        section(
            _("Changes from round {first} to round {second}").format(first=diff[0], second=diff[1])
            if diff
            else _("Changes")
        )
        click.echo("\n".join(data["diff"]["lines"]) or _("(no change)"))


@negotiation.command()
@ref_argument
@on_option(help_text="Date both sides agreed to suspend.")
@option("--until", type=DATE, required=True, metavar="DATE", help="Agreed date to resume.")
@option("--reason", required=True, help="Why talks are suspended (中止).")
@pass_session
def suspend(session: Session, reference: str, on: date, until: date, reason: str) -> None:
    """Suspend talks by agreement, with the date to resume.

    \b
    Example:
      bargaining negotiation suspend CB-2011-001 --on 2011-05-12 --until 2011-05-26 \\
        --reason 等待一季度经营数据
    """
    session.tracker().negotiations.suspend(reference, on=on, until=until, reason=reason)
    report(session, reference, _("suspended until {day}").format(day=until.isoformat()))


@negotiation.command()
@ref_argument
@on_option(help_text="Date talks resumed.")
@pass_session
def resume(session: Session, reference: str, on: date) -> None:
    """Resume suspended talks.

    \b
    Example:
      bargaining negotiation resume CB-2011-001 --on 2011-05-26
    """
    session.tracker().negotiations.resume(reference, on=on)
    report(session, reference, _("resumed"))


@negotiation.command()
@ref_argument
@on_option(help_text="Date the chiefs signed the draft.")
@pass_session
def draft(session: Session, reference: str, on: date) -> None:
    """Adopt the draft (草案) once every article is agreed.

    \b
    Example:
      bargaining negotiation draft CB-2011-001 --on 2011-06-10
    """
    session.tracker().negotiations.draft(reference, on=on)
    report(session, reference, _("draft adopted"))


@negotiation.command()
@ref_argument
@on_option(help_text="Date of the vote.")
@option(
    "--body",
    type=BODY,
    default="congress",
    show_default=True,
    help="Workers' congress (职工代表大会) or all workers (职工大会).",
)
@option("--session", "session_label", default="", help="Which congress, e.g. 第三届.")
@option("--roll", type=COUNT, default=None, help="Everyone entitled to vote (whole roll).")
@option("--present", type=COUNT, default=None, help="How many attended.")
@option("--yes", type=COUNT, default=None, help="Votes in favour.")
@option("--no", type=COUNT, default=None, help="Votes against.")
@option("--abstain", type=COUNT, default=0, help="Abstentions.")
@option("--invalid", type=COUNT, default=0, help="Invalid ballots.")
@option(
    "--outcome",
    type=OUTCOME,
    default=None,
    help="Only the reported outcome, when no tally was kept (flagged unverifiable).",
)
@option(
    "--no-quorum",
    is_flag=True,
    help="The meeting was held without quorum: record it as held and invalid (needs --roll and"
    " --present); the draft is then voted on again.",
)
@option("--decide", type=OUTCOME, default=None, help="Decide a tied vote (needs --reason).")
@option("--reason", default="", help="Reason for the decision on a tie.")
@pass_session
def vote(
    session: Session,
    reference: str,
    on: date,
    body: str,
    session_label: str,
    roll: int | None,
    present: int | None,
    yes: int | None,
    no: int | None,
    abstain: int,
    invalid: int,
    outcome: str | None,
    no_quorum: bool,
    decide: str | None,
    reason: str,
) -> None:
    """Record the ratification vote; quorum and threshold come from the profile.

    PRC: at least 2/3 of the roll present; more than half of the WHOLE roll in favour.
    Exactly half is a tie that a person decides with --decide.

    A meeting below the quorum is refused. If it was held, --no-quorum records it as held
    and invalid: the draft stays, and the next vote on it is its next attempt.

    \b
    Examples:
      bargaining negotiation vote CB-2011-001 --on 2011-06-24 --session 第三届 \\
        --roll 60 --present 45 --yes 38 --no 5 --abstain 2
      bargaining negotiation vote CB-2011-001 --on 2011-06-24 --outcome passed
      bargaining negotiation vote CB-2011-001 --on 2011-06-24 --roll 60 --present 45 --yes 30 --no 15 \\
        && bargaining negotiation vote CB-2011-001 --on 2011-06-25 --decide passed \\
        --reason 职代会主席团按表决办法认定通过
      bargaining negotiation vote CB-2011-001 --on 2011-06-17 --roll 60 --present 38 --no-quorum \\
        && bargaining negotiation vote CB-2011-001 --on 2011-06-24 --roll 60 --present 45 --yes 38 --no 5
    """
    service = session.tracker().negotiations
    if decide is not None and no_quorum:
        raise CommandError(_("vote.no-quorum: a tie is decided on the vote that tied; leave out --no-quorum"))
    if decide is not None:
        service.decide_tie(reference, on=on, outcome=decide, reason=reason)
        report(session, reference, _("tie decided: {outcome}").format(outcome=term("outcome", decide)))
        return
    result = service.vote(
        reference,
        on=on,
        body=body,
        session=session_label,
        roll=roll,
        present=present,
        yes=yes,
        no=no,
        abstain=abstain,
        invalid=invalid,
        outcome=outcome,
        no_quorum=no_quorum,
    )
    click.echo(
        _("Vote: {outcome} — {rule}").format(outcome=term("outcome", result["outcome"]), rule=result["rule"])
    )
    if result["outcome"] == "tied":
        click.echo(
            _("The yes votes are exactly the threshold: decide with --decide passed|rejected --reason …")
        )
    if result["outcome"] == "no quorum":
        click.echo(
            _(
                "The meeting is recorded as held without quorum (attempt {attempt});"
                " the draft stays: hold the vote again."
            ).format(attempt=result["attempt"])
        )
    report(session, reference, _("vote recorded"))


@negotiation.command()
@ref_argument
@on_option(help_text="Date both chiefs signed.")
@option("--term-start", type=DATE, required=True, metavar="DATE", help="First day in force.")
@option("--term-end", type=DATE, default=None, metavar="DATE", help="Last day in force.")
@option("--years", type=Count(1, 10), default=None, help="Or: term length in years.")
@option("--union-signatory", default="", type=PERSON, help="Must be the union's chief.")
@option("--employer-signatory", default="", type=PERSON, help="Must be the employer's chief.")
@option("--witness", "witnesses", multiple=True, metavar="NAME", help="Witnesses; commas allowed.")
@pass_session
def sign(
    session: Session,
    reference: str,
    on: date,
    term_start: date,
    term_end: date | None,
    years: int | None,
    union_signatory: str,
    employer_signatory: str,
    witnesses: tuple[str, ...],
) -> None:
    """Sign the ratified contract (both chiefs); filing falls due from this date.

    \b
    Example:
      bargaining negotiation sign CB-2011-001 --on 2011-06-29 --term-start 2011-07-01 --years 1
    """
    if (term_end is None) == (years is None):
        raise CommandError(_("sign.term-end: give --term-end DATE or --years N"))
    if term_end is None:
        assert years is not None
        try:
            term_end = term_start.replace(year=term_start.year + years) - timedelta(days=1)
        except ValueError:  # 29 February
            term_end = term_start.replace(year=term_start.year + years, day=28)
    warnings = session.tracker().negotiations.sign(
        reference,
        on=on,
        term_start=term_start,
        term_end=term_end,
        union_signatory=union_signatory,
        employer_signatory=employer_signatory,
        witnesses=names(witnesses),
    )
    for warning in warnings:
        click.echo(_("Warning: {warning}").format(warning=warning), err=True)
    report(
        session,
        reference,
        _("signed {day}, term {start} to {end}").format(
            day=on.isoformat(), start=term_start.isoformat(), end=term_end.isoformat()
        ),
    )


@negotiation.command()
@ref_argument
@option("--as-of", type=DATE, default=None, metavar="DATE", help="Show it as it stood on this date.")
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def show(session: Session, reference: str, as_of: date | None, as_json: bool) -> None:
    """Show a negotiation (and its contract): stage, steps, next deadline and its rule.

    \b
    Examples:
      bargaining negotiation show CB-2011-001
      bargaining negotiation show CB-2011-001 --as-of 2011-06-25 --json
    """
    view = session.tracker().negotiations.show(reference, as_of=as_of)
    if as_json:
        echo_json(view)
        return
    render_negotiation(view)


@negotiation.command()
@ref_argument
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def history(session: Session, reference: str, as_json: bool) -> None:
    """List every recorded step: business date, step, who recorded it and when.

    \b
    Example:
      bargaining negotiation history CB-2011-001
    """
    rows = session.tracker().negotiations.history(reference)
    if as_json:
        echo_json(rows)
        return
    click.echo(
        table(
            [
                struck(
                    [
                        r["version"],
                        r["on"],
                        step_cell(None, r["step"], r),
                        r["by"],
                        r["recorded_at"][:19].replace("T", " "),
                        late_word(r["met"]["late_by_days"]) if r["met"] else "",
                        clip(r["summary"] if r["amends"] else fields_text(r["detail"]), 50),
                    ],
                    r,
                )
                for r in rows
            ],
            headings(HISTORY_HEADINGS),
        )
    )
    echo_late_steps(rows)


def fields_text(detail: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in _outcome_first(detail) if v not in ("", None, []))


def _outcome_first(detail: dict[str, Any]) -> list[tuple[str, Any]]:
    """A step's fields with its outcome first: what a vote came to ('no quorum') is the fact
    the clipped column must not lose."""
    return sorted(detail.items(), key=lambda item: item[0] != "outcome")


def wage_terms(wage: dict[str, Any] | None) -> str:
    """'+6% · min 1400.00 CNY · from 2011-07-01 · cpi, performance' for a wage proposal."""
    if not wage:
        return ""
    parts = []
    if wage["increase_pct"] is not None:
        parts.append(f"+{wage['increase_pct']}%")
    for r in wage.get("raises", []):
        parts.append(f"{r['group']} +{r['pct']}%" if r["pct"] is not None else f"{r['group']} +{r['amount']}")
    if wage.get("one_off") is not None:
        parts.append(_("one-off {amount}").format(amount=wage["one_off"]))
    if wage.get("later"):
        parts.append(
            ngettext("{n} later year", "{n} later years", len(wage["later"])).format(n=len(wage["later"]))
        )
    if wage["minimum_wage"] is not None:
        parts.append(
            _("min {amount} {currency}").format(amount=wage["minimum_wage"], currency=wage["currency"])
        )
    if wage["effective_on"]:
        parts.append(_("from {day}").format(day=wage["effective_on"]))
    if wage["factors"]:
        # TRANSLATORS: what separates the items of a list in a table's cell (wage factors).
        parts.append(_(", ").join(term("factor", f) for f in wage["factors"]))
    return " · ".join(parts)


def reply_line(v: dict[str, Any]) -> str | None:
    """'2008-07-04 (accepted), 17 days late: due 2008-06-17' (the rule is among the warnings)."""
    if not v["reply_on"]:
        return None
    line = (_("{day} (accepted)") if v["reply_accepted"] else _("{day} (refused)")).format(day=v["reply_on"])
    for d in v["deadlines"]:
        if d["key"] == "reply" and d["met_on"]:
            late = (
                late_word(d["late_by_days"])
                if d.get("late_by_days") is not None
                else term("state", d["state"])
            )
            line = _("{reply}, {late}: due {due}").format(reply=line, late=late, due=d["due"])
    return line


def render_negotiation(v: dict[str, Any]) -> None:
    title = _("{reference}  {kind} — stage: {stage}").format(
        reference=v["reference"], kind=term("kind", v["kind"]), stage=term("stage", v["stage"])
    )
    click.echo(click.style(title, bold=True) + "   " + _("(as of {day})").format(day=v["as_of"]))
    purpose = None
    if v["purpose"] != "new":
        purpose = _("{purpose} of {predecessor}").format(
            purpose=term("purpose", v["purpose"]), predecessor=v["predecessor"]
        )
    kv(
        [
            (_("Employer"), v["employer"]),
            (_("Union"), v["union"]),
            (_("Topic"), v["topic"]),
            (_("Purpose"), purpose),
            (_("Requested by"), v["requested_by"] and term("side", v["requested_by"])),
            (_("Request received"), v["request_received_on"]),
            (_("Reply"), reply_line(v)),
        ]
    )
    if v["representatives"]:
        section(_("Representatives"))
        click.echo(
            table(
                [
                    [term("side", r["side"]), term("role", r["role"]), r["name"], r["title"]]
                    for r in v["representatives"]
                ],
                headings(REPRESENTATIVE_HEADINGS),
            )
        )
    if v["rounds"]:
        section(_("Rounds"))
        click.echo(
            table(
                [
                    [
                        r["number"],
                        r["on"],
                        clip(r["place"], 20),
                        r["chair"],
                        r["recorder"],
                        len(r["present"]),
                        clip(r["minutes"], 36),
                    ]
                    for r in v["rounds"]
                ],
                headings(ROUND_HEADINGS),
            )
        )
    if v["articles"]:
        section(_("Articles"))
        click.echo(
            table(
                [
                    [
                        a["article"],
                        term("article status", a["status"]),
                        a["proposals"],
                        a["agreed_round"] or "",
                        clip(a["text"], 40),
                    ]
                    for a in v["articles"]
                ],
                headings(ARTICLES_HEADINGS),
            )
        )
    for s in v["suspensions"]:
        if s["resumed_on"]:
            line = _("Suspended {day} until {until}: {reason} (resumed {resumed})")
        else:
            line = _("Suspended {day} until {until}: {reason}")
        click.echo(line.format(day=s["on"], until=s["until"], reason=s["reason"], resumed=s["resumed_on"]))
    render_votes(v["votes"])
    if v["signed_on"]:
        section(_("Contract"))
        kv(
            [
                (
                    _("Signed"),
                    _("{day} by {signatories}").format(
                        day=v["signed_on"], signatories=joined(v["signatories"] or [])
                    ),
                ),
                (_("Term"), _("{start} to {end}").format(start=v["term_start"], end=v["term_end"])),
                *[
                    (
                        (_("Filing due") if d["key"] == "filing" and i == 0 else _("also due")),
                        f"{d['due']} [{state_cell(d)}] — {d['rule']}",
                    )
                    for i, d in enumerate(v["filing_deadlines"])
                ],
                (_("Submitted"), v["submitted_on"]),
                (_("Received"), v["received_on"]),
                (
                    _("Effective"),
                    v["effective_on"]
                    and (
                        _("{day} (deemed: no objection within the review window)").format(
                            day=v["effective_on"]
                        )
                        if v["stage"] in ("effective", "expired", "terminated")
                        else _("{day} if no objection by then").format(day=v["effective_on"])
                    ),
                ),
            ]
        )
    section(_("Next deadline"))
    click.echo(deadline_line(v["next_deadline"]) or _("none"))
    for warning in v["warnings"]:
        click.echo(click.style(_("Warning: {warning}").format(warning=warning), fg="yellow"))


def late_word(late: int) -> str:
    """'on time' or '17 days late': how a step met its deadline."""
    if late == 0:
        return _("on time")
    return ngettext("{n} day late", "{n} days late", late).format(n=late)


def state_cell(d: dict[str, Any]) -> str:
    """A deadline's state as a person reads it: 'met on time', 'met 17 days late', or the state."""
    late = d.get("late_by_days")
    if d.get("met_on") and late is not None:
        return (
            _("met on time")
            if late == 0
            else ngettext("met {n} day late", "met {n} days late", late).format(n=late)
        )
    return term("state", str(d["state"]))


def joined(people: list[str]) -> str:
    """'陈志明 and 张伟': names joined as a sentence joins them, in the current language."""
    if not people:
        return ""
    text = people[0]
    for name in people[1:]:
        text = _("{first} and {second}").format(first=text, second=name)
    return text


negotiation.add_command(base)
negotiation.add_command(cost)

add_amend_commands(
    negotiation,
    service="negotiations",
    noun="negotiation",
    options=NEGOTIATION_OPTIONS,
    correct_example="bargaining negotiation correct CB-2011-001 10 --minutes 双方交换意见 --reason 纪要误录",
    retract_example="bargaining negotiation retract CB-2011-001 12 --reason 'entered twice'",
    status=lambda s, r: _("Stage: {stage}.").format(
        stage=term("stage", s.tracker().negotiations.show(r)["stage"])
    ),
)
