"""What a question asks: its kind (how much, who, where…), its weighted terms, and what it counts.

Compound questions ("When did it start, and where?") become several intents, each later one reading
the earlier ones as context, exactly as a follow-up in a thread reads the thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.language import COUNTRIES, COUNTRY_PHRASES
from bot.qa.lexicon import (
    GENERIC,
    PLACE_NOUNS,
    SPEECH,
    SYNONYMS,
    TARGET_WORDS,
    WEAPON_WORDS,
    WHO_NOUNS,
    stem,
    stems,
    tokens,
    word_set,
)

# Kinds whose answer must contain a particular sort of fact; without one the article doesn't say.
TYPED_KINDS = frozenset({"money", "count", "quantity", "distance", "when", "score"})
# Words that name the kind of answer rather than its topic: "score" in "What was the final score?" is
# carried by the "4-3" itself, so they rank passages but are not required of them.
KIND_WORDS = {"score": frozenset({"scor", "scorelin", "final"}), "target": frozenset({"target", "aim"})}
_SCORE_Q = re.compile(r"\b(?:what|how)\b.*\b(?:score|scoreline)\b(?!\s+(?:a|an|the|goals?)\b)")

_SPLIT = re.compile(
    r",?\s+and\s+(?=(?:what(?:'s|’s)?|which|where|when|who|how|why|for which|in which|from which)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^\s*(?:and|so|but|also|ok|okay)\b[\s,]*", re.IGNORECASE)
_ELLIPTICAL = re.compile(r"^\s*(?:and\b|what about|how about|what of|same for|and for)", re.IGNORECASE)
# Only a question with nothing of its own to ask takes over the earlier one's kind: "And what about
# Norway?", "And the UK?" — not "And how did Moscow answer that?", which asks its own kind of thing.
_BARE_FOLLOW_UP = re.compile(
    r"^\s*(?:and\s+)?(?:what about|how about|what of|same for|and for)\b|"
    r"^\s*(?:and|but|also)\s+(?:the\s+|in\s+|for\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?\s*\??\s*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:it|that|this|they|them|those|these|there)\b", re.IGNORECASE)
_AUX = word_set("""is are was were be been has have had do does did can could will would should may might
must shall""")
_QUANTITY_NOUNS = stems("ground territory land area space")
_MONEY_CUES = re.compile(
    r"\b(?:worth|cost|value|valued|how (?:big|large) (?:is|was) (?:the|that|this|its)\b.*\b"
    r"(?:package|aid|loan|fund|budget|deal|tranche|assistance|support))",
    re.IGNORECASE,
)
# A distance is asked for by "how far", "what range", "the range of", "can it reach?" — not by "range limits"
# or "limits on how far" (a policy), "long-range missiles" (a weapon) or "reach Ukraine" (a delivery).
_DISTANCE_Q = re.compile(
    r"(?<!\bon )\bhow far\b|\branges? of\b|\breach\s*\?*\s*$|"
    r"(?<![-\w])(?:what|the|its|their|a|maximum)\s+(?:maximum\s+)?ranges?\b"
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
    r"\b(?:(?:each|per)\s+(?!(?:year|month|week|day|quarter|annum)\b)\w+|apiece|a piece)\b", re.IGNORECASE
)
_MONEY_NOUNS = stems("""money funding fund aid assistance support cash package financing finance help
contribution amount sum budget revenue income profit cost price spending loan grant investment deal
contract tranche reserve asset earning tax fee premium bill debt subsidy payment military""")
_FUTURE_Q = re.compile(r"\b(?:will|going to|due|expected|scheduled|planned)\b", re.IGNORECASE)
_WH_WORDS = word_set(
    "what which who whom whose when where why how is are was were do does did has have can could will would should and"
)


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
        if word.lower() in _WH_WORDS or word == "I":
            continue
        found.extend(tokens(word))
    return list(dict.fromkeys(found))


def _kind_after_which(rest: list[str]) -> str:
    for word in rest[:3]:
        s = stem(word)
        if s in WEAPON_WORDS:
            return "weapon"
        if s in PLACE_NOUNS:
            return "where"
        if s in WHO_NOUNS:
            return "who"
        if s in TARGET_WORDS:
            return "target"
    return "what"


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
        if m.group(1) == "of" or stem(m.group(1)) in _QUANTITY_NOUNS:
            return "quantity"
        # "How much cargo…" asks for tonnes; "how much aid", "how much is it worth" for money.
        focus = _money_focus(q)
        if focus and focus not in _MONEY_NOUNS and m.group(1) not in _AUX and not _MONEY_CUES.search(q):
            return "quantity"
        return "money"
    if _MONEY_CUES.search(q):
        return "money"
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
    if words and words[0] in _AUX:
        return "yesno"
    return "what"


_PHRASE_END = word_set("in on at from to since did does")
# Past participles that open a verbal predicate: "how many of them were brought down" counts what the thread
# counts, not "down".
_PARTICIPLES = word_set(
    "brought shot hit hurt held taken seen sent built made given struck caught lost won fought put kept left set"
)
_PLACE_PREPS = word_set("in at from on near inside outside based")
_PRONOUNS = word_set("them these those they it")
_PREDICATES = word_set("meant due set going about likely able")


def _count_focus(question: str) -> tuple[list[str], list[str]]:
    """Head nouns and name modifiers of "how many X": (["soldier"], ["russia"]) for "how many Russian
    soldiers"."""
    m = re.search(r"\bhow many\s+(.*)", question, re.IGNORECASE)
    if not m:
        return [], []
    words = re.findall(r"[A-Za-z][\w'’-]*", m.group(1))
    predicate = bool(words) and words[0].lower() == "of"
    place: list[str] = []
    if predicate:
        # "how many of the sanctioned entities are Chinese companies": the predicate is what is counted.
        for i, w in enumerate(words):
            if w.lower() in ("are", "were", "is", "was") and i + 1 < len(words):
                after = words[i + 1].lower()
                if after.endswith("ed") or after in _PARTICIPLES | _PLACE_PREPS:
                    # "how many of the six missiles were shot down", "…of them are in Turkey": a verb or a
                    # place follows, so the "of" phrase names what is counted (a pronoun: the thread's).
                    # A place stays a condition: "of the sanctioned companies are in Hong Kong".
                    place = [t for x in words[i + 2 :] if x[0].isupper() for t in tokens(x)]
                    words = [x for x in words[1:i] if x.lower() not in _PRONOUNS]
                    if not words:
                        return [], []
                    predicate = True
                else:
                    words = words[i + 1 :]
                break
        else:
            words = words[1:]
    phrase: list[str] = []
    for w in words:
        if w.lower() in _AUX or (phrase and w.lower() in _PHRASE_END):
            break
        if w.lower() in ("the", "of", "a", "an", "per", "each"):
            if phrase:
                break  # "how many barrels a day": the counted noun comes first
            continue
        phrase.append(w)
    if not phrase:
        return [], []
    # Without a tagger the counted noun may be any word of the phrase: "how many ships face…" counts ships,
    # "how many artillery shells" shells; a number next to a verb ("27 face") never occurs anyway.
    heads = [stem(w.lower()) for w in phrase if w.lower() != "and" and not w[0].isupper()]
    if predicate and "and" not in [w.lower() for w in phrase]:
        heads = heads[-1:]  # "how many of them were shot down": "down" is no noun, "shot" a verb
    modifiers = [t for w in phrase if w[0].isupper() for t in tokens(w)]
    if not heads and modifiers:  # "how many ATACMS": the name is the thing counted
        heads, modifiers = modifiers[-1:], modifiers[:-1]
    return heads, modifiers + place


_PLAIN_SPEECH = stems("say said says tell told state stated")
_CLAIM_WORDS = word_set("""say says said claim claims claimed think thinks credit credits version account
figure figures answer answered respond responded report reported warn warned estimate position view""")


def _speaker(question: str) -> str | None:
    """Whose account a question asks for: "Moscow" in "What did Moscow say…", "Kyiv's version"."""
    words = re.findall(r"[A-Za-z][\w.’'-]*", question)
    for i, word in enumerate(words):
        if word.lower() not in _CLAIM_WORDS:
            continue
        for j in range(i - 1, max(i - 5, -1), -1):
            name = words[j]
            if name[0].isupper() and name.lower() not in _WH_WORDS and name != "I":
                found = tokens(name)
                if found:
                    return found[-1]
    return None


# "How much goes to air defence?": a verb of where money flows, not the thing measured.
_MOVE_VERBS = word_set("go goes went gone going flow flows flowed come comes came coming")


def _money_focus(question: str) -> str | None:
    """The head noun of "how much new military aid is…": "aid", the last word before the verb."""
    m = re.search(r"\bhow much\s+(.*)", question.lower())
    if not m:
        return None
    phrase: list[str] = []
    for word in re.findall(r"[a-z][a-z'’-]*", m.group(1)):
        if (
            word in _AUX
            or word in _MOVE_VERBS
            or word in ("of", "did", "does", "do", "has", "have", "will", "to", "for", "from", "in")
        ):
            break
        phrase.append(word)
    return stem(phrase[-1]) if phrase else None


_ASKED_THING = re.compile(
    r"^\s*(?:and\s+)?what\s+(?:is|was|are|were)\s+(?:the|its|their|his|her)\s+([a-z][a-z -]*?)\s*"
    r"(?:\b(?:at|of|in|on|for|from|to|with|by|during|after|before)\b|\?|$)",
    re.IGNORECASE,
)


def _asked_head(question: str) -> str | None:
    """The noun a "what was the X at Y?" question asks for: the answer is an X, so the article must use it."""
    m = _ASKED_THING.match(question)
    if not m:
        return None
    raw = m.group(1).split()
    while len(raw) > 1 and (raw[-1].lower().endswith("ed") or raw[-1].lower() in _PARTICIPLES | _PREDICATES):
        raw.pop()  # "what is the new money supposed to pay for": the money, not "supposed"
    words = tokens(" ".join(raw))
    return words[-1] if words else None


def parse(question: str) -> Intent:
    """One self-contained question into an Intent."""
    kind = classify(question)
    terms: dict[str, float] = {}
    for tok in tokens(_LEAD_IN.sub("", question)):
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
    # "Who is disputing Moscow's claim?": the name is whose claim it is, not who answers.
    speaker = None if kind == "who" else _speaker(question)
    intent = Intent(text=question, kind=kind, terms=terms, proper=_proper_tokens(question), speaker=speaker)
    intent.future = kind == "when" and bool(_FUTURE_Q.search(question))
    if kind == "what":
        intent.head = _asked_head(question)
    if kind == "count":
        intent.focus, intent.modifiers = _count_focus(question)
    elif kind in ("money", "quantity"):
        intent.money_focus = _money_focus(question)
        if kind == "quantity" and intent.money_focus in _QUANTITY_NOUNS:
            intent.money_focus = None  # "how much ground": any extent of land answers it
        intent.per_unit = bool(_PER_UNIT_Q.search(question))
    return intent


def _is_elliptical(question: str, intent: Intent) -> bool:
    own = [t for t, w in intent.terms.items() if w >= 1.0]
    return bool(_ELLIPTICAL.match(question)) or len(own) <= 1 or bool(_PRONOUN.search(question))


def with_context(intent: Intent, earlier: Intent) -> Intent:
    """Read an elliptical question in the light of the one before ("and what about the UK?")."""
    replaced = {t for t in intent.proper if t in COUNTRIES}
    for term, weight in earlier.terms.items():
        # A new country in the follow-up replaces the earlier one rather than adding to it.
        if replaced and term in COUNTRIES and term not in replaced:
            continue
        intent.terms.setdefault(term, weight * 0.5)
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
