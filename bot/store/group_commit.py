"""Group commit: writes that arrive while one is in flight are written together, in the next transaction.

A burst of acknowledgements is a burst of tiny transactions; each pays for its own commit (a WAL write on
SQLite, a round trip and a WAL flush on PostgreSQL) while the others wait behind it. Here the first
caller writes its item at once (no delay when the bot is quiet); callers that arrive meanwhile queue, and
when the write ends one of them writes the whole queue in one transaction. Every caller gets its own
item's result (or the exception), as if it had written alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Waiter(Generic[T, R]):
    __slots__ = ("item", "result", "error", "finished", "event")

    def __init__(self, item: T) -> None:
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.finished = False  # answered; woken but not finished means: write the next batch
        self.event = threading.Event()


class GroupCommit(Generic[T, R]):
    """Run ``write(items)`` (one transaction, one result per item, in order) for batches of concurrent
    callers. Thread-safe; no thread of its own.

    When a batch fails as a whole, each of its items is written again alone, so one caller's bad item
    never fails the others (a failed transaction wrote nothing, so this is safe).
    """

    def __init__(self, write: Callable[[Sequence[T]], Sequence[R]], *, max_batch: int = 256) -> None:
        self._write = write
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Waiter[T, R]] = []
        self._busy = False

    def run(self, item: T) -> R:
        """Write ``item`` (with whatever else is queued) and return its result, or raise its error."""
        me: _Waiter[T, R] = _Waiter(item)
        with self._lock:
            self._queue.append(me)
            lead = not self._busy
            self._busy = True
        if not lead:
            me.event.wait()
            if me.finished:
                return _outcome(me)
        # This caller leads: it writes the queue (its own item included) and hands over to the next.
        with self._lock:
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch:]
        try:
            self._write_batch(batch)
        finally:  # whatever happened, every caller of the batch is answered and the queue moves on
            with self._lock:
                successor = self._queue[0] if self._queue else None
                if successor is None:
                    self._busy = False
            for waiter in batch:
                waiter.finished = True
                if waiter is not me:
                    waiter.event.set()
            if successor is not None:
                successor.event.set()
        return _outcome(me)

    def _write_batch(self, batch: list[_Waiter[T, R]]) -> None:
        try:
            results = self._write([w.item for w in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"a batch of {len(batch)} writes returned {len(results)} results")
        except BaseException as exc:
            if len(batch) == 1:
                batch[0].error = exc
                return
            for waiter in batch:  # write each alone: only a bad item fails, and only its own caller
                try:
                    waiter.result = self._write([waiter.item])[0]
                except BaseException as own:
                    waiter.error = own
            return
        for waiter, result in zip(batch, results, strict=True):
            waiter.result = result


def _outcome(waiter: _Waiter[T, R]) -> R:
    if waiter.error is not None:
        raise waiter.error
    return waiter.result  # type: ignore[return-value]
