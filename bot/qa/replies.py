"""Replies in an article: which sentence holds what someone said back ("How did the Kremlin react?"), the answer
after a reported question ("when asked whether …"), and the passage a yes/no lead is read from."""

from __future__ import annotations

import re

from bot.qa.companions import MAX_QUOTES, SHORT_WORDS
from bot.qa.gist import gist, reported_reply
from bot.qa.intent import Intent
from bot.qa.lexicon import SYNONYMS, stem, tokens
from bot.qa.retrieve import ASKED_IN_PASSAGE as _ASKED_IN_PASSAGE
from bot.qa.retrieve import Hit, Retriever
from bot.qa.span import SpanReader

# Scores this close to the best are a tie for the passage a yes/no lead is read from.
_NEAR_TIE = 0.95
_NAMES_ALL_TIE = 0.75

# "How did the Kremlin react?", "How is Kyiv responding to the claim?", "How did Moscow answer it?"
REACTION_Q = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\s+(?:did|does|do|has|have|is|are|was|were)\b.*\b(?:react|respond|reply|answer|"
    r"reacted|responded|replied|answered|reacting|responding|replying|answering)\b",
    re.IGNORECASE,
)


_REPLYING = frozenset({stem("respond"), *SYNONYMS.get(stem("respond"), ())})


def _replies(spans: SpanReader, text: str) -> bool:
    """Is the sentence's main verb one of replying ("Fedorov rejects that."), not one inside a clause or a
    hypothetical ("… on the assumption that Moscow would respond")?"""
    return any(
        t.dep_ == "ROOT" and stem(t.lemma_.lower()) in _REPLYING and not any(c.tag_ == "MD" for c in t.children)
        for t in spans.sentence(text).doc
    )


def reaction(retriever: Retriever, spans: SpanReader, chosen: list[Hit], speaker: str | None) -> str:
    """The sentence that holds a reply: the best one of those the one asked about speaks in, or for "The Kremlin
    reacted sharply." the one after it."""
    own = [h for h in chosen if speaker and retriever.speaks(h.passage, speaker)] or chosen
    top = max(h.score for h in own)
    # Of passages scored about the same, the one with a verb of replying ("Fedorov rejects that.") holds the reply,
    # not one that only names the one asked about ("… where the regional governor reports damage").
    best = max(own, key=lambda h: (h.score >= top * _NEAR_TIE and _replies(spans, h.passage.text), h.score)).passage
    follower = retriever.passages[best.index + 1] if best.index + 1 < len(retriever.passages) else None
    if len(best.text.split()) <= SHORT_WORDS and follower is not None and follower.prev == best.index:
        return follower.text
    return best.text


def reply_gist(spans: SpanReader, text: str) -> str | None:
    """The reply in a few words: the sentence's main clause, or when that runs long, what the speaker said."""
    sentence = spans.sentence(text)
    return gist(sentence) or reported_reply(sentence, spans.lx.report)


def reply_to(chosen: list[Hit], intent: Intent) -> str:
    """The passage a yes/no lead is read from: the best one, unless it only reports someone asking ("MP Sarah
    Hughes asked whether …"), then the reply right after it, when that is quoted too. Of passages scored
    about the same, the one that itself names more of what the question names ("ATACMS") gives the lead,
    not one that scores by its neighbours ("He said nothing had changed.")."""
    best = next(h for h in chosen if h.passage.index == _reply_index(chosen, intent))
    if _ASKED_IN_PASSAGE.search(best.passage.text):
        after = next((h for h in chosen if h.passage.index == best.passage.index + 1), None)
        if after is not None:
            return after.passage.text
    return best.passage.text


def _reply_index(chosen: list[Hit], intent: Intent) -> int:
    """The index of the passage a yes/no lead is read from, before any reply after it (see ``_reply_to``)."""
    top = max(h.score for h in chosen)

    def named(hit: Hit) -> int:
        own = set(tokens(hit.passage.text))
        return sum(1 for term in intent.proper if term in own)

    every = len(set(intent.proper))
    # A passage naming everything the question names ("Merz" and "Taurus") answers it, unless it scores far lower.
    best = max(
        chosen,
        key=lambda h: (
            bool(every) and named(h) >= every and h.score >= top * _NAMES_ALL_TIE,
            h.score >= top * _NEAR_TIE,
            named(h),
            h.score,
        ),
    )
    return best.passage.index


# Someone was asked (and the reply follows): "when asked whether", "was asked if"; not "Cartwright asked why …", whose
# next sentence goes on with the asker's own words.
_ASKED_OF = re.compile(
    r"\b(?:when|after\s+being|after|being|was|were|is|are)\s+asked\s+(?:[\w’']+\s+){0,3}?(?:whether|if|how|what|when|why)\b",
    re.IGNORECASE,
)


def with_reply(retriever: Retriever, chosen: list[Hit], intent: Intent) -> list[Hit]:
    """ "Jonson was more guarded when asked whether Stockholm could hand over Gripen jets." answers nothing; the
    sentence after it (“It is not on the table,” he said.) holds the reply, so it is quoted too."""
    asked = retriever.passages[_reply_index(chosen, intent)]
    if not _ASKED_OF.search(asked.text) or asked.index + 1 >= len(retriever.passages):
        return chosen
    reply = retriever.passages[asked.index + 1]
    if reply.paragraph - asked.paragraph > 1 or any(h.passage is reply for h in chosen):
        return chosen
    kept = [h for h in chosen if h.passage is asked or h is chosen[0]]
    rest = [h for h in chosen if all(h is not k for k in kept)]
    return [*kept, Hit(passage=reply, score=0.0, fits=True), *rest][:MAX_QUOTES]
