"""What a figure was done to, read from the parse: launched, shot down, killed, wounded, given, frozen.

"Russia launched 63 drones at Ukraine, of which 41 were shot down": a question about drones shot down asks
for the figure the verb of downing governs, not the one of launching; "shot down 94 of 121 drones" gives the
part (94) to the verb, the whole (121) to its "of".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from bot.qa.lexicon import COUNT_SYNONYMS, stem

# Verbs that tell counts of the same things apart, by what was done to them. A figure and a question in the
# same class agree; in two different classes they are about different counts.
_CLASSES = {
    "down": {"shoot", "down", "intercept", "destroy", "neutralise", "neutralize", "jam", "suppress"},
    "launch": {"launch", "fire", "send", "attack", "use"},
    "kill": {"kill"},
    "wound": {"wound", "injure", "hurt"},
    # money given is not money frozen: "How much did Japan freeze?" is not answered by what Japan has committed
    "give": {"give", "pledge", "commit", "provide", "donate", "allocate", "earmark", "contribute", "promise"},
    "freeze": {"freeze", "immobilise", "immobilize", "seize", "block", "confiscate"},
}
_OF_CLASS = {lemma: name for name, lemmas in _CLASSES.items() for lemma in lemmas}
# How far up the parse a number may sit below its verb ("41" -> "shot"; "121" -> "drones" -> "of" -> "94" -> "shot").
_MAX_STEPS = 5


@lru_cache(maxsize=512)
def parsed(text: str) -> Doc:
    from bot.extractive.pipeline import parse  # the parser loads once, when a figure is first weighed

    return parse([text])[0]


def _class_of(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma == "bring" and any(c.lower_ == "down" for c in verb.children):
        return "down"
    return _OF_CLASS.get(lemma)


def figure_class(text: str, start: int, end: int) -> str | None:
    """The class of the verb that governs the number at ``start``–``end`` of ``text``; None when it is none of
    the classes, or when the number is the whole of a part ("94 of 121 drones": 121 is no count shot down)."""
    doc = parsed(text)
    number = next((t for t in doc if start <= t.idx < end and t.like_num), None)
    if number is not None and _whole_of_part(number):
        return None  # "two of five missiles": five is the whole
    if number is not None and number.dep_ == "nummod":
        # "the 143 drones Russia launched", "six missiles launched at the country": the verb the counted noun's
        # own clause has
        own = next(
            (
                c
                for c in number.head.children
                if c.dep_ in ("relcl", "acl") and c.i > number.head.i and not _partitive_relative(c)
            ),
            None,
        )
        if own is not None:
            return _class_of(own)
    token = number
    for _ in range(_MAX_STEPS):
        if token is None or token.head.i == token.i:
            return None
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and (token.head.head.like_num or token.head.head.pos_ in ("VERB", "AUX"))
        ):
            return None  # the whole a part is counted of: "94 of 121 drones", "Of the 143 drones …, … shot down 118"
        token = token.head
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            return _class_of(token)
    return None


def question_class(question: str) -> str | None:
    """The class of the verb a "how many" question asks about ("… did Ukraine say it shot down …" -> "down")."""
    classes = {_class_of(t) for t in parsed(question) if t.pos_ == "VERB" or t.tag_.startswith("VB")} - {None}
    return classes.pop() if len(classes) == 1 else None


def parts_done(text: str, asked: str, counted: Sequence[str] = ()) -> list[tuple[str, int, int]]:
    """Numbers of ``text`` that count a part of what was counted before, governed by a verb of the ``asked``
    class: "of which 41 were shot down", "89 of them were shot down", "shot down 94 of 121 drones". Each as
    (phrase, start, end), the phrase running through its "of …" part."""
    doc = parsed(text)
    out = []
    for tok in doc:
        if tok.like_num and _part_before_of(tok) and figure_class(text, tok.idx, tok.idx + len(tok.text)) == asked:
            # "two of five missiles", read as one noun phrase: the part runs to its noun
            noun = tok.head.head if tok.head.like_num else tok.head  # "two of five missiles": two -> five -> missiles
            if not _other_thing(stem(noun.lemma_), counted):
                end = noun.idx + len(noun.text)
                out.append((text[tok.idx : end], tok.idx, end))
            continue
        if not tok.like_num or tok.dep_ not in ("nsubjpass", "nsubj", "dobj", "npadvmod", "appos", "conj"):
            continue
        if figure_class(text, tok.idx, tok.idx + len(tok.text)) != asked:
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        which = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.head.children) and tok.dep_ == "nsubjpass"
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is not None and whole.pos_ == "NOUN" and _other_thing(stem(whole.lemma_), counted):
            continue  # "118 of the drones" is no part of the missiles asked about
        if of is not None:
            end = max(t.idx + len(t.text) for t in of.subtree)
            out.append((text[tok.idx : end], tok.idx, end))
        elif which:
            out.append((tok.text, tok.idx, tok.idx + len(tok.text)))
    return out


def _other_thing(whole: str, counted: Sequence[str]) -> bool:
    """Is ``whole`` a known sort of thing other than every one counted ("drone" for "missile"; "drone" is no other
    thing than "Shahed", which the word groups do not know)?"""
    if not counted or whole in counted:
        return False
    known = [c for c in counted if c in COUNT_SYNONYMS]
    return whole in COUNT_SYNONYMS and bool(known) and all(whole not in COUNT_SYNONYMS[c] for c in known)


def _part_before_of(tok: Token) -> bool:
    """ "two" of "two of five missiles" as the parser reads it: a number, then "of", both bound to the noun."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ == "quantmod" and nxt is not None and nxt.lower_ == "of" and nxt.head.i == tok.head.i


def _whole_of_part(tok: Token) -> bool:
    """ "five" of "two of five missiles": the number after a part and its "of"."""
    if tok.i < 2:
        return False
    of, part = tok.nbor(-1), tok.nbor(-2)
    return of.lower_ == "of" and part.like_num and _part_before_of(part)


def _partitive_relative(verb: Token) -> bool:
    """ "…, of which 37 were shot down": a relative clause about a part, not about the whole it hangs from."""
    return any(t.lower_ in ("which", "whom") and t.head.lower_ == "of" for t in verb.subtree)
