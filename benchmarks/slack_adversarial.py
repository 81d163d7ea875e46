"""Benchmark of hostile input: any 100 KB message briefs in under 2 s, and acks stay fast while it runs.

    .venv/bin/python -m benchmarks.slack --adversarial [--size 100000] [--concurrency 100] [--external-workers]

First, in this process, each adversarial input (runs of one letter, of dots, "U.S. " and "Mr. " × N, one
giant sentence without a stop, random Unicode, over a hundred real articles joined, or one repeated) is loaded and briefed by
the offline engine, and its time printed (target < 2 s each). Then the real bot is started (HTTP, offline
engine, stand-in Slack Web API on 127.0.0.1), every input is sent to it as a mention at once, and while those
briefs run ``--concurrency`` signed requests are sent at once and each acknowledgement timed (target p99 <
100 ms). By default the bot briefs in the worker process it starts itself; with ``--external-workers`` the web
process only acknowledges and a separately started ``briefbot worker`` briefs (``BRIEFBOT_WORKERS=external``),
as the Procfile runs it; ``BRIEFBOT_WORKERS=inline`` in the environment measures briefs on the bot's threads.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.database import bench_database
from benchmarks.slack import SECRET, _event, _fire, _free_port, _out, _pct, _start_bot, _stop, article
from standins import slack_api as ss

_WORDS = [
    "troops",
    "said",
    "the",
    "Ukraine",
    "$40",
    "million",
    "aid",
    "Kyiv",
    "sanctions",
    "Russia",
    "U.S.",
    "Mr.",
    "ATACMS",
    "would",
    "not",
    "allow",
    "strikes",
    "on",
    "Avdiivka",
    "captured",
    "1,376",
    "“",
    "”",
]
_FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def _real_texts() -> list[str]:
    """Real articles: the checkout's evaluation sets (over 100 articles), else the built-in bench article."""
    return [p.read_text(encoding="utf-8") for p in sorted(_FIXTURES.glob("heldout*/*.txt"))] or [article(1)]


def giant_sentence(size: int, rnd: random.Random | None = None) -> str:
    """About ``size`` bytes of one sentence with no stop: among the slowest inputs for the offline engine."""
    rnd = rnd or random.Random(11)
    return " ".join(rnd.choice(_WORDS) for _ in range(size // 6))[:size]


def inputs(size: int) -> dict[str, str]:
    """The adversarial messages, each about ``size`` bytes of UTF-8."""
    rnd = random.Random(11)
    texts = _real_texts()
    real = texts[0]
    out = {
        "one letter": "A" * size,
        "dots": "." * size,
        '"U.S. " x N': "U.S. " * (size // 5),
        '"Mr. " x N': "Mr. " * (size // 4),
        "one giant sentence": giant_sentence(size, rnd),
        "random Unicode": "".join(
            chr(rnd.choice([rnd.randrange(0x20, 0x7F), rnd.randrange(0xA0, 0x2FFF)])) for _ in range(size // 2)
        ),
        "quote marks": '"' * size,
        "hard-wrapped lines": "word\n" * (size // 5),
        "one article repeated": (real + "\n\n") * (size // (len(real) + 2) + 1),
        "distinct real articles": "\n\n".join(texts * (size // sum(map(len, texts)) + 1)),
    }
    return {name: text.encode("utf-8")[:size].decode("utf-8", "ignore") for name, text in out.items()}


def in_process(texts: dict[str, str]) -> dict[str, float]:
    """Seconds to load and brief each text with the offline engine, warm."""
    from bot.config import load_settings
    from bot.service import BriefService

    service = BriefService(settings=load_settings(env={}), llm=None)
    service.brief(service.load_text(article(1)))
    times = {}
    for name, text in texts.items():
        started = time.perf_counter()
        service.brief(service.load_text(text))
        times[name] = time.perf_counter() - started
    return times


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "worker"], env=env, stdout=out, stderr=subprocess.STDOUT)


def under_load(texts: dict[str, str], *, concurrency: int, external: bool) -> dict[str, float]:
    """Ack latencies while the bot briefs every text at once; and the time until all are posted."""
    with tempfile.TemporaryDirectory() as tmp, bench_database(tmp) as database_url, ss.SlackStandin() as slack:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SLACK_APP_TOKEN")
        }
        env.update(
            {
                "SLACK_API_URL": slack.api_url,
                "SLACK_BOT_TOKEN": "xoxb-bench",
                "SLACK_SIGNING_SECRET": SECRET,
                "BRIEFBOT_DATA_DIR": tmp,
                "HOST": "127.0.0.1",
                "DATABASE_URL": database_url,
            }
        )
        if external:
            env["BRIEFBOT_WORKERS"] = "external"
        port = _free_port()
        procs = [_start_bot(env, port, Path(tmp) / "bot.log")]
        if external:
            procs.append(_start_worker(env, Path(tmp) / "worker.log"))
        try:
            asyncio.run(_fire(port, ss, [_event(ss, "EvWarm", article(9999), "1700000000.000001", "C0WARM")]))
            slack.wait_for("chat.update", 2, timeout=60)
            bodies = [
                _event(ss, f"EvA{i}", text, f"1800000000.{i:06d}", "C0HOSTILE") for i, text in enumerate(texts.values())
            ]
            acks = [_event(ss, f"EvK{i}", article(1000 + i), f"1900000000.{i:06d}", "C0ACKS") for i in range(concurrency)]
            started = time.perf_counter()
            asyncio.run(_fire(port, ss, bodies))
            time.sleep(0.3)  # the hostile briefs are now running
            latencies = asyncio.run(_fire(port, ss, acks))
            deadline = time.monotonic() + 300
            while _posted(slack, "C0HOSTILE") < len(bodies):
                if time.monotonic() > deadline:
                    raise RuntimeError("the hostile briefs did not finish within 300 s")
                time.sleep(0.05)
            total = time.perf_counter() - started
        finally:
            _stop(procs, timeout=20)
    return {
        "ack_p50_ms": statistics.median(latencies) * 1000,
        "ack_p99_ms": _pct(latencies, 99) * 1000,
        "ack_max_ms": max(latencies) * 1000,
        "all_posted_s": total,
    }


def _posted(slack: Any, channel: str) -> int:
    """Hostile messages answered: a brief or a plain notice replacing the placeholder."""
    return len({c.body.get("ts") for c in slack.api_calls("chat.update") if c.body.get("channel") == channel})


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.slack --adversarial")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--external-workers", action="store_true")
    args = parser.parse_args(argv)
    texts = inputs(args.size)
    times = in_process(texts)
    _out(f"cpus: {os.cpu_count()}; offline engine, warm, one brief at a time (target < 2 s each):")
    for name, seconds in times.items():
        _out(f"  {name:22} {len(texts[name].encode()) / 1000:6.1f} KB  {seconds:6.2f} s")
    _out(f"  slowest: {max(times.values()):.2f} s")
    result = under_load(texts, concurrency=args.concurrency, external=args.external_workers)
    mode = (
        "web process acks only, one worker process briefs"
        if args.external_workers
        else "one process, briefs on its threads"
        if os.environ.get("BRIEFBOT_WORKERS") == "inline"
        else "the bot acks, the worker process it started briefs"
    )
    _out(f"bot ({mode}): {len(texts)} hostile messages sent at once, all answered in {result['all_posted_s']:.1f} s")
    _out(
        f"ack latency, {args.concurrency} concurrent signed requests meanwhile: p50 {result['ack_p50_ms']:.1f} ms, "
        f"p99 {result['ack_p99_ms']:.1f} ms, max {result['ack_max_ms']:.1f} ms (target p99 < 100 ms)"
    )
    return 0 if max(times.values()) < 2 and result["ack_p99_ms"] < 100 else 1
