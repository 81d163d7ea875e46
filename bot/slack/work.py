"""What a worker does with a task: load, brief or answer through the service, and post to Slack.

This is the only module that turns results into Slack calls. Errors the user can fix become a short
plain message in the thread; anything else is logged with its traceback and the user is told briefly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import stories
from bot.article import Article
from bot.config import Settings
from bot.errors import BriefbotError, InputError
from bot.ingest.urls import canonical_url_or_none
from bot.models import Brief
from bot.render import slack as render
from bot.slack import files
from bot.slack.clients import Clients, thread_link
from bot.slack.digest import linker_for, with_whats_new
from bot.slack.markup import link_label
from bot.slack.tasks import AnswerTask, BriefTask, Where
from bot.store import Store, ThreadRecord

log = logging.getLogger(__name__)

PLATFORM = "slack"
# How long a job waits for another job briefing the same link in the same channel.
LINK_WAIT_S = 30.0
OOPS = "Sorry, something went wrong on my side while {doing}. Please try again in a minute."


class Service(Protocol):
    """The parts of ``bot.service.BriefService`` the Slack adapter uses."""

    @property
    def store(self) -> Store: ...
    def load_url(self, url: str) -> Article: ...
    def load_text(self, text: str, *, title: str | None = None) -> Article: ...
    def load_bytes(self, data: bytes, *, filename: str | None, content_type: str | None) -> Article: ...
    def brief(self, article: Article, *, workspace: str | None = None) -> Brief: ...
    def ask(
        self,
        article: Article,
        question: str,
        *,
        brief: Brief | None = None,
        history: Sequence[Any] = (),
        workspace: str | None = None,
    ) -> Any: ...


class Worker:
    """Carries out brief and answer tasks. Thread-safe: one instance serves the whole pool."""

    def __init__(self, *, settings: Settings, service: Service, store: Store, clients: Clients) -> None:
        self.settings = settings
        self.service = service
        self.store = store
        self.clients = clients

    # -- briefs ---------------------------------------------------------------------------------------

    def brief(self, task: BriefTask, progress: Progress | None = None) -> None:
        """Post a placeholder, produce the brief, and update the placeholder with it in place.

        With ``progress`` (a durable job), a retry after a crash shows nothing twice: a delivered brief is
        not posted again, and the placeholder of the first attempt is the one updated."""
        progress = progress or _Unrecorded()
        done = progress.done()
        if done.get("delivered"):
            return
        where = task.where
        client = self.clients.for_team(where.team_id, where.enterprise_id)
        canonical = canonical_url_or_none(task.url)
        placeholder: str | None = done.get("placeholder_ts")
        if placeholder is None:
            if canonical and self._point_to_earlier(
                client, task, self.store.find_article(canonical_url=canonical)
            ):
                progress.mark(delivered=True)
                return
            # The same link, posted in this channel at the same moment, may be being briefed by another job.
            taken = canonical is not None and not done.get("owns_link") and not self._claim_link(
                task, canonical, progress)
            if taken and canonical is not None and self._wait_for_earlier(client, task, canonical):
                progress.mark(delivered=True)
                return
            placeholder = self._post_once(client, where, task.thread_ts, render.placeholder_message(_label(task)),
                                          progress, done)
            if placeholder is None:
                self._command_fallback(client, task)
                progress.mark(delivered=True)
                return
            progress.mark(placeholder_ts=placeholder)
        try:
            self._brief_into(client, task, placeholder, canonical)
        finally:
            progress.mark(delivered=True)

    def _claim_link(self, task: BriefTask, canonical: str, progress: Progress) -> bool:
        """Take the right to brief ``canonical`` in this channel; False when another job has it."""
        if self.store.claim_event(f"brief-link:{task.where.channel}:{canonical}"):
            progress.mark(owns_link=True)
            return True
        return False

    def _wait_for_earlier(self, client: WebClient, task: BriefTask, canonical: str) -> bool:
        """Wait (a little longer than a brief takes) for the other job's thread, then point to it."""
        deadline = time.monotonic() + LINK_WAIT_S
        while time.monotonic() < deadline:
            if self._point_to_earlier(client, task, self.store.find_article(canonical_url=canonical)):
                return True
            time.sleep(0.25)
        return False  # the other job failed or is gone: brief it here after all

    def _brief_into(self, client: WebClient, task: BriefTask, placeholder: str, canonical: str | None) -> None:
        where = task.where
        root = task.thread_ts or placeholder
        try:
            article = self._load(client, task)
            if self._point_to_earlier(
                client,
                task,
                self.store.find_article(content_sha256=article.content_sha256),
                placeholder=placeholder,
            ):
                return
            if article.title:
                self._update(client, where.channel, placeholder, render.placeholder_message(article.title))
            # Briefed once: an article already briefed in another channel reuses that brief, linked.
            brief, elsewhere = stories.brief_once(self.service, article, platform=PLATFORM, channel=where.channel,
                                                  workspace=where.team_id)
            article_id = self.store.save_article(article, canonical_url=canonical)
            notes = stories.whats_new(self.service, brief, platform=PLATFORM, channel=where.channel,
                                      article_id=article_id, thread_ts=root, workspace=where.team_id)
            # Link the thread before showing the brief, so a reply typed at once already finds it.
            self.store.link_thread(
                platform=PLATFORM,
                channel=where.channel,
                thread_ts=root,
                article_id=article_id,
                brief_json=brief.model_dump_json(),
                workspace=where.team_id,
                message_ts=placeholder,
            )
            message = with_whats_new(render.brief_message(brief), notes, elsewhere=elsewhere,
                                     linker=linker_for(self, client, where))
            self._update(client, where.channel, placeholder, message)
        except InputError as exc:
            log.info("brief refused: %s", exc)
            self._update(client, where.channel, placeholder, render.error_message(exc.user_message))
        except Exception:
            log.exception("briefing failed")
            self._update(
                client, where.channel, placeholder, render.error_message(OOPS.format(doing="briefing"))
            )

    def _load(self, client: WebClient, task: BriefTask) -> Article:
        if task.files:
            got = files.download(client, task.files[0], max_bytes=self.settings.input.max_file_bytes,
                                 settings=self.settings)
            return self.service.load_bytes(got.data, filename=got.filename, content_type=got.content_type)
        if task.url:
            return self.service.load_url(task.url)  # http(s) only: a message never names a local file
        if task.text:
            return self.service.load_text(task.text)
        raise InputError("nothing to brief", user_message=NOTHING_TO_BRIEF)

    def _point_to_earlier(
        self, client: WebClient, task: BriefTask, article_id: int | None, *, placeholder: str | None = None
    ) -> bool:
        """When this article already has a brief thread in this channel, say where and stop."""
        if article_id is None:
            return False
        where = task.where
        earlier = self.store.find_thread_for_article(
            platform=PLATFORM, channel=where.channel, article_id=article_id
        )
        # Its own thread (a retry after a crash, or /brief whose thread is the placeholder) is not "earlier".
        if earlier is None or earlier.thread_ts in (task.thread_ts, placeholder):
            return False
        message = render.duplicate_message(self._permalink(client, where, earlier))
        if placeholder:
            self._update(client, where.channel, placeholder, message)
        elif task.thread_ts is None and where.user:
            # /brief: point the person who asked, without another message in the channel.
            self._ephemeral(client, where, None, message)
        else:
            self._post(client, where, task.thread_ts, message)
        return True

    def _permalink(self, client: WebClient, where: Where, record: ThreadRecord) -> str | None:
        ts = record.message_ts or record.thread_ts
        try:
            link = client.chat_getPermalink(channel=where.channel, message_ts=ts).get("permalink")
            if link:
                return str(link)
        except SlackApiError as exc:
            log.info("chat.getPermalink failed: %s", exc.response.get("error"))
        return thread_link(self.clients.workspace_url(client, where.team_id), where.channel, ts)

    def _command_fallback(self, client: WebClient, task: BriefTask) -> None:
        """The bot can't post in the channel (not invited): tell the user privately, never stay silent."""
        text = "I can't post in this channel yet. Invite me with `/invite @briefbot` and try again."
        if task.response_url:
            try:
                from slack_sdk.webhook import WebhookClient

                WebhookClient(task.response_url).send(text=text, response_type="ephemeral")
                return
            except Exception:  # the response_url may have expired; the ephemeral below is the last resort
                log.warning("response_url failed", exc_info=True)
        self._ephemeral(client, task.where, task.thread_ts, {"text": text})

    # -- answers --------------------------------------------------------------------------------------

    def answer(self, task: AnswerTask, progress: Progress | None = None) -> None:
        """Answer a question from the brief's article, with quotes, in the brief's thread (once: a retry
        of a delivered answer does nothing)."""
        progress = progress or _Unrecorded()
        done = progress.done()
        if done.get("delivered"):
            return
        if done.get("posting") and self._find_own(task.where, task.thread_ts, progress.key) is not None:
            progress.mark(delivered=True)  # the answer went out just before a crash
            return
        try:
            self._answer(task, progress)
        finally:
            progress.mark(delivered=True)

    def _answer(self, task: AnswerTask, progress: Progress) -> None:
        where = task.where
        client = self.clients.for_team(where.team_id, where.enterprise_id)
        try:
            record = self.store.get_thread(platform=PLATFORM, channel=where.channel, thread_ts=task.thread_ts)
            article = self.store.get_article(record.article_id) if record else None
            if record is None or article is None:
                self._post(
                    client,
                    where,
                    task.thread_ts,
                    render.error_message("I no longer have the article of this thread; brief it again."),
                )
                return
            brief = Brief.model_validate_json(record.brief_json)
            history = self.store.get_turns(platform=PLATFORM, channel=where.channel, thread_ts=task.thread_ts)
            result = self.service.ask(
                article, task.question, brief=brief, history=history, workspace=where.team_id
            )
            message = render.answer_message(result)
            progress.mark(posting=True)
            self._post(client, where, task.thread_ts, message, key=progress.key)
            answer, _ = render.answer_parts(result)
            self.store.add_turn(
                platform=PLATFORM,
                channel=where.channel,
                thread_ts=task.thread_ts,
                question=task.question,
                answer=answer,
            )
        except BriefbotError as exc:
            log.info("answer refused: %s", exc)
            self._post(client, where, task.thread_ts, render.error_message(exc.user_message))
        except Exception:
            log.exception("answering failed")
            self._post(client, where, task.thread_ts, render.error_message(OOPS.format(doing="answering")))

    # -- notices --------------------------------------------------------------------------------------

    def notice(self, where: Where, thread_ts: str | None, text: str) -> None:
        """A private note to the user (rate limit, not allowed here, nothing to brief)."""
        try:
            client = self.clients.for_team(where.team_id, where.enterprise_id)
        except BriefbotError:
            log.warning("no client for workspace %s", where.team_id)
            return
        self._ephemeral(client, where, thread_ts, render.error_message(text))

    # -- Slack calls ----------------------------------------------------------------------------------

    def _post(
        self, client: WebClient, where: Where, thread_ts: str | None, message: dict[str, Any],
        *, key: str | None = None,
    ) -> str | None:
        # A job's posts carry its key in the message metadata, so a retry can find what it already posted.
        tag: dict[str, Any] = {"metadata": {"event_type": JOB_EVENT, "event_payload": {"job": key}}} if key else {}
        try:
            resp = client.chat_postMessage(
                channel=where.channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                **tag, **message,
            )
            return str(resp["ts"])
        except SlackApiError as exc:
            log.warning("chat.postMessage failed: %s", exc.response.get("error"))
            if message.get("blocks") and exc.response.get("error") in ("invalid_blocks", "msg_too_long"):
                return self._post(client, where, thread_ts, {"text": message["text"]}, key=key)
            return None

    def _post_once(self, client: WebClient, where: Where, thread_ts: str | None, message: dict[str, Any],
                   progress: Progress, done: dict[str, Any]) -> str | None:
        """Post the job's placeholder, or find the one an attempt cut short by a crash already posted."""
        if done.get("posting"):
            found = self._find_own(where, thread_ts, progress.key)
            if found is not None:
                return found
        progress.mark(posting=True)
        return self._post(client, where, thread_ts, message, key=progress.key)

    def _find_own(self, where: Where, thread_ts: str | None, key: str | None) -> str | None:
        """The ts of a message this job posted (tagged with ``key``) in the thread or the channel, if any."""
        if key is None:
            return None
        client = self.clients.for_team(where.team_id, where.enterprise_id)
        try:
            if thread_ts:
                resp = client.conversations_replies(channel=where.channel, ts=thread_ts, limit=200,
                                                    include_all_metadata=True)
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

    def _update(self, client: WebClient, channel: str, ts: str, message: dict[str, Any]) -> None:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as exc:
            log.warning("chat.update failed: %s", exc.response.get("error"))
            if message.get("blocks"):
                # Keep the user informed: the plain-text fallback always fits.
                self._update(client, channel, ts, {"text": message["text"]})

    def _ephemeral(
        self, client: WebClient, where: Where, thread_ts: str | None, message: dict[str, Any]
    ) -> None:
        if not where.user:
            return
        try:
            client.chat_postEphemeral(channel=where.channel, user=where.user, thread_ts=thread_ts, **message)
        except SlackApiError as exc:
            log.warning("chat.postEphemeral failed: %s", exc.response.get("error"))


JOB_EVENT = "briefbot_job"


class Progress(Protocol):
    """What a durable job has already shown the user (``bot.slack.pool.Progress``)."""

    key: str | None

    def done(self) -> dict[str, Any]: ...
    def mark(self, **marks: Any) -> None: ...


class _Unrecorded:
    """Progress of work that is not a durable job: nothing done before, nothing kept."""

    key: str | None = None

    def done(self) -> dict[str, Any]:
        return {}

    def mark(self, **marks: Any) -> None:
        pass


NOTHING_TO_BRIEF = "Send me a link, paste the article text, or upload a text, HTML or PDF file to brief."


def _label(task: BriefTask) -> str:
    if task.files:
        return str(task.files[0].get("title") or task.files[0].get("name") or "your file")
    if task.url:
        return link_label(task.url)
    return "your text"
