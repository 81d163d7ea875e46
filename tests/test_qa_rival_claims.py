"""Who answered a claim, answered from the brief's battlefield claims (their claimant, side and place), as the
bot answers in a thread whose brief it posted. Articles are ours."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.config import load_settings
from bot.service import BriefService

RIVAL_CLAIMS = """Russia claims village near Toretsk; Kyiv says fighting goes on

KYIV, Dec 2 (Reuters) - Russia's Defence Ministry said on Tuesday its forces had captured the village of \
Shcherbynivka, west of Toretsk in the Donetsk region.

Ukrainian officials disputed the claim. Major Taras Bondar, a spokesman for Ukraine's 24th Mechanised Brigade, said \
Shcherbynivka was still under Ukrainian control and that fighting continued on its outskirts.

Ukraine's General Staff said its troops had retaken the hamlet of Vesele, north of Toretsk. Russia's Defence \
Ministry rejected that account and said its units still held Vesele.

Officials in Kyiv did not say how many troops were defending either village.
"""


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


@pytest.mark.parametrize(
    "question, wanted, unwanted",
    [
        # the named spokesman, not the side's generic voice nor the claim's own speaker
        ("Who disputed the Russian claim on Shcherbynivka?", "Taras Bondar", "Defence Ministry"),
        # the other way round: Moscow answering Kyiv's claim about another place
        ("Who rejected the Ukrainian claim about Vesele?", "Defence Ministry", "General Staff"),
    ],
)
def test_who_answered_a_claim_is_the_other_sides_claimant_at_that_place(service, question, wanted, unwanted):
    article = Article(text=RIVAL_CLAIMS)
    answer = service.ask(article, question, brief=service.brief(article))
    lead = answer.answer.answer.splitlines()[0]
    assert wanted in lead and unwanted not in lead, lead
    assert answer.answer.quotes and all(q in RIVAL_CLAIMS for q in answer.answer.quotes)


ONE_VILLAGE = """Russia says it took Hlyboke; Kyiv says its troops hold on

KHARKIV, Ukraine/MOSCOW, Nov 3 (Reuters) - Russia's Defence Ministry said on Monday its forces had captured the \
village of Hlyboke north of Kharkiv, a claim Ukraine's military rejected.

“Hlyboke is not captured. Our units hold the northern outskirts,” Lieutenant Colonel Petro Marchenko, a spokesman \
for Ukraine's Kharkiv group of forces, told Reuters.

Ukraine's air force said Russia had launched 64 drones overnight, and that 40 had been shot down, according to a \
statement.
"""


def test_the_village_a_denial_points_back_to_is_the_one_the_other_side_claims(service):
    article = Article(text=ONE_VILLAGE)
    answer = service.ask(article, "Who on the Ukrainian side denied the village had fallen?", brief=service.brief(article))
    lead = answer.answer.answer.splitlines()[0]
    assert "Petro Marchenko" in lead and "military" not in lead, lead


def test_a_dateline_of_two_places_and_a_statement_of_no_ones_are_no_claimants(service):
    claimants = [c.claimant for c in service.brief(Article(text=ONE_VILLAGE)).battlefield_claims]
    assert any("Defence Ministry" in c for c in claimants), claimants
    assert not any("KHARKIV" in c or c.lower() == "statement" for c in claimants), claimants
