"""Chat threads that hold a brief, and the questions and answers asked in them.

Thread state lives here so adapters never re-read a thread from Slack (``conversations.replies`` is
rate-limited to about one call a minute for non-Marketplace apps).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.store.database import Database
from bot.store.items import write_items
from bot.store.records import ThreadRecord
from bot.story.rows import BriefPlace

if TYPE_CHECKING:
    from bot.qa import Turn

_THREAD_COLUMNS = "platform, channel, thread_ts, article_id, brief_json, workspace, message_ts, created_at"


class ThreadsMixin:
    """Methods of ``Store`` that serve the chat adapters."""

    _db: Database
    _clock: Callable[[], float]

    def link_thread(
        self,
        *,
        platform: str,
        channel: str,
        thread_ts: str,
        article_id: int,
        brief_json: str,
        workspace: str | None = None,
        message_ts: str | None = None,
    ) -> None:
        """Remember that this thread holds the brief of ``article_id``; linking again replaces the brief."""
        with self._db.transaction() as s:
            s.execute(
                f"INSERT INTO threads ({_THREAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (platform, channel, thread_ts) DO UPDATE SET article_id = excluded.article_id,"
                " brief_json = excluded.brief_json,"
                " workspace = COALESCE(excluded.workspace, threads.workspace),"
                " message_ts = COALESCE(excluded.message_ts, threads.message_ts)",
                (platform, channel, thread_ts, article_id, brief_json, workspace, message_ts, self._clock()),
            )
            # The brief's items as rows, for digests and "what's new" (bot/store/items.py).
            row = s.one(
                "SELECT created_at, workspace FROM threads WHERE platform = ? AND channel = ? AND thread_ts = ?",
                (platform, channel, thread_ts),
            )
            assert row is not None
            write_items(
                s,
                brief_json,
                place=BriefPlace(
                    platform=platform,
                    channel=channel,
                    thread_ts=thread_ts,
                    article_id=article_id,
                    created_at=float(row[0]),
                    workspace=row[1],
                ),
            )

    def get_thread(self, *, platform: str, channel: str, thread_ts: str) -> ThreadRecord | None:
        """The brief thread rooted at ``thread_ts``, or None when it is not one of ours."""
        return self._one_thread("thread_ts = ?", (platform, channel, thread_ts))

    def find_thread_for_article(self, *, platform: str, channel: str, article_id: int) -> ThreadRecord | None:
        """The latest thread in ``channel`` that briefed ``article_id`` ("already briefed — see thread")."""
        return self._one_thread("article_id = ? ORDER BY created_at DESC LIMIT 1", (platform, channel, article_id))

    def _one_thread(self, condition: str, params: tuple[Any, ...]) -> ThreadRecord | None:
        """The first thread of a platform's channel that meets ``condition`` (its parameters after both)."""
        with self._db.session() as s:
            row = s.one(f"SELECT {_THREAD_COLUMNS} FROM threads WHERE platform = ? AND channel = ? AND {condition}", params)
        return _thread(row) if row else None

    def threads_for_article(
        self, *, platform: str, article_id: int, workspace: str | None = None, limit: int = 10
    ) -> list[ThreadRecord]:
        """The brief threads of ``article_id`` in any channel (of ``workspace`` when given), oldest first."""
        query = f"SELECT {_THREAD_COLUMNS} FROM threads WHERE platform = ? AND article_id = ?"
        params: list[Any] = [platform, article_id]
        if workspace is not None:
            query += " AND workspace = ?"
            params.append(workspace)
        with self._db.session() as s:
            rows = s.all(query + " ORDER BY created_at LIMIT ?", (*params, limit))
        return [_thread(row) for row in rows]

    def recent_threads(self, *, platform: str, workspace: str | None, limit: int = 10) -> list[ThreadRecord]:
        """The latest brief threads, newest first; ``workspace=None`` means every workspace."""
        query = f"SELECT {_THREAD_COLUMNS} FROM threads WHERE platform = ?"
        params: list[Any] = [platform]
        if workspace is not None:
            query += " AND workspace = ?"
            params.append(workspace)
        params.append(limit)
        with self._db.session() as s:
            rows = s.all(query + " ORDER BY created_at DESC LIMIT ?", params)
        return [_thread(row) for row in rows]

    def add_turn(self, *, platform: str, channel: str, thread_ts: str, question: str, answer: str) -> None:
        """Append one question and its answer to the thread's memory."""
        with self._db.session() as s:
            s.execute(
                "INSERT INTO turns (platform, channel, thread_ts, question, answer, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (platform, channel, thread_ts, question, answer, self._clock()),
            )

    def get_turns(self, *, platform: str, channel: str, thread_ts: str) -> list[Turn]:
        """The thread's questions and answers, oldest first, as the answerer takes them (``bot.qa.Turn``, the one
        record of a turn; imported here only, when a thread is answered, so the store stays light)."""
        from bot.qa import Turn

        with self._db.session() as s:
            rows = s.all(
                "SELECT question, answer FROM turns WHERE platform = ? AND channel = ? AND thread_ts = ? ORDER BY id",
                (platform, channel, thread_ts),
            )
        return [Turn(question=q, answer=a) for q, a in rows]


def _thread(row: tuple[Any, ...]) -> ThreadRecord:
    platform, channel, thread_ts, article_id, brief_json, workspace, message_ts, created_at = row
    return ThreadRecord(
        platform=platform,
        channel=channel,
        thread_ts=thread_ts,
        article_id=int(article_id),
        brief_json=brief_json,
        workspace=workspace,
        message_ts=message_ts,
        created_at=float(created_at),
    )
