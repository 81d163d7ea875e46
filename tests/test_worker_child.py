"""The bot's own worker process: `briefbot slack` with no BRIEFBOT_WORKERS set acknowledges in its own
process and briefs in a `briefbot worker` child it starts, restarts when it dies, and stops with it. Real
processes, the stand-in Slack Web API, SQLite and PostgreSQL. (How fast acks are while hostile messages are
briefed is the benchmark's to show: `python -m benchmarks.slack --adversarial`.)"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from test_crash_recovery import BotProcess, alive, children
from test_store_db import store_url  # noqa: F401 (the fixture: an empty SQLite or PostgreSQL database)

from benchmarks.slack_adversarial import giant_sentence
from bot.store import open_store
from standins import slack_api as ss


def _answered(standin: ss.SlackStandin, channel: str) -> list[dict]:
    """The placeholders of ``channel`` replaced by a brief or a notice."""
    return [c.body for c in standin.api_calls("chat.update") if c.body.get("channel") == channel]


def _wait(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _worker_pid(url: str, job_id: int) -> int:
    with open_store(url) as store:
        job = store.get_job(job_id)
    assert job is not None and job.worker, job
    return int(job.worker.split(":")[1])


@pytest.mark.timeout(240)
def test_an_ack_comes_while_a_hostile_message_is_briefed_by_the_bots_own_worker(tmp_path: Path, store_url: str):  # noqa: F811
    with ss.SlackStandin() as standin:
        bot = BotProcess(standin, tmp_path, store_url)
        try:
            bot.start()
            assert bot.proc is not None
            assert _wait(lambda: len(children(bot.proc.pid)) == 1, timeout=30)
            assert bot.mention("C0HOSTILE", "1800000400.000001", giant_sentence(100_000)) == 200
            # The hostile brief has started (its placeholder is up); a request now is acknowledged at once.
            assert _wait(lambda: any(m["channel"] == "C0HOSTILE" for m in standin.messages)), bot.log.read_text()[-2000:]
            assert bot.mention("C0CALM", "1800000400.000002") == 200
            assert not _answered(standin, "C0HOSTILE")  # acknowledged while the hostile brief was under way
            # Both are briefed, in the worker process the bot started, not in the bot's own.
            assert _wait(lambda: _answered(standin, "C0HOSTILE") and _answered(standin, "C0CALM")), bot.log.read_text()[
                -2000:
            ]
            [child] = children(bot.proc.pid)
            assert {_worker_pid(store_url, 1), _worker_pid(store_url, 2)} == {child} != {bot.proc.pid}
            # The placeholder is first updated with "Briefing …" while the work runs; the brief replaces it.
            assert _wait(lambda: "$125 million" in json.dumps(_answered(standin, "C0CALM"))), _answered(standin, "C0CALM")
            assert len([m for m in standin.messages if m["channel"] == "C0HOSTILE"]) == 1
        finally:
            bot.stop()


@pytest.mark.timeout(240)
def test_a_dead_worker_is_replaced_and_the_worker_stops_with_the_bot(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    with ss.SlackStandin() as standin:
        bot = BotProcess(standin, tmp_path, url)
        try:
            bot.start()
            assert bot.proc is not None
            assert _wait(lambda: len(children(bot.proc.pid)) == 1, timeout=30)
            [first] = children(bot.proc.pid)
            os.kill(first, signal.SIGKILL)
            assert _wait(lambda: children(bot.proc.pid) not in ([], [first]), timeout=30)
            [second] = children(bot.proc.pid)
            # Work acknowledged after the death is done by the new worker.
            assert bot.mention("C0AFTER", "1800000500.000001") == 200
            assert _wait(lambda: "$125 million" in json.dumps(_answered(standin, "C0AFTER"))), bot.log.read_text()[-2000:]
            assert not alive(first) and _worker_pid(url, 1) == second
            bot.stop()  # SIGTERM: the bot stops its worker before it exits
            assert bot.proc.returncode == -signal.SIGTERM and not alive(second)
            # A bot killed outright leaves no worker behind either: the child sees its stdin close.
            bot.start()
            assert _wait(lambda: len(children(bot.proc.pid)) == 1, timeout=30)
            [third] = children(bot.proc.pid)
            bot.kill(with_workers=False)
            assert _wait(lambda: not alive(third), timeout=30)
        finally:
            bot.stop()


@pytest.mark.timeout(120)
def test_healthz_reports_a_worker_that_keeps_dying(tmp_path: Path):
    """A child that dies soon after each start (here: killed three times running) leaves a bot that acks but
    never briefs; /healthz says so, so a platform's health check can see it."""
    import httpx

    with ss.SlackStandin() as standin:
        bot = BotProcess(standin, tmp_path, f"sqlite:///{tmp_path / 'bot.db'}")
        try:
            bot.start()
            assert bot.proc is not None
            health = f"http://127.0.0.1:{bot.port}/healthz"
            killed: list[int] = []
            for _ in range(3):
                assert httpx.get(health, timeout=5).status_code == 200
                assert _wait(lambda: children(bot.proc.pid) not in ([], killed[-1:]), timeout=30)
                [child] = children(bot.proc.pid)
                os.kill(child, signal.SIGKILL)
                killed.append(child)
                assert _wait(lambda: not alive(killed[-1]), timeout=10)
            assert _wait(lambda: httpx.get(health, timeout=5).status_code == 503, timeout=10)
            answer = httpx.get(health, timeout=5)
            assert "worker process exited 3 times in a row" in answer.json()["error"]
        finally:
            bot.stop()
