"""Shared fixtures: a real SQLite store in a temporary directory, a fixed 'today'."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bargaining import Tracker
from cli.main import cli

TODAY = date(2026, 11, 28)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def tracker(store: Path) -> Iterator[Tracker]:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        yield t


class Cli:
    """Runs the real command line against one store, as a user would type it."""

    def __init__(self, store: Path | str) -> None:
        self.store = store
        self.runner = CliRunner()

    def __call__(self, *args: str, actor: str = "王芳", stdin: str | None = None) -> Result:
        """``run("negotiation show CB-1 --json")`` splits like a shell; several args pass as given."""
        argv = shlex.split(args[0]) if len(args) == 1 else list(args)
        return self.runner.invoke(
            cli,
            ["--store", str(self.store), "--as", actor, *argv],
            input=stdin,
            catch_exceptions=False,
            prog_name="bargaining",
        )

    def ok(self, *args: str, **kwargs: str) -> Result:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        return result

    def events(self) -> int:
        with Tracker(self.store, actor="x", today=TODAY) as t:
            return t.event_count()


@pytest.fixture
def run(store: Path) -> Cli:
    return Cli(store)
