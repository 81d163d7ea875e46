"""Places a sentence is about, read from grammar: "near Pokrovsk", "the village of Pishchane", "the Kursk region".

A proper noun after a preposition of place, or named as a settlement, is a place unless the domain
file knows it as an actor, a side or a country; the domain file's list of places covers the places
that the press names with no grammatical hint ("Pokrovsk came under fire").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.language import MONTH_NAMES, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token

_LOCATIVE = {
    "near",
    "in",
    "around",
    "at",
    "into",
    "outside",
    "towards",
    "toward",
    "over",
    "across",
    "along",
    "from",
    "inside",
    "within",
    "on",
    "off",
    "beyond",
    "behind",
    "past",
    "west",
    "east",
    "north",
    "south",
    "through",
    "to",
    "by",
}
_SETTLEMENT = {
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "district",
    "region",
    "oblast",
    "province",
    "outskirts",
    "area",
    "suburb",
    "port",
    "airfield",
    "airbase",
    "base",
    "direction",
    "sector",
    "peninsula",
    "river",
    "bank",
    "neighbourhood",
    "neighborhood",
    "centre",
    "center",
    "county",
    # Parts of a place: "in the streets of Chasiv Yar", "on the edge of Pokrovsk", "parts of Kupiansk".
    "street",
    "edge",
    "vicinity",
    "environs",
    "heart",
    "part",
}
# "east of Tarasivka", "south-west of Bakhmut".
_DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
    "edge",
    "centre",
    "center",
    "heart",
}
# Months as wire copy abbreviates them: "said on Nov. 23".
_MONTH_ABBREVIATIONS = frozenset(
    f"{m}{dot}"
    for m in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    for dot in ("", ".")
)
_NOT_PLACES = (
    MONTH_NAMES
    | WEEKDAYS
    | _MONTH_ABBREVIATIONS
    | {
        "telegram",
        "x",
        "twitter",
        "facebook",
        "tv",
        "god",
        "east",
        "west",
        "ministry",
        "staff",
        "general",
        "force",
        "forces",
        "command",
        "mr",
        "ms",
        "president",
    }
)


def _compound_span(token: Token) -> tuple[int, int]:
    """ "Velyka Novosilka", "Chasiv Yar", "Kursk region": the proper-noun chain around ``token``."""
    start = end = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod") and child.tag_ in ("NNP", "NNPS"):
            start = min(start, child.left_edge.i)
    doc = token.doc
    while end + 2 < len(doc) and doc[end + 1].text in ("-",) and doc[end + 2].tag_ == "NNP":
        end += 2
    return start, end + 1


_TAKEN = {
    "capture",
    "take",
    "seize",
    "liberate",
    "recapture",
    "retake",
    "enter",
    "storm",
    "encircle",
    "surround",
    "abandon",
    "lose",
    "clear",
    "occupy",
    "overrun",
    "raze",
    "shell",
    "bomb",
    "strike",
    "hit",
    "attack",
    "target",
}


_UNIT_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th)$")
# Nouns of taking or holding ground: "the capture of Novoselivka", "the fall of Avdiivka", "control of X".
_TAKING_NOUNS = {
    "capture",
    "seizure",
    "liberation",
    "recapture",
    "fall",
    "encirclement",
    "storming",
    "occupation",
    "takeover",
    "control",
    "siege",
    "defence",
    "defense",
    "battle",
}


def _is_candidate(s: Sentence, token: Token) -> bool:
    if token.tag_ not in ("NNP", "NNPS") or token.lower_ in _NOT_PLACES or not token.text[:1].isupper():
        return False
    if _names_an_outlet(token):
        return False  # "told the Kyiv Independent by phone": a newspaper's name, not a place
    # Actors, sides and weapons are not places (capitals that are also places of fighting, like Kyiv,
    # are in the domain file's list of places and found as such).
    return not any(
        n.start <= token.i < n.end and n.kind in ("actor", "side", "default_ukraine", "authority", "weapon", "country")
        for n in s.names
    )


# The last word of a news outlet's name after a city: "the Kyiv Independent", "the Moscow Times", "the Kyiv Post".
_OUTLET_WORDS = frozenset({"independent", "post", "times", "herald", "journal", "telegraph", "tribune", "gazette", "news"})


def _names_an_outlet(token: Token) -> bool:
    """Is the token the city in an outlet's name ("Kyiv" of "the Kyiv Independent")?"""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ in _OUTLET_WORDS and after.text[:1].isupper()


# Nouns whose owner is a government, not a place: "Kyiv's forces", "Moscow's claim".
_STATE_OWNED = {
    "force", "troop", "army", "military", "government", "official", "ally", "partner", "unit", "soldier",
    "leader", "claim", "account", "statement", "request", "decision", "navy", "command", "drone", "missile",
    "diplomat", "envoy", "negotiator", "delegation", "position", "version",
}  # fmt: skip


def _stands_for_state(token: Token) -> bool:
    """ "Kyiv's forces had used drones": a capital owning forces or a claim stands for its state."""
    return token.dep_ == "poss" and token.head.lemma_.lower() in _STATE_OWNED


def _placed(token: Token) -> bool:
    """Does the grammar put ``token`` as a place: "near Pokrovsk", "the village of Pishchane", "in the Kursk
    region", "Kupiansk direction", "have fully liberated Novoivanivka"?"""
    head = token.head
    return (
        (token.dep_ == "pobj" and head.lower_ in _LOCATIVE)
        or (
            token.dep_ == "pobj"
            and head.lower_ == "of"
            and (
                head.head.lemma_.lower() in _SETTLEMENT
                or head.head.lower_ in _DIRECTIONS
                or (head.head.lemma_.lower() in _TAKING_NOUNS and token.ent_type_ not in ("PERSON", "ORG", "NORP"))
            )
        )
        or (token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in _SETTLEMENT)
        or (token.dep_ == "appos" and head.lemma_.lower() in _SETTLEMENT)
        # "Volodymyrivka, a small village": a name the next words call a settlement
        or any(c.dep_ == "appos" and c.lemma_.lower() in _SETTLEMENT for c in token.children)
        # "pushed Russian troops out of Volodymyrivka"
        or (token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "out")
        # "have fully liberated Novoivanivka", "Kurakhove was captured": what is taken or held is a place.
        or (
            token.dep_ in ("dobj", "nsubjpass")
            and head.lemma_.lower() in _TAKEN
            and head.pos_ in ("VERB", "AUX")
            and token.ent_type_ not in ("PERSON", "ORG", "NORP")
        )
    )


def places_in(s: Sentence, indices: set[int] | None = None) -> list[str]:
    """Places in the sentence (restricted to token ``indices`` when given), in order of appearance."""
    doc = s.doc
    allowed = set(range(len(doc))) if indices is None else indices
    found: list[tuple[int, str]] = []
    for n in s.names:
        if (
            n.kind == "place"
            and n.start in allowed
            and not _stands_for_state(doc[n.end - 1])
            and not _names_an_outlet(doc[n.end - 1])
        ):
            found.append((n.start, n.text))
    for token in doc:
        if token.i not in allowed or not _is_candidate(s, token):
            continue
        head = token.head
        if not _placed(token) and not (
            # "retaken Zaoleshenka and Rubanshchina", "near Pokrovsk and Kurakhove": one of a list of places.
            token.dep_ == "conj" and _is_candidate(s, head) and _placed(head)
        ):
            continue
        if token.dep_ in ("compound", "amod", "nmod") and any(_UNIT_NUMBER.match(c.text) for c in head.lefts):
            continue  # "the 1046th Logistics Support Centre": a unit's name, not a place
        if token.dep_ in ("compound", "amod", "nmod") and any(
            c.dep_ == "compound" and c.i > token.i and c.text[:1].isupper() for c in head.lefts
        ):
            continue  # only the last word of "Velyka Novosilka district" starts the name ("Florennes air base" is one)
        start, end = _compound_span(token)
        text = syntax.span_text(list(doc[start:end]))
        if head.lemma_.lower() in ("region", "oblast", "district", "province") and token.dep_ != "pobj":
            text = f"{text} {head.text}"
        found.append((start, text))
    found.sort()
    out: list[str] = []
    for _, text in found:
        if not any(text in o or o in text for o in out):
            out.append(text)
    return out
