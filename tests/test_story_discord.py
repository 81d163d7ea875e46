"""Story tracking through Discord: the real discord.py client against the stand-in Discord on 127.0.0.1.
Held-out fixture articles briefed with ``/brief`` get "What's new" notes in their threads, and ``/digest``
answers with the channel's digest (rival claims side by side, disputed) and its chart as an attachment."""

from __future__ import annotations

import asyncio
import struct

import discord_standin as ds
import test_discord_bot as tdb
from story_support import briefed_fixtures, first_pair

from bot.story.normalise import normaliser_for

N = normaliser_for()
settings = tdb.settings


def _claims_pair(items):
    for i, a in enumerate(items):
        russian = {N.place(c.location) for c in a.brief.battlefield_claims if c.side == "russia"} - {None}
        for j in range(i + 1, len(items)):
            ukrainian = {N.place(c.location) for c in items[j].brief.battlefield_claims if c.side == "ukraine"}
            if russian & ukrainian:
                return i, j, sorted(russian & ukrainian)[0]
    raise AssertionError("no rival claims in the fixtures")


async def _brief(standin, service, client, item, *, briefs_before: int) -> None:
    await standin.push("INTERACTION_CREATE", ds.interaction_payload(
        standin.new_id(), options=[{"name": "source", "type": 3, "value": item.article.text}]))

    async def linked() -> None:
        while len(await asyncio.to_thread(service.store.recent_threads, platform="discord", workspace=None)) \
                <= briefs_before:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(linked(), 30)
    await tdb._settle(client)  # the brief's "What's new" message goes out after its thread is linked


def test_whats_new_and_the_digest_with_rival_claims_and_a_chart(settings):
    items = briefed_fixtures()
    i, j, _ = first_pair(items, lambda it: {(N.entity(a.donor), a.currency, a.value)
                                            for a in it.brief.aid if a.value is not None})
    k, m, place = _claims_pair(items)
    order = [items[x] for x in dict.fromkeys([i, j, k, m])]
    service = tdb.make_service(settings)
    state: dict = {}

    async def scenario(standin: ds.DiscordStandin, client) -> None:
        for n, item in enumerate(order):
            await _brief(standin, service, client, item, briefs_before=n)
        state["threads"] = {r.article_id: r.thread_ts for r in
                            await asyncio.to_thread(service.store.recent_threads, platform="discord", workspace=None)}
        state["posted_before_digest"] = len(standin.posted_messages())
        await standin.push("INTERACTION_CREATE", ds.interaction_payload(
            standin.new_id(), name="digest", options=[{"name": "period", "type": 3, "value": "week"}]))
        await standin.wait_for(lambda s: any(
            (c.body or {}).get("files") for c in s.posted_messages()[state["posted_before_digest"]:]))

    standin = tdb.run_bot(settings, scenario, service=service)
    posted = standin.posted_messages()
    brief_contents = [(c.body or {}).get("content") or "" for c in posted[:state["posted_before_digest"]]]
    threads = state["threads"]
    first_thread = threads[service.store.find_article(content_sha256=items[i].article.content_sha256)]
    notes = [c for c in brief_contents if c.startswith("**What's new:")]
    assert any("**Already reported** on " in c and f"https://discord.com/channels/{ds.GUILD_ID}/{first_thread}" in c
               for c in notes)
    assert any("**Contradicts** the brief of" in c for c in notes)

    digest = posted[state["posted_before_digest"]:]
    text = "\n".join(((c.body or {}).get("content") or (c.body or {}).get("payload_json", {}).get("content") or "")
                     for c in digest)
    assert text.startswith("## Digest of the last 7 days")
    assert all(len(((c.body or {}).get("payload_json") or c.body or {}).get("content") or "") <= 2000 for c in digest)
    for item in order:
        thread = threads[service.store.find_article(content_sha256=item.article.content_sha256)]
        assert f"https://discord.com/channels/{ds.GUILD_ID}/{thread}" in text
        for aid in item.brief.aid:
            if aid.value is not None:
                assert f"{aid.currency.upper()} {aid.value:,.0f}" in text
    # The rival claims: one place heading marked disputed, both sides' lines under it, each linking its thread.
    block = next(b for b in text.split("\n**") if "DISPUTED" in b.split("\n", 1)[0]
                 and N.place(b.split(" — ", 1)[0]) == place)
    assert "- Ukrainian side:" in block and "- Russian side:" in block
    for x in (k, m):
        thread = threads[service.store.find_article(content_sha256=items[x].article.content_sha256)]
        assert f"/{thread}>)" in block
    [attached] = [c for c in digest if (c.body or {}).get("files")]
    png = attached.body["files"]["briefbot-digest-week.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1000, 800)
