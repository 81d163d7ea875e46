"""Which of a sentence's figures the question asks about.

A sentence often holds several figures: a new package and the running total, an amount and its
conversion, drones launched and drones shot down. The lead must name the one asked for, so each
candidate is scored by the question's words around it (nearer words count more), by the currency the
question names, and by whether the question asks for a running total ("now", "in total", "so far") and
the figure is one ("bringing the total to 342", "lifts … to more than C$4.5 billion").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.extractive.rejected import discredited_spans, posted_figures_only
from bot.figures import find_money
from bot.language import COUNTRIES, MONTH_PATTERN, NUMBER_WORD_PATTERN
from bot.qa.answer_types import refuted_before
from bot.qa.figure_time import (
    JOINED_NAMES,
    SINCE_START,
    asks_another_time,
    combined,
    said_of_the_past,
    since_the_start,
)
from bot.qa.figure_verb import figure_class, parsed, question_class
from bot.qa.lexicon import about_another_country, tokens

# Words on either side of a figure that can tie it to the question.
_WINDOW = 10
_WORD = re.compile(r"\S+")
# The question asks for a running total, not the latest addition.
_TOTAL_WORDS = "now|in total|total|overall|altogether|in all|so far|to date|since|all told|cumulative|add(?:s)? up"
_TOTAL_Q = re.compile(rf"\b(?:{_TOTAL_WORDS})\b", re.IGNORECASE)
# The figure is a running total: "bringing the total to", "taking it to", "lifts … to", "a total of" ("U.S."
# ends no sentence).
_TOTAL_BEFORE = re.compile(
    r"(?:\b(?:total(?:ling|ing)?|tally|overall)\b(?:\s+\w+){0,3}\s+(?:to|of|at|is|was|stands at|now)?\s*"
    r"(?:more than|about|around|roughly|some|nearly|almost|over)?\s*$|"
    r"\b(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|lift(?:s|ing|ed)?|rais(?:es|ing|ed)|push(?:es|ing|ed)?)\b"
    r"(?:[^.;]|(?<=\b[A-Z])\.|\.(?=\S)){0,120}\bto\s+(?:more than|about|around|roughly|some|nearly|almost|over)?\s*$)",
    re.IGNORECASE,
)
# The currency a question names ("in yen", "in dollars").
_CURRENCY_WORDS = {
    "USD": ("dollar", "usd", "$"),
    "EUR": ("euro", "eur", "€"),
    "GBP": ("pound", "sterling", "gbp", "£"),
    "JPY": ("yen", "jpy", "¥"),
    "NOK": ("krone", "kroner", "nok"),
    "DKK": ("krone", "kroner", "dkk"),
    "SEK": ("krona", "kronor", "sek"),
    "CAD": ("canadian dollar", "cad"),
    "CHF": ("franc", "chf"),
}
# "4.5 billion kroner (about $630 million)", "13.5 billion kronor, equivalent to about $1.2 billion".
_CONVERSION_AFTER = re.compile(
    r"^\s*(?:\((?:about|around|roughly|some|approximately|or|c\.|nearly)?\s*[^()]{1,30}\)|"
    r",?\s*(?:equivalent to|or)\s+(?:about|around|roughly|some)?\s*\S+(?:\s+(?:million|"
    r"billion|bn|m|mn))?)"
)


_SIDES = {
    "russia": re.compile(r"\b(?:Russia|Russian|Russians|Moscow|Kremlin)\b"),
    "ukraine": re.compile(r"\b(?:Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev)\b"),
}


_SENDING = re.compile(r"\b(?:send|sent|launch(?:ed)?|fire[ds]?|use[ds]?|deploy(?:ed)?)\b", re.IGNORECASE)
_DOWNING = re.compile(
    r"\b(?:shoot|shot|down(?:ed)?|destroy(?:ed)?|intercept(?:ed)?|jam(?:med)?|kill(?:ed)?)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a sentence: its text and where it sits."""

    text: str
    start: int
    end: int
    currency: str | None = None


# "What's the total size of the loan?" asks for the whole of one thing, not a running total.
_WHOLE_SIZE_Q = re.compile(
    r"\btotal\s+(?:size|value|cost|amount|worth|volume)\s+of\s+(?:the\s+|this\s+|that\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:loan|package|deal|bill|supplemental|contract|tranche|facility|programme|program|fund)\b",
    re.IGNORECASE,
)


def asks_total(question: str) -> bool:
    return bool(_TOTAL_Q.search(_WHOLE_SIZE_Q.sub(" ", question)))


# Stricter than ``_TOTAL_Q`` ("now" is left out): a question that can only be answered by a running total, and
# the words of a sentence that states one anywhere in it. Without both, "in total" gets "doesn't say".
_STATED_TOTAL_Q = re.compile(
    r"\b(?:in total|overall|altogether|in all|so far|to date|all told|total|cumulative|"
    r"since (?:the (?:start|beginning|invasion|war)|20\d\d|19\d\d|February))\b",
    re.IGNORECASE,
)
_STATES_TOTAL = re.compile(
    r"\b(?:total\w*|overall|altogether|in all|so far|to date|all told|cumulative\w*|since|"
    r"bring(?:s|ing)?|tak(?:es|ing)|lift(?:s|ing)?|rais(?:es|ing)|push(?:es|ing)|now)\b|"
    # "the first eight of 18 Archer howitzers ordered": the whole a part is told of
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+of\s+(?:the\s+)?\d[\d,]*\b",
    re.IGNORECASE,
)


# "What is the French package worth in total?": the whole of one package, not a running total over time.
_WHOLE_OF_ONE_Q = re.compile(r"\b(?:package|deal|loan|tranche|contract|order)\b[^?]*\bworth\b", re.IGNORECASE)


def asks_stated_total(question: str) -> bool:
    return bool(_STATED_TOTAL_Q.search(question)) and not _WHOLE_OF_ONE_Q.search(question)


def states_total(text: str) -> bool:
    """Does a clause with a figure of its own say it is a total? ("It is the 68th such drawdown since February 2022;
    the previous one was worth $250 million" does not: its "since" and its figure are in different clauses.)"""
    return any(_STATES_TOTAL.search(clause) and _FIGURE.search(clause) for clause in _CLAUSE_BREAK.split(text))


_CLAUSE_BREAK = re.compile(r";|\s[–—]\s")
# A figure that is no year and no ordinal: "$250 million", "£1.6bn", "six thousand", not "2022" or "68th".
_FIGURE = re.compile(
    rf"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:bn|m|k)?(?!\w)|\b(?:{NUMBER_WORD_PATTERN})\b", re.IGNORECASE
)


# Currencies that belong to one country, and the words that name it in a question.
_NATIONAL_CURRENCY = {
    "JPY": re.compile(r"\b(?:Japan|Japanese|Tokyo)\b"),
    "CAD": re.compile(r"\b(?:Canada|Canadian|Ottawa)\b"),
    "GBP": re.compile(r"\b(?:Britain|British|UK|U\.K\.|London|United Kingdom)\b"),
    "NOK": re.compile(r"\b(?:Norway|Norwegian|Oslo)\b"),
    "SEK": re.compile(r"\b(?:Sweden|Swedish|Stockholm)\b"),
    "DKK": re.compile(r"\b(?:Denmark|Danish|Copenhagen)\b"),
    "CHF": re.compile(r"\b(?:Switzerland|Swiss|Bern)\b"),
}


def _converted_from(text: str, fig: Figure) -> str | None:
    """The currency of the amount ``fig`` restates: "C$120 million ($86 million)" -> "CAD" for the dollars."""
    before = text[max(0, fig.start - 40) : fig.start]
    if not re.search(r"\(\s*(?:about|around|roughly|some|approximately|or|c\.)?\s*$", before):
        return None
    amounts = find_money(before)
    return amounts[-1].currency if amounts else None


def _currencies_asked(question: str) -> set[str]:
    q = question.lower()
    return {
        code
        for code, words in _CURRENCY_WORDS.items()
        if any((w in q) if not w.isalpha() else re.search(rf"\b{w}s?\b", q) for w in words)
    }


# A contrast starts another clause: "designated 16 entities and three individuals, while the State Department
# added nine entities and two individuals".
_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though)\b|;")
_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][\w-]+")


def _names_share(text: str, fig: Figure, question: str) -> float | None:
    """The share of the question's names ("State Department") in the figure's own clause, when the sentence
    has clauses that hold them unevenly; None when the clauses don't tell figures apart."""
    names = {m.group(0) for m in _NAME.finditer(question.strip())}
    cuts = [0, *(m.start() for m in _CONTRAST.finditer(text)), len(text)]
    if not names or len(cuts) < 3:
        return None
    clauses = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    shares = [sum(bool(re.search(rf"\b{re.escape(n)}\b", c)) for n in names) / len(names) for c in clauses]
    if len(set(shares)) < 2:
        return None
    # A figure put together from several words of the passage ("117 more shadow fleet tankers") has no place in
    # it (start -1), so no clause of its own.
    own = next((i for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)) if a <= fig.start < b), None)
    return shares[own] if own is not None else None


def _closeness(text: str, fig: Figure, terms: Mapping[str, float]) -> float:
    """The question's words around ``fig``, each weighted by how near it stands."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    first = next((i for i, (s, w) in enumerate(words) if s + len(w) > fig.start), len(words))
    last = next((i for i, (s, _) in enumerate(words) if s >= fig.end), len(words)) - 1
    score = 0.0
    seen: set[str] = set()
    for i, (_, w) in enumerate(words):
        if first <= i <= last:
            continue
        d = first - i if i < first else i - last
        if d > _WINDOW:
            continue
        for t in tokens(w):
            if t in terms and t not in seen:
                seen.add(t)
                score += terms[t] / d
    return score


def is_total(text: str, fig: Figure) -> bool:
    # "the number of tankers Britain has listed to 167" is read whole; what comes before its number counts too.
    number = re.search(r"\d[\d,.]*\s*$", fig.text)
    at = fig.start + number.start() if number else fig.start
    return any(_TOTAL_BEFORE.search(text[max(0, start - 160) : start]) for start in {fig.start, at})


# A figure from a lower-ranked passage must stand this much nearer the question's words per rank.
_RANK_COST = 0.75


# "What's the new cap?" asks for where a change ended: "lowered that ceiling to $47.60", not "from $60".
_NEW_Q = re.compile(r"\b(?:new|latest|current|currently|now|revised|lowered|raised|reduced|cut)\b", re.IGNORECASE)
_CHANGED_TO = re.compile(
    r"\b(?:lower|cut|rais|reduc|increas|set|lift|hik|slash|trim|drop|chang|revis|tighten|loosen)\w*\b[^.;]{0,50}"
    r"\bto\s+(?:a\s+)?(?:more than|about|around|roughly|some|nearly|almost|over)?\s*$",
    re.IGNORECASE,
)
_CHANGED_FROM = re.compile(r"\bfrom\s+(?:the\s+|a\s+|its\s+)?(?:previous\s+|earlier\s+|old\s+)?$", re.IGNORECASE)


# A count without a number: "dozens of", "hundreds of", "several".
_VAGUE = re.compile(r"^(?:dozens|hundreds|thousands|scores|several|many|a few|some)\b", re.IGNORECASE)
# The question asks for the latest addition, and the words that mark a figure as one.
_LATEST_Q = re.compile(r"\b(?:this time|latest|newest|fresh|another|additional|this round|new)\b", re.IGNORECASE)
_ADDED_BEFORE = re.compile(
    r"\b(?:another|a further|further|an additional|additional|a fresh|fresh|a new|new)\s+"
    r"(?:(?:about|around|some|nearly)\s+)?$",
    re.IGNORECASE,
)


# A month the question names, and one a figure is said of right after it ("€4.8 billion in October").
_MONTH_Q = re.compile(rf"\b(?:{MONTH_PATTERN})\b", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"[^.;:,]{{0,25}}?\b(?:in|for|during|of)\s+({MONTH_PATTERN})\b", re.IGNORECASE)


def _score(text: str, fig: Figure, question: str, terms: Mapping[str, float], several: bool) -> float:
    s = _closeness(text, fig, terms)
    if several and _NEW_Q.search(question):
        before = text[max(0, fig.start - 120) : fig.start]
        if _CHANGED_TO.search(before):
            s += 2.0
        elif _CHANGED_FROM.search(before):
            s -= 2.0
    currencies = _currencies_asked(question)
    if currencies and fig.currency:
        s += 3.0 if fig.currency in currencies else -3.0
    elif (national := _converted_from(text, fig) or fig.currency) in _NATIONAL_CURRENCY:
        # "How much energy aid is Japan giving?" is not answered by "C$35 million" (nor by its "($25 million)"):
        # a national currency is its country's money, and the question asks about another country's.
        asked = {code for code, pattern in _NATIONAL_CURRENCY.items() if pattern.search(question)}
        if asked and national not in asked:
            s -= 3.0
    # "How much of the Dutch money goes to demining?": the whole is named as the Netherlands'; the part asked for
    # is the figure nearest what it goes to, whichever clause names the donor.
    if several and not _PART_OF_Q.search(question) and (share := _names_share(text, fig, question)) is not None:
        s += 2.0 * share - 1.0  # the figure in the clause that names who the question asks about
    if several and about_another_country(question, text):
        s -= 2.0  # "Bulgaria announced its new aid package, worth €210m" does not answer for Romania
    placed = fig.start >= 0  # a figure put together from several words has no place of its own
    # "… since February 2022" makes a running total only for a question that asks for one in words ("in total",
    # "since 2022"); "What is the cap now?" asks for a level, which "since 2022" merely dates.
    since = placed and not is_total(text, fig) and since_the_start(text, fig.start, fig.end)
    running = is_total(text, fig) or (since and asks_stated_total(question))
    if several and running != asks_total(question) and not _would_become(text, fig, question):
        s -= 2.0
    elif several and since and not running:
        s -= 2.0  # "How much is Germany spending this year?" is not answered by "€28 billion … since 2022"
    earlier = placed and not running and said_of_the_past(text, fig.start, fig.end)
    if several and earlier and not asks_another_time(question):
        s -= 2.0  # "How big is the Swedish package?" is not answered by "Its previous package … 10 billion kronor"
    if several and placed and combined(text, fig.start, fig.end, _one_name(question)):
        s -= 2.0  # "How big is Germany's package?": not the "$2.6 billion combined" of three donors
    if several and placed and (verb_asked := question_class(question)) is not None:
        # "How many drones were shot down?" next to "launched 63 drones …, of which 41 were shot down": the figure
        # the verb of downing governs.
        done = figure_class(text, fig.start, fig.end)
        if done is not None and done != verb_asked:
            s -= 2.0
    if several and placed and (purpose := _PURPOSE_Q.search(question)) is not None:
        # "How much is Norway giving for the power grid?" of "4.5 billion kronor to buy NASAMS …, plus a separate 1.2
        # billion kronor for repairs to the Ukrainian power grid": the sum whose own words tell the purpose asked.
        rest = re.sub(r"^\s*\([^)]*\)", "", text[fig.end :])  # past its conversion: "($110 million)"
        after = re.split(r"[;:]|,\s+(?:and|plus|while)\b|\d", rest, maxsplit=1)[0]
        wanted = set(tokens(purpose.group(1))) - _GIVING_WORDS
        if wanted and wanted <= set(tokens(after)):
            s += 1.5
    if several and placed and _SHARE_OF_TOLD.search(text[: fig.start]) and not _ANY_PART_Q.search(question):
        # "How much is Austria giving?" next to "… announced 38 million euros. Of that, 25 million euros will go to …":
        # a share of the sum told before answers only a question about what the share is for.
        clause = re.split(r"[;:]|,\s+and\b", text[fig.end :], maxsplit=1)[0]
        # (the giver's name is in every share's sentence; what the share is for is not)
        asked = {t for t, w in terms.items() if w >= 1.0} - COUNTRIES - _GIVING_WORDS
        if not asked & set(tokens(clause)):
            s -= 2.0
    if refuted_before(text, fig.start) or discredited(text, fig.start):
        # "dismissed a report … that the package would be worth up to 5 billion euros", "A post claimed the loan was
        # worth eight billion euros; the ministry dismissed the claim …": not the article's figure
        s -= 3.0
    if several and (month := _MONTH_Q.search(question)) is not None:
        # "What did the tracker record for October?": "€3.5 billion in November, down from €4.8 billion in October"
        # is answered by the figure the month is said of, right after it.
        said_of = _MONTH_AFTER.match(text[fig.end : fig.end + 40])
        if said_of is not None:
            s += 2.0 if said_of.group(1).lower() == month.group(0).lower() else -2.0
    if several and _VAGUE.match(fig.text):
        s -= 1.5  # "dozens of Russian individuals" beside "14 individuals": the exact figure answers "how many"
    if several and _LATEST_Q.search(question) and not asks_total(question):
        # "How much is Tokyo putting up this time?": "another $1.3 billion", not the total it brings support to.
        if is_total(text, fig) or SINCE_START.search(text):
            s -= 1.0  # "… more than C$19.5 billion since February 2022, including C$4.5 billion in military aid": to date
        elif _ADDED_BEFORE.search(text[max(0, fig.start - 30) : fig.start]):
            s += 1.0
    # What a side sends is its own, what it shoots down the other's: "How many drones did Russia send?" is
    # not answered by "48 Ukrainian drones", "How many did Russia shoot down?" is.
    asked_sides = {side for side, words in _SIDES.items() if words.search(question)}
    fig_sides = {side for side, words in _SIDES.items() if words.search(fig.text)}
    if len(asked_sides) == 1 and len(fig_sides) == 1:
        own = fig_sides == asked_sides
        if (_SENDING.search(question) and not own) or (_DOWNING.search(question) and own):
            s -= 2.0
    if several and _IF_Q.search(question):
        # "How many vessels would be on the list if the package passes?": the figure told as what would be
        # ("the blacklist would climb to 700 ships"), not the one that is ("bringing the total to 557").
        s += 1.5 if _WOULD_BEFORE.search(text[max(0, fig.start - 60) : fig.start]) else -0.5
    return s


def _one_name(question: str) -> str | None:
    names = {m.group(0) for m in _NAME.finditer(question.strip())}
    return names.pop() if len(names) == 1 else None


def _would_become(text: str, fig: Figure, question: str) -> bool:
    """ "the blacklist would climb to 700 ships" for "How many vessels would be on the list in total if …?": what a
    count would reach is the total the question asks for."""
    before = text[max(0, fig.start - 60) : fig.start]
    return bool(_IF_Q.search(question) and _WOULD_BEFORE.search(before) and re.search(r"\bto\s+$", before))


# "Of that, 25 million euros …", "Of the total, …": a sum told as a share of one told before.
# What a sum is asked for: "How much is Norway giving for the power grid?".
_PURPOSE_Q = re.compile(r"\bhow\s+much\b.*?\b(?:for|towards?)\s+(?:the\s+|its\s+|their\s+)?([^?]+?)\s*\??$", re.IGNORECASE)
_ANY_PART_Q = re.compile(r"\bhow\s+much\s+of\b", re.IGNORECASE)
_GIVING_WORDS = frozenset(tokens("give giving gave given pledge pledged send sending provide providing ukraine kyiv"))
# (a sentence that opens so tells shares in each of its clauses: "Of that, X will go to …, and Y will pay for …")
_SHARE_OF_TOLD = re.compile(
    r"\b[Oo]f (?:that|this|it|which|the (?:total|sum|money|amount|package))\s*,?\s*(?:about |some |roughly |nearly )?$|"
    r"^\W*Of (?:that|this|the (?:total|sum|money|amount|package))\s*,"
)
_PART_OF_Q = re.compile(r"\bhow\s+much\s+of\s+(?:the|this|that|its|their)\b", re.IGNORECASE)
# A question about what would be, on a condition: "… if the package passes?", "… should the deal go through?"
_IF_Q = re.compile(r"\bwould\b.*\b(?:if|once|when|should)\b|\b(?:if|once)\b.*\bwould\b", re.IGNORECASE)
# A figure in a clause of what would be: "the blacklist would climb to 700 ships".
_WOULD_BEFORE = re.compile(r"\b(?:would|will)\b[^.;:!?]*$", re.IGNORECASE)


@lru_cache(maxsize=512)
def _discredited_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(discredited_spans(text, parsed(text)))  # the passage's one cached parse, shared with figure_verb


@lru_cache(maxsize=512)
def posted_only(text: str) -> bool:
    """Are the passage's figures all what an unowned post or rumour tells (see ``rejected.posted_figures_only``)?"""
    return posted_figures_only(parsed(text))


def discredited(text: str, start: int) -> bool:
    """Does the passage itself call false what it says at ``start`` (see ``rejected.discredited_spans``)?"""
    return any(a <= start < b for a, b in _discredited_spans(text))


def rejected_by_next(text: str, following: str | None) -> bool:
    """Does the next passage call what ``text`` said false ("… claimed the package was worth 2.5 billion euros."
    then "The ministry called the figure “pure fantasy”")? Read from the parse of the two together."""
    if not following:
        return False
    end = len(text.rstrip())
    return any(a < end <= b for a, b in _discredited_spans(f"{text.rstrip()} {following}"))


def pick(text: str, figures: Sequence[Figure], question: str, terms: Mapping[str, float]) -> Figure | None:
    """The figure of ``text`` the question asks about; the first on a tie."""
    found = pick_across([(text, list(figures))], question, terms)
    return found[1] if found else None


# A figure given as the update of an earlier one ("the number injured has risen to 14", "now stands at").
_UPDATED = re.compile(r"\b(?:has|have|had)\s+(?:risen|climbed|grown|increased)\s+to\s+$|\bnow\s+stands\s+at\s+$")
_UPDATE_BONUS = 3.0


def pick_across(
    passages: Sequence[tuple[str, Sequence[Figure]]], question: str, terms: Mapping[str, float]
) -> tuple[str, Figure] | None:
    """The figure the question asks about among passages in rank order: a lower-ranked passage's figure
    wins only when the question's words stand clearly nearer it."""
    several = sum(len(figs) for _, figs in passages) > 1
    best: tuple[float, str, Figure] | None = None
    for rank, (text, figures) in enumerate(passages):
        own = _respective(text, figures, terms) or breakdown_figure(text, figures, terms)
        for fig in figures:
            s = _score(text, fig, question, terms, several) - rank * _RANK_COST
            if _UPDATED.search(text[: fig.start]):
                s += _UPDATE_BONUS  # "… has risen to 14": a later figure for the same count replaces the first
            if own is not None and fig is not own:
                s -= 3.0  # another name's figure; the passage's own rank still weighs against other passages
            if best is None or s > best[0]:
                best = (s, text, fig)
    return (best[1], best[2]) if best else None


def totals(text: str) -> list[Figure]:
    """Bare numbers that state a running total ("taking the total to 153"), read as a count of what the sentence counts."""
    out = []
    for m in re.finditer(r"\b\d[\d,.]*\b", text):
        fig = Figure(m.group(0), m.start(), m.end())
        if is_total(text, fig):
            out.append(fig)
    return out


def _respective(text: str, figures: Sequence[Figure], terms: Mapping[str, float]) -> Figure | None:
    """ "Germany and the Netherlands pledged 500 million euros and 300 million euros respectively": the figure
    in the place of the name the question asks about; None when the passage pairs nothing."""
    if "respectively" not in text or len(figures) < 2:
        return None
    # The figures the "respectively" pairs are the ones before it ("… and C$400 million for armoured vehicles,
    # respectively, while Norway committed NOK 4 billion": Norway's sum is its own).
    figures = [f for f in figures if f.start < text.index("respectively")] or list(figures)
    joined = [m for m in JOINED_NAMES.finditer(text[: figures[0].start])]
    if not joined:
        return None
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", joined[-1].group(0))
    if len(names) != len(figures):
        return None
    asked = [i for i, name in enumerate(names) if set(tokens(name)) & set(terms)]
    return figures[asked[0]] if len(asked) == 1 else None


def with_conversion(text: str, fig: Figure) -> str:
    """The figure with the conversion that follows it, when there is one: "4.5 billion kroner (about $630 million)"."""
    m = _CONVERSION_AFTER.match(text[fig.end :])
    if m and re.search(r"\d", m.group(0)):
        return (fig.text + text[fig.end : fig.end + m.end()]).strip(" ,")
    return fig.text


_NUMBER = re.compile(r"\d[\d,]*")
_BARE = re.compile(r"\b\d[\d,]*\b")


def bare_figures(text: str, after: int = 0) -> list[Figure]:
    """Every number in ``text`` from ``after`` on, with nothing it counts: the figures a breakdown may give."""
    return [Figure(m.group(0), m.start(), m.end()) for m in _BARE.finditer(text, after)]


# A figure and the place it is for, in a breakdown: "including 38 over Samara Oblast, 27 over Bryansk Oblast".
_PLACED = re.compile(
    r"\s*(?:of\s+(?:them|those)\s+)?(?:were\s+|was\s+)?(?:over|in|near|above|around|across|for|from)\s+"
    r"((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:\s+(?:region|oblast|province|district)\b)?)"
)


def breakdown_places(text: str, figures: Sequence[Figure]) -> list[tuple[Figure, set[str], int]]:
    """The figures of a breakdown by place, each with its place's words and where the place ends; empty unless two
    or more figures are each followed by a place."""
    placed = [(fig, set(tokens(m.group(1))), m.end()) for fig in figures if (m := placed_after(text, fig)) is not None]
    if len(placed) == 1 and _SHARE_BEFORE.search(text[: placed[0][0].start]):
        return placed  # "87 Ukrainian drones overnight, 19 of them over the Samara region": one place's share
    return placed if len(placed) >= 2 else []


# A count told as a share of the one before it: "…, 19 of them over …", "…, including 38 over …", "among them 19 over".
_SHARE_BEFORE = re.compile(r"(?:,|\bincluding|\bamong\s+them)\s*$")


# The noun a count carries between its number and its place: " Russian assaults".
_COUNTED_NOUN = re.compile(r"(?:\s+(?!(?:over|in|near|above|around|across|for|from|of)\b)[A-Za-z’'-]+){0,3}")


def placed_after(text: str, fig: Figure) -> re.Match[str] | None:
    """The place right after a figure's number ("38 over Samara Oblast")."""
    number = _NUMBER.match(text, fig.start)
    if number is None:
        return None
    # "38 Russian assaults near Kupiansk, 27 near Siversk": the first figure may carry its noun before its place.
    noun = _COUNTED_NOUN.match(text, number.end())
    return _PLACED.match(text, number.end()) or (_PLACED.match(text, noun.end()) if noun else None)


def breakdown_figure(text: str, figures: Sequence[Figure], terms: Mapping[str, float]) -> Figure | None:
    """ "… 121 drones, including 38 over Samara Oblast, 27 over Bryansk Oblast …": the figure for the place the
    question names (by a word the other places do not share)."""
    placed = breakdown_places(text, figures)
    if not placed:
        return None
    seen = [w for _, words, _ in placed for w in words]
    own = {t for t, weight in terms.items() if weight >= 1.0}  # the question's own words, not the thread's
    asked = [fig for fig, words, _ in placed if {w for w in words if seen.count(w) == 1} & own]
    return asked[0] if len(asked) == 1 else None
