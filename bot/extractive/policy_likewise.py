"""A rule told by reference to the one before: "Britain has allowed Ukraine to use its Storm Shadow missiles against
military targets inside Russia, and France has taken a similar line with the SCALP", "Paris did the same with the
Scalp", "Italy followed suit". The second government's rule has the first one's stance and limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found
from bot.extractive.reading import Sentence
from bot.extractive.weapons import Weapon

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns of a course taken ("a similar line", "the same approach") and the words that make it the earlier one's.
_COURSES = frozenset({"line", "approach", "position", "stance", "course", "view", "policy", "path"})
_SAME = frozenset({"similar", "same", "identical", "comparable", "parallel", "like"})


def _likewise_verb(token: Token) -> bool:
    """Is ``token`` a verb that repeats the rule before: "has taken a similar line", "did the same", "followed
    suit"?"""
    if not syntax.is_verbal(token) or syntax.is_negated(token):
        return False
    lemma = token.lemma_.lower()
    for obj in syntax.children(token, "dobj"):
        alike = {c.lower_ for c in obj.children if c.dep_ in ("amod", "det")} & _SAME
        if lemma in ("take", "adopt", "follow") and obj.lemma_.lower() in _COURSES and alike:
            return True
        if lemma == "do" and obj.lower_ == "same":
            return True
        if lemma == "follow" and obj.lower_ == "suit":
            return True
    return False


def _weapon_of(verb: Token, weapons: list[Weapon]) -> Weapon | None:
    """The weapon the repeated rule is about: the one after "with", "on" or "for" ("a similar line with the
    SCALP"), else the one in the verb's own clause."""
    clause = {t.i for t in verb.subtree}
    mine = [w for w in weapons if w.head.i in clause and w.head.i > verb.i]
    for prep in syntax.children(verb, "prep"):
        if prep.lower_ in ("with", "on", "for", "over", "regarding"):
            held = {t.i for t in prep.subtree}
            pick = [w for w in mine if w.head.i in held]
            if pick:
                return pick[0]
    return mine[0] if mine else None


def likewise(s: Sentence, weapons: list[Weapon], earlier: list[Found], actor_of: dict[int, str]) -> list[Found]:
    """Rules of ``s`` told as the same as the rule before (in this sentence's ``earlier`` items, else the last
    weapons-policy item of the article): the actor is the verb's subject (``actor_of`` maps token index to the
    actor it names), the weapon its own, the stance and limits the earlier rule's."""
    out: list[Found] = []
    for verb in s.doc:
        if not _likewise_verb(verb):
            continue
        who = syntax.subject(verb)
        actor = actor_of.get(who.i) if who is not None else None
        before = [f for f in earlier if f.section == "weapons_policy" and f.fields.get("stance")]
        if actor is None or not before:
            continue
        model = before[-1]
        if model.fields.get("actor") and actor in str(model.fields["actor"]):
            continue  # "Britain … and it took a similar line with …": the same government, no second rule
        weapon = _weapon_of(verb, weapons)
        name = weapon.text if weapon is not None else model.fields.get("weapon")
        fields = {"actor": actor, "weapon": name, "stance": model.fields["stance"], "scope": model.fields.get("scope")}
        sentences = [x for x in model.sentences if x is not s][-1:] + [s]
        out.append(
            Found(
                "weapons_policy",
                fields,
                sentences,
                merge_key=(actor.lower(), (name or "").lower(), fields["stance"]),
                data={"ruled": {t.i for t in verb.subtree}},
            )
        )
    return out
