"""Rules whose weapon is not named where they are stated: "… after the UK eased its restrictions on how they may be
used" (the missiles named before), "Britain, which began delivering Storm Shadow missiles, allows Ukraine to fire
them …" (a pronoun), strikes with no weapon at all ("allowed to strike military targets inside Russia"), and
decisions on "the transfer" of a system an earlier sentence named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.policy import PERMISSIVE_MODALS
from bot.extractive.policy_clauses import WIDENING, definite, up_to_contrast
from bot.extractive.policy_context import PolicyContextReader, classes

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence
    from bot.extractive.weapons import Weapon

_STRIKE_NOUNS = frozenset({"strike", "attack"})


class PolicyUnnamedReader(PolicyContextReader):
    """Finds where a sentence rules on a weapon it does not name, and which weapon that is."""

    @staticmethod
    def _it_ruled(frame_tok: Token, weapons: list[Weapon]) -> Token | None:
        """The "it" a rule is stated of as a state ("It remains off the table", "It is not on the agenda"), in a
        sentence that names no weapon; None otherwise."""
        if weapons:
            return None
        verb = next((a for a in [frame_tok, *frame_tok.ancestors] if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() not in ("be", "remain", "stay"):
            return None
        who = syntax.first_child(verb, "nsubj")
        return who if who is not None and who.lower_ == "it" else None

    def _unnamed(self, s: Sentence, weapons: list[Weapon]) -> list[tuple[Token, Weapon | None]]:
        """Rules whose weapon is not named where they are stated: "… after the UK eased its restrictions on
        how they may be used" (the missiles named before), or strikes with no weapon at all ("allowed to
        strike military targets inside Russia")."""
        # Weapons inside what is struck ("sites from which missiles are fired") are not a rule's weapon.
        struck = {
            t.i
            for v in s.doc
            if syntax.is_verbal(v) and self._strikes_targets(v)
            for o in syntax.children(v, "dobj")
            for t in o.subtree
        }
        weapons = [w for w in weapons if w.head.i not in struck]
        # A weapon told of in a relative clause ("Britain, which began delivering Storm Shadow missiles in 2023,
        # allows Ukraine to fire them …") is not what the main clause's words rule on: "them" is.
        ruled_weapons = [w for w in weapons if not _described(w.head)]
        covered = {t.i for w in ruled_weapons for t in up_to_contrast(w.head)}
        out: list[tuple[Token, Weapon | None]] = []
        for frame_tok in s.doc:
            if self.frame(frame_tok) not in ("permit", "restrict", "prohibit", "lift", "review") or frame_tok.i in covered:
                continue
            uses = [
                t
                for t in frame_tok.subtree
                if syntax.is_verbal(t) and t.i not in covered and (self.frame(t) == "use" or self._strikes_targets(t))
            ] or [
                # "weighing whether to drop its restriction on strikes across the border": strikes as a noun, when
                # the sentence names no weapon ("long-range missiles remain off limits for strikes …" is the
                # missiles' rule, however the parser hangs the missiles)
                t
                for t in frame_tok.subtree
                if t.pos_ == "NOUN"
                and t.lemma_.lower() in _STRIKE_NOUNS
                and t.i not in covered
                and any(t.children)
                and not weapons
            ]
            if any(w.head.i in {t.i for t in frame_tok.subtree} for w in ruled_weapons):
                continue
            if not uses and self.frame(frame_tok) == "review":
                # "has asked officials to study the request": the request the sentence before made, for its weapon.
                # "That request remains under review": the request is what is reviewed, as the subject too.
                holder = frame_tok if syntax.is_verbal(frame_tok) else _clause_verb(frame_tok)
                told = [*syntax.children(frame_tok, "dobj"), *syntax.children(holder, "nsubj", "nsubjpass")]
                request = next((o for o in told if self.frame(o) == "request" and definite(o)), None)
                # "A Ukrainian request to lift that limit has been with the chancellery …, and no decision has been
                # made": a request in a clause beside the decision, to widen a limit told before.
                widening = next((r for r in s.doc if self.frame(r) == "request" and widens_told_limit(r)), None)
                if request is None and widening is not None:
                    # the limit's weapon: the first system the paragraph named in the last few sentences
                    # "has not granted permission to use ATACMS …, and no decision has been made on a Ukrainian request to
                    # loosen the range limits": a system this sentence ruled on before the decision
                    here = [w for w in ruled_weapons if w.named and w.head.i < frame_tok.i]
                    named = here or self._named_before(s, back=3)
                    limited = {
                        f.fields.get("weapon")
                        for f in self.ctx.items
                        if f.section == "weapons_policy" and f.fields.get("stance") in ("restricted", "prohibited")
                    }
                    # ("PzH 2000" named before, "PzH 2000 howitzers" the rule's weapon)
                    if named and (here or any(named[0].text in str(w) or str(w) in named[0].text for w in limited if w)):
                        out.append((next(iter(frame_tok.children), frame_tok), named[0]))
                        covered.add(frame_tok.i)
                        continue
                before = self._weapons_before(s) if request is not None else []
                if request is not None and before:
                    out.append((request, before[-1]))
                    covered.add(frame_tok.i)
                    continue
            their_use = next(
                (
                    t
                    # "attaches no restrictions to their use": the parser may hang the use on the verb
                    for t in (frame_tok.head if frame_tok.pos_ == "NOUN" else frame_tok).subtree
                    if t.pos_ == "NOUN"
                    and self.frame(t) == "use"
                    and any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in t.children)
                ),
                None,
            )
            own = [w for w in weapons if w.named and _described(w.head) and _of_the_subject(w.head, frame_tok)]
            if not uses and own:
                # "France, which supplies the similar SCALP missile, has said that whether to extend that permission
                # … is “under review”": the rule its main clause states is on the weapon it supplies ("Britain, which
                # supplies Storm Shadow …, hasn't authorized their use against …" is read from the use it governs).
                out.append((their_use if their_use is not None else frame_tok, own[0]))
                covered.add(frame_tok.i)
                continue
            if not uses and their_use is not None:
                # "said the package includes long-range strike drones and that The Hague attaches no geographic
                # restrictions to their use": the weapons told before the rule, in this sentence or the one before.
                before = [w for w in weapons if w.head.i < frame_tok.i] or self._named_before(s)
                if before:
                    out.append((their_use, before[-1]))
                    covered.add(frame_tok.i)
                    continue
            if not uses:
                # "he was not considering the transfer": a supply already named earlier in the paragraph.
                deed = self._supply_named_before(s, frame_tok, weapons)
                if deed is not None:
                    out.append(deed)
                    covered.add(frame_tok.i)
                elif (it := self._it_ruled(frame_tok, weapons)) is not None:
                    # "Our position on Taurus is unchanged. It remains off the table": "it" is the one weapon of
                    # the sentence before.
                    before = [w for w in self._weapons_before(s) if w.named]
                    if len(before) == 1:
                        out.append((it, before[0]))
                        covered.add(frame_tok.i)
                continue
            use = uses[0]
            # A noun of striking is ruled on itself ("its restriction on strikes across the border").
            start = use if use.pos_ == "NOUN" else next(iter(use.children), None)
            if start is None:
                continue
            # "hasn't authorized their use against targets in Russia": "their" stands for the weapons as "them" does
            pronoun = any(syntax.is_pronoun(c) and c.lower_ in ("they", "them", "it", "their", "its") for c in use.children)
            if pronoun:
                named = [w for w in weapons if w.named and w.head.i < frame_tok.i] or self._named_before(s)
                if named:
                    out.append((start, named[-1]))
                    covered.add(frame_tok.i)
                    continue
            target = {t.lower_ for t in use.subtree}
            striking = use.lemma_.lower() in ("strike", "hit", "target", "attack", "fire") or self._strikes_targets(use)
            # "using Norwegian-donated equipment against military targets": use against targets is striking,
            # whatever the thing used is called.
            striking = striking or any(p.lower_ == "against" for p in use.subtree if p.dep_ == "prep")
            # "the military sites from which missiles are launched against it": sites across the border.
            launch_sites = any(
                t.dep_ == "relcl" and t.lemma_.lower() in self.lx.use
                for o in syntax.children(use, "dobj")
                for t in o.subtree
            )
            if striking and (target & {"russia", "russian", "border"} or launch_sites):
                out.append((start, None))
                covered.add(frame_tok.i)
        # "… and that Germany would not be sending it to Kyiv": sending a weapon named before, by a pronoun.
        for verb in s.doc:
            obj = syntax.first_child(verb, "dobj") if syntax.is_verbal(verb) else None
            if obj is None or verb.i in covered or obj.lower_ not in ("it", "them") or self.frame(verb) != "supply":
                continue
            before = [w for w in weapons if w.named and w.head.i < verb.i]
            # In the sentence before, the weapon it is about (its subject) more than one it is compared with.
            named = before[-1:] or sorted(self._named_before(s), key=lambda w: w.head.dep_ not in ("nsubj", "nsubjpass"))
            if named:
                out.append((obj, named[0]))
                covered.add(verb.i)
        # "Ukraine may use them anywhere, with the exception of …", "They may be used against targets on Russian
        # territory": the weapons of the sentence before, by a pronoun.
        for verb in s.doc:
            obj = syntax.first_child(verb, "dobj", "nsubjpass") if syntax.is_verbal(verb) else None
            pronouns = ("it", "them") if obj is not None and obj.dep_ == "dobj" else ("it", "they")
            if obj is None or verb.i in covered or obj.lower_ not in pronouns or self.frame(verb) != "use":
                continue
            if not syntax.modals(verb) & (PERMISSIVE_MODALS | self._backshift(verb)):
                continue
            # "France will send 40 more SCALP missiles and has told Kyiv it may fire them …": this sentence's first.
            here = [w for w in weapons if w.named and w.head.i < verb.i]
            # "weapons supplied by Germany were no longer subject to range restrictions, meaning Kyiv could use them":
            # a class of weapons of this sentence before one named in the sentence before.
            here = here or [w for w in weapons if w.head.i < verb.i]
            before = here or self._named_before(s) or self._supplied_before(s) or self._weapons_before(s)
            if before:
                out.append((obj, before[-1]))
                covered.add(verb.i)
        # "The minister replied that there were 'no plans' to do so": "do so" is the sending asked about just before.
        for verb in s.doc:
            if verb.i in covered or verb.lemma_.lower() != "do" or not any(c.lower_ == "so" for c in verb.children):
                continue
            if not any(self.frame(a) in ("permit", "prohibit", "restrict", "review", "decline") for a in verb.ancestors):
                continue
            before = [w for w in self._weapons_before(s) if w.named] or self._weapons_before(s)
            if before:
                out.append((verb, before[-1]))
                covered.add(verb.i)
        # "Oslo has funded 14 NASAMS fire units … The ministry said the new units may not be re-transferred …": a
        # definite noun of the class of a system the sentence before named, which the weapon list does not take.
        taken = {w.head.i for w in weapons}
        for noun in s.doc:
            verb = noun.head
            if (
                noun.i in taken
                or noun.dep_ not in ("nsubj", "nsubjpass", "dobj")
                or verb.i in covered
                or self.frame(verb) not in ("use", "supply")
                or not definite(noun)
            ):
                continue
            same = [w for w in self._named_before(s) if noun.lemma_.lower() in classes(w)]
            if same:
                out.append((noun, same[-1]))
                covered.add(verb.i)
        # "Ukraine may neutralise military sites in Russia": a rule stated by the modal alone.
        for verb in s.doc:
            if verb.i in covered or not syntax.is_verbal(verb) or not self._strikes_targets(verb):
                continue
            if syntax.modals(verb) & (PERMISSIVE_MODALS | self._backshift(verb)) and {t.lower_ for t in verb.subtree} & {
                "russia",
                "russian",
                "border",
            }:
                start = next(iter(verb.children), None)
                if start is not None:
                    out.append((start, None))
        return out


# Nouns of a limit a rule set: "lift that limit", "ease those restrictions".
_LIMITS = frozenset({"limit", "restriction", "cap", "curb", "constraint"})
# Words that may say which limit it is and still point back to a limit on weapons' use: "that range limit".
_LIMIT_KINDS = frozenset({"range", "distance", "geographic", "geographical"})


def widens_told_limit(request: Token) -> bool:
    """ "a request to lift that limit": a request to widen a limit that points back to one already told."""
    return any(
        v.lemma_.lower() in WIDENING
        and any(
            o.lemma_.lower() in _LIMITS
            and definite(o)
            # "ease the visa restrictions" is another limit
            and all(c.lower_ in _LIMIT_KINDS for c in o.children if c.dep_ in ("compound", "amod"))
            for o in syntax.children(v, "dobj")
        )
        for v in request.subtree
        if syntax.is_verbal(v)
    )


def _of_the_subject(weapon: Token, frame_tok: Token) -> bool:
    """Is the relative clause the weapon is named in said of the subject of the clause ``frame_tok`` is in
    ("France, which supplies the SCALP missile, has said that … is under review")?"""
    relcl = next((a for a in list(weapon.ancestors)[:4] if a.dep_ == "relcl"), None)
    if relcl is None or relcl.head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    main = relcl.head.head
    return main.i == frame_tok.i or any(a.i == main.i for a in frame_tok.ancestors)


def _described(weapon: Token) -> bool:
    """Is the weapon named inside a relative clause ("Britain, which began delivering Storm Shadow missiles, …")?"""
    return any(a.dep_ == "relcl" for a in list(weapon.ancestors)[:4])


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a noun sits in: "remains" for "review" in "That request remains under review"."""
    for up in list(syntax.ancestors_to_clause_top(token, limit=4))[1:]:
        if syntax.is_verbal(up):
            return up
    return token
