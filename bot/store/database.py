"""A tiny thread-safe connection pool with autocommit sessions and explicit transactions.

Each connection is used by one thread at a time; a thread that is already inside a session reuses its
connection, so store methods may call each other. Driver errors become ``StorageError`` here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bot.errors import StorageError
from bot.store.dialect import Dialect

logger = logging.getLogger(__name__)

_USER_MESSAGE = "The bot's database is unavailable right now; please try again in a minute."


class Session:
    """One connection lent to the current thread; queries use ``?`` placeholders."""

    __slots__ = ("conn", "dialect")

    def __init__(self, *, conn: Any, dialect: Dialect) -> None:
        self.conn = conn
        self.dialect = dialect

    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the driver's cursor."""
        return self.dialect.run(self.conn, self.dialect.sql(query), tuple(params))

    def one(self, query: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.execute(query, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.execute(query, params).fetchall()]

    def lock(self, key: str) -> None:
        """Serialise transactions on ``key`` across processes (SQLite's BEGIN IMMEDIATE already does)."""
        stmt = self.dialect.lock_sql(key=key)
        if stmt is not None:
            self.execute(stmt, (key,))


class Database:
    """Pooled connections for one dialect."""

    def __init__(self, *, dialect: Dialect, max_connections: int | None = None, wait_s: float = 30.0) -> None:
        self.dialect = dialect
        self._wait_s = wait_s
        self._slots = threading.BoundedSemaphore(max_connections or dialect.max_connections)
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._local = threading.local()
        self._closed = False

    # -- pool ---------------------------------------------------------------------------------------

    def _acquire(self) -> Any:
        if self._closed:
            raise StorageError("the store is closed", user_message=_USER_MESSAGE)
        if not self._slots.acquire(timeout=self._wait_s):
            raise StorageError(f"no free database connection after {self._wait_s:.0f} s", user_message=_USER_MESSAGE)
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is not None:
            return conn
        try:
            return self.dialect.connect()
        except self.dialect.errors as exc:
            self._slots.release()
            raise StorageError(f"cannot connect to {self.dialect.describe()}: {exc}", user_message=_USER_MESSAGE) from exc
        except BaseException:
            self._slots.release()
            raise

    def _release(self, conn: Any) -> None:
        try:
            if self._closed or self.dialect.is_broken(conn):
                _close_quietly(conn)
            else:
                with self._lock:
                    self._idle.append(conn)
        finally:
            self._slots.release()

    def warm(self, connections: int) -> None:
        """Open up to ``connections`` connections now, so that a burst of requests does not wait for them
        (a PostgreSQL connection starts a server process: milliseconds each)."""
        opened: list[Any] = []
        try:
            for _ in range(connections):
                opened.append(self._acquire())
        finally:
            for conn in opened:
                self._release(conn)

    def close(self) -> None:
        """Close idle connections now; connections in use are closed when they come back."""
        self._closed = True
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            _close_quietly(conn)

    # -- sessions -----------------------------------------------------------------------------------

    def in_session(self) -> bool:
        """Is the calling thread inside a session (its statements would join that session's work)?"""
        return getattr(self._local, "session", None) is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A connection in autocommit mode: each statement is its own transaction."""
        current: Session | None = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        conn = self._acquire()
        session = Session(conn=conn, dialect=self.dialect)
        self._local.session = session
        try:
            yield session
        except self.dialect.errors as exc:
            raise StorageError(
                f"database error on {self.dialect.describe()}: {type(exc).__name__}: {exc}", user_message=_USER_MESSAGE
            ) from exc
        finally:
            self._local.session = None
            self._release(conn)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Statements committed together, or rolled back on any exception. Nested calls join the outer one."""
        if getattr(self._local, "in_transaction", False):
            with self.session() as session:
                yield session
            return
        with self.session() as session:
            session.execute(self.dialect.begin)
            self._local.in_transaction = True
            try:
                yield session
            except BaseException:
                self._local.in_transaction = False
                _rollback_quietly(session)
                raise
            self._local.in_transaction = False
            try:
                session.execute("COMMIT")
            except BaseException:
                # A failed COMMIT can leave SQLite's transaction open; never hand that connection on.
                _rollback_quietly(session)
                raise


def _rollback_quietly(session: Session) -> None:
    try:
        session.execute("ROLLBACK")
    except session.dialect.errors:
        logger.debug("rollback failed; the connection will be discarded if broken")


def _close_quietly(conn: Any) -> None:
    try:
        conn.close()
    except Exception:  # closing a dead connection can fail in driver-specific ways; nothing to do
        logger.debug("closing a database connection failed", exc_info=True)
