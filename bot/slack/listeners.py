"""Bolt listeners: turn Slack events, the /brief command and the shortcut into tasks, then acknowledge.

Listeners only decide and enqueue (a few milliseconds, well inside Slack's 3 s); workers do the rest.
One answer per user action: every event id is claimed once (Slack retries carry the same id), and a
message is claimed once by channel and ts, so the ``app_mention`` + ``message`` pair that one mention
produces is answered once.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.config import Settings
from bot.slack import markup
from bot.slack.digest import digest_period, post_digest
from bot.slack.home import publish_home
from bot.slack.pool import JobPool
from bot.slack.tasks import ANSWER, BRIEF, AnswerTask, BriefTask, Where, slim_file
from bot.slack.work import NOTHING_TO_BRIEF, PLATFORM, Worker
from bot.store import Store

log = logging.getLogger(__name__)

# Message subtypes that are a person posting something; edits, deletions, joins, bots… are ignored.
USER_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
NOT_ALLOWED = "I'm not enabled in this channel (or for you) in this workspace."
RATE_LIMITED = (
    "You've reached the limit of {limit} requests per hour. "
    "Please try again a little later — this keeps the workspace's costs in check."
)
USAGE = "Usage: `/brief <link or pasted article text>` or `/brief digest [today|week|30d]`"


class Listeners:
    """The decisions between an incoming Slack request and a job."""

    def __init__(self, *, settings: Settings, store: Store, pool: JobPool, worker: Worker) -> None:
        self.cfg = settings.slack
        self.store = store
        self.pool = pool
        self.worker = worker
        # Listeners run on many request threads at once. Their few database statements take
        # microseconds, but concurrent SQLite writers back off by sleeping (up to 100 ms a try);
        # queuing them on one lock instead keeps every acknowledgement fast.
        self._serial = threading.Lock()

    def register(self, app: App) -> None:
        app.command("/brief")(self.on_command)
        app.shortcut("brief_message")(self.on_shortcut)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home)

    # -- policy --------------------------------------------------------------------------------------

    def allowed(self, channel: str | None, user: str | None) -> bool:
        if self.cfg.allowed_channels and channel not in self.cfg.allowed_channels:
            return False
        return not (self.cfg.allowed_users and user not in self.cfg.allowed_users)

    def limited(self, where: Where) -> bool:
        """Count one request against the user's hourly budget; True when over it."""
        limit = self.cfg.rate_limit_per_user_per_hour
        if not limit or limit <= 0 or not where.user:
            return False
        key = f"slack:{where.team_id or ''}:{where.user}"
        return self.store.hit_rate_limit(key=key, limit=limit, window_s=3600)

    def _rate_text(self) -> str:
        return RATE_LIMITED.format(limit=self.cfg.rate_limit_per_user_per_hour)

    # -- /brief --------------------------------------------------------------------------------------

    def on_command(self, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        with self._serial:
            self._command(ack, body, context)

    def _command(self, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        text = (body.get("text") or "").strip()
        where = Where(
            team_id=context.team_id or body.get("team_id"),
            channel=body.get("channel_id", ""),
            user=body.get("user_id"),
            enterprise_id=context.enterprise_id,
        )
        period = digest_period(text)
        if period is not None:  # "/brief digest [today|week|30d]"
            if not self.allowed(where.channel, where.user):
                ack(text=NOT_ALLOWED)
                return
            if self.limited(where):
                ack(text=self._rate_text())
                return
            ack()
            self.pool.run_now(post_digest, self.worker, where, period)
            return
        content = markup.message_content(text)
        if content.empty:
            ack(text=f"{NOTHING_TO_BRIEF}\n{USAGE}" if text else USAGE)
            return
        if not self.allowed(where.channel, where.user):
            ack(text=NOT_ALLOWED)
            return
        if self.limited(where):
            ack(text=self._rate_text())
            return
        # Slack does not retry commands, but a double-clicked trigger should still brief once.
        trigger = body.get("trigger_id")
        if trigger and not self.store.claim_event(f"slack:trigger:{trigger}"):
            ack()
            return
        task = BriefTask(
            where=where,
            origin="command",
            url=content.url,
            text=content.text,
            response_url=body.get("response_url"),
        )
        self.pool.submit(BRIEF, task.payload())
        ack()

    # -- message shortcut ----------------------------------------------------------------------------

    def on_shortcut(self, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        ack()
        with self._serial:
            self._shortcut(body, context)

    def _shortcut(self, body: dict[str, Any], context: BoltContext) -> None:
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id", "")
        where = Where(
            team_id=context.team_id or (body.get("team") or {}).get("id"),
            channel=channel,
            user=(body.get("user") or {}).get("id"),
            enterprise_id=context.enterprise_id,
        )
        thread = message.get("thread_ts") or message.get("ts")
        if not self.allowed(where.channel, where.user):
            self.pool.run_now(self.worker.notice, where, thread, NOT_ALLOWED)
            return
        if self.limited(where):
            self.pool.run_now(self.worker.notice, where, thread, self._rate_text())
            return
        content = markup.message_content(message.get("text") or "", bot_user_id=context.bot_user_id)
        files = [slim_file(f) for f in message.get("files") or []]
        if content.empty and not files:
            self.pool.run_now(
                self.worker.notice, where, thread, "That message has no link, text or file I can brief."
            )
            return
        task = BriefTask(
            where=where,
            origin="shortcut",
            thread_ts=thread,
            url=content.url,
            text=None if content.url else content.text,
            files=files,
        )
        self.pool.submit(BRIEF, task.payload())

    # -- events --------------------------------------------------------------------------------------

    def on_mention(self, body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        with self._serial:
            self._on_user_message(body, event, context, mentioned=True)

    def on_message(self, body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        mentioned = bool(context.bot_user_id) and context.bot_user_id in markup.mentions(
            event.get("text") or ""
        )
        with self._serial:
            self._on_user_message(
                body, event, context, mentioned=mentioned or event.get("channel_type") == "im"
            )

    def _on_user_message(
        self, body: dict[str, Any], event: dict[str, Any], context: BoltContext, *, mentioned: bool
    ) -> None:
        if _from_bot_or_not_a_post(event, context):
            return
        channel, ts = event.get("channel") or "", event.get("ts") or ""
        thread = event.get("thread_ts")
        where = Where(
            team_id=context.team_id or body.get("team_id"),
            channel=channel,
            user=event.get("user"),
            enterprise_id=context.enterprise_id,
        )
        task = self._decide(
            event, where, thread=thread, ts=ts, mentioned=mentioned, bot_user_id=context.bot_user_id
        )
        if task is None:
            return
        # Retries of one event share its event_id; the mention+message pair shares the message's ts.
        event_id = body.get("event_id")
        if event_id and not self.store.claim_event(f"slack:event:{event_id}"):
            return
        if not self.store.claim_event(f"slack:message:{channel}:{ts}"):
            return
        reply_in = thread or ts
        if not self.allowed(channel, where.user):
            if mentioned:
                self.pool.run_now(self.worker.notice, where, reply_in, NOT_ALLOWED)
            return
        if self.limited(where):
            self.pool.run_now(self.worker.notice, where, reply_in, self._rate_text())
            return
        if isinstance(task, str):
            self.pool.run_now(self.worker.notice, where, reply_in, task)
        elif isinstance(task, AnswerTask):
            self.pool.submit(ANSWER, task.payload())
        else:
            self.pool.submit(BRIEF, task.payload())

    def _decide(
        self,
        event: dict[str, Any],
        where: Where,
        *,
        thread: str | None,
        ts: str,
        mentioned: bool,
        bot_user_id: str | None,
    ) -> AnswerTask | BriefTask | str | None:
        """What a person's message asks for: an answer, a brief, a hint (str), or nothing."""
        raw = event.get("text") or ""
        files = [slim_file(f) for f in event.get("files") or []]
        if (
            thread
            and thread != ts
            and self.store.get_thread(platform=PLATFORM, channel=where.channel, thread_ts=thread)
        ):
            question = markup.to_plain(markup.strip_mention(raw, bot_user_id))
            return AnswerTask(where=where, thread_ts=thread, question=question) if question else None
        content = markup.message_content(raw, bot_user_id=bot_user_id)
        if mentioned:
            if content.empty and not files:
                return NOTHING_TO_BRIEF
            return BriefTask(
                where=where,
                origin="mention",
                thread_ts=thread or ts,
                url=content.url,
                text=None if (content.url or files) else content.text,
                files=files,
            )
        if where.channel in self.cfg.auto_brief_channels and content.url:
            return BriefTask(where=where, origin="auto", thread_ts=thread or ts, url=content.url)
        return None

    # -- App Home ------------------------------------------------------------------------------------

    def on_home(self, event: dict[str, Any], context: BoltContext) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        where = Where(
            team_id=context.team_id,
            channel=event.get("channel") or "",
            user=event["user"],
            enterprise_id=context.enterprise_id,
        )
        self.pool.run_now(publish_home, self.worker, where)


def _from_bot_or_not_a_post(event: dict[str, Any], context: BoltContext) -> bool:
    """Own and other bots' messages, edits, deletions and system messages."""
    if event.get("subtype") not in USER_SUBTYPES:
        return True
    if event.get("bot_id") or event.get("bot_profile") or event.get("edited"):
        return True
    user = event.get("user")
    return not user or user == context.bot_user_id
