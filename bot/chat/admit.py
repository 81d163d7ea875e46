"""Admitting a chat event: once per user action, only where allowed, within the user's hourly budget.

The same rules for every platform, read from its settings section (``slack:`` or ``discord:``):
``allowed_channels`` and ``allowed_users`` (empty means all) and ``rate_limit_per_user_per_hour``
(briefs plus questions; 0 means no limit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass

from bot.chat.messages import NOT_ALLOWED, RATE_LIMITED
from bot.chat.requests import JobSpec, Where
from bot.config import Settings
from bot.store import RateLimit, Store
from bot.store.records import Admission as StoreAdmission
from bot.store.work import then

RATE_WINDOW_S = 3600


@dataclass(frozen=True, slots=True)
class Admission:
    """``ok``, or refused for a ``reason`` ("duplicate", "not_allowed", "rate_limited") with a ``notice``
    for the user (None: drop silently, as for a retried event)."""

    ok: bool
    reason: str = ""
    notice: str | None = None
    job_id: int | None = None  # the job recorded in the same call, when one was given


ADMITTED = Admission(ok=True)
DUPLICATE = Admission(ok=False, reason="duplicate")


class Gate:
    """Dedupe, allow-lists and rate limits over the store. Thread-safe."""

    def __init__(self, *, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store

    def _policy(self, platform: str) -> tuple[list[str], list[str], int]:
        cfg = self.settings.slack if platform == "slack" else self.settings.discord
        return list(cfg.allowed_channels), list(cfg.allowed_users), int(cfg.rate_limit_per_user_per_hour or 0)

    def claim(self, platform: str, keys: Iterable[str]) -> bool:
        """Claim each key of the user action (an event id, a message id…); False when one was seen before."""
        return all(self.store.claim_event(f"{platform}:{key}") for key in keys)

    def allowed(self, where: Where, *, channels: Iterable[str] = ()) -> bool:
        """Is the bot enabled for this user in this channel (or in any of ``channels``, e.g. a thread's parent)?"""
        allowed_channels, allowed_users, _ = self._policy(where.platform)
        if allowed_channels and not ({where.channel, *channels} & set(allowed_channels)):
            return False
        return not (allowed_users and where.user not in allowed_users)

    def limited(self, where: Where) -> bool:
        """Count one request against the user's hourly budget; True when over it."""
        _, _, limit = self._policy(where.platform)
        if limit <= 0 or not where.user:
            return False
        key = f"{where.platform}:{where.workspace or ''}:{where.user}"
        return self.store.hit_rate_limit(key=key, limit=limit, window_s=RATE_WINDOW_S)

    def rate_notice(self, platform: str) -> str:
        return RATE_LIMITED.format(limit=self._policy(platform)[2])

    def admit(
        self, where: Where, *, keys: Iterable[str] = (), channels: Iterable[str] = (), job: JobSpec | None = None
    ) -> Admission:
        """Once (``keys``), allowed, and within the rate limit — in that order — and then ``job`` recorded.
        Claims, rate count and job are one call to the database (one round trip on PostgreSQL): the whole
        acknowledgement."""
        claims, rate, record, decide = self._plan(where, keys=keys, channels=channels, job=job)
        if claims is None:
            return decide(None)
        return decide(self.store.admit(keys=claims, rate=rate, job=record))

    def admit_later(
        self, where: Where, *, keys: Iterable[str] = (), channels: Iterable[str] = (), job: JobSpec | None = None
    ) -> Future[Admission]:
        """``admit`` without waiting for the database: the future holds the admission once committed."""
        claims, rate, record, decide = self._plan(where, keys=keys, channels=channels, job=job)
        if claims is None:
            done: Future[Admission] = Future()
            done.set_running_or_notify_cancel()
            done.set_result(decide(None))
            return done
        return then(self.store.admit_later(keys=claims, rate=rate, job=record), decide)

    def _plan(
        self,
        where: Where,
        *,
        keys: Iterable[str],
        channels: Iterable[str],
        job: JobSpec | None,
    ) -> tuple[list[str] | None, RateLimit | None, JobSpec | None, Callable[[StoreAdmission | None], Admission]]:
        """What to ask the store (keys to claim, None for nothing; the rate limit; the job to record) and how
        to read its answer."""
        claims = [f"{where.platform}:{key}" for key in keys]
        if not self.allowed(where, channels=channels):
            refused = Admission(ok=False, reason="not_allowed", notice=NOT_ALLOWED)

            def not_allowed(found: StoreAdmission | None) -> Admission:
                # A retry in a channel the bot is not enabled in says nothing the second time.
                return DUPLICATE if found is not None and found.status == "duplicate" else refused

            return (claims or None), None, None, not_allowed
        _, _, limit = self._policy(where.platform)
        rate = (
            RateLimit(key=f"{where.platform}:{where.workspace or ''}:{where.user}", limit=limit, window_s=RATE_WINDOW_S)
            if limit > 0 and where.user
            else None
        )

        def read(found: StoreAdmission | None) -> Admission:
            if found is None:
                return ADMITTED
            if found.status == "duplicate":
                return DUPLICATE
            if found.status == "limited":
                return Admission(ok=False, reason="rate_limited", notice=self.rate_notice(where.platform))
            return Admission(ok=True, job_id=found.job_id)

        if not claims and rate is None and job is None:
            return None, None, None, read
        return claims, rate, job, read
