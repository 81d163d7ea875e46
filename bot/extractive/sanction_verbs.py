"""What a verb of banning, taking, listing or hitting means where it stands: a measure, or something else.

"Banned Russian diamonds" is a measure; "elements of the Northern Grouping had seized the plant" is a capture;
"the company is listed on the Oslo Stock Exchange" is trading; "a town targeted by Ukrainian drones" is a strike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon


def russian_goods(lx: Lexicon, obj: Token, verb: Token) -> bool:
    """ "banned Russian diamonds": a ban on goods Russia sells is a measure (the verb a ban's own, "ban",
    "bar", "prohibit", with the goods its direct object)."""
    if verb.lemma_.lower() not in BANS or obj.head.i != verb.i or obj.dep_ != "dobj" or obj.pos_ != "NOUN":
        return False
    # "Russian diamonds", not "Moscow's ability": the goods' origin, not an owner of something abstract.
    return any(c.dep_ in ("amod", "compound") and lx.side_words.get(c.lower_) == "russia" for c in obj.lefts)


BANS = {"ban", "bar", "prohibit", "embargo", "outlaw"}
# Nouns whose infinitive says what is banned ("the use of EU ports to reload LNG"), unlike a ban's purpose
# ("banned imports of steel to protect its market").
USE_NOUNS = {"use", "access", "ability", "right", "permission"}


def is_price_cap(token: Token) -> bool:
    """ "the price cap", "the maximum price at which firms may ship Russian crude": a limit on a price."""
    lemma = token.lemma_.lower()
    if lemma == "ceiling":
        # "lowered that ceiling to $47.60": a ceiling set to a price is the price cap; a debt ceiling is not.
        verb = token.head
        level = [t for p in syntax.children(verb, "prep") if p.lower_ in ("to", "at") for t in p.subtree]
        return any(t.text == "$" or t.tag_ == "$" for t in level) and not any(
            c.lower_ in ("debt", "borrowing", "spending") for c in token.lefts
        )
    return lemma == "cap" or (lemma == "price" and any(c.lower_ in ("maximum", "max") for c in token.lefts))


# Verbs of taking that are a sanction on assets and a capture on the battlefield.
SEIZING = {"seize", "capture", "take"}
_EXCHANGES = {"exchange", "market", "bourse", "index", "nasdaq"}


# Ground that is taken in fighting, not confiscated: "seized Tykhe, a hamlet east of the town".
_GROUND = frozenset({"village", "hamlet", "town", "city", "settlement", "height", "position", "bridgehead", "outskirts"})


def fighting(lx: Lexicon, verb: Token) -> bool:
    """Is the one who takes something troops ("elements of the Russian Northern Grouping of Forces", "its North
    group"), or what is taken ground ("seized Tykhe, a hamlet east of the town")?"""
    who = syntax.subject(verb)
    if who is not None and any(t.lemma_.lower() in lx.military for t in who.subtree):
        return True
    if who is not None and who.lemma_.lower() in ("group", "grouping") and any(c.pos_ == "PROPN" for c in who.lefts):
        return True
    taken = [t for o in syntax.children(verb, "dobj") for t in (o, *syntax.children(o, "appos"))]
    return any(t.lemma_.lower() in _GROUND for t in taken)


def on_an_exchange(verb: Token) -> bool:
    return any(
        o.lemma_.lower() in _EXCHANGES
        for p in syntax.children(verb, "prep")
        if p.lower_ in ("on", "in")
        for o in syntax.children(p, "pobj")
    )


# Verbs that name a sanction's targets and an attack's.
HITTING = {"target", "hit", "strike"}


def struck(lx: Lexicon, verb: Token) -> bool:
    """ "a town … has been targeted by Ukrainian drones", "Russian missiles hit the plant": the one who hits is a
    weapon or an armed force, so it is an attack, not a measure."""
    doer = syntax.agent(verb) if syntax.is_passive(verb) else syntax.subject(verb)
    if doer is not None and syntax.is_pronoun(doer) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.report:
        # "Russia's Defence Ministry … said it had hit “a workshop assembling long-range drones”": the teller hits
        doer = syntax.subject(verb.head) or doer
    # (a defence ministry hits what its forces strike)
    return doer is not None and any(
        t.lemma_.lower() in lx.military or t.lemma_.lower() in lx.weapon_heads or t.lower_ in ("defence", "defense")
        for t in doer.subtree
    )


# Places on a border that a government closes to trade, and what it closes them to.
_BORDER_POINTS = {"crossing", "checkpoint", "border"}
_TRADE_TRAFFIC = {"cargo", "freight", "traffic", "trade", "lorry", "truck", "goods", "transit"}


def crossings_shut(verb: Token) -> list[Token]:
    """The border crossings ``verb`` shuts to trade ("decided to close the Šalčininkai crossing … to cargo traffic",
    "the Bobrowniki border crossing would remain closed to freight traffic"), a measure; empty for anything else.
    Closed to whom it must say: a crossing shut after shelling closes nothing to trade."""
    lemma = verb.lemma_.lower()
    word: Token | None
    if lemma in ("close", "shut") and syntax.is_verbal(verb):
        shut = [o for o in syntax.children(verb, "dobj", "nsubjpass") if o.lemma_.lower() in _BORDER_POINTS]
        word = verb
    elif lemma in ("be", "remain", "stay", "keep"):
        word = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in ("closed", "shut")), None)
        shut = [o for o in syntax.children(verb, "nsubj") if o.lemma_.lower() in _BORDER_POINTS] if word else []
    else:
        return []
    return shut[:1] if word is not None and _to_trade(word) else []


def _to_trade(word: Token) -> bool:
    """ "… to cargo traffic", "… to freight": closed to trade."""
    return any(
        p.lower_ == "to" and any(t.lemma_.lower() in _TRADE_TRAFFIC for t in p.subtree)
        for p in syntax.children(word, "prep")
    )
