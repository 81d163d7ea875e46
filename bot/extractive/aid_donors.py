"""Who gives the help a clause of giving tells: the doer of the verb, the owner of the help ("Germany's new
package"), the giver named from Ukraine's side ("will receive 20 tanks from Spain"), a public body the domain
file does not list, or the actor the sentences before established.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, STAND_INS, actor_of, actors_in, first_actor
from bot.extractive.aid_withheld import BILLS
from bot.extractive.reading import Sentence
from bot.figures import Money, find_money

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.aid import AidReader
    from bot.extractive.found import Found

# A government named by its office alone ("the Government", "the cabinet"): the article's own.
_GOVERNMENT = {"government", "cabinet", "administration", "coalition"}
# Public bodies that give help under their own name when the domain file does not list them.
_PUBLIC_BODIES = {"council", "municipality", "city", "town", "region", "province", "county", "parliament", "foundation"}
# Verbs of receiving: the giver is named after "from".
_RECEIVING = {"receive", "get", "obtain", "secure"}
# Putting a figure on help: "puts its total commitments at $12.1 billion", "support was put at SEK 60 billion".
VALUING = {"put", "estimate", "value", "peg", "place"}
# A donor's part of a joint sum: "Britain's share is £2.26bn".
PART = {"share", "portion", "part"}


# Governments named as a kind ("European countries", "many allies"), not as one or two the article names.
_KINDS = {"country", "government", "nation", "ally", "state", "partner", "donor"}


# Sentences after an aid line in which an unattributed line is still that giver's.
_RECENT_SENTENCES = 4


def _generic_plural(who: Token) -> bool:
    """ "European countries", "other allies", "many governments": a kind, not a government; "the two
    governments", "both countries" and "these allies" point back at ones named."""
    if who.lemma_.lower() not in _KINDS or who.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "predet") or c.lower_ == "both" for c in who.children)


def _kind_named(who: Token) -> str:
    """Givers named as a kind, in the article's words: "European governments", "Nordic and Baltic governments"."""
    kind = syntax.span_text(syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"appos", "relcl", "prep"})).strip(" ,")
    return kind[:1].upper() + kind[1:]


def _how_a_scheme_works(verb: Token) -> bool:
    """ "a NATO scheme under which European countries buy American weapons": a relative clause telling how a
    mechanism works, not a gift anyone made."""
    return verb.dep_ == "relcl" and any(
        p.dep_ == "prep" and any(w.lower_ in ("which", "whom") for w in p.children) for p in verb.children
    )


# Nouns a country's name can name a scheme by: "the Danish model".
_NAMED_AFTER = {"model", "approach", "formula", "style"}


_BUYING = frozenset({"buy", "purchase", "acquire", "import", "source", "order", "procure"})


def _bought_from(verb: Token) -> bool:
    """ "had to buy replacement parts from China": a purchase with its seller named."""
    buying = (
        verb
        if verb.lemma_.lower() in _BUYING
        else next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _BUYING), None)
    )
    if buying is None:
        return False
    # ("buy replacement parts from China": the parser may hang the seller on the goods)
    return any(p.lower_ == "from" for h in [buying, *syntax.children(buying, "dobj")] for p in syntax.children(h, "prep"))


class AidDonors:
    def __init__(self, reader: AidReader) -> None:
        self.r = reader
        self.ctx = reader.ctx
        self.lx = reader.lx

    @staticmethod
    def _named_public_body(who: Token) -> str | None:
        """A public body the domain file does not list, named in its phrase: "the town council of Eastbury",
        "Bavaria's state parliament". Shown in the article's words."""
        if who.lemma_.lower() not in _PUBLIC_BODIES:
            return None
        phrase = syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"appos", "relcl"})
        if not any(t.tag_ in ("NNP", "NNPS") for t in phrase):
            return None
        text = syntax.span_text([t for t in phrase if not (t.i == phrase[0].i and t.dep_ == "det")]).strip(" ,")
        return text[:1].upper() + text[1:]

    def named_by_recipient(self, s: Sentence, verb: Token) -> str | None:
        """Help told from Ukraine's side: the giver after "receive/get … from", or the one "thanked … for"
        help. Only when the one receiving or thanking is Ukraine, so "Russia received shells from North
        Korea" gives Ukraine nothing."""
        lemma = verb.lemma_.lower()
        if lemma not in _RECEIVING and lemma != "thank" or not syntax.is_verbal(verb) or syntax.is_negated(verb):
            return None
        receiver = syntax.subject(verb)
        if receiver is None or actor_of(s, receiver, self.ctx, exclude=()) != "Ukraine":
            return None
        if lemma == "thank":
            giver = syntax.first_child(verb, "dobj")
            thanks_for = next((p for p in syntax.children(verb, "prep") if p.lower_ == "for"), None)
            # "thanked Canada for 50 armoured vehicles" tells help; "for its support" tells nothing new.
            if giver is None or thanks_for is None or not any(t.like_num for t in thanks_for.subtree):
                return None
        else:
            # "will receive 20 Leopard tanks from Spain": "from" hangs on the verb or on what is received.
            received = syntax.first_child(verb, "dobj")
            preps = syntax.children(verb, "prep") + (syntax.children(received, "prep") if received is not None else [])
            source = next((p for p in preps if p.lower_ == "from"), None)
            giver = syntax.first_child(source, "pobj") if source is not None else None
        actor = actor_of(s, giver, self.ctx) if giver is not None else None
        return actor if actor and actor not in BELLIGERENTS else None

    def valued(self, verb: Token) -> Token | None:
        """The help a valuing verb puts a figure on (its object, or its subject in the passive)."""
        return next((a for a in verb.children if a.dep_ in ("dobj", "nsubjpass") and self.r.is_help(a)), None)

    def donors(self, s: Sentence, verb: Token, clause: set[int]) -> list[str]:
        giver = self.named_by_recipient(s, verb)
        if giver is not None:
            return [giver]
        who = syntax.agent(verb) if syntax.is_passive(verb) else syntax.subject(verb)
        if verb.lemma_.lower() in VALUING and self.valued(verb) is not None:
            who = self.valued(verb)  # "Sweden's support was put by the government at …": Sweden's help
        if who is None:
            who = syntax.participle_subject(verb)  # "Germany is the biggest backer, having provided 28 billion euros"
        if who is None:
            who = syntax.described_doer(verb)  # "companies accused of supplying drone parts": the firms supply
        if who is not None and who.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            who = verb.head  # "Scholz, who has doubled …": the noun the relative pronoun stands for
        elif who is not None and who.tag_ == "WDT" and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
            who = verb.head.head  # "£650m, which ministers said would pay for …": the sum "which" stands for
        if who is not None and who.pos_ in ("NOUN", "NUM", "SYM") and find_money(syntax.span_text(list(who.subtree))):
            # "Britain followed a week later with £650m, which …": a sum pays; whoever comes with it gives.
            holder = who.head.head if who.dep_ == "pobj" and who.head.lower_ == "with" else None
            named = (
                actor_of(s, syntax.subject(holder), self.ctx) if holder is not None and syntax.is_verbal(holder) else None
            )
            if named:
                return named.split(" and ")
        if who is not None and who.lemma_.lower() in BILLS and who.dep_ in ("dobj", "nsubjpass"):
            # "the committee advanced a bill that would authorize $18.5 billion": a bill gives nothing itself;
            # whoever passes or advances it does.
            mover = syntax.agent(who.head) if who.dep_ == "nsubjpass" else syntax.subject(who.head)
            who = mover if mover is not None else who
        if who is not None:
            if who.lemma_.lower() in self.lx.aid_noun or who.lemma_.lower() in PART:
                # "Britain's share", "Germany's new package": the help's own owner, else the actor before.
                own = [a for a in (actor_of(s, c, self.ctx) for c in who.lefts if c.dep_ in ("poss", "compound")) if a]
                if own:
                    return own[0].split(" and ")
                announcer = syntax.subject(verb.head) if verb.dep_ == "ccomp" and verb.head.i != verb.i else None
                if announcer is not None and _generic_plural(announcer) and not actors_in(s, announcer):
                    # "Nordic and Baltic governments announced fresh military aid …, while Sweden said …": givers named
                    # as a kind, not the government of the other clause nor the one named last
                    return [_kind_named(announcer)]
                if announcer is not None and (named := actor_of(s, announcer, self.ctx)):
                    # "Norwegian Defense Minister Eirik Sandvold announced a … package, the largest share of which
                    # will pay for shells": the parser makes the package the subject of a clause; the announcer gives.
                    return named.split(" and ")
                told = self._told_before(s)
                if told is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in who.children):
                    # "The package also includes …" after Germany's package and a word on neutral Austria: the
                    # package told before, whoever was named last.
                    return str(told.fields["donor"]).split(" and ")
                if self.ctx.last_actor:
                    return [self.ctx.last_actor]
            if _generic_plural(who) and not actors_in(s, who):
                if _how_a_scheme_works(verb):
                    return []  # "a scheme under which European countries buy American weapons": no one's gift
                # "European governments paid about $4.2bn into the scheme": givers named as a kind, in the article's words
                return [_kind_named(who)]
            if (
                not _named_in(who)
                and not syntax.is_pronoun(who)
                and (owner := self._help_owner(s, clause)) is not None
                and owner not in BELLIGERENTS
            ):
                return [owner]  # "the defence ministry approved Poland's 50th aid package": the package's owner gives
            named = actor_of(s, who, self.ctx)
            if named:
                return named.split(" and ")
            if who.lemma_.lower() in _GOVERNMENT and not any(c.dep_ in ("poss", "compound", "amod") for c in who.lefts):
                # "The Government is providing …": the government the article is about.
                actor = self.ctx.last_actor or self.ctx.main_actor
                return [actor] if actor and actor not in BELLIGERENTS else []
            named_body = self._named_public_body(who)
            if named_body is not None:
                return [named_body]  # "The town council of Eastbury voted to send …": a council gives, under its name
            if who.tag_ in ("NNP", "NNPS") or any(c.tag_ in ("NNP", "NNPS") for c in who.lefts):
                known = self.ctx.recall(who.text)
                if known is not None and known.actor and known.actor not in BELLIGERENTS:
                    # "Roussel also pledged C$35 million" after "Foreign Affairs Minister Danielle Roussel told
                    # reporters in Ottawa": a minister met before gives for the government she spoke for.
                    return [known.actor]
                return []  # "a Hong Kong firm sent …": someone the domain file does not know gives nothing
            if who.lemma_.lower() in self.lx.private:
                return []  # "the firms shipped goods", "farmers pay more for fuel": nobody who gives aid
            if (
                who.tag_ == "NNS"
                and not {who.lemma_.lower(), who.lower_} & (self.lx.aid_noun | _KINDS | STAND_INS)
                and _bought_from(verb)
                and not any(n.canonical == "Ukraine" for n in s.names if n.start in clause)
            ):
                # "refiners have had to buy replacement parts from China": buying from a seller, for nobody the
                # clause names, is trade ("The contracts will pay for two NASAMS" is help).
                return []
        owner = self._help_owner(s, clause)
        if owner is not None:
            return [owner]
        # A name inside a relative clause describes something else ("a preference for European makers that France
        # had lobbied for"): it is not who gives.
        described = {t.i for r in s.doc if r.dep_ == "relcl" and r.i in clause for t in r.subtree}
        # "the so-called Danish model", "the Czech approach": a scheme named after a country, not its giver.
        described |= {t.i for t in s.doc if t.dep_ in ("amod", "compound") and t.head.lemma_.lower() in _NAMED_AFTER}
        fallback = (
            first_actor(s, clause - described)
            or self._recent_donor(s)
            or self.ctx.last_actor
            or first_actor(s, clause)
            or self.ctx.main_actor
        )
        return [fallback] if fallback and fallback not in BELLIGERENTS else []

    def _recent_donor(self, s: Sentence) -> str | None:
        """The giver of the help told in the sentences just before, when the actor named last gave nothing ("Germany
        is to give two IRIS-T systems … Neighbouring Austria … would stick to humanitarian help. … The two launchers are
        to come from current production": Germany's launchers)."""
        told = self._told_before(s)
        if told is None or told.sentences[-1].index < s.index - _RECENT_SENTENCES:
            return None
        last = self.ctx.last_actor
        if last is None or any(f.section == "aid" and last in str(f.fields.get("donor")) for f in self.ctx.items):
            return None
        return str(told.fields["donor"])

    def _told_before(self, s: Sentence) -> Found | None:
        """The latest aid line with a giver, when ``s`` names no actor of its own (else its own actors give:
        "bringing Japan's total support … to $12.9 billion")."""
        if any(n.canonical not in BELLIGERENTS for n in s.names_of("actor")):
            return None
        return next((f for f in reversed(self.ctx.items) if f.section == "aid" and f.fields.get("donor")), None)

    def _help_owner(self, s: Sentence, clause: set[int]) -> str | None:
        """The owner the help noun names: "Germany's new package", "US aid", "aid from Japan"."""
        for t in s.doc:
            if t.i in clause and t.lemma_.lower() in self.lx.aid_noun:
                for c in t.children:
                    if c.dep_ in ("poss", "compound", "amod", "nmod"):
                        actor = actor_of(s, c, self.ctx)
                        if actor:
                            return actor
                    if c.dep_ == "prep" and c.lower_ == "from":
                        actor = actor_of(s, syntax.first_child(c, "pobj"), self.ctx)
                        if actor:
                            return actor
        return None

    def gapped(self, s: Sentence, money: list[Money]) -> list[str]:
        """The donor named just before each sum after the first ("… and Japan about $3bn"), when every one
        of them has exactly one; else nothing."""
        out: list[str] = []
        for before, m in zip(money, money[1:], strict=False):
            between = {t.i for t in s.doc if before.end <= t.idx < m.start}
            named = [n.canonical for n in s.names_of("actor") if n.start in between and n.canonical not in BELLIGERENTS]
            if len(set(named)) != 1:
                return []
            out.append(named[0])
        return out


def _named_in(who: Token) -> bool:
    """Does the doer's phrase name someone ("Poland's defence ministry", "the Polish government", "Kosiniak-Kamysz"),
    not only a kind of body ("the defence ministry")?"""
    return any(
        t.text[:1].isupper() and (t.tag_ in ("NNP", "NNPS") or t.ent_type_ in ("NORP", "GPE", "PERSON"))
        for t in (who, *who.lefts)
    )
