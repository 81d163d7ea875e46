"""Who says it: the speaker of every assertion in a sentence, wherever the attribution sits.

Read from the parse: "X said (that) …", "“…,” X said", "X claimed to have …", "X accused Y of …",
"maps published by X showed …", "… according to X", "X, citing Y, reported …". A pronoun or a bare
"the ministry" takes the speaker an earlier sentence named (``speaker_reader``). A news agency is never the speaker of
what it quotes someone else saying, and a dateline is not part of any sentence we read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.extractive import syntax
from bot.extractive.claim_words import EVIDENCE, SHOWING
from bot.extractive.reading import Sentence, Speaker
from bot.extractive.said import content_of
from bot.extractive.speaker_reader import SpeakerReader
from bot.extractive.speakers import (
    CLAIM_NOUNS,
    cited_source,
    claim_answered,
    left_phrase,
    speaker_token,
    through_carrier,
    trailing_speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


# News agencies and outlets: they pass on what the one they cite said.
_MEDIA = {
    "reuters",
    "ap",
    "afp",
    "tass",
    "ria",
    "interfax",
    "bloomberg",
    "bbc",
    "cnn",
    "kyodo",
    "dpa",
    "ukrinform",
    "agency",
    "newspaper",
    "outlet",
    "broadcaster",
}


@dataclass(slots=True)
class Attribution:
    """One reporting structure: who, through which verb, and the tokens of what they assert."""

    speaker: Speaker
    verb: Token | None
    content: set[int]  # token indices of the assertion
    denial: bool = False

    answered_claim: Token | None = None  # "…, a claim Ukraine's military denied": the claim noun answered


# "By its count", "in Kyiv's estimate": a figure or account owned by whoever made it.
_TALLIES = frozenset({"count", "estimate", "tally", "reckoning", "calculation", "assessment", "figure", "data"})


def _named_after(who: Token) -> list[Token]:
    """ "according to the regional governor, Oleh Syniehubov, …": the name set off by commas after the office,
    which the parse may hang anywhere; empty when no name follows."""
    doc = who.doc
    comma = who.right_edge.i + 1
    if who.tag_ != "NN" or comma >= len(doc) or doc[comma].text != ",":
        return []
    end = comma + 1
    while end < len(doc) and doc[end].tag_ == "NNP" and end - comma <= 4:
        end += 1
    if end == comma + 1 or end >= len(doc) or doc[end].text != ",":
        return []
    return list(doc[comma + 1 : end])


# A headline that says whose words the whole text is: "Statement of the Ministry of Defence of the Russian
# Federation", "Ukrainian General Staff: operational update", "Russian MoD daily briefing".
_VOICE_NOUNS = r"(?:statement|briefing|update|report|communiqu[eé]|bulletin|summary|press release|readout)"
_VOICED_TITLE = re.compile(
    rf"^(?:(?:daily|morning|evening|operational|official)\s+)*{_VOICE_NOUNS}\s+(?:of|from|by)\s+(?P<after>.+?)"
    rf"(?:\s*[(:–—|]|$)|^(?P<before>[^:(]+?)(?::\s*|\s+)(?:(?:daily|morning|evening|operational|official)\s+)*"
    rf"{_VOICE_NOUNS}\b",
    re.IGNORECASE,
)


def document_voice(title: str | None, gazetteer: Any, parse: Any) -> Speaker | None:
    """The speaker a headline says the whole text is from, when that speaker is on one side of the war."""
    found = _VOICED_TITLE.match((title or "").strip())
    if found is None:
        return None
    who = (found.group("after") or found.group("before") or "").strip()
    doc = parse([who])[0]
    # "the Ministry of Defence of the Russian Federation": the side word, whatever else the name matches.
    sides = {n.canonical for n in gazetteer.find(doc) if n.kind in ("side", "default_ukraine")} & {"ukraine", "russia"}
    if len(sides) != 1:
        return None
    name = who[4:] if who.lower().startswith("the ") else who
    return Speaker(name=name, side=sides.pop(), person=False, actor=None)


def _apart(found: list[Attribution]) -> list[Attribution]:
    """Each side's words without the other side's report inside them: "the air force said it downed 37 drones,
    while Russia's ministry claimed to have intercepted six missiles" gives each speaker only their own."""
    out = []
    for a in found:
        inside = {
            t.i
            for b in found
            if b is not a
            and b.verb is not None
            and b.verb.i in a.content
            and "unknown" not in (a.speaker.side, b.speaker.side)
            and a.speaker.side != b.speaker.side
            for t in b.verb.subtree
        }
        out.append(replace(a, content=a.content - inside) if inside else a)
    return out


class Attributor(SpeakerReader):
    """Finds attributions in sentences and resolves speakers against the article's context."""

    def _colon(self, s: Sentence) -> Attribution | None:
        """ "General Staff: Russian losses 1,690 troops …": a speaker's name, a colon, what they say."""
        doc = s.doc
        colon = next((t for t in doc[:10] if t.text == ":"), None)
        if colon is None or colon.i == 0 or colon.i + 2 >= len(doc):
            return None
        before = doc[: colon.i]
        if any(t.pos_ == "VERB" for t in before):
            return None
        known = any(n.end <= colon.i and n.kind in ("side", "default_ukraine", "actor") for n in s.names)
        if not known and not any(t.tag_ in ("NNP", "NNPS") for t in before):
            return None
        head = max(before, key=lambda t: t.i if t.pos_ in ("NOUN", "PROPN") else -1)
        speaker = self.speaker(s, head, phrase=list(before))
        if speaker is None:
            return None
        return Attribution(speaker, None, set(range(colon.i + 1, len(doc))))

    def attributions(self, s: Sentence) -> list[Attribution]:
        found: list[Attribution] = []
        for token in s.doc:
            lemma = token.lemma_.lower()
            if token.lower_ == "according" and (to := syntax.first_child(token, "prep")) is not None:
                who = syntax.first_child(to, "pobj")
                host = token.head if syntax.is_verbal(token.head) else token.head.head
                # (an active report's own subject: "184 clashes were recorded, according to X" is X's)
                active = host.lemma_.lower() in self.lx.report and not syntax.is_passive(host)
                teller = syntax.first_child(host, "nsubj") if active else None
                if (
                    (token.head.dep_ in ("nsubj", "ROOT") or syntax.is_verbal(token.head))
                    and teller is not None
                    and self.speaker(s, teller) is not None
                ):
                    # "Russia's Dnipro group, according to a statement relayed by state media, claimed …": the one
                    # who claims speaks; the source named is how the words came out.
                    continue
                if (
                    who is not None
                    and re.fullmatch(_VOICE_NOUNS, who.lower_.rstrip("s"))
                    and not any(c.dep_ in ("poss", "compound", "prep", "acl", "relcl", "amod") for c in who.children)
                ):
                    continue  # "…, the air force said …, according to a statement": a document of no one's is how it spoke
                if who is not None:
                    # "according to its communique", "according to the General Staff's update": the owner of the
                    # words speaks, not the document.
                    who = through_carrier(who)
                    named = _named_after(who)
                    phrase = [t for t in who.subtree if t.i >= who.left_edge.i] + named if named else None
                    speaker = self.speaker(s, phrase[-1], phrase=phrase) if phrase else self.speaker(s, who)
                    if speaker is not None:
                        skip = {t.i for t in token.subtree} | {t.i for t in named} | {t.i - 1 for t in named[:1]}
                        # "… an assault in which, according to the brigade, 14 vehicles were destroyed": only the
                        # relative clause is the brigade's.
                        scope = token.head.subtree if token.head.dep_ in ("relcl", "acl") else s.doc
                        found.append(Attribution(speaker, None, {t.i for t in scope if t.i not in skip}))
                continue
            if (
                token.lower_ in ("by", "in")
                and token.i < 3
                and (tally := syntax.first_child(token, "pobj")) is not None
                and tally.lemma_.lower() in _TALLIES
                and (owner := syntax.first_child(tally, "poss")) is not None
            ):
                # "By its count, Russian forces gained about 38 sq km …", "In Kyiv's estimate, …": the owner of
                # the count says the rest of the sentence.
                # "its" is whoever spoke before; a name is the owner's own words, without its "'s".
                pronoun = syntax.is_pronoun(owner) or owner.lower_ in ("its", "their")
                phrase = None if pronoun else [t for t in owner.subtree if t.dep_ != "case"]
                speaker = self.speaker(s, owner, phrase=phrase)
                if speaker is not None:
                    tally_words = {t.i for t in token.subtree}
                    found.append(Attribution(speaker, None, {t.i for t in s.doc if t.i not in tally_words}))
                continue
            if (shown := self._evidence_of(s, token)) is not None:
                found.append(shown)  # "Footage geolocated by the Northlight collective places Russian infantry …"
                continue
            if lemma in _NAMING and syntax.is_verbal(token) and _called_false(token):
                lemma = "deny"  # "Ukraine's General Staff called the claim a fabrication": a denial
            if lemma in self.lx.report and syntax.is_verbal(token) and _said_false(token):
                lemma = "deny"  # "told Ukrainian television that Russian reports on Primorskoye were “not true”"
            if lemma not in self.lx.report and token.tag_ in ("VB", "VBP") and token.lower_ in self.lx.report:
                lemma = token.lower_  # "analysts assess that …": the small model's lemma is "asses"
            if lemma not in self.lx.report or not syntax.is_verbal(token) or syntax.is_negated(token):
                continue  # "could not say who launched the drone", "did not confirm it" assert nothing
            answered = claim_answered(token) if lemma in self.lx.deny else None
            if answered is not None:
                noun, phrase = answered
                speaker = self.speaker(s, phrase[-1], phrase=phrase)
                if speaker is not None:
                    found.append(Attribution(speaker, token, set(), denial=True, answered_claim=noun))
                continue
            who = speaker_token(token)
            if (
                who is not None
                and syntax.is_pronoun(who)
                and token.dep_ == "ccomp"
                and token.head.lemma_.lower() in self.lx.report
                and (outer := syntax.subject(token.head)) is not None
                and not syntax.is_pronoun(outer)
            ):
                continue  # "The monitor said it had confirmed …": the monitor's report says it all
            if (
                token.dep_ == "conj"
                and syntax.first_child(token, "nsubj") is None
                and token.head.dep_ == "ccomp"
                and token.head.lemma_.lower() not in self.lx.report
                and token.head.head.lemma_.lower() in self.lx.report
            ):
                # "Zelensky said that the situation was difficult but denied that …": the parse joins the denial
                # to what was said; a verb of saying goes with the one who says, not with "the situation".
                who = syntax.subject(token.head.head) or who
            named_after = _named_after_quote(token, who)
            if named_after is not None:
                # "“… were killed within the hour,” the brigade's spokesman, Captain Andriy Yaremchuk, told Ukrainian
                # television": the parser may take a word of the quote for the teller; the words after it name them.
                teller, quote_end = named_after
                speaker = self.speaker(s, teller)
                if speaker is not None:
                    said = {t.i for t in s.doc if t.i < quote_end and not t.is_punct}
                    found.append(Attribution(speaker, token, said, denial=lemma in self.lx.deny))
                    continue
            trailing = trailing_speaker(token) if who is None else None
            if trailing is not None:
                speaker = self.speaker(s, trailing)
                if speaker is not None:
                    said = {t.i for t in s.doc if t.i < trailing.left_edge.i and not t.is_punct}
                    found.append(Attribution(speaker, token, said, denial=lemma in self.lx.deny))
                continue
            if who is None:
                phrase = left_phrase(token)
                if not phrase:
                    continue
                speaker = self.speaker(s, phrase[-1], phrase=phrase)
                if speaker is not None:
                    found.append(Attribution(speaker, token, content_of(token), denial=lemma in self.lx.deny))
                continue
            if who.tag_ == "WP" and token.dep_ == "relcl" and token.head.i != token.i:
                who = token.head  # "…, said Voronov, the ministry's spokesman, who put losses at …": the spokesman
            who = through_carrier(who)
            if who.lower_ in _MEDIA or (who.lower_ in ("agency", "newspaper") or who.text.lower() in _MEDIA):
                who = cited_source(token) or who
            speaker = self.speaker(s, who)
            if speaker is None:
                continue
            content = content_of(token)
            found.append(Attribution(speaker, token, content, denial=lemma in self.lx.deny))
        if not found:
            colon = self._colon(s)
            if colon is not None:
                found.append(colon)
        return _apart(found)

    def _evidence_of(self, s: Sentence, verb: Token) -> Attribution | None:
        """ "Footage geolocated by the Northlight collective places Russian infantry in the north of Bilytske": what
        the evidence shows is asserted by whoever the phrase says made or checked it."""
        if verb.lemma_.lower() not in SHOWING or not syntax.is_verbal(verb) or syntax.is_negated(verb):
            return None
        evidence = syntax.subject(verb)
        if evidence is None or evidence.lemma_.lower() not in EVIDENCE:
            return None
        by = next(
            (o for c in evidence.children if c.dep_ == "acl" for a in syntax.children(c, "agent") for o in a.children),
            None,
        )
        speaker = self.speaker(s, by) if by is not None else None
        if speaker is None:
            return None
        if speaker.side == "unknown":
            speaker = replace(speaker, side="third_party")  # an imagery firm or a geolocation group takes no side
        return Attribution(speaker, verb, {verb.i} | {t.i for c in verb.children if c.dep_ != "nsubj" for t in c.subtree})

    # -- speakers ----------------------------------------------------------------------------------


# Verbs that name what something is: "called the claim a fabrication", "branded the report a lie".
_NAMING = {"call", "brand", "label", "term"}
# What a denial calls a claim.
_FALSITY = {
    "fabrication",
    "lie",
    "lies",
    "fake",
    "falsehood",
    "fiction",
    "propaganda",
    "nonsense",
    "disinformation",
    "false",
    "untrue",
    "invention",
    "fantasy",
    "provocation",
}


def _called_false(verb: Token) -> bool:
    """Does the verb call a claim false ("called the claim a fabrication", "branded the reports fake")?"""
    claim = syntax.first_child(verb, "dobj")
    named = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp", "acomp", "dobj") and c is not claim]
    return (
        claim is not None
        and claim.lemma_.lower() in CLAIM_NOUNS | {"claims", "reports"}
        and any(t.lemma_.lower() in _FALSITY or t.lower_ in _FALSITY for c in named for t in c.subtree)
    )


_CLOSING_QUOTES = frozenset({"”", '"'})


def _named_after_quote(verb: Token, who: Token | None) -> tuple[Token, int] | None:
    """The head noun of the words between a closing quote and the verb of saying, and the quote's index, when the
    parser found the teller inside the quote (or none): "“…,” the brigade's spokesman, Captain Andriy Yaremchuk,
    told Ukrainian television"."""
    doc = verb.doc
    quotes = [t.i for t in doc[: verb.i] if t.text in _CLOSING_QUOTES and t.i > 0]
    if not quotes or (who is not None and who.i > quotes[-1]):
        return None
    span = range(quotes[-1] + 1, verb.i)
    if not 1 <= len(span) <= 12 or any(syntax.is_verbal(doc[i]) for i in span):
        return None
    heads = [doc[i] for i in span if doc[i].pos_ in ("NOUN", "PROPN") and doc[i].head.i not in span]
    return (heads[0], quotes[-1]) if heads else None


def _said_false(verb: Token) -> bool:
    """Does what the verb reports call a claim false ("… that Russian reports on Primorskoye were “not true”", "said
    the ministry's claim was a fabrication")?"""
    said = syntax.first_child(verb, "ccomp")
    if said is None or said.lemma_.lower() != "be":
        return False
    claim = syntax.subject(said)
    if claim is None or claim.lemma_.lower() not in CLAIM_NOUNS | {"claims", "reports", "report", "statement"}:
        return False
    named = [c for c in said.children if c.dep_ in ("acomp", "attr")]
    untrue = any(c.lower_ == "true" and (syntax.is_negated(c) or syntax.is_negated(said)) for c in named)
    return untrue or any(t.lemma_.lower() in _FALSITY or t.lower_ in _FALSITY for c in named for t in c.subtree)
