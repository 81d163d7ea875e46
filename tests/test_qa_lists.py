"""Answers that stand in a list, answers a later sentence takes back, and answers that belong to another giver.
Each test is a question a reader of one of our short texts would ask, with the answer a reader would check."""

from __future__ import annotations

import pytest
from qa_support import ask

from bot.article import Article
from bot.config import load_settings
from bot.qa.answering import Turn
from bot.service import BriefService

FRONT = (
    "Russian troops kept up their assaults in the east on Sunday. The Lyman and Siversk directions saw the heaviest "
    "fighting, with 41 and 26 combat clashes over the past day, respectively, according to the General Staff."
)
FUND = (
    "Finland and Estonia will pay 30 million and 12 million euros, respectively, into a NATO fund that buys fuel "
    "for Ukraine's army, the two governments said."
)
# the names after the figures, "respectively" closing them, and a total of the whole front before them
ENGAGEMENTS = (
    "Of the 126 combat engagements recorded along the front over the past day, 38 and 19 took place on the Kurakhove "
    "and Huliaipole directions, respectively, according to the General Staff."
)
# one place's share of a count, told right after it
SHARE = (
    "Russia's Defence Ministry said its air defences had shot down 74 Ukrainian drones overnight, 23 of them over "
    "the Voronezh region."
)
RULES = (
    "Ukraine may fire the Norwegian missiles at military targets inside Russia, but only in the Belgorod and Kursk "
    "regions, the defence ministry in Oslo said."
)


def _lead(text: str, question: str, history: tuple[str, ...] = ()) -> str:
    return ask(Article(text=f"Test report\n\n{text}"), question, history=history).answer.split("\n")[0]


@pytest.mark.parametrize(
    "text, question, history, wanted, unwanted",
    [
        (FRONT, "How many clashes did the General Staff report in the Lyman direction?", (), ["41"], ["26"]),
        (FRONT, "How many clashes were there near Siversk?", (), ["26"], ["41"]),
        # the thing counted is the thread's: "how many on …" counts the clashes asked about before
        (
            FRONT,
            "And how many on the Siversk direction?",
            ("How many clashes did the General Staff report in the Lyman direction?",),
            ["26"],
            ["41"],
        ),
        (ENGAGEMENTS, "How many clashes were there on the Huliaipole direction?", (), ["19"], ["126", "38"]),
        (SHARE, "How many drones did Russia say it shot down over the Voronezh region?", (), ["23"], ["74"]),
        (FUND, "How much is Estonia paying into the fund?", (), ["12 million"], ["30 million"]),
        (FUND, "How much are Finland and Estonia putting into the fund?", (), ["30 million", "12 million"], []),
        (RULES, "Where in Russia may Ukraine fire the Norwegian missiles?", (), ["Belgorod", "Kursk"], []),
    ],
)
def test_a_list_answers_with_the_part_asked_for(text, question, history, wanted, unwanted):
    lead = _lead(text, question, history)
    assert all(w in lead for w in wanted) and not any(u in lead for u in unwanted), lead


def test_a_figure_the_next_sentence_calls_false_is_no_answer():
    text = (
        "Germany will send two more air-defence systems, the defence ministry said. A post shared on Telegram claimed "
        "that Berlin had secretly shipped 90 Taurus missiles to Ukraine. A government spokesman said the post was false."
    )
    assert "doesn't say" in _lead(text, "How many Taurus missiles has Germany sent?")
    # a figure the article gives as its own still answers
    assert "two" in _lead(text, "How many air-defence systems will Germany send?").lower()


ALLIES = (
    "Test report\n\n"
    "BERLIN (Wire) - Germany will send Ukraine two more IRIS-T air-defence systems under a new package worth "
    "1.2 billion euros, the defence minister said, as neighbouring Poland approved a delivery of its own.\n\n"
    "In Warsaw, the defence ministry approved Poland's 50th aid package for Ukraine, worth 900 million zlotys. "
    "It consists mainly of artillery shells and Piorun air-defence missiles, the ministry said."
)


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [
        ("What's the value of Poland's latest package?", "900 million zlotys", "1.2 billion"),
        ("What missiles are in the Polish package?", "Piorun", "IRIS-T"),
        ("How much is Germany's new package worth?", "1.2 billion", "900 million"),
    ],
)
def test_the_answer_is_the_asked_givers_own_line(service, question, wanted, unwanted):
    article = service.load_text(ALLIES)
    brief = service.brief(article, engine="extractive")
    lead = service.ask(article, question, brief=brief).answer.answer
    assert wanted in lead and unwanted not in lead, lead


@pytest.mark.parametrize("named, place", [("Coral Line", "Dubai"), ("Amber Sea Shipping", "Baku")])
def test_that_noun_in_a_follow_up_is_the_thread_s_last_answer(service, named, place):
    text = (
        "Test report\n\nBritain sanctioned 20 shadow-fleet tankers on Monday. Among the targets is Amber Sea Shipping, a "
        "company registered in Baku that London said managed six of the tankers. Britain also listed Coral Line, a firm "
        "registered in Dubai that it said insured them."
    )
    article = service.load_text(text)
    brief = service.brief(article, engine="extractive")
    turns = [Turn(question="Which company did Britain name?", answer=f"{named}, according to the article:")]
    lead = service.ask(article, "Where is that company registered?", brief=brief, history=turns).answer.answer
    assert place in lead, lead


@pytest.mark.parametrize(
    "text, question, wanted, unwanted",
    [
        # every name of a list answers a question after more than one
        (
            "Ukraine's navy said its drones hit the Tuapse oil refinery and the Afipsky refinery overnight.",
            "Which refineries does the navy say it hit?",
            ["Tuapse", "Afipsky"],
            [],
        ),
        # the name that says whose things are counted may follow them
        (
            "Berlin will also send more than 400 guided missiles for the IRIS-T systems and 20 radars, the ministry said.",
            "How many IRIS-T missiles will Berlin send?",
            ["400"],
            ["20 radars"],
        ),
        # "the first six of 24" tells the whole
        (
            "Oslo confirmed it had delivered the first six of 24 NASAMS launchers ordered for Ukraine.",
            "How many NASAMS launchers are on order in total?",
            ["24"],
            [],
        ),
        # a side named in two words before "lost"
        (
            "Over the past day the Russian Armed Forces lost 1,150 servicemen and nine tanks, the General Staff said.",
            "How many Russian servicemen does the General Staff say were lost?",
            ["1,150"],
            [],
        ),
    ],
)
def test_lists_parts_and_wholes(text, question, wanted, unwanted):
    lead = _lead(text, question)
    assert all(w in lead for w in wanted) and not any(u in lead for u in unwanted), lead


def test_what_is_said_around_a_said_aside_answers_what_they_say():
    text = (
        "Russia's Defence Ministry said its troops had taken Hryhorivka. Ukraine's 41st Brigade rejected the claim. "
        "Ukrainian units, the brigade's spokesman said, were still holding the northern half of the village, and Russian "
        "troops had carried out 14 assaults in and around it over the past day, all of which had been repelled."
    )
    lead = _lead(text, "What does the brigade say is happening in the village?")
    assert "northern half" in lead, lead


# sums paired with the purposes after them, not with names
PURPOSES = (
    "Denmark will put 800 million and 450 million kroner into the new scheme for drone production and for demining, "
    "respectively, the defence minister told parliament on Tuesday."
)


def test_a_respectively_list_of_purposes_pairs_each_sum_with_its_purpose():
    assert _lead(PURPOSES, "How much goes to demining?").startswith("450 million kroner")
    assert _lead(PURPOSES, "How much is for drone production?").startswith("800 million kroner")


# a breakdown by place whose first figure has a clause of its own ("41 were brought down over …")
BREAKDOWN = (
    "Russia's Defence Ministry said its air defences shot down 96 Ukrainian drones overnight. Of the drones destroyed, "
    "33 were brought down over the Voronezh region, 21 over the Lipetsk region and 12 over the Oryol region, with the "
    "rest downed over the Tambov and Penza regions, the ministry said."
)


def test_a_breakdown_s_first_place_is_answered_by_its_own_figure():
    assert _lead(BREAKDOWN, "How many of those drones were downed over the Voronezh region?").startswith("33")
    assert _lead(BREAKDOWN, "How many drones were downed over the Lipetsk region?").startswith("21")
    assert _lead(BREAKDOWN, "How many drones were downed over the Kursk region?") == "The article doesn't say."


# a sum, then its shares in a sentence that opens "Of that,"
SHARES = (
    "In Dublin, the foreign minister announced 20 million euros for Ukraine, all of it civilian. Of that, 12 million "
    "euros will go to the World Food Programme for grain and cooking fuel, and 8 million euros will pay for "
    "generators for Irish-funded hospitals, the ministry said."
)


def test_the_whole_answers_how_much_and_each_share_answers_what_it_is_for():
    assert _lead(SHARES, "How much is Ireland giving Ukraine?").startswith("20 million euros")
    assert _lead(SHARES, "How much will go to the World Food Programme?").startswith("12 million euros")
    assert _lead(SHARES, "How much of Ireland's money pays for generators?").startswith("8 million euros")


# a breakdown whose first figure carries its noun before its place
REPELLED = (
    "Ukrainian troops repelled 41 Russian assaults near Lyman, 22 near Kostiantynivka and 17 near Orikhiv, the "
    "General Staff said in its morning update."
)


def test_a_breakdown_s_first_figure_with_its_noun_answers_for_its_place():
    assert _lead(REPELLED, "How many Russian assaults were repelled near Lyman?").startswith("41")
    assert _lead(REPELLED, "How many Russian assaults were repelled near Orikhiv?").startswith("17")
    assert _lead(REPELLED, "How many Russian assaults were repelled near Pokrovsk?") == "The article doesn't say."


# two sums of one giver in one sentence, each with what it is for
TWO_PURPOSES = (
    "In Copenhagen, the government said it would give 2.5 billion Danish kroner ($360 million) to buy artillery "
    "shells for Ukraine, plus a separate 900 million kroner ($130 million) for repairs to the Ukrainian power grid."
)


def test_a_sum_asked_for_a_purpose_is_the_one_told_with_that_purpose():
    assert _lead(TWO_PURPOSES, "How much is Denmark giving for the power grid?").startswith("900 million kroner")
    assert _lead(TWO_PURPOSES, "How much is Denmark giving for artillery shells?").startswith("2.5 billion")


def test_a_range_is_answered_whole():
    text = (
        "Sweden and Ukraine signed a letter of intent in 2025 covering the possible future sale of 100 to 150 new "
        "Gripen E jets, a deal that would take a decade to complete."
    )
    assert _lead(text, "How many Gripen E jets did the letter of intent cover?").startswith("100 to 150")


def test_people_killed_counts_people_named_by_their_work():
    text = (
        "Russian missiles hit energy sites in the Odesa and Mykolaiv regions overnight, killing four people, officials "
        "said. In Odesa, a missile hit a substation shortly after 3 a.m., killing two workers from the grid operator "
        "and wounding six other people, the governor said."
    )
    assert _lead(text, "How many people were killed in the Odesa substation strike?").startswith("Two workers")


def test_a_running_total_told_without_naming_ukraine_answers_since_when():
    text = (
        "Britain will send 300 more air defence missiles to Ukraine, the defence secretary said. The money comes from "
        "this year's defence budget, officials in London said. Those sums come on top of the roughly £14.5bn Britain "
        "says it has committed since February 2022."
    )
    assert _lead(text, "How much has Britain committed to Ukraine since 2022?").startswith("£14.5bn")
