"""The public API of the bargaining tracker: open a ``Tracker`` on a store and call services.

    with Tracker(store="~/bargaining-data", actor="王芳") as t:
        t.negotiations.open("CB-2011-001", employer="…", union="…", kind="wage")
        t.negotiations.show("CB-2011-001")
        t.reports.board()

Services take primitives and return plain rows; every error is a ``BargainingError`` whose
``field`` and ``rule`` make the one line a user reads. Importing this package is cheap: the
heavy parts load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bargaining.errors import (
    AlreadyExistsError,
    BargainingError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
    RuleViolationError,
    SetupError,
    StoreBusyError,
    StoreError,
    printable,
    shown,
)
from bargaining.language import LANG_ENV, LANGUAGES, term, typed
from bargaining.language import resolve as resolve_language
from bargaining.language import use as use_language
from bargaining.store import codecache, holidays
from bargaining.store.encryption import CIPHER_KEY_ENV
from bargaining.store.encryption import new_key as new_cipher_key
from bargaining.store.location import STORE_ENV, Store
from bargaining.vocabulary import (
    ACTOR_ENV,
    CASE_CATEGORIES,
    CASE_STATUS_GROUPS,
    CASE_STATUSES,
    DEMO_ARTICLE,
    DEMO_CASE,
    DEMO_REFERENCE,
    KINDS,
    PACKET_LANGUAGES,
    STAGES,
    TERMS,
)
from domain.i18n import N_, NC_, _, language, ngettext, pgettext
from domain.reference import use_holidays

# Before anything defines an event class: their generated methods are compiled once, not in
# every process (see codecache).
codecache.install()

# The PRC profile counts working days and rolls deadlines past holidays with the State
# Council's published holidays and make-up working days, loaded when the profile is first
# looked up (domain.reference).
use_holidays("PRC", holidays.prc)

if TYPE_CHECKING:
    from bargaining.tracker import Tracker, default_actor


__all__ = [
    "ACTOR_ENV",
    "CASE_CATEGORIES",
    "CASE_STATUSES",
    "CASE_STATUS_GROUPS",
    "CIPHER_KEY_ENV",
    "DEMO_ARTICLE",
    "DEMO_CASE",
    "DEMO_REFERENCE",
    "KINDS",
    "LANGUAGES",
    "LANG_ENV",
    "NC_",
    "N_",
    "PACKET_LANGUAGES",
    "STAGES",
    "STORE_ENV",
    "TERMS",
    "AlreadyExistsError",
    "BargainingError",
    "ConflictError",
    "InvalidValueError",
    "NotFoundError",
    "RuleViolationError",
    "SetupError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Tracker",
    "_",
    "default_actor",
    "language",
    "new_cipher_key",
    "ngettext",
    "pgettext",
    "printable",
    "resolve_language",
    "shown",
    "term",
    "typed",
    "use_language",
]


def __getattr__(name: str) -> Any:
    if name in ("Tracker", "default_actor"):
        from bargaining import tracker

        return getattr(tracker, name)
    raise AttributeError(f"module 'bargaining' has no attribute {name!r}")
