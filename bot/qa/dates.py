"""The times a parsed sentence gives ("in March", "by the end of the year", "this summer"), and whether it dates
something still to come."""

from __future__ import annotations

from bot.extractive.reading import Sentence
from bot.language import MONTHS, WEEKDAYS
from bot.qa.phrases import short

_DAYS = WEEKDAYS | {"today", "yesterday", "tomorrow", "overnight", "weekend"}


# Words that open a clause saying when something will happen by what must happen first: "only once the F-35s have
# been delivered", "until replacements arrive".
_CONDITIONS_OF_TIME = {"once", "until", "till"}


def conditions_of_time(s: Sentence) -> list[str]:
    """ "would be handed over only once FA-50s and F-35s have been delivered" -> "only once FA-50s and F-35s have been
    delivered": a time told by the event it waits for."""
    out: list[str] = []
    for tok in s.doc:
        if tok.dep_ != "mark" or tok.lower_ not in _CONDITIONS_OF_TIME or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        # The clause without a second one joined to it ("… and Polish pilots trained on them").
        joined = {t.i for c in tok.head.children if c.dep_ == "conj" for t in c.subtree}
        clause = [t for t in tok.head.subtree if t.i >= tok.i and t.i not in joined]
        while clause and (clause[-1].dep_ == "cc" or clause[-1].is_punct):
            clause.pop()
        only = [a for a in tok.head.children if a.lower_ in ("only", "not") and a.i == tok.i - 1]
        text = short(only + clause, limit=16)
        if text:
            out.append(text)
    return out


def dates(s: Sentence) -> list[str]:
    out: list[str] = []
    for tok in s.doc:
        if tok.lower_ in MONTHS and tok.tag_ == "NNP":
            span = [t for t in tok.subtree if t.like_num or t.lower_ in MONTHS or t.text == ","]
            out.append(short(sorted(span, key=lambda t: t.i)) or tok.text)
        elif tok.lower_ in _DAYS or (tok.like_num and len(tok.text) == 4 and tok.text[:2] in ("19", "20")):
            out.append(
                tok.text if tok.head.lower_ not in ("in", "on", "by", "since", "until") else f"{tok.head.text} {tok.text}"
            )
        elif tok.lower_ == "end" and any(
            p.lower_ == "of" and any(o.lower_ in _PERIODS for o in p.children) for p in tok.children if p.dep_ == "prep"
        ):
            # "by the end of the year", "before the end of the month".
            head = tok.head if tok.head.lower_ in ("by", "before", "until", "at", "towards", "toward") else None
            out.append(short(([head] if head is not None else []) + list(tok.subtree)) or tok.text)
        elif tok.lower_ in _PERIODS and (
            any(c.lower_ in _RELATIVE for c in tok.lefts)
            or (tok.lower_ in _SEASONS and tok.head.lower_ in ("before", "by", "until", "during", "over", "in"))
        ):
            # "this summer", "next month", "by the end of the year", "before the summer": a time without a date.
            span = [t for t in tok.subtree if t.i <= tok.i]
            head = tok.head if tok.head.lower_ in ("by", "in", "until", "before", "from") else None
            out.append(short(([head] if head is not None else []) + span) or tok.text)
    return out


def has_time_to_come(s: Sentence) -> bool:
    """Does the sentence date something that is not already past? "The EU made its first transfer in July" and
    "Japan has given $12bn since February 2022" date what was done; "will arrive in March", "is due by the end of
    the year" and a date with no verb of its own do not."""
    for tok in s.doc:
        dated = (
            tok.lower_.rstrip(".") in MONTHS  # "Sept. 12"
            or tok.lower_ in _PERIODS
            or tok.lower_ in WEEKDAYS  # "They will try again on Friday." (a past "said on Friday" is past)
            or (tok.like_num and len(tok.text) == 4 and tok.text[:2] == "20")
        )
        if not dated:
            continue
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return True
        perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
        # "a drawdown announced in late September" is past; "deliveries scheduled for March" are still to come.
        perfect = perfect or (verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lemma_.lower() not in _AHEAD)
        # "since Russia's full-scale invasion in February 2022", however the parser hangs the date.
        since = any(a.lower_ == "since" for a in tok.ancestors) or any(
            t.lower_ == "since" and not any(u.pos_ in ("VERB", "AUX") for u in s.doc[t.i : tok.i])
            for t in s.doc[max(0, tok.i - 10) : tok.i]
        )
        if not (verb.tag_ == "VBD" or perfect or since):
            return True
    return False


_AHEAD = {"expect", "schedule", "plan", "set", "slate", "intend", "due", "earmark", "timetable", "program", "programme"}
_PERIODS = {"summer", "winter", "spring", "autumn", "fall", "week", "month", "year", "quarter", "weekend"}
_SEASONS = {"summer", "winter", "spring", "autumn", "fall"}
_RELATIVE = {"this", "next", "last", "coming", "later", "early", "end"}
