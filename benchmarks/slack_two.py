"""Benchmark of two bot processes sharing one database: nothing lost, nothing answered twice, fast acks.

    .venv/bin/python -m benchmarks.slack --two-processes [--events 500] [--seconds 60] [--burst 100]

Starts two bot processes (HTTP, the production start-up) on one database (a fresh SQLite file, or a fresh
PostgreSQL schema with ``BRIEFBOT_BENCH_DATABASE_URL``), the stand-in Slack Web API and the stand-in model
(1 s a call). Sends ``--events`` mentions paced over ``--seconds`` seconds, alternating between the two
processes; every tenth is also retried 50 ms later at the *other* process, as Slack does when an ack is
slow. Then ``--burst`` mentions at once, half to each. Every ack is timed from sending to its last byte.
At the end each mention must have exactly one message in its channel, showing its brief.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.database import bench_database
from benchmarks.slack import (
    SECRET,
    _event,
    _free_port,
    _one,
    _out,
    _pct,
    _start_bot,
    article,
    llm_reply,
)
from benchmarks.slack_adversarial import _start_worker
from standins import slack_api as ss
from standins.openai_api import OpenAIStandin


def _raw(ss: Any, body: str, *, retry: bool) -> bytes:
    headers = dict(ss.signed_headers(SECRET, body))
    if retry:
        headers.update({"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    data = body.encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}Content-Length: {len(data)}\r\n\r\n").encode() + data


async def _send(port: int, raw: bytes) -> float:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        return await _one(reader, writer, raw)
    finally:
        writer.close()


async def _paced(ports: list[int], ss: Any, bodies: list[str], seconds: float) -> list[float]:
    """Send ``bodies`` evenly over ``seconds``, alternating processes; every tenth retried at the other."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    for i, body in enumerate(bodies):
        await asyncio.sleep(max(0.0, start + i * seconds / len(bodies) - loop.time()))
        tasks.append(asyncio.create_task(_send(ports[i % 2], _raw(ss, body, retry=False))))
        if i % 10 == 0:
            tasks.append(asyncio.create_task(_retry_later(ports[(i + 1) % 2], _raw(ss, body, retry=True))))
    return list(await asyncio.gather(*tasks))


async def _retry_later(port: int, raw: bytes) -> float:
    await asyncio.sleep(0.05)
    return await _send(port, raw)


async def _burst(ports: list[int], ss: Any, bodies: list[str]) -> list[float]:
    raws = [_raw(ss, body, retry=False) for body in bodies]
    conns = [await asyncio.open_connection("127.0.0.1", ports[i % 2]) for i in range(len(raws))]
    try:
        return list(await asyncio.gather(*(_one(r, w, raw) for (r, w), raw in zip(conns, raws, strict=True))))
    finally:
        for _, writer in conns:
            writer.close()


def _outcome(slack: Any, channels: list[str]) -> tuple[int, int]:
    """(mentions without their brief, mentions with more than one message)."""
    final: dict[str, str] = {}
    for call in slack.api_calls("chat.update"):
        final[str(call.body.get("ts"))] = json.dumps(call.body)
    posted: dict[str, list[str]] = {}
    for message in list(slack.messages):
        posted.setdefault(message["channel"], []).append(message["ts"])
    lost = sum(1 for c in channels if not any("million" in final.get(ts, "") for ts in posted.get(c, [])))
    twice = sum(1 for c in channels if len(posted.get(c, [])) > 1)
    return lost, twice


def run(*, events: int, seconds: float, burst: int, external: bool = False) -> dict[str, float]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        bench_database(tmp) as database_url,
        ss.SlackStandin() as slack,
        OpenAIStandin(latency=1.0, responder=llm_reply) as llm,
    ):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "OPENAI_"))}
        env.update(
            {
                "SLACK_API_URL": slack.api_url,
                "SLACK_BOT_TOKEN": "xoxb-bench",
                "SLACK_SIGNING_SECRET": SECRET,
                "OPENAI_BASE_URL": llm.base_url,
                "OPENAI_API_KEY": "bench",
                "BRIEFBOT_DATA_DIR": tmp,
                "DATABASE_URL": database_url,
                "HOST": "127.0.0.1",
            }
        )
        if external:
            env["BRIEFBOT_WORKERS"] = "external"
        ports = [_free_port(), _free_port()]
        procs = [_start_bot(env, port, Path(tmp) / f"bot{n}.log") for n, port in enumerate(ports)]
        if external:  # the two web processes only acknowledge; one worker process briefs
            procs.append(_start_worker(env, Path(tmp) / "worker.log"))
        try:
            warm = [_event(ss, f"EvW{n}", article(9000 + n), f"1700000000.00000{n}", "C0WARM") for n in range(2)]
            asyncio.run(_burst(ports, ss, warm))
            slack.wait_for("chat.update", 4, timeout=60)
            paced = [_event(ss, f"EvP{i}", article(i), f"1800000000.{i:06d}", f"C2P{i:04d}") for i in range(events)]
            bursty = [_event(ss, f"EvB{i}", article(5000 + i), f"1900000000.{i:06d}", f"C2B{i:04d}") for i in range(burst)]
            started = time.perf_counter()
            paced_lat = asyncio.run(_paced(ports, ss, paced, seconds))
            paced_s = time.perf_counter() - started
            burst_lat = asyncio.run(_burst(ports, ss, bursty))
            channels = [f"C2P{i:04d}" for i in range(events)] + [f"C2B{i:04d}" for i in range(burst)]
            deadline = time.monotonic() + 180
            while _outcome(slack, channels)[0] and time.monotonic() < deadline:
                time.sleep(0.25)
            lost, twice = _outcome(slack, channels)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=30)
    return {
        "paced_s": paced_s,
        "paced_p50": statistics.median(paced_lat) * 1000,
        "paced_p99": _pct(paced_lat, 99) * 1000,
        "paced_max": max(paced_lat) * 1000,
        "requests": float(len(paced_lat)),
        "burst_p50": statistics.median(burst_lat) * 1000,
        "burst_p99": _pct(burst_lat, 99) * 1000,
        "lost": float(lost),
        "twice": float(twice),
    }


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.slack --two-processes")
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument(
        "--external-workers",
        action="store_true",
        help="web processes only acknowledge (BRIEFBOT_WORKERS=external); a worker process briefs",
    )
    args = parser.parse_args(argv)
    r = run(events=args.events, seconds=args.seconds, burst=args.burst, external=args.external_workers)
    db = "PostgreSQL" if os.environ.get("BRIEFBOT_BENCH_DATABASE_URL", "").startswith("postgres") else "SQLite"
    mode = ", web processes only acknowledge, a worker process briefs" if args.external_workers else ""
    _out(f"cpus: {os.cpu_count()}; two bot processes on one {db} database{mode}")
    _out(
        f"{args.events} mentions over {r['paced_s']:.1f} s ({r['requests']:.0f} requests with the retries): "
        f"ack p50 {r['paced_p50']:.1f} ms, p99 {r['paced_p99']:.1f} ms, max {r['paced_max']:.1f} ms"
    )
    _out(f"{args.burst} mentions at once: ack p50 {r['burst_p50']:.1f} ms, p99 {r['burst_p99']:.1f} ms")
    _out(
        f"lost: {r['lost']:.0f}, answered twice: {r['twice']:.0f} (of {args.events + args.burst}) "
        "(target: 0 and 0, ack p99 < 100 ms)"
    )
    ok = not r["lost"] and not r["twice"] and max(r["paced_p99"], r["burst_p99"]) < 100
    return 0 if ok else 1
