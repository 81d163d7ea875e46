"""A worker pool backed by the store's durable jobs: work acknowledged to Slack survives a crash.

``submit`` records the job in the database *before* the listener acknowledges, then hands it to a
thread. A poller takes jobs nobody is running (left pending by a crash, or running but silent for
``stale_after_s`` because their worker died), at startup and every ``poll_s`` seconds — so another
bot process sharing the same PostgreSQL can finish them too.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.store import Job, Store

log = logging.getLogger(__name__)

Handler = Callable[[str, dict[str, Any]], None]


class JobPool:
    """Run jobs of known kinds on ``workers`` threads."""

    def __init__(
        self,
        *,
        store: Store,
        handlers: dict[str, Handler],
        workers: int = 8,
        stale_after_s: float = 300.0,
        poll_s: float = 5.0,
        worker_id: str | None = None,
    ) -> None:
        self.store = store
        self.handlers = handlers
        self.workers = max(1, workers)
        self.stale_after_s = stale_after_s
        self.poll_s = poll_s
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="briefbot-slack")
        self._lock = threading.Lock()
        self._in_flight = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._poller: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------------

    def start(self) -> JobPool:
        """Start the poller; it first resumes whatever a previous process left unfinished."""
        if self._poller is None:
            self._poller = threading.Thread(target=self._poll_loop, name="briefbot-slack-poller", daemon=True)
            self._poller.start()
        return self

    def close(self, *, wait: bool = True) -> None:
        """Stop taking work. Jobs not yet started stay pending in the database for the next start;
        with ``wait``, jobs already running are finished first."""
        self._stop.set()
        self._wake.set()
        if self._poller is not None:
            self._poller.join(timeout=5)
        self._executor.shutdown(wait=wait, cancel_futures=True)

    # -- work ----------------------------------------------------------------------------------------

    def submit(self, kind: str, payload: dict[str, Any]) -> int:
        """Record a job durably and start it; returns the job id."""
        job_id = self.store.enqueue_job(kind=kind, payload=payload)
        self._spawn(self._claim_and_run, job_id, kind, payload)
        return job_id

    def run_now(self, fn: Callable[..., None], *args: Any) -> None:
        """Run small fire-and-forget Slack calls (notices, App Home) off the request thread."""
        self._spawn(_guarded, fn, *args)

    def idle(self) -> bool:
        with self._lock:
            return self._in_flight == 0

    def _spawn(self, fn: Callable[..., None], *args: Any) -> None:
        with self._lock:
            self._in_flight += 1
        try:
            self._executor.submit(self._counted, fn, *args)
        except RuntimeError:  # shutting down
            with self._lock:
                self._in_flight -= 1

    def _counted(self, fn: Callable[..., None], *args: Any) -> None:
        try:
            fn(*args)
        finally:
            with self._lock:
                self._in_flight -= 1
            self._wake.set()

    def _claim_and_run(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        # The poller may have taken this job already; only one claimant runs it.
        if self.store.claim_job(job_id, worker=self.worker_id):
            self._run(job_id, kind, payload)

    def _run(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        handler = self.handlers.get(kind)
        error: str | None = None
        if handler is None:
            error = f"no handler for job kind {kind!r}"
            log.error(error)
        else:
            try:
                handler(kind, payload)
            except Exception as exc:  # the handlers report to the user themselves; keep the pool alive
                log.exception("job %s (%s) failed", job_id, kind)
                error = f"{type(exc).__name__}: {exc}"[:500]
        try:
            self.store.finish_job(job_id, error=error)
        except Exception:
            log.exception("could not mark job %s finished", job_id)

    def _poll_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._take_orphans()
            except Exception:
                log.exception("job poller failed; retrying")
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def _take_orphans(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                if self._in_flight >= self.workers:
                    return
            job: Job | None = self.store.claim_next_job(
                worker=self.worker_id, stale_after_s=self.stale_after_s
            )
            if job is None:
                return
            log.info("resuming job %s (%s, attempt %s)", job.id, job.kind, job.attempts)
            self._spawn(self._run, job.id, job.kind, job.payload)


def _guarded(fn: Callable[..., None], *args: Any) -> None:
    try:
        fn(*args)
    except Exception:
        log.exception("background Slack call failed")
