"""The message catalog's upkeep: extract every message, merge it into the translations, check them.

    python -m tools.messages update    # extract, then merge new messages into each .po
    python -m tools.messages check     # list messages without a translation (exit 1 if any)
    python -m tools.messages merge zh OTHER.po   # take OTHER's translations of messages we lack

Babel does the work (extraction, the .po format, merging); this module only says where
messages are. Besides the gettext calls (``_``, ``N_``, ``ngettext``), the help of the
command line is message text too: a command's docstring and an option's ``help=``, which
click shows and cli.language translates when shown. ``extract`` finds those as well, and
click's own messages ("Usage:", "Missing option …"), which cli.language routes to our
catalog.
"""

from __future__ import annotations

import ast
import inspect
import io
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("domain", "projections", "bargaining", "cli")
LOCALE = ROOT / "bargaining" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
HELP_KEYWORDS = ("help", "short_help", "epilog", "help_text")  # help_text: cli.options.on_option
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
COMMAND_DECORATORS = ("command", "group")
# click's modules whose words cli.language routes to our catalog.
CLICK_FILES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

Extracted = tuple[Any, ...]  # (line, function, message or messages, comments), as Babel takes them


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def extract_code(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: dict[str, Any]
) -> Iterator[Extracted]:
    """Babel's Python extraction, and the command line's help: docstrings and help= texts."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)  # type: ignore[arg-type]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg in HELP_KEYWORDS:
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node.value.lineno, None, inspect.cleandoc(node.value.value), []
        elif isinstance(node, ast.FunctionDef) and any(
            _decorator_name(d) in COMMAND_DECORATORS for d in node.decorator_list
        ):
            doc = ast.get_docstring(node)  # cleaned as inspect.cleandoc cleans it, as click does
            if doc:
                yield node.body[0].lineno, None, doc, []


def template() -> Catalog:
    """Every message of the product and of click's help, as a catalog with no translations."""
    catalog = Catalog(project="bargaining", domain="bargaining", fuzzy=False)
    methods = [("**.py", "tools.messages:extract_code")]
    for package in PACKAGES:
        found = extract_from_dir(ROOT / package, methods, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",))
        for filename, lineno, message, comments, context in found:
            where = [(f"{package}/{filename}", lineno)]
            catalog.add(message, None, where, auto_comments=comments, context=context)
    import click

    click_dir = Path(click.__file__).parent
    for name in CLICK_FILES:
        with (click_dir / f"{name}.py").open("rb") as file:
            for lineno, message, _comments, context in extract("python", file, CLICK_KEYWORDS):
                catalog.add(message, None, [(f"click/{name}.py", lineno)], context=context)
    return catalog


def translations() -> dict[str, Path]:
    return {po.parent.parent.name: po for po in sorted(LOCALE.glob("*/LC_MESSAGES/bargaining.po"))}


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language)


def update() -> None:
    """Merge the messages found now into each language's .po, keeping what is translated."""
    found = template()
    for language, path in translations().items():
        catalog = read(path, language)
        catalog.update(found, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # a message gone from the code leaves the catalog
        with path.open("wb") as file:
            write_po(file, catalog, width=100, sort_by_file=True, include_previous=False)


def merge(language: str, other: Path) -> int:
    """Copy ``other``'s translations of messages untranslated here (two branches' work joined)."""
    path = translations()[language]
    catalog, theirs = read(path, language), read(other, language)
    taken = 0
    for message in theirs:
        ours = catalog.get(message.id, context=message.context) if message.id else None
        if ours is not None and message.string and not any(_strings(ours)):
            ours.string, ours.flags = message.string, set(ours.flags) - {"fuzzy"}
            taken += 1
    with path.open("wb") as file:
        write_po(file, catalog, width=100, sort_by_file=True, include_previous=False)
    return taken


def _strings(message: Any) -> tuple[str, ...]:
    strings = message.string
    return tuple(strings) if isinstance(strings, tuple | list) else (strings,)


def missing(language: str) -> list[str]:
    """The messages of the code with no translation in ``language``'s catalog."""
    catalog = read(translations()[language], language)
    gaps = []
    for message in template():
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if entry is None or entry.fuzzy or not all(values):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    if command == "merge":
        print(f"{merge(argv[1], Path(argv[2]))} translations taken")
        return 0
    if command == "check":
        gaps = {language: missing(language) for language in translations()}
        for language, messages in gaps.items():
            for message in messages:
                print(f"{language}: {message!r}")
        return 1 if any(gaps.values()) else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
