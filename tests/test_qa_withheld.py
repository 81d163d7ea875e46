"""What the article says it does not give: "would not say how …", "has yet to be set", "an unspecified number",
"declined to name any of them", "gave no indication of which …". A question about that very thing is answered
"The article doesn't say.", while questions the same sentences do answer still get their answer."""

from __future__ import annotations

import pytest
from qa_support import ask, joined, qa_article

from bot.article import Article
from bot.extractive.pipeline import parse
from bot.qa import DOESNT_SAY
from bot.qa.lexicon import tokens
from bot.qa.withheld import withheld


@pytest.fixture(scope="module")
def loanhall() -> Article:
    return qa_article("loanhall")


@pytest.mark.parametrize(
    ("sentence", "aspect"),
    [
        ("The ministry did not say how many drones were shot down.", {"how", "many", "drone"}),
        ("The interest rate has yet to be fixed.", {"interest", "rate"}),
        ("Officials declined to give the cost of the contract.", {"cost"}),
        ("She said other banks would join but declined to name any of them.", {"bank", "name"}),
        ("An undisclosed sum will go to repairs.", {"sum"}),
        ("It was unclear when the ships would sail.", {"when", "ship", "sail"}),
        ("The army gave no indication of which units took part.", {"which", "unit"}),
        ("The ministry said Moscow would respond to the measures, without giving details.", {"detail"}),
    ],
)
def test_a_withheld_thing_is_read_from_the_grammar(sentence, aspect):
    found = withheld(parse([sentence])[0])
    stems = {t for word in aspect for t in tokens(word, keep_stopwords=True)}
    assert any(stems <= w.aspect for w in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said 40 drones were shot down.",
        "The interest rate was fixed at 3 percent.",
        "Unnamed officials said the cost was 40 million.",  # a source that is not named withholds nothing asked
        "An official who asked not to be named said the rate was 3 percent.",
        "She named three banks that would join.",
    ],
)
def test_a_sentence_that_gives_the_thing_withholds_nothing(sentence):
    assert withheld(parse([sentence])[0]) == []


@pytest.mark.parametrize(
    "question",
    [
        "What interest rate will Velmar pay on the loan?",
        "How is the guarantee split between Kesh and Lorin?",
        "Which other governments are expected to join the scheme?",
        "Which brigades does the Torvan army say took Mossgrove?",
        "How many Falke radar trucks is Kesh sending?",
        "Who is the Torvan shipping magnate who owns Blue Heron?",
    ],
)
def test_a_question_about_what_the_article_withholds_gets_doesnt_say(loanhall, question):
    answer = ask(loanhall, question)
    assert answer.answer == DOESNT_SAY and answer.quotes == [], answer


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("How big is the loan?", "2.1 billion crowns"),
        ("Over how many years will the loan be repaid?", "12 years"),
        ("Who builds the radar trucks?", "Orrin Motors"),
        ("Who says Mossgrove was taken?", "Torvan army"),
        ("How many attacks were repelled near Mossgrove?", "14 attacks"),
        ("Who sanctioned the tankers?", "customs office"),
    ],
)
def test_what_the_same_sentences_do_give_is_answered(loanhall, question, key):
    answer = ask(loanhall, question)
    assert answer.answer != DOESNT_SAY and key in joined(answer), answer


def test_the_doer_asked_for_is_the_doer_of_the_questions_own_verb(loanhall):
    # "sanctioned" only describes the network; the question asks who runs it.
    answer = ask(loanhall, "Which company runs the sanctioned smuggling network?")
    assert answer.answer.startswith("Blue Heron Freight"), answer
