"""The job pool on its own: its poller forgets old event ids (and old rate-limit hits) and removes old finished
jobs, at start and then every ``prune_every_s``, so the tables do not grow without bound (recent ids still
dedupe retries, unfinished jobs are never removed); and work waits (briefly) while the process is answering a
burst of requests."""

from __future__ import annotations

import time

import test_store_db as db

from bot.chat.jobs import KEEP_EVENTS_S, KEEP_JOBS_S, JobPool
from bot.store import RateLimit

store_url = db.store_url
store = db.store
clock = db.clock


def _wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the poller did not prune in time"
        time.sleep(0.02)


def _count(store, table: str) -> int:
    with store.db.session() as s:
        return int(s.one(f"SELECT COUNT(*) FROM {table}")[0])


def test_the_poller_forgets_old_event_ids_at_start_and_then_on_schedule(store, clock):
    rate = RateLimit(key="slack:T1:U1", limit=100, window_s=3600)
    for n in range(5):
        assert store.admit(keys=[f"slack:event:Old{n}"], rate=rate).status == "admitted"
    clock.advance(KEEP_EVENTS_S + 60)
    assert store.admit(keys=["slack:event:New"]).status == "admitted"
    pool = JobPool(store=store, handlers={}, workers=1, poll_s=0.02, prune_every_s=0.05).start()
    try:
        _wait_for(lambda: _count(store, "events") == 1)  # pruned at start: only the new id is left
        assert _count(store, "rate_hits") == 0  # hits that old count against nothing any more
        assert store.admit(keys=["slack:event:New"]).status == "duplicate"  # recent ids still dedupe
        assert store.admit(keys=["slack:event:Old0"]).status == "admitted"  # a forgotten id is new again
        clock.advance(KEEP_EVENTS_S + 60)
        _wait_for(lambda: _count(store, "events") == 0)  # and again on the next round
    finally:
        pool.close()


def test_a_large_backlog_is_pruned_in_chunks(store, clock):
    for n in range(25):
        store.claim_event(f"e{n}")
    clock.advance(100)
    store.claim_event("kept")
    assert store.prune_events(50, chunk=10) == 25
    assert _count(store, "events") == 1


def _finished(store, n: int, *, error: str | None = None) -> int:
    job_id = store.enqueue_job(kind="brief", payload={"n": n})
    assert store.claim_job(job_id, worker="w1")
    store.finish_job(job_id, error=error)
    return job_id


def test_finished_jobs_are_removed_once_old_and_unfinished_ones_never(store, clock):
    done, failed = _finished(store, 1), _finished(store, 2, error="ValueError: boom")
    pending = store.enqueue_job(kind="brief", payload={"n": 3})
    running = store.enqueue_job(kind="brief", payload={"n": 4})
    assert store.claim_job(running, worker="gone-host:1:x")  # its worker died long ago: still owed
    clock.advance(KEEP_JOBS_S + 60)
    recent = _finished(store, 5)
    assert store.prune_jobs(KEEP_JOBS_S) == 2
    assert store.get_job(done) is None and store.get_job(failed) is None
    assert [j.id for j in store.pending_jobs()] == [pending, running]
    assert store.get_job(recent).status == "done"
    assert store.prune_jobs(KEEP_JOBS_S) == 0


def test_the_poller_removes_old_finished_jobs_at_start_and_then_on_schedule(store, clock):
    old = [_finished(store, n) for n in range(25)]
    clock.advance(KEEP_JOBS_S + 60)
    kept = _finished(store, 99)
    pool = JobPool(store=store, handlers={}, workers=1, poll_s=0.02, prune_every_s=0.05).start()
    try:
        _wait_for(lambda: _count(store, "jobs") == 1)
        assert all(store.get_job(j) is None for j in old) and store.get_job(kept).status == "done"
        clock.advance(KEEP_JOBS_S + 60)
        _wait_for(lambda: _count(store, "jobs") == 0)
    finally:
        pool.close()


def test_a_large_backlog_of_finished_jobs_is_pruned_in_chunks(store, clock):
    for n in range(25):
        _finished(store, n)
    clock.advance(100)
    _finished(store, 99)
    assert store.prune_jobs(50, chunk=10) == 25
    assert _count(store, "jobs") == 1


def test_work_waits_while_the_process_is_busy_acknowledging_but_not_for_ever(store):
    ran: list[float] = []
    busy = {"now": True}
    pool = JobPool(store=store, handlers={}, workers=2, poll_s=60).start()
    try:
        pool.yield_to(lambda: busy["now"], max_wait_s=5.0)
        started = time.monotonic()
        pool.run_now(lambda: ran.append(time.monotonic()))
        time.sleep(0.3)
        assert ran == []  # held while requests are being answered
        busy["now"] = False
        _wait_for(lambda: ran)
        assert ran[0] - started >= 0.3
        pool.yield_to(lambda: True, max_wait_s=0.2)  # always busy: work still starts after the longest wait
        started = time.monotonic()
        pool.run_now(lambda: ran.append(time.monotonic()))
        _wait_for(lambda: len(ran) == 2)
        assert 0.2 <= ran[1] - started < 3.0
    finally:
        pool.close()
