"""Claims hold under contention: threads sharing one Store, and two Stores standing in for two processes."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import test_store_db as db

from bot.article import Article
from bot.store import open_store

store_url = db.store_url
store = db.store
clock = db.clock


def _at_once(n: int, fn: Callable[[int], Any]) -> list[Any]:
    """Run ``fn(i)`` in ``n`` threads released together by a barrier."""
    barrier = threading.Barrier(n)

    def run(i: int) -> Any:
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_eight_threads_claiming_one_event_get_exactly_one_true(store):
    for round_ in range(10):
        results = _at_once(8, lambda _i, r=round_: store.claim_event(f"Ev-{r}"))
        assert results.count(True) == 1, results


def test_two_processes_claim_each_job_exactly_once(store_url):
    first, second = open_store(store_url), open_store(store_url)
    try:
        ids = {first.enqueue_job(kind="brief", payload={"n": n}) for n in range(40)}
        stores = [first, second] * 4

        def drain(i: int) -> list[int]:
            claimed = []
            while (job := stores[i].claim_next_job(worker=f"w{i}")) is not None:
                claimed.append(job.id)
                stores[i].finish_job(job.id)
            return claimed

        per_worker = _at_once(8, drain)
        counts = Counter(job_id for claimed in per_worker for job_id in claimed)
        assert set(counts) == ids
        assert set(counts.values()) == {1}
        assert first.pending_jobs() == []
    finally:
        first.close()
        second.close()


def test_claim_job_by_id_races_are_won_once(store_url):
    first, second = open_store(store_url), open_store(store_url)
    try:
        job_ids = [first.enqueue_job(kind="brief", payload={}) for _ in range(5)]
        for job_id in job_ids:
            wins = _at_once(6, lambda i, j=job_id: (first, second)[i % 2].claim_job(j, worker=f"w{i}"))
            assert wins.count(True) == 1
    finally:
        first.close()
        second.close()


def test_rate_limit_is_exact_under_concurrent_hits(store):
    results = _at_once(12, lambda _i: store.hit_rate_limit(key="U1", limit=5, window_s=60))
    assert results.count(False) == 5


def test_concurrent_saves_of_one_article_and_usage_updates_agree(store):
    article = Article(text="Same article posted in three channels at once.")
    ids = _at_once(8, lambda _i: store.save_article(article, canonical_url="https://news.example/same"))
    assert len(set(ids)) == 1
    _at_once(8, lambda _i: store.record_usage(workspace="T1", prompt_tokens=10, completion_tokens=1))
    assert store.tokens_used(workspace="T1") == 88


def test_processes_starting_together_migrate_once(store_url):
    stores = _at_once(4, lambda _i: open_store(store_url))
    try:
        with stores[0].db.session() as s:
            names = [r[0] for r in s.all("SELECT name FROM _migrations")]
        assert len(names) == len(set(names)) > 0
    finally:
        for opened in stores:
            opened.close()
