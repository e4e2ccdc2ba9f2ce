"""Errors at the edge: one line on stderr, exit 1 for bad input, 75 for a busy or raced store."""

from __future__ import annotations

from typing import IO

import click

from bargaining import _

EXIT_INPUT = 1
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL: try again later


class CommandError(click.ClickException):
    """``Error: <field>: <rule>`` on stderr, exit 1."""

    exit_code = EXIT_INPUT

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(_("Error: {message}").format(message=self.format_message()), err=True)


class RetryLaterError(CommandError):
    """A write lost a race or the store stayed busy: nothing was recorded; exit 75."""

    exit_code = EXIT_TEMPFAIL
