"""Who said it and whose figure it is: a figure that only an unowned post gives is not the article's, a quote
after "he told reporters" is the words of the person the sentence before is about, "What did X say about where …?"
asks what X said, and a named base is a place. Each text is our own; each question is asked where the rule
applies and where it must not."""

from __future__ import annotations

from qa_support import ask

from bot.article import Article
from bot.qa.answering import says_not_given

POSTED = (
    "The Pentagon announced a $375 million weapons package for Ukraine on Friday, its 70th drawdown. "
    "A post shared widely on X described the new aid as a “$3.75 billion package.” "
    "The Pentagon's fact sheet lists $375 million."
)
POST_ONLY = (
    "Germany has not said how many Taurus missiles it could send. "
    "Posts on social media claiming that Berlin had secretly approved 120 Taurus missiles were “simply false,” "
    "a government spokesman said."
)
MINISTERS = (
    "Norway and Finland announced new aid on Monday. "
    "Norway will deliver a further batch of NSM missiles along with 10 more launchers built in Kongsberg, Defence "
    "Minister Tore Sandvik said. "
    "Finnish Defence Minister Antti Hakkanen said Finland would send more artillery. "
    "Asked where Ukraine may fire the Norwegian missiles, Sandvik was more expansive.\n\n"
    "“Ukraine can use the NSM missiles against military targets on Russian soil from which it is attacked,” he told "
    "reporters. “That is self-defence, and our position does not change.”"
)
TRAINING = (
    "Spain will send six more Hawk launchers to Ukraine this spring, the defence ministry said. "
    "More than 900 soldiers of Ukraine's Kyiv brigade were trained in Spain last year. "
    "Madrid will also train Ukrainian radar crews at its Zaragoza air base over the summer."
)


def test_a_figure_only_a_post_gives_is_not_the_package_s_worth():
    answer = ask(Article(text=POSTED), "How much is the package worth?")
    assert "$375 million" in answer.answer
    assert "3.75 billion" not in answer.answer


def test_a_question_about_the_post_still_gets_its_figure_quoted():
    answer = ask(Article(text=POSTED), "What figure did the post on X give?")
    assert any("3.75 billion" in q for q in answer.quotes)


def test_a_post_the_article_calls_false_gives_no_count():
    answer = ask(Article(text=POST_ONLY), "How many Taurus missiles has Germany approved?")
    assert says_not_given(answer.answer), answer.answer


def test_he_after_a_named_minister_speaks_for_that_minister():
    answer = ask(Article(text=MINISTERS), "What did Sandvik say about where Ukraine can use the NSM missiles?")
    assert "military targets" in answer.answer, answer.answer


def test_what_did_x_say_about_where_is_not_answered_by_a_place():
    answer = ask(Article(text=MINISTERS), "What did Sandvik say about where Ukraine can use the NSM missiles?")
    assert answer.answer.split(",")[0] not in ("Ukraine", "Norway", "Finland", "Russia")


def test_where_is_answered_by_the_named_base_the_verb_puts_it_at():
    answer = ask(Article(text=TRAINING), "Where will Spain train the Ukrainian radar crews?")
    assert answer.answer.startswith("Zaragoza"), answer.answer  # the place asked for, not the clause around it


CAPTURE = (
    "Russia claims Hlyboke, Ukrainian army says fighting goes on\n\n"
    "Russia's Defence Ministry said on Monday that its troops had captured the village of Hlyboke, a claim Ukrainian "
    "forces in the area rejected. Fighting continues on the outskirts, the army said."
)
AGENCY = (
    "Britain sanctioned 14 tankers on Tuesday. The network behind them had moved about $2.1bn of Russian oil since "
    "January, according to the Foreign Office."
)


def test_who_says_a_place_was_captured_is_the_one_who_claims_it_not_who_took_it():
    answer = ask(Article(text=CAPTURE), "Who says Hlyboke has been captured?")
    assert answer.answer.startswith("Russia's Defence Ministry"), answer.answer


def test_who_says_a_figure_is_the_source_the_article_cites():
    answer = ask(Article(text=AGENCY), "Who says the network moved $2.1bn of Russian oil?")
    assert "Foreign Office" in answer.answer.split(",")[0], answer.answer
