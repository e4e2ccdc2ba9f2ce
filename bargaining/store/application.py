"""The negotiations application: the event store for negotiations and contracts.

One command = one atomic ``save()`` of every aggregate it touched. A write that loses a race
is reported as a conflict, never retried silently or overwritten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    JSONTranscoder,
    MapperDeserialisationError,
    OperationalError,
    PersistenceError,
)

from bargaining.errors import (
    ConflictError,
    InvalidValueError,
    NotFoundError,
    StoreBusyError,
    StoreError,
    printable,
    shown,
)
from bargaining.store.encryption import CIPHER_KEY_ENV, check_key
from bargaining.store.location import Store
from bargaining.store.transcodings import register_transcodings
from domain.corrections import Amends, fold
from domain.history import as_of
from domain.i18n import NC_, _, pgettext
from domain.values import clean_name
from projections.sql import on_postgres

A = TypeVar("A", bound=Aggregate)
E = TypeVar("E", bound=Enum)
App = TypeVar("App", bound="StoreApplication")

REFERENCE_MAX = 64


def clean_reference(reference: str, field: str = "reference") -> str:
    """A reference as it is stored, whether it is being opened or looked up: one spelling."""
    ref = clean_name(reference, field, max_len=REFERENCE_MAX)
    if any(ch.isspace() for ch in ref) or "/" in ref:
        raise InvalidValueError(
            field, _("{ref} must not contain spaces or '/' (e.g. CB-2011-001)").format(ref=repr(ref))
        )
    return ref


# The records a command names when it finds none by a reference ("no such negotiation: X").
RECORDS = (
    NC_("record", "negotiation"),
    NC_("record", "contract"),
    NC_("record", "case"),
    NC_("record", "mediation body"),
)


def record_word(what: str) -> str:
    """A kind of record as a person reads it: ``negotiation``, 集体协商."""
    return pgettext("record", what) if what in RECORDS else what


class StoreApplication(Application[UUID]):
    """What both bounded contexts' applications share: loading by reference, atomic commits."""

    def construct_recorder(self) -> ApplicationRecorder:
        if not on_postgres(self.factory):
            return super().construct_recorder()  # SQLite's writers already take turns
        from projections.store import schema_lock  # noqa: PLC0415 - PostgreSQL stores only

        with schema_lock(self.factory):
            return super().construct_recorder()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_transcodings(transcoder)

    def id_for(self, cls: type[Aggregate], reference: str, field: str = "reference") -> UUID:
        """The identity of ``reference``: typed as it was when opened, or refused as it would be."""
        aggregate_id: UUID = cls.create_id(clean_reference(reference, field))
        return aggregate_id

    def load(
        self, cls: type[A], reference: str, what: str, *, day: date | None = None, field: str = "reference"
    ) -> A:
        ref = clean_reference(reference, field)
        aggregate_id: UUID = cls.create_id(ref)
        if day is not None:
            with translate_store_errors():
                found = as_of(self.events.get(aggregate_id), day)
            if found is None:
                raise NotFoundError(
                    field,
                    _("no {what} {ref} on {day}").format(
                        what=record_word(what), ref=ref, day=day.isoformat()
                    ),
                )
            assert isinstance(found, cls)
            return found
        try:
            with translate_store_errors():
                try:
                    aggregate: Any = self.repository.get(aggregate_id, projector_func=project)
                except NeedsHistoryError:
                    aggregate = fold(self.history(aggregate_id))  # a correction since the snapshot
        except AggregateNotFoundError:
            raise NotFoundError(
                field, _("no such {what}: {ref}").format(what=record_word(what), ref=ref)
            ) from None
        assert isinstance(aggregate, cls)
        return aggregate

    def history(self, aggregate_id: UUID) -> list[Any]:
        """Every stored event of one record, oldest first (snapshots aside)."""
        with translate_store_errors():
            return list(self.events.get(aggregate_id))

    def take_snapshot(
        self, aggregate_id: UUID, version: int | None = None, projector_func: Any = None
    ) -> None:
        """The library's snapshot of the state at ``version``, the record's amendments in effect:
        a correction can reach back past the last snapshot, which ``project`` alone cannot."""
        del projector_func  # the library's default would fold the steps as first recorded
        with translate_store_errors():
            events = list(self.events.get(aggregate_id, lte=version))
        aggregate = fold(events)
        assert aggregate is not None
        snapshot_class: Any = getattr(type(aggregate), "Snapshot", type(self).snapshot_class)
        assert self.snapshots is not None
        self.snapshots.put([snapshot_class.take(aggregate)])

    def exists(self, cls: type[Aggregate], reference: str) -> bool:
        return self.id_for(cls, reference) in self.repository

    def count_events(self) -> int:
        """How many events this application holds (PostgreSQL's positions can have gaps)."""
        recorder: Any = self.recorder
        if not on_postgres(recorder):
            return recorder.max_notification_id() or 0  # SQLite's rowids have no gaps
        table = f"{recorder.datastore.schema or 'public'}.{recorder.events_table_name}"
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT COUNT(*) AS n FROM {table}")  # noqa: S608 - the library's own name
            return int(cursor.fetchone()["n"])

    @property
    def where(self) -> str:
        """The file (or server) this application's events are in, for error messages."""
        dbname = self.env.get("SQLITE_DBNAME")
        return printable(dbname) if dbname else _("the PostgreSQL store")

    def commit(self, *aggregates: Aggregate) -> int:
        """Record every pending event of ``aggregates`` atomically; return the last position."""
        with translate_store_errors(self.where):
            recordings = self.save(*aggregates)
        return recordings[-1].notification.id if recordings else 0


class NeedsHistoryError(Exception):
    """A record loaded from a snapshot has an amendment since: it is folded from all its events."""


def project(aggregate: Any, events: Iterable[Any]) -> Any:
    """The library's ``project_aggregate`` without its per-event check against a runtime
    Protocol, which costs ~25 µs an event on Python 3.11 (a third of loading a case's events):
    every event in these stores is one of the aggregates' own, which ``mutate`` themselves.
    A record with corrections or retractions is folded with them in effect (``fold``)."""
    stored = list(events)
    if any(isinstance(e, Amends) for e in stored):
        if aggregate is not None or not stored or isinstance(stored[0], Snapshot):
            raise NeedsHistoryError
        return fold(stored)
    for event in stored:
        aggregate = event.mutate(aggregate)
    return aggregate


def open_application(cls: type[App], store: Store) -> App:
    """One bounded context's application on ``store``, refused before any read or write when
    the cipher key in the environment does not fit the events already stored."""
    with translate_store_errors(store.events_at(cls.name)):
        app = cls(env=store.env_for(cls.name))
        try:
            check_key(app)
        except StoreError:
            app.close()
            raise
    return app


@contextmanager
def translate_store_errors(where: str = "") -> Iterator[None]:
    """A store error as the one line a user reads; ``where`` names the file or server."""
    try:
        yield
    except MapperDeserialisationError as error:
        # The first event opened with this key (open_application checked), a later one not:
        # written with another key, or damaged.
        reason = str(error.__cause__ or error).splitlines()[0]
        raise StoreError(
            "store",
            _("a stored event cannot be read: another {variable}, or damaged ({reason})").format(
                variable=CIPHER_KEY_ENV, reason=reason
            ),
        ) from None
    except IntegrityError:
        raise ConflictError(
            "conflict", _("changed by someone else, retry (your step was not recorded)")
        ) from None
    # The library wraps SQLite's errors, except those of opening a connection: both are seen.
    except (PersistenceError, sqlite3.Error) as error:
        from projections.sql import damaged, unreachable, unusable  # noqa: PLC0415

        if "locked" in str(error) or "busy" in str(error):
            raise StoreBusyError(
                "store", _("the store is busy with another writer; nothing was recorded, retry")
            ) from None
        if isinstance(error, OperationalError) and "connection" in str(error):
            raise StoreError("store", unreachable(str(error))) from None
        if damaged(error):  # read-only, not a database, a directory in a file's place
            raise StoreError("store", unusable(where or _("the store"), error)) from None
        raise
    except ConnectionError as error:  # the read models' own connection
        raise StoreError("store", str(error)) from None


def parse_enum(enum_type: type[E], value: Any, field: str) -> E:
    if isinstance(value, enum_type):
        return value
    text = str(value).strip().lower().replace("_", "-")
    for member in enum_type:
        if member.value == text or member.name.lower().replace("_", "-") == text:
            return member
    choices = ", ".join(m.value for m in enum_type)
    raise InvalidValueError(
        field, _("{value} is not one of: {choices}").format(value=shown(value), choices=choices)
    )
