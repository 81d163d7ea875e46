"""Rendering a Brief / Answer as Discord messages: limits, escaping, no pings."""

from __future__ import annotations

import discord

from bot.discord_bot import render
from bot.models import AidItem, Answer, BattlefieldClaim, Brief, SanctionsItem, Source, WeaponsPolicyItem

HOSTILE = "@everyone look <@123456789012345678> <@&222> [click me](https://evil.example) *shout*"


def _brief(
    n_items: int = 2,
    quote: str = "The ministry said a package of trucks was approved.",
    title: str = "Ministry approves a new package",
) -> Brief:
    aid = [
        AidItem(
            donor="Freedonia",
            recipient="Ukraine",
            amount=f"${i + 1} million",
            value=float(i + 1) * 1e6,
            currency="USD",
            aid_type="military",
            contents=["trucks"],
            status="approved",
            evidence=f"{quote} ({i})",
            verified=True,
        )
        for i in range(n_items)
    ]
    return Brief(
        source=Source(
            url="https://news.example/a",
            title=title,
            site="news.example",
            content_sha256="0" * 64,
            tokens=100,
        ),
        engine="extractive",
        summary="A package of trucks was approved. Sanctions were widened.",
        aid=aid,
        weapons_policy=[
            WeaponsPolicyItem(
                actor="Freedonia",
                weapon="rockets",
                stance="restricted",
                scope="not across the border",
                evidence=quote,
                verified=True,
            )
        ],
        sanctions=[
            SanctionsItem(
                imposed_by="Sylvania",
                targets="12 firms",
                target_count=12,
                target_countries=["Ruritania"],
                sectors=["drones"],
                evidence=quote,
                verified=True,
            )
        ],
        battlefield_claims=[
            BattlefieldClaim(
                claimant="the army",
                claim="held the line",
                location="Eastville",
                side="ukraine",
                status="claimed",
                evidence=quote,
                verified=True,
            )
        ],
        notes=["1 item dropped: its evidence is not in the article"],
    )


def _check_limits(messages: list[render.Outgoing]) -> None:
    for msg in messages:
        assert len(msg.content or "") <= render.CONTENT_LIMIT
        assert len(msg.embeds) <= render.EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in msg.embeds) <= render.MESSAGE_EMBED_TOTAL
        for e in msg.embeds:
            assert len(e.title or "") <= render.TITLE_LIMIT
            assert len(e.description or "") <= render.DESCRIPTION_LIMIT
            assert len(e.fields) <= 25
            assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for f in e.fields)
        kwargs = msg.kwargs()
        assert kwargs["allowed_mentions"].everyone is False
        assert kwargs["allowed_mentions"].users is False and kwargs["allowed_mentions"].roles is False


def test_small_brief_is_one_message_with_every_section_and_quote() -> None:
    brief = _brief()
    messages = render.render_brief(brief)
    assert len(messages) == 1
    _check_limits(messages)
    embeds = messages[0].embeds
    assert embeds[0].title == "Ministry approves a new package"
    assert embeds[0].url == "https://news.example/a"
    assert "engine: extractive" in (embeds[0].footer.text or "")
    assert embeds[0].fields[0].name == "Notes"
    titles = [e.title for e in embeds[1:]]
    assert titles == ["Aid (2)", "Weapons policy (1)", "Sanctions (1)", "Battlefield claims (1)"]
    aid_text = embeds[1].description or ""
    assert "**Freedonia → Ukraine**" in aid_text and "$1 million" in aid_text
    assert "> The ministry said a package of trucks was approved. (0)" in aid_text
    assert "**the army**: " in (embeds[4].description or "") and "side: ukraine" in (embeds[4].description or "")


def test_huge_brief_is_split_within_every_discord_limit() -> None:
    long_quote = "The ministry said a package of trucks was approved. " * 30
    brief = _brief(n_items=60, quote=long_quote, title="T" * 400)
    messages = render.render_brief(brief)
    _check_limits(messages)
    assert 1 < len(messages) <= render.MAX_BRIEF_MESSAGES
    assert len(messages[0].embeds[0].title or "") == render.TITLE_LIMIT
    titles = [e.title for m in messages for e in m.embeds]
    assert "Aid (continued)" in titles
    # Cut, and the reader is told so.
    assert "more part(s) not shown" in (messages[-1].content or "")


def test_empty_sections_say_so() -> None:
    brief = _brief(n_items=0).model_copy(update={"weapons_policy": [], "sanctions": [], "battlefield_claims": []})
    embeds = render.render_brief(brief)[0].embeds
    assert all(e.description == "*Nothing in the article.*" for e in embeds[1:])


def test_article_text_cannot_ping_or_disguise_links() -> None:
    brief = _brief(quote=HOSTILE, title=HOSTILE)
    messages = render.render_brief(brief)
    _check_limits(messages)
    text = " ".join([messages[0].content or ""] + [e.description or "" for e in messages[0].embeds])
    assert "@everyone" not in text and "@\u200beveryone" in text
    assert "<@123456789012345678>" not in text and "<\u200b@123456789012345678>" in text
    assert "<@&222>" not in text
    assert "[click me](" not in text  # the masked link is shown as text, not as a link
    assert "\\*shout\\*" in text


def test_answer_quotes_and_splitting() -> None:
    answer = Answer(answer="Twelve firms were listed. @here", quotes=["It listed 12 firms.", "x" * 5000])
    messages = render.render_answer(answer)
    _check_limits(messages)
    assert messages[0].content is not None and messages[0].content.startswith("Twelve firms were listed.")
    assert "@\u200bhere" in messages[0].content
    assert "> It listed 12 firms." in messages[0].content
    assert "…" in "".join(m.content or "" for m in messages)  # the overlong quote is clipped


def test_error_is_one_short_plain_line() -> None:
    msg = render.render_error("Could not fetch\nthe page @everyone")
    assert msg.content == "Could not fetch the page @\u200beveryone"
    assert msg.embeds == []


def test_thread_name_fits() -> None:
    assert len(render.thread_name(_brief(title="word " * 80))) <= render.THREAD_NAME_LIMIT
    assert isinstance(render.NO_MENTIONS, discord.AllowedMentions)
