"""English while the read models are written, whatever language the command speaks.

The read models hold English and keys: the store is shared by people reading different
languages, and a rebuild must write the same rows in any. What a view keeps in words (a
deadline's label and rule) is put in the reader's language when read
(``bargaining.read.reports.spoken``). The filing packet gathers its facts the same way: its
words are chosen by its own language, not the command's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from domain import i18n


@contextmanager
def in_english() -> Iterator[None]:
    """Messages as written (English) inside, the command's language again after."""
    language = i18n.language()
    if language == "en":
        yield
        return
    catalog = i18n._catalog
    i18n.install(i18n.ENGLISH, "en")
    try:
        yield
    finally:
        i18n.install(catalog, language)
