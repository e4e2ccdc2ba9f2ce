"""``bargaining packet …``: the filing packet of a signed contract, and its verification."""

from __future__ import annotations

from typing import Any

import click

import bargaining
from bargaining import _, term
from cli.language import TranslatedGroup
from cli.main import Session
from cli.options import pass_session, ref_argument
from cli.params import option
from cli.types import OneOf

LANG = OneOf(*bargaining.PACKET_LANGUAGES)


class PacketGroup(TranslatedGroup):
    """``packet REF …`` is short for ``packet make REF …``; ``packet verify DIR`` checks one."""

    default_command = "make"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args.insert(0, self.default_command)
        return super().parse_args(ctx, args)


@click.group(cls=PacketGroup)
def packet() -> None:
    """Make the filing packet of a signed contract (PDF, Markdown, manifest), or verify one.

    \b
    Examples:
      bargaining packet CB-2011-001 --out 备案/CB-2011-001
      bargaining packet verify 备案/CB-2011-001
    """


@packet.command()
@ref_argument
@option("--out", "out", required=True, metavar="DIR", help="Directory to write (new or empty).")
@option(
    "--lang",
    type=LANG,
    default=None,
    help="Language: zh (Chinese, simplified) or en. Default: the profile's (PRC: zh).",
)
@option("--force", is_flag=True, help="Replace the packet already in DIR (never other files).")
@pass_session
def make(session: Session, reference: str, out: str, lang: str | None, force: bool) -> None:
    """Write a signed contract's filing packet into DIR (packet.pdf, packet.md, manifest.json).

    Every section comes from the recorded events: the registration form with the filing
    deadlines and their sources, the contract text article by article, the explanation of
    the negotiation, the representatives, the ratifying body's resolution and, for a wage
    agreement, the wage terms and factors. Gaps in the record (a vote without a tally, late
    filing, a missing recorder) are printed as warnings and listed in the packet. The files
    are written to a new directory beside DIR and renamed into place, so DIR holds the whole
    packet or nothing; an existing packet is replaced only with --force.

    \b
    Examples:
      bargaining packet make CB-2011-001 --out 备案/CB-2011-001
      bargaining packet CB-2011-001 --out packet-en --lang en     # short for 'packet make'
    """
    result = session.tracker().packets.write(reference, out=out, lang=lang, force=force)
    for warning in result["warnings"]:
        click.echo(_("Warning: {warning}").format(warning=warning), err=True)
    names = ", ".join(f["name"] for f in result["files"])
    written = bargaining.printable(result["out"])
    click.echo(
        _("{reference}: filing packet ({language}) written to {directory}: {files}.").format(
            reference=result["reference"], language=result["language"], directory=written, files=names
        )
    )
    click.echo(_records_line(result["records"]))


def _records_line(records: dict[str, Any]) -> str:
    parts = [
        _("{record} {count} events ({digest}…)").format(
            record=term("record", kind), count=r["events"], digest=r["digest"][:19]
        )
        for kind, r in records.items()
    ]
    return _("Made from: {records}. Check it later with 'bargaining packet verify'.").format(
        records=("；" if bargaining.language() == "zh" else "; ").join(parts)
    )


@packet.command()
@click.argument("directory", metavar="DIR")
@pass_session
def verify(session: Session, directory: str) -> None:
    """Check a packet against the store and name every difference.

    Recomputes each file's SHA-256 and the digest of each record's event history, reads
    again the reference figures (guideline, minimum wage, CPI) the wage explanation weighed,
    prints every difference on its own line and exits 1; prints one line and exits 0 when
    the packet still matches the record.

    \b
    Example:
      bargaining packet verify 备案/CB-2011-001
    """
    result = session.tracker().packets.verify(directory)
    for difference in result["differences"]:
        click.echo(difference)
    if result["differences"]:
        click.get_current_context().exit(1)
    click.echo(
        _("OK: {directory} matches the record of {reference} ({count} files, made {made}).").format(
            directory=bargaining.printable(directory),
            reference=result["reference"],
            count=result["files"],
            made=result["generated_at"],
        )
    )
