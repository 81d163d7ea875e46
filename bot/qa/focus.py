"""What a question is about beyond its kind: the thing "how many" counts, the money "how much" measures,
the speaker whose account it asks for, and the noun "what was the X" asks for.

Word lists and rules, no parser: questions are short and must be read in microseconds.
"""

from __future__ import annotations

import re

from bot.qa.lexicon import stem, tokens, word_set

# Auxiliaries: where a counted or measured phrase ends, and how a yes/no question opens.
AUX = word_set("""is are was were be been has have had do does did can could will would should may might
must shall""")
# Words that open a question or join it, never the name of whoever speaks.
WH_WORDS = word_set(
    "what which who whom whose when where why how is are was were do does did has have can could will would should and"
)


_PHRASE_END = word_set("in on at from to since did does")
_FILLERS = word_set("and more additional further extra new other")
# Verbs that may follow the counted noun in a question without an auxiliary: "how many entities face …".
_VERBS_AFTER = word_set("face faces faced remain remains got get gets went go goes came come")
# Past participles that open a verbal predicate: "how many of them were brought down" counts what the thread
# counts, not "down".
_PARTICIPLES = word_set(
    "brought shot hit hurt held taken seen sent built made given struck caught lost won fought put kept left set"
)
_PLACE_PREPS = word_set("in at from on near inside outside based")
_ELIDING_PREPS = word_set("over around along across during within")
_PRONOUNS = word_set("them these those they it")
_PREDICATES = word_set("meant due set going about likely able")


def count_focus(question: str) -> tuple[list[str], list[str]]:
    """Head nouns and name modifiers of "how many X": (["soldier"], ["russia"]) for "how many Russian
    soldiers"."""
    m = re.search(r"\bhow many\s+(.*)", question, re.IGNORECASE)
    if not m:
        return [], []
    words = re.findall(r"[A-Za-z][\w'’-]*", m.group(1))
    if words and words[0].lower() in _PLACE_PREPS | _ELIDING_PREPS:
        return [], []  # "And how many on the Kostiantynivka direction?": the thing counted is the thread's
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
        if w.lower() in AUX or (phrase and w.lower() in _PHRASE_END):
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
    # "how many more Patriot systems": "more" says the count is of an addition; it is not what is counted.
    heads = [stem(w.lower()) for w in phrase if w.lower() not in _FILLERS and not w[0].isupper()]
    if predicate and "and" not in [w.lower() for w in phrase]:
        heads = heads[-1:]  # "how many of them were shot down": "down" is no noun, "shot" a verb
    # "how many entities face Japanese asset freezes": a name after the counted noun and a verb is not its modifier.
    first = next((i for i, w in enumerate(phrase) if not w[0].isupper() and w.lower() not in _FILLERS), len(phrase))
    verb_at = next((i for i, w in enumerate(phrase) if i > first and w.lower() in _VERBS_AFTER), len(phrase))
    modifiers = [t for w in phrase[:verb_at] if w[0].isupper() for t in tokens(w)]
    if not heads and modifiers:  # "how many ATACMS": the name is the thing counted
        # "how many CV90s": a name with its number run into it is one name, found by its first part
        last = next(w for w in reversed(phrase) if w[0].isupper())
        named = tokens(last) if re.fullmatch(r"[A-Za-z]+\d+s?", last) else []
        if len(named) > 1:
            heads, modifiers = named[:1], modifiers[: len(modifiers) - len(named)]
        else:
            heads, modifiers = modifiers[-1:], modifiers[:-1]
    return heads, modifiers + place


_CLAIM_WORDS = word_set("""say says said claim claims claimed think thinks credit credits version account
figure figures answer answered answering respond responded responding react reacted reacting reply replied replying
report reported warn warned estimate position view count tally telling estimates numbers""")


def asked_speaker(question: str) -> str | None:
    """Whose account a question asks for: "Moscow" in "What did Moscow say…", "Kyiv's version"."""
    words = re.findall(r"[A-Za-z][\w.’'-]*", question)
    for i, word in enumerate(words[:-2]):
        # "According to Kyiv, how many …?"
        if word.lower() == "according" and words[i + 1].lower() == "to" and words[i + 2][0].isupper():
            found = tokens(words[i + 2])
            if found:
                return found[-1]
    for i, word in enumerate(words):
        if word.lower() not in _CLAIM_WORDS:
            continue
        for j in range(i - 1, max(i - 5, -1), -1):
            name = words[j]
            if name[0].isupper() and name.lower() not in WH_WORDS and name != "I":
                found = tokens(name)
                if found:
                    return found[-1]
    return None


# "How much goes to air defence?": a verb of where money flows, not the thing measured.
_MOVE_VERBS = word_set("go goes went gone going flow flows flowed come comes came coming")


def money_focus(question: str) -> str | None:
    """The head noun of "how much new military aid is…": "aid", the last word before the verb."""
    m = re.search(r"\bhow much\s+(.*)", question.lower())
    if not m:
        return None
    phrase: list[str] = []
    for word in re.findall(r"[a-z][a-z'’-]*", m.group(1)):
        if (
            word in AUX
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


def asked_head(question: str) -> str | None:
    """The noun a "what was the X at Y?" question asks for: the answer is an X, so the article must use it."""
    m = _ASKED_THING.match(question)
    if not m:
        return None
    raw = m.group(1).split()
    while len(raw) > 1 and (raw[-1].lower().endswith(("ed", "ing")) or raw[-1].lower() in _PARTICIPLES | _PREDICATES):
        raw.pop()  # "what is the new money supposed to pay for", "what are the Dutch putting in": not the verb
    words = tokens(" ".join(raw))
    return words[-1] if words else None
