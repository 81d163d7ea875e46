"""A worker pool backed by the store's durable jobs: work acknowledged to a chat platform survives a crash.

``submit`` records the job in the database *before* the listener acknowledges, then hands it to a
thread. While a job runs, the poller renews its lease every ``poll_s`` seconds. A job nobody is running
is taken by the poller: left pending, running under a lease not renewed for ``stale_after_s`` (its
worker died on another machine), or running for a process of this machine that no longer exists (taken
at once, at start-up). So another bot process sharing the same PostgreSQL can finish them too.

The poller also forgets old event ids (``Store.prune_events``) at start and every ``prune_every_s``: a
retry of a user action comes within minutes (Slack retries a delivery three times, the last about five
minutes later), so ids older than ``keep_events_s`` (a week) would only make the table grow. In the same
sweep it removes jobs finished more than ``keep_jobs_s`` (a week) ago (``Store.prune_jobs``); unfinished
ones stay, whatever their age.

Each handler gets the job's ``Progress``: what the job already showed the user (the placeholder's ts,
whether the result was delivered), so a retry edits that message instead of posting another.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from bot.store import Job, Store

log = logging.getLogger(__name__)

# How long a claimed event id (a Slack event, a message, a Discord interaction) is remembered, and how often
# the poller forgets older ones.
KEEP_EVENTS_S = 7 * 86400.0
KEEP_JOBS_S = 7 * 86400.0  # finished jobs, kept a while for whoever looks into one
PRUNE_EVERY_S = 3600.0
# How long work may wait for a burst of acknowledgements to be answered (``yield_to``), and how often it looks.
HOLD_MAX_S = 0.25
HOLD_POLL_S = 0.002

# Worker ids of pools alive in this process: another pool's jobs under our own pid are not orphans.
_LIVE: set[str] = set()
_HOST = socket.gethostname()


class Progress(Protocol):
    """What a job has already shown the user: ``done()`` reads the marks, ``mark(...)`` adds some."""

    key: str | None

    def done(self) -> dict[str, Any]: ...
    def mark(self, **marks: Any) -> None: ...


class Unrecorded:
    """Progress of work that is not a durable job: nothing done before, nothing kept."""

    key: str | None = None

    def done(self) -> dict[str, Any]:
        return {}

    def mark(self, **marks: Any) -> None:
        pass


class StoredProgress:
    """Read and record what one durable job has already done that the user can see."""

    def __init__(self, store: Store, job_id: int) -> None:
        self.store = store
        self.job_id = job_id
        self.key: str | None = str(job_id)  # tags what the job posts, to find it again after a crash

    def done(self) -> dict[str, Any]:
        return self.store.job_progress(self.job_id)

    def mark(self, **marks: Any) -> None:
        self.store.record_job_progress(self.job_id, **marks)


Handler = Callable[[str, dict[str, Any], Progress], None]


def _process_gone(worker: str) -> bool:
    """Is ``worker`` (``host:pid:…``) a pool of a process of this machine that has exited?"""
    host, _, rest = worker.partition(":")
    pid_text = rest.split(":", 1)[0]
    if host != _HOST or not pid_text.isdigit():
        return False  # another machine: its lease tells
    pid = int(pid_text)
    if pid == os.getpid():
        return worker not in _LIVE  # an earlier process that had our pid (containers restart as pid 1)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    """Has ``pid`` exited, its status not yet read? (A killed bot's worker waits so until init reaps it.)"""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[:1] == ["Z"]
    except (OSError, IndexError):
        return False  # no /proc (not Linux): its lease tells


class JobPool:
    """Run jobs of known kinds on ``workers`` threads."""

    def __init__(
        self,
        *,
        store: Store,
        handlers: dict[str, Handler],
        workers: int = 8,
        stale_after_s: float = 30.0,
        poll_s: float = 5.0,
        renew_s: float | None = None,
        worker_id: str | None = None,
        runs_jobs: bool = True,
        keep_events_s: float = KEEP_EVENTS_S,
        keep_jobs_s: float = KEEP_JOBS_S,
        prune_every_s: float = PRUNE_EVERY_S,
    ) -> None:
        self.store = store
        self.handlers = handlers
        self.workers = max(1, workers)
        self.stale_after_s = stale_after_s
        self.poll_s = poll_s
        self.renew_s = poll_s if renew_s is None else renew_s
        # False in a web process when worker processes run the jobs: ``submit`` only records them.
        self.runs_jobs = runs_jobs
        self.keep_events_s = keep_events_s
        self.keep_jobs_s = keep_jobs_s
        self.prune_every_s = prune_every_s
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="briefbot-jobs")
        self._lock = threading.Lock()
        self._in_flight = 0
        self._running: set[int] = set()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._poller: threading.Thread | None = None
        self._handed_back: set[int] = set()
        self._busy: Callable[[], bool] = _never
        self._hold_max_s = 0.0

    # -- lifecycle -----------------------------------------------------------------------------------

    def start(self) -> JobPool:
        """Start the poller; it first resumes whatever a previous process left unfinished."""
        _LIVE.add(self.worker_id)
        if self._poller is None and self.runs_jobs:
            self._poller = threading.Thread(target=self._poll_loop, name="briefbot-jobs-poller", daemon=True)
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
        _LIVE.discard(self.worker_id)

    def hand_back(self, *, grace_s: float) -> int:
        """Stop taking work, give running jobs ``grace_s`` seconds to finish, then put the rest back to
        pending for another worker (their handlers may still be running: exit the process next).
        Returns how many jobs were handed back."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            with self._lock:
                if not self._running:
                    break
            time.sleep(0.05)
        with self._lock:
            running = list(self._running)
            self._handed_back.update(running)
        released = sum(self.store.release_job(job_id, worker=self.worker_id) for job_id in running)
        if released:
            log.info("handed back %s running job(s) for another worker", released)
        return released

    # -- work ----------------------------------------------------------------------------------------

    def submit(self, kind: str, payload: dict[str, Any]) -> int:
        """Record a job durably and start it; returns the job id."""
        job_id = self.store.enqueue_job(kind=kind, payload=payload)
        self.start_job(job_id, kind, payload)
        return job_id

    def start_job(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        """Start a job already recorded (``Store.admit``), unless worker processes run the jobs."""
        if self.runs_jobs:
            self._spawn(self._claim_and_run, job_id, kind, payload)

    def yield_to(self, busy: Callable[[], bool], *, max_wait_s: float = HOLD_MAX_S) -> None:
        """Start work only while ``busy()`` is False, waiting at most ``max_wait_s``: a process that also
        acknowledges requests lets a burst of them be answered before the briefs it brought start (they
        share one interpreter, and a starting brief takes far more of it than an acknowledgement)."""
        self._busy, self._hold_max_s = busy, max_wait_s

    def run_now(self, fn: Callable[..., None], *args: Any) -> None:
        """Run small fire-and-forget platform calls (notices, listings) off the request thread."""
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
            self._hold()
            fn(*args)
        finally:
            with self._lock:
                self._in_flight -= 1
            self._wake.set()

    def _hold(self) -> None:
        if not self._busy():
            return
        deadline = time.monotonic() + self._hold_max_s
        while self._busy() and time.monotonic() < deadline and not self._stop.is_set():
            time.sleep(HOLD_POLL_S)

    def _claim_and_run(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        # The poller may have taken this job already; only one claimant runs it.
        if self.store.claim_job(job_id, worker=self.worker_id):
            self._run(job_id, kind, payload)

    def _run(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        handler = self.handlers.get(kind)
        error: str | None = None
        with self._lock:
            self._running.add(job_id)
        try:
            if handler is None:
                error = f"no handler for job kind {kind!r}"
                log.error(error)
            else:
                try:
                    handler(kind, payload, StoredProgress(self.store, job_id))
                except Exception as exc:  # the handlers report to the user themselves; keep the pool alive
                    log.exception("job %s (%s) failed", job_id, kind)
                    error = f"{type(exc).__name__}: {exc}"[:500]
            try:
                with self._lock:
                    handed_back = job_id in self._handed_back
                if not handed_back:  # another worker owns it now
                    self.store.finish_job(job_id, error=error)
            except Exception:
                log.exception("could not mark job %s finished", job_id)
        finally:
            with self._lock:
                self._running.discard(job_id)

    def _poll_loop(self) -> None:
        try:
            released = self.store.release_jobs_of([w for w in self.store.running_workers() if _process_gone(w)])
            if released:
                log.info("took back %s job(s) of a process that exited", released)
        except Exception:
            log.exception("could not take back the jobs of exited processes")
        renewed = time.monotonic()
        pruned: float | None = None
        while not self._stop.is_set():
            try:
                if time.monotonic() - renewed >= self.renew_s:
                    renewed = time.monotonic()
                    self._renew_leases()
                self._take_orphans()
                if pruned is None or time.monotonic() - pruned >= self.prune_every_s:
                    pruned = time.monotonic()
                    self._prune()
            except Exception:
                log.exception("job poller failed; retrying")
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def _prune(self) -> None:
        removed = self.store.prune_events(self.keep_events_s)
        if removed:
            log.info("forgot %s event id(s) older than %.0f days", removed, self.keep_events_s / 86400)
        removed = self.store.prune_jobs(self.keep_jobs_s)
        if removed:
            log.info("removed %s job(s) finished over %.0f days ago", removed, self.keep_jobs_s / 86400)

    def _renew_leases(self) -> None:
        """Running jobs are touched every poll, so only a dead worker's jobs go stale."""
        with self._lock:
            running = list(self._running)
        for job_id in running:
            self.store.touch_job(job_id)

    def _take_orphans(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                if self._in_flight >= self.workers:
                    return
            job: Job | None = self.store.claim_next_job(worker=self.worker_id, stale_after_s=self.stale_after_s)
            if job is None:
                return
            log.info("resuming job %s (%s, attempt %s)", job.id, job.kind, job.attempts)
            self._spawn(self._run, job.id, job.kind, job.payload)


def _never() -> bool:
    return False


def _guarded(fn: Callable[..., None], *args: Any) -> None:
    try:
        fn(*args)
    except Exception:
        log.exception("background chat call failed")
