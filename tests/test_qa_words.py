"""Figures the article gives in words or with a verb, and times already past: our own fixture text."""

from __future__ import annotations

import pytest
from qa_support import ask, joined

from bot.article import Article
from bot.qa import DOESNT_SAY

# Invented, in the style of a wire report.
_FERRY = """Harbour towns brace for winter ferry cuts

OSTVIK, Nov 4 (Wire) - The regional council said on Monday it would cut the winter ferry timetable, leaving \
the island of Brennholm about eighteen kilometres (eleven miles) off the coast with two crossings a day.

Residents gathered at the harbour office. Islanders had protested 37 times to the council in the previous \
month about cancelled crossings, a residents' group said.

The council will also order 4 new ferries. The old vessels, which the council bought in 2009, will be sold.
"""


@pytest.fixture
def ferry() -> Article:
    return Article(text=_FERRY)


def test_a_distance_in_words_answers_how_far(ferry):
    answer = ask(ferry, "How far is Brennholm from the coast?")
    assert answer.answer != DOESNT_SAY
    assert "eighteen kilometres" in joined(answer)


def test_a_count_made_with_a_verb_and_times_answers_how_many(ferry):
    answer = ask(ferry, "How many protests by islanders were there last month?")
    assert answer.answer != DOESNT_SAY
    assert "37 times" in joined(answer)


def test_a_year_already_past_is_no_time_to_come(ferry):
    answer = ask(ferry, "When will the new ferries arrive?")
    assert answer.answer == DOESNT_SAY
    assert not answer.quotes
