"""Signs that the article does not give what a question asks for: a year it never mentions or a figure dated by
another year, a thing it never speaks of, a side that says nothing, a class it names no member of."""

from __future__ import annotations

import re

from bot.qa.intent import Intent
from bot.qa.lexicon import COUNT_SYNONYMS, SYNONYMS, about_another_country, stem, tokens
from bot.qa.retrieve import Retriever
from bot.qa.span import SpanReader

_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def missing_year(retriever: Retriever, question: str) -> bool:
    """ "How much did Norway give in 2023?" about an article that never mentions 2023: the figure it has
    is for another time."""
    return any(year not in retriever.vocabulary for year in _YEAR.findall(question))


def _source(figure: str, texts: list[str]) -> str | None:
    """The quoted passage the lead's figure was read from."""
    return next((t for t in texts if figure in t), None)


def of_another_year(question: str, figure: str, texts: list[str]) -> bool:
    """Is the passage the lead's figure comes from dated by a year other than the one the question asks about?"""
    asked = set(_YEAR.findall(question))
    source = _source(figure, texts)
    if not asked or source is None:
        return False
    years = set(_YEAR.findall(source))
    return bool(years) and not years & asked


# A numbered package or round: "the 19th package", "its 20th round of sanctions".
_NUMBERED = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:\w+\s+)?(package|round|tranche)s?\b", re.IGNORECASE)


def of_another_number(question: str, figure: str, texts: list[str]) -> bool:
    """ "How many vessels did the 19th package list?" next to "The 20th package … added 97 vessels": the passage the
    figure comes from numbers its package, and not as the question does."""
    asked = {(n, noun.lower()) for n, noun in _NUMBERED.findall(question)}
    source = _source(figure, texts)
    if not asked or source is None:
        return False
    told = {(n, noun.lower()) for n, noun in _NUMBERED.findall(source)}
    same_kind = {noun for _, noun in told} & {noun for _, noun in asked}
    return bool(same_kind) and not told & asked


# A system named with its variant: "Gripen C/D", "Gripen E", "Leopard 2A6".
_VARIANT = re.compile(r"\b([A-Z][a-z]{2,})\s+((?:[A-Z]|\d[A-Z]\d?)(?:/[A-Z])*)(?![\w/-])")


def of_another_variant(question: str, figure: str) -> bool:
    """ "How many Gripen C/D jets would Sweden transfer?" is not answered by "100 to 150 new Gripen E jets": the
    figure counts another variant of the system the question names."""
    asked = dict(_VARIANT.findall(question))
    told = dict(_VARIANT.findall(figure))
    return any(name in told and told[name] != variant for name, variant in asked.items())


def of_another_country(question: str, figure: str, texts: list[str]) -> bool:
    """Does the passage the lead's figure comes from name only countries other than the one asked about?"""
    source = _source(figure, texts)
    return source is not None and about_another_country(question, source)


def missing_head(retriever: Retriever, intent: Intent) -> bool:
    """ "What was the attendance at the derby?" about an article that never speaks of an attendance."""
    head = intent.head
    if not head or retriever.knows(head):
        return False
    return not any(retriever.knows(s) for s in SYNONYMS.get(head, ()))


# Verbs by which one side's words reach an article (lemmas).
_VOICING_WORDS = """say claim report announce state tell warn accuse deny confirm estimate assess allege insist argue
describe credit call dismiss reject condemn respond react threaten vow brand criticise criticize add write post publish
show dispute rebuff blame welcome denounce promise pledge maintain quote comment"""
VOICING = frozenset(_VOICING_WORDS.split())


_STAND_INS = frozenset(
    {
        "it",
        "its",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "ministry",
        "government",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "governor",
    }
)


def silent_side(retriever: Retriever, spans: SpanReader | None, intent: Intent) -> bool:
    """ "What did Russia say about the decision?" about an article in which nobody on Russia's side is the
    subject of a verb of saying (by name, or as "it"/"the ministry" right after a sentence whose subject is
    on that side): whatever else the article quotes is not Russia's answer."""
    if intent.speaker is None or spans is None:
        return False
    side_words = spans.lx.side_words
    side = next((sd for word, sd in side_words.items() if tokens(word)[-1:] == [intent.speaker]), None)
    if side not in ("russia", "ukraine"):
        return False
    subject_before = False
    for passage in retriever.passages:
        doc = spans.sentence(passage.text).doc
        subject_here = False
        for verb in doc:
            subject = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent") for t in c.subtree]
            if any(side_words.get(t.lower_) == side for t in subject):
                subject_here = True
            if verb.lemma_.lower() not in VOICING and verb.lower_ != "according":
                continue
            who = subject + [t for c in verb.children if c.dep_ == "prep" for t in c.subtree]
            if any(side_words.get(t.lower_) == side for t in who):
                return False
            if (subject_before or subject_here) and any(t.lower_ in _STAND_INS for t in who):
                return False  # "Russia's Defence Ministry has given its own account. It says …"
        subject_before = subject_here
    return True


# Stemmed as ``asked_class`` gives them: "state" is "stat", "village" "villag".
PLACE_CLASSES = frozenset(
    stem(w) for w in ("country", "nation", "state", "city", "town", "village", "region", "place", "capital")
)
# Sources go by their names too: "according to the Wall Street Journal" answers "Which newspaper …?".
_SOURCE_CLASSES = frozenset(
    stem(w) for w in ("newspaper", "paper", "outlet", "broadcaster", "channel", "magazine", "website", "media", "agency")
)
# Weapons go by their kinds and names ("glide bombs", "Storm Shadow"), seldom with the word "weapons".
_WEAPON_CLASSES = frozenset(stem(w) for w in ("weapon", "arm", "munition", "armament"))
WHICH = re.compile(r"^\s*(?:and|so|but)?\s*which\b", re.IGNORECASE)


# Kinds of people a "which" question may ask for, whom an article names without the word.
_PERSON_CLASSES = frozenset(stem(w) for w in ("figure", "politician", "lawmaker", "legislator", "mp", "member", "person"))


def missing_class(retriever: Retriever, spans: SpanReader, question: str) -> bool:
    """ "Which banks does the package target?" about an article that names no bank: the answer would be
    something else the sentence names. A name that ends in the class word ("Gazprombank") is one."""
    if not WHICH.match(question):
        return False
    noun = spans.asked_class(question)
    if not noun or noun in PLACE_CLASSES or noun in _SOURCE_CLASSES or noun in _WEAPON_CLASSES:
        return False  # "Which countries' banks …?": places go by their names, rarely with the class word
    if noun in _PERSON_CLASSES:
        return False  # "Which SPD politician said …?": people go by their names and posts, rarely with the class word
    known = {noun, *SYNONYMS.get(noun, ()), *COUNT_SYNONYMS.get(noun, ())}
    return not any(term in retriever.vocabulary or any(v.endswith(term) for v in retriever.vocabulary) for term in known)
