"""Follow-up answers without a model: what a user sees when asking about a briefed article."""

from __future__ import annotations

import pytest
from qa_support import joined, qa_article

from bot.article import Article
from bot.config import Settings
from bot.grounding import Grounder
from bot.models import Answer
from bot.qa import DOESNT_SAY, Turn, answer_question
from bot.qa.evaluate import evaluate_questions, score_question


@pytest.fixture
def roundup() -> Article:
    return qa_article("roundup")


@pytest.fixture
def kavkaz() -> Article:
    return qa_article("kavkaz")


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much is Norway giving?", "1.1 billion kroner"),
        ("How much did Canada pledge?", "C$76 million"),
        ("Who claims to have retaken the village?", "Ukrainian General Staff"),
        ("Where were the civilians injured?", "Vovchansk"),
        ("Which weapons will the Canadian money pay for?", "reconnaissance drones"),
        ("Which companies did the Treasury sanction?", "Hong Kong and Kyrgyzstan"),
        ("When did Canada pledge its money?", "4 June"),
        ("What did the Kremlin say about the Norwegian package?", "provocation"),
    ],
)
def test_answers_quote_the_sentence_that_holds_the_fact(roundup, settings, question, expected):
    result = answer_question(roundup, question, settings=settings)
    assert result.answerable
    assert result.engine == "extractive"
    assert 1 <= len(result.answer.quotes) <= 3
    assert expected in joined(result.answer)


def test_the_lead_names_the_amount(roundup, settings):
    result = answer_question(roundup, "How much is Norway giving?", settings=settings)
    assert result.answer.answer.startswith("1.1 billion kroner")


@pytest.mark.parametrize(
    "question",
    [
        "How many residents of Starytsia were evacuated?",  # counts are given, but never of residents
        "How much did Sweden pledge?",  # Sweden is not in the article
        "How many of the sanctioned companies are in Hong Kong?",  # a count, but not of that
        "How much revenue will the sanctions cost Russia?",  # amounts exist, none of revenue
    ],
)
def test_questions_the_article_does_not_answer_get_doesnt_say(roundup, settings, question):
    result = answer_question(roundup, question, settings=settings)
    assert result.answer.answer == DOESNT_SAY
    assert result.answer.quotes == []
    assert not result.answerable


@pytest.mark.parametrize("question", ["What's the weather in Oslo tomorrow?", "Who won the football last night?"])
def test_off_topic_questions_get_a_polite_redirect(roundup, settings, question):
    result = answer_question(roundup, question, settings=settings)
    assert "only answer questions about this article" in result.answer.answer
    assert result.answer.quotes == []
    assert not result.answerable


def test_follow_up_reuses_the_previous_question(roundup, settings):
    first = answer_question(roundup, "How much did Canada pledge?", settings=settings)
    history = [Turn(question="How much did Canada pledge?", answer=first.answer.answer)]
    result = answer_question(roundup, "And what about Norway?", history=history, settings=settings)
    assert result.answerable
    assert "1.1 billion kroner" in joined(result.answer)
    assert "C$76 million" not in joined(result.answer)


def test_explainer_with_question_headings(kavkaz, settings):
    result = answer_question(kavkaz, "Why does the port matter?", settings=settings)
    assert "supply route" in joined(result.answer) or "Kerch bridge" in joined(result.answer)
    moscow = answer_question(kavkaz, "What does Moscow say caused the fire?", settings=settings)
    assert any("regional governor" in q for q in moscow.answer.quotes)


@pytest.mark.parametrize("name", ["roundup", "kavkaz"])
def test_every_quote_is_verbatim_from_the_article(name, settings):
    article = qa_article(name)
    grounder = Grounder(article.text)
    questions = [
        "How much?",
        "Who said it?",
        "Where?",
        "Which weapons?",
        "When?",
        "What was hit?",
        "Why?",
        "How many civilians were injured?",
        "What did Russia say?",
    ]
    for question in questions:
        for quote in answer_question(article, question, settings=settings).answer.quotes:
            assert grounder.verify(quote), quote
            assert " ".join(quote.split()) in " ".join(article.text.split())


def test_score_question_follows_the_gold_rule():
    answer = Answer(answer="On the amount, the article says:", quotes=["Norway will give 1.1  BILLION kroner."])
    # The lead line is what a reader takes as the answer: a figure only in the quote does not count...
    assert not score_question(answer, {"q": "?", "any": [["1.1 billion"], ["1.1bn"]]})
    # ...except by the older rule, which also reads the quotes.
    assert score_question(answer, {"q": "?", "any": [["1.1 billion"], ["1.1bn"]]}, with_quotes=True)
    assert not score_question(answer, {"q": "?", "any": [["1.1 billion", "Sweden"]]}, with_quotes=True)
    assert score_question(
        Answer(answer="1.1 billion kroner, according to the article:", quotes=[]), {"q": "?", "any": [["1.1 billion"]]}
    )
    assert not score_question(answer, {"q": "?", "unanswerable": True})
    assert score_question(Answer(answer=DOESNT_SAY, quotes=[]), {"q": "?", "unanswerable": True})
    # Saying "doesn't say" while quoting something still counts as guessing.
    assert not score_question(Answer(answer=DOESNT_SAY, quotes=["x"]), {"q": "?", "unanswerable": True})


def test_evaluate_questions_reports_accuracy_and_doesnt_say_precision(roundup, settings):
    gold = [
        {"q": "How much is Norway giving?", "any": [["1.1 billion"]]},
        {"q": "Where were the civilians injured?", "any": [["Vovchansk"]]},
        {"q": "How much did Sweden pledge?", "unanswerable": True},
    ]
    scores = evaluate_questions(roundup, gold, settings=settings)
    assert (scores.total, scores.correct, scores.accuracy) == (3, 3, 1.0)
    assert scores.said_not_given == 1 and scores.doesnt_say_precision == 1.0
    assert scores.quotes == scores.quotes_verified > 0
