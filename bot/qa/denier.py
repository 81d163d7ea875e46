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
_RUSSIAN_CLAIM = re.compile(
    r"\b(?:Russia[’']?s?|Russian|Moscow[’']?s?|Kremlin[’']?s?)\s+(?:\w+\s+)?claim",
    re.IGNORECASE,
)
_UKRAINIAN_CLAIM = re.compile(r"\b(?:Ukraine[’']?s?|Ukrainian|Kyiv[’']?s?)\s+(?:\w+\s+)?claim", re.IGNORECASE)
_ON_SIDE = re.compile(r"\bon the (Ukrainian|Russian) side\b", re.IGNORECASE)
# Words of a side or a rank that name no one ("Ukrainian officials", "Lt. Col.").
_NOT_A_NAME = re.compile(
    r"^(?:Ukrain\w*|Russia\w*|Kyiv|Moscow|Kremlin|Lt|Col|Gen|Maj|Capt|Major|Colonel|General|Captain|Lieutenant|"
    r"The|A|An)(?:['’]s)?\.?$"
)


_UNNAMED_PLACE = re.compile(r"\b(?:the|that|this)\s+(?:village|town|city|settlement|position)\b", re.IGNORECASE)
# A claim to have taken a place: what "the village" in a question about a denial points back to.
_CAPTURE = re.compile(
    r"\b(?:captur\w*|liberat\w*|took|taken|seiz\w*|occup\w*|fell|fallen|control\w*)\b",
    re.IGNORECASE,
)
# What a line that answers a claim says of it.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject\w*|refut\w*|disput\w*|false|fake|untrue|not\s+(?:been\s+)?(?:captured|taken)|"
    r"still\s+(?:hold|holds|control|controls)|under\s+(?:our|Ukrainian)\s+control)\b",
    re.IGNORECASE,
)


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
    } - {"moscow", "kyiv", "russia", "ukraine", "kremlin", "who", "ukrainian", "russian"}
    spots = {c.location for c in brief.battlefield_claims if c.location and c.location.lower() in asked} or {
        c.location for c in brief.battlefield_claims if c.location and any(p in c.evidence.lower() for p in places)
    }
    if not spots and side is not None and _UNNAMED_PLACE.search(question):
        # "Who on the Ukrainian side denied the village had fallen?": the one place the other side claims.
        claimed = {
            c.location
            for c in brief.battlefield_claims
            if c.location
            and c.side not in (side, None)
            and _CAPTURE.search(c.claim)
            and not re.search(rf"\b{re.escape(c.location)}\s+(?:region|oblast|province)", c.claim)
        }
        spots = claimed if len(claimed) == 1 else set()
    at_place = [c for c in brief.battlefield_claims if c.verified and c.location in spots]
    denying = {c.side for c in at_place if _DENIAL.search(c.claim)}
    if side is None and len(denying) == 1:
        # "Who rejected the Volodymyrivka claim?": the side whose line about the place denies it.
        side = denying.pop()
    if side is None or not at_place:
        return None
    answers = [c for c in at_place if c.side == side]
    named = [c for c in answers if _named(c.claimant)]
    claimants = {c.claimant for c in (named or answers)}
    if len(claimants) != 1:
        return None
    return (named or answers)[0]
