"""Whose help an answer names: the brief knows the giver of every sum and of every package's goods, so an answer
that picked another giver's line ("How much is the EU giving?" answered with Norway's €400 million) is caught, and
the asked giver's own line answers instead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import AidItem, Brief
from bot.qa.lexicon import tokens
from bot.qa.offline import Finding
from bot.qa.pick import asks_stated_total, states_total
from bot.qa.retrieve import Hit

_ACCORDING = ", according to the article:"
# A question about someone's help (not "the assets Japan froze"): its giver's own line may answer it.
ABOUT_HELP = re.compile(
    r"\b(?:aid|package|pledg\w*|giv\w+|gave|send\w*|sent|contribut\w+|disburs\w+|assistance|support|help|"
    r"funding|tranche|donat\w+|putting|put in|commit\w*)\b",
    re.IGNORECASE,
)
# A question about the goods of someone's help: "What missiles are in the Polish package?"
ABOUT_GOODS = re.compile(r"\b(?:package|tranche|delivery|shipment|donation|consignment|contribution)\b", re.IGNORECASE)


def another_donors_sum(lead: str, asked: set[str], brief: Brief) -> bool:
    """ "How much is the EU giving?" answered with Norway's €400 million (in the lead, or in the quote a cautious
    lead points to), "How much did Japan pledge?" with South Korea's $150 million: the brief knows whose sum it is,
    and no line with that sum names the giver the question names."""
    if not asked or not brief.aid:
        return False
    given = [a for a in brief.aid if a.amount and a.amount in lead]
    # The sum is the asked giver's when any line with it names that giver ("Norway and the Netherlands" for Norway).
    return bool(given) and not any(_gives(a, asked) for a in given)


def another_donors_goods(lead: str, asked: set[str], brief: Brief) -> bool:
    """ "What missiles are in the Polish package?" answered with Germany's "IRIS-T air defence systems": goods the
    brief lists only under another giver."""
    named = lead.removesuffix(_ACCORDING).lower()
    if not asked or not named:
        return False
    given = [a for a in brief.aid if any(named in c.lower() or c.lower() in named for c in a.contents)]
    return bool(given) and not any(_gives(a, asked) for a in given)


def asked_donors_line(
    asked: set[str], brief: Brief, ranked: Sequence[Hit], question: str, *, goods: bool = False
) -> Finding | None:
    """The brief's line of the giver asked about, the one whose sentence ranks best for the question: its sum (not
    a running total, unless one is asked for), or with ``goods`` the goods it lists that the question names
    ("missiles"), else all of them."""
    totals = asks_stated_total(question)
    lines = [
        a
        for a in brief.aid
        if _gives(a, asked) and (a.contents if goods else a.amount and (totals or not states_total(a.evidence)))
    ]

    def rank(line: AidItem) -> int:
        return next((n for n, h in enumerate(ranked) if h.passage.text in line.evidence), len(ranked))

    best = min(lines, key=rank, default=None)
    if best is None or rank(best) == len(ranked) or not _tells_what_is_asked(question, best.evidence):
        return None
    if not goods:
        return Finding(answerable=True, lead=f"{best.amount}{_ACCORDING}", quotes=[best.evidence], hits=[])
    words = set(tokens(question))
    named = [c for c in best.contents if words & set(tokens(c))] or best.contents
    return Finding(answerable=True, lead=f"{'; '.join(named)}{_ACCORDING}", quotes=[best.evidence], hits=[])


# Words of any question about someone's help: the line of the giver asked about need not repeat them.
_GENERIC = frozenset(
    tokens(
        "value worth much many big large size total amount sum money package packages aid assistance help support "
        "tranche pledge pledged give giving gave send sending sent put putting contribution contribute disbursement "
        "commit committed latest new newest fresh current ukraine kyiv"
    )
)


def _tells_what_is_asked(question: str, evidence: str) -> bool:
    """Does the line's sentence speak of what the question asks beyond whose help it is ("non-lethal equipment
    shipment" is not Japan's 160 billion yen of budget support)?"""
    names = {t for w in re.findall(r"\b[A-Z][\w'’-]+", question) for t in tokens(w)}
    wanted = set(tokens(question)) - _GENERIC - names
    return wanted <= set(tokens(evidence))


def _gives(line: AidItem, asked: set[str]) -> bool:
    return any(actor.lower() in (line.donor or "").lower() for actor in asked)
