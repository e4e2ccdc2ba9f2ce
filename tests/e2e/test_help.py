"""Help is the manual: every command has a summary and an example; docs/cli.md and docs/cli.zh.md
match it; Chinese help is wrapped by display width."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import wcwidth
from click.testing import CliRunner

import bargaining
from cli.docs import render
from cli.language import TranslatedCommand
from cli.main import cli


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path, the lazily loaded ones included."""
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found += commands(command, path)
        else:
            found.append(path)
    return found


@pytest.mark.parametrize("path", commands(cli), ids=" ".join)
def test_every_command_explains_itself_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"bargaining {' '.join(path)}" in result.output


def test_every_command_is_listed() -> None:
    assert len(commands(cli)) > 50
    assert ("store", "copy") in commands(cli)


def test_docs_cli_md_is_generated_from_the_help() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    assert docs.read_text(encoding="utf-8") == render(), "run 'make docs' and commit docs/cli.md"


def test_docs_cli_zh_md_is_generated_from_the_chinese_help() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "cli.zh.md"
    assert docs.read_text(encoding="utf-8") == render("zh"), "run 'make docs' and commit docs/cli.zh.md"


def test_english_docs_are_unchanged_by_rendering_the_chinese_ones() -> None:
    english = render()
    render("zh")
    assert render() == english
    assert bargaining.language() == "en"


CHINESE_HELP = """登记调解组织：企业劳动争议调解委员会由职工代表和企业代表组成，职工代表由工会成员担任或者由全体职工推举产生，企业代表由企业负责人指定；调解委员会主任由工会成员或者双方推举的人员担任。

\b
示例：
  bargaining body register LQ-TJWYH -t enterprise -n XX路桥公司劳动争议调解委员会 --enterprise XX路桥公司 --on 2024-01-10
"""


@click.command(cls=TranslatedCommand, help=CHINESE_HELP)
@click.option(
    "--name",
    help="调解组织的名称，按其印章上的全称填写（例如：XX路桥公司劳动争议调解委员会），不要使用简称或者缩写。",
)
def chinese() -> None:
    """A command whose help is Chinese (no message of the catalog: shown as written)."""


@pytest.mark.parametrize("width", [50, 80, 100])
def test_chinese_help_is_wrapped_by_display_width(width: int) -> None:
    bargaining.use_language("zh")
    try:
        ctx = chinese.context_class(
            chinese, info_name="chinese", terminal_width=width, max_content_width=width
        )
        text = chinese.get_help(ctx)
    finally:
        bargaining.use_language("en")
    example = "bargaining body register"
    lines = text.split("\n")
    assert all(wcwidth.wcswidth(line) <= width for line in lines if example not in line), text
    assert example in text  # a \b block kept as it is, however wide
    prose = "".join(line.strip() for line in lines if line.startswith("  ") and "--name" not in line)
    assert "调解委员会主任由工会成员或者双方推举的人员担任。" in prose  # nothing lost in the wrapping
    assert not any(line.lstrip().startswith(("，", "。", "；", "：")) for line in lines)


def test_the_top_commands_chinese_help_fits_the_terminal() -> None:
    try:
        result = CliRunner().invoke(cli, ["--lang", "zh", "--help"], terminal_width=80)
    finally:
        bargaining.use_language("en")
    assert result.exit_code == 0
    start_here = result.output.index("bargaining demo")  # the \b block of examples
    prose = result.output[:start_here] + result.output[result.output.index("\n\n", start_here) :]
    assert max(wcwidth.wcswidth(line) for line in prose.split("\n")) <= 80, result.output


def test_english_help_is_clicks_own_layout() -> None:
    ctx = chinese.context_class(chinese, info_name="chinese", terminal_width=80, max_content_width=80)
    plain = click.Context(chinese, info_name="chinese", terminal_width=80, max_content_width=80)
    assert chinese.get_help(ctx) == chinese.get_help(plain)


def test_chinese_help_has_no_english_left_of_click_and_chinese_colons() -> None:
    """A required option says 必填, and the headings end in a full-width colon as the usage does."""
    try:
        out = CliRunner().invoke(cli, ["--lang", "zh", "case", "open", "--help"], terminal_width=200).output
    finally:
        bargaining.use_language("en")
    assert "[required]" not in out
    assert "[必填]" in out
    assert "\n选项：\n" in out
    assert "选项:" not in out
    english = CliRunner().invoke(cli, ["case", "open", "--help"], terminal_width=200).output
    assert "[required]" in english
    assert "\nOptions:\n" in english


def test_a_chinese_usage_error_names_its_field_as_every_error_does(tmp_path: Path) -> None:
    """'错误：field: rule', as a rule's error reads in Chinese too (the field stays English)."""
    try:
        result = CliRunner().invoke(
            cli, ["--store", str(tmp_path), "--lang", "zh", "case", "open", "X"], prog_name="bargaining"
        )
    finally:
        bargaining.use_language("en")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "错误：open.channel: 缺少选项 '-c' / '--channel'；请查看 'bargaining case open --help'\n"
    )
