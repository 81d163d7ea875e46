"""Whether the article says it does not give what a question asks for.

``withheld`` reads, sentence by sentence, what is said to be not given ("would not say how …", "has yet to be
fixed", "an unspecified number"); here a question is matched against it: by the thing it names ("Which units
…?", "What interest rate …?", "Who is the businessman …?"), by the sort of fact its kind wants ("no date" for
"when"), or, for an indirect question, by most of its words. A passage that gives the fact and covers the
question as well wins: the article may give one figure and withhold another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.language import COUNTRIES
from bot.qa.answer_types import asked_numbers
from bot.qa.focus import asked_speaker
from bot.qa.intent import TYPED_KINDS, Intent
from bot.qa.lexicon import GENERIC, SYNONYMS, stem, tokens
from bot.qa.withheld import withheld

if TYPE_CHECKING:
    from bot.qa.retrieve import Hit, Retriever
    from bot.qa.span import SpanReader

# How much of the question such a sentence must cover by itself.
_WITHHELD_FIT = 0.5


# What a withheld thing must hold to be what a question of each kind asks for (stems).
_WITHHELD_MARKERS = {
    kind: frozenset(stem(w) for w in words.split())  # stemmed as the withheld thing is: "gave no figures" -> "figur"
    for kind, words in {
        "count": "many number figure count quantity toll size scale",
        "money": "much sum amount cost price value figure worth size",
        "quantity": "much many quantity amount extent size figure",
        "when": "when date timeline timetable schedule time",
        "where": "where location place",
        "who": "who whom name identity",
        "source": "who whom name identity",
        "why": "why reason explanation",
    }.items()
}
_QUESTION_MARKS = frozenset({"how", "which", "what", "when", "where", "who", "whom", "whose", "why", "whether"})
# A question without a class noun is about the withheld thing when this share of its words is in it.
_WITHHELD_SHARE = 0.5
# A question whose noun the article only ever withholds needs this much of its words around one mention.
_WITHHELD_MENTION = 0.25
# Kinds of answer an article gives by name without the class word ("land mines" for "which weapon").
_NAMED_KINDS = frozenset({"weapon", "target", "who", "source", "where"})


def _marked(aspect: frozenset[str], markers: frozenset[str], words: set[str]) -> bool:
    """Is the withheld thing of the sort asked for ("no date" for "when"), and, when it says more than its
    sort, about what the question is about ("did not identify the owner" is no answer to who sanctioned)?"""
    if not aspect & markers:
        return False
    rest = aspect - markers - _QUESTION_MARKS
    return not rest or any(t == w or (t.startswith(w) and len(t) - len(w) <= 4) for t in rest for w in words)


def _other_kind(spans: SpanReader, question: str, passage: str, named: set[str]) -> bool:
    """Do the question and the passage qualify the noun asked for differently ("How much humanitarian aid …?"
    against "refused to provide lethal aid")? Then what the passage withholds is another thing."""

    def qualifiers(text: str) -> set[str]:
        return {
            stem(c.lower_)
            for tok in spans.sentence(text).doc
            if stem(tok.lower_) in named
            for c in tok.children
            if c.dep_ in ("amod", "compound") and c.is_alpha
        } - COUNTRIES

    asked, given = qualifiers(question), qualifiers(passage)
    return bool(asked) and bool(given) and not asked & given


def _asked_nouns(spans: SpanReader, intent: Intent, question: str) -> set[str]:
    """The stems of what the question asks for by name: "units" in "Which units …?", "rate" in "What
    interest rate …?", the thing counted, the money's purpose."""
    nouns = {n for n in (spans.asked_class(question), spans.identity_of(question), intent.head, intent.money_focus) if n}
    return nouns | set(intent.focus)


def asks_withheld(
    retriever: Retriever, spans: SpanReader, intent: Intent, question: str, *, candidates: int, loose: int
) -> bool:
    """Does a passage about this very question say the thing it asks for was not given or not yet settled
    ("would not say how …", "has yet to be fixed", "gave no indication of which units", "declined to
    name them")?"""
    ranked = retriever.rank(intent)
    if intent.kind == "yesno":
        return _whether_withheld(spans, intent, ranked[:loose])
    given = asked_numbers(intent)
    named = _asked_nouns(spans, intent, question)
    asked = named | {s for n in named for s in SYNONYMS.get(n, ())}
    words = {t for t, w in intent.terms.items() if w >= 1.0 and t not in given and t not in GENERIC}
    speaker = intent.speaker or asked_speaker(question)
    # The article may speak of the thing asked for only to say it is not given ("the interest rate has
    # yet to be fixed"): every sentence with the word withholds it.
    with_noun = [p for p in retriever.passages if p.quotable and named & set(tokens(p.text))]
    mention = max((retriever.coverage(intent, p) for p in with_noun), default=0.0)
    if (
        # "Which weapon …?" may be answered by a name without the class word; "Who is the businessman …?" is
        # answered where the businessman is.
        (intent.kind not in _NAMED_KINDS or spans.identity_of(question))
        and mention >= _WITHHELD_MENTION
        and all(any(named & w.aspect for w in withheld(spans.sentence(p.text).doc)) for p in with_noun)
        # A figure of the sort asked for that covers the question better answers it in other words
        # ("had lost up to 210 servicemen" for "What losses …?").
        and not (
            intent.kind in TYPED_KINDS
            and any(h.fits and retriever.coverage(intent, h.passage) > mention for h in ranked[:candidates])
        )
    ):
        return True

    def overlap(hit: Hit) -> float:
        # All the question's words, the thread's too; a number the question states is given, not asked.
        have = set(tokens(hit.passage.text))
        return sum(w for t, w in intent.terms.items() if t in have and t not in given)

    # A passage with the fact that shares more of the question wins: the article may give this figure and
    # withhold another.
    answered = max((overlap(h) for h in ranked[:candidates] if h.fits), default=0.0)
    for rank, hit in enumerate(ranked[:candidates]):
        # The thing asked for by name may be withheld in a passage that only shares it with the question, its
        # context (the sentences before) saying the rest; without a name, the passage must cover the question.
        fit = retriever.coverage(intent, hit.passage, own=not asked)
        if fit < _WITHHELD_FIT or (not asked and rank >= loose):
            continue
        for missing in withheld(spans.sentence(hit.passage.text).doc):
            if asked:
                if not asked & missing.aspect:
                    continue
                if _other_kind(spans, question, hit.passage.text, named):
                    continue  # "refused to provide lethal aid" withholds no humanitarian aid
                # Another passage that names the thing asked for, or gives the sort of fact asked for, and covers
                # the question as well may answer it, when it is in the voice the question asks for.
                elsewhere = any(
                    h.passage is not hit.passage
                    and ((h.fits and intent.kind in TYPED_KINDS) or asked & set(tokens(h.passage.text)))
                    and retriever.coverage(intent, h.passage) >= fit
                    and (speaker is None or retriever.speaks(h.passage, speaker))
                    for h in ranked[:candidates]
                )
                if not elsewhere:
                    return True
            elif (
                _marked(missing.aspect, _WITHHELD_MARKERS.get(intent.kind, frozenset()), set(intent.terms))
                or (
                    missing.indirect
                    and len(words & missing.about) >= 2
                    and len(words & missing.about) >= _WITHHELD_SHARE * len(words)
                )
            ) and (intent.kind not in TYPED_KINDS or overlap(hit) > answered):
                return True
    return False


def _whether_withheld(spans: SpanReader, intent: Intent, ranked: list[Hit]) -> bool:
    """ "Will the licence be extended?" next to "Treasury didn't say whether it would be extended": the article
    says the answer is not given. Every word of the withheld "whether" clause must be the question's own."""
    asked = set(intent.terms)
    for hit in ranked:
        for missing in withheld(spans.sentence(hit.passage.text).doc):
            content = missing.about - {"whether"}
            if missing.indirect and "whether" in missing.aspect and content and content <= asked:
                return True
    return False
