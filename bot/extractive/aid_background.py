"""Giving told as background rather than as news: help of an earlier year ("In 2023, Washington had committed …"),
and giving told in passing by a relative clause ("Britain, which began delivering Storm Shadow in 2023, …")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Token

_YEAR = re.compile(r"(?:19|20)\d\d")


def earlier_year(verb: Token) -> bool:
    """Help given before the time the article tells of: the past perfect with a year of its own ("In 2023,
    Washington had committed …", "Last winter, Denmark set aside …"). "Since 2022 the US has committed …" is a running
    total and stays."""
    had = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    dated = any(
        p.lower_ == "in" and any(_YEAR.fullmatch(o.text) for o in syntax.children(p, "pobj"))
        for p in syntax.children(verb, "prep")
    )
    # "Last winter, Denmark set aside 1.8 billion kroner for a similar energy effort": help of a season or year gone
    # by, told in the simple past to compare with this news ("Last spring it added half a billion dollars in grants"
    # is the record an explainer lists, and "Last week, Germany pledged …" is news: both stay).
    compared = any(t.lower_ in ("similar", "comparable", "same") for t in verb.subtree)
    gone_by = (
        compared
        and verb.tag_ == "VBD"
        and any(
            c.dep_ in ("npadvmod", "advmod")
            and c.lemma_.lower() in _PAST_PERIODS
            and any(d.lower_ in ("last", "previous") for d in c.children)
            for c in verb.children
        )
    )
    # "… when Britain first sent Storm Shadow in May 2023": a time told by the giving, not news of it.
    dated_month = dated or any(
        p.lower_ == "in" and any(_YEAR.fullmatch(t.text) for o in syntax.children(p, "pobj") for t in o.subtree)
        for p in syntax.children(verb, "prep")
    )
    when = any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children) and verb.dep_ in ("advcl", "relcl")
    return (had and dated) or gone_by or (when and dated_month)


_PAST_PERIODS = frozenset({"year", "winter", "spring", "summer", "autumn", "fall"})


# Things that supply something without giving it: "energy facilities that supply the armed forces".
_NOT_GIVERS = frozenset(
    {"facility", "enterprise", "plant", "factory", "refinery", "site", "infrastructure", "network", "station", "depot"}
)


def in_passing(verb: Token) -> bool:
    """Giving told by a relative clause as background: "Britain, which began delivering Storm Shadow missiles in
    2023, allows …" (an earlier year's start), "energy facilities that supply the armed forces" (no giver at all)."""
    clause = verb if verb.dep_ == "relcl" else verb.head if verb.dep_ == "xcomp" and verb.head.dep_ == "relcl" else None
    if clause is None:
        return False
    if clause.head.lemma_.lower() in _NOT_GIVERS:
        return True
    # Told in the simple past with a year: "which began delivering … in 2023" (not "the government has earmarked for
    # Ukraine in 2025", a budget year).
    return clause.tag_ == "VBD" and any(
        p.lower_ == "in" and any(_YEAR.fullmatch(o.text) for o in syntax.children(p, "pobj"))
        for v in {clause, verb}
        for p in syntax.children(v, "prep")
    )
