"""What the message catalogs cost a command's start-up: a read and a write command under
LANG=zh_CN.UTF-8 and LANG=en_US.UTF-8, beside the code before the catalogs.

    git archive ddc73ad~1 | tar -x -C BEFORE     # the code before the catalogs (issue 15)
    python -m bench.language DIR [--before BEFORE] [--runs 9]

DIR holds the generated stores (as bench.run makes them: the 1M store). BEFORE's commands run
with this interpreter and its libraries (PYTHONPATH=BEFORE), byte-compiled and with their
dataclass methods kept first, as ``make setup`` does for ours. All the variants of a command
are run in turns, so that they see the same minutes of a VM whose speed drifts; then one more
run of each under valgrind's callgrind, whose instruction count does not drift. Without
BEFORE, the catalog's own cost alone: a process choosing its language at start, zh against en.
Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.run import BIN, compile_the_code, instructions, prepare_writes, store

HERE = Path(__file__).resolve().parent.parent  # the code under test
LOCALES = {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "BARGAINING_LANG")

# The language chosen and its catalog installed, as a command does first (cli.language.start),
# timed in a fresh process after the imports every command makes.
START = """
import json, sys, time
import cli.main
from cli.language import start
started = time.perf_counter()
start([])
took = time.perf_counter() - started
import bargaining
print(json.dumps({"ms": took * 1000, "language": bargaining.language()}))
"""


def environment(language: str, before: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env["LANG"] = LOCALES[language]
    if before is not None:
        env["PYTHONPATH"] = str(before)
    else:
        env.pop("PYTHONPATH", None)
    return env


def seconds(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def counted(argv: list[str], env: dict[str, str]) -> int | None:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return instructions(argv)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def prepare_before(before: Path) -> None:
    """The code before byte-compiled, and its dataclass methods kept, as ``make setup`` does."""
    code = "import compileall, sys\nfor p in ('bargaining', 'cli', 'domain', 'projections'):\n"
    code += f"    compileall.compile_dir({str(before)!r} + '/' + p, quiet=1)\n"
    code += "from bargaining.startup import warm\nwarm()\n"
    # Run from BEFORE: ``python -c`` puts the working directory first on the path.
    subprocess.run([str(BIN / "python"), "-c", code], check=True, env=environment("en", before), cwd=before)


def variants(before: Path | None) -> dict[str, dict[str, str]]:
    found = {}
    if before is not None:
        found["before, en"] = environment("en", before)
        found["before, zh"] = environment("zh", before)  # the code before reads no locale
    found["now, en"] = environment("en", None)
    found["now, zh"] = environment("zh", None)
    return found


def compare(
    argv: list[str], envs: dict[str, dict[str, str]], runs: int
) -> dict[str, tuple[float, int | None]]:
    """Median seconds of each variant, run in turns, and one more run's instructions."""
    for env in envs.values():
        subprocess.run(argv, check=True, capture_output=True, env=env)  # caught up, in the OS cache
    times: dict[str, list[float]] = {name: [] for name in envs}
    for _ in range(runs):
        for name, env in envs.items():
            times[name].append(seconds(argv, env))
    return {name: (statistics.median(times[name]), counted(argv, env)) for name, env in envs.items()}


def catalog_alone(runs: int) -> dict[str, float]:
    """Median milliseconds of choosing the language and installing its catalog, per language."""
    found: dict[str, list[float]] = {"en": [], "zh": []}
    for _ in range(runs):
        for language, samples in found.items():
            out = subprocess.run(
                [str(BIN / "python"), "-c", START],
                check=True,
                capture_output=True,
                text=True,
                env=environment(language, None),
                cwd=HERE,
            )
            shown = json.loads(out.stdout)
            assert shown["language"] == language, shown
            samples.append(shown["ms"])
    return {language: statistics.median(ms) for language, ms in found.items()}


def figure(took: float, count: int | None, base: tuple[float, int | None] | None) -> str:
    text = f"{took * 1000:.0f} ms"
    if base is not None:
        text += f" ({took / base[0] - 1:+.1%})"
    if count is not None:
        text += f"; {count / 1e6:,.1f}M"
        if base is not None and base[1]:
            text += f" ({count / base[1] - 1:+.2%})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--before", type=Path, help="A copy of the code before the catalogs.")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("BARGAINING_LOCK_TIMEOUT", "30")
    compile_the_code()
    before = args.before.resolve() if args.before else None
    if before is not None:
        prepare_before(before)
    path = store(args.directory, "1M")
    case = prepare_writes(path)
    cli = [str(BIN / "bargaining"), "--store", str(path), "--as", "bench"]
    today = date.today().isoformat()
    commands = {
        "read: board": [*cli, "board"],
        "read: case show": [*cli, "case", "show", case],
        "write: case session": [*cli, "case", "session", case, "--on", today, "--attended", "职工"],
    }
    envs = variants(before)
    print("| command | " + " | ".join(envs) + " |")
    print("|---|" + "---|" * len(envs))
    for label, argv in commands.items():
        found = compare(argv, envs, args.runs)
        base = found.get("before, en")
        cells = [figure(*found[name], None if name == "before, en" else base) for name in envs]
        print(f"| {label} | " + " | ".join(cells) + " |")
    alone = catalog_alone(max(args.runs, 9))
    print(
        f"\nChoosing the language at start (cli.language.start, after the imports): en {alone['en']:.2f} ms,"
        f" zh {alone['zh']:.2f} ms (reading and installing the catalog: {alone['zh'] - alone['en']:+.2f} ms)."
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
