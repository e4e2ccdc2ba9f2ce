"""The store itself: which one is in use and what it holds, and keys to encrypt it."""

from __future__ import annotations

import sys
from typing import Any

import click

import bargaining
from bargaining import N_, NC_, _, pgettext
from cli.main import Session
from cli.options import pass_session
from cli.output import echo_json, kv, section, table
from cli.params import group, option


@group()
def store() -> None:
    """See which store is in use and what it holds; make a key to encrypt a new store.

    \b
    Examples:
      bargaining store info
      export BARGAINING_CIPHER_KEY="$(bargaining store keygen)"
    """


@store.command()
def keygen() -> None:
    """Print a new random key for BARGAINING_CIPHER_KEY (AES-256, base64).

    With the key set, every event is stored compressed and encrypted. Set it before a store's
    first event, and keep a copy: without the key the events cannot be read, by anyone. Only
    the key goes to stdout; the hint goes to stderr.

    \b
    Example:
      (umask 077 && bargaining store keygen > ~/.bargaining-key)
      export BARGAINING_CIPHER_KEY="$(cat ~/.bargaining-key)"
    """
    click.echo(bargaining.new_cipher_key())
    click.echo(
        _(
            "Use it with: export {variable}=<the key above>"
            " (keep a copy: without it the store cannot be read)"
        ).format(variable=bargaining.CIPHER_KEY_ENV),
        err=True,
    )


@store.command()
@option("--json", "as_json", is_flag=True, english=True, help="Print JSON.")
@pass_session
def info(session: Session, as_json: bool) -> None:
    """Show the store in use: its encryption, events per application, read-model positions.

    \b
    Examples:
      bargaining store info
      bargaining --store ~/bargaining-data store info --json
    """
    data = session.tracker().store_info()
    if as_json:
        echo_json(data)
        return
    where = data["store"]
    described = where["description"]
    kv(
        [
            (
                _("Store"),
                described if where["exists"] else _("{store} (not created yet)").format(store=described),
            ),
            (_("Encryption"), data["encryption"]),
            (_("Holidays"), data["holidays"]),
            (
                _("Read models"),
                _("{state} ({location})").format(
                    state=data["views"]["state"], location=data["views"]["location"]
                ),
            ),
        ]
    )
    section(_("Events"))
    click.echo(_table([_worded(row) for row in data["applications"]], APPLICATION_COLUMNS))
    for row in data["applications"]:
        if row["problem"]:
            click.echo(
                _("Note: {application}: {problem}").format(
                    application=row["application"], problem=row["problem"]
                )
            )
    if data["projections"]:
        section(_("Read models"))
        click.echo(_table(data["projections"], PROJECTION_COLUMNS))


# The columns of store info's tables: each a key of the rows and, translated, its heading.
APPLICATION_COLUMNS = [N_("application"), N_("events"), N_("stored"), N_("key")]
PROJECTION_COLUMNS = [N_("projection"), N_("application"), N_("position"), N_("log"), N_("behind")]


# How an application's events are stored and how the key fits them, as the table says it;
# --json keeps the values (bargaining.store.encryption's).
STORE_WORDS = {
    "empty": NC_("store", "empty"),
    "plain": NC_("store", "plain"),
    "encrypted": NC_("store", "encrypted"),
    "ok": NC_("store", "ok"),
    "missing": NC_("store", "missing"),
    "wrong": NC_("store", "wrong"),
    "not needed": NC_("store", "not needed"),
}


def _worded(row: dict[str, Any]) -> dict[str, Any]:
    said = {
        k: pgettext("store", STORE_WORDS[row[k]]) if row[k] in STORE_WORDS else row[k]
        for k in ("stored", "key")
    }
    return {**row, **said}


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    return table([[row[c] for c in columns] for row in rows], [_(c) for c in columns])


@store.command()
@option(
    "--to",
    "target",
    required=True,
    metavar="PATH|URL",
    help="The store to copy into: a directory or postgresql://user:password@host:port/db.",
)
@pass_session
def copy(session: Session, target: str) -> None:
    """Copy every event of this store to another, verify the copy, and rebuild its read models.

    Events keep their order. An interrupted copy resumes when run again; a target that holds
    other events is refused. At the end each application's event count and a digest of its
    log must match on both sides. Encrypted events are copied as they are: use the same
    BARGAINING_CIPHER_KEY with the copy. To move a directory store to a federation's server,
    give --to postgresql://USER:PASSWORD@HOST:PORT/DBNAME.

    \b
    Examples:
      bargaining store copy --to ./backup
      bargaining --store ./backup store info
    """
    tracker = session.tracker()
    total = tracker.event_count()
    with click.progressbar(length=total, label=_("Copying events"), file=sys.stderr) as bar:
        report = tracker.copy_to(target, progress=bar.update)
    click.echo(
        table(
            [
                [r["application"], r["events"], r["resumed_after"] or "", r["digest"][:16] + "…"]
                for r in report
            ],
            [_("application"), _("events"), _("resumed after"), _("sha256 of the log")],
        )
    )
    click.echo(
        _("Copied and verified {count} events; the read models were rebuilt on the copy.").format(
            count=sum(r["events"] for r in report)
        )
    )
