"""Importing a ledger: every row checked, then the good ones saved in batches, each row once.

Two passes over the file. The first reads every row and records it, in memory only,
through the same commands a typed case goes through; it collects every problem (a cell
that is not a date, a rule the facts break, a reference used twice, a record already in
the store with other facts) and writes nothing. Only if there is none (or with
``skip_invalid``) does the second pass save, a batch of rows in one transaction: memory
stays flat, and an import stopped half-way leaves whole batches behind.

Importing is idempotent. Each record carries the digest of its row's facts (its Imported
step): a row already in the store with the same facts is left alone and counted as
unchanged, so a file imported twice, or an interrupted import run again, ends with each row
once. A row whose reference exists with other facts is a conflict: reported with the
facts that differ, never overwritten.
"""

from __future__ import annotations

import csv
import hashlib
import pickle
import re
import tempfile
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import attrs
import orjson
from eventsourcing.domain import Aggregate

from bargaining.errors import BargainingError, InvalidValueError
from bargaining.ledgers import cases, contracts, exports
from bargaining.ledgers.headings import CASE_FIELDS, CONTRACT_FIELDS, Columns, Field, HeadingError, folded
from bargaining.ledgers.sheets import Row, SheetError, tables
from bargaining.mediation.service import BodyService, CaseService
from bargaining.read.reports import ReportService
from bargaining.store.application import StoreApplication, clean_reference
from domain.case import MediationCase
from domain.contract import CollectiveContract
from domain.errors import DomainError
from domain.i18n import _

BATCH = 500


@attrs.frozen
class Problem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row {row}, {column}: {message}").format(
            row=self.row, column=self.column, message=self.message
        )


@attrs.define
class Report:
    """What an import found and did."""

    rows: int = 0
    imported: int = 0
    unchanged: int = 0
    problems: list[Problem] = attrs.field(factory=list)
    invalid_rows: set[tuple[str, int]] = attrs.field(factory=set)
    written: bool = False
    rejects: str = ""  # the file the bad rows were written to (with skip_invalid)
    notes: list[Problem] = attrs.field(factory=list)  # worth saying, not a problem

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "invalid": len(self.invalid_rows),
            "written": self.written,
            "rejects": self.rejects,
            "notes": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message} for p in self.notes
            ],
            "problems": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
                for p in self.problems
            ],
        }


def digest(facts: Mapping[str, str]) -> str:
    return hashlib.sha256(orjson.dumps(facts, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def _cell(value: object) -> object:
    return "" if value is None else value.date() if isinstance(value, datetime) else value


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _spooled(spool: IO[bytes]) -> Iterator[Aggregate]:
    while True:
        try:
            yield pickle.load(spool)  # noqa: S301 - the file this import wrote a moment ago
        except EOFError:
            return


class Progress:
    """Told how far an import has come: each pass ("checking", "importing") starts with the
    rows it expects (None: unknown), then advances row by row. This one shows nothing."""

    def start(self, stage: str, total: int | None) -> None:
        """A pass begins."""

    def advance(self, rows: int) -> None:
        """``rows`` more rows done."""


class LedgerImport:
    """A ledger into the store, a row at a time, through the record's own commands.

    A kind of ledger says which fields it has (``fields``), how a row's facts are read
    (``read``) and recorded (``build``), what the store already holds (``references``) and
    which ledger field each rule's field stands for (``rule_fields``).
    """

    fields: tuple[Field, ...]
    record: type[Aggregate]
    rule_fields: Mapping[str, str]
    correct_with: str  # the command that corrects a record typed in

    def __init__(self, app: StoreApplication, actor: str, reports: ReportService) -> None:
        self.app = app
        self.actor = actor
        self.reports = reports
        self._existing: dict[str, str] | None = None  # each stored reference, folded -> as stored
        self._current_rows: dict[str, dict[str, Any]] | None = None

    def read(self, row: Row, columns: Columns) -> Any:
        raise NotImplementedError

    def build(self, facts: Any, *, source: str, sheet: str, number: int, digest: str) -> Aggregate:
        raise NotImplementedError

    def references(self) -> set[str]:
        raise NotImplementedError

    def note(self, facts: Any, built: Aggregate, columns: Columns) -> tuple[str, str] | None:
        """What is worth saying of a row recorded otherwise than it reads (a column, a line)."""
        return None

    def run(
        self,
        path: Path,
        *,
        mapping: Mapping[str, str] = {},
        encoding: str = "",
        sheet: str = "",
        dry_run: bool = False,
        skip_invalid: bool = False,
        progress: Progress | None = None,
    ) -> Report:
        report = Report()
        progress = progress or Progress()
        with tempfile.TemporaryFile() as spool:
            # The first pass reads and checks every row, recording each through its record's
            # commands; the records (with their new events) are spooled to a file, so memory
            # stays flat, and the second pass saves them as they were checked.
            for item in self._rows(path, mapping, encoding, sheet, report, progress):
                pickle.dump(item, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if (report.problems and not skip_invalid) or dry_run:
                return report
            progress.start("importing", report.rows - len(report.invalid_rows))
            spool.seek(0)
            batch: list[Aggregate] = []
            for record in _spooled(spool):
                progress.advance(1)
                batch.append(record)
                if len(batch) >= BATCH:
                    report.imported += self._save(batch)
                    batch = []
            if batch:
                report.imported += self._save(batch)
        report.written = report.imported > 0
        if report.invalid_rows:
            report.rejects = str(self._rejects(path, mapping, encoding, sheet, report))
        report.unchanged = report.rows - report.imported - len(report.invalid_rows)
        return report

    def _rows(
        self,
        path: Path,
        mapping: Mapping[str, str],
        encoding: str,
        sheet: str,
        report: Report,
        progress: Progress,
    ) -> Iterator[Aggregate]:
        """The record of each row to import, checked and not yet saved."""
        seen: dict[str, tuple[int, str]] = {}  # folded reference -> its first row and spelling
        known = self._known(mapping)
        try:
            found = list(tables(path, encoding=encoding, sheet=sheet, known=known.__contains__))
        except SheetError as error:
            raise InvalidValueError("import.file", str(error)) from None
        if not found:
            raise InvalidValueError(
                "import.file",
                _("{file} has no sheet with the ledger's headings (案件编号, 申请人 …)").format(
                    file=path.name
                ),
            )
        progress.start("checking", sum(t.size or 0 for t in found) or None)
        for table in found:
            try:
                columns = Columns.find(self.fields, table.headings, mapping)
            except HeadingError as error:
                raise InvalidValueError("import.headings", f"{table.sheet}: {error}") from None
            try:
                for row in table.rows:
                    report.rows += 1
                    progress.advance(1)
                    checked = self._record(path, table.sheet, row, columns, report, seen)
                    if checked is not None:
                        yield checked
            except SheetError as error:
                raise InvalidValueError("import.file", str(error)) from None

    def _known(self, mapping: Mapping[str, str]) -> set[str]:
        names = {a for f in self.fields for a in (*f.zh, *f.en, f.name)}
        return {folded(a)[0] for a in names} | {folded(c)[0] for c in mapping}

    def _record(
        self,
        path: Path,
        sheet: str,
        row: Row,
        columns: Columns,
        report: Report,
        seen: dict[str, tuple[int, str]],
    ) -> Aggregate | None:
        """The row's record if it is to be imported: read, checked against the store, and
        recorded (in memory only) through the record's commands, so every rule is checked."""

        def problem(column: str, message: str) -> None:
            report.problems.append(Problem(sheet, row.number, column, message))
            report.invalid_rows.add((sheet, row.number))

        facts = self.read(row, columns)
        if isinstance(facts, list):
            for column, message in facts:
                problem(column, message)
            return None
        # References that differ only in letter case (C-01, c-01) are one record's.
        earlier = seen.get(facts.reference.casefold())
        if earlier is not None:
            problem(columns.heading("reference"), _duplicate(facts.reference, *earlier))
            return None
        seen[facts.reference.casefold()] = (row.number, facts.reference)
        stored = self._spelling(facts.reference)
        if stored not in ("", facts.reference):
            report.notes.append(
                Problem(
                    sheet,
                    row.number,
                    columns.heading("reference"),
                    _(
                        "{ref} is {stored} in the store: references differing only in letter case are one"
                    ).format(ref=facts.reference, stored=stored),
                )
            )
            facts = attrs.evolve(facts, reference=stored)
        key = digest(facts.facts())
        if self._in_store(facts, key, sheet, row.number, columns, report):
            return None
        try:
            built = self.build(facts, source=path.name, sheet=sheet, number=row.number, digest=key)
            note = self.note(facts, built, columns)
            if note is not None:
                report.notes.append(Problem(sheet, row.number, note[0], note[1]))
            return built
        except (DomainError, BargainingError) as error:
            field = getattr(error, "field", "")
            ledger_field = self.rule_fields.get(field) or self.rule_fields.get(field.split(".")[0], "")
            problem(
                columns.heading(ledger_field) if ledger_field else field, getattr(error, "rule", str(error))
            )
            return None

    def _in_store(
        self, facts: Any, key: str, sheet: str, number: int, columns: Columns, report: Report
    ) -> bool:
        """Whether the store has the row's record already: then nothing is added, and a record
        with other facts is a conflict, reported, never overwritten."""
        stored = self._stored(facts.reference)
        if stored is None:
            return False
        imported, amended = stored
        column = columns.heading("reference")
        if imported is not None and digest(imported) == key:
            if amended:  # the file as imported; the store has been corrected since
                report.notes.append(Problem(sheet, number, column, corrected(facts.reference)))
            return True
        now = self.current(facts.reference)
        differs = (
            self.taken(facts.reference)
            if now is None
            else _differences(now, imported is not None, facts.facts(), self.correct_with, columns)
        )
        if differs is not None:
            report.problems.append(Problem(sheet, number, column, differs))
            report.invalid_rows.add((sheet, number))
        return True

    def _stored(self, reference: str) -> tuple[dict[str, str] | None, bool] | None:
        """What the store holds of ``reference``: the facts it was imported with (None if it
        was typed in) and whether any of its steps was corrected since; None if no record."""
        if not self._spelling(reference):
            return None
        imported, amended = None, False
        for event in self.app.history(self.app.id_for(self.record, reference)):
            name = type(event).__name__
            if name == "Imported":
                imported = dict(event.facts)
            amended = amended or name in ("StepCorrected", "StepRetracted")
        return imported, amended

    def _spelling(self, reference: str) -> str:
        """``reference`` as the store spells it, letter case aside ("" if it has no such record):
        the very spelling if it has it, else another in letter case only."""
        if self._existing is None:
            # One look at the read model for every reference, not a query a row; a record
            # made meanwhile by someone else makes the batch's save fail as a conflict.
            stored = sorted(self.references())
            self._existing = {r.casefold(): r for r in reversed(stored)}
            self._existing |= {r: r for r in stored}
        return self._existing.get(reference) or self._existing.get(reference.casefold(), "")

    def taken(self, reference: str) -> str:
        """Why ``reference`` cannot be this ledger's record although the store has it."""
        return _("{ref} is the reference of another kind of record; give this row another").format(
            ref=reference
        )

    def current(self, reference: str) -> dict[str, str] | None:
        """A stored record's facts as a ledger row states them now (the read model's row)."""
        raise NotImplementedError

    def _save(self, batch: list[Aggregate]) -> int:
        self.app.commit(*batch)
        return len(batch)

    def _rejects(
        self, path: Path, mapping: Mapping[str, str], encoding: str, sheet: str, report: Report
    ) -> Path:
        """The bad rows beside the input, as they were, with what is wrong with each: fix, import again."""
        target = path.with_name(f"{path.stem}.invalid.csv")
        wrong: dict[tuple[str, int], list[str]] = {}
        for p in report.problems:
            wrong.setdefault((p.sheet, p.row), []).append(f"{p.column}: {p.message}")
        known = self._known(mapping)
        with target.open("w", encoding="utf-8-sig", newline="") as file:
            out = csv.writer(file)
            for table in tables(path, encoding=encoding, sheet=sheet, known=known.__contains__):
                out.writerow([*table.headings, _("problems"), _("sheet"), _("row")])
                for row in table.rows:
                    if (table.sheet, row.number) in wrong:
                        # Dates as the import reads them back (2014-05-06, not a time of day).
                        cells = [
                            "" if c is None else c.date() if isinstance(c, datetime) else c for c in row.cells
                        ]
                        out.writerow(
                            [*cells, "; ".join(wrong[table.sheet, row.number]), table.sheet, row.number]
                        )
        return target


class CaseImport(LedgerImport):
    """The mediation case ledger (调解台账): each row a case, its body registered if new."""

    fields = CASE_FIELDS
    record = MediationCase
    rule_fields = cases.RULE_FIELDS
    correct_with = "case correct"

    def __init__(self, service: CaseService, bodies: BodyService, reports: ReportService) -> None:
        super().__init__(service.app, service.actor, reports)
        self.service = service
        self.bodies = bodies
        self._names: dict[str, str] | None = None  # the store's bodies: reference -> name
        self._new_bodies: dict[str, list[Any]] = {}  # to register: reference -> [name, first day]
        self._saved_bodies: set[str] = set()

    def read(self, row: Row, columns: Columns) -> Any:
        return cases.read(row, columns)

    def build(self, facts: Any, *, source: str, sheet: str, number: int, digest: str) -> Aggregate:
        body = self._body(facts)
        return cases.build(
            self.service, facts, source=source, sheet=sheet, number=number, digest=digest, body=body
        )

    def references(self) -> set[str]:
        return self.reports.case_references()

    def note(self, facts: Any, built: Aggregate, columns: Columns) -> tuple[str, str] | None:
        closed = getattr(built, "closed", None)
        if facts.outcome == "failed" and closed is not None and closed[1] != facts.closed:
            # S4 art. 29: not agreed within the period, the mediation failed when it ended.
            return columns.heading("closed"), _(
                "failed after the mediation period ended: counted as failed on its last day, {day}"
                " (S4 art. 29), not on {closed}"
            ).format(day=closed[1], closed=facts.closed)
        return None

    def current(self, reference: str) -> dict[str, str] | None:
        if self._current_rows is None:
            self._current_rows = {r["reference"]: r for r in self.reports.case_ledger_rows()}
            self._names = self.reports.body_names()
        row = exports.case_row(self._current_rows[reference], "en", self._names or {})
        performed = {"yes": "True", "no": "False"}.get(row.pop("performed"), "")
        row.pop("body_name")
        return {**{k: _text(v) for k, v in row.items()}, "performed": performed}

    def _save(self, batch: list[Aggregate]) -> int:
        """One transaction: the batch's cases, and the bodies they name first registered with them."""
        needed = {
            c.body
            for c in batch
            if isinstance(c, MediationCase)
            if c.body in self._new_bodies and c.body not in self._saved_bodies
        }
        bodies = [
            self.bodies.new_body(
                ref,
                name=self._new_bodies[ref][0],
                body_type=cases.body_type(self._new_bodies[ref][0]),
                on=self._new_bodies[ref][1],
            )
            for ref in sorted(needed)
        ]
        self.app.commit(*bodies, *batch)
        self._saved_bodies |= needed
        return len(batch)

    def _body(self, facts: cases.CaseRow) -> str:
        """The reference of the row's body: the store's, or one the import registers."""
        if self._names is None:
            self._names = self.reports.body_names()
        ref, name = facts.body, facts.body_name
        if not ref and name:
            known = [r for r, n in self._names.items() if n == name]
            known += [r for r, (n, _day) in self._new_bodies.items() if n == name]
            # A name made a reference: spaces and slashes, which a reference cannot hold, as dashes.
            ref = known[0] if known else clean_reference(re.sub(r"[\s/]+", "-", name)[:64], "body")
        if not ref or ref in self._names:
            return ref
        planned = self._new_bodies.setdefault(ref, [name or ref, facts.received])
        planned[1] = min(planned[1], facts.received)
        return ref


class ContractImport(LedgerImport):
    """The collective-contract ledger (集体合同台账): each row a signed contract."""

    fields = CONTRACT_FIELDS
    record = CollectiveContract
    rule_fields = contracts.RULE_FIELDS
    correct_with = "contract correct"

    def read(self, row: Row, columns: Columns) -> Any:
        return contracts.read(row, columns)

    def build(self, facts: Any, *, source: str, sheet: str, number: int, digest: str) -> Aggregate:
        return contracts.build(
            facts, actor=self.actor, source=source, sheet=sheet, number=number, digest=digest
        )

    def references(self) -> set[str]:
        return self.reports.agreement_references()

    def taken(self, reference: str) -> str:
        return _(
            "{ref} is a negotiation not signed yet: sign it there ('negotiation sign'), or give this"
            " contract another reference"
        ).format(ref=reference)

    def current(self, reference: str) -> dict[str, str] | None:
        if self._current_rows is None:
            self._current_rows = {r["reference"]: r for r in self.reports.agreement_rows()}
        found = self._current_rows[reference]
        if not found["signed_on"]:
            return None  # a negotiation not signed yet: not a contract
        row = exports.contract_row(found, "en")
        row["end"] = row.pop("expires")
        row.pop("effective")
        return {k: _text(v) for k, v in row.items()}


def _duplicate(reference: str, row: int, spelled: str) -> str:
    if spelled == reference:
        return _("{ref} is also the reference of row {row}").format(ref=reference, row=row)
    return _(
        "{ref} is the reference of row {row} ({spelled}): references differing only in letter case are one"
    ).format(ref=reference, row=row, spelled=spelled)


def corrected(reference: str) -> str:
    return _("{ref} was corrected after it was imported: the store keeps the correction").format(
        ref=reference
    )


def _differences(
    now: dict[str, str], imported: bool, facts: dict[str, str], correct_with: str, columns: Columns
) -> str | None:
    """None if the store holds the row's facts already (compared on what the row states, its
    non-blank cells); else what differs, the file's value against the store's, for the
    conflict's report, never overwritten."""
    changed = [k for k in now if facts.get(k) and now[k] != facts[k]]
    if not changed:
        return None
    shown = "; ".join(f"{columns.heading(k)}: {facts[k]} ≠ {now[k] or '—'}" for k in changed[:3])
    if not imported:
        return _(
            "{ref} was typed in with other facts ({changes}, this file ≠ the store); put it right"
            " with '{command}'"
        ).format(ref=facts["reference"], changes=shown, command=correct_with)
    return _(
        "{ref} exists with other facts ({changes}, this file ≠ the store); nothing was overwritten"
    ).format(ref=facts["reference"], changes=shown)
