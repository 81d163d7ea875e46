"""The durable job queue: record work, let one worker claim it, keep what it has shown, hand it back or
finish it.

Every claim is one atomic ``UPDATE … WHERE status = … RETURNING``, so a job is run by one worker at a
time across bot processes sharing one PostgreSQL. A job is recorded with the request's admission
(``bot.store.work``) or by ``enqueue_job``; finished jobs are pruned there too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.store.database import Database
from bot.store.records import Job

_JOB_COLUMNS = "id, kind, payload, status, attempts, created_at, updated_at, worker, error"
# A job is claimable when pending, or running but silent for too long (its worker died).
_CLAIMABLE = "(status = 'pending' OR (status = 'running' AND updated_at < ?))"


class JobsMixin:
    """Methods of ``Store`` that keep acknowledged work alive until a worker has done it."""

    _db: Database
    _clock: Callable[[], float]

    def enqueue_job(self, *, kind: str, payload: dict[str, Any]) -> int:
        """Record work to do; return its id. ``payload`` must be JSON-serialisable."""
        now = self._clock()
        with self._db.session() as s:
            row = s.one(
                "INSERT INTO jobs (kind, payload, status, attempts, created_at, updated_at)"
                " VALUES (?, ?, 'pending', 0, ?, ?) RETURNING id",
                (kind, json.dumps(payload), now, now),
            )
        assert row is not None
        return int(row[0])

    def claim_job(self, job_id: int, *, worker: str) -> bool:
        """Take a pending job for ``worker``; False when another worker has it or it is finished."""
        with self._db.session() as s:
            row = s.one(
                "UPDATE jobs SET status = 'running', worker = ?, attempts = attempts + 1,"
                " updated_at = ? WHERE id = ? AND status = 'pending' RETURNING id",
                (worker, self._clock(), job_id),
            )
        return row is not None

    def claim_next_job(self, *, worker: str, stale_after_s: float = 300, max_attempts: int = 5) -> Job | None:
        """Take the oldest pending job, or a running one not touched for ``stale_after_s`` (its worker died).

        A stale job that has already been tried ``max_attempts`` times is marked failed instead of retaken,
        so one poisonous request cannot crash every worker in turn.
        """
        now = self._clock()
        stale_before = now - stale_after_s
        with self._db.session() as s:
            s.execute(
                "UPDATE jobs SET status = 'failed', error = ?, updated_at = ?"
                " WHERE status = 'running' AND updated_at < ? AND attempts >= ?",
                (f"gave up after {max_attempts} attempts", now, stale_before, max_attempts),
            )
            row = s.one(
                "UPDATE jobs SET status = 'running', worker = ?, attempts = attempts + 1, updated_at = ?"
                f" WHERE id = (SELECT id FROM jobs WHERE {_CLAIMABLE} ORDER BY id LIMIT 1"
                f"{s.dialect.skip_locked}) AND {_CLAIMABLE} RETURNING {_JOB_COLUMNS}",
                (worker, now, stale_before, stale_before),
            )
        return _job(row) if row else None

    def touch_job(self, job_id: int) -> None:
        """Tell other workers that a long job is still alive, so it is not retaken as stale."""
        with self._db.session() as s:
            s.execute("UPDATE jobs SET updated_at = ? WHERE id = ? AND status = 'running'", (self._clock(), job_id))

    def job_progress(self, job_id: int) -> dict[str, Any]:
        """What the job has already done that the user can see (empty for a fresh job)."""
        with self._db.session() as s:
            row = s.one("SELECT progress FROM jobs WHERE id = ?", (job_id,))
        return dict(json.loads(row[0])) if row and row[0] else {}

    def record_job_progress(self, job_id: int, **marks: Any) -> None:
        """Record marks (``placeholder_ts=…``, ``delivered=True``) before or right after the step they
        describe, so a retry after a crash can pick up from there."""
        with self._db.transaction() as s:
            row = s.one("SELECT progress FROM jobs WHERE id = ?", (job_id,))
            progress = {**(json.loads(row[0]) if row and row[0] else {}), **marks}
            s.execute(
                "UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?", (json.dumps(progress), self._clock(), job_id)
            )

    def release_jobs_of(self, workers: list[str]) -> int:
        """Put the running jobs of dead workers back to pending at once (not after the stale timeout)."""
        if not workers:
            return 0
        marks = ", ".join("?" for _ in workers)
        with self._db.session() as s:
            cur = s.execute(
                f"UPDATE jobs SET status = 'pending', updated_at = ? WHERE status = 'running' AND worker IN ({marks})",
                (self._clock(), *workers),
            )
            return int(cur.rowcount or 0)

    def release_job(self, job_id: int, *, worker: str) -> bool:
        """Hand one running job of ``worker`` back to pending (a graceful shutdown); False if not its."""
        with self._db.session() as s:
            row = s.one(
                "UPDATE jobs SET status = 'pending', worker = NULL, updated_at = ?"
                " WHERE id = ? AND worker = ? AND status = 'running' RETURNING id",
                (self._clock(), job_id, worker),
            )
        return row is not None

    def running_workers(self) -> list[str]:
        """The distinct workers that hold running jobs."""
        with self._db.session() as s:
            rows = s.all("SELECT DISTINCT worker FROM jobs WHERE status = 'running' AND worker IS NOT NULL")
        return [str(r[0]) for r in rows]

    def finish_job(self, job_id: int, *, error: str | None = None) -> None:
        """Mark a job done, or failed with ``error``."""
        with self._db.session() as s:
            s.execute(
                "UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                ("done" if error is None else "failed", error, self._clock(), job_id),
            )

    def get_job(self, job_id: int) -> Job | None:
        """One job by id, whatever its status."""
        with self._db.session() as s:
            row = s.one(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
        return _job(row) if row else None

    def pending_jobs(self) -> list[Job]:
        """Unfinished jobs (pending or running), oldest first."""
        with self._db.session() as s:
            rows = s.all(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE status IN ('pending', 'running') ORDER BY id")
        return [_job(row) for row in rows]


def _job(row: tuple[Any, ...]) -> Job:
    job_id, kind, payload, status, attempts, created_at, updated_at, worker, error = row
    return Job(
        id=int(job_id),
        kind=kind,
        payload=json.loads(payload),
        status=status,
        attempts=int(attempts),
        created_at=float(created_at),
        updated_at=float(updated_at),
        worker=worker,
        error=error,
    )
