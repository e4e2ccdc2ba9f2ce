"""Words a person reads, in the language of the message catalog the interface installed.

Every message is written in English in the code and marked, the way every gettext program
marks them, so that Babel can extract it into the catalog (``bargaining/locale``):

- ``_("…{count} of {roll}…").format(count=…, roll=…)`` where a message is made: translated
  at once, in the language of this process's command. Placeholders are named, so that a
  translation may put them in another order; never an f-string inside ``_()``.
- ``ngettext(singular, plural, n)`` where the English words change with a number.
- ``pgettext(context, word)`` for a short word that could mean two things: a value people
  type or read in a table (``pgettext("stage", "signed")``); its context says what it is.
- ``N_("…")`` / ``NC_(context, word)`` where a text is only named (a table of labels built when a module is
  imported): it stays English, and ``_()`` translates it where it is shown.

The domain reads no file and knows no environment: until the interface calls ``install``
(``bargaining.language``), every message is its English self. The catalog is one object
with ``gettext`` and ``ngettext`` methods, as the standard library's translations have.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Catalog(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


class _English:
    """The messages as written: the language of the code, and of every machine-readable output."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message


ENGLISH: Catalog = _English()
_catalog: Catalog = ENGLISH
_language = "en"


def _(message: str) -> str:
    """``message`` in the installed language."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n``, in the installed language."""
    return _catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the installed language, as meant in ``context`` ("stage", "category")."""
    return _catalog.pgettext(context, message)


def NC_(context: str, message: str) -> str:  # noqa: N802 - the name every gettext tool knows
    """Marks a word of ``context`` for the catalog without translating it: ``pgettext`` does."""
    return message


def N_(message: str) -> str:  # noqa: N802 - the name every gettext tool knows
    """Marks ``message`` for the catalog without translating it: ``_()`` does, where it is shown."""
    return message


def install(catalog: Catalog, language: str) -> None:
    """Messages from now on come from ``catalog``, in ``language`` ("en", "zh")."""
    global _catalog, _language
    _catalog, _language = catalog, language


def language() -> str:
    """The language messages are made in now: "en" or "zh"."""
    return _language


@contextmanager
def english() -> Iterator[None]:
    """Messages made inside are English whatever the interface installed: a text kept in an
    event or a read model is stored as written and translated where it is shown."""
    global _catalog, _language
    saved = _catalog, _language
    _catalog, _language = ENGLISH, "en"
    try:
        yield
    finally:
        _catalog, _language = saved
