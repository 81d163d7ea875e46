"""``GroupCommit``: writes that arrive while one is in flight go together in the next; each caller gets its own
result or error; a failure never wedges the queue."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from bot.store.group_commit import GroupCommit


class Recorder:
    """A write that records its batches; the first one waits until ``release`` is set."""

    def __init__(self, *, fail_on: object = None) -> None:
        self.batches: list[list[object]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail_on = fail_on

    def __call__(self, items: Sequence[object]) -> list[object]:
        self.batches.append(list(items))
        if len(self.batches) == 1:
            self.entered.set()
            assert self.release.wait(10)
        if self.fail_on in items:
            raise ValueError(f"cannot write {self.fail_on!r}")
        return [f"done {item}" for item in items]


def _queued(group: GroupCommit[object, object], count: int) -> None:
    deadline = time.monotonic() + 10
    while len(group._queue) < count:  # noqa: SLF001 (waiting for the callers to be queued)
        assert time.monotonic() < deadline, "callers did not queue"
        time.sleep(0.001)


def test_a_lone_write_goes_at_once():
    write = Recorder()
    write.release.set()
    group: GroupCommit[object, object] = GroupCommit(write)
    assert group.run("a") == "done a"
    assert group.run("b") == "done b"
    assert write.batches == [["a"], ["b"]]


@contextmanager
def _behind_a_stuck_write(
    group: GroupCommit[object, object], write: Recorder, count: int
) -> Iterator[tuple[Future[object], dict[int, Future[object]]]]:
    """Write 0 gets stuck in the database; ``count`` more callers queue behind it; then it is let go."""
    with ThreadPoolExecutor(max_workers=count + 1) as pool:
        first = pool.submit(group.run, 0)
        assert write.entered.wait(10)
        rest = {n: pool.submit(group.run, n) for n in range(1, count + 1)}
        _queued(group, count)
        write.release.set()
        yield first, rest


def test_writes_arriving_during_a_write_go_together_in_the_next():
    write = Recorder()
    group: GroupCommit[object, object] = GroupCommit(write)
    with _behind_a_stuck_write(group, write, 7) as (first, rest):
        results = [first.result(10)] + [f.result(10) for f in rest.values()]
    assert results == [f"done {n}" for n in range(8)]
    assert write.batches[0] == [0]
    assert sorted(write.batches[1]) == list(range(1, 8))  # one batch for all seven
    assert len(write.batches) == 2


def test_a_failing_item_fails_only_its_own_caller_and_the_queue_moves_on():
    write = Recorder(fail_on=3)
    group: GroupCommit[object, object] = GroupCommit(write)
    with _behind_a_stuck_write(group, write, 5) as (first, rest):
        assert first.result(10) == "done 0"
        for n, future in rest.items():
            if n == 3:
                with pytest.raises(ValueError, match="cannot write 3"):
                    future.result(10)
            else:
                assert future.result(10) == f"done {n}"
    # The batch of five failed as a whole, then each was written alone.
    assert sorted(write.batches[1]) == [1, 2, 3, 4, 5]
    assert sorted(map(tuple, write.batches[2:])) == [(1,), (2,), (3,), (4,), (5,)]
    assert group.run(6) == "done 6"  # nothing is left waiting or locked


def test_an_error_not_blamed_on_one_item_goes_to_every_caller_without_retries():
    write = Recorder(fail_on=3)
    group: GroupCommit[object, object] = GroupCommit(write, retry_alone=lambda exc: False)
    with _behind_a_stuck_write(group, write, 5) as (first, rest):
        assert first.result(10) == "done 0"
        for future in rest.values():
            with pytest.raises(ValueError, match="cannot write 3"):
                future.result(10)
    assert len(write.batches) == 2  # no retry of each
    assert group.run(6) == "done 6"


def test_a_lone_failure_is_raised_to_its_caller():
    def write(items: Sequence[object]) -> list[object]:
        raise OSError("disk full")

    group: GroupCommit[object, object] = GroupCommit(write)
    with pytest.raises(OSError, match="disk full"):
        group.run("a")
    with pytest.raises(OSError, match="disk full"):
        group.run("b")


def test_with_two_batches_in_flight_a_slow_one_does_not_hold_up_the_next():
    write = Recorder()
    group: GroupCommit[object, object] = GroupCommit(write, in_flight=2)
    with ThreadPoolExecutor(max_workers=8) as pool:
        first = pool.submit(group.run, 0)
        assert write.entered.wait(10)  # the first batch is stuck
        assert pool.submit(group.run, 1).result(10) == "done 1"  # a second one is written meanwhile
        write.release.set()
        assert first.result(10) == "done 0"


@pytest.mark.parametrize("in_flight", [1, 3])
def test_many_threads_each_get_their_own_result_whatever_the_batches_in_flight(in_flight):
    def write(items: Sequence[object]) -> list[object]:
        time.sleep(0.002)
        return [item * 2 for item in items]  # type: ignore[operator]

    group: GroupCommit[object, object] = GroupCommit(write, max_batch=16, in_flight=in_flight)
    with ThreadPoolExecutor(max_workers=64) as pool:
        results = list(pool.map(group.run, range(500)))
    assert results == [n * 2 for n in range(500)]


def test_submit_returns_at_once_and_the_future_holds_the_result():
    write = Recorder()
    group: GroupCommit[object, object] = GroupCommit(write)
    first = group.submit("a")  # nobody waits on a thread for it
    assert write.entered.wait(10)
    second = group.submit("b")
    assert not first.done() and not second.done()
    write.release.set()
    assert (first.result(10), second.result(10)) == ("done a", "done b")
    assert write.batches == [["a"], ["b"]]
    group.close()


def test_close_writes_what_is_queued_first():
    def write(items: Sequence[object]) -> list[object]:
        time.sleep(0.01)
        return list(items)

    group: GroupCommit[object, object] = GroupCommit(write)
    futures = [group.submit(n) for n in range(20)]
    group.close()
    assert [f.result(0) for f in futures] == list(range(20))
