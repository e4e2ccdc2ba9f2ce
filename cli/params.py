"""Options that take one value take it once: a second one is refused, never silently dropped.

click's default for a single-valued option given twice is "the last one wins": typed
``--chief 陈志明 --chief 孙某``, the first name was lost without a word. Every option of the
command line is made by ``option`` here (a test walks the command tree to hold it so). A
single-valued option is parsed as a list of what was typed, and more than one value is a
usage error (exit 2) naming the option and the values, before anything is read or recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from bargaining import _
from cli.language import TranslatedCommand, TranslatedGroup, speak_english, translated

FC = TypeVar("FC", bound=Callable[..., Any])


class RepeatedOptionError(click.UsageError):
    """A single-valued option given more than once."""

    def __init__(self, message: str, ctx: click.Context | None, param: click.Parameter) -> None:
        super().__init__(message, ctx)
        self.param = param


class OneValueOption(click.Option):
    """A click option that refuses a second value instead of keeping only the last.

    Its help is looked up in the message catalog when shown (``help_args`` fill a shared
    help's placeholders), and ``english=True`` marks an option, such as ``--json``, whose
    output is for programs: given, the command speaks English.
    """

    def __init__(
        self, *args: Any, help_args: dict[str, Any] | None = None, english: bool = False, **kwargs: Any
    ) -> None:
        if english:
            kwargs.setdefault("callback", speak_english)
        super().__init__(*args, **kwargs)
        self.help_args = help_args

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        english = self.help
        self.help = translated(english, self.help_args)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = english

    @property
    def single(self) -> bool:
        return not (self.multiple or self.count or self.is_flag)

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        if not self.single:
            super().add_to_parser(parser, ctx)
            return
        # Collected as a list (as a repeatable option is) so that every value typed is seen.
        parser.add_option(obj=self, opts=self.opts, dest=self.name, action="append", nargs=self.nargs)

    def consume_value(self, ctx: click.Context, opts: Mapping[str, Any]) -> tuple[Any, ParameterSource]:
        given = opts.get(self.name or "")
        if self.single and isinstance(given, list):
            if len(given) > 1:
                spelled = "/".join(self.opts)
                values = ", ".join(map(_shown, given))
                raise RepeatedOptionError(
                    _("{option} was given {count} times ({values}) but takes one value: give it once").format(
                        option=spelled, count=len(given), values=values
                    ),
                    ctx,
                    self,
                )
            opts = {**opts, self.name: given[0]}
        return super().consume_value(ctx, opts)


# A URL's password (postgresql://user:PASSWORD@host/db): never repeated in a message.
_PASSWORD = re.compile(r"(://[^/@\s:]*:)[^@\s]*@")


def _shown(value: Any) -> str:
    """A value as typed, for the message: several values joined, a URL's password hidden."""
    text = " ".join(map(str, value)) if isinstance(value, tuple | list) else str(value)
    return _PASSWORD.sub(r"\1***@", text)


def option(*decls: str, **attrs: Any) -> Callable[[FC], FC]:
    """``click.option``, with a second value of a single-valued option refused."""
    return click.option(*decls, cls=OneValueOption, **attrs)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], TranslatedCommand]:
    """``click.command``, its help looked up in the message catalog when shown."""
    attrs.setdefault("cls", TranslatedCommand)
    return click.command(name, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], TranslatedGroup]:
    """``click.group``: its commands', and its own, help looked up in the catalog when shown."""
    attrs.setdefault("cls", TranslatedGroup)
    return click.group(name, **attrs)
