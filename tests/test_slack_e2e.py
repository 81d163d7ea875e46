"""The Slack bot end to end over HTTP: signed requests into the real ASGI app under uvicorn, the bot's
Slack calls going to a recording stand-in Web API, articles served from 127.0.0.1, the offline engine."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from bot.config import Settings, load_settings
from bot.slack import asgi_app, close_app, create_app, pool_of
from standins import slack_api as ss

SECRET = "test-signing-secret"
CHANNEL = "C0NEWS"
USER = "U0ANALYST"

ARTICLE = """Allies pledge more air defence for Ukraine

The United States announced a new $125 million military aid package for Ukraine on Tuesday, \
including air defence interceptors and artillery shells.

Germany said it would deliver two more IRIS-T systems before winter, a spokesman for the defence \
ministry told reporters.

The European Union imposed sanctions on 45 companies in China and Iran accused of supplying drone \
parts to Russia.

Ukraine's military said its forces had recaptured the village of Robotyne after heavy fighting. \
Russia's defence ministry denied that claim, saying its troops still held positions near the village.
"""

ARTICLE_HTML = (
    "<html><head><title>Allies pledge more air defence for Ukraine</title></head><body><article>"
    "<h1>Allies pledge more air defence for Ukraine</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    + "</article></body></html>"
)


@dataclass
class Bot:
    standin: ss.SlackStandin
    http: httpx.Client
    settings: Settings
    app: Any

    def post(
        self,
        body: str,
        *,
        content_type: str = "application/json",
        secret: str = SECRET,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        signed = ss.signed_headers(secret, body, timestamp=timestamp, content_type=content_type)
        return self.http.post("/slack/events", content=body, headers={**signed, **(headers or {})})

    def event(self, event: dict[str, Any], *, event_id: str, headers: dict[str, str] | None = None) -> httpx.Response:
        body = {
            "token": "x",
            "team_id": ss.TEAM_ID,
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": ss.TEAM_ID, "user_id": ss.BOT_USER_ID, "is_bot": True}],
        }
        return self.post(json.dumps(body), headers=headers)

    def command(self, text: str, *, trigger: str = "13345224609.738474920.8088930838d88f008e0") -> httpx.Response:
        form = {
            "token": "x",
            "team_id": ss.TEAM_ID,
            "team_domain": "acme",
            "channel_id": CHANNEL,
            "channel_name": "news",
            "user_id": USER,
            "user_name": "analyst",
            "command": "/brief",
            "text": text,
            "api_app_id": "A0001",
            "response_url": self.standin.base_url + "/response",
            "trigger_id": trigger,
        }
        return self.post(urlencode(form), content_type="application/x-www-form-urlencoded")

    def shortcut(self, message: dict[str, Any]) -> httpx.Response:
        payload = {
            "type": "message_action",
            "callback_id": "brief_message",
            "trigger_id": "1.2.3",
            "team": {"id": ss.TEAM_ID, "domain": "acme"},
            "user": {"id": USER, "name": "analyst"},
            "channel": {"id": CHANNEL, "name": "news"},
            "message_ts": message["ts"],
            "message": message,
            "response_url": self.standin.base_url + "/response",
            "token": "x",
        }
        return self.post(urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded")

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until the worker pool has nothing left to do."""
        deadline = time.monotonic() + timeout
        time.sleep(0.05)
        while not pool_of(self.app).idle():
            assert time.monotonic() < deadline, "workers did not finish"
            time.sleep(0.02)


def message(text: str, *, ts: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel": CHANNEL,
        "user": USER,
        "text": text,
        "ts": ts,
        "channel_type": "channel",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def mention(text: str, *, ts: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        **message(f"<@{ss.BOT_USER_ID}> {text}", ts=ts, thread_ts=thread_ts, **extra),
        "type": "app_mention",
    }


@pytest.fixture
def standin() -> Iterator[ss.SlackStandin]:
    with ss.SlackStandin() as server:
        yield server
    # Every message the bot sent is one Slack accepts (Block Kit and message size limits).
    assert server.rejected == [], f"Slack would refuse these messages: {server.rejected}"


@pytest.fixture
def make_bot(tmp_path, monkeypatch, standin) -> Iterator[Any]:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_APP_TOKEN",
        "BRIEFBOT_CONFIG",
        "DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SLACK_API_URL", standin.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    started: list[tuple[Any, Any, Any]] = []

    def make(**slack: Any) -> Bot:
        from bot.service import BriefService
        from bot.store import open_store

        settings = load_settings({"BRIEFBOT_FETCH_ALLOW_HOSTS": "127.0.0.1"})
        for key, value in slack.items():
            setattr(settings.slack, key, value)
        store = open_store(str(tmp_path / "briefbot.db"))
        app = create_app(settings=settings, service=BriefService(settings=settings, store=store, llm=None))
        server = ss.UvicornThread(asgi_app(app)).__enter__()
        http = httpx.Client(base_url=server.url, timeout=10)
        started.append((server, http, store))
        return Bot(standin=standin, http=http, settings=settings, app=app)

    yield make
    for server, http, store in started:
        http.close()
        server.__exit__(None, None, None)
        store.close()


def texts(calls: list[ss.Call]) -> list[str]:
    return [str(c.body.get("text", "")) for c in calls]


def all_text(call: ss.Call) -> str:
    """Everything a user can read in a posted message: fallback text and every block's text."""
    return call.body.get("text", "") + json.dumps(call.body.get("blocks") or [], ensure_ascii=False)


# -- /brief -------------------------------------------------------------------------------------------


def test_brief_command_acks_posts_placeholder_then_brief_and_answers_in_its_thread(make_bot, standin):
    bot = make_bot()
    url = standin.add_page("/news/air-defence.html", ARTICLE_HTML)
    started = time.monotonic()
    resp = bot.command(f"<{url}>")
    assert resp.status_code == 200
    assert time.monotonic() - started < 1.0
    bot.settle()

    placeholder = standin.wait_for("chat.postMessage")[0]
    assert placeholder.body["channel"] == CHANNEL
    assert "thread_ts" not in placeholder.body  # a new message in the channel
    assert placeholder.body["text"].startswith("Briefing *")
    assert placeholder.headers["authorization"] == "Bearer xoxb-test-token"
    updates = standin.api_calls("chat.update")
    assert updates[-1].body["channel"] == CHANNEL
    assert any("Briefing *Allies pledge more air defence for Ukraine*" in t for t in texts(updates))
    final = updates[-1]
    assert final.body["blocks"][0]["type"] == "header"
    assert "Allies pledge more air defence" in final.body["blocks"][0]["text"]["text"]
    assert "$125 million" in all_text(final)
    assert final.body["text"]  # plain-text fallback

    # The brief's message is the thread root: a reply there is answered from the article, with quotes.
    thread_ts = final.body["ts"]
    assert all(u.body["ts"] == thread_ts for u in updates)  # updated in place, never reposted
    bot.event(
        message("How much aid did the US announce?", ts="1800000000.000100", thread_ts=thread_ts),
        event_id="EvQ1",
    )
    bot.settle()
    answers = [c for c in standin.api_calls("chat.postMessage") if c.body.get("thread_ts") == thread_ts]
    assert len(answers) == 1
    assert "125 million" in all_text(answers[0])
    assert "“" in answers[0].body["text"]  # quoted from the article


def test_brief_command_without_text_shows_usage(make_bot, standin):
    bot = make_bot()
    resp = bot.command("  ")
    assert resp.status_code == 200
    assert "/brief" in resp.text
    bot.settle()
    assert standin.api_calls("chat.postMessage") == []


def test_brief_command_with_pasted_text(make_bot, standin):
    bot = make_bot()
    assert bot.command(ARTICLE.replace("&", "&amp;")).status_code == 200
    bot.settle()
    final = standin.api_calls("chat.update")[-1]
    assert "$125 million" in all_text(final)


# -- mentions: link, text, file -------------------------------------------------------------------------


def test_mention_with_slack_link_markup_briefs_in_that_thread(make_bot, standin):
    bot = make_bot()
    url = standin.add_page("/news/a.html", ARTICLE_HTML)
    link = url + "?utm_source=x&amp;ref=slack"
    bot.event(mention(f"please brief <{link}|this story>", ts="1800000000.000200"), event_id="EvM1")
    bot.settle()
    posts = standin.api_calls("chat.postMessage")
    assert posts[0].body["thread_ts"] == "1800000000.000200"
    assert posts[0].body["text"].startswith("Briefing *")
    page_hits = [c for c in standin.calls if c.path == "/news/a.html"]
    assert page_hits and page_hits[0].body == {"utm_source": "x", "ref": "slack"}  # &amp; understood
    final = standin.api_calls("chat.update")[-1]
    assert "Sanctions" in all_text(final) and "45 companies" in all_text(final)


def test_mention_with_pasted_text_briefs_in_thread(make_bot, standin):
    bot = make_bot()
    bot.event(mention(ARTICLE, ts="1800000000.000300"), event_id="EvM2")
    bot.settle()
    assert standin.api_calls("chat.postMessage")[0].body["thread_ts"] == "1800000000.000300"
    assert "Robotyne" in all_text(standin.api_calls("chat.update")[-1])


@pytest.mark.parametrize(
    ("name", "mimetype", "data"),
    [
        ("report.txt", "text/plain", ARTICLE.encode()),
        ("report.html", "text/html", ARTICLE_HTML.encode()),
    ],
)
def test_uploaded_file_is_downloaded_with_the_token_and_briefed(make_bot, standin, name, mimetype, data):
    bot = make_bot()
    file = standin.add_file("F0001", data, name=name, mimetype=mimetype)
    event = mention("", ts="1800000000.000400", files=[file], subtype="file_share")
    bot.event(event, event_id="EvF1")
    bot.settle()
    downloads = standin.file_calls()
    assert downloads and downloads[0].headers["authorization"] == "Bearer xoxb-test-token"
    assert "$125 million" in all_text(standin.api_calls("chat.update")[-1])


def test_file_known_only_by_id_is_looked_up_with_files_info(make_bot, standin):
    bot = make_bot()
    standin.add_file("F0002", ARTICLE.encode(), name="note.txt", mimetype="text/plain")
    bot.event(
        mention("", ts="1800000000.000450", files=[{"id": "F0002", "file_access": "check_file_info"}]),
        event_id="EvF2",
    )
    bot.settle()
    assert standin.api_calls("files.info")
    assert "$125 million" in all_text(standin.api_calls("chat.update")[-1])


def test_unsupported_and_oversized_files_get_plain_messages(make_bot, standin):
    bot = make_bot()
    png = standin.add_file("F0003", b"\x89PNG\r\n\x1a\n" + bytes(200), name="map.png", mimetype="image/png")
    bot.event(mention("", ts="1800000000.000460", files=[png]), event_id="EvF3")
    big = standin.add_file("F0004", b"x", name="big.txt", mimetype="text/plain")
    big["size"] = bot.settings.input.max_file_bytes + 1
    bot.event(mention("", ts="1800000000.000470", files=[big]), event_id="EvF4")
    bot.settle()
    final = {c.body["ts"]: c.body for c in standin.api_calls("chat.update")}
    messages = [b["text"] for b in final.values() if "blocks" not in b]
    assert any("too large" in m for m in messages)
    assert len(messages) == 2
    for m in messages:
        assert "Traceback" not in m and len(m) < 200


class _Trap:
    """An HTTP server on a loopback address that records every request (and may redirect)."""

    def __init__(self, host: str, *, redirect_to: str | None = None) -> None:
        import http.server
        import threading

        self.requests: list[dict[str, str]] = []
        trap = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                trap.requests.append({k.lower(): v for k, v in self.headers.items()} | {"path": self.path})
                if redirect_to:
                    self.send_response(302)
                    self.send_header("Location", redirect_to)
                    self.end_headers()
                    return
                body = ARTICLE.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _file_at(url: str, file_id: str) -> dict[str, Any]:
    return {
        "id": file_id,
        "name": "report.txt",
        "title": "report.txt",
        "mimetype": "text/plain",
        "filetype": "text",
        "size": len(ARTICLE),
        "url_private": url,
        "url_private_download": url,
    }


@pytest.mark.parametrize("where", ["other-loopback", "other-port", "redirect-to-private"])
def test_a_file_outside_slack_is_never_fetched_nor_sent_the_token(make_bot, standin, where):
    """A file object naming 127.0.0.2, another port of the API host, or a Slack file that redirects into a
    private address: nothing reaches the private server, no token leaves, the thread gets a plain note."""
    bot = make_bot()
    trap = _Trap("127.0.0.2" if where != "other-port" else "127.0.0.1")
    try:
        if where == "redirect-to-private":
            standin.served["/files/F0R/report.txt"] = ss.Served(b"", "text/plain", 302, trap.url + "/x")
            file = _file_at(standin.base_url + "/files/F0R/report.txt", "F0R")
        else:
            file = _file_at(trap.url + "/files/F0X/report.txt", "F0X")
        bot.event(mention("", ts="1800000000.000480", files=[file]), event_id=f"EvSSRF-{where}")
        bot.settle()
        assert trap.requests == []
        final = standin.api_calls("chat.update")[-1].body
        assert "$125 million" not in all_text(standin.api_calls("chat.update")[-1])
        assert "Traceback" not in final["text"] and len(final["text"]) < 200
        assert "Slack" in final["text"] or "private network" in final["text"]
    finally:
        trap.close()


def test_the_token_goes_only_to_the_files_origin_not_along_a_redirect(make_bot, standin):
    """A Slack file redirecting to another origin that is allowed (here: allow-listed) is fetched without
    the bot token."""
    bot = make_bot()
    bot.settings.fetch.allow_hosts.append("127.0.0.2")
    trap = _Trap("127.0.0.2")
    try:
        standin.served["/files/F0T/report.txt"] = ss.Served(b"", "text/plain", 302, trap.url + "/cdn")
        bot.event(
            mention("", ts="1800000000.000490", files=[_file_at(standin.base_url + "/files/F0T/report.txt", "F0T")]),
            event_id="EvTok",
        )
        bot.settle()
        assert standin.file_calls()[0].headers["authorization"] == "Bearer xoxb-test-token"
        assert len(trap.requests) == 1 and "authorization" not in trap.requests[0]
        assert "$125 million" in all_text(standin.api_calls("chat.update")[-1])
    finally:
        trap.close()


# -- one answer per user action -----------------------------------------------------------------------


def test_retried_event_is_answered_once_but_a_retry_whose_original_was_lost_is_answered(make_bot, standin):
    bot = make_bot()
    event = mention(ARTICLE, ts="1800000000.000500")
    bot.event(event, event_id="EvR1")
    bot.event(event, event_id="EvR1", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    bot.event(event, event_id="EvR1", headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"})
    # Only the retry of this one ever arrives: it must still be answered.
    bot.event(
        mention(ARTICLE, ts="1800000000.000600"),
        event_id="EvR2",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"},
    )
    bot.settle()
    threads = [c.body.get("thread_ts") for c in standin.api_calls("chat.postMessage")]
    assert sorted(threads) == ["1800000000.000500", "1800000000.000600"]


def test_mention_in_a_brief_thread_answers_once_for_the_app_mention_and_message_pair(make_bot, standin):
    bot = make_bot()
    bot.event(mention(ARTICLE, ts="1800000000.000700"), event_id="EvP0")
    bot.settle()
    question = f"<@{ss.BOT_USER_ID}> Who imposed sanctions on companies in China?"
    reply = {
        "channel": CHANNEL,
        "user": USER,
        "text": question,
        "ts": "1800000000.000800",
        "thread_ts": "1800000000.000700",
    }
    bot.event({**reply, "type": "app_mention"}, event_id="EvP1")
    bot.event({**reply, "type": "message", "channel_type": "channel"}, event_id="EvP2")
    bot.settle()
    answers = [
        c
        for c in standin.api_calls("chat.postMessage")
        if c.body.get("thread_ts") == "1800000000.000700" and not c.body["text"].startswith("Briefing")
    ]
    assert len(answers) == 1
    assert "European Union" in all_text(answers[0])


def test_bot_messages_edits_and_deletions_are_ignored(make_bot, standin):
    bot = make_bot()
    bot.event(mention(ARTICLE, ts="1800000000.000900"), event_id="EvI0")
    bot.settle()
    before = len(standin.api_calls())
    thread = "1800000000.000900"
    ignored = [
        message(
            "What about Germany?",
            ts="1800000000.001000",
            thread_ts=thread,
            bot_id="B0OTHER",
            subtype="bot_message",
        ),
        message(
            "What about Germany?",
            ts="1800000000.001001",
            thread_ts=thread,
            user=ss.BOT_USER_ID,
            bot_id=ss.BOT_ID,
        ),
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "ts": "1800000000.001002",
            "message": {
                "text": "What about Germany?",
                "user": USER,
                "ts": "1800000000.000950",
                "thread_ts": thread,
                "edited": {"user": USER, "ts": "1800000000.001002"},
            },
        },
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": CHANNEL,
            "ts": "1800000000.001003",
            "deleted_ts": "1800000000.000950",
            "previous_message": {"text": "x", "user": USER},
        },
        mention(f"brief <{standin.base_url}/nothing>", ts="1800000000.001004", bot_id="B0OTHER"),
    ]
    for i, event in enumerate(ignored):
        assert bot.event(event, event_id=f"EvI{i + 1}").status_code == 200
    bot.settle()
    assert len(standin.api_calls()) == before


def test_same_link_twice_in_a_channel_points_to_the_earlier_thread(make_bot, standin):
    bot = make_bot()
    url = standin.add_page("/news/dup.html", ARTICLE_HTML)
    bot.event(mention(f"<{url}>", ts="1800000000.001100"), event_id="EvD1")
    bot.settle()
    briefs = len(standin.api_calls("chat.update"))
    # Same article, different tracking parameters: still the same canonical link.
    bot.event(mention(f"<{url}?utm_campaign=x>", ts="1800000000.001200"), event_id="EvD2")
    bot.settle()
    reply = standin.api_calls("chat.postMessage")[-1]
    assert reply.body["thread_ts"] == "1800000000.001200"
    assert "already briefed" in reply.body["text"]
    earlier = standin.api_calls("chat.postMessage")[0].body  # the first brief's placeholder
    assert "acme.slack.com/archives/C0NEWS/p" in reply.body["text"]
    assert earlier["thread_ts"] == "1800000000.001100"
    assert len(standin.api_calls("chat.update")) == briefs  # no second brief
    assert len([c for c in standin.calls if c.path == "/news/dup.html"]) == 1  # not even fetched again


def test_pruning_finished_jobs_keeps_the_pointer_to_the_earlier_thread(make_bot, standin):
    """Old finished jobs are removed by the hourly sweep; the brief, its thread and the pointer stay."""
    bot = make_bot()
    store = pool_of(bot.app).store
    url = standin.add_page("/news/pruned.html", ARTICLE_HTML)
    bot.event(mention(f"<{url}>", ts="1800000000.001150"), event_id="EvP1")
    bot.settle()
    [job] = [j for j in (store.get_job(n) for n in range(1, 20)) if j is not None]
    assert job.status == "done"
    assert store.prune_jobs(0) == 1 and store.get_job(job.id) is None
    bot.event(mention(f"<{url}>", ts="1800000000.001160"), event_id="EvP2")
    bot.settle()
    reply = standin.api_calls("chat.postMessage")[-1]
    assert reply.body["thread_ts"] == "1800000000.001160" and "already briefed" in reply.body["text"]
    assert len([c for c in standin.calls if c.path == "/news/pruned.html"]) == 1  # not fetched, not briefed again


def test_same_link_posted_twice_at_the_same_moment_is_briefed_once(make_bot, standin):
    """Two people post one link at once: one brief; the other message gets a pointer to its thread."""
    bot = make_bot()
    standin.delay_s = 0.2  # both jobs are under way before either has saved the article
    url = standin.add_page("/news/race.html", ARTICLE_HTML)
    bot.event(mention(f"<{url}>", ts="1800000000.001250"), event_id="EvRace1")
    bot.event(mention(f"<{url}?utm_source=x>", ts="1800000000.001260"), event_id="EvRace2")
    bot.settle(timeout=40)
    briefs = [c for c in standin.api_calls("chat.update") if "$125 million" in all_text(c)]
    assert len({c.body["ts"] for c in briefs}) == 1
    pointers = [c for c in standin.api_calls("chat.postMessage") if "already briefed" in str(c.body.get("text"))]
    assert len(pointers) == 1
    assert len([c for c in standin.calls if c.path == "/news/race.html"]) == 1


def test_auto_brief_channel_briefs_links_and_other_channels_stay_quiet(make_bot, standin):
    bot = make_bot(auto_brief_channels=[CHANNEL])
    url = standin.add_page("/news/auto.html", ARTICLE_HTML)
    bot.event(message(f"Morning read: <{url}>", ts="1800000000.001300"), event_id="EvA1")
    bot.event({**message(f"<{url}>", ts="1800000000.001400"), "channel": "C0OTHER"}, event_id="EvA2")
    bot.event(message("no links here, just chatting", ts="1800000000.001500"), event_id="EvA3")
    bot.settle()
    posts = standin.api_calls("chat.postMessage")
    assert [(p.body["channel"], p.body["thread_ts"]) for p in posts] == [(CHANNEL, "1800000000.001300")]
    assert "$125 million" in all_text(standin.api_calls("chat.update")[-1])


def test_message_shortcut_briefs_the_message_in_its_thread(make_bot, standin):
    bot = make_bot()
    msg = {"type": "message", "user": "U0OTHER", "text": ARTICLE, "ts": "1800000000.001600"}
    assert bot.shortcut(msg).status_code == 200
    bot.settle()
    posts = standin.api_calls("chat.postMessage")
    assert posts[0].body["thread_ts"] == "1800000000.001600"
    assert "Robotyne" in all_text(standin.api_calls("chat.update")[-1])


# -- signatures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["bad", "stale", "missing"])
def test_bad_or_stale_signature_gets_401_and_does_nothing(make_bot, standin, how):
    bot = make_bot()
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": ss.TEAM_ID,
            "event_id": "EvS1",
            "event": mention(ARTICLE, ts="1800000000.001700"),
        }
    )
    if how == "bad":
        resp = bot.post(body, secret="not-the-secret")
    elif how == "stale":
        resp = bot.post(body, timestamp=int(time.time()) - 10 * 60)
    else:
        resp = bot.http.post("/slack/events", content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 401
    bot.settle()
    assert [c.api for c in standin.api_calls() if c.api != "auth.test"] == []
    assert pool_of(bot.app).store.pending_jobs() == []
    # And the same body, properly signed, is accepted: the 401 was about the signature alone.
    assert bot.post(body).status_code == 200


@pytest.mark.parametrize("body", ["{not json", "payload=%7Bbroken", "\xff\xfe garbage"])
def test_unsigned_malformed_bodies_get_401_without_a_traceback(make_bot, standin, body):
    """Garbage without a signature is refused before anything parses it (it used to be a 500)."""
    bot = make_bot()
    resp = bot.http.post(
        "/slack/events", content=body.encode("utf-8", "surrogateescape"), headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 401
    assert "Traceback" not in resp.text and len(resp.text) < 100


def test_signed_malformed_body_gets_a_plain_400(make_bot, standin):
    bot = make_bot()
    resp = bot.post("{not json")
    assert resp.status_code in (400, 401)  # Bolt may itself reject what it cannot read
    assert "Traceback" not in resp.text


@pytest.mark.parametrize("declared", [True, False])
def test_oversized_bodies_are_refused_unread(make_bot, standin, declared):
    """A 5 MB unsigned body gets 413: with Content-Length before reading, chunked after 1 MB at most."""
    bot = make_bot()
    size = 5_000_000
    if declared:
        resp = bot.http.post("/slack/events", content=b"x" * size, headers={"Content-Type": "application/json"})
    else:

        def chunks():
            for _ in range(size // 65_536):
                yield b"x" * 65_536

        resp = bot.http.post("/slack/events", content=chunks(), headers={"Content-Type": "application/json"})
    assert resp.status_code == 413
    assert bot.http.get("/healthz").json() == {"ok": True}


# -- errors -------------------------------------------------------------------------------------------


def test_unreachable_link_and_ssrf_refusal_are_reported_in_the_thread(make_bot, standin):
    bot = make_bot()
    bot.event(mention(f"<{standin.base_url}/gone.html>", ts="1800000000.001800"), event_id="EvE1")
    bot.event(mention("<http://127.0.0.2:9/secret>", ts="1800000000.001900"), event_id="EvE2")
    bot.settle()
    updates = {c.body["ts"]: c.body["text"] for c in standin.api_calls("chat.update")}
    posted = {p.body["thread_ts"]: p for p in standin.api_calls("chat.postMessage")}
    assert set(posted) == {"1800000000.001800", "1800000000.001900"}
    final_texts = list(updates.values())
    assert any("private network" in t for t in final_texts)
    assert len(final_texts) == 2
    for text in final_texts:
        assert "Traceback" not in text and "\n" not in text and len(text) < 200


def test_mention_with_nothing_to_brief_gets_a_hint(make_bot, standin):
    bot = make_bot()
    bot.event(mention("", ts="1800000000.002000"), event_id="EvH1")
    bot.settle()
    hint = standin.wait_for("chat.postEphemeral")[0]
    assert hint.body["user"] == USER and "link" in hint.body["text"]


# -- policy, App Home, durability -----------------------------------------------------------------------


def test_rate_limit_answers_politely(make_bot, standin):
    bot = make_bot(rate_limit_per_user_per_hour=1)
    bot.event(mention(ARTICLE, ts="1800000000.002100"), event_id="EvL1")
    bot.event(mention(ARTICLE + "\nMore.", ts="1800000000.002200"), event_id="EvL2")
    resp = bot.command(ARTICLE, trigger="t-limit")
    bot.settle()
    assert "limit" in resp.text
    notes = standin.wait_for("chat.postEphemeral")
    assert "limit of 1 requests per hour" in notes[0].body["text"]
    assert len(standin.api_calls("chat.postMessage")) == 1


def test_allow_lists_keep_the_bot_out_of_other_channels(make_bot, standin):
    bot = make_bot(allowed_channels=["C0ELSEWHERE"])
    resp = bot.command(ARTICLE)
    assert "not enabled" in resp.text
    bot.event(message(f"<@{ss.BOT_USER_ID}> hi", ts="1800000000.002300"), event_id="EvW1")
    bot.settle()
    assert standin.api_calls("chat.postMessage") == []


def test_app_home_lists_latest_briefs_with_thread_links(make_bot, standin):
    bot = make_bot()
    bot.event(mention(ARTICLE, ts="1800000000.002400"), event_id="EvHo1")
    bot.settle()
    bot.event({"type": "app_home_opened", "user": USER, "channel": "D0HOME", "tab": "home"}, event_id="EvHo2")
    bot.settle()
    view = standin.wait_for("views.publish")[0].body
    assert view["user_id"] == USER
    text = json.dumps(view["view"])
    assert "Allies pledge more air defence" in text
    assert "https://acme.slack.com/archives/C0NEWS/p" in text


def test_acknowledged_job_lost_to_a_crash_is_finished_after_restart(tmp_path, make_bot, standin):
    from bot.chat import BRIEF, BriefRequest, Where
    from bot.store import open_store

    # A previous process acknowledged this mention and died before doing the work.
    with open_store(str(tmp_path / "briefbot.db")) as store:
        task = BriefRequest(
            where=Where(platform="slack", workspace=ss.TEAM_ID, channel=CHANNEL, user=USER),
            origin="mention",
            thread="1800000000.002500",
            text=ARTICLE,
        )
        store.enqueue_job(kind=BRIEF, payload=task.payload())
    bot = make_bot()
    standin.wait_for("chat.update", 2)
    bot.settle()
    assert standin.api_calls("chat.postMessage")[0].body["thread_ts"] == "1800000000.002500"
    assert pool_of(bot.app).store.pending_jobs() == []


def test_healthz(make_bot):
    bot = make_bot()
    assert bot.http.get("/healthz").json() == {"ok": True}


def test_close_app_stops_workers(make_bot):
    bot = make_bot()
    close_app(bot.app)
    with pytest.raises(KeyError):
        pool_of(bot.app)


def test_uploaded_pdf_is_briefed(make_bot, standin):
    import textwrap

    from fixtures.ingest.support import make_pdf

    lines: list[str] = []
    for paragraph in ARTICLE.split("\n\n")[1:]:
        lines += textwrap.wrap(paragraph, 80) + [""]
    pdf = make_pdf([lines], title="Allies pledge more air defence for Ukraine")
    bot = make_bot()
    file = standin.add_file("F0PDF", pdf, name="brief.pdf", mimetype="application/pdf", filetype="pdf")
    bot.event(mention("", ts="1800000000.002600", files=[file]), event_id="EvPdf")
    bot.settle()
    final = standin.api_calls("chat.update")[-1]
    assert "$125 million" in all_text(final)
    assert "Allies pledge more air defence" in final.body["blocks"][0]["text"]["text"]


def test_url_verification_challenge_is_answered(make_bot):
    bot = make_bot()
    resp = bot.post(json.dumps({"token": "x", "challenge": "ch4llenge", "type": "url_verification"}))
    assert resp.status_code == 200
    assert "ch4llenge" in resp.text


PAYWALL = (
    "<html><head><title>Subscribe</title></head><body><article><p>Subscribe to read this story.</p>"
    "<p>Already a subscriber? Log in.</p></article></body></html>"
)


def test_paywalled_or_empty_page_gets_a_plain_message(make_bot, standin):
    bot = make_bot()
    url = standin.add_page("/news/paywall.html", PAYWALL)
    bot.event(mention(f"<{url}>", ts="1800000000.002700"), event_id="EvPay")
    bot.settle()
    final = standin.api_calls("chat.update")[-1].body
    assert "blocks" not in final and "paywall" in final["text"] and len(final["text"]) < 200


def test_user_allow_list_keeps_others_out_with_a_private_note(make_bot, standin):
    bot = make_bot(allowed_users=["U0SOMEONEELSE"])
    resp = bot.command(ARTICLE)
    assert "not enabled" in resp.text
    bot.event(mention(ARTICLE, ts="1800000000.002800"), event_id="EvU1")
    bot.settle()
    note = standin.wait_for("chat.postEphemeral")[0]
    assert note.body["user"] == USER and "not enabled" in note.body["text"]
    assert standin.api_calls("chat.postMessage") == []
