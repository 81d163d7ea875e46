"""Story tracking through Discord: the real discord.py client against the stand-in Discord on 127.0.0.1.
Held-out fixture articles briefed with ``/brief`` get "What's new" notes in their threads, and ``/digest``
answers with the channel's digest (rival claims side by side, disputed) and its chart as an attachment."""

from __future__ import annotations

import asyncio
import json
import struct

import test_discord_bot as tdb
from story_support import WallClock, briefed_fixtures, expected_lines, first_pair, post_editions, story_fixture

from bot.story.normalise import normaliser_for
from standins import discord_api as ds
from standins.platform_limits import DISCORD_ATTACHMENT_LIMIT, discord_message_problem

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
    await standin.push(
        "INTERACTION_CREATE",
        ds.interaction_payload(standin.new_id(), options=[{"name": "source", "type": 3, "value": item.article.text}]),
    )

    async def linked() -> None:
        while (
            len(await asyncio.to_thread(service.store.recent_threads, platform="discord", workspace=None)) <= briefs_before
        ):
            await asyncio.sleep(0.05)

    await asyncio.wait_for(linked(), 30)
    await tdb._settle(client)  # the brief's "What's new" message goes out after its thread is linked


def test_whats_new_and_the_digest_with_rival_claims_and_a_chart(settings):
    items = briefed_fixtures()
    i, j, _ = first_pair(
        items, lambda it: {(N.entity(a.donor), a.currency, a.value) for a in it.brief.aid if a.value is not None}
    )
    k, m, place = _claims_pair(items)
    order = [items[x] for x in dict.fromkeys([i, j, k, m])]
    service = tdb.make_service(settings)
    state: dict = {}

    async def scenario(standin: ds.DiscordStandin, client) -> None:
        for n, item in enumerate(order):
            await _brief(standin, service, client, item, briefs_before=n)
        state["threads"] = {
            r.article_id: r.thread_ts
            for r in await asyncio.to_thread(service.store.recent_threads, platform="discord", workspace=None)
        }
        state["posted_before_digest"] = len(standin.posted_messages())
        await standin.push(
            "INTERACTION_CREATE",
            ds.interaction_payload(
                standin.new_id(), name="digest", options=[{"name": "period", "type": 3, "value": "week"}]
            ),
        )
        await standin.wait_for(
            lambda s: any((c.body or {}).get("files") for c in s.posted_messages()[state["posted_before_digest"] :])
        )

    standin = tdb.run_bot(settings, scenario, service=service)
    posted = standin.posted_messages()
    brief_contents = [(c.body or {}).get("content") or "" for c in posted[: state["posted_before_digest"]]]
    threads = state["threads"]
    first_thread = threads[service.store.find_article(content_sha256=items[i].article.content_sha256)]
    notes = [c for c in brief_contents if c.startswith("**What's new:")]
    assert any(
        "**Already reported** on " in c and f"https://discord.com/channels/{ds.GUILD_ID}/{first_thread}" in c for c in notes
    )
    assert any("**Contradicts** the brief of" in c for c in notes)

    digest = posted[state["posted_before_digest"] :]
    text = "\n".join(_content(c) for c in digest)
    assert text.startswith("## Digest of the last 7 days")
    for item in order:
        thread = threads[service.store.find_article(content_sha256=item.article.content_sha256)]
        assert f"https://discord.com/channels/{ds.GUILD_ID}/{thread}" in text + json.dumps(_embeds(digest))
        for aid in item.brief.aid:
            if aid.value is not None:
                assert f"{aid.currency.upper()} {aid.value:,.0f}" in text
    # The rival claims: an embed for the disputed place, each side's claims in an inline field, side by side.
    [embed] = [e for e in _embeds(digest) if "DISPUTED" in e["title"] and N.place(e["title"].split(" — ")[0]) == place]
    sides = {f["name"]: f for f in embed["fields"]}
    assert sides["Ukrainian side"]["inline"] and sides["Russian side"]["inline"]
    for x, side in ((k, "Russian side"), (m, "Ukrainian side")):
        thread = threads[service.store.find_article(content_sha256=items[x].article.content_sha256)]
        assert f"https://discord.com/channels/{ds.GUILD_ID}/{thread})" in sides[side]["value"]
    [attached] = [c for c in digest if (c.body or {}).get("files")]
    png = attached.body["files"]["briefbot-digest-week.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1000, 800)


def _payload(call: ds.Call) -> dict:
    return (call.body or {}).get("payload_json") or call.body or {}


def _content(call: ds.Call) -> str:
    return _payload(call).get("content") or ""


def _embeds(calls: list[ds.Call]) -> list[dict]:
    return [e for c in calls for e in _payload(c).get("embeds") or []]


def _digest_run(settings, fill, period: str, *, briefs=()):
    """Brief ``briefs`` with /brief, call ``fill(store)``, then ask /digest; the digest's followups and the
    threads of the briefs by article id."""
    service = tdb.make_service(settings)
    fill(service.store)
    state: dict = {}

    async def scenario(standin: ds.DiscordStandin, client) -> None:
        for n, item in enumerate(briefs):
            await _brief(standin, service, client, item, briefs_before=n)
        state["before"] = len(standin.posted_messages())
        await standin.push(
            "INTERACTION_CREATE",
            ds.interaction_payload(
                standin.new_id(), name="digest", options=[{"name": "period", "type": 3, "value": period}]
            ),
        )
        await standin.wait_for(lambda s: any((c.body or {}).get("files") for c in s.posted_messages()[state["before"] :]))

    standin = tdb.run_bot(settings, scenario, service=service)  # fails on any message Discord would refuse
    threads = {r.article_id: r.thread_ts for r in service.store.recent_threads(platform="discord", workspace=None)}
    return standin.posted_messages()[state["before"] :], threads


def test_rival_claims_under_both_sides_names_are_one_disputed_place_side_by_side(settings):
    russian, ukrainian = story_fixture("ru_krasnoarmeysk.txt"), story_fixture("ua_pokrovsk.txt")
    digest, threads = _digest_run(settings, lambda store: None, "today", briefs=(russian, ukrainian))
    [embed] = [e for e in _embeds(digest) if "DISPUTED" in e["title"]]
    assert embed["title"].startswith("Pokrovsk (also Krasnoarmeysk) — DISPUTED")
    ukraine, russia = embed["fields"][:2]
    assert (ukraine["name"], russia["name"]) == ("Ukrainian side", "Russian side")
    assert ukraine["inline"] and russia["inline"]
    assert ukraine["value"].startswith("• Ukraine's General Staff:") and "• Russia's Defence Ministry:" in russia["value"]
    assert len(threads) == 2
    for thread in threads.values():
        assert f"/{ds.GUILD_ID}/{thread})" in ukraine["value"] + russia["value"]


def test_a_busy_months_digest_fits_discords_limits_and_attaches_the_whole(settings):
    clock = WallClock(days_ago=29)
    posted: list = []

    def fill(_store) -> None:
        from bot.store import open_store

        with open_store(settings.database_url, clock=clock) as store:  # the bot's database, over four weeks
            posted.extend(
                post_editions(
                    store,
                    briefed_fixtures(story=True),
                    editions=3,
                    clock=clock,
                    platform="discord",
                    channel=str(ds.CHANNEL_ID),
                    workspace=str(ds.GUILD_ID),
                )
            )

    digest, _ = _digest_run(settings, fill, "30d")
    assert 1 < len(digest) <= 5  # the limits themselves are the stand-in's: run_bot fails on a refused message
    assert all(len(_content(c)) <= 2000 for c in digest)
    assert _content(digest[0]).startswith("## Digest of the last 30 days")
    assert (
        "the full digest, every line with all its thread links, is the attached file `briefbot-digest-30d.md`"
        in _content(digest[-1])
    )
    files = digest[-1].body["files"]
    assert set(files) == {"briefbot-digest-30d.png", "briefbot-digest-30d.md"}
    lines = files["briefbot-digest-30d.md"].decode().splitlines()
    url = f"https://discord.com/channels/{ds.GUILD_ID}/{{}}"
    for figure, link in expected_lines(posted, url.format):
        assert any(figure in line and f"({link})" in line for line in lines), (figure, link)


def test_the_standin_refuses_what_discord_refuses():
    field = {"name": "Ukrainian side", "value": "v", "inline": True}
    assert discord_message_problem({"content": "x" * 2000, "embeds": [{"title": "t", "fields": [field] * 25}]}) is None
    assert discord_message_problem({"content": "x" * 2001})
    assert discord_message_problem({"payload_json": {"content": "x" * 2001}})
    assert discord_message_problem({"embeds": [{"title": "t", "fields": [{**field, "value": "v" * 1025}]}]})
    assert discord_message_problem({"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]})
    assert discord_message_problem({"embeds": [{"title": "t"}] * 11})
    assert discord_message_problem({"files": {"a.md": b"x" * (DISCORD_ATTACHMENT_LIMIT + 1)}}).startswith("too large")
