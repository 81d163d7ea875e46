"""Answer-type checks: does a text state the sort of fact a question asks for (a date, an amount, a count of its noun)?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.figures import find_money, word_number
from bot.language import MONTH_PATTERN, WEEKDAY_PATTERN, strip_dateline
from bot.qa.figure_verb import parts_done, question_class
from bot.qa.intent import Intent
from bot.qa.lexicon import (
    COUNT_SYNONYMS,
    GENERIC_MONEY,
    PLACE_NOUNS,
    REASON_CUES,
    SPEECH,
    WEAPON_WORDS,
    stem,
    stems,
    tokens,
    word_set,
)
from bot.qa.lists import respective
from bot.qa.passages import Passage

_DATE = re.compile(
    rf"\b(?:{MONTH_PATTERN}\s+\d{{1,2}}\b|\d{{1,2}}\s+{MONTH_PATTERN}|(?:early|mid|late|end of|beginning of|in|since|"
    rf"until|by|from|on|that)\s+(?:the\s+)?(?:{MONTH_PATTERN})|{MONTH_PATTERN}\s+(?:19|20)\d\d|\b(?:1[5-9]|20)\d\d\b|"
    rf"{WEEKDAY_PATTERN}|yesterday|last (?:week|month|year))",
)
_FUTURE_TIME = re.compile(
    rf"\b(?:{MONTH_PATTERN}|(?:19|20)\d\d|(?:next|coming|following) (?:week|month|year|spring|summer|autumn|"
    rf"winter|weeks|months|days)|within (?:\w+ )?(?:days|weeks|months|years)|in the coming \w+|"
    rf"later (?:this|in the) \w+|(?:this|next) (?:spring|summer|autumn|fall|winter)|by the end of|"
    rf"before the end of|(?:before|by|until|in|over|during) the (?:spring|summer|autumn|fall|winter)|"
    rf"(?:early|mid|late)-\d{{4}}|tomorrow|soon)\b|"
    # "Ambassadors will try again on Friday": a weekday after "will" is a day to come ("said on Monday" is not)
    rf"\bwill\b[^.;]{{0,40}}?\bon {WEEKDAY_PATTERN}\b"
)
# "sent in 2022", "since March": a time already past is no time to come.
PAST_TIME = re.compile(
    rf"\b(?:\w+ed|sent|gave|made|bought|sold|built|won|lost|held|had|was|were|began|took|"
    rf"since)\s+(?:in\s+)?(?:{MONTH_PATTERN}\s+)?(?:19|20)\d\d\b|\bsince\s+{MONTH_PATTERN}|"
    # "since Russia's full-scale invasion in February 2022"
    rf"\bsince\b[^.;]{{0,50}}?\b(?:{MONTH_PATTERN}\s+)?(?:19|20)\d\d\b|"
    # "a Pentagon spokesperson confirmed on Nov. 25": when it was said, not when anything will happen
    rf"\b(?:said|confirmed|announced|told|reported|added|stated|wrote|declared|disclosed)\b[^.;]{{0,30}}?"
    rf"\bon\s+(?:{WEEKDAY_PATTERN},?\s+)?(?:{MONTH_PATTERN}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_PATTERN})(?:,?\s*(?:19|20)\d\d)?"
)
# A written-out date, for naming it in the answer's lead ("January 1, 2027", and in British copy "January 1 2027").
EXACT_DATE = re.compile(
    rf"\b(?:{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}\s+{MONTH_PATTERN}(?:\s+(?:19|20)\d\d)?|"
    rf"{MONTH_PATTERN}\s+(?:19|20)\d\d)\b"
)
_MONTH_WORD = re.compile(rf"^{MONTH_PATTERN}$|^{WEEKDAY_PATTERN}$")
# "40 km", "twelve kilometres (seven miles)": a distance in figures or in words.
DISTANCE = re.compile(
    r"\b(?:\d[\d,.]*\s?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a few|several|dozens of|hundreds of)[\s-])"
    r"(?:km|kilomet(?:re|er)s?|met(?:re|er)s|miles?|mi)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds?|"
    r"thousands?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|eighteen|fifteen|thirteen|"
    r"fourteen|sixteen|seventeen|nineteen)$",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a couple of)"
    r"(?:[\s-]+(?:more|further|straight|consecutive))?[\s-]+(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\b",
    re.IGNORECASE,
)
# How a running count is said to stand: "to", "now stands at", "has risen to".
_STANDS_AT = (
    r"(?:to|at|is|was|now stands at|stands at|reached|rose to|rises to|to more than|to about|"
    r"(?:has|have|had)\s+(?:risen|climbed|grown|increased)\s+to)"
)
_TOTAL_OF = re.compile(
    rf"\b(?:total|number)\s+(?:number\s+)?of\s+(?P<noun>(?:[A-Za-z][\w'’-]*\s+){{1,6}}?){_STANDS_AT}\s+"
    r"(?P<number>\d[\d,]*)\b"
)
# "The death toll from this morning's strike has risen to 11".
_TOLL_TO = re.compile(rf"\b(?:death\s+)?toll\b[^.;:]{{0,80}}?\b{_STANDS_AT}\s+(?:at least\s+)?(?P<number>\d[\d,]*)\b")
_SCALE_WORDS = word_set("million billion trillion thousand hundred")
_CALIBRE = re.compile(r"\b\d{2,3}(?:\.\d)?[\s-]?(?:mm|millimet(?:re|er)s?)\b", re.IGNORECASE)
# (A calibre is no count either: "155 mm artillery shells", "35-millimetre rounds".)
_UNIT_WORDS = word_set(
    "bn mn percent per cent % tonnes tons km kilometres miles euros dollars pounds mm millimetre millimeter "
    "millimetres millimeters calibre caliber"
)
_WORD = re.compile(r"[A-Za-z0-9][\w,.'’-]*|[%€$£]")
# A result such as "4-3" or "52–48" (not "F-16", not "2022-2025").
SCORE = re.compile(r"(?<![\w.-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\w.-])")
# A name after a place preposition: "travel to Oulu", "in Kharkiv", "near the Vovchansk".
_PLACE = re.compile(r"\b(?:in|at|to|near|from|towards?|outside|around|into|across|over)\s+(?:the\s+)?[A-Z][a-z]")
# Opening quotes and dashes, so that a quote's first word is not taken for a name.
_OPENING = re.compile(r"^[\s\"'“‘(\[–—-]+")
# An extent in words: "two-thirds of the town", "about a fifth", "half", "most of it".
_SHARE = re.compile(
    r"\b(?:(?:one|two|three|a)[- ](?:half|third|quarter|fifth|tenth)s?|half|thirds?|quarters?|"
    r"fifths?|most|majority|bulk|all but)\b",
    re.IGNORECASE,
)
_UNIT_PRICE_AFTER = re.compile(
    r"\s*(?:(?:a|an|per)\s+(?:barrel|tonne|ton|unit|shell|round|missile|drone|litre|liter|gallon|share|kilogram|kg)\b|"
    r"(?:each|apiece)\b)",
    re.IGNORECASE,
)
_PRICE_Q = re.compile(r"\b(?:price|prices|priced|cap|ceiling|rate|tariff|fee)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"\b(?:each|per|apiece|a piece|a unit|a (?:shell|round|missile|drone|barrel|tonne))\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[- ][A-Z][\w-]+)*")


# Words for people killed or wounded: a "how many casualties" is answered by a number of people hurt.
_CASUALTY = stems("casualty loss dead die kill killed wound wounded injure injured")


_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|CET|EET|BST|ET|EST|EDT|local time)?", re.IGNORECASE)


def count_phrases(
    text: str, focus: list[str], modifiers: list[str], *, skip: frozenset[str] = frozenset(), lost: bool = False
) -> Iterator[str]:
    """Every "594 Russian servicemen" phrase in ``text`` that a "how many" question's noun counts;
    numbers in ``skip`` (the question's own: "how many of the six missiles") are no answer. ``lost``: the question
    asks how many were lost, so the side that lost them names them ("Ukraine had lost up to 1,260 servicemen")."""
    if not focus:
        return
    # A clock time ("13:30 GMT — The death toll …", a live blog's entry) counts nothing.
    text = _CLOCK_TIME.sub(lambda m: " " * len(m.group(0)), text)
    wanted: set[str] = set()
    for head in focus:
        wanted |= COUNT_SYNONYMS.get(head, frozenset({head}))
    if wanted & _CASUALTY:
        # "How many casualties/losses": "14 crew members were killed", "4,000 North Koreans" count them.
        wanted |= _CASUALTY | COUNT_SYNONYMS[stem("people")] | COUNT_SYNONYMS[stem("troop")]
    people = bool(wanted & (COUNT_SYNONYMS[stem("people")] | COUNT_SYNONYMS[stem("troop")]))
    yield from _counts_before_nouns(text, wanted, modifiers, people, skip, lost=lost)
    if wanted & _CASUALTY:
        for m in _TOLL_TO.finditer(text):
            # "The death toll from this morning's strike has risen to 11": the toll is the count of the dead.
            if m.group("number") not in skip:
                yield m.group(0)
    for m in _TOTAL_OF.finditer(text):
        # "takes the total number of listed vessels to 342", "brings the number of ships on the EU's list to 342":
        # the count comes after the thing counted (after any count of the usual shape, which is what was added).
        if set(tokens(m.group("noun"))) & wanted and m.group("number") not in skip:
            yield m.group(0)


def _counts_before_nouns(
    text: str, wanted: set[str], modifiers: list[str], people: bool, skip: frozenset[str], *, lost: bool = False
) -> Iterator[str]:
    """ "594 Russian servicemen", "a six-point deduction": a number, then (perhaps after its modifiers) the noun."""
    # "3,000 155 mm artillery shells": the calibre is one modifier word, never a count.
    words = _WORD.findall(_CALIBRE.sub(lambda m: re.sub(r"[\s-]", "", m.group(0)), text))
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
        if not (compound or _NUMBER_WORD.match(bare)) or re.fullmatch(r"(?:19|20)\d\d", bare) or bare.lower() in skip:
            continue
        if _model_number(words, i):
            continue  # "20 Leopard 1 tanks": the 1 names the model; 20 counts the tanks
        if (i + 1 < len(words) and _MONTH_WORD.match(words[i + 1].strip(",."))) or (
            i > 0 and _MONTH_WORD.match(words[i - 1].strip(",."))
        ):
            continue  # "25 September" and "June 3" are dates, not counts
        if i > 0 and words[i - 1] in "€$£":
            continue  # "£3 billion a year" is money, not a count of years
        if (
            i + 1 < len(words)
            and words[i + 1].lower() in _BARE_COUNT_VERBS
            and (i == 0 or words[i - 1].endswith((",", ";", ":")))
            and not modifiers
        ):
            # "Six are in Turkey.": a number standing for the things the sentence before counted.
            yield str(word).strip(",.")
            continue
        if (
            i + 1 < len(words)
            and words[i + 1].lower() in _BARE_COUNT_VERBS
            and i > 0
            and words[i - 1].endswith(",")
            and _part_of_the_counted(words, i, wanted, modifiers)
        ):
            # "Of the drones destroyed overnight, 41 were brought down over the Bryansk region": the opening names
            # what the bare number counts, and the rest of its clause where.
            yield str(word).strip(",.")
            continue
        if i > 0 and i + 1 < len(words) and words[i + 1].lower().strip(",.") == "times":
            # "Russian troops attacked 54 times": the things counted named by the verb just before.
            verb = tokens(" ".join(words[max(0, i - 2) : i]))
            if any(t in wanted for t in verb) and all(m in tokens(" ".join(words[max(0, i - 6) : i])) for m in modifiers):
                yield " ".join(words[i : i + 2]).strip(",.")
                continue
            continue
        between: list[str] = []
        for n, nxt in enumerate(words[i + 1 : i + 8]):
            low = nxt.lower().strip(",.")
            if low in _SCALE_WORDS:
                continue  # "1 million barrels"
            if _model_number(words, i + 1 + n):
                between.append(low)
                continue
            if low in _UNIT_WORDS or low in "€$£" or _NUMBER_WORD.match(low):
                break  # an amount of money, a distance or a share is not a count of things
            toks = tokens(nxt)
            if (
                people
                and modifiers
                and toks
                and toks[0] in modifiers
                and nxt[:1].isupper()
                and all(t in modifiers for t in between)
            ):
                # "about 4,000 North Koreans": the people named by the modifier are what is counted.
                between.extend(toks)
                word_ = nxt.strip(",.;:")
                if word_.endswith("s") and not word_.endswith(("'s", "’s")) and all(m in between for m in modifiers):
                    yield " ".join(words[i : i + 2 + n]).strip(",.")
                    break
                continue
            if toks and toks[0] in wanted:
                if (
                    all(m in between for m in modifiers)
                    or _modified_before(words, i, modifiers, n, people=people, losses=lost or bool(wanted & _CASUALTY))
                    or _modified_after(words, i + 2 + n, modifiers)
                ):
                    end = i + 2 + n
                    while end < len(words) and not words[end - 1].endswith((",", ".")):
                        # "armoured vehicles", "individuals and companies": every word the question asks about
                        step = 2 if words[end].lower() in ("and", "or") and end + 1 < len(words) else 1
                        nxt = tokens(words[end + step - 1])
                        if not nxt or nxt[0] not in wanted:
                            break
                        end += step
                    first = _number_start(words, i)  # "One hundred and seventeen more vessels", whole
                    partitive = i >= 3 and words[i - 1].lower() == "the" and words[i - 2].lower() == "of"
                    if partitive and _NUMBER_WORD.match(words[i - 3].strip(",.")):
                        first = i - 3  # "71 of the 90 drones": the part and the whole, together
                    yield " ".join(words[first:end]).strip(",.")
                    break
                break
            between.extend(toks)
            parts = nxt.strip(",.").split("-")
            if len(parts) >= 3:
                between.append("".join(part[:1] for part in parts).lower())  # "first-person-view" is FPV
            if nxt.endswith((",", ".")):
                break


def _part_of_the_counted(words: list[str], i: int, wanted: set[str], modifiers: list[str]) -> bool:
    """Does the sentence open with "Of the <things counted> …," right before the number, with the question's
    modifiers in the number's own clause or in that opening?"""
    start = i - 1
    while start > 0 and not words[start - 1].endswith((".", ";", ":")) and i - start < 12:
        start -= 1
    opening = [w.lower().strip(",.") for w in words[start:i]]
    if opening[:2] != ["of", "the"] or not set(tokens(" ".join(opening[2:]))) & wanted:
        return False
    end = i + 1
    while end < len(words) and not words[end - 1].endswith((",", ".", ";")):
        end += 1
    said = set(tokens(" ".join(words[start:end])))
    return all(m in said for m in modifiers)


_NOT_NOUNS = frozenset({"more", "of", "and", "or", "to", "in", "on", "for", "were", "are", "was", "is", "will", "each"})


def _number_start(words: list[str], i: int) -> int:
    """Where the number ending at ``words[i]`` begins: "One hundred and seventeen" is one number."""
    j = i
    while j > 0:
        before = words[j - 1].lower()
        joins = before == "and" and j > 1 and words[j - 2].lower() in ("hundred", "thousand")
        if joins or (before.isalpha() and _NUMBER_WORD.match(before) and not words[j - 1].endswith((",", "."))):
            j -= 1
        else:
            break
    return j


def _model_number(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the number of a model named by the capitalised word before it ("Leopard 1", "Mirage 2000")?"""
    before = words[i - 1] if i > 0 else ""
    after = words[i + 1].strip(",.;:") if i + 1 < len(words) else ""
    # A noun follows a model's number ("Leopard 1 tanks"), not a gapped count ("and Denmark 19.", "Poland 4 more").
    noun_after = after.isalpha() and after.islower() and after not in _NOT_NOUNS
    return i > 1 and before[:1].isupper() and before.isalpha() and bool(re.fullmatch(r"\d{1,4}", words[i])) and noun_after


def count_match(
    text: str, focus: list[str], modifiers: list[str], *, skip: frozenset[str] = frozenset(), lost: bool = False
) -> str | None:
    """The first phrase ``count_phrases`` finds, if any."""
    return next(count_phrases(text, focus, modifiers, skip=skip, lost=lost), None)


# "How many troops were lost", "How many soldiers did Ukraine lose": a count of losses, whatever noun it counts.
LOST_Q = re.compile(r"\b(?:lost|lose|loses|losing)\b", re.IGNORECASE)


_LOSS = stems("loss")
_BARE_COUNT_VERBS = frozenset({"are", "were", "remain", "remained"})


_FORCES = stems("troop force soldier unit army")


_LOSING = frozenset({"lose", "lost", "loss"})


def _modified_after(words: list[str], end: int, modifiers: list[str]) -> bool:
    """ "300 guided missiles for the IRIS-T systems": the name that says whose things are counted, in a "for" or
    "of" phrase right after them."""
    if not modifiers or end >= len(words) or words[end - 1].endswith((",", ".")):
        return False
    if words[end].lower() not in ("for", "of", "from"):
        return False
    after = tokens(" ".join(words[end + 1 : end + 4]))
    return all(m in after for m in modifiers)


def _modified_before(
    words: list[str], i: int, modifiers: list[str], n: int, *, people: bool = False, losses: bool = False
) -> bool:
    """ "Russian losses … at 1,690 troops, 11 tanks": a tally of one side's losses names whose things are
    counted once, ahead of the list, as long as no other name stands between a number and its noun."""
    if not modifiers or any(w[:1].isupper() for w in words[i + 1 : i + 1 + n]):
        return False
    before = [tokens(w)[:1] for w in words[:i]]
    tallied = {t[0] for t, nxt in zip(before, before[1:], strict=False) if t and nxt and nxt[0] in _LOSS}
    if losses:
        # "How many Ukrainian losses …?" of "Ukraine had lost up to 190 servicemen": the side that lost them, a word or
        # two before the verb (asked how many were captured, a loss is no answer).
        # ("the Ukrainian Armed Forces lost up to 1,340 servicemen": a name of two words between)
        tallied |= {t[0] for k, t in enumerate(before) if t and any(b and b[0] in _LOSING for b in before[k + 1 : k + 4])}
    # "Russian troops had launched 41 assaults": the side of those who did what is counted (people counted are
    # not the doers' deeds: "Ukrainian forces had lost 210 servicemen").
    near = before[max(0, i - 6) :] if not people else []
    doers = {t[0] for t, nxt in zip(near, near[1:], strict=False) if t and nxt and nxt[0] in _FORCES}
    return all(m in tallied or m in doers for m in modifiers)


def asked_numbers(intent: Intent) -> frozenset[str]:
    """Numbers the question itself states ("six" in "how many of the six missiles…"): given, not asked."""
    return frozenset(w.lower() for w in _WORD.findall(intent.text) if _NUMBER_WORD.match(w))


def has_figure(text: str, kind: str) -> bool:
    """Does ``text`` state some figure of the loose sort a ``kind`` question wants (a date for "when")?"""
    if kind == "when":
        return bool(_DATE.search(text))
    if kind == "score":
        return bool(SCORE.search(text))
    if kind == "distance":
        return bool(DISTANCE.search(text))  # "longer-range drones" with a count is no distance
    words = [w.strip(",.;:") for w in _WORD.findall(text)]
    numbers = [
        w
        for i, w in enumerate(words)
        if _NUMBER_WORD.match(w)
        and w.lower() not in ("one",)
        and not (
            re.fullmatch(r"(?:19|20)\d\d", w)
            or (i > 0 and _MONTH_WORD.match(words[i - 1]))
            or (i + 1 < len(words) and _MONTH_WORD.match(words[i + 1]))
        )
    ]
    return bool(numbers or _SHARE.search(text) or has_money(text))


def has_money(text: str) -> bool:
    """Does ``text`` state an amount of money?"""
    return bool(find_money(text))


def only_refuted_money(texts: list[str]) -> bool:
    """Are all the sums these texts state inside reports someone dismisses ("dismissed as fabricated a document …
    that claimed Ottawa would hand Ukraine 30 billion dollars")? The article then gives no sum of its own."""
    sums = [(t, m) for t in texts for m in find_money(t)]
    return bool(sums) and all(_INSIDE_REFUTED.search(t[max(0, m.start - 240) : m.start]) for t, m in sums)


# A figure inside a report that someone dismisses or denies: "dismissed a report by the Bild daily that the package
# would be worth up to 5 billion euros", "denied reports that 200 soldiers had been captured".
# A verb of dismissing and what it dismisses: "dismissed a report", "denied claims", "rejected as fabricated a document".
_DISMISSING = r"\b(?:dismiss|denie|deny|denying|reject|rebut|refute|debunk)\w*\b"
_DISMISSED_NOUNS = r"\b(?:reports?|claims?|suggestions?|rumou?rs?|speculation|documents?|posts?|letters?|stor(?:y|ies))\b"
_REFUTED_BEFORE = re.compile(
    rf"{_DISMISSING}[^.;]{{0,80}}?{_DISMISSED_NOUNS}[^.;]{{0,80}}$",
    re.IGNORECASE,
)


# A figure inside the content of what someone dismisses ("dismissed a report … that the package was worth …"), not
# in the dismisser's own words after it ("denied the claim, saying its forces had repelled 14 assaults").
_INSIDE_REFUTED = re.compile(
    rf"{_DISMISSING}[^.;]{{0,80}}?{_DISMISSED_NOUNS}[^.;,]{{0,60}}?\b(?:that|which|claiming)\b[^.;]{{0,120}}$",
    re.IGNORECASE,
)
# A claim the article itself says is false: "A Telegram post claiming … 40 percent is not supported by any data".
_CLAIMING = re.compile(r"\b(?:claim|report|rumou?r|post|suggest|allege)\w*\b", re.IGNORECASE)
_REFUTED_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:is|are|was|were|has been|have been)\s+(?:not supported|false|untrue|baseless|fake|"
    r"unfounded|incorrect|wrong|not true)\b",
    re.IGNORECASE,
)


def refuted_claim(text: str, figure: str) -> bool:
    """Is ``figure`` part of a claim that ``text`` says is false or unsupported? It is not the article's figure."""
    at = text.find(figure)
    if at < 0:
        return False
    if _INSIDE_REFUTED.search(text[max(0, at - 240) : at]):
        return True  # "dismissed as fabricated a document … that claimed the bloc would hand Ukraine 45 billion euros"
    return bool(_CLAIMING.search(text[max(0, at - 120) : at]) and _REFUTED_AFTER.match(text[at + len(figure) :]))


# The next sentence dismissing the figure or the claim just told: "A spokeswoman called that figure “simply wrong”".
_DISMISSED_NEXT = re.compile(
    r"\b(?:that|the|this|those|these)\s+(?:figures?|numbers?|claims?|reports?|sums?|estimates?|posts?)\b[^.;]{0,40}?"
    r"[“\"]?(?:simply\s+|plainly\s+|flatly\s+)?(?:wrong|false|untrue|incorrect|inaccurate|baseless|fake|not correct|"
    r"not true)\b",
    re.IGNORECASE,
)


def dismissed_next(text: str, following: str | None) -> bool:
    """Does ``text`` tell a claim ("Posts … claim the package is worth €3.5 billion") that the sentence after it
    dismisses ("… called that figure “simply wrong”")? Its figure is not the article's."""
    return bool(following and _CLAIMING.search(text) and _DISMISSED_NEXT.search(following))


def refuted_before(text: str, start: int) -> bool:
    """Is the figure at ``start`` inside a report someone dismisses ("dismissed a report … that the package would
    be worth up to 5 billion euros")? It is not the article's figure."""
    return bool(_REFUTED_BEFORE.search(text[max(0, start - 160) : start]))


# A sum several givers put up between them, and the questions that ask for one ("What are they giving together?").
JOINT_WORDS = r"(?:combined|together|between\s+them|jointly)"
_JOINT_AFTER = re.compile(rf"^\s*(?:in\s+)?{JOINT_WORDS}\b", re.IGNORECASE)
_JOINT_BEFORE = re.compile(r"\b(?:a\s+|their\s+)?(?:combined|joint)\s+(?:total\s+of\s+)?$", re.IGNORECASE)
_ASKS_JOINT = re.compile(
    r"\b(?:combined|together|jointly|between\s+them|both|altogether|in\s+all|total|[A-Z]\w+\s+and\s+(?:the\s+)?[A-Z]\w+)\b"
)


_HURT_Q = re.compile(r"\b(?:killed|wounded|injured|hurt|died|dead|casualties)\b", re.IGNORECASE)
_HURT_WORDS = stems(
    "wounding injuring killing hurt toll casualties lost died death deaths injury injuries hospitalised hospitalized"
)


def names_the_counted(intent: Intent) -> bool:
    """Are the count's modifiers a name on the counted noun itself ("how many more Patriot systems"), not a side
    ("Russian soldiers") nor a place the question sets ("are in Portvale")?"""
    if not intent.modifiers or {"russia", "ukraine"} & set(intent.modifiers):
        return False
    return _named_with(intent.text, intent.focus, intent.modifiers)


def _named_with(text: str, focus: list[str], modifiers: list[str]) -> bool:
    """Does ``text`` name the counted noun with all its modifiers just before it ("Patriot air defence systems")?"""
    words = tokens(text)
    return any(w in focus and all(m in words[max(0, i - 4) : i] for m in modifiers) for i, w in enumerate(words))


_WAITS_FOR = re.compile(r"\b(?:only\s+once|once\s+(?:the|its|their|all)\b|until\s+(?:the|its|their|replacements?|new)\b)")


def future_time_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a time to come ("next spring", "by the end of the year"), leaving out the dateline and
    times that date what is past ("since February 2022", "said on Monday")."""
    dateline = len(text) - len(strip_dateline(text))
    masked = " " * dateline + PAST_TIME.sub(lambda m: " " * len(m.group(0)), text[dateline:])
    return [(m.start(), m.end()) for m in _FUTURE_TIME.finditer(masked)]


def _respective_count(text: str, intent: Intent, window: str) -> bool:
    """ "31 and 27 took place on the Kupiansk and Lyman directions, respectively": a figure paired with the one name
    the question asks about, in a passage (or the sentence before it) that speaks of what is counted."""
    wanted = [{f, *COUNT_SYNONYMS.get(f, ())} for f in intent.focus]
    words = set(tokens(window))
    if "respectively" not in text.lower() or not all(w & words for w in wanted):
        return False
    for m in re.finditer(r"\d[\d,.]*", text):
        found = respective(m.group(0), intent.text, [text])
        # "14 and 11 vessels respectively" counts vessels: no answer to how many individuals
        counted = {t for t in tokens(found or "") if not t[:1].isdigit()} - _SCALE_WORDS
        if found and (not counted or all(w & counted for w in wanted)):
            return True
    return False


def fits(passage: Passage, intent: Intent, window: str) -> bool:
    """Can this passage (read with its context ``window``) carry the kind of fact the question wants?"""
    text = passage.text
    kind = intent.kind
    if kind == "score":
        return bool(SCORE.search(text))
    if kind == "money":
        # "How much of the €50bn goes to the military?": the question's own sum is given, not asked.
        given = {(m.value, m.currency) for m in find_money(intent.text)}
        new = [m for m in find_money(text) if (m.value, m.currency) not in given and not refuted_before(text, m.start)]
        if not intent.per_unit and not _PRICE_Q.search(intent.text):
            # "$60 a barrel" is a price, no answer to how much revenue, aid or a contract comes to.
            new = [m for m in new if not _UNIT_PRICE_AFTER.match(text[m.end :])]
        if not _ASKS_JOINT.search(intent.text) and any(p not in ("ukraine", "russia") for p in intent.proper):
            # "Sweden and Finland … worth more than $1.6 billion combined" is no answer to what Sweden's package is
            # worth (though it is what "the package" is worth when the question names no giver)
            new = [m for m in new if not (_JOINT_AFTER.match(text[m.end :]) or _JOINT_BEFORE.search(text[: m.start]))]
        if not new:
            return False
        if intent.per_unit and not _PER_UNIT.search(text):
            return False  # a contract's total is not the price of each shell
        return intent.money_focus is None or intent.money_focus in GENERIC_MONEY or intent.money_focus in tokens(window)
    if kind == "count":
        if intent.focus:
            skip = asked_numbers(intent)
            if _HURT_Q.search(intent.text) and not set(tokens(text)) & (_CASUALTY | _HURT_WORDS):
                # "How many North Korean soldiers have been killed or wounded?" is not answered by "11,000 North Korean
                # soldiers had been sent": a count of people hurt is told with a word of hurting.
                return False
            lost = bool(LOST_Q.search(intent.text))
            if count_match(text, intent.focus, intent.modifiers, skip=skip, lost=lost) is not None:
                return True
            # "… sending more Patriot air defence systems. … a request for seven more systems": the sentence before
            # named the systems; the count need not name them again. A side ("Russian soldiers") must be named.
            before = window[: max(0, len(window) - len(text))]
            done = question_class(intent.text)
            if (
                done is not None
                and parts_done(text, done, [stem(f) for f in intent.focus])
                and _named_with(before, intent.focus, intent.modifiers)
            ):
                # "How many of those Shaheds were shot down?" next to "… launched 68 Shahed-type drones." and "Air
                # defences shot down 52 of the drones": the part downed of what the sentence before counted.
                return True
            if _respective_count(text, intent, window):
                return True
            return (
                names_the_counted(intent)
                and count_match(text, intent.focus, [], skip=skip) is not None
                and _named_with(before, intent.focus, intent.modifiers)
            )
        return any(_NUMBER_WORD.match(w.strip(",.")) for w in _WORD.findall(text))
    if kind == "quantity":
        if intent.money_focus and intent.money_focus not in tokens(window):
            return False  # "how much cargo": the amount must be one of cargo
        # An ordinal ("the 16th package"), a year or a stretch of time ("for at least two days") is no amount
        # of anything.
        text = _DURATION.sub(" ", text)
        return has_figure(text, kind) or any(
            word_number(w) for w in text.split() if w.isalpha() and w.lower() not in ("a", "one")
        )
    if kind == "distance":
        return bool(DISTANCE.search(text))
    if kind == "when":
        if _WAITS_FOR.search(text):
            return True  # "only once the F-35s have been delivered": a time told by what must happen first
        if intent.future:
            # The dateline and "said on Monday" date the report; a time to come is a month, a year,
            # "next week", "within weeks".
            return bool(_FUTURE_TIME.search(PAST_TIME.sub("", strip_dateline(text))))
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
