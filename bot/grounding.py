"""Grounding: is a quote really in the article, and are an item's figures really in its quote?

One check for every engine. Text is folded before comparison (Unicode NFKC, curly quotes to straight,
every dash to "-", runs of whitespace to one space) so that typography never decides; words never fold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from bot.figures import digit_figures, values_in
from bot.models import ITEM_MODELS, SECTIONS, Brief, BriefDraft, Source

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
    }
)
_WS = re.compile(r"\s+")
# An ellipsis joins fragments of one quote; each fragment is checked on its own.
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.{3}|\[\.\.\.\]|\[…\])\s*")
_EDGE = " \t\n\"'()[]"


def fold(text: str) -> str:
    """Normalise typography and whitespace; keep words and case."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    text = text.replace(" - ", " - ").replace("--", "-")
    return _WS.sub(" ", text).strip()


class Grounder:
    """Checks quotes against one article. Build once per article; ``verify`` is cheap."""

    def __init__(self, article_text: str) -> None:
        self._folded = fold(article_text)
        self._folded_lower = self._folded.lower()

    def verify(self, quote: str) -> bool:
        """True when every fragment of ``quote`` occurs in the article, in order."""
        fragments = [f.strip(_EDGE) for f in _ELLIPSIS.split(fold(quote))]
        fragments = [f for f in fragments if f]
        if not fragments or sum(len(f) for f in fragments) < 12:
            return False
        pos = 0
        for frag in fragments:
            found = self._folded.find(frag, pos)
            if found < 0:
                # A quote that starts mid-sentence may re-capitalise its first word; allow that alone.
                found = self._folded_lower.find(frag.lower(), pos)
                if found < 0 or self._folded[found + 1 : found + len(frag)] != frag[1:]:
                    return False
            pos = found + len(frag)
        return True


_NOT_TEXT = ("evidence", "verified", "value", "target_count")


def field_text(item: BaseModel, *, skip: tuple[str, ...] = _NOT_TEXT) -> str:
    """An item's text fields (strings and lists of strings) joined, without those named in ``skip``."""
    parts: list[str] = []
    for name, value in item:
        if name in skip:
            continue
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif isinstance(value, str):
            parts.append(value)
    return " ".join(parts)


def figures_supported(item: BaseModel) -> bool:
    """Every figure the item states (in any field, or as value/target_count) appears in its evidence."""
    evidence = getattr(item, "evidence", "")
    evidence_digits = digit_figures(evidence)
    evidence_values: set[float] | None = None
    for fig in digit_figures(field_text(item)):
        if fig not in evidence_digits:
            evidence_values = evidence_values if evidence_values is not None else values_in(evidence)
            try:
                if round(float(fig), 2) not in evidence_values:
                    return False
            except ValueError:
                return False
    for name in ("value", "target_count"):
        number = getattr(item, name, None)
        if number is None:
            continue
        evidence_values = evidence_values if evidence_values is not None else values_in(evidence)
        if round(float(number), 2) not in evidence_values:
            return False
    return True


def mark_disputed(claims: list[Any]) -> list[Any]:
    """Claims about one place from the two opposing sides are both kept, and both marked ``disputed``.

    Done here, after grounding, so that the promise holds whichever engine drafted the claims."""
    sides: dict[str, set[str]] = {}
    for c in claims:
        if c.location:
            sides.setdefault(c.location.strip().lower(), set()).add(c.side)
    return [
        c.model_copy(update={"status": "disputed"})
        if c.location and {"ukraine", "russia"} <= sides[c.location.strip().lower()]
        else c
        for c in claims
    ]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# A link in a model's text is never shown: the article's own links are not brief material, and an injected
# one is how a hijacked model would phish.
# A bare domain is a word character, maybe hyphens, then the dot of a known TLD. (Matching the whole name,
# "\b[\w-]+\.com", restarted at every hyphen: quadratic on "a-a-a-…".)
_LINK = re.compile(r"(?:https?://|www\.)\S+|(?<=\w)-*\.(?:com|net|org|info|io|ru|ua|xyz|co|me|ly)(?:/\S*)?\b", re.IGNORECASE)
_NAME_FIELDS = ("donor", "recipient", "actor", "imposed_by", "claimant", "location", "weapon")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")


def has_link(text: str) -> bool:
    return bool(_LINK.search(text))


def names_supported(item: BaseModel, article_folded: str, aliases: Mapping[str, Sequence[str]]) -> bool:
    """Every capitalised word of the item's names (donor, actor, claimant, place, weapon…) is in the article,
    or the name is a known actor (``aliases``: canonical name → the names the press uses) the article
    names in one of its forms ("United States" for an article that says "Washington")."""
    for name in _NAME_FIELDS:
        value = getattr(item, name, None)
        if not isinstance(value, str) or not value:
            continue
        for part in re.split(r"\s+and\s+|\s*[()]\s*|,\s*", value):
            words = [w.rstrip(".’'") for w in _CAPITALISED.findall(part)]
            if all(fold(w).lower() in article_folded for w in words):
                continue
            known = aliases.get(part.strip().lower())
            if known and any(fold(a).lower() in article_folded for a in known):
                continue
            return False
    return True


def ground_brief(
    draft: BriefDraft,
    *,
    source: Source,
    engine: str,
    article_text: str,
    notes: list[str] | None = None,
    grounder: Grounder | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> Brief:
    """Turn an engine's draft into a published Brief: verify every item, drop what fails, say so.

    With ``aliases`` (a model's draft, whose words are untrusted), the item's names must be the article's
    too, and no text may carry a link."""
    grounder = grounder or Grounder(article_text)
    article_folded = fold(article_text).lower()
    sections: dict[str, list[Any]] = {}
    no_quote = bad_figure = bad_name = 0
    for section in SECTIONS:
        kept = []
        for draft_item in getattr(draft, section):
            if not grounder.verify(draft_item.evidence):
                no_quote += 1
                continue
            if not figures_supported(draft_item):
                bad_figure += 1
                continue
            if aliases is not None and (
                has_link(field_text(draft_item, skip=("evidence", "verified")))
                or not names_supported(draft_item, article_folded, aliases)
            ):
                bad_name += 1
                continue
            kept.append(ITEM_MODELS[section].model_validate({**draft_item.model_dump(), "verified": True}))
        sections[section] = kept
    sections["battlefield_claims"] = mark_disputed(sections["battlefield_claims"])
    all_notes = list(notes or [])
    if no_quote:
        all_notes.append(
            f"{_plural(no_quote, 'item')} dropped: {'its' if no_quote == 1 else 'their'} evidence is not in the article"
        )
    if bad_figure:
        all_notes.append(
            f"{_plural(bad_figure, 'item')} dropped: a figure in "
            f"{'it' if bad_figure == 1 else 'them'} is not in the quoted evidence"
        )
    if bad_name:
        all_notes.append(
            f"{_plural(bad_name, 'item')} dropped: a name or link in "
            f"{'it' if bad_name == 1 else 'them'} is not in the article"
        )
    return Brief.model_validate(
        {"source": source, "engine": engine, "summary": draft.summary, "notes": all_notes, **sections}
    )


def summary_supported(summary: str, article_text: str) -> bool:
    """A summary may only state figures that the article states too, and carries no link."""
    return digit_figures(summary) <= digit_figures(article_text) and not has_link(summary)
