"""General answering rules from a third writer's style, checked on our own fixtures: question words the
article puts differently (repelled / beaten back, jobs / workers, unhappy / complained), run-in labels,
hyphenated counts, price moves, future dates, figures about something else, and names for "which firms"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.article import Article
from bot.config import Settings
from bot.figures import find_money
from bot.grounding import Grounder
from bot.models import Answer
from bot.qa import DOESNT_SAY, answer_question

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def _article(name: str) -> Article:
    return Article(text=(FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


@pytest.fixture
def bulletin() -> Article:
    return _article("bulletin")


@pytest.fixture
def settings() -> Settings:
    return Settings()


def _ask(article: Article, settings: Settings, question: str) -> Answer:
    return answer_question(article, question, settings=settings).answer


def _joined(answer: Answer) -> str:
    return " ".join([answer.answer, *answer.quotes])


def _doesnt_say(answer: Answer) -> bool:
    return answer.answer == DOESNT_SAY and answer.quotes == []


def test_giving_this_time_asks_for_the_amount(bulletin, settings):
    # "giving" and "this time" say nothing about the topic; the capital stands for its country.
    answer = _ask(bulletin, settings, "How much is Oslo giving this time?")
    assert answer.answer.startswith("40 million Norwegian kroner")


def test_a_run_in_label_is_context_never_a_quote(bulletin, settings):
    grounder = Grounder(bulletin.text)
    for question in ("How much is Norway giving?", "What did Estonia say?"):
        answer = _ask(bulletin, settings, question)
        assert answer.quotes and all(len(q.split()) > 3 for q in answer.quotes), answer.quotes
        assert all(grounder.verify(q) for q in answer.quotes)
    assert "level of last year" in _joined(_ask(bulletin, settings, "What did Estonia say?"))


@pytest.mark.parametrize(("question", "expected"), [
    ("How many attacks did the General Staff say it repelled?", "23 Russian assaults"),
    ("How many new jobs are being created at the yard?", "85 new workers"),
    ("How many points were the club docked?", "four-point"),
])
def test_counts_asked_in_other_words_are_found(bulletin, settings, question, expected):
    answer = _ask(bulletin, settings, question)
    assert expected in _joined(answer), answer


def test_a_complaint_answers_what_people_are_unhappy_about(bulletin, settings):
    answer = _ask(bulletin, settings, "What are the neighbours unhappy about?")
    assert "floodlights" in _joined(answer)


def test_how_far_a_price_moved_is_a_change_not_a_distance(bulletin, settings):
    answer = _ask(bulletin, settings, "How far did the port operator's shares move?")
    assert "4%" in _joined(answer)


def test_which_companies_names_them(bulletin, settings):
    answer = _ask(bulletin, settings, "Which companies did the regulator go after?")
    assert "Nordlys Freight" in _joined(answer) and "Kestrel Shipping" in _joined(answer)


def test_a_fine_in_swedish_kronor_is_money(bulletin, settings):
    assert "30,000 Swedish kronor" in _joined(_ask(bulletin, settings, "How big was the fine?"))
    money = find_money("a fine of 30,000 Swedish kronor and 2 million Norwegian kroner")
    assert [(m.text, m.currency) for m in money] == [("30,000 Swedish kronor", "SEK"),
                                                      ("2 million Norwegian kroner", "NOK")]


def test_a_figure_about_something_else_is_not_the_answer(bulletin, settings):
    # The team's growth is reported without a number; the 300 people are the whole yard.
    assert _doesnt_say(_ask(bulletin, settings, "By how many people did the inspection team grow?"))


def test_a_thing_the_article_never_mentions_is_not_given(bulletin, settings):
    assert _doesnt_say(_ask(bulletin, settings, "What was the attendance at the derby?"))


def test_a_name_sharing_only_its_first_letters_is_another_name(bulletin, settings):
    # "Kongsvinger" is not "Kongsberg".
    assert _doesnt_say(_ask(bulletin, settings, "How many boats does the Kongsvinger yard repair?"))


def test_when_will_wants_a_time_to_come_not_the_dateline(settings):
    article = _article("dateline")
    assert _doesnt_say(_ask(article, settings, "When will the fuel trucks reach Ukraine?"))
    assert "in May" in _joined(_ask(article, settings, "When will the second batch follow?"))
    assert "on Tuesday" in _joined(_ask(article, settings, "When did the minister announce the trucks?"))
