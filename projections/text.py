"""Text folded for a plain substring search: the same on every store, without word segmentation.

Chinese is written without spaces between words, so a search is a plain substring test on
the record's text, never a word match: ``工伤`` is found in ``工伤赔偿及拖欠工资``. The records'
text and the text searched for are folded alike, in Python, before either reaches SQL: NFKC
(full-width letters, digits and spaces, as a Chinese keyboard types them, are their plain
forms), runs of white space as one space, and case folded (``ABC`` finds ``abc``). SQLite's
and PostgreSQL's own case rules differ past ASCII; stored folded, the two compare alike.
"""

from __future__ import annotations

import unicodedata

# Between the parts of a record's text (a name, a request, the minutes of a round): folded
# text holds no line break, so a search never matches across two parts.
SEPARATOR = "\n"


def folded(text: str) -> str:
    """``text`` as a search compares it."""
    if text.isascii():
        return " ".join(text.split()).lower()
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def searchable(*parts: str | None) -> str:
    """The parts of a record's text, folded and joined; empty parts left out."""
    return extended("", *parts)


def extended(text: str | None, *parts: str | None) -> str:
    """A record's searchable text with more parts after it (a later step's names or minutes).

    A part the text already holds is not added again (the same attendees at every session, a
    mediator named again at the settlement): a search finds the same records either way,
    since a part that is in the text adds nothing a search could find, and the text that
    every search reads stays short."""
    found = text or ""
    for part in parts:
        if not part or part in found:  # already there as typed: folded, it is there too
            continue
        more = folded(part)
        if more and more not in found:
            found = f"{found}{SEPARATOR}{more}" if found else more
    return found


def contains_pattern(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere in a folded column: ``%`` and ``_`` are characters
    of a name, not wildcards (the statements say ``ESCAPE '\\'``)."""
    escaped = folded(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
