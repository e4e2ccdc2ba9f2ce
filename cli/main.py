"""The ``bargaining`` command: global options, the store, and the error edge."""

from __future__ import annotations

import gc
import importlib
import itertools
import re
import sys
import time
from collections.abc import Sequence
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError

import bargaining
from bargaining import _
from cli.errors import CommandError, RetryLaterError
from cli.language import TranslatedGroup, choose, start
from cli.params import OneValueOption, option
from cli.types import PERSON, forget_stdin

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Session:
    """The options every command shares; the store is opened on first use, closed at exit."""

    def __init__(self, ctx: click.Context, store: str | None, actor: str | None) -> None:
        self.ctx = ctx
        self.store = store
        self.actor = actor
        self._tracker: bargaining.Tracker | None = None

    def tracker(self) -> bargaining.Tracker:
        if self._tracker is None:
            self._tracker = bargaining.Tracker(self.store, actor=self.actor)
            self.ctx.call_on_close(self._tracker.close)
        return self._tracker


class ErrorTranslatingGroup(TranslatedGroup):
    """Turns every BargainingError into one line: exit 1, or 75 for conflicts and a busy store.

    Usage mistakes (a missing or unknown option) keep click's exit code 2 but are one line too,
    naming the field and pointing at the command's help.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not start(sys.argv[1:] if args is None else args):
            # Shown in English: with no catalog there is nothing to translate it with.
            click.echo(
                "Warning: the Chinese message catalog is not installed: English is shown;"
                " reinstall the tool (pip install .) to build it",
                err=True,
            )
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as error:  # 'bargaining' alone: the help is the answer
            click.echo(error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            click.echo(_("Error: {message}").format(message=usage_line(error)), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo(_("Aborted."), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, name = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), name)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        # A lost race (or a store that stayed busy) recorded nothing: with --retry N the whole
        # command runs again, reloading what it changes, after a short randomised pause.
        argv = [*ctx._protected_args, *ctx.args]
        retries = int(ctx.params.get("retry") or 0)
        forget_stdin()
        for attempt in itertools.count():
            try:
                return super().invoke(ctx)
            except (bargaining.ConflictError, bargaining.StoreBusyError) as error:
                if attempt >= retries:
                    if attempt:
                        raise RetryLaterError(
                            _("{error} (after {count} retries)").format(error=error, count=attempt)
                        ) from None
                    raise RetryLaterError(str(error)) from None
                ctx._protected_args, ctx.args = argv[:1], argv[1:]
                import random  # only a lost race pays for it

                time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))  # noqa: S311 - jitter, not secrets
            except bargaining.BargainingError as error:
                raise CommandError(str(error)) from None
        raise AssertionError  # pragma: no cover - the loop returns or raises


def usage_line(error: click.UsageError) -> str:
    ctx = error.ctx
    where = ctx.command_path if ctx is not None else "bargaining"
    field = ctx.info_name if ctx is not None else ""
    param = getattr(error, "param", None)
    if field and param is not None:
        longs = [o for o in param.opts if o.startswith("--")]
        option = longs[0][2:] if longs else (param.name or "").replace("_", "-")
        # The top command's own options (--store, --as) are named alone, as cli.types names them.
        field = f"{field}.{option}" if ctx is not None and ctx.parent is not None else option
    message = one_line(error.format_message().rstrip("."))
    if field:
        return _("{field}: {message}; see '{command} --help'").format(
            field=field, message=message, command=where
        )
    return _("{message}; see '{command} --help'").format(message=message, command=where)


def one_line(message: str) -> str:
    """click's message as one short line: what was typed escaped, and clipped past 40 characters."""
    text = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in message)
    return re.sub(r"(\S{40})\S{20,}(\S)", r"\1…\2", text)  # the closing quote stays


@click.group(cls=ErrorTranslatingGroup, context_settings=CONTEXT)
@option(
    "--store",
    metavar="PATH|URL",
    envvar=bargaining.STORE_ENV,
    show_envvar=True,
    help="The store: a directory of SQLite files (default: your user data directory)"
    " or postgresql://user:password@host:port/db.",
)
@option(
    "--as",
    "actor",
    type=PERSON,
    envvar=bargaining.ACTOR_ENV,
    show_envvar=True,
    help="Who is recording (default: your login name). Stored on every event.",
)
@option(
    "--retry",
    metavar="N",
    type=click.IntRange(0, 100),
    default=0,
    envvar="BARGAINING_RETRY",
    show_envvar=True,
    help="When someone else changed the same record first (exit 75), reload and try again up to N times.",
)
@option(
    "--lang",
    type=click.Choice(bargaining.LANGUAGES),
    envvar=bargaining.LANG_ENV,
    show_envvar=True,
    is_eager=True,
    expose_value=False,
    callback=choose,
    help="The language of messages, tables and help: zh (中文) or en."
    " Default: your locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.",
)
@click.version_option(package_name="bargaining", cls=OneValueOption, help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context, store: str | None, actor: str | None, retry: int) -> None:
    """Log collective negotiations, the contracts they produce and labour-dispute mediation cases.

    Every step is stored as an event with the date you give (--on), the time it was
    recorded and who recorded it (--as). Deadlines are computed from those dates by the
    jurisdiction's rules (PRC by default) and always shown with their legal source.

    \b
    Start here:
      bargaining demo                        log a real negotiation and mediation case, show them
      bargaining negotiation open --help     open your own negotiation
      bargaining case open --help            open a mediation case
      bargaining store keygen --help         encrypt a new store (BARGAINING_CIPHER_KEY)
    """
    ctx.obj = Session(ctx, store, actor)


# Each command's module is imported when the command runs (or when help lists it): a report
# does not pay for importing every other command's module, options and helpers.
COMMANDS = {
    "board": "cli.reports:board",
    "body": "cli.mediation:body",
    "case": "cli.mediation:case",
    "contract": "cli.contract:contract",
    "deadlines": "cli.reports:deadlines",
    "demo": "cli.demo:demo",
    "export": "cli.ledgers:export",
    "import": "cli.ledgers:import_",
    "negotiation": "cli.negotiation:negotiation",
    "packet": "cli.packet:packet",
    "rebuild": "cli.reports:rebuild",
    "reference": "cli.reference:reference",
    "report": "cli.committee:report",
    "stats": "cli.reports:stats",
    "store": "cli.store:store",
    "timeline": "cli.reports:timeline",
}


def main() -> None:
    """The ``bargaining`` process: the command, then a quick exit."""
    try:
        cli.main(prog_name="bargaining", windows_expand_args=False)
    finally:
        # The process ends here. Freezing moves every live object out of the cycle collector's
        # reach, so the interpreter's shutdown does not walk them all again: ~0.1 s of a write
        # command, measured. Nothing is lost: objects are still freed by reference counting,
        # files and stores are closed by the commands themselves, and stdout is flushed.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
