"""The story service: what the adapters call for digests, "what's new" and articles briefed elsewhere.

    digest = stories.digest(service, period="week", platform="slack", channel="C1")
    png = stories.chart(digest)                                      # None when there is nothing to draw
    notes = stories.whats_new(service, brief, platform="slack", channel="C1", article_id=7, thread_ts=None)
    brief, elsewhere = stories.brief_once(service, article, platform="slack", channel="C2", workspace="T1")

Logic lives in ``bot.story`` (pure) and rows in ``bot.store.items``; this module only joins them, so
adapters never import the store.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.errors import InputError
from bot.models import Brief
from bot.story.digest import PERIODS, Digest, compose_digest, window
from bot.story.normalise import Normaliser, normaliser_for
from bot.story.rows import BriefPlace, rows_from_brief
from bot.story.whatsnew import Note, compare

if TYPE_CHECKING:
    from bot.article import Article
    from bot.store import Store


class HasStore(Protocol):
    """What digests need: the store (``bot.service.BriefService`` or a ``StoreView``)."""

    @property
    def store(self) -> Store: ...


class BriefService(HasStore, Protocol):
    """What this module needs of ``bot.service.BriefService`` (adapters may hand a narrower view)."""

    def brief(self, article: Article, *, workspace: str | None = None) -> Brief: ...


@dataclass(frozen=True)
class StoreView:
    """Just a store, for digests without a brief service (``briefbot digest`` starts faster without one)."""

    store: Store


USAGE = "Usage: `/brief digest [today|week|30d]` (default: week)"


def parse_period(text: str | None) -> str:
    """ "", "week", "Today", "30d" → the period; anything else is an InputError with the usage line."""
    word = (text or "").strip().lower() or "week"
    aliases = {"day": "today", "7d": "week", "month": "30d", "30": "30d"}
    word = aliases.get(word, word)
    if word not in PERIODS:
        raise InputError(f"unknown digest period {(text or '').strip()!r}: use today, week or 30d")
    return word


def normaliser(service: Any) -> Normaliser:  # noqa: ARG001
    """The normaliser the store keys its rows with (the shipped domain file's actors and weapons), so new
    items and stored rows always compare with the same keys."""
    return normaliser_for()


def digest(
    service: HasStore,
    *,
    period: str = "week",
    now: float | None = None,
    platform: str | None = None,
    channel: str | None = None,
    workspace: str | None = None,
) -> Digest:
    """The digest of the briefs posted in ``period`` up to ``now`` (in one channel when given)."""
    period = parse_period(period)
    start, end = window(period, now=time.time() if now is None else now)
    rows = service.store.items_between(start=start, end=end, platform=platform, channel=channel, workspace=workspace)
    return compose_digest(rows, period=period, start=start, end=end)


def chart(found: Digest) -> bytes | None:
    """The digest's chart as PNG bytes, or None when it has no aid figures and no claims about places."""
    from bot.story.chart import has_chart, render_png

    return render_png(found) if has_chart(found) else None


def whats_new(
    service: BriefService,
    brief: Brief,
    *,
    platform: str,
    channel: str,
    article_id: int = 0,
    thread_ts: str | None = None,
    workspace: str | None = None,
) -> list[Note]:
    """How each item of ``brief`` relates to the channel's earlier briefs (this thread's own rows excluded); no
    notes when the channel has no earlier brief with items."""
    place = BriefPlace(
        platform=platform,
        channel=channel,
        thread_ts=thread_ts or "(new)",
        article_id=article_id,
        created_at=service.store.now(),
        workspace=workspace,
    )
    rows = rows_from_brief(brief, place=place, normaliser=normaliser(service))
    if not rows:
        return []
    earlier = service.store.items_matching(
        platform=platform,
        channel=channel,
        entity_keys=[r.entity_key for r in rows if r.entity_key],
        place_keys=[r.place_key for r in rows if r.place_key],
        exclude_thread=thread_ts,
    )
    earlier = [e for e in earlier if e.article_id != article_id or not article_id]
    notes = compare(rows, earlier)
    if all(n.kind == "new" for n in notes) and not service.store.channel_has_items(
        platform=platform, channel=channel, exclude_thread=thread_ts
    ):
        return []  # the channel's first brief: nothing to compare with, nothing to say
    return notes


def elsewhere(
    service: BriefService, *, article_id: int | None, platform: str, channel: str, workspace: str | None = None
) -> list[BriefPlace]:
    """The brief threads of this article in other channels (of the same workspace), oldest first."""
    if article_id is None:
        return []
    records = service.store.threads_for_article(platform=platform, article_id=article_id, workspace=workspace)
    return [t for t in records if t.channel != channel]


MaybeText = str | None  # an optional workspace id or link


def brief_once(
    service: BriefService,
    article: Article,
    *,
    platform: str,
    channel: str,
    workspace: MaybeText = None,
    canonical_url: MaybeText = None,
) -> tuple[Brief, list[BriefPlace]]:
    """The brief of ``article``: the one already posted in another channel when there is one (briefed
    once), with references to those threads; else a fresh brief and no references. The same article is the
    same text, or the same link (``canonical_url``) even when the page changed a little between fetches."""
    store = service.store
    article_id = store.find_article(content_sha256=article.content_sha256, canonical_url=canonical_url)
    refs = elsewhere(service, article_id=article_id, platform=platform, channel=channel, workspace=workspace)
    if article_id is not None and refs:
        for record in store.threads_for_article(platform=platform, article_id=article_id, workspace=workspace):
            if record.channel == channel:
                continue
            try:
                return Brief.model_validate_json(record.brief_json), refs
            except ValueError:
                continue
    return service.brief(article, workspace=workspace), []
