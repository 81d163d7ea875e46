"""Migrating an empty database gives the expected tables and columns, once; docs/schema.md matches."""

from __future__ import annotations

from pathlib import Path

import test_store_db as db

from bot.store import open_store
from bot.store.migrations import MIGRATIONS, migrate
from bot.store.schema_doc import render_schema_markdown

store_url = db.store_url

EXPECTED_COLUMNS = {
    "_migrations": ["name", "applied_at"],
    "articles": [
        "id",
        "content_sha256",
        "canonical_url",
        "url",
        "title",
        "site",
        "published",
        "kind",
        "text",
        "extra",
        "created_at",
    ],
    "brief_cache": [
        "key",
        "article_id",
        "brief_json",
        "engine",
        "model",
        "prompt_tokens",
        "completion_tokens",
        "created_at",
    ],
    "token_usage": ["workspace", "day", "prompt_tokens", "completion_tokens"],
    "threads": ["platform", "channel", "thread_ts", "article_id", "brief_json", "workspace", "message_ts", "created_at"],
    "turns": ["id", "platform", "channel", "thread_ts", "question", "answer", "created_at"],
    "events": ["event_id", "claimed_at"],
    "jobs": ["id", "kind", "payload", "status", "attempts", "worker", "error", "created_at", "updated_at", "progress"],
    "rate_hits": ["id", "key", "at"],
    "slack_installations": ["id", "client_id", "enterprise_id", "team_id", "user_id", "installed_at", "data"],
    "slack_bots": ["id", "client_id", "enterprise_id", "team_id", "installed_at", "data"],
    "slack_oauth_states": ["state", "expire_at"],
    "brief_items": [
        "id",
        "section",
        "position",
        "platform",
        "channel",
        "thread_ts",
        "article_id",
        "created_at",
        "workspace",
        "donor",
        "recipient",
        "value",
        "currency",
        "amount",
        "aid_type",
        "actor",
        "weapon",
        "stance",
        "imposed_by",
        "target_count",
        "claimant",
        "side",
        "location",
        "status",
        "detail",
        "entity_key",
        "weapon_key",
        "place_key",
    ],
    "brief_item_keys": ["fingerprint"],
}


def _columns(store) -> dict[str, list[str]]:
    with store.db.session() as s:
        if store.dialect_name == "sqlite":
            tables = [
                r[0] for r in s.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            ]
            return {t: [r[1] for r in s.all(f"PRAGMA table_info({t})")] for t in tables}
        rows = s.all(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    return found


def test_migrating_an_empty_database_creates_the_expected_columns(store_url):
    with open_store(store_url) as store:
        assert _columns(store) == EXPECTED_COLUMNS
        with store.db.session() as s:
            recorded = [r[0] for r in s.all("SELECT name FROM _migrations ORDER BY applied_at, name")]
        assert recorded == [name for name, _ in MIGRATIONS]


def test_migrating_again_is_a_no_op_and_keeps_data(store_url):
    with open_store(store_url) as store:
        assert store.claim_event("kept")
        assert migrate(store.db) == []
    with open_store(store_url) as reopened:
        assert reopened.claim_event("kept") is False
        with reopened.db.session() as s:
            assert s.one("SELECT COUNT(*) FROM _migrations") == (len(MIGRATIONS),)


def test_migration_names_are_unique_and_ordered():
    names = [name for name, _ in MIGRATIONS]
    assert len(set(names)) == len(names)
    assert names == sorted(names)


def test_docs_schema_is_generated_from_the_migrations():
    doc = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
    assert doc.read_text(encoding="utf-8") == render_schema_markdown(), (
        "docs/schema.md is stale: run `.venv/bin/python -m bot.store.schema_doc > docs/schema.md`"
    )
