"""The service's cache, fallback and budget logic, driven through a scripted engine and answerer (no model)."""

from __future__ import annotations

import pytest
from scripted import ScriptedAnswerer, ScriptedEngine, draft_result
from test_service import AID, ARTICLE

from bot.config import load_settings
from bot.errors import ModelUnavailable
from bot.models import AidDraft
from bot.service import BriefService
from bot.store import open_store
from standins.openai_api import OpenAIStandin, structured_client

QUOTE = AID["evidence"]


def make(tmp_path, *, budget: int | None = None, **seams):
    settings = load_settings(env={})
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"daily_token_budget": budget})})
    return BriefService(settings=settings, store=open_store(str(tmp_path / "t.db")), llm=None, **seams)


def test_the_primarys_grounded_brief_is_cached_and_not_drafted_again(tmp_path):
    engine = ScriptedEngine()
    engine.enqueue(draft_result(aid=[AidDraft(**AID)]))
    service = make(tmp_path, engine=engine)
    article = service.load_text(ARTICLE)
    first = service.brief(article, workspace="T1")
    second = service.brief(article, workspace="T2")
    assert len(engine.calls) == 1
    assert first.engine == second.engine == "scripted:script-1"
    assert [a.amount for a in second.aid] == ["NOK 2 billion"]
    assert service.store.tokens_used(workspace="T1") == 600 and service.store.tokens_used(workspace="T2") == 0


def test_a_failing_primary_falls_back_with_a_note_and_is_not_cached(tmp_path):
    engine, fallback = ScriptedEngine(), ScriptedEngine("offline")
    engine.enqueue(ModelUnavailable("connection refused"), draft_result(aid=[AidDraft(**AID)]))
    fallback.enqueue(draft_result(engine="offline", aid=[AidDraft(**AID)]))
    service = make(tmp_path, engine=engine, fallback=fallback)
    article = service.load_text(ARTICLE)
    brief = service.brief(article)
    assert brief.engine == "offline" and "could not be used" in brief.notes[0]
    assert service.brief(article).engine == "scripted:script-1"  # tried again, not served from a cache
    assert len(engine.calls) == 2 and len(fallback.calls) == 1


def test_nothing_grounded_from_the_primary_shows_the_fallbacks_brief(tmp_path):
    engine, fallback = ScriptedEngine(), ScriptedEngine("offline")
    engine.enqueue(draft_result(aid=[AidDraft(**dict(AID, evidence="Norway pledged NOK 2 billion in secret."))]))
    fallback.enqueue(draft_result(engine="offline", aid=[AidDraft(**AID)]))
    service = make(tmp_path, engine=engine, fallback=fallback)
    brief = service.brief(service.load_text(ARTICLE))
    assert brief.engine == "offline" and "survived grounding" in brief.notes[0]


def test_the_brief_budget_keeps_the_primary_idle_once_spent(tmp_path):
    engine, fallback = ScriptedEngine(), ScriptedEngine("offline")
    engine.enqueue(draft_result(aid=[AidDraft(**AID)]))
    fallback.enqueue(draft_result(engine="offline"))
    service = make(tmp_path, budget=100, engine=engine, fallback=fallback)
    service.brief(service.load_text(ARTICLE), workspace="T1")
    brief = service.brief(service.load_text(ARTICLE.replace("Monday", "Tuesday")), workspace="T1")
    assert len(engine.calls) == 1 and brief.engine == "offline" and "budget" in brief.notes[0]


def test_answers_spend_the_workspace_budget_and_record_their_usage(tmp_path):
    answerer = ScriptedAnswerer()
    answerer.enqueue("Norway gives NOK 2 billion.", [QUOTE], tokens=100)
    answerer.enqueue("NOK 2 billion.", [QUOTE], tokens=100)
    service = make(tmp_path, budget=150, answerer=answerer)
    article = service.load_text(ARTICLE)
    first = service.ask(article, "How much does Norway give?", workspace="T1")
    second = service.ask(article, "How much, again?", workspace="T1")
    third = service.ask(article, "And in total?", workspace="T1")
    assert first.engine == second.engine == "llm:script-1"
    assert service.store.tokens_used(workspace="T1") == 220  # both model answers recorded
    assert third.engine == "extractive" and any("budget" in n for n in third.notes)
    assert answerer.calls == ["How much does Norway give?", "How much, again?"]
    # Another workspace has its own budget.
    answerer.enqueue("NOK 2 billion.", [QUOTE])
    assert service.ask(article, "How much?", workspace="T2").engine == "llm:script-1"


@pytest.fixture
def server():
    with OpenAIStandin() as s:
        yield s


def test_a_one_token_budget_lets_one_model_answer_through_and_records_it(server, tmp_path):
    """Through the real openai client: the first answer spends the budget, the next two are offline."""
    settings = load_settings(env={})
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"daily_token_budget": 1})})
    service = BriefService(settings=settings, store=open_store(str(tmp_path / "t.db")), llm=structured_client(server))
    for _ in range(3):
        server.enqueue_json({"answer": "Norway will give Ukraine NOK 2 billion.", "quotes": [QUOTE]})
    article = service.load_text(ARTICLE)
    results = [service.ask(article, "How much will Norway give?", workspace="T1") for _ in range(3)]
    assert len(server.requests) == 1
    assert service.store.tokens_used(workspace="T1") > 0
    assert [r.engine for r in results] == ["llm:gpt-4.1-mini", "extractive", "extractive"]


class _Overlap:
    """Wraps an engine and records how many of its drafts ran at the same moment."""

    def __init__(self, inner, hold_s: float) -> None:
        import threading

        self.inner, self.hold_s, self.name = inner, hold_s, inner.name
        self.model, self.prompt_version = getattr(inner, "model", ""), getattr(inner, "prompt_version", "")
        self._lock, self.now, self.most = threading.Lock(), 0, 0

    def draft(self, article):
        import time

        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(self.hold_s)
            return self.inner.draft(article)
        finally:
            with self._lock:
                self.now -= 1


def _in_threads(n: int, work) -> None:
    import threading

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)


def test_the_offline_engine_reads_one_article_at_a_time_while_model_calls_overlap(tmp_path):
    """Reading holds the interpreter lock: four at once would only make each other (and a worker's database
    transactions) wait. Waiting for the model is not reading, so model drafts still run side by side."""
    offline = _Overlap(ScriptedEngine("offline"), hold_s=0.05)
    for _ in range(4):
        offline.inner.enqueue(draft_result(aid=[AidDraft(**AID)]))
    service = make(tmp_path, fallback=offline)
    _in_threads(4, lambda i: service.brief(service.load_text(f"{ARTICLE}\nNote {i}."), engine="extractive"))
    assert len(offline.inner.calls) == 4 and offline.most == 1

    model = _Overlap(ScriptedEngine(), hold_s=0.2)
    for _ in range(4):
        model.inner.enqueue(draft_result(aid=[AidDraft(**AID)]))
    service = make(tmp_path, engine=model)
    _in_threads(4, lambda i: service.brief(service.load_text(f"{ARTICLE}\nModel {i}."), workspace=f"T{i}"))
    assert len(model.inner.calls) == 4 and model.most > 1
