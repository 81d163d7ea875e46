"""Sentences that name a sum or a package and give Ukraine nothing: a package of measures that lists tankers,
and a figure only an unverified post gives. A reader who sees them as aid is misled."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.config import load_settings
from bot.service import BriefService


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


def _aid(service: BriefService, text: str) -> list[dict]:
    return [item.model_dump() for item in service.brief(Article(text=text)).items("aid")]


def test_a_package_that_lists_tankers_and_targets_entities_is_no_aid(service):
    listing = (
        "Ukraine is at war. The bloc’s latest package, adopted in May, added 90 tankers to its list of shadow-fleet "
        "vessels and targeted 20 entities in third countries."
    )
    giving = "Ukraine is at war. The bloc’s latest package, adopted in May, gives Kyiv 90 armoured vehicles and 20 radars."
    assert _aid(service, listing) == []
    assert any("European Union" in str(item["donor"]) for item in _aid(service, giving))


def test_a_sum_only_a_circulating_post_claims_is_no_aid(service):
    posted = (
        "Ukraine is at war. Pentagon officials also pushed back on a post that circulated widely on X over the weekend "
        "claiming the new tranche of military aid was worth $4.1 billion."
    )
    said = "Ukraine is at war. Pentagon officials said the new tranche of military aid was worth $4.1 billion."
    assert not any("4.1" in str(item["amount"]) for item in _aid(service, posted))
    assert any("4.1" in str(item["amount"]) for item in _aid(service, said))
