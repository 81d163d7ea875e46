"""Bolt listeners: turn Slack events, the /brief command and the shortcut into chat requests, then ack.

Listeners only decide, admit and enqueue (a few milliseconds, well inside Slack's 3 s); the chat
workflow does the rest on the job pool. One answer per user action: every event id is claimed once
(Slack retries carry the same id), and a message is claimed once by channel and ts, so the
``app_mention`` + ``message`` pair that one mention produces is answered once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.chat import ANSWER, BRIEF, Admission, AnswerRequest, BriefRequest, ChatWorkflow, JobPool, Where
from bot.chat.messages import NOTHING_IN_MESSAGE, NOTHING_TO_BRIEF
from bot.config import Settings
from bot.slack import markup
from bot.slack.digest import DIGEST, digest_period
from bot.slack.files import slim_file
from bot.slack.home import publish_home
from bot.slack.work import Poster

log = logging.getLogger(__name__)

PLATFORM = "slack"
# A list the HTTP server may put in a request's context: a listener then leaves its admission there as a
# (future, what to do with it) pair instead of waiting for the database on the server's event loop.
DEFERRED = "briefbot_deferred_admissions"
Deferred = list[tuple[Future[Admission], Callable[[Admission], None]]]
# Message subtypes that are a person posting something; edits, deletions, joins, bots… are ignored.
USER_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
USAGE = "Usage: `/brief <link or pasted article text>` or `/brief digest [today|week|30d]`"


class Listeners:
    """The decisions between an incoming Slack request and a job."""

    def __init__(self, *, settings: Settings, workflow: ChatWorkflow, pool: JobPool, poster: Poster) -> None:
        self.cfg = settings.slack
        self.workflow = workflow
        self.pool = pool
        self.poster = poster

    def register(self, app: App) -> None:
        # Bolt tries each listener's matcher in turn until one matches (no two of these match one request),
        # and a matcher costs a good part of an acknowledgement: the events of a burst come first.
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.command("/brief")(self.on_command)
        app.shortcut("brief_message")(self.on_shortcut)
        app.event("app_home_opened")(self.on_home)

    def _notice(self, where: Where, thread: str | None, text: str) -> None:
        self.pool.run_now(self.poster.notice, where, thread, text)

    # -- /brief --------------------------------------------------------------------------------------

    def on_command(self, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        text = (body.get("text") or "").strip()
        where = _where(context, body.get("team_id"), body.get("channel_id", ""), body.get("user_id"))
        period = digest_period(text)
        if period is not None:  # "/brief digest [today|week|30d]": allowed here, and within the rate limit
            # A double-clicked trigger posts the digest once. It is a durable job like a brief: a worker
            # process builds it where there is one (a digest of a month takes the better part of a second).
            self._admit_command(body, where, (DIGEST, {"where": where.payload(), "period": period}), ack)
            return
        content = markup.message_content(text)
        if content.empty:
            ack(text=f"{NOTHING_TO_BRIEF}\n{USAGE}" if text else USAGE)
            return
        reply = {"response_url": body["response_url"]} if body.get("response_url") else {}
        req = BriefRequest(where=where, origin="command", url=content.url, text=content.text, reply=reply)
        self._admit_command(body, where, (BRIEF, req.payload()), ack)

    def _admit_command(self, body: dict[str, Any], where: Where, job: tuple[str, dict[str, Any]], ack: Ack) -> None:
        """Admit a slash command's job and acknowledge. Slack does not retry commands, but a double-clicked
        trigger should still run once."""
        trigger = body.get("trigger_id")
        admission = self.workflow.admit(where, keys=(f"trigger:{trigger}",) if trigger else (), job=job)
        if not admission.ok:
            ack(text=admission.notice) if admission.notice else ack()
            return
        self._start(admission, job)
        ack()

    def _start(self, admission: Admission, job: tuple[str, dict[str, Any]]) -> None:
        """Run the job recorded with the admission (here, or by a worker process)."""
        if admission.job_id is not None:
            self.pool.start_job(admission.job_id, *job)
        else:
            self.pool.submit(*job)

    # -- message shortcut ----------------------------------------------------------------------------

    def on_shortcut(self, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        ack()
        message = body.get("message") or {}
        where = _where(
            context,
            (body.get("team") or {}).get("id"),
            (body.get("channel") or {}).get("id", ""),
            (body.get("user") or {}).get("id"),
        )
        thread = message.get("thread_ts") or message.get("ts")
        trigger = body.get("trigger_id")
        admission = self.workflow.admit(where, keys=(f"trigger:{trigger}",) if trigger else ())
        if not admission.ok:
            if admission.notice:
                self._notice(where, thread, admission.notice)
            return
        content = markup.message_content(message.get("text") or "", bot_user_id=context.bot_user_id)
        files = [slim_file(f) for f in message.get("files") or []]
        if content.empty and not files:
            self._notice(where, thread, NOTHING_IN_MESSAGE)
            return
        req = BriefRequest(
            where=where,
            origin="shortcut",
            thread=thread,
            message=message.get("ts"),
            url=content.url,
            text=None if content.url else content.text,
            files=files,
        )
        self.pool.submit(BRIEF, req.payload())

    # -- events --------------------------------------------------------------------------------------

    def on_mention(self, body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        self._on_user_message(body, event, context, mentioned=True)

    def on_message(self, body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
        mentioned = bool(context.bot_user_id) and context.bot_user_id in markup.mentions(event.get("text") or "")
        self._on_user_message(body, event, context, mentioned=mentioned or event.get("channel_type") == "im")

    def _on_user_message(
        self, body: dict[str, Any], event: dict[str, Any], context: BoltContext, *, mentioned: bool
    ) -> None:
        if _from_bot_or_not_a_post(event, context):
            return
        channel, ts = event.get("channel") or "", event.get("ts") or ""
        thread = event.get("thread_ts")
        where = _where(context, body.get("team_id"), channel, event.get("user"))
        task = self._decide(event, where, thread=thread, ts=ts, mentioned=mentioned, bot_user_id=context.bot_user_id)
        if task is None:
            return
        # Retries of one event share its event_id; the mention+message pair shares the message's ts.
        event_id = body.get("event_id")
        keys = (*((f"event:{event_id}",) if event_id else ()), f"message:{channel}:{ts}")
        job = None if isinstance(task, str) else (ANSWER if isinstance(task, AnswerRequest) else BRIEF, task.payload())
        reply_in = thread or ts

        def act(admission: Admission) -> None:
            if not admission.ok:
                # In a channel it is not enabled in, the bot only answers someone who addressed it.
                if admission.notice and (mentioned or admission.reason != "not_allowed"):
                    self._notice(where, reply_in, admission.notice)
                return
            if isinstance(task, str):
                self._notice(where, reply_in, task)
            elif job is not None:
                self._start(admission, job)

        # Claims, the rate limit and the job in one call to the database: the whole acknowledgement.
        deferred = context.get(DEFERRED)
        if deferred is None:
            act(self.workflow.admit(where, keys=keys, job=job))
        else:  # the HTTP server waits for the write (without a thread) before it answers, then acts
            deferred.append((self.workflow.admit_later(where, keys=keys, job=job), act))

    def _decide(
        self, event: dict[str, Any], where: Where, *, thread: str | None, ts: str, mentioned: bool, bot_user_id: str | None
    ) -> AnswerRequest | BriefRequest | str | None:
        """What a person's message asks for: an answer, a brief, a hint (str), or nothing."""
        raw = event.get("text") or ""
        files = [slim_file(f) for f in event.get("files") or []]
        if thread and thread != ts and self.workflow.is_brief_thread(where, thread):
            question = markup.to_plain(markup.strip_mention(raw, bot_user_id))
            return AnswerRequest(where=where, thread=thread, question=question, message=ts) if question else None
        content = markup.message_content(raw, bot_user_id=bot_user_id)
        if mentioned:
            if content.empty and not files:
                return NOTHING_TO_BRIEF
            return BriefRequest(
                where=where,
                origin="mention",
                thread=thread or ts,
                message=ts,
                url=content.url,
                text=None if (content.url or files) else content.text,
                files=files,
            )
        if where.channel in self.cfg.auto_brief_channels and content.url:
            return BriefRequest(where=where, origin="auto", thread=thread or ts, message=ts, url=content.url)
        return None

    # -- App Home ------------------------------------------------------------------------------------

    def on_home(self, event: dict[str, Any], context: BoltContext) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        where = _where(context, None, event.get("channel") or "", event["user"])
        self.pool.run_now(publish_home, self.workflow, self.poster, where)


def _where(context: BoltContext, team_id: str | None, channel: str, user: str | None) -> Where:
    return Where(
        platform=PLATFORM,
        workspace=context.team_id or team_id,
        channel=channel,
        user=user,
        enterprise_id=context.enterprise_id,
    )


def _from_bot_or_not_a_post(event: dict[str, Any], context: BoltContext) -> bool:
    """Own and other bots' messages, edits, deletions and system messages."""
    if event.get("subtype") not in USER_SUBTYPES:
        return True
    if event.get("bot_id") or event.get("bot_profile") or event.get("edited"):
        return True
    user = event.get("user")
    return not user or user == context.bot_user_id
