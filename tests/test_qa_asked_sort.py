"""An answer of another sort than the question asks for is no answer: "How long …?" wants a length of time, "On what
date …?" a day, "What range limit …?" a figure, "Under which flags …?" a country, "Which Chinese companies …?" names
of companies, and "How much of the package …?" a part of it, not the whole. Each text is our own; each question is
asked once where the article gives the sort asked for and once where it does not."""

from __future__ import annotations

import pytest
from qa_support import ask

from bot.article import Article
from bot.qa.answering import says_not_given

REFINERY = (
    "Ukrainian drones struck the Volzhsky refinery in Russia's Volgograd region overnight, setting a crude "
    "distillation unit on fire, the General Staff said. The plant processes about 15 million tonnes of oil a year."
)
CROSSING = (
    "Lithuania closed the Medininkai crossing on the Belarusian border to freight on Monday, the interior ministry "
    "said. Officials said the crossing would stay closed to cargo for at least three weeks."
)
VOTE = (
    "EU foreign ministers will vote on the 21st sanctions package in March 2027, diplomats said. The package would "
    "list 90 more tankers from Russia's shadow fleet."
)
VOTE_DAY = (
    "EU foreign ministers will vote on the 21st sanctions package on March 14, diplomats said. The package would "
    "list 90 more tankers from Russia's shadow fleet."
)
TANKERS = (
    "Britain on Tuesday sanctioned 41 tankers it says carry Russian oil, the Foreign Office said. The ships had moved "
    "crude worth more than £2bn this year."
)
FLAGGED = (
    "Britain on Tuesday sanctioned 41 tankers it says carry Russian oil, the Foreign Office said. Most of the ships "
    "sail under the flags of Gabon and the Comoros."
)
SUPPLIERS = (
    "The EU package freezes the assets of more than 20 companies, including several in China and Turkey, accused "
    "of supplying drone components to Russia, diplomats said."
)
NAMED_SUPPLIERS = (
    "The EU package freezes the assets of more than 20 companies accused of supplying drone components to Russia, "
    "among them the Chinese firms Shenzhen Lianhe Electronics and Zhuhai Keda Trading, diplomats said."
)
PACKAGE = (
    "Finland's new package, valued at 240 million euros, includes artillery ammunition and mine-clearing "
    "equipment, the defence ministry said on Thursday."
)
PACKAGE_PARTS = (
    "Finland's new package, valued at 240 million euros, includes artillery ammunition and mine-clearing "
    "equipment, the defence ministry said on Thursday. Of that sum, 90 million euros will go to ammunition."
)
RANGE = (
    "Britain has allowed Ukraine to fire Storm Shadow missiles at military targets inside Russia, the defence "
    "secretary said, without saying how far."
)
RANGE_SET = (
    "Britain has allowed Ukraine to fire Storm Shadow missiles at military targets inside Russia, but only up to "
    "120 km from the border, the defence secretary said."
)


def _answer(text: str, question: str) -> str:
    return ask(Article(text=f"Test report\n\n{text}"), question).answer.split("\n")[0]


@pytest.mark.parametrize(
    "text, question",
    [
        (REFINERY, "How long will the Volzhsky refinery be out of action?"),
        (VOTE, "On what date will EU ministers vote on the 21st package?"),
        (TANKERS, "Under which flags do the sanctioned tankers sail?"),
        (SUPPLIERS, "Which Chinese companies are on the EU list?"),
        (PACKAGE, "How much of Finland's package goes to ammunition?"),
        (RANGE, "What range limit has Britain set on Storm Shadow use?"),
    ],
)
def test_an_answer_of_another_sort_is_declined(text: str, question: str) -> None:
    answer = _answer(text, question)
    assert says_not_given(answer), answer


@pytest.mark.parametrize(
    "text, question, wanted",
    [
        (CROSSING, "How long will the Medininkai crossing stay closed to cargo?", "three weeks"),
        (VOTE_DAY, "On what date will EU ministers vote on the 21st package?", "March 14"),
        (FLAGGED, "Under which flags do the sanctioned tankers sail?", "Gabon"),
        (NAMED_SUPPLIERS, "Which Chinese companies are on the EU list?", "Shenzhen Lianhe"),
        (PACKAGE_PARTS, "How much of Finland's package goes to ammunition?", "90 million"),
        (RANGE_SET, "What range limit has Britain set on Storm Shadow use?", "120 km"),
    ],
)
def test_the_sort_asked_for_is_answered(text: str, question: str, wanted: str) -> None:
    answer = _answer(text, question)
    assert wanted in answer, answer


SHELLS = (
    "The 47th brigade said it had received 4,500 155 mm artillery shells through the Czech-led initiative, its first "
    "delivery since July."
)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [("How many artillery shells did the 47th brigade receive?", "4,500", "155 mm artillery shells,")],
)
def test_a_calibre_is_no_count(question: str, wanted: str, unwanted: str) -> None:
    answer = _answer(SHELLS, question)
    assert wanted in answer and not answer.startswith(unwanted), answer


SPANISH_KIT = (
    "Spain will send 40 mine-clearing vehicles and generators to Ukraine, the defence ministry said. Madrid also "
    "pledged 12 Leopard 2A4 tanks."
)


def test_a_count_of_another_kind_of_thing_does_not_answer_how_many():
    answer = ask(Article(text=SPANISH_KIT), "How many generators is Spain sending?")
    assert says_not_given(answer.answer), answer.answer


def test_a_count_of_the_thing_asked_for_still_answers():
    answer = ask(Article(text=SPANISH_KIT), "How many mine-clearing vehicles is Spain sending?")
    assert "40" in answer.answer, answer.answer


NIGHT = (
    "Ukraine's air force said Russia launched 64 drones and three Iskander-M ballistic missiles across the country "
    "overnight, and that 51 of the drones were shot down or jammed."
)
MEETING = (
    "Defence ministers met at NATO headquarters on Wednesday for the Ukraine Defence Contact Group. Germany pledged "
    "500 million euros for air defence."
)
NO_DATE = (
    "The question is expected to come up at a meeting of the Ukraine Defence Contact Group next month, one official "
    "said, though no date has been set."
)
DATED = "The question will come up at a meeting of the Ukraine Defence Contact Group on March 3, one official said."
FUND = (
    "Estonia and Latvia will contribute 12 million euros and 8 million euros respectively to the drone fund for "
    "Ukraine, their governments said."
)


def test_where_is_not_answered_by_a_count_of_things():
    answer = ask(Article(text=NIGHT), "Where did the Iskander-M missiles land?")
    assert says_not_given(answer.answer), answer.answer


def test_when_is_the_next_meeting_is_not_answered_by_the_day_of_the_last_one():
    answer = ask(Article(text=MEETING), "When is the next Contact Group meeting?")
    assert says_not_given(answer.answer), answer.answer


def test_a_time_to_come_with_no_date_set_is_not_given():
    assert says_not_given(ask(Article(text=NO_DATE), "When will the Contact Group meet?").answer)
    assert "March 3" in ask(Article(text=DATED), "When will the Contact Group meet?").answer


def test_what_a_country_is_contributing_is_its_sum():
    answer = ask(Article(text=FUND), "What is Latvia contributing?")
    assert answer.answer.startswith("8 million euros"), answer.answer


AGAIN = (
    "EU ambassadors failed to agree on the sanctions package on Wednesday. They will try again on Friday, diplomats said."
)
TRIED = "EU ambassadors failed to agree on the sanctions package on Wednesday, diplomats said on Friday."


def test_a_weekday_after_will_is_a_day_to_come():
    assert "Friday" in ask(Article(text=AGAIN), "When will EU ambassadors try again?").answer
    assert says_not_given(ask(Article(text=TRIED), "When will EU ambassadors try again?").answer)


# two settlements, each with a description of its own that places it in a region
TWO_SETTLEMENTS = (
    "The ministry said its troops had taken Orikhove, a village south of Kurakhove in the Donetsk region, and that "
    "another unit had seized Lozova, a settlement in the Kharkiv region near the border."
)
# the class word set before the name ("the Swedish defence firm Saab")
MAKER = (
    "Some of the new money should pay for NASAMS launchers and missiles made by the Norwegian arms company Kongsberg, "
    "which developed the system with its US partner Raytheon, the minister said."
)


def test_which_village_in_a_region_is_the_one_described_as_in_it():
    lead = ask(Article(text=f"Test report\n\n{TWO_SETTLEMENTS}"), "Which village in Kharkiv region did the ministry claim?")
    assert lead.answer.split("\n")[0].startswith("Lozova")


def test_which_company_is_the_name_the_class_word_stands_before():
    lead = ask(Article(text=f"Test report\n\n{MAKER}"), "Which company makes NASAMS?")
    assert lead.answer.split("\n")[0].startswith("Kongsberg")


# the minister who announced the vehicles, and the firm they come from
VEHICLES = (
    "Test report\n\nFinland will send Ukraine a new package worth €300 million. Defence Minister Hanna Lind unveiled it "
    "on Monday, saying the money would go to drones, radars and Sisu armoured vehicles that Ukrainian commanders asked "
    "for. The government is also spending €80 million on 30 more Sisu armoured vehicles from Tampere Works, the "
    "company whose vehicles have served in Ukraine since 2023."
)


def test_who_builds_a_thing_is_the_firm_it_comes_from_not_who_announced_it():
    lead = ask(Article(text=VEHICLES), "Who builds the Sisu armoured vehicles Finland is buying?").answer.split("\n")[0]
    assert lead.startswith("Tampere Works"), lead


# a purchase with no maker named, a neutral country's reason, and a package told by what it adds and cuts off
MAKERLESS = (
    "Of the 13 million euros, Vienna will pay for three armoured mine-clearing machines and training for deminers. "
    "Austria’s neutrality, written into its constitution in 1955, bars it from supplying weapons, and Vienna has "
    "sent no lethal aid since Russia’s full-scale invasion. EU ambassadors approved the bloc’s 23rd sanctions package, "
    "adding 30 tankers to its port ban and cutting six Russian banks off from transactions with European firms."
)


def _first_line(text: str, question: str) -> str:
    return ask(Article(text=f"Test report\n\n{text}"), question).answer.split("\n")[0]


def test_which_company_needs_a_firm_and_why_not_takes_what_bars_it():
    assert _first_line(MAKERLESS, "Which company makes the mine-clearing machines?") == "The article doesn't say."
    assert _first_line(MAKERLESS, "Why doesn't Austria send weapons?").startswith("Austria’s neutrality")
    lead = _first_line(MAKERLESS, "What does the EU's new sanctions package target?")
    assert "30 tankers" in lead and "six Russian banks" in lead, lead


def test_a_yes_no_lead_is_the_clause_that_speaks_of_what_is_asked():
    text = (
        "HELSINKI/TALLINN, Nov 24 (Reuters) - Finland and Estonia announced fresh military aid for Ukraine on Tuesday "
        "worth more than $400 million combined, while Helsinki said it had still not decided whether to hand over "
        "Hornet fighter jets that Kyiv has been seeking for a year."
    )
    lead = _first_line(text, "Has Finland decided to send Hornet jets?")
    assert "not decided" in lead and "Hornet" in lead, lead


def test_where_a_weapon_may_be_flown_is_where_its_use_is_allowed():
    text = (
        "In Oslo, the government said it would give 2 billion kroner to buy air defence missiles from Kongsberg. "
        "Holm said the F-16 jets Norway delivered to Ukraine may be used only for air defence missions over Ukrainian "
        "territory."
    )
    assert _first_line(text, "Where can Ukraine fly the Norwegian F-16s?").startswith("Over Ukrainian territory")


def test_where_a_weapon_may_be_fired_is_the_phrase_of_place_its_rule_gives():
    text = (
        "The United States still allows Ukraine to fire American-made ATACMS missiles into Russia only at military "
        "targets in border areas next to the Kharkiv region, a State Department official said. Britain said Ukraine "
        "may now use Storm Shadow against military targets in the Russian regions that border Ukraine, including "
        "airfields."
    )
    assert "border areas" in _first_line(text, "Where can Ukraine fire ATACMS inside Russia?")
    assert "border Ukraine" in _first_line(text, "Where can Ukraine now use Storm Shadow inside Russia?")


def test_a_yes_no_lead_leaves_out_a_second_statement_joined_on():
    text = (
        "On long-range strikes, the government has not granted Kyiv permission to use Storm Shadow missiles against "
        "targets deep inside Russia, and no decision has been made on a Ukrainian request to loosen the limits, a "
        "senior official told reporters on a call."
    )
    lead = _first_line(text, "Can Ukraine use Storm Shadow against targets deep inside Russia?")
    assert "has not granted" in lead, lead


def test_a_place_the_rule_keeps_the_weapon_out_of_is_not_where_it_may_be_used():
    text = (
        "Paris said Ukraine may use SCALP missiles against military targets in the occupied territories of Ukraine, "
        "but not on internationally recognised Russian territory."
    )
    lead = _first_line(text, "Where may Ukraine use SCALP missiles?")
    assert not lead.lower().startswith("not on"), lead


def test_what_weapons_are_in_a_package_lists_what_it_includes():
    text = (
        "The Pentagon announced a $250 million weapons package drawn from US stockpiles. It includes interceptors for "
        "NASAMS air-defense systems, 155mm artillery shells and ammunition for HIMARS rocket launchers, the Defense "
        "Department said."
    )
    lead = _first_line(text, "What weapons are in the drawdown?")
    assert "NASAMS" in lead and "155mm" in lead, lead
