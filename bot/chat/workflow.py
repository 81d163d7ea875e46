"""The chat workflows: brief a source into a thread (or point to the earlier one), answer in a thread.

Adapters hand a plain request and an *outlet* (how their platform shows things) to these functions;
everything else — which earlier thread holds this article, loading, briefing, saving, linking the
thread, the history of a thread, errors as user text — happens here, once for every platform.

A durable job's ``Progress`` makes a retry after a crash show nothing twice: a delivered brief or
answer is not posted again, and the placeholder of the first attempt is the one reused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from bot import stories
from bot.article import Article
from bot.chat.admit import Admission, Gate
from bot.chat.jobs import Handler, JobPool, Progress, Unrecorded
from bot.chat.messages import ARTICLE_GONE, NOTHING_TO_BRIEF, OOPS
from bot.chat.outlets import AnswerOutlet, BriefOutlet, BriefThread, CannotPost, Download, News, thread_view
from bot.chat.requests import AnswerRequest, BriefRequest, JobSpec, Where
from bot.errors import BriefbotError, InputError
from bot.ingest.urls import canonical_url_or_none
from bot.models import Brief

if TYPE_CHECKING:
    from bot.service import BriefService

log = logging.getLogger(__name__)

# How long a job waits for another job briefing the same link in the same channel.
LINK_WAIT_S = 30.0


class ChatWorkflow:
    """The brief and answer workflows over one ``BriefService``. Thread-safe."""

    def __init__(self, *, service: BriefService, link_wait_s: float = LINK_WAIT_S) -> None:
        self.service = service
        self.settings = service.settings
        self.link_wait_s = link_wait_s
        self._gate: Gate | None = None

    @property
    def gate(self) -> Gate:
        if self._gate is None:
            self._gate = Gate(settings=self.settings, store=self.service.store)
        return self._gate

    # -- admitting -----------------------------------------------------------------------------------

    def admit(
        self, where: Where, *, keys: tuple[str, ...] = (), channels: tuple[str, ...] = (), job: JobSpec | None = None
    ) -> Admission:
        """Admit a request (dedupe, allow-lists, rate limit), recording ``job`` in the same call."""
        return self.gate.admit(where, keys=keys, channels=channels, job=job)

    def admit_later(
        self, where: Where, *, keys: tuple[str, ...] = (), channels: tuple[str, ...] = (), job: JobSpec | None = None
    ) -> Future[Admission]:
        """``admit`` without waiting for the database (for an event loop): the future holds the admission."""
        return self.gate.admit_later(where, keys=keys, channels=channels, job=job)

    def is_brief_thread(self, where: Where, thread: str) -> bool:
        store = self.service.store
        return store.get_thread(platform=where.platform, channel=where.channel, thread_ts=thread) is not None

    def job_pool(
        self,
        *,
        handlers: dict[str, Handler],
        workers: int,
        runs_jobs: bool = True,
        poll_s: float | None = None,
        renew_s: float | None = None,
    ) -> JobPool:
        """A durable worker pool (not started) over the service's database; with ``runs_jobs=False`` (a web
        process whose jobs a ``briefbot worker`` runs) it only records them."""
        extra: dict[str, Any] = {k: v for k, v in (("poll_s", poll_s), ("renew_s", renew_s)) if v is not None}
        return JobPool(store=self.service.store, handlers=handlers, workers=workers, runs_jobs=runs_jobs, **extra)

    def writable(self) -> bool:
        return self.service.store.writable()

    def fetch_file(self, url: str, *, bearer: str | None, trusted: str, max_bytes: int) -> Download:
        """GET a platform's private file: the bearer token goes to the file's own origin only, every hop
        passes the SSRF guard, and only ``trusted`` (the configured API server's origin) is exempt from it."""
        import httpx

        from bot.ingest.fetch import fetch_with_credentials, origin_of

        fetched = fetch_with_credentials(
            url,
            settings=self.settings,
            headers={"Authorization": f"Bearer {bearer}"} if bearer else {},
            credential_origin=origin_of(httpx.URL(url)),
            trusted_origin=origin_of(httpx.URL(trusted)),
            max_bytes=max_bytes,
        )
        return Download(fetched.body, None, fetched.content_type)

    def slack_oauth_stores(self, client_id: str) -> tuple[Any, Any]:
        """Bolt's installation and OAuth-state stores, kept in our database."""
        from bot.store.slack_oauth import SQLInstallationStore, SQLOAuthStateStore

        store = self.service.store
        return SQLInstallationStore(store, client_id=client_id), SQLOAuthStateStore(store)

    # -- listing -------------------------------------------------------------------------------------

    def list_threads(self, *, platform: str, workspace: str | None, limit: int = 15) -> list[BriefThread]:
        """The latest briefs of a workspace, newest first."""
        records = self.service.store.recent_threads(platform=platform, workspace=workspace, limit=limit)
        return [thread_view(r) for r in records]

    # -- briefs --------------------------------------------------------------------------------------

    def brief_into_thread(self, req: BriefRequest, out: BriefOutlet, progress: Progress | None = None) -> None:
        """Brief the request's source into its thread, or point to the thread that already holds it."""
        progress = progress or Unrecorded()
        done = progress.done()
        if done.get("delivered"):
            return
        canonical = canonical_url_or_none(req.url)
        placeholder: str | None = done.get("placeholder_ts")
        if placeholder is None and not done.get("started"):
            if canonical and self._point(req, out, self.service.store.find_article(canonical_url=canonical)):
                progress.mark(delivered=True)
                return
            # The same link, posted in this channel at the same moment, may be being briefed by another job.
            taken = canonical is not None and not done.get("owns_link") and not self._claim_link(req, canonical, progress)
            if taken and canonical is not None and self._wait_for_earlier(req, out, canonical):
                progress.mark(delivered=True)
                return
        try:
            placeholder = out.start(_label(req), resume=placeholder)
        except CannotPost:
            progress.mark(delivered=True)
            return
        progress.mark(started=True, placeholder_ts=placeholder)
        try:
            self._brief(req, out, placeholder, canonical)
        finally:
            progress.mark(delivered=True)

    def _brief(self, req: BriefRequest, out: BriefOutlet, placeholder: str | None, canonical: str | None) -> None:
        where, store = req.where, self.service.store
        with _told(out, doing="briefing", expected=InputError):
            article = self._load(req, out)
            found = store.find_article(content_sha256=article.content_sha256)
            if self._point(req, out, found, own=placeholder):
                return
            if article.title:
                out.retitle(article.title)
            # Briefed once: an article already briefed in another channel reuses that brief, linked.
            brief, elsewhere = stories.brief_once(
                self.service,
                article,
                platform=where.platform,
                channel=where.channel,
                workspace=where.workspace,
                canonical_url=canonical,
            )
            article_id = store.save_article(article, canonical_url=canonical)
            notes = stories.whats_new(
                self.service,
                brief,
                platform=where.platform,
                channel=where.channel,
                article_id=article_id,
                thread_ts=req.thread or placeholder,
                workspace=where.workspace,
            )

            def link(thread: str, message: str | None) -> None:
                store.link_thread(
                    platform=where.platform,
                    channel=where.channel,
                    thread_ts=thread,
                    article_id=article_id,
                    brief_json=brief.model_dump_json(),
                    workspace=where.workspace,
                    message_ts=message,
                )

            out.deliver(brief, link, News(notes=notes, elsewhere=elsewhere))

    def _load(self, req: BriefRequest, out: BriefOutlet) -> Article:
        if req.files:
            got = out.load_file(req.files[0])
            return self.service.load_bytes(got.data, filename=got.filename, content_type=got.content_type)
        if req.url:
            return self.service.load_url(req.url)  # http(s) only: a message never names a local file
        if req.text:
            return self.service.load_text(req.text)
        raise InputError("nothing to brief", user_message=NOTHING_TO_BRIEF)

    def _point(self, req: BriefRequest, out: BriefOutlet, article_id: int | None, *, own: str | None = None) -> bool:
        """When this article already has a brief thread in this channel, say where and stop."""
        if article_id is None:
            return False
        where = req.where
        earlier = self.service.store.find_thread_for_article(
            platform=where.platform, channel=where.channel, article_id=article_id
        )
        # Its own thread (a retry after a crash, or a command whose thread is the placeholder) is not "earlier".
        if earlier is None or earlier.thread_ts in (req.thread, own):
            return False
        out.point_to(thread_view(earlier))
        return True

    def _claim_link(self, req: BriefRequest, canonical: str, progress: Progress) -> bool:
        """Take the right to brief ``canonical`` in this channel; False when another job has it."""
        where = req.where
        if self.service.store.claim_event(f"{where.platform}:brief-link:{where.channel}:{canonical}"):
            progress.mark(owns_link=True)
            return True
        return False

    def _wait_for_earlier(self, req: BriefRequest, out: BriefOutlet, canonical: str) -> bool:
        """Wait (a little longer than a brief takes) for the other job's thread, then point to it."""
        deadline = time.monotonic() + self.link_wait_s
        while time.monotonic() < deadline:
            if self._point(req, out, self.service.store.find_article(canonical_url=canonical)):
                return True
            time.sleep(0.25)
        return False  # the other job failed or is gone: brief it here after all

    # -- answers -------------------------------------------------------------------------------------

    def answer_in_thread(self, req: AnswerRequest, out: AnswerOutlet, progress: Progress | None = None) -> None:
        """Answer a question from the thread's article, with quotes (once: a retry of a delivered answer
        does nothing)."""
        progress = progress or Unrecorded()
        done = progress.done()
        if done.get("delivered"):
            return
        if done.get("posting") and out.posted_before():
            progress.mark(delivered=True)  # the answer went out just before a crash
            return
        try:
            self._answer(req, out, progress)
        finally:
            progress.mark(delivered=True)

    def _answer(self, req: AnswerRequest, out: AnswerOutlet, progress: Progress) -> None:
        store, where = self.service.store, req.where
        key = {"platform": where.platform, "channel": where.channel, "thread_ts": req.thread}
        with _told(out, doing="answering", expected=BriefbotError):
            record = store.get_thread(**key)
            article = store.get_article(record.article_id) if record else None
            if record is None or article is None:
                out.fail(ARTICLE_GONE)
                return
            brief = Brief.model_validate_json(record.brief_json)
            result = self.service.ask(
                article, req.question, brief=brief, history=store.get_turns(**key), workspace=where.workspace
            )
            progress.mark(posting=True)
            out.answer(result)
            store.add_turn(**key, question=req.question, answer=result.answer.answer)


class _Failing(Protocol):
    def fail(self, text: str) -> None: ...


@contextmanager
def _told(out: _Failing, *, doing: str, expected: type[BriefbotError]) -> Iterator[None]:
    """The outermost edge of a workflow: an error the user can act on is shown as its own short message;
    anything else is logged with its traceback and the user is told briefly — never a trace, never silence."""
    try:
        yield
    except expected as exc:
        log.info("%s refused: %s", doing, exc)
        out.fail(exc.user_message)
    except Exception:
        log.exception("%s failed", doing)
        out.fail(OOPS.format(doing=doing))


def _label(req: BriefRequest) -> str:
    if req.files:
        return str(req.files[0].get("title") or req.files[0].get("name") or req.files[0].get("filename") or "your file")
    if req.url:
        short = req.url.split("://", 1)[-1]
        return short if len(short) <= 80 else short[:79] + "…"
    return "your text"
