"""Sanctions: a measure against companies, people or a country, with who imposes it and on whom.

A clause is a sanction when its verb is one ("designated", "blacklisted"), when a sanctions noun is
acted on ("imposed sanctions", "adopted its 14th package"), or when a trade verb acts on trade
("banned exports", "froze assets", "cut off from SWIFT"). A sanctions noun in the background
("despite sanctions", "to evade sanctions") is not a new measure. The target of a measure is never its
imposer, however prominent the target country is in the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of, actors_in
from bot.extractive.found import Found, unique
from bot.extractive.reading import Context, Sentence
from bot.extractive.sanction_filters import (
    PROPOSALS,
    REPLACING,
    asked,
    effect_of_listing,
    hearsay,
    nobody_hit,
    since,
    superseded,
    told_before,
    urged_by,
)
from bot.extractive.sanction_lines import sanction_item
from bot.extractive.sanction_nouns import acted_on, arguments, is_sanction_noun, list_owner
from bot.extractive.sanction_targets import (
    each_respectively,
    exposed_to,
    targets_of,
)
from bot.extractive.sanction_verbs import (
    HITTING,
    SEIZING,
    crossings_shut,
    fighting,
    is_price_cap,
    on_an_exchange,
    russian_goods,
    struck,
)
from bot.extractive.sanctions_follow import measure_antecedent, owner_before, refused, self_barred
from bot.figures import find_count, find_money

if TYPE_CHECKING:
    from spacy.tokens import Token


# Verbs that are sanctions on their own, whatever their object.
_ALWAYS = {"sanction", "designate", "blacklist", "embargo"}
# Verbs that make a measure only in the passive: "were barred from receiving exports".
_ONLY_PASSIVE = {"bar"}
_TARGET_PREPS = {"on", "against", "to", "in", "from"}
# Sentences after an actor's own measure in which an unattributed measure is still that actor's.
_OWN_MEASURE_WINDOW = 4
# Barring one's own people from dealing with the targets: "Australian firms are barred from …".
# Measures a package can include, each a line of its own: "including a ban on …, listings of 117 tankers".
_PART_MEASURES = {"ban", "embargo", "listing", "designation", "freeze", "cap", "restriction"}
_BARRING = {"bar", "prohibit", "forbid", "ban", "prevent"}
_OWN_PEOPLE = {"firm", "company", "business", "citizen", "national", "exporter", "bank", "insurer", "investor", "entity"}
# Putting names on a list ("were put on a list of …"), and naming them when a sanctions authority does it.
_PUT_ON = {"put", "place", "add", "include"}
_FRESH = {"new", "latest", "next", "fresh", "further"}
_THE_MEASURE = {"package", "measure", "round", "listing", "designation"}
# Verbs that take or hold money as a measure: "seize $300 million", "will forfeit C$41 million".
_TAKING_MONEY = frozenset({"seize", "confiscate", "forfeit", "freeze", "immobilise", "immobilize"})
_NAME_ON_LIST = {"name", "list", "add", "target", "hit", "block"}  # "OFAC said it had blocked Tengri Bank"
# Verbs that judge what measures do rather than impose one.
_VERDICTS = frozenset({"have", "fail", "work", "succeed", "backfire", "hurt", "harm", "cripple", "matter", "bite"})
# What a proposed measure is called when its contents are told: "the draft would add …".
# Verbs that make a measure wait on something: "further designations would depend on the evidence".
_DEPENDING = {"depend", "hinge", "rest", "hang"}


def _one_measure(noun: Token) -> bool:
    """Does the noun name one measure ("The EU's new sanctions package", "the 17th package"), not measures in
    general ("Sanctions", "EU sanctions")?"""
    return any(
        c.dep_ == "poss" or c.tag_ == "JJS" or c.lower_ in ("new", "latest", "next", "proposed") or c.like_num
        for c in noun.subtree
        if c.i < noun.i
    )


# What a measure needs to pass: "require the unanimous backing of all member states".
_CONSENT = frozenset({"backing", "approval", "support", "consent", "unanimity", "vote", "agreement", "signature", "sign"})


class SanctionsReader:
    def __init__(self, context: Context) -> None:
        self.ctx = context
        self.lx = context.lexicon

    def _background(self, token: Token) -> bool:
        """ "despite sanctions", "under Western sanctions", "to evade sanctions": not a new measure."""
        for tok in list(syntax.ancestors_to_clause_top(token, limit=3))[1:]:
            if tok.lemma_.lower() in self.lx.sanction_background:
                return True
        return token.dep_ == "compound" and token.head.lemma_.lower() not in self.lx.target_noun

    def triggers(self, s: Sentence) -> list[Token]:
        """The verbs (or nouns) that make a measure, one per clause."""
        out: list[Token] = []
        for token in s.doc:
            lemma = token.lemma_.lower()
            if syntax.is_verbal(token):
                objects = syntax.phrase_tokens(token)[:]
                objects = [o for o in objects if o.i != token.i]
                acted = acted_on(token)
                acts_on_measure = lemma in self.lx.sanction_action and any(
                    is_sanction_noun(self.lx, o) or self._numbered_measure(o) or is_price_cap(o) for o in acted
                )
                acts_on_trade = lemma in self.lx.sanction and any(
                    o.lemma_.lower() in self.lx.trade_modifier
                    or o.lemma_.lower() in self.lx.target_noun
                    or o.lower_ == "swift"
                    or is_sanction_noun(self.lx, o)
                    or o.lemma_.lower() == "list"
                    or russian_goods(self.lx, o, token)
                    # "to forfeit C$41 million held … by a holding company linked to Veselov": money taken
                    or (lemma in _TAKING_MONEY and bool(find_money(syntax.span_text(list(o.subtree)))))
                    for o in objects
                )
                if lemma in HITTING and struck(self.lx, token):
                    continue  # "a town … targeted by Ukrainian drones": a strike
                if lemma in SEIZING and fighting(self.lx, token):
                    continue  # "elements of the Northern Grouping had seized the plant": a capture, not a confiscation
                if (
                    lemma in SEIZING
                    and syntax.first_child(token, "dobj") is None
                    and token.doc[token.i + 1 :][:1].text == "on"
                ):
                    continue  # "traders seized on reports that …": took them up eagerly, seized nothing
                if lemma in ("list", "trade") and on_an_exchange(token):
                    continue  # "The company is listed on the Oslo Stock Exchange"
                if lemma in _ONLY_PASSIVE and not syntax.is_passive(token) and not self._barred_by_actor(s, token):
                    continue  # "rules bar the supply of arms" states a standing rule; "firms were barred from" is a measure
                if (
                    lemma in _ALWAYS
                    or acts_on_measure
                    or acts_on_trade
                    or self._listing(s, token)
                    or bool(crossings_shut(token))
                ):
                    out.append(token)
            elif is_sanction_noun(self.lx, token) and not self._background(token):
                # "New EU sanctions hit 50 firms": the noun as the subject of an action, or standing alone.
                head = token.head
                if head.lemma_.lower() == "be" and syntax.first_child(head, "acomp") is not None:
                    continue  # "the sanctions were illegal": a view of measures, not a measure
                if head.lemma_.lower() == "be" and any(a.pos_ == "ADJ" for a in syntax.children(head, "attr")):
                    continue  # "Tuesday's designations were the first to hit …": said of measures told before
                if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each") for c in token.children):
                    continue  # "Any sanctions package needs the backing of all 27 member states": a rule, not a measure
                if (
                    token.dep_ == "nsubj"
                    and {head.lemma_.lower(), head.lower_} & {"need", "needs", "require"}
                    and any(o.lemma_.lower() in _CONSENT for o in syntax.children(head, "dobj"))
                    and not _one_measure(token)
                ):
                    continue  # "Sanctions require the unanimous backing of all member states": how measures pass
                if token.dep_ == "nsubj" and head.lemma_.lower() in _VERDICTS:
                    continue  # "the sanctions would have no effect", "sanctions have failed to cripple it": a verdict
                if token.dep_ in ("nsubj", "nsubjpass", "ROOT") and head.i not in {o.i for o in out}:
                    out.append(token)
                elif (
                    token.dep_ == "dobj" and head.i not in {o.i for o in out} and self._proposal(syntax.subject(head), token)
                ):
                    out.append(token)  # "The draft would bring forward a full ban on Russian LNG": what a draft holds
                elif (
                    token.dep_ == "pobj"
                    and token.head.lower_ == "with"
                    and (verb := token.head.head).lemma_.lower() in REPLACING
                    and verb.i not in {o.i for o in out}
                    and syntax.subject(verb) is not None
                ):
                    out.append(token)  # "would replace the oil price cap with a full ban on maritime services"
                elif exposed_to(token):
                    out.append(token)  # "foreign banks … now risk secondary sanctions": the banks are its targets
        # "If the EU banned Russian LNG, …": a condition imposes nothing.
        return [
            t
            for t in out
            if not (t.pos_ == "NOUN" and self._background(t))
            and not syntax.is_hypothetical(t)
            and not self._tentative(t)
            and not syntax.refuted(t)  # "reports that the EU had frozen … were incorrect"
            and not refused(t)
            and not self_barred(t)
            and not since(t)
            and not superseded(t)
            and not nobody_hit(t)
            and not hearsay(t)
            and not syntax.told_by_unowned(t, self.lx.report, self.lx.hearsay_media)  # "A Telegram post claimed …"
            and not asked(t)
            and not self._urged_by_belligerent(s, t)
        ]

    def _owner_told(self, s: Sentence) -> None:
        """ "The British measures take effect immediately.": whose measures the next lines tell, even when this one
        imposes nothing itself ("Designated vessels are barred from UK ports …" goes on with Britain's)."""
        for noun in s.doc:
            # Not "package" or "round": "Sweden's package includes …" is help as often as a measure.
            if noun.dep_ not in ("nsubj", "nsubjpass") or not (
                is_sanction_noun(self.lx, noun) or noun.lemma_.lower() in _THE_MEASURE - {"package", "round"}
            ):
                continue
            owners = [
                a for c in noun.children if c.dep_ in ("poss", "amod", "compound") for a in actors_in(s, c) if a != "Russia"
            ]
            if len(owners) == 1:
                self.ctx.last_sanctions_actor = owners[0]
                return

    def _barred_by_actor(self, s: Sentence, verb: Token) -> bool:
        """ "The Foreign Office … barred 47 more tankers from British ports": a government barring named things from
        somewhere, or barring trade, is a measure, unlike a rule that bars a practice."""
        obj = syntax.first_child(verb, "dobj")
        # "Canada will also bar exports to Russia of 62 categories …": a government barring trade.
        trade = obj is not None and obj.lemma_.lower() in self.lx.trade_modifier
        return (
            obj is not None
            # "barred a further 41 vessels from EU ports": the parser may hang the "from" on the vessels
            # (or on a noun inside the object: "bar 37 tankers they describe as part of Russia's shadow fleet from …")
            and (
                trade
                or any(p.lower_ == "from" for p in syntax.children(verb, "prep"))
                or any(p.lower_ == "from" and p.dep_ == "prep" for p in obj.subtree)
            )
            and actor_of(s, _teller_for_pronoun(verb), self.ctx) is not None
        )

    def _numbered_measure(self, noun: Token) -> bool:
        """ "adopted the bloc's 18th package" after sanctions were named: a numbered package of those measures."""
        if noun.lemma_.lower() not in ("package", "round") or not any(syntax.is_ordinal(c) for c in noun.lefts):
            return False
        if any(c.dep_ in ("amod", "compound") and not syntax.is_ordinal(c) and c.lower_ not in _FRESH for c in noun.lefts):
            return False  # "its eighteenth military aid package" says what it is
        last = next((f.section for f in reversed(self.ctx.items) if f.section in ("aid", "sanctions")), None)
        return last == "sanctions"

    def _tentative(self, trigger: Token) -> bool:
        """ "The EU could list every tanker tomorrow", "Sanctions could bite harder": what might be done, not a
        measure. A reported "would" is the "will" of the words reported ("said it would impose …")."""
        verb = trigger if syntax.is_verbal(trigger) else trigger.head
        # "can hit targets 500 km away" tells what a weapon is able to do.
        # "The draft would add 118 vessels": what a proposal contains is told with "would" too.
        proposed = self._proposal(syntax.subject(verb), trigger)
        tentative = {"could", "might", "should", "can"} | (
            set() if syntax.reported(verb, self.lx.report) or proposed else {"would"}
        )
        if trigger.i != verb.i and verb.lemma_.lower() in _DEPENDING:
            return True  # "further designations would depend on the evidence": a measure still to be decided
        return bool(syntax.modals(verb) & tentative)

    def _proposal(self, who: Token | None, trigger: Token) -> bool:
        """Is the doer a proposed measure ("The draft would add 118 vessels"), or "it" going on about one ("It would
        also lower the cap …" after "The draft of the bloc's package would bring forward …")?"""
        for _ in range(3):
            if who is None:
                return False
            if who.lemma_.lower() in PROPOSALS:
                return True
            if who.lower_ != "it":
                return False
            before = [b for b in self.ctx.sentences if b.doc is trigger.doc]
            if not before or before[0].index == 0:
                return False
            previous = self.ctx.sentences[before[0].index - 1].doc
            root = next((t for t in previous if t.dep_ == "ROOT"), None)
            who, trigger = (syntax.subject(root) if root is not None else None), previous[0]
        return False

    def _listing(self, s: Sentence, verb: Token) -> bool:
        """ "were put on a list of firms facing export restrictions", "OFAC named Shenzhen Blue Harbour",
        "It also listed Karadeniz Makina" (after a sanctions authority spoke): putting names on a list."""
        lemma = verb.lemma_.lower()
        lists = [
            o
            for p in syntax.children(verb, "prep")
            if p.lower_ in ("on", "to")
            for o in syntax.children(p, "pobj")
            if o.lemma_.lower() in ("list", "blacklist")
        ]
        # A list of sanctioned or restricted names: "sanctions list", "a list of firms facing export restrictions".
        if lemma in _PUT_ON and any(
            o.lemma_.lower() == "blacklist"
            or any(
                is_sanction_noun(self.lx, t)
                or t.lemma_.lower() in self.lx.restrict_noun | self.lx.sanction_noun
                or t.lemma_.lower() in ("sanction", "sanctions")
                for t in o.subtree
            )
            for o in lists
        ):
            return True
        obj = syntax.first_child(verb, "dobj")
        if (
            lemma == "identify"
            and obj is not None
            and any(
                p.lower_ == "as" and any(t.lemma_.lower() in ("block", "blocked", "sanction") for t in p.subtree)
                for p in syntax.children(verb, "prep")
            )
        ):
            return True  # "identified 11 tankers as blocked property": the Treasury's word for listing them
        if (
            lemma in _NAME_ON_LIST
            and obj is None
            and syntax.is_passive(verb)
            and syntax.agent(verb) is None
            and syntax.first_child(verb, "nsubjpass") is not None
            and not any(
                c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ in ("as", "after")) for c in verb.children
            )
        ):
            return self._sanctions_recent()  # "Also named were Istanbul-based Marmara Elektronik …", after a listing
        if lemma not in _NAME_ON_LIST or obj is None:
            return False
        money = obj.lemma_.lower() in self.lx.aid_noun or any(
            t.text in ("$", "€", "£", "¥") or t.tag_ == "$" for t in syntax.phrase_tokens(obj)
        )
        return not money and self._listed_by_authority(s, verb)  # "adding €40 million in funding" adds money

    def _listed_by_authority(self, s: Sentence, verb: Token) -> bool:
        """Is the subject a sanctions authority (or "it", right after one spoke)?"""
        who = syntax.subject(verb)
        if who is None:
            return False
        if syntax.is_pronoun(who):
            teller = (
                syntax.subject(verb.head) if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.lx.report else None
            )
            if teller is not None and any(n.start <= teller.i < n.end for n in s.names_of("authority")):
                return True  # "the Treasury's Office of Foreign Assets Control said it had blocked …": "it" is OFAC
            return self._sanctions_recent()
        if _the_governments(who) or ((named := actors_in(s, who)) and all(a in self._recent_imposers() for a in named)):
            # "Both countries targeted Arkady Veselov", "Britain also named three Dubai-registered companies" right
            # after their measures were told: the same governments listing names.
            return self._sanctions_recent()
        if who.lemma_.lower() == "list" and list_owner(s, who) is not None:
            return True  # "The UK list also named 18 shadow-fleet tankers": a government's sanctions list names them
        return any(n.start <= who.i < n.end for n in s.names_of("authority"))

    def _urged_by_belligerent(self, s: Sentence, trigger: Token) -> bool:
        """ "Ukraine has long urged London to confiscate the assets": Kyiv asking is no measure; "The UK is pushing its
        G7 partners to lower the price cap" is a sanctioning government's own push."""
        asker = urged_by(trigger, self.lx.request, self.lx.request_noun)
        return asker is not None and any(a in BELLIGERENTS for a in actors_in(s, asker))

    def _recent_imposers(self) -> str:
        recent = [str(f.fields.get("imposed_by") or "") for f in self.ctx.items[-4:] if f.section == "sanctions"]
        return " | ".join([*recent, self.ctx.last_sanctions_actor or ""])

    def _sanctions_recent(self) -> bool:
        return self.ctx.last_sanctions_actor is not None and any(f.section == "sanctions" for f in self.ctx.items[-3:])

    def _imposer(self, s: Sentence, trigger: Token, target_tokens: set[int]) -> str | None:
        head = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
        # "the companies named by Washington": a participle's "by" names the doer as a passive's does.
        by = syntax.agent(head)
        who = by if by is not None or syntax.is_passive(head) else _teller_for_pronoun(head)
        if who is None:
            who = syntax.participle_subject(head)  # "Britain announced its own measures, sanctioning 18 tankers"
        if who is None and head.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            who = syntax.subject(head.head)  # "it had begun proceedings to forfeit C$41 million": who began them
        # "Tokyo's measures", and "A US package …" (a measure noun names its owner in front of it too)
        owning = ("poss", "compound", "amod") if who is not None and who.lemma_.lower() in _THE_MEASURE else ("poss",)
        owned = [a for c in who.children if c.dep_ in owning for a in actors_in(s, c)] if who is not None else []
        if owned and owned[0] != "Russia":
            return owned[0]  # "Tokyo's measures freeze the assets of …": whose measures, before any named earlier
        if who is not None and who.lemma_.lower() in _THE_MEASURE and (owner := owner_before(self.ctx, s, who)):
            return owner  # "… dismissed the European Union's 17th sanctions package. The package adds 189 vessels"
        if who is not None and who.lemma_.lower() in _THE_MEASURE:
            # "The package adds 189 vessels to the EU's list": the EU's package, the one named before.
            named = measure_antecedent(self.ctx, s, who)
            if named is not None or self.ctx.last_sanctions_actor:
                return named.fields["imposed_by"] if named is not None else self.ctx.last_sanctions_actor
        if who is not None and who.lower_ == "it" and not s.names_of("actor", 0, who.i):
            # "The package adds 105 vessels …. It also imposes a ban on 22 banks": "it" goes on with the measure of
            # the sentence before, whoever was named in between ("after Slovakia lifted a veto").
            last = next((f for f in reversed(self.ctx.items) if f.section == "sanctions"), None)
            if last is not None and last.sentences[-1].index == s.index - 1 and last.fields["imposed_by"]:
                return str(last.fields["imposed_by"])
        if who is not None and who.i not in target_tokens:
            framing = _framed_by(s, head)
            if framing is not None and not actors_in(s, who) and who.lemma_.lower() in _UNNAMED_BODIES:
                return framing  # "In Tokyo, the cabinet approved asset freezes …": the cabinet of the place named
            actor = actor_of(s, who, self.ctx, exclude=())
            if actor is not None and actor not in ("Russia",):
                return actor
        # "the EU's 14th package", "U.S. sanctions", "British sanctions".
        for noun in [trigger, *[t for t in trigger.subtree if is_sanction_noun(self.lx, t)]]:
            for c in noun.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i not in target_tokens:
                    found = actors_in(s, c)
                    if found and found[0] != "Russia":
                        return found[0]
        # "Australian firms are barred from providing shipping services": a government bars its own firms.
        barred = syntax.first_child(head, "nsubjpass") if head.lemma_.lower() in _BARRING else None
        if barred is not None and barred.lemma_.lower() in _OWN_PEOPLE:
            own = [a for c in barred.children if c.dep_ in ("amod", "compound") for a in actors_in(s, c)]
            if own and own[0] not in BELLIGERENTS:
                return own[0]
        # "… have been added to the EU's list of firms …": whose list the targets are put on.
        for prep in syntax.children(head, "prep"):
            for listed in syntax.children(prep, "pobj"):
                if prep.lower_ in ("to", "on", "onto") and listed.lemma_.lower() in ("list", "blacklist", "register"):
                    owners = [
                        a
                        for c in listed.children
                        if c.dep_ in ("poss", "compound", "nmod")
                        for a in actors_in(s, c)
                        if a != "Russia"
                    ]
                    if owners:
                        return owners[0]
        for name in s.names_of("authority"):
            found = [n.canonical for n in s.names_of("actor", name.start, name.end)]
            if found:
                return found[0]
        framing = _framed_by(s, head)
        if framing is not None and (who is None or actor_of(s, who, self.ctx, exclude=()) in (None, framing)):
            return framing  # "At EU level, ambassadors are expected to sign off on a 22nd package"
        # The article's sanctioning actor, unless the sentence names it among the targets ("Firms in China
        # and Turkey were also listed": Turkey is listed, not listing).
        targeted = {n.canonical for n in s.names if n.start in target_tokens}
        if any(
            f.section == "sanctions"
            and f.fields["imposed_by"] == self.ctx.last_sanctions_actor
            and f.sentences[-1].index >= s.index - _OWN_MEASURE_WINDOW
            for f in self.ctx.items[-3:]
        ):
            targeted.clear()  # right after the EU's own measure, "EU banks are barred from SPFS" is the EU's too
        return next((a for a in (self.ctx.last_sanctions_actor, self.ctx.main_actor) if a and a not in targeted), None)

    def read(self, s: Sentence, attributions: list[Any]) -> list[Found]:  # noqa: ARG002 (one signature for all readers)
        out: list[Found] = []
        self._owner_told(s)
        triggers = self.triggers(s)
        for trigger in triggers:
            if effect_of_listing(trigger, {t.i for t in triggers}):
                continue
            doer = (syntax.subject(trigger) if syntax.is_verbal(trigger) else None) or (
                trigger.head if trigger.dep_ == "acl" else None
            )
            if doer is not None and any(c.dep_ == "det" and c.lower_ in ("every", "each") for c in doer.children):
                continue  # "every supplier cut off meant fewer drones": what any listing does, not a listing
            # "close the Šalčininkai crossing on the Belarusian border": the crossing is what is shut.
            targets = crossings_shut(trigger) or targets_of(self.lx, trigger)
            if not targets and told_before(trigger):
                continue  # "The sanctions came as Britain said …": the measures told before, not another
            # Without their relative clauses: "firms that Kyiv says supply components" does not make Kyiv a target.
            described = {t.i for target in targets for r in target.subtree if r.dep_ == "relcl" for t in r.subtree}
            all_targets = {t.i for target in targets for t in target.subtree} - described
            imposer = self._imposer(s, trigger, all_targets)
            if imposer:
                self.ctx.last_sanctions_actor = imposer
            clause = {t.i for t in trigger.subtree} if syntax.is_verbal(trigger) else {t.i for t in trigger.head.subtree}
            # "would add 118 vessels … and impose export restrictions on 45 entities, 12 of them in China": a verb
            # joined on is a measure of its own, with its own places and sectors.
            clause -= {
                t.i
                for c in trigger.subtree
                if c.dep_ == "conj" and c.i != trigger.i and syntax.is_verbal(c)
                for t in c.subtree
            }
            # "accuses of shipping drone engines" names an act, not the shipping sector.
            sectors = unique(
                [
                    n.text
                    for n in s.names
                    if n.kind == "sector"
                    and n.start in clause
                    and not (n.end - n.start == 1 and syntax.first_child(s.doc[n.start], "dobj"))
                    and not _in_a_name(s.doc[n.start])
                ]
            )
            for target in targets or [None]:  # type: ignore[list-item]
                item = sanction_item(self.lx, s, trigger, target, imposer, clause, sectors)
                if item is not None:
                    if (paired := self._each_body(s, trigger)) is not None:
                        item.fields["imposed_by"] = paired
                    out += each_respectively(item, target)
            out += self._included(s, trigger, imposer)
        return _without_repeats(out)

    def _each_body(self, s: Sentence, trigger: Token) -> str | None:
        """ "The Treasury's Office of Foreign Assets Control and the Commerce Department named 96 and 37 targets,
        respectively": two bodies of one government, each with its own count; their names, joined, for the pairing."""
        who = syntax.subject(trigger) if syntax.is_verbal(trigger) else None
        if who is None or not who.conjuncts or not any(t.lower_ == "respectively" for t in s.doc):
            return None
        bodies = []
        for member in (who, *who.conjuncts):
            # the member's own words, without the members joined to it
            own = {t.i for t in member.subtree} - {t.i for c in member.children if c.dep_ == "conj" for t in c.subtree}
            actor = next((n.canonical for n in s.names_of("actor") if n.start in own), None)
            body = next((n.text for n in s.names_of("authority") if n.start in own), None)
            if actor is None or body is None:
                return None
            bodies.append(f"{actor} ({body})")
        return " and ".join(bodies) if len(set(bodies)) == len(bodies) else None

    def _included(self, s: Sentence, trigger: Token, imposer: str | None) -> list[Found]:
        """ "adopted its 19th package, including a ban on Russian LNG and listings of 117 more tankers": each
        measure the package includes is a line of its own, with its own targets and count."""
        parts = [
            t
            for noun in [trigger, *arguments(trigger)]
            for prep in noun.children
            if prep.lower_ == "including"
            for t in prep.subtree
            if t.pos_ == "NOUN" and t.lemma_.lower() in _PART_MEASURES
        ]
        out: list[Found] = []
        for part in parts:
            others = frozenset(t.i for o in parts if o.i != part.i and o.i > part.i for t in o.subtree)
            own = {t.i for t in part.subtree} - others
            sectors = [n.text for n in s.names if n.kind == "sector" and n.start in own]
            item = sanction_item(self.lx, s, trigger, part, imposer, own, sectors, leave_out=others)
            if item is not None:
                # The count of this measure's own words: the ban's phrase runs on into the listings in the parse.
                found = find_count(syntax.span_text([t for t in part.subtree if t.i in own]))
                item.fields["target_count"] = found[0] if found else None
                out.append(item)
        return out


def _framed_by(s: Sentence, verb: Token) -> str | None:
    """The actor a sentence is set in ("At EU level, …", "In Brussels, ministers …"): a place or level named in an
    "at"/"in" phrase opening the clause the verb is in."""
    for up in [verb, *verb.ancestors]:
        for prep in syntax.children(up, "prep"):
            if prep.lower_ not in ("at", "in") or prep.i > up.i:
                continue
            inside = range(prep.i + 1, prep.right_edge.i + 1)
            named = [n.canonical for n in s.names_of("actor") if n.start in inside and n.canonical not in BELLIGERENTS]
            if named:
                return named[0]
    return None


# Bodies named by their kind alone, whose country an opening "In Tokyo, …" gives.
_UNNAMED_BODIES = frozenset(
    {"cabinet", "government", "ministry", "minister", "ministers", "official", "parliament", "council", "regulator"}
)


def _the_governments(who: Token) -> bool:
    """ "Both countries", "the two governments": the governments just named, pointed back to."""
    return who.lemma_.lower() in ("country", "government", "capital", "nation") and any(
        c.lower_ in ("both", "two") for c in who.children if c.dep_ in ("det", "predet", "nummod", "preconj")
    )


def _in_a_name(word: Token) -> bool:
    """ "the Financial Times", "Oil Capital Bank": a sector word inside a proper name is not a sector."""
    return word.pos_ == "PROPN" and word.dep_ == "compound" and word.head.pos_ == "PROPN"


def _without_repeats(found: list[Found]) -> list[Found]:
    """One sentence's measures, without one whose targets another by the same imposer already holds ("a
    fourteenth package of sanctions against Russia, which … targets": one package, read from two verbs)."""

    def held(f: Found, other: Found) -> bool:
        mine, theirs = (str(x.fields.get("targets") or "").lower() for x in (f, other))
        return (
            other is not f
            and f.fields.get("imposed_by") == other.fields.get("imposed_by")
            and bool(mine)
            and mine in theirs
            and (mine != theirs or found.index(other) < found.index(f))
        )

    return [f for f in found if not any(held(f, o) for o in found)]


def _teller_for_pronoun(verb: Token) -> Token | None:
    """The verb's subject; for "they" in "Sweden, Norway and Denmark said they would bar …", the ones who said it."""
    who = syntax.subject(verb)
    if who is not None and who.lower_ == "they" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() == "say":
        teller = syntax.subject(verb.head)
        # (a list of tellers; "it" and a body's own name are read as before)
        if teller is not None and any(c.dep_ == "conj" for c in teller.children):
            return teller
    return who
