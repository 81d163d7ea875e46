"""A figure said of another time, or of the war so far, does not answer a question about the news; a count of
drones launched does not answer how many were shot down.
Each test is a question a reader of one of our short texts would ask, with the figure a reader would check."""

from __future__ import annotations

import pytest
from qa_support import ask

from bot.article import Article
from bot.qa.figure_time import combined, said_of_the_past, since_the_start
from bot.qa.figure_verb import figure_class, parts_done, question_class

PACKAGES = (
    "Denmark on Monday unveiled a military aid package for Ukraine worth 7.2 billion kroner ($1.05 billion), its "
    "largest since the full-scale invasion began. The package includes 14 armoured vehicles and ammunition for the "
    "F-16 jets, the defence ministry said. Its previous package, announced in June, was worth 4 billion kroner."
)
TOTALS = (
    "The Netherlands has provided about €6.1 billion in military aid since February 2022, officials said, and this "
    "year's budget sets aside €2.5 billion for Ukraine. A further €300 million package will be announced on Friday."
)
TOGETHER = (
    "Belgium, Portugal and Greece pledged aid worth about €900 million combined at the meeting. Belgium's package, "
    "valued at €520 million, includes two mine-hunting vessels, the Belgian defence minister said."
)
RUNNING = (
    "The new €250 million package follows one of €180 million in October 2025 and brings Austria's humanitarian aid "
    "since the start of the war to more than €1.9 billion, the foreign ministry said."
)

NIGHT = (
    "Russia launched 58 drones at Ukraine overnight, of which 37 were shot down over the Odesa and Mykolaiv regions, "
    "the air force said."
)
PARTS = "Air defences destroyed 44 of 70 drones and two of five missiles during the night, the air force said."

LOAN = (
    "Donors on Friday released the first €2.1 billion of a €30 billion loan to Ukraine. The fund has paid out "
    "€9 million in fees since 2023, its managers said."
)


def _lead(text: str, question: str) -> str:
    return ask(Article(text=f"Test report\n\n{text}"), question).answer.split("\n")[0]


@pytest.mark.parametrize(
    "text, question, wanted, unwanted",
    [
        (PACKAGES, "How big is the Danish package?", "7.2 billion", "4 billion"),
        (PACKAGES, "How much was Denmark's previous package worth?", "4 billion", "7.2 billion"),
        (TOTALS, "How much is the Netherlands spending on Ukraine this year?", "2.5 billion", "6.1 billion"),
        (TOTALS, "How much has the Netherlands given in total since 2022?", "6.1 billion", "2.5 billion"),
        (TOGETHER, "How big is Belgium's package?", "520 million", "900 million"),
        (RUNNING, "What is Austria's humanitarian aid since the start of the war?", "1.9 billion", "250 million"),
        # a running total in one clause, a figure of the news in the next: "what is the total size of" the loan
        (LOAN, "What's the total size of the loan?", "30 billion", "2.1 billion"),
        (NIGHT, "How many drones were shot down?", "37", "58"),
        (NIGHT, "How many drones did Russia launch?", "58", "37"),
        (PARTS, "How many of the missiles were destroyed?", "two", "44"),
    ],
)
def test_the_lead_names_the_figure_of_the_time_asked(text, question, wanted, unwanted):
    lead = _lead(text, question).lower()
    assert wanted in lead and unwanted not in lead, lead


def _at(text: str, figure: str) -> tuple[str, int, int]:
    start = text.index(figure)
    return text, start, start + len(figure)


def test_a_time_word_belongs_to_the_figure_nearest_it():
    # "in October 2025" dates the €180 million, not the new €250 million before it
    assert said_of_the_past(*_at(RUNNING, "€180 million"))
    assert not said_of_the_past(*_at(RUNNING, "€250 million"))
    # "since the start of the war" makes the €1.9 billion a running total, not the €180 million before it
    assert since_the_start(*_at(RUNNING, "€1.9 billion"))
    assert not since_the_start(*_at(RUNNING, "€180 million"))


def test_largest_since_is_no_running_total_and_combined_is_several_givers():
    assert not since_the_start(*_at(PACKAGES, "7.2 billion kroner"))
    assert combined(*_at(TOGETHER, "€900 million"), "Belgium")
    assert not combined(*_at(TOGETHER, "€520 million"), "Belgium")


def test_the_verb_that_governs_a_count_tells_launched_from_downed():
    assert question_class("How many drones did Ukraine say it shot down?") == "down"
    assert figure_class(*_at(NIGHT, "58")) == "launch"
    assert figure_class(*_at(NIGHT, "37")) == "down"
    # the whole of "44 of 70 drones" is no count of drones destroyed; the part is, and only of its own noun
    assert figure_class(*_at(PARTS, "70")) is None
    assert [p for p, _, _ in parts_done(PARTS, "down", ["missil"])] == ["two of five missiles"]


WINTER = "Japan will send 200 generators to Ukraine to help its cities through the coming winter, the foreign ministry said."
DUE = " The first 40 generators are due to arrive in February, the ministry added."
SENATE = "The Senate could vote on the aid bill as early as next week. The bill would pay for more Patriot interceptors."


@pytest.mark.parametrize(
    "text, question, wanted",
    [
        (WINTER, "When will the Japanese generators arrive?", "doesn't say"),
        (WINTER + DUE, "When will the Japanese generators arrive?", "february"),
        (SENATE, "When will the Patriot interceptors reach Ukraine?", "doesn't say"),
    ],
)
def test_a_time_to_come_answers_when_something_arrives_only_if_it_is_the_arrival(text, question, wanted):
    assert wanted in _lead(text, question).lower()
