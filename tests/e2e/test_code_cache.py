"""The compiled dataclass methods kept between processes: faster starts, never other behaviour."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bargaining.store import codecache
from tests.e2e.test_installed_script import bargaining

CASE = ("case", "open", "C-1", "--channel", "visit", "--received", "2024-03-01", "--applicant", "刘某")
CASE_REST = ("--respondent", "某建筑公司", "--category", "remuneration", "--request", "支付欠薪")


def write(store: Path, cache: Path, *args: str, **env: str) -> str:
    result = bargaining(
        "--store", str(store), "--as", "李明", *args, env={codecache.CACHE_ENV: str(cache), **env}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytecode writing on, as it is by default."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)


def test_the_first_process_writes_the_cache_and_the_next_ones_only_read_it(
    tmp_path: Path, clean_env: None
) -> None:
    cache = tmp_path / "cache.bin"
    write(tmp_path / "store", cache, *CASE, *CASE_REST)
    assert cache.read_bytes().startswith(codecache.HEADER)
    written = cache.stat().st_mtime_ns, cache.read_bytes()

    shown = write(tmp_path / "store", cache, "case", "show", "C-1", "--json")
    write(tmp_path / "store", cache, "case", "accept", "C-1", "--on", "2024-03-04", "--both-agree")
    write(tmp_path / "store", cache, "case", "session", "C-1", "--on", "2024-03-05", "--attended", "刘某")

    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == written  # nothing new to compile
    assert json.loads(shown)["applicants"] == ["刘某"]


def test_no_cache_is_written_when_bytecode_writing_is_off(tmp_path: Path) -> None:
    cache = tmp_path / "cache.bin"
    write(tmp_path / "store", cache, *CASE, *CASE_REST, PYTHONDONTWRITEBYTECODE="1")
    assert not cache.exists()


DAMAGED = [
    b"",
    b"garbage",
    codecache.HEADER + b"\x00\x01 not marshal",
    codecache.HEADER + b"\x00\x00\x00\x00" + marshal.dumps({}),  # a checksum that does not match
]


@pytest.mark.parametrize("content", DAMAGED)
def test_a_damaged_cache_is_ignored_and_written_anew(tmp_path: Path, clean_env: None, content: bytes) -> None:
    cache = tmp_path / "cache.bin"
    cache.write_bytes(content)
    write(tmp_path / "store", cache, *CASE, *CASE_REST)
    shown = json.loads(write(tmp_path / "store", cache, "case", "show", "C-1", "--json"))
    assert shown["respondent"] == "某建筑公司"
    assert cache.read_bytes().startswith(codecache.HEADER)
    assert len(cache.read_bytes()) > 10_000


def test_cached_methods_are_the_ones_dataclasses_would_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    # A cache of its own, with no file: the methods are compiled here, in this test, every run.
    fresh = codecache.CodeCache(None)
    monkeypatch.setattr(codecache, "_cache", fresh)
    monkeypatch.setattr(dataclasses, "exec", codecache._exec, raising=False)
    point = dataclasses.make_dataclass("Point", [("x", int), ("label", str)], frozen=True)
    assert fresh.compiled >= 4  # __init__, __repr__, __eq__, __setattr__, ... went through it
    # Compiled as dataclasses compiles them: annotations are objects, not the strings that
    # codecache's own `from __future__ import annotations` would make of them.
    assert vars(point)["__init__"].__annotations__ == {"x": int, "label": str, "return": None}
    assert point(1, "甲") == point(1, "甲")
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(point(1, "甲"), "x", 2)  # noqa: B010 - the frozen class's own __setattr__


def test_the_cache_can_be_turned_off(tmp_path: Path, clean_env: None) -> None:
    write(tmp_path / "store", tmp_path / "unused", *CASE, *CASE_REST, BARGAINING_CODE_CACHE="off")
    assert not (tmp_path / "unused").exists()
    assert os.listdir(tmp_path) == ["store"]


def test_a_process_that_never_builds_a_dataclass_never_imports_the_module() -> None:
    # Reports import no dataclasses; the cache waits for the module instead of importing it.
    script = (
        "import importlib.util, sys, bargaining\n"
        "from bargaining import codecache\n"
        "print('dataclasses' in sys.modules)\n"
        "importlib.util.find_spec('dataclasses')  # asked about, not imported: the hook stays\n"
        "import dataclasses\n"
        "print(dataclasses.exec is codecache._exec)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_a_file_whose_checksum_does_not_match_is_not_run(tmp_path: Path) -> None:
    body = marshal.dumps({"x = 1\n": compile("x = 1\n", "<string>", "exec")})
    good, bad = tmp_path / "good.bin", tmp_path / "bad.bin"
    good.write_bytes(codecache.HEADER + codecache._crc(body) + body)
    bad.write_bytes(codecache.HEADER + codecache._crc(body + b"!") + body)
    assert list(codecache.CodeCache(str(good))._load()) == ["x = 1\n"]
    assert codecache.CodeCache(str(bad))._load() == {}


def test_warming_keeps_the_snapshot_decoders_so_loading_a_snapshot_compiles_nothing(
    tmp_path: Path, clean_env: None
) -> None:
    env = {**os.environ, codecache.CACHE_ENV: str(tmp_path / "cache.bin")}

    def run(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout

    assert int(run("from bargaining.startup import warm; print(warm())")) > 0
    compiled = run(
        "from bargaining import codecache\n"
        "from eventsourcing.persistence import JSONTranscoder\n"
        "from bargaining.store.snapshots import register_snapshot_transcodings\n"
        "register_snapshot_transcodings(JSONTranscoder())\n"
        "cache = codecache.install()\n"
        "print(cache.compiled, sum(t.startswith('def decode(') for t in cache.used))"
    )
    assert compiled.split() == ["0", "8"]  # every record type's decoder, none compiled again
