"""General answering rules from a third writer's style, checked on our own fixtures: question words the
article puts differently (repelled / beaten back, jobs / workers, unhappy / complained), run-in labels,
hyphenated counts, price moves, future dates, figures about something else, and names for "which firms"."""

from __future__ import annotations

import pytest
from qa_support import ask, joined, qa_article

from bot.article import Article
from bot.figures import find_money
from bot.grounding import Grounder
from bot.models import Answer
from bot.qa import DOESNT_SAY


@pytest.fixture
def bulletin() -> Article:
    return qa_article("bulletin")


def _doesnt_say(answer: Answer) -> bool:
    return answer.answer == DOESNT_SAY and answer.quotes == []


def test_giving_this_time_asks_for_the_amount(bulletin):
    # "giving" and "this time" say nothing about the topic; the capital stands for its country.
    answer = ask(bulletin, "How much is Oslo giving this time?", verify=False)
    assert answer.answer.startswith("40 million Norwegian kroner")


def test_a_run_in_label_is_context_never_a_quote(bulletin):
    grounder = Grounder(bulletin.text)
    for question in ("How much is Norway giving?", "What did Estonia say?"):
        answer = ask(bulletin, question, verify=False)
        assert answer.quotes and all(len(q.split()) > 3 for q in answer.quotes), answer.quotes
        assert all(grounder.verify(q) for q in answer.quotes)
    assert "level of last year" in joined(ask(bulletin, "What did Estonia say?", verify=False))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many attacks did the General Staff say it repelled?", "23 Russian assaults"),
        ("How many new jobs are being created at the yard?", "85 new workers"),
        ("How many points were the club docked?", "four-point"),
    ],
)
def test_counts_asked_in_other_words_are_found(bulletin, question, expected):
    answer = ask(bulletin, question, verify=False)
    assert expected in joined(answer), answer


def test_a_complaint_answers_what_people_are_unhappy_about(bulletin):
    answer = ask(bulletin, "What are the neighbours unhappy about?", verify=False)
    assert "floodlights" in joined(answer)


def test_how_far_a_price_moved_is_a_change_not_a_distance(bulletin):
    answer = ask(bulletin, "How far did the port operator's shares move?", verify=False)
    assert "4%" in joined(answer)


def test_which_companies_names_them(bulletin):
    answer = ask(bulletin, "Which companies did the regulator go after?", verify=False)
    assert "Nordlys Freight" in joined(answer) and "Kestrel Shipping" in joined(answer)


def test_a_fine_in_swedish_kronor_is_money(bulletin):
    assert "30,000 Swedish kronor" in joined(ask(bulletin, "How big was the fine?", verify=False))
    money = find_money("a fine of 30,000 Swedish kronor and 2 million Norwegian kroner")
    assert [(m.text, m.currency) for m in money] == [("30,000 Swedish kronor", "SEK"), ("2 million Norwegian kroner", "NOK")]


def test_a_figure_about_something_else_is_not_the_answer(bulletin):
    # The team's growth is reported without a number; the 300 people are the whole yard.
    assert _doesnt_say(ask(bulletin, "By how many people did the inspection team grow?", verify=False))


def test_a_thing_the_article_never_mentions_is_not_given(bulletin):
    assert _doesnt_say(ask(bulletin, "What was the attendance at the derby?", verify=False))


def test_a_name_sharing_only_its_first_letters_is_another_name(bulletin):
    # "Kongsvinger" is not "Kongsberg".
    assert _doesnt_say(ask(bulletin, "How many boats does the Kongsvinger yard repair?", verify=False))


def test_when_will_wants_a_time_to_come_not_the_dateline():
    article = qa_article("dateline")
    assert _doesnt_say(ask(article, "When will the fuel trucks reach Ukraine?", verify=False))
    assert "in May" in joined(ask(article, "When will the second batch follow?", verify=False))
    assert "on Tuesday" in joined(ask(article, "When did the minister announce the trucks?", verify=False))
