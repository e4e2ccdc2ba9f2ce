"""``bargaining demo``: log the seed's 篇1 wage negotiation and show what the tracker knows."""

from __future__ import annotations

from datetime import date

import click

import bargaining
from bargaining import _
from cli.contract import render_contract
from cli.main import Session
from cli.mediation import render_case
from cli.negotiation import render_negotiation
from cli.options import pass_session
from cli.output import section
from cli.params import command
from cli.reports import board as board_command
from cli.reports import disputes as disputes_command


@command()
@pass_session
def demo(session: Session) -> None:
    """Log a real negotiation (the seed's 2011 wage agreement) and a real mediation case (the
    seed's grade-8 work-injury dispute), and show their status.

    Runs on the store in use (--store or the default); a second run only shows them again.

    \b
    Example:
      bargaining demo
      bargaining --store ./demo-store demo
    """
    tracker = session.tracker()
    before = tracker.event_count()
    wage, injury = tracker.log_demo()
    logged = tracker.event_count() - before
    if logged:
        done = _("{store}: logged {wage} and {case} ({count} events).")
    else:
        done = _("{store}: {wage} and {case} are already logged.")
    click.echo(done.format(store=tracker.store.describe(), wage=wage, case=injury, count=logged))
    section(_("The negotiation today"))
    render_negotiation(tracker.negotiations.show(wage))
    click.echo("")
    section(_("The contract on 10 July 2011, while the authority reviewed it"))
    render_contract(tracker.contracts.show(wage, as_of=date(2011, 7, 10)))
    click.echo("")
    section(_("The work-injury mediation case"))
    render_case(tracker.cases.show(injury))
    click.echo("")
    ctx = click.get_current_context()
    board = {"everything": False, "within": None, "stage": None, "employer": "", "kind": None}
    section(_("Status board on 1 July 2011: what needed attention two days after signing"))
    ctx.invoke(board_command, **board, as_of=date(2011, 7, 1), as_json=False, as_csv=False)
    click.echo("")
    section(_("Status board today"))
    ctx.invoke(board_command, **board, as_of=None, as_json=False, as_csv=False)
    click.echo("")
    section(_("Mediation statistics, 2011"))
    ctx.invoke(
        disputes_command,
        start=date(2011, 1, 1),
        end=date(2011, 12, 31),
        by="category",
        body_ref="",
        as_json=False,
        as_csv=False,
    )
    click.echo("")
    click.echo(
        _(
            "Explore: bargaining negotiation article {wage} '{article}' --diff 1 4\n"
            "         bargaining case show {case} --as-of 2011-03-16\n"
            "         bargaining negotiation cost {wage}      (wage proposals costed, round by round)\n"
            "         bargaining board --all      (every negotiation and contract)\n"
            "         bargaining packet {wage} --out {wage}-packet      (the filing packet, PDF)\n"
            "         bargaining report --out 2011.html --to 2011-12-31      (the committee's report, HTML)"
        ).format(wage=wage, article=bargaining.DEMO_ARTICLE, case=injury)
    )
