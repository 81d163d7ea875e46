"""The Discord bot end to end, for each chat behaviour the Slack bot has (tests/test_slack_e2e.py): the real
discord.py client against the stand-in Discord on 127.0.0.1, the real chat workflow, service and store."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from test_discord_bot import ARTICLE, MENTION, BriefBot, _mention, _page, _settle, _wait_linked, run_bot
from test_discord_bot import settings as settings  # noqa: F401, PLC0414 (the fixture)

from bot.chat import BRIEF, BriefRequest, Where
from bot.store import open_store
from standins import discord_api as ds


def _replies(standin: ds.DiscordStandin) -> list[dict[str, Any]]:
    """Plain replies the bot posted (no embeds): errors, hints, pointers, refusals."""
    return [c.body for c in standin.posted_messages() if "embeds" not in c.body]


def _callbacks(standin: ds.DiscordStandin) -> list[dict[str, Any]]:
    return [c.body for c in standin.find("POST", "/callback")]


def _embeds(standin: ds.DiscordStandin) -> str:
    return json.dumps([c.body for c in standin.posted_messages()])


async def _command(standin: ds.DiscordStandin, name: str, options: list[dict[str, Any]] | None = None) -> None:
    payload = ds.interaction_payload(standin.new_id(), options=options or [])
    payload["data"]["name"] = name
    await standin.push("INTERACTION_CREATE", payload)


def test_mention_with_pasted_text_briefs_in_a_thread_on_that_message(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, f"{MENTION} {ARTICLE}")
        await _wait_linked(client, 1)

    standin = run_bot(settings, scenario)
    (thread,) = standin.find("POST", "/threads")
    assert thread.path.startswith(f"/channels/{ds.CHANNEL_ID}/messages/")
    assert "$40 million" in _embeds(standin)


def test_brief_this_message_context_menu_briefs_the_message(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        target = standin.new_id()
        payload = ds.interaction_payload(standin.new_id(), options=[])
        payload["data"] = {
            "id": "2",
            "name": "Brief this message",
            "type": 3,
            "target_id": str(target),
            "resolved": {
                "messages": {
                    str(target): ds.message_payload(target, channel_id=ds.CHANNEL_ID, author=ds.HUMAN, content=ARTICLE)
                }
            },
        }
        await standin.push("INTERACTION_CREATE", payload)
        await _wait_linked(client, 1)

    standin = run_bot(settings, scenario)
    assert _callbacks(standin)[0] == {"type": 5}  # "briefbot is thinking…" at once
    followups = [c for c in standin.posted_messages() if c.path.startswith(f"/webhooks/{ds.APP_ID}/")]
    assert followups[0].body["embeds"][0]["title"] == "Freedonia announces new aid for Ukraine"
    assert standin.find("POST", "/threads")
    assert "Sylvania" in _embeds(standin)


def test_auto_brief_channel_briefs_links_and_ignores_chat(settings: Any) -> None:
    settings.discord.auto_brief_channels = [str(ds.CHANNEL_ID)]

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        standin.files["aid.html"] = _page("Freedonia aid", ARTICLE)
        await _mention(standin, f"Morning read: {standin.base}/pages/aid.html")
        await _mention(standin, "no links here, just chatting")
        await _wait_linked(client, 1)

    standin = run_bot(settings, scenario)
    assert len(standin.find("POST", "/threads")) == 1
    assert "$40 million" in _embeds(standin)
    assert _replies(standin) == []


def test_a_replayed_message_is_briefed_once_and_edits_and_deletions_are_ignored(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        mid = standin.new_id()
        payload = ds.message_payload(
            mid, channel_id=ds.CHANNEL_ID, author=ds.HUMAN, content=f"{MENTION} {ARTICLE}", mentions=[ds.BOT_USER]
        )
        await standin.push("MESSAGE_CREATE", payload)
        await standin.push("MESSAGE_CREATE", payload)  # a gateway resume replays events
        await _wait_linked(client, 1)
        await standin.push("MESSAGE_UPDATE", dict(payload, content=f"{MENTION} What about Germany?", edited_timestamp=ds.TS))
        await standin.push(
            "MESSAGE_DELETE", {"id": str(mid), "channel_id": str(ds.CHANNEL_ID), "guild_id": str(ds.GUILD_ID)}
        )
        await asyncio.sleep(0.5)
        await _settle(client)

    standin = run_bot(settings, scenario)
    assert len(standin.find("POST", "/threads")) == 1
    assert _replies(standin) == []


PAYWALL = (
    "<html><head><title>Subscribe</title></head><body><article><p>Subscribe to read this story.</p>"
    "<p>Already a subscriber? Log in.</p></article></body></html>"
)


@pytest.mark.parametrize("which", ["unreachable", "paywall", "unsupported", "too large"])
def test_errors_reach_the_user_as_one_short_line(settings: Any, which: str) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        if which == "unreachable":
            await _mention(standin, f"{MENTION} {standin.base}/pages/gone.html")
        elif which == "paywall":
            standin.files["paywall.html"] = ds.Served(PAYWALL.encode(), "text/html")
            await _mention(standin, f"{MENTION} {standin.base}/pages/paywall.html")
        else:
            standin.files["map.png"] = ds.Served(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
            size = 208 if which == "unsupported" else settings.input.max_file_bytes + 1
            await _mention(
                standin,
                MENTION,
                attachments=[
                    ds.attachment_payload(
                        standin.new_id(),
                        url=f"{standin.base}/files/map.png",
                        filename="map.png",
                        size=size,
                        content_type="image/png",
                    )
                ],
            )
        await standin.wait_for(lambda s: bool(s.posted_messages()))
        await _settle(client)

    standin = run_bot(settings, scenario)
    (reply,) = _replies(standin)
    assert "Traceback" not in reply["content"] and "\n" not in reply["content"] and len(reply["content"]) < 200
    assert reply["message_reference"]["message_id"]
    assert not standin.find("POST", "/threads")
    if which in ("too large", "paywall"):
        assert which in reply["content"]


def test_rate_limit_answers_politely(settings: Any) -> None:
    settings.discord.rate_limit_per_user_per_hour = 1

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, f"{MENTION} {ARTICLE}")
        await _wait_linked(client, 1)
        await _mention(standin, f"{MENTION} {ARTICLE}\nMore.")
        await _command(standin, "brief", [{"name": "source", "type": 3, "value": ARTICLE}])
        await standin.wait_for(lambda s: len(_callbacks(s)) >= 1 and len(_replies(s)) >= 1)

    standin = run_bot(settings, scenario)
    assert len(standin.find("POST", "/threads")) == 1
    (reply,) = _replies(standin)
    assert "limit of 1 requests per hour" in reply["content"]
    (refusal,) = _callbacks(standin)
    assert refusal["type"] == 4 and refusal["data"]["flags"] == 64  # only the user sees it
    assert "limit of 1 requests per hour" in refusal["data"]["content"]


@pytest.mark.parametrize("policy", ["channels", "users"])
def test_allow_lists_keep_the_bot_out(settings: Any, policy: str) -> None:
    if policy == "channels":
        settings.discord.allowed_channels = ["123"]
    else:
        settings.discord.allowed_users = ["123"]

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _command(standin, "brief", [{"name": "source", "type": 3, "value": ARTICLE}])
        await _mention(standin, f"{MENTION} {ARTICLE}")
        await standin.wait_for(lambda s: len(_callbacks(s)) >= 1 and len(_replies(s)) >= 1)
        await _settle(client)

    standin = run_bot(settings, scenario)
    assert not standin.find("POST", "/threads")
    (refusal,) = _callbacks(standin)
    assert refusal["data"]["flags"] == 64 and "not enabled" in refusal["data"]["content"]
    (reply,) = _replies(standin)
    assert "not enabled" in reply["content"]


def test_briefs_command_lists_the_latest_briefs_with_thread_links(settings: Any) -> None:
    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, f"{MENTION} {ARTICLE}")
        await _wait_linked(client, 1)
        await _command(standin, "briefs")
        await standin.wait_for(lambda s: len(_callbacks(s)) >= 1)

    standin = run_bot(settings, scenario)
    (listing,) = _callbacks(standin)
    thread_id = standin.find("POST", "/threads")[0]
    content = listing["data"]["content"]
    assert listing["data"]["flags"] == 64
    assert "Freedonia announces new aid for Ukraine" in content
    assert f"https://discord.com/channels/{ds.GUILD_ID}/" in content and "items" in content
    assert thread_id


def test_acknowledged_work_lost_to_a_crash_is_finished_after_restart(settings: Any) -> None:
    """A previous process acknowledged a mention and a /brief, then died: the new one delivers both."""
    where = Where(platform="discord", workspace=str(ds.GUILD_ID), channel=str(ds.CHANNEL_ID), user=str(ds.USER_ID))
    mention_id = 910000000000099999
    with open_store(settings.database_url) as store:
        store.enqueue_job(
            kind=BRIEF, payload=BriefRequest(where=where, origin="mention", message=str(mention_id), text=ARTICLE).payload()
        )
        other = ARTICLE.replace("$40 million", "$41 million").replace("12 companies", "13 companies")
        store.enqueue_job(
            kind=BRIEF,
            payload=BriefRequest(
                where=where,
                origin="command",
                text=other,
                reply={"application_id": str(ds.APP_ID), "interaction_token": "tok-before-the-crash"},
            ).payload(),
        )

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _wait_linked(client, 2)

    standin = run_bot(settings, scenario)
    threads = {c.path for c in standin.find("POST", "/threads")}
    assert f"/channels/{ds.CHANNEL_ID}/messages/{mention_id}/threads" in threads
    assert len(threads) == 2
    followups = [c for c in standin.posted_messages() if c.path == f"/webhooks/{ds.APP_ID}/tok-before-the-crash"]
    assert followups and "$41 million" in json.dumps(followups[0].body)
    with open_store(settings.database_url) as store:
        assert store.pending_jobs() == []


def test_a_direct_message_is_briefed_without_a_mention(settings: Any) -> None:
    dm = 920000000000000001

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        payload = ds.message_payload(standin.new_id(), channel_id=dm, author=ds.HUMAN, content=ARTICLE)
        del payload["guild_id"], payload["member"]
        await standin.push("MESSAGE_CREATE", payload)
        await standin.wait_for(lambda s: bool(s.posted_messages()))
        await _settle(client)

    standin = run_bot(settings, scenario)
    posts = standin.posted_messages()
    assert posts and all(c.path == f"/channels/{dm}/messages" for c in posts)
    assert "$40 million" in _embeds(standin)


def test_an_answer_posted_just_before_a_crash_is_not_posted_again(settings: Any) -> None:
    """The retry of an answer job that was posting when the process died finds its reply and stops."""
    from bot.chat import ANSWER, AnswerRequest
    from bot.chat.jobs import StoredProgress
    from bot.discord_bot.outlet import AnswerOut

    async def scenario(standin: ds.DiscordStandin, client: BriefBot) -> None:
        await _mention(standin, f"{MENTION} {ARTICLE}")
        await _wait_linked(client, 1)
        (record,) = client.service.store.recent_threads(platform="discord", workspace=str(ds.GUILD_ID))
        question = standin.new_id()
        await standin.push(
            "MESSAGE_CREATE",
            ds.message_payload(question, channel_id=int(record.thread_ts), author=ds.HUMAN, content="How many companies?"),
        )
        await standin.wait_for(lambda s: any(c.body.get("message_reference") for c in s.posted_messages()))
        await _settle(client)
        before = len(standin.posted_messages())
        # The same job, as a restarted process finds it: marked "posting", not "delivered".
        where = Where(platform="discord", workspace=str(ds.GUILD_ID), channel=str(ds.CHANNEL_ID), user=str(ds.USER_ID))
        req = AnswerRequest(where=where, thread=record.thread_ts, question="How many companies?", message=str(question))
        store = client.service.store
        job = store.enqueue_job(kind=ANSWER, payload=req.payload())
        assert store.claim_job(job, worker="a process that died")  # so this pool does not run it too
        store.record_job_progress(job, posting=True)
        progress = StoredProgress(store, job)
        await asyncio.to_thread(client.workflow.answer_in_thread, req, AnswerOut(client.bridge, req), progress)
        assert len(standin.posted_messages()) == before
        assert progress.done().get("delivered")

    run_bot(settings, scenario)
