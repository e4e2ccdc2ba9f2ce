"""What every read model shares: the item it folds, and page-at-a-time processing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NamedTuple

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from projections.store import ViewStore

Row = dict[str, Any]


class Item(NamedTuple):
    """One recorded event, resolved to its reference.

    ``data`` (the event's fields, flattened to plain values) and its business date ``on`` are
    parsed only for the events some projection of the page reads (``steps``); otherwise None.
    """

    upstream: str
    position: int
    originator_id: str
    context: str
    reference: str
    version: int
    step: str
    on: str | None
    data: dict[str, Any] | None


def parsed(items: Sequence[Item], contexts: tuple[str, ...]) -> list[tuple[Item, dict[str, Any], str]]:
    """The items of these contexts whose bodies were read, with their data and business date."""
    return [
        (i, i.data, i.on) for i in items if i.data is not None and i.on is not None and i.context in contexts
    ]


class Page:
    """One page of work on the views: reads now, writes kept for one short transaction.

    A page is folded against the views as last committed (``select``) and its writes
    (``write``) are applied afterwards, with the tracking positions, in a transaction that
    holds the write lock only for as long as the statements take. So two processes can fold
    pages at once (a rebuild catches up each application in its own process); a page whose
    positions someone else committed first is rolled back whole.
    """

    def __init__(self, view: ViewStore, reader: Any) -> None:
        self.view = view
        self.reader = reader
        self.writes: list[tuple[str, list[Sequence[Any]]]] = []
        # One aggregate's stored steps up to a version, as (version, step, data): what a
        # projection folds again when a step is corrected or retracted. Set by the runner.
        self.steps_of: Callable[[str, int], list[tuple[int, str, dict[str, Any]]]] = _no_steps

    def select(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.reader.execute(self.view.q(sql), params)
        return list(self.reader.fetchall())

    def write(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.writes.append((self.view.q(sql), list(rows)))


def _no_steps(originator_id: str, version: int) -> list[tuple[int, str, dict[str, Any]]]:
    msg = f"no event store to read {originator_id} from (version {version})"
    raise RuntimeError(msg)


def load_rows(page: Page, table: str, columns: Sequence[str], references: Sequence[str]) -> dict[str, Row]:
    """The current rows of ``references``, by reference, to fold a page into."""
    rows: dict[str, Row] = {}
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found = page.select(f"SELECT {', '.join(columns)} FROM {table} WHERE reference IN ({marks})", chunk)  # noqa: S608
        for values in found:
            rows[values[0]] = dict(zip(columns, values, strict=True))
    return rows


def upsert(table: str, columns: Sequence[str]) -> str:
    """Insert rows keyed by reference, or replace every column of the existing row."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "reference")
    columns_sql = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({columns_sql}) VALUES ({marks})"  # noqa: S608 - our names, not input
    return f"{sql} ON CONFLICT (reference) DO UPDATE SET {updates}"


class ViewProjection(Projection[ViewStore]):
    """A read model folded from pages of events; its rows commit with its tracking position.

    ``process_event`` (the library's single-event entry point, used by its ProjectionRunner)
    is a page of one; the pull loop hands whole pages to ``process_page``.
    """

    name = "view"
    upstreams: ClassVar[tuple[str, ...]] = ()
    tables: ClassVar[tuple[str, ...]] = ()
    # The events (``Aggregate.Event``) whose bodies this view reads; the others pass unparsed.
    steps: ClassVar[frozenset[str]] = frozenset()

    def process_page(self, page: Page, items: Sequence[Item]) -> None:
        raise NotImplementedError

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:  # pragma: no cover - library hook
        msg = "use projections.runner.catch_up, which resolves references and batches pages"
        raise NotImplementedError(msg)

    def tracking_name(self, upstream: str) -> str:
        return f"{self.name}@{upstream}"
