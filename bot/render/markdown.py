"""The Brief as Markdown: readable in a terminal as it is, and renders well in any Markdown viewer."""

from __future__ import annotations

from typing import Any

from bot.models import SECTION_TITLES, SECTIONS, Brief

NOT_MENTIONED = "Not mentioned in this article."


def _join(parts: list[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def item_headline(section: str, item: Any) -> str:
    """One line that says what the item is, before its quote."""
    if section == "aid":
        who = _join([item.donor or "Unknown donor", item.recipient], " → ")
        what = _join([f"**{item.amount}**" if item.amount else None, f"{item.aid_type} aid",
                      f"({item.status})" if item.status else None], " ")
        contents = f"; includes {', '.join(item.contents)}" if item.contents else ""
        return f"{who}: {what}{contents}"
    if section == "weapons_policy":
        scope = f" — {item.scope}" if item.scope else ""
        return f"{item.actor or 'Unknown actor'}: {item.weapon or 'weapons'} **{item.stance.replace('_', ' ')}**{scope}"
    if section == "sanctions":
        extra = _join([f"{item.target_count} targets" if item.target_count else None,
                       ", ".join(item.target_countries) or None, ", ".join(item.sectors) or None], "; ")
        return f"{item.imposed_by or 'Unknown'} → {item.targets or 'unnamed targets'}" + (f" ({extra})" if extra else "")
    where = f" [{item.location}]" if item.location else ""
    status = "" if item.status == "claimed" else f" **{item.status}**"
    return f"**{item.claimant}** ({item.side.replace('_', ' ')}) claims: {item.claim}{where}{status}"


def render_markdown(brief: Brief) -> str:
    src = brief.source
    lines = [f"# {src.title or 'Brief'}"]
    meta = _join([src.site, src.published, src.url, f"engine: {brief.engine}"], " · ")
    lines += [f"_{meta}_", "", brief.summary, ""]
    for section in SECTIONS:
        lines.append(f"## {SECTION_TITLES[section]}")
        items = brief.items(section)
        if not items:
            lines += [NOT_MENTIONED, ""]
            continue
        for item in items:
            lines.append(f"- {item_headline(section, item)}")
            lines.append(f"  > “{item.evidence.strip()}”")
        lines.append("")
    if brief.notes:
        lines.append("**Notes**")
        lines += [f"- {note}" for note in brief.notes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
