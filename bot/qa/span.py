"""The words that answer a question, taken from the parse of the sentence that answers it.

The lead of an answer names the answer itself ("Near the town of Karachev, according to the article:"),
not only where to find it. Each kind of question reads its own sort of phrase from the sentence: a place
after a preposition of place, a weapon phrase, the speaker of what is said, a date, a distance, the object
of the verb the question uses ("What were they shipping?" -> what "shipping" takes). A phrase the
question already names is not an answer, and when nothing of the right sort is there the caller keeps
its general lead.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.places import places_in
from bot.extractive.reading import Sentence, strip_dateline, strip_label
from bot.extractive.weapons import weapons_in
from bot.qa.lexicon import stem

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.config import Settings
    from bot.extractive.lexicon import Lexicon
    from bot.extractive.names import Gazetteer

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
         "tomorrow", "overnight", "weekend"}
_UNITS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "m"}
_REASON_MARKS = {"because", "since", "as", "so", "citing", "due", "given", "amid", "over", "after"}
_LIGHT_VERBS = {"be", "do", "have", "say", "tell", "make", "get", "go", "happen"}
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_WORD_OR_NUMBER = re.compile(r"[A-Za-z0-9][\w'’-]*")
_MAX_WORDS = 18
# What someone said is a clause, and a clause runs longer than a phrase.
_MAX_SAID_WORDS = 32
# A name this many dependency links from the question's own words is about what the question asks.
_NEAR = 3


def _question_words(question: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _WORD.findall(question)}


def _new(text: str, asked: set[str]) -> bool:
    """Does the phrase say something the question didn't already say, without being a name it asked about?"""
    words = {w.lower().rstrip("s") for w in _WORD_OR_NUMBER.findall(text)}  # "In 2022" says a year
    names = {w.lower().rstrip("s") for w in _WORD.findall(text) if w[:1].isupper()}
    return bool(words - asked - {"the", "a", "of", "and", "in", "on"}) and not (names & asked - {"the"})


def _short(tokens: list[Token], limit: int = _MAX_WORDS) -> str | None:
    text = syntax.span_text(tokens).strip(" ,;:.“”\"'")
    return text if text and len(text.split()) <= limit else None


def _dates(s: Sentence) -> list[str]:
    out: list[str] = []
    for tok in s.doc:
        if tok.lower_ in _MONTHS and tok.tag_ == "NNP":
            span = [t for t in tok.subtree if t.like_num or t.lower_ in _MONTHS or t.text == ","]
            out.append(_short(sorted(span, key=lambda t: t.i)) or tok.text)
        elif tok.lower_ in _DAYS or (tok.like_num and len(tok.text) == 4 and tok.text[:2] in ("19", "20")):
            out.append(tok.text if tok.head.lower_ not in ("in", "on", "by", "since", "until") else
                       f"{tok.head.text} {tok.text}")
    return out


def _distances(s: Sentence) -> list[str]:
    return [f"{t.head.left_edge.text if t.head.left_edge.like_num else t.text} {t.head.text}".strip()
            if t.head.left_edge.i < t.i else f"{t.text} {t.head.text}"
            for t in s.doc if t.like_num and t.head.lower_ in _UNITS]


def _quantities(s: Sentence, question: set[str]) -> list[str]:
    """"1,294 square kilometres", "about two-thirds": a figure with what it measures."""
    out: list[str] = []
    for tok in s.doc:
        if tok.like_num and tok.dep_ in ("nummod", "quantmod", "compound") and tok.head.pos_ == "NOUN":
            head = tok.head
            text = _short([t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case")])
            if text and _new(text, question):
                out.append(text)
    return out


_FRAMED = re.compile(r"\b(?:does|do|did)\s+(?:\w+\s+){1,3}(?:say|claim|report|think|believe|allege)\b",
                     re.IGNORECASE)


def _speaker(s: Sentence, question: set[str], reporting: frozenset[str], *,
             framed: bool = False) -> list[tuple[int, str]]:
    """Who does what the question asks about: subjects of the sentence's verbs, the speakers of reported
    words last ("Who does Zakharova say helped plan it?" wants who helped, not Zakharova)."""
    ranked: list[tuple[int, int, str]] = []
    for tok in s.doc:
        if not syntax.is_verbal(tok):
            continue
        who = syntax.agent(tok) if syntax.is_passive(tok) else syntax.subject(tok)
        if who is None or syntax.is_pronoun(who) or who.pos_ not in ("PROPN", "NOUN"):
            continue
        toks = syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"relcl"})
        phrase = _short(toks)
        if not phrase or not _new(phrase, question):
            continue
        # "Who does Moscow say took …?": the saying frames the question; "Who told Putin …?" asks for the teller.
        # The doer of the verb asked about comes first, then other doers, the speakers of reported words last.
        saying = tok.lemma_.lower() in reporting
        asked_verb = not (saying and framed) and (
            tok.lemma_.lower().rstrip("s") in question or tok.lower_.rstrip("s") in question)
        if not asked_verb and not any(t.pos_ == "PROPN" for t in toks):
            continue  # "the announcement", "its forces": a doer the question did not ask about, and no name
        rank = 0 if asked_verb else 2 if saying else 1
        ranked.append((rank, tok.i, phrase))
    return [(rank, phrase) for rank, _, phrase in sorted(ranked)]


def _objects_of_question_verb(s: Sentence, question: str) -> list[str]:
    """"What were the companies shipping?": what the sentence's "shipping" takes."""
    verbs = {w.lower() for w in _WORD.findall(question)}
    out: list[str] = []
    for tok in s.doc:
        if not syntax.is_verbal(tok) or tok.lemma_.lower() in _LIGHT_VERBS:
            continue
        if tok.lower_ not in verbs and tok.lemma_.lower() not in verbs:
            continue
        for child in tok.children:
            if child.dep_ in ("dobj", "attr", "oprd", "ccomp", "xcomp"):
                text = _short(list(child.subtree))
                if text:
                    out.append(text)
    return out


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 64:
        tok, d = tok.head, d + 1
    return d


def _distance(a: Token, b: Token) -> int:
    """Dependency links between two tokens of one sentence."""
    up = {a.i: 0}
    t, d = a, 0
    while t.head.i != t.i and d < 64:
        t, d = t.head, d + 1
        up[t.i] = d
    t, d = b, 0
    while t.i not in up and t.head.i != t.i and d < 64:
        t, d = t.head, d + 1
    return up.get(t.i, 99) + d


def _anchors(s: Sentence, asked: set[str]) -> list[Token]:
    """Tokens of the sentence that say one of the question's own content words."""
    out = []
    for tok in s.doc:
        if not tok.is_alpha or tok.lower_ in _STOP:
            continue
        forms = {tok.lower_.rstrip("s"), tok.lemma_.lower().rstrip("s"), stem(tok.lower_)}
        if forms & asked:
            out.append(tok)
    return out


def _nearness(tok: Token, anchors: list[Token]) -> int:
    return min((_distance(tok, a) for a in anchors if a.i != tok.i), default=99)


def _near_names(s: Sentence, question: set[str], anchors: list[Token]) -> list[str]:
    """Proper-noun phrases the question does not name, nearest the question's own words first; a name far
    from all of them is about something else and is left out."""
    ranked: list[tuple[int, int, str]] = []
    for tok in s.doc:
        if tok.tag_ not in ("NNP", "NNPS") or tok.dep_ in ("compound", "nmod", "poss") or syntax.is_temporal(tok):
            continue
        phrase = _short(syntax.phrase_tokens(tok, stop=syntax.CLAUSES | {"prep", "appos", "relcl", "det"}))
        # A sentence without the question's words ("TREASURY'S TURN - Gazprombank.") was found for its
        # context: its names are all the answer it has.
        near = _nearness(tok, anchors) if anchors else 0
        if phrase and _new(phrase, question) and near <= _NEAR:
            ranked.append((near, tok.i, phrase))
    return [p for _, _, p in sorted(ranked)]


def _named_as(s: Sentence, noun: str, question: set[str]) -> list[str]:
    """Names the sentence gives the class the question asks for: "the Moscow Exchange" for "which exchange",
    "Rivnopillia, a village" for "which village", "the \"Zapad\" group" for "which grouping"."""
    out: list[str] = []
    question = {w for w in question if stem(w) != noun and stem(w + "s") != noun}  # "the … Exchange" may say it
    for tok in s.doc:
        if stem(tok.lower_) != noun and stem(tok.lemma_.lower()) != noun:
            continue
        named: list[Token] = []
        if tok.tag_ in ("NNP", "NNPS"):
            head = tok
            while head.dep_ == "compound" and head.head.tag_ in ("NNP", "NNPS"):
                head = head.head
            named.append(head)
        else:
            named += [c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"]
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            named.append(tok.head)
        named += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        for n in named:
            stop = syntax.CLAUSES | {"prep", "appos", "relcl", "det", "punct"}
            toks = [t for t in syntax.phrase_tokens(n, stop=stop) if t.pos_ in ("PROPN", "NUM") or t.i == n.i]
            phrase = _short(toks) if toks else None
            if phrase and _new(phrase, question):
                out.append(phrase)
                for c in n.conjuncts:  # "Rosneft and Lukoil"
                    more = _short([c])
                    if more and c.pos_ == "PROPN" and _new(more, question):
                        out[-1] = f"{out[-1]} and {more}"
    return out


def _reason(s: Sentence) -> list[str]:
    for tok in s.doc:
        if tok.lower_ in _REASON_MARKS and tok.dep_ in ("mark", "prep", "advmod", "agent") and tok.head.i != tok.i:
            clause = list(tok.head.subtree) if tok.dep_ == "mark" else list(tok.subtree)
            text = _short([t for t in clause if t.i > tok.i or tok.dep_ == "mark"])
            if text:
                return [text]
    return []


_STOP = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "by", "with", "at", "from", "is", "was", "were",
         "are", "be", "been", "did", "does", "do", "what", "which", "who", "whom", "how", "why", "when", "where",
         "that", "this", "it", "its", "their", "they", "say", "said", "says", "according", "article", "much", "many"}


def _clause(s: Sentence, question: str) -> str | None:
    """The shortest clause of the sentence that shares the most with the question and adds to it:
    the answer in the article's words when no typed phrase fits ("involved in shipping machine tools and
    microelectronics to Russia")."""
    asked = {w.lower() for w in _WORD.findall(question)} - _STOP
    asked_lemmas = {w.rstrip("s") for w in asked}
    best: tuple[float, str] | None = None
    for tok in s.doc:
        if not (syntax.is_verbal(tok) or tok.pos_ == "NOUN") or tok.lemma_.lower() in self_reporting:
            continue
        tokens = [t for t in tok.subtree if not t.is_punct or t.text in ("-", "'s", "’s")]
        if not tokens or len(tokens) > 26:
            continue
        words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        shared = len({w for w in words if w.rstrip("s") in asked_lemmas or w in asked})
        fresh = len({t.lower_ for t in tokens if t.is_alpha and t.lower_ not in _STOP} - asked)
        if not shared or not fresh:
            continue
        score = shared * 2 + min(fresh, 6) - len(tokens) / 12
        if best is None or score > best[0]:
            best = (score, syntax.span_text(sorted(tokens, key=lambda t: t.i)).strip(" ,;:.“”\"'"))
    return best[1] if best else None


self_reporting = {"say", "tell", "add", "claim", "report", "state"}
_SAYING = {"say", "said", "says", "claim", "claimed", "claims", "report", "reported", "announce", "announced",
           "tell", "told", "answer", "respond", "responded", "reply", "replied", "version", "account", "react",
           "reacted", "warn", "warned", "insist", "insisted", "deny", "denied"}


def _said(s: Sentence, reporting: frozenset[str], asked: Collection[str] = ()) -> list[str]:
    """"What did Moscow say about the missiles?": what the sentence reports someone as saying; what the
    question's own verb reports first ("say" before "denied that …")."""
    verbs = [t for t in s.doc if t.lemma_.lower() in reporting and syntax.is_verbal(t)]
    verbs.sort(key=lambda t: t.lemma_.lower().rstrip("s") not in asked and t.lower_.rstrip("s") not in asked)
    out: list[str] = []
    for tok in verbs:
        for child in tok.children:
            if child.dep_ in ("ccomp", "xcomp"):
                text = _short([t for t in child.subtree if t.dep_ != "mark" or t.head.i != child.i],
                              _MAX_SAID_WORDS)
                if text:
                    out.append(text)
    return out


class SpanReader:
    """Reads answer phrases from sentences with the offline engine's parser and names."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, parse: object) -> None:
        self.lx = lexicon
        self.gazetteer = gazetteer
        self._parse = parse

    @lru_cache(maxsize=256)  # noqa: B019 (one reader per process; sentences repeat across a thread)
    def sentence(self, text: str) -> Sentence:
        text = strip_label(strip_dateline(text))  # "KYIV, March 4 (Reuters) -" answers nothing
        doc = self._parse([text])[0]  # type: ignore[operator]
        return Sentence(text=text, para=0, index=0, doc=doc, names=self.gazetteer.find(doc))

    def asked_class(self, question: str) -> str | None:
        """The noun of "which N …": "Which Russian bank was blacklisted?" -> "bank"."""
        doc = self.sentence(question).doc
        for tok in doc:
            if tok.lower_ not in ("which", "what"):
                continue
            # The last noun of the run of modifiers and nouns that follows: "Which big Russian oil company".
            noun = None
            for nxt in doc[tok.i + 1 :]:
                if nxt.pos_ == "NOUN" and nxt.tag_ in ("NN", "NNS"):
                    noun = nxt
                elif nxt.pos_ not in ("ADJ", "PROPN", "NOUN") or nxt.lower_ in ("of",):
                    break
            return stem(noun.lower_) if noun is not None else None
        return None

    def asks_doer(self, question: str) -> bool:
        """Is the wh-phrase the subject of the question's verb ("Which outlet reported …?")?"""
        doc = self.sentence(question).doc
        wh = next((t for t in doc if t.lower_ in ("which", "what", "who")), None)
        if wh is None:
            return False
        head = wh.head if wh.dep_ == "det" else wh
        return head.dep_ == "nsubj"  # "What was hit …?" asks for what was hit, not the hitter

    def answer(self, kind: str, question: str, text: str) -> str | None:
        """The phrase of ``text`` that answers a ``kind`` question, or None."""
        found = self.ranked_answer(kind, question, text)
        return found[1] if found else None

    def ranked_answer(self, kind: str, question: str, text: str) -> tuple[int, str] | None:
        """The phrase of ``text`` that answers a ``kind`` question, with how sure the reading is: 0 for a
        member of the class asked for or the doer of the verb asked about, up to 4 for a clause that only
        shares words with the question."""
        s = self.sentence(text)
        asked = _question_words(question)
        content = {w for w in asked if w not in _STOP} | {stem(w.lower()) for w in _WORD.findall(question)
                                                          if w.lower() not in _STOP}
        anchors = _anchors(s, content)
        near = [(3, n) for n in _near_names(s, asked, anchors)]
        noun = self.asked_class(question)
        if noun and kind not in ("weapon", "when", "distance", "quantity", "why"):
            named = _named_as(s, noun, asked)
            if named:
                return 0, named[0]  # "Which exchange …?" -> "the Moscow Exchange": the class word is expected
        candidates: list[tuple[int, str]]
        if kind == "where":
            candidates = [(1, p) for p in places_in(s)]
        elif kind == "weapon":
            found = weapons_in(s, self.lx)
            # "Which British missile …?": a weapon of the kind asked about first, named systems before classes.
            found.sort(key=lambda w: (w.head.lemma_.lower() not in asked and w.head.lower_ not in asked, not w.named))
            candidates = [(1, w.text) for w in found]
        elif kind == "when":
            candidates = [(1, d) for d in _dates(s)]
        elif kind == "distance":
            candidates = [(1, d) for d in _distances(s)]
        elif kind in ("who", "source"):
            framed = bool(_FRAMED.search(question))
            # A doer the grammar names is surer than a name that only stands near the question's words.
            candidates = _speaker(s, asked, self.lx.report, framed=framed) + [(4, n) for _, n in near]
        elif kind == "quantity":
            candidates = [(1, q) for q in _quantities(s, asked)]
        elif kind == "why":
            candidates = [(1, r) for r in _reason(s)]
        elif kind == "target":
            candidates = near + [(2, o) for o in _objects_of_question_verb(s, question)]
        else:
            candidates = [(1, o) for o in _objects_of_question_verb(s, question)] + near
        if kind in ("what", "target") and self.asks_doer(question):
            # "Which outlet reported …?": the doer of the verb asked about.
            candidates = [(0, p) for r, p in _speaker(s, asked, self.lx.report) if r == 0] + candidates
        if asked & _SAYING and kind in ("what", "yesno", "target"):
            candidates = [(1, c) for c in _said(s, self.lx.report, asked)] + candidates
        for rank, candidate in candidates:
            if _new(candidate, asked):
                return rank, candidate
        if kind in ("what", "target", "why", "who", "source", "weapon", "where"):
            clause = _clause(s, question)
            return (4, clause) if clause else None
        return None


@lru_cache(maxsize=4)
def _reader(domain: str) -> SpanReader:
    from bot.extractive.lexicon import lexicon_for
    from bot.extractive.names import Gazetteer
    from bot.extractive.pipeline import load_pipeline, parse

    lexicon = lexicon_for(domain)
    return SpanReader(lexicon, Gazetteer(lexicon, load_pipeline()), parse)


def reader_for(settings: Settings) -> SpanReader:
    """The span reader of the settings' domain file, built once per process."""
    from bot.config import domain_path

    return _reader(str(domain_path(settings)))
