"""Group commit: writes that arrive while one is in flight are written together, in the next transaction.

A burst of acknowledgements is a burst of tiny transactions; each pays for its own commit (a WAL write on
SQLite, a round trip and a WAL flush on PostgreSQL) while the others wait behind it. Here a write starts at
once when a writer is free (no delay when the bot is quiet); writes that arrive meanwhile queue, and the
next free writer writes the whole queue in one transaction. Every caller gets its own item's result (or
the exception), as if it had written alone: ``run`` waits for it, ``submit`` returns a future, so that an
event loop can wait for the write without holding a thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class GroupCommit(Generic[T, R]):
    """Run ``write(items)`` (one transaction, one result per item, in order) for batches of concurrent
    callers, at most ``in_flight`` batches at a time, on writer threads of its own (started when needed).

    When a batch fails with an error that ``retry_alone`` blames on one item (say, data the database
    refuses), each of its items is written again alone, so one caller's bad item never fails the others (a
    failed transaction wrote nothing, so this is safe). Any other error (the database is down) goes to
    every caller of the batch at once, without a retry each.
    """

    def __init__(
        self,
        write: Callable[[Sequence[T]], Sequence[R]],
        *,
        max_batch: int = 256,
        in_flight: int = 1,
        retry_alone: Callable[[BaseException], bool] = lambda _exc: True,
        name: str = "briefbot-commit",
    ) -> None:
        # Batches written at once: 1 where writers exclude each other anyway (SQLite); more where a slow
        # round trip should not hold up the callers queued behind it (PostgreSQL, several connections).
        self._in_flight = max(1, in_flight)
        self._write = write
        self._max_batch = max_batch
        self._retry_alone = retry_alone
        self._name = name
        self._lock = threading.Lock()
        self._queue: list[tuple[T, Future[R]]] = []
        self._writing = 0
        self._writers: ThreadPoolExecutor | None = None

    def submit(self, item: T) -> Future[R]:
        """Queue ``item``; the future holds its result (or its error) once its batch is written."""
        future: Future[R] = Future()
        # Running from the start: a caller that stops waiting (a request cancelled) cannot cancel the write,
        # which goes ahead as it would have on the caller's own thread.
        future.set_running_or_notify_cancel()
        with self._lock:
            self._queue.append((item, future))
            start = self._writing < self._in_flight
            if start:
                self._writing += 1
                if self._writers is None:
                    self._writers = ThreadPoolExecutor(max_workers=self._in_flight, thread_name_prefix=self._name)
                writers = self._writers
        if start:
            try:
                writers.submit(self._drain)
            except RuntimeError as exc:  # shut down: nothing will write the queue
                self._fail_queue(exc)
        return future

    def run(self, item: T) -> R:
        """Write ``item`` (with whatever else is queued) and return its result, or raise its error."""
        return self.submit(item).result()

    def close(self) -> None:
        """Stop the writer threads once the queue is written."""
        with self._lock:
            writers, self._writers = self._writers, None
        if writers is not None:
            writers.shutdown(wait=True)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._writing -= 1
                    return
                batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
            try:
                self._write_batch(batch)
            except BaseException as exc:  # never leave a caller waiting
                for _item, future in batch:
                    if not future.done():
                        future.set_exception(exc)

    def _fail_queue(self, exc: BaseException) -> None:
        with self._lock:
            queued, self._queue = self._queue, []
            self._writing = 0
        for _item, future in queued:
            future.set_exception(exc)

    def _write_batch(self, batch: list[tuple[T, Future[R]]]) -> None:
        try:
            results = self._write([item for item, _ in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"a batch of {len(batch)} writes returned {len(results)} results")
        except BaseException as exc:
            if len(batch) > 1 and self._retry_alone(exc):
                for item, future in batch:  # write each alone: only a bad item fails, and only its own caller
                    try:
                        result = self._write([item])[0]
                    except BaseException as own:
                        future.set_exception(own)
                    else:
                        future.set_result(result)
                return
            for _item, future in batch:
                future.set_exception(exc)
            return
        for (_item, future), result in zip(batch, results, strict=True):
            future.set_result(result)
