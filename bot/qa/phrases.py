"""Phrases of a parsed sentence by sort (distances, figures, doers, objects, names, reasons, what is said); the
times it gives are in ``qa.dates``, its main clause in a few words in ``qa.gist``."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.qa.lexicon import SYNONYMS, stem

if TYPE_CHECKING:
    from spacy.tokens import Token

_UNITS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "m"}
_LIGHT_VERBS = {"be", "do", "have", "say", "tell", "make", "get", "go", "happen"}
# Question verbs that ask for whoever made something known ("Who announced the listings?", "Who issued the
# statement?"): the speaker of the sentence that says it is that doer, whatever verb the article uses.
_ANNOUNCING = {
    "say", "said", "announce", "announced", "report", "reported", "tell", "told", "state", "stated",
    "declare", "declared", "confirm", "confirmed", "respond", "responded", "reply", "replied", "react",
    "reacted", "issue", "issued", "unveil", "unveiled",
}  # fmt: skip
_FIGURES = {"figur", "figure", "figures", "toll", "tally", "number", "numbers", "estimate", "estimates", "count"}
WORD = re.compile(r"[A-Za-z][\w'’-]*")
_WORD_OR_NUMBER = re.compile(r"[A-Za-z0-9][\w'’-]*")
_MAX_WORDS = 18
# What someone said is a clause, and a clause runs longer than a phrase.
_MAX_SAID_WORDS = 32
# A name this many dependency links from the question's own words is about what the question asks.
_NEAR = 3


def _parts(words: list[str]) -> set[str]:
    # "air-defense" and "air defense" say the same: a hyphenated word counts as its parts.
    return {p.rstrip("s") for w in words for p in w.lower().split("-") if p}


def question_words(question: str) -> set[str]:
    return {w.lower().rstrip("s") for w in WORD.findall(question)} | _parts(WORD.findall(question))


_SIDES = frozenset({"russian", "russia", "ukrainian", "ukraine"})
_MORE_THAN_A_SIDE = 2


def is_new(text: str, asked: set[str]) -> bool:
    """Does the phrase say something the question didn't already say, without being a name it asked about?"""
    words = _parts(_WORD_OR_NUMBER.findall(text))  # "In 2022" says a year
    names = {w.lower().rstrip("s") for w in WORD.findall(text) if w[:1].isupper()}
    fresh = words - asked - {"the", "a", "of", "and", "in", "on"}
    # "imports of Russian palladium and unwrought nickel": a side of the war the question shares ("Which Russian
    # metals …?") only describes what is new; any other name it asked about is no answer to it.
    shared = names & asked - {"the"}
    if shared <= _SIDES and len(fresh - names) >= _MORE_THAN_A_SIDE:
        shared = set()
    last = WORD.findall(text)[-2:]
    if len(last) == 2 and all(w[:1].isupper() and w.lower().rstrip("s") in names - asked for w in last):
        shared = set()  # "Conservative defence critic James Bezan": the name it ends with is new, whatever describes it
    return bool(fresh) and not shared


def says_more(text: str, asked: set[str]) -> bool:
    """Does a clause say words the question didn't (names it asked about allowed)?"""
    words = _parts(_WORD_OR_NUMBER.findall(text))
    return len(words - asked - {"the", "a", "of", "and", "in", "on", "it", "its", "had", "has", "have"}) >= 2


def short(tokens: list[Token], limit: int = _MAX_WORDS) -> str | None:
    """The words from the first token to the last, when they are few enough for a lead."""
    text = syntax.span_text(tokens).strip(" ,;:.“”\"'")
    return text if text and len(text.split()) <= limit else None


def distances(s: Sentence) -> list[str]:
    return [
        f"{t.head.left_edge.text if t.head.left_edge.like_num else t.text} {t.head.text}".strip()
        if t.head.left_edge.i < t.i
        else f"{t.text} {t.head.text}"
        for t in s.doc
        if t.like_num and t.head.lower_ in _UNITS
    ]


def quantities(s: Sentence, question: set[str]) -> list[str]:
    """ "1,294 square kilometres", "about two-thirds": a figure with what it measures."""
    out: list[str] = []
    for tok in s.doc:
        if tok.like_num and tok.dep_ in ("nummod", "quantmod", "compound") and tok.head.pos_ == "NOUN":
            head = tok.head
            if any(c.dep_ in ("compound", "amod") and c.lower_ in question for c in head.lefts) and (
                head.lower_ not in question
            ):
                continue  # "how much oil" is not answered by "two largest oil companies": those count companies
            if head.lemma_.lower() in _TIME_UNITS:
                continue  # "its biggest gain in three months": a stretch of time measures no amount of anything
            text = short([t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case")])
            if text and is_new(text, question):
                out.append(text)
    return out


_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


def doers(
    s: Sentence,
    question: set[str],
    reporting: frozenset[str],
    *,
    framed: bool = False,
    verb: str | None = None,
    akin: str | None = None,
    sayer: bool = False,
) -> list[tuple[int, str]]:
    """Who does what the question asks about: subjects of the sentence's verbs, the speakers of reported
    words last ("Who does Zakharova say helped plan it?" wants who helped, not Zakharova). With ``verb``, the
    lemma of the question's own verb, only that verb's doer is the one asked about; with ``akin``, that verb's
    synonyms count as it too; with ``sayer``, the question asks who says it ("Who says … has been captured?")."""
    ranked: list[tuple[int, int, int, str]] = []
    # What the question says, without its words of saying: what a sayer's words must be about.
    content = {w for w in question if w not in reporting and stem(w) not in reporting and w not in STOP}
    for tok in s.doc:
        if tok.lower_ == "according" and (to := syntax.first_child(tok, "prep")) is not None:
            # "According to the Wall Street Journal, …": the source reports what the sentence says.
            who = syntax.first_child(to, "pobj")
        elif not syntax.is_verbal(tok):
            continue
        else:
            # "carriers built by the Ontario firm Roshel": a participle's "by" names its doer too.
            reduced = tok.tag_ == "VBN" and tok.dep_ == "acl"
            thing = [t for t in tok.head.lefts if t.dep_ in ("amod", "compound")] + [tok.head]
            initials = "".join(t.lower_[0] for t in thing)  # "armoured personnel carriers" for "APCs"
            called = {stem(tok.head.lemma_.lower()), tok.head.lower_, initials}
            if tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of":
                # "a joint purchase of IRIS-T systems led by Germany": the parser may hang the participle on the
                # noun after "of"; what is led may be the noun before it.
                called.add(stem(tok.head.head.head.lemma_.lower()))
            if reduced and not called & (question | {stem(w) for w in question}):
                continue  # "drones made by Quantum Systems" does not say who makes the howitzers
            who = syntax.agent(tok) if syntax.is_passive(tok) or reduced else syntax.subject(tok)
        if who is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
            who = syntax.subject(tok.head)  # "The minister went further, saying …": the participle's doer
        if who is None or syntax.is_pronoun(who) or who.pos_ not in ("PROPN", "NOUN"):
            continue
        # "Norway and the Netherlands announced …": both doers.
        toks = syntax.phrase_tokens(who, stop=(syntax.CLAUSES - {"conj"}) | {"relcl"})
        phrase = short(toks)
        if phrase and not is_new(phrase, question):
            # "the Dutch defence minister, Ruben Brekelmans": the name in apposition may be new when its noun is not.
            named = syntax.first_child(who, "appos")
            phrase = short(list(named.subtree)) if named is not None and named.pos_ == "PROPN" else None
            if phrase is None and who.pos_ == "PROPN":
                # "Oliver Tennant, economic secretary to the Treasury" for "Who denied the UK …?": the person is new
                # even when the title names the government the question does.
                phrase = short([t for t in who.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [who])
        if not phrase or not is_new(phrase, question):
            continue
        # "Who does Moscow say took …?": the saying frames the question; "Who told Putin …?" asks for the teller.
        # The doer of the verb asked about comes first, then other doers, the speakers of reported words last.
        saying = tok.lemma_.lower() in reporting or tok.lower_ == "according"
        lemma = tok.lemma_.lower()
        same_verb = (
            lemma == verb or stem(lemma) in SYNONYMS.get(stem(verb), ())
            if verb is not None
            else lemma.rstrip("s") in question
            or tok.lower_.rstrip("s") in question
            # "Who is holding up the package?" is answered by whoever "blocked" it.
            or (akin is not None and stem(lemma) in SYNONYMS.get(stem(akin), ()))
        )
        # "Who announced the listings?" is answered by whoever "said" them; the question's own verb comes first.
        # An unnamed speaker ("officials said") is not who announced it.
        # "Who gave the casualty figures?": figures are given by whoever said them.
        announcer = saying and bool(question & (_ANNOUNCING | _FIGURES)) and any(t.pos_ == "PROPN" for t in toks)
        asked_verb = not (saying and framed) and (same_verb or announcer)
        if not asked_verb and not any(t.pos_ == "PROPN" for t in toks):
            continue  # "the announcement", "its forces": a doer the question did not ask about, and no name
        rank = 0 if asked_verb else 2 if saying else 1
        order = int(not same_verb)
        if sayer:
            # "Who says the village was captured?": a speaker named (not "…, military says") whose words are about the
            # capture, not who captured it. Of several, the words saying most of what the question says come first
            # ("Ukrainian units are still fighting in the town …, a spokesman said" before "… after Russia declared
            # it had taken the town"), then the fewest words ("Russia claims capture of …" inside "…, Ukrainian
            # forces say …"). "…, according to X": what X says is the clause the phrase hangs on.
            said = list(tok.head.subtree if tok.lower_ == "according" else tok.subtree)
            shared = len(({stem(t.lemma_.lower()) for t in said} | {t.lower_ for t in said}) & content)
            by_name = any(t.pos_ == "PROPN" for t in toks)
            rank, order = (0 if saying and by_name and shared else 3), len(said) - 1000 * shared
        ranked.append((rank, order, tok.i, phrase))
    return [(rank, phrase) for rank, _, _, phrase in sorted(ranked)]


def objects_of_question_verb(s: Sentence, question: str) -> list[str]:
    """ "What were the companies shipping?": what the sentence's "shipping" takes."""
    verbs = {w.lower() for w in WORD.findall(question)}
    stems = {stem(w) for w in verbs}  # "Which metals is Canada banning?" asks what "would ban" takes
    out: list[str] = []
    for tok in s.doc:
        if not syntax.is_verbal(tok) or tok.lemma_.lower() in _LIGHT_VERBS:
            continue
        if tok.lower_ not in verbs and tok.lemma_.lower() not in verbs and stem(tok.lemma_.lower()) not in stems:
            continue
        for child in tok.children:
            if child.dep_ in ("dobj", "attr", "oprd", "ccomp", "xcomp") and child.pos_ != "PRON":
                # "blacklisted Rustam Valiyev, an Azerbaijani national based in Dubai who …": a long object still
                # answers with its own words, without the clauses that describe it.
                text = short(list(child.subtree)) or (_short_noun(child) if child.pos_ in ("NOUN", "PROPN") else None)
                if text:
                    out.append(text)
    return out


def sanctioned(s: Sentence, sanctioning: frozenset[str]) -> list[str]:
    """ "… approved the package, adding 45 tankers to its port ban and cutting four banks off from …": what the
    sentence's verbs of sanctioning take, each without the clauses that describe it."""
    out: list[str] = []
    for tok in s.doc:
        if not syntax.is_verbal(tok) or tok.lemma_.lower() not in sanctioning:
            continue
        for child in syntax.children(tok, "dobj", "nsubjpass"):
            if child.pos_ in ("NOUN", "PROPN") and not syntax.is_pronoun(child):
                text = _short_noun(child) or short(list(child.subtree))
                if text:
                    out.append(text)
    return out


# Verbs of firing a weapon at something: "may be used against military sites", "fired at the port".
_AIMING = frozenset({"use", "fire", "strike", "hit", "launch", "target", "aim", "employ", "deploy", "direct"})


def aimed_at(s: Sentence) -> list[str]:
    """ "SCALP missiles may be used against military sites in Russia …": what a weapon is used or fired against."""
    out: list[str] = []
    for prep in s.doc:
        if prep.dep_ != "prep" or prep.lower_ not in ("against", "at") or prep.head.lemma_.lower() not in _AIMING:
            continue
        obj = syntax.first_child(prep, "pobj")
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.lower_ not in ("nothing", "anything"):
            described = {t.i for r in obj.subtree if r.dep_ == "relcl" for t in r.subtree}
            text = short([t for t in obj.subtree if t.i not in described]) or _short_noun(obj)
            if text:
                out.append(text)
    return out


def _short_noun(head: Token) -> str | None:
    text = syntax.noun_phrase(head)
    return text if text and len(text.split()) <= _MAX_WORDS else None


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


def question_anchors(s: Sentence, asked: set[str]) -> list[Token]:
    """Tokens of the sentence that say one of the question's own content words."""
    out = []
    for tok in s.doc:
        if not tok.is_alpha or tok.lower_ in STOP:
            continue
        forms = {tok.lower_.rstrip("s"), tok.lemma_.lower().rstrip("s"), stem(tok.lower_)}
        if forms & asked:
            out.append(tok)
    return out


def _nearness(tok: Token, anchors: list[Token]) -> int:
    return min((_distance(tok, a) for a in anchors if a.i != tok.i), default=99)


def place_nearness(s: Sentence, place: str, anchors: list[Token]) -> int:
    """How far (in dependency links) a place named in the sentence is from the question's words; places
    the question's words do not reach keep their order."""
    first = place.split()[0]
    token = next((t for t in s.doc if t.text == first), None)
    return _nearness(token, anchors) if token is not None and anchors else 0


def near_names(s: Sentence, question: set[str], anchors: list[Token]) -> list[str]:
    """Proper-noun phrases the question does not name, nearest the question's own words first; a name far
    from all of them is about something else and is left out."""
    ranked: list[tuple[int, int, str]] = []
    for tok in s.doc:
        if tok.tag_ not in ("NNP", "NNPS") or tok.dep_ in ("compound", "nmod", "poss") or syntax.is_temporal(tok):
            continue
        if not tok.whitespace_ and tok.i + 1 < len(s.doc) and s.doc[tok.i + 1].text in ("-", "‑"):
            continue  # "the Hong Kong-registered Arcline Trading": a name joined to a describing word describes
        phrase = short(syntax.phrase_tokens(tok, stop=syntax.CLAUSES | {"prep", "appos", "relcl", "det"}))
        # A sentence without the question's words ("TREASURY'S TURN - Gazprombank.") was found for its
        # context: its names are all the answer it has.
        near = _nearness(tok, anchors) if anchors else 0
        if phrase and is_new(phrase, question) and near <= _NEAR:
            ranked.append((near, tok.i, phrase))
    return [p for _, _, p in sorted(ranked)]


_NOT_PURPOSE_ENTS = {"GPE", "NORP", "PERSON", "ORG", "DATE", "TIME", "LOC"}
# Verbs whose object is what money buys: "would fund Ukrainian production of Bohdana howitzers".
_PAYING_FOR = {"fund", "finance", "buy", "purchase", "procure", "cover", "bankroll"}


def purposes(s: Sentence, anchors: list[Token]) -> list[str]:
    """What money or help is for, nearest the question's own words first: "£50 million to repair and
    maintain armoured vehicles" -> "to repair and maintain armoured vehicles", "would fund production of
    howitzers" -> "production of howitzers", "grant aid … for the
    restoration of energy infrastructure" -> "the restoration of energy infrastructure", "will pay for
    spare parts" -> "spare parts". Not "agreed to pay" (a decision) nor "for Ukraine" (a recipient)."""
    ranked: list[tuple[int, int, str]] = []
    for tok in s.doc:
        phrase: list[Token] = []
        if tok.lower_ == "for" and tok.dep_ in ("prep", "dative"):
            obj = syntax.first_child(tok, "pobj")
            if obj is None or obj.ent_type_ in _NOT_PURPOSE_ENTS or obj.pos_ in ("PRON", "PROPN"):
                continue
            phrase = list(obj.subtree)
        elif syntax.is_verbal(tok) and tok.lemma_.lower() in _PAYING_FOR:
            obj = syntax.first_child(tok, "dobj")
            if obj is None or obj.pos_ == "PRON":
                continue
            phrase = list(obj.subtree)
        elif syntax.is_verbal(tok) and tok.dep_ in ("acl", "relcl", "advcl") and tok.head.lemma_.lower() not in _LIGHT_VERBS:
            to = [c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"]
            if not to:
                continue
            phrase = [t for t in tok.subtree if t.i >= to[0].i]
        text = short(phrase, limit=_MAX_WORDS + 6) if phrase else None
        if text:
            ranked.append((_nearness(tok, anchors) if anchors else 0, tok.i, text))
    return [p for _, _, p in sorted(ranked)]


STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "in",
    "on",
    "to",
    "for",
    "by",
    "with",
    "at",
    "from",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "did",
    "does",
    "do",
    "what",
    "which",
    "who",
    "whom",
    "how",
    "why",
    "when",
    "where",
    "that",
    "this",
    "it",
    "its",
    "their",
    "they",
    "say",
    "said",
    "says",
    "according",
    "article",
    "much",
    "many",
}


def best_clause(s: Sentence, question: str) -> str | None:
    """The shortest clause of the sentence that shares the most with the question and adds to it:
    the answer in the article's words when no typed phrase fits ("involved in shipping machine tools and
    microelectronics to Russia")."""
    asked = {w.lower() for w in WORD.findall(question)} - STOP
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
        fresh = len({t.lower_ for t in tokens if t.is_alpha and t.lower_ not in STOP} - asked)
        if not shared or not fresh:
            continue
        score = shared * 2 + min(fresh, 6) - len(tokens) / 12
        if best is None or score > best[0]:
            best = (score, syntax.span_text(sorted(tokens, key=lambda t: t.i)).strip(" ,;:.“”\"'"))
    return best[1] if best else None


self_reporting = {"say", "tell", "add", "claim", "report", "state"}


_CONDITION_MARKS = frozenset({"if", "unless", "once", "provided", "providing"})


def conditions(s: Sentence) -> list[str]:
    """The conditions a sentence sets, with their marker: "provided that the strikes respect the laws of war",
    "as long as they comply with international law", "only if Washington agrees"."""
    out: list[str] = []
    doc = s.doc
    for tok in doc:
        low = tok.lower_
        if low in ("provided", "providing") and tok.dep_ in ("prep", "advcl", "mark", "conj", "ccomp"):
            clause = [t for t in tok.subtree if t.i >= tok.i]
        elif low == "long" and 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].lower_ == doc[tok.i + 1].lower_ == "as":
            clause = [doc[tok.i - 1], tok] + [t for t in doc[tok.i + 1].head.subtree if t.i > tok.i]
        elif low in _CONDITION_MARKS and tok.dep_ == "mark":
            only = [doc[tok.i - 1]] if tok.i > 0 and doc[tok.i - 1].lower_ == "only" else []
            clause = only + [t for t in tok.head.subtree if t.i >= tok.i]
        elif low == "condition" and tok.head.lower_ == "on":
            if any(t.lower_ in ("anonymity", "named", "identified") for t in tok.subtree):
                continue  # "speaking on condition of anonymity": the reporter's terms, not the policy's
            clause = [tok.head] + [t for t in tok.subtree if t.i >= tok.i]  # "on condition that …"
        elif (
            low == "only"
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in ("against", "at", "on", "within", "inside", "in")
            and doc[tok.i + 1].dep_ == "prep"
        ):
            clause = [tok] + list(doc[tok.i + 1].subtree)  # "may fire them only against military sites …"
        else:
            continue
        phrase = short(clause, limit=_MAX_WORDS + 6)
        if phrase:
            out.append(phrase)
    return out


_NAMING = frozenset({"call", "name", "dub", "refer", "know", "designate", "brand", "label"})
_DESCRIBING = frozenset({"describe", "characterise", "characterize", "portray", "denounce", "condemn", "decry"})


def names_given(s: Sentence, question: set[str]) -> list[str]:
    """What a thing is called: "Toretsk, which it calls by its Soviet-era name, Dzerzhinsk", "a new missile that
    he called the Oreshnik", "a weapon, called Oreshnik"."""
    out: list[str] = []
    for verb in s.doc:
        lemma = verb.lemma_.lower()
        if lemma in _NAMING | _DESCRIBING and verb.pos_ in ("VERB", "AUX"):
            # "described the listing of the tankers as “state piracy”": what it is called, whatever its words.
            # The parse may hang "as" on the object ("described the listing … as …").
            held = [verb, *syntax.children(verb, "dobj")]
            for as_ in (c for h in held for c in h.children if c.dep_ == "prep" and c.lower_ == "as"):
                for obj in syntax.children(as_, "pobj"):
                    phrase = short([t for t in obj.subtree if t.dep_ != "punct" and t.i >= obj.left_edge.i][:8])
                    if phrase and is_new(phrase, question):
                        out.append(phrase)
        if lemma not in _NAMING or verb.pos_ not in ("VERB", "AUX"):
            continue
        for tok in verb.subtree:
            if tok.pos_ != "PROPN" or tok.dep_ == "compound":
                continue
            # The name is what the verb makes of its object, or stands beside "name" ("by its old name, X").
            made = tok.head is verb and tok.dep_ in ("oprd", "xcomp", "attr", "dobj", "npadvmod")
            beside = tok.dep_ == "appos" and tok.head.lemma_.lower() in ("name", "designation", "title")
            if not (made or beside):
                continue
            phrase = short([t for t in tok.subtree if t.dep_ not in ("det", "punct") or t.i > tok.i][:6])
            if phrase and is_new(phrase, question):
                out.append(phrase)
    return out


def said(s: Sentence, reporting: frozenset[str], asked: Collection[str] = ()) -> list[str]:
    """ "What did Moscow say about the missiles?": what the sentence reports someone as saying; what the
    question's own verb reports first ("say" before "denied that …")."""
    verbs = [t for t in s.doc if t.lemma_.lower() in reporting and syntax.is_verbal(t)]
    verbs.sort(key=lambda t: t.lemma_.lower().rstrip("s") not in asked and t.lower_.rstrip("s") not in asked)
    out: list[str] = []
    for tok in verbs:
        for child in tok.children:
            if child.dep_ in ("ccomp", "xcomp"):
                text = short([t for t in child.subtree if t.dep_ != "mark" or t.head.i != child.i], _MAX_SAID_WORDS)
                if text:
                    out.append(text)
        if tok.dep_ == "parataxis" and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
            # "Ukrainian units, he said, were still holding positions …, and …": the clause around the aside is what
            # he said (its first part, when another is joined to it)
            head = tok.head
            joined = {t.i for c in head.children if c.dep_ in ("conj", "cc") and c.i > tok.i for t in c.subtree}
            text = short([t for t in head.subtree if t.i not in joined], _MAX_SAID_WORDS)
            if text:
                out.append(text.rstrip(" ,"))
    return out
