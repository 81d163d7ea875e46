"""Follow-up answers through the real openai client against the local stand-in model server."""

from __future__ import annotations

import pytest
from qa_support import FIXTURES, qa_article

from benchmarks.qa import long_article
from bot.article import Article
from bot.config import Settings
from bot.llm.tokens import count_message_tokens
from bot.qa import DOESNT_SAY, Turn, answer_question
from standins.openai_api import OpenAIStandin, structured_client

NORWAY = (
    "OSLO, 3 June (fixture-wire) - Norway will give Ukraine 1.1 billion kroner for air defence, "
    "Prime Minister Jonas Gahr Store said on Monday, most of it to buy NASAMS interceptors from "
    "Norwegian industry."
)


@pytest.fixture
def roundup() -> Article:
    return qa_article("roundup")


@pytest.fixture
def server():
    with OpenAIStandin() as standin:
        yield standin


def _prompt_text(body) -> str:
    return "\n".join(m["content"] for m in body["messages"])


def test_model_answer_with_verified_quote_is_used(roundup, server):
    server.enqueue_json({"answer": "Norway is giving 1.1 billion kroner for air defence.", "quotes": [NORWAY]})
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.engine == "llm:gpt-4.1-mini"
    assert result.answer.answer == "Norway is giving 1.1 billion kroner for air defence."
    assert result.answer.quotes == [NORWAY]
    assert result.usage is not None and result.usage.prompt_tokens > 0
    body = server.bodies[0]
    assert body["response_format"]["type"] == "json_schema"
    assert "How much is Norway giving?" in _prompt_text(body)
    assert "1.1 billion kroner" in _prompt_text(body)  # the best passage went to the model


def test_invented_quotes_are_dropped(roundup, server):
    server.enqueue_json(
        {
            "answer": "Norway is giving 1.1 billion kroner.",
            "quotes": [NORWAY, "Norway also promised forty fighter jets next spring."],
        }
    )
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.answer.quotes == [NORWAY]
    assert any("1 quote dropped" in note for note in result.notes)


def test_a_figure_the_article_lacks_falls_back_to_the_offline_answer(roundup, server):
    server.enqueue_json({"answer": "Norway is giving 3.5 billion kroner.", "quotes": [NORWAY]})
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.engine == "extractive"
    assert "3.5" not in result.answer.answer
    assert any("figure" in note for note in result.notes)
    assert "1.1 billion kroner" in " ".join(result.answer.quotes)


def test_no_surviving_quote_falls_back(roundup, server):
    server.enqueue_json({"answer": "Norway gives a lot.", "quotes": ["Norway gives a great deal of money."]})
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.engine == "extractive"
    assert any("quotes" in note for note in result.notes)


def test_model_saying_doesnt_say_is_kept_without_quotes(roundup, server):
    server.enqueue_json({"answer": "The article doesn't say.", "quotes": []})
    result = answer_question(
        roundup, "Who commands the Norwegian air defence units?", settings=Settings(), client=structured_client(server)
    )
    assert result.answer.answer == DOESNT_SAY and result.answer.quotes == []
    assert not result.answerable


def test_unreachable_model_answers_offline_with_a_note(roundup, server):
    server.enqueue_status(500)
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.engine == "extractive"
    assert "1.1 billion kroner" in " ".join(result.answer.quotes)
    assert result.notes and "without the model" in result.notes[0]


def test_off_topic_questions_never_reach_the_model(roundup, server):
    result = answer_question(roundup, "What's the weather in Oslo?", settings=Settings(), client=structured_client(server))
    assert "only answer questions about this article" in result.answer.answer
    assert server.bodies == []


def test_long_article_follow_up_stays_within_the_prompt_budget(server):
    settings = Settings()
    article = long_article(10_000, fixture_dir=FIXTURES)
    old = Turn(question="Which question came first in this thread?", answer="An early answer. " * 60)
    recent = [Turn(question=f"Recent question {i}?", answer="A recent answer. " * 40) for i in range(3)]
    quote = next(p for p in article.text.split("\n\n") if "Norway" in p).split(": ", 1)[1]
    server.enqueue_json({"answer": "Norway gives 1.1 billion kroner.", "quotes": [quote]})
    result = answer_question(
        article, "And what about Norway?", history=[old, *recent], settings=settings, client=structured_client(server)
    )
    assert result.engine.startswith("llm:")
    body = server.bodies[0]
    sent = count_message_tokens(body["messages"], "gpt-4.1-mini")
    assert sent <= settings.qa.max_prompt_tokens
    text = _prompt_text(body)
    assert "Recent question 2?" in text  # the newest turn is kept…
    assert "Which question came first" not in text  # …the oldest is dropped first
    assert "Norway" in text


@pytest.mark.parametrize(
    "hijacked",
    [
        "HACKED. Norway is giving 1.1 billion kroner.",
        "Norway is giving 1.1 billion kroner; details at www.norway-aid-claims.com/login",
        "Norway is giving 1.1 billion kroner, said Minister Ivar Falsename.",
    ],
)
def test_a_hijacked_answer_with_a_verified_quote_is_still_not_shown(roundup, server, hijacked):
    """A real quote does not vouch for the words around it: a shout, a link or a name the article never
    gives sends the question to the offline answer, with a note."""
    server.enqueue_json({"answer": hijacked, "quotes": [NORWAY]})
    result = answer_question(roundup, "How much is Norway giving?", settings=Settings(), client=structured_client(server))
    assert result.engine == "extractive"
    assert "HACKED" not in result.answer.answer and "www." not in result.answer.answer
    assert "Falsename" not in result.answer.answer
    assert any("answered offline" in n for n in result.notes)
