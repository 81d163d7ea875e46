"""Weapons policy: the stance on using or sending a weapon, read from the clauses that govern it.

From the weapon up through its governing words: "permission to use ATACMS" (permit), "has NOT granted
permission" (negated: prohibited), "reluctant to send Taurus" (prohibit), "no decision has been made"
(review), "lifted restrictions on the use of" (lift over restrict: permitted), "may use … only near
the border" (modal permission with a limited scope: restricted). Each frame word's meaning comes from
the domain file; how they combine is below, in ``fold``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of
from bot.extractive.attribution import Attribution
from bot.extractive.found import Found
from bot.extractive.reading import ContextReader, Sentence
from bot.extractive.scope import conditional, scope_of
from bot.extractive.weapons import Weapon, supplier_in, weapons_in
from bot.models import Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

Frame = Literal["permit", "lift", "restrict", "prohibit", "review", "request", "use", "supply"]
_FLIP: dict[Stance, Stance] = {"permitted": "prohibited", "prohibited": "permitted", "restricted": "permitted",
                               "under_review": "prohibited", "unclear": "unclear"}
# "may use" is permission; "could use" on its own is a possibility, not a rule.
_PERMISSIVE_MODALS = {"may", "can", "ca"}
_TENTATIVE_MODALS = {"could", "might", "would", "should"}
# Verbs of change: negated, they keep the state they are about instead of turning it round.
_CHANGE_VERBS = frozenset({"change", "alter", "shift", "budge", "waver", "move"})
# Objects that make any verb a strike: "neutralise military sites", "hit airfields".
_MILITARY_OBJECTS = frozenset({"target", "site", "facility", "airfield", "base", "position", "launcher",
                               "depot", "installation"})
_LIGHT_NOUN_VERBS = {"have", "get", "give", "grant", "receive", "win", "secure", "obtain", "hold"}


class PolicyReader(ContextReader):
    # -- frames --------------------------------------------------------------------------------------

    def frame(self, token: Token) -> Frame | None:
        """What a word does to the action below it, if anything."""
        lx = self.lx
        lemma = token.lemma_.lower()
        prt = {c.lower_ for c in token.children if c.dep_ == "prt"}
        if syntax.is_verbal(token):
            if lemma == "rule" and "out" in prt:
                return "prohibit"
            if lemma == "hold" and prt & {"back", "off"}:
                return "prohibit"
            if lemma == "turn" and "down" in prt:
                return "prohibit"  # "turned down a Ukrainian appeal for Patriot launchers"
            if lemma in ("stand", "get") and any(p.lower_ == "in" and any(o.lemma_.lower() == "way"
                                                                       for o in syntax.children(p, "pobj"))
                                                 for p in syntax.children(token, "prep")):
                return "prohibit"  # "will not stand in the way of Ukraine using …"
            if lemma == "decide":
                # "decided to allow" passes the decision through; "has yet to decide", "not decided" is a review.
                undecided = any(c.lower_ in ("yet", "whether") for c in token.subtree)
                return "review" if syntax.is_negated(token) or undecided else None
            if self._strikes_targets(token) and lemma not in lx.permit | lx.prohibit | lx.restrict:
                return "use"  # "neutralise military sites": a strike, whatever the verb
            wants = (lemma in lx.need or token.lower_ in lx.need) and syntax.first_child(token, "xcomp", "ccomp") is None
            if wants and not any(o.lemma_.lower() in lx.permit_noun for o in syntax.children(token, "dobj")):
                return None  # "Ukraine needed air defence" wants a weapon; "would need to approve" is pending
            if lemma in lx.deny and any(c.dep_ == "ccomp" for c in token.children):
                return None  # "denied that any aircraft had been destroyed" reports; it refuses nothing
            for frame, words in (("permit", lx.permit), ("lift", lx.lift), ("restrict", lx.restrict),
                                 ("prohibit", lx.prohibit), ("review", lx.review), ("request", lx.request),
                                 ("review", lx.need), ("use", lx.use), ("supply", lx.supply)):
                # The word itself too: the small model's lemmatiser sometimes mangles base forms ("need" → "nee").
                if (lemma in words or token.lower_ in words) and lemma != "hold":
                    return frame  # type: ignore[return-value]
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            if lemma == "light":
                return "permit" if any(c.lower_ == "green" for c in token.lefts) else None
            if lemma == "right":
                return "permit" if any(c.dep_ in ("acl", "relcl") for c in token.children) else None
            if lemma == "line":
                return "restrict" if any(c.lower_ == "red" for c in token.lefts) else None
            if lemma == "limit" and token.i and token.doc[token.i - 1].lower_ in ("off", "off-"):
                return "prohibit"  # "off limits"
            if lemma == "decision":
                return "review" if syntax.is_negated(token) or syntax.modals(token.head) else None
            for frame, words in (("permit", lx.permit_noun), ("restrict", lx.restrict_noun),
                                 ("prohibit", lx.prohibit_noun), ("review", lx.review_noun),
                                 ("request", lx.request_noun)):
                if lemma in words and lemma not in ("rule", "guideline", "principle"):
                    return frame  # type: ignore[return-value]
            if lemma in lx.use or lemma in ("transfer", "delivery", "supply", "export", "use"):
                return "use" if lemma in lx.use else "supply"
            return None
        if token.pos_ == "ADJ":
            if lemma in lx.prohibit_adjective:
                return "prohibit"
            if lemma in ("free", "able", "allowed", "permitted", "entitled", "authorised", "authorized"):
                return "permit"
            if lemma in ("off-limits",):
                return "prohibit"
        if token.lower_ == "off" and any(c.lemma_.lower() == "limit" for c in token.children):
            return "prohibit"
        return None

    def _predicative(self, token: Token) -> list[Token]:
        """Words that complete a verb's meaning: "remain off limits", "is reluctant", "gave the green light",
        "is not on the agenda"."""
        candidates = [c for c in token.children if c.dep_ in ("acomp", "attr", "oprd", "prep", "dobj")]
        candidates += [o for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "under", "off")
                       for o in c.children if o.dep_ == "pobj"]
        if token.lemma_.lower() in ("make", "take", "reach"):
            # "No decision has been made on sending …": the decision is the verb's passive subject.
            candidates += [c for c in token.children if c.dep_ == "nsubjpass"]
        return [c for c in candidates if self.frame(c) in ("permit", "prohibit", "restrict", "review", "lift")
                and c.lower_ != "for"]

    # -- stance --------------------------------------------------------------------------------------

    @staticmethod
    def _be_to(tok: Token) -> bool:
        """"weapons … are to be used only on Ukrainian soil": "be to" states a rule, like "may"."""
        be = tok if tok.lemma_.lower() == "be" else tok.head if tok.dep_ == "xcomp" else None
        if be is None or be.lemma_.lower() != "be":
            return False
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
                   for c in be.children)

    def _backshift(self, verb: Token) -> set[str]:
        """In reported speech "can" becomes "could" and "may" "might": "officials said Ukraine could use …"."""
        return {"could", "might"} if syntax.reported(verb, self.lx.report) else set()

    @staticmethod
    def _path(weapon: Token) -> list[Token]:
        """The weapon and its governing words. A weapon directly followed by a verb that has no subject
        of its own is that verb's subject, whatever the parse says ("…, but long-range missiles remain
        off limits": small parsers often hang such a subject on the clause before)."""
        doc = weapon.doc
        nxt = doc[weapon.i + 1] if weapon.i + 1 < len(doc) else None
        if (nxt is not None and weapon.dep_ in ("dobj", "pobj", "conj", "appos") and nxt.tag_ in ("VBP", "VBZ", "VBD", "MD")
                and syntax.first_child(nxt, "nsubj", "nsubjpass") is None):
            verb = nxt.head if nxt.tag_ == "MD" and nxt.dep_ == "aux" else nxt
            # That verb heads the weapon's own clause: what the parse hangs it on belongs to the clause before.
            return [weapon, verb]
        else:
            path = list(syntax.ancestors_to_clause_top(weapon, limit=10))
        # Meaning flows up through complements ("permission to use", "refused to send"), not out of a
        # clause of its own: "Washington supports X, although ATACMS have been restricted" keeps them apart.
        for n, tok in enumerate(path):
            own_clause = syntax.first_child(tok, "nsubj", "nsubjpass", "mark") is not None
            # "cleared the way for Ukraine to use …": a "for X to" clause completes the noun it hangs on.
            if own_clause and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children) and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                continue
            if (tok.dep_ in ("advcl", "parataxis", "relcl") or (tok.dep_ == "conj" and syntax.is_verbal(tok))) \
                    and own_clause:
                return path[: n + 1]
        return path

    def fold(self, weapon: Token) -> tuple[Stance | None, Token | None, Token | None]:
        """(stance, the word that set it, the use/supply verb) walking up from the weapon.

        Innermost first: a frame sets the stance, each outer prohibiting word or negation turns it
        round, an outer review makes it pending, and a permission under "could"/"would" is pending too."""
        state: Stance | None = None
        setter: Token | None = None
        action: Token | None = None
        path = self._path(weapon)
        for depth, tok in enumerate(path):
            if depth and tok.lemma_.lower() in self.lx.report and syntax.is_verbal(tok) and self.frame(tok) is None:
                break  # "…, officials said": the speaker is not the policy-maker
            # What completes the word comes first: "lifted its ban" is a lifting of a ban.
            predicative = [c for c in self._predicative(tok) if c.i not in {p.i for p in path}]
            frames = [self.frame(c) for c in predicative] + ([self.frame(tok)] if depth else [])
            rule = next((c for c in tok.children if c.dep_ == "xcomp" and self.frame(c) == "use"), None) \
                if self._be_to(tok) and tok.lemma_.lower() == "be" else None
            if rule is not None:  # "weapons … are to be used only on …": the use is the rule's own verb
                frames.insert(0, "use")
                action = action or rule
            negated = depth > 0 and syntax.is_negated(tok)
            mods = syntax.modals(tok)
            new = state
            for frame in frames:
                if frame in ("use", "supply"):
                    action = action or tok
                    if new is None and negated and frame == "supply" and syntax.subject(tok) is not None:
                        new = "prohibited"  # "Germany will not send Taurus"
                        negated = False
                    elif new is None and frame == "use" and (mods & (_PERMISSIVE_MODALS | {"must"} | self._backshift(tok))
                                                             or self._be_to(tok)):
                        new = "prohibited" if negated else "permitted"  # "Ukraine may (not) use …", "must not be used"
                        negated = False
                    elif new is None and frame == "supply" and not negated and mods & {"might", "could", "may"} \
                            and syntax.subject(tok) is not None:
                        new = "under_review"  # "he might give Ukraine Tomahawks": a possibility, not a decision
                elif frame == "permit":
                    new = "permitted"
                elif frame == "lift":
                    # "lifted the ban on ATACMS": lifting acts on a limit; "the push ended" lifts nothing.
                    if new in ("restricted", "prohibited"):
                        new = "permitted"
                    else:
                        continue
                elif frame == "restrict":
                    new = "restricted" if new in (None, "permitted") else new
                elif frame == "prohibit":
                    if tok.lemma_.lower() == "rule" and negated:
                        new, negated = "under_review", False  # "did not rule out sending"
                    else:
                        new = "permitted" if new == "prohibited" else "prohibited"
                elif frame in ("review", "request"):
                    if negated and frame == "review" and tok.pos_ != "NOUN" and tok.lemma_.lower() != "decide":
                        new, negated = "prohibited", False  # "is not considering sending"
                    else:
                        new, negated = "under_review", False
                if frame is not None and frame not in ("use", "supply"):
                    setter = predicative[0] if predicative and self.frame(tok) is None else tok
            if new == "permitted" and depth and syntax.first_child(tok, "xcomp") is not None and any(
                    c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children):
                new = "under_review"  # "has yet to approve": no decision so far
            if negated and tok.lemma_.lower() in _CHANGE_VERBS:
                negated = False  # "the prohibition had not changed" keeps the prohibition
            if negated and new is not None and (frames or tok.lemma_.lower() in _LIGHT_NOUN_VERBS or syntax.is_verbal(tok)):
                new = _FLIP[new]
            # "should be allowed to" states a position; "could allow", "would approve" only a possibility.
            # In reported speech "would" is the "will" of the original words: "announced it would allow".
            stated = (mods == {"should"} and syntax.is_passive(tok)) or (
                mods == {"would"} and syntax.reported(tok, self.lx.report))
            if new in ("permitted",) and mods & _TENTATIVE_MODALS and setter is not None and setter.i == tok.i \
                    and not stated:
                new = "under_review"  # "could allow", "would approve"
            state = new
        return state, setter, action

    # -- items ---------------------------------------------------------------------------------------

    def _actor(self, s: Sentence, setter: Token | None, weapon: Weapon | None, speakers: list[str],
               action: Token | None = None) -> str | None:
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
            if syntax.is_passive(head):
                candidates.append(syntax.agent(head))
            candidates.append(syntax.subject(head))
            owner = syntax.first_child(setter, "poss")
            candidates.append(owner)
        for candidate in candidates:
            actor = actor_of(s, candidate, self.ctx, person=True)
            if actor is not None:
                return actor
        if action is not None and syntax.is_verbal(action):
            # "Spain will not send Leopard tanks": who sends them, not who makes them.
            doer = syntax.agent(action) if syntax.is_passive(action) else syntax.subject(action)
            actor = actor_of(s, doer, self.ctx, person=True)
            if actor is not None and actor not in BELLIGERENTS:
                return actor
        if speakers:
            return speakers[0]
        supplier = (supplier_in(s, weapon) or weapon.origin) if weapon is not None else None
        if supplier is not None and supplier not in BELLIGERENTS:
            return supplier
        last = self.ctx.last_actor
        return last if last not in BELLIGERENTS else self.ctx.main_actor

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
            if who is not None and not syntax.is_pronoun(who):
                names = [n for n in s.names if n.start <= who.i < n.end and n.kind == "actor"]
                if not names and action is not None and tok.i == action.i and who.tag_ in ("NNP", "NNPS") and setter is None:
                    return True
        if setter is not None and self.frame(setter) == "request":
            # "Kyiv has asked its partners for more batteries": what Ukraine wants is not a supplier's policy.
            # Asked of a named government ("asked Washington for Tomahawks"), the request puts that
            # government's stance under review; asked of "its partners", it is no one's policy.
            verb = setter.head if setter.pos_ == "NOUN" else setter
            asker = syntax.subject(verb)
            asked = syntax.first_child(verb, "dobj", "dative")
            if asker is not None and self._side(s, asker) == "ukraine" and (
                    asked is None or actor_of(s, asked, self.ctx) is None):
                return True
        if setter is not None and self.frame(setter) == "permit" and syntax.is_verbal(setter) \
                and syntax.first_child(setter, "xcomp", "ccomp") is not None:
            # "allowed X to …": X must be Ukraine's side.
            party = syntax.first_child(setter, "dobj")
            if party is not None and self._side(s, party) not in ("ukraine", None):
                return True
            if party is not None and self._side(s, party) is None and party.pos_ == "NOUN" \
                    and party.lemma_.lower() not in self.lx.military:
                return True  # "lets the administration ship weapons"
        return False

    def _item(self, s: Sentence, start: Token, weapon: Weapon | None, speakers: list[str]) -> Found | None:
        phrase = [weapon.head, *([weapon.head.head] if weapon.head.dep_ == "conj" else [])] if weapon else []
        if any(self.lx.side_words.get(c.lower_) == "russia" and c.dep_ in ("amod", "compound")
               for head in phrase for c in head.lefts):
            return None  # "to bring down Russian aircraft": the enemy's weapons are targets, not policy
        stance, setter, action = self.fold(start)
        if stance is None or self._not_about_ukraine(s, setter, action):
            return None
        anchors = [t for t in (weapon.head if weapon else start, setter, action) if t is not None]
        scope, limited = scope_of(anchors)
        if action is not None and action.pos_ == "NOUN" and self.frame(action) == "supply":
            # "refused to allow the re-export of Swiss-made ammunition to Ukraine": what is held back.
            deed = syntax.span_text([t for t in action.subtree if t.i <= action.i] or [action]).strip(" ,;:")
            scope = f"{deed}; {scope}" if scope else deed
        if setter is not None and setter.pos_ == "NOUN" and self.frame(setter) in ("restrict", "prohibit"):
            # "no longer impose range restrictions on supplied weapons": the rule itself says what is limited.
            kind = " ".join(t.text for t in setter.lefts if t.dep_ in ("compound", "amod"))
            # A rule named as what is done to it ("published conditions", "range restrictions") says what is
            # limited; a bare predicate ("remain off limits") says nothing the stance doesn't.
            if kind or setter.dep_ in ("dobj", "nsubjpass"):
                rule = f"{kind} {setter.text}".strip()
                scope = f"{rule}; {scope}" if scope else rule
        if scope is None and action is not None and self._strikes_targets(action):
            # "neutralise military sites in Russia": what may be struck is the rule's scope.
            obj = syntax.children(action, "dobj")[0]
            where = [p for p in syntax.children(obj, "prep") if p.lower_ in ("in", "inside", "on", "across")]
            scope = " ".join([action.text, syntax.noun_phrase(obj), *(syntax.span_text(list(p.subtree))
                                                                     for p in where[:1])])
            # "sites … from which missiles are fired": only the sites that attack.
            limited = limited or conditional([action], list(obj.subtree))
        if stance == "permitted" and limited:
            stance = "restricted"
        actor = self._actor(s, setter, weapon, speakers, action)
        name = weapon.text if weapon else None
        antecedent = self._antecedent(s, weapon) if weapon is not None else None
        if antecedent is not None:
            name = antecedent.text  # "…pledged F-16 fighter jets, says the aircraft it supplies may be used …"
        given = [c for c in weapon.head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 and c.lemma_.lower() in self.lx.give] if weapon is not None and not weapon.named else []
        if given and name:
            # "weapons supplied by Italy": whose weapons is part of what they are.
            given_by = syntax.span_text(list(given[0].subtree)).strip(" ,;:")
            name = f"{name} {given_by}"
            if scope:
                scope = "; ".join(part for part in scope.split("; ") if part != given_by) or None
        ruled = {t.i for tok in (setter, action) if tok is not None for t in tok.subtree}
        # A weapon named in an earlier sentence ("the transfer" of it): that sentence is quoted too.
        named_in = [x for x in self.ctx.sentences if weapon is not None and x.doc is weapon.head.doc and x is not s]
        return Found("weapons_policy", {"actor": actor, "weapon": name, "stance": stance, "scope": scope},
                     [*named_in[:1], s],
                     merge_key=((actor or "").lower(), (name or scope or "").lower(), stance), data={"ruled": ruled})

    def _unnamed(self, s: Sentence, weapons: list[Weapon]) -> list[tuple[Token, Weapon | None]]:
        """Rules whose weapon is not named where they are stated: "… after the UK eased its restrictions on
        how they may be used" (the missiles named before), or strikes with no weapon at all ("allowed to
        strike military targets inside Russia")."""
        # Weapons inside what is struck ("sites from which missiles are fired") are not a rule's weapon.
        struck = {t.i for v in s.doc if syntax.is_verbal(v) and self._strikes_targets(v)
                  for o in syntax.children(v, "dobj") for t in o.subtree}
        weapons = [w for w in weapons if w.head.i not in struck]
        covered = {t.i for w in weapons for t in syntax.ancestors_to_clause_top(w.head)}
        out: list[tuple[Token, Weapon | None]] = []
        for frame_tok in s.doc:
            if self.frame(frame_tok) not in ("permit", "restrict", "prohibit", "lift", "review") or frame_tok.i in covered:
                continue
            uses = [t for t in frame_tok.subtree if syntax.is_verbal(t) and t.i not in covered and (
                self.frame(t) == "use" or self._strikes_targets(t))]
            if any(w.head.i in {t.i for t in frame_tok.subtree} for w in weapons):
                continue
            if not uses:
                # "he was not considering the transfer": a supply already named earlier in the paragraph.
                deed = self._supply_named_before(s, frame_tok, weapons)
                if deed is not None:
                    out.append(deed)
                    covered.add(frame_tok.i)
                continue
            use = uses[0]
            start = next(iter(use.children), None)
            if start is None:
                continue
            pronoun = any(syntax.is_pronoun(c) and c.lower_ in ("they", "them", "it") for c in use.children)
            if pronoun:
                named = [w for w in weapons if w.named and w.head.i < frame_tok.i] or self._named_before(s)
                if named:
                    out.append((start, named[-1]))
                    covered.add(frame_tok.i)
                    continue
            target = {t.lower_ for t in use.subtree}
            striking = use.lemma_.lower() in ("strike", "hit", "target", "attack", "fire") or self._strikes_targets(use)
            if striking and target & {"russia", "russian", "border"}:
                out.append((start, None))
                covered.add(frame_tok.i)
        # "Ukraine may neutralise military sites in Russia": a rule stated by the modal alone.
        for verb in s.doc:
            if verb.i in covered or not syntax.is_verbal(verb) or not self._strikes_targets(verb):
                continue
            if syntax.modals(verb) & (_PERMISSIVE_MODALS | self._backshift(verb)) and \
                    {t.lower_ for t in verb.subtree} & {"russia", "russian", "border"}:
                start = next(iter(verb.children), None)
                if start is not None:
                    out.append((start, None))
        return out

    @staticmethod
    def _strikes_targets(verb: Token) -> bool:
        """"neutralise military sites", "destroy airfields": a verb made an attack by what it takes."""
        return any(o.lemma_.lower() in _MILITARY_OBJECTS or o.lower_.rstrip("s") in _MILITARY_OBJECTS
                   for o in syntax.children(verb, "dobj"))  # the lemmatiser makes "bases" "basis"

    def _antecedent(self, s: Sentence, weapon: Weapon) -> Weapon | None:
        """The named system a definite class noun stands for ("the aircraft", "these missiles"): the last one
        named before it in the sentence, or in the one before."""
        if weapon.named or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "such")
                                   for c in weapon.head.lefts):
            return None
        before = [w for w in weapons_in(s, self.lx) if w.named and w.head.i < weapon.head.i]
        return (before or self._named_before(s))[-1] if (before or self._named_before(s)) else None

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

    def _supply_named_before(self, s: Sentence, frame_tok: Token, weapons: list[Weapon]) -> tuple[Token, Weapon] | None:
        """A decision on "the transfer", "the delivery", "sending them" whose weapon an earlier sentence named."""
        if weapons or not syntax.is_verbal(frame_tok):
            return None
        for obj in syntax.children(frame_tok, "dobj", "xcomp"):
            definite = any(c.lower_ in ("the", "this", "that", "such", "any") for c in obj.lefts) or any(
                syntax.is_pronoun(c) for c in obj.children if c.dep_ == "dobj")
            if self.frame(obj) == "supply" and definite:
                named = self._named_before(s, back=4)
                if named:
                    return obj, named[-1]
        return None

    def read(self, s: Sentence, attributions: list[Attribution]) -> list[Found]:
        speakers = [a.speaker.actor for a in attributions if a.speaker.actor and a.speaker.actor not in BELLIGERENTS]
        if attributions and speakers:
            # "Macron said …": the rule is France's, as stated by Macron.
            first = next(a for a in attributions if a.speaker.actor == speakers[0])
            person = [n.text for n in s.names_of("person") if n.text in first.speaker.name]
            if person:
                speakers[0] = f"{speakers[0]} ({person[0]})"
        weapons = weapons_in(s, self.lx)
        starts: list[tuple[Token, Weapon | None]] = [(w.head, w) for w in weapons] + self._unnamed(s, weapons)
        found = [self._item(s, start, weapon, speakers) for start, weapon in starts]
        return [f for f in found if f is not None]
