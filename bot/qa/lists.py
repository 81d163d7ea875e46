"""Answers that stand in a list of the passage: "57 and 31 combat clashes, respectively" pairs each figure with
the name in the same place of the other list; "only in the Kursk and Bryansk regions" answers "Where?" with both.

Pure functions over the quoted passages' text: the figure or place the lead picked goes in, the part of the list
the question asks for comes out."""

from __future__ import annotations

import re

from bot.grounding import fold

_FIGURE = r"(?:[$€£¥]|C\$|A\$)?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|m)\b)?"
_NAME = r"[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*"


def _listed(item: str) -> re.Pattern[str]:
    """Two or more items joined by commas and a last "and"."""
    return re.compile(rf"(?P<items>{item}(?:,\s*{item})*,?\s+and\s+{item})")


_FIGURES = _listed(_FIGURE)
_NAMES = _listed(_NAME)
_CLOSING = re.compile(r"^(?:\s+(?:regions?|oblasts?|directions?|systems?|tanks?|areas?|provinces?))?,?\s+respectively\b")
_SPLIT = re.compile(r",\s*and\s+|,\s*|\s+and\s+")
# What the last figure counts: "57 and 31 combat clashes" -> "combat clashes"; "50 million and 20 million euros".
_COUNTED = re.compile(
    r"^\s+((?:(?!(?:over|in|on|at|for|of|per|from|across|along|respectively|each|to|a|the|took|take|were|was|are|is|"
    r"came|went|had|have|has|fell|occurred|happened|would|will|could|should|must|may|might|be|been)\b)[a-z][\w-]*\s*){1,3})"
)


def respective(figure: str, question: str, texts: list[str]) -> str | None:
    """The figure of a "respectively" list that belongs to the one name the question asks about; the whole list
    when the question names all of them ("How much are Germany and Poland putting into the fund?")."""
    asked = fold(question).lower()
    for text in texts:
        plain = fold(text)
        if "respectively" not in plain.lower():
            continue
        for figures in _FIGURES.finditer(plain):
            values = _SPLIT.split(figures.group("items"))
            if fold(figure).split()[0] not in [v.split()[0] for v in values]:
                continue
            for names in _NAMES.finditer(plain):
                labels = _SPLIT.split(names.group("items"))
                # Names after the figures pair with them when "respectively" stands between or right after the names
                # ("31 and 27 took place on the Kupiansk and Lyman directions, respectively").
                closing = _CLOSING.match(plain[names.end() :])
                if (
                    names.start() >= figures.start()
                    and "respectively" not in plain[figures.end() : names.start()]
                    and not closing
                ):
                    continue
                found = _paired(plain, figures, values, labels, asked)
                if found:
                    return found
            # "2.2 billion and 1.3 billion kroner would be earmarked for air defence and for energy infrastructure,
            # respectively": the figures pair with the purposes after them.
            purposes = _PURPOSES.search(plain, figures.end())
            if purposes is not None:
                labels = [_PURPOSE_PREP.sub("", x) for x in _SPLIT.split(purposes.group("items"))]
                if len(labels) == len(values) and (found := _paired(plain, figures, values, labels, asked)):
                    return found
    return None


# A list of purposes closed by "respectively": "for air defence and for energy infrastructure, respectively".
_PURPOSES = re.compile(
    r"\b(?:for|to|on|toward|towards)\s+"
    r"(?P<items>[a-z][\w -]*?(?:,\s*[a-z][\w -]*?)*,?\s+and\s+[a-z][\w -]*?),?\s+respectively\b"
)
_PURPOSE_PREP = re.compile(r"^(?:for|to|on|toward|towards)\s+")


def _paired(plain: str, figures: re.Match[str], values: list[str], labels: list[str], asked: str) -> str | None:
    """The figure in the place of the one label the question names; the whole list when it names them all."""
    if len(labels) != len(values):
        return None
    hits = [n for n, label in enumerate(labels) if _named(label, asked)]
    counted = _COUNTED.match(plain[figures.end() :])
    unit = counted.group(1).strip() if counted else ""
    if len(hits) == len(labels):
        return figures.group("items") + (f" {unit}" if unit else "")
    if len(hits) == 1:
        value = values[hits[0]]
        return f"{value} {unit}".strip() if unit and unit.split()[0] not in value else value
    return None


def _named(label: str, asked: str) -> bool:
    """Does the question name this item of the list ("Pokrovsk" in "the Pokrovsk direction")?"""
    words = [w for w in label.lower().split() if w not in ("the",)]
    return bool(words) and all(re.search(rf"\b{re.escape(w[: max(4, len(w) - 2)])}", asked) for w in words)


_PLACE_KINDS = r"(?:\s+(?:regions?|oblasts?|provinces?|districts?|areas?|directions?))?"


def whole_place_list(place: str, texts: list[str]) -> str:
    """ "Kursk" picked from "only in the Kursk and Bryansk regions": the places listed together, with their noun."""
    for text in texts:
        plain = fold(text)
        m = re.search(rf"\b{re.escape(fold(place))}((?:,\s*{_NAME})*,?\s+and\s+{_NAME}){_PLACE_KINDS}", plain)
        if m:
            return m.group(0)
    return place


# "Which refineries …?", "What armoured vehicles …?": a question after more than one thing.
_PLURAL_Q = re.compile(
    r"^\W*(?:and\s+)?(?:which|what)\s+(?!(?:does|is|was|has|says|happens|remains)\b)(?:[\w-]+\s+)?[\w-]+s\b",
    re.IGNORECASE,
)
_TAIL = r"(?:\s+(?!(?:in|on|at|of|for|to|from|with|by|near|and|or|the|a|an|as|after|before|over)\b)[a-z][\w-]*){0,2}"
_ITEM = rf"(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*{_TAIL}"


def whole_name_list(named: str, question: str, texts: list[str]) -> str:
    """ "Saratov" picked for "Which refineries does Kyiv say it hit?" from "hit the Saratov oil refinery and the
    Novokuibyshevsk refinery": every name of the list, with the words that go with them."""
    if not _PLURAL_Q.search(question) or " and " in named or not named[:1].isupper():
        return named
    for text in texts:
        plain = fold(text)
        m = re.search(rf"\b{re.escape(fold(named))}{_TAIL}(?:,\s*{_ITEM})*,?\s+and\s+{_ITEM}", plain)
        if m:
            return m.group(0).rstrip(" ,")
    return named


def respective_in(question: str, texts: list[str]) -> str | None:
    """The figure a "respectively" list gives the one name the question asks about, whichever figure the lead
    picked first ("Of the 143 combat engagements …, 31 and 27 took place on the Kupiansk and Lyman directions,
    respectively" answers "How many clashes on the Kupiansk direction?" with 31, not the 143)."""
    for text in texts:
        for number in re.finditer(r"\d[\d,.]*", fold(text)):
            found = respective(number.group(0), question, [text])
            if found:
                return found
    return None
