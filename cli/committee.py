"""``bargaining report``: the committee's report of a period, one HTML file to open, mail and print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from bargaining import _
from bargaining import language as current_language
from bargaining import use_language as use
from cli.main import Session
from cli.options import pass_session
from cli.output import echo_json
from cli.params import command, option
from cli.types import DATE


@command()
@option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.html",
    help="The file to write (.html).",
)
@option(
    "--from",
    "start",
    type=DATE,
    metavar="DATE",
    help="First day of the period. Default: 1 January of --to's year.",
)
@option("--to", "end", type=DATE, metavar="DATE", help="Last day of the period. Default: today.")
@option("-b", "--body", "body_ref", default="", metavar="BODY", help="Only the cases of this mediation body.")
@option(
    "--lang",
    "language",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="The report's language. Default: the interface's (--lang before the command, or the locale).",
)
@option("--json", "as_json", is_flag=True, english=True, help="Print what was written as JSON.")
@pass_session
def report(
    session: Session,
    out: Path,
    start: date | None,
    end: date | None,
    body_ref: str,
    language: str | None,
    as_json: bool,
) -> None:
    """Write the committee's report of a period: one self-contained HTML file with charts.

    The period's figures with their formulas (those of 'stats disputes'), charts of the cases
    by category, month, outcome, days to close and amounts, and of the contracts by quarter;
    what needs attention today with each deadline's rule and source; every case and
    negotiation of the period as a timeline; the corrections made. It opens in any browser
    with no network, reads on a phone and prints on A4.

    \b
    Examples:
      bargaining report --out 2024年报告.html --from 2024-01-01 --to 2024-12-31
      bargaining report --out 街道调解分中心.html --to 2024-12-31 --body JD-TJFZX --lang zh
    """
    tracker = session.tracker()
    last = end or tracker.reports.today
    first = start or date(last.year, 1, 1)
    # The file is in the report's language; what the terminal says stays in the interface's.
    interface = current_language()
    try:
        if language:
            use(language)
        written = tracker.write_report(out, start=first, end=last, body=body_ref)
    finally:
        use(interface)
    if as_json:
        echo_json(written)
        return
    click.echo(
        _(
            "The report of {start} to {end} written to {file}: {cases} cases, {negotiations} negotiations."
        ).format(
            start=written["from"],
            end=written["to"],
            file=written["file"],
            cases=written["cases"],
            negotiations=written["negotiations"],
        )
    )
