"""What a question asks: its kind (how much, who, where…), its weighted terms, and what it counts.

Compound questions ("When did it start, and where?") become several intents, each later one reading
the earlier ones as context, exactly as a follow-up in a thread reads the thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.language import COUNTRIES, COUNTRY_PHRASES
from bot.qa.focus import AUX, WH_WORDS, asked_head, asked_speaker, count_focus, money_focus
from bot.qa.lexicon import (
    GENERIC,
    KINDS,
    PLACE_NOUNS,
    SPEECH,
    SYNONYMS,
    TARGET_WORDS,
    WEAPON_WORDS,
    WHO_NOUNS,
    stem,
    stems,
    tokens,
)

# Kinds whose answer must contain a particular sort of fact; without one the article doesn't say.
TYPED_KINDS = frozenset({"money", "count", "quantity", "distance", "when", "score"})
# Words that name the kind of answer rather than its topic: "score" in "What was the final score?" is
# carried by the "4-3" itself, so they rank passages but are not required of them.
# Words that frame a kind of question rather than name its topic; they weigh less and are never required.
KIND_WORDS = {
    "score": frozenset({"scor", "scorelin", "final"}),
    "target": frozenset({"target", "aim"}),
    # "Where are the firms based?": the article says "firms in China", not that they are "based" there.
    "where": stems("based located situated headquartered registered"),
    # "How much is the contract worth?", "the total value of the assets": the sum itself says it is a value.
    "money": stems("value worth amount sum"),
}
_SCORE_Q = re.compile(r"\b(?:what|how)\b.*\b(?:score|scoreline)\b(?!\s+(?:a|an|the|goals?)\b)")

_SPLIT = re.compile(
    r",?\s+and\s+(?=(?:what(?:'s|’s)?|which|where|when|who|how|why|for which|in which|from which)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^\s*(?:and|so|but|also|ok|okay)\b[\s,]*", re.IGNORECASE)
# "How many howitzers is Copenhagen buying this round?": when, as "this time" says it; not rounds of ammunition.
_THIS_ROUND = re.compile(r"\bthis\s+round\b", re.IGNORECASE)
_ELLIPTICAL = re.compile(r"^\s*(?:and\b|what about|how about|what of|same for|and for)", re.IGNORECASE)
# Only a question with nothing of its own to ask takes over the earlier one's kind: "And what about
# Norway?", "And the UK?" — not "And how did Moscow answer that?", which asks its own kind of thing.
_BARE_FOLLOW_UP = re.compile(
    r"^\s*(?:and\s+)?(?:what about|how about|what of|same for|and for)\b|"
    r"^\s*(?:and|but|also)\s+(?:the\s+|in\s+|for\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?\s*\??\s*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:it|that|this|they|them|those|these|there)\b", re.IGNORECASE)
_QUANTITY_NOUNS = stems("ground territory land area space")
_MONEY_CUES = re.compile(
    r"\b(?:worth|cost|value|valued|how (?:big|large) (?:is|was) (?:the|that|this|its)\b.*\b"
    r"(?:package|aid|loan|fund|budget|deal|tranche|assistance|support)|"
    # "What's the new cap on Russian crude?": a price cap is a price.
    r"\bwhat(?:'s| is| was| will be)\s+(?:the|its)\s+(?:\w+\s+){0,2}(?:cap|ceiling)\b"
    r"(?!\s+(?:on|of)\s+(?:the\s+)?(?:number|range))|"
    # "What is Estonia's total military aid since 2022?": a total of help given is a sum.
    r"\bwhat(?:'s| is| was| are)\s+(?:the|its|their|[a-z]+'s)\s+(?:total|overall|cumulative)\s+(?:[a-z-]+\s+)?"
    r"(?:aid|assistance|support|funding|contributions?|spending|help)\b|"
    # "Roughly what is the Danish package in dollars?": a sum asked for in a currency
    r"\bin (?:us |american |canadian |australian )?(?:dollars|euros|pounds|sterling|kroner|krone|crowns|yen|francs)\b)",
    re.IGNORECASE,
)
# "What's Moscow's latest figure for Ukrainian losses?", "What Ukrainian losses does Russia claim?": a
# figure of any sort (a count, a sum, a share), whichever the article gives.
_FIGURE_Q = re.compile(
    r"^\W*(?:and\s+)?what(?:'s| is| was| are| were)?\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}"
    r"(?:figure|tally|toll|estimate|count)s?(?:\s+(?:for|of|on|from|in|at|after)\b|\s*\?*\s*$)|"
    r"^\W*(?:and\s+)?what\s+(?:\w+\s+)?(?:losses|casualties)\s+(?:does|did|do|has|have)\b"
)
# "Moscow's count of Ukrainian drones", "the number of tankers": a count of the noun that follows.
_COUNT_OF = re.compile(r"\b(?:count|number|tally)\s+of\s+(?=[a-z])", re.IGNORECASE)
_LOSS_WORD = re.compile(r"\b(?:loss|losses|casualt\w*|toll|killed|dead|deaths?)\b", re.IGNORECASE)
# A distance is asked for by "how far", "what range", "the range of", "can it reach?" — not by "range limits"
# or "limits on how far" (a policy), "long-range missiles" (a weapon) or "reach Ukraine" (a delivery).
_DISTANCE_Q = re.compile(
    r"(?<!\bon )\bhow far\b|\branges? of\b|\breach\s*\?*\s*$|"
    r"(?:(?<![-\w])(?:what|the|its|their|a|maximum)|'s|’s|s')\s+(?:maximum\s+)?ranges?\b"
    r"(?!\s+(?:limit|restriction|rule|cap|curb|polic|ban|permission)\w*)"
)
# "How far did prices move?", "How much did the index fall?": the size of a change (a share, a level),
# not a distance or a sum of money.
_CHANGE_Q = re.compile(
    r"\bhow (?:far|much|sharply|steeply)\b(?:\s+\S+){0,8}?\s+(?:move|moved|rise|rose|risen|fall|fell|fallen|"
    r"climb|climbed|jump|jumped|gain|gained|drop|dropped|slide|slid|surge|surged|slump|slumped|grow|grew|grown|"
    r"shrink|shrank|increase|increased|decrease|decreased|decline|declined|tumble|tumbled|soar|soared|"
    r"plunge|plunged|rally|rallied)\b"
)
_PER_UNIT_Q = re.compile(
    r"\b(?:(?:each|per)\s+(?!(?:year|month|week|day|quarter|annum)\b)\w+|apiece|a piece|"
    # "How much does one IRIS-T system cost?", "a single shell": the price of one, not of a package.
    r"(?:does|do|would|did)\s+(?:one|a single)\s+[\w-]+|(?:a|one)\s+single\s+\w+)\b",
    re.IGNORECASE,
)
_MONEY_NOUNS = stems("""money funding fund aid assistance support cash package financing finance help
contribution amount sum budget revenue income profit cost price spending loan grant investment deal
contract tranche reserve asset earning tax fee premium bill debt subsidy payment military""")
# "When do the measures take effect?" asks for a time to come as "when will …" does.
_FUTURE_Q = re.compile(
    r"\b(?:will|going to|due|expected|scheduled|planned|next|upcoming)\b|\btakes? effect\b|"
    r"\b(?:come|comes|enter|enters) into (?:force|effect)\b|\bkicks? in\b",
    re.IGNORECASE,
)


def is_future(question: str) -> bool:
    """Does the question ask about a time to come ("When will the missiles arrive?")? "When did the package take
    effect?" asks about a time gone by."""
    if _PAST_AUX.search(question) and not _WILL.search(question):
        return False
    return bool(_FUTURE_Q.search(question))


_PAST_AUX = re.compile(r"\b(?:did|was|were)\b", re.IGNORECASE)
_WILL = re.compile(r"\b(?:will|going to|shall)\b", re.IGNORECASE)


@dataclass(slots=True)
class Intent:
    """One question (or one part of a compound question), ready for retrieval."""

    text: str
    kind: str
    terms: dict[str, float] = field(default_factory=dict)
    proper: list[str] = field(default_factory=list)  # canonical tokens of names the question uses
    focus: list[str] = field(default_factory=list)  # head nouns a "how many" counts
    modifiers: list[str] = field(default_factory=list)  # names that must qualify the counted noun
    money_focus: str | None = None  # "revenue" in "how much revenue": must be near the amount
    speaker: str | None = None  # "russia" in "what did Moscow say…": whose account is wanted
    future: bool = False  # "When will it arrive?": a time still to come, not when it was announced
    head: str | None = None  # "attendanc" in "What was the attendance at the derby?": the thing asked for
    per_unit: bool = False  # "How much does each round cost?": a price per item, not a contract's total


def _proper_tokens(question: str) -> list[str]:
    """Canonical tokens of capitalised words after the first word (names, not sentence case)."""
    # A name of several words ("North Korean", "United States") is one token, as in the article.
    question = COUNTRY_PHRASES.sub(lambda m: "".join(tokens(m.group(0))).upper(), question)
    words = re.findall(r"[A-Za-z][\w'’.-]*", question)
    found: list[str] = []
    for i, word in enumerate(words):
        if i == 0 or not (word[0].isupper() or word.isupper()):
            continue
        if word.lower() in WH_WORDS or word == "I":
            continue
        found.extend(tokens(word))
    return list(dict.fromkeys(found))


def _kind_after_which(rest: list[str]) -> str:
    """The kind a "which N" question asks for, from the head of its noun phrase: the last word of a kind before
    the verb ("Which Russian arms company got hit?" asks for a company, not for arms)."""
    kind = "what"
    for word in rest[:3]:
        if word in AUX:
            break
        s = stem(word)
        if s in WEAPON_WORDS:
            kind = "weapon"
        elif s in PLACE_NOUNS:
            kind = "where"
        elif s in WHO_NOUNS:
            kind = "who"
        elif s in TARGET_WORDS:
            kind = "target"
    said = next((i for i, word in enumerate(rest[:5]) if word in _SAYING_FORMS), None)
    if kind == "what" and said and not any(word in AUX for word in rest[:said]):
        kind = "who"  # "Which SPD figure said there was no reason …?" asks who said it; "What had Moscow warned …?" not
    return kind


# Verbs of saying right after a "which N": the question asks who said it.
_SAYING_FORMS = frozenset(
    {
        *("said", "says", "told", "tells", "warned", "warns", "claimed", "claims", "denied", "denies"),
        *("announced", "announces", "wrote", "writes", "called", "calls", "criticized", "criticised"),
        *("acknowledged", "acknowledges", "argued", "argues", "insisted", "insists"),
    }
)


# The whole a "how much of …" question asks a part of: "the Swedish package", "Norway's money".
_OF_WHOLE_Q = re.compile(r"\bhow much of (?:the |this |that |its |their |[a-z]+'s )?((?:[a-z-]+ ){0,2}[a-z]+)\b")


# "What did X say about where/when/why …": a question about what was said, whatever it was said of.
_SAID_ABOUT_Q = re.compile(
    r"what (?:did|does|do|has|have|had) [^?]{1,60}?\b(?:say|said|tell|told|write|wrote|announce|explain|add)\b"
    r"(?: [a-z]+){0,3} about (?:where|when|why|who|whom|whose|which|what|how)\b"
)


_ON_SIDE = re.compile(r"\bon the (russian|ukrainian|russia's|ukraine's) side\b", re.IGNORECASE)


def classify(question: str) -> str:
    """The kind of answer a question wants."""
    q = _LEAD_IN.sub("", question.strip()).lower().replace("’", "'")
    words = re.findall(r"[a-z0-9'-]+", q)
    if re.search(r"\bhow many\b", q):
        return "count"
    if _CHANGE_Q.search(q):
        return "quantity"
    m = re.search(r"\bhow much\s+(\w+)", q)
    if m:
        whole = _OF_WHOLE_Q.search(q)
        if m.group(1) == "of" and whole and any(stem(w) in _MONEY_NOUNS for w in whole.group(1).split()):
            return "money"  # "How much of the Swedish package goes to ammunition?": a part of a sum is a sum
        if m.group(1) == "of" or stem(m.group(1)) in _QUANTITY_NOUNS:
            return "quantity"
        # "How much cargo…" asks for tonnes; "how much aid", "how much is it worth" for money.
        focus = money_focus(q)
        if focus and focus not in _MONEY_NOUNS and m.group(1) not in AUX and not _MONEY_CUES.search(q):
            return "quantity"
        return "money"
    if _MONEY_CUES.search(q):
        return "money"
    if _FIGURE_Q.search(q):
        # Losses and tolls are counted ("945 servicemen"), and so is a count or number of things; another figure may
        # be a sum or a share.
        return "count" if _LOSS_WORD.search(q) or _COUNT_OF.search(q) else "quantity"
    if _SAID_ABOUT_Q.match(q):
        return "what"  # "What did Lecornu say about where Ukraine can use the missiles?" asks what he said
    if _SCORE_Q.search(q) and not re.search(r"\bwho\b", q):
        return "score"
    if _DISTANCE_Q.search(q):
        return "distance"
    if re.search(r"\bwhere\b.*\bcom(?:e|es|ing) from\b|\bfrom where\b", q):
        return "source"
    if re.search(r"\b(?:when|what date|what day|what time|which (?:day|month|year|date))\b", q):
        return "when"
    if re.search(r"\bwhy\b|\bwhat (?:is|was|were) the reasons?\b", q):
        return "why"
    if re.search(r"\bwho(?:m|se)?\b", q):
        return "who"
    if re.search(r"\bwhere\b", q):
        return "where"
    m = re.search(r"\b(?:which|what)\s+(.*)", q)
    if m:
        kind = _kind_after_which(re.findall(r"[a-z0-9'-]+", m.group(1)))
        if kind != "what" or q.startswith(("which", "what")):
            return kind
    if words and words[0] in AUX:
        return "yesno"
    return "what"


_PLAIN_SPEECH = stems("say said says tell told state stated")


def parse(question: str) -> Intent:
    """One self-contained question into an Intent."""
    kind = classify(question)
    terms: dict[str, float] = {}
    for tok in tokens(_THIS_ROUND.sub("this time", _LEAD_IN.sub("", question))):
        # In "Who announced the sanctions?" the act is what identifies the answer; elsewhere "said",
        # "claimed" only frame the question.
        if tok in GENERIC or (tok in SPEECH and (kind != "who" or tok in _PLAIN_SPEECH)):
            continue
        if tok in KIND_WORDS.get(kind, ()):
            terms[tok] = 0.9
            continue
        terms[tok] = max(terms.get(tok, 0.0), 1.0)
        for syn in SYNONYMS.get(tok, ()):
            terms.setdefault(syn, 0.5)
        for sort in KINDS.get(tok, ()) if kind == "who" else ():  # "Which official …?" finds "the mayor"
            terms.setdefault(sort, 0.5)
    # "Who is disputing Moscow's claim?": the name is whose claim it is, not who answers.
    speaker = None if kind == "who" else asked_speaker(question)
    if kind == "who" and (side := _ON_SIDE.search(question)):
        # "Who announced the capture on the Russian side?": one who speaks for that side.
        speaker = "russia" if side.group(1).lower().startswith("russia") else "ukraine"
    intent = Intent(text=question, kind=kind, terms=terms, proper=_proper_tokens(question), speaker=speaker)
    intent.future = kind == "when" and is_future(question)
    if kind == "what":
        intent.head = asked_head(question)
    if kind == "count":
        counted = _COUNT_OF.search(question)
        # "What's Moscow's count of Ukrainian drones shot down?" counts like "how many Ukrainian drones …".
        asked = (
            f"how many {question[counted.end() :]}"
            if counted and not re.search(r"\bhow many\b", question, re.I)
            else question
        )
        intent.focus, intent.modifiers = count_focus(asked)
        if not intent.focus and (loss := _LOSS_WORD.search(question)):
            intent.focus = [stem(loss.group(0).lower())]  # "What losses does Moscow claim?" counts the people lost
    elif kind in ("money", "quantity"):
        intent.money_focus = money_focus(question)
        if kind == "quantity" and intent.money_focus in _QUANTITY_NOUNS:
            intent.money_focus = None  # "how much ground": any extent of land answers it
        intent.per_unit = bool(_PER_UNIT_Q.search(question))
    return intent


def _is_elliptical(question: str, intent: Intent) -> bool:
    own = [t for t, w in intent.terms.items() if w >= 1.0]
    return bool(_ELLIPTICAL.match(question)) or len(own) <= 1 or _points_back(question) or bool(ASKS_OTHER.search(question))


# "Which other villages …?", "what else", "besides Vovchansk": asked beside what the thread has already asked about.
ASKS_OTHER = re.compile(r"\b(?:other|else|besides|apart from|aside from)\b", re.IGNORECASE)


# A name the question gives before its pronoun: "What are Japan's rules barring it from sending?" ("it" is Japan).
_NAMED_BEFORE = re.compile(r"\b(?:[A-Z][\w'’-]+)\b[^?]*?\b(?:it|its|they|them)\b")


def _points_back(question: str) -> bool:
    """Does a pronoun of the question stand for something of the thread? Not "it" after a name of its own."""
    found = _PRONOUN.search(question)
    if not found:
        return False
    if found.group(0).lower() in ("it", "they", "them"):
        named = _NAMED_BEFORE.search(question, 1)  # the first word is capitalised anyway
        if named is not None and named.end() >= found.end() and len(_PRONOUN.findall(question)) == 1:
            return False
    return True


# "how many of them", "of those": a count of what the thread was counting.
_OF_THEM = re.compile(
    r"\bhow many (?:of (?:them|those|these)|(?:on|in|at|near|over|around|along|across|inside|during)\s)", re.I
)  # "How many of them were shot down?", "And how many on the Kostiantynivka direction?"


# A noun the thread named before, pointed back to: "that trader", "this company", "the same ships".
_POINTED = re.compile(
    r"\b(?:[Tt]hat|[Tt]his|[Tt]hese|[Tt]hose|[Tt]he same)\s+"
    r"(?!(?:the|a|an|its|his|her|their|our|your|my|it|they|he|she|we|you|there|is|was|are|were|has|had|have|will|"
    r"would|could|can|may|might|time|week|weekend|year|month|day|morning|evening|night|summer|winter|spring|autumn|"
    r"fall|round|way)\b)"
    r"([a-z]{3,})\b"
)


def with_referent(question: str, last_answer: str | None) -> str:
    """ "Where is that trader registered?" after the answer "Steppe Route Trading LLP, according to the article:":
    the question with the name the thread's last answer gave, so the article's words for it are looked for."""
    m = _POINTED.search(question)
    if m is None or not last_answer or ", according to the article" not in last_answer:
        return question
    named = last_answer.split(", according to the article")[0].strip()
    if not re.match(r"[A-Z]", named) or re.search(r"\d", named) or len(named.split()) > 6:
        return question  # a name, not a figure or a sentence
    return f"{question[: m.end()]} ({named}){question[m.end() :]}"


def with_context(intent: Intent, earlier: Intent) -> Intent:
    """Read an elliptical question in the light of the one before ("and what about the UK?")."""
    replaced = {t for t in intent.proper if t in COUNTRIES}
    for term, weight in earlier.terms.items():
        # A new country in the follow-up replaces the earlier one rather than adding to it.
        if replaced and term in COUNTRIES and term not in replaced:
            continue
        intent.terms.setdefault(term, weight * 0.5)
    if intent.kind == "count" and not intent.focus and earlier.focus and _OF_THEM.search(intent.text):
        # "How many drones did Russia send?" then "How many of them were brought down?": the same drones.
        intent.focus, intent.modifiers = earlier.focus, earlier.modifiers
    if intent.kind in ("what", "yesno") and _BARE_FOLLOW_UP.match(intent.text):
        intent.kind = earlier.kind
        intent.focus, intent.modifiers = intent.focus or earlier.focus, intent.modifiers or earlier.modifiers
        intent.money_focus = intent.money_focus or earlier.money_focus
    return intent


def understand(question: str, history: Sequence[str] = ()) -> list[Intent]:
    """Intents of ``question``: one per part, each read in the context of the thread and earlier parts."""
    parts = [p.strip(" ,") for p in _SPLIT.split(question) if p.strip(" ,?")]
    earlier: Intent | None = None
    for past in history:
        earlier = parse(past) if earlier is None else with_context(parse(past), earlier)
    intents: list[Intent] = []
    for i, part in enumerate(parts or [question]):
        intent = parse(part)
        if earlier is not None and (i > 0 or _is_elliptical(part, intent)):
            intent = with_context(intent, earlier)
        intents.append(intent)
        earlier = intent
    return intents
