"""Answering when the article puts it differently: round four of generalisation.

The offline answerer used to say "The article doesn't say." whenever a strict answer-type check failed.
These cases, on our own fixture, check that it now quotes the passage that answers ("41 unmanned aerial
vehicles" for drones, "two-thirds" for how much of a town, tonnes for "how much cargo") and still says
"doesn't say" when the specific thing asked for (a price per shell) is not there.
"""

from __future__ import annotations

import pytest
from qa_support import FIXTURES, ask, joined, qa_article

from bot.article import Article
from bot.qa import DOESNT_SAY, says_not_given


@pytest.fixture(scope="module")
def corridor() -> Article:
    return qa_article("corridor")


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # "big" names the kind of answer, and the article calls the package "aid".
        ("How big is the new Dutch package?", "450 million"),
        # "How much cargo" wants tonnes, not money.
        ("How much cargo did Ukraine's ports handle last month?", "9 million tonnes"),
        # An extent in words, and a change described far from "how far".
        ("How much of the town do the Ukrainians say they still hold?", "two-thirds"),
        ("How far have freight costs on the route to Egypt fallen?", "a third"),
        # "ships face" counts ships; the article says "vessels".
        ("How many ships face the port ban?", "19 vessels"),
        # "UAVs" and "drones" for "unmanned aerial vehicles"; "June 3" is a date, not a count.
        ("How many drones does Moscow say it shot down overnight?", "41"),
        ("How many UAVs did the Russian air defences down?", "41"),
    ],
)
def test_answers_what_the_article_puts_differently(corridor, question, key):
    answer = ask(corridor, question)
    assert not says_not_given(answer.answer), answer
    assert key in joined(answer), answer


def test_wont_is_not_win_and_the_reason_comes_with_its_result(corridor):
    # "As a result, none of…" answers "why" only with the sentence before it, which holds the reason.
    answer = ask(corridor, "Why won't the Swiss plant contribute?")
    assert "neutrality" in joined(answer), answer


def test_who_brings_the_name_behind_a_pronoun(corridor):
    # "She asked whether…" names no one; the sentence before it says who she is.
    answer = ask(corridor, "Who pressed the government on striking airfields?")
    assert "Lindqvist" in joined(answer), answer


def test_a_price_per_shell_is_not_the_contract_total(corridor):
    answer = ask(corridor, "How much does each shell cost under the contract?")
    assert answer.answer == DOESNT_SAY and answer.quotes == []


def test_a_count_of_something_else_is_still_no_answer(corridor):
    answer = ask(corridor, "How many Ukrainian soldiers were killed near Lyptsi?")
    assert answer.answer == DOESNT_SAY and answer.quotes == []


def test_the_questions_own_sum_is_no_answer():
    # "€50bn" is what the question already says; the split is "€33bn in loans and €17bn in grants".
    facility = Article(text=(FIXTURES.parent / "heldout4" / "401.txt").read_text(encoding="utf-8"))
    answer = ask(facility, "How much of the €50bn is in loans?")
    assert answer.answer.startswith("€33bn"), answer.answer
