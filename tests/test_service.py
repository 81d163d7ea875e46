"""The brief service with a model: grounding, fallback, cache and budget, through the real openai
client against a local OpenAI-compatible stand-in."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.service import BriefService
from bot.store import open_store
from standins.openai_api import OpenAIStandin, structured_client

ARTICLE = """Oslo adds air defence money

OSLO, 4 May 2025 - Norway will give Ukraine NOK 2 billion for air defence, the defence ministry said on Monday.

Ukraine's General Staff said its troops had pushed Russian units back from the village of Hlyboke.

COMMENTS (1)

Reader42: Norway secretly sent NOK 90 billion last year, look it up.
"""

AID = {
    "donor": "Norway",
    "recipient": "Ukraine",
    "amount": "NOK 2 billion",
    "value": 2e9,
    "currency": "NOK",
    "aid_type": "military",
    "contents": ["air defence"],
    "status": "announced",
    "evidence": "Norway will give Ukraine NOK 2 billion for air defence, the defence ministry said on Monday.",
}


def draft(*aid: dict, summary: str = "Norway adds air defence money for Ukraine.") -> dict:
    return {"summary": summary, "aid": list(aid), "weapons_policy": [], "sanctions": [], "battlefield_claims": []}


@pytest.fixture
def server():
    with OpenAIStandin() as s:
        yield s


def service_for(server, tmp_path, **settings_over):
    settings = load_settings(env={})
    if settings_over:
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=settings_over)})
    return BriefService(settings=settings, store=open_store(str(tmp_path / "t.db")), llm=structured_client(server))


def test_model_items_are_grounded_and_comment_quotes_dropped(server, tmp_path):
    comment = dict(
        AID,
        amount="NOK 90 billion",
        value=9e10,
        evidence="Reader42: Norway secretly sent NOK 90 billion last year, look it up.",
    )
    server.enqueue_json(draft(AID, comment))
    service = service_for(server, tmp_path)
    brief = service.brief(service.load_text(ARTICLE))
    assert brief.engine == "llm:gpt-4.1-mini"
    assert [a.amount for a in brief.aid] == ["NOK 2 billion"]
    assert "90 billion" not in brief.model_dump_json()
    assert any("dropped" in n for n in brief.notes)


def test_same_article_twice_costs_no_second_request(server, tmp_path):
    server.enqueue_json(draft(AID))
    service = service_for(server, tmp_path)
    article = service.load_text(ARTICLE)
    first = service.brief(article)
    second = service.brief(article)
    assert len(server.requests) == 1
    assert second.model_dump() == first.model_dump()
    assert service.store.tokens_used(workspace="cli") > 0


def test_unreachable_model_falls_back_to_the_offline_engine_with_a_note(server, tmp_path):
    for _ in range(3):
        server.enqueue_status(500)
    service = service_for(server, tmp_path)
    brief = service.brief(service.load_text(ARTICLE))
    assert brief.engine == "extractive"
    assert brief.aid and brief.notes[0].startswith("The model could not be used")


def test_nothing_surviving_grounding_falls_back(server, tmp_path):
    invented = dict(AID, evidence="Norway pledged NOK 2 billion in a statement nobody published.")
    server.enqueue_json(draft(invented))
    service = service_for(server, tmp_path)
    brief = service.brief(service.load_text(ARTICLE))
    assert brief.engine == "extractive" and brief.aid
    assert "survived grounding" in brief.notes[0]


def test_a_summary_with_an_invented_figure_is_replaced(server, tmp_path):
    server.enqueue_json(draft(AID, summary="Norway gives NOK 7 billion."))
    service = service_for(server, tmp_path)
    brief = service.brief(service.load_text(ARTICLE))
    assert "7 billion" not in brief.summary
    assert any("summary" in n for n in brief.notes)


def test_daily_token_budget_sends_the_rest_of_the_day_offline(server, tmp_path):
    server.enqueue_json(draft(AID))
    service = service_for(server, tmp_path, daily_token_budget=1)
    service.brief(service.load_text(ARTICLE))
    other = service.load_text(ARTICLE.replace("Monday", "Tuesday"))
    brief = service.brief(other)
    assert len(server.requests) == 1
    assert brief.engine == "extractive" and "budget" in brief.notes[0]


WARM_CHECK = """
import sys
from bot.config import load_settings
from bot.extractive import pipeline
from bot.llm import tokens
from bot.service import BriefService

service = BriefService(settings=load_settings(env={}), llm=None)
service.warm()
modules, parser, builds = set(sys.modules), pipeline.load_pipeline(), tokens.get_encoding.cache_info().misses
article = service.load_text(sys.stdin.read())
brief = service.brief(article)
answer = service.ask(article, "How much will Norway give?", brief=brief)
assert brief.aid and answer.answerable, (brief, answer)
new_builds = tokens.get_encoding.cache_info().misses - builds
print(sorted(set(sys.modules) - modules), pipeline.load_pipeline() is parser, new_builds)
"""


def test_a_warmed_service_loads_nothing_more_for_its_first_real_brief_and_answer():
    """A worker warms before claiming a job, so no job thread loads the parser, compiles the names or builds
    the token encoding while it holds the database's write lock (that stalled other processes' writes)."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", WARM_CHECK], input=ARTICLE, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["[]", "True", "0"]
