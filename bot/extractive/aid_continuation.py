"""Sentences that go on with the aid just told: "The package includes radars, interceptors and spare parts",
"The rest will be drawn from the Bundeswehr's stocks", "It includes $1.3 billion in budget support" (contents and
sums of the package before), told apart from help of its own ("Britain followed a week later with £650m, which
ministers said would pay for …", "Norway and the Netherlands said they would pay for …")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of, actors_in
from bot.extractive.aid_kind import aid_type
from bot.extractive.aid_money import sums_given
from bot.extractive.found import Found, widest
from bot.extractive.reading import Sentence
from bot.extractive.weapons import weapons_in
from bot.figures import national_currency

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.aid import AidReader
    from bot.figures import Money

# What a package's contents are listed in, or lumped as: "a fact sheet lists …", "the money will buy …".
_HOLDERS = {
    "money",
    "funding",
    "sum",
    "it",
    "sheet",
    "list",
    "document",
    "breakdown",
    "table",
    "statement",
    "equipment",
    "announcement",
}
# Nouns for help on its way, which hold goods as a package does: "the latest German shipment included …".
_CONSIGNMENTS = {"shipment", "delivery", "consignment", "batch", "tranche", "transfer"}
# Verbs by which help goes to what it buys: "part of the money will go to NASAMS launchers", "25 million euros will
# go to the Red Cross".
GOING = frozenset({"go", "flow"})
# Shares of a whole: "part of the money", "most of the fund".
_SHARES = {"part", "share", "portion", "most", "much", "some", "bulk", "half", "rest", "remainder"}
# Verbs by which a package holds a sum: "It includes $1.3 billion in budget support".
_INCLUDING = {"include", "comprise", "contain"}
# What is left of a package once part of it is told: "The rest will come from stocks".
_REMAINDER = {"rest", "remainder", "balance", "bulk"}
# A pronoun for people or governments, never for a package ("it" may be either).
_PEOPLE_PRONOUNS = {"they", "we", "he", "she"}
# Nouns for the pieces of a package: "The biggest items are …", "Its main elements are …".
_PART_NOUNS = {"item", "element", "component", "part", "highlight", "centrepiece", "centerpiece", "piece"}


class AidContinuation:
    """Reads whether a sentence goes on with the aid just told (``continuation``); the base of ``AidInContext``."""

    def __init__(self, reader: AidReader) -> None:
        self.r = reader
        self.ctx = reader.ctx
        self.lx = reader.lx

    def _item(self, s: Sentence, donor: str, amount: Money, phrase: set[int], status: str) -> Found:
        contents = widest(
            [w.text for w in weapons_in(s, self.lx, indices=phrase, equipment=True) if not self.r.is_enemy(w.head)]
        )
        return Found(
            "aid",
            {
                "donor": donor,
                "recipient": "Ukraine",
                "amount": amount.text,
                "value": amount.value,
                "currency": national_currency(amount.text, amount.currency, donor),  # Norway's "kroner" are NOK
                "contents": contents,
                "aid_type": aid_type(s, phrase, contents),
                "status": status,
            },
            [s],
            merge_key=(donor.lower(), amount.value, amount.currency),
        )

    def _help_or_share(self, who: Token) -> bool:
        """ "the money", "the package", or a share of one: "part of the air-defence money", "most of the fund"."""
        if who.lemma_.lower() in self.lx.aid_noun | _HOLDERS and who.lower_ != "it":
            return True
        return who.lemma_.lower() in _SHARES and any(
            o.lemma_.lower() in self.lx.aid_noun | _HOLDERS
            for p in syntax.children(who, "prep")
            if p.lower_ == "of"
            for o in syntax.children(p, "pobj")
        )

    def _goods_item(self, s: Sentence, donor: str, phrase: set[int]) -> Found | None:
        """A delivery of goods with no sum, as a line of its own (None when it names no goods)."""
        contents = widest(
            [w.text for w in weapons_in(s, self.lx, indices=phrase, equipment=True) if not self.r.is_enemy(w.head)]
        )
        if not contents:
            return None
        fields: dict[str, Any] = {"donor": donor, "recipient": "Ukraine", "amount": None, "value": None, "currency": None}
        fields.update(contents=contents, aid_type=aid_type(s, phrase, contents), status="delivered")
        item = Found("aid", fields, [s])
        self.ctx.items.append(item)
        return item

    def _speaker_actor(self, s: Sentence, verb: Token) -> str | None:
        """ "Blinken said a further $400 million … would reach Ukraine": the reporting speaker's actor."""
        for tok in list(syntax.ancestors_to_clause_top(verb, limit=4))[1:]:
            if tok.lemma_.lower() in self.lx.report and syntax.is_verbal(tok):
                return actor_of(s, syntax.subject(tok), self.ctx)
        return None

    def _gives_elsewhere(self, s: Sentence, verb: Token) -> bool:
        """Does a donor in the sentence give help with a verb outside ``verb``'s clause ("Finland and Iceland
        said they would contribute …", not "Ukraine will decide how to spend the money")?"""
        inside = {t.i for t in verb.subtree}
        for t in s.doc:
            if t.i in inside or not syntax.is_verbal(t) or t.lemma_.lower() not in self.lx.give:
                continue
            if actor_of(s, syntax.subject(t), self.ctx) is not None:
                return True
        return False

    def _owner(self, s: Sentence, verb: Token, who: Token | None) -> str | None:
        """Whose help the subject is, when the sentence says: "Sweden's package", or "its next package" in "Sweden
        said its next package …" (the one reporting)."""
        if who is None:
            return None
        if who.lower_ in _PEOPLE_PRONOUNS:
            # "Norway and the Netherlands said they would pay for …": the ones speaking pay, not the package before.
            return self._speaker_actor(s, verb)
        named = self._named_owner(s, who)
        if named is not None:
            return named
        for c in who.children:
            if c.dep_ != "poss":
                continue
            if syntax.is_pronoun(c):
                return self._speaker_actor(s, verb)
            return actor_of(s, c, self.ctx)
        return None

    @staticmethod
    def _named_owner(s: Sentence, who: Token) -> str | None:
        """The government the subject's own words name as its owner: "Spain's contribution", "the Italian package"
        (a nation's adjective names it as a possessive does); not a pronoun's ("its package")."""
        for c in who.children:
            if (c.dep_ == "poss" and not syntax.is_pronoun(c)) or (c.dep_ == "amod" and c.i < who.i):
                named = [a for a in actors_in(s, c) if a not in BELLIGERENTS]
                if len(named) == 1:
                    return named[0]
        return None

    def _new_help(self, s: Sentence) -> bool:
        """Does the sentence announce help of its own ("announced a 5.5 billion kroner package")?"""
        return any(
            o.lemma_.lower() in self.lx.aid_noun
            and o.left_edge.lower_ in ("a", "an")  # "a 5.5 billion kroner package": the parser may hang the "a" inside
            and sums_given(s, {t.i for t in o.subtree})
            for verb in s.doc
            if syntax.is_verbal(verb) and verb.lemma_.lower() in self.lx.give | self.lx.decide
            # its object, or the noun the parser makes the subject of the clause after it ("a … package, the largest
            # share of which … will pay for shells")
            for o in verb.subtree
            if o.i > verb.i and o.dep_ in ("dobj", "nsubj") and (o.head.i == verb.i or o.head.head.i == verb.i)
        )

    def _another_donors_sum(self, s: Sentence) -> bool:
        """ "Britain followed a week later with £650m, which ministers said would pay for …": a sentence whose main
        subject is another government than the last donor's, with a sum of its own, tells new help."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        who = syntax.subject(root) if root is not None else None
        if who is None or syntax.is_pronoun(who) or not sums_given(s, {t.i for t in s.doc}):
            return False
        named = [a for a in actors_in(s, who) if a not in BELLIGERENTS]
        last = next((f for f in reversed(self.ctx.items) if f.section == "aid"), None)
        donor = str(last.fields["donor"] or "") if last is not None else ""
        return bool(named) and not any(a in donor for a in named)

    def _own_package(self, s: Sentence, verb: Token, who: Token, donor: str) -> Found | None:
        """ "Sweden's package, its 19th, is worth 7.1 billion crowns and includes RBS 70 systems …", "Italy's new
        package, worth about 420 million euros, includes …" after "Nordic states announced packages": a member's own
        package, its worth and what it holds, as a line of its own."""
        if verb.lemma_.lower() not in _INCLUDING:
            return None
        if verb.dep_ == "conj" and verb.head.lemma_.lower() == "be":
            clause = verb.head
            money = sums_given(s, {t.i for t in clause.subtree if t.i < verb.i})
        else:
            clause = verb
            money = sums_given(s, {t.i for t in who.subtree})
        if len(money) > 1:
            return None
        phrase = {t.i for t in clause.subtree}
        if not money:
            # "the latest German shipment included one IRIS-T SLM fire unit, 60 guided missiles …": goods, no sum
            return self._goods_item(s, donor, phrase) if who.lemma_.lower() in _CONSIGNMENTS else None
        item = self._item(s, donor, money[0], phrase, "announced")
        self.ctx.items.append(item)
        return item

    def continuation(self, s: Sentence) -> Found | None:
        """ "The package includes radars, interceptors and spare parts": contents of the aid just named."""
        if self._new_help(s) or self._another_donors_sum(s):
            return None  # "Sandvold announced a 5.5 billion kroner package, the largest share of which …": help of its own
        for verb in s.doc:
            if not syntax.is_verbal(verb):
                continue
            lemma = verb.lemma_.lower()
            who = syntax.subject(verb)
            giver = verb.head
            if giver.i != verb.i and syntax.is_verbal(giver) and giver.lemma_.lower() in self.lx.give - self.lx.contain:
                continue  # "said it would spend 1.3 billion kroner to buy howitzers": new help with what it buys
            if verb.dep_ in ("relcl", "acl") and self._gives_elsewhere(s, verb):
                continue  # "… would contribute €90m to a NATO fund that buys fuel": new help, not the last one's contents
            on_list = lemma == "be" and any(
                p.lower_ == "on" and any(o.lemma_.lower() == "list" for o in p.children)
                for p in syntax.children(verb, "prep")
            )  # "Also on the list are …"
            # "Designated vessels are listed on the UK sanctions list": a list of sanctions holds no help.
            sanctions_list = lemma == "list" and any(t.lemma_.lower() in ("sanction", "sanctions") for t in verb.subtree)
            holds = (
                (lemma in self.lx.contain or (lemma == "list" and not sanctions_list))
                and who is not None
                and (
                    who.lemma_.lower() in self.lx.aid_noun | _CONSIGNMENTS
                    or syntax.is_pronoun(who)
                    or who.lemma_.lower() in _HOLDERS
                    or who.lemma_.lower() in self.lx.equipment_heads
                )
            )
            # "The biggest items are Archer artillery systems, CV90 vehicles …": what the package is made of.
            named_parts = lemma == "be" and who is not None and who.lemma_.lower() in _PART_NOUNS
            # "The rest will be drawn from the Bundeswehr's stocks, among them …": the remainder of that package.
            named_parts = named_parts or (who is not None and who.lemma_.lower() in _REMAINDER and the_one_named(who))
            # "More than 300 guided missiles … are also part of the package, along with eight Skyranger vehicles".
            part_of = lemma == "be" and any(
                a.lemma_.lower() == "part"
                and any(
                    o.lemma_.lower() in self.lx.aid_noun
                    for p in syntax.children(a, "prep")
                    if p.lower_ == "of"
                    for o in p.children
                )
                for a in syntax.children(verb, "attr")
            )
            # "Part of the air-defence money is expected to go to NASAMS launchers": what the help, or a share of it, is
            # spent on.
            spent_on = (
                lemma in GOING
                and who is not None
                and any(p.lower_ in ("to", "toward", "towards") for p in syntax.children(verb, "prep"))
                and self._help_or_share(who)
            )
            if not (holds or on_list or named_parts or part_of or spent_on):
                continue
            if syntax.refuted(verb):
                return None  # "dismissed a report … that the package … included Tomahawk cruise missiles"
            if syntax.is_negated(verb) or any(
                o.lower_ in ("none", "nothing") or any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)
                for o in syntax.children(verb, "dobj", "attr")
            ):
                return None  # "But the package contains none of the longer-range weapons": what it lacks
            if any(
                o.lemma_.lower() in self.lx.aid_noun and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in o.children)
                for o in syntax.children(verb, "dobj")
            ):
                continue  # "they would together finance a 650 million euro package of …": new help of its own
            recent = [f for f in self.ctx.items[-4:] if f.section == "aid" and f.sentences[-1].index >= s.index - 3]
            if not recent and who is not None and who.lemma_.lower() in self.lx.aid_noun and the_one_named(who):
                # "The new aid package includes …" paragraphs after the lede named it: that package, however far.
                recent = [f for f in self.ctx.items if f.section == "aid"][-1:]
            owner = self._owner(s, verb, who)
            named = self._named_owner(s, who) if who is not None else None
            if named is not None and who is not None and who.lemma_.lower() in self.lx.aid_noun | _CONSIGNMENTS:
                # "Besides the battery, the Italian package includes …", "Spain's contribution … would include …":
                # the package of the government named, however far back it was told; none told, help of its own.
                # ("Italy's package" after "Italy and Spain announced packages" is Italy's alone.)
                mine = [f for f in self.ctx.items if f.section == "aid" and _donor(f) == named.lower()][-1:]
                group = [f for f in recent if named.lower() in _donor(f)][-1:]
                # A package the sentence shares with another of the group ("… to be delivered jointly with Italy,
                # with … Rome the first load of Aster 30 interceptors") stays the group's.
                shared = bool(group) and any(
                    n.kind == "actor" and n.canonical != named and n.canonical.lower() in _donor(group[0]) for n in s.names
                )
                if not mine and not shared and (own := self._own_package(s, verb, who, named)) is not None:
                    return own
                # None of its own told: the package of the group it was named in ("Sweden and Finland announced
                # packages … Stockholm's package includes CV90s").
                recent = mine or group
            elif owner is not None and recent and owner.lower() not in _donor(recent[-1]):
                return None  # "Sweden said its next package would include …" after Britain's: Sweden's own package
            if not recent or (spent_on and not (holds or recent[-1].fields["amount"])):
                return None  # (what money "will go to" is the contents of a sum told, not of a line without one)
            clause = {t.i for t in verb.subtree}
            contents = [w.text for w in weapons_in(s, self.lx, indices=clause, equipment=True)]
            target: Found = recent[-1]
            if who is not None and who.lemma_.lower() in _REMAINDER:
                # "1.9 billion kroner of the package will buy howitzers. The rest will fund …": the rest of the whole.
                target = max(reversed(recent), key=lambda f: f.fields["value"] or 0)
            money = sums_given(s, clause)
            if not money and verb.dep_ == "conj" and verb.head.lemma_.lower() == "be":
                # "The UK package is worth £350m and includes 160 armoured vehicles": the worth the first half gives.
                money = sums_given(s, {t.i for t in verb.head.subtree if t.i < verb.i})
            # "It includes $1.3 billion in budget support": the sum of the help just named, when it had none.
            priced = (
                len(money) == 1
                and not target.fields["amount"]
                and lemma in _INCLUDING
                and who is not None
                and (who.lemma_.lower() in self.lx.aid_noun or who.lower_ == "it")
            )
            # "The delivery is part of a 500 million euro package that Berlin announced": the sum of the whole it
            # belongs to, when the line had none.
            priced = priced or (part_of and len(money) == 1 and not target.fields["amount"])
            if not contents and not priced and not s.text.rstrip().endswith(":"):
                return None
            target.fields["contents"] = widest([*target.fields["contents"], *contents])
            if priced:
                target.fields["amount"] = money[0].text
                target.fields["value"] = money[0].value
                target.fields["currency"] = national_currency(money[0].text, money[0].currency, target.fields["donor"])
            if target.fields["aid_type"] == "other":
                target.fields["aid_type"] = aid_type(s, clause, contents)
            target.extend(s)
            return target
        return None


def _donor(item: Found) -> str:
    """The item's donor without the official in brackets: "united states" of "United States (Pentagon)"."""
    return str(item.fields["donor"] or "").split(" (")[0].lower()


def the_one_named(noun: Token) -> bool:
    """ "of the package" points back to the package just named; "of its own package" names another."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children) and not any(
        c.dep_ == "poss" for c in noun.children
    )
