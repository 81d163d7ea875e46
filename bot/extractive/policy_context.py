"""What a weapons-policy sentence leans on: whose rule it is (a government, and a party or body that holds the
stance) and what its words refer back to ("the aircraft", "the transfer", "them")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, STAND_INS, actor_of, actors_in
from bot.extractive.policy import PolicyReader
from bot.extractive.reading import Sentence
from bot.extractive.speakers import display_tokens
from bot.extractive.weapons import Weapon, supplier_in, weapons_in

if TYPE_CHECKING:
    from spacy.tokens import Token


# How far back a class noun ("the jets") finds the system it stands for.
_CLASS_LOOKBACK = 6
# Makers of the weapons fired at Ukraine: no rule of Kyiv's partners is about them.
_RUSSIAS_ARSENAL = frozenset({"Russia", "Iran", "North Korea"})


class PolicyContextReader(PolicyReader):
    def _actor(
        self, s: Sentence, setter: Token | None, weapon: Weapon | None, speakers: list[str], action: Token | None = None
    ) -> str | None:
        """Who sets the policy: the subject of the deciding word, else the government whose words the
        sentence reports, else the supplier of the weapon."""
        candidates: list[Token | None] = []
        if setter is not None and self.frame(setter) == "request" and syntax.is_verbal(setter):
            # "Kyiv has asked Paris for …": the policy in question is the asked government's.
            candidates.append(syntax.first_child(setter, "dobj", "dative"))
        if setter is not None:
            head = setter
            if setter.pos_ in ("NOUN", "ADJ") and setter.head.i != setter.i:
                head = setter.head  # "Germany … is reluctant", "Washington gave the green light"
                if head.dep_ == "prep" and head.head.i != head.i:
                    head = head.head  # "Canada is not in a position to transfer …"
            if syntax.is_passive(head):
                # "A delivery paid for through NATO's mechanism has been delayed": the delivery is what was
                # decided on, and whoever its words name is not who decided.
                candidates.append(syntax.agent(head))
            else:
                candidates.append(syntax.subject(head))
            owner = syntax.first_child(setter, "poss")
            candidates.append(owner)
        # "Ukraine does not need anyone’s permission to use its own weapons": a belligerent rules on its own arms.
        own = weapon is not None and "own" in weapon.text.lower().split()
        # "Our position on Taurus is unchanged. It remains off the table": the "it" is the weapon named before, not
        # a government.
        told_before = weapon is not None and weapon.head.doc is not s.doc
        for candidate in candidates:
            if told_before and candidate is not None and candidate.lower_ == "it":
                continue
            if candidate is not None and candidate.dep_ in ("nsubj", "nsubjpass") and _unnamed_group(s, candidate):
                # "Several of Kyiv's allies have lifted such restrictions": some governments, not the one told before
                return syntax.span_text(list(candidate.subtree)).strip(" ,;:")
            actor = actor_of(s, candidate, self.ctx, person=True, exclude=() if own else BELLIGERENTS)
            if actor is not None:
                return actor
        if weapon is not None and weapon.head.doc is s.doc:
            # "weapons supplied by Italy may be used only on Ukrainian territory": the supplier rules on its own arms.
            for acl in syntax.children(weapon.head, "acl"):
                if acl.lemma_.lower() not in _SUPPLYING:
                    continue  # "interceptors paid for by European allies": who pays does not rule on their use
                agent = syntax.agent(acl)
                ruler = actor_of(s, agent, self.ctx) if agent is not None else None
                if ruler is not None and ruler not in BELLIGERENTS:
                    return ruler
        if action is not None and syntax.is_verbal(action):
            # "Spain will not send Leopard tanks": who sends them, not who makes them.
            doer = syntax.agent(action) if syntax.is_passive(action) else syntax.subject(action)
            actor = actor_of(s, doer, self.ctx, person=True)
            if actor is not None and actor not in BELLIGERENTS:
                return actor
        if speakers:
            return speakers[0]
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        teller = syntax.subject(root) if root is not None and root.lemma_.lower() in ("say", "announce") else None
        last = self.ctx.last_actor
        if teller is not None and teller.lemma_.lower() in STAND_INS and not actors_in(s, teller) and last:
            # "Her ministry said no decision had been taken on Hawk launchers": the government spoken of just before,
            # not the country that makes the weapon.
            return last if last not in BELLIGERENTS else None
        setter_named = self._setter_in_sentence(s)
        if setter_named is not None:
            # "Ukraine may fire the Anglo-French cruise missile at …, but Britain has not granted permission for …":
            # the government that sets the rule in the sentence, not the weapon's maker.
            return setter_named
        if weapon is not None and weapon.head.doc is not s.doc:
            # "A Ukrainian request to lift that limit …": the government that set the limit told before, not the maker.
            earlier = [
                f.fields["actor"]
                for f in self.ctx.items
                if f.section == "weapons_policy" and weapon.text in str(f.fields.get("weapon") or "")
            ]
            if earlier and earlier[-1]:
                return str(earlier[-1]).split(" (")[0]
        # Under a heading that names the government ("DENMARK"), the rule is its own, not the maker's.
        origin = weapon.origin if weapon is not None and self.ctx.heading_actor is None else None
        supplier = (supplier_in(s, weapon) or origin) if weapon is not None else None
        if supplier is not None and supplier not in BELLIGERENTS:
            return supplier
        last = self.ctx.last_actor
        return last if last not in BELLIGERENTS else self.ctx.main_actor

    def _holder(self, s: Sentence, setter: Token | None) -> str | None:
        """A party or body, named but no government, whose stance the deciding word states ("the SPD is
        reluctant", "the Greens oppose"), shown beside the government."""
        if setter is None:
            return None
        head = setter.head if setter.pos_ in ("NOUN", "ADJ") and setter.head.i != setter.i else setter
        who = syntax.subject(head)
        if who is None or who.tag_ not in ("NNP", "NNPS") or actor_of(s, who, self.ctx, exclude=()) is not None:
            return None
        span = {t.i for t in who.subtree}
        if any(n.start in span for n in s.names if n.kind in ("weapon", "place", "country", "side")):
            return None  # "Taurus remains off limits": the weapon, not who rules on it
        words = display_tokens(who)
        text = syntax.span_text([t for t in words if not (t.i == words[0].i and t.lower_ == "the")]).strip(" ,")
        short = re.search(r"\(([A-Z]{2,6})\)$", text)
        return short.group(1) if short else text or None

    def _setter_in_sentence(self, s: Sentence) -> str | None:
        """The one named government that permits, refuses or restricts something in the sentence, if there is one."""
        # "Britain has not granted permission": the frame may sit on the noun its verb takes.
        heads = [
            t if syntax.is_verbal(t) else t.head
            for t in s.doc
            if self.frame(t) in ("permit", "prohibit", "restrict") and (syntax.is_verbal(t) or t.dep_ == "dobj")
        ]
        subjects = [who for head in heads if (who := syntax.subject(head)) is not None]
        # Named in the sentence itself, not a pronoun or "the government" read from the sentences before.
        found = {a for who in subjects for a in actors_in(s, who)[:1] if a not in BELLIGERENTS}
        return found.pop() if len(found) == 1 else None

    def _side(self, s: Sentence, who: Token) -> str | None:
        """Ukraine or Russia, if ``who`` (or the name a pronoun stands for in this sentence) is one."""
        if syntax.is_pronoun(who):
            before = [n for n in s.names if n.end <= who.i and n.kind in ("actor", "side")]
            if not before:
                return None
            return {"Ukraine": "ukraine", "Russia": "russia"}.get(before[-1].canonical, before[-1].canonical)
        for n in s.names:
            if n.start <= who.i < n.end and n.kind in ("actor", "side"):
                return {"Ukraine": "ukraine", "Russia": "russia"}.get(n.canonical, n.canonical)
        return None

    def _antecedent(self, s: Sentence, weapon: Weapon) -> Weapon | None:
        """The named system a definite class noun stands for ("the aircraft", "these missiles"): the last one
        named before it in the sentence, or in the one before."""
        if not weapon.named and _described_generic(weapon.head):
            # "remain wary of handing over a weapon with a range of some 2,500km" after "Tomahawk cruise missiles
            # … are another matter": a bare "a weapon" told by what it can do is the system just named.
            named = self._named_before(s, back=2)
            return named[-1] if named else None
        if weapon.named or not any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those", "such") for c in weapon.head.lefts
        ):
            return None
        before = [w for w in weapons_in(s, self.lx) if w.named and w.head.i < weapon.head.i]
        found = before or self._named_before(s) or self._same_class_before(s, weapon)
        return found[-1] if found else None

    def _same_class_before(self, s: Sentence, weapon: Weapon) -> list[Weapon]:
        """ "the jets supplied by the Netherlands" a paragraph after "Ukraine's fleet of F-16 fighter jets": a system of
        the same class named in the sentences just before, whatever paragraph they are in."""
        lemma = weapon.head.lemma_.lower()
        if any(
            c.dep_ not in ("det", "poss", "punct", "acl", "relcl", "prep")
            and not (c.dep_ == "amod" and c.lower_ in _NOT_WHICH)
            for c in weapon.head.children
        ):
            return []  # "the long-range drones" says which drones; only a bare class noun points back ("the new …" too)
        for n in range(1, _CLASS_LOOKBACK + 1):
            if s.index < n or not self.ctx.sentences:
                return []
            named = [
                w
                for w in weapons_in(self.ctx.sentences[s.index - n], self.lx)
                if w.named and lemma in classes(w) and w.origin not in _RUSSIAS_ARSENAL  # never the enemy's Shaheds
            ]
            if named:
                return named
        return []

    def _named_before(self, s: Sentence, *, back: int = 1) -> list[Weapon]:
        """Named systems in the nearest of the ``back`` sentences before ``s`` in its paragraph."""
        for n in range(1, back + 1):
            before = self.ctx.sentences[s.index - n] if s.index >= n and self.ctx.sentences else None
            if before is None or before.para != s.para:
                return []
            named = [w for w in weapons_in(before, self.lx) if w.named]
            if named:
                return named
        return []

    def _weapons_before(self, s: Sentence) -> list[Weapon]:
        """The weapons of the sentence before ``s`` in its paragraph, named or not ("the drones")."""
        before = self.ctx.sentences[s.index - 1] if s.index >= 1 and self.ctx.sentences else None
        return weapons_in(before, self.lx) if before is not None and before.para == s.para else []

    def _supplied_before(self, s: Sentence) -> list[Weapon]:
        """Weapons of the sentence before whose supplier is named ("Swedish-supplied weapons"), when it names
        no system: what "them" stands for in "Ukraine may use them anywhere"."""
        before = self.ctx.sentences[s.index - 1] if s.index >= 1 and self.ctx.sentences else None
        if before is None or before.para != s.para:
            return []
        return [w for w in weapons_in(before, self.lx) if supplier_in(before, w)]

    def _supply_named_before(self, s: Sentence, frame_tok: Token, weapons: list[Weapon]) -> tuple[Token, Weapon] | None:
        """A decision on "the transfer", "the delivery", "sending them" whose weapon an earlier sentence named."""
        if weapons or not syntax.is_verbal(frame_tok):
            return None
        for obj in syntax.children(frame_tok, "dobj", "xcomp"):
            definite = any(c.lower_ in ("the", "this", "that", "such", "any") for c in obj.lefts) or any(
                syntax.is_pronoun(c) for c in obj.children if c.dep_ == "dobj"
            )
            if self.frame(obj) == "supply" and definite:
                named = self._named_before(s, back=4)
                if named:
                    return obj, named[-1]
        return None


# Adjectives that say which delivery, not which kind: "the new howitzers" are the ones just named.
_NOT_WHICH = frozenset({"new", "latest", "additional", "further", "remaining", "same", "first", "last", "next"})
# Nouns for any weapon at all, which name none: "a weapon", "a system".
_GENERIC = frozenset({"weapon", "system"})


def _described_generic(noun: Token) -> bool:
    """ "a weapon with a range of some 2,500km": an indefinite generic noun told only by a "with" phrase."""
    return (
        noun.lemma_.lower() in _GENERIC
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.lefts)
        and noun.i + 1 < len(noun.doc)
        and noun.doc[noun.i + 1].lower_ == "with"  # the parser may hang it on the verb: "handing over a weapon with …"
        and noun.doc[noun.i + 1].dep_ == "prep"
    )


def classes(weapon: Weapon) -> set[str]:
    """The class nouns a named system's phrase ends in: "F-16 fighter jets" is a fighter and a jet."""
    out = set()
    token = weapon.head
    for _ in range(3):
        out.add(token.lemma_.lower())
        if token.dep_ not in ("compound", "nmod", "amod", "nummod") or token.head.i <= token.i:
            break
        token = token.head
    return out


# Words for some governments among many: "Several of Kyiv's allies", "Other partners", "Some capitals".
_SOME = frozenset({"several", "some", "many", "others", "few", "most", "other", "various", "numerous"})
_GROUPS = frozenset({"ally", "partner", "country", "government", "capital", "member", "state", "nation", "donor"})


def _unnamed_group(s: Sentence, subject: Token) -> bool:
    """Is the subject some of a group, none named ("Several of Kyiv's allies", "other partners")?"""
    words = list(subject.subtree)
    counted = subject.lower_ in _SOME or any(c.dep_ == "amod" and c.lower_ in _SOME for c in subject.children)
    group = subject.lemma_.lower() in _GROUPS or any(
        o.lemma_.lower() in _GROUPS for p in syntax.children(subject, "prep") if p.lower_ == "of" for o in p.children
    )
    named = [n for n in s.names_of("actor") if words[0].i <= n.start and n.end <= words[-1].i + 1]
    # "Kyiv's allies" names the one they are allies of, none of them.
    owners = {t.i for w in words if w.dep_ == "poss" for t in w.subtree}
    return counted and group and all(n.start in owners for n in named)


# Verbs by which a government hands over its own weapons: "weapons supplied by Italy".
_SUPPLYING = frozenset({"supply", "provide", "send", "donate", "deliver", "give", "transfer", "ship", "hand"})
