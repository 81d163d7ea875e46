"""The one service every adapter calls: load an article, brief it, answer questions about it.

Adapters (CLI, Slack, Discord) turn their input into these calls and render the results; they hold no
brief or Q&A logic. The service picks the engine, grounds every draft, caches LLM briefs by
(content hash, model, prompt version), keeps token budgets, and falls back to the offline engine
whenever the model cannot give a usable brief — so a user always gets one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from bot.answerer import Answerer, QAAnswerer
from bot.article import Article
from bot.config import Settings, domain_path
from bot.engine import BriefEngine, EngineResult, Usage
from bot.errors import EngineError, InputError
from bot.extractive import ExtractiveEngine
from bot.extractive.lexicon import lexicon_for
from bot.grounding import Grounder, ground_brief, summary_supported
from bot.models import Brief, Source
from bot.text import article_body

if TYPE_CHECKING:
    import httpx

    from bot.llm.client import StructuredClient
    from bot.qa import AnswerResult, Turn
    from bot.store import Store

log = logging.getLogger(__name__)

EngineChoice = Literal["auto", "llm", "extractive"]
_CLI_WORKSPACE = "cli"
# Text of our own for ``warm``: on the subject, so that every stage of the offline engine runs.
_WARM_UP_TEXT = (
    "Germany will send two air defence systems worth $500 million to Ukraine, the defence ministry said on "
    "Monday. The European Union froze the assets of three Russian banks."
)
BUDGET_NOTE = "Today's token budget for this workspace is used up; the offline engine answered."


class BriefService:
    """Load, brief and answer. Thread-safe: the chat job pools share one instance.

    Typed against the engine interfaces: ``engine`` (the primary, by default the model when one is
    configured) with ``fallback`` (by default the offline engine), and ``answerer`` with the offline
    answerer behind it. Caching, fallback, budgets and usage records are the service's, for all of them.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store | None = None,
        llm: StructuredClient | None | Literal["auto"] = "auto",
        fetch_client: httpx.Client | None = None,
        resolver: Any = None,
        engine: BriefEngine | None = None,
        fallback: BriefEngine | None = None,
        answerer: Answerer | None = None,
    ) -> None:
        self.settings = settings
        self._store = store
        self._store_lock = threading.Lock()
        # One article read by the offline engine at a time (see ``brief``).
        self._reading = threading.Lock()
        if llm == "auto":
            llm = None
            # Only pay for importing openai when a model is configured.
            if os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL"):
                from bot.llm.client import client_from_env

                llm = client_from_env(settings.llm)
        self.llm: StructuredClient | None = llm
        self._llm_engine: BriefEngine | None = engine
        self.extractive = ExtractiveEngine(lexicon=lexicon_for(str(domain_path(settings))))
        self.fallback: BriefEngine = fallback or self.extractive
        self.offline_answerer: Answerer = QAAnswerer(settings=settings)
        self.answerer: Answerer = answerer or (QAAnswerer(settings=settings, client=llm) if llm else self.offline_answerer)
        self._fetch_client = fetch_client
        self._resolver = resolver

    # -- state -------------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The database, opened on first use (the offline CLI never needs it)."""
        with self._store_lock:
            if self._store is None:
                from bot.store import open_store

                self._store = open_store(self.settings.database_url)
            return self._store

    @property
    def llm_engine(self) -> BriefEngine | None:
        """The primary engine: the one given, else the model's when one is configured."""
        if self._llm_engine is None and self.llm is not None:
            from bot.llm.engine import LLMEngine

            self._llm_engine = LLMEngine(settings=self.settings, client=self.llm)
        return self._llm_engine

    # -- loading -----------------------------------------------------------------------------------

    def load(self, source: str) -> Article:
        """A file path, ``-`` (stdin) or an http(s) URL, as clean article text."""
        from bot.ingest import load_source

        return load_source(source, settings=self.settings, client=self._fetch_client, resolver=self._resolver)

    def load_url(self, url: str) -> Article:
        """An http(s) URL only: chat adapters use this, so a message can never name a local file."""
        from bot.ingest import fetch_url, is_url

        if not is_url(url):
            raise InputError(f"not an http(s) link: {url[:80]}", user_message="That doesn't look like an http(s) link.")
        return fetch_url(url, settings=self.settings, client=self._fetch_client, resolver=self._resolver)

    def load_text(self, text: str, *, title: str | None = None) -> Article:
        """Pasted text, as from a chat message."""
        from bot.ingest import article_from_bytes

        # Lone surrogates (broken emoji from some clients) cannot be encoded: they become "?", not a crash.
        article = article_from_bytes(
            text.encode("utf-8", errors="replace"), content_type="text/plain", settings=self.settings
        )
        if title and not article.title:
            article = Article(text=article.text, title=title, kind=article.kind)
        return article

    def load_bytes(self, data: bytes, *, filename: str | None, content_type: str | None) -> Article:
        """An uploaded file (text, HTML or PDF)."""
        from bot.ingest import article_from_bytes

        return article_from_bytes(data, filename=filename, content_type=content_type, settings=self.settings)

    # -- briefing ----------------------------------------------------------------------------------

    def _source(self, article: Article) -> Source:
        from bot.llm.tokens import count_tokens

        return Source(
            url=article.url,
            title=article.title,
            site=article.site,
            published=article.published,
            content_sha256=article.content_sha256,
            tokens=count_tokens(article.text, self.settings.llm.model),
        )

    def _offline_source(self, article: Article, body: Article, grounder: Grounder) -> Brief:
        """The offline brief, its token count made while the engine reads (see ``count_tokens_soon``)."""
        from bot.llm.tokens import count_tokens_soon

        tokens = count_tokens_soon(article.text, self.settings.llm.model)
        result = self.fallback.draft(body)
        source = Source(
            url=article.url,
            title=article.title,
            site=article.site,
            published=article.published,
            content_sha256=article.content_sha256,
            tokens=tokens(),
        )
        return ground_brief(
            result.draft, source=source, engine=result.engine, article_text=body.text, notes=result.notes, grounder=grounder
        )

    def _offline(self, article: Article, source: Source, grounder: Grounder, notes: Sequence[str] = ()) -> Brief:
        result = self.fallback.draft(article)
        return ground_brief(
            result.draft,
            source=source,
            engine=result.engine,
            article_text=article.text,
            notes=[*notes, *result.notes],
            grounder=grounder,
        )

    def brief(self, article: Article, *, engine: EngineChoice = "auto", workspace: str | None = None) -> Brief:
        """A grounded brief. Model trouble never raises: the offline engine answers, with a note."""
        llm_engine = self.llm_engine if engine in ("auto", "llm") else None
        if engine == "llm" and llm_engine is None:
            raise InputError("no model is configured: set OPENAI_API_KEY or OPENAI_BASE_URL, or use --engine extractive")
        # Reading is CPU-bound Python, which holds the interpreter lock: two articles read at once take as
        # long as one after the other, and meanwhile every other thread of the process waits behind both
        # for each step it takes. In a worker, that made each statement of a job's SQLite transaction wait
        # tens of milliseconds, and every other process's write (the bot's acknowledgements) waited on the
        # lock that transaction held. So the offline engine reads one article at a time; waiting for the
        # model (the primary engine) stays concurrent.
        with self._reading:
            # Engines see, and quotes are checked against, the body only: reader comments and text
            # addressed to a machine can never become a line of the brief, whatever the model does.
            body = replace(article, text=article_body(article.text))
            grounder = Grounder(body.text)
            if llm_engine is None:
                return self._offline_source(article, body, grounder)
        source = self._source(article)
        article = body

        workspace = workspace or _CLI_WORKSPACE
        model = str(getattr(llm_engine, "model", ""))
        key = f"{source.content_sha256}:{llm_engine.name}:{model}:{getattr(llm_engine, 'prompt_version', '')}"
        cached = self._cached(key)
        if cached is not None:
            return cached.model_copy(update={"source": source})
        if self._over_budget(workspace):
            with self._reading:
                return self._offline(article, source, grounder, [BUDGET_NOTE])
        try:
            result = llm_engine.draft(article)
        except EngineError as exc:
            log.warning("model failed, falling back to the offline engine: %s", exc)
            with self._reading:
                return self._offline(
                    article, source, grounder, [f"The model could not be used ({exc}); the offline engine answered."]
                )
        with self._reading:
            brief = self._ground_llm(result, article, source, grounder)
        self._record(workspace, result.usage)
        if brief.engine == result.engine:  # the primary's own brief, not the fallback's
            self.store.put_cached_brief(
                key,
                article_id=None,
                brief_json=brief.model_dump_json(),
                engine=brief.engine,
                model=model,
                prompt_tokens=result.usage.prompt_tokens if result.usage else 0,
                completion_tokens=result.usage.completion_tokens if result.usage else 0,
            )
        return brief

    def _aliases(self) -> dict[str, list[str]]:
        """Canonical actor names → the names the press uses, from the domain file."""
        actors = self.extractive.lx.cfg.actors
        return {name.lower(): [name, *forms] for name, forms in actors.items()}

    def _ground_llm(self, result: EngineResult, article: Article, source: Source, grounder: Grounder) -> Brief:
        draft = result.draft
        notes = list(result.notes)
        if not summary_supported(draft.summary, article.text):
            offline_summary = self.fallback.draft(article).draft.summary
            draft = draft.model_copy(update={"summary": offline_summary})
            notes.append("The model's summary stated a figure the article does not; the article's lead is shown.")
        brief = ground_brief(
            draft,
            source=source,
            engine=result.engine,
            article_text=article.text,
            notes=notes,
            grounder=grounder,
            aliases=self._aliases(),
        )
        proposed = sum(len(getattr(result.draft, s)) for s in ("aid", "weapons_policy", "sanctions", "battlefield_claims"))
        if proposed and brief.item_count() == 0:
            offline = self._offline(article, source, grounder)
            if offline.item_count():
                return offline.model_copy(
                    update={
                        "notes": [
                            "Nothing in the model's answer survived grounding; the offline engine answered.",
                            *brief.notes,
                            *offline.notes,
                        ]
                    }
                )
        return brief

    def _over_budget(self, workspace: str) -> bool:
        budget = self.settings.llm.daily_token_budget
        return budget is not None and self.store.tokens_used(workspace=workspace) >= budget

    def _record(self, workspace: str, usage: Usage | None) -> None:
        if usage and (usage.prompt_tokens or usage.completion_tokens):
            self.store.record_usage(
                workspace=workspace, prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens
            )

    def _cached(self, key: str) -> Brief | None:
        raw = self.store.get_cached_brief(key)
        if raw is None:
            return None
        try:
            return Brief.model_validate_json(raw)
        except ValueError:
            log.warning("ignoring an unreadable cached brief under %s", key)
            return None

    def warm(self) -> None:
        """Load everything the offline engine loads on first use (the parser, the names, the token
        encoding, the question reader) by briefing and asking about a two-sentence text of our own.

        A worker calls this before it claims a job: loading holds the interpreter lock for a tenth of a
        second at a time (compiled constructors), and a job thread holding SQLite's write lock meanwhile
        would hold up every other process's write (acknowledgements) with it."""
        from bot.llm.tokens import count_tokens

        count_tokens(_WARM_UP_TEXT, self.settings.llm.model)  # built here: a first brief counts in a fork
        article = self.load_text(_WARM_UP_TEXT)
        brief = self.brief(article, engine="extractive")
        self.offline_answerer.answer(article, "Who sends the air defence systems?", brief=brief, history=())

    # -- questions ---------------------------------------------------------------------------------

    def ask(
        self,
        article: Article,
        question: str,
        *,
        brief: Brief | None = None,
        history: Sequence[Turn] = (),
        workspace: str | None = None,
    ) -> AnswerResult:
        """Answer one follow-up question from the article, with verified quotes.

        A model answer counts against the workspace's daily token budget like a brief; once the budget
        is used up, the offline answerer answers, with a note."""
        answerer = self.answerer
        if answerer is self.offline_answerer:
            with self._reading:  # CPU-bound like a brief: see ``brief``
                return answerer.answer(article, question, brief=brief, history=history)
        workspace = workspace or _CLI_WORKSPACE
        if self._over_budget(workspace):
            with self._reading:
                result = self.offline_answerer.answer(article, question, brief=brief, history=history)
            result.notes.append(BUDGET_NOTE)
            return result
        result = answerer.answer(article, question, brief=brief, history=history)
        self._record(workspace, result.usage)
        return result
