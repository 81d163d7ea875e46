"""Whether an answer gives the sort of thing its question asks for, read off the question's wording.

"How long …?" wants a length of time, "On what date …?" a day, "What range limit …?" or "What price cap …?" a
figure, "Under which flag …?" a country. A lead phrase of another sort ("The Afipsky refinery" for how long it
will be shut, "January 2027" for the date of a vote, "Kyiv" for a range limit) answers nothing: the article does
not say.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive.actors import BELLIGERENTS
from bot.figures import digit_figures, find_money
from bot.language import COUNTRIES, MONTH_PATTERN, WEEKDAY_PATTERN
from bot.qa.lexicon import stem, stems, tokens

if TYPE_CHECKING:
    from bot.qa.span import SpanReader

# "How long will it stay closed?", "For how long …" — not "How long-range are they?", nor a second question ("How big
# is the package and how long does it run?"), whose first part the lead answers.
_HOW_LONG = re.compile(r"^\W*(?:and\s+|so\s+)?(?:for\s+)?how long\b(?![-\s]+range)", re.IGNORECASE)
# A length of time, or the time it runs to: "six weeks", "48-hour", "until March 12", "through 2026", "2030-31".
_SPAN_OF_TIME = re.compile(
    rf"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    rf"several|a few|a couple of|many|a|an)[\s-]+(?:more\s+|further\s+)?(?:days?|weeks?|months?|years?|hours?|"
    rf"minutes?|decades?)\b|\b(?:until|till|through|to|by|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:{MONTH_PATTERN}|"
    rf"(?:19|20)\d\d|{WEEKDAY_PATTERN})|\b(?:19|20)\d\d\s?[-/–]\s?\d{{2,4}}\b|\bindefinitely\b|\bpermanent(?:ly)?\b",
    re.IGNORECASE,
)
# "On what date …?", "When exactly …?": a day, not a month or a year.
_ASKS_DAY = re.compile(
    r"\b(?:(?:on|by|from)\s+)?(?:what|which)\s+(?:exact\s+)?(?:date|day)\b|\bwhen\s+exactly\b|\bexactly\s+when\b",
    re.IGNORECASE,
)
_DAY = re.compile(
    rf"\b{MONTH_PATTERN}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}|\b{WEEKDAY_PATTERN}\b|"
    rf"\b(?:today|tomorrow|yesterday|tonight)\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)
# "What price cap …?", "What range limit …?", "What's the cap level …?": a measure, given as a figure.
_ASKS_MEASURE = re.compile(
    r"^\W*what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)?\s+(?:the\s+|its\s+|their\s+)?(?:new\s+|oil\s+|crude\s+)?"
    r"(?:price\s+cap|range\s+limit|range\s+restriction|cap\s+level|maximum\s+range|distance\s+limit)\b",
    re.IGNORECASE,
)
_FLAG_Q = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?flags?\b", re.IGNORECASE)


def misses_asked_sort(question: str, lead: str, spans: SpanReader | None = None) -> bool:
    """Is ``lead`` (the phrase an answer would open with) of another sort than the question asks for?"""
    if _HOW_LONG.search(question) and not _SPAN_OF_TIME.search(lead):
        return True
    if _ASKS_DAY.search(question) and not _DAY.search(lead):
        return True
    if _ASKS_MEASURE.search(question) and not re.search(r"\d", lead):
        return True
    if _FLAG_Q.search(question):
        return spans is None or not names_a_country(spans, lead, question)
    if _MAKER_Q.search(question) and not _names_a_firm(lead):
        return True  # "Which company makes the mine-clearing machines?" is not answered by "generators, demining"
    if _WHERE_Q.match(question) and _A_COUNT.match(lead):
        return True  # "Where did the two Iskander-M missiles land?" is not answered by "87 drones and two Iskander-M …"
    return counts_another_thing(question, lead)


# A question for a firm by name: "Which company makes …?", "Who manufactures …?".
_MAKER_Q = re.compile(
    r"\b(?:which|what)\s+(?:company|companies|firm|firms|manufacturer|manufacturers|maker|makers|contractor)\b|"
    r"\bwho\s+(?:makes|made|builds|built|manufactures|manufactured|produces|produced)\b",
    re.IGNORECASE,
)


def _names_a_firm(lead: str) -> bool:
    """Does ``lead`` hold a proper name that is no country, capital or nationality ("Kongsberg", not "Vienna")?"""
    names = re.findall(r"\b(?:[A-Z][\w&-]+|[A-Z]{2,})", lead)
    return any(not set(tokens(n)) & COUNTRIES for n in names if n not in ("The", "A", "An", "This", "That", "Its"))


_WHERE_Q = re.compile(r"\W*(?:and\s+)?where\b", re.IGNORECASE)
# A lead that opens with a count ("87 drones …", "two missiles") names things, not a place.
_A_COUNT = re.compile(
    r"\W*(?:about\s+|some\s+|nearly\s+|more than\s+)?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozens|hundreds|thousands)\s+(?!km\b|kilometres?\b|kilometers?\b|miles?\b)[a-z]",
    re.IGNORECASE,
)


# Kinds of equipment a count may be of, as stems; two nouns share a kind when one may be counted as the other
# ("interceptors" are missiles, "unmanned aerial vehicles" drones). A count of one kind does not answer a question
# about a thing of another: "40 mine-clearing vehicles and generators" counts no generators.
_KINDS_OF_THINGS = (
    stems("missile rocket interceptor munition projectile"),
    stems("shell round ammunition munition projectile"),
    stems("drone uav vehicle aircraft"),
    stems("tank vehicle carrier apc ifv truck"),
    stems("howitzer gun cannon artillery mortar"),
    stems("jet aircraft fighter plane helicopter"),
    stems("generator transformer"),
    stems("boat vessel ship craft"),
    stems("launcher system battery unit"),
)
# Words that count any kind of thing: "three systems", "12 units", "20 pieces".
_ANY_KIND = stems("system unit piece item battery set")
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)


def counts_another_thing(question: str, lead: str) -> bool:
    """Does the count in ``lead`` count another kind of thing than "How many …?" asks for: "Eight Archer howitzers"
    for "How many artillery shells …?", "40 mine-clearing vehicles and generators" for "How many generators …?"?"""
    from bot.qa.figure_verb import parsed  # the parser loads once, when a count is first weighed
    from bot.qa.focus import count_focus

    if not _HOW_MANY.search(question):
        return False
    focus, _ = count_focus(question)
    if not focus:
        return False
    asked = focus[-1]
    asked_kinds = [k for k in _KINDS_OF_THINGS if asked in k]
    if not asked_kinds or asked in _ANY_KIND:
        return False
    for tok in parsed(lead):
        if tok.dep_ != "nummod" or tok.head.pos_ != "NOUN":
            continue
        counted = stem(tok.head.lemma_.lower())
        if counted == asked or counted in _ANY_KIND:
            return False
        counted_kinds = [k for k in _KINDS_OF_THINGS if counted in k]
        return bool(counted_kinds) and not any(k in asked_kinds for k in counted_kinds)
    return False


def asks_distance(question: str) -> bool:
    """Does a "what" question ask for a range or a distance limit ("What range limit has Britain set …?")?"""
    return bool(_ASKS_MEASURE.search(question)) and bool(re.search(r"\b(?:range|distance)\b", question, re.IGNORECASE))


def needs_country(question: str) -> bool:
    """Does the question ask under which flag something sails (a country, which only a lead phrase can give)?"""
    return bool(_FLAG_Q.search(question))


def names_a_country(spans: SpanReader, text: str, question: str) -> bool:
    """Does ``text`` name a country (or a place that flies a flag) that the question does not? Any proper name will
    do: the flags of convenience (Gabon, the Comoros, Palau) are not countries the domain file lists."""
    asked = question.lower()
    s = spans.sentence(text)
    # "tankers carrying Russian oil": the sides of the war are what the ships serve, not their flags.
    sides = {i for n in s.names if n.canonical in BELLIGERENTS for i in range(n.start, n.end)}
    return any(
        (t.tag_ in ("NNP", "NNPS") or t.ent_type_ in ("GPE", "NORP")) and t.i not in sides and t.lower_ not in asked
        for t in s.doc
    )


# "How much of Germany's package is spent on drones?", "How much of the $310 million frozen belongs to …?": the whole
# the question takes a part of, up to its verb.
_PART_OF = re.compile(
    r"^\W*(?:and\s+)?how much of\s+(?P<whole>.+?)\s+(?:is|are|was|were|goes|go|went|has|have|had|will|would|does|do|"
    r"did|belongs?|comes?|can|could|must|should)\b",
    re.IGNORECASE,
)
_PRONOUN_WHOLE = re.compile(r"^(?:it|this|that|them|these|those|the money|the total)$", re.IGNORECASE)
# How a sum is told as the value of the thing it buys: "a 650 million euro package", "package, valued at €1.4bn",
# "a package worth $2 billion".
_VALUE_LINKS = frozenset({"compound", "nummod", "quantmod", "amod", "npadvmod", "pobj", "prep", "acl", "nmod", "appos"})


def whole_asked(question: str) -> str | None:
    """The whole a "How much of X …?" question takes a part of ("Germany's package"), unless a pronoun ("it")."""
    m = _PART_OF.search(question)
    return None if m is None or _PRONOUN_WHOLE.match(m.group("whole").strip()) else m.group("whole")


def whole_for_part(question: str, lead: str, passages: list[str], spans: SpanReader | None) -> bool:
    """Does ``lead`` give the whole where the question asks for a part of it?

    "How much of Portugal's 118 million goes to ambulances?" is not answered by "118 million euros", nor "How much of
    the $310 million frozen …?" by "29 individuals", nor "How much of Germany's package is spent on drones?" by the
    package's own value ("Germany's package, valued at 1.4 billion euros, includes …")."""
    whole = whole_asked(question)
    if whole is None:
        return False
    # Figures standing alone: "the $310 million", not the 7 of "the G7 loan".
    asked = digit_figures(" ".join(re.findall(r"(?<![\w-])\d[\d,.]*(?![\w-])", whole)))
    if asked:
        if asked & digit_figures(lead):
            return True
        return bool(find_money(whole)) and not find_money(lead)
    if spans is None:
        return False
    head = tokens(whole)[-1] if tokens(whole) else ""  # tokens() gives stems
    figures = digit_figures(lead)
    for text in passages:
        doc = spans.sentence(text).doc
        for tok in doc:
            if not tok.like_num or digit_figures(tok.text) - figures or not digit_figures(tok.text):
                continue
            up = tok
            for _ in range(5):
                if up.dep_ not in _VALUE_LINKS and up is not tok or up.head is up:
                    break
                up = up.head
                if stem(up.lower_) == head and up.pos_ == "NOUN":
                    return True
                if up.pos_ in ("VERB", "AUX") and not (up.tag_ == "VBN" and up.dep_ == "acl"):
                    break
    return False


def part_named(whole: str, lead: str, passages: list[str], asked: frozenset[str]) -> str | None:
    """The sum a passage gives for the part asked about, when the lead gave the whole: "a package worth 240 million
    euros, including 90 million euros for artillery ammunition" answers "How much of it goes to ammunition?" with
    the 90 million, the sum followed by the part's own word."""
    taken = digit_figures(lead)
    parts = asked - set(tokens(whole))  # the question's words for the part, not for the whole
    for text in passages:
        for money in find_money(text):
            if digit_figures(money.text) & taken:
                continue
            after = set(tokens(text[money.end : money.end + _PART_WINDOW]))
            before = set(tokens(text[max(0, money.start - _PART_WINDOW) : money.start]))
            if parts & (after | before):
                return money.text
    return None


_PART_WINDOW = 40  # characters either side of a sum in which the part it pays for is named
