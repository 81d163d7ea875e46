"""Quality gate on the team's dev set and seed article (skipped where ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.evaluate import EvalSummary, gold_pairs, run_eval
from bot.service import BriefService

FLOOR = 0.85


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


def test_offline_engine_meets_the_dev_floors(shared_dir: Path, service: BriefService):
    def brief_file(path: Path):
        article = service.load(str(path))
        return service.brief(article, engine="extractive"), article.text

    summary = EvalSummary(list(run_eval(gold_pairs(shared_dir / "eval" / "dev"), brief_file)))
    data = summary.to_json()
    assert all(v is not None and v >= FLOOR for v in data["recall_with_quotes"].values()), data["recall_with_quotes"]
    assert data["grounding"] == 1.0
    assert data["absent_section_violations"] == 0 and data["bait_leaks"] == 0


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("folder", sorted(p.name for p in FIXTURES.glob("heldout*")))
def test_offline_engine_meets_the_floors_on_our_heldout_sets(service: BriefService, folder: str):
    """Articles written by teammates who had not seen the rules (see each folder's README.md)."""
    def brief_file(path: Path):
        article = service.load(str(path))
        return service.brief(article, engine="extractive"), article.text

    data = EvalSummary(list(run_eval(gold_pairs(FIXTURES / folder), brief_file))).to_json()
    assert all(v is not None and v >= FLOOR for v in data["recall_with_quotes"].values()), data["recall_with_quotes"]
    assert data["grounding"] == 1.0
    assert data["absent_section_violations"] == 0
    assert data["bait_leaks"] == 0, "a planted figure (reader comment, injected instruction) reached a brief"


def test_seed_article_brief_has_the_facts_it_was_conceived_for(shared_dir: Path, service: BriefService):
    brief = service.brief(service.load(str(shared_dir / "seed" / "kursk-glide-bombs-sanctions.txt")))
    assert any(a.amount == "$125 million" and a.value == 125e6 for a in brief.aid)
    stances = {(p.weapon or "").lower(): p.stance for p in brief.weapons_policy}
    assert stances.get("glide bombs") == "permitted"
    assert any("atacms" in w and s == "restricted" for w, s in stances.items())
    big = next(s for s in brief.sanctions if s.target_count == 400)
    assert "China" in big.target_countries
    sectors = {x for s in brief.sanctions for x in s.sectors}
    assert {"machine tools", "microelectronics"} <= sectors
    claims = {(c.claimant, c.location) for c in brief.battlefield_claims}
    assert ("Ukrainian military", "Kharkiv") in claims
    assert ("Russian Defence Ministry", "Kursk") in claims
    assert all(item.evidence for s in ("aid", "weapons_policy", "sanctions", "battlefield_claims")
               for item in brief.items(s))
