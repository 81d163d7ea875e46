"""Plain records returned by the store. Timestamps are UTC epoch seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.story.rows import BriefPlace


@dataclass(slots=True)
class ThreadRecord(BriefPlace):
    """A chat thread that holds the brief of one article: its place, the brief and the brief's message."""

    brief_json: str = ""
    message_ts: str | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``limit`` requests per ``key`` within ``window_s`` seconds."""

    key: str
    limit: int
    window_s: float


@dataclass(frozen=True, slots=True)
class Admission:
    """What became of a request: ``"admitted"`` (with its job's id if it brought one), ``"duplicate"``
    (one of its keys was claimed before: a retry) or ``"limited"`` (over its rate limit)."""

    status: str
    job_id: int | None = None
