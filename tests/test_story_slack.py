"""Story tracking through Slack: briefs of the held-out fixture articles posted with ``/brief`` (signed
requests into the real app, the real slack_sdk client talking to the stand-in Web API on 127.0.0.1) carry
"What's new" notes, and ``/brief digest`` posts the digest and uploads its chart with files_upload_v2."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import test_slack_e2e as e2e
from story_support import WallClock, briefed_fixtures, expected_lines, first_pair, post_editions, story_fixture

from bot.story.normalise import normaliser_for
from standins import slack_api as ss
from standins.platform_limits import slack_message_problem

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
        items, lambda it: {(N.entity(a.donor), a.currency, a.value) for a in it.brief.aid if a.value is not None}
    )
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
    posted = standin.api_calls("chat.postMessage")[len(started) :]
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
    form = {
        "token": "x",
        "team_id": ss.TEAM_ID,
        "channel_id": "C0OTHER",
        "user_id": USER,
        "command": "/brief",
        "text": item.article.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        "api_app_id": "A0001",
        "response_url": standin.base_url + "/response",
        "trigger_id": "t.21",
    }
    before = len(standin.api_calls("chat.update"))
    assert bot.post(urlencode(form), content_type="application/x-www-form-urlencoded").status_code == 200
    bot.settle(timeout=30)
    second = standin.api_calls("chat.update")[before:][-1]
    assert second.body["channel"] == "C0OTHER"
    shown = all_text(second)
    assert "Also briefed in another channel" in shown and _permalink(first.body["ts"]) in shown
    # The same brief: the first's items, not a second briefing.
    assert first.body["blocks"][0] == second.body["blocks"][0]


def _digest_posts(standin, started: int) -> tuple[ss.Call, list[ss.Call]]:
    """The digest's first message (in the channel) and its continuations (in its thread)."""
    posted = standin.api_calls("chat.postMessage")[started:]
    [first] = [c for c in posted if c.body.get("blocks") and c.body["blocks"][0]["type"] == "header"]
    ts = next(m["ts"] for m in standin.messages if m["text"] == first.body["text"] and not m["thread_ts"])
    return first, [c for c in posted if c.body.get("thread_ts") == ts]


def test_rival_claims_from_two_sides_are_side_by_side_and_disputed(make_bot, standin):
    bot = make_bot()
    russian = _brief(bot, standin, story_fixture("ru_krasnoarmeysk.txt"), trigger="t.30")
    ukrainian = _brief(bot, standin, story_fixture("ua_pokrovsk.txt"), trigger="t.31")
    assert "*Contradicts* the brief of" in all_text(ukrainian)  # its "What's new" says so at once
    started = len(standin.api_calls("chat.postMessage"))
    assert bot.command("digest week", trigger="t.32").status_code == 200
    bot.settle(timeout=30)
    first, more = _digest_posts(standin, started)
    assert more == []  # a quiet week: one message
    [place] = [b for b in first.body["blocks"] if b.get("fields")]
    assert place["text"]["text"] == "_Pokrovsk (also Krasnoarmeysk) — DISPUTED: the sides' claims differ_"
    ukraine, russia = (f["text"] for f in place["fields"])  # two columns: Slack shows fields side by side
    assert ukraine.startswith("*Ukrainian side*\n• Ukraine's General Staff:")
    assert russia.startswith("*Russian side*\n• Russia's Defence Ministry:")
    assert _permalink(ukrainian.body["ts"]) in ukraine and _permalink(russian.body["ts"]) in russia
    assert _permalink(russian.body["ts"]) not in ukraine


def test_a_busy_months_digest_goes_on_in_its_thread_within_slacks_limits_and_attaches_the_whole(make_bot, standin):
    from bot.store import open_store

    bot = make_bot()
    clock = WallClock(days_ago=29)
    with open_store(str(Path(os.environ["BRIEFBOT_DATA_DIR"]) / "briefbot.db"), clock=clock) as store:
        posted = post_editions(
            store, briefed_fixtures(story=True), editions=4, clock=clock, channel=CHANNEL, workspace=ss.TEAM_ID
        )
    started = len(standin.api_calls("chat.postMessage"))
    assert bot.command("digest 30d", trigger="t.40").status_code == 200
    bot.settle(timeout=60)
    assert standin.rejected == []  # every message within Slack's block, section and message limits
    first, more = _digest_posts(standin, started)
    messages = [first, *more]
    assert 1 < len(messages) <= 4 and all(len(m.body["blocks"]) <= 50 for m in messages)
    assert all(len(all_text(m)) < 40_000 for m in messages)
    assert [
        m.body["blocks"][0]["elements"][0]["text"].endswith(f"part {n} of {len(messages)}")
        for n, m in enumerate(more, start=2)
    ] == [True] * len(more)
    assert "the full digest, every line with all its thread links, is the file `briefbot-digest-30d.md`" in all_text(
        messages[-1]
    )
    # Every item line shown in chat links to a thread.
    shown = [
        line
        for m in messages
        for b in m.body["blocks"]
        if b["type"] == "section"
        for line in [b["text"]["text"], *(f["text"] for f in b.get("fields", []))]
    ]
    item_lines = [x for text in shown for x in text.split("\n") if x.startswith(("- ", "• "))]
    assert len(item_lines) > 100 and all(f"<https://acme.slack.com/archives/{CHANNEL}/p" in x for x in item_lines)

    # The chart and the whole digest, uploaded together into the digest's thread.
    [complete] = standin.api_calls("files.completeUploadExternal")
    assert complete.body["thread_ts"] == more[0].body["thread_ts"]
    names = {u["filename"]: u for u in standin.uploads.values()}
    assert set(names) == {"briefbot-digest-30d.png", "briefbot-digest-30d.md"}
    full = names["briefbot-digest-30d.md"]["data"].decode()
    lines = full.splitlines()
    threads = {thread for thread, _ in posted}
    assert len(threads) == len(posted)
    for figure, url in expected_lines(posted, lambda t: _permalink(t)):
        assert any(figure in line and f"({url})" in line for line in lines), (figure, url)
    for thread in threads:  # every brief with items is linked from the file
        assert _permalink(thread) in full or not any(i.brief.item_count() for t, i in posted if t == thread)


def test_the_standin_refuses_what_slack_refuses():
    def section(n: int) -> dict:
        return {"type": "section", "text": {"type": "mrkdwn", "text": "x" * n}}

    assert slack_message_problem({"text": "t", "blocks": [section(10)] * 50}) is None
    assert slack_message_problem({"blocks": [section(10)] * 51}).startswith("invalid_blocks")
    assert slack_message_problem({"blocks": [section(3001)]}).startswith("invalid_blocks")
    assert slack_message_problem({"blocks": [{**section(5), "fields": [{"type": "mrkdwn", "text": "y" * 2001}]}]})
    # The digest as one message of 48 full sections, as it was before it went on in its thread: refused.
    assert slack_message_problem({"blocks": [section(2900)] * 48}).startswith("msg_too_long")


def test_the_same_link_in_a_second_channel_is_briefed_once_even_when_the_page_changed(make_bot, standin):
    from urllib.parse import urlencode

    from bot.store import open_store

    bot = make_bot()
    url = standin.add_page("/news/air-defence.html", e2e.ARTICLE_HTML)
    assert bot.command(f"<{url}>", trigger="t.50").status_code == 200
    bot.settle(timeout=30)
    first = standin.api_calls("chat.update")[-1]
    # By the time it is posted in another channel, the page carries an update line: other text, same article.
    standin.add_page(
        "/news/air-defence.html",
        e2e.ARTICLE_HTML.replace(
            "<article>", "<article><p>Updated at 10:42 GMT with reaction from Kyiv officials today.</p>"
        ),
    )
    form = {
        "token": "x",
        "team_id": ss.TEAM_ID,
        "channel_id": "C0OTHER",
        "user_id": USER,
        "command": "/brief",
        "text": f"<{url}>",
        "api_app_id": "A0001",
        "response_url": standin.base_url + "/response",
        "trigger_id": "t.51",
    }
    before = len(standin.api_calls("chat.update"))
    assert bot.post(urlencode(form), content_type="application/x-www-form-urlencoded").status_code == 200
    bot.settle(timeout=30)
    second = standin.api_calls("chat.update")[before:][-1]
    assert second.body["channel"] == "C0OTHER"
    assert "Also briefed in another channel" in all_text(second) and _permalink(first.body["ts"]) in all_text(second)
    # The same brief (the first one's blocks), with the "What's new" section that links the first thread.
    assert [b for b in second.body["blocks"] if "What's new" not in json.dumps(b)] == first.body["blocks"]
    with open_store(str(Path(os.environ["BRIEFBOT_DATA_DIR"]) / "briefbot.db")) as store, store.db.session() as s:
        assert s.one("SELECT COUNT(*) FROM articles") == (1,)  # one article, briefed once, in two threads
        assert s.one("SELECT COUNT(DISTINCT brief_json) FROM threads") == (1,)
        assert s.one("SELECT COUNT(*) FROM threads") == (2,)
