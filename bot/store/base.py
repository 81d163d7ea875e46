"""The ``Store``: briefbot's one storage layer, on SQLite by default or PostgreSQL by URL."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.paths import data_dir
from bot.store.articles import ArticlesMixin
from bot.store.database import Database
from bot.store.dialect import Dialect, dialect_for_url
from bot.store.items import ItemsMixin, ensure_item_keys
from bot.store.jobs import JobsMixin
from bot.store.migrations import migrate
from bot.store.threads import ThreadsMixin
from bot.store.work import WorkMixin


class Store(ArticlesMixin, ThreadsMixin, WorkMixin, JobsMixin, ItemsMixin):
    """Articles, brief cache, token usage, threads, brief items, turns, events, jobs and rate limits.

    Safe to share between threads; several processes may share one PostgreSQL database.
    Use ``open_store`` rather than constructing it directly.
    """

    def __init__(
        self, *, dialect: Dialect, clock: Callable[[], float] = time.time, max_connections: int | None = None
    ) -> None:
        self._db = Database(dialect=dialect, max_connections=max_connections)
        # The clock is injectable so callers (and tests) can reason about windows and staleness exactly.
        self._clock = clock
        self._start_work()
        try:
            migrate(self._db)
            ensure_item_keys(self._db)
        except BaseException:
            self._db.close()
            raise

    @property
    def db(self) -> Database:
        """The pooled database, for the store package's own modules (e.g. ``slack_oauth``)."""
        return self._db

    @property
    def dialect_name(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._db.dialect.name

    def warm(self, connections: int = 8) -> None:
        """Open ``connections`` pooled connections ahead of the first burst of requests."""
        self._db.warm(connections)

    def now(self) -> float:
        """The store's clock, UTC epoch seconds."""
        return self._clock()

    def close(self) -> None:
        """Close the store's connections. Further calls raise StorageError."""
        self._admissions.close()
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self._db.dialect.describe()}>"


def open_store(
    url: str | None = None, *, clock: Callable[[], float] = time.time, max_connections: int | None = None
) -> Store:
    """Open (and migrate) the store at ``url``.

    ``None`` → the SQLite file ``data_dir()/briefbot.db``; ``sqlite:///path`` or a plain path → SQLite;
    ``postgresql://…`` or ``postgres://…`` → PostgreSQL through psycopg 3.
    """
    if url is None:
        url = str(data_dir() / "briefbot.db")
    return Store(dialect=dialect_for_url(url), clock=clock, max_connections=max_connections)
