"""Generate docs/cli.md from the commands' own --help (``make docs``; checked by a test)."""

from __future__ import annotations

import click

from cli.main import CONTEXT, cli


def _walk(command: click.Command, name: str, parent: click.Context | None) -> list[str]:
    settings = dict(CONTEXT) if parent is None else {}
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=100, **settings)  # type: ignore[arg-type]
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


def render() -> str:
    header = [
        "# Command reference",
        "",
        "Generated from `--help` by `make docs`; do not edit by hand.",
        "",
    ]
    return "\n".join(header + _walk(cli, "bargaining", None))


if __name__ == "__main__":
    click.echo(render(), nl=False)
