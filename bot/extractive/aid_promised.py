"""Help a relative clause promises: "A third Patriot system, which Germany pledged in April, is to reach Ukraine" gives
the system; "the missiles they had supplied" recalls help given long ago and gives nothing new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.aid_kind import aid_status

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs of a promise of help: what they describe in a relative clause is still to come ("a third Patriot system,
# which Germany pledged in April, is to reach Ukraine").
_PROMISING = frozenset({"pledge", "promise", "commit", "offer", "earmark", "allocate"})


def promised_status(verb: Token) -> str:
    """The verb's status, or, for help a relative clause promised, what the main clause says became of it ("4,000
    rounds, which Estonia pledged in September, had reached Ukraine" were delivered)."""
    if verb.dep_ == "relcl" and verb.lemma_.lower() in _PROMISING:
        described = whole_described(verb)
        main = described.head
        if (
            described.dep_ in ("nsubj", "nsubjpass")
            and main.lemma_.lower() in _ARRIVING
            and main.tag_ in ("VBD", "VBN", "VBZ")
        ):
            return "delivered"
    return aid_status(verb)


def whole_described(clause: Token) -> Token:
    """The noun a relative clause describes, whole: "consignment" of "a consignment of 4,000 rounds of 155 mm
    ammunition, which Estonia pledged", though the clause hangs on "ammunition"."""
    noun = clause.head
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM"):
        noun = noun.head.head
    return noun


# Verbs by which help gets where it was sent: "had reached Ukraine last week".
_ARRIVING = frozenset({"reach", "arrive", "deliver"})


def gives_what_it_describes(verb: Token) -> bool:
    """Is the relative clause's object the noun it describes: "which Germany pledged", "that Spain sent", or the
    gap in "the tanks Spain promised" (a giving verb with a subject of its own and no object)?"""
    # Only a promise still to be kept is news this way; "the missiles they had supplied", "the minehunters Britain
    # handed to Ukraine" and "weapons it has supplied" recall help given long ago.
    if verb.lemma_.lower() not in _PROMISING or syntax.first_child(verb, "nsubj") is None:
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    objects = syntax.children(verb, "dobj", "dative")
    if objects:
        # "that Germany promised Ukraine", parsed with "that" as the dative: the pronoun is still an object
        return any(o.lower_ in ("which", "that") for o in objects)
    return verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") and syntax.first_child(verb, "nsubjpass", "ccomp", "xcomp") is None
