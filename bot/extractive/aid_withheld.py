"""Giving that is not given: negated, hypothetical, refuted, hearsay, or under a permission, refusal or review,
which is policy's business ("is not really looking at giving Ukraine Tomahawks", "No decision has been made on
sending more Patriot systems", "A friend told me the Netherlands is sending 900 tanks")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.aid_background import earlier_year
from bot.extractive.aid_kind import PLANNING

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon

# Texts whose relative clause tells what they do ("a bill that would authorize $12 billion").
BILLS = frozenset({"bill", "law", "legislation", "measure", "decree", "resolution", "act", "amendment", "budget"})

_WITHHOLDING = ("permit", "prohibit", "review", "request", "restrict")


def withheld(verb: Token, lx: Lexicon, frame: Callable[[Token], str | None]) -> bool:
    """Is the giving negated, hypothetical, or under a permission, refusal or review (policy's business)?"""
    tentative = {"could", "might", "would", "should"}
    if syntax.reported(verb, lx.report):
        tentative.discard("would")  # "said it would provide": the "will" of a pledge, reported
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in BILLS:
        tentative.discard("would")  # "a bill that would authorize $12 billion": what the bill does, not a maybe
    if (
        syntax.is_negated(verb)
        or syntax.modals(verb) & tentative
        or syntax.is_hypothetical(verb)
        or syntax.refuted(verb)  # "a claim that Norway pledged NOK 50 billion is false"
    ):
        return True
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("without", "instead", "than"):
        return True  # "without giving a precise schedule", "rather than sending tanks": what is not done
    if syntax.held_back(verb):
        return True  # "stopped short of sending tanks", "refrained from pledging more"
    if earlier_year(verb):
        return True  # "In 2023, Washington had committed $43.9 billion": a past total, not this news
    if syntax.heard_by_someone(verb):
        return True  # "I heard Norway gave $40 billion last week": a reader's hearsay
    if syntax.told_by_unowned(verb, lx.report, lx.hearsay_media):
        return True  # "A post on X claimed Norway had pledged NOK 50 billion": talk, not a pledge
    if verb.dep_ == "csubj" or any(frame(o) == "permit" for o in syntax.children(verb, "dobj")):
        return True  # "supplying Tomahawks would mean …" is no act; "had given its approval" is policy
    chain = list(syntax.ancestors_to_clause_top(verb, limit=5))
    said = {"would"} if syntax.reported(verb, lx.report) else set()
    for below, tok in zip(chain, chain[1:], strict=False):
        if below.dep_ == "relcl":
            break  # "Scholz, who has doubled the sum …, has let it be understood …": the relative clause stands
        if below.dep_ == "conj" and syntax.is_verbal(tok):
            continue  # "banned the export of drone parts and pledged $1.3 billion": a verb beside it, not above it
        if syntax.is_verbal(tok) and syntax.is_negated(tok) and tok.lemma_.lower() not in lx.report:
            return True  # "is not really looking at giving Ukraine Tomahawks"
        if syntax.is_verbal(tok) and any(syntax.is_negated(c) for c in syntax.children(tok, "nsubj", "nsubjpass")):
            return True  # "No decision has been made on sending more Patriot systems"
        if (
            tok.pos_ == "NOUN"
            and below.dep_ in ("acl", "relcl")
            and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        ):
            return True  # "has no plans to send Typhoon jets", "no intention of giving"
        if tok.pos_ == "NOUN" and below.dep_ == "acl" and tok.lemma_.lower() in lx.hearsay_media and syntax.unowned(tok):
            return True  # "speculation that the package would top C$1.5 billion": talk, not a pledge
        if tok.lemma_.lower() in lx.report and syntax.is_verbal(tok):
            teller = syntax.subject(tok)
            # "A friend told me the Netherlands is sending 900 tanks": hearsay is not a pledge.
            return teller is not None and teller.lemma_.lower() in lx.hearsay
        if tok.lemma_.lower() in _PROPOSING and syntax.is_verbal(tok) and _outside_government(syntax.subject(tok)):
            return True  # "The opposition Greens … proposed doubling it to 26 million euros": a proposal, not a pledge
        if _approved_own_giving(frame(tok), tok, below):
            continue  # "Biden approved sending land mines to Ukraine": a decision to give, the approver the giver
        if frame(tok) in _WITHHOLDING or (
            _forms(tok) & lx.intention and not _forms(tok) & {"pledge", "promise", "will", *PLANNING}
        ):
            return True
        if any(frame(c) in ("prohibit",) for c in tok.children if c.dep_ == "acomp"):
            return True
        if syntax.is_verbal(tok) and syntax.modals(tok) & ({"could", "might"} | ({"would"} - said)):
            return True  # "one scenario would see Germany fund …": what might be, not what was given
    return False


# Verbs of putting forward what others should do.
_PROPOSING = frozenset({"propose", "suggest", "urge", "recommend", "demand"})
# Those who propose without governing: their proposals give nothing.
_OUTSIDERS = frozenset(
    {"opposition", "party", "lawmaker", "legislator", "mp", "senator", "critic", "campaigner", "analyst", "expert"}
)


def _outside_government(who: Token | None) -> bool:
    """ "The opposition Greens", "Some lawmakers": a proposer outside the government."""
    if who is None:
        return False
    words = {t.lemma_.lower() for t in who.subtree} | {c.lemma_.lower() for c in who.head.children if c.dep_ == "nsubj"}
    return bool(words & _OUTSIDERS)


def _approved_own_giving(frame: str | None, permit: Token, giving: Token) -> bool:
    """ "approved sending", "authorised the delivery of": the approver gives; "allowed Poland to send" lets a
    third party give, which is policy."""
    if frame != "permit" or not syntax.is_verbal(permit) or syntax.subject(permit) is None:
        return False
    gerund = giving.tag_ == "VBG" and giving.dep_ in ("xcomp", "dobj", "pcomp")
    gerund = gerund and syntax.first_child(giving, "nsubj", "nsubjpass") is None
    others = [c for c in permit.children if c.dep_ in ("dobj", "dative") and c.i != giving.i]
    return gerund and not others and not syntax.is_negated(permit) and not syntax.modals(permit) & {"could", "might"}


def _forms(tok: Token) -> set[str]:
    """The word's lemma and plain forms: the small model's lemmatiser makes "hopes" "hop"."""
    low = tok.lower_
    return {tok.lemma_.lower(), low, low.removesuffix("s"), low.removesuffix("ed"), low.removesuffix("d")}
