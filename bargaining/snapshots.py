"""Transcodings for snapshots of negotiations: the records an aggregate holds in its state.

Only snapshots carry these (events carry primitives and value objects), so only the
negotiations application registers them; mediation commands do not pay for importing them.
"""

from __future__ import annotations

from typing import Any

import attrs
from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.articles import Agreement as ArticleAgreement
from domain.articles import Proposal
from domain.records import Round, Successor, Suspension, TieDecision, Vote
from domain.representatives import Representative


def attrs_transcoding(cls: type[Any], name: str) -> Transcoding:
    """A frozen attrs record as a dict of its fields (snapshots hold these records).

    JSON has no tuples: list values come back as tuples, which is what the records hold.
    """
    fields = [f.name for f in attrs.fields(cls)]

    class RecordAsDict(Transcoding):
        type = cls

        def encode(self, obj: Any) -> dict[str, Any]:
            return {f: getattr(obj, f) for f in fields}

        def decode(self, data: dict[str, Any]) -> Any:
            return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})

    RecordAsDict.name = name
    return RecordAsDict()


RECORDS = (
    (Representative, "representative"),
    (Proposal, "proposal"),
    (ArticleAgreement, "article_agreement"),
    (Round, "round"),
    (Suspension, "suspension"),
    (Vote, "vote"),
    (TieDecision, "tie_decision"),
    (Successor, "successor"),
)


def register_snapshot_transcodings(transcoder: JSONTranscoder) -> None:
    for record, name in RECORDS:
        transcoder.register(attrs_transcoding(record, name))
