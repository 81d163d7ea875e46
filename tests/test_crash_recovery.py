"""Crash-safe delivery: the Slack bot as a real process, killed with SIGKILL while it works, restarted.

Every acknowledged mention must end in exactly one brief, in the placeholder the first attempt posted;
no "Briefing…" placeholder is left behind; a restart picks up the dead process's jobs at once. A kill takes
the bot's worker process with it, as a crash of the machine would.
The stand-in Slack API answers slowly (``delay_s``) so that kills land in the middle of the work.

The default run is small (10 mentions, 4 kills). The operator's measurement is the benchmark:

    BRIEFBOT_CRASH_MENTIONS=100 BRIEFBOT_CRASH_KILLS=20 .venv/bin/pytest tests/test_crash_recovery.py -s
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from test_store_db import store_url  # noqa: F401 (the fixture: an empty SQLite or PostgreSQL database)

from standins import slack_api as ss
from standins.bot_process import wait_until_healthy

SECRET = "crash-test-secret"
ARTICLE = (
    "Allies pledge more air defence for Ukraine\n\n"
    "The United States announced a new $125 million military aid package for Ukraine on Tuesday, "
    "including air defence interceptors and artillery shells.\n\n"
    "Ukraine's military said its forces had recaptured the village of Robotyne after heavy fighting."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def alive(pid: int) -> bool:
    """Is process ``pid`` running (not gone, not a zombie whose parent has yet to read its status)?"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False  # gone between listing /proc and reading its stat (reading then fails with ESRCH)
    return state != "Z"


def children(pid: int) -> list[int]:
    """The running child processes of ``pid``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid) and alive(int(status.parent.name)):
            found.append(int(status.parent.name))
    return found


class BotProcess:
    """``python -m bot slack --http`` against the stand-in, on SQLite in ``data_dir``."""

    def __init__(self, standin: ss.SlackStandin, data_dir: Path, database_url: str) -> None:
        self.port = _free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "BRIEFBOT_"))},
            "SLACK_API_URL": standin.api_url,
            "SLACK_BOT_TOKEN": "xoxb-crash-token",
            "SLACK_SIGNING_SECRET": SECRET,
            "BRIEFBOT_DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir / "bot.log"

    def start(self) -> float:
        """Start and wait until /healthz answers; returns the time it answered."""
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "slack", "--http", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=log,
            )
        wait_until_healthy(self.proc, self.port, self.log)
        return time.monotonic()

    def kill(self, *, with_workers: bool = True) -> None:
        """SIGKILL the bot and (as a crash of its machine would) the worker process it started."""
        assert self.proc is not None
        workers = children(self.proc.pid) if with_workers else []
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def mention(self, channel: str, ts: str, text: str = ARTICLE) -> int:
        body = json.dumps(
            {
                "token": "x",
                "team_id": ss.TEAM_ID,
                "api_app_id": "A0001",
                "type": "event_callback",
                "event_id": f"Ev{channel}",
                "event_time": int(time.time()),
                "event": {
                    "type": "app_mention",
                    "channel": channel,
                    "user": f"U{channel}",
                    "ts": ts,
                    "text": f"<@{ss.BOT_USER_ID}> {text}",
                },
                "authorizations": [{"team_id": ss.TEAM_ID, "user_id": ss.BOT_USER_ID, "is_bot": True}],
            }
        )
        resp = httpx.post(
            f"http://127.0.0.1:{self.port}/slack/events", content=body, headers=ss.signed_headers(SECRET, body), timeout=10
        )
        return resp.status_code


def _outcome(standin: ss.SlackStandin, mentions: dict[str, str]) -> dict[str, tuple[int, bool]]:
    """Per channel: (placeholders posted in the mention's thread, whether the last one shows the brief)."""
    final: dict[str, str] = {}
    for call in standin.api_calls("chat.update"):
        final[str(call.body.get("ts"))] = json.dumps(call.body)
    out = {}
    for channel, ts in mentions.items():
        posted = [m for m in standin.messages if m["channel"] == channel and m["thread_ts"] == ts]
        briefed = [m for m in posted if "$125 million" in final.get(m["ts"], "")]
        out[channel] = (len(posted), len(briefed) == len(posted) == 1)
    return out


@pytest.mark.timeout(900)
def test_killed_while_briefing_every_mention_is_briefed_once_in_its_first_placeholder(tmp_path: Path, store_url: str):  # noqa: F811
    count = int(os.environ.get("BRIEFBOT_CRASH_MENTIONS", "10"))
    kills = int(os.environ.get("BRIEFBOT_CRASH_KILLS", "4"))
    mentions = {f"C0CRASH{n:03d}": f"1800000100.{n:06d}" for n in range(count)}
    with ss.SlackStandin() as standin:
        bot = BotProcess(standin, tmp_path, store_url)
        try:
            bot.start()
            standin.delay_s = 0.25  # every Slack call takes a while: kills land mid-job
            assert all(bot.mention(c, ts) == 200 for c, ts in mentions.items())
            for _ in range(kills):
                time.sleep(0.8)
                bot.kill()
                restarted = bot.start()
            deadline = restarted + 60
            while time.monotonic() < deadline and not all(done for _, done in _outcome(standin, mentions).values()):
                time.sleep(0.1)
            recovered_after = time.monotonic() - restarted
        finally:
            bot.stop()
        outcome = _outcome(standin, mentions)
    placeholders = Counter(n for n, _ in outcome.values())
    print(
        f"\n{count} mentions, {kills} SIGKILLs: {sum(d for _, d in outcome.values())} briefed, "
        f"{sum(n - 1 for n in placeholders.elements() if n > 1)} extra placeholders, "
        f"{sum(1 for n, d in outcome.values() if n and not d)} left unreplaced; "
        f"last brief {recovered_after:.1f} s after the final restart"
    )
    assert placeholders == Counter({1: len(mentions)}), outcome  # one placeholder each
    assert all(done for _, done in outcome.values()), outcome  # each shows its brief
    # The dead process's jobs are taken back at start-up, not after a 30-second lease.
    assert recovered_after < 20, f"last brief {recovered_after:.1f} s after the restart"
