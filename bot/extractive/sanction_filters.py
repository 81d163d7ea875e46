"""What a sanctions word tells that is no new measure: the effect of a listing told beside it ("…, freezing any
assets they hold"), measures told before ("The sanctions came as …"), nobody hit ("no foreign bank had been cut
off"), a rumour ("reports that London would …"), an earlier draft ("Earlier drafts had proposed …") and a measure
that only dates what is told ("since Russia's banks were cut off from Swift"), and a question the text goes on to
answer ("Here is … who has been sanctioned")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Token

# What a proposed measure is called when its contents are told: "the draft would add …".
PROPOSALS = frozenset({"draft", "proposal", "package", "plan", "text"})


# Verbs of holding what a listing freezes: "any assets they hold".
_HOLDING = {"hold", "own", "have", "keep", "control", "possess"}


def told_before(trigger: Token) -> bool:
    """ "The sanctions", "These measures" alone: a measure noun pointing back, with nothing of its own."""
    kids = list(trigger.children)
    return (
        trigger.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in kids)
        and all(c.dep_ in ("det", "punct") for c in kids)
    )


def nobody_hit(trigger: Token) -> bool:
    """ "no foreign bank had yet been cut off": a measure whose subject is "no" one has hit nobody."""
    if not syntax.is_verbal(trigger):
        return False
    who = syntax.first_child(trigger, "nsubjpass", "nsubj")
    return who is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in who.children)


# Words for what is said to be so without being confirmed: "reports that London would push …".
_HEARSAY = {"report", "rumour", "rumor", "speculation", "suggestion", "talk", "chatter", "story"}


def hearsay(trigger: Token) -> bool:
    """ "traders seized on reports that London would push its partners to cut the price cap": a measure told as the
    content of a report or a rumour is not one taken."""
    for up in syntax.ancestors_to_clause_top(trigger, limit=6):
        report = up.head
        if up.dep_ in ("acl", "ccomp") and report.pos_ == "NOUN" and report.lemma_.lower() in _HEARSAY:
            # "Reports that the EU had frozen 30 tankers were confirmed": a confirmed report tells a measure.
            return not (report.dep_ in ("nsubj", "nsubjpass") and report.head.lemma_.lower() in _CONFIRMING)
    return False


_CONFIRMING = {"confirm", "verify", "corroborate", "prove"}


def effect_of_listing(trigger: Token, triggers: set[int]) -> bool:
    """ "… would be added to Poland's sanctions list, freezing any assets they hold": what a measure of the same
    sentence does to those it lists (their assets, what they hold) is that measure, not another."""
    if trigger.dep_ != "advcl" or trigger.head.i not in triggers or not syntax.is_verbal(trigger):
        return False
    objects = syntax.children(trigger, "dobj")

    def theirs(noun: Token) -> bool:
        if any(c.dep_ == "poss" and syntax.is_pronoun(c) for c in noun.children):
            return True  # "freezing their assets"
        return any(
            r.dep_ == "relcl"
            and r.lemma_.lower() in _HOLDING
            and (who := syntax.subject(r)) is not None
            and syntax.is_pronoun(who)
            for r in noun.children
        )  # "freezing any assets they hold", not "blacklisting 105 vessels it says belong to …"

    return bool(objects) and all(theirs(o) for o in objects)


def superseded(trigger: Token) -> bool:
    """ "Earlier drafts had proposed listing as many as 163 ships": what an earlier version proposed is not the
    measure adopted."""
    for verb in syntax.ancestors_to_clause_top(trigger, limit=4):
        who = syntax.subject(verb) if syntax.is_verbal(verb) else None
        if (
            who is not None
            # "the previous package listed 117 vessels" was adopted: an earlier package is a measure of its own.
            and who.lemma_.lower() in (PROPOSALS - {"package"}) | {"version"}
            and any(c.lower_ in _EARLIER for c in who.children if c.dep_ == "amod")
        ):
            return True
    # "would replace the oil price cap with a full ban on maritime services": the cap is what the ban replaces.
    verb = trigger.head
    return (
        trigger.dep_ == "dobj"
        and verb.lemma_.lower() in REPLACING
        and any(p.lower_ == "with" and syntax.children(p, "pobj") for p in syntax.children(verb, "prep"))
    )


REPLACING = frozenset({"replace", "supersede", "swap", "substitute"})
# Words that mark a version of a measure as one left behind.
_EARLIER = frozenset({"earlier", "previous", "initial", "original", "first", "old", "older"})


def since(trigger: Token) -> bool:
    """ "… conduits for payments since Russia's largest banks were cut off from Swift": a measure that dates what
    is told, not a new one."""
    verb = trigger if syntax.is_verbal(trigger) else trigger.head
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)


def asked(verb: Token) -> bool:
    """ "Here is … who has been sanctioned": a question the text goes on to answer, not a measure."""
    return (
        syntax.is_verbal(verb)
        and verb.dep_ != "relcl"
        and any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.tag_ == "WP" for c in verb.children)
    )


def urged_by(trigger: Token, request: frozenset[str], request_noun: frozenset[str] = frozenset()) -> Token | None:
    """The one who asks for the measure ("Ukraine" in "Ukraine has long urged London to go further and confiscate
    the assets", "Kyiv" in "Kyiv's request to also sanction Rosatom"), when it is asked for rather than taken."""
    verb = trigger if syntax.is_verbal(trigger) else trigger.head
    for _ in range(4):
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in request:
            return syntax.subject(verb.head)
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in request_noun:
            return next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if verb.dep_ not in ("conj", "xcomp"):
            return None
        verb = verb.head
    return None
