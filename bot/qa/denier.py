"""Who answered a claim: "Who disputed the Russian claim on Yablunivka?" is answered from the brief's battlefield
claims, which already know each claimant's side and place, rather than from whichever sentence shares most words
with the question (often the claim itself, or a generic "Ukrainian officials")."""

from __future__ import annotations

import re

from bot.models import BattlefieldClaim, Brief

# A question about who answered a claim: "Who denied …", "Who is disputing …", "Who pushed back on …".
_ANSWERING = re.compile(
    r"\bwho\b.*\b(?:den(?:y|ies|ied|ying)|disput\w*|reject\w*|refut\w*|challeng\w*|push(?:ed|ing)?\s+back|contest\w*|"
    r"rebut\w*)\b",
    re.IGNORECASE,
)
# Whose claim is answered, or whose side answers it.
_RUSSIAN_CLAIM = re.compile(r"\b(?:Russia[’']?s?|Russian|Moscow[’']?s?|Kremlin[’']?s?)\s+(?:\w+\s+)?claim", re.IGNORECASE)
_UKRAINIAN_CLAIM = re.compile(r"\b(?:Ukraine[’']?s?|Ukrainian|Kyiv[’']?s?)\s+(?:\w+\s+)?claim", re.IGNORECASE)
_ON_SIDE = re.compile(r"\bon the (Ukrainian|Russian) side\b", re.IGNORECASE)
# Words of a side or a rank that name no one ("Ukrainian officials", "Lt. Col.").
_NOT_A_NAME = re.compile(r"^(?:Ukrain\w*|Russia\w*|Lt|Col|Gen|Maj|Major|Colonel|General|Captain|The|A|An)\.?$")


def _answering_side(question: str) -> str | None:
    if (side := _ON_SIDE.search(question)) is not None:
        return "ukraine" if side.group(1).lower() == "ukrainian" else "russia"
    if _RUSSIAN_CLAIM.search(question):
        return "ukraine"
    if _UKRAINIAN_CLAIM.search(question):
        return "russia"
    return None


def _named(claimant: str) -> bool:
    """Does the claimant name someone ("Lt. Col. Andrii Savchuk"), not only a side ("Ukrainian officials")?"""
    return any(w[:1].isupper() and not _NOT_A_NAME.match(w) for w in claimant.split())


def who_answered(question: str, brief: Brief | None) -> BattlefieldClaim | None:
    """The brief's claim by which the side the question names answered a claim about the place it names, when
    exactly one claimant of that side spoke about that place (a named one before a side's generic voice)."""
    if brief is None or not _ANSWERING.search(question):
        return None
    side = _answering_side(question)
    asked = question.lower()
    # (the place named in the question, as the claim's own place or as a place its sentence names: "Kanal district"
    # of "Chasiv Yar")
    places = {
        w.lower().removesuffix("'s").removesuffix("’s")
        for w in re.findall(r"(?<!^)\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", question)
    } - {"moscow", "kyiv", "russia", "ukraine", "kremlin", "who"}
    spots = {c.location for c in brief.battlefield_claims if c.location and c.location.lower() in asked} or {
        c.location for c in brief.battlefield_claims if c.location and any(p in c.evidence.lower() for p in places)
    }
    at_place = [c for c in brief.battlefield_claims if c.verified and c.location in spots]
    if side is None or not at_place:
        return None
    answers = [c for c in at_place if c.side == side]
    named = [c for c in answers if _named(c.claimant)]
    claimants = {c.claimant for c in (named or answers)}
    if len(claimants) != 1:
        return None
    return (named or answers)[0]
