"""Asides a brief leaves out: how many people live in a place.

"Huliaipole, a town … that was home to about 13,000 people before the war": a place's size is never what an item
says, and its figure, shown in a line or a quote, would read as one of the item's own (a count of troops, of
targets). The aside is cut from the item's text and elided from its quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that count a place's people: "a town of about 102,000 people", "home to 13,000 residents".
_DWELLERS = {"people", "resident", "inhabitant", "soul"}
# Nouns for a place whose size an "of" gives: "an industrial town of about 102,000 people".
_PLACE_NOUNS = {"town", "city", "village", "settlement", "region", "oblast", "district", "country", "nation", "port"}
# Verbs that say people live somewhere: "where 40,000 people lived before the war".
_LIVING = {"live", "reside", "have", "number"}


def _counts_dwellers(aside: Token) -> bool:
    for t in aside.subtree:
        counted = any(c.like_num for c in t.subtree)
        if t.lemma_.lower() == "population" and counted:
            return True
        if t.lemma_.lower() not in _DWELLERS or not any(c.like_num for c in t.children):
            continue
        head = t.head
        if head.lower_ == "to" and head.head.lower_ == "home":
            return True  # "home to about 13,000 people"
        if head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_NOUNS:
            return True  # "a town of about 102,000 people"
        if head.lemma_.lower() in _LIVING and head.pos_ in ("VERB", "AUX"):
            return True  # "where 40,000 people lived before the war"
    return False


def population_asides(doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The token ranges (first, last, with their commas) of the smallest apposition or relative clause in
    ``doc[start:end + 1]`` that tells how many people live in a place."""
    end = len(doc) - 1 if end is None else end
    asides = [t for t in doc[start : end + 1] if t.dep_ in ("appos", "relcl") and _counts_dwellers(t)]
    smallest = [t for t in asides if not any(o is not t and o.i in {x.i for x in t.subtree} for o in asides)]
    out = []
    for aside in smallest:
        if aside.dep_ == "relcl" and aside.head.dep_ == "appos":
            rest = {t.i for t in aside.head.subtree} - {t.i for t in aside.subtree}
            if not any(doc[i].pos_ in ("ADP", "PROPN", "NUM") for i in rest):
                aside = aside.head  # "Kurakhove, a town that was home to …": "a town" alone says nothing
        tokens = list(aside.subtree)
        first, last = tokens[0].i, tokens[-1].i
        if first > 0 and doc[first - 1].text == ",":
            first -= 1
            if last + 1 < len(doc) and doc[last + 1].text == ",":
                last += 1
        out.append((first, last))
    return out


def without_population(doc: Doc, start: int, end: int, text: str) -> str:
    """``text`` (the words of ``doc[start:end + 1]``) without a population aside."""
    for first, last in population_asides(doc, start, end):
        piece = syntax.span_text(list(doc[first : last + 1]))
        if piece in text and len(piece) < len(text) / 2 + 60:
            text = " ".join(text.replace(piece, "", 1).split()).strip(" ,;:")
    return text


def quote_without_population(doc: Doc, sentence: str) -> str:
    """The sentence as quoted, with a population aside elided ("Novokuibyshevsk … has been targeted …")."""
    asides = population_asides(doc)
    if not asides:
        return sentence
    out, pos = [], 0
    for first, last in asides:
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        if sentence[a:b] != syntax.span_text(list(doc[first : last + 1])):
            return sentence  # the parse saw other text than the quote: leave it whole
        out.append(sentence[pos:a].rstrip(" ,"))
        pos = b
    rest = sentence[pos:].lstrip(" ,")
    if rest.strip(" .;") == "":
        return " … ".join(out) + " …"  # the aside ended the sentence
    return " … ".join([*out, rest])
