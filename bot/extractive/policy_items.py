"""Weapons-policy items: for each weapon a sentence rules on, the stance, whose rule it is and where it applies."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of, actors_in
from bot.extractive.attribution import Attribution
from bot.extractive.found import Found
from bot.extractive.names import side_of
from bot.extractive.policy_clauses import (
    MECHANISMS,
    but_bound,
    but_not_granted,
    inside,
    under_condition,
)
from bot.extractive.policy_likewise import likewise
from bot.extractive.policy_unnamed import PolicyUnnamedReader, widens_told_limit
from bot.extractive.reading import Sentence
from bot.extractive.scope import condition_text, conditional, scope_of
from bot.extractive.weapons import Weapon, supplier_in, weapons_in

if TYPE_CHECKING:
    from spacy.tokens import Token


# An explainer's yes/no question ("Will Germany send Taurus?") and the bare answer after it ("No.", "Not yet.").
_ASKING = {"will", "would", "can", "could", "may", "might", "should", "does", "do", "did", "is", "are", "has", "have"}
_ANSWER = re.compile(r"^(?P<word>no|not yet|not now|not for now|yes)\b(?:[\s,.;:—–-]+(?P<rest>.*))?$", re.IGNORECASE)
_LIMITING = re.compile(r"\b(?:only|within limits|with limits|but|limited|near the border|conditions?)\b")


class PolicyItemReader(PolicyUnnamedReader):
    """The weapons-policy section reader: the rules of ``PolicyReader`` applied to each weapon a sentence names
    (or leaves unnamed), with the actor whose rule it is and the rule's scope."""

    def _not_about_ukraine(self, s: Sentence, setter: Token | None, action: Token | None) -> bool:
        """Policy is a government's rule on weapons for Ukraine: not Russia's use or wishes ("allowing it
        to launch hundreds of drones", "the items Russia needs"), not a permission given to someone else
        ("lets the administration ship weapons"), nor what a country the domain file doesn't know won't send."""
        for tok in (setter, action):
            if tok is None:
                continue
            head = tok.head if tok.pos_ in ("NOUN", "ADJ") and tok.head.i != tok.i else tok
            # "the F-16s must not be used": a passive verb's subject is the weapon, not who acts.
            who = syntax.agent(head) if syntax.is_passive(head) else syntax.subject(head)
            if who is not None and self._side(s, who) == "russia":
                return True
            holder = tok.head if tok.dep_ in ("acl", "amod") else who
            if holder is not None and holder.lemma_.lower() in _THE_PUBLIC:
                return True  # "found 62 percent of respondents opposed to sending arms": opinion, no government's rule
            if who is not None and any(
                self.lx.side_words.get(c.lower_) == "russia" for c in who.children if c.dep_ in ("amod", "compound")
            ):
                return True  # "which Russian factories need to turn out shells": Russia's needs, no one's rule
            if who is not None and not syntax.is_pronoun(who):
                names = [n for n in s.names if n.start <= who.i < n.end and n.kind == "actor"]
                if not names and action is not None and tok.i == action.i and who.tag_ in ("NNP", "NNPS") and setter is None:
                    return True
        if (
            setter is not None
            and syntax.is_verbal(setter)
            and setter.dep_ in ("relcl", "acl")
            and setter.head.lemma_.lower() in MECHANISMS
        ):
            # "the drawdown authority, which lets the administration ship arms", "the Ottawa convention banning such
            # weapons": what a standing mechanism or treaty does, not a government's decision on Ukraine's weapons.
            return True
        if setter is not None and self.frame(setter) == "request":
            # "Kyiv has asked its partners for more batteries": what Ukraine wants is not a supplier's policy.
            # Asked of a named government ("asked Washington for Tomahawks"), the request puts that
            # government's stance under review; asked of "its partners", it is no one's policy.
            verb = setter.head if setter.pos_ == "NOUN" else setter
            asker = syntax.subject(verb)
            asked = syntax.first_child(verb, "dobj", "dative")
            if (
                asker is not None and self._side(s, asker) == "ukraine" and (asked is None or not actors_in(s, asked))
            ):  # "its partners" names no government
                return True
        if (
            setter is not None
            and self.frame(setter) == "permit"
            and syntax.is_verbal(setter)
            and syntax.first_child(setter, "xcomp", "ccomp") is not None
        ):
            # "allowed X to …": X must be Ukraine's side; "permits X to be used" lets X be used, so X is the weapon.
            clause = syntax.first_child(setter, "xcomp", "ccomp")
            passive_use = (
                clause is not None
                and syntax.is_passive(clause)
                and self.frame(clause) == "use"
                and any(self.lx.side_words.get(t.lower_) or t.lemma_.lower() in _WAR_AIMS for t in clause.subtree)
            )
            party = None if passive_use else syntax.first_child(setter, "dobj")
            if party is None and not passive_use:  # "lets the administration ship arms": the one let is the clause's subject
                party = syntax.first_child(clause, "nsubj") if clause is not None else None
                party = party if party is not None and party.pos_ == "NOUN" else None
                letter = syntax.subject(setter)
                if (
                    party is not None
                    and letter is not None
                    and actors_in(s, letter)
                    and any(w.head.i == party.i for w in weapons_in(s, self.lx, forces=True))
                ):
                    # "Berlin lets its MARS II launchers fire across the border": the one let is the weapon (not in
                    # "any country allowing its weapons to strike Russia", which names no government)
                    party = None
            if party is not None and self._side(s, party) not in ("ukraine", None):
                return True
            if (
                party is not None
                and self._side(s, party) is None
                and party.pos_ == "NOUN"
                and party.lemma_.lower() not in self.lx.military
            ):
                return True  # "lets the administration ship weapons"
        return False

    def _item(self, s: Sentence, start: Token, weapon: Weapon | None, speakers: list[str]) -> Found | None:
        phrase = [weapon.head, *([weapon.head.head] if weapon.head.dep_ == "conj" else [])] if weapon else []
        if any(
            self.lx.side_words.get(c.lower_) == "russia" and c.dep_ in ("amod", "compound")
            for head in phrase
            for c in head.lefts
        ):
            return None  # "to bring down Russian aircraft": the enemy's weapons are targets, not policy
        stance, setter, action = self.fold(start)
        if action is None and setter is not None and syntax.is_verbal(setter) and weapon is not None:
            # "permits MARS II launchers and PzH 2000 howitzers to be used against Russian positions": the use the
            # permission takes beside the weapons is the rule's own.
            action = next((c for c in setter.children if c.dep_ == "xcomp" and self.frame(c) == "use"), None)
        if stance is None or self._not_about_ukraine(s, setter, action):
            return None
        if any(syntax.refuted(t) for t in (setter, action) if t is not None):
            return None  # "reports that Washington had cleared ATACMS strikes … were false": no rule, a rumour
        if any(syntax.told_by_unowned(t, self.lx.report, self.lx.hearsay_media) for t in (setter, action) if t):
            return None  # "A widely shared post on X claimed that Washington had cleared 137 Tomahawks": talk
        verb = action if action is not None and syntax.is_verbal(action) else setter
        if verb is not None and syntax.modals(verb) & {"could", "might", "would"} and under_condition(verb):
            return None  # "If Congress approved more money, the administration could send Patriots": no rule, a maybe
        # A weapon named in the sentence before ("may use them") is ruled on where the pronoun stands.
        elsewhere = weapon is not None and weapon.head.doc is not s.doc
        anchors = [t for t in (weapon.head if weapon and not elsewhere else start, setter, action) if t is not None]
        if elsewhere and start.head not in anchors:
            anchors.append(start.head)
        if weapon is not None and not elsewhere and (listed_class := _listed_under(weapon.head)) is not None:
            # "may use US-supplied weapons, including ATACMS and HIMARS rockets, against Russian troops …": a member
            # of the list shares the limit the parser hangs on the class it is listed under.
            anchors.append(listed_class)
        if action is None and weapon is not None and not elsewhere:
            # "permission for the missiles, which have a range of 250km, to be used against targets deeper inside
            # Russia": the parser hangs the use on the weapon as a relative clause; its aim is the rule's scope.
            anchors += [c for c in weapon.head.children if c.dep_ == "relcl" and self.frame(c) == "use"][:1]
        scope, limited = scope_of(anchors)
        if scope is None and elsewhere and weapon is not None and self.frame(weapon.head.head) == "use":
            # "That request remains under review" after "Kyiv has asked … to use ATACMS against airfields in Russia's
            # Belgorod region": the use asked for is what is under review.
            scope, limited = scope_of([weapon.head, weapon.head.head])
        if action is not None and action.pos_ == "NOUN" and self.frame(action) == "supply":
            # "refused to allow the re-export of Swiss-made ammunition to Ukraine": what is held back.
            deed = syntax.span_text([t for t in action.subtree if t.i <= action.i] or [action]).strip(" ,;:")
            scope = f"{deed}; {scope}" if scope else deed
        if setter is not None and setter.lemma_.lower() == "subject":
            # "were no longer subject to range restrictions": the rule is the noun "subject to" takes.
            rule_noun = next((o for p in syntax.children(setter, "prep") for o in syntax.children(p, "pobj")), None)
            if rule_noun is not None and self.frame(rule_noun) in ("restrict", "prohibit"):
                kind = " ".join(t.text for t in rule_noun.lefts if t.dep_ in ("compound", "amod"))
                rule = f"{kind} {rule_noun.text}".strip()
                lifted = syntax.is_negated(setter.head) or any(
                    c.lower_ == "longer" for c in setter.head.subtree if c.i < setter.i
                )
                rule = f"no longer subject to {rule}" if lifted else f"subject to {rule}"
                scope = f"{rule}; {scope}" if scope else rule
        if setter is not None and setter.pos_ == "NOUN" and self.frame(setter) in ("restrict", "prohibit"):
            # "no longer impose range restrictions on supplied weapons": the rule itself says what is limited.
            kind = " ".join(t.text for t in setter.lefts if t.dep_ in ("compound", "amod"))
            # A rule named as what is done to it ("published conditions", "range restrictions") says what is
            # limited; a bare predicate ("remain off limits") says nothing the stance doesn't.
            if kind or setter.dep_ in ("dobj", "nsubjpass"):
                rule = f"{kind} {setter.text}".strip()
                if any(c.dep_ == "det" and c.lower_ == "no" for c in setter.lefts) or (
                    setter.dep_ == "dobj" and syntax.is_negated(setter.head)
                ):
                    # "faced no geographic restrictions", "has not placed any restrictions": there is none
                    rule = f"no {rule}"
                scope = f"{rule}; {scope}" if scope else rule
        if scope is None and action is not None and self._strikes_targets(action):
            # "neutralise military sites in Russia": what may be struck is the rule's scope.
            obj = syntax.children(action, "dobj")[0]
            where = [p for p in syntax.children(obj, "prep") if p.lower_ in ("in", "inside", "on", "across")]
            scope = " ".join([action.text, syntax.noun_phrase(obj), *(syntax.span_text(list(p.subtree)) for p in where[:1])])
            # "sites … from which missiles are fired": only the sites that attack.
            limited = limited or conditional([action], list(obj.subtree))
        if stance == "permitted" and limited:
            stance = "restricted"
        condition = condition_text(anchors)
        if condition and condition not in (scope or ""):
            scope = f"{scope}, {condition}" if scope else condition  # "…, provided the strikes comply with …"
        if weapon is None and not scope:
            return None  # a rule on nothing named and nowhere: no line a reader could use
        actor = self._actor(s, setter, weapon, speakers, action)
        if actor is None and weapon is None and action is not None:
            # "free to use Swedish-supplied equipment against …": whose equipment it is says whose rule.
            used = {t.i for o in syntax.children(action, "dobj") for t in o.subtree}
            owners = [n.canonical for n in s.names_of("actor") if n.start in used and n.canonical not in BELLIGERENTS]
            actor = owners[0] if owners else None
        if actor is None and elsewhere and weapon is not None:
            earlier = next((x for x in self.ctx.sentences if x.doc is weapon.head.doc), None)
            actor = supplier_in(earlier, weapon) if earlier is not None else None  # "Swedish-supplied weapons"
        holder = self._holder(s, setter)
        if holder is not None and actor is not None and "(" not in actor:
            actor = f"{actor} ({holder})"  # "the SPD is reluctant to send the missile": Germany's, held by the SPD
        name = weapon.text if weapon else None
        thing = syntax.first_child(action, "dobj") if weapon is None and action is not None else None
        if thing is not None and action is not None and action.lemma_.lower() == "use" and thing.pos_ == "NOUN":
            name = syntax.noun_phrase(thing)  # "using Norwegian-donated equipment against …": what is used
        # "Kyiv may fire them" after "The United States first sent Ukraine the missiles" after "… ATACMS, remains the
        # centerpiece": the class noun "them" stands for points back from its own sentence.
        home = next((x for x in self.ctx.sentences if x.doc is weapon.head.doc), s) if elsewhere and weapon else s
        antecedent = self._antecedent(home, weapon) if weapon is not None else None
        if antecedent is not None:
            name = antecedent.text  # "…pledged F-16 fighter jets, says the aircraft it supplies may be used …"
            partners = [n for n in s.names_of("actor") if n.canonical not in BELLIGERENTS]
            if not partners and (earlier := next((x for x in self.ctx.sentences if x.doc is antecedent.head.doc), None)):
                # "Ukraine may use these aircraft …" after "The Dutch government has lifted the limits on the F-16 jets":
                # the government that sentence names.
                named = [n.canonical for n in earlier.names_of("actor") if n.canonical not in BELLIGERENTS]
                actor = named[0] if named else actor
            actor = actor or antecedent.origin  # "Ukraine is allowed to fire the missiles …": the supplier's rule
        given = (
            [c for c in weapon.head.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.lx.give]
            if weapon is not None and not weapon.named
            else []
        )
        if given and name:
            # "weapons supplied by Italy": whose weapons is part of what they are.
            given_by = syntax.span_text(list(given[0].subtree)).strip(" ,;:")
            name = f"{name} {given_by}"
            if scope:
                scope = "; ".join(part for part in scope.split("; ") if part != given_by) or None
        ruled = {t.i for tok in (setter, action) if tok is not None for t in tok.subtree}
        # A weapon named in an earlier sentence ("the transfer" of it): that sentence is quoted too.
        # So is the one that named the system a class noun stands for, when its name holds a figure the evidence
        # must show ("the jets" for "F-16 fighter jets").
        told_in = [w.head.doc for w in (weapon, antecedent) if w is not None and (w is weapon or _has_digit(w.text))]
        named_in = [x for x in self.ctx.sentences if any(x.doc is d for d in told_in) and x is not s]
        return Found(
            "weapons_policy",
            {"actor": actor, "weapon": name, "stance": stance, "scope": scope},
            [*named_in[:1], s],
            merge_key=((actor or "").lower(), (name or scope or "").lower(), stance),
            data={"ruled": ruled},
        )

    def _warning(self, s: Sentence, weapon: Weapon) -> Found | None:
        """ "Putin warned that supplying Tomahawks would mean a new stage of escalation": Russia's warning against a
        supply is no one's rule, but a line of the weapons debate with an unclear stance, in Russia's name."""
        path = list(weapon.head.ancestors)[:4]
        warning = next((t for t in path if syntax.is_verbal(t) and t.lemma_.lower() in _WARNING), None)
        supply = next((t for t in path if warning is not None and t.i != warning.i and self.frame(t) == "supply"), None)
        if warning is None or supply is None or syntax.is_negated(warning):
            return None
        who = syntax.subject(warning)
        if who is None or self._side_of_phrase(s, who) != "russia":
            return None
        if not self._debated(weapon):
            return None  # a warning is an answer to a government's stance on the weapon, told before it
        actor = actor_of(s, who, self.ctx, exclude=(), person=True)
        clause = next((c for c in warning.children if c.dep_ == "ccomp"), None)
        told = [t for t in clause.subtree if t.i not in {x.i for x in supply.subtree}] if clause is not None else []
        scope = syntax.span_text([t for t in told if t.dep_ != "mark"]).strip(" ,;:") or None
        return Found(
            "weapons_policy",
            {"actor": actor, "weapon": weapon.text, "stance": "unclear", "scope": scope},
            [s],
            merge_key=((actor or "").lower(), weapon.text.lower(), "unclear"),
        )

    def _debated(self, weapon: Weapon) -> bool:
        """Has the brief already a government's stance on this weapon ("Tomahawk missiles" for "Tomahawks")?"""
        words = {w.lower().rstrip("s") for w in weapon.text.split()}
        return any(
            f.section == "weapons_policy"
            and f.fields["stance"] != "unclear"
            and words & {w.lower().rstrip("s") for w in (f.fields["weapon"] or "").split()}
            for f in self.ctx.items
        )

    def _side_of_phrase(self, s: Sentence, who: Token) -> str | None:
        return side_of(s.names, who.left_edge.i, who.right_edge.i + 1) or self._side(s, who)

    def answered(self, s: Sentence) -> list[Found]:
        """ "Will Germany send Taurus? No. …": an explainer's yes/no question about a weapon, answered right
        after it, is the rule the answer gives ("No." refuses, "Not yet." is pending, "Yes, but only …"
        limits), with the question and the answer as its evidence."""
        doc = s.doc
        sentences = self.ctx.sentences
        if not s.text.rstrip().endswith("?") or not len(doc) or doc[0].lower_ not in _ASKING:
            return []
        answer = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
        found = _ANSWER.match(answer.text.strip()) if answer is not None and answer.para - s.para in (0, 1) else None
        if answer is None or found is None:
            return []
        word, rest = found.group("word").lower(), (found.group("rest") or "").lower()  # a bare "No" has no rest
        stance = "permitted" if word == "yes" else "prohibited" if word == "no" else "under_review"
        if stance == "permitted" and _LIMITING.search(rest):
            stance = "restricted"
        out: list[Found] = []
        for weapon in weapons_in(s, self.lx):
            # Questions parse badly ("Can Ukraine fire Storm Shadow …?" with "fire" a noun): the word of using or
            # sending before the weapon, whatever the parse made of it.
            verb = next(
                (t for t in doc[: weapon.head.i] if t.lemma_.lower() in self.lx.use | self.lx.supply),
                None,
            )
            if verb is None:
                continue
            named = [n.canonical for n in s.names_of("actor", 0, verb.i) if n.canonical not in BELLIGERENTS]
            actor = named[-1] if named else actor_of(s, syntax.subject(verb), self.ctx)
            if actor is None or actor in BELLIGERENTS:
                actor = weapon.origin  # "Can Ukraine fire Storm Shadow into Russia?": the supplier's rule
            if actor is None:
                continue
            scope, _ = scope_of([weapon.head, verb])
            out.append(
                Found(
                    "weapons_policy",
                    {"actor": actor, "weapon": weapon.text, "stance": stance, "scope": scope},
                    [s, answer],
                    merge_key=(actor.lower(), weapon.text.lower(), stance),
                )
            )
        return out

    def _limit_on_earlier(self, s: Sentence) -> None:
        """ "Storm Shadow … may be used against military targets anywhere on Russian soil. London, by contrast,
        still bars strikes on civilian energy infrastructure": a government that bars some strikes, naming no
        weapon, limits the permission it gave just before (in the same paragraph): that rule is restricted."""
        for verb in s.doc:
            if not (syntax.is_verbal(verb) and self.frame(verb) in ("prohibit", "restrict")) or syntax.is_negated(verb):
                continue
            struck = next((o for o in syntax.children(verb, "dobj") if o.lemma_.lower() in _STRIKES), None)
            who = syntax.subject(verb)
            named = [a for a in actors_in(s, who) if a not in BELLIGERENTS] if who is not None else []
            if struck is None or len(named) != 1:
                continue
            earlier = next(
                (
                    f
                    for f in reversed(self.ctx.items[-6:])
                    if f.section == "weapons_policy"
                    and f.sentences[-1].para == s.para
                    and f.sentences[-1].index >= s.index - 2
                    and str(f.fields["actor"] or "").split(" (")[0] == named[0]
                ),
                None,
            )
            if earlier is None or earlier.fields["stance"] != "permitted":
                continue
            limit = f"not {syntax.span_text(syntax.until_comma(struck)).strip(' ,;:')}"
            earlier.fields["stance"] = "restricted"
            earlier.fields["scope"] = f"{earlier.fields['scope']}; {limit}" if earlier.fields["scope"] else limit
            earlier.extend(s)
            return

    def read(self, s: Sentence, attributions: list[Attribution]) -> list[Found]:
        speakers = [a.speaker.actor for a in attributions if a.speaker.actor and a.speaker.actor not in BELLIGERENTS]
        # A speaker the sentence names first ("A Swedish government official … said"), before one carried over from
        # the sentences before it.
        named_here = {n.canonical for n in s.names_of("actor")}
        speakers.sort(key=lambda actor: actor not in named_here)
        if attributions and speakers:
            # "Macron said …": the rule is France's, as stated by Macron.
            first = next(a for a in attributions if a.speaker.actor == speakers[0])
            person = [n.text for n in s.names_of("person") if n.text in first.speaker.name]
            if person:
                speakers[0] = f"{speakers[0]} ({person[0]})"
        weapons = weapons_in(s, self.lx, forces=True)
        starts: list[tuple[Token, Weapon | None]] = [(w.head, w) for w in weapons] + self._unnamed(s, weapons)
        found = [f for f in (self._item(s, start, weapon, speakers) for start, weapon in starts) if f is not None]
        if not found:
            found = [f for f in (self._warning(s, w) for w in weapons) if f is not None]
        if not found and not weapons:
            self._limit_on_earlier(s)
        named_at = {i: n.canonical for n in s.names_of("actor") for i in range(n.start, n.end)}
        found += [
            f
            for f in likewise(s, weapons, [*self.ctx.items, *found], named_at)
            if not any(o.fields["weapon"] == f.fields["weapon"] and o.fields["actor"] == f.fields["actor"] for o in found)
        ]
        found = but_bound(s, but_not_granted(s, found, self.frame))
        widening = next((r for r in s.doc if self.frame(r) == "request" and widens_told_limit(r)), None)
        for f in found:
            if widening is not None and f.fields["stance"] == "under_review":
                # "no decision has been made on a Ukrainian request to loosen the range limits": what is under review
                f.fields["scope"] = syntax.span_text([t for t in widening.subtree if t.i >= widening.i]).strip(" ,;")
        # "Dutch-supplied F-16 jets" and the "F-16" inside it are one rule: the fuller name stays. A weapon
        # named only inside another rule's scope ("SAMP/T … for anything but air defence") is that rule's limit.
        return [
            f
            for f in found
            if not any(
                o is not f
                and (o.fields["actor"], o.fields["stance"]) == (f.fields["actor"], f.fields["stance"])
                and (
                    inside(f.fields["weapon"], o.fields["weapon"])
                    or (not f.fields["scope"] and inside(f.fields["weapon"], o.fields["scope"]))
                )
                for o in found
            )
        ]


# Nouns for a use of weapons that a later sentence can bar without naming the weapon: "bars strikes on …".
_STRIKES = frozenset({"strike", "attack"})
# What a use in the war is aimed at, when no side is named: "to be used against positions across the border".
_WAR_AIMS = frozenset({"target", "position", "border", "front", "airfield", "territory", "troop", "force"})
# People whose views a poll reports: their opposition or support is opinion, not a rule.
_THE_PUBLIC = frozenset({"respondent", "voter", "public", "citizen", "resident", "poll", "survey", "majority", "percent"})
# Verbs by which a belligerent warns against a supply: "Putin warned that supplying Tomahawks would …".
_WARNING = frozenset({"warn", "threaten", "caution"})


def _listed_under(head: Token) -> Token | None:
    """The class noun a weapon is listed under: "weapons" in "US-supplied weapons, including ATACMS and HIMARS"."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ == "pobj" and prep.lower_ in ("including", "like") and prep.head.pos_ == "NOUN":
        return prep.head
    return None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
