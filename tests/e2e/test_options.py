"""No value typed is lost: every single-valued option of every command refuses a second value,
an option naming one person refuses a list, and list options split on every list separator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from cli.main import cli
from cli.params import OneValueOption
from cli.types import Person
from tests.conftest import Cli


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every group and command with its path, the lazily loaded ones included."""
    found: list[tuple[tuple[str, ...], click.Command]] = [(prefix, group)]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def options(
    kind: type[click.ParamType[Any, Any]] | None = None,
) -> list[tuple[tuple[str, ...], click.Option]]:
    found = []
    for path, command in commands(cli):
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag or param.multiple or param.count:
                continue
            if kind is None or isinstance(param.type, kind):
                found.append((path, param))
    return found


def invoke(store: Path, path: tuple[str, ...], *args: str) -> tuple[int, str]:
    """``args`` come first after the command: click checks options in the order typed, so the
    option under test is checked before anything the command also needs is missed."""
    argv = [*path, *args] if path else [*args, "board"]  # a group's own options come before
    result = CliRunner().invoke(cli, argv, prog_name="bargaining", env={"BARGAINING_STORE": str(store)})
    return result.exit_code, result.stderr


def test_every_option_is_one_that_refuses_a_second_value() -> None:
    plain = [
        f"{' '.join(path)} {param.opts[0]}"
        for path, command in commands(cli)
        for param in command.params
        if isinstance(param, click.Option) and not isinstance(param, OneValueOption) and not param.is_flag
    ]
    assert plain == [], "make options with cli.params.option"
    assert len(options()) > 60


@pytest.mark.parametrize(
    ("path", "param"), options(), ids=lambda x: " ".join(x) if isinstance(x, tuple) else x.opts[0]
)
def test_a_single_valued_option_given_twice_is_refused_naming_it(
    tmp_path: Path, path: tuple[str, ...], param: click.Option
) -> None:
    spelled = param.opts[-1]
    first, second = ["一"] * param.nargs, ["二"] * param.nargs  # as many values as it takes each time
    code, stderr = invoke(tmp_path / "store", path, spelled, *first, spelled, *second)
    assert code == 2, stderr
    assert len(stderr.splitlines()) == 1
    assert (
        f"{spelled} was given 2 times ({' '.join(first)}, {' '.join(second)}) but takes one value" in stderr
    )
    field = param.opts[-1].lstrip("-")  # the top command's own options are named alone
    assert stderr.startswith(f"Error: {path[-1]}.{field}: " if path else f"Error: {field}: ")
    assert not (tmp_path / "store").exists()  # refused before the store was opened


@pytest.mark.parametrize(
    ("path", "param"), options(Person), ids=lambda x: " ".join(x) if isinstance(x, tuple) else x.opts[0]
)
@pytest.mark.parametrize("separator", [",", "，", "、"])
def test_an_option_naming_one_person_refuses_a_list(
    tmp_path: Path, path: tuple[str, ...], param: click.Option, separator: str
) -> None:
    code, stderr = invoke(tmp_path / "store", path, param.opts[-1], f"陈志明{separator}孙某")
    assert code == 1, stderr
    assert f"'陈志明{separator}孙某' is more than one name" in stderr
    assert len(stderr.splitlines()) == 1


def test_the_people_options_are_the_ones_that_name_one_person() -> None:
    named = {(path[-1] if path else "bargaining", param.opts[-1]) for path, param in options(Person)}
    assert {
        ("appoint", "--chief"),
        ("round", "--chair"),
        ("round", "--recorder"),
        ("roster", "--chair"),
        ("settle", "--mediator"),
    } <= named


def test_list_options_split_on_every_list_separator(run: Cli) -> None:
    run.ok("negotiation open CB-1 -k wage -e 企业 -u 工会 --on 2011-04-01")
    run.ok("negotiation appoint CB-1 -s union --chief 陈志明 --member 李红，王强、赵六,钱七 --on 2011-04-20")
    shown = json.loads(run.ok("negotiation show CB-1 --json").stdout)
    people = [(r["role"], r["name"]) for r in shown["representatives"]]
    assert people == [
        ("chief", "陈志明"),
        ("member", "李红"),
        ("member", "王强"),
        ("member", "赵六"),
        ("member", "钱七"),
    ]


def test_a_second_chief_or_a_list_of_chiefs_records_nothing_on_either_store(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("negotiation open CB-1 -k wage -e 企业 -u 工会 --on 2011-04-01")
    before = run.events()
    twice = run(
        "negotiation appoint CB-1 -s union --chief 陈志明 --chief 孙某 --member 李红,王强 --on 2011-04-20"
    )
    assert twice.exit_code == 2
    assert "--chief was given 2 times (陈志明, 孙某)" in twice.stderr
    listed = run("negotiation appoint CB-1 -s union --chief 陈志明,孙某 --member 李红,王强 --on 2011-04-20")
    assert listed.exit_code == 1
    assert listed.stderr.startswith("Error: appoint.chief: '陈志明,孙某' is more than one name")
    assert run.events() == before


def test_a_password_typed_twice_is_not_repeated(tmp_path: Path) -> None:
    code, stderr = invoke(
        tmp_path / "store", (), "--store", "postgresql://u:hunter2@localhost/db", "--store", "x"
    )
    assert code == 2
    assert "hunter2" not in stderr
    assert "(postgresql://u:***@localhost/db, x)" in stderr
