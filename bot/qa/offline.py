"""Offline answers: the best one to three article sentences, quoted under a one-line lead.

No model, no paraphrase: every quote is a sentence of the article. When a passage covers the question
well but its figure is not of the recognised sort, it is still quoted under a cautious lead; "The article
doesn't say." (no quotes) is kept for questions whose specific subject the article lacks (a name, a
count of something it never counts, nothing that covers the question). A question about something else
entirely gets a short redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.extractive.actors import BELLIGERENTS
from bot.qa.answer_types import (
    dismissed_next,
    future_time_spans,
    has_figure,
    has_money,
    only_refuted_money,
    refuted_claim,
)
from bot.qa.asked_sort import (
    asks_distance,
    misses_asked_sort,
    needs_country,
    part_named,
    whole_asked,
    whole_for_part,
)
from bot.qa.companions import MAX_QUOTES, with_antecedents, with_contents, with_followers
from bot.qa.dates import conditions_of_time, has_time_to_come
from bot.qa.gist import clause_gist, gist
from bot.qa.intent import TYPED_KINDS, Intent
from bot.qa.lead import figure_across, only_before_the_war, place_left_out, span_across, with_range
from bot.qa.lexicon import OFF_TOPIC, SYNONYMS, tokens
from bot.qa.lists import respective, respective_in, whole_name_list, whole_place_list
from bot.qa.naming import has_new_name, names_something, needs_name
from bot.qa.news_first import news_first
from bot.qa.not_given import (
    missing_class,
    missing_head,
    missing_year,
    of_another_country,
    of_another_number,
    of_another_variant,
    of_another_year,
    silent_side,
)
from bot.qa.phrases import question_words
from bot.qa.pick import asks_stated_total, posted_only, rejected_by_next, states_total
from bot.qa.replies import REACTION_Q, reaction, reply_gist, reply_to, with_reply
from bot.qa.retrieve import Hit, Retriever
from bot.qa.span import SpanReader
from bot.qa.time_told import arrival_timed, asks_arrival
from bot.qa.withheld_answer import asks_withheld

if TYPE_CHECKING:
    pass

DOESNT_SAY = "The article doesn't say."
REDIRECT = "The article doesn't say: I can only answer questions about this article."
# A later passage is quoted too when it scores at least this share of the best one; passages that carry
# the asked-for sort of fact (an amount, a date) are few, so more of them may join.
_RELATIVE = 0.4
_RELATIVE_TYPED = 0.35
_RELATIVE_SPEAKER = 0.25
# A typed answer is withheld when a passage without the fact covers the question this much better than
# every passage with it, and those cover it poorly.
_TOPIC_ELSEWHERE_GAP = 0.35
_TOPIC_ELSEWHERE_FIT = 0.5
# A passage without the recognised sort of fact still answers when it covers this much of the question
# by itself and states some figure; only the best few ranked passages are looked at.
_LOOSE_FIT = 0.6
_LOOSE_RANKS = 3
# A reaction by the one asked about needs to cover this share of the usual coverage.
_REACTION_COVERAGE = 0.75
# Passages looked at for one that covers the question well enough.
_CANDIDATES = 10
_ANTECEDENT_STARTS = {
    "who": re.compile(r"^(?:He|She|They|His|Her|Their)\b"),
    "why": re.compile(
        r"^(?:As a (?:result|consequence)|Therefore|Consequently|Hence|Thus|So|For (?:that|this) "
        r"reason|That is why|This is why|Because of (?:this|that))\b"
    ),
}
# Words that show a question is at least about war news, so a miss is "doesn't say", not off-topic.
_DOMAIN = re.compile(
    r"\b(?:war|military|troops?|soldiers?|army|forces?|missiles?|weapons?|drones?|sanctions?|aid|strikes?|"
    r"attacks?|front|offensive|ministry|government|president|minister|russia\w*|ukrain\w*|kyiv|moscow|"
    r"killed|died|dead|deaths?|wounded|injured|people|civilians?|casualt\w+|damage\w*|package|billion|"
    r"million|shelling|port|ship|fleet|border|region|village|city|town)\b",
    re.IGNORECASE,
)

# A clause that opens with a relative pronoun is no answer phrase on its own.
_RELATIVE_OPENING = re.compile(r"^\W*(?:which|whose|whom)\b", re.IGNORECASE)

# A pronoun that points back into the thread.
_BACK_REFERENCE = re.compile(r"\b(?:it|its|they|them|their|that|this|these|those|he|she|him|her)\b", re.IGNORECASE)

# One-line leads by question kind; each reads as a sentence ("On the timing, the article says:").
ACCORDING = "According to the article:"
# The lead when the passages cover the question but their figure may not be exactly the one asked for.
CLOSEST = "The closest the article comes to this:"
_LEADS = {
    "money": "On the amount, the article says:",
    "count": "On the number, the article says:",
    "quantity": "On the extent, the article says:",
    "distance": "On the distance, the article says:",
    "when": "On the timing, the article says:",
    "where": "On the place, the article says:",
    "weapon": "On the weapons, the article says:",
    "target": "On the targets, the article says:",
    "why": "On the reasons, the article says:",
    "source": "On the source, the article says:",
    "score": "On the score, the article says:",
}


@dataclass(slots=True)
class Finding:
    """The outcome of looking for an answer in the article."""

    answerable: bool
    lead: str
    quotes: list[str]
    hits: list[Hit]
    off_topic: bool = False


_WHAT_MONEY = re.compile(
    r"\b(?:worth|cost|price|value|add(?:s|ed)? up|in total|total|how (?:big|large)|size|putting (?:in|up)|put (?:in|up)|"
    r"chipping in|chip in|(?<!what )share|contribution|contributing|disbursement|payment|instalment|installment)\b",
    re.IGNORECASE,
)


def _said_without_figure(retriever: Retriever, intent: Intent, ranked: list[Hit]) -> bool:
    """Does the article speak of exactly this without the figure asked for?

    "By how many did enforcement staff grow?" next to "staff numbers had been increased": the passage
    that covers the question best has no number, and the ones with numbers cover it far less well — they
    are about something else, and quoting their figure would answer a question nobody asked.
    """
    top = ranked[:_CANDIDATES]
    # The figure's sentence may take its topic from the sentences before it ("About 90 km to the east lies
    # X." after "Take the city of Y."); the one without the figure must say it all by itself.
    fitting = [retriever.coverage(intent, h.passage) for h in top if h.fits]
    other = [retriever.coverage(intent, h.passage, own=True) for h in top if not h.fits]
    if not fitting or not other:
        return False
    return max(fitting) < _TOPIC_ELSEWHERE_FIT and max(other) - max(fitting) >= _TOPIC_ELSEWHERE_GAP


# "…and Denmark 19.", "24 of the jets": a number whose noun went unsaid, as a named thing's count often is.
_BARE_NUMBER = re.compile(r"\b\d[\d,]*(?=\s*(?:[.;)]|,\s|$)|\s+of\s+(?:the|them|those|these)\b)")


def _loose_hits(retriever: Retriever, intent: Intent, ranked: list[Hit]) -> list[Hit]:
    """Passages that say nearly all the question says, with a figure the strict check did not recognise.

    "How many drones…" next to "64 unmanned aerial vehicles", "how far have rates fallen" next to "slipped
    by about a fifth": when a top passage itself covers the question this well and states some figure,
    quoting it serves the reader better than "doesn't say". They are marked as not fitting, so the lead
    stays cautious.
    """
    out: list[Hit] = []
    for hit in ranked[:_LOOSE_RANKS]:
        text = hit.passage.text
        if (
            retriever.coverage(intent, hit.passage, own=True) >= _LOOSE_FIT
            and has_figure(text, intent.kind)
            and (intent.kind != "count" or _BARE_NUMBER.search(text))
        ):
            out.append(Hit(passage=hit.passage, score=hit.score, fits=False))
    return out


# The article saying the time asked about is not fixed: "no date has been set", "has not set a date".
_NO_DATE = re.compile(
    r"\bno (?:date|timetable|timeline|time ?frame|deadline) (?:has|had) been (?:set|given|fixed|announced)\b|"
    r"\b(?:has|have|had) not (?:yet )?(?:set|given|fixed|announced) a (?:date|timetable|timeline|deadline)\b|"
    r"\bgave no (?:date|timetable|timeline)\b",
    re.IGNORECASE,
)
_CALLED_FALSE = re.compile(
    r"\b(?:false|untrue|not supported|unsupported|fabricat\w*|fake|baseless|wrong|incorrect|not true|inaccurate|"
    r"unfounded|bogus)\b",
    re.IGNORECASE,
)
# A question about what a post or a rumour said: its figure is then the answer.
_ASKS_HEARSAY = re.compile(r"\b(?:posts?|posted|tweets?|social media|online|rumou?rs?|viral|claim\w*)\b", re.IGNORECASE)


def _part_hits(retriever: Retriever, intent: Intent, min_coverage: float) -> list[Hit]:
    ranked = retriever.rank(intent)
    typed = intent.kind in TYPED_KINDS
    hits = [h for h in ranked if h.fits] if typed else ranked
    if typed and _said_without_figure(retriever, intent, ranked):
        return []
    if typed and not _ASKS_HEARSAY.search(intent.text):
        # "How much is the package worth?" is not answered by what a post on X called it.
        if hits and posted_only(hits[0].passage.text) and _CALLED_FALSE.search(hits[0].passage.text):
            # "Posts … claiming that Berlin had quietly approved 150 Taurus missiles were “simply false”" as the
            # passage nearest the question: the article gives no figure of its own for it.
            return []
        hits = [h for h in hits if not posted_only(h.passage.text)]
    hits = [h for h in hits[:_CANDIDATES] if retriever.coverage(intent, h.passage) >= min_coverage]
    named_count = intent.kind == "count" and bool(intent.focus) and set(intent.focus) <= set(intent.proper)
    if typed and not hits and (intent.kind != "count" or named_count) and not intent.per_unit:
        # A count names what it counts ("Ukrainian soldiers"), a price per shell is no contract's total: a
        # figure of anything else is no answer to those. A named thing ("how many F-16s") is often not
        # repeated after its number ("and Denmark 19").
        hits = _loose_hits(retriever, intent, ranked)
    if intent.speaker:
        # "What did Moscow say…", "How many did Russia say it shot down?": Moscow's own statements, when the
        # article has any on this.
        # "How did the Kremlin react to the sanctions?" is answered by what the Kremlin said of "such restrictions",
        # though it shares few of the question's words.
        own = [h for h in hits if retriever.speaks(h.passage, intent.speaker)]
        if not own and REACTION_Q.search(intent.text):
            own = [
                h
                for h in ranked[:_CANDIDATES]
                if retriever.speaks(h.passage, intent.speaker)
                and retriever.coverage(intent, h.passage) >= min_coverage * _REACTION_COVERAGE
            ]
        if own:
            best = own[0].score
            return [h for h in own if h.score >= _RELATIVE_SPEAKER * best]
    if not hits:
        return []
    asks_sum = intent.kind == "money" or (intent.kind in ("what", "quantity") and bool(_WHAT_MONEY.search(intent.text)))
    hits = news_first(hits, ranked, intent.text, typed=typed, asks_sum=asks_sum, has_sum=has_money)
    best = hits[0].score
    return [h for h in hits if h.score >= (_RELATIVE_TYPED if typed else _RELATIVE) * best]


# Words that add nothing to what a question asked: "Slovakia also abstained".
_FILLER = frozenset({"also", "too", "as", "well", "then", "still", "even", "had", "has", "have", "was", "were"})


def _gives_reason(spans: SpanReader, question: str, texts: list[str]) -> bool:
    """Does a quoted passage read as a reason (a "because" clause, a reason noun's "that", a purpose), not only
    as a clause that shares the question's words?"""
    asked = set(tokens(question))
    for text in texts:
        found = spans.ranked_answer("why", question, text)
        # A clause that only shares the question's words still may hold the reason, unless it says nothing more.
        if found is not None and (found[0] < 4 or set(tokens(found[1])) - asked - _FILLER):
            return True
    return False


def _anothers(spans: SpanReader | None, question: str, text: str) -> bool:
    """Is ``text`` about other countries than the one the question names ("Lithuanian military support since 2022"
    for "What is Latvia's total aid?")? A sentence that names none (", its support since 2022") is not."""
    if spans is None:
        return False
    asked = {n.canonical for n in spans.sentence(question).names if n.kind == "actor"} - set(BELLIGERENTS)
    named = {n.canonical for n in spans.sentence(text).names if n.kind == "actor"} - set(BELLIGERENTS)
    return bool(asked) and bool(named) and not asked & named


def _with_other_parts(
    figure: str, intents: list[Intent], parts: list[list[Hit]], chosen: list[Hit], spans: SpanReader | None
) -> list[str]:
    """The lead's answers, one per part of the question: "How big is the package, and how long does it
    run?" -> "€50bn; until 2027". A later part adds its own fact, read from the quoted passages it ranks."""
    found = [figure]
    quoted = {id(h.passage) for h in chosen}
    for earlier, intent, hits in zip(intents, intents[1:], parts[1:], strict=False):
        texts = [h.passage.text for h in hits if id(h.passage) in quoted][:MAX_QUOTES]
        if not texts:
            continue
        if intent.kind == "what" and earlier.kind in ("money", "count") and _WHAT_MONEY.search(intent.text):
            # "How many tankers were added, and what's the total now?": a total of the same things.
            intent = replace(
                intent,
                kind=earlier.kind,
                terms={**earlier.terms, **intent.terms},
                focus=earlier.focus,
                modifiers=earlier.modifiers,
                money_focus=earlier.money_focus,
            )
        if intent.kind in TYPED_KINDS:
            extra = figure_across(intent, texts) if hits[0].fits else None
        elif spans is not None and intent.kind not in ("yesno", "why"):
            extra = span_across(spans, intent.kind, intent.text, texts)
        else:
            extra = None
        extra = extra.strip(" ,.;:") if extra else None
        if not extra or any(extra.lower() in f.lower() for f in found):
            continue
        # A phrase that holds the earlier answer and more ("a €50bn package … that runs until 2027") takes
        # its place.
        found = [f for f in found if f.lower() not in extra.lower()] + [extra]
    return found


# "What is X's capacity / output / population …?": a measure, answered only by a figure.
_MEASURE_Q = re.compile(
    r"^\W*what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?[\w’'\s-]{0,70}?\b(?:capacity|output|population|"
    r"budget|turnover|revenue|range|payload|production rate)\b",
    re.IGNORECASE,
)


def _yes_no_gist(spans: SpanReader, text: str, question: str) -> str | None:
    """The main clause of the best passage, or, when that is too long to lead with, its clause nearest the question."""
    sentence = spans.sentence(text)
    asked = question_words(question)
    main, clause = gist(sentence), clause_gist(sentence, asked)

    def shared(said: str | None) -> int:
        return len({w.lower().rstrip("s") for w in re.findall(r"[\w-]+", said or "")} & asked)

    # "Sweden and Norway announced fresh aid …, while Stockholm said it had still not decided whether to hand over
    # Gripen fighter jets" answers "Has Sweden decided to send Gripen jets?" with the clause that speaks of them.
    return clause if clause and shared(clause) > shared(main) else main or clause


def _following(retriever: Retriever, hit: Hit) -> str | None:
    """The text of the passage right after ``hit``'s, if any."""
    at = hit.passage.index + 1
    return retriever.passages[at].text if at < len(retriever.passages) else None


def find_answer(
    retriever: Retriever, question: str, intents: list[Intent], *, min_coverage: float, spans: SpanReader | None = None
) -> Finding:
    """Decide whether the article answers ``question`` and pick the passages that do."""
    main = intents[0]
    # A word the article only has under a synonym ("neighbours" for its "residents") still makes the
    # question one about the article.
    known = [
        t
        for t in main.terms
        if main.terms[t] >= 1.0
        and (t in retriever.vocabulary or any(s in retriever.vocabulary for s in SYNONYMS.get(t, ())))
    ]
    typed_fact = main.kind in TYPED_KINDS and any(h.fits for h in retriever.rank(main))
    # "Who makes them?" in a thread is about what the thread is about.
    follow_up = any(w < 1.0 for w in main.terms.values()) and bool(_BACK_REFERENCE.search(question))
    # "Who made the film?" about a film review is about the article: an off-topic word the article itself
    # uses does not make the question off-topic.
    off_topic = any(not all(retriever.knows(t) for t in tokens(m.group(0))) for m in OFF_TOPIC.finditer(question))
    if off_topic or (not known and not typed_fact and not follow_up and not _DOMAIN.search(question)):
        return Finding(answerable=False, lead=REDIRECT, quotes=[], hits=[], off_topic=True)
    if (
        retriever.missing_names(main)
        or missing_head(retriever, main)
        or (spans is not None and missing_class(retriever, spans, question))
        or (
            spans is not None and asks_withheld(retriever, spans, main, question, candidates=_CANDIDATES, loose=_LOOSE_RANKS)
        )
        or missing_year(retriever, question)
        or silent_side(retriever, spans, main)
    ):
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    parts = [_part_hits(retriever, intent, min_coverage) for intent in intents]
    if not parts[0]:
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    chosen: list[Hit] = []
    # Each answerable part gets its best passage first; the rest fill up by rank.
    # Parts rank the same passage separately; it is quoted once.
    for hits in parts:
        if hits and all(h.passage is not hits[0].passage for h in chosen):
            chosen.append(hits[0])
    for hits in parts:
        for hit in hits[1:]:
            if len(chosen) >= MAX_QUOTES:
                break
            if all(h.passage is not hit.passage for h in chosen):
                chosen.append(hit)
    chosen = with_followers(retriever, chosen[:MAX_QUOTES])
    if spans is not None and main.kind in ("what", "target") and spans.asks_contents(question):
        chosen = with_contents(retriever, spans, chosen, retriever.rank(main))
    if main.kind in _ANTECEDENT_STARTS:
        chosen = with_antecedents(retriever, chosen, _ANTECEDENT_STARTS[main.kind])
    if main.kind == "yesno":
        chosen = with_reply(retriever, chosen, main)
    if (
        main.kind in ("money", "count")
        and asks_stated_total(question)
        and not any(states_total(h.passage.text) and not _anothers(spans, question, h.passage.text) for h in chosen)
    ):
        # "How much has Norway given in total?" next to this week's package only: the total is not given.
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    dated = chosen
    if main.kind == "when" and main.future and _NO_DATE.search(chosen[0].passage.text):
        # "… at a meeting next month, one of the officials said, though no date has been set": no date is given.
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    if main.future and spans is not None:
        # "When will the generators arrive?" is not answered by "Since … February 2022, Japan has committed …".
        dated = [
            h
            for h in chosen
            if has_time_to_come(spans.sentence(h.passage.text)) or conditions_of_time(spans.sentence(h.passage.text))
        ]
        if not any(h.fits for h in dated):
            # "When will the next tranche be transferred?" next to "The EU made its first transfer in July": only
            # past dates, so the time asked for is not given.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        if asks_arrival(question):
            asked = frozenset(t for t, w in main.terms.items() if w >= 1.0)
            dated = [
                h
                for h in dated
                if conditions_of_time(spans.sentence(h.passage.text))
                or arrival_timed(h.passage.text, future_time_spans(h.passage.text), asked)
            ]
            if not any(h.fits for h in dated):
                # "When will the generators arrive?" next to "… to help Ukraine through the coming winter" or "the
                # Senate could take up the measure next week": a time to come, but not of the arrival asked about.
                return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    if main.kind in TYPED_KINDS:
        # "Posts … claim the new Dutch package is worth €3.5 billion." followed by "… called that figure “simply
        # wrong”": a figure the next sentence dismisses answers nothing.
        rejected = [
            h
            for h in chosen
            if dismissed_next(h.passage.text, following := _following(retriever, h))
            or rejected_by_next(h.passage.text, following)
        ]
        dated = [h for h in dated if h not in rejected]
        # Nor is the rejected sentence quoted as if it answered: the reader would take its figure.
        kept = [h for h in chosen if h not in rejected]
        if rejected and not any(h.fits for h in kept):
            # "How many Taurus missiles has Kyiv asked for?" next to only a post's "175 Taurus missiles" that the
            # next sentence calls false: the article gives no figure of its own.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        chosen = kept or chosen
    # The best passage may hold several figures (a table row with its total); the next ones may say it plainly.
    figure = figure_across(main, [h.passage.text for h in dated if h.fits or h is chosen[0]])
    # Sentences that only lead into a ranked one ("Kyiv rejects that.") come after it here.
    # (The best passage of the main part stays first: the lede told of "the new package" with none of its words.)
    ranked_texts = [h.passage.text for h in sorted(chosen, key=lambda h: h.score == 0.0 and h is not parts[0][0])]
    chosen.sort(key=lambda h: h.passage.index)
    lead = _LEADS.get(main.kind, ACCORDING)
    loose = has_money if main.kind == "money" else lambda text: has_figure(text, main.kind)
    if main.kind in TYPED_KINDS and not any(h.fits or loose(h.passage.text) for h in chosen):
        # No quoted passage states any figure of the sort asked for (not even one read loosely: "and Denmark 19"):
        # the article does not give it.
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    if main.kind == "count" and (
        place_left_out(main, chosen[0].passage.text) or only_before_the_war(main, parts[0][0].passage.text)
    ):
        # "How many civilians are still living in Pokrovsk?" next to its pre-war population: not given.
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    if main.kind == "money" and only_refuted_money([h.passage.text for h in chosen]):
        return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])  # only a dismissed report's sum
    if main.kind in TYPED_KINDS and not chosen[0].fits:
        lead = CLOSEST  # its figure may not be exactly the one asked for, so the lead names none
    else:
        # The lead names the answer itself: the figure asked for, or the phrase of the sort asked for.
        if not figure and main.kind in ("what", "quantity") and _WHAT_MONEY.search(question):
            # "What's the package worth?", "What does the aid add up to?" ask for an amount.
            figure = figure_across(replace(main, kind="money"), ranked_texts[:MAX_QUOTES])
        if not figure and main.kind == "what" and asks_distance(question):
            # "What range limit has Britain set?" asks for a distance: "only up to 120 km from the border".
            figure = figure_across(replace(main, kind="distance"), ranked_texts[:MAX_QUOTES])
        if not figure and spans is not None and main.kind not in ("money", "count", "score", "yesno"):
            thread = frozenset(t for t, w in main.terms.items() if w < 1.0)
            figure = span_across(spans, main.kind, question, ranked_texts[:MAX_QUOTES], known=thread)
        if main.kind == "what" and _MEASURE_Q.search(question) and not re.search(r"\d", figure or ""):
            # "What is the refinery's annual processing capacity?" asks for a figure; words without one do not answer.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        given = figure or ("" if needs_country(question) else " ".join(ranked_texts[:MAX_QUOTES]))
        whole = whole_for_part(question, given, ranked_texts[:MAX_QUOTES], spans)
        if (
            whole
            and figure
            and (of := whole_asked(question)) is not None
            and (part := part_named(of, figure, ranked_texts[:MAX_QUOTES], frozenset(main.terms)))
        ):
            figure = given = part
            whole = whole_for_part(question, given, ranked_texts[:MAX_QUOTES], spans)
        if whole or misses_asked_sort(question, given, spans):
            # "How long will the refinery be out of action?" next to a sentence naming the refinery but no length of
            # time; "On what date …?" next to "January 2027"; "Under which flags …?" next to "27 tankers"; "How much
            # of Portugal's 118 million …?" next to "118 million euros".
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        if main.kind == "why" and spans is not None and not _gives_reason(spans, question, ranked_texts[:MAX_QUOTES]):
            # "Why did Slovakia abstain?" next to "Slovakia also abstained.": the article tells what, not why.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        if figure and _RELATIVE_OPENING.match(figure) and not re.search(r"\b(?!(?:19|20)\d\d\b)\d", figure):
            # "which diplomats said could include …" leans on a noun the lead leaves out; one that holds the
            # figure asked for ("which had a pre-war population of about 27,000") still answers.
            figure = None
        quoted = ranked_texts[:MAX_QUOTES]
        if spans is not None and needs_name(spans, question) and not has_new_name(spans, figure, question, quoted):
            naming = [text for text in quoted if names_something(spans, text, question)]
            if not naming:
                # "Which airfield was hit?" next to "strikes on Ukrainian military airfields": the article speaks of
                # the thing asked about without naming it.
                return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
            if figure and main.kind not in ("money", "count", "score", "yesno"):
                # "Who did the UK sanction by name?": not "more than 2,000 individuals", but the names a quoted
                # sentence gives, else no phrase at all.
                thread = frozenset(t for t, w in main.terms.items() if w < 1.0)
                named = span_across(spans, main.kind, question, naming, known=thread)
                figure = named if has_new_name(spans, named, question, naming) else None
        if figure and main.kind in ("money", "count", "quantity"):
            # "How many clashes on the Pokrovsk direction?" next to "The Pokrovsk and Kostiantynivka directions …, with
            # 57 and 31 combat clashes, respectively": the figure in Pokrovsk's place of the list.
            figure = respective(figure, question, quoted) or respective_in(question, quoted[:1]) or figure
        elif figure and main.kind == "where":
            figure = whole_place_list(figure, quoted)  # "only in the Kursk and Bryansk regions": both places
        elif figure and main.kind in ("what", "who", "weapon", "target"):
            figure = whole_name_list(figure, question, quoted)  # "Which refineries …?": each one the list names
        if (
            main.kind == "what"
            and spans is not None
            and REACTION_Q.search(question)
            and (said := reply_gist(spans, reaction(retriever, spans, chosen, main.speaker)))
        ):
            # "How did the Kremlin react?": what it said, in the reply's own main clause.
            lead = f"According to the article, {said}:"
        elif figure and main.kind in ("money", "count") and of_another_country(question, figure, ranked_texts):
            # "How many vessels did Japan's package blacklist?" is not answered by Canada's "19 vessels".
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        elif figure and main.kind in TYPED_KINDS and any(refuted_claim(t, figure) for t in ranked_texts[:1]):
            # "By how much has tank output fallen?" next to "A Telegram post claiming … 40 percent is not supported by
            # any available data": the article gives no figure of its own.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        elif figure and main.kind == "count" and of_another_variant(question, figure):
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        elif figure and main.kind in ("money", "count") and of_another_number(question, figure, ranked_texts):
            # "How many vessels did the 19th package list?" is not answered by the 20th package's 97 vessels.
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        elif figure and of_another_year(question, figure, ranked_texts):
            # "What was the budget line in 2023?" is not answered by "In 2024, the line stood at €7.5 billion".
            return Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
        elif figure:
            if main.kind == "count":
                figure = with_range(figure, ranked_texts[:MAX_QUOTES])
            figure = "; ".join(_with_other_parts(figure.strip(" ,.;:"), intents, parts, chosen, spans))
            lead = f"{figure[:1].upper()}{figure[1:]}, according to the article:"
        elif main.kind == "yesno" and spans is not None and (said := _yes_no_gist(spans, reply_to(chosen, main), question)):
            # "Is Germany sending Taurus?": what the best passage says, in its own main clause, so the lead
            # answers with the sentence's own verb and negation ("Scholz has again ruled out sending …").
            lead = f"According to the article, {said}:"
    return Finding(answerable=True, lead=lead, quotes=[h.passage.text for h in chosen], hits=parts[0])
