"""Clause readers the weapons-policy items share: conditions, contrasts, definite references, names inside names."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found
from bot.extractive.reading import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token


def inside(name: str | None, other: str | None) -> bool:
    """Is ``name`` a part of the longer weapon name ``other``?"""
    return bool(name and other) and name.lower() in other.lower() and name.lower() != other.lower()  # type: ignore[union-attr]


# Standing mechanisms and treaties, whose workings are described, not decided: "the drawdown authority, which lets …".
MECHANISMS = {"authority", "mechanism", "convention", "treaty", "programme", "program", "scheme", "facility", "fund"}


def definite(noun: Token) -> bool:
    """ "the request", "that appeal": a noun that points back to one already told."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "that", "this", "its", "their") for c in noun.children)


def under_condition(verb: Token) -> bool:
    """Does a remote condition govern ``verb`` ("If Congress were to approve …, it could send …", "if Congress
    approved …")? An open one ("might give Tomahawks if the war does not end") is a real warning, under review."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
            continue
        remote = clause.tag_ == "VBD" or any(
            a.lower_ in ("were", "had") for a in clause.children if a.dep_ in ("aux", "auxpass")
        )
        if remote or clause.lower_ == "were":
            return True
    return False


# Marks of a clause set against the one it hangs on: "…, while Italy has not granted permission …".
_CONTRAST_MARKS = {"while", "whereas", "although", "though"}


def up_to_contrast(token: Token) -> list[Token]:
    """The token and its heads, stopping at a contrasting clause's verb: in "France has told Kyiv it may fire them
    …, while Italy has not granted permission for its missiles", Italy's missiles are not under France's words."""
    out: list[Token] = []
    for t in syntax.ancestors_to_clause_top(token):
        out.append(t)
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in t.children):
            break
    return out


def but_not_granted(s: Sentence, found: list[Found], frame: Callable[[Token], str | None]) -> list[Found]:
    """ "Ukraine may fire the missile at military targets in Kursk, but Britain has not granted permission for strikes
    on energy infrastructure": the permission has a limit (restricted), and what is withheld is a rule of its own.
    After a request or a review instead of a permission, what is withheld is the rule."""
    permitted = [f for f in found if f.fields["stance"] in ("permitted", "restricted")]
    pending = [f for f in found if f.fields["stance"] == "under_review"]
    if not permitted and not pending:
        return found
    for t in s.doc:
        if frame(t) != "permit":
            continue
        verb = t if syntax.is_verbal(t) else t.head
        # "…, but Britain has not granted permission for …", "…, officials said, and the government has not granted
        # permission for strikes on oil refineries"
        joined = verb.dep_ == "conj" and any(c.lower_ in ("but", "and", "yet") for c in verb.head.children if c.dep_ == "cc")
        if not (syntax.is_verbal(verb) and syntax.is_negated(verb) and joined):
            continue
        what = [c for c in t.children if (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ == "dobj"]
        if not what:
            continue
        if not permitted:
            # "Kyiv has pressed Washington to lift the limits on the missiles, but the United States has not granted
            # permission for strikes deep inside Russia": what is asked for is, for now, withheld.
            for item in pending:
                item.fields["stance"] = "prohibited"
                item.fields["scope"] = syntax.span_text(list(what[0].subtree)).strip(" ,;")
            return found
        for item in permitted:
            item.fields["stance"] = "restricted"
        item = permitted[-1]  # "the Anglo-French cruise missile Storm Shadow": the name comes last
        scope = syntax.span_text(list(what[0].subtree)).strip(" ,;")
        actor, weapon = str(item.fields["actor"]), str(item.fields["weapon"])
        withheld = Found(
            "weapons_policy",
            {**item.fields, "stance": "prohibited", "scope": scope},
            [s],
            merge_key=(actor.lower(), weapon.lower(), "prohibited"),
        )
        return [*found, withheld]
    return found


# Words of a clause that binds a permission: "but the targets must be military ones", "but only against …".
_BINDING = {"must", "only"}
# Words of holding back from widening a permission: "reluctant to extend that permission".
# ("declined to say whether that permission went beyond Kursk" keeps a limit from the reader, not from Ukraine.)
_WITHHOLDING = {"reluctant", "refuse", "unwilling", "resist"}
WIDENING = {"extend", "widen", "expand", "broaden", "lift", "loosen", "ease"}


def but_bound(s: Sentence, found: list[Found]) -> list[Found]:
    """ "Britain allows Storm Shadow missiles to be fired at military targets on Russian territory, but officials say
    the targets must be military ones", "…, yet ministers remain reluctant to extend that permission to oil
    refineries": a permission that a clause after "but" or "yet" binds or holds back is a restricted one."""
    permitted = [f for f in found if f.fields["stance"] == "permitted"]
    if not permitted:
        return found
    for but in s.doc:
        if but.lower_ not in ("but", "yet") or but.dep_ not in ("cc", "advmod"):
            continue
        top = but.head if but.dep_ == "cc" else but.head.head
        clause = [t for t in top.subtree if t.i > but.i] if top.i < but.i else []
        binds = any(t.lower_ in _BINDING and not syntax.is_negated(t.head) for t in clause)
        # "…, yet ministers remain reluctant to extend that permission to oil refineries": a limit kept.
        withholds = any(t.lemma_.lower() in _WITHHOLDING for t in clause) and any(
            t.lemma_.lower() in WIDENING for t in clause
        )
        # "…, but not deeper inside Russian territory", "but not against energy sites": an extent or a use cut off
        # by a verbless "not" (while "but not Taurus" names another weapon, ruled on its own).
        cut_off = len(clause) > 1 and clause[0].lower_ == "not" and clause[1].tag_ in ("JJR", "RBR", "IN")
        if binds or withholds or cut_off:
            for item in permitted:
                item.fields["stance"] = "restricted"
            break
    return found
