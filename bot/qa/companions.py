"""Which sentences come along with the best one in an answer's quotes: the one that finishes its thought,
the one it leans on, the one listing a package's goods."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.language import CONTINUATION
from bot.qa.retrieve import Hit, Retriever

if TYPE_CHECKING:
    from bot.qa.span import SpanReader

MAX_QUOTES = 3
# A sentence this short ("Kyiv rejects that.") only states a stance; the next one says who and what.
SHORT_WORDS = 8
_CONTENTS_SCAN = 5  # well-ranked sentences searched for the goods a package holds


def with_followers(retriever: Retriever, chosen: list[Hit]) -> list[Hit]:
    """Add the sentence that finishes a chosen one's thought, in rank order, within MAX_QUOTES.

    "He has argued that…" after the best sentence continues it; a very short sentence ("Kyiv rejects
    that.") only states a stance, and the sentence after it says who and what.
    """
    followers: dict[int, Hit] = {}
    for rank, hit in enumerate(chosen):
        p = hit.passage
        follower = retriever.passages[p.index + 1] if p.index + 1 < len(retriever.passages) else None
        if follower is None or follower.prev != p.index or any(h.passage is follower for h in chosen):
            continue
        if (rank == 0 and CONTINUATION.match(follower.text)) or len(p.text.split()) <= SHORT_WORDS:
            followers[rank] = Hit(passage=follower, score=0.0, fits=True)
    # A follower only finishes a thought; it takes the place of a ranked passage only when the chosen one
    # is too short to stand alone.
    out: list[Hit] = []
    for rank, hit in enumerate(chosen):
        out.append(hit)
        extra = followers.get(rank)
        if extra is None or any(h.passage is extra.passage for h in out):
            continue
        short = len(hit.passage.text.split()) <= SHORT_WORDS
        if short or len(chosen) + len(out) - rank - 1 < MAX_QUOTES:
            out.append(extra)
    return out[:MAX_QUOTES]


def with_contents(retriever: Retriever, spans: SpanReader, chosen: list[Hit], ranked: list[Hit]) -> list[Hit]:
    """ "What's in the Swedish package?": when no chosen sentence names goods, a well-ranked one that does, or
    the one after a well-ranked announcement ("Sweden commits 9.6 billion kronor. The biggest items are Archer
    …"), comes second."""
    if any(spans.goods(h.passage.text) for h in chosen):
        return chosen
    for hit in ranked[:_CONTENTS_SCAN]:
        index = hit.passage.index
        for step in (0, 1, 2):
            if index + step >= len(retriever.passages):
                break
            passage = retriever.passages[index + step]
            if passage.paragraph != hit.passage.paragraph or not passage.quotable:
                break
            if spans.goods(passage.text) and all(h.passage is not passage for h in chosen):
                extra = Hit(passage=passage, score=hit.score, fits=True)
                return (chosen[:1] + [extra] + chosen[1:])[:MAX_QUOTES]
    return chosen


def with_antecedents(retriever: Retriever, chosen: list[Hit], start: re.Pattern[str]) -> list[Hit]:
    """The sentence a chosen one leans on comes along, ahead of lower-ranked passages: for "who", "He asked
    whether…" names no one; for "why", "As a result, none of…" has its reason in the sentence before."""
    out: list[Hit] = []
    for hit in chosen:
        prev = hit.passage.prev
        if prev is None and hit.passage.index > 0 and retriever.passages[hit.passage.index - 1].quotable:
            prev = hit.passage.index - 1  # the last sentence of the paragraph before
        if start.match(hit.passage.text) and prev is not None and not any(h.passage.index == prev for h in chosen + out):
            out.append(Hit(passage=retriever.passages[prev], score=0.0, fits=True))
        out.append(hit)
    return out[:MAX_QUOTES]
