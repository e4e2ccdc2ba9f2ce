"""Generate docs/cli.md from the commands' own --help (``make docs``; checked by a test).

python -m cli.docs               # docs/cli.md: the help in English
python -m cli.docs --lang zh     # docs/cli.zh.md: the help as a Chinese reader sees it
"""

from __future__ import annotations

import sys

import click

import bargaining
from cli.language import follow_catalog
from cli.main import CONTEXT, cli

# The page's own heading and note, in the language of its help.
HEADERS = {
    "en": ["# Command reference", "", "Generated from `--help` by `make docs`; do not edit by hand."],
    "zh": ["# 命令参考", "", "由 `make docs` 根据各命令的 `--help`（`--lang zh`）生成，请勿手工修改。"],
}


def _walk(command: click.Command, name: str, parent: click.Context | None) -> list[str]:
    settings = dict(CONTEXT) if parent is None else {}
    # The command's own context class: its formatter lays Chinese help out by display width.
    ctx = command.context_class(command, info_name=name, parent=parent, terminal_width=100, **settings)  # type: ignore[arg-type]
    path = ctx.command_path
    lines = [
        f"{'#' * min(path.count(' ') + 2, 4)} `{path}`",
        "",
        "```text",
        command.get_help(ctx),
        "```",
        "",
    ]
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):  # the root loads its commands lazily
            found = command.get_command(ctx, sub)
            assert found is not None
            lines += _walk(found, sub, ctx)
    return lines


def render(language: str = "en") -> str:
    """The command reference in ``language`` ("en" or "zh")."""
    before = bargaining.language()
    follow_catalog()  # click's own words ("Usage:", "Options") from the same catalog
    if not bargaining.use_language(language):
        raise click.ClickException(f"the {language} message catalog is not built: run 'make setup'")
    try:
        return "\n".join([*HEADERS[language], "", *_walk(cli, "bargaining", None)])
    finally:
        bargaining.use_language(before)


def main(arguments: list[str]) -> None:
    given = arguments[1] if len(arguments) == 2 and arguments[0] == "--lang" else ""
    language = given if arguments else "en"
    if language not in HEADERS:
        sys.exit("usage: python -m cli.docs [--lang zh|en]")
    click.echo(render(language), nl=False)


if __name__ == "__main__":
    main(sys.argv[1:])
