"""Repairs of participles the small English model reads as adjectives: "The assets will be frozen" (a passive) and
"said it had frozen assets worth €38 million" (a perfect tense) both lose the verb of what was done."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token


# Complements that make "be" + participle a state of mind, not an act done to the subject: "prepared to
# send", "concerned that …", and the prepositions such adjectives take ("interested in", "worried about",
# "committed to"); "frozen at Euroclear", "banned from EU ports" stay acts.
_ADJECTIVE_COMPLEMENTS = {"xcomp", "ccomp", "acomp", "pcomp"}
_ADJECTIVE_PREPOSITIONS = {"in", "about", "with", "of", "for", "to"}
_AGENT_PREPOSITION = "by"


def mend_adjectival_passives(doc: Doc, verb_lemma: Callable[[Token], str | None]) -> Doc:
    """Re-hang "The assets will be frozen" as a passive: the small model tags some participles after "be"
    as adjectives (JJ, ``acomp`` of "be"), which leaves the clause without a verb for what was done.

    ``verb_lemma`` gives the verb a word is the participle of ("frozen" -> "freeze"), or None when it is
    not one. A participle with a complement of its own ("prepared to send", "interested in") is a state of
    mind and stays an adjective; "by" after it names the doer and becomes the passive's agent."""
    for adj in list(doc):
        be = adj.head
        if adj.tag_ != "JJ" or adj.dep_ != "acomp" or be.lemma_.lower() != "be" or adj.i < be.i:
            continue
        if any(
            c.dep_ in _ADJECTIVE_COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in _ADJECTIVE_PREPOSITIONS)
            for c in adj.children
        ):
            continue
        lemma = verb_lemma(adj)
        if lemma is None:
            continue
        _make_passive(be, adj, lemma)
    return doc


def _make_passive(be: Token, participle: Token, lemma: str) -> None:
    moved = [c for c in be.children if c.i != participle.i]
    participle.head = be.head if be.dep_ != "ROOT" else participle
    participle.dep_ = be.dep_
    participle.tag_, participle.pos_, participle.lemma_ = "VBN", "VERB", lemma
    be.head, be.dep_ = participle, "auxpass"
    for child in moved:
        child.head = participle
        if child.dep_ == "nsubj":
            child.dep_ = "nsubjpass"
    for child in participle.children:
        if child.dep_ == "prep" and child.lower_ == _AGENT_PREPOSITION:
            child.dep_ = "agent"


def mend_perfect_participles(doc: Doc, verb_lemma: Callable[[Token], str | None]) -> Doc:
    """Re-hang "it had frozen assets worth €38 million" as a perfect tense: the model takes "frozen assets" for
    a noun phrase after "have" (possession), which leaves the clause without what was done. Only a strong
    participle ("frozen", "taken", "stolen", by the verb table) right after "have": a weak one is as often an
    adjective there ("has advanced air defences", "has limited resources")."""
    for have in list(doc):
        if have.lemma_.lower() != "have" or have.i + 2 > len(doc) - 1:
            continue
        participle = doc[have.i + 1]
        noun = participle.head
        if participle.tag_ not in ("JJ", "VBN") or participle.dep_ != "amod" or noun.i <= participle.i:
            continue
        small = noun.head if noun.dep_ == "nsubj" and noun.head.dep_ in ("xcomp", "ccomp") else None
        if small is not None and small.head.i == have.i and small.tag_ == "VBG":
            # "had frozen assets … belonging to a businessman": the model reads a small clause after "had"
            small.head, small.dep_ = noun, "acl"
            noun.head, noun.dep_ = have, "dobj"
        owns = noun.head.i == have.i and noun.dep_ == "dobj"  # "had" the verb, "frozen assets" its object
        helps = have.dep_ == "aux" and have.head.i in (noun.i, participle.i) and noun.dep_ == "ROOT"  # a verbless root
        if not (owns or helps):
            continue
        lemma = verb_lemma(participle)
        if lemma is None or not participle.lower_.endswith(("en", "wn")):
            continue
        top = have if owns else noun
        participle.head = top.head if top.dep_ != "ROOT" else participle
        participle.dep_ = top.dep_
        participle.tag_, participle.pos_, participle.lemma_ = "VBN", "VERB", lemma
        for t in doc:
            # What hung on the old top before the object (its subject, "said", punctuation) now hangs on the verb.
            if t.head.i == top.i and (t.i < noun.i or t.is_punct) and t.i not in (participle.i, top.i):
                t.head = participle
        have.head, have.dep_, have.pos_ = participle, "aux", "AUX"
        noun.head, noun.dep_ = participle, "dobj"
    return doc
