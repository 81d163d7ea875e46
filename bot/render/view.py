"""The one view of a brief that every renderer formats: each section's items become ``ItemView`` once.

Markdown, Slack Block Kit and Discord embeds differ only in markup and limits, so they all show the
same facts: who, what, how (status or stance), the details (contents, scope, target count, countries,
sectors, place, side) and the quote.

    for section in brief_view(brief).sections:
        for item in section.items:
            item_line(item, esc=escape, bold="*", em="_")   # Slack mrkdwn
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.models import SECTION_TITLES, SECTIONS, Brief


@dataclass(frozen=True, slots=True)
class ItemView:
    """One item as a reader sees it (plain text; renderers escape and mark it up)."""

    who: str
    what: str
    how: str | None
    details: tuple[tuple[str, str], ...]
    quote: str
    verified: bool


@dataclass(frozen=True, slots=True)
class SectionView:
    name: str
    title: str
    items: tuple[ItemView, ...]


def _words(value: str | None) -> str | None:
    return value.replace("_", " ") if value else None


def _details(*pairs: tuple[str, str | list[str] | None]) -> tuple[tuple[str, str], ...]:
    out = []
    for label, value in pairs:
        text = ", ".join(value) if isinstance(value, list) else value
        if text:
            out.append((label, text))
    return tuple(out)


def _facts(section: str, item: Any) -> tuple[str, str, str | None, tuple[tuple[str, str], ...]]:
    """Who, what, how and the details of one item of ``section``."""
    if section == "aid":
        who = " → ".join(p for p in (item.donor or "Unknown donor", item.recipient) if p)
        what = " ".join(p for p in (item.amount, f"{item.aid_type} aid") if p)
        return who, what, item.status, _details(("includes", item.contents))
    if section == "weapons_policy":
        return item.actor or "Unknown actor", item.weapon or "weapons", _words(item.stance), _details(("scope", item.scope))
    if section == "sanctions":
        count = item.target_count
        shown = str(count) if count is not None and str(count) not in (item.targets or "") else None
        return (
            item.imposed_by or "Unknown",
            item.targets or "unnamed targets",
            None,
            _details(("targets", shown), ("countries", item.target_countries), ("sectors", item.sectors)),
        )
    return item.claimant, item.claim, _words(item.status), _details(("place", item.location), ("side", _words(item.side)))


def item_view(section: str, item: Any) -> ItemView:
    """The view of one item of ``section``."""
    who, what, how, details = _facts(section, item)
    return ItemView(
        who=who,
        what=what,
        how=how,
        details=details,
        quote=" ".join(item.evidence.split()),
        verified=bool(getattr(item, "verified", True)),
    )


def section_views(brief: Brief) -> list[SectionView]:
    """Every section in order, empty ones included."""
    return [
        SectionView(name=s, title=SECTION_TITLES[s], items=tuple(item_view(s, i) for i in brief.items(s))) for s in SECTIONS
    ]


def item_line(view: ItemView, *, esc: Callable[[str], str], bold: str, em: str) -> str:
    """``who: what (how); label: detail…`` in a renderer's markup (``bold``/``em`` around words)."""
    line = f"{bold}{esc(view.who)}{bold}: {esc(view.what)}"
    if view.how:
        line += f" ({em}{esc(view.how)}{em})"
    return line + "".join(f"; {label}: {esc(value)}" for label, value in view.details)
