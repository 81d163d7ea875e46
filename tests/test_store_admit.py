"""``Store.admit``: a Slack request's whole acknowledgement in one call (claims, rate limit, job), on SQLite
and PostgreSQL, alone and under contention from threads and a second store standing in for a process."""

from __future__ import annotations

import pytest
import test_store_db as db
from test_store_concurrency import _at_once

from bot.errors import StorageError
from bot.store import RateLimit, open_store
from bot.store.work import _one_items_fault

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


def test_a_batch_is_decided_in_order_as_if_each_came_alone(store):
    # What the group commit writes in one transaction (one call on PostgreSQL): a repeat inside the batch
    # and a repeat of an earlier request are duplicates, and the rate limit counts the batch's own hits.
    assert store.admit(keys=["old"]).status == "admitted"
    rate = RateLimit(key="slack:T1:U3", limit=2, window_s=3600)
    asks = [
        (["a", "b"], None, "brief", '{"n": 1}'),
        (["b"], None, "brief", '{"n": 2}'),  # b is a's
        (["old", "c"], None, "brief", '{"n": 3}'),  # old was claimed before the batch
        (["c"], None, None, None),  # c went with the duplicate above
        ([], None, None, None),
        (["r1"], rate, "brief", '{"n": 4}'),
        (["r2"], rate, None, None),
        (["r3"], rate, "brief", '{"n": 5}'),  # the third hit in the hour
        (["r3"], rate, "brief", '{"n": 6}'),
    ]
    results = store._write_admissions(asks)
    assert results[1:5] == [-1, -1, -1, 0]
    assert results[6:] == [0, -2, -1]
    jobs = {job.id: job.payload for job in store.pending_jobs()}
    assert jobs == {results[0]: {"n": 1}, results[5]: {"n": 4}}
    assert store.admit(keys=["a"]).status == "duplicate"
    assert store.admit(keys=["r9"], rate=rate).status == "limited"


def test_concurrent_admissions_are_written_together_and_each_decided_once(store_url):
    stores = [open_store(store_url), open_store(store_url)]  # two processes, each batching its own callers
    try:
        rate = RateLimit(key="slack:T1:U4", limit=10, window_s=3600)

        def admit(i: int) -> str:
            # 48 requests, each retried once at the other "process"; keys overlap in both orders.
            n = i % 48
            keys = [f"slack:event:E{n}", f"slack:message:C1:{n}"][:: 1 if i < 48 else -1]
            return stores[i % 2].admit(keys=keys, rate=rate if n % 4 == 0 else None, job=("brief", {"n": n})).status

        got = _at_once(96, admit)
        assert got.count("duplicate") == 48
        assert got.count("limited") == 2  # 12 of the requests count against the limit of 10
        assert got.count("admitted") == 46
        jobs = sorted(job.payload["n"] for job in stores[0].pending_jobs())
        assert len(jobs) == 46 and len(set(jobs)) == 46  # one job per admitted request
        assert {n for n in range(48) if n % 4} <= set(jobs)  # only rate-limited ones were refused
    finally:
        for s in stores:
            s.close()


def test_a_request_the_database_refuses_fails_alone_in_its_batch(store_url):
    # A NUL cannot be stored in PostgreSQL text: that admission's batch fails, is written again one by one,
    # and only the bad request's caller sees the error. (SQLite stores it: both are admitted.)
    with open_store(store_url) as store:
        if store.dialect_name == "postgresql":
            with pytest.raises(StorageError) as refused:
                store._write_admissions([(["fine0"], None, None, None), (["bad\x00key"], None, None, None)])
            assert _one_items_fault(refused.value)  # so the batch is written again one by one
        got = _at_once(2, lambda i: _try_admit(store, ["fine"] if i == 0 else ["bad\x00key"]))
        assert got[0] == "admitted"
        assert got[1] == ("error" if store.dialect_name == "postgresql" else "admitted")
        assert store.admit(keys=["fine0"]).status == "admitted"  # the failed batch wrote nothing
    assert not _one_items_fault(StorageError("cannot connect", user_message="down"))


def _try_admit(store, keys):
    try:
        return store.admit(keys=keys).status
    except StorageError:
        return "error"
