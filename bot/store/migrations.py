"""Schema migrations: ordered, named functions recorded in ``_migrations`` (after simonw/llm's migrations.py).

Add a change by appending a new ``@migration`` function; never edit one that has shipped. ``migrate`` runs the
missing ones in order inside one transaction, holding a lock so several processes can start at once.
Columns use types both dialects share (TEXT, BIGINT, DOUBLE PRECISION); ``db.dialect.id_pk`` is the only
dialect-specific piece.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.errors import StorageError
from bot.store.database import Database, Session
from bot.store.pg_functions import ADMIT_BATCH_FUNCTION, ADMIT_FUNCTION

MigrationFn = Callable[[Session], None]
MIGRATIONS: list[tuple[str, MigrationFn]] = []


def migration(fn: MigrationFn) -> MigrationFn:
    """Register ``fn`` as the next migration; its name is its identity in ``_migrations``."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _up_to_date(db: Database) -> bool:
    """Are all migrations recorded? Read without a write lock, so a process starts on a database it cannot
    write to (a read-only disk) and reports it on /healthz instead of failing to start."""
    try:
        with db.session() as s:
            done = {row[0] for row in s.all("SELECT name FROM _migrations")}
    except StorageError:  # no _migrations table yet
        return False
    return all(name in done for name, _ in MIGRATIONS)


def migrate(db: Database) -> list[str]:
    """Apply the migrations not yet recorded; return their names. Running it again is a no-op."""
    if _up_to_date(db):
        return []
    with db.transaction() as s:
        lock = db.dialect.lock_sql()
        if lock is not None:
            s.execute(lock)
        s.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
        done = {row[0] for row in s.all("SELECT name FROM _migrations")}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            fn(s)
            s.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, time.time()))
            applied.append(name)
        return applied


@migration
def m001_articles_and_briefs(db: Session) -> None:
    db.execute(f"""
        CREATE TABLE articles (
            id {db.dialect.id_pk},
            content_sha256 TEXT NOT NULL UNIQUE,
            canonical_url TEXT UNIQUE,
            url TEXT,
            title TEXT,
            site TEXT,
            published TEXT,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{{}}',
            created_at DOUBLE PRECISION NOT NULL
        )""")
    # Article ids are referenced without foreign keys so that pruning articles never breaks a cache row.
    db.execute("""
        CREATE TABLE brief_cache (
            key TEXT PRIMARY KEY,
            article_id BIGINT,
            brief_json TEXT NOT NULL,
            engine TEXT NOT NULL,
            model TEXT,
            prompt_tokens BIGINT NOT NULL DEFAULT 0,
            completion_tokens BIGINT NOT NULL DEFAULT 0,
            created_at DOUBLE PRECISION NOT NULL
        )""")
    db.execute("CREATE INDEX brief_cache_article ON brief_cache (article_id)")
    db.execute("""
        CREATE TABLE token_usage (
            workspace TEXT NOT NULL,
            day TEXT NOT NULL,
            prompt_tokens BIGINT NOT NULL DEFAULT 0,
            completion_tokens BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (workspace, day)
        )""")


@migration
def m002_threads_and_turns(db: Session) -> None:
    db.execute("""
        CREATE TABLE threads (
            platform TEXT NOT NULL,
            channel TEXT NOT NULL,
            thread_ts TEXT NOT NULL,
            article_id BIGINT NOT NULL,
            brief_json TEXT NOT NULL,
            workspace TEXT,
            message_ts TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (platform, channel, thread_ts)
        )""")
    db.execute("CREATE INDEX threads_article ON threads (platform, channel, article_id, created_at)")
    db.execute("CREATE INDEX threads_recent ON threads (platform, workspace, created_at)")
    db.execute(f"""
        CREATE TABLE turns (
            id {db.dialect.id_pk},
            platform TEXT NOT NULL,
            channel TEXT NOT NULL,
            thread_ts TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        )""")
    db.execute("CREATE INDEX turns_thread ON turns (platform, channel, thread_ts, id)")


@migration
def m003_events_jobs_rate_limits(db: Session) -> None:
    db.execute("""
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            claimed_at DOUBLE PRECISION NOT NULL
        )""")
    db.execute("CREATE INDEX events_claimed_at ON events (claimed_at)")
    db.execute(f"""
        CREATE TABLE jobs (
            id {db.dialect.id_pk},
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts BIGINT NOT NULL DEFAULT 0,
            worker TEXT,
            error TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL
        )""")
    db.execute("CREATE INDEX jobs_status ON jobs (status, updated_at)")
    db.execute(f"""
        CREATE TABLE rate_hits (
            id {db.dialect.id_pk},
            key TEXT NOT NULL,
            at DOUBLE PRECISION NOT NULL
        )""")
    db.execute("CREATE INDEX rate_hits_key ON rate_hits (key, at)")


@migration
def m004_slack_oauth(db: Session) -> None:
    # Lookup keys as columns; the rest of slack_sdk's Installation/Bot as JSON, so SDK upgrades need no
    # migration. Tokens are stored as slack_sdk's own SQL stores do: protect the database accordingly.
    # Both stores have the same layout: one row per unique set of lookup keys.
    for table, keys in (
        ("slack_installations", ("client_id", "enterprise_id", "team_id", "user_id")),
        ("slack_bots", ("client_id", "enterprise_id", "team_id")),
    ):
        columns = [
            f"id {db.dialect.id_pk}",
            *(f"{key} TEXT NOT NULL" for key in keys),
            "installed_at DOUBLE PRECISION NOT NULL",
            "data TEXT NOT NULL",
            f"UNIQUE ({', '.join(keys)})",
        ]
        db.execute(f"CREATE TABLE {table} (\n" + ",\n".join(columns) + "\n)")
    db.execute("""
        CREATE TABLE slack_oauth_states (
            state TEXT PRIMARY KEY,
            expire_at DOUBLE PRECISION NOT NULL
        )""")


@migration
def m005_job_progress(db: Session) -> None:
    # What a job has already shown the user (its placeholder's ts, whether the result was delivered), so
    # an attempt after a crash edits that message instead of posting another.
    db.execute("ALTER TABLE jobs ADD COLUMN progress TEXT NOT NULL DEFAULT '{}'")


@migration
def m006_brief_items(db: Session) -> None:
    # One row per brief item, for digests and "what's new" (bot/store/items.py); backfilled from the
    # briefs already stored in ``threads``. Keys are normalised names (bot/story/normalise.py).
    from bot.store.items import rewrite_items

    db.execute(f"""
        CREATE TABLE brief_items (
            id {db.dialect.id_pk},
            section TEXT NOT NULL,
            position BIGINT NOT NULL,
            platform TEXT NOT NULL,
            channel TEXT NOT NULL,
            thread_ts TEXT NOT NULL,
            article_id BIGINT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            workspace TEXT,
            donor TEXT,
            recipient TEXT,
            value DOUBLE PRECISION,
            currency TEXT,
            amount TEXT,
            aid_type TEXT,
            actor TEXT,
            weapon TEXT,
            stance TEXT,
            imposed_by TEXT,
            target_count BIGINT,
            claimant TEXT,
            side TEXT,
            location TEXT,
            status TEXT,
            detail TEXT,
            entity_key TEXT,
            weapon_key TEXT,
            place_key TEXT
        )""")
    db.execute("CREATE INDEX brief_items_thread ON brief_items (platform, channel, thread_ts)")
    db.execute("CREATE INDEX brief_items_time ON brief_items (created_at)")
    db.execute("CREATE INDEX brief_items_platform_time ON brief_items (platform, created_at)")
    db.execute("CREATE INDEX brief_items_channel_time ON brief_items (platform, channel, created_at)")
    db.execute("CREATE INDEX brief_items_entity ON brief_items (platform, channel, entity_key)")
    db.execute("CREATE INDEX brief_items_place ON brief_items (platform, channel, place_key)")
    db.execute("CREATE INDEX threads_article_any ON threads (platform, article_id, created_at)")
    rewrite_items(db)


def _postgres_function(db: Session, ddl: str) -> None:
    """A PL/pgSQL function: PostgreSQL only (SQLite admits in Python, in one transaction)."""
    if db.dialect.name == "postgresql":
        db.execute(ddl)


@migration
def m007_admit_function(db: Session) -> None:
    _postgres_function(db, ADMIT_FUNCTION)


@migration
def m008_brief_item_keys(db: Session) -> None:
    # The fingerprint of the matching rules and names the rows of brief_items were keyed with; when it
    # differs from today's, opening the store re-keys them (bot/store/items.py, ensure_item_keys).
    db.execute("CREATE TABLE brief_item_keys (fingerprint TEXT NOT NULL)")


@migration
def m009_admit_batch_function(db: Session) -> None:
    _postgres_function(db, ADMIT_BATCH_FUNCTION)
