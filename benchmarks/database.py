"""The database a benchmark runs on: a fresh SQLite file, or a fresh schema of the PostgreSQL server named by
``BRIEFBOT_BENCH_DATABASE_URL`` (dropped afterwards), so runs never see each other's events or jobs."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote


@contextmanager
def bench_database(tmp: str | Path) -> Iterator[str]:
    url = os.environ.get("BRIEFBOT_BENCH_DATABASE_URL")
    if not url or not url.startswith(("postgresql://", "postgres://")):
        yield url or str(Path(tmp) / "bench.db")
        return
    import psycopg

    schema = f"briefbot_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
