"""Slack outlets: how a brief or an answer from the chat workflow is shown in Slack.

A placeholder ("Briefing …") is posted at once and updated in place with the brief, a pointer or an
error. A job's posts carry its key in the message metadata, so a retry after a crash finds what it
already posted instead of posting again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.chat import AnswerRequest, BriefRequest, BriefThread, CannotPost, Download, Link, News, Progress, Where
from bot.config import Settings
from bot.errors import BriefbotError
from bot.models import Brief
from bot.qa import AnswerResult
from bot.render import slack as render
from bot.slack import files
from bot.slack.clients import Clients, thread_link
from bot.slack.digest import linker_for, with_whats_new

log = logging.getLogger(__name__)

JOB_EVENT = "briefbot_job"
NOT_INVITED = "I can't post in this channel yet. Invite me with `/invite @briefbot` and try again."


class Poster:
    """Slack Web API calls for one bot (every workspace it is installed in). Thread-safe."""

    def __init__(self, *, settings: Settings, clients: Clients, fetch_file: Callable[..., Download]) -> None:
        self.settings = settings
        self.clients = clients
        self.fetch_file = fetch_file  # ``ChatWorkflow.fetch_file``: the guarded download

    def client(self, where: Where) -> WebClient:
        return self.clients.for_team(where.workspace, where.enterprise_id)

    def notice(self, where: Where, thread: str | None, text: str) -> None:
        """A private note to the user (rate limit, not allowed here, nothing to brief)."""
        try:
            client = self.client(where)
        except BriefbotError:
            log.warning("no client for workspace %s", where.workspace)
            return
        self.ephemeral(client, where, thread, render.error_message(text))

    def post(
        self, client: WebClient, where: Where, thread: str | None, message: dict[str, Any], *, key: str | None = None
    ) -> str | None:
        # A job's posts carry its key in the message metadata, so a retry can find what it already posted.
        tag: dict[str, Any] = {"metadata": {"event_type": JOB_EVENT, "event_payload": {"job": key}}} if key else {}
        try:
            resp = client.chat_postMessage(
                channel=where.channel, thread_ts=thread, unfurl_links=False, unfurl_media=False, **tag, **message
            )
            return str(resp["ts"])
        except SlackApiError as exc:
            log.warning("chat.postMessage failed: %s", exc.response.get("error"))
            if message.get("blocks") and exc.response.get("error") in ("invalid_blocks", "msg_too_long"):
                return self.post(client, where, thread, {"text": message["text"]}, key=key)
            return None

    def find_own(self, where: Where, thread: str | None, key: str | None) -> str | None:
        """The ts of a message this job posted (tagged with ``key``) in the thread or the channel, if any."""
        if key is None:
            return None
        client = self.client(where)
        try:
            if thread:
                resp = client.conversations_replies(channel=where.channel, ts=thread, limit=200, include_all_metadata=True)
            else:
                resp = client.conversations_history(channel=where.channel, limit=100, include_all_metadata=True)
        except SlackApiError as exc:
            log.info("could not look for an earlier post: %s", exc.response.get("error"))
            return None
        for msg in resp.get("messages") or []:
            meta = msg.get("metadata") or {}
            if meta.get("event_type") == JOB_EVENT and (meta.get("event_payload") or {}).get("job") == key:
                return str(msg["ts"])
        return None

    def update(self, client: WebClient, channel: str, ts: str, message: dict[str, Any]) -> None:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as exc:
            log.warning("chat.update failed: %s", exc.response.get("error"))
            if message.get("blocks"):
                # Keep the user informed: the plain-text fallback always fits.
                self.update(client, channel, ts, {"text": message["text"]})

    def ephemeral(self, client: WebClient, where: Where, thread: str | None, message: dict[str, Any]) -> None:
        if not where.user:
            return
        try:
            client.chat_postEphemeral(channel=where.channel, user=where.user, thread_ts=thread, **message)
        except SlackApiError as exc:
            log.warning("chat.postEphemeral failed: %s", exc.response.get("error"))

    def permalink(self, client: WebClient, where: Where, earlier: BriefThread) -> str | None:
        ts = earlier.message or earlier.thread
        try:
            link = client.chat_getPermalink(channel=where.channel, message_ts=ts).get("permalink")
            if link:
                return str(link)
        except SlackApiError as exc:
            log.info("chat.getPermalink failed: %s", exc.response.get("error"))
        return thread_link(self.clients.workspace_url(client, where.workspace), where.channel, ts)


class BriefOut:
    """One brief request in Slack: a placeholder updated in place (``BriefOutlet``)."""

    def __init__(self, poster: Poster, req: BriefRequest, progress: Progress) -> None:
        self.poster, self.req, self.progress = poster, req, progress
        self.client = poster.client(req.where)
        self.placeholder: str | None = None

    def start(self, label: str, *, resume: str | None) -> str | None:
        if resume is None:
            resume = self._post_once(render.placeholder_message(label))
        if resume is None:
            self._not_invited()
            raise CannotPost("could not post in the channel")
        self.placeholder = resume
        return resume

    def _post_once(self, message: dict[str, Any]) -> str | None:
        """Post the job's placeholder, or find the one an attempt cut short by a crash already posted."""
        where, thread, key = self.req.where, self.req.thread, self.progress.key
        if self.progress.done().get("posting"):
            found = self.poster.find_own(where, thread, key)
            if found is not None:
                return found
        self.progress.mark(posting=True)
        return self.poster.post(self.client, where, thread, message, key=key)

    def _not_invited(self) -> None:
        """The bot can't post in the channel: tell the user privately, never stay silent."""
        url = self.req.reply.get("response_url")
        if url:
            try:
                from slack_sdk.webhook import WebhookClient

                WebhookClient(url).send(text=NOT_INVITED, response_type="ephemeral")
                return
            except Exception:  # the response_url may have expired; the ephemeral below is the last resort
                log.warning("response_url failed", exc_info=True)
        self.poster.ephemeral(self.client, self.req.where, self.req.thread, {"text": NOT_INVITED})

    def _show(self, message: dict[str, Any]) -> None:
        if self.placeholder:
            self.poster.update(self.client, self.req.where.channel, self.placeholder, message)
        else:
            self.poster.post(self.client, self.req.where, self.req.thread, message)

    def retitle(self, title: str) -> None:
        self._show(render.placeholder_message(title))

    def point_to(self, earlier: BriefThread) -> None:
        message = render.duplicate_message(self.poster.permalink(self.client, self.req.where, earlier))
        if not self.placeholder and self.req.thread is None and self.req.where.user:
            # /brief: point the person who asked, without another message in the channel.
            self.poster.ephemeral(self.client, self.req.where, None, message)
        else:
            self._show(message)

    def deliver(self, brief: Brief, link: Link, news: News) -> None:
        # Link the thread before showing the brief, so a reply typed at once already finds it.
        link(self.req.thread or str(self.placeholder), self.placeholder)
        self._show(
            with_whats_new(
                render.brief_message(brief),
                news.notes,
                elsewhere=news.elsewhere,
                linker=linker_for(self.poster, self.client, self.req.where),
            )
        )

    def fail(self, text: str) -> None:
        self._show(render.error_message(text))

    def load_file(self, file: dict[str, Any]) -> Download:
        return files.download(
            self.client, file, max_bytes=self.poster.settings.input.max_file_bytes, fetch=self.poster.fetch_file
        )


class AnswerOut:
    """One answer in a brief's thread (``AnswerOutlet``)."""

    def __init__(self, poster: Poster, req: AnswerRequest, progress: Progress) -> None:
        self.poster, self.req, self.progress = poster, req, progress
        self.client = poster.client(req.where)

    def posted_before(self) -> bool:
        return self.poster.find_own(self.req.where, self.req.thread, self.progress.key) is not None

    def answer(self, result: AnswerResult) -> None:
        self.poster.post(self.client, self.req.where, self.req.thread, render.answer_message(result), key=self.progress.key)

    def fail(self, text: str) -> None:
        self.poster.post(self.client, self.req.where, self.req.thread, render.error_message(text))
