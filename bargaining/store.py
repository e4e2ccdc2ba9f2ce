"""Where the events live: a directory of SQLite files by default, no server needed.

``--store PATH`` (or ``BARGAINING_STORE``) names a directory; without one a per-user data
directory is used, so a first command just works. Each application has its own SQLite file
(the library's table names are fixed), created readable by its owner only.
"""

from __future__ import annotations

import os
from pathlib import Path

from bargaining.errors import StoreError

STORE_ENV = "BARGAINING_STORE"
LOCK_TIMEOUT_ENV = "BARGAINING_LOCK_TIMEOUT"
LOCK_TIMEOUT_SECONDS = 5  # how long a write waits for another writer before giving up (exit 75)


def lock_timeout() -> int:
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return LOCK_TIMEOUT_SECONDS
    if not raw.isdigit() or not 0 < int(raw) <= 600:
        raise StoreError(LOCK_TIMEOUT_ENV, f"{raw!r} must be a whole number of seconds from 1 to 600")
    return int(raw)


def default_location() -> Path:
    import platformdirs  # noqa: PLC0415 - only when no store is named: it costs start-up time

    return Path(platformdirs.user_data_dir("bargaining", appauthor=False))


class Store:
    """A resolved store location and the environment each application needs for it.

    A plain class rather than an attrs value: every command builds one, and importing attrs
    would cost every read command ~20 ms of start-up.
    """

    __slots__ = ("location",)

    def __init__(self, location: Path) -> None:
        self.location = location

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Store) and other.location == self.location

    def __hash__(self) -> int:
        return hash(self.location)

    def __repr__(self) -> str:
        return f"Store({str(self.location)!r})"

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None = None) -> Store:
        raw = str(given) if given else os.environ.get(STORE_ENV, "")
        if raw.startswith(("postgresql://", "postgres://")):
            raise StoreError(
                "store",
                "PostgreSQL stores are not available in this version; give a directory path",
            )
        if "://" in raw:
            raise StoreError(
                "store",
                f"{raw.split('://')[0]}:// is not a store this tool knows; give a directory path",
            )
        return cls(Path(raw).expanduser() if raw else default_location())

    def describe(self) -> str:
        return f"SQLite store in {self.location}"

    def sqlite_path(self, app_name: str, *, create: bool) -> Path:
        path = self.location / f"{app_name.lower()}.sqlite"
        if not create:
            return path
        try:
            self.location.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except OSError as error:
            raise StoreError(
                "store",
                f"cannot create the store at {self.location}: {error.strerror}; pass --store DIR",
            ) from None
        return path

    def env_for(self, app_name: str) -> dict[str, str]:
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.sqlite_path(app_name, create=True)),
            "SQLITE_LOCK_TIMEOUT": str(lock_timeout()),
        }
