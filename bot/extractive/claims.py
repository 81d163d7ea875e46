"""Battlefield claims: events of fighting inside what a named speaker asserts.

An event is a verb of fighting ("recaptured", "repelled", "shot down") or a noun of fighting with a
figure or a place ("12 attacks near Pokrovsk"). It is a claim only when someone asserts it: the event
must sit inside an attribution's content, so the claimant is always the speaker of that attribution.
Intentions and hypotheticals ("could capture", "aims to take") are not events. A denial ("Kyiv
denied it") is a rival claim about the same place.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.attribution import Attribution
from bot.extractive.claim_text import EDGES, claim_texts
from bot.extractive.events import FightingEvents
from bot.extractive.found import Found
from bot.extractive.places import places_in
from bot.extractive.reading import Context, Sentence, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

_OPENING_QUOTES = {"“", '"', "‘", "'", "«"}
_CLOSING = re.compile(r"[”»]|\"(?=\s*[,.]?\s)")


class ClaimReader:
    def __init__(self, context: Context) -> None:
        self.ctx = context
        self.lx = context.lexicon
        self.is_event = FightingEvents(context).is_event  # what counts as fighting, inside what someone asserts
        self._attributed: set[int] = set()  # sentences with a speaker of their own

    def read(self, s: Sentence, attributions: list[Attribution], ruled: set[int] | None = None) -> list[Found]:
        """Claims of the sentence; ``ruled`` are the words of weapons rules read in it ("let Ukraine fire
        ATACMS into Russia" is a rule, not a strike)."""
        out: list[Found] = []
        ruled = ruled or set()
        if attributions:
            self._attributed.add(s.index)
        attributions = _without_denials(attributions)
        with_events = {
            a.speaker.name
            for a in attributions
            if any(t.i in a.content and t.i not in ruled and self.is_event(s, t) for t in s.doc)
        }
        for a in attributions:
            if _reported_inside(a, attributions):
                continue  # "ISW said geolocated footage indicated …": the claim is ISW's, not the footage's
            teller = syntax.subject(a.verb) if a.verb is not None and syntax.is_verbal(a.verb) else None
            if teller is not None and teller.lemma_.lower() in self.lx.hearsay_media and syntax.unowned(teller):
                continue  # "An unverified Telegram post claimed …": what circulates unowned claims nothing
            if a.answered_claim is not None:
                out += self._denied_here(s, a, attributions, ruled)  # "…, a claim Ukraine's military denied"
                continue
            events = [
                t
                for t in s.doc
                if t.i in a.content and t.i not in ruled and self.is_event(s, t) and not self._in_background(s, t, a)
            ]
            rival = self._rival_here(s, a, attributions, ruled) if a.denial else None
            if rival is not None:
                # "Moscow claims capture of Novoselivka; Kyiv denies.": the events are the rival's, whatever the
                # parse hangs them on; the denial claims only that it denies.
                out.append(self._denial(s, a, rival))
                continue
            if not events and not a.denial:
                continue
            if (
                a.denial
                and not events
                and (
                    not a.content
                    or (a.speaker.name in with_events and not self._denies_elsewhere(s, a, attributions))
                    or self._last_location(a.speaker.side, any_place=True) is None
                )
            ):
                # "rejected that account and said its units had repelled …": the rival claim says it;
                # a denial with no claim before it is not about the fighting.
                continue
            places = places_in(s, a.content)
            location = places[0] if places else None
            if location is None and a.denial:
                # "The 149th Brigade, which holds positions around Vesele Pole, said the claim about that village was
                # false": a place the sentence names, else the place of the other side's latest claim
                location = _place_of_speaker(s, a) or self._last_location(a.speaker.side)
            if location is None:
                # Another speaker's place is this claim's only when the claim points back to it ("its northern
                # districts", "the town"); "…, while Russia claimed six missiles over Crimea" is elsewhere.
                points_back = any(s.doc[i].lower_ in _POINTING_BACK for i in a.content)
                others = set() if points_back else {i for o in attributions if o is not a for i in o.content}
                # "put Russian losses over the same period at 1,080 troops": a tally of the whole front has no place
                tally = bool(events) and all(t.lemma_.lower() in ("loss", "casualty") for t in events)
                location = None if tally else self._place_nearby(s, others)
            for claim in claim_texts(s, a, events):
                out.append(
                    Found(
                        "battlefield_claims",
                        {
                            "claimant": a.speaker.name,
                            "claim": claim,
                            "location": self._claim_place(claim, places, location, a.speaker, s),
                            "side": a.speaker.side,
                            "status": "claimed",
                        },
                        _with_naming(s, a.speaker),
                        merge_key=(a.speaker.name.lower(), claim.lower()),
                    )
                )
        return out

    def _in_background(self, s: Sentence, event: Token, a: Attribution) -> bool:
        """Is the event only the setting of what is said ("London had ruled out lifting its measures “while Russian
        missiles are still falling on Ukrainian cities”", "one less tanker paying for the drones falling on Ukrainian
        cities"): a clause of time or condition, or a participle after a preposition, under a verb of the quote that
        is no fighting?"""
        if event.dep_ not in ("advcl", "pcomp"):
            return False  # (a participle on a noun, "40 drones shot down", "footage confirming an advance", is told)
        marks = {c.lower_ for c in event.children if c.dep_ == "mark"}
        # "while missiles are still falling" sets the scene; "…, while none of the missiles was intercepted" tells more
        ongoing = event.tag_ == "VBG" and any(c.dep_ == "aux" for c in event.children)
        if event.dep_ == "advcl" and not (marks & _SETTING_MARKS or ("while" in marks and ongoing)):
            return False
        if event.dep_ == "pcomp" and event.head.lower_ in _TELLING_PREPS:
            return False  # "answered by firing a missile at Dnipro", "kept units from pushing further": the deed itself
        governor = next((t for t in event.ancestors if syntax.is_verbal(t)), None)
        return (
            governor is not None
            and governor.i in a.content
            and (a.verb is None or governor.i != a.verb.i)
            and not self.is_event(s, governor)
        )

    def _denies_elsewhere(self, s: Sentence, a: Attribution, attributions: list[Attribution]) -> bool:
        """Does the denial name a place the same speaker's claim beside it does not ("called the claim about
        Kindrashivka “another fake” and said its troops had repelled 14 assaults in the Kupiansk direction")? A
        place is one the gazetteer knows or one an earlier claim was about."""
        claimed_before = {
            str(f.fields["location"]).lower()
            for f in self.ctx.items
            if f.section == "battlefield_claims" and f.fields["location"]
        }
        denied = {p.lower() for p in places_in(s, a.content)} | {
            s.doc[i].lower_ for i in a.content if s.doc[i].pos_ == "PROPN" and s.doc[i].lower_ in claimed_before
        }
        claimed = {
            p.lower()
            for o in attributions
            if o is not a and o.speaker.name == a.speaker.name
            for p in places_in(s, o.content)
        }
        return bool(denied - claimed)

    def _rival_here(
        self, s: Sentence, a: Attribution, attributions: list[Attribution], ruled: set[int]
    ) -> Attribution | None:
        """The other side's claim of fighting in the same sentence that a denial answers ("…, but Kyiv denied
        it"), when the denial asserts no event outside it."""
        if a.verb is None:
            return None
        for other in attributions:
            if other is a or other.speaker.side == a.speaker.side or other.denial or a.verb.i in other.content:
                continue
            theirs = [t for t in s.doc if t.i in other.content and t.i not in ruled and self.is_event(s, t)]
            own = [t for t in s.doc if t.i in a.content - other.content and t.i not in ruled and self.is_event(s, t)]
            if theirs and not own:
                return other
        return None

    def _denial(self, s: Sentence, a: Attribution, rival: Attribution) -> Found:
        """The denial's own words ("denied it", "denies"), about the place of the claim it answers."""
        assert a.verb is not None
        theirs = set(rival.content) | ({t.i for t in rival.verb.subtree} if rival.verb is not None else set())
        words = [
            t
            for t in a.verb.subtree
            if t.i not in theirs
            and not any(t.i in {x.i for x in c.subtree} for c in a.verb.children if c.dep_ in ("nsubj", "cc", "punct"))
            and not t.is_punct
            and t.tag_ not in ("WDT", "WP")  # "which Kyiv denied": the relative pronoun is the claim itself
        ]
        claim = syntax.span_text(sorted(words, key=lambda t: t.i)).strip(EDGES) or a.verb.text
        places = places_in(s, rival.content)
        return Found(
            "battlefield_claims",
            {
                "claimant": a.speaker.name,
                "claim": claim,
                "location": places[0] if places else self._last_location(a.speaker.side),
                "side": a.speaker.side,
                "status": "claimed",
            },
            [s],
            merge_key=(a.speaker.name.lower(), claim.lower()),
        )

    def _denied_here(self, s: Sentence, a: Attribution, attributions: list[Attribution], ruled: set[int]) -> list[Found]:
        """ "Bloggers reported that Russian troops had entered Chasiv Yar, a claim Ukraine's military denied": the
        denial is a rival claim about what the other attribution of the sentence claims."""
        noun, verb = a.answered_claim, a.verb
        if noun is None or verb is None:
            return []
        for other in attributions:
            if other is a or other.speaker.side == a.speaker.side:
                continue
            told = any(t.i in other.content and t.i not in ruled and self.is_event(s, t) for t in s.doc)
            if not told:
                continue  # the denial sits inside a report of no fighting, or answers one ("sanctions hurt Europe more")
            claimed = [i for i in sorted(other.content) if i < min(noun.left_edge.i, noun.i - 1) and not s.doc[i].is_punct]
            if not claimed:
                continue
            text = syntax.span_text(list(s.doc[claimed[0] : claimed[-1] + 1])).strip(EDGES)
            places = places_in(s, set(claimed))
            claim = f"{verb.text} the {noun.lower_} that {text.removeprefix('that ')}"
            return [
                Found(
                    "battlefield_claims",
                    {
                        "claimant": a.speaker.name,
                        "claim": claim,
                        "location": places[0] if places else None,
                        "side": a.speaker.side,
                        "status": "claimed",
                    },
                    [s],
                    merge_key=(a.speaker.name.lower(), claim.lower()),
                )
            ]
        return []

    def _place_nearby(self, s: Sentence, others: set[int] | frozenset[int] = frozenset()) -> str | None:
        """ "… at a facility in the region": the place the sentence or the one before it names, outside what
        ``others`` (another speaker in the sentence) claim."""
        places = places_in(s, {t.i for t in s.doc if t.i not in others})
        if places:
            return places[0]
        before = self.ctx.sentences[s.index - 1] if s.index and self.ctx.sentences else None
        if before is not None and before.para == s.para:
            places = places_in(before)
            if places:
                return places[-1]
        return None

    def continuation(self, s: Sentence) -> Found | None:
        """ "Six ATACMS were fired, the ministry said. Five were shot down, one damaged.": an event told
        with no speaker right after a claim goes on with that claim's speaker."""
        last = self.ctx.items[-1] if self.ctx.items else None
        if (
            last is None
            or last.section != "battlefield_claims"
            or last.sentences[-1].index != s.index - 1
            or last.sentences[-1].para != s.para
        ):
            return self._quoted_on(s)
        events = [t for t in s.doc if self.is_event(s, t)]
        if not events:
            return None
        claim = s.text.strip(EDGES)
        found = Found(
            "battlefield_claims",
            {**last.fields, "claim": claim, "location": (places_in(s) or [last.fields["location"]])[0]},
            [s],
            merge_key=(str(last.fields["claimant"]).lower(), claim.lower()),
        )
        return _with_naming_sentence(found, last.sentences[-1], str(last.fields["claimant"]))

    def voiced(self, s: Sentence, voice: Speaker) -> Found | None:
        """An event told with no speaker in a text the headline says is one body's statement ("Statement of the
        Ministry of Defence of the Russian Federation"): that body's claim."""
        return self._whole_sentence(s, voice)

    def _whole_sentence(self, s: Sentence, speaker: Speaker) -> Found | None:
        """The sentence, when it tells an event, as ``speaker``'s claim."""
        if not any(self.is_event(s, t) for t in s.doc):
            return None
        claim = s.text.strip(EDGES)
        places = places_in(s)
        return Found(
            "battlefield_claims",
            {
                "claimant": speaker.name,
                "claim": claim,
                "location": places[0] if places else None,
                "side": speaker.side,
                "status": "claimed",
            },
            [s],
            merge_key=(speaker.name.lower(), claim.lower()),
        )

    def _quoted_on(self, s: Sentence) -> Found | None:
        """ "“We are holding the line,” he said. “We repelled 27 assaults near Kurakhove.”": a quoted sentence
        with no speaker of its own, right after one that named its speaker, goes on in that speaker's words."""
        said = self.ctx.last_said
        if said is None or said[0] != s.index - 1 or s.text.lstrip()[:1] not in _OPENING_QUOTES:
            return None
        before = self.ctx.sentences[s.index - 1]
        if before.para not in (s.para, s.para - 1):
            return None
        found = self._whole_sentence(s, said[1])
        return _with_naming_sentence(found, before, said[1].name) if found is not None and before.para == s.para else found

    def quote_closed(self, s: Sentence, attributions: list[Attribution]) -> list[Found]:
        """ "“Debris fell on an enterprise in Syzran. There is no damage,” Samara’s governor wrote.": a quotation
        opened a sentence before is the words of the speaker named where it closes, not of the one before it."""
        if not attributions or s.index == 0 or s.text.lstrip()[:1] in _OPENING_QUOTES:
            return []
        before = self.ctx.sentences[s.index - 1]
        opened = before.text.lstrip()[:1] in _OPENING_QUOTES and not _CLOSING.search(before.text.lstrip()[1:])
        close = _CLOSING.search(s.text)
        if before.para != s.para or not opened or close is None or before.index in self._attributed:
            return []  # a quoted sentence that names its own speaker ("“Russia says it took X …") keeps them
        # The speaker named after the quotation closes, not one named inside it.
        after = [a for a in attributions if a.verb is not None and a.verb.idx >= close.end()]
        who = syntax.subject(after[0].verb) if after and after[0].verb is not None else None
        if who is None or syntax.is_pronoun(who):
            return []  # "…,” he said.": whom "he" is the sentence before may tell better than a guess here
        speaker = after[0].speaker
        rest = s.text[: close.start()].strip(EDGES)
        told = [f for f in self.ctx.items[-3:] if f.section == "battlefield_claims" and f.sentences == [before]]
        whole = None if told else self._whole_sentence(before, speaker)
        new = [whole] if whole is not None else []  # the quotation's opening had no claim of its own yet
        for item in told or new:
            item.fields.update(claimant=speaker.name, side=speaker.side)
            item.fields["claim"] = f"{item.fields['claim']}. {rest}" if rest else item.fields["claim"]
            item.merge_key = (speaker.name.lower(), str(item.fields["claim"]).lower())
            item.extend(s)
        return new

    def _claim_place(self, claim: str, places: list[str], location: str | None, speaker: Speaker, s: Sentence) -> str | None:
        """The place of one claim of a sentence: when it opens with "the village" or "the town", the place of the
        other side's latest claim ("The village is under our control", after Moscow claimed Mali Shcherbaky); else
        one its own words name; else the sentence's."""
        if re.match(r"\W*(?:the|this|that)\s+(?:village|town|city|settlement)\b", claim, re.IGNORECASE):
            return self._last_location(speaker.side) or location  # the claim is about the place it points back to
        pointed = _POINTED_PLACE.search(claim)
        if pointed and not any(p in claim for p in places) and (named := self._place_named_as(s, pointed.group(1))):
            # "its troops had “liberated” the settlement" after "rival claims over Novoselivka, a village close to the
            # border in the Kharkiv region": the place the sentence before called a village, not its region
            return named
        if (
            pointed
            and not any(p in claim for p in places)
            and not self._last_location(speaker.side)  # a reply to the other side's claim is about its place
            and (settled := self._settlement_before(s))
        ):
            # "Around Orikhiv, in the Zaporizhzhia region, … Russia claimed its troops had captured the town": the
            # town, not its region
            return settled
        own = [p for p in places if p in claim]
        if not own:
            # "Bilytske is under our control": a place the article's claims have named before, named again where
            # the sentence alone does not show it is a place.
            known = [f.fields["location"] for f in self.ctx.items if f.section == "battlefield_claims"]
            own = [str(p) for p in dict.fromkeys(known) if p and re.search(rf"\b{re.escape(str(p))}\b", claim)]
        if not own and re.search(
            r"\b(?:of|in|into|around) (?:the|this|that) (?:village|town|city|settlement)\b", claim, re.I
        ):
            # "Our units hold the northern part of the village", "…, while Moscow claimed full control of the
            # village": the last place the sentence named before the claim, else one nearby, else the one the other
            # side's claim named.
            plain = s.text.replace("“", "").replace("”", "")  # the claim's text may have lost a quote mark
            at = plain.find(claim.replace("“", "").replace("”", ""))
            before = [p for p in places_in(s) if 0 <= plain.find(p) < at and p not in speaker.name] if at > 0 else []
            return before[-1] if before else location or self._last_location(speaker.side)
        return own[0] if own else location

    def _place_named_as(self, s: Sentence, noun: str) -> str | None:
        """The place the sentence before (in the same paragraph) introduced as a village, town or city ("Novoselivka,
        a village close to the border", "the village of Pishchane")."""
        if s.index == 0 or self.ctx.sentences[s.index - 1].para != s.para:
            return None
        before = self.ctx.sentences[s.index - 1]
        nouns = _PLACE_NOUNS_ALIKE.get(noun.lower(), noun.lower())
        for place in places_in(before):
            if re.search(
                rf"\b{re.escape(place)},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\b|"
                rf"\b(?:{nouns})\s+of\s+{re.escape(place)}\b",
                before.text,
            ):
                return place
        return None

    def _settlement_before(self, s: Sentence) -> str | None:
        """The last place the sentence before (in the same paragraph) names that is not told as a region."""
        if s.index == 0 or self.ctx.sentences[s.index - 1].para != s.para:
            return None
        before = self.ctx.sentences[s.index - 1]
        settled = [
            p
            for p in places_in(before)
            if not re.search(rf"\b{re.escape(p)}\W+(?:region|oblast|province)\b", before.text, re.I)
        ]
        return settled[-1] if settled else None

    def _last_location(self, side: str, *, any_place: bool = False) -> str | None:
        """A denial ("Kyiv denied it") is about the place of the latest claim from the other side."""
        for item in reversed(self.ctx.items[-6:]):
            if item.section == "battlefield_claims" and item.fields["side"] != side:
                if item.fields["location"]:
                    return str(item.fields["location"])
                if any_place:
                    return ""
        return None


# "… the settlement", "… the village" inside a claim: a place named before, by what it is.
_POINTED_PLACE = re.compile(r"\b(?:the|this|that)\s+(village|town|city|settlement|hamlet)\b", re.IGNORECASE)
# A settlement may be called a village in one sentence and a settlement in the next.
_PLACE_NOUNS_ALIKE = {
    "settlement": "village|town|settlement|hamlet",
    "village": "village|settlement|hamlet",
    "hamlet": "village|settlement|hamlet",
    "town": "town|settlement|city",
    "city": "city|town",
}
_POINTING_BACK = {"its", "there", "town", "city", "village", "settlement", "area"}
# Clauses that set the scene of what is said rather than tell it: "while missiles are still falling", "as long as".
_SETTING_MARKS = frozenset({"until", "unless", "if", "once", "whenever"})
# Prepositions whose gerund is the deed told ("by firing", "from pushing further", "in defending Kharkiv").
_TELLING_PREPS = frozenset({"by", "from", "in", "on", "after", "before", "through", "despite", "without"})


def _place_of_speaker(s: Sentence, a: Attribution) -> str | None:
    """The place a relative clause on the one who denies names ("Ukraine's 149th Brigade, which holds positions
    around Vesele Pole, said the claim about that village was false")."""
    who = syntax.subject(a.verb) if a.verb is not None and syntax.is_verbal(a.verb) else None
    if who is None:
        return None
    told = {t.i for r in who.subtree if r.dep_ == "relcl" for t in r.subtree}
    return next(iter(places_in(s, told)), None) if told else None


def _reported_inside(a: Attribution, attributions: list[Attribution]) -> bool:
    """Is ``a`` a nameless source inside what a known speaker says ("ISW said footage indicated …")?"""
    return (
        a.speaker.side == "unknown"
        and a.verb is not None
        and any(o is not a and o.speaker.side != "unknown" and a.verb.i in o.content for o in attributions)
    )


def _without_denials(attributions: list[Attribution]) -> list[Attribution]:
    """A claim's words without the denial hung on them: "… had withdrawn from Kurakhove, which Ukraine's
    General Staff denied" claims the withdrawal; the relative clause ("…, a claim Kyiv denied") is the other
    side's answer."""
    answers: list[tuple[Attribution, set[int]]] = []
    for a in attributions:
        if not a.denial or a.verb is None or (a.verb.dep_ != "relcl" and a.answered_claim is None):
            continue
        words = {t.i for t in a.verb.subtree}
        if a.answered_claim is not None:
            words |= set(range(min(a.answered_claim.left_edge.i, a.answered_claim.i - 1), a.verb.i))
        answers.append((a, words))
    if not answers:
        return attributions
    out = []
    for other in attributions:
        cut = {i for a, words in answers if a is not other and a.speaker.side != other.speaker.side for i in words}
        out.append(replace(other, content=other.content - cut) if cut & other.content else other)
    return out


def _with_naming(s: Sentence, speaker: Speaker) -> list[Sentence]:
    """The claim's sentence, and the one before it that named the speaker when the name holds a figure the claim's
    own sentence lacks ("… the 93rd Separate Mechanized Brigade said. The brigade said …"): the quote shows who
    the speaker is, and every figure of the line stands in it."""
    named = speaker.named_in
    if named is None or named.index == s.index or not any(c.isdigit() for c in speaker.name):
        return [s]
    return [named, s]


def _with_naming_sentence(found: Found, naming: Sentence, speaker: str) -> Found:
    """ "… Marchenko, a spokesperson for the 28th Brigade, told …. “A group of four Russian soldiers …”": a line that
    goes on a speaker's words opens its evidence with the sentence naming the speaker when the speaker's name shows
    figures only that sentence holds (the grounding check finds every figure of a line in its evidence)."""
    if set(re.findall(r"\d+", speaker)) - set(re.findall(r"\d+", found.sentences[0].text)):
        found.sentences.insert(0, naming)
    return found
