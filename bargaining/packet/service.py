"""Filing packets: the documents that register a signed contract, generated from the record.

``write`` gathers the facts from the negotiation's and the contract's events, renders them as
a PDF and Markdown in one language, and writes them with a ``manifest.json`` that lists every
file's SHA-256 and a digest of each aggregate's event history. ``verify`` recomputes both and
names every difference, so a reader can later prove that a packet matches the record.

The digest is taken over the decoded events (topic, version, recording time, business date,
recorder and the event's own fields as canonical JSON), not over stored bytes: it stays the
same when the store is copied, migrated or encrypted at rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from bargaining.errors import InvalidValueError, StageError, printable, shown
from bargaining.negotiations.reference import ReferenceService, figure_words
from bargaining.negotiations.service import Service
from bargaining.negotiations.wages import agreed_costing
from bargaining.packet.document import build
from bargaining.packet.facts import gather
from bargaining.packet.markdown import to_markdown
from bargaining.packet.words import warning_text
from bargaining.store.application import record_word
from bargaining.vocabulary import PACKET_LANGUAGES
from domain.contract import CollectiveContract
from domain.corrections import effective_events, fold
from domain.i18n import _, ngettext, pgettext
from domain.negotiation import Negotiation
from domain.values import Stage
from projections.english import in_english
from projections.labels import change_text
from projections.payload import event_data, plain

FORMAT = "bargaining-packet/1"
MANIFEST, PDF_NAME, MD_NAME = "manifest.json", "packet.pdf", "packet.md"
DIGEST_METHOD = (
    "SHA-256 over one line per event, oldest first: canonical JSON (sorted keys, UTF-8) of"
    " topic, version, timestamp, on, by and the event's own fields (data)"
)
MANIFEST_FIELDS = {"reference": str, "language": str, "generated_at": str, "files": list, "records": dict}
DEFAULT_LANGUAGE = {"PRC": "zh"}  # a profile's own language; others get English

Row = dict[str, Any]


def event_line(event: Any) -> bytes:
    record = {
        "topic": get_topic(type(event)),
        "version": event.originator_version,
        "timestamp": event.timestamp.isoformat(),
        "on": event.on.isoformat(),
        "by": event.by,
        "data": event_data(event),
    }
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def history_digest(events: Iterable[Any], prefix: int | None = None) -> tuple[int, str, str | None]:
    """(event count, digest of the whole history, digest of its first ``prefix`` events)."""
    digest, at_prefix, count = hashlib.sha256(), None, 0
    for event in events:
        if count == prefix:
            at_prefix = "sha256:" + digest.hexdigest()
        digest.update(event_line(event))
        count += 1
    whole = "sha256:" + digest.hexdigest()
    return count, whole, whole if count == prefix else at_prefix


def correction_rows(record: str, events: list[Any]) -> list[Row]:
    """Every correction and retraction of one record: which step, what changed, why, who, when."""
    amendments = effective_events(events)[1]
    kinds = {e.originator_version: type(e).__name__ for e in events}
    return [
        {
            "record": record,
            "number": a.number,
            "kind": a.kind,
            "step": a.step,
            "step_kind": kinds.get(a.step, ""),
            "reason": a.reason,
            "on": iso_text(a.on),
            "by": a.by,
            "changes": [change_text(c[0], c[1], plain(c[2]), plain(c[3])) for c in a.changes],
            # What changed as recorded, for a packet in another language than the changes' English.
            "changed": [[c[0], c[1], plain(c[2]), plain(c[3])] for c in a.changes],
        }
        for a in amendments
    ]


def iso_text(day: Any) -> str:
    return day if isinstance(day, str) else day.isoformat()


def file_row(name: str, data: bytes) -> Row:
    return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def render(facts: Row, language: str, digest: str, created: datetime) -> dict[str, bytes]:
    """The PDF and the Markdown of one document; characters the font lacks become a warning."""
    from bargaining.packet.font import find_font
    from bargaining.packet.pdf import PdfMaker  # fpdf2 costs ~0.5 s: only here

    with PdfMaker(find_font()) as maker:
        doc = build(facts, language, digest)
        gaps = maker.missing(doc.texts())
        if gaps:
            facts["warnings"].append({"code": "pdf.glyphs", "chars": gaps})
            doc = build(facts, language, digest)
        return {PDF_NAME: maker.render(doc, created), MD_NAME: to_markdown(doc).encode()}


class PacketService(Service):
    def write(
        self, reference: str, *, out: str | os.PathLike[str], lang: str | None = None, force: bool = False
    ) -> Row:
        """Write the filing packet of a signed negotiation into ``out``; returns what was written."""
        records = self._records(reference)
        negotiation, contract = records["negotiation"][0], records["contract"][0]
        assert isinstance(negotiation, Negotiation)
        assert isinstance(contract, CollectiveContract)
        language = self._language(lang, negotiation.profile_id)
        if "\0" in str(out):
            raise InvalidValueError(
                "packet.out", _("{out} is not a path: it holds a NUL byte").format(out=shown(out, limit=200))
            )
        try:
            target = check_target(Path(out), force)
        except OSError as error:
            raise InvalidValueError(
                "packet.out",
                _("cannot use {out}: {strerror}").format(out=printable(out), strerror=error.strerror),
            ) from None
        with in_english():  # the packet's words are chosen by its language (words.py), not the command's
            facts = gather(negotiation, contract, self.today)
            facts["corrections"] = [row for kind, r in records.items() for row in correction_rows(kind, r[3])]
            if facts["wage"] is not None:  # the agreed terms costed, with the figures weighed
                figures = ReferenceService(self.app, self.actor, self.today)
                facts["wage"]["costing"] = agreed_costing(negotiation, figures)
        costing = (facts["wage"] or {}).get("costing")
        created = datetime.now(UTC).replace(microsecond=0)
        files = render(facts, language, records["negotiation"][2], created)
        manifest: Row = {
            "format": FORMAT,
            "reference": negotiation.reference,
            "language": language,
            "generated_at": created.isoformat(),
            "as_of": self.today.isoformat(),
            "generated_by": self.actor,
            "records": {
                kind: {"id": str(a.id), "events": n, "digest": d} for kind, (a, n, d, _) in records.items()
            },
            "digest_method": DIGEST_METHOD,
            # The guideline, minimum wage and CPI the wage explanation weighed: verify reads
            # them again, so a figure corrected since is named.
            "reference_figures": None if costing is None else costing["reference_data"],
            "files": [file_row(name, data) for name, data in files.items()],
            "warnings": [warning_text(w, language) for w in facts["warnings"]],
        }
        files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
        try:
            replace_directory(target, files)
        except OSError as error:
            raise InvalidValueError(
                "packet.out",
                _("cannot write {target}: {strerror}").format(
                    target=printable(target), strerror=error.strerror
                ),
            ) from None
        return {
            **manifest,
            "out": str(target),
            "files": manifest["files"] + [file_row(MANIFEST, files[MANIFEST])],
        }

    def _records(self, reference: str) -> dict[str, tuple[Any, int, str, list[Any]]]:
        """Each aggregate rebuilt from exactly the events the digest covers: one read of each."""
        negotiation = self._negotiation(reference, "packet")
        if negotiation.stage is not Stage.SIGNED:
            rule = negotiation.profile.deadline("filing", negotiation.kind)
            stage = pgettext("stage", negotiation.stage.value)
            message = (
                _(
                    "{reference} is {stage}, not signed; the filing packet is made after both chief"
                    " representatives sign ({source})"
                ).format(
                    reference=negotiation.reference, stage=stage, source=negotiation.profile.cite(rule.basis)
                )
                if rule
                else _(
                    "{reference} is {stage}, not signed; the filing packet is made after both chief"
                    " representatives sign"
                ).format(reference=negotiation.reference, stage=stage)
            )
            raise StageError("packet", message)
        found: dict[str, tuple[Any, int, str, list[Any]]] = {}
        for kind, cls in (("negotiation", Negotiation), ("contract", CollectiveContract)):
            aggregate_id: UUID = cls.create_id(negotiation.reference)
            events = self.app.history(aggregate_id)
            count, digest, __ = history_digest(events)
            found[kind] = (fold(events), count, digest, events)  # amendments in effect
        return found

    def _language(self, lang: str | None, profile_id: str) -> str:
        language = (lang or DEFAULT_LANGUAGE.get(profile_id, "en")).strip().lower()
        if language not in PACKET_LANGUAGES:
            raise InvalidValueError(
                "packet.lang",
                _("{lang} is not one of: {names}").format(
                    lang=shown(lang), names=", ".join(PACKET_LANGUAGES)
                ),
            )
        return language

    def verify(self, directory: str | os.PathLike[str]) -> Row:
        """Check a packet against the store: every file's hash and each record's event history."""
        folder = Path(directory)
        manifest = read_manifest(folder)
        differences = _file_differences(folder, manifest["files"])
        reference = manifest["reference"]
        for kind, cls in (("negotiation", Negotiation), ("contract", CollectiveContract)):
            events = list(self.app.events.get(self.app.id_for(cls, reference, "packet.verify")))
            differences += _record_differences(
                f"{record_word(kind)} {reference}", events, manifest["records"].get(kind)
            )
        differences += self._figure_differences(manifest.get("reference_figures"))
        return {
            "reference": reference,
            "language": manifest["language"],
            "generated_at": manifest["generated_at"],
            "files": len(manifest["files"]),
            "differences": differences,
        }

    def _figure_differences(self, weighed: Any) -> list[str]:
        """The reference figures the packet's wage explanation weighed, against those in effect."""
        if (
            not isinstance(weighed, dict)
            or not weighed.get("region")
            or not isinstance(weighed.get("year"), int)
        ):
            return []
        now = ReferenceService(self.app, self.actor, self.today).show(
            region=str(weighed["region"]), year=weighed["year"]
        )
        where = f"{now['region']} {now['year']}"
        found = []
        for kind, _command, word in figure_words():
            then, current = _figured(weighed.get(kind)), _figured(now[kind])
            if then == current:
                continue
            if then is not None and current is not None and _figure(then) == _figure(current):
                text = _(
                    "{where} {kind}: the packet weighed the same figure, now from another source: {source}"
                )
                found.append(text.format(where=where, kind=word, source=current.get("source", "")))
                continue
            if then is None:
                text = _("{where} {kind}: none was recorded when the packet was made; now {now}")
            elif current is None:
                text = _("{where} {kind}: the packet weighed {then}; the record now holds none")
            else:
                text = _("{where} {kind}: the packet weighed {then}; the record now says {now}")
            found.append(text.format(where=where, kind=word, then=_figure(then), now=_figure(current)))
        return found


def _figured(row: Any) -> dict[str, Any] | None:
    """A figure as weighed: its numbers, dates and source, not when or by whom it was recorded."""
    return {k: v for k, v in row.items() if k not in ("on", "by")} if isinstance(row, dict) else None


def _figure(row: dict[str, Any] | None) -> str:
    """A reference figure in a few words: the guideline's lines, the minimum wage, the CPI change."""
    if row is None:
        return ""
    if "upper" in row:
        return _("lines {base}/{upper}/{lower}%").format(
            base=row["base"], upper=row["upper"], lower=row["lower"]
        )
    if "monthly" in row:
        return _("{amount} a month").format(amount=row["monthly"])
    return _("{change}% (on the year before)").format(change=row.get("change_pct"))


def _file_differences(folder: Path, files: list[Row]) -> list[str]:
    differences = []
    listed = {MANIFEST}
    for entry in files:
        name = str(entry.get("name", ""))
        listed.add(name)
        path = folder / name
        if not name or Path(name).name != name or name.startswith("."):
            differences.append(_("{name}: not a plain file name").format(name=repr(name)))
        elif not path.is_file():
            differences.append(_("{name}: missing").format(name=printable(name)))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            differences.append(_("{name}: SHA-256 differs").format(name=printable(name)))
    differences += [
        _("{name}: not listed in the manifest").format(name=printable(p.name))
        for p in sorted(folder.iterdir())
        if p.name not in listed
    ]
    return differences


def _record_differences(what: str, events: list[Any], entry: Row | None) -> list[str]:
    if entry is None:
        return (
            [
                ngettext(
                    "{what}: {n} event recorded, none when the packet was made",
                    "{what}: {n} events recorded, none when the packet was made",
                    len(events),
                ).format(what=what, n=len(events))
            ]
            if events
            else []
        )
    made_from = int(entry["events"])
    if not events:
        return [
            ngettext(
                "{what}: not in this store (the packet was made from {n} event)",
                "{what}: not in this store (the packet was made from {n} events)",
                made_from,
            ).format(what=what, n=made_from)
        ]
    count, digest, prefix = history_digest(events, made_from)
    if count == made_from and digest == entry["digest"]:
        return []
    if count == made_from:
        return [_("{what}: event history differs from the one the packet was made from").format(what=what)]
    if prefix == entry["digest"]:
        since = ", ".join(type(e).__name__ for e in events[made_from:])
        return [
            _(
                "{what}: {count} events recorded, packet made from {made_from}"
                " (those {made_from} match; recorded since: {since})"
            ).format(what=what, count=count, made_from=made_from, since=since)
        ]
    return [
        _("{what}: {count} events recorded, packet made from {made_from}, and the history differs").format(
            what=what, count=count, made_from=made_from
        )
    ]


def read_manifest(folder: Path) -> Row:
    path = folder / MANIFEST
    if not path.is_file():
        raise InvalidValueError(
            "packet.verify",
            _("{folder} holds no {manifest}; is it a packet directory?").format(
                folder=printable(folder), manifest=MANIFEST
            ),
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidValueError(
            "packet.verify", _("{path} is not valid JSON: {error}").format(path=printable(path), error=error)
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidValueError(
            "packet.verify",
            _("{path} is not a {format} manifest").format(path=printable(path), format=FORMAT),
        )
    wrong = [key for key, kind in MANIFEST_FIELDS.items() if not isinstance(manifest.get(key), kind)]
    wrong += [] if all(isinstance(f, dict) for f in manifest.get("files", [])) else ["files"]
    records = manifest.get("records") or {}
    wrong += [
        f"records.{kind}"
        for kind, entry in records.items()
        if not isinstance(entry, dict)
        or not isinstance(entry.get("events"), int)
        or not isinstance(entry.get("digest"), str)
    ]
    if wrong:
        raise InvalidValueError(
            "packet.verify",
            _("{path} has no valid {names}").format(path=printable(path), names=", ".join(wrong)),
        )
    return manifest


def _is_packet(folder: Path) -> bool:
    try:
        read_manifest(folder)
    except InvalidValueError:
        return False
    return True


def check_target(target: Path, force: bool) -> Path:
    """Where the packet goes: a new or empty directory, or (with --force) an earlier packet.

    A directory holding anything but a packet is never replaced, even with --force.
    """
    if target.exists() and not target.is_dir():
        raise InvalidValueError(
            "packet.out", _("{target} exists and is not a directory").format(target=printable(target))
        )
    above = next((p for p in target.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise InvalidValueError(
            "packet.out", _("{above} is a file, not a directory").format(above=printable(above))
        )
    if target.is_dir() and any(target.iterdir()):
        if not _is_packet(target):
            raise InvalidValueError(
                "packet.out",
                _("{target} holds other files and no packet; choose a new or empty directory").format(
                    target=printable(target)
                ),
            )
        if not force:
            raise InvalidValueError(
                "packet.out",
                _("{target} already holds a packet; use --force to replace it").format(
                    target=printable(target)
                ),
            )
    return target.absolute()


def replace_directory(target: Path, files: dict[str, bytes]) -> None:
    """Write every file into a new directory beside ``target``, then rename it into place.

    A reader sees the old packet or the new one, never a mix; a failure leaves the old one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
        if target.is_dir() and any(target.iterdir()):
            _swap(staging, target)
        else:
            staging.replace(target)  # also over an empty directory
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` where the packet ``target`` is; on failure the old packet stays."""
    holder = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    old = holder / "packet"
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    finally:
        shutil.rmtree(holder, ignore_errors=True)
