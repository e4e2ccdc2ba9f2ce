"""The manual runs: every shell example in the README, in order, on a fresh store, each exits 0.

The README is what a new user types first; when a command's options change, an example that no
longer works fails here instead of in front of them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli.language import translated
from cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"
BIN = Path(sys.executable).parent
# Set-up lines, which this very test run stands for.
SET_UP = ("make ", "source ")


def commands_in(lines: str) -> list[str]:
    """Shell commands, one per line, a line ending in a backslash joined to the next."""
    return [c.strip() for c in re.sub(r"\\\n\s*", " ", lines).splitlines() if c.strip()]


def shell_examples(text: str) -> list[str]:
    """The commands of every ```sh block, but for the set-up lines."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    return [c for block in blocks for c in commands_in(block) if not c.startswith(SET_UP)]


def test_every_readme_example_runs_in_order_on_a_fresh_store(tmp_path: Path, any_store: str) -> None:
    commands = shell_examples(README.read_text(encoding="utf-8"))
    assert len(commands) > 30
    script = "\n".join(
        f"{command}\nstatus=$?; [ $status -eq 0 ] || {{ echo {shlex.quote(command)} >&2; exit $status; }}"
        for command in commands
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BARGAINING_", "XDG_"))},
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "BARGAINING_STORE": any_store,
        "BARGAINING_ACTOR": "王芳",
    }
    done = subprocess.run(
        ["bash", "-c", script], cwd=home, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, f"this README example failed:\n{done.stderr}"
    assert (home / "备案" / "CB-2011-001" / "packet.pdf").exists()


# The order a negotiator and a mediator take the commands in: each command's examples run on
# a copy of the store as the commands before it left it. ``advance``: the examples that also
# run on the store itself, in order, for the commands after; ``before``: examples that are
# alternatives to the advancing ones (another way to record the same step), run on a copy
# taken before them; ``together``: examples that follow one another (make, then verify), run in
# turn on one copy. Every command of the tree is placed here: a new one fails this test
# until its examples have a place in the story.
WORKFLOW: list[tuple[str, dict[str, list[int] | bool]]] = [
    ("", {}),
    ("negotiation", {}),
    ("negotiation open", {"advance": [0]}),
    ("negotiation request", {"advance": [0]}),
    ("negotiation reply", {"advance": [0]}),
    ("negotiation appoint", {"advance": [0, 1]}),
    ("negotiation round", {"advance": [0, 1]}),
    ("negotiation base", {"advance": [0]}),
    ("negotiation correct", {}),
    ("negotiation propose", {"advance": [0]}),
    ("negotiation retract", {}),
    ("negotiation withdraw", {}),
    ("negotiation agree", {"advance": [0]}),
    ("negotiation cost", {}),
    ("negotiation article", {}),
    ("negotiation suspend", {"advance": [0]}),
    ("negotiation resume", {"advance": [0]}),
    ("negotiation draft", {"advance": [0]}),
    ("negotiation vote", {"advance": [0], "before": [1, 2, 3]}),
    ("negotiation sign", {"advance": [0]}),
    ("negotiation show", {}),
    ("negotiation history", {}),
    ("negotiation list", {}),
    ("contract", {}),
    ("contract submit", {"advance": [0]}),
    ("contract receipt", {"advance": [0]}),
    ("contract objection", {}),
    ("contract show", {}),
    ("contract publish", {"advance": [0]}),
    ("contract correct", {}),
    ("contract retract", {}),
    ("contract amend", {}),
    ("contract renew", {}),
    ("contract terminate", {}),
    ("packet", {"together": True}),
    ("packet make", {"advance": [0]}),
    ("packet verify", {}),
    ("body", {}),
    ("body register", {"advance": [0, 1]}),
    ("body roster", {"advance": [0]}),
    ("body show", {}),
    ("body list", {}),
    ("case", {}),
    ("case open", {"advance": [0]}),
    ("case decline", {}),
    ("case accept", {"advance": [0]}),
    ("case assign", {"advance": [0]}),
    ("case session", {"advance": [0]}),
    ("case flag", {}),
    ("case extend", {}),
    ("case fail", {}),
    ("case withdraw", {}),
    ("case refer", {}),
    ("case settle", {"advance": [0]}),
    ("case review", {}),
    ("case perform", {}),
    ("case show", {}),
    ("case correct", {}),
    ("case retract", {}),
    ("case list", {}),
    ("board", {}),
    ("deadlines", {}),
    ("timeline", {}),
    ("stats", {}),
    ("stats disputes", {}),
    ("stats contracts", {}),
    ("report", {}),
    ("export", {}),
    ("export cases", {"advance": [0, 1]}),
    ("export contracts", {"advance": [0]}),
    ("export stats", {}),
    ("import", {}),
    ("import cases", {}),
    ("import contracts", {}),
    ("rebuild", {}),
    ("store", {}),
    ("store info", {}),
    ("store keygen", {}),
    ("store copy", {}),
    ("reference", {}),
    ("reference guideline", {}),
    ("reference minimum-wage", {}),
    ("reference cpi", {}),
    ("reference list", {}),
    ("reference show", {}),
    ("reference shipped", {}),
    ("demo", {}),
]


def help_examples(command: click.Command) -> list[str]:
    """The shell lines under a command's 'Example(s):' heading, continued lines joined."""
    # A help made for several commands is a template its command fills (help_args) when shown.
    text = translated(command.help, getattr(command, "help_args", None)) or ""
    found = re.search(r"^\s*Examples?:\n(.*)", text, flags=re.MULTILINE | re.DOTALL)
    return commands_in(found.group(1)) if found else []


def every_command(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {prefix: group}
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            found.update(every_command(command, path))
        else:
            found[path] = command
    return found


def test_every_help_example_runs_in_the_order_a_user_takes_the_commands(tmp_path: Path) -> None:
    commands = every_command(cli)
    assert [path for path, _ in WORKFLOW] == sorted(commands, key=[p for p, _ in WORKFLOW].index)
    assert set(commands) == {path for path, _ in WORKFLOW}, "place each command in WORKFLOW"
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    # A ledger as Excel on a Chinese Windows saves it, with a heading of its own (import --help).
    (work / "台账.csv").write_bytes(
        "案件号,申请人,被申请人,争议类型,受理日期\n2014-调-001,张三,某厂,工伤,2014-03-05\n".encode("gb18030")
    )
    (work / "round1.txt").write_text(
        "工会提出2011年度工资调整方案。\n", encoding="utf-8"
    )  # the minutes it names
    store = tmp_path / "store"
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BARGAINING_", "XDG_"))},
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "BARGAINING_ACTOR": "王芳",
    }
    copies = iter(range(10_000))

    def run(example: str, on: Path, where: Path) -> None:
        env = {**base_env, "BARGAINING_STORE": str(on)}
        done = subprocess.run(
            ["bash", "-c", example],
            cwd=where,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, f"this --help example failed:\n{example}\n{done.stderr}"

    def copy() -> tuple[Path, Path]:
        """A copy of the store, and of the working directory (the files the examples made)."""
        n = next(copies)
        target, where = tmp_path / f"store-{n}", tmp_path / f"work-{n}"
        if store.exists():
            shutil.copytree(store, target)
        shutil.copytree(work, where)
        return target, where

    ran = 0
    for path, how in WORKFLOW:
        examples = help_examples(commands[path])
        advance, before = how.get("advance", []), how.get("before", [])
        assert isinstance(advance, list)
        assert isinstance(before, list)
        for i in before:
            run(examples[i], *copy())
        for i in advance:
            run(examples[i], store, work)
        rest = [e for i, e in enumerate(examples) if i not in advance and i not in before]
        if how.get("together") and rest:
            on, where = copy()
            for example in rest:
                run(example, on, where)
        else:
            for example in rest:
                run(example, *copy())
        ran += len(examples)
    assert ran > 60


ERROR_LINE = re.compile(r"Error: [a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*: \S.*\n")


def test_every_error_starts_with_the_field_or_step_it_is_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every --help example, typed on an empty store (so each refers to records that do not
    exist yet), either works or fails with 'Error: <step>.<field>: <rule>' on one line: never
    a reference, a name or a path where the field belongs."""
    from click.testing import CliRunner

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)  # an example that works writes its files here (report --out …)
    seen = 0
    for path, command in every_command(cli).items():
        for example in help_examples(command):
            if any(mark in example for mark in ("&&", ">", "$(", "(umask", "export ")):
                continue  # shell around the command: the story test runs those
            argv = shlex.split(example, comments=True)[1:]
            store = tmp_path / f"store-{seen}"
            seen += 1
            result = runner.invoke(cli, ["--store", str(store), *argv], prog_name="bargaining")
            if result.exit_code == 0:
                continue
            assert result.exception is None or isinstance(result.exception, SystemExit), (path, example)
            assert ERROR_LINE.fullmatch(result.stderr), (path, example, result.stderr)
            field = result.stderr.split(": ")[1]
            assert not any(token in field for token in ("CB-", "CASE-", "LQ-", "JD-", "/")), (path, field)
    assert seen > 50
