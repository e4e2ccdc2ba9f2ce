"""What ``bargaining store info`` reports: the store in use, its encryption, how many events
each application has recorded, and how far each read model has read them.

It only looks: a store that does not exist yet is not created, the views are read with a
read-only connection, and a key that does not fit is reported rather than refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bargaining.errors import SetupError, StoreError
from bargaining.store import encryption
from bargaining.store.application import StoreApplication, translate_store_errors
from bargaining.store.location import Store
from domain.i18n import N_, _, ngettext
from projections import readers

Row = dict[str, Any]

VIEWS_NONE = N_("none yet: the first report builds them")
VIEWS_OUTDATED = N_("from an older version: the next report rebuilds them")


def _application_row(store: Store, cls: type[StoreApplication]) -> Row:
    row: Row = {
        "application": cls.name,
        "events": 0,
        "stored": encryption.EMPTY,
        "key": encryption.KEY_OK,
        "problem": None,
    }
    if store.url is None and not store.sqlite_path(cls.name, create=False).exists():
        return row
    with translate_store_errors():
        app = cls(env=store.env_for(cls.name))
        try:
            row["events"] = app.count_events()
            row["stored"], row["key"] = encryption.key_fit(app)
            if row["key"] in encryption.KEY_PROBLEMS:
                row["problem"] = _("{variable} {problem}").format(
                    variable=encryption.CIPHER_KEY_ENV, problem=_(encryption.KEY_PROBLEMS[row["key"]])
                )
        finally:
            app.close()
    return row


def _tracked(store: Store, names: tuple[str, ...]) -> dict[str, int] | str:
    """Each projection's position per application (``agreements@Negotiations``), or why none."""
    if store.url is None and not store.views_path.exists():
        return VIEWS_NONE
    try:
        tracked = readers.tracked(store.views_at(names))
    except ConnectionError as error:
        raise StoreError("store", str(error)) from None
    if tracked is None:
        return VIEWS_OUTDATED if store.url is None else VIEWS_NONE
    return tracked


def _holidays() -> str:
    """The holiday data deadlines are counted with (the default profile's), or why there is none."""
    from domain.jurisdiction import get_profile  # noqa: PLC0415 - only this command shows it

    try:
        calendar = get_profile("PRC").holidays
    except SetupError as error:
        return _("none: {why}").format(why=error.rule)
    if not calendar.source:
        return _("none: weekends only")
    if not calendar.source.startswith("State Council holiday notices ") or not (
        calendar.first and calendar.last
    ):
        return calendar.source  # another calendar, named by whoever made it
    # The calendar keeps its source in English (deadlines' rule texts cite it): said here anew.
    package = calendar.source.rpartition(" (")[2].removesuffix(")")
    return _("State Council holiday notices {first}-{last} ({package})").format(
        first=calendar.first.year, last=calendar.last.year, package=package
    )


def describe(store: Store, contexts: Sequence[type[StoreApplication]]) -> Row:
    """The store's kind and location, encryption, events per application (``contexts``, the
    applications the store holds), read-model positions."""
    applications = [_application_row(store, cls) for cls in contexts]
    log = {row["application"]: row["events"] for row in applications}
    tracked = _tracked(store, tuple(cls.name for cls in contexts))
    projections = []
    if isinstance(tracked, dict):
        for projection, upstreams in readers.FOLLOWS.items():
            for upstream in upstreams:
                position = tracked.get(f"{projection}@{upstream}", 0)
                projections.append(
                    {
                        "projection": projection,
                        "application": upstream,
                        "position": position,
                        "log": log[upstream],
                        "behind": max(0, log[upstream] - position),
                    }
                )
    behind = sum(p["behind"] for p in projections)
    if isinstance(tracked, str):
        views = _(tracked)
    elif behind:
        views = ngettext("{n} event behind", "{n} events behind", behind).format(n=behind)
    else:
        views = _("up to date")
    return {
        "store": {
            "kind": store.kind,
            "location": store.where(),
            "description": store.describe(),
            "exists": store.url is not None or store.location.exists(),
        },
        "encryption": encryption.describe(),
        "holidays": _holidays(),
        "applications": applications,
        "views": {
            "location": _("in the same database") if store.url else str(store.views_path),
            "state": views,
        },
        "projections": projections,
    }
