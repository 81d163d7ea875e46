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
from bot.extractive.policy_questions import AIMED, left_open, refused_to_say, reply_rule, stated_limit
from bot.extractive.reading import ContextReader
from bot.extractive.scope import terms_of_supply
from bot.models import Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

Frame = Literal["permit", "lift", "restrict", "prohibit", "review", "request", "use", "supply", "decline"]
_FLIP: dict[Stance, Stance] = {
    "permitted": "prohibited",
    "prohibited": "permitted",
    "restricted": "permitted",
    "under_review": "prohibited",
    "unclear": "unclear",
}
# "may use" is permission; "could use" on its own is a possibility, not a rule.
PERMISSIVE_MODALS = {"may", "can", "ca"}
_TENTATIVE_MODALS = {"could", "might", "would", "should"}
# Verbs of change: negated, they keep the state they are about instead of turning it round.
_CHANGE_VERBS = frozenset({"change", "alter", "shift", "budge", "waver", "move"})
# Objects that make any verb a strike: "neutralise military sites", "hit airfields".
_MILITARY_OBJECTS = frozenset(
    {"target", "site", "facility", "airfield", "base", "position", "launcher", "depot", "installation"}
)
# The domain file's word lists that frame an action, in the order they are tried (a "need" is a review).
_VERB_FRAMES = ("permit", "lift", "restrict", "prohibit", "review", "request", "need", "use", "supply")
_NOUN_FRAMES = ("permit_noun", "restrict_noun", "prohibit_noun", "review_noun", "request_noun")
# Verbs of wanting: their object is wished for, not a rule ("Kyiv wants fewer limits on the weapons").
_WANTING = {"want", "seek", "need", "require", "wish"}
# Verbs of spending money: weapons they take are bought, which is aid, not a rule on weapons.
_BUYING = {"spend", "buy", "purchase", "finance", "fund", "invest"}
# Nouns of money: weapons a sum is for ("reimbursements … for weapons") are paid for, not ruled on.
_MONEY_NOUNS = {"reimbursement", "payment", "funding", "money", "financing", "compensation", "refund"}


def _is_money(token: Token) -> bool:
    """A sum ("€6.6 billion") or a noun of money ("reimbursements") on the way from a weapon to a rule."""
    if token.pos_ == "NUM" and any(t.tag_ == "$" for t in token.subtree if t.i < token.i):
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in _MONEY_NOUNS


# Verbs whose "that" clause is a rule: "insists that the jets be used only over Ukraine".
_REQUIRING = {"insist", "require", "demand", "stipulate", "mandate", "specify", "ensure"}
# Verbs that say how far a permission or a limit reaches.
_SCOPE_VERBS = {"extend", "apply", "cover"}
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
            if lemma == "push" and "back" in prt | {c.lower_ for c in token.children if c.dep_ == "advmod"}:
                return None  # "pushed back on a post claiming …": disputing what was said, no request
            if lemma == "sign" and "off" in prt:
                return "permit"  # "has yet to sign off on the delivery"
            if lemma == "stop" and any(c.lower_ == "short" for c in token.children):
                return "prohibit"  # "stopped short of allowing": what follows did not happen
            if lemma in ("stand", "get") and any(
                p.lower_ == "in" and any(o.lemma_.lower() == "way" for o in syntax.children(p, "pobj"))
                for p in syntax.children(token, "prep")
            ):
                return "prohibit"  # "will not stand in the way of Ukraine using …"
            if lemma in ("ask", "question") and any(p.lower_ == "about" for p in syntax.children(token, "prep")):
                return None  # "Crosetto, asked about the SAMP/T, said …": a reporter's question, no request
            if lemma == "ask" and any(o.lemma_.lower() == "question" for o in syntax.children(token, "dobj", "nsubjpass")):
                return None  # "The Tomahawk question has been asked and answered": a question, no request
            if lemma == "decide" and (subject := syntax.subject(token)) is not None and subject.tag_ in ("WP", "WDT"):
                return None  # "What decides whether they matter is …": nobody deciding anything
            if lemma == "grant" and not any(
                o.lemma_.lower() in lx.permit_noun | lx.aid_noun for o in syntax.children(token, "dobj")
            ):
                return "supply"  # "has still not granted Kyiv the cruise missiles" (not "granted permission")
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
            for name in _VERB_FRAMES:
                words = getattr(lx, name)
                # The word itself too: the small model's lemmatiser sometimes mangles base forms ("need" → "nee").
                if (lemma in words or token.lower_ in words) and lemma != "hold":
                    return "review" if name == "need" else name  # type: ignore[return-value]
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            if lemma == "light":
                return "permit" if any(c.lower_ == "green" for c in token.lefts) else None
            if (
                lemma == "position"
                and token.head.lower_ == "in"
                and any(
                    c.dep_ in ("relcl", "acl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for c in token.children
                )
            ):
                return "permit"  # "is (not) in a position to transfer its CF-18s": able and willing, or not
            if lemma == "ahead":
                return "permit" if any(c.lower_ == "go" for c in token.lefts) else None  # "go-ahead", split
            if lemma == "right":
                return "permit" if any(c.dep_ in ("acl", "relcl") for c in token.children) else None
            if lemma == "line":
                return "restrict" if any(c.lower_ == "red" for c in token.lefts) else None
            if lemma == "limit" and token.i and token.doc[token.i - 1].lower_ in ("off", "off-"):
                return "prohibit"  # "off limits"
            if lemma == "hold" and token.head.lower_ == "on" and token.dep_ == "pobj":
                return "review"  # "the shipment had been put on hold pending a review"
            if lemma == "table" and token.head.lower_ == "off":
                return "prohibit"  # "remains off the table" (on it, it is under review)
            if lemma in ("plan", "intention", "question") and syntax.is_negated(token):
                return "decline"  # "has no plans to transfer Typhoons", "no intention of sending", "no question of"
            if lemma == "decision":
                # "no decision has been made", "a decision could come", "the decision on whether to send …"
                undecided = any(t.lower_ == "whether" for t in token.subtree)
                # "has still not made a decision on sending Taurus": the verb that makes it carries the "not".
                unmade = token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in ("make", "take", "reach")
                negated = syntax.is_negated(token) or (unmade and syntax.is_negated(token.head))
                return "review" if negated or syntax.modals(token.head) or undecided else None
            if lemma in lx.review_noun and _settled(token):
                return None  # "The Tomahawk question has been asked and answered": nothing left to weigh
            for name in _NOUN_FRAMES:
                frame = name.removesuffix("_noun")
                if lemma in getattr(lx, name) and lemma not in ("rule", "guideline", "principle"):
                    return frame  # type: ignore[return-value]
            if lemma in lx.use or lemma in ("transfer", "delivery", "supply", "export", "use"):
                return "use" if lemma in lx.use else "supply"
            return None
        if token.pos_ == "ADJ":
            if lemma in lx.prohibit_adjective:
                return "prohibit"
            if lemma in ("free", "able", "allowed", "permitted", "entitled", "authorised", "authorized"):
                return "permit"
            if lemma in ("prepared", "willing", "ready") and syntax.first_child(token, "xcomp") is not None:
                return "permit"  # "is (not) prepared / ready to deliver Taurus": a government's will, turned by its negation
            if lemma == "open" and any(
                p.lower_ == "to" and any(o.dep_ == "pcomp" for o in p.children) for p in syntax.children(token, "prep")
            ):
                return "review"  # "is open to sending Patriots": willing to weigh it, nothing decided
            if lemma in ("off-limits",):
                return "prohibit"
            if lemma == "subject" and any(
                o.lemma_.lower() in lx.restrict_noun | lx.prohibit_noun
                for p in syntax.children(token, "prep")
                if p.lower_ == "to"
                for o in syntax.children(p, "pobj")
            ):
                return "restrict"  # "subject to range restrictions"; "no longer subject to …" lifts them
        if token.lower_ == "off" and any(c.lemma_.lower() == "limit" for c in token.children):
            return "prohibit"
        return None

    def _predicative(self, token: Token) -> list[Token]:
        """Words that complete a verb's meaning: "remain off limits", "is reluctant", "gave the green light",
        "is not on the agenda"."""
        candidates = [c for c in token.children if c.dep_ in ("acomp", "attr", "oprd", "prep", "dobj")]
        candidates += [
            o
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("on", "under", "off", "with")  # "come with no conditions"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        if token.lemma_.lower() in ("make", "take", "reach"):
            # "No decision has been made on sending …": the decision is the verb's passive subject.
            candidates += [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.lemma_.lower() in _SCOPE_VERBS:
            # "The permission does not extend to ATACMS", "the ban covers Storm Shadow": how far the subject reaches.
            candidates += [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        return [
            c
            for c in candidates
            if self.frame(c) in ("permit", "prohibit", "restrict", "review", "lift") and c.lower_ != "for"
        ]

    # -- stance --------------------------------------------------------------------------------------

    @staticmethod
    def _be_to(tok: Token) -> bool:
        """ "weapons … are to be used only on Ukrainian soil": "be to" states a rule, like "may"."""
        be = tok if tok.lemma_.lower() == "be" else tok.head if tok.dep_ == "xcomp" else None
        if be is None or be.lemma_.lower() != "be":
            return False
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux") for c in be.children)

    def _unlimited(self, prep: Token) -> bool:
        """ "can be used without restrictions": a phrase that says the use has no limit is a rule's."""
        return prep.lower_ == "without" and any(
            o.lemma_.lower() in self.lx.restrict_noun | self.lx.prohibit_noun | {"condition", "caveat"}
            for o in syntax.children(prep, "pobj")
        )

    @staticmethod
    def _required(verb: Token) -> bool:
        """ "Belgium insists that its F-16s be used only over Ukraine": a use that someone requires is a rule, as
        with "must"."""
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REQUIRING and syntax.is_verbal(verb.head)

    def _backshift(self, verb: Token) -> set[str]:
        """In reported speech "can" becomes "could" and "may" "might": "officials said Ukraine could use …"."""
        return {"could", "might"} if syntax.reported(verb, self.lx.report) else set()

    def _path(self, weapon: Token) -> list[Token]:
        """The weapon and its governing words. A weapon directly followed by a verb that has no subject
        of its own is that verb's subject, whatever the parse says ("…, but long-range missiles remain
        off limits": small parsers often hang such a subject on the clause before)."""
        doc = weapon.doc
        nxt = doc[weapon.i + 1] if weapon.i + 1 < len(doc) else None
        if (
            nxt is not None
            and weapon.dep_ in ("dobj", "pobj", "conj", "appos")
            and nxt.tag_ in ("VBP", "VBZ", "VBD", "MD")
            and syntax.first_child(nxt, "nsubj", "nsubjpass") is None
            # "Kyiv's request for Tomahawk missiles is sitting with …": the auxiliary's verb has its own subject
            and not (nxt.tag_ != "MD" and nxt.dep_ in ("aux", "auxpass") and syntax.first_child(nxt.head, "nsubj"))
        ):
            verb = nxt.head if nxt.tag_ == "MD" and nxt.dep_ == "aux" else nxt
            # That verb heads the weapon's own clause: what the parse hangs it on belongs to the clause before.
            return [weapon, verb]
        path = list(syntax.ancestors_to_clause_top(weapon, limit=10))
        if (ruled := self._ruled_by_joined_verb(weapon)) is not None:
            path = [weapon, ruled, *path[1:]]
        # Meaning flows up through complements ("permission to use", "refused to send"), not out of a
        # clause of its own: "Washington supports X, although ATACMS have been restricted" keeps them apart.
        for n, tok in enumerate(path):
            own_clause = syntax.first_child(tok, "nsubj", "nsubjpass", "mark") is not None
            # "cleared the way for Ukraine to use …": a "for X to" clause completes the noun it hangs on.
            if (
                own_clause
                and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            ):
                continue
            # "asked for that limit to be relaxed so that the drones can reach airfields": a purpose clause is what
            # the words above it are for, not a rule of its own.
            if tok.dep_ == "advcl" and {c.lower_ for c in tok.children if c.dep_ in ("mark", "advmod")} >= {"so", "that"}:
                continue
            # "would not object if Kyiv used Storm Shadow inside Russia": the "if" clause is what is (not) objected to.
            if (
                tok.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children)
                and self.frame(tok.head) in ("permit", "prohibit")
            ):
                continue
            if (
                tok.dep_ in ("advcl", "relcl")
                and (any(c.tag_ == "WRB" for c in tok.children) or _in_which(tok))
                and any(_sets_out(a) or self.frame(a) == "review" for a in list(tok.ancestors)[:4])
            ):
                # "set out in detail where the missiles may be fired": what is set out, not a clause apart; "is
                # reviewing whether to widen the area in which Ukraine may use SCALP missiles": what is under review
                continue
            if (
                tok.dep_ == "relcl"
                and tok.head.lemma_.lower() in self.lx.restrict_noun | self.lx.prohibit_noun
                # ("any conditions Berlin wanted to attach to its use": limits wished for, none placed)
                and tok.lemma_.lower() not in self.lx.intention
                and not syntax.modals(tok)
            ):
                continue  # "lifted the restrictions it once placed on where Ukraine may fire SCALP": the rule's object
            if (
                tok.dep_ in ("advcl", "parataxis", "relcl") or (tok.dep_ == "conj" and syntax.is_verbal(tok))
            ) and own_clause:
                return path[: n + 1]
        return path

    def _ruled_by_joined_verb(self, weapon: Token) -> Token | None:
        """ "the system was purely defensive and would be deployed only to protect Ukrainian cities", "interceptors …
        were meant to replenish U.S. stocks and could not be passed on to Ukraine": the weapon is the subject of a
        verb that rules nothing, and of the verb joined to it that does."""
        verb = weapon.head
        if weapon.dep_ not in ("nsubj", "nsubjpass") or not syntax.is_verbal(verb) or self.frame(verb) is not None:
            return None
        if any(self.frame(c) is not None for c in self._predicative(verb)):
            return None
        return next(
            (
                c
                for c in verb.children
                if c.dep_ == "conj"
                and syntax.is_verbal(c)
                and syntax.first_child(c, "nsubj", "nsubjpass") is None
                and self.frame(c) is not None
            ),
            None,
        )

    def fold(self, weapon: Token) -> tuple[Stance | None, Token | None, Token | None]:
        """(stance, the word that set it, the use/supply verb) walking up from the weapon.

        Innermost first: a frame sets the stance, each outer prohibiting word or negation turns it
        round, an outer review makes it pending, and a permission under "could"/"would" is pending too."""
        state: Stance | None = None
        setter: Token | None = None
        action: Token | None = None
        path = self._path(weapon)
        asked_use = False  # a use named in a "how"/"where" clause: no later use verb states its rule
        for depth, tok in enumerate(path):
            if depth and (answered := reply_rule(tok, self.lx, self.frame)) is not None:
                return answered[0], answered[1], action
            if depth and state is not None and left_open(path[depth - 1], self.frame):
                return "unclear", tok, action
            if depth and state is not None and self._reviewed_question(path[depth - 1]) is not None:
                # "Whether its Archer howitzers may … is the subject of a review": pending, whatever the modal
                return "under_review", path[depth - 1], action
            if (
                depth
                and tok.lemma_.lower() in self.lx.report
                and syntax.is_verbal(tok)
                and self.frame(tok) is None
                # "put on hold" reports nothing ("put" is also "put losses at"); "put a package on the table" offers aid
                and not any(c.lemma_.lower() == "hold" for c in self._predicative(tok))
            ):
                break  # "…, officials said": the speaker is not the policy-maker
            if depth and tok.lemma_.lower() in _WANTING and syntax.is_verbal(tok) and path[depth - 1].dep_ == "dobj":
                return None, None, None  # "Kyiv wants fewer limits on the weapons": wished for, not ruled
            if depth and _is_money(tok):
                return None, None, None  # "blocking €6.6 billion in reimbursements … for weapons": a rule on money
            if depth and tok.lemma_.lower() in _BUYING and syntax.is_verbal(tok):
                return None, None, None  # "free to spend the money on weapons": what money buys, not a rule on weapons
            # What completes the word comes first: "lifted its ban" is a lifting of a ban.
            predicative = [c for c in self._predicative(tok) if c.i not in {p.i for p in path}]
            frames = [self.frame(c) for c in predicative] + ([self.frame(tok)] if depth else [])
            rule = (
                next((c for c in tok.children if c.dep_ == "xcomp" and self.frame(c) == "use"), None)
                if self._be_to(tok) and tok.lemma_.lower() == "be"
                else None
            )
            if rule is not None:  # "weapons … are to be used only on …": the use is the rule's own verb
                frames.insert(0, "use")
                action = action or rule
            # "has no objection to …": the negation sits on the noun that completes the verb.
            negated = depth > 0 and (
                syntax.is_negated(tok)
                or any(
                    c.pos_ == "NOUN" and syntax.is_negated(c) and self.frame(c) in ("prohibit", "restrict")
                    for c in predicative
                )
                # "no Bundeswehr troops would be sent", "no tanks will be delivered": the "no" sits on the subject
                or (
                    path[depth - 1].dep_ in ("nsubj", "nsubjpass")
                    and path[depth - 1].pos_ == "NOUN"
                    and any(c.dep_ == "det" and c.lower_ == "no" for c in path[depth - 1].children)
                    and self.frame(tok) in ("supply", "use")
                )
            )
            if rule is not None and syntax.is_negated(rule):
                negated = True  # "The jets are not to be used against civilian infrastructure": the "not" sits on the use
            mods = syntax.modals(tok)
            new = state
            for frame in frames:
                if frame in ("use", "supply"):
                    action = action or tok
                    if new is None and negated and frame == "supply" and syntax.subject(tok) is not None:
                        new = "prohibited"  # "Germany will not send Taurus"
                        negated = False
                    elif (
                        new is None
                        and frame == "use"
                        and mods
                        and mods <= {"can", "ca"}
                        and syntax.is_passive(tok)
                        and not any(p.lower_ in AIMED or self._unlimited(p) for p in syntax.children(tok, "prep"))
                    ):
                        continue  # "can be fired from vehicles or shoulder launchers": what it can do, not a rule
                    elif (
                        new is None
                        and frame == "use"
                        and (
                            asked_use
                            or any(t.tag_ == "WRB" for c in tok.lefts if c.dep_ in ("advmod", "npadvmod") for t in c.subtree)
                        )
                    ):
                        # "Denmark's rules for how Ukraine may use the F-16s had not changed: …" names a rule without
                        # telling it; "placed no restrictions on where Ukraine can use the jets" tells it by the noun
                        asked_use = True
                        continue
                    elif (
                        new is None
                        and frame == "use"
                        and (
                            mods & (PERMISSIVE_MODALS | {"must"} | self._backshift(tok))
                            or self._be_to(tok)
                            or self._required(tok)
                        )
                    ):
                        new = "prohibited" if negated else "permitted"  # "Ukraine may (not) use …", "must not be used"
                        negated = False
                    elif new is None and frame == "use" and (limit := stated_limit(tok, negated, self.lx)) is not None:
                        new, negated = limit, False  # "would be deployed only to protect …", "will not be used beyond …"
                    elif new is None and frame == "supply" and not negated and terms_of_supply(tok) is not None:
                        new = "restricted"  # "supplied on the understanding that they will not be used against …"
                    elif (
                        new is None
                        and frame == "supply"
                        and not negated
                        and mods & {"might", "could", "may"}
                        and syntax.subject(tok) is not None
                    ):
                        new = "under_review"  # "he might give Ukraine Tomahawks": a possibility, not a decision
                elif frame == "permit":
                    new = "permitted"
                elif frame in ("decline", "prohibit") and syntax.is_verbal(tok) and refused_to_say(tok, self.lx):
                    new, negated = "unclear", False  # "declined to discuss how the missiles are used": no rule told
                elif frame == "decline":
                    new, negated = "prohibited", False  # the negation is the refusal itself: not turned round
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
                    if negated and self._needs_leave(tok):
                        new, negated = "permitted", False  # "does not need anyone’s permission to use": free to
                    elif (
                        negated
                        and frame == "review"
                        and tok.pos_ != "NOUN"
                        and tok.lemma_.lower() not in ("decide", "make", "take", "reach")  # "has not made a decision"
                    ):
                        new, negated = "prohibited", False  # "is not considering sending"
                    else:
                        new, negated = "under_review", False
                if frame is not None and frame not in ("use", "supply"):
                    setter = predicative[0] if predicative and self.frame(tok) is None else tok
            if new is None and asked_use and depth and _sets_out(tok):
                new, setter = "restricted", tok  # "set out in unusual detail where the missiles may be fired": limits told
            if (
                new == "permitted"
                and depth
                and syntax.first_child(tok, "xcomp") is not None
                and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children)
            ):
                new = "under_review"  # "has yet to approve": no decision so far
            if negated and tok.lemma_.lower() in ("make", "take", "reach") and path[depth - 1].lemma_.lower() == "decision":
                negated = False  # "has not taken a decision on Taurus": the "not" was read on the decision (undecided)
            if new == "prohibited" and action is not None and tok.i == action.i and _unless_consent(tok):
                new = "restricted"  # "may not be re-transferred to a third country without Norwegian consent"
            if negated and tok.lemma_.lower() in _CHANGE_VERBS:
                negated = False  # "the prohibition had not changed" keeps the prohibition
            if negated and new is not None and (frames or tok.lemma_.lower() in _LIGHT_NOUN_VERBS or syntax.is_verbal(tok)):
                new = _FLIP[new]
            # "should be allowed to" states a position; "could allow", "would approve" only a possibility.
            # In reported speech "would" is the "will" of the original words: "announced it would allow".
            stated = (mods == {"should"} and syntax.is_passive(tok)) or (
                mods == {"would"} and syntax.reported(tok, self.lx.report)
            )
            if (
                new in ("permitted",)
                and mods & _TENTATIVE_MODALS
                and setter is not None
                and setter.i == tok.i
                and not stated
            ):
                new = "under_review"  # "could allow", "would approve"
            state = new
        return state, setter, action

    def _reviewed_question(self, clause: Token) -> Token | None:
        """The review a "whether" clause is the subject of ("Whether its Archer howitzers may engage targets inside
        Russia is the subject of a review", "… remains under review"): the question is pending, whatever its modal."""
        if clause.dep_ != "csubj" or not any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children):
            return None
        asked = {t.i for t in clause.subtree}
        return next((t for t in clause.head.subtree if t.i not in asked and self.frame(t) == "review"), None)

    def _needs_leave(self, verb: Token) -> bool:
        """ "needs (no one's) permission": a need whose object is a permission."""
        return (verb.lemma_.lower() in self.lx.need or verb.lower_ in self.lx.need) and any(
            o.lemma_.lower() in self.lx.permit_noun for o in syntax.children(verb, "dobj")
        )

    @staticmethod
    def _strikes_targets(verb: Token) -> bool:
        """ "neutralise military sites", "destroy airfields": a verb made an attack by what it takes."""
        return any(
            (o.lemma_.lower() in _MILITARY_OBJECTS or o.lower_.rstrip("s") in _MILITARY_OBJECTS) and not _an_opinion(o)
            for o in syntax.children(verb, "dobj")
        )  # the lemmatiser makes "bases" "basis"


# What a supplier's leave is called: "without Norwegian consent", "without prior approval".
_CONSENT = frozenset({"consent", "approval", "permission", "authorisation", "authorization", "agreement", "clearance"})


def _unless_consent(verb: Token) -> bool:
    """ "may not be re-transferred … without Norwegian consent": kept back unless the supplier agrees, a condition."""
    return any(
        p.lower_ == "without" and any(o.lemma_.lower() in _CONSENT for o in p.children)
        for p in verb.subtree
        if p.dep_ == "prep" and p.head.i in (verb.i, *(c.i for c in verb.children))
    )


# Verbs that tell limits when what they take is where or how a weapon may be used: "set out where … may be fired".
_SETTING_OUT = frozenset({"specify", "define", "detail", "outline", "limit", "restrict", "narrow"})


def _in_which(clause: Token) -> bool:
    """ "the area in which Ukraine may use …": a relative clause that says where, by "in which"."""
    return any(p.dep_ == "prep" and any(o.lower_ == "which" for o in syntax.children(p, "pobj")) for p in clause.children)


def _sets_out(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    phrasal = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return syntax.is_verbal(verb) and (lemma in _SETTING_OUT or (lemma in ("set", "spell", "lay") and "out" in phrasal))


def _an_opinion(noun: Token) -> bool:
    """ "his position on the Taurus", "changed its position": a stance someone holds, not a place to strike."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children) or (
        noun.lemma_.lower() == "position"
        and any(c.dep_ == "prep" and c.lower_ in ("on", "about", "regarding") for c in noun.children)
    )


# Verbs that close a question: "has been asked and answered", "the debate is settled".
_SETTLING = frozenset({"answer", "settle", "resolve", "close", "end", "conclude"})


def _settled(noun: Token) -> bool:
    """Is the debated matter told as closed ("The Tomahawk question has been asked and answered")?"""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verbs = [noun.head, *noun.head.conjuncts]
    return any(v.lemma_.lower() in _SETTLING and not syntax.is_negated(v) for v in verbs)
