"""Battlefield claims: who claims what, where, for which side, and which claims contradict each other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extractive.lexicon import Lexicon
from bot.models import Side

_PRONOUN = re.compile(r"^(?:It|He|She|They|The ministry|The ministry's|The army|The military|Its)\b")
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’.-]+(?:\s+(?:of|for|the|de|al)\s+)?\s*){1,5}$")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'-]+\s+){1,2})$")
_PLACE_PATTERN = re.compile(
    r"\b(?:town|village|city|region|district|oblast|settlement)s? of ([A-Z][\w-]+)|"
    r"\b([A-Z][\w-]+) (?:region|district|oblast)\b|"
    r"\b(?:near|outside|around|(?:north|south|east|west)(?:-?(?:east|west))? of) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
)
# "the regional military administration", "a military spokesman": an unnamed body that speaks.
_BODY = re.compile(
    r"\b(?:[Tt]he |[Aa] |[Aa]n )?(?:(?:[A-Z][a-z]+|(?!(?:at|in|on|of|to|for|from|with|by|and|or|the|a|an) )[a-z-]+) ){0,3}"
    r"(?:administration|ministry|military|army|governor|officials?|"
    r"spokes(?:man|woman|person)|command|authorities|police|agency|service|council|mayor|commander|general staff|"
    r"bloggers|outlets|media|journalists|analysts|observers|witnesses|residents|sources|reporters|"
    r"brigade|battalion|regiment|corps|division|grouping|group of forces)\b"
)
_SIDE_WORDS: list[tuple[Side, re.Pattern[str]]] = [
    ("russia", re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin)\b")),
    ("ukraine", re.compile(r"\b(?:Ukraine|Ukrainian|Kyiv|Kiev)\b")),
]


@dataclass(slots=True)
class Claimant:
    name: str
    side: Side


_POSSESSOR = re.compile(r"((?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+['’]s )$")


def _expand_name(text: str, start: int, name: str) -> str:
    """Grow a gazetteer surname leftwards over capitalised first names ("Syrskyi" -> "Oleksandr Syrskyi"),
    and a generic body over its owner ("air force" -> "Ukraine's air force")."""
    owner = _POSSESSOR.search(text[:start])
    if owner and name[:1].islower():
        return owner.group(1) + name
    group = re.search(r"((?:[Ss]enior |[Mm]ilitary |[Gg]overnment )?(?:officials?|sources?|authorities|diplomats) "
                      r"(?:in|from) )$", text[:start])
    if group:
        return group.group(1) + name
    m = _NAME_BEFORE.search(text[:start])
    if m and name[:1].isupper() and " " not in name and not name.endswith(("Ministry", "Staff")):
        first = m.group(1).strip()
        if first.split()[-1][:1].isupper() and first.split()[-1] not in {"The", "On", "In", "But", "And"}:
            return f"{first.split()[-1]} {name}"
    return name


def find_claimant(lx: Lexicon, text: str) -> Claimant | None:
    """The gazetteer claimant named in ``text``, or a capitalised name with a side from nearby words."""
    # The name nearest the claim verb wins ("Russia's chief of staff, Valery Gerasimov, said"),
    # and of two ending together the longer ("Russia's Defence Ministry" over "Defence Ministry").
    best: tuple[int, int, int, str, Side] | None = None
    for side, pattern in lx.claimants:
        for found in pattern.finditer(text):
            key = (found.end(), len(found.group(0)))
            if best is None or key > (best[0], best[1]):
                best = (found.end(), len(found.group(0)), found.start(), found.group(0), _as_side(side))
    if best:
        return Claimant(_expand_name(text, best[2], best[3]), best[4])
    run = _CAP_RUN.search(text.strip(" ,"))
    if run:
        return Claimant(run.group(0).strip(), side_from_words(text))
    m = re.search(r"\b(officials?|sources?|authorities) in ([A-Z][\w-]+)", text)
    if m:
        return Claimant(m.group(0), side_from_words(m.group(2)))
    m = _BODY.search(text)
    if m:
        # "A spokesperson for a Ukrainian brigade": keep whom the body speaks for.
        tail = re.match(r"\s+for (?:an? |the )?(?:[\w'’-]+ ){0,3}[\w'’-]+", text[m.end():])
        words = (m.group(0) + (tail.group(0) if tail else "")).split()
        while words[-1].endswith("ing") or words[-1] in ("in", "at", "on", "of", "near", "for", "a", "an", "the"):
            words.pop()
        name = " ".join(words)
        return Claimant(name.strip(), side_from_words(text))
    return None


def _as_side(name: str) -> Side:
    return name if name in ("ukraine", "russia", "third_party") else "unknown"  # type: ignore[return-value]


def side_from_words(text: str) -> Side:
    for side, pattern in _SIDE_WORDS:
        if pattern.search(text):
            return side
    return "unknown"


_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[A-Z]{2,4}\s*)?[-–—:|]?\s*")


# Phrases that name the source outright, wherever it stands in the sentence.
_NAMED_SOURCE = (
    # After the verb: "as communicated the General Staff".
    re.compile(r"\bas (?:\w+ )?(?:reported|communicated|stated|said|announced|claimed)(?: by)? "
               r"((?:the )?[^,.;]{3,80})", re.I),
    # Passive: "was said by the Russian ministry to have been destroyed".
    re.compile(r"\b(?:said|claimed|reported|announced|described) by ((?:the )?[^,.;]{3,60}?)(?: to | as |[,.;]|$)", re.I),
    re.compile(r"\baccording to ((?:the )?[^,.;]{3,80})", re.I),
)


def attribution(lx: Lexicon, sentence: str, last: Claimant | None) -> Claimant | None:
    """Who the sentence attributes its content to, resolving "It said"/"The ministry said" to ``last``."""
    sentence = _TIMESTAMP.sub("", sentence)
    if last and re.match(r"In (?:its|his|her|their) (?:version|account|telling)\b", sentence):
        return last
    for pattern in _NAMED_SOURCE:
        m = pattern.search(sentence)
        if m is None:
            continue
        if last and re.match(r"(?:its|his|her|their)\b", m.group(1)):
            return last  # "According to its communique, …"
        found = find_claimant(lx, m.group(1))
        if found:
            return found
    for verb in lx.claim_verbs.finditer(sentence):
        before = sentence[: verb.start()]
        clause = re.split(r"[,;:]\s|\bthat\b|\band\b", before)[-1] if before.strip() else ""
        last_words = set(clause.strip().lower().split()[-2:]) if clause.strip() else set()
        pronoun = (_PRONOUN.match(clause.strip()) or bool(last_words & {"it", "he", "she", "they"})
                   or (not clause.strip() and _PRONOUN.match(sentence)))
        if pronoun and last:
            return last
        found = find_claimant(lx, clause) if clause.strip() else None
        if found:
            return found
        # Appositive: "Ukraine's commander-in-chief, Oleksandr Syrskyi, said"
        found = find_claimant(lx, before[-120:]) if before.strip() else None
        if found:
            return found
    if _PRONOUN.match(sentence) and last and lx.claim_verbs.search(sentence):
        return last
    return None


def subject_claimant(lx: Lexicon, sentence: str) -> Claimant | None:
    """A known claimant opening the sentence ("The Russian Ministry of Defence presented another version."),
    which later "its"/"the ministry" refer back to."""
    found = find_claimant(lx, sentence[:80])
    if found and sentence.lstrip().startswith(("The ", found.name.split()[0])) and found.name in sentence[:80]:
        return found
    return None


def location_of(lx: Lexicon, text: str) -> str | None:
    """The most specific place: "the village of X" before a known region, before "near X"."""
    m = _PLACE_PATTERN.search(text)
    if m and m.group(1):
        return m.group(1)
    known = lx.places.search(text)
    if known:
        return known.group(0)
    if m:
        return m.group(1) or m.group(2) or m.group(3)
    return None


_CLAIM_VERB = re.compile(
    r"\b(?:said|says|claimed|claims|reported|reports|stated|announced|estimated|assessed?|wrote)\b"
    r"(?:\s+(?:on|late on|early on|last)\s+[A-Z]?\w+(?:\s+\d{1,2})?|\s+the same day|"
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?,?(?:\s+that)?\s+(.{15,})"
)


def claim_text(sentence: str) -> str:
    """The claimed content: what follows "said (on Monday) (that)", else the sentence itself."""
    m = _CLAIM_VERB.search(sentence)
    text = m.group(1) if m and not m.group(1).startswith("by ") else sentence
    text = text.strip().rstrip(".")
    return text if len(text) <= 220 else text[:220].rsplit(" ", 1)[0] + "…"


def fill_locations(claims: list[dict[str, object]]) -> None:
    """A place one claim names ("the village of X") is looked for in the others too ("near X")."""
    known = {str(c["location"]) for c in claims if c["location"]}
    for c in claims:
        if not c["location"]:
            c["location"] = next((p for p in known if p in str(c["evidence"])), None)
