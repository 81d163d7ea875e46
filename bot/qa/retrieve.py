"""Ranking passages for a question: BM25 (bm25s) over passage tokens, shaped by what the question asks.

BM25 finds passages about the question's topic; answer-type checks then decide whether a passage can
answer it at all (a "how much" needs an amount, a "how many Russian soldiers" needs a number of Russian
soldiers). When no passage both matches the topic and carries the right sort of fact, the article
doesn't say, and we must not guess.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.figures import find_money, word_number
from bot.qa.intent import TYPED_KINDS, Intent
from bot.qa.lexicon import (
    COUNT_SYNONYMS,
    GENERIC_MONEY,
    PLACE_NOUNS,
    REASON_CUES,
    SPEECH,
    STOPWORDS,
    SYNONYMS,
    WEAPON_WORDS,
    stem,
    stems,
    tokens,
    word_set,
)
from bot.qa.passages import Passage

# bm25s sets its own logger to DEBUG at import; its per-index chatter is not for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTHS}|(?:early|mid|late|end of|beginning of|in|since|"
    rf"until|by|from|on|that)\s+(?:the\s+)?(?:{_MONTHS})|{_MONTHS}\s+(?:19|20)\d\d|\b(?:1[5-9]|20)\d\d\b|"
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|last (?:week|month|year))",
)
_FUTURE_TIME = re.compile(
    rf"\b(?:{_MONTHS}|(?:19|20)\d\d|(?:next|coming|following) (?:week|month|year|spring|summer|autumn|"
    rf"winter|weeks|months|days)|within (?:\w+ )?(?:days|weeks|months|years)|in the coming \w+|"
    rf"later (?:this|in the) \w+|(?:this|next) (?:spring|summer|autumn|fall|winter)|by the end of|"
    rf"before the end of|(?:early|mid|late)-\d{{4}}|tomorrow|soon)\b")
# "sent in 2022", "since March": a time already past is no time to come.
_PAST_TIME = re.compile(rf"\b(?:\w+ed|sent|gave|made|bought|sold|built|won|lost|held|had|was|were|began|took|"
                        rf"since)\s+(?:in\s+)?(?:{_MONTHS}\s+)?(?:19|20)\d\d\b|\bsince\s+{_MONTHS}")
# "WARSAW, 14 April (translated) - ", "KYIV (Reuters) — ": where and when the report was filed.
_DATELINE = re.compile(r"^[A-Z][A-Z.'/ -]+(?:,\s*[^-–—]{1,40}?)?(?:\s*\([^)]*\))?\s+[-–—]\s+")
# A written-out date, for naming it in the answer's lead.
EXACT_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:,\s*(?:19|20)\d\d)?|\d{{1,2}}\s+{_MONTHS}(?:\s+(?:19|20)\d\d)?|"
    rf"{_MONTHS}\s+(?:19|20)\d\d)\b")
_MONTH_WORD = re.compile(rf"^{_MONTHS}$|^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
# "40 km", "twelve kilometres (seven miles)": a distance in figures or in words.
_DISTANCE = re.compile(r"\b(?:\d[\d,.]*\s?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"fifteen|twenty|thirty|forty|fifty|a few|several|dozens of|hundreds of)[\s-])"
                       r"(?:km|kilomet(?:re|er)s?|miles?|mi)\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|"
    r"thousands?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|eighteen|fifteen|thirteen|"
    r"fourteen|sixteen|seventeen|nineteen)$", re.IGNORECASE)
_SCALE_WORDS = word_set("million billion trillion thousand hundred")
_UNIT_WORDS = word_set("bn mn percent per cent % tonnes tons km kilometres miles euros dollars pounds")
_WORD = re.compile(r"[A-Za-z0-9][\w,.'’-]*|[%€$£]")
_NAMED_WEAPON = re.compile(
    r"\b(?:[A-Z][\w-]*\s+(?:[a-z-]+\s+)?(?:missiles?|rockets?|bombs?|drones?|systems?|launchers?|howitzers?|"
    r"tanks?|interceptors?|jets?)|[A-Z]{3,}(?:-\w+)?)\b")
# A result such as "4-3" or "52–48" (not "F-16", not "2022-2025").
_SCORE = re.compile(r"(?<![\w.-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\w.-])")
# A name after a place preposition: "travel to Oulu", "in Kharkiv", "near the Vovchansk".
_PLACE = re.compile(r"\b(?:in|at|to|near|from|towards?|outside|around|into|across|over)\s+(?:the\s+)?[A-Z][a-z]")
# Opening quotes and dashes, so that a quote's first word is not taken for a name.
_OPENING = re.compile(r"^[\s\"'“‘(\[–—-]+")
_CONJOINED = re.compile(r"\b[A-Z][\w-]*\s+(?:and|or|with|to)\s+[A-Z]")
# Timestamps and datelines before a sentence's subject ("9:55 a.m. - ", "MOSCOW, 3 June - ").
_SUBJECT = re.compile(r"^(?:[^-–—]{0,40}\s[-–—]\s)?")
# "the ministry said": a body named in full earlier on.
_DEFINITE_BODY = re.compile(r"\b[Tt]he (ministry|department|government|army|military|agency|office)\b"
                            r"(?=(?:\s+\w+){0,2}\s+(?:said|says|claimed|claims|stated|added|reported))")
_CONTINUES = re.compile(r"^(?:It|In its|Its|He|She|They|The ministry|The statement|This)\b")
# An extent in words: "two-thirds of the town", "about a fifth", "half", "most of it".
_SHARE = re.compile(r"\b(?:(?:one|two|three|a)[- ](?:half|third|quarter|fifth|tenth)s?|half|thirds?|quarters?|"
                    r"fifths?|most|majority|bulk|all but)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"\b(?:each|per|apiece|a piece|a unit|a (?:shell|round|missile|drone|barrel|tonne))\b",
                       re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[- ][A-Z][\w-]+)*")


# Words for people killed or wounded: a "how many casualties" is answered by a number of people hurt.
_CASUALTY = stems("casualty loss dead die kill killed wound wounded injure injured")

# A question word this long found at the end of an article word is the same thing: "group", "battlegroup".
_COMPOUND_PART = 5
# A name found in at least this share of the passages is the article's setting.
_SETTING_SHARE = 0.3


@dataclass(slots=True)
class Hit:
    passage: Passage
    score: float
    fits: bool


def count_phrases(text: str, focus: list[str], modifiers: list[str], *,
                  skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every "594 Russian servicemen" phrase in ``text`` that a "how many" question's noun counts;
    numbers in ``skip`` (the question's own: "how many of the six missiles") are no answer."""
    if not focus:
        return
    wanted: set[str] = set()
    for head in focus:
        wanted |= COUNT_SYNONYMS.get(head, frozenset({head}))
    if wanted & _CASUALTY:
        # "How many casualties/losses": "14 crew members were killed", "4,000 North Koreans" count them.
        wanted |= _CASUALTY | COUNT_SYNONYMS[stem("people")] | COUNT_SYNONYMS[stem("troop")]
    people = bool(wanted & (COUNT_SYNONYMS[stem("people")] | COUNT_SYNONYMS[stem("troop")]))
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        bare = word.strip(",.")
        number, _, unit = bare.partition("-")
        # "Twenty-four athletes": a number written as two words joined by a hyphen.
        compound = bool(unit) and bool(_NUMBER_WORD.match(number)) and bool(_NUMBER_WORD.match(unit))
        if unit and not compound and _NUMBER_WORD.match(number) and tokens(unit)[:1] and tokens(unit)[0] in wanted:
            # "a six-point deduction", "a 48-hour strike": the number and its noun in one word.
            if all(m in tokens(" ".join(words[max(0, i - 3) : i])) for m in modifiers):
                yield " ".join(words[i : i + 2]).strip(",.")
                continue
            continue
        if not (compound or _NUMBER_WORD.match(bare)) or re.fullmatch(r"(?:19|20)\d\d", bare) or \
                bare.lower() in skip:
            continue
        if (i + 1 < len(words) and _MONTH_WORD.match(words[i + 1].strip(",."))) or (
                i > 0 and _MONTH_WORD.match(words[i - 1].strip(",."))):
            continue  # "25 September" and "June 3" are dates, not counts
        if i > 0 and words[i - 1] in "€$£":
            continue  # "£3 billion a year" is money, not a count of years
        if i + 1 < len(words) and words[i + 1].lower() in _BARE_COUNT_VERBS and (
                i == 0 or words[i - 1].endswith((",", ";", ":"))) and not modifiers:
            # "Six are in Turkey.": a number standing for the things the sentence before counted.
            yield str(word).strip(",.")
            continue
        if i > 0 and i + 1 < len(words) and words[i + 1].lower().strip(",.") == "times":
            # "Russian troops attacked 54 times": the things counted named by the verb just before.
            verb = tokens(" ".join(words[max(0, i - 2) : i]))
            if any(t in wanted for t in verb) and all(
                    m in tokens(" ".join(words[max(0, i - 6) : i])) for m in modifiers):
                yield " ".join(words[i : i + 2]).strip(",.")
                continue
            continue
        between: list[str] = []
        for n, nxt in enumerate(words[i + 1 : i + 6]):
            low = nxt.lower().strip(",.")
            if low in _SCALE_WORDS:
                continue  # "1 million barrels"
            if low in _UNIT_WORDS or low in "€$£" or _NUMBER_WORD.match(low):
                break  # an amount of money, a distance or a share is not a count of things
            toks = tokens(nxt)
            if (people and modifiers and toks and toks[0] in modifiers and nxt[:1].isupper()
                    and all(t in modifiers for t in between)):
                # "about 4,000 North Koreans": the people named by the modifier are what is counted.
                between.extend(toks)
                word_ = nxt.strip(",.;:")
                if word_.endswith("s") and not word_.endswith(("'s", "’s")) and all(m in between for m in modifiers):
                    yield " ".join(words[i : i + 2 + n]).strip(",.")
                    break
                continue
            if toks and toks[0] in wanted:
                if all(m in between for m in modifiers) or _modified_before(words, i, modifiers, n):
                    yield " ".join(words[i : i + 2 + n]).strip(",.")
                    break
                break
            between.extend(toks)
            if nxt.endswith((",", ".")):
                break


def count_match(text: str, focus: list[str], modifiers: list[str], *,
                skip: frozenset[str] = frozenset()) -> str | None:
    """The first phrase ``count_phrases`` finds, if any."""
    return next(count_phrases(text, focus, modifiers, skip=skip), None)


_LOSS = stems("loss")
_BARE_COUNT_VERBS = frozenset({"are", "were", "remain", "remained"})


def _modified_before(words: list[str], i: int, modifiers: list[str], n: int) -> bool:
    """"Russian losses … at 1,690 troops, 11 tanks": a tally of one side's losses names whose things are
    counted once, ahead of the list, as long as no other name stands between a number and its noun."""
    if not modifiers or any(w[:1].isupper() for w in words[i + 1 : i + 1 + n]):
        return False
    before = [tokens(w)[:1] for w in words[:i]]
    tallied = {t[0] for t, nxt in zip(before, before[1:], strict=False) if t and nxt and nxt[0] in _LOSS}
    return all(m in tallied for m in modifiers)


def asked_numbers(intent: Intent) -> frozenset[str]:
    """Numbers the question itself states ("six" in "how many of the six missiles…"): given, not asked."""
    return frozenset(w.lower() for w in _WORD.findall(intent.text) if _NUMBER_WORD.match(w))


def has_figure(text: str, kind: str) -> bool:
    """Does ``text`` state some figure of the loose sort a ``kind`` question wants (a date for "when")?"""
    if kind == "when":
        return bool(_DATE.search(text))
    if kind == "score":
        return bool(_SCORE.search(text))
    words = [w.strip(",.;:") for w in _WORD.findall(text)]
    numbers = [w for i, w in enumerate(words) if _NUMBER_WORD.match(w) and w.lower() not in ("one",) and not (
        re.fullmatch(r"(?:19|20)\d\d", w) or (i > 0 and _MONTH_WORD.match(words[i - 1]))
        or (i + 1 < len(words) and _MONTH_WORD.match(words[i + 1])))]
    return bool(numbers or _SHARE.search(text) or has_money(text))


def has_money(text: str) -> bool:
    """Does ``text`` state an amount of money?"""
    return bool(find_money(text))


def fits(passage: Passage, intent: Intent, window: str) -> bool:
    """Can this passage (read with its context ``window``) carry the kind of fact the question wants?"""
    text = passage.text
    kind = intent.kind
    if kind == "score":
        return bool(_SCORE.search(text))
    if kind == "money":
        if not has_money(text):
            return False
        if intent.per_unit and not _PER_UNIT.search(text):
            return False  # a contract's total is not the price of each shell
        return intent.money_focus is None or intent.money_focus in GENERIC_MONEY or \
            intent.money_focus in tokens(window)
    if kind == "count":
        if intent.focus:
            return count_match(text, intent.focus, intent.modifiers, skip=asked_numbers(intent)) is not None
        return any(_NUMBER_WORD.match(w.strip(",.")) for w in _WORD.findall(text))
    if kind == "quantity":
        if intent.money_focus and intent.money_focus not in tokens(window):
            return False  # "how much cargo": the amount must be one of cargo
        return bool(re.search(r"\d", text) or _SHARE.search(text)) or any(
            word_number(w) for w in text.split() if w.isalpha() and w.lower() not in ("a", "one"))
    if kind == "distance":
        return bool(_DISTANCE.search(text))
    if kind == "when":
        if intent.future:
            # The dateline and "said on Monday" date the report; a time to come is a month, a year,
            # "next week", "within weeks".
            return bool(_FUTURE_TIME.search(_PAST_TIME.sub("", _DATELINE.sub("", text))))
        return bool(_DATE.search(text))
    if kind == "why":
        return bool(REASON_CUES.search(text))
    if kind == "weapon":
        return any(t in WEAPON_WORDS for t in tokens(text))
    if kind == "who":
        return bool(_NAME.search(_OPENING.sub("", text))) or any(t in SPEECH for t in tokens(text))
    if kind == "where":
        return bool(_PLACE.search(text)) or any(t in PLACE_NOUNS for t in tokens(text))
    if kind == "target":
        # "Which companies…" is answered by names, not by "companies dealing with them".
        return any(not _MONTH_WORD.match(m.group(0)) for m in _NAME.finditer(_OPENING.sub("", text)))
    return True


class Retriever:
    """BM25 over one article's passages. Build once per article."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self._bm25 = bm25s.BM25()
        corpus = [p.tokens or ["\x00"] for p in passages]
        self._bm25.index(corpus, show_progress=False)
        self._df: Counter[str] = Counter()
        for p in passages:
            self._df.update(set(p.tokens))
        self.vocabulary = set(self._df)
        self._cache: dict[str, np.ndarray] = {}
        self._speakers = [self._speakers_of(p) for p in passages]

    def _speakers_of(self, passage: Passage) -> set[str]:
        """Who speaks in a passage: the words just before "said", "claimed"…, and for "It said…" the
        speaker of the sentence before."""
        toks = tokens(passage.text, keep_stopwords=True)
        found: set[str] = set()
        for k, tok in enumerate(toks):
            if tok in SPEECH:
                found.update(t for t in toks[max(0, k - 6) : k] if t not in STOPWORDS)
        for m in _DEFINITE_BODY.finditer(passage.text):
            found |= self._named_body(passage, m.group(1))
        if passage.prev is not None and _CONTINUES.match(passage.text):
            before = self.passages[passage.prev]
            earlier = self._speakers_of(before)
            if not earlier:
                # "Russia's Defence Ministry has given its own account. It says…": the one speaking is
                # the subject of the sentence before.
                earlier = set(tokens(_SUBJECT.sub("", before.text))[:4])
            found |= earlier
        return found

    def _named_body(self, passage: Passage, body: str) -> set[str]:
        """"The ministry said…": whose ministry, from the latest earlier sentence that names it ("Russia's
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
            elif any(s in have for s in SYNONYMS.get(term, ())) or (
                    len(term) >= _COMPOUND_PART and any(t.endswith(term) for t in have)) or (
                    # "Who announced it?" is answered by "X said on Monday": any verb of saying will do.
                    intent.kind == "who" and term in SPEECH and any(t in SPEECH for t in have)):
                got += 0.7 * w
        if not total:
            # "What was the final score?": the typed fact itself is the match (fits() is required).
            return 1.0 if intent.kind in TYPED_KINDS else 0.0
        return got / total

    def missing_names(self, intent: Intent) -> list[str]:
        """Names the question uses that the article never mentions."""
        # "UAVs" for the article's "drones" is a word with synonyms, not a name the article lacks.
        return [t for t in intent.proper if t not in self.vocabulary
                and not any(_same_name(t, v) for v in self.vocabulary)
                and not any(s in self.vocabulary for s in SYNONYMS.get(t, frozenset()) | COUNT_SYNONYMS.get(t, frozenset()))]

    def rank(self, intent: Intent) -> list[Hit]:
        """Quotable passages, best first, with whether each fits the question's kind."""
        scores = np.zeros(len(self.passages))
        for term, weight in intent.terms.items():
            scores += weight * self._term_scores(term)
        hits: list[Hit] = []
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
                names = [name for name in intent.proper if name in self.vocabulary and name != intent.speaker
                         and self._df[name] < _SETTING_SHARE * len(self.passages)]
                # "Storm Shadow and ATACMS": either one's figure is part of the answer.
                ok = (any if _CONJOINED.search(intent.text) else all)(name in have for name in names)
            score *= 1.5 if ok else 0.6
            if intent.speaker and intent.speaker in self._speakers[p.index]:
                score *= 1.4  # the account of the one the question asks about
            if intent.kind == "weapon" and _NAMED_WEAPON.search(p.text):
                score *= 1.3  # "which missile" wants a name, not the word "missiles"
            if intent.kind == "target" and _CONJOINED.search(p.text):
                score *= 1.3  # "which companies" wants the named ones: "Rosneft and Lukoil"
            hits.append(Hit(passage=p, score=score, fits=ok))
        hits.sort(key=lambda h: (-h.score, h.passage.index))
        return hits


def _same_name(a: str, b: str) -> bool:
    """"canadian" and "canada", "swedish" and "sweden": one name under two endings.

    Only the ending may differ: "bundeswehr" and "bundestag" share five letters but are two names.
    """
    if len(a) < 5 or len(b) < 5 or a[:4] != b[:4]:
        return False
    if a.startswith(b[:-1]) or b.startswith(a[:-1]):
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 5 and shared >= min(len(a), len(b)) - 2
