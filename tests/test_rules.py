"""Every mechanism of the offline engine on one sentence of ours that needs it and one that must not
trigger it (tests/rule_examples.yaml). A rule that only works on its example, or fires on its
counter-example, fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.article import Article
from bot.config import load_settings
from bot.service import BriefService

EXAMPLES = yaml.safe_load((Path(__file__).parent / "rule_examples.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


def _items(service: BriefService, text: str, section: str) -> list[dict[str, Any]]:
    brief = service.brief(Article(text=text))
    if section == "notes":
        return [{"note": note} for note in brief.notes]
    return [item.model_dump() for item in brief.items(section)]


def _matches(item: dict[str, Any], expected: dict[str, Any]) -> bool:
    for key, want in expected.items():
        have = item.get(key)
        if isinstance(want, list):
            joined = " | ".join(str(v).lower() for v in have or [])
            if not all(str(w).lower() in joined for w in want):
                return False
        elif isinstance(want, str):
            if have is None or want.lower() not in str(have).lower():
                return False
        elif have != want:
            return False
    return True


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["rule"] for c in EXAMPLES])
def test_rule_fires_on_its_example(service: BriefService, case: dict[str, Any]):
    items = _items(service, case["example"], case["section"])
    assert any(_matches(item, case["expect"]) for item in items), items
    if "example_not" in case:  # what the rule must also keep out of its own example
        assert not any(_matches(item, case["example_not"]) for item in items), items


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["rule"] for c in EXAMPLES])
def test_rule_stays_quiet_on_its_counter_example(service: BriefService, case: dict[str, Any]):
    unwanted = dict(case.get("expect_not", {"section": case["section"]}))
    section = unwanted.pop("section")
    items = _items(service, case["counter"], section)
    assert not any(_matches(item, unwanted) for item in items), items
