"""Why something was done, as a sentence tells it: the answer phrase of a "Why …?" question.

A reason noun's "that" clause ("for reasons that centre on a fear … that …") is the surest reading; a clause
opened by "because", "as", "citing" … comes next. A source's reason for staying unnamed ("asking not to be
identified because the talks were private") is no reason for what it reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.qa.phrases import short

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence

_REASON_MARKS = {"because", "since", "as", "so", "citing", "due", "given", "amid", "over", "after"}


def _why_unnamed(tok: Token) -> bool:
    """Is ``tok`` in the reason a source gives for staying unnamed ("asking not to be identified because …",
    "speaking on condition of anonymity because …")?"""
    for up in list(tok.ancestors)[:4]:
        if up.lemma_.lower() in ("identify", "name") and syntax.is_negated(up):
            return True
        if up.lower_ == "anonymity":
            return True
    return any(c.lower_ == "anonymity" for up in list(tok.ancestors)[:3] for c in up.subtree)


# Verbs by which something keeps someone from a deed: "bars it from supplying weapons".
_BARRING = {"bar", "prevent", "forbid", "stop", "preclude", "prohibit", "keep"}
# Nouns a reason is told with: "for reasons that centre on a fear … that it might need German personnel".
_REASON_NOUNS = {"reason", "fear", "concern", "worry", "ground", "grounds"}
# A reason told in a "that" clause runs longer than other answer phrases, and is still the answer.
_REASON_WORDS = 30


def reason(s: Sentence) -> list[tuple[int, str]]:
    """Why something was done, with how sure the reading is: the "that" clause of a reason noun ("for fear
    that …", "over concerns that …") first (0), then a clause opened by "because", "as", "citing" … (1)."""
    for tok in s.doc:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _REASON_NOUNS:
            # The first "that" (a conjunction, not a relative pronoun) after the noun opens what the reason is; the
            # parser may hang its clause on the noun or, past a comma, on the sentence's verb of saying.
            mark = next((m for m in s.doc[tok.i + 1 :] if m.dep_ == "mark" and m.lower_ == "that"), None)
            if mark is not None and mark.head.i > mark.i:
                text = short([t for t in mark.head.subtree if t.i > mark.i], limit=_REASON_WORDS)
                if text:
                    return [(0, text)]
    for tok in s.doc:
        if _why_unnamed(tok):
            continue  # "asking not to be identified because the talks were private": the source's reason
        if tok.lower_ == "since" and tok.dep_ == "prep":
            continue  # "since Russia's full-scale invasion": a time, not a reason
        if tok.lemma_.lower() in _BARRING and syntax.is_verbal(tok) and any(p.lower_ == "from" for p in tok.children):
            # "Austria's neutrality, written into its constitution in 1955, bars it from supplying weapons": what bars
            # the deed is why it is not done.
            who = syntax.subject(tok)
            text = short(list(who.subtree)) if who is not None and not syntax.is_pronoun(who) else None
            if text:
                return [(1, text)]
        if tok.lower_ in _REASON_MARKS and tok.dep_ in ("mark", "prep", "advmod", "agent") and tok.head.i != tok.i:
            clause = list(tok.head.subtree) if tok.dep_ == "mark" else list(tok.subtree)
            text = short([t for t in clause if t.i > tok.i or tok.dep_ == "mark"])
            if text:
                return [(1, text)]
    return []
