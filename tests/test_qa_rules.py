"""General answering rules, checked on our own fixtures: thread follow-ups, who-questions, speakers,
typed facts (scores, fines in named currencies), bullet lists and readable leads."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.article import Article
from bot.config import Settings
from bot.grounding import Grounder
from bot.models import Answer
from bot.qa import DOESNT_SAY, Turn, answer_question
from bot.qa.evaluate import evaluate_questions

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def _article(name: str) -> Article:
    return Article(text=(FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


@pytest.fixture
def liveblog() -> Article:
    return _article("liveblog")


@pytest.fixture
def hockey() -> Article:
    return _article("hockey")


@pytest.fixture
def settings() -> Settings:
    return Settings()


def _joined(answer: Answer) -> str:
    return " ".join([answer.answer, *answer.quotes])


def _ask(article: Article, settings: Settings, *questions: str) -> Answer:
    """Ask ``questions`` in one thread; the last answer."""
    history: list[Turn] = []
    answer = Answer(answer="", quotes=[])
    for question in questions:
        answer = answer_question(article, question, history=history, settings=settings).answer
        history.append(Turn(question=question, answer=answer.answer))
    return answer


def test_who_disputes_a_claim_names_the_one_disputing_it(liveblog, settings):
    # "Moscow's claim" is whose claim it is; a short "X rejects that." brings the sentence after it.
    answer = _ask(liveblog, settings, "Who is disputing Moscow's claim?")
    assert "Marchuk" in _joined(answer)
    assert "seed and fertiliser" in _joined(answer)


def test_it_says_after_an_account_is_the_account_of_the_one_before(liveblog, settings):
    answer = _ask(liveblog, settings, "What does Moscow say it was aiming at?")
    assert "fuel depot" in _joined(answer)


def test_a_person_asked_about_by_role_is_found_by_name(liveblog, settings):
    # "the district chief" is Marchuk, who is only introduced as head of the district administration.
    answer = _ask(liveblog, settings, "What does Moscow say it was aiming at?",
                  "How did the district chief respond to that?")
    assert "Marchuk rejects that." in answer.quotes
    assert "seed and fertiliser" in _joined(answer)


def test_who_announced_finds_the_announcer(liveblog, settings):
    answer = _ask(liveblog, settings, "Who announced the measures?")
    assert "Tomas Varga" in _joined(answer)


def test_a_question_about_range_limits_is_not_a_distance_question(liveblog, settings):
    answer = _ask(liveblog, settings, "What did Berg say about range limits?")
    assert "no longer any limits" in _joined(answer)


def test_a_capital_stands_for_its_country(liveblog, settings):
    answer = _ask(liveblog, settings, "How much is Stockholm giving?")
    assert answer.answer.startswith("SEK 45 million")


def test_a_country_the_article_never_names_gets_doesnt_say(liveblog, settings):
    answer = _ask(liveblog, settings, "How much is Denmark giving?")
    assert answer.answer == DOESNT_SAY and answer.quotes == []


def test_a_fine_in_a_currency_named_with_its_country_is_money(liveblog, settings):
    answer = _ask(liveblog, settings, "How much was the shipping firm fined?")
    assert "20,000 Norwegian kroner" in _joined(answer)


def test_bullet_items_are_quoted_one_by_one(liveblog, settings):
    grounder = Grounder(liveblog.text)
    answer = _ask(liveblog, settings, "How many fire engines has the district received?")
    assert answer.quotes == ["The district has received 12 new fire engines from donors."]
    assert all(grounder.verify(q) for q in answer.quotes)
    # A date in the next bullet is not the trucks' delivery date.
    late = _ask(liveblog, settings, "When will the trucks arrive?")
    assert late.answer == DOESNT_SAY and late.quotes == []


def test_a_follow_up_with_its_own_question_keeps_its_own_kind(liveblog, settings):
    answer = _ask(liveblog, settings, "How many watchmen were hurt?", "And how did Moscow answer that?")
    assert "fuel depot" in _joined(answer)
    assert "watchmen" not in answer.answer


def test_questions_about_a_sports_article_are_answered_from_it(hockey, settings):
    score = _ask(hockey, settings, "What was the final score?")
    assert score.answer.startswith("2-1")
    fine = _ask(hockey, settings, "How much were the Bears fined?")
    assert "15,000 Danish kroner" in _joined(fine)
    where = _ask(hockey, settings, "Where do the Gulls play next?")
    assert "Nordby" in _joined(where)
    missing = _ask(hockey, settings, "How many goals did Lasse Moen score this season?")
    assert missing.answer == DOESNT_SAY and missing.quotes == []


def test_weather_is_still_off_topic_for_a_sports_article(hockey, settings):
    answer = _ask(hockey, settings, "What's the weather in Portvik tomorrow?")
    assert "only answer questions about this article" in answer.answer


@pytest.mark.parametrize("question", [
    "Who scored in the shootout?", "Where do the Gulls play next?", "How much were the Bears fined?",
    "When did the Gulls win?", "What did the coach say?", "Is the coach happy?",
])
def test_leads_read_as_sentences(hockey, settings, question):
    lead = _ask(hockey, settings, question).answer
    assert not lead.startswith(("On who", "On where", "On how", "On when")), lead
    assert lead.endswith(":") or lead == DOESNT_SAY


def test_evaluation_asks_gold_questions_as_one_thread(settings):
    article = Article(text=(FIXTURES / "roundup.txt").read_text(encoding="utf-8"))
    gold = [{"q": "How much did Canada pledge?", "any": [["C$76 million"]]},
            {"q": "And what about Norway?", "any": [["1.1 billion kroner"]]}]
    scores = evaluate_questions(article, gold, settings=settings)
    assert scores.correct == 2
