"""Compiled code for the methods the dataclasses module writes, kept between processes.

eventsourcing makes every event class a frozen dataclass. For each class the dataclasses
module writes the source of five or six methods and compiles it, in every process that starts:
about 450 compilations of some 200 distinct texts for the two aggregates a write command
loads, 60-100 ms of a command that takes 300 (bench/RESULTS.md). The compiled code depends only
on the text and the interpreter, so it is kept the way Python keeps a module's bytecode:

- in the package's ``__pycache__``, one file per interpreter version, keyed by the exact text;
- written at exit when something new was compiled, unless bytecode writing is off
  (``PYTHONDONTWRITEBYTECODE``, ``python -B``), and read back by the next process;
- ``bargaining.startup.warm()`` writes it on purpose, as ``make setup`` does when it
  byte-compiles the code.

A text the file does not hold is compiled as before, so a missing, stale or damaged file costs
time, never behaviour. ``BARGAINING_CODE_CACHE`` names another file, or ``off``.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import sys
import zlib
from importlib.machinery import ModuleSpec, PathFinder
from types import CodeType, ModuleType
from typing import Any

CACHE_ENV = "BARGAINING_CODE_CACHE"
MAX_ENTRIES = 4096  # ~5 MB; the project's own event classes need ~250
# The interpreter's full version: a file written by another one is not read. The header is
# followed by the CRC-32 of the rest, so that a damaged file is never run.
HEADER = f"bargaining dataclass code {sys.hexversion:x} opt {sys.flags.optimize}\n".encode()


def default_path() -> str:
    tag = sys.implementation.cache_tag or "none"
    optimized = f".opt-{sys.flags.optimize}" if sys.flags.optimize else ""  # as .pyc files are named
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "__pycache__", f"dataclass-methods.{tag}{optimized}.bin")


class CodeCache:
    """The compiled texts, read from ``path`` on first use; new ones are written by ``save``."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._codes: dict[str, CodeType] | None = None
        self.used: dict[str, CodeType] = {}  # what this process asked for
        self.compiled = 0  # texts this process compiled itself

    def code(self, text: str) -> CodeType:
        codes = self._codes if self._codes is not None else self._load()
        code = codes.get(text)
        if code is None:
            code = codes[text] = _compile(text)
            self.compiled += 1
        self.used[text] = code
        return code

    def _load(self) -> dict[str, CodeType]:
        self._codes = {}
        if self.path is None:
            return self._codes
        loaded = read_kept(self.path, HEADER)  # absent or damaged: all compiled, and written anew
        if isinstance(loaded, dict):
            self._codes = {
                text: code
                for text, code in loaded.items()
                if isinstance(text, str) and isinstance(code, CodeType)
            }
        return self._codes

    def save(self, *, force: bool = False) -> bool:
        """Write the texts if this process compiled any; True when the file was written."""
        if self.path is None or not self.compiled or self._codes is None:
            return False
        if sys.dont_write_bytecode and not force:
            return False
        # Grown past the bound (a long-lived process that made its own dataclasses): keep
        # what this process used, which is what the next one like it will ask for.
        codes = self._codes if len(self._codes) <= MAX_ENTRIES else self.used
        if not write_kept(self.path, HEADER, codes):
            return False
        self.compiled = 0
        return True


def cache_path() -> str | None:
    """The compiled code's file: ``BARGAINING_CODE_CACHE``, or the default; None when ``off``."""
    setting = os.environ.get(CACHE_ENV, "")
    return None if setting == "off" else setting or default_path()


def kept_path(name: str) -> str | None:
    """Where a file named ``name`` is kept beside the compiled code (None with the cache off)."""
    path = cache_path()
    return None if path is None else os.path.join(os.path.dirname(path), name)


def read_kept(path: str, header: bytes) -> Any:
    """The value ``write_kept`` wrote under ``header``; None when the file is absent, was
    written under another header, or is damaged (its checksum does not match)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    body = data[len(header) + 4 :]
    if not data.startswith(header) or data[len(header) : len(header) + 4] != _crc(body):
        return None
    try:
        # Written by write_kept into the package's own __pycache__: trusted as its .pyc are.
        return marshal.loads(body)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None


def write_kept(path: str, header: bytes, value: Any) -> bool:
    """Keep ``value`` (anything marshal writes) at ``path``, whole or not at all."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        body = marshal.dumps(value)
        with open(temporary, "wb") as file:
            file.write(header + _crc(body) + body)
        os.replace(temporary, path)  # readers see the old file or the new, whole
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def _crc(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(4, "big")


_cache: CodeCache | None = None


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if _cache is not None and type(source) is str:
        source = _cache.code(source)
    exec(source, globals, locals)  # noqa: S102 - dataclasses' own call, with its own text


def compiled(text: str) -> CodeType:
    """``text`` compiled, from the cache when it holds it: for code the project writes out itself
    (the snapshot record decoders), kept as the dataclasses' is."""
    return _compile(text) if _cache is None else _cache.code(text)


def _compile(text: str) -> CodeType:
    # As exec() would compile it from dataclasses, which has no __future__ imports:
    # dont_inherit keeps this module's own (annotations) out of the generated code.
    return compile(text, "<string>", "exec", dont_inherit=True)


def install() -> CodeCache | None:
    """Route the dataclasses module's compilations through the cache (once per process).

    If the dataclasses module is not imported yet, this waits for it (``_WhenImported``):
    reports never import it, and should not pay for it (~3 ms) to serve the write commands.
    """
    global _cache  # noqa: PLW0603 - one per process, like the dataclasses module it serves
    if _cache is None:
        path = cache_path()
        if path is None:
            return None
        _cache = CodeCache(path)
        atexit.register(_cache.save)
        module = sys.modules.get("dataclasses")
        if module is None:
            sys.meta_path.insert(0, _WhenImported())
        else:
            _serve(module)
    return _cache


def _serve(module: ModuleType) -> None:
    # dataclasses looks exec up among its module's globals before the builtins: this replaces
    # it there and nowhere else.
    module.exec = _exec  # type: ignore[attr-defined]


class _WhenImported:
    """An import hook for one module: dataclasses is loaded as usual, then served the cache."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name != "dataclasses":
            return None
        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenServe(spec.loader, self)  # type: ignore[assignment]  # a loader by its methods
        return spec


class _ThenServe:
    """The module's own loader, which serves the cache once the module has run."""

    def __init__(self, loader: Any, hook: _WhenImported) -> None:
        self._loader = loader
        self._hook = hook

    def __getattr__(self, name: str) -> Any:  # get_source, is_package...: the loader's own
        return getattr(self._loader, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        created: ModuleType | None = self._loader.create_module(spec)
        return created

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _serve(module)
        # Only now: a spec asked for without importing (importlib.util.find_spec) is not this.
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self._hook)
