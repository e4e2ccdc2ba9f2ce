"""What ``make setup`` prepares so that every later command starts quickly.

``warm()`` builds every event class and snapshot decoder the project defines, so that the
methods the dataclasses module writes for them are compiled once and kept (``store.codecache``),
and keeps a copy of the holiday data beside them (``store.holidays``). Nothing here is needed
for a command to work: a missing or stale cache costs time, never behaviour.
"""

from __future__ import annotations

from eventsourcing.persistence import JSONTranscoder

# Importing these defines the event classes of both contexts (and the library's), and what a
# catch-up of the read models builds: through the cache, which bargaining/__init__ installed.
import bargaining.mediation.service
import bargaining.negotiations.contracts
import bargaining.negotiations.service
import bargaining.read.catchup  # noqa: F401
from bargaining.store import codecache, holidays
from bargaining.store.snapshots import register_snapshot_transcodings


def warm() -> int:
    """Compile and keep every text the project's classes need; how many texts the cache holds."""
    cache = codecache.install()
    if cache is None:  # BARGAINING_CODE_CACHE=off
        return 0
    register_snapshot_transcodings(JSONTranscoder())  # the snapshot records' decoders
    holidays.prc(keep=True)  # the holiday data, read once from its package
    cache.save(force=True)
    return len(cache._codes or ())
