"""Story tracking through Slack: briefs of the held-out fixture articles posted with ``/brief`` (signed
requests into the real app, the real slack_sdk client talking to the stand-in Web API on 127.0.0.1) carry
"What's new" notes, and ``/brief digest`` posts the digest and uploads its chart with files_upload_v2."""

from __future__ import annotations

import json
import struct

import slack_standin as ss
import test_slack_e2e as e2e
from story_support import briefed_fixtures, first_pair

from bot.story.normalise import normaliser_for

N = normaliser_for()
CHANNEL, USER, all_text = e2e.CHANNEL, e2e.USER, e2e.all_text
make_bot, standin = e2e.make_bot, e2e.standin


def _brief(bot, server, item, *, trigger: str) -> ss.Call:
    """``/brief <pasted article>``; returns the chat.update that showed the brief."""
    before = len(server.api_calls("chat.update"))
    text = item.article.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert bot.command(text, trigger=trigger).status_code == 200
    bot.settle(timeout=30)
    updates = server.api_calls("chat.update")[before:]
    assert updates, "the brief was not shown"
    return updates[-1]


def _permalink(ts: str) -> str:
    return f"https://acme.slack.com/archives/{CHANNEL}/p{ts.replace('.', '')}"


def test_a_repeated_package_is_noted_with_a_link_and_the_digest_has_every_amount_and_a_chart(make_bot, standin):
    items = briefed_fixtures()
    i, j, (_, currency, value) = first_pair(
        items, lambda it: {(N.entity(a.donor), a.currency, a.value) for a in it.brief.aid if a.value is not None})
    bot = make_bot()
    first = _brief(bot, standin, items[i], trigger="t.1")
    assert "What's new" not in all_text(first)  # nothing earlier in the channel
    second = _brief(bot, standin, items[j], trigger="t.2")
    shown = all_text(second)
    assert "*What's new:" in shown and "*Already reported* on " in shown
    assert _permalink(first.body["ts"]) in shown

    started = standin.api_calls("chat.postMessage")
    assert bot.command("digest week", trigger="t.3").status_code == 200
    bot.settle(timeout=30)
    posted = standin.api_calls("chat.postMessage")[len(started):]
    [digest] = [c for c in posted if c.body.get("blocks") and c.body["blocks"][0]["type"] == "header"]
    text = all_text(digest)
    assert digest.body["blocks"][0]["text"]["text"].startswith("Digest of the last 7 days")
    assert len(digest.body["blocks"]) <= 50
    for item, brief_msg in ((items[i], first), (items[j], second)):
        for aid in item.brief.aid:
            if aid.value is not None:
                assert f"{aid.currency.upper()} {aid.value:,.0f}" in text
        assert _permalink(brief_msg.body["ts"]) in text
    # The repeated package is one line with both threads, counted once.
    amount = f"{currency.upper()} {value:,.0f}"
    # (all_text JSON-encodes the blocks, so their line breaks read as a backslash and an n.)
    line = next(part for part in text.split("\\n") if amount in part and "thread 1" in part)
    assert _permalink(first.body["ts"]) in line and _permalink(second.body["ts"]) in line

    # The chart: files.getUploadURLExternal, the upload, files.completeUploadExternal into the digest's thread.
    [get_url] = standin.api_calls("files.getUploadURLExternal")
    assert get_url.body["filename"] == "briefbot-digest-week.png"
    assert [c.path for c in standin.calls if c.path.startswith("/upload/")] == ["/upload/v1/F0001"]
    [complete] = standin.api_calls("files.completeUploadExternal")
    digest_ts = next(m["ts"] for m in standin.messages if m["text"] == digest.body["text"])
    assert complete.body["channel_id"] == CHANNEL and complete.body["thread_ts"] == digest_ts
    files = complete.body["files"]
    assert [f["id"] for f in (json.loads(files) if isinstance(files, str) else files)] == ["F0001"]
    png = standin.uploads["F0001"]["data"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1000, 800)


def test_an_unknown_digest_period_gets_a_private_usage_note(make_bot, standin):
    bot = make_bot()
    assert bot.command("digest fortnight", trigger="t.9").status_code == 200
    bot.settle()
    [note] = standin.wait_for("chat.postEphemeral")
    assert note.body["user"] == USER
    assert "use today, week or 30d" in all_text(note) and "/brief digest" in all_text(note)
    assert standin.api_calls("files.getUploadURLExternal") == []


def test_an_empty_digest_says_so_and_uploads_no_chart(make_bot, standin):
    bot = make_bot()
    assert bot.command("digest today", trigger="t.8").status_code == 200
    bot.settle()
    [posted] = standin.wait_for("chat.postMessage")
    assert "Nothing was briefed in this period." in all_text(posted)
    assert standin.api_calls("files.getUploadURLExternal") == []


def test_the_manifest_offers_the_digest_and_the_upload_scope():
    import yaml

    from bot.paths import resource_dir

    manifest = yaml.safe_load((resource_dir("config") / "slack-manifest.yaml").read_text())
    [brief] = manifest["features"]["slash_commands"]
    assert "digest [today|week|30d]" in brief["usage_hint"]
    assert "files:write" in manifest["oauth_config"]["scopes"]["bot"]


def test_the_same_article_in_a_second_channel_is_briefed_once_and_links_the_first(make_bot, standin):
    from urllib.parse import urlencode

    item = briefed_fixtures()[0]
    bot = make_bot()
    first = _brief(bot, standin, item, trigger="t.20")
    form = {"token": "x", "team_id": ss.TEAM_ID, "channel_id": "C0OTHER", "user_id": USER, "command": "/brief",
            "text": item.article.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
            "api_app_id": "A0001", "response_url": standin.base_url + "/response", "trigger_id": "t.21"}
    before = len(standin.api_calls("chat.update"))
    assert bot.post(urlencode(form), content_type="application/x-www-form-urlencoded").status_code == 200
    bot.settle(timeout=30)
    second = standin.api_calls("chat.update")[before:][-1]
    assert second.body["channel"] == "C0OTHER"
    shown = all_text(second)
    assert "Also briefed in another channel" in shown and _permalink(first.body["ts"]) in shown
    # The same brief: the first's items, not a second briefing.
    assert first.body["blocks"][0] == second.body["blocks"][0]
