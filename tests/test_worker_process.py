"""The worker process type: with BRIEFBOT_WORKERS=external the web process only acknowledges, and
`briefbot worker` processes brief. A SIGTERM hands running jobs back at once. Real processes, the stand-in
Slack Web API, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from test_crash_recovery import SECRET, BotProcess
from test_store_db import store_url  # noqa: F401 (the fixture: an empty SQLite or PostgreSQL database)

from benchmarks.slack import llm_reply
from bot.store import open_store
from standins import slack_api as ss
from standins.openai_api import OpenAIStandin


class WorkerProcess:
    def __init__(self, env: dict[str, str], log: Path, *, grace_s: float = 20.0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "worker", "--grace", str(grace_s)],
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _jobs(url: str) -> list:
    store = open_store(url)
    try:
        return [store.get_job(n) for n in range(1, 50) if store.get_job(n) is not None]
    finally:
        store.close()


def _briefed(standin: ss.SlackStandin, channel: str) -> list[dict]:
    return [
        c.body
        for c in standin.api_calls("chat.update")
        if c.body.get("channel") == channel and "$125 million" in json.dumps(c.body)
    ]


def _wait(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@contextmanager
def _web_only_acknowledging(
    standin: ss.SlackStandin, tmp_path: Path, url: str
) -> Iterator[tuple[BotProcess, list[WorkerProcess]]]:
    """A web process with BRIEFBOT_WORKERS=external, started; the workers a test adds to the list are stopped too."""
    web = BotProcess(standin, tmp_path, url)
    web.env["BRIEFBOT_WORKERS"] = "external"
    workers: list[WorkerProcess] = []
    try:
        web.start()
        yield web, workers
    finally:
        web.stop()
        for worker in workers:
            worker.stop()


@pytest.mark.timeout(180)
def test_the_web_process_only_acknowledges_and_the_worker_briefs(tmp_path: Path, store_url: str):  # noqa: F811
    with ss.SlackStandin() as standin, _web_only_acknowledging(standin, tmp_path, store_url) as (web, workers):
        assert web.mention("C0WORK", "1800000200.000001") == 200
        time.sleep(2)
        # Recorded, acknowledged, and left alone: nobody in the web process briefs.
        assert [j.status for j in _jobs(store_url)] == ["pending"]
        assert not standin.api_calls("chat.postMessage")
        worker = WorkerProcess(web.env, tmp_path / "worker.log")
        workers.append(worker)
        assert _wait(lambda: _briefed(standin, "C0WORK")), (tmp_path / "worker.log").read_text()[-2000:]
        assert _wait(lambda: [j.status for j in _jobs(store_url)] == ["done"])
        [job] = _jobs(store_url)
        assert job.worker and f":{worker.proc.pid}:" in job.worker
        assert len([m for m in standin.messages if m["channel"] == "C0WORK"]) == 1


@pytest.mark.timeout(180)
def test_with_a_worker_process_the_digest_is_built_there_too(tmp_path: Path, store_url: str):  # noqa: F811
    with ss.SlackStandin() as standin, _web_only_acknowledging(standin, tmp_path, store_url) as (web, workers):
        form = {
            "token": "x",
            "team_id": ss.TEAM_ID,
            "channel_id": "C0DIGEST",
            "user_id": "U0DIGEST",
            "command": "/brief",
            "text": "digest week",
            "api_app_id": "A0001",
            "trigger_id": "t.digest",
        }
        body = urlencode(form)
        headers = {**ss.signed_headers(SECRET, body), "Content-Type": "application/x-www-form-urlencoded"}
        resp = httpx.post(f"http://127.0.0.1:{web.port}/slack/events", content=body, headers=headers, timeout=10)
        assert resp.status_code == 200
        time.sleep(1)
        assert [(j.kind, j.status) for j in _jobs(store_url)] == [("slack.digest", "pending")]
        assert not standin.api_calls("chat.postMessage")  # the web process only acknowledged
        workers.append(WorkerProcess(web.env, tmp_path / "worker.log"))
        assert _wait(lambda: [j.status for j in _jobs(store_url)] == ["done"]), (tmp_path / "worker.log").read_text()[-2000:]
        [posted] = standin.api_calls("chat.postMessage")
        assert posted.body["channel"] == "C0DIGEST" and "Nothing was briefed" in json.dumps(posted.body)


@pytest.mark.timeout(180)
def test_sigterm_hands_running_jobs_back_to_another_worker(tmp_path: Path, store_url: str):  # noqa: F811
    # The model takes 4 s a call, so the job is still running when the first worker is told to stop.
    with ss.SlackStandin() as standin, OpenAIStandin(latency=4.0, responder=llm_reply) as llm:
        web = BotProcess(standin, tmp_path, store_url)
        web.env.update({"BRIEFBOT_WORKERS": "external", "OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "x"})
        first = second = None
        try:
            web.start()
            first = WorkerProcess(web.env, tmp_path / "worker1.log", grace_s=0.5)
            assert web.mention("C0TERM", "1800000300.000001") == 200
            assert _wait(lambda: len(llm.requests) >= 1), (tmp_path / "worker1.log").read_text()[-2000:]
            [job] = _jobs(store_url)
            assert job.status == "running" and f":{first.proc.pid}:" in job.worker
            first.proc.send_signal(signal.SIGTERM)
            assert first.proc.wait(timeout=10) == 0
            # Handed back at once: pending, lease released, not left to go stale for 30 s.
            [job] = _jobs(store_url)
            assert (job.status, job.worker) == ("pending", None)
            assert not _briefed(standin, "C0TERM")
            started = time.monotonic()
            second = WorkerProcess(web.env, tmp_path / "worker2.log")
            assert _wait(lambda: _briefed(standin, "C0TERM"), timeout=30), (tmp_path / "worker2.log").read_text()[-2000:]
            assert time.monotonic() - started < 20
            assert _wait(lambda: _jobs(store_url)[0].status == "done")
            # One placeholder, posted by the first worker and edited by the second; one brief.
            posted = [m for m in standin.messages if m["channel"] == "C0TERM"]
            assert len(posted) == 1
            assert {b["ts"] for b in _briefed(standin, "C0TERM")} == {posted[0]["ts"]}
        finally:
            web.stop()
            for proc in (first, second):
                if proc:
                    proc.stop()
