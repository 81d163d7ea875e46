"""The lead line names what was asked: of several figures the one the question points at, of several
names the one tied to the question's words. Each rule has an example and a counter-example; the
articles are short texts of ours."""

from __future__ import annotations

import pytest
from qa_support import ask

from bot.article import Article


def _lead(text: str, question: str, history: tuple[str, ...] = ()) -> str:
    return ask(Article(text=f"Test report\n\n{text}"), question, history=history).answer.split("\n")[0]


TANKERS = (
    "Brussels added 64 tankers to its shadow-fleet list on Monday, bringing the total to 410 vessels "
    "barred from European ports. Officials said more listings would follow."
)


# The same list told two ways: the total before its noun ("to 410 vessels") and after it ("the number of
# ships on the EU's list to 342").
LIST_GROWS = (
    "The package adds 52 vessels to the EU's list of ships barred from its ports. "
    "That brings the number of ships on the EU's list to 342, the bloc said."
)


@pytest.mark.parametrize(
    "text, question, wanted, unwanted",
    [
        (TANKERS, "How many tankers are on the list now?", "410", None),
        (TANKERS, "How many tankers did Brussels add on Monday?", "64", "410"),
        (LIST_GROWS, "How many ships are on the EU list now?", "342", None),
        (LIST_GROWS, "How many ships were added?", "52", "342"),
    ],
)
def test_a_running_total_answers_the_total_and_the_addition_answers_the_addition(text, question, wanted, unwanted):
    lead = _lead(text, question)
    assert wanted in lead and (unwanted is None or unwanted not in lead)


CONVERSION = (
    "Denmark announced a package worth 2.1 billion kroner (about $300 million) for drone production "
    "in Ukraine, the defence ministry said on Thursday."
)


def test_an_amount_keeps_its_conversion():
    lead = _lead(CONVERSION, "How much is the Danish package worth?")
    assert "2.1 billion kroner" in lead and "$300 million" in lead


def test_the_currency_asked_for_is_the_one_named():
    text = (
        "Tokyo will lend Kyiv 230 billion yen under the plan, the finance ministry said, while Ottawa promised $400 million."
    )
    lead = _lead(text, "How much is Japan lending, in yen?")
    assert "230 billion yen" in lead and "$400 million" not in lead


def test_the_figure_nearest_the_question_words_wins():
    text = (
        "Air defences shot down 212 drones overnight, the air force said, after Russia launched 260 drones "
        "and 9 missiles at Ukraine."
    )
    assert "260" in _lead(text, "How many drones did Russia launch?")
    assert "212" in _lead(text, "How many drones were shot down?")


def test_a_share_of_a_count_is_no_answer_to_the_count():
    text = "Regional officials said 27 people, four of them children, were injured in the shelling."
    assert "27" in _lead(text, "How many people were injured?")
    assert "four" in _lead(text, "How many children were injured?").lower()


def test_which_class_names_the_member_of_that_class():
    text = (
        "The Treasury on Thursday sanctioned the Saint Petersburg Currency Exchange, along with eleven "
        "brokers, a spokesman for the department said."
    )
    assert "Saint Petersburg Currency Exchange" in _lead(text, "Which exchange did the Treasury target?")


def test_a_village_named_in_apposition_is_the_village():
    text = (
        "Russia's Defence Ministry said its troops had captured Dorozhnie, a village south of the city, "
        "after a week of fighting near Kramatorsk."
    )
    lead = _lead(text, "Which village does Moscow say it captured?")
    assert "Dorozhnie" in lead and "Kramatorsk" not in lead


def test_a_name_far_from_the_question_words_is_not_the_answer():
    # Lisbon has nothing to do with what the money pays for; the answer is in the sentence's clause.
    text = (
        "At a meeting in Lisbon, Portugal said its €120 million contribution would pay for training "
        "pilots and buying spare engines for Ukraine's aircraft."
    )
    lead = _lead(text, "What will the Portuguese money pay for?")
    assert "Lisbon" not in lead


def test_who_wants_a_name_not_a_nameless_doer():
    text = (
        "The decision followed a request from Kyiv. The announcement was made by the Foreign Secretary, "
        "Helen Marsh, in a statement on Tuesday."
    )
    lead = _lead(text, "Who made the announcement?")
    assert "Marsh" in lead


def test_which_n_did_a_verb_names_the_doer_of_that_verb():
    text = (
        "Oslo's rules kept its rockets inside Ukraine, with Crimea counted as Ukrainian. A day later the "
        "Nordic Courier, citing two officials, reported that Oslo had lifted the limit."
    )
    lead = _lead(text, "Which newspaper reported that Oslo had lifted the limit?")
    assert "Nordic Courier" in lead


def test_what_was_done_to_something_is_not_the_doer():
    text = "The general staff said separately that Neptune missiles had hit an S-300 launcher near Saky."
    lead = _lead(text, "What was hit near Saky?")
    assert "S-300" in lead


def test_a_year_alone_is_named_as_the_time():
    text = "In 2019 the council added the old bridge to its list of protected buildings, after a long campaign."
    assert "2019" in _lead(text, "When was the bridge listed as protected?")


def test_a_follow_up_count_without_a_noun_takes_the_count_nearest_its_words():
    text = (
        "Russia launched 140 drones and six missiles overnight, the air force said. Air defences shot down "
        "118 drones and four of the missiles, it said."
    )
    lead = _lead(text, "How many were shot down?", history=("How many drones did Russia launch?",))
    assert "118" in lead


def test_a_count_of_the_other_sides_things_is_not_the_answer():
    text = (
        "Moscow's air defences destroyed 31 Ukrainian drones overnight, its ministry said. Earlier, Ukraine's air "
        "force said Russia had launched 122 attack drones at Ukrainian cities."
    )
    lead = _lead(text, "How many drones did Russia send overnight?")
    assert "122" in lead and "31" not in lead


def test_what_a_side_shoots_down_is_the_other_sides():
    text = (
        "Ukraine's air force said Russia launched 64 drones overnight. Russian air defences destroyed 211 "
        "Ukrainian drones over nine regions, the Russian defence ministry said."
    )
    assert "211" in _lead(text, "How many drones does Russia say it shot down?")


GOODS = (
    "Russia's war in Ukraine goes on. Sweden's new €300 million package for Ukraine, announced by the "
    "defence minister in Stockholm, pays for Archer howitzers, RBS 70 missiles and winter clothing."
)


def test_what_a_package_holds_is_its_goods_not_a_name():
    lead = _lead(GOODS, "What's in the Swedish package?")
    assert "Archer" in lead and "RBS 70" in lead, lead


def test_who_announced_it_is_still_a_name():
    lead = _lead(GOODS, "Who announced the package?")
    assert "Archer" not in lead, lead


RIVALS = (
    "Ukraine's General Staff said its troops had recaptured the village of Kamianka after two days of "
    "fighting. Russia's Defence Ministry rejected that account and said its units had repelled attacks "
    "near Kamianka and still held the eastern bank."
)


def test_what_a_side_says_happened_is_its_account_not_its_name():
    lead = _lead(RIVALS, "What does Russia say happened at Kamianka?")
    assert "repelled" in lead and "Defence Ministry" not in lead, lead


def test_who_says_so_is_still_the_name():
    assert "Defence Ministry" in _lead(RIVALS, "Who says the attacks near Kamianka were repelled?")


def test_coordinated_doers_are_named_together():
    text = "Sweden and Finland announced a joint €500 million package for Ukraine's air defence on Monday."
    lead = _lead(text, "Who announced the package?")
    assert "Sweden" in lead and "Finland" in lead, lead


def test_a_what_question_is_not_answered_by_a_name_near_its_words():
    text = (
        "The Treasury list includes suppliers in China that, according to the Treasury, shipped machine tools "
        "and microelectronics to Russian arms makers in Tula."
    )
    lead = _lead(text, "What were the Chinese suppliers accused of shipping?")
    assert "machine tools" in lead and not lead.startswith("China"), lead


def test_goods_in_a_later_quoted_sentence_beat_a_clause_of_the_first():
    # The newsletter's item on the US package: its goods are in the sentence after the one that ranks first.
    from pathlib import Path

    weekly = Article(text=(Path(__file__).parent / "fixtures" / "heldout2" / "203.txt").read_text(encoding="utf-8"))
    lead = ask(weekly, "What's actually in the new US package?").answer.split("\n")[0]
    assert "Stinger" in lead, lead


def test_which_class_names_every_member_the_apposition_lists():
    # The parser may read "two steelmakers, Severstal and Mechel" as a coordination, not an apposition.
    text = (
        "Washington on Tuesday imposed sanctions on two of Russia's largest steelmakers, Severstal and "
        "Mechel, as well as on 40 cargo ships, officials said."
    )
    lead = _lead(text, "Which Russian steelmakers were sanctioned?")
    assert "Severstal" in lead and "Mechel" in lead
    # Counter-example: what follows a one-name apposition is not another member ("and 40 cargo ships").
    other = "Washington on Tuesday sanctioned Russia's largest steelmaker, Severstal, and 40 cargo ships."
    lead = _lead(other, "Which steelmaker was sanctioned?")
    assert "Severstal" in lead and "40" not in lead


def test_which_plural_read_as_a_verb_still_names_the_class():
    # "Which villages does …": the tagger may take "villages" for a verb; the class asked for is still villages.
    text = (
        "Kyiv's General Staff said on Friday that its troops had retaken the villages of Hlynske and "
        "Sosnivka, south-east of Kupiansk."
    )
    lead = _lead(text, "Which villages does Kyiv say it retook?")
    assert "Hlynske" in lead and "Sosnivka" in lead
    # Counter-example: an auxiliary after "which" is not a class word.
    assert _lead(text, "Which does Kyiv say it retook?")


def test_a_count_of_two_kinds_names_both():
    text = (
        "Tokyo said the assets of 14 individuals and 31 entities would be frozen, and that exports to "
        "another 9 firms would be barred."
    )
    lead = _lead(text, "How many individuals and entities face the asset freeze?")
    assert "14 individuals" in lead and "31 entities" in lead
    # Counter-example: a question about one kind keeps to that kind.
    lead = _lead(text, "How many firms face the export ban?")
    assert "9 firms" in lead and "31" not in lead


REFUSAL = (
    "Chancellor Petra Lindqvist has again ruled out sending Falke cruise missiles to Ukraine, whose range "
    "would put Moscow within reach, arguing that the weapon could not be used without Swedish crews. "
    "Sweden has sent 40 armoured vehicles this year."
)
PERMISSION = (
    "Norway will not stand in the way of Ukraine using Norwegian-donated rockets against military targets "
    "on Russian territory, provided this is done in accordance with international law, the ministry said."
)


def test_a_yes_no_lead_says_the_passage_main_clause_with_its_own_verb_and_negation():
    lead = _lead(REFUSAL, "Is Sweden sending Falke missiles?")
    assert lead.startswith("According to the article, Chancellor Petra Lindqvist has again ruled out sending Falke")
    assert "arguing" not in lead and "whose range" not in lead  # the asides stay in the quote below


def test_a_yes_no_lead_keeps_a_negation_and_a_condition():
    lead = _lead(PERMISSION, "Can Ukraine fire the Norwegian rockets into Russia?")
    assert "will not stand in the way" in lead and "provided this is done in accordance with international law" in lead


LISTINGS = (
    "Canada imposed sanctions on Russia on Monday. The measures freeze the assets of 29 entities and 11 "
    "individuals linked to the deportation of children, the foreign ministry said."
)


def test_a_count_of_the_noun_asked_for_beats_a_count_of_its_synonyms():
    assert _lead(LISTINGS, "How many individuals were sanctioned?").startswith("11 individuals,")
    assert _lead(LISTINGS, "How many entities were sanctioned?").startswith("29 entities,")
    assert _lead(LISTINGS, "How many people were sanctioned?").startswith("11 individuals,")


PACKAGE = (
    "The EU is preparing a new sanctions package that targets Russian LNG and Gazprombank, diplomats said on "
    "Tuesday. Sweden will send Ukraine 12 armoured vehicles, its defence minister said."
)


def test_which_class_finds_a_name_that_ends_in_the_class_word():
    assert _lead(PACKAGE, "Which bank does the EU package target?").startswith("Gazprombank,")


def test_which_class_the_article_never_speaks_of_is_not_answered_with_something_else():
    assert _lead(PACKAGE, "Which airports does the EU package target?") == "The article doesn't say."
    assert _lead(PACKAGE, "Which ports does the EU package target?") == "The article doesn't say."


DELIVERY = (
    "KYIV, June 2 (Wire) - Germany will deliver two more IRIS-T air defence systems to Ukraine this summer, "
    "Defence Minister Boris Pistorius said on Monday during a visit to Odesa. The systems are part of a 500 "
    "million euro package announced in April."
)


def test_a_time_without_a_date_answers_when_and_the_dateline_does_not():
    lead = _lead(DELIVERY, "When will the systems be delivered?")
    assert lead.startswith("This summer,") and "June 2" not in lead


def test_the_price_of_one_is_not_the_package_total():
    assert _lead(DELIVERY, "How much does one IRIS-T system cost?") == "The article doesn't say."
    assert _lead(DELIVERY, "How much is the package worth?").startswith("500 million euro")


REPAIRS = (
    "Britain will give Ukraine a further £150 million, including 10,000 drones.\n\n"
    "- £50 million to repair and maintain armoured vehicles the UK has already provided\n\n"
    "- £100 million for drones built with Ukrainian manufacturers"
)


def test_what_money_is_for_is_read_from_its_purpose_clause():
    lead = _lead(REPAIRS, "What's the £50 million for?")
    assert lead.startswith("To repair and maintain armoured vehicles")


def test_what_money_pays_for_names_the_goods_not_the_recipient():
    text = "Denmark's defence ministry said most of the money would fund production of Bohdana howitzers for Ukraine."
    lead = _lead(text, "What is the Danish money for?")
    assert "Bohdana howitzers" in lead and not lead.startswith("Ukraine")


def test_what_someone_asked_for_is_not_read_as_a_purpose():
    text = "Kyiv asked Washington for Tomahawk missiles, which would cost $1.3 million each."
    assert "Tomahawk" in _lead(text, "What did Kyiv ask Washington for?")


INTERVIEW = (
    "HOST: Minister, thank you for joining us. Let's start with the new package. How big is it?\n\n"
    "MINISTER: It is 300 million euros, mostly artillery ammunition and spare parts for howitzers.\n\n"
    "HOST: And the long-range question. Will Ukraine be allowed to use your missiles against targets in Russia?\n\n"
    "MINISTER: The missiles can be used on Ukrainian territory, including Crimea, but not on Russian soil."
)


def test_an_answer_that_leans_on_the_interviewers_question_is_found_by_it():
    assert "300 million euros" in _lead(INTERVIEW, "How big is the package?")


def test_the_interviewers_question_is_never_quoted_as_the_answer():
    answer = ask(Article(text=f"Test report\n\n{INTERVIEW}"), "Can Ukraine use the missiles in Russia?")
    assert answer.quotes and not any(q.rstrip().endswith("?") for q in answer.quotes)
    assert "Russian soil" in answer.answer + " ".join(answer.quotes)


def test_a_models_number_is_not_a_count():
    text = "Germany sent 14 Leopard 2 tanks last year. Denmark will send 20 Leopard 1 tanks to Ukraine this spring."
    lead = _lead(text, "How many tanks is Denmark sending?")
    assert lead.startswith("20 Leopard 1 tanks")


def test_a_count_of_things_named_after_the_noun_asked_is_no_quantity_of_it():
    text = "Washington imposed sanctions on Rosneft and Lukoil, Russia's two largest oil companies, the Treasury said."
    lead = _lead(text, "How much oil does Rosneft export?")
    assert "two largest oil companies" not in lead.lower()


BANKS = (
    "The package also targets banks in Kazakhstan and Kyrgyzstan accused of helping Moscow evade restrictions. "
    "Canada sanctioned 9 entities linked to Russia's military-industrial complex, the European Union said."
)


def test_which_countries_is_answered_by_country_names_without_the_word_country():
    assert "Kazakhstan" in _lead(BANKS, "Which countries' banks are targeted?")


def test_who_a_named_doer_acted_on_is_the_object_not_another_doer():
    lead = _lead(BANKS, "Who did Canada sanction?")
    assert "9 entities" in lead and "European Union" not in lead


def test_a_season_with_a_preposition_of_time_answers_when():
    text = "Norwegian officials said the first deliveries of the radars were expected before the summer."
    assert _lead(text, "When will the first deliveries arrive?").startswith("Before the summer")


def test_the_end_of_a_period_answers_when():
    text = "Kyiv will receive 12 F-16 jets from Norway by the end of the year, the ministry said."
    assert _lead(text, "When will the F-16 jets arrive?").startswith("By the end of the year")


def test_of_several_places_where_names_the_one_nearest_the_questions_words():
    text = "Moscow-installed officials in Zaporizhzhia said Ukrainian drones struck a power substation in Enerhodar."
    assert _lead(text, "Where is the substation that was hit?").startswith("Enerhodar")


DRONE_ORDER = (
    "The money will pay for about 10,000 first-person-view drones built in Ukraine and for 300 longer-range "
    "strike drones, a ministry statement said. Umerov said Kyiv's forces had used drones to destroy more than "
    "1,200 Russian armoured vehicles in January.\n\nSeparately, the European Union is preparing its 16th package "
    "of sanctions against Russia, which diplomats said could include a ban on imports of Russian aluminium."
)


def test_an_initialism_finds_the_hyphenated_words_it_stands_for():
    assert "10,000 first-person-view drones" in _lead(DRONE_ORDER, "How many FPV drones will it buy?")


def test_a_count_names_every_word_of_the_thing_asked_about():
    assert "1,200 Russian armoured vehicles" in _lead(DRONE_ORDER, "How many armoured vehicles did Ukraine destroy?")


def test_a_range_without_a_distance_and_an_amount_without_a_figure_are_not_given():
    # "longer-range strike drones" has a count but no distance; "16th package" is no amount of aluminium.
    assert _lead(DRONE_ORDER, "What is the range of the strike drones?") == "The article doesn't say."
    assert _lead(DRONE_ORDER, "How much aluminium does the EU import from Russia?") == "The article doesn't say."


def test_a_relative_clause_without_the_answer_is_not_a_lead():
    lead = _lead(DRONE_ORDER, "What did Russia say about the package?")
    assert not lead.lower().startswith("which")


ODESA_NIGHT = (
    "Ukraine's air force says it shot down 71 of the 90 drones Russia launched overnight. The port authority said "
    "grain loading at Odesa has been suspended for at least two days."
)


def test_a_part_of_a_whole_is_answered_with_both():
    lead = _lead(ODESA_NIGHT, "How many drones were shot down?")
    assert "71 of the 90 drones" in lead


def test_a_stretch_of_time_is_no_amount_of_a_thing():
    assert _lead(ODESA_NIGHT, "How much grain was lost?") == "The article doesn't say."
    assert "two days" in _lead(ODESA_NIGHT, "How long will grain loading be suspended?")


PRAGUE_RULES = (
    "Germany has yet to approve the delivery of Taurus cruise missiles to Ukraine, government sources said. "
    "Washington declined to lift restrictions on the use of ATACMS against airfields deep inside Russia, a "
    "Pentagon spokesperson said."
)


def test_what_a_side_said_is_not_given_when_nobody_on_that_side_speaks():
    assert _lead(PRAGUE_RULES, "What did Russia say about the decision?") == "The article doesn't say."
    said = PRAGUE_RULES + " The Kremlin said any strike deep inside Russia would be seen as an escalation."
    assert _lead(said, "What did Russia say about the decision?") != "The article doesn't say."


UK_LISTINGS = (
    "The UK on Thursday sanctioned 45 individuals and companies linked to Russia's military supply chain, "
    "including six based in China."
)


def test_who_a_passive_question_asks_for_is_whom_the_verb_acts_on():
    assert "45 individuals and companies" in _lead(UK_LISTINGS, "Who is being sanctioned?")


def test_a_count_of_things_joined_by_and_names_them_all():
    assert "45 individuals and companies" in _lead(UK_LISTINGS, "How many individuals and companies did the UK sanction?")


COMMONS = (
    "Conservative MP Mark Dunn asked how much of the £3 billion annual military aid had been spent this year. "
    "The armed forces minister said £2.1 billion had been committed so far.\n\n"
    "Liberal Democrat MP Helen Morgan asked whether the UK had any plans to send Typhoon jets to Ukraine. "
    'The minister said there were "no plans" to do so.'
)


def test_a_figure_inside_a_reported_question_is_not_the_answer():
    assert "£2.1 billion" in _lead(COMMONS, "How much of the annual aid has been committed?")


def test_a_yes_no_lead_reads_the_reply_not_the_reported_question():
    lead = _lead(COMMONS, "Will the UK send Typhoons?")
    assert "no plans" in lead and "asked" not in lead


def test_shot_down_finds_destroyed_in_the_account_asked_for():
    text = (
        "Talks went on in Geneva. Russian air defences destroyed 296 Ukrainian drones over 13 regions overnight, the "
        "Russian defence ministry said, adding that airports around Moscow had briefly suspended flights.\n\n"
        "Ukraine's air force said Russia had launched 88 drones and several missiles at Ukrainian territory during "
        "the same night, most of which it said were shot down."
    )
    lead = _lead(text, "How many drones does Russia say it shot down?")
    assert "296" in lead and "88" not in lead


ALLIES_PAY = (
    "Help is coming from the north. Under a NATO scheme, Finland, Estonia and Latvia have together put up "
    "$900 million to buy American air-defence interceptors for Ukraine. The Nordics and Balts are in effect "
    "paying for what Washington will no longer give."
)


def test_which_countries_names_the_countries_not_a_group_word():
    lead = _lead(ALLIES_PAY, "Which countries are paying for the interceptors?")
    assert "Finland, Estonia and Latvia" in lead and "Ukraine" not in lead
    # Counter-example: a question that names the countries asks for something else.
    assert "Finland" not in _lead(ALLIES_PAY, "How much have Finland, Estonia and Latvia put up?")


UNNAMED_TARGETS = (
    "Russia's Defence Ministry said its missiles had struck Ukrainian military airfields and arms plants overnight. "
    "All targets were hit, it said. Ukraine's air force said no combat aircraft had been lost."
)
NAMED_TARGET = (
    "Ukraine's General Staff said its drones had struck the Novoshakhtinsk refinery in Rostov region overnight. "
    "A fire broke out at the site, the regional governor said."
)


def test_which_named_thing_is_declined_when_the_article_never_names_one():
    assert "doesn't say" in _lead(UNNAMED_TARGETS, "Which airfield was hit?")
    # Counter-example: the article names the refinery, so the lead does.
    assert "Novoshakhtinsk" in _lead(NAMED_TARGET, "Which refinery was hit?")


# Who made something known: the speaker of the sentence that says it, whatever the article's verb.
MINISTER_ANNOUNCES = (
    "Belgium will send Ukraine a further 300 million euros in artillery shells this winter, Defence Minister "
    "Lotte Vermeer said on Tuesday."
)
MINISTER_GOES_FURTHER = (
    "Last spring the Belgian defence minister, Lotte Vermeer, went further, saying Ukraine faced no limits on "
    "where it could fly the Belgian jets."
)


@pytest.mark.parametrize(
    "text, question, wanted, unwanted",
    [
        (MINISTER_ANNOUNCES, "Who announced the shells?", "Vermeer", "Belgium"),
        (MINISTER_ANNOUNCES, "Who will send the shells?", "Belgium", "Vermeer"),
        (MINISTER_GOES_FURTHER, "Who said Ukraine faced no limits on the Belgian jets?", "Lotte Vermeer", None),
    ],
)
def test_who_announced_is_the_speaker_and_who_does_is_the_doer(text, question, wanted, unwanted):
    lead = _lead(text, question)
    assert wanted in lead and (unwanted is None or unwanted not in lead)


# A formation is named by its own class word ("group") when the question uses another ("grouping").
FORMATION = (
    'Moscow said troops of its "Tsentr", or Centre, group of forces had taken the village of Lysivka, '
    "a claim Kyiv did not confirm."
)


@pytest.mark.parametrize(
    "question, wanted",
    [
        ("Which Russian grouping is said to have taken Lysivka?", "Tsentr"),
        ("Which formation took the village?", "Tsentr"),
    ],
)
def test_which_formation_names_the_group_whatever_the_class_word(question, wanted):
    assert wanted in _lead(FORMATION, question)


# A source is named without its class word: "According to the Kyiv Independent" answers "Which newspaper …?".
SOURCED = (
    "According to the Kyiv Independent, a review in the defence ministry has for weeks held up the delivery of "
    "Swedish air defence radars to the front."
)


def test_which_newspaper_is_answered_by_the_source_the_sentence_follows():
    lead = _lead(SOURCED, "Which newspaper reported on the defence ministry review?")
    assert "Kyiv Independent" in lead and "doesn't say" not in lead


# A kind of company answers a question about companies; a company of another kind does not answer about a kind.
KINDS_OF_COMPANY = (
    "Washington on Tuesday blacklisted Volgaport and Tarnef, two of Russia's largest oil exporters, and the "
    "shipping company Severnaya Line, which carried their crude to ports in Asia."
)


def test_which_companies_is_answered_by_names_on_a_kind_of_company():
    lead = _lead(KINDS_OF_COMPANY, "Which Russian oil companies did Washington blacklist?")
    assert "Volgaport" in lead and "Tarnef" in lead


def test_which_exporters_is_not_answered_by_a_company_of_another_kind():
    lead = _lead(KINDS_OF_COMPANY, "Which exporters were blacklisted?")
    assert "Severnaya" not in lead.split(",")[0]


# Where a firm is based is a country, and the question's "based" and "restricted" need not be the article's words.
BASED = (
    "The Commerce Department added 19 companies, among them suppliers in Kazakhstan, Armenia and the United "
    "Arab Emirates, to its list of firms subject to export restrictions."
)


def test_where_are_firms_based_names_their_countries():
    lead = _lead(BASED, "Where are the newly restricted suppliers based?")
    assert all(c in lead for c in ("Kazakhstan", "Armenia", "United Arab Emirates")), lead


# "air-defense" in the question and "air defense" in the article are the same words: echoing them answers nothing.
ECHO = (
    "Ukraine's defence minister wrote that the air defense interceptors in particular would protect Ukrainian "
    "cities and the power grid in the winter."
)


def test_a_hyphenated_question_word_is_not_echoed_as_the_answer():
    lead = _lead(ECHO, "Which air-defense system are the interceptors for?")
    assert not lead.lower().startswith("air defense interceptors"), lead


# "What's the new cap?" asks for a price, and for where the change ended, not where it started.
PRICE_CAP = (
    "Since 2022, Western insurers may only cover Russian crude sold at or below $60 a barrel. "
    "In its latest package the bloc lowered that ceiling to $44.10 from the start of next month."
)


@pytest.mark.parametrize("question", ["What's the new cap on Russian crude?", "What is the cap on Russian crude now?"])
def test_the_new_cap_is_the_figure_the_change_ends_at(question):
    lead = _lead(PRICE_CAP, question)
    assert lead.startswith("$44.10"), lead


def test_the_old_figure_of_a_change_is_not_the_new_one():
    lead = _lead("Tokyo said it would cut the cap to ¥5,500 a barrel from ¥7,000 a barrel.", "What's the new cap?")
    assert lead.startswith("¥5,500"), lead


# "What's X's range?" asks for a distance, also where the article says "its range" after naming X in the headline.
def test_a_possessive_range_question_is_answered_by_the_distance():
    text = (
        "No Kestrel missiles for Kyiv this winter\n\nThe government will not send Kestrel missiles, officials said. "
        "Kestrel launchers are in short supply, and Kestrel stocks are low.\n\nThe missile matters. Its range is "
        "about 1,900 km."
    )
    answer = ask(Article(text=text, title="No Kestrel missiles for Kyiv this winter"), "What's the Kestrel's range?")
    assert answer.answer.split("\n")[0].startswith("1,900 km"), answer.answer


# A figure asked for with "what": losses are counted in people, and the figure is the side's own claim.
LOSSES = (
    "Ukraine's General Staff said Russia had lost 1,180 troops along the whole front in a day. "
    "Russia's Defence Ministry said Ukraine had lost up to 230 servicemen, two tanks and nine artillery pieces "
    "near the town over the same period."
)


@pytest.mark.parametrize(
    "question",
    [
        "What losses does Moscow claim Ukraine took near the town?",
        "What's the Defence Ministry's figure for Ukrainian losses?",
        "What Ukrainian losses does Russia claim?",
    ],
)
def test_a_what_question_about_losses_gets_the_claimed_count(question):
    assert _lead(LOSSES, question).startswith("230 servicemen")


def test_what_russia_calls_a_town_is_the_name_it_gives():
    text = (
        "Moscow said its troops had taken Pokrovsk, which it calls by its old name, Krasnoarmeysk, after weeks of fighting."
    )
    assert _lead(text, "What does Russia call Pokrovsk?").startswith("Krasnoarmeysk")


# "…, it said" continues the speaker of the sentence before; a count "Ukraine says" is Ukraine's own.
DOWNED = (
    "Ukraine's air force said Russia launched 91 drones and three missiles overnight. "
    "Air defences shot down 70 of the drones, it said. "
    "Russia's Defence Ministry said its air defences had downed 41 Ukrainian drones over the Kursk region."
)


def test_a_count_a_side_says_is_read_from_that_sides_statements():
    assert _lead(DOWNED, "How many drones does Ukraine say it shot down?").startswith("70")


# "What condition …?" is answered by the condition the sentence sets, with its marker.
@pytest.mark.parametrize(
    "text, wanted",
    [
        (
            "Oslo has let Ukraine use Norwegian-donated rocket launchers on Russian soil, provided that the strikes "
            "hit only military targets, the defence minister said.",
            "provided that the strikes hit only military targets",
        ),
        (
            "Lisbon will allow strikes on Russian territory with its drones as long as they comply with "
            "international law, officials said.",
            "as long as they comply with international law",
        ),
    ],
)
def test_a_condition_question_gets_the_condition(text, wanted):
    lead = _lead(text, "What condition was attached to the strikes on Russia?")
    assert lead.lower().startswith(wanted), lead


# The contents of a package are often in the sentence after its announcement, which shares few of the question's words.
CONTENTS_AFTER = (
    "Denmark this week announced its latest package of military support for Ukraine, officials in Copenhagen said. "
    "The government commits 6.1 billion kroner in this round.\n\n"
    "The biggest items are Caesar howitzers, Piranha armoured personnel carriers and a large amount of ammunition. "
    "Danish weapons may be used on Russian territory, the minister added."
)


def test_what_is_in_the_package_finds_the_goods_listed_near_its_announcement():
    lead = _lead(CONTENTS_AFTER, "What is in the Danish package?")
    assert "Caesar howitzers" in lead and "armoured personnel carriers" in lead, lead


# "How did X react?" is answered by what X said, from X's own sentence, or the one after "X reacted sharply."
REACTIONS = (
    "Rome cleared Ukraine to use Italian-supplied missiles against military targets inside Russia on Tuesday, "
    "the defence minister said.\n\n"
    "The Kremlin reacted sharply. Spokesman Dmitry Peskov called the decision reckless and said it would prolong "
    "the war.\n\n"
    "Beijing's foreign ministry said it firmly opposed any listing of Chinese firms and would take the measures "
    "needed to protect them, a response that diplomats in Brussels had expected for weeks."
)


@pytest.mark.parametrize(
    "question, wanted",
    [
        ("How did the Kremlin react?", "reckless"),
        ("How did Beijing respond?", "firmly opposed"),
    ],
)
def test_how_did_x_react_leads_with_what_x_said(question, wanted):
    lead = _lead(REACTIONS, question)
    assert wanted in lead, lead


# An article that says a thing was withheld answers "doesn't say"; a past date is no answer to "when will …".
LISTED = (
    "WASHINGTON - The United States imposed sanctions on Wednesday on 31 companies in China, Hong Kong, Turkey and "
    "Kazakhstan that it says helped Russia's military. Twelve of the targets are in mainland China or Hong Kong, "
    "according to the department. One Hong Kong trading company shipped more than $9 million of electronic "
    "components to Russian arms makers over two years, the department said."
)


def test_the_name_of_an_unnamed_company_is_not_answered_by_the_countries_listed():
    assert _lead(LISTED, "What's the name of the Hong Kong trading company?") == "The article doesn't say."


def test_gave_no_date_declines_a_when_question():
    text = (
        "Britain will pay for 4,000 interceptor missiles for Ukraine, Defence Secretary John Healey said. "
        "Asked when the first interceptor missiles would reach Ukraine, Healey gave no date. "
        "The first tranche of a separate loan is due to be paid out next week."
    )
    assert _lead(text, "When will the first interceptor missiles reach Ukraine?") == "The article doesn't say."


def test_a_future_when_question_is_not_answered_with_a_past_date():
    text = (
        "Britain will pay for 4,000 air-defence missiles for Ukraine under a new deal, Defence Secretary John Healey "
        "said. Shadow defence secretary Mark Lyle asked in the Commons when the first missiles would arrive, but "
        "Healey said only that production would be accelerated. Total UK support for Ukraine since February 2022 "
        "will reach £13 billion by the end of this year, the ministry says."
    )
    lead = _lead(text, "When will the first of the new missiles reach Ukraine?")
    assert "2022" not in lead, lead


# A price per barrel is no sum of revenue or aid, but it is what a question about the price cap asks for.
PRICE = (
    "Oil remains Russia's largest source of export revenue. The G7 price cap, set at $60 a barrel for crude, was "
    "meant to limit Moscow's earnings from oil."
)


def test_a_unit_price_is_no_answer_to_how_much_revenue():
    assert _lead(PRICE, "How much oil revenue is Russia expected to lose?") == "The article doesn't say."


def test_a_unit_price_answers_a_question_about_the_price_cap():
    assert _lead(PRICE, "What is the oil price cap?").startswith("$60")


# "Why …?" told with a reason noun and its "that" clause, however long.
REASON_NOUN = (
    "Rome will not send its Storm Shadow missiles to Ukraine, the defence minister said on Friday, for reasons that "
    "rest on a worry, which his coalition partners do not share, that Italian technicians might be needed on the "
    "ground to program the missiles and could draw Italy into the war."
)


def test_why_is_answered_by_the_that_clause_of_a_reason_noun():
    lead = _lead(REASON_NOUN, "Why won't Italy send Storm Shadow?")
    assert "Italian technicians might be needed" in lead, lead


# The reason a source gives for staying unnamed is not the reason for what it reports.
UNNAMED_SOURCE = (
    "Latvia also abstained, two diplomats said, asking not to be identified because the talks were private. "
    "Estonia voted against, citing the cost to its budget."
)


def test_a_sources_reason_for_anonymity_is_no_answer_to_why():
    assert "talks were private" not in _lead(UNNAMED_SOURCE, "Why did Latvia abstain?")
    assert "cost to its budget" in _lead(UNNAMED_SOURCE, "Why did Estonia vote against?")


# "Who was the individual the Treasury blacklisted?": whom that doer acted on, named without the clauses that
# describe him.
DESCRIBED_TARGET = (
    "The Treasury on Monday designated 30 tankers. Washington also blacklisted Pavel Orlin, a Latvian national "
    "based in Dubai who, according to the Treasury, managed nine of the vessels through front companies."
)


def test_who_is_the_person_the_doer_acted_on():
    assert _lead(DESCRIBED_TARGET, "Who was the individual the Treasury blacklisted?").startswith("Pavel Orlin")


def test_yes_no_lead_comes_from_the_near_best_passage_that_names_what_was_asked():
    """Two passages score about the same: "He said nothing had changed." (by its neighbours' words) and the
    one that itself names ATACMS. The lead is read from the one that names it."""
    from bot.qa.intent import understand
    from bot.qa.lexicon import tokens
    from bot.qa.passages import Passage
    from bot.qa.replies import reply_to
    from bot.qa.retrieve import Hit

    texts = [
        "He said nothing had changed.",
        "The ban on using ATACMS missiles deep inside Russia remains in place, Reed said.",
    ]
    hits = [
        Hit(Passage(text=t, index=i, paragraph=0, quotable=True, tokens=tokens(t)), score, True)
        for i, (t, score) in enumerate(zip(texts, (2.97, 2.95), strict=True))
    ]
    intent = understand("Has Washington changed what Ukraine can hit with ATACMS?", [])[0]
    assert reply_to(hits, intent) == texts[1]
    # A passage well ahead is still the best one, whatever it names.
    hits[0].score = 4.0
    assert reply_to(hits, intent) == texts[0]


def test_a_who_lead_is_never_another_name_of_one_the_question_names():
    text = (
        "Canberra on Tuesday imposed sanctions on Volga Marine Logistics, a shipping firm that moves Russian oil. "
        "The firm runs eleven tankers, officials said."
    )
    lead = _lead(text, "Who did Australia sanction?")
    assert "Volga Marine" in lead and not lead.startswith("Canberra")


def test_a_bare_ukrainian_body_speaks_for_ukraine():
    """ "What did Ukraine say …?" is answered from "the General Staff said …", not from a sentence that has Kyiv
    speaking on something else."""
    text = (
        "Kyiv says Russian firms supply parts for the drones that hit its cities. "
        "Separately, the General Staff said Ukrainian drones had struck the Syzranka oil refinery overnight. "
        "Moscow did not comment on the strike."
    )
    assert "Syzranka" in _lead(text, "Which refinery did Ukraine say its drones hit?")


@pytest.mark.parametrize(
    ("text", "question", "wanted", "unwanted"),
    [
        # A "which company" question is answered by the companies' names, not by a date or the government.
        (
            "Oil prices rose on Thursday after the Treasury named Rosneft and Lukoil, Russia's two largest oil "
            "companies, in its latest round of measures.",
            "Which oil companies were named?",
            ["Rosneft", "Lukoil"],
            ["Thursday"],
        ),
        # A country named as the owner of what is counted is named as such; a capital owning a mood is not.
        (
            "Russia buys chips through its neighbours. Kyrgyzstan's imports of such chips from the EU rose tenfold, "
            "according to Eurostat.",
            "Which country's chip imports from the EU rose tenfold?",
            ["Kyrgyzstan"],
            ["Eurostat"],
        ),
    ],
)
def test_which_class_questions_are_answered_by_a_member_of_the_class(text, question, wanted, unwanted):
    lead = _lead(text, question)
    assert all(w in lead for w in wanted) and not any(u in lead for u in unwanted), lead


@pytest.mark.parametrize(
    "question",
    ["According to Kyiv, how many drones were shot down overnight?", "How many drones were shot down, by Kyiv's count?"],
)
def test_whose_count_is_asked_for_picks_that_sides_figure(question):
    text = (
        "Russia's Defence Ministry said its air defences shot down 112 Ukrainian drones overnight over six regions. "
        "Ukraine's Air Force said it shot down 48 of the 60 Russian drones launched overnight."
    )
    assert "48" in _lead(text, question)


@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("What calibre of shells is Britain sending?", "155mm", "300,000"),
        ("What kind of ammunition is Norway paying for?", "35mm", "300,000"),
    ],
)
def test_what_sort_of_thing_is_answered_by_its_sort_not_its_count(question, wanted, unwanted):
    text = (
        "Britain is sending Ukraine more than 300,000 artillery shells this year, a spokesperson said. "
        "The Ministry of Defence said they were 155mm shells filled at Glascoed. "
        "Norway is paying for 35mm anti-aircraft ammunition for Ukraine's Gepard guns."
    )
    lead = _lead(text, question)
    assert wanted in lead and unwanted not in lead, lead


def test_where_is_answered_by_the_place_the_questions_own_verb_governs():
    text = (
        "The so-called reparations loan, approved in the early hours of Friday at a summit in Brussels, will draw on "
        "about €185 billion of Bank of Russia assets held at Euroclear Bank SA, the Brussels-based securities "
        "depository, according to a statement from the European Council.\n\nKremlin spokesman Dmitry Peskov called "
        "the decision theft and warned that foreign investors would draw their own conclusions about the safety of "
        "keeping reserves in Europe."
    )
    assert _lead(text, "Where are most of the frozen Russian reserves held?").startswith("Euroclear")


def test_a_which_question_names_every_member_of_a_list_set_off_by_dashes():
    text = (
        "Washington blacklisted 90 tankers on Friday. Two shipping agents — Gulf-based Amber Line FZE and "
        "Singapore's Tidewater Marine Pte. — were added to the list, cutting them off from dollar payments."
    )
    lead = _lead(text, "Which shipping agents were hit?")
    assert "Amber Line" in lead and "Tidewater Marine" in lead


SANCTIONS_ROUND = (
    "CANBERRA (AFP) – Australia on Monday froze the assets of dozens of Russian individuals and companies, banned "
    "exports of machine tools to Russia and pledged more help for Ukraine, while insisting it would still not send "
    "weapons to Kyiv.\n\n"
    "The freezes target 12 individuals and 30 entities, including the Russian arms maker Kalinovo Works and several "
    "officials in the occupied part of the Kherson region, the foreign ministry said.\n\n"
    "Among those listed is Pavel Dronov, the Moscow-installed mayor of the port, along with two of his deputies.\n\n"
    "“The real signal here is the listing of firms in third countries,” said an analyst in Sydney."
)
NEW_PLEDGE = (
    "Australia on Monday froze the assets of 12 Russian individuals and pledged another A$90 million for Ukraine's "
    "power grid. The latest pledge brings Australia’s total support for Ukraine since the full-scale invasion in "
    "February 2022 to more than A$1.5 billion, according to the foreign ministry."
)


@pytest.mark.parametrize(
    "text, question, wanted, unwanted",
    [
        # The head of "which N" decides what is asked: a company, though "arms" names weapons; "the foreign
        # ministry", tagged as a name, is no firm's name.
        (SANCTIONS_ROUND, "Which Russian arms company got hit?", "Kalinovo Works", "ministry"),
        # A mayor or a governor is an official: the sentence that names one answers, not the ministry that spoke.
        (SANCTIONS_ROUND, "Which occupation official is on the list?", "Pavel Dronov", "ministry"),
        # "putting up" gives, like "giving"; "this time" asks for the new pledge, not the running total.
        (NEW_PLEDGE, "How much money is Canberra putting up for Ukraine this time?", "A$90 million", "1.5 billion"),
        (NEW_PLEDGE, "How much has Australia given Ukraine in total?", "1.5 billion", "90 million"),
    ],
)
def test_the_lead_names_the_member_or_figure_the_question_asks_for(text, question, wanted, unwanted):
    lead = _lead(text, question)
    assert wanted in lead
    assert unwanted not in lead


def test_an_exact_count_beats_a_vague_one_of_the_same_thing():
    text = (
        "Australia on Monday froze the assets of dozens of Russian individuals and companies. "
        "The freezes target 12 individuals and 30 entities, the foreign ministry said."
    )
    assert "12 individuals" in _lead(text, "How many individuals had their assets frozen?")
    # Alone, the vague count is what the article says.
    assert "ozens" in _lead(text.split(". ")[0] + ".", "How many individuals had their assets frozen?")


DISMISSED_REPORT = (
    "Austria’s government dismissed a report by a tabloid that its new aid package for Ukraine would be worth “up to "
    "4 billion euros”, calling the figure speculation. The defence minister said on Tuesday that the new package "
    "includes demining vehicles, generators and field hospitals and is worth 600 million euros over two years."
)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [
        # A figure inside a report someone dismisses is not the article's figure; "value" and "worth" frame a
        # question about a sum without having to stand beside it.
        ("How much is Austria's new package worth?", "600 million", "4 billion"),
        ("What is the value of the new Austrian package?", "600 million", "4 billion"),
    ],
)
def test_the_figure_asked_for_and_not_a_dismissed_one(question, wanted, unwanted):
    lead = _lead(DISMISSED_REPORT, question)
    assert wanted in lead
    if unwanted:
        assert unwanted not in lead


def test_who_gave_the_figures_is_whoever_said_them():
    text = (
        "In Dnipro, three people were killed and 12 wounded when Shahed-type drones slammed into a warehouse overnight, "
        "according to Serhiy Lysak, the head of the regional military administration."
    )
    lead = _lead(text, "Who gave the casualty figures for Dnipro?")
    assert "Lysak" in lead and "drones" not in lead


def test_where_a_weapon_may_be_used_is_the_phrase_of_place_of_the_rule():
    text = (
        "The Portuguese side transferred a batch of Storm Shadow cruise missiles. "
        "In accordance with the decision of the Government of Portugal, weapons provided by Portugal, in particular "
        "Storm Shadow missiles, may be used exclusively on the territory of Ukraine within its internationally "
        "recognised borders."
    )
    lead = _lead(text, "Where are the Portuguese Storm Shadows allowed to be used?")
    assert "territory of Ukraine" in lead


def test_a_count_of_things_is_asked_like_how_many():
    text = (
        "Russia’s Ministry of Defence said its air defence units destroyed 64 Ukrainian drones overnight over seven "
        "regions, including 20 over the Bryansk region."
    )
    assert "64" in _lead(text, "What's Moscow's count of Ukrainian drones shot down?")


def test_howitzers_are_counted_as_artillery_systems():
    text = (
        "Under the so-called Danish model, the Danish side financed the purchase of 12 Bohdana self-propelled "
        "artillery systems produced in Ukraine. The cost of the contract is DKK 1.2 billion."
    )
    assert "12" in _lead(text, "How many Bohdana howitzers is Denmark paying for?")


# A question in two parts gets an answer for each in the lead, not only for the first.
TWO_PART = (
    "Britain added 23 tankers to its sanctions list on Monday. "
    "That brings the number of Russia-linked tankers Britain has listed to 167, the Foreign Office said. "
    "Separately, Norway pledged 600 million kroner for demining in Ukraine, with the work to begin in Kharkiv."
)


@pytest.mark.parametrize(
    "question, wanted",
    [
        ("How many tankers did Britain add, and what's the total now?", ("23", "167")),
        ("How much is Norway giving, and where will the work begin?", ("600 million kroner", "Kharkiv")),
    ],
)
def test_each_part_of_a_two_part_question_is_answered_in_the_lead(question, wanted):
    lead = _lead(TWO_PART, question)
    assert all(w in lead for w in wanted), lead


def test_a_one_part_question_keeps_a_lead_of_one_answer():
    lead = _lead(TWO_PART, "How many tankers did Britain add on Monday?")
    assert "23" in lead and "167" not in lead


@pytest.mark.parametrize(
    "text",
    [
        "A delivery of Patriot interceptors for Ukraine has been delayed, a Pentagon spokesperson confirmed on Nov. 25.",
        "France will send more SCALP missiles to Ukraine, on top of the aid it has given since Russia's full-scale "
        "invasion in February 2022.",
    ],
)
def test_when_something_was_said_or_began_is_no_date_it_will_happen(text):
    lead = _lead(text, "When will the missiles arrive in Ukraine?")
    assert "Nov. 25" not in lead and "2022" not in lead, lead


REFUSALS = (
    "Paris and London said they were ready to send troops to a European contingent in Ukraine. "
    "“Italy will not send soldiers to Ukraine, not now and not after a ceasefire,” its defence minister said. "
    "Hungary said the EU’s new sanctions package was illegal. "
    "The package was blocked by Slovakia at a meeting of ambassadors on Tuesday."
)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [
        # a refusal told without a refusal verb
        ("Which country refused to send troops?", "Italy", "Paris"),
        # the doer of a synonym of the question's verb
        ("Who's holding up the new EU sanctions package?", "Slovakia", None),
    ],
)
def test_the_doer_is_found_through_negation_and_synonyms_of_the_verb(question, wanted, unwanted):
    lead = _lead(REFUSALS, question)
    assert wanted in lead and (unwanted is None or unwanted not in lead), lead


# One lead rule each: the article, the question (with the thread before it), what the lead must and must not say.
LEAD_RULES = [
    pytest.param(
        # what something was "described as" is what it was called
        "Canada listed 61 tankers of Russia's shadow fleet on Friday. "
        "Russia's embassy in Ottawa described the listing of the tankers as “state piracy”. "
        "The Russian embassy in Tokyo called the new measures “another unfriendly step”.",
        "What did Russia's embassy in Ottawa call the tanker listings?",
        (),
        ["state piracy"],
        ["unfriendly"],
        id="described-as",
    ),
    pytest.param(
        # a distance restated in other units is one answer
        "Britain eased its rules on Storm Shadow missiles on Monday, while Moscow warned Russia would respond. "
        "Storm Shadow missiles may be used only against military sites within 300 kilometres (186 miles) of the "
        "Ukrainian border, Downing Street said.",
        "How far inside Russia can Storm Shadow be used?",
        (),
        ["300 kilometres (186 miles)"],
        [],
        id="distance-with-conversion",
    ),
    pytest.param(
        # a yes/no lead leaves out asides set off by commas
        "Japan froze the assets of 42 people on Friday. "
        "A senior government official, speaking on condition of anonymity because the talks are private, said Tokyo "
        "was still considering a U.S. request to allow Japanese-made PAC-3 interceptors, built under licence for the "
        "Patriot air defence system, to be passed on to Ukraine from American stocks.",
        "Is Japan going to let PAC-3 interceptors go to Ukraine?",
        (),
        ["still considering"],
        ["anonymity", "licence"],
        id="yes-no-without-asides",
    ),
    pytest.param(
        # a name of the class asked for answers even when it shares the question's words
        "Canada pledged C$120 million in humanitarian aid on Friday. It also gave a further C$35 million for the "
        "Ukraine Energy Support Fund, which buys equipment for the power grid.",
        "Which fund gets Canada's energy money?",
        (),
        ["Ukraine Energy Support Fund"],
        ["C$35"],
        id="class-name-sharing-words",
    ),
    pytest.param(
        # a contraction in the question is no word the article must have
        "Russian troops attacked the town again on Tuesday. The gunners defending it say they lack "
        "counter-battery radars and 155mm shells, which are rationed to a handful a day.",
        "What do the gunners say they're short of?",
        (),
        [],
        ["doesn't say"],
        id="contraction",
    ),
    pytest.param(
        # a sentence opening with a name and its description is that person's account
        "Igor Zakharchenko, a Moscow-installed official in occupied Donetsk region, went further on Tuesday, telling "
        "state television that Russian units had cut the T0504 highway into the town. "
        "A Ukrainian officer said the road was under Russian drone fire but had not been cut.",
        "What road does Zakharchenko claim was cut?",
        (),
        ["T0504"],
        [],
        id="name-then-description-speaks",
    ),
    pytest.param(
        # another country's currency is no answer about this country
        "Japan pledged 65 billion yen ($430 million) on Friday to keep Ukraine's power grid running. "
        "Canada pledged C$120 million ($86 million) in energy aid for Ukraine, and a further C$35 million for the "
        "Ukraine Energy Support Fund.",
        "How much energy aid is Japan giving Ukraine?",
        (),
        ["65 billion yen"],
        ["C$", "$86"],
        id="national-currency",
    ),
    pytest.param(
        # the lede's figure answers what the new package is worth
        "The United Kingdom has today unveiled a £300 million package of military support for Ukraine, focused on "
        "drones and air defence.\n\n"
        "Summary of the package:\n\n"
        "- The UK will fund the manufacture in Ukraine of long-range strike drones worth £150 million, under a joint "
        "UK-Ukrainian production programme.\n"
        "- The UK has handed over 15 air-defence launchers worth £90 million in total.",
        "How much is the new UK package worth?",
        (),
        ["£300 million"],
        [],
        id="lede-news-figure",
    ),
    pytest.param(
        # "how many of them" counts what the thread was counting
        "Russia launched 537 drones and 45 missiles at Ukraine overnight, the air force said. "
        "Air defences shot down or jammed 476 drones and 39 missiles, it said in its daily summary.",
        "How many of them were brought down?",
        ("How many drones did Russia send over?",),
        ["476"],
        ["39"],
        id="how-many-of-them",
    ),
    pytest.param(
        # a unit named by a capitalised adjective answers "which formation"
        "Russia's defence ministry said on Thursday that units of its Southern group of forces had taken the town, "
        "which it calls Chasov Yar. Ukrainian officers said fighting continued in its western districts.",
        "Which Russian formation does Moscow credit with taking the town?",
        (),
        ["Southern group"],
        [],
        id="unit-by-capitalised-adjective",
    ),
    pytest.param(
        # a passage that names only another country does not answer for the one asked about
        "Romania and Bulgaria pledged new aid to Ukraine at a meeting in Sofia on Tuesday. "
        "Romania's defence minister said Bucharest would send a package of 2.4bn lei ($520m), "
        "including air-defence missiles and armoured vehicles. "
        "Bulgaria announced its new aid package, worth €210m, without giving its contents. "
        "Romania has sent Ukraine more than 20 packages since 2022.",
        "How much is Romania's new package worth?",
        (),
        ["2.4bn lei"],
        ["€210m"],
        id="another-country",
    ),
    pytest.param(
        # "which villages" with the question's verb or its synonym: every place it takes, not a capital nearby
        "Russian forces have captured two villages in the east, the Defence Ministry said, while the Kremlin "
        "warned that a decision to let Kyiv strike inside Russia would not go unanswered. "
        "The ministry said its troops had seized Hlyboke in the Kharkiv region and had taken Stepove, a village "
        "north of the Vovcha River.",
        "Which villages does Russia say it captured?",
        (),
        ["Hlyboke", "Stepove"],
        ["Kyiv", "Vovcha"],
        id="which-villages-taken",
    ),
    pytest.param(
        # "which other" leaves out what the thread already asked about
        "Moscow said its troops had liberated Kamianka, a town on the river. "
        "On Tuesday it said its units had also retaken Orikhove and Lypky, two villages south of the town.",
        "Which other villages does Moscow say it retook?",
        ("Which unit does Moscow say took Kamianka?",),
        ["Orikhove", "Lypky"],
        ["Kamianka"],
        id="which-other-villages",
    ),
    pytest.param(
        # "who spoke for X": the spokesperson of the one named, not another spokesperson
        "Russian Foreign Ministry spokeswoman Irina Volkova said Moscow would respond to the sanctions. "
        "Kremlin spokesman Pavel Orlov said the decision on the missiles was a further escalation. "
        "Oleh Marchenko, spokesman for Ukraine's southern forces, said the front was stable.",
        "Who spoke for the Kremlin?",
        (),
        ["Orlov"],
        ["Volkova", "Marchenko"],
        id="spokesperson-of",
    ),
    pytest.param(
        # a weapon's country in the question is no name the answer must avoid
        "Ukraine pushed into the Kursk region last month, using high-precision US glide bombs to strike at Russian "
        "forces. Washington has since said it backs such strikes across the border.",
        "Which US weapons were the Ukrainians using in Kursk?",
        (),
        ["glide bombs"],
        [],
        id="weapon-of-the-asked-country",
    ),
    pytest.param(
        # "gave no figures" withholds the sum asked for: no nearby percentage stands in for it
        "Ministers from nine countries met in Riga on Tuesday and pledged money and drones for Ukraine.\n\n"
        "Norway pledged 3bn kroner for air defence, while Denmark said it would pay for drones made in Ukraine.\n\n"
        "Lithuania and Latvia, which have each pledged to spend 0.3% of their economic output on military aid to "
        "Ukraine every year, said they would contribute to an international drone coalition but gave no figures.\n\n"
        "Sweden is to deliver 200 demining kits.",
        "How much are Lithuania and Latvia giving to the drone coalition?",
        (),
        ["doesn't say"],
        ["closest"],
        id="gave-no-figures",
    ),
    pytest.param(
        # "no decision" leaves a matter open: it is no refusal
        "Portugal's defence minister ruled out sending the air force's Taurus missiles to Ukraine. "
        "Her ministry said no decision had been taken on a new batch of Hawk missiles, which Portugal first sent "
        "to Ukraine in 2023 and which Lisbon still has in its stocks.",
        "Which missiles did Portugal rule out sending?",
        (),
        ["Taurus"],
        ["Hawk"],
        id="no-decision-is-no-refusal",
    ),
    pytest.param(
        # "when do … take effect" asks for a time to come: the day they were announced is no answer
        "Britain and Norway announced parallel measures on Monday.\n\n"
        "Norway listed 30 tankers and two insurers, the foreign ministry in Oslo said.\n\n"
        "The EU adopted its package in May.",
        "When do Norway's measures take effect?",
        (),
        ["doesn't say"],
        ["Monday"],
        id="take-effect-is-to-come",
    ),
    pytest.param(
        # "which villages" is never answered by a capital
        "Russia's Defence Ministry said on Tuesday its troops had captured two more villages in eastern Ukraine, "
        "claims that Kyiv rejected. The ministry said units of its Centre group had liberated Pishchane, a village "
        "near the Oskil River.",
        "Which villages did Russia say it captured?",
        (),
        ["Pishchane"],
        ["Kyiv"],
        id="village-is-no-capital",
    ),
    pytest.param(
        # a time to come is not answered by a date of something already done
        "Japan pledged 4 billion yen on Monday to buy 150 generators for Ukraine.\n\n"
        "Japan will deliver the generators through its aid agency, officials said.\n\n"
        "Since the full-scale invasion in February 2022, Japan has committed about $11 billion to Ukraine.\n\n"
        "The EU made its first transfer from the asset profits, €1.5 billion, in July 2024.",
        "When will the Japanese generators arrive in Ukraine?",
        (),
        ["doesn't say"],
        ["2022"],
        id="past-date-is-no-time-to-come",
    ),
    pytest.param(
        # "which member state": a state goes by its name, without the class word
        "EU ambassadors approved the bloc's latest sanctions package on Wednesday after Hungary lifted a veto it had "
        "held for five weeks. The package lists 90 more tankers.",
        "Which member state held up the sanctions package?",
        (),
        ["Hungary"],
        [],
        id="member-state-by-name",
    ),
    pytest.param(
        # "refused to provide lethal aid" withholds no humanitarian aid
        "Portugal, a major arms exporter, has so far refused to provide lethal aid to Ukraine, citing a policy of "
        "providing humanitarian help only.\n\n"
        "Separately, Portugal's foreign ministry announced €30 million in humanitarian aid for displaced people.",
        "How much humanitarian aid is Portugal providing?",
        (),
        ["€30 million"],
        [],
        id="other-aid-is-not-withheld",
    ),
    pytest.param(
        # the figure in the clause that names who the question asks about
        "The Finance Ministry said it had listed 12 banks and four officials, while the Foreign Office, in a separate "
        "notice, added six firms and three officials to its own list.",
        "How many officials did the Foreign Office add?",
        (),
        ["three officials"],
        ["four"],
        id="figure-in-the-askers-clause",
    ),
    pytest.param(
        # "decided" is answered by "no decision"
        "Officials stopped short of the step Kyiv wants most: lifting the restrictions on firing Storm Shadow "
        "missiles deep inside Russia, a change Kyiv has lobbied for since the summer.\n\n"
        "“No decision has been made on that,” a Downing Street spokesperson said.",
        "Has Downing Street decided to lift the Storm Shadow restrictions?",
        (),
        ["no decision"],
        [],
        id="decided-by-decision",
    ),
    pytest.param(
        # the passage that names everyone and everything asked about answers a yes/no question
        "Germany intends to earmark 8.3 billion euros for military support to Ukraine next year, according to the "
        "draft budget that Chancellor Friedrich Merz's cabinet approved on Wednesday.\n\n"
        "Defence Minister Boris Pistorius said Berlin would hand over three more IRIS-T fire units.\n\n"
        "Merz, who as opposition leader had pressed his predecessor to supply Taurus cruise missiles, has remained "
        "reluctant to send the weapon since taking office in May. Asked whether the new budget left room for the "
        "missiles, a government spokesperson said there was no new development.\n\n"
        "Officials in Berlin have argued that deploying Taurus could require German personnel to help with "
        "targeting. Merz did say in May that weapons supplied by Germany were no longer subject to range "
        "restrictions.\n\n"
        "The Greens accused Merz of hiding behind old arguments, while the Left criticised the spending.",
        "Has Merz approved Taurus deliveries?",
        (),
        ["reluctant"],
        [],
        id="yes-no-names-all",
    ),
    pytest.param(
        # "U.S." inside the words before a running total does not end the sentence
        "The package follows a $300 million tranche approved in August and brings total U.S. security assistance "
        "to Ukraine since the invasion in February 2022 to more than $66 billion, officials said.",
        "What is the running total of U.S. security assistance?",
        (),
        ["$66 billion"],
        ["$300 million"],
        id="total-after-abbreviation",
    ),
    pytest.param(
        # "a drawdown announced in late September" dates what was done, as does a date after "since" the parser
        # hangs elsewhere
        "The Pentagon unveiled a $400 million package of HIMARS munitions and Bradley vehicles on Thursday.\n\n"
        "The package follows a $250 million drawdown announced in late September and brings total U.S. military "
        "assistance to Ukraine since Russia's full-scale invasion in February 2022 to more than $59 billion.",
        "When will the new munitions reach Ukraine?",
        (),
        ["doesn't say"],
        ["September"],
        id="participle-date-is-past",
    ),
    pytest.param(
        # a described weapon is answered by the name it stands beside
        "Among those listed was Hangzhou Feilong Motors, a maker that the ministry said had shipped engines for the "
        "Lancet-4, a loitering munition drone that Russia uses against Ukrainian artillery.",
        "Which drone were the Feilong engines for?",
        (),
        ["Lancet-4"],
        [],
        id="weapon-named-beside-its-description",
    ),
    pytest.param(
        # "Which Central Asian countries … registered in?": "Asian" is "Asia"'s, and the countries are where the
        # verb puts the firms
        "The Treasury sanctioned 20 firms across Central Asia for supplying drone parts to Russia's arms makers.\n\n"
        "Most of the sanctioned firms are based in mainland China, with the rest registered in Tajikistan and "
        "Turkmenistan, officials said.",
        "Which Central Asian countries are the sanctioned firms registered in?",
        (),
        ["Tajikistan", "Turkmenistan"],
        ["China"],
        id="countries-where-the-verb-puts-them",
    ),
    pytest.param(
        # "How many Russian assaults": the side of the troops who launched them
        "A spokesman for Ukraine's eastern forces said Russian troops had launched 37 assaults near Kupiansk over "
        "the past day, all of which were repelled.",
        "How many Russian assaults were repelled near Kupiansk?",
        (),
        ["37"],
        [],
        id="count-by-the-doers-side",
    ),
    pytest.param(
        # "ISW" is the article's "Institute for the Study of War", and metres measure how far
        "Further north, a Moscow-installed official claimed that Russian troops had advanced two kilometres near "
        "Lyman.\n\n"
        "The Institute for the Study of War offered a more cautious picture, saying geolocated footage showed "
        "Russian forces had advanced up to 600 metres near Lyman.",
        "How far does ISW reckon the Russians got near Lyman?",
        (),
        ["600 metres"],
        ["two kilometres"],
        id="acronym-of-a-long-name",
    ),
    pytest.param(
        # "killing two people and wounding nine": the number the question's verb of hurt takes
        "In Kherson, a drone dropped explosives on a bus stop in the morning, the regional governor said, killing "
        "two people and wounding nine, among them a child.",
        "How many people were wounded in Kherson?",
        (),
        ["nine"],
        ["two"],
        id="wounded-count-after-its-verb",
    ),
    pytest.param(
        # "Who got the travel ban?": the one the measure was imposed on, not the sentence's other doers
        "Britain froze the shipyard's assets and imposed a travel ban on its managing director, Pavel Orekhov, "
        "while Australia and New Zealand listed four of its subsidiaries.",
        "Who got the British travel ban?",
        (),
        ["Pavel Orekhov"],
        ["Australia"],
        id="who-got-the-measure",
    ),
    pytest.param(
        # a sum asked for where no quoted passage states any sum: the article doesn't say
        "The EU froze the assets of Volga Optics, a Russian maker of missile guidance parts, and banned its chief "
        "executive from travelling to the bloc, while Britain and Canada listed 12 and seven of its subsidiaries.\n\n"
        "The Kremlin called the measures illegitimate.",
        "What is the value of the Volga Optics assets the EU froze?",
        (),
        ["doesn't say"],
        ["closest"],
        id="no-sum-anywhere-is-not-given",
    ),
    pytest.param(
        # a figure from a passage dated by another year does not answer for the year asked about
        "Poland intends to spend 4.1 billion zloty on aid to Ukraine next year, according to the draft 2026 budget.\n\n"
        "In 2024, the Ukraine line in the budget stood at about 3.2 billion zloty, before it was trimmed.\n\n"
        "Poland has already sent two air-defence batteries since 2023.",
        "What was Poland's Ukraine budget line in 2023?",
        (),
        ["doesn't say"],
        ["3.2 billion"],
        id="another-years-figure",
    ),
    pytest.param(
        # a count from a passage that names only another country does not answer for the one asked about
        "Tokyo will freeze the assets of 14 individuals and six organisations, including two regional banks, the "
        "chief cabinet secretary said.\n\n"
        "In Ottawa, the foreign minister announced sanctions on 22 individuals, along with 19 vessels that Canada "
        "says belong to Russia's shadow fleet.",
        "How many vessels did Japan's package blacklist?",
        (),
        ["doesn't say"],
        ["19"],
        id="another-countrys-count",
    ),
    pytest.param(
        # "Which bank …?": a ministry or a region is no bank's name
        "Ukraine's Foreign Ministry welcomed the announcements, saying the sanctions on banks in Russia's Far East "
        "would make it harder for Moscow to pay for imported components.\n\n"
        "In Ottawa, the foreign minister announced asset freezes on 22 individuals and 11 entities, among them "
        "Moscow-based Zenit Bank, along with 19 vessels of the shadow fleet.",
        "Which Russian bank did Canada sanction?",
        (),
        ["Zenit Bank"],
        ["Foreign Ministry", "Far East"],
        id="no-ministry-or-region-for-a-bank",
    ),
    pytest.param(
        # what a weapon is for says its kind: "Stinger missiles for air defense" are air-defence weapons
        "The Pentagon said the new package includes munitions for HIMARS, Javelin anti-tank systems, Stinger "
        "missiles for air defense and more Bradley vehicles.",
        "What air-defense weapons are in the package?",
        (),
        ["Stinger"],
        ["HIMARS"],
        id="weapon-kind-by-purpose",
    ),
    pytest.param(
        # "How many were killed and wounded?": both numbers, the second after its own verb
        "In the Kursk region, the governor said a drone had struck a bus near Rylsk on Tuesday morning, killing "
        "three people and wounding 11.",
        "How many people were killed and wounded in the Rylsk strike?",
        (),
        ["three", "11"],
        [],
        id="killed-and-wounded-pair",
    ),
    pytest.param(
        # "only against …" is the condition; "speaking on condition of anonymity" is the reporter's
        "A French military official, speaking on condition of anonymity, said the new batch would be drawn from air "
        "force stocks.\n\n"
        "France has told Kyiv it may fire the missiles at Russian territory only against military sites from which "
        "attacks on Ukraine are launched.",
        "Under what condition can Ukraine fire the French missiles at Russian territory?",
        (),
        ["only against military sites"],
        ["anonymity"],
        id="condition-only-against",
    ),
    pytest.param(
        # "Who is Spain's defence minister?": the person the title is written before, not another minister
        "We will not send troops, Foreign Minister José Albares said in Madrid.\n\n"
        "Defence Minister Margarita Robles confirmed, however, that a second Hawk battery would reach Ukraine "
        "by the end of the summer.",
        "Who is Spain's defence minister?",
        (),
        ["Margarita Robles"],
        ["Albares"],
        id="who-holds-a-title",
    ),
    pytest.param(
        # a name that runs on through "for" to another name is answered whole
        "New Zealand's contribution, worth NZ$20m, will go through the Partnership Fund for Ukraine, a pooled fund "
        "administered by Denmark, officials said.",
        "Which fund is New Zealand's money going through?",
        (),
        ["Partnership Fund for Ukraine"],
        [],
        id="name-runs-on-through-for",
    ),
    pytest.param(
        # "built by X" names the maker of the thing it describes, and "APCs" are the article's "armoured personnel
        # carriers"; drones "made by" another firm are not what was asked about
        "Canada's defence minister announced C$185m in support, the bulk of it for 50 armoured personnel carriers "
        "built by the Ontario firm Tecnica Vehicles, and 150 reconnaissance drones made by Quebec-based Aerolite.",
        "Who makes the Canadian APCs?",
        (),
        ["Tecnica"],
        ["Aerolite", "minister"],
        id="maker-of-the-thing-asked",
    ),
    pytest.param(
        # a model's four-digit number ("Mirage 2000") is no count: the count stands before the name
        "Greece will send Ukraine four Mirage 2000 fighter jets and spare engines next spring, the ministry said.",
        "How many Mirage jets is Greece sending?",
        (),
        ["four"],
        [],
        id="model-number-of-four-digits",
    ),
    pytest.param(
        # what a weapon may be used against answers "what targets", before any name near the question's words
        "“Storm Shadow missiles may be used against military airfields in Crimea from which Ukraine is being bombed, "
        "and against nothing else,” Healey said.",
        "What targets may Ukraine hit with Storm Shadow missiles?",
        (),
        ["military airfields"],
        ["Healey", "nothing else"],
        id="targets-a-weapon-is-used-against",
    ),
    pytest.param(
        # a number written in several words is one number
        "One hundred and twelve more tankers were added to the list of vessels barred from EU ports, diplomats said.",
        "How many tankers did the EU add?",
        (),
        ["One hundred and twelve"],
        [],
        id="number-in-several-words",
    ),
    pytest.param(
        # "respectively" pairs each name with its figure; "putting in" asks for a sum, not for "putting"
        "Belgium and the Netherlands pledged 200 million euros and 90 million euros respectively for ammunition, "
        "the two ministers said.",
        "What are the Dutch putting in?",
        (),
        ["90 million euros"],
        ["200 million"],
        id="respectively-pairs-name-and-figure",
    ),
    pytest.param(
        # a figure the next sentence disowns is no answer; "how big" takes the sum of the passages quoted
        "Italy announced €300 million in support for Kyiv on Monday. A reader asks about a “$5 billion US "
        "package” doing the rounds online. No such package has been announced in Washington.",
        "How much is the US package worth?",
        (),
        [],
        ["5 billion"],
        id="disowned-figure-is-no-answer",
    ),
    pytest.param(
        # a count stands several words before what it counts ("two more IRIS-T SLM air defence systems")
        "Germany will send Ukraine two more IRIS-T SLM air defence systems as part of a new package, the minister said.",
        "How many more IRIS-T systems is Germany sending?",
        (),
        ["two more IRIS-T"],
        [],
        id="count-far-before-its-noun",
    ),
    pytest.param(
        # a sum two givers put up between them is no answer to what one of them gives
        "Denmark and the Netherlands on Friday unveiled new military aid packages for Ukraine worth more than €900 "
        "million combined, including drones and air-defence missiles. Of that, Copenhagen is providing €550 million, "
        "the Danish minister said. The Dutch package buys drones.",
        "How much is Denmark's new package worth?",
        (),
        ["550 million"],
        ["900 million"],
        id="a joint sum is not one giver's",
    ),
    pytest.param(
        # a part of a package asked as "how much of the package" is a sum: the one set apart for the thing asked
        "Belgium will give Ukraine a package worth €1.1 billion in combined aid, including F-16 spare parts and "
        "ammunition. It includes €250 million earmarked for F-16 spare parts and training for ground crews.",
        "How much of the Belgian package goes to F-16 spare parts?",
        (),
        ["250 million"],
        [],
        id="how much of a package is a sum",
    ),
    pytest.param(
        # a model name with a number in it ("Leopard2s" written as one word) is what is counted
        "Spain first sent tanks in 2023. Its new package includes 12 PzH2000 howitzers and spare barrels.",
        "How many PzH2000s is Spain sending?",
        (),
        ["12 PzH2000"],
        [],
        id="count of a model name with digits",
    ),
    pytest.param(
        # "when asked whether …" reports a question; the reply is in the sentence after it
        "Poland will give Ukraine more artillery shells, the ministry said. Poland gave more fuel and generators in "
        "the spring. Kosiniak-Kamysz was cautious when asked whether Warsaw could also give "
        "its remaining MiG-29 jets. “Sending them is not on the agenda today,” he said.",
        "Will Poland give more MiG-29s?",
        (),
        ["not on the agenda"],
        [],
        id="the reply after an asked-whether",
    ),
    pytest.param(
        # one giver's total to date is not given by another giver's total or by this week's sum
        "Latvia pledged drones worth €8 million on Tuesday. Including that package, Lithuanian military support since "
        "2022 amounts to about €700 million, officials said.",
        "What is Latvia's total military aid since 2022?",
        (),
        ["doesn't say"],
        ["8 million", "700 million"],
        id="another giver's total is no total",
    ),
    pytest.param(
        # a count whose things the sentence before named in full ("more NASAMS launchers … request for four more
        # launchers"); a figure inside a yes/no asking is given, not asked
        "Paris has made no decision on sending more NASAMS launchers to Ukraine, the Elysee said. Asked whether France "
        "would meet Kyiv’s request for four more launchers, a spokesman said the matter was under review.",
        "How many more NASAMS launchers has Kyiv asked for?",
        (),
        ["four more launchers"],
        [],
        id="a count named in full the sentence before",
    ),
    pytest.param(
        # "by name" asks for names, not the tally next to them
        "Japan sanctioned 14 firms on Friday. They include the Dubai-registered Corvale Shipping and the Moscow-based "
        "broker Ilya Denisov, the foreign ministry said. The government says more than 900 people and companies have "
        "now been sanctioned under its Russia measures.",
        "Who did Japan sanction by name?",
        (),
        ["Corvale"],
        ["900"],
        id="by name asks for names",
    ),
    pytest.param(
        # the question's verb in another form ("banning" for "would ban"), and a side it shares with the answer
        "Tokyo also said it would ban imports of Russian cobalt and refined copper from June, closing a route for "
        "Russian metals into Japan.",
        "Which Russian metals is Japan banning?",
        (),
        ["cobalt"],
        [],
        id="what the question's verb takes in another form",
    ),
    pytest.param(
        # a plural class with its members listed after a colon: all of them
        "Kyiv says its drones hit two oil depots overnight: the Novaya plant in the Bryansk region and the Lesnoy "
        "terminal near Kursk. Moscow has not commented.",
        "Which oil depots does Kyiv say it hit?",
        (),
        ["Novaya", "Lesnoy"],
        [],
        id="a class listed after a colon",
    ),
    pytest.param(
        # "MoD" for the article's "Defence Ministry"
        "Air defences destroyed 58 drones over six regions overnight, according to Russia’s Defence Ministry. Kyiv "
        "said its strikes hit two depots.",
        "How many drones did Russia's MoD say it shot down?",
        (),
        ["58"],
        ["doesn't say"],
        id="MoD is the Defence Ministry",
    ),
    pytest.param(
        # a part's heading in capitals says what the sentences under it are about
        "Good morning from the desk.\n\nTHE DANUBE\n\nRomania will not let the convoy through while the talks go "
        "on, its foreign ministry said on Monday.",
        "What is Romania's position on the Danube convoy?",
        (),
        ["will not let the convoy through"],
        ["doesn't say"],
        id="a heading in capitals is context",
    ),
    pytest.param(
        # who writes a statement on Telegram speaks in it
        "The ministry said 40 drones were downed. “A drone fell on a depot in Engels. There is no fire,” the Saratov "
        "governor wrote on Telegram. He did not name the depot. Videos appear to show smoke.",
        "What did the Saratov governor say about the depot?",
        (),
        ["no fire"],
        [],
        id="a statement written on Telegram",
    ),
    pytest.param(
        # "on the Russian side": one who speaks for that side
        "Russia's General Staff said its forces had taken Lyman. “Lyman is not taken,” a spokesman for Ukraine's "
        "eastern command said, adding that Russian groups had been pushed back from the town's edge.",
        "Who announced the capture on the Russian side?",
        (),
        ["General Staff"],
        ["spokesman"],
        id="who on one side",
    ),
    pytest.param(
        # a name after the counted noun and its verb ("face Japanese asset freezes") is no modifier of the noun
        "Japan will freeze the assets of 9 individuals and 31 entities, among them a Moscow drone maker.",
        "How many entities face Japanese asset freezes?",
        (),
        ["31 entities"],
        [],
        id="a name after the verb is no modifier",
    ),
    pytest.param(
        # a time told by what must happen first
        "Spain will send Ukraine more ammunition this year, the ministry said. Its remaining Mirage jets will be handed "
        "over to Ukraine only once new Eurofighters have been delivered to the Spanish air force, the minister said.",
        "When will Spain hand over its remaining Mirage jets?",
        (),
        ["once new Eurofighters have been delivered"],
        [],
        id="a time told by what must happen first",
    ),
    pytest.param(
        # the one asked about reacting in words the question does not use ("such restrictions")
        "Canada sanctioned 30 traders of Russian oil on Monday, and Britain named 12 more. Banks that deal with the "
        "designated firms risk secondary sanctions, Ottawa warned. Shares in the traders fell in Dubai. “We consider "
        "such restrictions illegal,” Kremlin spokesman Dmitry Peskov told reporters.",
        "How did the Kremlin react to the sanctions?",
        (),
        ["illegal"],
        [],
        id="a reaction in other words",
    ),
    pytest.param(
        # a count of people hurt is told with a word of hurting: soldiers sent are no casualties
        "Seoul's spy agency said about 9,000 North Korean soldiers had been sent to Russia and moved to the Kursk "
        "border region. The Kremlin has not commented.",
        "How many North Korean soldiers have been killed or wounded?",
        (),
        ["doesn't say"],
        ["9,000"],
        id="a count of the hurt needs a word of hurting",
    ),
    pytest.param(
        # a later update of a count replaces the first figure
        "Odesa's governor says a drone struck a port building overnight, wounding five people. Later in the day the "
        "governor said the number of people injured in the overnight strike has risen to 11.",
        "How many people were injured in the Odesa strike?",
        (),
        ["11"],
        ["five"],
        id="an updated count replaces the first",
    ),
    pytest.param(
        # a count broken down by place: the place asked for takes its own figure
        "Russia’s Defence Ministry said its air defences destroyed 96 Ukrainian drones overnight, including 41 over "
        "Kursk Oblast, 22 over Belgorod Oblast and 9 over Crimea.",
        "How many drones were shot down over Belgorod Oblast?",
        (),
        ["22"],
        ["96", "41"],
        id="a breakdown by place answers for its place",
    ),
    pytest.param(
        # the same breakdown, asked for a place it leaves out: not the total, not another place's figure
        "Russia’s Defence Ministry said its air defences destroyed 96 Ukrainian drones overnight, including 41 over "
        "Kursk Oblast, 22 over Belgorod Oblast and 9 over Crimea.",
        "How many drones were shot down over the Moscow region?",
        (),
        ["doesn't say"],
        ["96", "41"],
        id="a breakdown without the place asked",
    ),
    pytest.param(
        # asked for the whole, the breakdown's parts do not answer
        "Russia’s Defence Ministry said its air defences destroyed 96 Ukrainian drones overnight, including 41 over "
        "Kursk Oblast, 22 over Belgorod Oblast and 9 over Crimea.",
        "How many drones did the ministry say it shot down?",
        ("How many drones were shot down over Belgorod Oblast?",),
        ["96"],
        ["22"],
        id="the whole of a breakdown",
    ),
    pytest.param(
        # "Who is the N denying …?" asks for the one who denies, not a place in the denial
        "Russia’s Defence Ministry said its troops had captured Hrodivka. Kovalenko denied that Hrodivka had "
        "fallen. The brigade said its drones hit 12 vehicles.",
        "Who is the brigade officer denying the Russian claim?",
        (),
        ["Kovalenko"],
        ["Hrodivka"],
        id="the doer of the participle on the noun asked about",
    ),
    pytest.param(
        # a count of people now is not answered by a place's population before the war
        "Myrnohrad, a mining town in Donetsk Oblast, had a pre-war population of about 46,000 people. Most of "
        "its remaining residents have been evacuated.",
        "How many civilians are still living in Myrnohrad?",
        (),
        ["doesn't say"],
        ["46,000"],
        id="a pre-war population is no count of those still there",
    ),
    pytest.param(
        # asked for the population itself, the figure answers
        "Myrnohrad, a mining town in Donetsk Oblast, had a pre-war population of about 46,000 people. Most of "
        "its remaining residents have been evacuated.",
        "How many people lived in Myrnohrad before the war?",
        (),
        ["46,000"],
        [],
        id="a pre-war population asked for",
    ),
    pytest.param(
        # a side's losses told with the verb: "Ukraine had lost up to 150 servicemen"
        "In its daily update the ministry claimed that Ukraine had lost up to 150 servicemen in that area over the "
        "previous 24 hours, along with two armored vehicles.",
        "How many Ukrainian losses did the ministry claim?",
        (),
        ["150"],
        [],
        id="a side's losses told with the verb",
    ),
    pytest.param(
        # a figure in a claim the article calls unsupported is not the article's figure
        "A widely shared Telegram post claiming that the Kurganmash plant had cut output by 30 percent is not "
        "supported by any available data, and the company has not commented on it.",
        "By how much has the plant's output fallen according to official data?",
        (),
        ["doesn't say"],
        ["30 percent"],
        id="a figure the article calls unsupported",
    ),
    pytest.param(
        # where a weapon was made names no country that acts: "American-made weapons" beside Canada's money
        "Canada announced a new aid package for Ukraine on Tuesday. Another $120 million goes to a NATO-run "
        "mechanism that lets allies pay for American-made weapons for delivery to Ukraine.",
        "How much is Canada putting into the NATO mechanism?",
        (),
        ["120 million"],
        [],
        id="a maker's country is no other giver",
    ),
    pytest.param(
        # a name asked about in its description ("Conservative") does not hide the person named after it
        "Ottawa announced new help for Kyiv on Tuesday. Conservative defence critic Mary Okafor said the package "
        "was good at announcing money but slow to deliver equipment.",
        "Who criticized the package for the Conservatives?",
        (),
        ["Mary Okafor"],
        [],
        id="the person named after a described title",
    ),
    pytest.param(
        # people hurt, told as workers taken to hospital with injuries
        "Drones hit the Syzran refinery overnight, the governor said. Three workers were taken to hospital with "
        "injuries that were not life-threatening.",
        "How many people were hurt at the Syzran refinery?",
        (),
        ["Three workers"],
        [],
        id="workers taken to hospital with injuries",
    ),
    pytest.param(
        # a measure asked for ("capacity") is answered only by a figure, not by words near it
        "Drones hit the Syzran refinery overnight, the governor said. The company did not comment on whether "
        "processing had been affected.",
        "What is the Syzran refinery's annual processing capacity?",
        (),
        ["doesn't say"],
        [],
        id="a measure asked for needs a figure",
    ),
    pytest.param(
        # a name of the class asked for, in a later passage, beats a name that only stands near the question's words
        "The Treasury designated 15 entities, eight of them in India. The European Union separately added ten Indian "
        "companies to its sanctions list. Among the companies named by Washington was Ratnagiri Coastal Refinery, a "
        "plant in Maharashtra.",
        "Which Indian refinery did Washington sanction?",
        (),
        ["Ratnagiri Coastal Refinery"],
        ["European Union"],
        id="a member of the class asked for",
    ),
    pytest.param(
        # "Which N said …?" asks who said it, not what was said
        "Within the coalition, the SPD is reluctant to send the missile. Anna Vogel, a senior party figure who leads "
        "its parliamentary group, said she saw “no reason whatsoever” to change the position held under Scholz.",
        "Which SPD figure said there was no reason to change the position?",
        (),
        ["Anna Vogel"],
        [],
        id="which N said asks who",
    ),
    pytest.param(
        # "How many of those drones …?" asks for the part, not the whole
        "Ukraine’s air force said Russia launched 96 attack drones and two ballistic missiles overnight, and that "
        "71 of the drones were shot down or jammed.",
        "How many of those drones were shot down or jammed?",
        ("How many drones did Russia launch overnight?",),
        ["71"],
        ["96"],
        id="how many of those asks the part",
    ),
    pytest.param(
        # a kind of person asked for ("Which SPD politician …?") is answered by a named person without the word
        "Within the coalition, the SPD is reluctant to send the missile. Anna Vogel, who leads the party's "
        "parliamentary group, said she saw “no reason whatsoever” to change the position held under Scholz.",
        "Which SPD politician said there was no reason to change the position?",
        (),
        ["Anna Vogel"],
        [],
        id="a kind of person named without the word",
    ),
    pytest.param(
        # a date written without the comma before its year ("January 1 2027") is one date
        "The draft would bring forward a full ban on Russian aluminium to March 1 2027, diplomats said.",
        "When would the ban on Russian aluminium take effect?",
        (),
        ["March 1 2027"],
        [],
        id="a date without the comma before its year",
    ),
    pytest.param(
        # a capital standing for its country, asked for as a member state, is named as the country
        "Any sanctions package needs the backing of all 27 member states, and Bratislava has signalled it will "
        "not support this one in its current form.",
        "Which member state is threatening to block the package?",
        (),
        ["Slovakia"],
        [],
        id="a capital for the country asked for",
    ),
    pytest.param(
        # "allowed" is asked; the article says "granted permission"
        "Zelensky renewed his appeal to partners to lift limits on long-range strikes. He singled out Spain, which "
        "has supplied Meteor missiles but has not yet granted permission for Ukraine to use them against targets on "
        "Russian territory.",
        "Which partner still hasn't allowed long-range strikes inside Russia?",
        (),
        ["Spain"],
        [],
        id="allowed asked, permission granted told",
    ),
    pytest.param(
        # a yes/no lead from the clause nearest the question when the whole sentence is too long to lead with
        "TOKYO, Feb. 18 (Kyodo) -- Japan on Tuesday pledged 6 billion yen in fresh grant aid to help Ukraine repair "
        "power facilities battered by Russian missile and drone strikes and tightened its sanctions on Moscow with new "
        "export bans and asset freezes, while Indonesia said it had made no decision on sending medical teams to Kyiv "
        "despite mounting calls to do so.",
        "Has Indonesia decided to send medical teams to Ukraine?",
        (),
        ["no decision"],
        [],
        id="a yes-no lead from the clause nearest the question",
    ),
    pytest.param(
        # "Which Dubai-based trader …?": the class word after a hyphenated modifier, answered by the name after it
        "Britain separately announced sanctions on 60 vessels, 11 individuals and five entities, including "
        "Istanbul-based oil trader Bosphorus Crest Petroleum, which the Foreign Office said had arranged shipments of "
        "Russian crude worth more than $1bn last year using tankers with obscured ownership.",
        "Which Istanbul-based trader did Britain sanction?",
        (),
        ["Bosphorus Crest Petroleum"],
        [],
        id="a class word after a hyphenated modifier",
    ),
    pytest.param(
        # "Which village near X …?": the name an apposition calls a village, even when the parser hangs the class word
        # on another word of it, and never the region the villages lie in
        "Moscow said on Tuesday its troops had captured two villages in Ukraine's eastern Kharkiv region, one near "
        "Kupiansk and another close to Borova.\n\nRussia's Defence Ministry said its Zapad group had \u201cliberated\u201d "
        "Pishchanka, a village northeast of Kupiansk, and that other units had taken Olhivka, a few kilometres west of "
        "Borova.",
        "Which village near Kupiansk does Russia say it captured?",
        (),
        ["Pishchanka"],
        ["Kharkiv"],
        id="a village named by its apposition, not the region",
    ),
    pytest.param(
        # "Who is the Ukrainian spokesperson …?": Ukraine's spokesperson, by the country the question names
        "Some Russian war bloggers claimed on Monday that Ukrainian troops had left Siversk.\n\n\u201cThe claims are "
        "false: our units hold every street of the town,\u201d Oleh Dmytrenko, a spokesperson for Ukraine's Eastern "
        "group of forces, told national television.",
        "Who is the Ukrainian spokesperson pushing back on the Russian claims?",
        (),
        ["Dmytrenko"],
        ["bloggers"],
        id="a spokesperson of the country the question names",
    ),
    pytest.param(
        # "Which missiles is Berlin refusing to send?": of two governments' missiles, the one whose clause has Berlin
        "Washington has not allowed its ATACMS missiles to be fired at airfields inside Russia, and Berlin has again "
        "declined to send its Taurus cruise missiles, citing the risk of escalation.",
        "Which missiles is Berlin refusing to send?",
        (),
        ["Taurus"],
        ["ATACMS"],
        id="the weapon of the clause whose doer the question names",
    ),
    pytest.param(
        # "What is the Dutch share …?" asks for a sum
        "The Dutch government said it would spend \u20ac400 million, of which 220 million euros is the Netherlands\u2019 "
        "share of a joint purchase of Skynex air defence systems led by Germany, while \u20ac75 million will go to "
        "demining equipment and training through the demining coalition and the remaining \u20ac105 million to "
        "ammunition and drones, according to a letter to parliament from Defence Minister Anna Vos.",
        "What is the Dutch share of the joint Skynex purchase?",
        (),
        ["220 million"],
        [],
        id="a share asked for is a sum",
    ),
    pytest.param(
        # "How much of the Dutch money goes to demining?": the part that goes there, not the whole the Netherlands gives
        "The Dutch government said it would spend \u20ac400 million, of which 220 million euros is the Netherlands\u2019 "
        "share of a joint purchase of Skynex air defence systems led by Germany, while \u20ac75 million will go to "
        "demining equipment and training through the demining coalition and the remaining \u20ac105 million to "
        "ammunition and drones, according to a letter to parliament from Defence Minister Anna Vos.",
        "How much of the Dutch money goes to demining?",
        (),
        ["75 million"],
        ["400 million"],
        id="the part of a whole that goes where the question says",
    ),
    pytest.param(
        # "led by Germany" hung on the noun after "of": what is led is the purchase
        "The Dutch government said it would spend \u20ac400 million, of which 220 million euros is the Netherlands\u2019 "
        "share of a joint purchase of Skynex air defence systems led by Germany, while \u20ac75 million will go to "
        "demining equipment and training through the demining coalition and the remaining \u20ac105 million to "
        "ammunition and drones, according to a letter to parliament from Defence Minister Anna Vos.",
        "Who leads the joint Skynex purchase?",
        (),
        ["Germany"],
        ["Vos"],
        id="the doer of a participle hung after of",
    ),
    pytest.param(
        # "added" and "add" are one verb: "Washington added 19 vessels" answers "How many vessels did the US add?"
        "London designated 47 tankers it said belonged to the shadow fleet, alongside five oil trading companies "
        "registered in Dubai.\n\nWashington added 19 vessels of its own, three traders and a Tashkent-based bank, while "
        "the Commerce department placed 11 Chinese companies on its export blacklist.\n\nA US package in January "
        "targeted 160 vessels and two of Russia\u2019s largest producers; freight rates climbed sharply afterwards.",
        "How many vessels did the US add?",
        (),
        ["19"],
        ["160"],
        id="added is the verb add",
    ),
    pytest.param(
        # A live blog's entry time counts nothing; the toll is what it has risen to
        "09:45 GMT \u2014 The death toll from this morning\u2019s missile strike on Sumy has risen to 9, regional governor "
        "Ivan Petrenko said, after rescuers pulled two more bodies from the rubble. The number of wounded now stands at "
        "21, including three children.\n\n07:10 GMT \u2014 At least seven people were killed when a missile struck an "
        "apartment block in Sumy, Petrenko said.",
        "What's the latest death toll from the Sumy strike?",
        (),
        ["9"],
        ["45"],
        id="a death toll risen to a figure, not the entry time",
    ),
    pytest.param(
        # A figure the next sentence calls wrong answers nothing; the article's own figure does
        "Posts circulating online claim the new Belgian package is worth \u20ac2.4 billion. A spokeswoman for the "
        "defence ministry called that figure \u201csimply wrong\u201d.\n\nBelgium will send Ukraine a new \u20ac240 "
        "million military aid package, the defence minister announced.",
        "How much is the new Belgian package worth?",
        (),
        ["240 million"],
        ["2.4 billion"],
        id="a figure the next sentence dismisses",
    ),
    pytest.param(
        # "Who denied the UK …?": the person who rejected it, though the title names the Treasury, one of the UK's names
        "Traders seized on reports that London would push its G7 partners to cut the price cap on Russian crude to $50 "
        "a barrel. Olivia Marsh, economic secretary to the Treasury, rejected the suggestion.",
        "Who denied the UK was pushing for a lower price cap?",
        (),
        ["Olivia Marsh"],
        [],
        id="a person whose title names the government asked about",
    ),
    pytest.param(
        # "When will Britain decide …?" is not answered by the date of a delivery told as done
        "Britain was the first to send long-range cruise missiles, delivering Storm Shadow in 2023, and Kyiv may use "
        "them against targets in occupied territory. London has not ruled out lifting the restriction on strikes inside "
        "Russia, officials said, but no timetable has been given.",
        "When will Britain decide on Storm Shadow use inside Russia?",
        (),
        [],
        ["2023"],
        id="a date of something done does not answer when",
    ),
    pytest.param(
        # "Investigators have not yet established which type of missile hit …": the article says it is not known
        "At least six people were killed when a missile struck an apartment block in Sumy shortly before dawn, the "
        "governor said. Investigators have not yet established which type of missile hit the building.",
        "What type of missile hit Sumy?",
        (),
        ["doesn't say"],
        [],
        id="a type not yet established is not given",
    ),
    pytest.param(
        "At least six people were killed when a missile struck an apartment block in Sumy shortly before dawn, the "
        "governor said. Investigators established that an Iskander-M ballistic missile hit the building.",
        "What type of missile hit Sumy?",
        (),
        ["Iskander-M"],
        [],
        id="a type established is given",
    ),
    pytest.param(
        # Citizens are people: "How many people …?" counts "93 Russian and Belarusian citizens"
        "Interior Minister Rasa Petrait\u0117 also signed an order adding 93 Russian and Belarusian citizens to "
        "Lithuania\u2019s national entry ban list.",
        "How many people did Lithuania add to its entry ban list?",
        (),
        ["93"],
        [],
        id="citizens counted as people",
    ),
    pytest.param(
        # a figure an unowned post claimed, which an official dismissed, is not the article's
        "Spain will lend Kyiv 600 million euros through its export credit agency, the economy ministry said. "
        "A post shared widely on Telegram channels on Friday claimed the Spanish loan was in fact worth nine billion "
        "euros; the ministry dismissed the claim as “pure invention”.",
        "How big is the Spanish loan?",
        (),
        ["600 million euros"],
        ["nine billion"],
        id="dismissed-post-figure",
    ),
    pytest.param(
        # "worth in total" of one package is its whole value, not a running total over the years
        "The Belgian package, worth €380 million ($440 million) according to the defence ministry, includes two "
        "F-16 simulators and spare parts for the jets already in Ukraine.",
        "What is the Belgian package worth in total?",
        (),
        ["€380 million"],
        ["doesn't say"],
        id="package-worth-in-total",
    ),
    pytest.param(
        # "respectively" pairs the sums before it, not one a later clause gives another donor
        "Sweden and Finland added €250 million for interceptor drones and €90 million for armoured vehicles, "
        "respectively, while Norway committed NOK 3 billion (about €260m) to buy Patriot interceptors.",
        "How much is Finland putting in?",
        (),
        ["€90 million"],
        ["€250 million"],
        id="respectively-before-a-later-sum",
    ),
    pytest.param(
        # a month asked for is answered by the figure said of that month
        "Our tracker recorded about €2.9 billion in new military pledges in November, down from €4.1 billion in October.",
        "How much did the tracker record in October?",
        (),
        ["€4.1 billion"],
        ["€2.9 billion"],
        id="figure-of-the-month-asked",
    ),
    pytest.param(
        # a figure the department withdrew is not the package's value
        "Britain will send Ukraine £250m worth of air-defence missiles, ministers announced. A press notice initially "
        "put the value of the package at £2.5bn, a figure that circulated briefly on social media before the "
        "department withdrew it.",
        "What's the headline value of the new UK package?",
        (),
        ["£250m"],
        ["£2.5bn"],
        id="withdrawn-figure",
    ),
]


@pytest.mark.parametrize("text, question, history, wanted, unwanted", LEAD_RULES)
def test_the_lead_names_what_was_asked(text, question, history, wanted, unwanted):
    lead = _lead(text, question, history=history).lower()
    assert all(w.lower() in lead for w in wanted) and not any(u.lower() in lead for u in unwanted), lead


DRAWDOWN = (
    "WASHINGTON, Dec 2 (Wire) - The United States will send Ukraine another package of weapons worth up to "
    "$540 million, the State Department said on Monday.\n\n"
    "Officials described it as the 60th drawdown for Ukraine since August 2021.\n\n"
    "Once Monday's package is counted, about $4.1 billion in drawdown authority approved by Congress remains "
    "unused, according to the official. In 2023 alone, the United States committed more than $20 billion in "
    "security assistance, a sum now largely spent."
)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [
        ("How big is the new drawdown?", "540 million", "4.1 billion"),
        ("How much is the new US package worth?", "540 million", "20 billion"),
        # Not asked about the news: the unused authority is what is asked for.
        ("How much drawdown authority remains unused?", "4.1 billion", "540 million"),
    ],
)
def test_the_new_package_is_the_one_the_lede_tells(question, wanted, unwanted):
    lead = _lead(DRAWDOWN, question)
    assert wanted in lead and unwanted not in lead, lead
