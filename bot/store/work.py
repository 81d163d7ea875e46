"""Coordination between threads and processes: event dedupe, admissions, rate limits and pruning.

Every claim is one atomic statement (``INSERT … ON CONFLICT DO NOTHING RETURNING``), so it holds across
bot processes sharing one PostgreSQL. Admissions (``admit``) that arrive together are written together,
in one transaction (group commit). The jobs an admission records are run through ``bot.store.jobs``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar

from bot.errors import StorageError
from bot.store.database import Database, Session
from bot.store.group_commit import GroupCommit
from bot.store.records import Admission, RateLimit

PRUNE_CHUNK = 1000
ADMIT_BATCHES_IN_FLIGHT = 2  # PostgreSQL
_USER_MESSAGE = "The bot's database is unavailable right now; please try again in a minute."


A = TypeVar("A")
B = TypeVar("B")
# One admission as written: claim ``keys``, count a hit on ``rate``, record the job (kind, payload JSON).
_Ask = tuple[list[str], RateLimit | None, str | None, str | None]
# What ``admit`` returns for it: -1 duplicate, -2 over the rate limit, else the job id (0: no job).
DUPLICATE, LIMITED = -1, -2


class WorkMixin:
    """Methods of ``Store`` that keep one answer per user action and prune what is no longer needed."""

    _db: Database
    _clock: Callable[[], float]
    _admissions: GroupCommit[_Ask, int]

    def _start_work(self) -> None:
        # SQLite has one writer at a time: a second batch would only wait for the first's lock. On PostgreSQL
        # a second batch goes out while the first waits for its round trip (and both commits share a flush).
        in_flight = 1 if self._db.dialect.name == "sqlite" else ADMIT_BATCHES_IN_FLIGHT
        self._admissions = GroupCommit(
            self._write_admissions, in_flight=in_flight, retry_alone=_one_items_fault, name="briefbot-admit"
        )

    # -- events -------------------------------------------------------------------------------------

    def claim_event(self, event_id: str) -> bool:
        """True exactly once per ``event_id``, across threads and processes; False for every repeat."""
        with self._db.session() as s:
            row = s.one(
                "INSERT INTO events (event_id, claimed_at) VALUES (?, ?)"
                " ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
                (event_id, self._clock()),
            )
        return row is not None

    def writable(self) -> bool:
        """Can the database take a write now? (A read-only file or a full disk answers False.)"""
        try:
            with self._db.session() as s:
                s.execute(
                    "INSERT INTO events (event_id, claimed_at) VALUES ('briefbot:health', ?)"
                    " ON CONFLICT (event_id) DO UPDATE SET claimed_at = excluded.claimed_at",
                    (self._clock(),),
                )
        except Exception:  # whatever the driver raises, the answer is "not healthy"
            return False
        return True

    def prune_events(self, older_than_s: float, *, chunk: int = PRUNE_CHUNK) -> int:
        """Forget event ids claimed more than ``older_than_s`` ago, and rate-limit hits as old; return how
        many event ids were removed (``chunk`` rows per transaction)."""
        before = self._clock() - older_than_s
        self._delete_in_chunks("rate_hits", "id", "at < ?", before, chunk)
        return self._delete_in_chunks("events", "event_id", "claimed_at < ?", before, chunk)

    def prune_jobs(self, older_than_s: float, *, chunk: int = PRUNE_CHUNK) -> int:
        """Remove jobs finished (done or failed) more than ``older_than_s`` ago; return how many. Pending and
        running jobs are never touched, however old: they are work still owed to a user. Nothing else refers
        to a finished job (briefs, threads and the link claims that keep "briefed once" are stored apart)."""
        return self._delete_in_chunks(
            "jobs", "id", "status IN ('done', 'failed') AND updated_at < ?", self._clock() - older_than_s, chunk
        )

    def _delete_in_chunks(self, table: str, id_column: str, where: str, before: float, chunk: int) -> int:
        """Delete the rows matching ``where`` (one ``?``: ``before``), ``chunk`` per transaction, so that
        acknowledgements never wait long behind it (SQLite has one writer at a time)."""
        removed = 0
        while True:
            with self._db.session() as s:
                cur = s.execute(
                    f"DELETE FROM {table} WHERE {id_column} IN (SELECT {id_column} FROM {table} WHERE {where} LIMIT ?)",
                    (before, chunk),
                )
                count = int(cur.rowcount or 0)
            removed += count
            if count < chunk:
                return removed

    # -- admissions ---------------------------------------------------------------------------------

    def admit(
        self, *, keys: list[str], rate: RateLimit | None = None, job: tuple[str, dict[str, Any]] | None = None
    ) -> Admission:
        """A request's acknowledgement, atomically: claim every key in ``keys`` (a repeat of any is a
        ``duplicate``), count one hit against ``rate`` (over it: ``limited``), then record ``job``.

        Concurrent admissions are written together: one transaction, and on PostgreSQL one round trip
        (the ``briefbot_admit_batch`` function), for all that arrive while the previous one is written.
        Each is decided as if alone, in arrival order: of two requests with a common key in one batch the
        first is admitted, the second is a duplicate; rate limits count the batch's earlier hits."""
        ask = _ask(keys, rate, job)
        if self._db.in_session():  # inside the caller's own transaction: its commit decides, not ours
            return _admission(self._write_admissions([ask])[0])
        return _admission(self._admissions.run(ask))

    def admit_later(
        self, *, keys: list[str], rate: RateLimit | None = None, job: tuple[str, dict[str, Any]] | None = None
    ) -> Future[Admission]:
        """``admit`` without waiting: the future holds the admission once it is committed (or the error)."""
        return then(self._admissions.submit(_ask(keys, rate, job)), _admission)

    def _write_admissions(self, asks: Sequence[_Ask]) -> list[int]:
        """Write admissions in one transaction; one result per admission, in order."""
        now = self._clock()
        if self._db.dialect.name == "postgresql":
            batch = json.dumps(
                [
                    {
                        "keys": keys,
                        "rate_key": rate.key if rate else None,
                        "rate_limit": rate.limit if rate else None,
                        "window_s": rate.window_s if rate else None,
                        "kind": kind,
                        "payload": payload,
                    }
                    for keys, rate, kind, payload in asks
                ]
            )
            with self._db.session() as s:
                row = s.one("SELECT briefbot_admit_batch(CAST(? AS jsonb), ?)", (batch, now))
            results = [int(r) for r in row[0]] if row and row[0] is not None else []
            if len(results) != len(asks):
                raise StorageError(
                    f"briefbot_admit_batch answered {len(results)} of {len(asks)} admissions", user_message=_USER_MESSAGE
                )
            return results
        with self._db.transaction() as s:
            return [_admit_one(s, now, *ask) for ask in asks]

    # -- rate limits --------------------------------------------------------------------------------

    def hit_rate_limit(self, *, key: str, limit: int, window_s: float) -> bool:
        """Count one hit on ``key``; True when it exceeds ``limit`` hits within the last ``window_s`` seconds.

        Refused hits are not counted, so someone who keeps trying is let in again once old hits age out.
        """
        now = self._clock()
        with self._db.transaction() as s:
            s.lock(key)  # concurrent hits on one key see each other's counts, across processes too
            s.execute("DELETE FROM rate_hits WHERE key = ? AND at <= ?", (key, now - window_s))
            row = s.one("SELECT COUNT(*) FROM rate_hits WHERE key = ?", (key,))
            if row is not None and int(row[0]) >= limit:
                return True
            s.execute("INSERT INTO rate_hits (key, at) VALUES (?, ?)", (key, now))
            return False


def _ask(keys: list[str], rate: RateLimit | None, job: tuple[str, dict[str, Any]] | None) -> _Ask:
    kind, payload = job if job is not None else (None, None)
    return list(dict.fromkeys(keys)), rate, kind, json.dumps(payload) if job is not None else None


def _admission(result: int) -> Admission:
    if result == DUPLICATE:
        return Admission("duplicate")
    if result == LIMITED:
        return Admission("limited")
    return Admission("admitted", result or None)


def then(future: Future[A], fn: Callable[[A], B]) -> Future[B]:
    """A future of ``fn(result)`` once ``future`` is done (its error, if it failed). ``fn`` runs on the
    thread that completes ``future``: keep it short."""
    out: Future[B] = Future()
    out.set_running_or_notify_cancel()

    def done(f: Future[A]) -> None:
        error = f.exception()
        if error is not None:
            out.set_exception(error)
            return
        try:
            out.set_result(fn(f.result()))
        except BaseException as exc:
            out.set_exception(exc)

    future.add_done_callback(done)
    return out


def _one_items_fault(exc: BaseException) -> bool:
    """Did a batch fail on one admission's data (the driver's DataError or IntegrityError, e.g. a NUL in a
    key on PostgreSQL), not on the database as a whole?"""
    cause: BaseException | None = exc
    while cause is not None:
        if any(cls.__name__ in ("DataError", "IntegrityError") for cls in type(cause).__mro__):
            return True
        cause = cause.__cause__
    return False


def _admit_one(
    s: Session, now: float, keys: list[str], rate: RateLimit | None, kind: str | None, payload_json: str | None
) -> int:
    """One admission inside a transaction (SQLite; PostgreSQL does the same in ``briefbot_admit_batch``)."""
    # Every key is claimed, even past a repeated one (as on PostgreSQL): a later request with any of them
    # is a repeat of this user action too.
    claimed = [
        s.one(
            "INSERT INTO events (event_id, claimed_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
            (key, now),
        )
        for key in keys
    ]
    if None in claimed:
        return DUPLICATE
    if rate is not None:
        s.execute("DELETE FROM rate_hits WHERE key = ? AND at <= ?", (rate.key, now - rate.window_s))
        row = s.one("SELECT COUNT(*) FROM rate_hits WHERE key = ?", (rate.key,))
        if row is not None and int(row[0]) >= rate.limit:
            return LIMITED
        s.execute("INSERT INTO rate_hits (key, at) VALUES (?, ?)", (rate.key, now))
    if kind is None:
        return 0
    row = s.one(
        "INSERT INTO jobs (kind, payload, status, attempts, created_at, updated_at)"
        " VALUES (?, ?, 'pending', 0, ?, ?) RETURNING id",
        (kind, payload_json, now, now),
    )
    assert row is not None
    return int(row[0])
