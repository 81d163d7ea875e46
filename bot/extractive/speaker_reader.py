"""Who speaks: the speaker a subject phrase names, with their side, resolved against earlier sentences when the
phrase is vague ("the ministry", "the brigade", "it", "he") or names only a local office ("the regional governor")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.names import side_of
from bot.extractive.reading import ContextReader, Sentence, Speaker
from bot.extractive.speakers import display_tokens, without_fronted
from bot.language import TIME_OF_ENTRY

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.lexicon import Side

_REGION_NOUNS = {"region", "oblast", "province", "district", "republic", "krai"}


# Kinds of military unit a speaker's title may name alone ("brigade spokesperson"), and how far back the unit may be.
_UNIT_KINDS = frozenset({"brigade", "battalion", "regiment", "corps", "division", "unit"})
_UNIT_WINDOW = 3
# Observers named by their kind alone: "the analysts", "the researchers", "the think tank".
_STUDYING_KINDS = frozenset({"analyst", "researcher", "expert", "monitor", "tank", "institute", "observer"})


class SpeakerReader(ContextReader):
    """Resolves the speakers an attribution names."""

    def speaker(self, s: Sentence, who: Token, *, phrase: list[Token] | None = None) -> Speaker | None:
        """The speaker a subject phrase names, resolved against earlier sentences when it is vague."""
        if (syntax.is_pronoun(who) or who.lower_ in ("its", "their")) and phrase is None:
            here = _subject_above(who)
            if here is not None:
                return self.speaker(s, here)  # "Pro-war channels circulated what they described as …": the channels
            return self._subject_before(s, who) or self._person_before(s, who) or self._pronoun(who)
        tokens = without_fronted(phrase, who) if phrase else display_tokens(who)
        if len(tokens) > 1 and tokens[-1].dep_ == "case":
            tokens = tokens[:-1]  # "the General Staff's update": the owner, without its "'s"
        while tokens[0].i > 0 and tokens[0].text == "-" and not tokens[0].doc[tokens[0].i - 1].whitespace_:
            tokens = [tokens[0].doc[tokens[0].i - 1], *tokens]  # "pro-Kremlin": a word is never cut at its hyphen
        whole = phrase or list(who.subtree)
        # "Voronov, the ministry's spokesman, who put Ukrainian losses at …": what a relative clause tells of the
        # speaker names no side of theirs.
        told = {t.i for r in whole if r.dep_ == "relcl" for t in r.subtree}
        with_told = (whole[0].i, whole[-1].i + 1)
        whole = [t for t in whole if t.i not in told] or whole
        start, end = whole[0].i, whole[-1].i + 1
        display = syntax.span_text([t for t in tokens if not (t.i == tokens[0].i and t.lower_ in ("the", "a", "an"))])
        # A live blog's time stamp ("10:20 Ukraine's General Staff …") is not part of who speaks.
        display = TIME_OF_ENTRY.sub("", display.strip(" ,;:“”\"'"))
        if display.count("(") > display.count(")"):
            display = display[: display.rfind("(")].rstrip()  # "the Russian Ministry of Defense (MoD" lost its ")"
        if not display:
            return None
        # Capitalised as well as tagged: the tagger calls the "ministry" of "Russia's defence ministry" NNP too.
        proper = [t for t in tokens if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper()]
        side = (
            side_of(s.names, start, end)
            or self._local_side(s, whole)
            or self._side_named_before(s, tokens)
            or self._unit_named_before(s, tokens)
            or _owner_before(s, who, start)
        )
        # "Russia’s defence ministry" is a body whose only name is its owner's, not a person.
        owned = {t.i for c in who.children if c.dep_ == "poss" for t in c.subtree}
        # The name the phrase is headed by, when it is one ("Serhii Vorobets, spokesperson for the Khortytsia group":
        # Vorobets, not the group its title names).
        listed = any(n.kind == "person" and n.start <= who.i < n.end for n in s.names)  # "Francken", tagged a noun
        named = who if (who.tag_ in ("NNP", "NNPS") or listed) and who.text[:1].isupper() and who in tokens else None
        last_name = named or (proper[-1] if proper else None)
        covering = [n.kind for n in s.names if last_name is not None and n.start <= last_name.i < n.end]
        person = (
            last_name is not None
            # a listed person ("Lecornu") stands for a government too, and is still a person
            and ("person" in covering or not any(k in ("actor", "side", "default_ukraine", "place") for k in covering))
            and not (not who.text[:1].isupper() and all(t.i in owned for t in proper))
        )
        keys = [who.lemma_.lower()]
        # "Rybar, a Telegram channel with …, wrote": "the channel" later is Rybar.
        keys += [c.lemma_.lower() for c in who.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if last_name is not None:
            keys.append(last_name.text)  # a surname: "Lykhovy said" later
        actors = [n.canonical for n in s.names if n.kind == "actor" and start <= n.start and n.end <= end]
        in_actor_names = {i for n in s.names if n.kind == "actor" for i in range(n.start, n.end)}
        # "the ministry in Moscow" may be the ministry named before; "Ukraine's commander-in-chief", owned, is a title.
        owned_title = bool(proper) and any(c.dep_ == "poss" for c in who.children)
        if all(t.i in in_actor_names for t in proper) and not owned_title and who.tag_ in ("NN", "NNS"):
            # "the ministry said", "the spokesman added": the one an earlier sentence named; "the ministry in Moscow"
            # too, when that one is Moscow's. "A Swedish official" after Norwegian officials names a new one.
            known = self.ctx.recall(who.lemma_.lower()) or self._named_before(s, who) or self._speaker_meant(who)
            same = known is not None and (
                (side is None and not actors)
                or (side is not None and known.side == side and (known.actor in actors or (not actors and not proper)))
            )
            if known is not None and same:
                self.ctx.last_speaker = known
                return known
        if side is None and last_name is None and who.tag_ in ("NN", "NNS") and who.text[:1].isupper():
            # "Hrabets said …" opening a sentence, the surname tagged a common noun: the person named in full before
            known = self.ctx.recall(who.text)
            if known is not None and known.person:
                self.ctx.last_speaker = known
                return known
        if side is None and last_name is not None:
            known = self.ctx.recall(last_name.text)
            if known is not None:
                self.ctx.last_speaker = known
                return known
        if side is None and (body := self._body_within(s, who)) is not None:
            # "A source in the service told us …" after "Ukraine’s Security Service (SBU) says …": whose source it is.
            return Speaker(name=f"{display} ({body.name})", side=body.side, person=False, actor=body.actor)
        if side is None and (body := self._body_of_title(whole)) is not None:
            side = body.side  # "Major General Arkady Voronov, the ministry's spokesman": the ministry named before
        if side is None and told:
            side = side_of(s.names, *with_told)  # else what the relative clause says of them, as a last resort
        speaker = Speaker(
            name=display, side=side or "unknown", person=person, actor=actors[0] if actors else None, named_in=s
        )
        self.ctx.remember(keys, speaker)
        return speaker

    def _local_side(self, s: Sentence, phrase: list[Token]) -> Side | None:
        """A local official speaks for the side that governs the region: "Lviv regional governor X" for
        Ukraine, "the Belgorod governor" for Russia."""
        lx = self.ctx.lexicon
        if not any(t.lemma_.lower() in lx.official for t in phrase):
            return None
        ids = {t.i for t in phrase}
        roles = [t for t in phrase if t.lemma_.lower() in lx.official]
        places = (
            [n.text for n in s.names if n.kind == "place" and n.start in ids]
            + [e.text for e in s.doc.ents if e.label_ in ("GPE", "LOC") and e.start in ids]
            + [
                # "Poltava regional governor", "the governor of Poltava": a name that qualifies the office
                t.text
                for r in roles
                for t in r.subtree
                if t.tag_ == "NNP"
                and t.ent_type_ != "PERSON"
                and t.i < r.i
                and t.dep_ in ("compound", "amod", "poss", "nmod")
            ]
            # "the governor of the Ryazan region": the name of the region the office governs
            + [t.text for t in phrase if t.tag_ == "NNP" and t.dep_ == "compound" and t.head.lemma_.lower() in _REGION_NOUNS]
        )
        if not places and any(
            t.lemma_.lower()
            in (
                "regional",
                "region",
                "local",
                "city",
                "oblast",
                "mayor",
                "community",
                "district",
                "village",
                "town",
                "hromada",
                "municipal",
            )
            for t in phrase
        ):
            # "…, according to the regional governor, Oleksandr Prokudin": the region is the one the sentence
            # is about, named outside the speaker's phrase.
            places = [n.text for n in s.names if n.kind == "place" and n.start not in ids]
            if not places:
                # "In Krasnodar Krai, the regional operational headquarters said …": the region the sentence opens in.
                places = [
                    t.text
                    for prep in s.doc
                    if prep.dep_ == "prep" and prep.lower_ == "in" and prep.head.dep_ == "ROOT" and prep.i < min(ids)
                    for t in prep.subtree
                    if t.tag_ == "NNP"
                ]
            if not places:
                # "Our correspondent is in Odesa. … the regional governor says two people were killed here": the
                # region the report is in, named a few sentences before.
                places = next(
                    (
                        [n.text for n in before.names if n.kind == "place"]
                        for before in reversed(self.ctx.sentences[max(0, s.index - 4) : s.index])
                        if any(n.kind == "place" for n in before.names)
                    ),
                    [],
                )
        if not places:
            return None
        return "russia" if any(w.lower() in lx.russian_regions for p in places for w in p.split()) else "ukraine"

    def _subject_before(self, s: Sentence, who: Token) -> Speaker | None:
        """ "Ukraine's General Staff has dismissed the Russian account. In its update it says …": "it" is the
        body the sentence before was about, when that sentence's subject names a side."""
        if who.lower_ not in ("it", "they", "its", "their") or s.index == 0 or not self.ctx.sentences:
            return None
        before = self.ctx.sentences[s.index - 1]
        if before.para != s.para:
            return None
        # "Russia lost 1,130 troops …, according to the General Staff. It put total Russian losses at …": "it" is the
        # body the sentence before quoted, not the subject it spoke about.
        last = self.ctx.last_speaker
        quoted = [f for f in self.ctx.items[-3:] if before in f.sentences and f.fields.get("claimant")]
        if last is not None and not last.person and quoted and quoted[-1].fields["claimant"] == last.name:
            return last
        root = next((t for t in before.doc if t.dep_ == "ROOT"), None)
        subject = syntax.subject(root) if root is not None else None
        if subject is None or syntax.is_pronoun(subject):
            return None
        whole = list(subject.subtree)
        # "The Two Majors channel was blunter. It said …": a named channel, brigade or ministry is a speaker too.
        named_body = subject.lemma_.lower() in _SPEAKING_KINDS and any(t.tag_ in ("NNP", "NNPS") for t in whole)
        if side_of(before.names, whole[0].i, whole[-1].i + 1) is None and not named_body:
            return None
        return self.speaker(before, subject)

    def _side_named_before(self, s: Sentence, tokens: list[Token]) -> Side | None:
        """ "According to the Southern Defense Forces, …" after "a spokesman for Ukraine's Southern Defense Forces":
        a body's side is the one an earlier sentence gave its name."""
        proper = [t for t in tokens if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper()]
        if len(proper) < 2:
            return None  # one capitalised word ("Moscow", "Forces") is too little to know the body again
        name = syntax.span_text(proper)
        for before in reversed(self.ctx.sentences[: s.index]):
            at = before.text.find(name)
            if at < 0:
                continue
            first = next((t for t in before.doc if t.idx == at), None)
            if first is None:
                continue
            side = side_of(before.names, max(0, first.i - 3), first.i + len(proper))
            if side is not None:
                return side
        return None

    def _unit_named_before(self, s: Sentence, tokens: list[Token]) -> Side | None:
        """ "brigade spokesperson Oleh Tkachuk" after "Ukraine's 24th Mechanized Brigade … rejected the claim": a unit
        spoken of by its kind alone is the one of that kind just named, with its side."""
        kinds = {t.lemma_.lower() for t in tokens if t.lemma_.lower() in _UNIT_KINDS and t.text.islower()}
        if not kinds:
            return None
        for before in reversed(self.ctx.sentences[max(0, s.index - _UNIT_WINDOW) : s.index]):
            for t in reversed(before.doc):
                if t.lemma_.lower() in kinds and t.text[:1].isupper():
                    side = side_of(before.names, max(0, t.i - 6), t.i + 1)
                    if side is not None:
                        return side
        return None

    def _named_before(self, s: Sentence, who: Token) -> Speaker | None:
        """ "Russia's defence ministry gave a very different account. …, the ministry said": the body a sentence
        just before named in full with the same noun, though not as a speaker."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in who.children):
            return None
        for before in reversed(self.ctx.sentences[max(0, s.index - 2) : s.index]):
            for t in before.doc:
                if t.lemma_.lower() == who.lemma_.lower() and any(c.dep_ == "poss" for c in t.children):
                    whole = list(t.subtree)
                    if side_of(before.names, whole[0].i, whole[-1].i + 1) is not None:
                        return self.speaker(before, t)
        return None

    def _speaker_meant(self, who: Token) -> Speaker | None:
        """ "… the 93rd Separate Mechanized Brigade said. The brigade said …": the latest body whose name holds the
        noun. "In a statement, the General Staff said … . The military also claimed …", "…, the statement said": a
        speaker's own words ("the statement"), or a body met only by its kind ("the military"), are the latest
        speaker's, or the latest body's."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in who.children) or len(list(who.subtree)) > 2:
            return None
        lemma = who.lemma_.lower()
        named = self._latest_named(lemma)
        if named is not None:
            return named  # "… the 93rd Separate Mechanized Brigade said. The brigade said …"
        if lemma in _OWN_WORDS:
            return self.ctx.last_speaker
        if lemma in _BODY_KINDS:
            return next((k for _, k in reversed(self.ctx.speakers) if not k.person and k.side != "unknown"), None)
        if lemma in _STUDYING_KINDS:
            # "The analysts did, however, assess …" after "The Institute for the Study of War … said": the observers
            # who spoke last
            return next((k for _, k in reversed(self.ctx.speakers) if k.side == "third_party"), None)
        return None

    def _body_of_title(self, phrase: list[Token]) -> Speaker | None:
        """The body a title names by its kind alone ("the ministry's spokesman", "a spokesman for the ministry"),
        when an earlier speaker is that body: the latest one whose name holds the noun."""
        for t in phrase:
            if t.lemma_.lower() in _SPEAKING_KINDS and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
                known = self._latest_named(t.lemma_.lower())
                if known is not None and known.side != "unknown":
                    return known
        return None

    def _latest_named(self, noun: str) -> Speaker | None:
        """The latest speaker whose name holds ``noun`` ("the brigade" after "the 93rd Separate Mechanized
        Brigade")."""
        return next((k for _, k in reversed(self.ctx.speakers) if noun in k.name.lower().split()), None)

    def _body_within(self, s: Sentence, who: Token) -> Speaker | None:
        """The body a source is in ("a source in the service", "officials at the ministry"), when a sentence just
        before named it in full."""
        for prep in syntax.children(who, "prep"):
            inner = syntax.first_child(prep, "pobj")
            if prep.lower_ in ("in", "at", "from", "within", "inside") and inner is not None:
                return self._named_before(s, inner)
        return None

    def _person_before(self, s: Sentence, who: Token) -> Speaker | None:
        """ "Asked how Ukraine may use the French missiles, Lecornu was more expansive. “Ukraine can use the SCALP …,”
        he told reporters.": "he" is the person the sentence before is about, when that person spoke earlier on."""
        if who.lower_ not in ("he", "she") or s.index == 0 or not self.ctx.sentences:
            return None
        before = self.ctx.sentences[s.index - 1]
        if before.para not in (s.para, s.para - 1):
            return None
        for tok in before.doc:
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.tag_ in ("NNP", "NN") and tok.text[:1].isupper():
                known = self.ctx.recall(tok.text)
                if known is None or not known.person:
                    return None
                self.ctx.last_speaker = known
                return known
        return None

    def _pronoun(self, who: Token) -> Speaker | None:
        last = self.ctx.last_speaker
        if who.lower_ in ("he", "she") and last is not None and not last.person:
            for _, known in reversed(self.ctx.speakers):
                if known.person:
                    return known
        return last


def _owner_before(s: Sentence, who: Token, start: int) -> Side | None:
    """ "Moscow’s version is rather different: its defence ministry says …": "its" is the side the sentence
    named last before the speaker."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in who.children):
        return None
    before = [n for n in s.names if n.kind == "side" and n.end <= start]
    return before[-1].canonical if before else None  # type: ignore[return-value]


# A speaker's own words, said of the speaker who made them ("the statement said").
_OWN_WORDS = {"statement", "update", "report", "post", "message", "communique", "bulletin", "summary", "readout"}
# A body named by its kind alone, after its name was given ("The military also claimed …").
_BODY_KINDS = {"military", "army", "command", "headquarters", "ministry", "agency", "service", "force"}
# Nouns for bodies that speak, which a sentence about them can name before "It said …".
_SPEAKING_KINDS = _BODY_KINDS | {"channel", "blogger", "brigade", "battalion", "regiment", "unit", "outlet", "staff"}


def _subject_above(pronoun: Token) -> Token | None:
    """The noun subject of a clause the pronoun sits inside, agreeing with it in number: in "Pro-war Telegram
    channels circulated what they described as a leaked memo", "they" are the channels."""
    if pronoun.lower_ not in ("they", "it"):
        return None
    number = ("NNS", "NNPS") if pronoun.lower_ == "they" else ("NN", "NNP")
    for up in list(pronoun.ancestors)[1:]:
        if not syntax.is_verbal(up):
            continue
        subject = syntax.subject(up)
        if subject is not None and subject.i < pronoun.i and not syntax.is_pronoun(subject):
            return subject if subject.tag_ in number else None
    return None
