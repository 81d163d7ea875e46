"""The chat gate after the merge of h11 into h12's chat layer: one ``Store.admit`` call per request
(claims, allow-lists, rate limit and the job together), on SQLite and PostgreSQL."""

from __future__ import annotations

import test_store_db as db

from bot.chat import BRIEF, Gate, Where
from bot.config import load_settings

store_url = db.store_url
store = db.store
clock = db.clock

HERE = Where(platform="slack", workspace="T1", channel="C1", user="U1")


def _gate(store, **slack) -> Gate:
    settings = load_settings()
    settings = settings.model_copy(update={"slack": settings.slack.model_copy(update=slack)})
    return Gate(settings=settings, store=store)


def test_an_admitted_request_records_its_job_in_the_same_call(store):
    got = _gate(store).admit(HERE, keys=("event:Ev1", "message:C1:1.0"), job=(BRIEF, {"text": "hello"}))
    assert got.ok and got.job_id is not None
    job = store.get_job(got.job_id)
    assert (job.kind, job.payload, job.status) == (BRIEF, {"text": "hello"}, "pending")
    # A retry of the same event is a duplicate and records no second job.
    again = _gate(store).admit(HERE, keys=("event:Ev1",), job=(BRIEF, {"text": "hello"}))
    assert (again.ok, again.reason, again.job_id) == (False, "duplicate", None)
    assert [j.id for j in store.pending_jobs()] == [got.job_id]


def test_a_request_without_a_job_is_admitted_without_one(store):
    got = _gate(store).admit(HERE, keys=("event:Ev2",))
    assert got.ok and got.job_id is None
    assert store.pending_jobs() == []


def test_not_allowed_claims_the_keys_and_records_no_job(store):
    gate = _gate(store, allowed_channels=["C9"])
    got = gate.admit(HERE, keys=("event:Ev3",), job=(BRIEF, {}))
    assert (got.ok, got.reason, got.notice is not None) == (False, "not_allowed", True)
    assert gate.admit(HERE, keys=("event:Ev3",), job=(BRIEF, {})).reason == "duplicate"  # a retry says nothing
    assert store.pending_jobs() == []


def test_over_the_rate_limit_is_refused_with_a_notice_and_no_job(store):
    gate = _gate(store, rate_limit_per_user_per_hour=1)
    assert gate.admit(HERE, keys=("event:Ev4",), job=(BRIEF, {})).ok
    got = gate.admit(HERE, keys=("event:Ev5",), job=(BRIEF, {}))
    assert (got.ok, got.reason, got.job_id) == (False, "rate_limited", None)
    assert got.notice and "1 requests per hour" in got.notice
    assert len(store.pending_jobs()) == 1


def test_admit_later_decides_as_admit_does_once_committed(store):
    # What the HTTP server uses on its event loop: the same decisions, as futures.
    gate = _gate(store, rate_limit_per_user_per_hour=2)
    first = gate.admit_later(HERE, keys=("event:Ev6", "message:C1:6.0"), job=(BRIEF, {"n": 6})).result(10)
    assert first.ok and store.get_job(first.job_id).payload == {"n": 6}
    assert gate.admit_later(HERE, keys=("event:Ev6",), job=(BRIEF, {})).result(10).reason == "duplicate"
    assert gate.admit_later(HERE, keys=("event:Ev7",)).result(10).ok
    limited = gate.admit_later(HERE, keys=("event:Ev8",), job=(BRIEF, {})).result(10)
    assert (limited.ok, limited.reason) == (False, "rate_limited")
    closed = _gate(store, allowed_channels=["C9"]).admit_later(HERE, keys=("event:Ev9",), job=(BRIEF, {})).result(10)
    assert (closed.ok, closed.reason) == (False, "not_allowed")
    assert [j.payload for j in store.pending_jobs()] == [{"n": 6}]  # only the admitted request's job
    nothing = _gate(store).admit_later(Where(platform="slack", workspace="T1", channel="C1")).result(0)
    assert nothing.ok  # no key, no user, no job: admitted without a database call
