"""A throw-away PostgreSQL server for the tests: a fresh cluster in a temporary directory.

    python -m tests.pgserver        # start one, print its URL, stop and remove it on Enter

It uses the server binaries Debian installs (``/usr/lib/postgresql/<version>/bin``), else
``initdb``/``pg_ctl`` on PATH. The cluster listens on a Unix socket in its own directory and
on a free localhost port (never an assumed 5432: other servers may be running), with
durability off (test data). ``initdb`` refuses to run as root, so under root (CI) the
cluster belongs to the ``postgres`` system user and is run through ``runuser``.

The URL names a password-protected role that owns its database:
``postgresql://bargaining:PASSWORD@127.0.0.1:PORT/bargaining``. The password holds
characters that must be percent-encoded, so every test also checks the URL's decoding.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from bargaining.store.location import parse_postgres_url

ROLE = "bargaining"
DATABASE = "bargaining"
SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # who owns the cluster when the tests run as root
START_ATTEMPTS = 3  # a free port can be taken between choosing it and binding it


def find_bindir() -> Path | None:
    """The newest Debian server binaries, else the directory of ``initdb`` on PATH."""
    found = []
    for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb"):
        version = initdb.parent.parent.name
        if version.isdigit() and (initdb.parent / "pg_ctl").exists():
            found.append((int(version), initdb.parent))
    if found:
        return max(found)[1]
    on_path = shutil.which("initdb")
    if on_path and (Path(on_path).parent / "pg_ctl").exists():
        return Path(on_path).parent
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def connect(url: str) -> psycopg.Connection[TupleRow]:
    """A psycopg connection to the database a test URL names (autocommit)."""
    pg = parse_postgres_url(url)
    return psycopg.connect(
        host=pg.host,
        port=pg.port,
        user=pg.user,
        password=pg.password or "",
        dbname=pg.dbname,
        autocommit=True,
        connect_timeout=10,
    )


class ServerError(RuntimeError):
    """The throw-away server could not be set up; the message holds the server's own words."""


class Cluster:
    """``with Cluster(bindir) as url:`` a running server for the block; gone afterwards."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="bargaining-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.log = self.root / "server.log"
        self.port = 0
        self.started = False

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / program), *args]
        if self.as_root:
            command = ["runuser", "-u", SYSTEM_USER, "--", *command]
        # cwd: the cluster's owner may not be allowed into the directory the tests run from.
        return subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=False)

    def _failure(self, done: subprocess.CompletedProcess[str], what: str) -> ServerError:
        log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        return ServerError(f"{what} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def _give_to_owner(self) -> None:
        if not self.as_root:
            return
        import pwd  # POSIX only, and only needed under root

        try:
            owner = pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            raise ServerError(
                f"running as root, and there is no '{SYSTEM_USER}' user to own the cluster"
                " (Debian's postgresql package creates it)"
            ) from None
        for path in (self.root, self.sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        self.root.chmod(0o700)

    def start(self) -> str:
        self.sockets.mkdir(mode=0o700)
        self._give_to_owner()
        password_file = self.root / "superuser-password"
        password_file.write_text(secrets.token_hex(16))
        if self.as_root:
            shutil.chown(password_file, SYSTEM_USER)
        # Password logins over TCP, trust only on the cluster's own socket directory (0700).
        done = self._run(
            "initdb",
            *("-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C"),
            *("--auth-local=trust", "--auth-host=scram-sha-256"),
            *(f"--pwfile={password_file}", "--no-sync"),
        )
        password_file.unlink()
        if done.returncode != 0:
            raise self._failure(done, "initdb")
        for _ in range(START_ATTEMPTS):
            self.port = free_port()
            options = (
                f"-k {shlex.quote(str(self.sockets))} -p {self.port} -c listen_addresses=127.0.0.1"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                # No autovacuum: its workers belong to no role, so a test's
                # DROP DATABASE ... WITH (FORCE) may not end them (PostgreSQL 15).
                " -c autovacuum=off"
            )
            done = self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "-o", options, "start"
            )
            if done.returncode == 0:
                self.started = True
                return self._create_role()
            if "could not bind" not in self.log.read_text(errors="replace"):
                break
        raise self._failure(done, "pg_ctl start")

    def _create_role(self) -> str:
        password = secrets.token_hex(12) + "@:/%é"  # characters a URL must percent-encode
        with psycopg.connect(
            host=str(self.sockets), port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                    sql.Identifier(ROLE), sql.Literal(password)
                )
            )
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(DATABASE), sql.Identifier(ROLE))
            )
        return f"postgresql://{ROLE}:{quote(password, safe='')}@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
                self.started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> str:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main() -> int:
    bindir = find_bindir()
    if bindir is None:
        print("No PostgreSQL server binaries: apt-get install postgresql", file=sys.stderr)  # noqa: T201
        return 1
    started = time.monotonic()
    with Cluster(bindir) as url:
        print(url)  # noqa: T201
        print(  # noqa: T201
            f"Up in {time.monotonic() - started:.1f} s ({bindir}); press Enter to stop and delete it.",
            file=sys.stderr,
        )
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.readline()
    return 0


if __name__ == "__main__":
    sys.exit(main())
