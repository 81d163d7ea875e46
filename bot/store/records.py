"""Plain records returned by the store. Timestamps are UTC epoch seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

_R = TypeVar("_R")


@dataclass_transform(frozen_default=True)
def record(cls: type[_R]) -> type[_R]:
    """What every store record is: a frozen dataclass with slots."""
    return dataclass(frozen=True, slots=True)(cls)


@record
class ThreadRecord:
    """A chat thread that holds the brief of one article."""

    platform: str
    channel: str
    thread_ts: str
    article_id: int
    brief_json: str
    workspace: str | None
    message_ts: str | None
    created_at: float


@record
class Turn:
    """One question asked in a brief's thread and the answer given."""

    question: str
    answer: str
    created_at: float


@record
class Job:
    """Acknowledged work that must be finished even after a crash."""

    id: int
    kind: str
    payload: dict[str, Any]
    # "pending", "running", "done" or "failed".
    status: str
    attempts: int
    created_at: float
    updated_at: float
    worker: str | None = None
    error: str | None = None


@record
class RateLimit:
    """At most ``limit`` requests per ``key`` within ``window_s`` seconds."""

    key: str
    limit: int
    window_s: float


@record
class Admission:
    """What became of a request: ``"admitted"`` (with its job's id if it brought one), ``"duplicate"``
    (one of its keys was claimed before: a retry) or ``"limited"`` (over its rate limit)."""

    status: str
    job_id: int | None = None
