"""Ranking passages for a question: BM25 (bm25s) over passage tokens, shaped by what the question asks.

BM25 finds passages about the question's topic; answer-type checks (``answer_types``) then decide whether a
passage can answer it at all (a "how much" needs an amount, a "how many Russian soldiers" needs a number of Russian
soldiers). When no passage both matches the topic and carries the right sort of fact, the article
doesn't say, and we must not guess.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.language import SPEAKER_CONTINUATION
from bot.qa.answer_types import fits
from bot.qa.intent import TYPED_KINDS, Intent
from bot.qa.lexicon import COUNT_SYNONYMS, KINDS, SPEECH, STOPWORDS, SYNONYMS, about_another_country, stems, tokens
from bot.qa.passages import Passage

# bm25s sets its own logger to DEBUG at import; its per-index chatter is not for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_NAMED_WEAPON = re.compile(
    r"\b(?:[A-Z][\w-]*\s+(?:[a-z-]+\s+)?(?:missiles?|rockets?|bombs?|drones?|systems?|launchers?|howitzers?|"
    r"tanks?|interceptors?|jets?)|[A-Z]{3,}(?:-\w+)?)\b"
)
_CONJOINED = re.compile(r"\b[A-Z][\w-]*\s+(?:and|or|with|to)\s+[A-Z]")
# Timestamps and datelines before a sentence's subject ("9:55 a.m. - ", "MOSCOW, 3 June - ").
_SUBJECT = re.compile(r"^(?:[^-–—]{0,40}\s[-–—]\s)?")
# "the ministry said": a body named in full earlier on.
_DEFINITE_BODY = re.compile(
    r"\b[Tt]he (ministry|department|government|army|military|agency|office)\b"
    r"(?=(?:\s+\w+){0,2}\s+(?:said|says|claimed|claims|stated|added|reported))"
)
# A question word this long found at the end of an article word is the same thing: "group", "battlegroup".
_COMPOUND_PART = 5
_DERIVED_STEM = 6
# A name found in at least this share of the passages is the article's setting.
_SETTING_SHARE = 0.3
_SUBJECT_MENTIONS = 3
# "The Kremlin reacted sharply.": who reacts speaks, and the sentence after says what was said.
_REACTING = stems("react reacted reacts respond responded responds reply replied retort retorted")
# "…,” Samara’s governor wrote on Telegram.": who posts a statement speaks in it (writing a report or a column is
# another thing).
_WRITING = stems("write writes wrote writing")
_POSTED = re.compile(r"\b(?:wrote|writes|writing)\s+on\s+(?:Telegram|X|Twitter|Facebook|Instagram|VK|social media)\b")
# ", it said", "On Saturday it said its troops had also retaken …": a pronoun speaks for the speaker before.
_PRONOUN_SAID = re.compile(
    r"(?:,\s*|^(?:[A-Z]\w+\s+){1,3})(?:it|he|she|they)\s+(?:also\s+)?(?:said|says|added|claimed|claims|reported|"
    r"stated|told)\b"
)

# "…,” he told reporters.", "…?” she asked.": a quote before its speaker, who is a pronoun.
_QUOTE_THEN_PRONOUN = re.compile(
    r"[,?!]\s*[”\"]\s*(?:he|she)\s+(?:also\s+)?(?:said|says|added|told|tells|asked|stressed|insisted|noted|"
    r"warned|replied|wrote|explained|argued|declared)\b"
)
# "The missiles may not be used against civilian targets, he said, …": a person's pronoun as the speaker.
_HE_SAID = re.compile(r",\s*(?:he|she)\s+(?:also\s+)?(?:said|says|added|told|stressed|noted|warned)\b")
# How many sentences back a "he" or "she" may find the person it stands for.
_PRONOUN_REACH = 3


def persons_in(text: str) -> set[str]:
    """The words of the one a sentence is about when named ("Lecornu" of "Asked …, Lecornu was more expansive.",
    "Francken stressed that …"): the first subject that is a name, from the parse."""
    from bot.qa.figure_verb import parsed  # the parser loads once, when a pronoun speaker is first looked for

    for tok in parsed(text):
        # The main clause's subject (not "Ukraine" of "Asked how Ukraine may use …"); an unknown name opening the
        # sentence may be tagged a common noun ("Francken stressed …").
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.text[:1].isupper() and tok.tag_ in ("NNP", "NN"):
            return set(tokens(" ".join(t.text for t in tok.subtree if t.i == tok.i or t.dep_ == "compound")))
    return set()


@dataclass(slots=True)
class Hit:
    passage: Passage
    score: float
    fits: bool


_DISOWNS = re.compile(
    r"^(?:but |however, )?(?:no such \w+|(?:that|this) (?:figure|number|sum|total|report|claim)\b[^.]*?"
    r"\b(?:false|incorrect|wrong|inaccurate|fabricated|untrue|not accurate|not true|not correct))",
    re.IGNORECASE,
)


class Retriever:
    """BM25 over one article's passages. Build once per article."""

    def __init__(
        self, passages: list[Passage], *, title: str | None = None, sides: dict[str, list[str]] | None = None
    ) -> None:
        self.passages = passages
        # "the General Staff said" speaks for Ukraine: each side's names, as token runs.
        self._sides = {side: [tokens(name) for name in names] for side, names in (sides or {}).items()}
        self._bm25 = bm25s.BM25()
        corpus = [p.tokens or ["\x00"] for p in passages]
        self._bm25.index(corpus, show_progress=False)
        self._df: Counter[str] = Counter()
        for p in passages:
            self._df.update(set(p.tokens))
        self.vocabulary = set(self._df)
        # What the headline names and the article keeps naming is its subject: "its range" is the subject's.
        headline = title or (passages[0].text if passages and not passages[0].quotable else "")
        self._subject = {t for t in tokens(headline) if self._df[t] >= _SUBJECT_MENTIONS}
        self._cache: dict[str, np.ndarray] = {}
        self._speakers = [self._speakers_of(p) for p in passages]
        self._quoted_on()
        # "… the “$12 billion US package” doing the rounds online. No such package has been announced": the sentence
        # before a disowning one gives no figure of the article's.
        self._disowning = {p.index for p in passages if p.prev is not None and _DISOWNS.match(p.text)}
        self._disowned = {passages[i].prev for i in self._disowning}
        # The lede: the first sentence of the body, where news copy puts the story's main figure.
        self._lede = next((p.index for p in passages if p.quotable), None)

    def _speakers_of(self, passage: Passage) -> set[str]:
        """Who speaks in a passage: the words just before "said", "claimed"…, and for "It said…" the
        speaker of the sentence before."""
        toks = tokens(passage.text, keep_stopwords=True)
        found: set[str] = set()
        posted = bool(_POSTED.search(passage.text))
        for k, tok in enumerate(toks):
            if tok in SPEECH or tok in _REACTING or (posted and tok in _WRITING):
                found.update(t for t in toks[max(0, k - 6) : k] if t not in STOPWORDS)
                # "Igor Zakharchenko, a Moscow-installed official …, went further, telling state TV that …": the
                # name that opens the sentence before its description speaks too.
                opening = _NAME_THEN_DESCRIPTION.match(passage.text)
                if opening:
                    found.update(t for t in tokens(opening.group(1)) if t not in STOPWORDS)
        for m in _DEFINITE_BODY.finditer(passage.text):
            found |= self._named_body(passage, m.group(1))
        for side, names in self._sides.items():
            if any(name and set(name) <= found for name in names):
                found.add(side)
        # "Air defences shot down 66 of them, it said": a pronoun's words are those of the speaker before.
        continued = SPEAKER_CONTINUATION.match(passage.text) or _PRONOUN_SAID.search(passage.text)
        if passage.index > 0 and (_QUOTE_THEN_PRONOUN.search(passage.text) or _HE_SAID.search(passage.text)):
            # "“Ukraine can use the SCALP …,” he told reporters." after "Asked …, Lecornu was more expansive.": the
            # person last named speaks.
            found |= self._person_before(passage)
        elif passage.prev is not None and continued:
            before = self.passages[passage.prev]
            earlier = self._speakers_of(before)
            if not earlier:
                # "Russia's Defence Ministry has given its own account. It says…": the one speaking is
                # the subject of the sentence before.
                earlier = set(tokens(_SUBJECT.sub("", before.text))[:4])
            found |= earlier
        return found

    def _person_before(self, passage: Passage) -> set[str]:
        """The person a "he" or "she" stands for: the speaker or the person named in the nearest sentence before
        that has one."""
        # (the person may be named in the paragraph before: "Asked how …, Lecornu was more expansive." ¶ "“…,” he said")
        for before in reversed(self.passages[max(0, passage.index - _PRONOUN_REACH) : passage.index]):
            named = persons_in(before.text)
            if named:
                return named
        return set()

    def _quoted_on(self) -> None:
        """A quote running over several sentences ("“It is a matter of … law." / "That has been our doctrine …”")
        is its speaker's throughout: the sentences inside it speak for the one who opened it."""
        opener: int | None = None
        for p in self.passages:
            opens, closes = p.text.count("“"), p.text.count("”")
            if opener is not None and not self._speakers[p.index]:
                self._speakers[p.index] = set(self._speakers[opener])
            if opens > closes and p.text.lstrip().startswith("“"):
                opener = p.index if self._speakers[p.index] or p.index == 0 else p.index - 1
                if not self._speakers[p.index]:
                    self._speakers[p.index] = set(self._speakers[opener])
            elif closes > opens:
                opener = None

    def _named_body(self, passage: Passage, body: str) -> set[str]:
        """ "The ministry said…": whose ministry, from the latest earlier sentence that names it ("Russia's
        Defence Ministry")."""
        named = re.compile(rf"((?:\S+\s+){{1,3}}){re.escape(body)}\b", re.IGNORECASE)
        for before in reversed(self.passages[: passage.index]):
            for m in named.finditer(before.text):
                owner: list[str] = []
                for w in reversed(m.group(1).split()):  # the names right before it, nothing further
                    if not w[:1].isupper() or w.lower() == "the" or w.endswith((",", ".", ";", ":")):
                        break
                    owner.append(w)
                if owner:
                    return {t for w in owner for t in tokens(w)}
        return set()

    def knows(self, term: str) -> bool:
        """Does the article use ``term``, alone or as the end of a compound ("group" in "battlegroup")?"""
        if term in self.vocabulary:
            return True
        return len(term) >= _COMPOUND_PART and any(v.endswith(term) for v in self.vocabulary)

    def _term_scores(self, term: str) -> np.ndarray:
        if term not in self._cache:
            self._cache[term] = np.asarray(self._bm25.get_scores([term]), dtype=float)
        return self._cache[term]

    def weight(self, term: str) -> float:
        """How telling a term is in this article; unknown terms weigh most (they make a miss visible)."""
        n = len(self.passages)
        return math.log(1 + n / (self._df.get(term, 0) + 0.5))

    def window(self, passage: Passage) -> str:
        """The passage with the two sentences before it and its heading: what "he" and "it" refer to."""
        parts = [passage.text]
        prev = passage.prev
        for _ in range(2):
            if prev is None:
                break
            parts.insert(0, self.passages[prev].text)
            prev = self.passages[prev].prev
        if passage.heading:
            parts.insert(0, passage.heading)
        return " ".join(parts)

    def window_tokens(self, passage: Passage) -> set[str]:
        """Tokens of the passage's window plus its own extra tokens (acronyms, brief fields, heading)."""
        return set(tokens(self.window(passage))) | set(passage.tokens)

    def speaks(self, passage: Passage, speaker: str) -> bool:
        return speaker in self._speakers[passage.index]

    def coverage(self, intent: Intent, passage: Passage, *, own: bool = False) -> float:
        """Share of the question's weighted main terms found in the passage's window (synonyms count less);
        with ``own``, in the sentence itself."""
        have = set(tokens(passage.text)) if own else self.window_tokens(passage)
        total = got = 0.0
        main = 1.0
        if intent.kind not in TYPED_KINDS and intent.terms and max(intent.terms.values()) < 1.0:
            # "Who makes them?": a question of a pronoun and a bare verb is about the thread's main terms.
            main = max(intent.terms.values())
        for term, qw in intent.terms.items():
            if qw < main:
                continue
            w = self.weight(term)
            total += w
            if term in have:
                got += w
            elif (
                any(s in have for s in SYNONYMS.get(term, ()))
                # "Which official …?": a person named by a kind of official ("the mayor") answers.
                or (intent.kind == "who" and any(s in have for s in KINDS.get(term, ())))
                or (len(term) >= _COMPOUND_PART and any(t.endswith(term) for t in have))
                # "restricted" and "restrictions", "produce" and "production": one word, another part of speech.
                or (len(term) >= _DERIVED_STEM and any(t.startswith(term) and len(t) - len(term) <= 4 for t in have))
                or (
                    # "Who announced it?" is answered by "X said on Monday": any verb of saying will do.
                    intent.kind == "who" and term in SPEECH and any(t in SPEECH for t in have)
                )
            ):
                got += 0.7 * w
        if not total:
            # "What was the final score?": the typed fact itself is the match (fits() is required).
            return 1.0 if intent.kind in TYPED_KINDS else 0.0
        return got / total

    @functools.cached_property
    def acronyms(self) -> frozenset[str]:
        """The initials of the article's many-word names: "isw" for "the Institute for the Study of War"."""
        return frozenset(self._acronym_words)

    @functools.cached_property
    def _acronym_words(self) -> dict[str, list[str]]:
        """Initials -> the terms of the name they stand for ("isw" -> institute, study, war)."""
        found: dict[str, list[str]] = {}
        for p in self.passages:
            for m in _LONG_NAME.finditer(p.text):
                words = [w for w in m.group(0).split() if w[0].isupper()]
                # "The US-based Institute for the Study of War": the name may start at any of its words.
                for i in range(len(words) - 2):
                    initials = "".join(w[0] for w in words[i:]).lower()
                    found.setdefault(initials, [t for w in words[i:] for t in tokens(w)])
            # "MoD" for "the Defence Ministry" or "the Ministry of Defence", "MFA" for "the Foreign Ministry".
            for m in _MINISTRY.finditer(p.text):
                field = m.group(1) or m.group(2)
                initials = "mfa" if field.lower() == "foreign" else f"mo{field[0].lower()}"
                found.setdefault(initials, [*tokens(field), "ministry"])
            # "APCs" for "armoured personnel carriers": three words of substance in a row, written small.
            for m in _PLAIN_THREE.finditer(p.text):
                if not set(m.groups()) & STOPWORDS:
                    found.setdefault("".join(w[0] for w in m.groups()), [t for w in m.groups() for t in tokens(w)])
        return found

    def missing_names(self, intent: Intent) -> list[str]:
        """Names the question uses that the article never mentions."""
        # "UAVs" for the article's "drones" is a word with synonyms, not a name the article lacks.
        return [
            t
            for t in intent.proper
            if t not in self.vocabulary
            and t not in self.acronyms
            and not any(_same_name(t, v) for v in self.vocabulary)
            and not any(s in self.vocabulary for s in SYNONYMS.get(t, frozenset()) | COUNT_SYNONYMS.get(t, frozenset()))
        ]

    def rank(self, intent: Intent) -> list[Hit]:
        """Quotable passages, best first, with whether each fits the question's kind."""
        scores = np.zeros(len(self.passages))
        for term, weight in intent.terms.items():
            named = self._acronym_words.get(term) if term not in self.vocabulary else None
            if named:  # "ISW" for the article's "Institute for the Study of War": the name's words, as one term
                scores += weight * sum(self._term_scores(t) for t in named)
            else:
                scores += weight * self._term_scores(term)
        hits: list[Hit] = []
        refusing = bool(_REFUSAL_Q.search(intent.text))
        for p in self.passages:
            if not p.quotable:
                continue
            context = scores[p.prev] if p.prev is not None else 0.0
            score = float(scores[p.index] + 0.3 * context)
            ok = fits(p, intent, self.window(p))
            if intent.kind in TYPED_KINDS and ok and intent.proper:
                # A typed fact about someone else is not the answer: the names must be in reach.
                have = self.window_tokens(p)
                # Whose claim it is ("does Moscow say") is often said only once, paragraphs earlier.
                # A name on most of the article's sentences ("Russia" in a Russian bulletin) is its setting,
                # not a way to tell one figure from another.
                names = [
                    name
                    for name in intent.proper
                    if name in self.vocabulary
                    and name != intent.speaker
                    and self._df[name] < _SETTING_SHARE * len(self.passages)
                    and name not in self._subject
                    # "How far inside Russia can Storm Shadow be used?": the belligerent is where, not whose figure.
                    and not (intent.kind == "distance" and name in ("russia", "ukraine"))
                ]
                # "Storm Shadow and ATACMS": either one's figure is part of the answer.
                ok = not names or (any if _CONJOINED.search(intent.text) else all)(name in have for name in names)
            if p.index in self._disowned:
                ok = ok and intent.kind not in TYPED_KINDS
                score *= 0.3  # what the next sentence disowns is no answer
            if p.index in self._disowning:
                score *= 0.5  # nor is the disowning itself ("No such package has been announced")
            asked = ASKED_IN_PASSAGE.search(p.text)
            asking = asked is not None
            if ok and intent.kind in TYPED_KINDS and asked is not None and not _YES_NO_ASKED.search(asked.group(0)):
                # "asked how much of the £3 billion had been spent": the figure is the question's; "asked whether
                # Washington would meet Zelenskyy's request for seven more systems" gives it.
                ok = False
            score *= 1.5 if ok else 0.6
            if asking:
                score *= 0.6  # someone asking is not the answer; the reply usually follows
            if intent.speaker and intent.speaker in self._speakers[p.index]:
                score *= 1.4  # the account of the one the question asks about
            if ok and p.index == self._lede and intent.kind in ("money", "count") and _THE_NEWS_Q.search(intent.text):
                score *= 1.5  # "How much is the new package worth?": the figure the story is about is in its lede
            if (intent.kind in TYPED_KINDS or intent.kind == "yesno") and about_another_country(intent.text, p.text):
                score *= 0.5
            if refusing:
                # "Which country refused to send troops?": "Italy will not send soldiers" says no without a refusal
                # verb; "Paris and London were ready to send troops" cannot be the refusal.
                # "No decision had been taken on Hawk launchers" is no refusal: the matter is open.
                said = _UNDECIDED.sub(" ", p.text)
                score *= 1.3 if _NEGATED.search(said) or _REFUSAL_Q.search(said) else 0.6
            if intent.kind == "weapon" and _NAMED_WEAPON.search(p.text):
                score *= 1.3  # "which missile" wants a name, not the word "missiles"
            if intent.kind == "target" and _CONJOINED.search(p.text):
                score *= 1.3  # "which companies" wants the named ones: "Rosneft and Lukoil"
            hits.append(Hit(passage=p, score=score, fits=ok))
        hits.sort(key=lambda h: (-h.score, h.passage.index))
        return hits


# A sentence that opens with a name set off by a description: "Igor Zakharchenko, a Moscow-installed official, …".
_NAME_THEN_DESCRIPTION = re.compile(r"^((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+),\s+(?:a|an|the)\s")
# A question about the story's own news: "the new package", "this tranche", "the latest drawdown".
_THE_NEWS_Q = re.compile(r"\b(?:new|latest|fresh|this|today'?s|announced)\b", re.I)
# A question about a refusal, and a passage that says no: a refusal is often told without a refusal verb.
_REFUSAL_Q = re.compile(r"\b(?:refus\w*|declin\w*|reject\w*|rul\w* out|won[’']t|will not|not willing|unwilling)\b", re.I)
_UNDECIDED = re.compile(
    r"\bno (?:final |formal )?decision\b|\bnot (?:yet )?(?:been )?decided\b|\bundecided\b|\byet to decide\b", re.I
)
_NEGATED = re.compile(r"\b(?:not|never|no|n[’']t)\b|\w+n[’']t\b", re.I)
# A question reported in the article: "Sarah Hughes asked whether the government would allow …".
_YES_NO_ASKED = re.compile(r"\b(?:whether|if)$", re.IGNORECASE)
ASKED_IN_PASSAGE = re.compile(
    r"\b(?:asked|asks|asking|wondered|wanted to know|questioned)\s+(?:[\w’']+\s+){0,3}?(?:whether|if|how|what|when|why|"
    r"who|which)\b",
    re.IGNORECASE,
)


# A name of several capitalised words, with the small words names keep inside them.
_MINISTRY = re.compile(
    r"\b(?:(Defen[cs]e|Foreign|Interior|Finance)\s+Ministry|Ministry\s+of\s+(Defen[cs]e|Foreign|Interior|Finance))\b",
    re.IGNORECASE,
)
_LONG_NAME = re.compile(r"\b[A-Z][\w-]+(?:\s+(?:(?:for|of|the|and|on|in)\s+)*[A-Z][\w-]+)+")
# Three plain words in a row, read at every word ("armoured personnel carriers" for "APCs").
_PLAIN_THREE = re.compile(r"(?=\b([a-z][a-z-]+) ([a-z][a-z-]+) ([a-z][a-z-]+)\b)")
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ns", "ans", "ese", "ish"})


def _same_name(a: str, b: str) -> bool:
    """ "canadian" and "canada", "swedish" and "sweden": one name under two endings.

    Only the ending may differ: "bundeswehr" and "bundestag" share five letters but are two names.
    """
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_[len(short) :] in _DEMONYM_ENDINGS and long_.startswith(short):
        return True  # "asian" and "asia", "cuban" and "cuba"
    if len(a) < 5 or len(b) < 5 or a[:4] != b[:4]:
        return False
    if a.startswith(b[:-1]) or b.startswith(a[:-1]):
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 5 and shared >= min(len(a), len(b)) - 2
