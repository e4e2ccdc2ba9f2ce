"""Where the events live: a directory of SQLite files by default, or a PostgreSQL database.

``--store PATH`` (or ``BARGAINING_STORE``) names a directory; without one a per-user data
directory is used, so a first command just works. Each application has its own SQLite file
(the library's table names are fixed), created readable by its owner only.

``--store postgresql://user:password@host:port/db`` uses a PostgreSQL server through the
library's postgres module: one database holds both applications' tables (prefixed by the
application's name) and the read models. The password is never printed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from bargaining.errors import StoreError, printable, shown

if TYPE_CHECKING:
    from projections.sql import ViewsAt

STORE_ENV = "BARGAINING_STORE"
LOCK_TIMEOUT_ENV = "BARGAINING_LOCK_TIMEOUT"
LOCK_TIMEOUT_SECONDS = 5  # how long a write waits for another writer before giving up (exit 75)


def lock_timeout() -> int:
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return LOCK_TIMEOUT_SECONDS
    if not raw.isdigit() or not 0 < int(raw) <= 600:
        raise StoreError(LOCK_TIMEOUT_ENV, f"{shown(raw)} must be a whole number of seconds from 1 to 600")
    return int(raw)


def default_location() -> Path:
    import platformdirs  # noqa: PLC0415 - only when no store is named: it costs start-up time

    return Path(platformdirs.user_data_dir("bargaining", appauthor=False))


POSTGRES_SCHEMES = ("postgresql", "postgres")


def postgres_env(url: str) -> dict[str, str]:
    """The library's POSTGRES_* settings for a ``postgresql://user:password@host:port/db`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise StoreError("store", f"{parts.scheme}:// is not a PostgreSQL URL")
    try:
        port = parts.port or 5432
    except ValueError:
        raise StoreError("store", "the port in the PostgreSQL URL is not a number") from None
    dbname = unquote(parts.path.lstrip("/"))
    missing = [
        name
        for name, value in (("user", parts.username), ("host", parts.hostname), ("database", dbname))
        if not value
    ]
    if missing:
        raise StoreError(
            "store",
            f"the PostgreSQL URL has no {' or '.join(missing)}: give postgresql://user:password@host:port/database",
        )
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": str(parts.hostname),
        "POSTGRES_PORT": str(port),
        "POSTGRES_USER": unquote(str(parts.username)),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_LOCK_TIMEOUT": str(lock_timeout()),
        "POSTGRES_CONNECT_TIMEOUT": "5",
    }


def redact(url: str) -> str:
    """The URL with its password replaced by ``***``: safe to print."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


class Store:
    """A resolved store (a directory of SQLite files, or a PostgreSQL URL) and the
    environment each application needs for it.

    A plain class rather than an attrs value: every command builds one, and importing attrs
    would cost every read command ~20 ms of start-up.
    """

    __slots__ = ("location", "url")

    def __init__(self, location: Path | None = None, url: str | None = None) -> None:
        if (location is None) == (url is None):
            msg = "a store is either a directory or a PostgreSQL URL"
            raise ValueError(msg)
        self.location = location or Path()
        self.url = url

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Store) and (other.location, other.url) == (self.location, self.url)

    def __hash__(self) -> int:
        return hash((self.location, self.url))

    def __repr__(self) -> str:
        return f"Store({redact(self.url)!r})" if self.url else f"Store({str(self.location)!r})"

    @property
    def kind(self) -> str:
        return "postgresql" if self.url else "sqlite"

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None = None) -> Store:
        raw = str(given) if given else os.environ.get(STORE_ENV, "")
        if raw.startswith(tuple(f"{scheme}://" for scheme in POSTGRES_SCHEMES)):
            postgres_env(raw)  # a malformed URL fails here, before anything connects
            return cls(url=raw)
        if "://" in raw:
            raise StoreError(
                "store",
                f"{raw.split('://')[0]}:// is not a store this tool knows;"
                " give a directory path or a postgresql:// URL",
            )
        if "\0" in raw:
            raise StoreError("store", f"{shown(raw, limit=200)} is not a path: it holds a NUL byte")
        return cls(Path(raw).expanduser() if raw else default_location())

    def describe(self) -> str:
        if self.url:
            return f"PostgreSQL store {redact(self.url)}"
        return f"SQLite store in {printable(self.location)}"

    def sqlite_path(self, app_name: str, *, create: bool) -> Path:
        path = self.location / f"{app_name.lower()}.sqlite"
        if not create:
            return path
        if self.location.exists() and not self.location.is_dir():
            raise StoreError(
                "store",
                f"{printable(self.location)} is a file, not a directory;"
                " pass --store a directory (a new one, or one holding a store)",
            )
        if path.is_dir():
            raise StoreError(
                "store",
                f"{printable(path)} is a directory where the store keeps a file of events;"
                " move it away or pass --store another directory",
            )
        try:
            self.location.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except OSError as error:
            raise StoreError(
                "store",
                f"cannot create the store at {printable(self.location)}: {error.strerror}; pass --store DIR",
            ) from None
        return path

    def where(self, app_name: str) -> str:
        """The file (or server) holding ``app_name``'s events, for error messages."""
        return redact(self.url) if self.url else printable(self.sqlite_path(app_name, create=False))

    def env_for(self, app_name: str) -> dict[str, str]:
        if self.url:
            return postgres_env(self.url)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.sqlite_path(app_name, create=True)),
            "SQLITE_LOCK_TIMEOUT": str(lock_timeout()),
        }

    def views_at(self, applications: tuple[str, ...]) -> ViewsAt:
        """Where the read models and each application's events are, for the light readers."""
        from projections.sql import POSTGRES, SQLITE, ViewsAt  # noqa: PLC0415 - reports only

        if self.url:
            return ViewsAt(POSTGRES, url=self.url)
        return ViewsAt(
            SQLITE,
            views=self.location / "views.sqlite",
            events={app: self.sqlite_path(app, create=False) for app in applications},
        )
