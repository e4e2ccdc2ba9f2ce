"""The command line in the user's language: ours and click's words from one catalog.

The language is chosen once a command starts (``--lang``, ``BARGAINING_LANG``, the locale:
bargaining.language) and every message after that is made in it. Help is translated when it
is shown, not when the modules are imported: the English text in the code (a command's
docstring, an option's ``help=``) is the catalog's message id, looked up as the help is
written. click's own words ("Usage:", "Options", "Missing option …") are marked for gettext
in click itself; ``follow_catalog`` routes them to the same catalog, so a Chinese help page
has Chinese headings. ``--json`` output is for programs: with it a command speaks English,
whatever the locale, so that its output is the same on every machine.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Sequence
from typing import Any

import click

import bargaining
from bargaining import _

# click's modules that take their words from gettext (click/*.py: "from gettext import …").
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
)
# The top command's options that take a value: what follows them is not the subcommand.
VALUED = ("--store", "--as", "--retry", "--lang")


def follow_catalog() -> None:
    """click's words from our catalog: its modules bound gettext's functions when imported."""
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = bargaining._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = bargaining.ngettext  # type: ignore[attr-defined]


def typed_lang(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` among the top command's options, before the subcommand."""
    tokens = iter(args)
    for token in tokens:
        if token == "--lang":  # noqa: S105 - an option's name, not a secret
            return next(tokens, None)
        if token.startswith("--lang="):
            return token.partition("=")[2]
        if token in VALUED:
            next(tokens, None)
        elif not token.startswith("-"):
            return None  # the subcommand: its options are its own
    return None


def start(args: Sequence[str]) -> bool:
    """Choose this command's language before anything is parsed; False if its catalog is missing."""
    follow_catalog()
    try:
        language = bargaining.resolve_language(typed_lang(args))
    except bargaining.BargainingError:
        language = bargaining.resolve_language(None, {}) if typed_lang(args) else "en"
    return bargaining.use_language(language)


def speak_english(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option's callback: given, the command's output is for programs, and in English."""
    if value:
        bargaining.use_language("en")
    return value


def choose(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang``'s callback: the language it names, from now on."""
    if value:
        bargaining.use_language(bargaining.resolve_language(value))
    return value


def translated(text: str | None, args: dict[str, Any] | None = None) -> str | None:
    """A help text in the current language; ``args`` fill its named placeholders."""
    if not text:
        return text
    words = _(inspect.cleandoc(text))
    return words.format(**args) if args else words


class TranslatedCommand(click.Command):
    """A command whose help is looked up in the catalog when shown.

    ``help_args`` fill the placeholders of a help made for several commands
    (``Correct a step of a {noun}``).
    """

    def __init__(self, *args: Any, help_args: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_args = help_args

    def _translated(self) -> tuple[str | None, str | None]:
        english = self.help, self.short_help
        self.help = translated(self.help, self.help_args)
        self.short_help = translated(self.short_help, self.help_args)
        return english

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        english = self._translated()
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help, self.short_help = english

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        epilog = self.epilog
        self.epilog = translated(epilog, self.help_args)
        try:
            super().format_epilog(ctx, formatter)
        finally:
            self.epilog = epilog

    def get_short_help_str(self, limit: int = 45) -> str:
        english = self._translated()
        try:
            if bargaining.language() == "zh" and self.help and not self.short_help:
                return _first_sentence(self.help, limit)
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = english


def _first_sentence(text: str, limit: int) -> str:
    """A Chinese help's first sentence, to the first 。 (click's cut looks for '. ')."""
    first = text.split("\n\n", maxsplit=1)[0].replace("\n", "")
    sentence = first.split("。")[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of commands whose help, and its commands', is looked up in the catalog when shown."""

    command_class = TranslatedCommand
    group_class = type  # a subgroup is of the same class as its parent
