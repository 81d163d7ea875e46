"""The shipped sample (`samples/article.txt`, our own text) is what a new user briefs first; its brief was
checked line by line by hand, and this keeps it so: one line per fact, each with the right actor and stance."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.article import Article
from bot.config import load_settings
from bot.models import Brief
from bot.service import BriefService

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "article.txt"


@pytest.fixture(scope="module")
def brief() -> Brief:
    service = BriefService(settings=load_settings(env={}), llm=None)
    return service.brief(Article(text=SAMPLE.read_text(encoding="utf-8")))


def test_one_aid_line_from_both_donors(brief):
    assert [(a.donor, a.amount) for a in brief.aid] == [("Norway and Netherlands", "€400 million")]


def test_each_weapon_keeps_its_own_stance(brief):
    # Artillery may be used near the border (a limit); long-range missiles stay off limits: two lines, no third.
    assert [(p.actor, p.weapon, p.stance) for p in brief.weapons_policy] == [
        ("Germany", "German-supplied artillery", "restricted"),
        ("Germany", "long-range missiles", "prohibited"),
    ]


def test_the_eu_imposes_every_measure(brief):
    assert [s.imposed_by for s in brief.sanctions] == ["European Union"] * 3
    assert brief.sanctions[1].target_count == 32


def test_the_rival_claims_are_both_disputed(brief):
    assert [(c.claimant, c.side, c.status) for c in brief.battlefield_claims] == [
        ("Ukraine's General Staff", "ukraine", "disputed"),
        ("Russia's Defence Ministry", "russia", "disputed"),
    ]
