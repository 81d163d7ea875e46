"""Socket Mode dispatch and the multi-workspace OAuth install, against the stand-in Slack Web API."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.config import load_settings
from bot.errors import ConfigError
from bot.slack import asgi_app, close_app, create_app, pool_of, socket_mode_handler
from standins import slack_api as ss

ARTICLE = (
    "Ukraine receives new aid\n\nThe United States announced a new $125 million military aid package for "
    "Ukraine on Tuesday, including air defence interceptors.\n\nThe European Union imposed sanctions on 45 "
    "companies in China accused of supplying drone parts to Russia."
)


class Recorder:
    """Stands in for the websocket side of SocketModeClient: records the acks Bolt sends back."""

    def __init__(self) -> None:
        self.acks: list[Any] = []
        self.logger = logging.getLogger("socket-mode-recorder")

    def send_socket_mode_response(self, response: Any) -> None:
        self.acks.append(response)


@pytest.fixture
def env(tmp_path, monkeypatch) -> Iterator[ss.SlackStandin]:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "BRIEFBOT_CONFIG",
        "DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path))
    with ss.SlackStandin() as standin:
        monkeypatch.setenv("SLACK_API_URL", standin.api_url)
        yield standin
    assert standin.rejected == [], f"Slack would refuse these messages: {standin.rejected}"


def _service(tmp_path: Any, settings: Any) -> Any:
    from bot.service import BriefService
    from bot.store import open_store

    return BriefService(settings=settings, store=open_store(str(tmp_path / "briefbot.db")), llm=None)


def _wait_idle(app: Any) -> None:
    deadline = time.monotonic() + 10
    time.sleep(0.05)
    while not pool_of(app).idle():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_socket_mode_handler_dispatches_events_and_commands(tmp_path, env, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-socket")
    settings = load_settings({})
    # No signing secret: Socket Mode requests arrive over an authenticated websocket instead.
    app = create_app(settings=settings, service=_service(tmp_path, settings), socket_mode=True)
    try:
        handler = socket_mode_handler(app, "xapp-1-test")
        assert handler.client.web_client.base_url == env.api_url
        recorder = Recorder()
        event = {
            "type": "event_callback",
            "team_id": ss.TEAM_ID,
            "event_id": "EvSock1",
            "event": {
                "type": "app_mention",
                "channel": "C1",
                "user": "U1",
                "ts": "1800000000.000001",
                "text": f"<@{ss.BOT_USER_ID}> {ARTICLE}",
            },
        }
        handler.handle(recorder, SocketModeRequest(type="events_api", envelope_id="env-1", payload=event))
        command = {
            "command": "/brief",
            "text": "",
            "team_id": ss.TEAM_ID,
            "channel_id": "C1",
            "user_id": "U1",
            "trigger_id": "t1",
            "response_url": env.base_url + "/response",
        }
        handler.handle(recorder, SocketModeRequest(type="slash_commands", envelope_id="env-2", payload=command))
        _wait_idle(app)
        assert [a.envelope_id for a in recorder.acks] == ["env-1", "env-2"]
        assert "/brief" in json.dumps(recorder.acks[1].payload)  # usage shown for an empty command
        post = env.wait_for("chat.postMessage")[0]
        assert post.body["thread_ts"] == "1800000000.000001"
        assert post.headers["authorization"] == "Bearer xoxb-socket"
        assert "$125 million" in json.dumps(env.wait_for("chat.update", 2)[-1].body)
    finally:
        close_app(app)


def test_http_mode_needs_a_signing_secret(tmp_path, env, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    settings = load_settings({})
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        create_app(settings=settings, service=_service(tmp_path, settings))


def test_oauth_install_then_events_use_the_installed_token(tmp_path, env, monkeypatch):
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    settings = load_settings({})
    settings.slack.oauth = True
    app = create_app(settings=settings, service=_service(tmp_path, settings))
    with ss.UvicornThread(asgi_app(app)) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        page = http.get("/slack/install")
        assert page.status_code == 200
        state = re.search(r"state=([\w-]+)", page.text)
        assert state and "slack.com/oauth/v2/authorize" in page.text and "client_id=111.222" in page.text
        cookie = page.headers["set-cookie"].split(";", 1)[0]
        done = http.get(f"/slack/oauth_redirect?code=code-1&state={state.group(1)}", headers={"Cookie": cookie})
        assert done.status_code == 200, done.text
        assert env.api_calls("oauth.v2.access")

        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": ss.TEAM_ID,
                "event_id": "EvOAuth1",
                "event": {
                    "type": "app_mention",
                    "channel": "C1",
                    "user": "U1",
                    "ts": "1800000000.000002",
                    "text": f"<@{ss.BOT_USER_ID}> {ARTICLE}",
                },
            }
        )
        resp = http.post("/slack/events", content=body, headers=ss.signed_headers("s3cret", body))
        assert resp.status_code == 200
        post = env.wait_for("chat.postMessage")[0]
        assert post.headers["authorization"] == "Bearer xoxb-installed-token"


def test_manifest_declares_what_the_bot_handles():
    import yaml

    from bot.paths import resource_dir
    from bot.slack.app import BOT_SCOPES

    manifest = yaml.safe_load((resource_dir("config") / "slack-manifest.yaml").read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/brief"]
    assert manifest["features"]["shortcuts"][0]["callback_id"] == "brief_message"
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_mention", "message.channels", "app_home_opened"} <= set(events)
    assert all(
        u.endswith("/slack/events")
        for u in [
            manifest["settings"]["event_subscriptions"]["request_url"],
            manifest["settings"]["interactivity"]["request_url"],
        ]
    )
