"""Markdown, Slack Block Kit and Discord embeds show the same facts of every item (one view model)."""

from __future__ import annotations

import json

import pytest

from bot.discord_bot import render as discord_render
from bot.models import AidItem, BattlefieldClaim, Brief, SanctionsItem, Source, WeaponsPolicyItem
from bot.render.markdown import render_markdown
from bot.render.slack import brief_message

BRIEF = Brief(
    source=Source(title="Roundup", content_sha256="0" * 64, tokens=100),
    engine="extractive",
    summary="Roundup.",
    aid=[
        AidItem(
            donor="Norway",
            recipient="Ukraine",
            amount="NOK 2 billion",
            value=2e9,
            currency="NOK",
            aid_type="military",
            contents=["air defence"],
            status="announced",
            evidence="Norway gives.",
            verified=True,
        )
    ],
    weapons_policy=[
        WeaponsPolicyItem(
            actor="Germany",
            weapon="Taurus",
            stance="under_review",
            scope="deep strikes",
            evidence="Germany reviews.",
            verified=True,
        )
    ],
    sanctions=[
        SanctionsItem(
            imposed_by="EU",
            targets="dozens of firms",
            target_count=45,
            target_countries=["China"],
            sectors=["drones"],
            evidence="The EU listed 45 firms.",
            verified=True,
        )
    ],
    battlefield_claims=[
        BattlefieldClaim(
            claimant="Ukraine's army",
            claim="recaptured the village",
            location="Robotyne",
            side="ukraine",
            status="disputed",
            evidence="The army said.",
            verified=True,
        )
    ],
)

FACTS = [
    "Norway",
    "Ukraine",
    "NOK 2 billion",
    "military aid",
    "announced",
    "air defence",
    "Germany",
    "Taurus",
    "under review",
    "deep strikes",
    "EU",
    "dozens of firms",
    "targets: 45",
    "China",
    "drones",
    "recaptured the village",
    "disputed",
    "Robotyne",
    "side: ukraine",
]


def _discord_text() -> str:
    return json.dumps([e.to_dict() for m in discord_render.render_brief(BRIEF) for e in m.embeds], ensure_ascii=False)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(lambda: render_markdown(BRIEF), id="markdown"),
        pytest.param(lambda: json.dumps(brief_message(BRIEF), ensure_ascii=False), id="slack"),
        pytest.param(_discord_text, id="discord"),
    ],
)
def test_every_renderer_shows_every_fact(text) -> None:
    shown = text()
    missing = [f for f in FACTS if f not in shown]
    assert missing == []
