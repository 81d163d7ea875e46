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
from bot.extractive.reading import Context, Sentence
from bot.extractive.weapons import Weapon, supplier_in, weapons_in
from bot.models import Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

Frame = Literal["permit", "lift", "restrict", "prohibit", "review", "request", "use", "supply"]
_FLIP: dict[Stance, Stance] = {"permitted": "prohibited", "prohibited": "permitted", "restricted": "permitted",
                               "under_review": "prohibited", "unclear": "unclear"}
_SCOPE_PREPS = {"against", "on", "in", "inside", "into", "within", "near", "at", "across", "beyond", "outside",
                "over", "for", "from", "deep", "only", "except", "beyond"}
_LIMITS = {"only", "solely", "exclusively", "except", "near", "close", "limited", "within", "border", "defensive",
           "own", "not"}
# "may use" is permission; "could use" on its own is a possibility, not a rule.
_PERMISSIVE_MODALS = {"may", "can", "ca"}
_TENTATIVE_MODALS = {"could", "might", "would", "should"}
_LIGHT_NOUN_VERBS = {"have", "get", "give", "grant", "receive", "win", "secure", "obtain", "hold"}


class PolicyReader:
    def __init__(self, context: Context) -> None:
        self.ctx = context
        self.lx = context.lexicon

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
            if lemma == "decide":
                # "decided to allow" passes the decision through; "has yet to decide", "not decided" is a review.
                return "review" if syntax.is_negated(token) or any(c.lower_ in ("yet", "whether") for c in token.subtree) else None
            for frame, words in (("permit", lx.permit), ("lift", lx.lift), ("restrict", lx.restrict),
                                 ("prohibit", lx.prohibit), ("review", lx.review), ("request", lx.request),
                                 ("review", lx.need), ("use", lx.use), ("supply", lx.supply)):
                if lemma in words and lemma != "hold":
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
        """Words that complete a verb's meaning: "remain off limits", "is reluctant", "gave the green light"."""
        return [c for c in token.children if c.dep_ in ("acomp", "attr", "oprd", "prep", "dobj")
                and self.frame(c) in ("permit", "prohibit", "restrict", "review", "lift")
                and c.lower_ != "for"]

    # -- stance --------------------------------------------------------------------------------------

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
            return [weapon, *syntax.ancestors_to_clause_top(verb, limit=9)]
        return list(syntax.ancestors_to_clause_top(weapon, limit=10))

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
            frames = [self.frame(tok)] if depth else []
            predicative = [c for c in self._predicative(tok) if c.i not in {p.i for p in path}]
            frames += [self.frame(c) for c in predicative]
            negated = depth > 0 and syntax.is_negated(tok)
            mods = syntax.modals(tok)
            new = state
            for frame in frames:
                if frame in ("use", "supply"):
                    action = action or tok
                    if state is None and negated and frame == "supply" and syntax.subject(tok) is not None:
                        new = "prohibited"  # "Germany will not send Taurus"
                        negated = False
                    elif state is None and frame == "use" and mods & (_PERMISSIVE_MODALS | self._backshift(tok)):
                        new = "prohibited" if negated else "permitted"  # "Ukraine may (not) use …"
                        negated = False
                elif frame == "permit":
                    new = "permitted"
                elif frame == "lift":
                    new = "permitted"
                elif frame == "restrict":
                    new = "restricted" if state in (None, "permitted") else state
                elif frame == "prohibit":
                    if tok.lemma_.lower() == "rule" and negated:
                        new, negated = "under_review", False  # "did not rule out sending"
                    else:
                        new = "permitted" if state == "prohibited" else "prohibited"
                elif frame in ("review", "request"):
                    if negated and frame == "review" and tok.pos_ != "NOUN" and tok.lemma_.lower() != "decide":
                        new, negated = "prohibited", False  # "is not considering sending"
                    else:
                        new, negated = "under_review", False
                if frame is not None and frame not in ("use", "supply"):
                    setter = predicative[0] if predicative and self.frame(tok) is None else tok
            if negated and new is not None and (frames or tok.lemma_.lower() in _LIGHT_NOUN_VERBS or syntax.is_verbal(tok)):
                new = _FLIP[new]
            if new in ("permitted",) and mods & _TENTATIVE_MODALS and setter is tok:
                new = "under_review"  # "could allow", "would approve"
            state = new
        return state, setter, action

    def _scope(self, anchors: list[Token]) -> tuple[str | None, bool]:
        """Where or how the weapon may be used ("against military targets near the border"), and whether
        that is a limit ("only", "near the border", "except"): the first of ``anchors`` that says."""
        tokens: list[Token] = []
        for anchor in anchors:
            if tokens:
                break
            for child in anchor.children:
                if (child.dep_ == "prep" and child.lower_ in _SCOPE_PREPS) or (
                        child.dep_ == "advmod" and child.lower_ in ("deep", "only", "solely", "exclusively")):
                    tokens.extend(child.subtree)
                elif child.dep_ == "advmod" and child.lower_ in ("only",):
                    tokens.append(child)
        if not tokens:
            return None, False
        text = syntax.span_text(sorted(tokens, key=lambda t: t.i)).strip(" ,;:")
        limited = any(t.lower_ in _LIMITS for t in tokens) or any(
            c.lower_ in ("only", "solely") for a in anchors for c in a.subtree)
        return text or None, limited

    # -- items ---------------------------------------------------------------------------------------

    def _actor(self, s: Sentence, setter: Token | None, weapon: Weapon, speakers: list[str]) -> str | None:
        """Who sets the policy: the subject of the deciding word, else the government whose words the
        sentence reports, else the supplier of the weapon."""
        candidates: list[Token | None] = []
        if setter is not None:
            head = setter
            if setter.pos_ in ("NOUN", "ADJ") and setter.head is not setter:
                head = setter.head  # "Germany … is reluctant", "Washington gave the green light"
            if syntax.is_passive(head):
                candidates.append(syntax.agent(head))
            candidates.append(syntax.subject(head))
            owner = syntax.first_child(setter, "poss")
            candidates.append(owner)
        for candidate in candidates:
            actor = actor_of(s, candidate, self.ctx)
            if actor is not None:
                return actor
        if speakers:
            return speakers[0]
        supplier = supplier_in(s, weapon) or weapon.origin
        if supplier is not None and supplier not in BELLIGERENTS:
            return supplier
        last = self.ctx.last_actor
        return last if last not in BELLIGERENTS else self.ctx.main_actor

    def _not_about_ukraine(self, s: Sentence, setter: Token | None, action: Token | None) -> bool:
        """Policy is a government's rule on weapons for Ukraine: not Russia's wishes ("the items Russia
        needs to build missiles"), nor what a country the domain file doesn't know won't send."""
        for tok in (setter, action):
            if tok is None:
                continue
            head = tok.head if tok.pos_ in ("NOUN", "ADJ") and tok.head is not tok else tok
            who = syntax.subject(head)
            if who is None or syntax.is_pronoun(who):
                continue
            names = [n for n in s.names if n.start <= who.i < n.end and n.kind == "actor"]
            if names and names[0].canonical == "Russia":
                return True
            if not names and tok is action and who.tag_ in ("NNP", "NNPS") and setter is None:
                return True
        return False

    def read(self, s: Sentence, attributions: list[Attribution]) -> list[Found]:
        out: list[Found] = []
        speakers = [a.speaker.actor for a in attributions if a.speaker.actor and a.speaker.actor not in BELLIGERENTS]
        for weapon in weapons_in(s, self.lx):
            stance, setter, action = self.fold(weapon.head)
            if stance is None or self._not_about_ukraine(s, setter, action):
                continue
            anchors = [t for t in (weapon.head, setter, action) if t is not None]
            scope, limited = self._scope(anchors)
            if stance == "permitted" and limited:
                stance = "restricted"
            actor = self._actor(s, setter, weapon, speakers)
            out.append(Found("weapons_policy", {"actor": actor, "weapon": weapon.text, "stance": stance,
                                                "scope": scope}, [s],
                             merge_key=((actor or "").lower(), weapon.text.lower(), stance)))
        return out
