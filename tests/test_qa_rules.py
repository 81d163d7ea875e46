"""General answering rules, checked on our own fixtures: thread follow-ups, who-questions, speakers,
typed facts (scores, fines in named currencies), bullet lists and readable leads."""

from __future__ import annotations

import pytest
from qa_support import ask, joined, qa_article

from bot.article import Article
from bot.config import Settings
from bot.grounding import Grounder
from bot.qa import DOESNT_SAY
from bot.qa.evaluate import evaluate_questions


@pytest.fixture
def liveblog() -> Article:
    return qa_article("liveblog")


@pytest.fixture
def hockey() -> Article:
    return qa_article("hockey")


def test_who_disputes_a_claim_names_the_one_disputing_it(liveblog):
    # "Moscow's claim" is whose claim it is; a short "X rejects that." brings the sentence after it.
    answer = ask(liveblog, "Who is disputing Moscow's claim?", verify=False)
    assert "Marchuk" in joined(answer)
    assert "seed and fertiliser" in joined(answer)


def test_it_says_after_an_account_is_the_account_of_the_one_before(liveblog):
    answer = ask(liveblog, "What does Moscow say it was aiming at?", verify=False)
    assert "fuel depot" in joined(answer)


def test_a_person_asked_about_by_role_is_found_by_name(liveblog):
    # "the district chief" is Marchuk, who is only introduced as head of the district administration.
    answer = ask(
        liveblog,
        "How did the district chief respond to that?",
        history=["What does Moscow say it was aiming at?"],
        verify=False,
    )
    assert "Marchuk rejects that." in answer.quotes
    assert "seed and fertiliser" in joined(answer)


def test_who_announced_finds_the_announcer(liveblog):
    answer = ask(liveblog, "Who announced the measures?", verify=False)
    assert "Tomas Varga" in joined(answer)


def test_a_question_about_range_limits_is_not_a_distance_question(liveblog):
    answer = ask(liveblog, "What did Berg say about range limits?", verify=False)
    assert "no longer any limits" in joined(answer)


def test_a_capital_stands_for_its_country(liveblog):
    answer = ask(liveblog, "How much is Stockholm giving?", verify=False)
    assert answer.answer.startswith("SEK 45 million")


def test_a_country_the_article_never_names_gets_doesnt_say(liveblog):
    answer = ask(liveblog, "How much is Denmark giving?", verify=False)
    assert answer.answer == DOESNT_SAY and answer.quotes == []


def test_a_fine_in_a_currency_named_with_its_country_is_money(liveblog):
    answer = ask(liveblog, "How much was the shipping firm fined?", verify=False)
    assert "20,000 Norwegian kroner" in joined(answer)


def test_bullet_items_are_quoted_one_by_one(liveblog):
    grounder = Grounder(liveblog.text)
    answer = ask(liveblog, "How many fire engines has the district received?", verify=False)
    assert answer.quotes == ["The district has received 12 new fire engines from donors."]
    assert all(grounder.verify(q) for q in answer.quotes)
    # A date in the next bullet is not the trucks' delivery date.
    late = ask(liveblog, "When will the trucks arrive?", verify=False)
    assert late.answer == DOESNT_SAY and late.quotes == []


def test_a_follow_up_with_its_own_question_keeps_its_own_kind(liveblog):
    answer = ask(liveblog, "And how did Moscow answer that?", history=["How many watchmen were hurt?"], verify=False)
    assert "fuel depot" in joined(answer)
    assert "watchmen" not in answer.answer


def test_questions_about_a_sports_article_are_answered_from_it(hockey):
    score = ask(hockey, "What was the final score?", verify=False)
    assert score.answer.startswith("2-1")
    fine = ask(hockey, "How much were the Bears fined?", verify=False)
    assert "15,000 Danish kroner" in joined(fine)
    where = ask(hockey, "Where do the Gulls play next?", verify=False)
    assert "Nordby" in joined(where)
    missing = ask(hockey, "How many goals did Lasse Moen score this season?", verify=False)
    assert missing.answer == DOESNT_SAY and missing.quotes == []


def test_weather_is_still_off_topic_for_a_sports_article(hockey):
    answer = ask(hockey, "What's the weather in Portvik tomorrow?", verify=False)
    assert "only answer questions about this article" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who scored in the shootout?",
        "Where do the Gulls play next?",
        "How much were the Bears fined?",
        "When did the Gulls win?",
        "What did the coach say?",
        "Is the coach happy?",
    ],
)
def test_leads_read_as_sentences(hockey, question):
    lead = ask(hockey, question, verify=False).answer
    assert not lead.startswith(("On who", "On where", "On how", "On when")), lead
    assert lead.endswith(":") or lead == DOESNT_SAY


def test_evaluation_asks_gold_questions_as_one_thread():
    article = qa_article("roundup")
    gold = [
        {"q": "How much did Canada pledge?", "any": [["C$76 million"]]},
        {"q": "And what about Norway?", "any": [["1.1 billion kroner"]]},
    ]
    scores = evaluate_questions(article, gold, settings=Settings())
    assert scores.correct == 2
