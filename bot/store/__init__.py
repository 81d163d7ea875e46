"""briefbot's persistence layer: one ``Store`` over SQLite (default) or PostgreSQL (``DATABASE_URL``).

    store = open_store(settings().database_url)   # None → data_dir()/briefbot.db
    article_id = store.save_article(article)
    if store.claim_event(event_id): ...

Slack's OAuth installation and state stores live in ``bot.store.slack_oauth`` (imported lazily here).
"""

from __future__ import annotations

from typing import Any

from bot.store.base import Store, open_store
from bot.store.records import Admission, Job, RateLimit, ThreadRecord

__all__ = [
    "Admission",
    "Job",
    "RateLimit",
    "SQLInstallationStore",
    "SQLOAuthStateStore",
    "Store",
    "ThreadRecord",
    "open_store",
]


def __getattr__(name: str) -> Any:
    # slack_sdk is only needed by the Slack adapter's OAuth mode; don't import it for everyone else.
    if name in ("SQLInstallationStore", "SQLOAuthStateStore"):
        from bot.store import slack_oauth

        return getattr(slack_oauth, name)
    raise AttributeError(f"module 'bot.store' has no attribute {name!r}")
