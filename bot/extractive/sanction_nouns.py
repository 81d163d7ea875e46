"""Which nouns name a sanctions measure ("sanctions", "an export ban", "the sanctions list", "a fresh
round of sanctions"), and which nouns a verb acts on, where such a noun would stand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actors_in

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon
    from bot.extractive.reading import Sentence


# Nouns that sanctions qualify without naming a measure: "the sanctions push", "sanctions experts", "sanctions relief".
_ABOUT_SANCTIONS = frozenset(
    {
        "push",
        "campaign",
        "drive",
        "effort",
        "debate",
        "policy",
        "regime",
        "talk",
        "threat",
        "pressure",
        "strategy",
        "expert",
        "official",
        "lawyer",
        "evasion",
        "relief",
        "war",
        "fatigue",
        "enforcement",
        "compliance",
    }
)


# What a price cap is put on: "the cap on Russian crude", "a ceiling on the price of oil".
_CAPPED = frozenset({"crude", "oil", "price", "fuel", "diesel", "product", "gas", "lng", "urals"})


def is_sanction_noun(lx: Lexicon, token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    # "its 17th sanctions package", "the sanctions list": a noun that sanctions name.
    if any(c.dep_ == "compound" and c.lemma_.lower() in ("sanction", "sanctions") for c in token.lefts):
        return lemma not in _ABOUT_SANCTIONS  # "the sanctions push comes as …" tells of a campaign, not a measure
    if lemma == "list" and any(c.lemma_.lower() in lx.sanction_noun for c in token.lefts):
        return True  # "the port-ban list now covers 91 ships"
    if lemma in ("cap", "ceiling") and any(
        p.lower_ == "on" and any(t.lemma_.lower() in _CAPPED for t in p.subtree) for p in token.children if p.dep_ == "prep"
    ):
        return True  # "the EU’s dynamic cap on Russian crude will fall to $44.10": a price cap by what it caps
    if lemma not in lx.sanction_noun:
        return False
    if lemma in ("ban", "embargo") and any(
        p.lower_ == "on"
        and any(
            _russian(lx, o) or o.lemma_.lower() in lx.trade_modifier or any(_russian(lx, t) for t in o.subtree)
            for o in p.children
            if o.dep_ == "pobj"
        )
        for p in token.children
        if p.dep_ == "prep"
    ):
        # "a full ban on Russian LNG", "a ban on imports of …", "a full ban on maritime services for Russian crude": a
        # ban on what Russia sells or on serving it
        return True
    if lemma in ("sanction", "designation", "listing", "blacklist", "embargo", "delisting"):
        return True
    if lemma == "penalty" and any(t.like_num or t.tag_ == "$" for t in token.subtree if t.i < token.i):
        return True  # "a $2.3 million civil penalty on …": a sum exacted for breaking export controls
    if any(
        p.lower_ in ("against", "on") and any(o.lemma_.lower() in lx.target_noun for o in p.children)
        for p in token.children
        if p.dep_ == "prep"
    ):
        return True  # "parallel measures against 14 and 11 vessels": a measure aimed at whom sanctions list
    if lemma == "measure" and any(_aims_at_targets(lx, v) for v in describing_verbs(token)):
        return True  # "announced parallel measures the same day, targeting 30 and 25 vessels": aimed as sanctions are
    # "export ban", "asset freeze", "price cap", "export controls", "restrictive measures".
    modifiers = {c.lemma_.lower() for c in token.lefts}
    return bool(modifiers & lx.trade_modifier) or (lemma == "measure" and "restrictive" in modifiers)


# Participles that say whom a measure is for: "sanctions aimed at …", "measures targeting …".
AIMING = frozenset({"aim", "direct", "target"})


def describing_verbs(noun: Token) -> list[Token]:
    """The participles that tell what a noun does: hung on it ("measures targeting …"), or on the verb it is the
    object of ("announced measures the same day, targeting …")."""
    own = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    if noun.dep_ == "dobj":
        own += [c for c in noun.head.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    return own


def _aims_at_targets(lx: Lexicon, verb: Token) -> bool:
    return verb.lemma_.lower() in AIMING and any(
        t.lemma_.lower() in lx.target_noun for o in syntax.children(verb, "dobj") for t in (o, *o.conjuncts)
    )  # "targeting 30 and 25 vessels": the parser makes "30" the object and the vessels its conjunct


def _russian(lx: Lexicon, goods: Token) -> bool:
    """ "Russian LNG", "Russian diamonds": goods named by their Russian origin."""
    return goods.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound") and lx.side_words.get(c.lower_) == "russia" for c in goods.lefts
    )


def names_a_measure(lx: Lexicon, token: Token) -> bool:
    """ "a fresh round of sanctions", "its 17th package of sanctions": the noun the measure is counted by."""
    return (
        token.pos_ == "NOUN"
        and not is_sanction_noun(lx, token)
        and any(
            p.lower_ == "of" and any(is_sanction_noun(lx, o) for o in syntax.children(p, "pobj"))
            for p in syntax.children(token, "prep")
        )
    )


def arguments(verb: Token) -> list[Token]:
    """The nouns a verb acts on: its object or passive subject, and what hangs off them by "of"
    ("adopted a package of sanctions")."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
            out.append(child)
            for prep in syntax.children(child, "prep"):
                if prep.lower_ == "of":
                    out.extend(syntax.children(prep, "pobj"))
    return out


# Prepositions that carry a decision's object: "signed off on", "agreed on", "voted for".
_AGREED_ON = {"on", "for"}


def _of_nouns(noun: Token) -> list[Token]:
    """What hangs off a noun by "of": "package of sanctions" -> sanctions."""
    return [o for p in syntax.children(noun, "prep") if p.lower_ == "of" for o in syntax.children(p, "pobj")]


def acted_on(verb: Token) -> list[Token]:
    """The nouns a verb acts on; for a participle on a noun ("the EU's fifteenth round of sanctions, adopted on
    Monday, …"), that noun and what hangs off it by "of"."""
    out = arguments(verb)
    # A prepositional verb's object: "signed off on a fourteenth package", "agreed on new measures".
    for prep in syntax.children(verb, "prep"):
        if prep.lower_ in _AGREED_ON:
            out += [o for pobj in syntax.children(prep, "pobj") for o in (pobj, *_of_nouns(pobj))]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        noun = verb.head
        out += [noun, *_of_nouns(noun)]
    return out


def list_owner(s: Sentence, noun: Token) -> str | None:
    """Whose sanctions list or package a noun is ("The UK list", "the EU's package"), a government not at war."""
    if noun.lemma_.lower() not in ("list", "package"):
        return None
    return next(
        (
            a
            for c in noun.children
            if c.dep_ in ("compound", "poss", "amod")
            for a in actors_in(s, c)
            if a not in BELLIGERENTS
        ),
        None,
    )
