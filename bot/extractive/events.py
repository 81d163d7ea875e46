"""Events of fighting: a verb ("recaptured", "repelled", "shot down") or a noun with a figure or a place ("12 attacks
near Pokrovsk"), never an intention, a hypothetical or a rule ("could capture", "plans to take", "allowed them to
fire"). Claims are events inside what someone asserts (``claims.ClaimReader``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.claim_words import (
    CARRY_OUT,
    EVIDENCE,
    LEARNING,
    MOVING,
    NEEDS_OBJECT,
    PHRASAL,
    PURPOSE,
    SHOWING,
    TRADE_QUANTITIES,
)
from bot.extractive.places import places_in
from bot.extractive.reading import Context, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token


# Ground a side holds, named by its kind: "claimed full control of the village".
_HELD_GROUND = frozenset({"village", "town", "city", "settlement", "position", "area", "district", "height", "bridgehead"})
# Verbs with which a side asserts or takes hold of a place: "claimed full control of the village".
_TAKING_CONTROL = frozenset({"claim", "establish", "take", "gain", "assert", "declare", "seize", "have", "regain"})


class FightingEvents:
    """Which words of a sentence tell of fighting."""

    def __init__(self, context: Context) -> None:
        self.ctx = context
        self.lx = context.lexicon

    def _military(self, s: Sentence, token: Token) -> bool:
        """Is an ambiguous event ("hit", "lost", "took") about fighting? A military word or place nearby."""
        clause = syntax.clause_tokens(token) + [c for c in token.subtree]
        if any(t.lemma_.lower() in self.lx.military for t in clause):
            return True
        indices = {t.i for t in clause}
        if any(n.start in indices for n in s.names_of("weapon")):
            return True
        # "took Avdiivka", "hit Kharkiv": a place as what the verb acts on.
        objects = {t.i for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        return bool(places_in(s, objects))

    @staticmethod
    def _fighting_subject(verb: Token) -> bool:
        """An intransitive ambiguous verb ("fell", "dropped") is no fighting when what does it is a price, a
        rate or another quantity of trade ("freight rates have fallen"), or an act named as the subject."""
        obj = syntax.first_child(verb, "dobj")
        if obj is not None and obj.lemma_.lower() in TRADE_QUANTITIES:
            return False  # "pushes discounts wider", "hit prices": a quantity of trade is what moves
        if obj is not None or syntax.is_passive(verb):
            return True
        if verb.lemma_.lower() in NEEDS_OBJECT:
            return False  # "crews take almost as long": taking, with nothing taken, is no capture
        if syntax.first_child(verb, "csubj") is not None:
            return False  # "hitting targets … fell within its right": an act as the subject
        who = syntax.subject(verb)
        if who is None or syntax.is_pronoun(who) or who.pos_ == "PROPN":
            return True
        if who.pos_ in ("VERB", "AUX"):
            return False
        return who.lemma_.lower() not in TRADE_QUANTITIES

    def _hypothetical(self, token: Token) -> bool:
        """ "could capture", "plans to take", "if Russia advances", "allowed them to fire", "the drones that
        strike homes every night": not an event anyone claims happened."""
        if token.dep_ == "relcl" and token.head.pos_ == "NOUN" and not _tells_within(token, self.lx.event_noun):
            return True  # a relative clause describes a thing; it does not report an event
        if syntax.is_hypothetical(token) or syntax.refuted(token):
            return True  # "Had Russian troops taken the bridge, …", "Suppose Kyiv retook the town"
        if token.tag_ == "VBG" and token.dep_ in ("csubj", "nsubj", "nsubjpass"):
            return True  # "hitting military targets on the aggressor's soil fell within …": an act named, not told
        if token.tag_ == "VBG" and any(
            up.dep_ in ("csubj", "nsubj", "nsubjpass") for up in list(syntax.ancestors_to_clause_top(token, limit=4))[1:]
        ):
            return True  # "rules barring Ukraine from firing ATACMS … remained unchanged": part of what the subject names
        if any(
            tok.dep_ == "relcl" and tok.head.pos_ == "NOUN" and not _tells_within(tok, self.lx.event_noun)
            for tok in syntax.ancestors_to_clause_top(token, limit=3)
        ):
            return True  # "the equipment that helps Ukrainians hold their ground" describes equipment
        for tok in syntax.ancestors_to_clause_top(token, limit=4):
            if syntax.modals(tok) & {"could", "might", "may", "would", "should", "must", "can", "will", "'ll"}:
                return True
            if (
                tok.i != token.i
                and tok.lemma_.lower() in self.lx.intention | self.lx.need | LEARNING | PURPOSE
                and token.dep_ == "xcomp"
            ):
                return True  # "what it needs to hold the line": a need, not a deed
            if tok.i != token.i and any(
                o.lemma_.lower() in self.lx.permit_noun | self.lx.restrict_noun | self.lx.prohibit_noun
                for o in syntax.children(tok, "dobj")
            ):
                return True  # "placed no restrictions on the use of the drones to strike targets inside Russia"
            if tok.i != token.i and (
                tok.lemma_.lower() in self.lx.permit
                or tok.lemma_.lower() in self.lx.prohibit
                or tok.lemma_.lower() in self.lx.request
            ):
                return True  # "authorised Ukrainian forces to fire at …" is a rule, not a strike
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "once", "until") for c in tok.children):
                return True
            if tok.dep_ in ("ccomp", "ROOT"):
                if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.lx.permit:
                    return True  # "it will not let Ukraine hit the airfields": a rule on strikes, not a strike
                break
        return False

    def is_event(self, s: Sentence, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in self.lx.event_noun:
            return self._noun_event(s, token)  # "fighting continued …": a gerund standing as a noun
        if (
            syntax.is_verbal(token)
            and lemma == "launch"
            and not self._hypothetical(token)
            and any(o.lemma_.lower() in self.lx.military for o in syntax.children(token, "dobj"))
        ):
            return True  # "Russia launched 537 drones and 45 missiles overnight"
        if (
            syntax.is_verbal(token)
            and lemma in self.lx.give
            and any(o.lemma_.lower() in self.lx.permit_noun for o in syntax.children(token, "dobj"))
        ):
            return False  # "has not granted permission for strikes farther into Russia": a rule, not an attack
        if syntax.is_verbal(token) and lemma in self.lx.give and not self._hypothetical(token):
            # "Russia sent 315 drones and 12 missiles against Ukraine": giving aimed at someone is an attack,
            # wherever the parse hangs the aim (on the verb or on the last weapon of the list).
            return any(
                c.dep_ == "prep"
                and c.lower_ in ("against", "at", "toward", "towards", "into", "on")
                and c.i > token.i  # "On the aid front, Norway pledged …": a topic before the verb aims at nothing
                and (c.head.i == token.i or (c.head.dep_ in ("dobj", "conj") and c.head.pos_ == "NOUN" and c.lower_ != "on"))
                for c in token.subtree
            ) and self._military(s, token)
        if syntax.is_verbal(token) and any(
            c.dep_ in ("prt", "advmod") and (lemma, c.lower_) in MOVING for c in token.children
        ):
            return not self._hypothetical(token) and self._military(s, token) and self._fighting_subject(token)
        if syntax.is_verbal(token) and lemma in SHOWING and self._evidence_of_fighting(token):
            return not self._hypothetical(token)
        if syntax.is_verbal(token) and lemma in self.lx.event:
            if self._hypothetical(token):
                return False
            if lemma == "reach":
                # "Four uncrewed boats reached the corvette", "troops reached the outskirts of Kupiansk": who reaches,
                # or what is reached, is of the fighting; "efforts to reach a settlement" is an aim a noun names.
                if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                    return False
                ends = [*syntax.children(token, "nsubj", "dobj")]
                words = {t.i for c in ends for t in c.subtree}
                military = self.lx.military | self.lx.weapon_heads  # "reached the corvette Tucha"
                return any(s.doc[i].lemma_.lower() in military for i in words) or bool(places_in(s, words))
            if lemma in ("cut", "sever"):
                # "units had cut the T0504 highway", "the road had not been cut"; not "cut its defence budget".
                cut = [*syntax.children(token, "dobj", "nsubjpass")]
                return any(t.lemma_.lower() in self.lx.route for c in cut for t in c.subtree if t.i <= c.i)
            if lemma in ("stop", "fall") and any(c.lower_ == "short" for c in token.children):
                return False  # "The Treasury stopped short of designating …": something not done, no fighting
            # "shot down", "beat back", "fended off": the particle makes the verb one of fighting.
            phrasal = any(c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL for c in token.children)
            if not phrasal and lemma in self.lx.event_ambiguous and not self._fighting_subject(token):
                return False  # "the cost of insuring a ship has fallen": prices fall too
            if (
                lemma in self.lx.event_ambiguous
                and token.dep_ == "acl"
                and token.tag_ == "VBN"
                and (
                    (doer := syntax.agent(token)) is None
                    or not any(t.lemma_.lower() in self.lx.military for t in (doer, *doer.conjuncts))
                )
                and token.head.lemma_.lower() not in self.lx.military
            ):
                # "Bank of Russia assets held at Euroclear", "80 million euros held by a shipping firm": a participle
                # describing a thing (not "the village held by Ukrainian troops")
                return False
            return phrasal or lemma not in self.lx.event_ambiguous or self._military(s, token)
        # Who holds ground: "showed Basivka as contested rather than under Russian control", "in Ukrainian
        # control". A state of the front is a claim like an event, when someone asserts it.
        if (
            lemma == "control"
            and token.pos_ == "NOUN"
            and token.head.lower_ in ("under", "in")
            and (
                any(
                    self.lx.side_words.get(c.lower_) or (c.dep_ == "poss" and c.lower_ in ("its", "their", "our"))
                    for c in token.lefts
                )
                # "remain under the control of Ukraine’s Defense Forces": the holder named after "of" (while "in
                # control of the reserves" names what is held)
                or token.head.lower_ == "under"
                and any(
                    self.lx.side_words.get(t.lower_.removesuffix("’s").removesuffix("'s"))
                    for p in syntax.children(token, "prep")
                    if p.lower_ == "of"
                    for holder in syntax.children(p, "pobj")
                    # ("the Defense Forces of Ukraine": the holder's own "of" names its side too)
                    for t in holder.subtree
                )
            )
        ):
            return True  # "the town remained under its control": the speaker's own side holds it
        if (
            lemma == "control"
            and token.pos_ == "NOUN"
            and token.head.lower_ in ("in", "under")
            and syntax.is_verbal(token.head.head)
            and (holder := syntax.subject(token.head.head)) is not None
            and (
                self.lx.side_words.get(holder.lower_)
                or any(self.lx.side_words.get(c.lower_) for c in holder.lefts)
                or holder.lemma_.lower() in self.lx.military
            )
            and places_in(s, {t.i for p in syntax.children(token, "prep") for t in p.subtree})
        ):
            return True  # "Ukrainian units remained in control of Basivka": who holds the place asked about
        if (
            lemma == "control"
            and token.pos_ == "NOUN"
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() in _TAKING_CONTROL
            and any(
                o.lemma_.lower() in _HELD_GROUND or places_in(s, {t.i for t in o.subtree})
                for p in syntax.children(token, "prep")
                if p.lower_ in ("of", "over")
                for o in syntax.children(p, "pobj")
            )
            and not self._hypothetical(token.head)
        ):
            return True  # "claimed “full control” of the village", "established control over …": who holds it
        if (
            lemma == "target"
            and token.pos_ == "NOUN"
            and token.dep_ == "nsubj"
            and token.head.lemma_ == "be"
            and syntax.first_child(token.head, "attr") is not None
            and not self._hypothetical(token.head)
            and (self._military(s, token.head) or bool(places_in(s)) or bool(s.names_of("weapon")))
        ):
            # "the target was the arsenal of the 1046th Logistics Support Centre near Karachev", "claimed the target
            # had been a command post" beside "wreckage near the village of Marino"
            return True
        if (
            lemma in ("contest", "contested")  # the parser lemmatises the adjective "contested" as itself at times
            and token.tag_ in ("VBN", "JJ")
            and syntax.first_child(token, "dobj", "agent") is None
            and (syntax.is_passive(token) or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
            # "Troitske remained contested", not "the budget remained contested": what is contested is ground
            and (
                (held := syntax.subject(token)) is None
                or held.lemma_.lower() in self.lx.military  # "the village is still contested"
                or bool(places_in(s, {t.i for t in held.subtree}))
                # a name no gazetteer knows, which is no one's: "Troitske remained contested"
                or (held.pos_ == "PROPN" and held.ent_type_ not in ("ORG", "PERSON", "NORP"))
            )
        ):
            return True  # "showed Basivka as contested"; not "a total that lawmakers have long contested"
        if (
            lemma == "zone"
            and token.pos_ == "NOUN"
            and any(c.lower_ in ("gray", "grey") for c in token.children if c.dep_ in ("amod", "compound"))
            and token.dep_ == "attr"
            and (held := syntax.subject(token.head)) is not None
            and (
                held.lemma_.lower() in self.lx.military
                or bool(places_in(s, {t.i for t in held.subtree}))
                or held.pos_ == "PROPN"
            )
        ):
            return True  # "Vyimka is a gray zone": held by neither side, as contested ground is

        if (
            token.pos_ == "NOUN"
            and lemma in self.lx.event_noun
            and syntax.is_verbal(token.head)
            and token.head.i != token.i
            and self._hypothetical(token.head)
        ):
            return False  # "If Russia launches attacks on Ukraine …": a condition, not an event
        if (
            token.pos_ == "NOUN"
            and lemma in self.lx.event_noun
            and token.head.lower_ == "under"
            and token.dep_ == "pobj"
            and any(t.lemma_.lower() in self.lx.military or t.lower_ in self.lx.side_words for t in token.lefts)
        ):
            # "the road was under Russian drone fire", "under artillery attack": a state of the fighting; a
            # minister "under fire from lawmakers" is not.
            return True
        if (
            lemma == "presence"
            and token.pos_ == "NOUN"
            and any(c.dep_ == "amod" and self.lx.side_words.get(c.lower_) in ("russia", "ukraine") for c in token.children)
            and places_in(
                s,
                {t.i for t in token.subtree}
                | {t.i for p in syntax.children(token.head, "prep") for t in p.subtree if token.dep_ == "dobj"},
            )
        ):
            return True  # "confirmed a Russian presence in two streets of the district": who is where on the front
        if token.pos_ == "NOUN" and lemma in self.lx.event_noun:
            if token.dep_ == "relcl":
                return False  # "a gun that fires at Kharkiv": a verb the parser took for a noun, describing a thing
            return self._noun_event(s, token)
        return False

    def _evidence_of_fighting(self, verb: Token) -> bool:
        """ "footage showed Russian infantry on the southern outskirts", "no footage confirming a Russian advance
        into the village": evidence that bears out (or fails to bear out) something about the front."""
        shown_by = verb.head if verb.dep_ == "acl" else syntax.subject(verb)
        if shown_by is None or shown_by.lemma_.lower() not in EVIDENCE:
            return False
        shown = [t for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "aux", "neg") for t in c.subtree]
        # A military word or a side's adjective ("a Russian advance"), not a place alone: footage of a ceremony
        # in Moscow shows no front.
        return any(
            t.lemma_.lower() in self.lx.military or (t.pos_ == "ADJ" and t.lower_ in self.lx.side_words) for t in shown
        )

    def _noun_event(self, s: Sentence, token: Token) -> bool:
        """A noun of fighting counts with a figure or a place ("12 attacks near Pokrovsk", "losses of up to
        220 servicemen", "the capture of X"), or as what someone did ("carried out a massive strike")."""
        has_figure = any(t.like_num for t in token.subtree) or (
            # "puts Russian losses over the previous day at 1,690 troops"
            token.dep_ == "dobj"
            # ("… over the same period at 1,080 troops": the parser may hang the "at" on the period)
            and any(p.lower_ == "at" and p.dep_ == "prep" and any(t.like_num for t in p.subtree) for p in token.head.subtree)
        )
        if not has_figure and token.dep_ == "nsubj" and syntax.is_verbal(token.head):
            # "the losses … amounted to up to 220 servicemen", "losses reached 1,200": the verb gives the figure.
            has_figure = any(
                t.like_num
                for c in token.head.children
                if c.dep_ in ("dobj", "attr") or (c.dep_ == "prep" and c.lower_ in ("to", "at"))
                for t in c.subtree
            )
        done = (
            token.dep_ in ("dobj", "nsubjpass")
            and syntax.is_verbal(token.head)
            and (token.head.lemma_.lower() in self.lx.event or token.head.lemma_.lower() in CARRY_OUT)
        )
        where = {t.i for t in token.subtree}
        if token.dep_ == "nsubj" and syntax.is_verbal(token.head):
            # "fighting continued in the streets of Chasiv Yar": where the fighting goes on is the verb's.
            where |= {t.i for p in syntax.children(token.head, "prep") for t in p.subtree}
        return has_figure or done or bool(places_in(s, where))


def _tells_within(verb: Token, events: frozenset[str]) -> bool:
    """ "an assault in which 14 vehicles were destroyed", "the attack, during which …": a relative clause that
    tells what happened in an event, not what a thing is."""
    return verb.head.lemma_.lower() in events and any(
        c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lower_ == "which" for p in c.children) for c in verb.children
    )
