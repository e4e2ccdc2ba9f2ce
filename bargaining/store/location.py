"""Where the events live: a directory of SQLite files by default, or a PostgreSQL database.

``--store PATH`` (or ``BARGAINING_STORE``) names a directory; without one a per-user data
directory is used, so a first command just works. Each application has its own SQLite file
(the library's table names are fixed), created readable by its owner only. With
``BARGAINING_CIPHER_KEY`` set, event bodies are stored encrypted (see ``encryption``).

``--store postgresql://user:password@host:port/db`` uses a PostgreSQL server through the
library's postgres module: one database holds both applications' tables (prefixed by the
application's name) and the read models. The password is never printed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from bargaining.errors import StoreError, printable, shown
from bargaining.store.encryption import cipher_env
from domain.i18n import _

if TYPE_CHECKING:
    from projections.sql import ViewsAt
    from projections.store import ViewStore

STORE_ENV = "BARGAINING_STORE"
LOCK_TIMEOUT_ENV = "BARGAINING_LOCK_TIMEOUT"
LOCK_TIMEOUT_SECONDS = 5  # how long a write waits for another writer before giving up (exit 75)


def lock_timeout() -> int:
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return LOCK_TIMEOUT_SECONDS
    if not raw.isdigit() or not 0 < int(raw) <= 600:
        raise StoreError(
            LOCK_TIMEOUT_ENV,
            _("{raw} must be a whole number of seconds from 1 to 600").format(raw=shown(raw)),
        )
    return int(raw)


def default_location() -> Path:
    import platformdirs  # noqa: PLC0415 - only when no store is named: it costs start-up time

    return Path(platformdirs.user_data_dir("bargaining", appauthor=False))


POSTGRES_SCHEMES = ("postgresql", "postgres")
POSTGRES_FORM = "postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
POSTGRES_DEFAULT_PORT = 5432


class PostgresURL(NamedTuple):
    """The parts of a PostgreSQL URL, percent-decoded; ``password`` is None when not given."""

    user: str
    password: str | None
    host: str
    port: int
    dbname: str

    def redacted(self) -> str:
        """The URL to show a user: never the password."""
        from urllib.parse import quote  # noqa: PLC0415 - only PostgreSQL stores pay for urllib

        host = f"[{self.host}]" if ":" in self.host else quote(self.host, safe="")
        secret = ":***" if self.password is not None else ""
        user, dbname = quote(self.user, safe=""), quote(self.dbname, safe="")
        return f"postgresql://{user}{secret}@{host}:{self.port}/{dbname}"


def _url_error(rule: str) -> StoreError:
    return StoreError("store", _("{rule} (expected {form})").format(rule=rule, form=POSTGRES_FORM))


def parse_postgres_url(url: str) -> PostgresURL:
    """Split ``postgresql://user:password@host:port/dbname``; a missing part is a StoreError.

    The message never repeats the URL: it may hold a password.
    """
    from urllib.parse import unquote, urlsplit  # noqa: PLC0415 - only PostgreSQL stores pay for urllib

    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in POSTGRES_SCHEMES:
        raise _url_error(_("a PostgreSQL URL starts with postgresql://"))
    try:
        port = POSTGRES_DEFAULT_PORT if parts.port is None else parts.port
    except ValueError:
        port = 0
    if not 0 < port <= 65535:
        raise _url_error(_("the port is not a number from 1 to 65535"))
    if parts.query or parts.fragment:
        raise _url_error(
            _(
                "a PostgreSQL URL takes no ?parameters: give TLS and other connection settings"
                " in libpq's environment variables instead (PGSSLMODE=verify-full, PGSSLROOTCERT=...)"
            )
        )
    userinfo, at, hostport = parts.netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    if not at or not user:
        raise _url_error(_("the PostgreSQL URL names no user"))
    bracketed = hostport.startswith("[")  # an IPv6 address: [::1]:5432
    host = hostport[1:].partition("]")[0] if bracketed else hostport.partition(":")[0]
    if not host:
        raise _url_error(_("the PostgreSQL URL names no host"))
    dbname = parts.path[1:]
    if not dbname:
        raise _url_error(_("the PostgreSQL URL names no database"))
    if "/" in dbname:
        raise _url_error(_("a database name cannot contain '/' (write it as %2F)"))
    return PostgresURL(
        user=unquote(user),
        password=unquote(password) if colon else None,
        host=unquote(host),
        port=port,
        dbname=unquote(dbname),
    )


def postgres_env(url: str) -> dict[str, str]:
    """The library's settings for an application whose events live in the database at ``url``."""
    pg = parse_postgres_url(url)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_HOST": pg.host,
        "POSTGRES_PORT": str(pg.port),
        "POSTGRES_USER": pg.user,
        # No password in the URL: the server may trust the connection (a Unix socket, or ~/.pgpass).
        "POSTGRES_PASSWORD": pg.password or "",
        "POSTGRES_DBNAME": pg.dbname,
        # A write waits this long for another writer's lock, then exits 75, as on SQLite.
        "POSTGRES_LOCK_TIMEOUT": str(lock_timeout()),
        "POSTGRES_CONNECT_TIMEOUT": "5",
    }


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
        return f"Store({self.where()!r})"

    def where(self) -> str:
        """The directory, or the URL without its password: safe to print."""
        return parse_postgres_url(self.url).redacted() if self.url else str(self.location)

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
                _(
                    "{value}:// is not a store this tool knows; give a directory path or a postgresql:// URL"
                ).format(value=raw.split("://")[0]),
            )
        if "\0" in raw:
            raise StoreError(
                "store", _("{raw} is not a path: it holds a NUL byte").format(raw=shown(raw, limit=200))
            )
        return cls(Path(raw).expanduser() if raw else default_location())

    def describe(self) -> str:
        if self.url:
            return _("PostgreSQL store {where}").format(where=self.where())
        return _("SQLite store in {location}").format(location=printable(self.location))

    @property
    def views_path(self) -> Path:
        """The read models' file, beside the event stores."""
        return self.location / "views.sqlite"

    def sqlite_path(self, app_name: str, *, create: bool) -> Path:
        path = self.location / f"{app_name.lower()}.sqlite"
        if not create:
            return path
        if self.location.exists() and not self.location.is_dir():
            raise StoreError(
                "store",
                _(
                    "{location} is a file, not a directory; pass --store a directory (a new one, or one "
                    "holding a store)"
                ).format(location=printable(self.location)),
            )
        if path.is_dir():
            raise StoreError(
                "store",
                _(
                    "{path} is a directory where the store keeps a file of events; move it away or pass "
                    "--store another directory"
                ).format(path=printable(path)),
            )
        try:
            self.location.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except OSError as error:
            raise StoreError(
                "store",
                _("cannot create the store at {location}: {strerror}; pass --store DIR").format(
                    location=printable(self.location), strerror=error.strerror
                ),
            ) from None
        return path

    def events_at(self, app_name: str) -> str:
        """The file (or server) holding ``app_name``'s events, for error messages."""
        return self.where() if self.url else printable(self.sqlite_path(app_name, create=False))

    def env_for(self, app_name: str) -> dict[str, str]:
        """The library's settings for one application: where its events live, and how they
        are encrypted when ``BARGAINING_CIPHER_KEY`` is set (checked before any file is made)."""
        encryption = cipher_env()
        if self.url:
            return {**postgres_env(self.url), **encryption}
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.sqlite_path(app_name, create=True)),
            "SQLITE_LOCK_TIMEOUT": str(lock_timeout()),
            **encryption,
        }

    def views_at(self, applications: tuple[str, ...]) -> ViewsAt:
        """Where the read models and each application's events are, for the light readers."""
        from bargaining.store.holidays import identity  # noqa: PLC0415 - reports only
        from projections.sql import POSTGRES, SQLITE, ViewsAt  # noqa: PLC0415 - reports only

        if self.url:
            return ViewsAt(POSTGRES, url=self.url, calendar=identity())
        return ViewsAt(
            SQLITE,
            views=self.location / "views.sqlite",
            events={app: self.sqlite_path(app, create=False) for app in applications},
            calendar=identity(),
        )

    def open_views(self, *, create_tables: bool = True) -> ViewStore:
        """The read models' store, for catching up (see ``projections.store.open_views``)."""
        from bargaining.store.holidays import identity  # noqa: PLC0415 - catching up only
        from projections.store import open_views  # noqa: PLC0415 - catching up only

        return open_views(self.env_for("Views"), calendar=identity(), create_tables=create_tables)
