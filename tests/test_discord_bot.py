"""The Discord bot end to end: the real discord.py client, its real REST and gateway code, a stand-in
Discord on 127.0.0.1 (standins/discord_api.py), the real BriefService (offline engine) and store.

Each test starts the client (login → command sync → gateway HELLO/IDENTIFY/READY/GUILD_CREATE), pushes
gateway events the way Discord does, and asserts on the REST calls the bot made.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.config import load_settings
from bot.discord_bot import MISSING_TOKEN, run
from bot.discord_bot.adapter import BriefBot
from bot.errors import ConfigError
from bot.ingest.urls import canonical_url
from standins import discord_api as ds

ARTICLE = """Freedonia announces new aid for Ukraine

Freedonia's defence ministry said on Tuesday it would send Ukraine a $40 million package of military aid, \
including armoured trucks and artillery shells.

The ministry said the trucks would arrive before winter. Officials in Kyiv welcomed the decision.

Sylvania imposed sanctions on 12 companies accused of shipping drone parts to Russia, its finance \
ministry said.

The Ukrainian army said its troops had pushed back an assault near the village of Eastville on Monday.
"""

MENTION = f"<@{ds.BOT_ID}>"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN", "BRIEFBOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path))
    cfg = load_settings({"DATABASE_URL": str(tmp_path / "bot.db"), "BRIEFBOT_FETCH_ALLOW_HOSTS": "127.0.0.1"})
    return cfg


def make_service(settings: Any) -> Any:
    from bot.service import BriefService

    return BriefService(settings=settings)


Scenario = Callable[[ds.DiscordStandin, BriefBot], Awaitable[None]]


def run_bot(settings: Any, scenario: Scenario, *, service: Any = None) -> ds.DiscordStandin:
    """Start the stand-in and the real client, run ``scenario``, shut both down; fail when the bot sent a
    message Discord would refuse (over a content, embed or attachment limit)."""

    async def main() -> ds.DiscordStandin:
        standin = ds.DiscordStandin()
        await standin.start()
        old = ds.patch_discord(standin)
        client = BriefBot(service=service or make_service(settings), settings=settings)
        task = asyncio.create_task(client.start("test-token"))
        try:
            await asyncio.wait_for(standin.identified.wait(), 10)
            await scenario(standin, client)
        finally:
            await client.close()
            await asyncio.wait_for(task, 10)
            await standin.stop()
            ds.unpatch_discord(old)
        return standin

    standin = asyncio.run(main())
    assert standin.rejected == [], f"Discord would refuse these messages: {standin.rejected}"
    return standin


def _embeds_text(calls: list[ds.Call]) -> str:
    return json.dumps([c.body for c in calls])


async def _mention(standin: ds.DiscordStandin, content: str, **kw: Any) -> int:
    mid = standin.new_id()
    await standin.push(
        "MESSAGE_CREATE",
        ds.message_payload(
            mid,
            channel_id=ds.CHANNEL_ID,
            author=ds.HUMAN,
            content=content,
            mentions=[ds.BOT_USER] if MENTION in content else [],
            **kw,
        ),
    )
    return mid


async def _wait_posts(standin: ds.DiscordStandin, n: int) -> None:
    await standin.wait_for(lambda s: len(s.posted_messages()) >= n)


def test_login_syncs_the_brief_command(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await standin.wait_for(lambda s: bool(s.find("PUT", "/commands")))

    standin = run_bot(settings, scenario)
    (sync,) = standin.find("PUT", f"/applications/{ds.APP_ID}/commands")
    commands = {c["name"]: c for c in sync.body}
    assert set(commands) == {"brief", "Brief this message", "briefs", "digest"}
    command = commands["brief"]
    assert {o["name"] for o in command["options"]} == {"source", "file"}
    assert standin.calls[0].headers["Authorization"] == "Bot test-token"


def test_slash_command_defers_then_posts_brief_and_opens_thread_then_answers(settings: Any) -> None:
    state: dict[str, Any] = {}

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await standin.push(
            "INTERACTION_CREATE",
            ds.interaction_payload(standin.new_id(), options=[{"name": "source", "type": 3, "value": ARTICLE}]),
        )
        await standin.wait_for(lambda s: bool(s.find("POST", "/threads")))
        # Discord announces the new thread on the gateway (THREAD_CREATE); the client caches it.
        guild = client.get_guild(ds.GUILD_ID)
        assert guild is not None
        await standin.wait_for(lambda s: bool(guild.threads))
        thread = guild.threads[0]
        state["thread"] = thread.id
        await asyncio.sleep(0.3)  # the thread link is stored after the brief is posted
        before = len(standin.posted_messages())
        await standin.push(
            "MESSAGE_CREATE",
            ds.message_payload(
                standin.new_id(),
                channel_id=thread.id,
                author=ds.HUMAN,
                content="How many companies were sanctioned?",
            ),
        )
        await _wait_posts(standin, before + 1)

    standin = run_bot(settings, scenario)
    (callback,) = standin.find("POST", "/callback")
    followups = [c for c in standin.posted_messages() if c.path.startswith(f"/webhooks/{ds.APP_ID}/")]
    assert followups, standin.paths()
    # Acknowledged with a deferred "thinking" response before anything was posted.
    assert callback.body == {"type": 5}
    assert standin.calls.index(callback) < standin.calls.index(followups[0])
    first = followups[0]
    assert first.query.get("wait") in ("1", "true")
    assert first.body["allowed_mentions"] == {"parse": []}
    assert first.body["embeds"][0]["title"] == "Freedonia announces new aid for Ukraine"
    # The thread hangs off the followup message; the answer is posted in it, with a quote.
    (thread_call,) = standin.find("POST", "/threads")
    assert thread_call.path.startswith(f"/channels/{ds.CHANNEL_ID}/messages/")
    answers = [c.body for c in standin.posted_messages() if c.path == f"/channels/{state['thread']}/messages"]
    assert answers, standin.paths()
    answer = answers[-1]
    assert "12" in answer["content"] and "\n> " in answer["content"]
    assert answer["allowed_mentions"]["parse"] == []
    assert "message_reference" in answer  # a reply to the question


def test_mention_with_link_briefs_in_a_new_thread(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        standin.files["freedonia.html"] = ds.Served(
            f"<html><head><title>Freedonia aid</title></head><body><article>"
            f"{''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10) * 2))}</article></body></html>".encode(),
            "text/html",
        )
        await _mention(standin, f"{MENTION} please brief <{standin.base}/pages/freedonia.html>")
        await _wait_posts(standin, 1)

    standin = run_bot(settings, scenario)
    (thread_call,) = standin.find("POST", "/threads")
    user_msg_id = thread_call.path.split("/")[4]
    assert thread_call.path == f"/channels/{ds.CHANNEL_ID}/messages/{user_msg_id}/threads"
    thread_msgs = [c for c in standin.posted_messages() if c.path != f"/channels/{ds.CHANNEL_ID}/messages"]
    assert thread_msgs and "embeds" in thread_msgs[0].body
    assert standin.find("POST", "/typing")  # the Discord way of showing progress


def test_mention_with_attachment_is_briefed(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        standin.files["a.txt"] = ds.Served(ARTICLE.encode(), "text/plain")
        url = f"{standin.base}/files/a.txt"
        await _mention(
            standin,
            MENTION,
            attachments=[
                ds.attachment_payload(
                    standin.new_id(), url=url, filename="a.txt", size=len(ARTICLE), content_type="text/plain"
                )
            ],
        )
        await _wait_posts(standin, 1)

    standin = run_bot(settings, scenario)
    assert standin.find("POST", "/threads")
    assert "Sylvania" in _embeds_text(standin.posted_messages())


def test_errors_are_short_plain_replies(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, f"{MENTION} https://10.0.0.1/secret")  # private address: refused
        await _mention(standin, MENTION)  # nothing to brief
        await _wait_posts(standin, 2)

    standin = run_bot(settings, scenario)
    assert not standin.find("POST", "/threads")
    replies = [c.body for c in standin.posted_messages()]
    assert len(replies) == 2
    for body in replies:
        assert "Traceback" not in body["content"] and "\n" not in body["content"]
        assert "embeds" not in body
        assert body["message_reference"]["message_id"]
    assert any("link" in b["content"].lower() for b in replies)


def test_bots_and_itself_are_ignored(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        for author in (ds.BOT_USER, ds.user(ds.OTHER_BOT_ID, "otherbot", bot=True)):
            await standin.push(
                "MESSAGE_CREATE",
                ds.message_payload(
                    standin.new_id(),
                    channel_id=ds.CHANNEL_ID,
                    author=author,
                    content=f"{MENTION} {ARTICLE}",
                    mentions=[ds.BOT_USER],
                ),
            )
        await asyncio.sleep(0.5)

    standin = run_bot(settings, scenario)
    assert standin.posted_messages() == []
    assert not standin.find("POST", "/typing")


def test_plain_messages_outside_brief_threads_are_ignored(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, "just chatting about https://news.example/x")
        await asyncio.sleep(0.5)

    standin = run_bot(settings, scenario)
    assert standin.posted_messages() == []


def _page(title: str, text: str) -> ds.Served:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return ds.Served(
        f"<html><head><title>{title}</title></head><body><article>{paras}</article></body></html>".encode(),
        "text/html",
    )


OTHER_ARTICLE = """Sylvania pledges demining help

Sylvania's foreign ministry said on Friday it would send Ukraine 30 demining vehicles and train \
200 sappers over the coming year.

The ministry said the first vehicles would be delivered in the spring.
"""


async def _settle(client: BriefBot) -> None:
    """Wait until the bot's job pool has nothing left to do."""
    for _ in range(400):
        await asyncio.sleep(0.05)
        if client.pool is not None and client.pool.idle():
            return
    raise AssertionError("the bot's jobs did not finish")


async def _wait_linked(client: BriefBot, n: int) -> None:
    """Wait until ``n`` brief threads are stored and every brief is posted."""
    for _ in range(200):
        if len(client.service.store.recent_threads(platform="discord", workspace=None)) >= n:
            await _settle(client)
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"fewer than {n} brief threads stored")


def test_same_link_twice_gets_a_pointer_to_the_first_thread_not_a_second_brief(settings: Any) -> None:
    state: dict[str, Any] = {}

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        standin.files["aid.html"] = _page("Freedonia aid", ARTICLE)
        standin.files["demining.html"] = _page("Sylvania demining", OTHER_ARTICLE)
        await _mention(standin, f"{MENTION} {standin.base}/pages/aid.html")
        await _wait_linked(client, 1)
        (record,) = client.service.store.recent_threads(platform="discord", workspace=None)
        state["thread"] = record.thread_ts
        # The thread remembers the stored article, found again by the link's canonical form.
        link = f"{standin.base}/pages/aid.html?utm_medium=chat"
        assert client.service.store.find_article(canonical_url=canonical_url(link)) == record.article_id
        before = len(standin.posted_messages())
        # The same article again, as the same link with a tracking parameter and a fragment.
        state["again"] = await _mention(standin, f"{MENTION} <{standin.base}/pages/aid.html?utm_source=x#top>")
        await _wait_posts(standin, before + 1)
        state["pointer"] = standin.posted_messages()[before:]
        await _mention(standin, f"{MENTION} {standin.base}/pages/demining.html")
        await _wait_linked(client, 2)

    standin = run_bot(settings, scenario)
    threads = standin.find("POST", "/threads")
    assert len(threads) == 2  # the first link and the different link; the repeat opened none
    (pointer,) = state["pointer"]
    body = pointer.body
    assert pointer.path == f"/channels/{ds.CHANNEL_ID}/messages"
    assert int(body["message_reference"]["message_id"]) == state["again"]
    assert "embeds" not in body and "\n" not in body["content"] and len(body["content"]) < 200
    # The pointer names the first brief's thread, where that brief was posted.
    assert f"https://discord.com/channels/{ds.GUILD_ID}/{state['thread']}" in body["content"]
    assert any(c.path == f"/channels/{state['thread']}/messages" for c in standin.posted_messages())
    # Two briefs in all, each in its own thread: aid first, demining second.
    briefs = [c for c in standin.posted_messages() if "embeds" in c.body and c.body["embeds"][0].get("title")]
    titles = [c.body["embeds"][0]["title"] for c in briefs if c.body["embeds"][0].get("url")]
    assert titles == ["Freedonia aid", "Sylvania demining"]
    assert len({c.path for c in briefs if c.body["embeds"][0].get("url")}) == 2


def test_slash_brief_of_already_briefed_text_points_to_its_thread(settings: Any) -> None:
    state: dict[str, Any] = {}

    async def brief(standin: ds.DiscordStandin, text: str) -> None:
        await standin.push(
            "INTERACTION_CREATE",
            ds.interaction_payload(standin.new_id(), options=[{"name": "source", "type": 3, "value": text}]),
        )

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await brief(standin, ARTICLE)
        await _wait_linked(client, 1)
        state["thread"] = client.service.store.recent_threads(platform="discord", workspace=None)[0].thread_ts
        before = len(standin.posted_messages())
        await brief(standin, "\n" + ARTICLE + "\n")  # the same text, pasted again
        await _wait_posts(standin, before + 1)
        await brief(standin, OTHER_ARTICLE)
        await _wait_linked(client, 2)

    standin = run_bot(settings, scenario)
    assert len(standin.find("POST", "/threads")) == 2
    followups = [c.body for c in standin.posted_messages() if c.path.startswith(f"/webhooks/{ds.APP_ID}/")]
    firsts = [b for b in followups if b.get("content", "").startswith("**Brief:**")]
    assert len(firsts) == 2
    pointers = [b for b in followups if "already briefed" in b.get("content", "")]
    assert len(pointers) == 1 and "embeds" not in pointers[0]
    assert f"https://discord.com/channels/{ds.GUILD_ID}/{state['thread']}" in pointers[0]["content"]
    # The pointer came between the two briefs: the second brief is the other article.
    assert followups.index(pointers[0]) < followups.index(firsts[1])


def test_run_without_token_is_a_one_line_config_error(settings: Any) -> None:
    with pytest.raises(ConfigError) as err:
        run(settings)
    assert str(err.value) == MISSING_TOKEN and "\n" not in MISSING_TOKEN
