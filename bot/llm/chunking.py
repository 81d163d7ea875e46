"""Long articles: split on paragraph boundaries with overlap, then merge the parts' drafts.

Parts repeat the last ``overlap`` paragraphs of the part before, so a fact straddling a boundary is seen
whole at least once; the merge then drops an item when an earlier part already has one in the same
section whose evidence is the same or overlaps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.grounding import fold
from bot.models import SECTIONS, BriefDraft

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…\"”])\s+(?=[\"“A-Z0-9])")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def _fit(piece: str, budget: int, count: Callable[[str], int]) -> list[str]:
    """Cut one over-long paragraph into sentence runs that each fit ``budget`` (words as a last resort)."""
    if count(piece) <= budget:
        return [piece]
    units = _SENTENCE_END.split(piece)
    if len(units) == 1:
        units = piece.split(" ")
        if len(units) == 1:
            half = len(piece) // 2
            return _fit(piece[:half], budget, count) + _fit(piece[half:], budget, count)
    out: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current} {unit}" if current else unit
        if current and count(candidate) > budget:
            out.extend(_fit(current, budget, count))
            current = unit
        else:
            current = candidate
    if current:
        out.extend(_fit(current, budget, count))
    return out


def split_article(text: str, *, budget: int, overlap: int, count: Callable[[str], int]) -> list[str]:
    """Split ``text`` into parts of at most ``budget`` tokens, repeating ``overlap`` paragraphs."""
    units: list[str] = []
    for para in paragraphs(text):
        units.extend(_fit(para, budget, count))
    sizes = [count(u) + 1 for u in units]  # +1 for the blank line joining paragraphs
    parts: list[list[int]] = []
    current: list[int] = []
    used = 0
    for i, size in enumerate(sizes):
        if current and used + size > budget:
            parts.append(current)
            # Carry the tail of this part over, as long as it leaves room for new text.
            carry = [j for j in current[-overlap:]] if overlap > 0 else []
            while carry and sum(sizes[j] for j in carry) + size > budget:
                carry.pop(0)
            current, used = list(carry), sum(sizes[j] for j in carry)
        current.append(i)
        used += size
    if current:
        parts.append(current)
    return ["\n\n".join(units[j] for j in part) for part in parts]


def _sentences(evidence: str) -> set[str]:
    folded = fold(evidence).lower()
    return {s for s in re.split(r"(?<=[.!?])\s+|\s*\.\.\.\s*|\s*…\s*", folded) if len(s) >= 20}


def _overlaps(a: str, b: str) -> bool:
    fa, fb = fold(a).lower(), fold(b).lower()
    if fa == fb or (fa and fb and (fa in fb or fb in fa)):
        return True
    return bool(_sentences(a) & _sentences(b))


def merge_drafts(drafts: list[BriefDraft]) -> BriefDraft:
    """One draft from the parts' drafts: the first summary, items deduplicated across parts."""
    if len(drafts) == 1:
        return drafts[0]
    sections: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    for index, draft in enumerate(drafts):
        for section in SECTIONS:
            earlier = [item for item, part in sections[section] if part < index]
            for item in getattr(draft, section):
                if any(_overlaps(item.evidence, seen.evidence) for seen in earlier):
                    continue
                sections[section].append((item, index))
    summary = next((d.summary.strip() for d in drafts if d.summary.strip()), "")
    return BriefDraft(summary=summary, **{s: [item for item, _ in sections[s]] for s in SECTIONS})
