"""Help told by its arrival: "The last of 50 armored vehicles pledged by Ottawa has reached Ukraine", "Fifty Leopard
tanks from Germany arrived in Ukraine on Monday". Goods that reach Ukraine were delivered; who gave them is who
pledged, supplied or sent them, where they came from, or the government whose ministry reports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actors_in
from bot.extractive.found import Found, aid_without_sum
from bot.extractive.lexicon import Lexicon
from bot.extractive.weapons import supplier_in, weapons_in

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence

_ARRIVING = frozenset({"arrive", "reach"})
# Where goods that arrive are Ukraine's: the country, its capital, its front.
_UKRAINE_WORDS = frozenset({"ukraine", "kyiv", "front", "frontline", "front-line"})


def _in_ukraine(verb: Token) -> bool:
    """ "has reached Ukraine", "arrived in Ukraine", "arrived at the front"."""
    places = [*syntax.children(verb, "dobj")]
    places += [o for p in syntax.children(verb, "prep") for o in syntax.children(p, "pobj")]
    return any(t.lower_ in _UKRAINE_WORDS for o in places for t in o.subtree)


def _givers(s: Sentence, goods: Token, verb: Token, lx: Lexicon) -> list[str]:
    """Who gave the goods: the "by" of "pledged by Ottawa", the "from" of "tanks from Germany", the goods' maker's
    country ("German-made"), else the one government the sentence names (its ministry reporting the arrival)."""
    holders = [goods, *(c for c in goods.children if c.dep_ == "acl")]
    for holder in holders:
        for p in syntax.children(holder, "prep", "agent"):
            if p.lower_ in ("by", "from"):
                named = [a for o in syntax.children(p, "pobj") for a in actors_in(s, o) if a not in BELLIGERENTS]
                if named:
                    return named
    for p in syntax.children(verb, "prep"):
        if p.lower_ == "from":
            named = [a for o in syntax.children(p, "pobj") for a in actors_in(s, o) if a not in BELLIGERENTS]
            if named:
                return named
    made = [supplier_in(s, w) for w in weapons_in(s, lx, indices={t.i for t in goods.subtree}, equipment=True)]
    if made and made[0] and made[0] not in BELLIGERENTS:
        return [made[0]]
    governments = {n.canonical for n in s.names_of("actor")} - set(BELLIGERENTS)
    return sorted(governments) if len(governments) == 1 else []


def arrivals(s: Sentence, lx: Lexicon) -> list[Found]:
    """Lines of help the sentence tells by its arrival in Ukraine."""
    out: list[Found] = []
    for verb in s.doc:
        if verb.lemma_.lower() not in _ARRIVING or not syntax.is_verbal(verb) or syntax.is_negated(verb):
            continue
        if syntax.modals(verb) or syntax.is_hypothetical(verb) or not _in_ukraine(verb):
            continue  # "could arrive", "if they reach Ukraine": not yet there
        if verb.tag_ not in ("VBD", "VBN") or verb.dep_ == "relcl":
            continue  # "the hub through which most Western weapons reach Ukraine": how things go, not a delivery
        goods = syntax.subject(verb)
        if goods is None:
            continue
        clause = {t.i for t in goods.subtree}
        # "along with 2,400 portable drone jammers": what came with them, wherever the parser hangs it
        hosts = [verb, *([verb.head] if verb.dep_ in ("ccomp", "parataxis") else [])]
        along = [p for h in hosts for p in syntax.children(h, "prep") if p.lower_ in ("along", "with")]
        clause |= {t.i for p in along for t in p.subtree}
        contents = [w.text for w in weapons_in(s, lx, indices=clause, equipment=True)]
        if not contents:
            continue
        givers = _givers(s, goods, verb, lx)
        if not givers:
            continue
        out.append(aid_without_sum(s, givers, contents, "delivered", "arrived"))
    return out
