"""Benchmark of digests over many stored briefs: ``python -m benchmarks.story [--briefs 10000]``.

Fills a fresh database (a SQLite file in a temporary folder; PostgreSQL when
``BRIEFBOT_BENCH_DATABASE_URL=postgresql://…``, in a schema of its own that is dropped afterwards) with
``--briefs`` briefs spread over 30 days and 20 channels, written through the same ``link_thread`` the
chat adapters call. The briefs are synthetic but shaped like real ones (about six items: aid in several
currencies, weapons policy, sanctions, claims by both sides about the domain's places). Then it times the
digests (the indexed query plus composition), the Markdown rendering, the chart, and one "what's new"
lookup, and prints each figure with the query plan of the digest's query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bot.models import AidItem, BattlefieldClaim, Brief, SanctionsItem, Side, Source, Stance, WeaponsPolicyItem

DAY = 86400.0
DONORS = [
    ("United States", "USD"),
    ("Germany", "EUR"),
    ("United Kingdom", "GBP"),
    ("Japan", "JPY"),
    ("Canada", "CAD"),
    ("European Union", "EUR"),
    ("Norway", "NOK"),
    ("Sweden", "SEK"),
    ("Poland", "PLN"),
]
WEAPONS = ["ATACMS", "Taurus", "Storm Shadow", "F-16", "HIMARS", "Patriot", "SCALP", "Leopard 2"]
PLACES = [
    "Pokrovsk",
    "Kupiansk",
    "Chasiv Yar",
    "Vovchansk",
    "Toretsk",
    "Kursk",
    "Bakhmut",
    "Avdiivka",
    "Vuhledar",
    "Robotyne",
    "Kharkiv",
    "Sumy",
    "Zaporizhzhia",
    "Kherson",
    "Huliaipole",
    "Lyman",
]
STANCES: list[Stance] = ["permitted", "restricted", "prohibited", "under_review"]


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def synthetic_brief(rng: random.Random, n: int) -> Brief:
    """A brief shaped like the offline engine's: ~6 verified items."""
    ev = f"Evidence sentence {n}."
    aid = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        donor, currency = rng.choice(DONORS)
        value = float(rng.choice([50, 125, 250, 400, 725, 1000, 2500])) * 1e6
        aid.append(
            AidItem(
                donor=donor,
                recipient="Ukraine",
                amount=f"{currency} {value / 1e6:g} million",
                value=value,
                currency=currency,
                aid_type="military",
                contents=[rng.choice(WEAPONS)],
                status="announced",
                evidence=ev,
                verified=True,
            )
        )
    policy = [
        WeaponsPolicyItem(
            actor=rng.choice(DONORS)[0],
            weapon=rng.choice(WEAPONS),
            stance=rng.choice(STANCES),
            scope=None,
            evidence=ev,
            verified=True,
        )
        for _ in range(rng.choice([0, 1, 1]))
    ]
    sanctions = [
        SanctionsItem(
            imposed_by=rng.choice(DONORS)[0],
            targets="entities",
            target_count=rng.randint(5, 500),
            target_countries=[],
            sectors=[],
            evidence=ev,
            verified=True,
        )
        for _ in range(rng.choice([0, 0, 1]))
    ]
    claims = []
    for _ in range(rng.choice([1, 2, 3])):
        side: Side = rng.choice(["ukraine", "russia"])
        claimant = "Ukrainian General Staff" if side == "ukraine" else "Russia's Defence Ministry"
        claims.append(
            BattlefieldClaim(
                claimant=claimant,
                claim=rng.choice(["repelled attacks", "captured positions"]),
                location=rng.choice(PLACES),
                side=side,
                status="claimed",
                evidence=ev,
                verified=True,
            )
        )
    source = Source(
        url=None, title=f"Synthetic article {n}", site=None, published=None, content_sha256=f"{n:064x}", tokens=500
    )
    return Brief(
        source=source,
        engine="extractive",
        summary="Synthetic.",
        aid=aid,
        weapons_policy=policy,
        sanctions=sanctions,
        battlefield_claims=claims,
        notes=[],
    )


@contextmanager
def _database() -> Iterator[str]:
    """SQLite in a temporary folder, or a fresh schema of ``BRIEFBOT_BENCH_DATABASE_URL`` (dropped after)."""
    from benchmarks.database import bench_database

    with tempfile.TemporaryDirectory() as tmp, bench_database(tmp) as url:
        yield url if "://" in url else f"sqlite:///{url}"


def _timed(fn: Callable[[], Any], runs: int) -> tuple[Any, list[tuple[float, float]]]:
    """The result, and (wall, CPU-in-this-process) milliseconds of each run."""
    times, result = [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    return result, times


def _fmt(times: list[tuple[float, float]], *, cpu: bool = True) -> str:
    walls = [w for w, _ in times]
    here = f" (median CPU in this process {statistics.median(c for _, c in times):.1f} ms)" if cpu else ""
    return f"median {statistics.median(walls):.1f} ms, max {max(walls):.1f} ms over {len(times)} runs{here}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from bot import stories
    from bot.article import Article
    from bot.config import Settings
    from bot.service import BriefService
    from bot.store import open_store
    from bot.story.render import render_markdown

    rng = random.Random(13)
    end = time.time()  # the briefs of the last 30 days, so that `briefbot digest 30d` (now) sees them all
    span = 29.9 * DAY
    clock = [end - span]
    with _database() as url, open_store(url, clock=lambda: clock[0]) as store:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        _out(
            f"database: {store.dialect_name}; {args.briefs:,} briefs over 30 days in {args.channels} channels; "
            f"load average {load} on {os.cpu_count()} CPUs"
        )
        started = time.perf_counter()
        step = span / args.briefs
        for start in range(0, args.briefs, 500):
            with store.db.transaction():
                for n in range(start, min(start + 500, args.briefs)):
                    brief = synthetic_brief(rng, n)
                    article_id = store.save_article(Article(text=f"Synthetic article {n}.", title=f"Article {n}"))
                    store.link_thread(
                        platform="slack",
                        channel=f"C{n % args.channels:04d}",
                        thread_ts=f"{1_700_000_000 + n}.000100",
                        article_id=article_id,
                        brief_json=brief.model_dump_json(),
                        workspace="T1",
                    )
                    clock[0] += step
        fill_s = time.perf_counter() - started
        if store.dialect_name == "postgresql":
            with store.db.session() as s:
                s.execute("ANALYZE brief_items")  # what autovacuum does soon after a bulk load
        _out(
            f"filled {store.count_items():,} item rows in {fill_s:.1f} s "
            f"({args.briefs / fill_s:,.0f} briefs/s through link_thread)"
        )
        service = BriefService(settings=Settings(), store=store, llm=None)
        now = end
        cases: list[tuple[str, str | None]] = [("30d", None), ("week", None), ("today", None), ("30d", "C0000")]
        for period, channel in cases:

            def run(p: str = period, c: str | None = channel) -> Any:
                return stories.digest(service, period=p, now=now, platform="slack", channel=c)

            digest, times = _timed(run, args.runs)
            lines = sum(len(d.lines) for d in digest.aid) + len(digest.policy) + len(digest.sanctions)
            where = f"channel {channel}" if channel else "all channels"
            _out(
                f"digest {period:>5}, {where}: {digest.briefs:,} briefs, {lines:,} lines, "
                f"{len(digest.claims)} places: {_fmt(times)}"
            )
        digest = stories.digest(service, period="30d", now=now)
        _, times = _timed(lambda: render_markdown(digest), args.runs)
        _out(f"Markdown of the 30-day digest: {_fmt(times)}")
        _, times = _timed(lambda: stories.chart(digest), 3)
        _out(f"chart PNG of the 30-day digest: {_fmt(times)}")
        _, times = _timed(lambda: _cli_digest(url), 3)
        _out(f"`briefbot digest 30d --platform slack` as a process (start, query, Markdown out): {_fmt(times, cpu=False)}")
        _, times = _timed(lambda: _slack_digest(service, now), args.runs)
        _out(f"one channel's 30-day digest as Slack messages (query, blocks, the full Markdown file): {_fmt(times)}")
        probe = synthetic_brief(rng, args.briefs + 1)
        notes, times = _timed(lambda: stories.whats_new(service, probe, platform="slack", channel="C0000"), args.runs)
        _out(f"what's new for one brief against its channel: {len(notes)} notes, {_fmt(times)}")
        _plan(store, now)


def _slack_digest(service: Any, now: float) -> None:
    """What ``/brief digest 30d`` computes before posting, but the chart: messages within Slack's limits and,
    when they don't hold it all, the full digest file."""
    from bot import stories
    from bot.slack.digest import digest_messages
    from bot.story.links import thread_url
    from bot.story.render import render_markdown

    found = stories.digest(service, period="30d", now=now, platform="slack", channel="C0000")

    def linker(ref: Any) -> str | None:
        return thread_url(ref, slack_workspace_url="https://acme.slack.com/")

    if not digest_messages(found, linker=linker).complete:
        render_markdown(found, linker=linker)


def _cli_digest(url: str) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "bot", "digest", "30d", "--platform", "slack"],
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"briefbot digest failed: {done.stderr.strip()}")


def _plan(store: Any, now: float) -> None:
    base = "SELECT * FROM brief_items WHERE created_at >= ? AND created_at < ? AND platform = ?"
    window = (now - 30 * DAY, now, "slack")
    for name, query, params in (
        ("all channels", base + " ORDER BY created_at", window),
        ("one channel", base + " AND channel = ? ORDER BY created_at", (*window, "C0000")),
    ):
        with store.db.session() as s:
            if store.dialect_name == "sqlite":
                rows = s.all("EXPLAIN QUERY PLAN " + query, params)
                plan = "; ".join(str(r[-1]) for r in rows)
            else:
                rows = s.all("EXPLAIN " + query, params)
                plan = "; ".join(str(r[0]).strip() for r in rows[:3])
        _out(f"query plan ({name}): {plan}")


if __name__ == "__main__":
    main()
