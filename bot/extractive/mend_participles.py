"""Repairs of participles the small English model misreads: read as adjectives, "The assets will be frozen" (a
passive) and "said it had frozen assets worth €38 million" (a perfect tense) both lose the verb of what was done;
read as verbs, "20 M113 tracked armoured vehicles" becomes a clause. Also lists the model splits in two."""

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


def mend_listed_participles(doc: Doc) -> Doc:
    """Put back a list item the model reads as a clause: in "will send 10 Leopard 2A4 tanks, 20 M113 tracked armoured
    vehicles and six Hawk launchers" it makes "M113" the subject of a verb "tracked" with "vehicles" as its object.
    The participle describes the vehicles, the model name and the count are theirs, and the vehicles are one more
    thing the first verb sends."""
    for verb in list(doc):
        if verb.tag_ not in ("VBD", "VBN") or verb.dep_ not in ("conj", "ROOT"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if subject is None or obj is None or subject.i != verb.i - 1 or subject.left_edge.i < 2:
            continue
        count = next((c for c in subject.children if c.dep_ == "nummod"), None)
        if count is None or doc[subject.left_edge.i - 1].text != ",":
            continue
        first = _item_ending_at(doc[subject.left_edge.i - 2])
        # A list of counted things on both sides ("10 Leopard 2A4 tanks, 20 M113 tracked armoured vehicles"), not
        # "Across the front line, 178 combat clashes took place".
        if first is None or obj.tag_ != "NNS" or not any(c.dep_ == "nummod" for c in first.children):
            continue
        if any(doc[i].dep_ not in ("amod", "compound") or doc[i].head.i != obj.i for i in range(verb.i + 1, obj.i)):
            continue  # only the object's own modifiers between: "tracked armoured vehicles"
        # The clause the first item belongs to, when the model hung it on the participle as the root: "told a
        # committee that … would pay for 10 tanks" is the sentence's main clause again.
        main = next((c for c in verb.children if first.i in {t.i for t in c.subtree}), None)
        if verb.dep_ == "ROOT" and (main is None or main.i in (obj.i, subject.i)):
            continue
        if verb.dep_ != "ROOT" and main is not None:
            continue
        if main is not None:
            main.head, main.dep_ = main, "ROOT"
        obj.head, obj.dep_ = first, "conj"
        for child in list(verb.children):
            if child.i in (obj.i, subject.i) or (main is not None and child.i == main.i):
                continue
            child.head = main if child.dep_ == "punct" and child.i == len(doc) - 1 and main is not None else obj
        subject.head, subject.dep_ = obj, "compound"
        count.head, count.dep_ = obj, "nummod"
        verb.head, verb.dep_ = obj, "amod"
        verb.tag_, verb.pos_ = "JJ", "ADJ"
    return doc


def _item_ending_at(last: Token) -> Token | None:
    """The head noun of the list item that ends with ``last`` ("tanks" of "10 Leopard 2A4 tanks"), if it is an
    object; None otherwise."""
    noun = last
    while noun.dep_ in ("compound", "nummod", "amod") and noun.head.i > noun.i:
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("dobj", "pobj", "conj", "attr"):
        return None
    return noun


def mend_second_objects(doc: Doc) -> Doc:
    """Join a list the model splits after a place: in "designated 14 banks in Russia and Central Asia, 22 trading
    companies and nine individuals" it gives "designated" two objects; the second is one more item of the first."""
    for verb in list(doc):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        # (or gives it a noun as a conjunct, as if the noun were a second verb)
        objects = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "conj" and c.pos_ == "NOUN")]
        if len(objects) != 2 or objects[0].dep_ != "dobj":
            continue
        first, second = objects
        if second.i < first.i or doc[second.left_edge.i - 1].text != ",":
            continue
        if not any(c.dep_ == "nummod" for c in first.children) or not any(c.dep_ == "nummod" for c in second.children):
            continue  # a list of counted things, as sanctions and aid give them
        second.head, second.dep_ = first, "conj"
    return doc


def mend_counted_after_places(doc: Doc) -> Doc:
    """Join a counted item the model hangs on a list of places: in "sanctioned three banks in Kyrgyzstan and the United
    Arab Emirates and 42 companies across Asia" it reads "42 companies" as a third place; a counted common noun in a
    list of names under a preposition of the verb's counted object is one more item of that object."""
    for noun in list(doc):
        if noun.pos_ != "NOUN" or noun.dep_ != "conj" or not any(c.dep_ == "nummod" for c in noun.children):
            continue
        first = noun.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        prep = first.head
        if first.pos_ != "PROPN" or first.dep_ != "pobj" or prep.dep_ != "prep":
            continue
        verb = prep.head
        counted = [o for o in verb.children if o.dep_ == "dobj" and any(c.dep_ == "nummod" for c in o.children)]
        if verb.pos_ not in ("VERB", "AUX") or not counted or counted[0].i > prep.i:
            continue
        noun.head = counted[0]
    return doc
