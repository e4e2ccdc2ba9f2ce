"""The Chinese catalog: every message of the code translated, no placeholder lost, compiled fresh."""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Iterator

import click
import pytest
from babel.messages.catalog import Message

from bargaining.language import LOCALE
from cli.main import cli
from tools import messages

PO = LOCALE / "zh" / "LC_MESSAGES" / "bargaining.po"
PERCENT = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def zh() -> list[Message]:
    return [m for m in messages.read(PO, "zh") if m.id and m.string]


def test_every_message_of_the_code_has_a_chinese_translation() -> None:
    assert messages.missing("zh") == []


def _fields(text: str) -> list[str]:
    found = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted([*found, *PERCENT.findall(text)])


def _pairs(message: Message) -> Iterator[tuple[str, str]]:
    if isinstance(message.id, str):
        yield message.id, str(message.string)
    else:
        for english in message.id:
            for chinese in message.string or ():
                if chinese:
                    yield english, chinese


def _kept(message: Message, english: str, chinese: str) -> bool:
    """A translation keeps the placeholders of its English; Chinese has one plural form, used
    for every number, so it may name those of either English form (click fills both:
    "Did you mean {possibility}?" / "one of: {possibilities}") and keeps those of both."""
    if english.count("\b") != chinese.count("\b"):
        return False
    if isinstance(message.id, str):
        return _fields(english) == _fields(chinese)
    forms = [set(_fields(form)) for form in message.id]
    return set.intersection(*forms) <= set(_fields(chinese)) <= set.union(*forms)


def test_no_translation_has_lost_or_added_a_placeholder(zh: list[Message]) -> None:
    broken = [
        (english, chinese)
        for message in zh
        for english, chinese in _pairs(message)
        if not _kept(message, english, chinese)
    ]
    assert broken == []


def test_the_compiled_catalog_is_the_catalog(zh: list[Message]) -> None:
    """The .mo the tool reads was compiled from the .po as it is now (make setup compiles it)."""
    with PO.with_suffix(".mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = [
        m.id
        for m in zh
        if isinstance(m.id, str)
        and (compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)) != m.string
    ]
    assert stale == []


def _helps(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str]]:
    if command.help:
        yield ctx.command_path, command.help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield f"{ctx.command_path} {param.name}", text
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from _helps(sub, click.Context(sub, info_name=name, parent=ctx))


def test_every_help_shown_is_a_message_of_the_catalog(zh: list[Message]) -> None:
    """Walks the commands as click shows them: a help made at run time is caught too."""
    import inspect

    known = {m.id for m in zh}
    untranslated = [
        where
        for where, text in _helps(
            cli, click.Context(cli, info_name="bargaining", help_option_names=["-h", "--help"])
        )
        if inspect.cleandoc(text) not in known
    ]
    assert untranslated == []


# The laws of the National People's Congress are cited by their full titles; ministry rules
# (集体合同规定, 企业劳动争议协商调解规定…) have none longer than their own.
LAWS_ZH = ("劳动争议调解仲裁法", "劳动合同法", "劳动法", "工会法", "民法典")


def test_every_law_cited_in_chinese_gives_its_full_title(zh: list[Message]) -> None:
    short = re.compile("《(?:" + "|".join(LAWS_ZH) + ")》")
    assert [chinese for _, chinese in (p for m in zh for p in _pairs(m)) if short.search(chinese)] == []


def test_no_english_message_counts_with_a_bracketed_plural() -> None:
    """ "1 case(s)" is neither English form: a count takes ngettext's singular and plural."""
    ids = [m.id for m in messages.read(PO, "zh") if m.id]
    assert [i for i in ids for text in ([i] if isinstance(i, str) else i) if "(s)" in text] == []


# The English words of a help's layout, which a Chinese help gives in Chinese; and a list
# of Chinese items, which a Chinese sentence separates with 、 not ", ".
HELP_WORDS = re.compile(r"^\s*(?:Examples?|Options|Usage):", re.MULTILINE)
ASCII_LIST = re.compile(r"[\u4e00-\u9fff]%?, [\u4e00-\u9fff]")


def test_no_chinese_help_keeps_the_english_layout_words_or_list_commas(zh: list[Message]) -> None:
    chinese = [text for _, text in (p for m in zh for p in _pairs(m))]
    assert [t for t in chinese if HELP_WORDS.search(t)] == []
    assert [t for t in chinese if ASCII_LIST.search(t)] == []
