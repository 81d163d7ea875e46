"""The Brief as Markdown: readable in a terminal as it is, and renders well in any Markdown viewer."""

from __future__ import annotations

from bot.models import Brief
from bot.render.view import item_line, section_views

NOT_MENTIONED = "Not mentioned in this article."


def _join(parts: list[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def render_markdown(brief: Brief) -> str:
    src = brief.source
    lines = [f"# {src.title or 'Brief'}"]
    meta = _join([src.site, src.published, src.url, f"engine: {brief.engine}"], " · ")
    lines += [f"_{meta}_", "", brief.summary, ""]
    for section in section_views(brief):
        lines.append(f"## {section.title}")
        if not section.items:
            lines += [NOT_MENTIONED, ""]
            continue
        for item in section.items:
            lines.append(f"- {item_line(item, esc=str, bold='**', em='_')}")
            lines.append(f"  > “{item.quote}”")
        lines.append("")
    if brief.notes:
        lines.append("**Notes**")
        lines += [f"- {note}" for note in brief.notes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
