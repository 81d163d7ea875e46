"""The figure or phrase an answer's lead names: of the figures in the ranked passages, the one the question asks about."""

from __future__ import annotations

import re

from bot.figures import find_money
from bot.language import NUMBER_WORD_PATTERN, strip_dateline
from bot.qa.answer_types import (
    DISTANCE,
    EXACT_DATE,
    LOST_Q,
    PAST_TIME,
    SCORE,
    asked_numbers,
    count_phrases,
    names_the_counted,
)
from bot.qa.figure_verb import parts_done, question_class
from bot.qa.intent import ASKS_OTHER, Intent
from bot.qa.lexicon import stem, tokens
from bot.qa.pick import (
    Figure,
    asks_total,
    bare_figures,
    breakdown_figure,
    breakdown_places,
    pick_across,
    placed_after,
    totals,
    with_conversion,
)
from bot.qa.span import SpanReader

# The place a count is asked for: "… shot down over the Moscow region?"
_PLACE_ASKED = re.compile(r"\b(?:over|in|above|near)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


# A question about the present: "still", "now", "currently", "remain".
_NOW_Q = re.compile(r"\b(?:still|now|currently|at present|today|remain(?:s|ing)?|left)\b", re.IGNORECASE)
_PRE_WAR = re.compile(r"\b(?:pre-?war|before the (?:full-scale )?(?:war|invasion))\b", re.IGNORECASE)


def _before_the_war(text: str, fig: Figure) -> bool:
    """ "had a pre-war population of about 60,000 people", "home to 13,000 people before the war": a figure of the
    time before the war, told within a few words of it."""
    return bool(_PRE_WAR.search(text[max(0, fig.start - 40) : fig.end + 30]))


def only_before_the_war(intent: Intent, text: str) -> bool:
    """Asked how many there are now, does ``text`` count only what there was before the war?"""
    if intent.kind != "count" or not _NOW_Q.search(intent.text):
        return False
    counted = list(count_phrases(text, intent.focus, intent.modifiers, skip=asked_numbers(intent), lost=lost_q(intent)))
    figures = [Figure(c, text.find(c), text.find(c) + len(c)) for c in counted if c in text]
    return bool(figures) and all(_before_the_war(text, f) for f in figures)


def place_left_out(intent: Intent, text: str, after: int = 0) -> bool:
    """ "How many drones were shot down over the Moscow region?" of "121 drones, including 38 over Samara Oblast,
    27 over Bryansk Oblast …": the passage breaks its count down by place, and not for the place asked."""
    bare = bare_figures(text, after)
    placed = breakdown_places(text, bare)
    if placed and any(
        _place_of_own(intent, text[f.start : nxt.start].rstrip(" ,;")) for f, nxt in zip(bare, bare[1:], strict=False)
    ):
        return False  # "41 were brought down over the Bryansk region, 27 over …": the first figure's place
    return _left_out(intent, text, bare, placed)


def _left_out(intent: Intent, text: str, bare: list[Figure], placed: list[tuple[Figure, set[str], int]]) -> bool:
    asked = _PLACE_ASKED.search(intent.text)
    return (
        asked is not None
        and bool(placed)
        and breakdown_figure(text, bare, intent.terms) is None
        and not any(set(tokens(asked.group(1))) & words for _, words, _ in placed)
    )


def _place_of_own(intent: Intent, own: str) -> bool:
    """Is the place asked about the one the clause of the breakdown's first figure names ("41 were brought down over
    the Bryansk region")? A clause with a figure of its own ("118 drones, including …") is a total, not a part."""
    asked = _PLACE_ASKED.search(intent.text)
    return (
        asked is not None
        and len(re.findall(r"\d", own)) <= 4
        # (or carries its noun before its place: "38 Russian assaults near Kupiansk, 27 near Siversk")
        and bool(
            re.match(r"\d[\d,]*\s+(?:(?:were|was)\b|(?:[A-Za-z’'-]+\s+){1,3}(?:near|over|in|around|across|above)\b)", own)
        )
        and set(tokens(asked.group(1))) <= set(tokens(own))
    )


def _candidates(intent: Intent, text: str) -> list[Figure]:
    """The figures of ``text`` of the sort the question asks for (an amount, a count of its noun)."""
    if intent.kind in ("money", "quantity"):
        given = {(m.value, m.currency) for m in find_money(intent.text)}
        money = [Figure(m.text, m.start, m.end, m.currency) for m in find_money(text) if (m.value, m.currency) not in given]
        # "How much ground…" asks for an extent, which an amount of money is not.
        if (
            intent.kind == "quantity"
            and intent.money_focus is None
            and not _MONEY_IN_Q.search(intent.text)
            and _EXTENT.search(text)
        ):
            return []
        return money
    if intent.kind == "count":
        found: list[Figure] = []
        cursor = 0
        phrases = list(count_phrases(text, intent.focus, intent.modifiers, skip=asked_numbers(intent), lost=lost_q(intent)))
        if not phrases and names_the_counted(intent):
            # "seven more systems" after a sentence that named them "Patriot air defence systems" (the passage was
            # let in for that); a side is never left out.
            phrases = list(count_phrases(text, intent.focus, [], skip=asked_numbers(intent)))
        for phrase in phrases:
            at = text.find(phrase, cursor)
            if at < 0:
                at = text.find(phrase)
            found.append(Figure(phrase, at, at + len(phrase)))
            cursor = at + len(phrase)
        if not intent.focus:
            # "How many were shot down?" names nothing it counts: any counted thing, nearest its words.
            found = [
                Figure(m.group(0), m.start(), m.end())
                for m in _COUNTED.finditer(text)
                if not _YEAR.fullmatch(m.group(1)) and m.group(1).lower() not in asked_numbers(intent)
            ]
        # "How many individuals …?" of "29 entities and 11 individuals": the noun asked for itself beats its
        # synonyms (the synonym groups overlap: an individual is a sanctions target like an entity).
        if len(intent.focus) == 1 and not _PAIR.search(intent.text.strip()):
            found = [f for f in found if _counts_asked(f.text.split()[-1:], intent)] or found
        found += [f for f in _hurt_counts(intent, text) if all(f.start != g.start for g in found)]
        if (found or _SHARE_Q.search(intent.text)) and (done := question_class(intent.text)) is not None:
            # "… launched 63 drones at Ukraine, of which 41 were shot down": the part the asked verb counts.
            found += [
                Figure(p, a, b)
                for p, a, b in parts_done(text, done, [stem(f) for f in intent.focus])
                if all(a != g.start for g in found)
            ]
        at_places: set[int] = set()
        if found:
            # "121 drones …, including 38 over Samara Oblast, 27 over Bryansk Oblast": a breakdown by place counts
            # the same thing, place by place. Asked for one of its places, its figure answers; asked for a place
            # it leaves out ("over the Moscow region"), the passage does not give it.
            bare = bare_figures(text, found[0].end)
            placed = breakdown_places(text, bare)
            if placed and _PLACE_ASKED.search(intent.text):
                own = text[found[0].start : placed[0][0].start].rstrip(" ,;")
                if _place_of_own(intent, own):
                    # "41 were brought down over the Bryansk region, 27 over …": the first figure's own place was asked
                    return [Figure(own, found[0].start, found[0].start + len(own))]
                if _left_out(intent, text, bare, placed):
                    return []
                found += [
                    Figure(text[f.start : end], f.start, end)
                    for f, _, end in placed
                    if all(f.start != g.start for g in found)
                ]
                at_places = {f.start for f, _, _ in placed}
        if found and asks_total(intent.text):
            # "added 74 vessels …, taking the total to 153": the total counts what the sentence counts.
            found += [f for f in totals(text) if all(f.start != g.start for g in found)]
        if _NOW_Q.search(intent.text):
            # "How many civilians are still living in Pokrovsk?" is not answered by its pre-war population.
            found = [f for f in found if not _before_the_war(text, f)]
        if _SHARE_Q.search(intent.text):
            # "How many of those drones were shot down?" asks for a part: "118 of the drones", not "143 attack drones".
            found = [f for f in found if _SHARE_OF.match(f.text)] or found
        # "31 people, six of them children": a share of a count answers only a question about the share.
        # ("19 of them over the Samara region" is the share of the place asked about.)
        whole = [
            f
            for f in found
            if f.start in at_places or not (_PARTITIVE.search(f.text) and not _asks_share(f.text, intent.text))
        ]
        return whole or found
    return []


def figure_across(intent: Intent, texts: list[str]) -> str | None:
    """The figure the lead names, from the ranked passages: of several, the one the question points at."""
    if intent.kind in ("money", "quantity", "count"):
        found = pick_across([(t, _candidates(intent, t)) for t in texts], intent.text, intent.terms)
        if found is None:
            return None
        text, chosen = found
        # "How many people and entities …?", "How many targets?" -> "11 individuals and 29 entities": the pair
        # the question asks for, or the parts of a whole the figure found counts only one of.
        pair = bool(_PAIR.search(intent.text.strip())) or (
            intent.kind == "count"
            and bool(intent.focus)
            and not _counts_asked(chosen.text.split(), intent)
            and placed_after(text, chosen) is None  # "38 over Samara Oblast": one place's share of the count
        )
        both = _AND_FIGURE.match(text, chosen.end) if pair else None
        if both is not None:
            return text[chosen.start : both.end()]
        if intent.kind == "count":
            return chosen.text
        # A conversion stays with the amount it converts: "4.5 billion kroner (about $630 million)".
        money = _candidates(intent, text)
        outer = next(
            (
                m
                for m in money
                if m.end <= chosen.start
                and with_conversion(text, m) != m.text
                and m.start + len(with_conversion(text, m)) >= chosen.end
            ),
            None,
        )
        return with_conversion(text, outer or chosen)
    return next((f for f in (figure_in(intent, t) for t in texts) if f), None)


# The low end of a range right before a count: "100 to", "between 100 and", "100-".
# ("41 and 26 combat clashes, respectively" is two counts: "and" makes a range only after "between")
_RANGE_LOW = re.compile(r"(?:\bbetween\s+\d[\d,]*\s+and|\b\d[\d,]*\s*(?:to|-|–))\s*$", re.IGNORECASE)


def with_range(figure: str, texts: list[str]) -> str:
    """ "the possible future sale of 100 to 150 new Gripen E jets": a count that closes a range, with its low end."""
    for text in texts:
        at = text.find(figure)
        if at > 0 and (low := _RANGE_LOW.search(text[:at])) is not None:
            return text[low.start() : at + len(figure)]
    return figure


def _counts_asked(words: list[str], intent: Intent) -> bool:
    """Is one of ``words`` the noun the "how many" question counts (not merely a synonym of it)?"""
    asked = {stem(f.lower()) for f in intent.focus}
    return any(stem(w.lower().strip(",.")) in asked for w in words)


# A question about two things at once: "How many people and entities …?", "both".
_PAIR = re.compile(r"\s(?:and|both)\b", re.I)
# A second figure joined to the first: "… and 29 entities", "… in loans and €17bn in grants".
_AND_FIGURE = re.compile(
    # "… and 29 entities", "killing two people and wounding nine"
    rf"(?:\s+(?:in|of)\s+[\w-]+)?,?\s+and\s+(?:(?:wounding|injuring|killing)\s+(?:\d[\d,]*|{NUMBER_WORD_PATTERN})\b|"
    r"(?:about\s+|some\s+|another\s+)?[$€£¥]?\d[\d.,]*"
    r"(?:\s*(?:bn|billion|million|m)\b)?(?:\s+(?:in\s+)?[A-Za-z-]+)?)"
)
# A phrase from a lower-ranked passage must be read this much more surely per rank to be the lead.
_SPAN_RANK_COST = 1.5


# A place a "where"/"which village" question is qualified by: "near Huliaipole", "east of Pokrovsk", "in Kharkiv".
_QUALIFIER = re.compile(
    r"\b(?:near|outside|around|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+)?([A-Z][\w’'-]+)"
)
# "Which villages … besides the streets in Vovchansk?": the place named is the one left out.
_BESIDES = re.compile(r"\b(?:besides|other than|apart from|except|beyond)\b", re.IGNORECASE)


def span_across(
    spans: SpanReader, kind: str, question: str, texts: list[str], *, known: frozenset[str] = frozenset()
) -> str | None:
    """The answer phrase from the ranked passages: the top one's, unless a later passage reads clearly
    surer ("Ukrainian officials say the claim is false." vs "Andriy Demchenko … told the Courier …")."""
    best: tuple[float, str] | None = None
    best_sureness = 5
    several: list[str] = []  # "Which villages …?": each passage's sure answer is one of them
    classed = kind == "where" and spans.asks_settlement(question)
    # "Which village near Huliaipole …?": a passage that never names Huliaipole answers for another place.
    qualifiers = _QUALIFIER.findall(question) if kind == "where" and not _BESIDES.search(question) else []
    for rank, text in enumerate(texts):
        found = spans.ranked_answer(kind, question, text)
        if not found:
            continue
        if qualifiers and not any(re.search(rf"\b{re.escape(q)}\b", text) for q in qualifiers):
            found = (found[0] + 3, found[1])
        if found[0] == 0:
            several.extend(part for part in found[1].split(" and ") if part not in several)
        # A phrase of the sort asked for beats a mere clause that shares the question's words, wherever the
        # quoted passage stands ("Officials said it contains Stinger missiles…" after the package's lede).
        # A member of the class asked for ("Konkan Coastal Refinery" for "Which Indian refinery …?") beats a name
        # found only by standing near the question's words.
        # "Which village near Pokrovsk …?": "Zvirove, a village southwest of Pokrovsk" further down beats a place the
        # lede only names ("another on the approaches to Kostiantynivka").
        member = found[0] == 0 and best_sureness >= 1 and classed
        surer = (found[0] <= 1 and best_sureness >= 4) or (found[0] == 0 and best_sureness >= 3) or member
        # "Russia" in the headline, "Russia's Defense Ministry" in the lede: the fuller name of the same one answers.
        fuller = (
            best is not None
            and kind in ("who", "source")
            and found[0] <= best_sureness
            and re.search(rf"\b{re.escape(best[1])}\b", found[1], re.IGNORECASE) is not None
            and len(found[1]) > len(best[1])
        )
        if best is None or surer or fuller or found[0] + rank * _SPAN_RANK_COST < best[0]:
            best = (found[0] + rank * _SPAN_RANK_COST, found[1])
            best_sureness = found[0]
    # "Which other villages …": the thread's own answers are not asked for again.
    if ASKS_OTHER.search(question) and known:
        # "Which other villages …?" after a question about Sudzha: not Sudzha again.
        several = [part for part in several if not set(tokens(part)) <= known]
        if best is not None and set(tokens(best[1])) <= known:
            best = (0, several[0]) if several else None
    if kind == "where" and len(several) > 1 and spans.asks_several(question):
        return " and ".join(several)
    return best[1] if best else None


def figure_in(intent: Intent, text: str) -> str | None:
    """The fact the lead can name outright: "$275 million", "594 Russian servicemen", "300 km"."""
    if intent.kind in ("money", "quantity", "count"):
        return figure_across(intent, [text])
    if intent.kind == "score":
        found_score = SCORE.findall(text)
        return found_score[0] if found_score else None
    if intent.kind == "distance":
        found_distance = list(DISTANCE.finditer(text))
        if len(found_distance) == 2 and re.match(r"\s*\(\s*$", text[found_distance[0].end() : found_distance[1].start()]):
            # "within 300 kilometres (186 miles)": one distance, restated in other units
            first, second = found_distance
            return f"{first.group(0)} ({second.group(0)})"
        return found_distance[0].group(0) if len(found_distance) == 1 else None
    if intent.kind == "when":
        # "KYIV, June 2 (Reuters) -" dates the report, not what the question asks about.
        text = strip_dateline(text)
        if intent.future:
            text = PAST_TIME.sub(" ", text)  # "since February 2022" is no answer to "when will it arrive?"
        found_date = EXACT_DATE.findall(text)
        return found_date[0] if len(found_date) == 1 else None
    return None


# A number and the word it counts: "241 drones", "four hundred and fifty-eight targets".
_NUMBER = rf"(?:\d[\d,]*|(?:{NUMBER_WORD_PATTERN})(?:(?:[ -]|\s+and\s+)(?:{NUMBER_WORD_PATTERN}))*)"
_COUNTED = re.compile(
    rf"(?<![$€£\w.,-])({_NUMBER})\s+(?!(?:million|billion|bn|per|percent|km|miles|years?|months?|"
    rf"weeks?|days?|hours?|of|the|and|or|to|in|on|at|for|with|were|was|are|had|have|a|an)\b)"
    rf"([a-z][a-z-]+)\b"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SHARE_Q = re.compile(r"\bhow many of (?:those|these|them|the)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"^\S+ of (?:the|those|these|them)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\bof (?:them|those|these|whom|which)\b", re.IGNORECASE)


# "killing three people and wounding 19": a number of people hurt, named by the verb alone.
_HURT = {
    "kill": re.compile(r"\b(?:kill(?:ing|ed|s)?|left dead)\b"),
    "wound": re.compile(r"\b(?:wound(?:ing|ed|s)?|injur(?:ing|ed|es|e))\b"),
}
_HURT_Q = {
    "kill": re.compile(r"\b(?:kill\w*|dead|died|die)\b", re.I),
    "wound": re.compile(r"\b(?:wound\w*|injur\w*)\b", re.I),
}
_BARE_AFTER = re.compile(rf"\s+(?:at least |about |some |more than |another |a further )?({_NUMBER})\b(?!\s+[a-z])")


_PERSONS_AFTER = re.compile(
    rf"\s+(?:at least |about |some |more than )?({_NUMBER})\s+(?:[a-z-]+\s+)?(?:workers?|civilians?|residents?|"
    r"children|employees?|staff|firefighters?|rescuers?|men|women|passengers?|miners?|medics?|volunteers?)\b"
)


def _hurt_counts(intent: Intent, text: str) -> list[Figure]:
    """The bare numbers after the verb of hurt the question asks about ("wounding 19" for "how many were
    wounded?"); the people counted after it ("wounding 19 people") are found as any count is."""
    out = []
    for hurt, asked in _HURT_Q.items():
        if not asked.search(intent.text):
            continue
        for verb in _HURT[hurt].finditer(text):
            m = _BARE_AFTER.match(text, verb.end())
            if m and not _YEAR.fullmatch(m.group(1)) and m.group(1).lower() not in asked_numbers(intent):
                out.append(Figure(m.group(1), m.start(1), m.end(1)))
            # "How many people were killed?" of "killing two workers from the state grid operator": people by their work
            p = _PERSONS_AFTER.match(text, verb.end()) if "peopl" in intent.focus else None
            if p and p.group(1).lower() not in asked_numbers(intent):
                out.append(Figure(p.group(0).strip(), p.start(1), p.end()))
    return out


def _asks_share(phrase: str, question: str) -> bool:
    noun = phrase.split()[-1].lower()
    return noun in question.lower()


# A question that speaks of money, and a sentence that measures an extent (land, a share, a distance).
_MONEY_IN_Q = re.compile(
    r"\b(?:money|worth|cost|fund\w*|loan\w*|grant\w*|cash|paid|pay|budget|aid|assistance|"
    r"dollars?|euros?|pounds?|yen|kron\w+)\b",
    re.IGNORECASE,
)
_EXTENT = re.compile(
    r"\b(?:square|sq|km|kilomet\w+|miles?|hectares?|per ?cent|percent|%|tonnes?|tons?|"
    r"barrels?)\b|%",
    re.IGNORECASE,
)


def lost_q(intent: Intent) -> bool:
    """Does the question ask how many were lost ("How many Ukrainian troops were lost …")?"""
    return bool(LOST_Q.search(intent.text))
