"""One queryable row per brief item, with the keys that let briefs be compared and totalled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from bot.models import Brief
from bot.story.normalise import Normaliser, amount_key


@dataclass(slots=True)
class BriefPlace:
    """Where a brief lives: its chat thread, its article and when it was posted (UTC epoch seconds). Every
    record that names a brief thread is one (``ItemRow``, the store's ``ThreadRecord``), so a digest line's
    links and "see thread" notes take any of them."""

    platform: str
    channel: str
    thread_ts: str
    article_id: int
    created_at: float
    workspace: str | None = None


@dataclass(slots=True)
class ItemRow(BriefPlace):
    """One item of one brief, at its ``BriefPlace``. Unused fields of other sections are None. (Not frozen:
    a frozen dataclass is several times slower to build, and a digest builds tens of thousands.)"""

    section: str = "aid"
    position: int = 0
    donor: str | None = None
    recipient: str | None = None
    value: float | None = None
    currency: str | None = None
    amount: str | None = None
    aid_type: str | None = None
    actor: str | None = None
    weapon: str | None = None
    stance: str | None = None
    imposed_by: str | None = None
    target_count: int | None = None
    claimant: str | None = None
    side: str | None = None
    location: str | None = None
    status: str | None = None
    # Contents of aid, scope of a policy, targets of sanctions, the claim itself.
    detail: str | None = None
    # Comparison keys (``Normaliser``): who (donor, actor, imposer or claimant), which weapon, which place.
    entity_key: str | None = None
    weapon_key: str | None = None
    place_key: str | None = None

    @property
    def who(self) -> str | None:
        """The donor, actor, imposer or claimant, as the brief wrote it."""
        return self.donor or self.actor or self.imposed_by or self.claimant

    @property
    def amount_key(self) -> str | None:
        return amount_key(self.value, self.currency)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ItemRow))


def rows_from_brief(brief: Brief, *, place: BriefPlace, normaliser: Normaliser) -> list[ItemRow]:
    """The brief's items as rows, in section order."""
    base: dict[str, Any] = {f.name: getattr(place, f.name) for f in fields(BriefPlace)}
    return [
        ItemRow(section=section, position=i, **base, **_SECTION_FIELDS[section](item, normaliser))
        for section in _SECTION_FIELDS
        for i, item in enumerate(brief.items(section))
    ]


def _aid_fields(aid: Any, n: Normaliser) -> dict[str, Any]:
    currency = aid.currency.upper() if aid.currency else None
    given = dict(donor=aid.donor, recipient=aid.recipient, value=aid.value, currency=currency, amount=aid.amount)
    kind = dict(aid_type=aid.aid_type, status=aid.status, detail="; ".join(aid.contents) or None)
    return {**given, **kind, "entity_key": n.entity(aid.donor), "weapon_key": _first_weapon(n, aid.contents)}


def _policy_fields(pol: Any, n: Normaliser) -> dict[str, Any]:
    keys = dict(entity_key=n.entity(pol.actor), weapon_key=n.weapon(pol.weapon))
    return dict(actor=pol.actor, weapon=pol.weapon, stance=pol.stance, detail=pol.scope, **keys)


def _sanction_fields(san: Any, n: Normaliser) -> dict[str, Any]:
    return dict(
        imposed_by=san.imposed_by, target_count=san.target_count, detail=san.targets, entity_key=n.entity(san.imposed_by)
    )


def _claim_fields(claim: Any, n: Normaliser) -> dict[str, Any]:
    keys = dict(entity_key=n.entity(claim.claimant), place_key=n.place(claim.location))
    return dict(
        claimant=claim.claimant, side=claim.side, location=claim.location, status=claim.status, detail=claim.claim, **keys
    )


# Each section's own columns, in the brief's section order.
_SECTION_FIELDS: dict[str, Callable[[Any, Normaliser], dict[str, Any]]] = {
    "aid": _aid_fields,
    "weapons_policy": _policy_fields,
    "sanctions": _sanction_fields,
    "battlefield_claims": _claim_fields,
}


def _first_weapon(n: Normaliser, contents: list[str]) -> str | None:
    keys = sorted(k for k in (n.weapon(c) for c in contents) if k)
    return keys[0] if keys else None
