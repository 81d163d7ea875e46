"""Rules told around a question or as what will be: a reply to "Asked whether …" or "Asked about …", a rule left
open ("has never said whether …"), a refusal to talk about it ("declined to discuss …"), and a use told as what will
be ("would not be used beyond Ukraine's borders")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon
    from bot.models import Stance

# Where a use is aimed: a rule about using a weapon says where or at what.
AIMED = {"against", "at", "on", "inside", "into", "in", "within", "beyond", "across", "over"}
# Verbs of telling or knowing that a refusal to talk takes: "declined to comment", "would not be drawn on".
_KNOWING = frozenset(
    {"know", "clarify", "confirm", "disclose", "reveal", "specify", "indicate", "draw", "comment", "elaborate"}
)


def stated_limit(verb: Token, negated: bool, lx: Lexicon) -> Stance | None:
    """A use told as what will be ("will be used only against …", "would not be used beyond Ukraine's borders")
    states its limit: restricted, or prohibited where the use named is the one kept out."""
    mods = syntax.modals(verb)
    stated = "will" in mods or "wo" in mods or ("would" in mods and syntax.reported(verb, lx.report))
    if not (stated and syntax.is_passive(verb)):
        return None
    only = any(c.dep_ == "advmod" and c.lower_ in ("only", "solely", "exclusively") for c in verb.subtree)
    aimed = [p for p in syntax.children(verb, "prep") if p.lower_ in AIMED | {"outside"}]
    if only and not negated:
        return "restricted"
    if negated and aimed:
        return "restricted" if aimed[0].lower_ in ("beyond", "outside") else "prohibited"
    return None


def refused_to_say(refusal: Token, lx: Lexicon) -> bool:
    """ "declined to discuss the details", "refused to comment on": a refusal to talk about the rule."""
    said = syntax.first_child(refusal, "xcomp")
    words = lx.report | _KNOWING | {"discuss"}
    # The word itself too: the small model's lemmatiser turns "discuss" into "discus".
    return said is not None and (said.lemma_.lower() in words or said.lower_ in words)


def left_open(clause: Token, frame: Callable[[Token], str | None]) -> bool:
    """A rule asked about, not stated: "France has never said whether its SCALP missiles may be used …",
    "struggled to speak with one voice on whether Kyiv may fire …" leave it unclear. A review ("is weighing
    whether", "no decision on whether") and a question answered after it ("Asked whether …, he said …") are read
    as such elsewhere."""
    if clause.dep_ == "csubj" or not any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children):
        return False  # "Whether Ukraine may fire them … is another matter: the White House is reviewing it"
    governor = clause.head if clause.dep_ != "pcomp" else clause.head.head
    nouns = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    reviewed = any(frame(t) is not None for t in [governor, *nouns])
    return not reviewed and governor.lemma_.lower() not in ("ask", "question")


def reply_rule(asked: Token, lx: Lexicon, frame: Callable[[Token], str | None]) -> tuple[Stance, Token] | None:
    """ "Asked whether Ukraine may use the drones inside Russia, McGuinty said Ottawa has not placed any
    restrictions on where …", "Asked about Gripen fighters, the minister said Stockholm had not yet given the green
    light": the question is no request; the reply's rule is the stance."""
    if not (asked.lemma_.lower() == "ask" and asked.tag_ == "VBN" and asked.dep_ == "advcl"):
        return None
    reply = syntax.first_child(asked.head, "ccomp") if asked.head.lemma_.lower() in lx.report else None
    if reply is None:
        return None
    for word in reply.subtree:
        kind = frame(word)
        # Only a reply that names a rule ("no restrictions", "the ban stays") answers for the weapon; a reply's
        # other words ("he would not speculate on decisions") are about the asking.
        if kind not in ("restrict", "prohibit", "permit") or word.pos_ != "NOUN":
            continue
        negated = syntax.is_negated(word) or syntax.is_negated(word.head)
        if kind == "permit":
            # "Asked about Gripen fighters, the minister said Stockholm had not yet given the green light"
            pending = negated and any(c.lower_ == "yet" for c in word.head.children)
            return ("under_review" if pending else "prohibited" if negated else "permitted"), word
        stance: Stance = "restricted" if kind == "restrict" else "prohibited"
        return ("permitted" if negated else stance), word
    return None
