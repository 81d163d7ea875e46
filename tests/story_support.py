"""The repo's own held-out fixture articles, briefed once per test run by the real offline engine, and a
helper that posts them into a store as brief threads (the same ``link_thread`` the chat adapters call)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bot.article import Article
from bot.models import Brief

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Briefed:
    path: Path
    article: Article
    brief: Brief


@functools.lru_cache(maxsize=2)
def briefed_fixtures(*, story: bool = False) -> tuple[Briefed, ...]:
    """Every tests/fixtures/heldout*/NNN.txt and tests/fixtures/articles/*.txt (never blind*), briefed offline;
    with ``story``, then the story-tracking pairs of tests/fixtures/story/ too."""
    from bot.config import Settings
    from bot.service import BriefService

    service = BriefService(settings=Settings(), llm=None)
    folders = [*sorted(FIXTURES.glob("heldout*")), FIXTURES / "articles", *([FIXTURES / "story"] if story else [])]
    paths = [p for d in folders for p in sorted(d.glob("*.txt"))]
    assert paths and not any("blind" in str(p) for p in paths)
    out = []
    for path in paths:
        article = service.load(str(path))
        out.append(Briefed(path=path, article=article, brief=service.brief(article, engine="extractive")))
    return tuple(out)


def story_fixture(name: str) -> Briefed:
    """One of tests/fixtures/story/*.txt, briefed offline."""
    return next(b for b in briefed_fixtures(story=True) if b.path.name == name)


def post_all(store, items, *, clock, platform="slack", channel="C1", workspace="T1", step_s=3600.0, start_ts=1_750_000_000):
    """Store each article and link a thread holding its brief, one hour apart; return the thread ids."""
    threads = []
    for n, item in enumerate(items):
        article_id = store.save_article(item.article)
        thread = f"{start_ts + n}.000100" if platform == "slack" else str(900_000_000_000 + n)
        store.link_thread(
            platform=platform,
            channel=channel,
            thread_ts=thread,
            article_id=article_id,
            brief_json=item.brief.model_dump_json(),
            workspace=workspace,
        )
        threads.append(thread)
        clock.advance(step_s)
    return threads


def first_pair(items, key_fn):
    """The first two articles (in posting order) whose items share a key; key_fn(item) → set of keys."""
    seen: dict[object, int] = {}
    for j, item in enumerate(items):
        for key in key_fn(item):
            if key in seen and seen[key] != j:
                return seen[key], j, key
        for key in key_fn(item):
            seen.setdefault(key, j)
    raise AssertionError("no such pair in the fixtures")


def post_editions(
    store, items, *, editions, clock, platform="slack", channel="C1", workspace="T1", days=28.0, start_ts=1_740_000_000
):
    """A busy month: every article of ``items`` posted ``editions`` times as distinct articles (its text with
    an edition line, so each is stored and briefed apart), spread over ``days``; returns the thread ids, and
    (thread, Briefed) pairs in posting order."""
    from bot.article import Article

    posted = []
    step = days * 86400 / max(1, editions * len(items))
    for k in range(editions):
        for n, item in enumerate(items):
            article = Article(text=f"{item.article.text}\n\n(Edition {k + 1}.)", title=item.article.title)
            article_id = store.save_article(article)
            serial = k * len(items) + n
            thread = f"{start_ts + serial}.000200" if platform == "slack" else str(800_000_000_000 + serial)
            store.link_thread(
                platform=platform,
                channel=channel,
                thread_ts=thread,
                article_id=article_id,
                brief_json=item.brief.model_dump_json(),
                workspace=workspace,
            )
            posted.append((thread, item))
            clock.advance(step)
    return posted


class WallClock:
    """A store clock that starts ``days_ago`` days before now and moves only when told (for chat tests, whose
    digests end at the real now)."""

    def __init__(self, days_ago: float = 29.0) -> None:
        import time

        self.now = time.time() - days_ago * 86400

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def expected_lines(pairs, url_of):
    """What a complete digest must show for these (thread, Briefed) pairs: (figure text, thread URL) for every
    aid amount and sanctions count."""
    out = []
    for thread, item in pairs:
        url = url_of(thread)
        for aid in item.brief.aid:
            if aid.value is not None:
                value = f"{aid.value:,.0f}" if float(aid.value).is_integer() else f"{aid.value:,.2f}"
                out.append((f"{aid.currency.upper()} {value}", url))
        for san in item.brief.sanctions:
            if san.target_count is not None:
                out.append((f"{san.target_count:,} targets", url))
    return out
