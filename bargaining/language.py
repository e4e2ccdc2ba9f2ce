"""Which language a person reads, and its message catalog.

The language follows the locale as every gettext program's does: the first of ``LANGUAGE``
(a list, ``zh_CN:en``), ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set, where ``C`` and
``POSIX`` mean English. ``--lang`` or ``BARGAINING_LANG`` (``zh`` or ``en``) overrides it.
Nothing set: English.

The catalogs are gettext ``.po`` files under ``bargaining/locale``, compiled into ``.mo`` by
Babel when the project is installed (setup.py) and read here with the standard library's
``gettext``; English needs no catalog, so an English command reads no file for its words.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from domain import i18n

if TYPE_CHECKING:
    import gettext

LANG_ENV = "BARGAINING_LANG"
LANGUAGES = ("zh", "en")
DOMAIN = "bargaining"
LOCALE = Path(__file__).with_name("locale")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def chosen(value: str) -> str | None:
    """The language a locale name or a typed choice stands for: 'zh_CN.UTF-8' -> 'zh'."""
    name = value.strip().replace("-", "_").split(".")[0].split("@")[0].lower()
    if name in ("c", "posix") or name.startswith("en"):
        return "en"
    if name.startswith("zh") or name in ("chinese", "中文"):
        return "zh"
    return None


def from_locale(environ: Mapping[str, str]) -> str:
    """The language the locale variables ask for, as gettext reads them; else English."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        # LANGUAGE lists languages by preference: the first one we have a catalog for wins.
        for name in value.split(":") if variable == "LANGUAGE" else [value]:
            language = chosen(name) if name else None
            if language is not None:
                return language
        if variable != "LANGUAGE":
            return "en"  # a locale we have no catalog for: the messages as written
    return "en"


def resolve(choice: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of this command: ``--lang``, else BARGAINING_LANG, else the locale."""
    env = os.environ if environ is None else environ
    for given in (choice, env.get(LANG_ENV)):
        if given:
            language = chosen(given)
            if language is None:
                from bargaining.errors import InvalidValueError

                raise InvalidValueError(
                    "lang", i18n._("{value} is not a language of this tool: use zh or en").format(value=given)
                )
            return language
    return from_locale(env)


@functools.cache
def catalog(language: str) -> gettext.NullTranslations | None:
    """The compiled catalog of ``language``, or None where it was not built (not installed)."""
    import gettext

    path = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except FileNotFoundError:
        return None


def use(language: str) -> bool:
    """Make messages in ``language`` from now on; False if its catalog is missing (English then)."""
    if language == "en":
        i18n.install(i18n.ENGLISH, "en")
        return True
    found = catalog(language)
    if found is None:
        i18n.install(i18n.ENGLISH, "en")
        return False
    i18n.install(found, language)
    return True


def term(context: str, value: str) -> str:
    """A value's word in the current language: ``term("stage", "signed")`` -> 签订 in Chinese."""
    return i18n.pgettext(context, value)


def typed(context: str, text: str, values: tuple[str, ...]) -> str | None:
    """The value ``text`` names: the value itself, or its word in a language of the tool
    (``-k 工伤`` for work-injury), whatever language the command speaks; None if neither."""
    if text in values:
        return text
    for language in LANGUAGES:
        found = catalog(language) if language != "en" else None
        for value in values:
            if found is not None and found.pgettext(context, value) == text:
                return value
    return None
