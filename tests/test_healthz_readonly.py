"""A database that does not accept writes makes /healthz answer 503 (an event can only be acknowledged once
it is on disk) and every event 500 (so Slack retries it), with the real bot process.

SQLite: the bot starts on a migrated database file made read-only; it runs without the capability that
lets root write any file (``setpriv``), so the file's mode decides. PostgreSQL: the bot's role loses its
write privileges while the bot runs, then gets them back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from test_crash_recovery import SECRET, _free_port
from test_store_db import _pg_admin_url, _with_search_path

from bot.store import open_store
from standins import slack_api as ss


def _start(env: dict[str, str], log: Path, *, prefix: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    proc = subprocess.Popen(
        [*prefix, sys.executable, "-m", "bot", "slack", "--http", "--port", str(port)],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc, port
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("the bot did not start")


def _env(standin: ss.SlackStandin, tmp_path: Path, database_url: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "BRIEFBOT_"))},
        "SLACK_API_URL": standin.api_url,
        "SLACK_BOT_TOKEN": "xoxb-health",
        "SLACK_SIGNING_SECRET": SECRET,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
    }


def _mention(port: int, n: int) -> int:
    """A signed mention (answered on the event loop, its admission group-committed); the HTTP status."""
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": ss.TEAM_ID,
            "api_app_id": "A0001",
            "event_id": f"EvHealth{n}",
            "event_time": int(time.time()),
            "event": {
                "type": "app_mention",
                "channel": "C0HEALTH",
                "user": "U0HEALTH",
                "ts": f"1800000000.{n:06d}",
                "text": f"<@{ss.BOT_USER_ID}> https://x.example/a",
            },
        }
    )
    return httpx.post(
        f"http://127.0.0.1:{port}/slack/events", content=body, headers=ss.signed_headers(SECRET, body), timeout=10
    ).status_code


def _health(port: int) -> tuple[int, dict]:
    resp = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
    return resp.status_code, resp.json()


@pytest.mark.skipif(not shutil.which("setpriv") or os.geteuid() != 0, reason="needs root and setpriv")
def test_a_read_only_sqlite_file_makes_healthz_503(tmp_path: Path):
    db_file = tmp_path / "briefbot.db"
    open_store(str(db_file)).close()  # migrated, then read-only
    db_file.chmod(0o444)
    no_override = ["setpriv", "--inh-caps=-dac_override,-fowner", "--bounding-set=-dac_override,-fowner"]
    with ss.SlackStandin() as standin:
        proc, port = _start(_env(standin, tmp_path, str(db_file)), tmp_path / "bot.log", prefix=no_override)
        try:
            status, body = _health(port)
            event_status = _mention(port, 1)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    assert status == 503, (tmp_path / "bot.log").read_text(errors="replace")[-2000:]
    assert body == {"ok": False, "error": "the database does not accept writes"}
    assert event_status == 500  # not acknowledged: Slack retries it


@pytest.mark.postgres
def test_a_postgres_role_that_may_no_longer_write_makes_healthz_503(tmp_path: Path):
    import psycopg

    admin = _pg_admin_url()
    name = f"briefbot_health_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
        conn.execute(f'CREATE SCHEMA "{name}" AUTHORIZATION "{name}"')
    role_url = _with_search_path(admin.replace("postgres@", f"{name}@", 1), name)
    proc = None
    try:
        with ss.SlackStandin() as standin:
            proc, port = _start(_env(standin, tmp_path, role_url), tmp_path / "bot.log", prefix=[])
            assert _health(port) == (200, {"ok": True})
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'ALTER SCHEMA "{name}" OWNER TO postgres')
                conn.execute(f'ALTER TABLE "{name}".events OWNER TO postgres')
                conn.execute(f'GRANT USAGE ON SCHEMA "{name}" TO "{name}"')
                conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{name}" TO "{name}"')
            assert _health(port) == (503, {"ok": False, "error": "the database does not accept writes"})
            assert _mention(port, 1) == 500  # not acknowledged: Slack retries it
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'GRANT INSERT, UPDATE ON "{name}".events TO "{name}"')
                conn.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA "{name}" TO "{name}"')
                conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{name}" TO "{name}"')
            assert _health(port) == (200, {"ok": True})  # healthy again as soon as writes are accepted
            assert _mention(port, 1) == 200  # and the retry is acknowledged
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{name}" CASCADE')
            conn.execute(f'DROP OWNED BY "{name}"')
            conn.execute(f'DROP ROLE "{name}"')
