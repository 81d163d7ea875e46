"""Shared fixtures for the store tests: every behaviour runs on SQLite and, when one answers, PostgreSQL.

PostgreSQL: ``BRIEFBOT_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``). Each
test gets its own schema (created, put on ``search_path``, dropped afterwards), so parallel runs and CI
jobs sharing one server never collide. Test modules use ``store = test_store_db.store`` and so on.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from bot.store import Store, open_store

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
_RUN_ID = uuid.uuid4().hex[:8]
_pg_state: dict[str, str | None] = {}


class FakeClock:
    """A settable clock for windows, staleness and days."""

    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _pg_admin_url() -> str:
    """The server URL, or skip with instructions when none answers (checked once per run)."""
    url = os.environ.get("BRIEFBOT_TEST_POSTGRES_URL") or DEFAULT_PG_URL
    if "error" not in _pg_state:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=2).close()
            _pg_state["error"] = None
        except psycopg.Error as exc:
            _pg_state["error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if _pg_state["error"] is not None:
        pytest.skip(
            f"PostgreSQL not reachable ({_pg_state['error']}); start one on 127.0.0.1:5432 with a "
            "database 'test', or set BRIEFBOT_TEST_POSTGRES_URL=postgresql://user@host:port/db"
        )
    return url


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL to an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'briefbot.db'}"
        return
    import psycopg

    admin = _pg_admin_url()
    schema = f"briefbot_test_{_RUN_ID}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield _with_search_path(admin, schema)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(store_url: str, clock: FakeClock) -> Iterator[Store]:
    """A migrated store on a fake clock."""
    opened = open_store(store_url, clock=clock)
    try:
        yield opened
    finally:
        opened.close()
