"""Whether an answer names something: a "which" question about things that go by a name of their own ("Which
refinery was hit?") wants the name, and a phrase or passage answers it only with a name the question lacks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive.actors import BELLIGERENTS
from bot.language import MONTH_PATTERN, WEEKDAY_PATTERN
from bot.qa.lexicon import stem, tokens
from bot.qa.not_given import PLACE_CLASSES, VOICING, WHICH

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence
    from bot.qa.span import SpanReader


# Things that go by a name of their own: a question asking "which" of them wants the name.
_NAMED_CLASSES = frozenset(
    stem(w)
    for w in [
        "company",
        "firm",
        "airfield",
        "airbase",
        "base",
        "bank",
        "ship",
        "vessel",
        "tanker",
        "newspaper",
        "outlet",
        "refinery",
        "plant",
        "factory",
        "port",
        "airport",
        "exchange",
        "brigade",
        "battalion",
        "regiment",
        "division",
        "agency",
    ]
)
# Things named after the place they stand in ("the Afipsky refinery", "Belbek airbase", "the port of Odesa"): a place
# name can answer "which" of them; a company, bank, ship or unit is never named by a country or town alone.
_NAMED_BY_PLACE = frozenset(
    stem(w) for w in ["airfield", "airbase", "base", "refinery", "plant", "factory", "port", "airport"]
)
_SHIPS = frozenset(stem(w) for w in ["ship", "vessel", "tanker", "carrier"])
_NAME_OF = re.compile(r"\bnames?\s+of\b|\bby\s+name\b|\bwhat\s+is\s+(?:it|he|she)\s+called\b", re.IGNORECASE)


def needs_name(spans: SpanReader, question: str) -> bool:
    """Does the question ask for a name ("Which refinery was hit?", "What's the name of the company?")?"""
    if _NAME_OF.search(question):
        return True
    return bool(WHICH.match(question)) and spans.asked_class(question) in _NAMED_CLASSES


def has_new_name(spans: SpanReader, phrase: str | None, question: str, passages: list[str]) -> bool:
    """Does ``phrase``, read where it stands in a quoted passage, hold a proper name or an ordinal ("the 47th")
    that the question does not already give? A sum or a count is no name."""
    if not phrase:
        return False
    asked = {w.lower() for w in tokens(question)}
    for text in passages:
        sentence = spans.sentence(text)
        doc = sentence.doc
        start = doc.text.find(phrase)
        if start < 0:
            start = doc.text.find(phrase.replace("’", "'"))  # the parse reads curly apostrophes straight
        if start < 0:
            continue
        end = start + len(phrase)
        # "under its Russia regime": a side of the war is no name of what is asked for.
        sides = {i for n in sentence.names if n.canonical in BELLIGERENTS for i in range(n.start, n.end)}
        # "Which Chinese companies …?" is not answered by "more than 30 companies, including several in China and the UAE".
        places = _place_words(spans, sentence, question)
        return any(
            start <= t.idx < end
            and t.lower_ not in asked
            and t.i not in sides | places
            and (_is_name_word(t) or _ORDINAL.match(t.text))
            for t in doc
        )
    return True  # a phrase built from several places: leave it to the lead


def names_something(spans: SpanReader, text: str, question: str) -> bool:
    """Does the passage name anything the question does not, besides who speaks and the sides of the war?"""
    asked = {w.lower() for w in tokens(question)}
    s = spans.sentence(text)
    known = {i for n in s.names if n.kind in ("actor", "side", "default_ukraine", "person") for i in range(n.start, n.end)}
    speakers = {
        t.i
        for verb in s.doc
        if verb.lemma_.lower() in VOICING
        for c in verb.children
        if c.dep_ == "nsubj"
        for t in c.subtree
    }
    # "What's the name of the Hong Kong trading company?" is not answered by the countries a sentence lists.
    places = _place_words(spans, s, question)
    return any(_is_name_word(t) and t.i not in known | speakers | places and t.lower_ not in asked for t in s.doc)


def _place_words(spans: SpanReader, s: Sentence, question: str) -> set[int]:
    """The tokens of countries and places in ``s`` when the question asks for the name of something a place name
    does not name ("What's the name of the Hong Kong trading company?", "Which Chinese banks …?")."""
    asked = spans.asked_class(question)
    named_of = re.search(r"\bnames?\s+of\s+(?:the\s+)?([a-z]+)", question, re.IGNORECASE)
    if asked in _SHIPS or (named_of is not None and stem(named_of.group(1).lower()) in _SHIPS):
        # "Which named tankers were added?" is not answered by "Japan and Canada announced …": no ship is a country.
        return {i for n in s.names if n.kind in ("actor", "country", "place", "side") for i in range(n.start, n.end)}
    by_name = _NAME_OF.search(question) and asked not in PLACE_CLASSES
    # ("Which companies did the Treasury sanction?" is answered in part by "22 companies in Hong Kong and
    # Kyrgyzstan"; "Which Chinese companies …?" already knows where they are.)
    by_which = WHICH.match(question) and asked in _NAMED_CLASSES - _NAMED_BY_PLACE and _places_asked(spans, question)
    if not (by_name or by_which):
        return set()
    return {i for n in s.names if n.kind in ("country", "place") for i in range(n.start, n.end)}


def _places_asked(spans: SpanReader, question: str) -> bool:
    """Does the question itself say where the things it asks about are ("Which Chinese companies …?")?"""
    q = spans.sentence(question)
    return any(n.kind in ("country", "place") for n in q.names) or any(e.label_ in ("GPE", "NORP") for e in q.doc.ents)


def _is_name_word(tok: Token) -> bool:
    """Part of a name the answer could give: not a month or a weekday."""
    return tok.tag_ in ("NNP", "NNPS") and not _MONTH_OR_DAY.match(tok.text)


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_MONTH_OR_DAY = re.compile(rf"^(?:{MONTH_PATTERN}|{WEEKDAY_PATTERN})$")
