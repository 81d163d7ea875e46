"""Articles stored once, the brief cache, and token usage per workspace and day."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from bot.article import Article
from bot.store.database import Database, Session

_ARTICLE_COLUMNS = "text, title, url, site, published, kind, extra"


class ArticlesMixin:
    """Methods of ``Store`` that serve ingestion and the brief service."""

    _db: Database
    _clock: Callable[[], float]

    # -- articles -----------------------------------------------------------------------------------

    def save_article(self, article: Article, *, canonical_url: str | None = None) -> int:
        """Store ``article`` once and return its id; the same text or canonical URL gives the existing id."""
        sha = article.content_sha256
        with self._db.transaction() as s:
            existing = _find_article(s, content_sha256=sha, canonical_url=canonical_url)
            if existing is not None:
                article_id, known_url = existing
                url_is_free = canonical_url and _find_article(s, canonical_url=canonical_url) is None
                if known_url is None and url_is_free:
                    # The text was stored before its canonical URL was known: remember it now.
                    s.execute("UPDATE articles SET canonical_url = ? WHERE id = ?", (canonical_url, article_id))
                return article_id
            row = s.one(
                f"INSERT INTO articles (content_sha256, canonical_url, {_ARTICLE_COLUMNS}, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (
                    sha,
                    canonical_url,
                    article.text,
                    article.title,
                    article.url,
                    article.site,
                    article.published,
                    article.kind,
                    json.dumps(article.extra, sort_keys=True),
                    self._clock(),
                ),
            )
            if row is None:
                # Another process stored the same article between our lookup and insert.
                raced = _find_article(s, content_sha256=sha, canonical_url=canonical_url)
                assert raced is not None
                return raced[0]
            return int(row[0])

    def get_article(self, article_id: int) -> Article | None:
        """The stored article, or None."""
        with self._db.session() as s:
            row = s.one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        text, title, url, site, published, kind, extra = row
        meta = json.loads(extra) if extra else {}
        return Article(text=text, title=title, url=url, site=site, published=published, kind=kind, extra=meta)

    def find_article(self, *, content_sha256: str | None = None, canonical_url: str | None = None) -> int | None:
        """The id of the article with this content hash, else with this canonical URL, else None."""
        with self._db.session() as s:
            found = _find_article(s, content_sha256=content_sha256, canonical_url=canonical_url)
        return found[0] if found else None

    # -- brief cache --------------------------------------------------------------------------------

    def get_cached_brief(self, key: str) -> str | None:
        """The Brief JSON cached under ``key``, or None."""
        with self._db.session() as s:
            row = s.one("SELECT brief_json FROM brief_cache WHERE key = ?", (key,))
        return str(row[0]) if row else None

    def put_cached_brief(
        self,
        key: str,
        *,
        article_id: int | None,
        brief_json: str,
        engine: str,
        model: str | None,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        """Cache a brief with the tokens it cost; a second put under the same key replaces the first."""
        with self._db.session() as s:
            s.execute(
                "INSERT INTO brief_cache (key, article_id, brief_json, engine, model, prompt_tokens,"
                " completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET article_id = excluded.article_id,"
                " brief_json = excluded.brief_json, engine = excluded.engine, model = excluded.model,"
                " prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,"
                " created_at = excluded.created_at",
                (key, article_id, brief_json, engine, model, prompt_tokens, completion_tokens, self._clock()),
            )

    # -- token usage --------------------------------------------------------------------------------

    def record_usage(self, *, workspace: str, prompt_tokens: int, completion_tokens: int, day: str | None = None) -> None:
        """Add tokens to the workspace's total for ``day`` (UTC "YYYY-MM-DD", default today)."""
        with self._db.session() as s:
            # A single upsert adds atomically, even with several processes recording at once.
            s.execute(
                "INSERT INTO token_usage (workspace, day, prompt_tokens, completion_tokens)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (workspace, day) DO UPDATE SET"
                " prompt_tokens = token_usage.prompt_tokens + excluded.prompt_tokens,"
                " completion_tokens = token_usage.completion_tokens + excluded.completion_tokens",
                (workspace, day or self._today(), prompt_tokens, completion_tokens),
            )

    def tokens_used(self, *, workspace: str, day: str | None = None) -> int:
        """Prompt plus completion tokens the workspace used on ``day`` (UTC, default today)."""
        with self._db.session() as s:
            row = s.one(
                "SELECT prompt_tokens + completion_tokens FROM token_usage WHERE workspace = ? AND day = ?",
                (workspace, day or self._today()),
            )
        return int(row[0]) if row else 0

    def _today(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).strftime("%Y-%m-%d")


def _find_article(
    s: Session, *, content_sha256: str | None = None, canonical_url: str | None = None
) -> tuple[int, str | None] | None:
    # The content hash wins: the same text under two URLs is one article.
    for column, value in (("content_sha256", content_sha256), ("canonical_url", canonical_url)):
        if value:
            row = s.one(f"SELECT id, canonical_url FROM articles WHERE {column} = ?", (value,))
            if row is not None:
                return int(row[0]), row[1]
    return None
