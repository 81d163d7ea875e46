"""The parts of a sum a sentence breaks down: "made up of a $1.25bn drawdown and $1.22bn under USAI", "£60m of the
total", "C$120m will go to the vehicles, C$40m to the generators", "SEK 2.4bn earmarked for artillery ammunition"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.figures import Money, find_money

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence


# Verbs that split a sum into its parts: "made up of", "consists of", "comprises", "divides into".
_COMPOSING = {"consist", "comprise", "split", "divide", "break", "make"}


# A sum named as a share of the whole ("£60m of the total"), or one of a breakdown ("C$120m will go to the vehicles,
# C$40m to the generators").
_OF_WHOLE = re.compile(r"^\s+of\s+(?:the|this|that|its|their)\s+(?:total|package|sum|money|funding|amount)\b")
GOES_TO = re.compile(r"^\s+(?:will\s+)?(?:go|goes|went|is\s+going)\s+(?:to|towards|toward)\b")
FURTHER = re.compile(r"\b(?:a\s+further|an\s+additional|another|an\s+extra)\s+$", re.IGNORECASE)
_OF_WHICH = re.compile(r"\bof\s+which\s+(?:about\s+|some\s+|roughly\s+|nearly\s+)?$", re.IGNORECASE)
_INCLUDES = re.compile(r"\b(?:includes?|including|included)\s+(?:about\s+|some\s+|roughly\s+|nearly\s+)?$", re.IGNORECASE)
_GAPPED_TO = re.compile(r"^\s+(?:to|towards|for)\s+(?:the\s+)?\w")
# "SEK 2.4bn earmarked for artillery ammunition": a sum set apart for one purpose within a package.
_SET_APART = re.compile(
    r"^\s+(?:(?:is|was|has\s+been|have\s+been|will\s+be)\s+)?"
    r"(?:earmarked|set\s+aside|allocated|reserved|ring-?fenced|designated)\s+(?:for|to|towards)\b"
)


def shares_of_whole(s: Sentence) -> list[Money]:
    """The sums the sentence names as parts of a whole: "of the total", or a breakdown that opens with "… will go
    to …" and goes on by gapping ("C$40m to the generators and C$25m to training")."""
    amounts = find_money(s.text)
    out: list[Money] = []
    alone: list[Money] = []
    breakdown = False
    for m in amounts:
        after = s.text[m.end :]
        before = s.text[max(0, m.start - 40) : m.start]
        if _OF_WHOLE.match(after) or _SET_APART.match(after) or accounted_for(s, m) is not None:
            out.append(m)
        elif m is not amounts[0] and (_OF_WHICH.search(before) or (_INCLUDES.search(before) and _GAPPED_TO.match(after))):
            # "€400 million, of which 220 million euros is the Netherlands' share …", "a package worth NOK 3.2 billion
            # includes 1.4 billion kroner for air defence": a part the sentence names after the whole.
            out.append(m)
            alone.append(m)
        elif GOES_TO.match(after):
            breakdown = True
            out.append(m)
            if FURTHER.search(s.text[: m.start]):
                alone.append(m)  # "A further C$28m will go towards repairing the grid": an addition of its own
        elif breakdown and _GAPPED_TO.match(after):
            out.append(m)
    parts = (_OF_WHOLE, _SET_APART)
    return out if len(out) > 1 or alone or any(p.match(s.text[m.end :]) for m in out for p in parts) else []


def gapped_part(s: Sentence, money: Money) -> bool:
    """Is ``money`` a gapped share ("…, and 800 million kroner to equipment for repairing the grid")?"""
    return bool(_GAPPED_TO.match(s.text[money.end :]))


def composes(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in _COMPOSING or verb.pos_ not in ("VERB", "AUX"):
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
    if lemma == "make":
        return "up" in particles  # "made up of"
    if lemma == "break":
        return "down" in particles or "into" in particles
    return True


def accounted_for(s: Sentence, money: Money) -> set[int] | None:
    """The words of what a share of a sum pays for, when the sentence says what "accounts for" it: "The Bradleys
    account for roughly $140 million of the total and the artillery shells for about $110 million" gives "The
    Bradleys" for the first sum and, by gapping, "the artillery shells" for the second."""
    span = s.doc.char_span(money.start, money.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    while head.dep_ in ("compound", "nmod", "nummod", "quantmod") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ != "for":
        return None
    holder = head.head.head
    if holder.lemma_.lower() == "account" and syntax.is_verbal(holder):
        who = syntax.subject(holder)
        return {t.i for t in syntax.phrase_tokens(who)} if who is not None and not syntax.is_pronoun(who) else None
    if holder.dep_ == "conj" and holder.head.lemma_.lower() == "account" and syntax.is_verbal(holder.head):
        # "… and the mortar rounds for roughly $90 million": the gapped noun, which the parser may take for a verb
        return {t.i for t in holder.subtree if t.i < head.head.i and t.dep_ not in ("cc", "punct")}
    if holder.pos_ in ("NOUN", "PROPN") and holder.dep_ == "conj":
        first = _money_at(s, holder.head)
        if first is not None and accounted_for(s, first) is not None:
            return {t.i for t in syntax.phrase_tokens(holder, stop=syntax.CLAUSES | {"prep"})}
    return None


def _money_at(s: Sentence, token: Token) -> Money | None:
    """The sum whose words include ``token`` (the "million" of "$140 million")."""
    return next((m for m in find_money(s.text) if m.start <= token.idx < m.end), None)


def purpose_of(s: Sentence, money: Money) -> set[int]:
    """The words after a share of a sum up to the next comma or stop: "earmarked for artillery ammunition"."""
    out: set[int] = set()
    for t in s.doc:
        if t.idx < money.end:
            continue
        if t.text in (",", ";", ".", "—", "–"):
            break
        out.add(t.i)
    return out


def around(s: Sentence, money: Money) -> set[int]:
    """The words of the phrase a sum heads: "$1.25bn drawdown from U.S. stocks", "€33bn in loans"."""
    span = s.doc.char_span(money.start, money.end, alignment_mode="expand")
    if span is None:
        return set()
    head = span.root
    while head.dep_ in ("compound", "nmod", "nummod", "quantmod") and head.head.i != head.i:
        head = head.head
    return {t.i for t in syntax.phrase_tokens(head)}


_KRONE_CODES = {"NOK", "DKK", "SEK"}
_BARE_KRONE = re.compile(r"\b(?:kron(?:er|or|e)|crowns?)\b", re.IGNORECASE)
_NAMED_KRONE = re.compile(r"\b(?:norwegian|danish|swedish|NOK|DKK|SEK)\b", re.IGNORECASE)


def same_currency(part: Money, currency: str | None) -> bool:
    """Is ``part`` in the whole's currency? A bare "kroner" after "3.2 billion Norwegian kroner" is the same krone."""
    if part.currency == currency:
        return True
    bare = bool(_BARE_KRONE.search(part.text)) and not _NAMED_KRONE.search(part.text)
    # ("1.5 billion crowns" after "4.2 billion Norwegian crowns": the bare English name has no code of its own)
    return bare and (part.currency in _KRONE_CODES or not part.currency) and currency in _KRONE_CODES
