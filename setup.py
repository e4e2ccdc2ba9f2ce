"""Compiles the message catalogs when the project is built or installed (pyproject.toml has the rest).

Every build (a wheel, ``pip install .``, an editable install) runs ``build_py``; before it
copies the packages, each ``bargaining/locale/<lang>/LC_MESSAGES/bargaining.po`` is compiled
by Babel into the ``.mo`` beside it, which the installed script reads (bargaining.language).
The ``.mo`` files are built, never committed.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).parent / "bargaining" / "locale"


def compile_catalogs() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
