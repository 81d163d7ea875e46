"""The words that answer a question, taken from the parse of the sentence that answers it.

The lead of an answer names the answer itself ("Near the town of Karachev, according to the article:"),
not only where to find it. Each kind of question reads its own sort of phrase from the sentence: a place
after a preposition of place, a weapon phrase, the speaker of what is said, a date, a distance, the object
of the verb the question uses ("What were they shipping?" -> what "shipping" takes). A phrase the
question already names is not an answer, and when nothing of the right sort is there the caller keeps
its general lead. The phrases of each sort are read in ``phrases``; here, which sort a question wants.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.places import places_in
from bot.extractive.reading import Sentence
from bot.extractive.weapons import names_an_attack, weapons_in
from bot.language import COUNTRIES, COUNTRY_ALIASES
from bot.qa import members, phrases
from bot.qa.answer_types import PAST_TIME
from bot.qa.dates import conditions_of_time
from bot.qa.dates import dates as dates_in
from bot.qa.intent import is_future
from bot.qa.lexicon import SYNONYMS, stem, tokens, word_set
from bot.qa.question_reader import AUX_LEMMAS, CONTENTS_Q, SAYING_WORDS, QuestionReader
from bot.qa.reasons import reason

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.config import Settings

# "What's the £50 million for?", "What will the Canadian money pay for?": what help is meant to do.
_PURPOSE = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\b(?!.*\b(?:ask|asked|asking|call|called|calling|vote|voted|wait|waiting|look|looking|"
    r"account|accounts|work|works|stand|stands)\s+for\b).*\b(?:for|spent on|go(?:es)? towards?)\W*$",
    re.IGNORECASE,
)
# "Who did Japan sanction?", "Whom has the EU listed?": who or what the verb acts on, its doer being named.
_WHO_OBJECT = re.compile(
    r"^\W*(?:and\s+|so\s+)?whom?\s+(?:did|does|do|will|has|have|had)\s+(?!\w+\s+(?:say|said|claim)\b)", re.IGNORECASE
)
# "Who is being sanctioned?", "Who was hit?": the passive's subject is whom the verb acts on.
_WHO_PASSIVE = re.compile(
    r"^\W*(?:and\s+|so\s+)?who\s+(?:is|are|was|were|has been|have been|had been|will be|is being|are being|"
    r"was being|were being|got|gets)\s+(?:\w+ly\s+)?(?:\w+(?:ed|en)|hit|shot|cut|put|struck)\b",
    re.IGNORECASE,
)


# Class words a country answers: "Which countries …?", "Which other ally …?".
# Class nouns a company's name answers: "Which company …?", "Which lenders …?".
_FIRM_CLASS = frozenset(
    stem(w)
    for w in word_set(
        """company companies firm firms bank banks lender lenders business group insurer refiner trader shipper
        operator exporter importer manufacturer maker producer supplier"""
    )
)
_COUNTRY_CLASS = {stem(w) for w in ("country", "countries", "nation", "nations", "ally", "allies", "state", "states")}


# "What condition did Berlin attach?", "On what terms …?", "Under what conditions …?"
# "What calibre of shells …?", "What kind of ammunition …?", "What type of drones …?"
_SORT_Q = re.compile(r"\bwhat\s+(?:kind|kinds|type|types|sort|sorts|calibre|caliber|model|models|make)\s+of\s+(\w+)", re.I)
_CONDITION_Q = re.compile(
    r"\b(?:conditions?|caveats?|strings attached|on what (?:terms|basis)|under what (?:terms|circumstances))\b",
    re.IGNORECASE,
)
# "What does Russia call Toretsk?", "What did Putin call the missile?", "What is the operation named?"
_NAMING_Q = re.compile(
    r"^\W*(?:and\s+)?what\b.*\b(?:call|calls|called|calling|name|names|named|dub|dubbed|refer to)\b", re.IGNORECASE
)
# "Where are the companies based?": the seat of an organisation, a country more often than a town.
_BASED = re.compile(r"\b(?:based|located|registered|headquartered|incorporated|domiciled)\b", re.IGNORECASE)


def _asks_whom(question: str) -> bool:
    """ "Who did Japan sanction?", "Who is being sanctioned?", "Who was the individual the Treasury
    blacklisted?": the answer is whom the verb acts on."""
    return bool(
        _WHO_OBJECT.match(question) or _WHO_PASSIVE.match(question) or _WHO_DESCRIBED.match(question)
    ) and not _FRAMED.search(question)


# "Who was the individual the Treasury blacklisted?", "Who is the official that Kyiv sanctioned?": a noun and a
# relative clause with its own doer ask for whom that doer acted on.
_WHO_DESCRIBED = re.compile(
    r"^\W*(?i:who\s+(?:is|was|are|were)\s+(?:the|this|that))\s+\w+(?:\s+\w+)?\s+(?:that\s+|whom\s+)?"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:has\s+|have\s+|had\s+)?\w+ed\b",
)


_FRAMED = re.compile(r"\b(?:does|do|did)\s+(?:\w+\s+){1,3}(?:say|claim|report|think|believe|allege)\b", re.IGNORECASE)
# "Who says Yablunivka has been captured?", "Who is claiming Bilytske has fallen?": the one who says it is asked for.
_WHO_SAYS = re.compile(
    r"\W*who\s+(?:says|said|claims|claimed|is\s+(?:saying|claiming)|has\s+(?:said|claimed)|reports|reported)\b",
    re.IGNORECASE,
)
# "Who spoke for the Kremlin?", "Who is the army's spokesman?", "Who speaks for the General Staff?"
_SPOKESPERSON_Q = re.compile(r"\b(?:spoke|speaks|speaking|speak)\s+for\b|\bspokes(?:man|woman|person)\b", re.I)
_NATIONAL_SPOKESPERSON = re.compile(r"\b(\w+)\s+spokes(?:man|woman|person)\b", re.IGNORECASE)


def _spokesperson_country(question: str) -> set[str]:
    """ "Who is the Ukrainian spokesperson …?": every name of the country the spokesperson speaks for ("Ukraine's
    Khortytsia group" is Ukrainian), or nothing when the question names none."""
    found = _NATIONAL_SPOKESPERSON.search(question)
    country = COUNTRY_ALIASES.get(found.group(1).lower()) if found else None
    return {alias for alias, c in COUNTRY_ALIASES.items() if c == country} if country else set()


_SETTLEMENTS = frozenset(stem(w) for w in ("village", "settlement", "town", "hamlet", "locality"))
_IN_IT_Q = re.compile(r"\b(?:are|is|were|was)\s+(?:in|inside|part\s+of)\b", re.IGNORECASE)
# "What weapons are in …?" (not "What air-defense weapons …?", which asks for a kind of them)
_SEVERAL_WEAPONS_Q = re.compile(r"^\W*what\s+(?:weapons|arms|systems|equipment|munitions)\b", re.IGNORECASE)
_USING = frozenset({"use", "fire", "fly", "deploy", "employ", "operate", "launch"})
_ALLOWED_Q = re.compile(r"\b(?:allowed|permitted|authori[sz]ed|cleared|let|may|can)\b", re.IGNORECASE)
# Prepositions of where something is done: "used on the territory of Ukraine", "inside Russia".
_WHERE_PREPOSITIONS = {"on", "in", "inside", "within", "across", "over", "beyond", "into", "outside"}
# A name after a phrase's first word: "the Moscow-installed governor Yevgeny Balitsky", not "The real signal here".
_NAMED = re.compile(r"(?<=\s)[A-Z]")


class SpanReader(QuestionReader):
    """Reads answer phrases from sentences with the offline engine's parser and names."""

    def _places_taken(self, s: Sentence, question: str, noun: str, asked: set[str]) -> list[str] | None:
        """ "Which villages does Russia say it captured?": the places of the sentence that the question's verb (or its
        synonym: "taken", "seized") acts on, in the sentence's order; None when the question has no such verb.
        Another place in the sentence ("let Kyiv fire") is there for something else."""
        deed = self.class_verb(question)
        if deed is None:
            return None
        akin = {deed, *SYNONYMS.get(deed, ())}
        kinds = {noun, *SYNONYMS.get(noun, ())}
        taken = []
        for place in places_in(s):
            first = _first_token(s, place)
            if first is not None and _taken_by(first, akin, kinds) and phrases.is_new(place, asked):
                taken.append(place)
        return sorted(taken, key=s.text.find)

    def _countries_placed(self, s: Sentence, question: str, asked: set[str]) -> list[str]:
        """The countries the question's verb puts something in: "with the rest registered in Kyrgyzstan and
        Kazakhstan" for "Which countries are the firms registered in?"."""
        deed = self.class_verb(question)
        if deed is None:
            return []
        akin = {deed, *SYNONYMS.get(deed, ())}
        placed = []
        for name in s.names:
            if name.kind not in ("country", "actor") or not phrases.is_new(name.text, asked):
                continue
            token = s.doc[name.start]
            while token.dep_ in ("compound", "conj") and token.head is not token:
                token = token.head
            prep = token.head
            if token.dep_ == "pobj" and prep.lower_ in _WHERE_PREPOSITIONS and stem(prep.head.lemma_.lower()) in akin:
                placed.append(name.text)
        return list(dict.fromkeys(placed))

    def asks_settlement(self, question: str) -> bool:
        """ "Which village …?", "Which towns …?": a place that is a settlement, named as one."""
        return self.asked_class(question) in _SETTLEMENTS

    def answer(self, kind: str, question: str, text: str) -> str | None:
        """The phrase of ``text`` that answers a ``kind`` question, or None."""
        found = self.ranked_answer(kind, question, text)
        return found[1] if found else None

    def ranked_answer(self, kind: str, question: str, text: str) -> tuple[int, str] | None:
        """The phrase of ``text`` that answers a ``kind`` question, with how sure the reading is: 0 for a
        member of the class asked for or the doer of the verb asked about, up to 4 for a clause that only
        shares words with the question."""
        s = self.sentence(text)
        asked = phrases.question_words(question)
        content = {w for w in asked if w not in phrases.STOP} | {
            stem(w.lower()) for w in phrases.WORD.findall(question) if w.lower() not in phrases.STOP
        }
        anchors = phrases.question_anchors(s, content)
        # "Who did Australia target?" is not answered by "Canberra": another name of one the question names.
        if kind in ("who", "source", "target"):
            asked = asked | self.other_names(question)
        near = [(3, n) for n in phrases.near_names(s, asked, anchors)]
        if kind in ("what", "yesno") and _CONDITION_Q.search(question):
            # "What condition did Berlin attach?": what the permission depends on.
            set_conditions = phrases.conditions(s)
            if set_conditions:
                return 0, set_conditions[0]
        sort = _SORT_Q.search(question)
        if sort and kind in ("what", "weapon"):
            # "What calibre of shells …?", "What kind of ammunition is it?": what the passage says of that sort.
            described = members.sort_of(s, sort.group(1), asked)
            # A passage that names the thing without its sort answers nothing: another may say "155mm".
            return (0, described) if described else None
        noun = self.asked_class(question)
        if noun and kind not in ("weapon", "when", "distance", "quantity", "why"):
            named = members.named_as(s, noun, asked)
            if named:
                taken = self._places_taken(s, question, noun, asked) if kind == "where" else None
                if taken and len(taken) > 1 and self.asks_several(question):
                    return 0, " and ".join(taken)  # "Which villages …?": all the sentence says were taken
                # "Which village in Kharkiv region …?": of "Troitske, a village … in Donetsk region, and … Kamianka, a
                # settlement in the Kharkiv region", the one whose own description holds the question's place.
                return 0, _qualified(s.text, named, question) or named[0]  # "Which exchange …?" -> "the Moscow Exchange"
            if noun in _COUNTRY_CLASS and (placed := self._countries_placed(s, question, asked)):
                return 0, " and ".join(placed)  # "Which countries are the firms registered in?": where the verb puts them
            if noun in _COUNTRY_CLASS:
                countries = members.countries_named(s, asked)
                if countries:
                    return countries  # "Which countries are paying?" -> "Netherlands, Denmark and Sweden"

        title = self.identity_of(question) if kind == "who" else None
        if title and (holder := members.titled(s, title, asked)):
            return 0, holder  # "Who is Italy's defence minister?" -> "Guido Crosetto" ("Defence Minister Guido Crosetto")
        candidates: list[tuple[int, str]]
        if kind == "where":
            # "Where is the substation that was hit?": of several places, the one nearest the question's words.
            places = places_in(s)
            if noun in _SETTLEMENTS:
                # "Which villages …?" is never answered by a country or a capital ("claims that Kyiv rejected").
                # Nor by the region a village lies in ("two villages in Ukraine's eastern Donetsk region").
                places = [p for p in places if not set(tokens(p)) <= COUNTRIES and not _names_area(s, p)]
            # "Where are the reserves held?": a place the question's own verb governs is surest; a sentence without
            # that verb ("… the safety of keeping reserves in Europe") names a place for something else.
            verb = self.where_verb(question)
            if verb is None and _ALLOWED_Q.search(question) and question.lstrip().lower().startswith("where"):
                # "Where can Ukraine fire ATACMS inside Russia?": the parser may miss the verb of use the question asks
                verb = next((w for w in _USING if re.search(rf"\b{w}\b", question, re.IGNORECASE)), None)
            # The verb as a verb: the "fire" of "only for counter-fire" is not where anything may be fired.
            here = verb is not None and any(t.lemma_.lower() == verb and syntax.is_verbal(t) for t in s.doc)
            sure = 1 if verb is None or here else 2
            # "Which villages does Russia say it captured?": the places the question's verb (or its synonym:
            # "taken", "seized") governs; another place in the sentence ("let Kyiv fire") is there for something else.
            taken = self._places_taken(s, question, noun, asked) if verb is None and noun else None

            def governed(place: str) -> bool:
                first = _first_token(s, place)
                return first is not None and any(a.lemma_.lower() == verb for a in list(first.ancestors)[:3])

            if taken:
                candidates = [(0 if p in taken else 2, p) for p in places]
                if len(taken) > 1 and self.asks_several(question):
                    candidates.insert(0, (0, " and ".join(taken)))  # "Novopavlivka and Kopanky"
            else:
                candidates = [(0 if verb is not None and governed(p) else sure, p) for p in places]
            candidates = sorted(
                candidates, key=lambda c: (c[0], phrases.place_nearness(s, c[1], anchors) if " and " not in c[1] else 0)
            )
            if verb is not None and _ALLOWED_Q.search(question):
                # "Where are the missiles allowed to be used?" -> "on the territory of Ukraine": where a rule lets the
                # thing be done is the verb's own phrase of place, when it names a country or a place.
                where_named = {i for n in s.names if n.kind in ("country", "place", "actor") for i in range(n.start, n.end)}
                # "only for air defence missions over Ukrainian territory": a side's territory is a place too
                where_named |= {
                    t.i for t in s.doc if t.lemma_.lower() in ("territory", "airspace", "soil", "border", "frontier")
                }
                # "Where can Ukraine fly the F-16s?" of "… may be used only for … over Ukrainian territory": any verb of use
                verbs = _USING if verb in _USING else {verb}
                spots = [
                    # up to the first comma: "in the Russian regions that border Ukraine, including airfields …"
                    phrases.short(_to_comma(s, p), limit=12)
                    for t in s.doc
                    if t.lemma_.lower() in verbs
                    # (or on the noun of its purpose: "used only for air defence missions over Ukrainian territory")
                    for p in [
                        *syntax.children(t, "prep"),
                        *(
                            q
                            for c in syntax.children(t, "prep")
                            if c.lower_ in ("for", "at", "against")
                            for o in c.children
                            for q in syntax.children(o, "prep")
                        ),
                    ]
                    if p.lower_ in _WHERE_PREPOSITIONS
                    and p.i > t.i
                    and any(x.i in where_named for x in p.subtree)
                    # "not on internationally recognised Russian territory" is where it may not be used
                    and not any(x.lower_ in ("not", "never") for x in [*p.subtree, s.doc[p.i - 1]])
                ]
                candidates = [(0, spot) for spot in spots if spot] + candidates
            countries = members.countries_named(s, asked) if _BASED.search(question) else None
            if countries:
                # "Where are the listed firms based?": a firm is based in a country ("companies in China, Türkiye
                # and the United Arab Emirates"), which the battlefield's places leave out.
                # (a place the question's own verb governs stays first: "a company registered in Baku that London
                # said …")
                sure_places = [c for c in candidates if c[0] == 0]
                candidates = sure_places + [(1, countries[1])] + [c for c in candidates if c[0] != 0]
        elif kind == "weapon":
            found = weapons_in(s, self.lx)
            # "Which British missile …?": a weapon of the kind asked about first, named systems before classes.
            # "Which missiles is Berlin refusing to send?": of those, the weapon of the clause whose doer the question
            # names comes before one another government holds back in the same sentence.
            found.sort(key=lambda w: (not members.of_kind(w.head, asked), not _doer_asked(w.head, asked), not w.named))
            candidates = [(1, members.named_beside(w.head) or w.text) for w in found]
            if (
                len(found) > 1
                and _SEVERAL_WEAPONS_Q.search(question)
                and (CONTENTS_Q.search(question) or _IN_IT_Q.search(question))
            ):
                # "What weapons are in the drawdown?": each the package holds, not the first alone
                listed = [w.text for w in sorted(found, key=lambda w: w.head.i) if phrases.is_new(w.text, asked)]
                listed = [w for w in listed if not any(w != o and w in o for o in listed)]
                if len(listed) > 1:
                    candidates.insert(0, (1, ", ".join(dict.fromkeys(listed[:4]))))
        elif kind == "when":
            candidates = [(1, d) for d in dates_in(s)] + [(2, c) for c in conditions_of_time(s)]
            if is_future(question):
                # "When will the missiles arrive?" is not answered by "since February 2022".
                past = " ".join(m.group(0) for m in PAST_TIME.finditer(s.text))
                candidates = [(r, d) for r, d in candidates if d not in past and not _told_as_past(s, d)]
        elif kind == "distance":
            candidates = [(1, d) for d in phrases.distances(s)]
        elif kind == "who" and (got := members.GOT_Q.match(question)) and (hit := members.measure_on(s, got.group(1))):
            candidates = [(0, hit)]  # "Who got the EU travel ban?" -> "Igor Lavrentyev", on whom it was imposed
        elif (
            kind == "who"
            and _asks_whom(question)
            and (_WHO_PASSIVE.match(question) or not self.verb_after_auxiliary(question))
        ):
            # "Who did Japan sanction?": the doer is named; the answer is whom the verb takes.
            candidates = [(1, o) for o in phrases.objects_of_question_verb(s, question)] + [(4, n) for _, n in near]
        elif kind == "who" and _SPOKESPERSON_Q.search(question):
            # "Who spoke for the Kremlin?": the spokesperson of the one the question names, before any other.
            # The question's own words: "the Kremlin" is not "the Russian Foreign Ministry", though both are Russia's.
            own = phrases.question_words(question) | _spokesperson_country(question)
            candidates = [(0 if theirs else 3, name) for theirs, name in members.spokespeople(s, own)]
        elif kind == "who" and _MAKER_Q.match(question) and (makers := _makers(s, asked)):
            # "Who builds the Senator vehicles?": "40 more Senator armoured vehicles from Roshel" names the maker; the
            # minister who announced them did not build them.
            candidates = [(0, m) for m in makers] + [(4, n) for _, n in near]
        elif kind in ("who", "source"):
            framed = bool(_FRAMED.search(question))
            # A doer the grammar names is surer than a name that only stands near the question's words.
            candidates = phrases.doers(
                s, asked, self.lx.report, framed=framed, akin=self.doer_verb(question), sayer=bool(_WHO_SAYS.match(question))
            ) + [(4, n) for _, n in near]
            if noun:
                # "Which occupation official …?": a doer with no name ("The real signal here") is a weak answer
                # beside the named member of the class another sentence gives.
                candidates = [(r if _NAMED.search(c) else max(r, 4), c) for r, c in candidates]
            if noun in _COUNTRY_CLASS:
                # "Which countries are paying?": a doer that is not a country ("the Europeans") is a weaker answer
                # than the countries another sentence names.
                candidates = [(4, c) for _, c in candidates]
        elif kind == "quantity":
            candidates = [(1, q) for q in phrases.quantities(s, asked)]
        elif kind == "why":
            candidates = reason(s)
        elif kind == "target":
            # "What targets may Ukraine hit with SCALP?": what the weapon may be used against comes first.
            aimed = [(1, a) for a in phrases.aimed_at(s)]
            candidates = aimed + near + [(2, o) for o in phrases.objects_of_question_verb(s, question)]
        else:
            # "What did Sweden decide about its weapons?" is not answered by a name standing near its words.
            candidates = [(1, o) for o in phrases.objects_of_question_verb(s, question)] + (
                [] if kind == "what" and not noun else near
            )
        if kind in ("what", "target") and _MEASURE_Q.search(question):
            # "What does the EU's new sanctions package target?": whom its verbs of sanctioning take ("adding 45
            # tankers to its port ban and cutting four banks off"), not the package named as what was approved.
            sanctioned = phrases.sanctioned(s, self.lx.sanction)
            candidates = ([(1, "; ".join(sanctioned))] if sanctioned else []) + candidates
        if kind == "what" and _NAMING_Q.search(question):
            # "What does Russia call Toretsk?": the name the sentence gives it.
            candidates = [(0, n) for n in phrases.names_given(s, asked)] + candidates
        if kind == "what" and _PURPOSE.search(question):
            candidates = [(1, p) for p in phrases.purposes(s, anchors)] + candidates
        if kind in ("what", "target") and CONTENTS_Q.search(question):
            # "What's in the new package?", "What is Denmark buying?": the goods the sentence names.
            goods = [
                w.text
                for w in weapons_in(s, self.lx, equipment=True)
                if phrases.is_new(w.text, asked) and not names_an_attack(w.head)  # not "drone and missile attacks"
            ]
            goods = [
                g for g in goods if not any(g != other and g in other for other in goods)
            ]  # "SAMP/T" in "SAMP/T battery"
            if goods:
                candidates = [(1, ", ".join(dict.fromkeys(goods[:4])))] + candidates
        if kind in ("what", "target") and (verb := self.doer_verb(question)) and noun not in _COUNTRY_CLASS:
            # "Which outlet reported …?": the doer of the verb asked about.
            # "What is in the package?": "be" is no deed to find a doer of; the question's words choose.
            doers = phrases.doers(s, asked, self.lx.report, verb=None if verb in AUX_LEMMAS else verb)
            candidates = [(0, p) for r, p in doers if r == 0] + candidates
        firms = members.proper_names(s, asked) if noun in _FIRM_CLASS else []
        if firms:
            # "Which companies …?" -> "Rosneft and Lukoil", after the doer of the question's own verb.
            candidates = [c for c in candidates if c[0] == 0] + [(1, " and ".join(firms[:3]))] + candidates
        if asked & SAYING_WORDS and kind in ("what", "yesno", "target"):
            # What was said may name the place asked about ("What does Russia say happened at X?"): it
            # only has to say more than the question.
            said = [c for c in phrases.said(s, self.lx.report, asked) if phrases.says_more(c, asked)]
            if said:
                return 1, said[0]
        if kind == "weapon":
            # "Which US weapons …?" is answered by "US glide bombs": a weapon's maker is no name the answer repeats.
            asked = asked - {w.lower().rstrip("s") for w in phrases.WORD.findall(question) if set(tokens(w)) & COUNTRIES}
        for rank, candidate in candidates:
            # A reason may name what the question names ("… could draw Italy into the war"): it only has to say more.
            if phrases.is_new(candidate, asked) or (kind == "why" and rank == 0 and phrases.says_more(candidate, asked)):
                return rank, candidate
        if kind in ("what", "target", "why", "who", "source", "weapon", "where"):
            clause = phrases.best_clause(s, question)
            return (4, clause) if clause else None
        return None


# Words that make a place name an area, larger than any village: "Donetsk region", "the Kharkiv oblast".
_AREAS = frozenset(("region", "regions", "oblast", "oblasts", "province", "district", "area", "front", "direction"))


def _names_area(s: Sentence, place: str) -> bool:
    """Is ``place`` the name of an area where it stands ("in Ukraine's eastern Donetsk region")?"""
    first = _first_token(s, place)
    if first is None:
        return False
    after = first.i + len(place.split())
    return after < len(s.doc) and s.doc[after].lower_ in _AREAS


_AWAITED = {"expect", "schedule", "plan", "due", "set", "aim", "intend", "hope", "slate"}


def _told_as_past(s: Sentence, phrase: str) -> bool:
    """Is the date ``phrase`` the time of something done ("Britain was the first …, delivering Storm Shadow in 2023")?
    "When will Britain decide …?" is not answered by it."""
    at = s.text.find(phrase)
    first = next((t for t in s.doc if t.idx >= at), None) if at >= 0 else None
    verb = next((a for a in first.ancestors if syntax.is_verbal(a)), None) if first is not None else None
    if verb is None:
        return False
    chain = [verb, *(a for a in verb.ancestors if syntax.is_verbal(a))][:3]
    if any(c.tag_ == "MD" or c.lower_ in ("will", "would", "shall") for v in chain for c in v.children):
        return False
    if any(v.lemma_.lower() in _AWAITED for v in chain):
        return False  # "deliveries were expected before the summer": a time still to come, told in the past tense
    return verb.tag_ == "VBD" or (verb.tag_ in ("VBN", "VBG") and verb.head.tag_ == "VBD")


def _doer_asked(token: Token, asked: set[str]) -> bool:
    """Does the question name the doer of the nearest clause above ``token`` that has one ("Berlin has declined
    to send its Taurus missiles" for "Which missiles is Berlin refusing to send?")?"""
    for above in token.ancestors:
        doer = syntax.first_child(above, "nsubj") if above.pos_ in ("VERB", "AUX") else None
        if doer is not None:
            return any(t.lower_ in asked for t in doer.subtree if t.pos_ in ("PROPN", "NOUN"))
    return False


def _first_token(s: Sentence, place: str) -> Token | None:
    """The token a place found in ``s`` starts with."""
    return next((t for t in s.doc if t.text == place.split()[0]), None)


def _taken_by(token: Token, deeds: set[str], kinds: set[str]) -> bool:
    """Is the name that ``token`` opens what one of ``deeds`` acts on: its object ("had seized Kopanky"), its
    passive subject ("Kopanky was taken"), one of a list of them, "the capture of X", or "liberated the settlement
    of X" (a noun of the ``kinds`` asked for)?"""
    for _ in range(3):
        while token.dep_ in ("compound", "amod", "nmod", "conj", "appos") and token.head is not token:
            token = token.head
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of":
            head = head.head  # "the capture of Pishchane"
            if stem(head.lemma_.lower()) in kinds:
                token = head  # "liberated the settlement of Novopavlivka": what the noun names
                continue
        elif token.dep_ not in ("dobj", "nsubjpass", "attr", "oprd"):
            return False
        return stem(head.lemma_.lower()) in deeds
    return False


@lru_cache(maxsize=4)
def _reader(domain: str) -> SpanReader:
    from bot.extractive.lexicon import lexicon_for
    from bot.extractive.names import Gazetteer
    from bot.extractive.pipeline import load_pipeline, parse

    lexicon = lexicon_for(domain)
    return SpanReader(lexicon, Gazetteer(lexicon, load_pipeline()), parse)


def reader_for(settings: Settings) -> SpanReader:
    """The span reader of the settings' domain file, built once per process."""
    from bot.config import domain_path

    return _reader(str(domain_path(settings)))


# "Who builds …?", "Who makes …?": the maker of a thing.
# A question about what a measure hits: "What does the sanctions package target?".
_MEASURE_Q = re.compile(
    r"\b(?:sanctions?|package|measures?|listings?|designations?)\b.*\b(?:target|hit|cover|go after)\b", re.IGNORECASE
)
_MAKER_Q = re.compile(r"\W*who (?:builds|built|makes|made|manufactures|manufactured|produces|produced)\b", re.IGNORECASE)


def _makers(s: Sentence, asked: set[str]) -> list[str]:
    """Names a thing the question names comes "from" or is made "by": "Senator armoured vehicles from Roshel"."""
    out = []
    for tok in s.doc:
        prep = tok.head
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or prep.lower_ not in ("from", "by"):
            continue
        thing = prep.head
        if thing.pos_ == "VERB" and thing.dep_ == "acl":
            thing = thing.head  # "launchers made by …": the launchers
        if thing.pos_ not in ("NOUN", "PROPN") or not {w.lower_ for w in thing.subtree if w.i < prep.i} & asked:
            continue
        name = syntax.span_text([t for t in tok.subtree if t.i <= tok.i and (t.pos_ == "PROPN" or t.i == tok.i)])
        out.append(name)
    return out


_APPOSITION = re.compile(r"^,\s+(?:a|an|the|one)\s")


def _qualified(text: str, named: list[str], question: str) -> str | None:
    """The one name whose description (the apposition after it, up to the next name) holds a name the question gives
    that the others' do not; None when no single one does."""
    if len(named) < 2:
        return None
    given = {w for w in re.findall(r"(?<=\s)[A-Z][a-z]+", question)} - {w for n in named for w in n.split()}
    starts = [text.find(n) for n in named]
    if not given or min(starts) < 0:
        return None
    ordered = sorted(zip(starts, named, strict=True))
    holding = []
    for k, (start, name) in enumerate(ordered):
        end = ordered[k + 1][0] if k + 1 < len(ordered) else len(text)
        window = text[start + len(name) : end]
        if not _APPOSITION.match(window):
            continue  # only a description set beside the name ("Kamianka, a settlement in the Kharkiv region")
        if any(re.search(rf"\b{re.escape(w)}\b", window) for w in given):
            holding.append(name)
    return holding[0] if len(holding) == 1 else None


def _to_comma(s: Sentence, prep: Token) -> list[Token]:
    """A phrase of place up to the first comma ("in the Russian regions that border Ukraine, including airfields"),
    with the relative clause right after it that the parser may have hung elsewhere."""
    words = [x for x in prep.subtree if not any(c.text == "," for c in s.doc[prep.i : x.i + 1])]
    end = words[-1].i if words else prep.i
    if end + 1 < len(s.doc) and s.doc[end + 1].lower_ in ("that", "which", "where"):
        more = next((t.i for t in s.doc[end + 1 :] if t.text in (",", ".", ";")), len(s.doc))
        words += list(s.doc[end + 1 : more])
    return words
