"""What a claimant's own words settle about their claims: their side, when nothing else gives it ("Sukhyi Yar is
under our control. Yes, the Russians keep trying …" is said from Ukraine's side of the line; "our units … the
Ukrainian formations" from Russia's), and that their own name is never a claim's place ("Quote from Bilokon: …")."""

from __future__ import annotations

import re

from bot.extractive.found import Found
from bot.extractive.names import side_of
from bot.extractive.reading import Sentence

# Speaking as one of a side: "our", "we", "us".
_FIRST_PERSON = re.compile(r"\b(?:our|we|us)\b", re.IGNORECASE)
# The other side named as the opponent in the field.
_RUSSIAN_FORCES = re.compile(
    r"\b(?:the Russians|occupiers|occupying forces|Russian (?:troops|forces|soldiers|units|infantry|assault groups))\b"
)
_UKRAINIAN_FORCES = re.compile(
    r"\b(?:the Ukrainians|Kyiv regime|Ukrainian (?:troops|forces|soldiers|units|formations|militants|nationalists))\b"
)


def _quoted(text: str) -> str:
    """The words inside quotation marks (a quotation still open at the end runs to it): the speaker's own."""
    return " ".join(re.findall(r"[“\"]([^”\"]+)(?:[”\"]|$)", text))


def _paragraph(f: Found, sentences: list[Sentence]) -> str:
    """The paragraph of the claim's first sentence, from that sentence on: a quotation runs on past the one quoted."""
    first = f.sentences[0]
    return " ".join(s.text for s in sentences if s.para == first.para and s.index >= first.index)


def sides_from_own_words(items: list[Found], sentences: list[Sentence]) -> None:
    """Give a claimant of unknown side the side their own quoted words speak from, on all their claims."""
    unknown = {f.fields["claimant"] for f in items if f.section == "battlefield_claims" and f.fields["side"] == "unknown"}
    for claimant in unknown:
        theirs = [f for f in items if f.section == "battlefield_claims" and f.fields["claimant"] == claimant]
        words = " ".join(_quoted(_paragraph(f, sentences)) for f in theirs)
        if not _FIRST_PERSON.search(words):
            continue
        russians, ukrainians = bool(_RUSSIAN_FORCES.search(words)), bool(_UKRAINIAN_FORCES.search(words))
        if russians == ukrainians:
            continue  # neither side named, or both: nothing to go on
        for f in theirs:
            f.fields["side"] = "ukraine" if russians else "russia"


def without_speaker_places(items: list[Found]) -> None:
    """No claim takes its claimant's name for its place ("Quote from Bilokon: …" read as "from" a place)."""
    for f in items:
        place = f.fields.get("location") if f.section == "battlefield_claims" else None
        if place and place in f.fields["claimant"]:
            f.fields["location"] = None


# Officials named only by their level ("Regional officials", "local authorities", "city officials").
_LOCAL_OFFICIALS = re.compile(
    r"^(?:the\s+)?(?:regional|local|city|municipal|oblast|district|provincial)\s+"
    r"(?:officials|authorities|administration|council|government|governor|mayor)$",
    re.IGNORECASE,
)


def sides_of_local_officials(items: list[Found], sentences: list[Sentence]) -> None:
    """ "… bore the brunt of the assault, Air Force spokesperson Yurii Ihnat said. Regional officials said an
    industrial enterprise in the city had been damaged": officials named only by their level speak for the side the
    sentence before them, in their paragraph, names (and only one)."""
    for f in items:
        if f.section != "battlefield_claims" or f.fields["side"] != "unknown":
            continue
        if not _LOCAL_OFFICIALS.match(str(f.fields["claimant"]).strip()):
            continue
        first = f.sentences[0]
        before = sentences[first.index - 1] if first.index > 0 else None
        if before is None or before.para != first.para:
            continue
        side = side_of(before.names, 0, len(before.doc))
        if side in ("ukraine", "russia"):
            f.fields["side"] = side
