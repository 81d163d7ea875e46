"""What a battlefield claim says: the stretch of a speaker's asserted words that tells the event, and a
second event told in a clause of its own as a claim of its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.asides import without_population
from bot.extractive.attribution import Attribution
from bot.extractive.reading import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A second report verb opening what is claimed: "…, the air force said, adding that 98 drones were shot down".
_SAYING = re.compile(r"^(?:adding|saying|noting|stressing|claiming)\s+(?:that\s+)?(?=\S)")
# Punctuation and quotes trimmed from both ends of a claim's words.
EDGES = " ,;:.“”\"'‘’-–—"


def _balanced(text: str) -> str:
    """ "full control” of the village" (its opening quote cut as an edge) without the quote left unmatched."""
    if text.count("”") > text.count("“"):
        return text.replace("”", "", 1)
    return text


# Verbs that deny by themselves ("denied it", "rejected the claim"); a report that calls a claim false ("told
# television that Russian reports were “not true”") says so in its own words.
_DENYING = frozenset({"deny", "dispute", "reject", "refute", "dismiss", "counter", "contradict", "call", "brand", "label"})


def claim_texts(s: Sentence, a: Attribution, events: list[Token]) -> list[str]:
    """What is claimed: the asserted words, as one stretch of the sentence; and a second event told in a
    clause of its own ("…, it said, while a further 51 drones were lost") as a claim of its own."""
    doc = s.doc
    content = sorted(a.content)
    if not content:
        return []
    # The longest run of consecutive content tokens that holds an event (or the first run for a denial).
    runs: list[list[int]] = [[content[0]]]
    for i in content[1:]:
        if i == runs[-1][-1] + 1 or (i == runs[-1][-1] + 2 and doc[i - 1].is_punct):
            runs[-1].append(i)
        else:
            runs.append([i])
    # The run holding the main event (the one nearest the root): "Air defences shot down 241 drones …,
    # it said, while 51 more were lost" claims the shooting down, not the aside.
    depth = {t.i: sum(1 for _ in t.ancestors) for t in events}
    with_event = [r for r in runs if set(depth) & set(r)]
    if with_event:
        best = min(with_event, key=lambda r: (min(depth[i] for i in r if i in depth), -len(r)))
    else:
        best = max(runs, key=len)
    start, end = best[0], best[-1]
    if a.verb is not None and any(t.head.i == a.verb.i and t.dep_ == "dobj" for t in events):
        # "puts Russian losses over the previous day at 1,690 troops": the figure is the verb's, after
        # the words the speaker's own phrase interrupts.
        end = max(i for i in content if i >= start and doc[i].head.i in {a.verb.i, *range(start, i)})
    end = _before_unproven(doc, start, end)
    text = _balanced(syntax.span_text(list(doc[start : end + 1])).strip(EDGES))
    before = next(
        (
            r
            for r in runs
            if r[-1] < start
            and a.verb is not None
            and all(doc[i].is_punct or i in {t.i for t in a.verb.subtree} for i in range(r[-1] + 1, start))
        ),
        None,
    )
    if before is not None:
        # "Russian troops, the ministry said, had captured …": the words the report interrupts, rejoined.
        text = f"{syntax.span_text(list(doc[before[0] : before[-1] + 1])).strip(EDGES)} {text}"
    if text.lower().startswith("that "):
        text = text[5:]
    if text.lower().startswith("to have "):
        text = text[8:]  # "claimed to have intercepted six missiles": what is claimed is the interception
    text = _without_report_time(doc, start, text)
    if text.lower().startswith("that "):
        text = text[5:]  # "claimed on December 4th that its troops had …": the day gone, the "that" goes too
    text = without_population(doc, start, end, text)
    text = _without_speaker_apposition(doc, start, text)
    text = _SAYING.sub("", text, count=1)  # "…, adding that 98 drones were shot down": the saying is not the claim
    if text.lower().startswith("that, "):
        text = text[6:]  # "rejected that, saying Russian units …": what is said follows the saying
        text = text.removeprefix("saying ").removeprefix("adding ")
    if a.denial and a.verb is not None and not events and a.verb.lemma_.lower() in _DENYING:
        text = f"{a.verb.text} {text}".strip()
    elif (
        a.denial
        and a.verb is not None
        and a.verb.lemma_.lower() in _DENYING
        and any(start in {t.i for t in c.subtree} for c in a.verb.children if c.dep_ == "ccomp" and c.i > a.verb.i)
    ):
        text = f"{a.verb.text} that {text}"  # "denied that any troops were trapped": without it, the opposite
    elif a.verb is not None and a.verb.lemma_.lower() in _ACCUSING and start == a.verb.i + 1:
        text = f"{a.verb.text} {text}"  # "accused Russia of striking a hospital": the charge needs its verb
    if text.count("“") > text.count("”") and text.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz")):
        text = f"{text}”"  # "…were “not true": the quote closes where the claim does
    trailing = _trailing_participle(doc, a, runs, end)
    if text and trailing:
        text = f"{text}, {trailing}"  # "…struck a residential street, the governor said, killing three people"
    for run in with_event:
        lead = doc[run[0]]
        if text and run[0] > end and a.verb is not None and lead.dep_ == "conj" and lead.head.i == a.verb.i:
            # "Drone units destroyed three tanks, Horbenko claimed, and killed or wounded 210 soldiers": the same
            # doers' second deed, told after the speaker.
            text = f"{text} and {syntax.span_text(list(doc[run[0] : run[-1] + 1])).strip(EDGES)}"
    texts = [text] if text else []
    for run in with_event:
        own = [doc[i] for i in run if i in depth and syntax.first_child(doc[i], "nsubj", "nsubjpass") is not None]
        if run is not best and own and len(run) >= 4 and any(doc[i].like_num for i in run):
            second = (
                syntax.span_text(list(doc[run[0] : run[-1] + 1])).strip(EDGES).removeprefix("while ").removeprefix("and ")
            )
            texts.append(_SAYING.sub("", second, count=1))
    return texts


# "…, the ministry said, adding that …": a second saying, not what the event did.
_REPORTING_PARTICIPLES = {"add", "say", "note", "stress", "claim", "cite"}


def _trailing_participle(doc: Doc, a: Attribution, runs: list[list[int]], end: int) -> str | None:
    """The participle clause after the speaker that tells what the claimed event did: "…, regional governor Ivan
    Fedorov said, killing three people and wounding 19" (the parser hangs it on "said")."""
    if a.verb is None or end > a.verb.i:
        return None
    for run in runs:
        words = [doc[i] for i in run if not doc[i].is_punct]
        first = words[0] if words else None
        if (
            first is not None
            and first.i > a.verb.i
            and first.tag_ == "VBG"
            and first.head.i == a.verb.i
            and first.dep_ == "advcl"
            and first.lemma_.lower() not in _REPORTING_PARTICIPLES
        ):
            return syntax.span_text(list(doc[first.i : run[-1] + 1])).strip(EDGES)
    return None


# Verbs whose object is the accused, not the claim: "accused Russia of striking …".
_ACCUSING = {"accuse", "blame"}
# The reporter's remark that a claim is unproven: "…, without providing evidence".
_PROOF = {"evidence", "proof", "details", "detail", "confirmation"}
_CHECKING = {"verify", "confirm", "corroborate"}


def _before_unproven(doc: Doc, start: int, end: int) -> int:
    """The claim's last word before the reporter's remark that it is unproven: "…, without providing evidence",
    "…, a figure that could not be independently verified"."""
    for t in doc[start : end + 1]:
        if (
            t.lower_ == "without"
            and t.dep_ == "prep"
            and any(c.tag_ == "VBG" and any(o.lemma_.lower() in _PROOF for o in c.children) for c in t.children)
        ):
            return max(start, t.i - 1)
        if t.lemma_.lower() in _CHECKING and syntax.is_negated(t):
            comma = next((c.i for c in reversed(doc[start : t.i]) if c.text == ","), None)
            if comma is not None and comma - start >= 4:
                return comma - 1
    return end


def _without_report_time(doc: Doc, start: int, text: str) -> str:
    """ "said on Saturday its forces had …": the day belongs to the saying, not to the claim, when the words
    start with it in lower case (after the verb) and a clause follows."""
    first = doc[start]
    if not text[:1].islower() or first.dep_ != "prep" or first.lower_ not in ("on", "in", "late", "early"):
        return text
    pobj = syntax.first_child(first, "pobj")
    if pobj is None or not syntax.is_temporal(pobj):
        return text
    rest = text[len(syntax.span_text(list(first.subtree))) :].lstrip(" ,")
    return rest if len(rest.split()) >= 4 else text


def _without_speaker_apposition(doc: Doc, start: int, text: str) -> str:
    """ "According to the Institute for the Study of War, a U.S.-based think tank, geolocated footage shows …":
    the words that say who the speaker is belong to the speaker, not to the claim. Only a phrase with no verb,
    right after a comma and followed by one, and with a clause after it."""
    while start + 1 < len(doc) and doc[start].is_punct:
        start += 1
    if start == 0 or doc[start - 1].text != "," or doc[start].lower_ not in ("a", "an", "the"):
        return text
    end = next((t.i for t in doc[start:] if t.text == ","), None)
    if end is None or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in doc[start:end]):
        return text
    rest = text[len(syntax.span_text(list(doc[start:end]))) :].lstrip(" ,")
    return rest if len(rest.split()) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in doc[end:]) else text
