"""What a time to come is said of: the arrival asked about, or something else on the same date.

"When will the generators arrive?" is answered by "the generators are due to arrive next spring", not by
"to help Ukraine through the coming winter" or "the Senate could take up the measure next week": the verb
that governs the time phrase (or, for "is due", "is expected", the thing it is said of) must be one of
arriving, read from the parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.qa.figure_verb import parsed
from bot.qa.lexicon import stem

# Words of things arriving: verbs and the nouns made from them.
_ARRIVING = frozenset(
    [
        "arrive",
        "arrival",
        "deliver",
        "delivery",
        "reach",
        "ship",
        "shipment",
        "transfer",
        "receive",
        "hand",
        "handover",
        "come",
        "dispatch",
    ]
)
# Predicates that time something without saying what happens to it: "the systems are due in March".
_TIMING = frozenset(["be", "due", "expect", "schedule", "plan", "set", "slate"])
_MAX_STEPS = 6


def asks_arrival(question: str) -> bool:
    """Does the question ask when something arrives ("When will the Caesars reach Ukraine?", "delivery date")?"""
    return any(t.lemma_.lower() in _ARRIVING for t in parsed(question))


def _timed(token: Token) -> Token | None:
    """The verb (or adjective such as "due") that the time phrase at ``token`` hangs from."""
    for _ in range(_MAX_STEPS):
        if token.head.i == token.i:
            return token
        token = token.head
        if token.pos_ in ("VERB", "AUX", "ADJ") or token.tag_.startswith("VB"):
            return token
    return None


def _of_arriving(word: Token) -> bool:
    return word.lemma_.lower() in _ARRIVING


def arrival_timed(text: str, spans: list[tuple[int, int]], asked: frozenset[str]) -> bool:
    """Is one of the time phrases at ``spans`` of ``text`` said of an arrival, or, hanging from "due" or
    "expected", of a thing the question names (stems ``asked``)?"""
    doc = parsed(text)
    for start, end in spans:
        token = next((t for t in doc if start <= t.idx < end), None)
        verb = _timed(token) if token is not None else None
        if verb is None:
            continue
        if _of_arriving(verb) or any(_of_arriving(c) for c in verb.children if c.dep_ in ("xcomp", "nsubj", "nsubjpass")):
            return True
        if verb.lemma_.lower() in _TIMING:
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(_of_arriving(s) or stem(s.lemma_.lower()) in asked for s in subjects):
                return True
    return False
