"""Short garbage collections in a process that acknowledges chat requests.

CPython's cyclic collector now and then walks every tracked object (a full collection) while holding the
interpreter lock. A bot process holds a large, long-lived heap (Bolt, the Slack SDK, pydantic, numpy, and
later the parser or the model client, loaded on first use), so a full collection took 70–200 ms on the
2-core benchmark machine; one that fell inside a burst of 100 Slack requests held every acknowledgement
for that long. ``gc.freeze()`` moves the objects alive at that moment out of the collector's reach:
collections then walk only what was made since, and reference counting still frees everything that is not
in a cycle.

``keep_collections_short()`` freezes the heap once it is loaded (at start-up), and again after any full
collection that was slow (something large was loaded lazily since), at most ``MAX_FREEZES`` times, so
that the few objects frozen while in flight and later dropped in a cycle stay a bounded cost.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

# A full collection slower than this means a large long-lived heap has grown since the last freeze.
SLOW_FULL_COLLECTION_S = 0.015
MAX_FREEZES = 8

_lock = threading.Lock()
_state: dict[str, Any] = {"installed": False, "freezes": 0, "started": 0.0, "collecting": False}


def freeze_now() -> None:
    """Collect the garbage there is, then freeze everything still alive."""
    _state["collecting"] = True
    try:
        gc.collect()
    finally:
        _state["collecting"] = False
    gc.freeze()
    with _lock:
        _state["freezes"] += 1


def keep_collections_short() -> None:
    """Freeze the heap loaded so far, and refreeze after slow full collections (idempotent)."""
    with _lock:
        install = not _state["installed"]
        _state["installed"] = True
    if install:
        gc.callbacks.append(_after_collection)
    freeze_now()


def freezes() -> int:
    """How many times this process has frozen its heap."""
    return int(_state["freezes"])


def _after_collection(phase: str, info: dict[str, Any]) -> None:
    if info.get("generation") != 2 or _state["collecting"]:  # freeze_now freezes after its own collection
        return
    if phase == "start":
        _state["started"] = time.perf_counter()
        return
    took = time.perf_counter() - _state["started"]
    if took < SLOW_FULL_COLLECTION_S or _state["freezes"] >= MAX_FREEZES:
        return
    # The collection has just finished: what it left is alive. Freezing it keeps the next ones short.
    gc.freeze()
    with _lock:
        _state["freezes"] += 1
