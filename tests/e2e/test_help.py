"""Help is the manual: every command has a summary and an example; docs/cli.md matches it."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli.docs import render
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
