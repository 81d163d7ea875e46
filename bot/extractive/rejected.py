"""Figures the article itself calls false: "A report had put the package at SEK 7 billion; the ministry said that
figure was incorrect", "… as many as 2,500 soldiers had been encircled. Ukraine's military called that figure
fabricated." Such a figure is bait, not a fact: no line carries it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found
from bot.extractive.reading import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns that stand for a figure just given ("that figure", "the number", "this estimate").
_FIGURE_NOUNS = frozenset({"figure", "number", "estimate", "tally", "total", "count", "sum", "toll"})
_POINTING = frozenset({"that", "this", "those", "these"})


def _rejection(doc: Doc, *, pointing_only: bool) -> Token | None:
    """The noun of a clause that calls a figure just given false ("that figure was incorrect", "called that
    figure fabricated", "denied the figure"), or None."""
    for noun in doc:
        if noun.lemma_.lower() not in _FIGURE_NOUNS or noun.pos_ != "NOUN":
            continue
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        if (
            not pointing_only
            and dets & {"a", "an"}
            and any(
                r.dep_ == "relcl"
                and (r.lemma_.lower() in syntax.REFUTING or any(c.lower_ in syntax.FALSE_WORDS for c in r.subtree))
                for r in noun.children
            )
        ):
            return noun  # "…, a figure the official dismissed as “pure fantasy”"
        if not dets & (_POINTING if pointing_only else _POINTING | {"the"}):
            continue
        head = noun.head
        near = [head, *head.children]
        if syntax.is_negated(head):
            continue  # "the ministry did not call that figure wrong"
        if any(t.lower_ in syntax.FALSE_WORDS and t.i != noun.i for t in near):
            return noun
        if any(t.lower_ in syntax.TRUE_WORDS and syntax.is_negated(t) for t in near):
            return noun  # "that figure was not accurate"
        if noun.dep_ == "dobj" and head.lemma_.lower() in syntax.REFUTING:
            return noun
    return None


def _last_figure(doc: Doc, before: int) -> str | None:
    """The text of the last number before token ``before``: "7" of "SEK 7 billion", "2,500"."""
    numbers = [t for t in doc[:before] if t.like_num and any(ch.isdigit() for ch in t.text)]
    return numbers[-1].text if numbers else None


def rejected_figure(s: Sentence, following: Sentence | None) -> str | None:
    """The figure of ``s`` that the article calls false: in ``s`` itself, before the clause that rejects it, or in
    the next sentence of the paragraph, which points back at it ("that figure")."""
    noun = _rejection(s.doc, pointing_only=False)
    if noun is not None:
        figure = _last_figure(s.doc, noun.i)
        if figure is not None:
            return figure
    if following is None or following.para != s.para:
        return None
    if _rejection(following.doc, pointing_only=True) is not None or _no_such(following.doc):
        return _last_figure(s.doc, len(s.doc))
    return None


def _no_such(doc: Doc) -> bool:
    """ "No such package has been announced in Washington": the thing just told does not exist."""
    return any(
        t.lower_ == "such" and t.head.pos_ == "NOUN" and any(c.lower_ == "no" for c in t.head.children) for t in doc[:4]
    )


def without_rejected(found: list[Found], figure: str) -> list[Found]:
    """The items of a sentence, less those whose own fields carry the rejected figure."""
    return [f for f in found if figure not in " ".join(str(v) for v in f.fields.values())]
