"""Benchmarks of the Slack bot over HTTP: ack latency under load, and brief throughput.

    .venv/bin/python -m benchmarks.slack [--briefs 20] [--concurrency 50] [--llm-latency 2.0] [--external-workers]
    .venv/bin/python -m benchmarks.slack --adversarial   (hostile 100 KB inputs: see slack_adversarial.py)
    .venv/bin/python -m benchmarks.slack --two-processes (500 events over two processes: see slack_two.py)

Runs the real ASGI app under uvicorn on 127.0.0.1, the stand-in Slack Web API (``standins.slack_api``),
and the stand-in OpenAI server (``standins.openai_api``) that takes
``--llm-latency`` seconds per call. It asks for ``--briefs`` briefs at once (distinct articles, so no
cache helps), and while they are being produced sends ``--concurrency`` signed requests at once and
times each acknowledgement. Everything is local; nothing leaves 127.0.0.1. With ``--external-workers``
the bot process only acknowledges and a ``briefbot worker`` process briefs (``BRIEFBOT_WORKERS=external``),
as the Procfile runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.database import bench_database
from standins import slack_api as ss
from standins.bot_process import wait_until_healthy
from standins.openai_api import OpenAIStandin

SECRET = "bench-signing-secret"
CHANNEL = "C0BENCH"
_AID = re.compile(r"The United States announced a new \$(\d+) million military aid package for Ukraine on Tuesday\.")


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def article(n: int) -> str:
    return (
        f"Ukraine aid package number {n}\n\n"
        f"The United States announced a new ${100 + n} million military aid package for Ukraine on Tuesday. "
        "It includes air defence interceptors and artillery shells.\n\n"
        f"The European Union imposed sanctions on {20 + n} companies accused of supplying drone parts "
        "to Russia."
    )


def llm_reply(request: Any) -> dict[str, Any]:
    """A BriefDraft whose one aid item quotes the article in the prompt (so it survives grounding)."""
    text = json.dumps(request)
    found = _AID.search(text)
    amount = found.group(1) if found else "0"
    evidence = found.group(0) if found else ""
    return {
        "summary": f"The United States announced ${amount} million in military aid for Ukraine.",
        "aid": [
            {
                "donor": "United States",
                "recipient": "Ukraine",
                "amount": f"${amount} million",
                "value": float(amount) * 1e6,
                "currency": "USD",
                "aid_type": "military",
                "contents": ["air defence interceptors"],
                "status": "announced",
                "evidence": evidence,
            }
        ],
        "weapons_policy": [],
        "sanctions": [],
        "battlefield_claims": [],
    }


def _event(ss: Any, event_id: str, text: str, ts: str, channel: str) -> str:
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": ss.TEAM_ID,
            "api_app_id": "A0001",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {
                "type": "app_mention",
                "channel": channel,
                "user": f"U0{event_id.upper()}",  # one user per request: each is rate-limited, none refused
                "ts": ts,
                "text": f"<@{ss.BOT_USER_ID}> {text}",
            },
        }
    )


def _raw_request(ss: Any, body: str) -> bytes:
    headers = ss.signed_headers(SECRET, body)
    data = body.encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    start = f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}Content-Length: {len(data)}\r\n\r\n"
    return start.encode() + data


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> float:
    start = time.perf_counter()
    writer.write(raw)
    status = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    elapsed = time.perf_counter() - start
    if b" 200 " not in status:
        raise RuntimeError(f"ack failed: {status!r}")
    return elapsed


async def _fire(port: int, ss: Any, bodies: list[str]) -> list[float]:
    """Send all signed requests at once; return each one's time from sending to the ack's last byte.

    The requests are pre-built and the connections opened beforehand, so the client adds next to
    nothing: this is Slack's view, a request sent and an acknowledgement received.
    """
    raws = [_raw_request(ss, b) for b in bodies]
    conns = [await asyncio.open_connection("127.0.0.1", port) for _ in raws]
    try:
        return list(await asyncio.gather(*(_one(r, w, raw) for (r, w), raw in zip(conns, raws, strict=True))))
    finally:
        for _, writer in conns:
            writer.close()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_bot(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """The bot in its own process, started the production way: ``bot.slack.run(settings, http=True)``."""
    code = "from bot.config import load_settings; from bot.slack import run; run(load_settings(), http=True, port=%d)"
    with log.open("wb") as out:
        cmd = [sys.executable, "-c", code % port]
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    wait_until_healthy(proc, port, log)
    return proc


def _stop(procs: list[subprocess.Popen[bytes]], *, timeout: float) -> None:
    """SIGTERM every process, then wait; kill what has not left after ``timeout`` seconds."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(
    *, briefs: int, concurrency: int, llm_latency: float, workers: int | None, external: bool = False
) -> dict[str, float]:
    """Start the stand-ins and the bot, measure, stop. Returns the figures."""
    from bot.config import load_settings

    with (
        tempfile.TemporaryDirectory() as tmp,
        bench_database(tmp) as database_url,
        ss.SlackStandin() as slack,
        OpenAIStandin(latency=llm_latency, responder=llm_reply) as llm,
    ):
        config = Path(tmp) / "bench.yaml"
        slack_cfg: dict[str, Any] = {}
        if workers:
            slack_cfg["workers"] = workers
        config.write_text(json.dumps({"slack": slack_cfg}))  # JSON is YAML
        env = {
            **os.environ,
            "SLACK_API_URL": slack.api_url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "OPENAI_BASE_URL": llm.base_url,
            "OPENAI_API_KEY": "bench",
            "BRIEFBOT_DATA_DIR": tmp,
            # BRIEFBOT_BENCH_DATABASE_URL measures PostgreSQL (a fresh schema); default a fresh SQLite file.
            "DATABASE_URL": database_url,
            "BRIEFBOT_CONFIG": str(config),
            "HOST": "127.0.0.1",
        }
        env.pop("SLACK_APP_TOKEN", None)
        if external:
            env["BRIEFBOT_WORKERS"] = "external"
        port = _free_port()
        procs = [_start_bot(env, port, Path(tmp) / "bot.log")]
        if external:  # the bot process only acknowledges; a worker process briefs
            from benchmarks.slack_adversarial import _start_worker

            procs.append(_start_worker(env, Path(tmp) / "worker.log"))
        try:
            brief_bodies = [_event(ss, f"EvB{i}", article(i), f"1800000000.{i:06d}", "C0BRIEFS") for i in range(briefs)]
            # The ack-latency requests are briefs too (same path: verify, dedupe, rate limit, durable
            # enqueue), sent while the first briefs keep the workers and the model busy.
            ack_bodies = [
                _event(ss, f"EvK{i}", article(1000 + i), f"1900000000.{i:06d}", "C0ACKS") for i in range(concurrency)
            ]
            # Warm up (imports, tokenizer, first connections), as a bot that has been running is.
            asyncio.run(_fire(port, ss, [_event(ss, "EvWarm", article(9999), "1700000000.000001", "C0WARM")]))
            slack.wait_for("chat.update", 2, timeout=30)
            started = time.perf_counter()
            asyncio.run(_fire(port, ss, brief_bodies))
            time.sleep(0.2)  # the briefs are now being produced
            latencies = asyncio.run(_fire(port, ss, ack_bodies))
            deadline = time.monotonic() + 120
            while (
                len(
                    [
                        c
                        for c in slack.api_calls("chat.update")
                        if c.body.get("blocks") and c.body.get("channel") == "C0BRIEFS"
                    ]
                )
                < briefs
            ):
                if time.monotonic() > deadline:
                    raise RuntimeError("briefs did not finish within 120 s")
                time.sleep(0.02)
            total = time.perf_counter() - started
            llm_calls = len(llm.requests)
        finally:
            # Jobs not started stay pending (a restart would resume them); running ones finish first.
            _stop(procs, timeout=15)
    return {
        "ack_p50_ms": statistics.median(latencies) * 1000,
        "ack_p99_ms": _pct(latencies, 99) * 1000,
        "ack_max_ms": max(latencies) * 1000,
        "briefs_s": total,
        "llm_calls": float(llm_calls),
        "workers": float(workers or load_settings({}).slack.workers),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--adversarial" in argv:  # hostile 100 KB inputs: benchmarks/slack_adversarial.py
        from benchmarks.slack_adversarial import main as adversarial

        return adversarial([a for a in argv if a != "--adversarial"])
    if "--two-processes" in argv:  # two bot processes on one database: benchmarks/slack_two.py
        from benchmarks.slack_two import main as two_processes

        return two_processes([a for a in argv if a != "--two-processes"])
    parser = argparse.ArgumentParser(prog="python -m benchmarks.slack", description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--llm-latency", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=None, help="default: slack.workers from config")
    parser.add_argument(
        "--external-workers",
        action="store_true",
        help="the bot process only acknowledges (BRIEFBOT_WORKERS=external); a worker process briefs",
    )
    args = parser.parse_args(argv)
    result = run(
        briefs=args.briefs,
        concurrency=args.concurrency,
        llm_latency=args.llm_latency,
        workers=args.workers,
        external=args.external_workers,
    )
    db = "PostgreSQL" if os.environ.get("BRIEFBOT_BENCH_DATABASE_URL", "").startswith("postgres") else "SQLite"
    mode = (
        "bot process acks only, a worker process briefs"
        if args.external_workers
        else "one process acks and briefs"
        if os.environ.get("BRIEFBOT_WORKERS") == "inline"
        else "the bot acks, the worker process it started briefs"
    )
    _out(f"cpus: {os.cpu_count()}  workers: {result['workers']:.0f}  database: {db}  ({mode})")
    _out(
        f"ack latency, {args.concurrency} concurrent signed requests while {args.briefs} briefs are "
        f"produced: p50 {result['ack_p50_ms']:.1f} ms, p99 {result['ack_p99_ms']:.1f} ms, "
        f"max {result['ack_max_ms']:.1f} ms (target p99 < 100 ms)"
    )
    _out(
        f"throughput: {args.briefs} briefs requested at once, LLM stand-in {args.llm_latency:g} s per call "
        f"({result['llm_calls']:.0f} calls): all posted in {result['briefs_s']:.1f} s (target < 15 s)"
    )
    ok = result["ack_p99_ms"] < 100 and result["briefs_s"] < 15
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
