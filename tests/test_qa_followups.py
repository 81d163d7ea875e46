"""Round five of generalisation: counts written differently, people named by who they are, and thread
follow-ups that lean on a pronoun.

On our own fixture: "Thirty-two athletes" is a count, "nine crew members were killed or wounded" answers
"how many casualties", "about 1,500 Belarusians" answers "how many Belarusian losses", and "Who makes
them?" after a question about the repairs is about the article, not off topic.
"""

from __future__ import annotations

import pytest
from qa_support import ask, joined, qa_article

from bot.article import Article
from bot.qa import DOESNT_SAY, REDIRECT, Turn


@pytest.fixture(scope="module")
def harbour() -> Article:
    return qa_article("harbour")


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # A number written as two hyphenated words.
        ("How many athletes will make the final squad?", "Thirty-two"),
        # Casualties are people killed or wounded.
        ("How many casualties does the navy claim?", "nine crew members"),
        # The counted people are named by the modifier itself; "Belarusian" is one name, not two words.
        ("How many Belarusian losses do Ukrainian officials claim?", "1,500"),
        # "Goes to" is where the money flows, not what it is measured in.
        ("How much goes to harbour repairs?", "40 million euros"),
    ],
)
def test_counts_and_amounts_put_differently(harbour, question, key):
    answer = ask(harbour, question)
    assert key in joined(answer), answer
    assert answer.answer != DOESNT_SAY


def test_a_two_word_name_in_a_question_is_found_in_the_article():
    article = Article(
        text="Aid report\n\nAbout 300 North Korean soldiers were captured near the border, "
        "Ukrainian officials said.\n\nThe talks will resume next week."
    )
    answer = ask(article, "How many North Korean soldiers were captured?")
    assert "300" in joined(answer)


def test_a_pronoun_follow_up_is_about_the_thread_not_off_topic(harbour):
    history = [Turn(question="Who will carry out the harbour repairs?", answer="...")]
    # "do" is no topic word: only the thread ties this question to the article.
    answer = ask(harbour, "Where do they do it?", history=history)
    assert answer.answer != REDIRECT


def test_who_announced_finds_the_person_who_said_it(harbour):
    history = [Turn(question="How much is the grant for harbour repairs?", answer="...")]
    answer = ask(harbour, "Who announced it?", history=history)
    assert "Marchuk" in joined(answer)


def test_a_question_with_no_tie_to_the_article_is_still_redirected(harbour):
    assert ask(harbour, "What's the weather in Lisbon tomorrow?").answer == REDIRECT
    # A count of something the article never counts stays unanswered.
    assert ask(harbour, "How many tugboats were damaged?").answer == DOESNT_SAY
