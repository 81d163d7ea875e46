"""The seam between SQLite and PostgreSQL: how to connect, placeholders, DDL and locking. Nothing else.

Queries are written once with ``?`` placeholders and ``INSERT … ON CONFLICT … RETURNING``, which both
SQLite (3.35+) and PostgreSQL understand; only the pieces below differ.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bot.errors import StorageError

# A constant key for PostgreSQL's advisory lock that serialises migrations across processes.
_MIGRATION_LOCK_KEY = 0x62726965666270  # "briefbp"


class Dialect:
    """One database family. Subclasses fill in the differences."""

    name: str = ""
    # DDL for an auto-numbered integer primary key.
    id_pk: str = ""
    # Appended to the SELECT that picks a row to claim, so concurrent claimers skip each other's rows.
    skip_locked: str = ""
    # Starts a transaction that takes the write lock at once (SQLite) or a plain one (PostgreSQL).
    begin: str = "BEGIN"
    # Exceptions of the driver, turned into StorageError at the Database boundary.
    errors: tuple[type[BaseException], ...] = ()
    # Most connections kept open at once; callers beyond it wait.
    max_connections: int = 16

    def connect(self) -> Any:
        """Open one new DB-API connection in autocommit mode."""
        raise NotImplementedError

    def sql(self, query: str) -> str:
        """Translate a query written with ``?`` placeholders."""
        return query

    def run(self, conn: Any, query: str, params: tuple[Any, ...]) -> Any:
        """Execute one statement on ``conn`` (already translated by ``sql``)."""
        return conn.execute(query, params)

    def lock_sql(self, *, key: str | None = None) -> str | None:  # noqa: ARG002
        """A statement that takes a transaction-scoped lock on ``key`` (migrations when None), if needed."""
        return None

    def is_broken(self, conn: Any) -> bool:  # noqa: ARG002
        """Whether a connection must be thrown away instead of reused."""
        return False

    def describe(self) -> str:
        """Where the database lives, without secrets."""
        return self.name


class SQLiteDialect(Dialect):
    """A SQLite file (WAL mode, busy timeout) or an in-memory database."""

    name = "sqlite"
    id_pk = "INTEGER PRIMARY KEY AUTOINCREMENT"
    # BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
    # can fail with SQLITE_BUSY at once, without waiting for the busy timeout.
    begin = "BEGIN IMMEDIATE"
    errors = (sqlite3.Error,)

    def __init__(self, *, path: str, busy_timeout_s: float = 10.0) -> None:
        self.path = path
        self.busy_timeout_s = busy_timeout_s
        self.memory = path == ":memory:"
        # Every connection to ":memory:" is a separate database, so share exactly one.
        self.max_connections = 1 if self.memory else 16
        if not self.memory:
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)

    def connect(self) -> sqlite3.Connection:
        path = self.path if self.memory else str(Path(self.path).expanduser())
        # check_same_thread=False: connections move between threads through the pool, never shared at once.
        # No busy timeout of SQLite's own: ``run`` retries a locked database itself (see there).
        conn = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        if not self.memory:
            self._use_wal(conn)
            # NORMAL is durable across application crashes in WAL mode and much faster than FULL.
            self.run(conn, "PRAGMA synchronous=NORMAL", ())
        return conn

    def run(self, conn: Any, query: str, params: tuple[Any, ...]) -> Any:
        """Execute, retrying while another process holds the write lock. SQLite's own busy handler sleeps
        1, 2, 5, 10 … then 100 ms between tries, so under steady writes from two processes a waiting writer
        kept losing the lock and an acknowledgement took 600 ms; here it tries again every fraction of a
        millisecond (a locked statement has not run, so trying again is safe), up to the busy timeout."""
        deadline = 0.0
        while True:
            try:
                return conn.execute(query, params)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                now = time.monotonic()
                deadline = deadline or now + self.busy_timeout_s
                if now > deadline:
                    raise
                time.sleep(random.uniform(0.0002, 0.001))

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        # WAL is a property of the file, set once. Switching needs an exclusive lock and SQLite does not
        # wait on the busy handler for it, so processes opening a new file together retry briefly here.
        deadline = time.monotonic() + self.busy_timeout_s
        while self.run(conn, "PRAGMA journal_mode", ()).fetchone()[0].lower() != "wal":
            try:
                conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def describe(self) -> str:
        return f"sqlite:{self.path}"


class PostgresDialect(Dialect):
    """PostgreSQL through psycopg 3, one autocommit connection per concurrent user."""

    name = "postgresql"
    id_pk = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    skip_locked = " FOR UPDATE SKIP LOCKED"
    begin = "BEGIN"

    def __init__(self, *, url: str, connect_timeout_s: int = 5) -> None:
        import psycopg  # imported here so SQLite users never pay for it

        self._psycopg = psycopg
        self.url = url
        self.connect_timeout_s = connect_timeout_s
        self.errors = (psycopg.Error,)

    def connect(self) -> Any:
        return self._psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout_s)

    def sql(self, query: str) -> str:
        # Our queries hold no literal "?" or "%", so a plain replacement is exact.
        return query.replace("?", "%s")

    def lock_sql(self, *, key: str | None = None) -> str | None:
        if key is None:
            return f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})"
        return "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"

    def is_broken(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def describe(self) -> str:
        return redact_url(self.url)


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, safe for logs and error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def dialect_for_url(url: str) -> Dialect:
    """``postgresql://``/``postgres://`` → PostgreSQL; ``sqlite:///path`` or a plain path → SQLite.

    As in SQLAlchemy, ``sqlite:///rel.db`` is relative and ``sqlite:////abs.db`` absolute.
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        return PostgresDialect(url=url)
    if scheme == "sqlite":
        path = url[len("sqlite://") :]
        path = path[1:] if path.startswith("/") else path
        return SQLiteDialect(path=path or ":memory:")
    if scheme:
        raise StorageError(
            f"unsupported database URL scheme {scheme!r}; use sqlite:///path or postgresql://…",
            user_message="The bot's database is misconfigured.",
        )
    return SQLiteDialect(path=url)
