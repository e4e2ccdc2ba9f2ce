"""The catalogs are compiled when the project is built, and the installed tool finds them.

A wheel is built from the tracked files (as pip builds it for an install: setup.py's build
step compiles each .po with Babel), installed on its own into a directory, and its command
line run from there under a Chinese locale: it must speak Chinese, so the compiled catalog
went into the wheel and is found beside the installed package, not in the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _tracked(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_the_built_wheel_carries_the_compiled_catalog_and_the_installed_tool_speaks_chinese(
    tmp_path: Path,
) -> None:
    source, wheels, installed = tmp_path / "source", tmp_path / "wheels", tmp_path / "installed"
    _tracked(source)
    assert not list(source.rglob("*.mo")), "the .mo is built, never committed"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)], check=True, timeout=600)
    (wheel,) = wheels.glob("bargaining-*.whl")
    assert "bargaining/locale/zh/LC_MESSAGES/bargaining.mo" in zipfile.ZipFile(wheel).namelist()
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(installed), str(wheel)], check=True, timeout=600
    )
    env = {**os.environ, "PYTHONPATH": str(installed), "LANG": "zh_CN.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
    env.pop("BARGAINING_LANG", None)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cli.main, sys; print(cli.main.__file__); sys.argv = ['bargaining', '--help']; cli.main.main()",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith(str(installed))  # the installed copy, not the source
    assert "用法：" in done.stdout
    assert "记录集体协商" in done.stdout
