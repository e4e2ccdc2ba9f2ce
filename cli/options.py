"""Options and helpers every command group shares: the session, the reference, the date, names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from bargaining import N_, _, pgettext
from cli.main import Session
from cli.params import option
from cli.types import DATE, LIST_SEPARATORS

pass_session = click.make_pass_decorator(Session)
ref_argument = click.argument("reference", metavar="REF")


FC = TypeVar("FC", bound=Callable[..., Any])


def on_option(
    required: bool = True, help_text: str = N_("Date it happened (YYYY-MM-DD).")
) -> Callable[[FC], FC]:
    """``--on DATE``; ``help_text`` is English, marked for the catalog where it is written
    (``help_text=...`` is extracted as a help is) and translated when the help is shown."""
    return option("--on", "on", type=DATE, required=required, metavar="DATE", help=help_text)


def names(values: tuple[str, ...]) -> list[str]:
    """Repeatable name options also accept comma lists: --present 张三,李四 (或 、 ，)."""
    found: list[str] = []
    for value in values:
        text = value
        for separator in LIST_SEPARATORS:
            text = text.replace(separator, ",")
        found += [v.strip() for v in text.split(",") if v.strip()]
    return found


def headings(names: tuple[str | tuple[str, str], ...]) -> list[str]:
    """A table's headings, named with ``N_`` (or, a word that means two things, ``(context,
    NC_(context, word))``) where the table is defined, in the current language."""
    return [pgettext(*name) if isinstance(name, tuple) else _(name) for name in names]
