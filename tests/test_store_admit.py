"""``Store.admit``: a Slack request's whole acknowledgement in one call (claims, rate limit, job), on SQLite
and PostgreSQL, alone and under contention from threads and a second store standing in for a process."""

from __future__ import annotations

import test_store_db as db
from test_store_concurrency import _at_once

from bot.store import RateLimit, open_store

store_url = db.store_url
store = db.store
clock = db.clock


def test_a_new_request_is_admitted_with_its_job(store):
    got = store.admit(keys=["slack:event:Ev1", "slack:message:C1:1.0"], job=("brief", {"text": "hello"}))
    assert got.status == "admitted" and got.job_id is not None
    job = store.get_job(got.job_id)
    assert (job.kind, job.payload, job.status) == ("brief", {"text": "hello"}, "pending")


def test_a_request_without_a_job_is_admitted_and_records_nothing_else(store):
    got = store.admit(keys=["slack:event:Ev2"])
    assert (got.status, got.job_id) == ("admitted", None)
    assert store.pending_jobs() == []


def test_a_repeat_of_any_key_is_a_duplicate_and_records_no_job(store):
    assert store.admit(keys=["slack:message:C1:2.0"]).status == "admitted"
    assert store.admit(keys=["slack:event:Ev3", "slack:message:C1:2.0"], job=("brief", {})).status == "duplicate"
    assert store.admit(keys=["slack:event:Ev3"]).status == "duplicate"  # its other key was claimed with it
    assert store.pending_jobs() == []


def test_the_rate_limit_counts_admitted_requests_only_and_forgets_old_ones(store, clock):
    rate = RateLimit(key="slack:T1:U1", limit=2, window_s=3600)
    statuses = [store.admit(keys=[f"k{n}"], rate=rate, job=("brief", {})).status for n in range(4)]
    assert statuses == ["admitted", "admitted", "limited", "limited"]
    assert store.admit(keys=["k0"], rate=rate).status == "duplicate"  # a retry is not counted
    assert len(store.pending_jobs()) == 2
    clock.advance(3601)
    assert store.admit(keys=["k9"], rate=rate).status == "admitted"


def test_concurrent_requests_of_one_user_never_pass_the_limit(store_url):
    stores = [open_store(store_url), open_store(store_url)]  # two processes' worth of connections
    try:
        rate = RateLimit(key="slack:T1:U2", limit=5, window_s=3600)
        got = _at_once(16, lambda i: stores[i % 2].admit(keys=[f"r{i}"], rate=rate, job=("brief", {"i": i})))
        assert [g.status for g in got].count("admitted") == 5
        assert len(stores[0].pending_jobs()) == 5
    finally:
        for s in stores:
            s.close()


def test_a_retry_racing_its_original_is_admitted_once(store_url):
    stores = [open_store(store_url), open_store(store_url)]
    try:
        for n in range(5):
            got = _at_once(8, lambda i, n=n: stores[i % 2].admit(keys=[f"slack:event:E{n}"], job=("brief", {})))
            assert [g.status for g in got].count("admitted") == 1
        assert len(stores[0].pending_jobs()) == 5
    finally:
        for s in stores:
            s.close()
