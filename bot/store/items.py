"""Brief items as rows (``brief_items``): written with each brief thread, read by digests and "what's new".

Rows are derived data: ``link_thread`` replaces a thread's rows whenever it stores its brief, and
migration ``m006_brief_items`` backfilled the threads that existed before. Every read is an indexed
range or key lookup (see docs/schema.md), so a digest over 10,000 briefs stays well under a second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from bot.errors import StorageError
from bot.models import Brief
from bot.store.database import Database, Session
from bot.story.normalise import Normaliser, normaliser_for
from bot.story.rows import COLUMNS, BriefPlace, ItemRow, rows_from_brief

log = logging.getLogger(__name__)

_SELECT = ", ".join(COLUMNS)
_INSERT = f"INSERT INTO brief_items ({_SELECT}) VALUES ({', '.join('?' for _ in COLUMNS)})"


def write_items(
    s: Session, brief_json: str, *, place: BriefPlace, normaliser: Normaliser | None = None, replace: bool = True
) -> int:
    """Replace the rows of the brief at ``place`` with those of ``brief_json``; return how many were written."""
    if replace:
        s.execute(
            "DELETE FROM brief_items WHERE platform = ? AND channel = ? AND thread_ts = ?",
            (place.platform, place.channel, place.thread_ts),
        )
    try:
        brief = Brief.model_validate_json(brief_json)
    except ValueError:
        log.warning("brief of thread %s/%s is unreadable; no item rows", place.channel, place.thread_ts)
        return 0
    rows = rows_from_brief(brief, place=place, normaliser=normaliser or normaliser_for())
    if rows:
        cur = s.conn.cursor()  # both drivers batch on a cursor (psycopg's connection has no executemany)
        try:
            cur.executemany(s.dialect.sql(_INSERT), [tuple(getattr(r, c) for c in COLUMNS) for r in rows])
        finally:
            cur.close()
    return len(rows)


def rewrite_items(s: Session, normaliser: Normaliser | None = None, *, page: int = 500) -> int:
    """Derive every thread's rows again (with today's keys); return how many briefs were read."""
    n = normaliser or normaliser_for()
    s.execute("DELETE FROM brief_items")
    done = 0
    while True:
        threads = s.all(
            "SELECT platform, channel, thread_ts, article_id, brief_json, workspace, created_at FROM threads"
            " ORDER BY platform, channel, thread_ts LIMIT ? OFFSET ?",
            (page, done),
        )
        for platform, channel, thread_ts, article_id, brief_json, workspace, created_at in threads:
            place = BriefPlace(
                platform=platform,
                channel=channel,
                thread_ts=thread_ts,
                article_id=int(article_id),
                created_at=float(created_at),
                workspace=workspace,
            )
            write_items(s, brief_json, place=place, normaliser=n, replace=False)
        done += len(threads)
        if len(threads) < page:
            return done


def ensure_item_keys(db: Database, normaliser: Normaliser | None = None) -> bool:
    """Re-key the rows when the matching rules or their config (actors, weapons, ``place_names.yaml``) changed
    since they were written; True when it did. One read when nothing changed; a database that refuses writes
    keeps its rows (and says so in the log)."""
    n = normaliser or normaliser_for()
    with db.session() as s:
        row = s.one("SELECT fingerprint FROM brief_item_keys")
    if row is not None and row[0] == n.fingerprint:
        return False
    try:
        with db.transaction() as s:
            lock = db.dialect.lock_sql()
            if lock is not None:
                s.execute(lock)
            row = s.one("SELECT fingerprint FROM brief_item_keys")
            if row is not None and row[0] == n.fingerprint:
                return False  # another process did it meanwhile
            briefs = rewrite_items(s, n)
            s.execute("DELETE FROM brief_item_keys")
            s.execute("INSERT INTO brief_item_keys (fingerprint) VALUES (?)", (n.fingerprint,))
    except StorageError as exc:
        log.warning("brief items keep their old matching keys: %s", exc)
        return False
    if briefs:
        log.info("re-keyed the items of %d briefs (matching rules or names changed)", briefs)
    return True


class ItemsMixin:
    """Methods of ``Store`` that read and write brief items."""

    _db: Database
    _clock: Callable[[], float]

    def items_between(
        self,
        *,
        start: float,
        end: float | None = None,
        platform: str | None = None,
        channel: str | None = None,
        workspace: str | None = None,
    ) -> list[ItemRow]:
        """Items of briefs posted in ``[start, end)``, oldest first, each brief's in section order; narrowed to
        a platform, channel or workspace."""
        query = f"SELECT {_SELECT} FROM brief_items WHERE created_at >= ?"
        params: list[Any] = [start]
        if end is not None:
            query += " AND created_at < ?"
            params.append(end)
        for column, value in (("platform", platform), ("channel", channel), ("workspace", workspace)):
            if value is not None:
                query += f" AND {column} = ?"
                params.append(value)
        with self._db.session() as s:
            # Columns come in ItemRow's field order and both drivers return its types: build rows directly.
            # Ties are one brief's items, in insertion (section, position) order: on SQLite the index already
            # holds that order (its rowid is ``id``), so nothing is sorted.
            rows = s.execute(query + " ORDER BY created_at, id", params).fetchall()
        return [ItemRow(*r) for r in rows]

    def items_of_thread(self, *, platform: str, channel: str, thread_ts: str) -> list[ItemRow]:
        """The rows of one brief thread."""
        with self._db.session() as s:
            rows = s.all(
                f"SELECT {_SELECT} FROM brief_items WHERE platform = ? AND channel = ? AND thread_ts = ?"
                " ORDER BY section, position",
                (platform, channel, thread_ts),
            )
        return [_row(r) for r in rows]

    def items_matching(
        self,
        *,
        platform: str,
        channel: str,
        entity_keys: Sequence[str],
        place_keys: Sequence[str],
        exclude_thread: str | None = None,
        limit: int = 2000,
    ) -> list[ItemRow]:
        """Earlier items in ``channel`` about any of these entities or places (newest first)."""
        found: list[tuple[Any, ...]] = []
        with self._db.session() as s:
            for column, keys in (("entity_key", sorted(set(entity_keys))), ("place_key", sorted(set(place_keys)))):
                for start in range(0, len(keys), 200):
                    chunk = keys[start : start + 200]
                    marks = ", ".join("?" for _ in chunk)
                    found += s.all(
                        f"SELECT {_SELECT} FROM brief_items WHERE platform = ? AND channel = ?"
                        f" AND {column} IN ({marks}) ORDER BY created_at DESC LIMIT ?",
                        (platform, channel, *chunk, limit),
                    )
        seen: set[tuple[Any, ...]] = set()
        rows = []
        for r in found:
            row = _row(r)
            ident = (row.thread_ts, row.section, row.position)
            if row.thread_ts == exclude_thread or ident in seen:
                continue
            seen.add(ident)
            rows.append(row)
        return sorted(rows, key=lambda r: r.created_at, reverse=True)

    def channel_has_items(self, *, platform: str, channel: str, exclude_thread: str | None = None) -> bool:
        """Does any brief of ``channel`` (but the thread ``exclude_thread``) have items?"""
        with self._db.session() as s:
            row = s.one(
                "SELECT 1 FROM brief_items WHERE platform = ? AND channel = ? AND thread_ts <> ? LIMIT 1",
                (platform, channel, exclude_thread or ""),
            )
        return row is not None

    def count_items(self) -> int:
        with self._db.session() as s:
            row = s.one("SELECT COUNT(*) FROM brief_items")
        return int(row[0]) if row else 0


def _row(values: tuple[Any, ...]) -> ItemRow:
    data = dict(zip(COLUMNS, values, strict=True))
    for key in ("position", "article_id", "target_count"):
        if data[key] is not None:
            data[key] = int(data[key])
    for key in ("value", "created_at"):
        if data[key] is not None:
            data[key] = float(data[key])
    return ItemRow(**data)
