"""``bot.heap``: the loaded heap is frozen out of the cyclic collector's reach, and refrozen after a slow full
collection, a bounded number of times; garbage in cycles made afterwards is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot import heap


@pytest.fixture
def fresh_heap_state() -> Iterator[None]:
    saved = dict(heap._state)
    heap._state.update({"installed": False, "freezes": 0, "started": 0.0, "collecting": False})
    try:
        yield
    finally:
        while heap._after_collection in gc.callbacks:
            gc.callbacks.remove(heap._after_collection)
        gc.unfreeze()
        heap._state.clear()
        heap._state.update(saved)


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_loaded_heap_is_frozen_and_new_cycles_are_still_collected(fresh_heap_state):
    kept = [Cycle() for _ in range(1000)]
    heap.keep_collections_short()
    assert gc.get_freeze_count() >= len(kept)
    assert heap.freezes() == 1
    heap.keep_collections_short()  # a second call freezes again but installs nothing twice
    assert gc.callbacks.count(heap._after_collection) == 1
    made_after = [weakref.ref(Cycle()) for _ in range(1000)]  # garbage in cycles, made after the freeze
    gc.collect()
    assert all(ref() is None for ref in made_after)
    assert all(ref() is not None for ref in map(weakref.ref, kept))


def test_a_slow_full_collection_freezes_what_survived_it_up_to_the_limit(fresh_heap_state, monkeypatch):
    heap.keep_collections_short()
    monkeypatch.setattr(heap, "SLOW_FULL_COLLECTION_S", 0.0)  # every full collection counts as slow
    frozen = gc.get_freeze_count()
    survivors = [Cycle() for _ in range(500)]
    gc.collect()
    assert gc.get_freeze_count() >= frozen + len(survivors)
    for _ in range(heap.MAX_FREEZES + 2):
        gc.collect()
    assert heap.freezes() == heap.MAX_FREEZES
    gc.collect(0)  # a young collection never freezes
    assert heap.freezes() == heap.MAX_FREEZES
