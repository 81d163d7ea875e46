"""Slack Web API clients for workers: one per workspace, all pointed at ``SLACK_API_URL``.

Workers run outside Bolt's request context (possibly after a restart), so they look the bot token up
again: the single configured token, or the OAuth installation store. Tokens never go into job payloads.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"


def api_url(env: dict[str, str] | None = None) -> str:
    """``SLACK_API_URL`` with a trailing slash, as slack_sdk expects."""
    url = (env if env is not None else os.environ).get("SLACK_API_URL") or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def make_client(*, token: str | None, base_url: str, timeout_s: int = 15) -> WebClient:
    """A WebClient that retries Slack's 429s and dropped connections (the SDK's own handlers)."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=timeout_s,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=2),
        ],
    )


class Clients:
    """Find the WebClient for a workspace and remember what ``auth.test`` says about it."""

    def __init__(self, *, base_url: str, default: WebClient | None = None, installation_store: Any = None) -> None:
        self.base_url = base_url
        self._default = default
        self._installations = installation_store
        self._lock = threading.Lock()
        self._by_team: dict[str, WebClient] = {}
        self._workspace_urls: dict[str, str | None] = {}

    def for_team(self, team_id: str | None, enterprise_id: str | None = None) -> WebClient:
        """The bot's client for ``team_id``; raises ConfigError when the workspace has no installation."""
        if self._default is not None and self._default.token:
            return self._default
        key = f"{enterprise_id or ''}:{team_id or ''}"
        with self._lock:
            if key in self._by_team:
                return self._by_team[key]
        if self._installations is None:
            raise ConfigError("no Slack bot token (SLACK_BOT_TOKEN) and no OAuth installation store")
        bot = self._installations.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=False)
        if bot is None or not bot.bot_token:
            raise ConfigError(f"briefbot is not installed in workspace {team_id}")
        client = make_client(token=bot.bot_token, base_url=self.base_url)
        with self._lock:
            self._by_team[key] = client
        return client

    def workspace_url(self, client: WebClient, team_id: str | None) -> str | None:
        """``https://acme.slack.com/`` from ``auth.test``, cached per workspace (for thread links)."""
        key = team_id or ""
        with self._lock:
            if key in self._workspace_urls:
                return self._workspace_urls[key]
        try:
            url = client.auth_test().get("url")
        except SlackApiError as exc:
            log.warning("auth.test failed: %s", exc.response.get("error"))
            url = None
        with self._lock:
            self._workspace_urls[key] = url
        return url


def thread_link(workspace_url: str | None, channel: str, ts: str) -> str | None:
    """The permalink Slack would give for message ``ts`` (``…/archives/C…/p1700000000000100``)."""
    if not workspace_url:
        return None
    return f"{workspace_url.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"
