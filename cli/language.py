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

import functools
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
import click.formatting

import bargaining
from bargaining import N_, _

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
# Words click looks up that its own source does not mark as messages: an option's "[required]"
# is ``_(extra["required"])``, the word set elsewhere (click 8.2 on).
CLICK_UNMARKED = (N_("required"),)
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
    if words is not text and bargaining.language() == "zh":
        words = _joined(words)
    return words.format(**args) if args else words


# A line break between two Chinese characters (or full-width punctuation) inside a paragraph:
# click rejoins a paragraph's lines with a space, which Chinese does not have between words.
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


def _joined(text: str) -> str:
    """A translated help with its paragraphs' lines joined where Chinese runs on; the unwrapped
    (\\b) paragraphs, such as examples, kept line by line."""
    return "\n\n".join(p if p.startswith("\b") else _CJK_BREAK.sub("", p) for p in text.split("\n\n"))


def cells(text: str) -> int:
    """The columns ``text`` takes on a terminal: a Chinese character two, a colour code none."""
    plain = click.unstyle(text) if "\x1b" in text else text
    if plain.isascii():
        return len(plain)
    from cli.output import _width

    width = _width(plain)
    return width if width >= 0 else len(plain)


def _truncate_cells(text: str, n: int) -> str:
    """The longest start of ``text`` at most ``n`` columns wide (at least one character)."""
    used = 0
    for i, ch in enumerate(text):
        used += cells(ch)
        if used > n:
            return text[: max(i, 1)]
    return text


def _rebound(function: Callable[..., Any], **names: Any) -> Any:
    """``function`` with some of the globals it reads replaced: click's own algorithm, measured
    in display cells rather than characters."""
    module = sys.modules[function.__module__]
    # click's words are looked up in its module as they are used: follow_catalog replaces them.
    words = {
        "_": lambda message: module._(message),  # noqa: PLW0108 - looked up when called
        "ngettext": lambda one, many, n: module.ngettext(one, many, n),  # noqa: PLW0108
    }
    scope = {**function.__globals__, **{k: v for k, v in words.items() if k in function.__globals__}, **names}
    return types.FunctionType(function.__code__, scope, function.__name__, function.__defaults__)


# A run of wide characters breaks between any two of them (Chinese has no spaces), closing
# punctuation staying with what it closes.
_WIDE = "\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"


@functools.cache
def _breaks() -> re.Pattern[str]:
    """A Chinese line's pieces (compiled when a Chinese help is first shown)."""
    return re.compile(f"[（《「“‘]*(?:[{_WIDE}]|[^{_WIDE}]+)[，。、；：？！）》」”’]*")


def _cell_wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click.formatting.wrap_text, measured in cells: paragraphs rewrapped, a paragraph whose
    first line is ``\\b`` kept as it is."""
    wrapper = _cell_wrapper()(
        width, initial_indent=initial_indent, subsequent_indent=subsequent_indent, replace_whitespace=False
    )
    text = text.expandtabs()
    if not preserve_paragraphs:
        return wrapper.fill(text)  # type: ignore[no-any-return]
    paragraphs: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
            continue
        first = indent is None  # a paragraph's first line sets its indent
        if first:
            indent = cells(line) - cells(line.lstrip())
        lines.append(line.lstrip() if first else line)
    flush()
    done = []
    for extra, raw, paragraph in paragraphs:
        with wrapper.extra_indent(" " * extra):
            done.append(wrapper.indent_only(paragraph) if raw else wrapper.fill(paragraph))
    return "\n\n".join(done)


@functools.cache
def _cell_wrapper() -> type:
    """click's text wrapper counting display cells, and breaking between Chinese characters
    (made when a Chinese help is first shown: textwrap compiles its patterns when imported)."""
    import click._textwrap

    class CellWrapper(click._textwrap.TextWrapper):
        def _split(self, text: str) -> list[str]:
            chunks = super()._split(text)
            if text.isascii():
                return chunks
            return [
                piece
                for chunk in chunks
                for piece in ([chunk] if chunk.isascii() else _breaks().findall(chunk))
            ]

        _wrap_chunks = _rebound(click._textwrap.TextWrapper._wrap_chunks, term_len=cells)
        _handle_long_word = _rebound(
            click._textwrap.TextWrapper._handle_long_word, _truncate_visible=_truncate_cells, term_len=cells
        )

    return CellWrapper


@functools.cache
def _cell_methods() -> dict[str, Any]:
    """click's help layout with every width measured in cells (made when first needed)."""
    names = {
        "wrap_text": _cell_wrap_text,
        "term_len": cells,
        "measure_table": _rebound(click.formatting.measure_table, term_len=cells),
    }
    methods = ("write_usage", "write_text", "write_dl")
    return {name: _rebound(getattr(click.HelpFormatter, name), **names) for name in methods}


class CellFormatter(click.HelpFormatter):
    """Help laid out by display width when it is shown in Chinese: click counts characters,
    so a Chinese help, every character two columns wide, came out twice as wide as the
    terminal. English help is click's own, character for character."""

    def write_heading(self, heading: str) -> None:
        if bargaining.language() == "en":
            return super().write_heading(heading)
        self.write(f"{'':>{self.current_indent}}{heading}：\n")  # 选项：, as 用法：
        return None

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if bargaining.language() == "en":
            return super().write_usage(prog, args, prefix)
        return _cell_methods()["write_usage"](self, prog, args, prefix)  # type: ignore[no-any-return]

    def write_text(self, text: str) -> None:
        if bargaining.language() == "en":
            return super().write_text(text)
        return _cell_methods()["write_text"](self, text)  # type: ignore[no-any-return]

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        if bargaining.language() == "en":
            return super().write_dl(rows, col_max, col_spacing)
        return _cell_methods()["write_dl"](self, rows, col_max, col_spacing)  # type: ignore[no-any-return]


class CellContext(click.Context):
    formatter_class = CellFormatter


class TranslatedCommand(click.Command):
    """A command whose help is looked up in the catalog when shown, and laid out by display
    width (``CellFormatter``).

    ``help_args`` fill the placeholders of a help made for several commands
    (``Correct a step of a {noun}``).
    """

    context_class = CellContext

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

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click words the help option's help once, in the language of the first help shown,
        # and keeps the option: in one process (make docs) each language's help has its own.
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        english = self._translated()
        try:
            if bargaining.language() == "zh" and self.help and not self.short_help:
                return _first_sentence(self.help, limit)
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = english


def _first_sentence(text: str, limit: int) -> str:
    """A Chinese help's first sentence, to the first 。 (click's cut looks for '. '), at most
    ``limit`` columns wide."""
    first = text.split("\n\n", maxsplit=1)[0].replace("\n", "")
    sentence = first.split("。")[0]
    return sentence if cells(sentence) <= limit else _truncate_cells(sentence, limit - 1) + "…"


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of commands whose help, and its commands', is looked up in the catalog when shown."""

    command_class = TranslatedCommand
    group_class = type  # a subgroup is of the same class as its parent
