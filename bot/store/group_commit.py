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
    __slots__ = ("item", "result", "error", "finished", "batch", "event")

    def __init__(self, item: T) -> None:
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.finished = False
        self.batch: list[_Waiter[T, R]] | None = None  # set when this caller is to write that batch
        self.event = threading.Event()


class GroupCommit(Generic[T, R]):
    """Run ``write(items)`` (one transaction, one result per item, in order) for batches of concurrent
    callers, at most ``in_flight`` batches at a time. Thread-safe; no thread of its own.

    When a batch fails with an error that ``retry_alone`` blames on one item (say, data the database
    refuses), each of its items is written again alone, so one caller's bad item never fails the others (a
    failed transaction wrote nothing, so this is safe). Any other error (the database is down) goes to
    every caller of the batch at once, without a retry each.
    """

    def __init__(self, write: Callable[[Sequence[T]], Sequence[R]], *, max_batch: int = 256,
                 in_flight: int = 1, retry_alone: Callable[[BaseException], bool] = lambda _exc: True) -> None:
        self._write = write
        self._retry_alone = retry_alone
        self._max_batch = max_batch
        # Batches written at once: 1 where writers exclude each other anyway (SQLite); more where a slow
        # round trip should not hold up the callers queued behind it (PostgreSQL, several connections).
        self._in_flight = max(1, in_flight)
        self._lock = threading.Lock()
        self._queue: list[_Waiter[T, R]] = []
        self._writing = 0

    def _take(self) -> list[_Waiter[T, R]]:
        """The next batch, under the lock: the queue's oldest callers; the first of them writes it."""
        batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch:]
        batch[0].batch = batch
        return batch

    def run(self, item: T) -> R:
        """Write ``item`` (with whatever else is queued) and return its result, or raise its error."""
        me: _Waiter[T, R] = _Waiter(item)
        with self._lock:
            self._queue.append(me)
            writer = None
            if self._writing < self._in_flight:
                self._writing += 1
                writer = self._take()[0]  # this caller: the queue is empty while a writer is free
        if writer is not None and writer is not me:
            writer.event.set()
        while me.batch is None:  # another caller writes this one, or hands this caller the next batch
            me.event.wait()
            me.event.clear()
            if me.finished:
                return _outcome(me)
        batch = me.batch
        try:
            self._write_batch(batch)
        finally:  # whatever happened, every caller of the batch is answered and the queue moves on
            with self._lock:
                successor = self._take()[0] if self._queue else None
                if successor is None:
                    self._writing -= 1
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
            if len(batch) == 1 or not self._retry_alone(exc):
                for waiter in batch:
                    waiter.error = exc
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
