"""The store's behaviour as its callers see it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import test_store_db as db

from bot.article import Article
from bot.errors import StorageError
from bot.qa import Turn
from bot.store import Job, ThreadRecord, open_store

store_url = db.store_url
store = db.store
clock = db.clock

ARTICLE = Article(
    text="Shelling hit the northern district overnight.\n\nOfficials said 12 people were hurt.",
    title="Night of shelling",
    url="https://news.example/a?utm_source=x",
    site="Example News",
    published="2025-03-01",
    kind="url",
    extra={"lang": "en"},
)


# -- articles -------------------------------------------------------------------------------------------


def test_the_same_article_is_stored_once_and_read_back_whole(store):
    first = store.save_article(ARTICLE, canonical_url="https://news.example/a")
    again = store.save_article(ARTICLE)
    assert first == again
    assert store.get_article(first) == ARTICLE
    assert store.find_article(content_sha256=ARTICLE.content_sha256) == first


def test_an_updated_article_at_the_same_canonical_url_is_recognised(store):
    first = store.save_article(ARTICLE, canonical_url="https://news.example/a")
    edited = Article(text=ARTICLE.text + "\n\nUpdate: a third strike was reported.", url=ARTICLE.url)
    assert store.save_article(edited, canonical_url="https://news.example/a") == first
    assert store.find_article(canonical_url="https://news.example/a") == first


def test_canonical_url_learnt_later_is_remembered(store):
    first = store.save_article(ARTICLE)  # pasted text: no URL known yet
    assert store.save_article(ARTICLE, canonical_url="https://news.example/a") == first
    assert store.find_article(canonical_url="https://news.example/a") == first


def test_different_articles_get_different_ids_and_unknown_ones_are_none(store):
    a = store.save_article(ARTICLE)
    b = store.save_article(Article(text="A different report entirely."))
    assert a != b
    assert store.get_article(b + 1000) is None
    assert store.find_article(content_sha256="0" * 64) is None
    assert store.find_article(canonical_url="https://nowhere.example/") is None
    assert store.find_article() is None


# -- brief cache and token usage ------------------------------------------------------------------------


def test_brief_cache_round_trips_and_replaces(store):
    article_id = store.save_article(ARTICLE)
    assert store.get_cached_brief("k1") is None
    brief = json.dumps({"summary": "Frappes nocturnes — 12 blessés", "items": []}, ensure_ascii=False)
    store.put_cached_brief(
        "k1",
        article_id=article_id,
        brief_json=brief,
        engine="llm",
        model="gpt-4.1-mini",
        prompt_tokens=900,
        completion_tokens=120,
    )
    assert store.get_cached_brief("k1") == brief
    store.put_cached_brief("k1", article_id=None, brief_json="{}", engine="extractive", model=None)
    assert store.get_cached_brief("k1") == "{}"


def test_token_usage_adds_up_per_workspace_and_utc_day(store, clock):
    clock.now = datetime(2025, 1, 1, 23, 59, 59, tzinfo=UTC).timestamp()
    store.record_usage(workspace="T1", prompt_tokens=100, completion_tokens=20)
    store.record_usage(workspace="T1", prompt_tokens=50, completion_tokens=5)
    store.record_usage(workspace="T2", prompt_tokens=7, completion_tokens=0)
    assert store.tokens_used(workspace="T1") == 175
    assert store.tokens_used(workspace="T1", day="2025-01-01") == 175
    clock.advance(2)  # past midnight UTC: a new budget day
    assert store.tokens_used(workspace="T1") == 0
    store.record_usage(workspace="T1", prompt_tokens=1, completion_tokens=1)
    assert store.tokens_used(workspace="T1", day="2025-01-02") == 2
    assert store.tokens_used(workspace="T2", day="2025-01-01") == 7
    assert store.tokens_used(workspace="nobody") == 0


# -- threads and turns ----------------------------------------------------------------------------------


def test_a_thread_remembers_its_article_and_brief(store, clock):
    article_id = store.save_article(ARTICLE)
    store.link_thread(
        platform="slack",
        channel="C1",
        thread_ts="111.1",
        article_id=article_id,
        brief_json='{"v": 1}',
        workspace="T1",
        message_ts="111.2",
    )
    found = store.get_thread(platform="slack", channel="C1", thread_ts="111.1")
    assert found == ThreadRecord(
        platform="slack",
        channel="C1",
        thread_ts="111.1",
        article_id=article_id,
        brief_json='{"v": 1}',
        workspace="T1",
        message_ts="111.2",
        created_at=clock.now,
    )
    assert store.get_thread(platform="discord", channel="C1", thread_ts="111.1") is None
    assert store.get_thread(platform="slack", channel="C2", thread_ts="111.1") is None
    # Linking again (the placeholder became the brief) replaces the brief but keeps what it doesn't give.
    store.link_thread(platform="slack", channel="C1", thread_ts="111.1", article_id=article_id, brief_json='{"v": 2}')
    again = store.get_thread(platform="slack", channel="C1", thread_ts="111.1")
    assert (again.brief_json, again.workspace, again.message_ts) == ('{"v": 2}', "T1", "111.2")


def test_the_same_link_twice_points_to_the_latest_thread_in_that_channel(store, clock):
    article_id = store.save_article(ARTICLE)
    assert store.find_thread_for_article(platform="slack", channel="C1", article_id=article_id) is None
    store.link_thread(platform="slack", channel="C1", thread_ts="1.0", article_id=article_id, brief_json="{}")
    clock.advance(10)
    store.link_thread(platform="slack", channel="C1", thread_ts="2.0", article_id=article_id, brief_json="{}")
    found = store.find_thread_for_article(platform="slack", channel="C1", article_id=article_id)
    assert found.thread_ts == "2.0"
    assert store.find_thread_for_article(platform="slack", channel="C9", article_id=article_id) is None


def test_recent_threads_for_app_home(store, clock):
    article_id = store.save_article(ARTICLE)
    for n in range(5):
        clock.advance(1)
        store.link_thread(
            platform="slack",
            channel="C1",
            thread_ts=f"{n}.0",
            article_id=article_id,
            brief_json="{}",
            workspace="T1" if n % 2 == 0 else "T2",
        )
    store.link_thread(platform="discord", channel="D1", thread_ts="9.0", article_id=article_id, brief_json="{}")

    def recent(**kw):
        return [t.thread_ts for t in store.recent_threads(platform="slack", **kw)]

    assert recent(workspace="T1") == ["4.0", "2.0", "0.0"]
    assert recent(workspace="T1", limit=2) == ["4.0", "2.0"]
    assert len(store.recent_threads(platform="slack", workspace=None)) == 5
    assert store.recent_threads(platform="slack", workspace="T3") == []


def test_thread_memory_keeps_questions_in_order(store, clock):
    where = {"platform": "slack", "channel": "C1", "thread_ts": "1.0"}
    assert store.get_turns(**where) == []
    store.add_turn(**where, question="How many were hurt?", answer="12, according to officials.")
    clock.advance(1)
    store.add_turn(**where, question="Where?", answer="The northern district.")
    store.add_turn(platform="slack", channel="C1", thread_ts="other", question="?", answer="!")
    assert store.get_turns(**where) == [
        Turn(question="How many were hurt?", answer="12, according to officials."),
        Turn(question="Where?", answer="The northern district."),
    ]


# -- events, jobs, rate limits --------------------------------------------------------------------------


def test_an_event_is_claimed_once_until_pruned(store, clock):
    assert store.claim_event("Ev1") is True
    assert store.claim_event("Ev1") is False
    assert store.claim_event("Ev2") is True
    clock.advance(3600)
    assert store.claim_event("Ev3") is True
    assert store.prune_events(1800) == 2  # Ev1, Ev2 are old; Ev3 is kept
    assert store.claim_event("Ev3") is False
    assert store.claim_event("Ev1") is True


def test_a_job_is_claimed_once_and_leaves_the_queue_when_finished(store, clock):
    job_id = store.enqueue_job(kind="brief", payload={"channel": "C1", "text": "https://x.example/ü"})
    [job] = store.pending_jobs()
    assert job == Job(
        id=job_id,
        kind="brief",
        payload={"channel": "C1", "text": "https://x.example/ü"},
        status="pending",
        attempts=0,
        created_at=clock.now,
        updated_at=clock.now,
    )
    assert store.claim_job(job_id, worker="w1") is True
    assert store.claim_job(job_id, worker="w2") is False
    assert store.claim_next_job(worker="w2") is None  # running and fresh: not anyone else's
    assert [j.status for j in store.pending_jobs()] == ["running"]
    store.finish_job(job_id)
    assert store.pending_jobs() == []
    assert store.get_job(job_id).status == "done"
    assert store.claim_job(job_id, worker="w2") is False


def test_claim_next_job_takes_oldest_first_and_records_failures(store):
    ids = [store.enqueue_job(kind="brief", payload={"n": n}) for n in range(3)]
    taken = [store.claim_next_job(worker="w") for _ in range(4)]
    assert [j.id for j in taken[:3]] == ids and taken[3] is None
    assert all(j.status == "running" and j.attempts == 1 and j.worker == "w" for j in taken[:3])
    store.finish_job(ids[0], error="model unavailable")
    failed = store.get_job(ids[0])
    assert (failed.status, failed.error) == ("failed", "model unavailable")


def test_work_lost_in_a_crash_is_retaken_after_it_goes_stale(store_url, clock):
    crashed = open_store(store_url, clock=clock)
    job_id = crashed.enqueue_job(kind="brief", payload={"n": 1})
    assert crashed.claim_job(job_id, worker="dead-worker")
    crashed.close()  # the process dies before finish_job

    restarted = open_store(store_url, clock=clock)
    try:
        assert [j.id for j in restarted.pending_jobs()] == [job_id]
        clock.advance(299)
        assert restarted.claim_next_job(worker="new", stale_after_s=300) is None
        clock.advance(2)
        job = restarted.claim_next_job(worker="new", stale_after_s=300)
        assert (job.id, job.worker, job.attempts, job.payload) == (job_id, "new", 2, {"n": 1})
        # A long job that reports progress is not taken from its worker.
        restarted.touch_job(job_id)
        clock.advance(200)
        restarted.touch_job(job_id)
        clock.advance(200)
        assert restarted.claim_next_job(worker="third", stale_after_s=300) is None
    finally:
        restarted.close()


def test_a_job_that_keeps_killing_its_worker_is_given_up(store, clock):
    job_id = store.enqueue_job(kind="brief", payload={})
    for _ in range(3):
        assert store.claim_next_job(worker="w", stale_after_s=10, max_attempts=3).id == job_id
        clock.advance(11)
    assert store.claim_next_job(worker="w", stale_after_s=10, max_attempts=3) is None
    job = store.get_job(job_id)
    assert (job.status, job.attempts, job.error) == ("failed", 3, "gave up after 3 attempts")


def test_rate_limit_counts_hits_in_a_sliding_window(store, clock):
    over = [store.hit_rate_limit(key="slack:T1:U1", limit=3, window_s=60) for _ in range(5)]
    assert over == [False, False, False, True, True]
    assert store.hit_rate_limit(key="slack:T1:U2", limit=3, window_s=60) is False  # another user
    clock.advance(59)
    assert store.hit_rate_limit(key="slack:T1:U1", limit=3, window_s=60) is True
    clock.advance(2)  # the first three hits are now older than the window; refused ones never counted
    assert [store.hit_rate_limit(key="slack:T1:U1", limit=3, window_s=60) for _ in range(4)] == [False, False, False, True]


# -- opening ----------------------------------------------------------------------------------------------


def test_default_store_is_a_sqlite_file_in_the_data_dir_and_persists(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "state"))
    with open_store() as first:
        article_id = first.save_article(ARTICLE)
        assert first.dialect_name == "sqlite"
    assert (tmp_path / "state" / "briefbot.db").is_file()
    with open_store(str(tmp_path / "state" / "briefbot.db")) as again:
        assert again.get_article(article_id) == ARTICLE


def test_a_closed_store_raises_storage_error(store):
    store.close()
    with pytest.raises(StorageError):
        store.claim_event("late")


def test_bad_urls_fail_with_storage_error_and_no_password(tmp_path):
    with pytest.raises(StorageError, match="unsupported database URL scheme 'mysql'"):
        open_store("mysql://root@localhost/x")
    with pytest.raises(StorageError) as caught:
        open_store("postgresql://bot:s3cret-pw@127.0.0.1:1/briefbot")  # nothing listens on port 1
    assert "s3cret-pw" not in str(caught.value)
    assert "***" in str(caught.value)
    assert caught.value.user_message.startswith("The bot's database is unavailable")
