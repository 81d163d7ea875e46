"""Aid: a donor moving money, weapons or equipment to Ukraine, read clause by clause.

A clause is aid when its verb gives ("send", "pledge", "provide") or decides on help ("approved a
package", "announced €400 million"), nothing above it withholds or weighs it (that is weapons policy),
it is not a hypothetical, and the help goes to Ukraine. Donor, amount and contents come from the
clause's own words, so the other half of "Norway pledged …, while the EU widened sanctions on drone
parts" lends it nothing. "Britain and France sent Storm Shadow and Scalp respectively" pairs them up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of
from bot.extractive.aid_background import in_passing
from bot.extractive.aid_context import AidInContext
from bot.extractive.aid_continuation import GOING
from bot.extractive.aid_donors import PART, VALUING, AidDonors
from bot.extractive.aid_kind import aid_type
from bot.extractive.aid_money import VALUED, sums_given
from bot.extractive.aid_promised import gives_what_it_describes, promised_status, whole_described
from bot.extractive.aid_withheld import withheld
from bot.extractive.found import Found, widest
from bot.extractive.policy import PolicyReader
from bot.extractive.reading import Context, Sentence
from bot.extractive.weapons import names_an_attack, weapons_in
from bot.figures import Money, find_money, national_currency

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.weapons import Weapon

_SANCTION_WORDS = {"sanction", "sanctions", "sanctioning", "measure", "restriction", "penalty"}
# Phrasal verbs of giving whose verb alone gives nothing: "the US will put up $20bn", "allies chipped in".
# Paying the price of something: "split the cost of", "will cover the bill for", "foot the bill".
_BEARING = frozenset({"split", "share", "cover", "shoulder", "bear", "foot", "meet", "pick", "divide"})
_COSTS = frozenset({"cost", "bill", "tab", "price", "expense"})
# Nouns for one who gives: "the largest contributor", "the biggest donor".
_GIVERS = frozenset({"contributor", "donor", "backer", "funder", "giver", "payer", "supporter", "financier"})


def _giver_ranked_with_sum(verb: Token) -> bool:
    """ "Denmark is the largest contributor to the joint fund with 1.9 billion Danish crowns", "The Netherlands was
    the first to pay in, with 240 million euros": a giver, ranked among givers, with the sum it gives."""
    for attr in syntax.children(verb, "attr"):
        giver = attr.lemma_.lower() in _GIVERS or any(
            c.dep_ in ("relcl", "acl") and c.lemma_.lower() in ("pay", "give", "contribute", "pledge") for c in attr.children
        )
        sums = [p for h in (verb, attr) for p in syntax.children(h, "prep") if p.lower_ == "with"]
        if giver and any(find_money(syntax.span_text(list(p.subtree))) for p in sums):
            return True
    return False


def _particles(verb: Token) -> list[Token]:
    """The verb's own words and the prepositions the parser hung on its object list instead: in "have put 400
    million euros, 250 million euros and 180 million euros respectively into the scheme" the "into" sits on the last
    sum."""
    out = list(verb.children)
    for obj in syntax.children(verb, "dobj"):
        for noun in [obj, *obj.conjuncts]:
            out += [c for c in noun.children if c.dep_ == "prep"]
    return out


_PHRASAL_GIVE = {
    ("put", "up"),
    ("chip", "in"),
    ("stump", "up"),
    ("pony", "up"),
    ("set", "aside"),
    ("put", "into"),
    ("pour", "into"),
    ("plough", "into"),
    ("plow", "into"),
    ("sink", "into"),
    # "Sweden and Norway followed with SEK 4.2bn and NOK 2.5bn respectively": following the givers just told with a
    # sum of one's own (a line needs a sum or goods, so "followed with interest" gives nothing)
    ("follow", "with"),
}
_TO_RUSSIA = {"russia", "moscow", "russian", "kremlin"}
# Verbs of spending, which give nothing to anyone by themselves.
_SPENDING = {"spend", "invest", "budget"}
# A buyer's own forces and stocks, for which weapons bought are no help to Ukraine.
_OWN_FORCES = {"army", "military", "navy", "bundeswehr", "stocks", "stockpiles", "arsenal", "inventory", "inventories"}


# Founding a fund, said by a verb or a phrasal verb: "Norway is setting up a new fund of 3.5 billion kroner to help
# Ukraine".
_FOUNDING = {"establish", "create"}
_PHRASAL_FOUNDING = {("set", "up")}


# Verbs that bring a running total to a new figure: "brings the value of US assistance to $62 billion".
_BRINGS = {"bring", "take", "push", "lift"}


# Verbs of giving that give only when what they back is help: "guarantee a loan", "underwrite the credit line".
_BACKING = {"guarantee", "underwrite"}


# Paying for help someone else makes: "The order is financed by …", "paid for by Germany".
_FINANCING = {"finance", "fund", "pay", "bankroll", "underwrite"}
_DEALS = {"order", "contract", "deal", "purchase", "package", "delivery", "shipment", "batch", "consignment", "sale"}


# Verbs of a legislature voting money: "a bill that would authorize $12 billion in security assistance".
_APPROPRIATING = {"authorize", "authorise", "appropriate"}


# Words that point back to a sum just told: "Of that, …", "Of the total, …".
_TOLD_WHOLE = {"that", "this", "it", "which", "total", "sum", "amount", "money"}


def _share_of_told(verb: Token, money: list[Money]) -> bool:
    """ "Of that, 25 million euros will go to …": a sum, the verb's subject, told as a share of a sum just told."""
    who = syntax.subject(verb)
    if who is None or not any(m.start <= who.idx < m.end for m in money):
        return False
    return any(
        p.lower_ == "of" and any(o.lower_ in _TOLD_WHOLE for o in syntax.children(p, "pobj"))
        for p in syntax.children(verb, "prep")
    )


class AidReader:
    def __init__(self, context: Context, policy: PolicyReader) -> None:
        self.ctx = context
        self.lx = context.lexicon
        self.policy = policy
        self.more = AidInContext(self)
        self.who = AidDonors(self)

    def _clause(self, verb: Token) -> set[int]:
        """The verb's own words, with the relative clauses of its objects ("a package that includes …")."""
        own = {t.i for t in syntax.clause_tokens(verb)}
        for child in verb.children:
            if (
                child.dep_ in ("dobj", "nsubjpass", "attr", "dative", "prep", "npadvmod", "nsubj")
                or child.lemma_.lower() in VALUED
            ):  # ", worth SEK 13.5 billion" parsed as a clause of its own
                own.update(t.i for t in child.subtree if not (t.dep_ in ("advcl",) and t.head.i == verb.i))
        for noun in syntax.children(verb, "conj"):
            if noun.pos_ in ("NOUN", "PROPN", "NUM") and find_money(syntax.span_text(list(noun.subtree))):
                own.update(t.i for t in noun.subtree)  # "pledged SEK 3 billion and DKK 1.1 billion": a second sum
        for clause_verb in syntax.children(verb, "advcl", "xcomp"):
            if clause_verb.lemma_.lower() in _HOLDING and any(self.is_help(verb.doc[i]) for i in own):
                own.update(t.i for t in clause_verb.subtree)  # "announced a €240m package, to include 60 vessels"
        for clause_verb in syntax.children(verb, "advcl"):
            # "pledged C$120 million in aid, covering food …, and a further C$35 million for the fund": a sum the
            # parser joins to the participle is one more thing the verb gives.
            for noun in syntax.children(clause_verb, "conj"):
                if noun.pos_ in ("NOUN", "NUM", "SYM") and find_money(syntax.span_text(list(noun.subtree))):
                    own.update(t.i for t in noun.subtree)
        if verb.dep_ == "xcomp" and syntax.first_child(verb, "nsubj", "nsubjpass") is None:
            # "RBS 70 systems are to be delivered": what is delivered is the subject of "are".
            lent = syntax.subject(verb)
            if lent is not None:
                own.update(t.i for t in syntax.phrase_tokens(lent))
        described = _reported_antecedent(verb)
        if described is not None and find_money(syntax.span_text(syntax.phrase_tokens(described))):
            # "£650m, which ministers said would pay for 5,000 missiles": the sum "which" stands for pays.
            own.update(t.i for t in syntax.phrase_tokens(described))
        if verb.dep_ in ("relcl", "acl") and (
            self.is_help(verb.head)
            or (
                (verb.dep_ == "relcl" or self._gives_for_ukraine(verb))
                and find_money(syntax.span_text(syntax.phrase_tokens(verb.head)))
            )
        ):
            # "the $61 billion package that Congress approved", "a $50 billion loan agreed by the G7", "3.5
            # billion euros the government has earmarked", "the 11.5 billion euros set aside for Ukraine": the noun
            # the clause describes is what it gives.
            own.update(t.i for t in syntax.phrase_tokens(verb.head))
        elif verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and gives_what_it_describes(verb):
            # "A third Patriot system, which Germany pledged in April, is to reach Ukraine", "the tanks Spain promised":
            # the relative pronoun (or the gap) is the verb's object, so the noun described is what is given: all of
            # "a consignment of 4,000 rounds of 155 mm ammunition, which Estonia pledged", wherever the clause hangs.
            own.update(t.i for t in syntax.phrase_tokens(whole_described(verb)))
        if own:
            # "… unveiled its 29th aid package for Ukraine, worth 7.5 billion kroner": a value phrase right after
            # the clause describes its help even when the parser hangs it on the sentence's main verb.
            doc = verb.doc
            after = max(own) + 1
            if after < len(doc) and doc[after].is_punct and doc[after].text == ",":
                after += 1
            value = doc[after] if after < len(doc) else None
            if (
                value is not None
                and value.lemma_.lower() in VALUED
                and value.head.i not in own
                and any(self.is_help(doc[i]) for i in own)
            ):
                own.update(t.i for t in value.subtree)
        return own

    def _gives_for_ukraine(self, verb: Token) -> bool:
        """A verb of giving by its own meaning ("set aside", "earmarked"), not by its object ("agreed"), whose clause
        says the help is for Ukraine."""
        lemma = verb.lemma_.lower()
        giving = lemma in self.lx.give or any((lemma, c.lower_) in _PHRASAL_GIVE for c in _particles(verb))
        # "… euros set aside for Ukraine": the clause itself says for whom.
        return giving and any(t.lower_ == "ukraine" and t.head.lower_ == "for" for t in verb.subtree)

    def _listed_above(self, verb: Token) -> set[int]:
        """ ", the State Department announced, with Stinger missiles and drones at the top of the list": what
        the package holds, said in a "with"/"including" phrase of the verb that reports it."""
        out: set[int] = set()
        for tok in list(syntax.ancestors_to_clause_top(verb, limit=3))[1:]:
            if tok.lemma_.lower() not in self.lx.report:
                continue
            for prep in syntax.children(tok, "prep"):
                if prep.lower_ in ("with", "including"):
                    out.update(t.i for t in prep.subtree)
        return out

    def is_enemy(self, head: Token) -> bool:
        """ "gear to counter Russian drones": Russia's weapons are what the aid is against, not what it holds; so are
        the weapons of attacks ("as Russia steps up drone and missile attacks")."""
        if any(self.lx.side_words.get(c.lower_) == "russia" and c.dep_ in ("amod", "compound") for c in head.lefts):
            return True
        return names_an_attack(head)

    def is_help(self, token: Token) -> bool:
        """An aid noun, unless sanctions make it theirs: "its 17th sanctions package", "a package of
        sanctions", or a bare "the package" when the last measure the article named was a sanctions one."""
        if token.lemma_.lower() not in self.lx.aid_noun:
            return False
        if any(c.lemma_.lower() in _SANCTION_WORDS for c in token.lefts) or any(
            p.lower_ == "of" and any(o.lemma_.lower() in _SANCTION_WORDS for o in p.children)
            for p in token.children
            if p.dep_ == "prep"
        ):
            return False
        # "the bloc's 18th package": a numbered package, whoever owns it, is one of the measures last named.
        numbered = all(c.dep_ in ("det", "poss", "case") or syntax.is_ordinal(c) for c in token.lefts) and any(
            syntax.is_ordinal(c) for c in token.lefts
        )
        bare = numbered or not any(c.dep_ in ("amod", "compound", "poss", "nummod") for c in token.lefts)
        last = next((f.section for f in reversed(self.ctx.items) if f.section in ("aid", "sanctions")), None)
        return not (bare and token.lemma_.lower() in ("package", "round") and last == "sanctions")

    def _buys_weapons(self, s: Sentence, verb: Token) -> bool:
        """ "will spend 1 billion kroner to buy 20 howitzers": the purpose clause names weapons or goods."""
        return any(
            weapons_in(s, self.lx, indices={t.i for t in c.subtree}, equipment=True)
            for c in verb.children
            if c.dep_ in ("xcomp", "advcl")
        )

    def withheld(self, verb: Token) -> bool:
        """Is the giving negated, hypothetical, or under a permission, refusal or review (policy's business)?"""
        return withheld(verb, self.lx, self.policy.frame)

    def _is_giving(self, s: Sentence, verb: Token, money: list[Money], clause: set[int]) -> bool:
        lemma = verb.lemma_.lower()
        if not syntax.is_verbal(verb):
            return False
        if lemma in _BACKING:
            # "will guarantee a loan of 3.2 billion euros" is help; guaranteeing one's own banks' deposits is not.
            obj = syntax.first_child(verb, "dobj")
            return obj is not None and self.is_help(obj)
        if lemma in self.lx.give or any((lemma, c.lower_) in _PHRASAL_GIVE for c in _particles(verb)):
            return True
        if self.who.named_by_recipient(s, verb) is not None:
            return True  # "Ukraine will receive 20 Leopard tanks from Spain", "Kyiv thanked Canada for …"
        if lemma in _BEARING and any(o.lemma_.lower() in _COSTS for o in syntax.children(verb, "dobj")):
            # "will split the cost of a $500 million package of Patriot interceptors": paying for help is giving it
            return bool(money) or any(self.is_help(t) for t in s.doc if t.i in clause)
        if lemma == "be":
            # "the new package is worth about €5 billion", "Britain's share is £2.26bn": help, valued.
            who = syntax.subject(verb)
            if not money or who is None:
                return False
            if who.lemma_.lower() == "fund" and not self.to_ukraine(s, clause):
                return False  # "Its sovereign fund is worth $1.8 trillion": a fund is help only when it is Ukraine's
            if _giver_ranked_with_sum(verb):
                return True  # "Denmark is the largest contributor to the fund with 1.9 billion Danish crowns"
            # A "share" is help only among help: "Britain's share is £2.26bn" after the loan was named.
            return (
                self.is_help(who)
                or who.lemma_.lower() in PART
                and (any(self.is_help(t) for t in s.doc if t.i in clause) or self._aid_nearby(s))
            )
        if lemma in VALUING and money and any(p.lower_ == "at" for p in syntax.children(verb, "prep")):
            return self.who.valued(verb) is not None
        if lemma in self.lx.amount or lemma in _BRINGS:
            # "German military support since 2022 totals about €28bn", "$6.8 billion in drawdown authority
            # remains", "the tranche brings the value of US military assistance to $62 billion": a total or
            # a balance of help, with its figure.
            who = syntax.first_child(verb, "dobj") if lemma in _BRINGS else syntax.subject(verb)
            return bool(money) and who is not None and any(self.is_help(t) for t in who.subtree)
        if lemma in _APPROPRIATING:
            return bool(money)  # "a bill that would authorize $12 billion in security assistance": money voted
        if lemma == "add":
            return bool(money)  # "is adding €40 million in funding"; "the package adds 116 names to a list" is not aid
        if lemma == "award":
            # "awarded Lockheed a $750 million contract to build rockets for Ukraine": only a contract said to be
            # for Ukraine is help; most contracts are for the buyer's own forces.
            return bool(money) and self.to_ukraine(s, clause) is True
        if lemma in _FOUNDING or any((lemma, c.lower_) in _PHRASAL_FOUNDING for c in verb.children):
            # "set up a fund of 3.5 billion kroner to help Ukraine buy …" is help; "set up a sovereign fund in 1990 to
            # invest oil revenue" is not: a fund founded is help only when its clause or purpose names Ukraine.
            purpose = {t.i for c in syntax.children(verb, "advcl", "xcomp") for t in c.subtree}
            founded = [t for t in s.doc if t.i in clause and self.is_help(t)]
            return bool(founded and money) and self.to_ukraine(s, clause | purpose) is True
        if lemma in self.lx.decide:
            # "approved a package", "announced €400 million": a decision is aid with help as its object
            # (not "its 17th sanctions package").
            objects = [t for t in s.doc if t.i in clause and self.is_help(t)]
            if not money and objects and all(o.lemma_.lower() == "package" for o in objects) and _of_sanctions(s):
                return False  # "in a separate package approved by ambassadors, added 12 companies to its sanctions list"
            return bool(objects or money)
        if lemma in GOING and _share_of_told(verb, money):
            return True  # "Of that, 25 million euros will go to the Red Cross for generators": a share of the sum told
        if lemma in GOING and (who := syntax.subject(verb)) is not None and money and self.is_help(who):
            # "a separate £35m grant would go towards repairing power substations": help, valued, and what it pays for
            return any(m.start <= t.idx < m.end for m in money for t in who.subtree)
        return False

    def _values_the_last(self, s: Sentence, verb: Token, money: list[Money]) -> bool:
        """ "Germany will deliver two Patriot systems. The package is worth 1.2 billion euros.": "the package"
        with a value and no owner of its own puts a figure on the help the sentence before named, when that
        help had none. Its value joins that item; there is no second package."""
        who = syntax.subject(verb)
        if verb.lemma_.lower() != "be" or len(money) != 1 or who is None or not self.is_help(who):
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in who.children) or any(
            c.dep_ in ("poss", "compound", "amod") for c in who.children
        ):
            return False
        last = next((f for f in reversed(self.ctx.items) if f.section == "aid"), None)
        if last is None or last.fields["amount"] or last.sentences[-1].index < s.index - 1:
            return False
        amount = money[0]
        last.fields.update(amount=amount.text, value=amount.value, currency=amount.currency)
        last.merge_key = (str(last.fields["donor"]).lower(), amount.value, amount.currency)
        last.extend(s)
        return True

    def _aid_nearby(self, s: Sentence) -> bool:
        return any(f.section == "aid" and f.sentences[-1].index >= s.index - 2 for f in self.ctx.items[-3:])

    def to_ukraine(self, s: Sentence, clause: set[int]) -> bool | None:
        """True: the help goes to Ukraine; False: to Russia; None: the clause doesn't say."""
        for t in s.doc:
            # "sending 728 drones … against Ukrainian cities": aimed at Ukraine is an attack, not help.
            if (
                t.i in clause
                and t.lower_ == "against"
                and t.dep_ == "prep"
                and {x.lower_ for x in t.subtree} & {"ukraine", "ukrainian", "kyiv", "kiev"}
            ):
                return False
            # "supplied Russia's military with drone parts": the one supplied is the verb's object.
            if (
                t.i in clause
                and t.dep_ in ("dobj", "dative")
                and any(p.lower_ == "with" for p in syntax.children(t.head, "prep"))
                and {x.lower_ for x in t.subtree} & _TO_RUSSIA
            ):
                return False
            # "keep Russian refineries supplied with spare parts": the one supplied is the noun the participle describes.
            if (
                t.i in clause
                and t.dep_ == "acl"
                and t.tag_ == "VBN"
                and t.lemma_.lower() in self.lx.supply
                and {x.lower_ for x in t.head.lefts} & _TO_RUSSIA
            ):
                return False
            # "to Russian arms makers", "for Moscow's war": a recipient on Russia's side.
            if t.i in clause and t.lower_ in ("to", "for") and t.dep_ in ("prep", "dative"):
                recipient = {x.lower_ for x in t.subtree}
                if recipient & _TO_RUSSIA and not recipient & {"ukraine", "ukrainian", "kyiv", "against"}:
                    return False
                # "rockets for the US Army", "for its own stocks": the buyer's own forces, not Ukraine.
                heads = {o.lemma_.lower() for o in syntax.children(t, "pobj")} | {
                    o.lower_ for o in syntax.children(t, "pobj")
                }
                if t.lower_ == "for" and heads & _OWN_FORCES and not recipient & {"ukraine", "ukrainian", "kyiv"}:
                    return False
        for t in s.doc:
            if t.i in clause and t.lower_ in ("ukraine", "kyiv", "kiev", "ukrainian", "ukrainians", "zelensky"):
                return True
        return None

    def _purpose_of_sum(self, s: Sentence, verb: Token) -> list[Money]:
        """The sum whose purpose ``verb`` tells: the subject of the verb it hangs on ("€1.4 billion … will go …
        to buy X")."""
        head = verb.head
        if verb.dep_ not in ("xcomp", "advcl") or head.i == verb.i or not syntax.is_verbal(head):
            return []
        subject = syntax.subject(head)
        if subject is None:
            return []
        return sums_given(s, {t.i for t in subject.subtree})

    def financed_by(self, s: Sentence) -> bool:
        """Does the sentence name who pays for the help just told ("The order is financed by the governments of
        Denmark and the Netherlands")? Then they are its donors, not the firm that makes it."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        if root is not None and root.lemma_.lower() in self.lx.report:
            root = syntax.first_child(root, "ccomp")  # "…, the company said"
        if root is None or root.lemma_.lower() not in _FINANCING or not syntax.is_passive(root):
            return False
        subject = syntax.first_child(root, "nsubjpass")
        if subject is None or subject.lemma_.lower() not in _DEALS:
            return False
        payer = syntax.agent(root)
        if payer is not None and payer.lemma_.lower() in ("government", "governments"):
            payer = next((o for p in syntax.children(payer, "prep") for o in syntax.children(p, "pobj")), payer)
        donor = actor_of(s, payer, self.ctx)
        last = next((f for f in reversed(self.ctx.items[-3:]) if f.section == "aid"), None)
        if donor is None or last is None or last.sentences[-1].index < s.index - 2:
            return False
        last.fields["donor"] = donor
        return True

    def read(self, s: Sentence, *, article_about_ukraine: bool) -> list[Found]:
        out: list[Found] = []
        taken: set[int] = set()
        by_verb: list[tuple[Token, Found]] = []  # this sentence's items, with the verb that gave each
        for verb in s.doc:
            clause = self._clause(verb) if syntax.is_verbal(verb) else set()
            if not clause:
                continue
            money = sums_given(s, clause)
            if not self._is_giving(s, verb, money, clause) or self.withheld(verb) or in_passing(verb):
                continue
            direction = self.to_ukraine(s, clause)
            if direction is False or (direction is None and not article_about_ukraine):
                continue
            weapons = [
                w
                for w in weapons_in(s, self.lx, indices=clause | self._listed_above(verb), equipment=True)
                if not self.is_enemy(w.head)
            ]
            contents = widest([w.text for w in weapons]) or self.more.elided_count(s, verb, money)
            has_help = any(self.is_help(t) for t in s.doc if t.i in clause)
            if not (money or contents or has_help):
                continue
            if verb.lemma_.lower() in _SPENDING and not (contents or has_help or direction or self._buys_weapons(s, verb)):
                continue  # "was spent on office rent": spending is help only on help, weapons or Ukraine
            if self._values_the_last(s, verb, money):
                taken |= clause
                continue  # "The package is worth 1.2 billion euros": the value of the help just named
            spent = next((f for v, f in reversed(by_verb) if _serves(verb, v)), None) if contents and not money else None
            if spent is not None and spent.fields["amount"] and spent.fields["contents"] in ([], contents):
                # "will spend 1 billion kroner to buy 20 Bohdana howitzers": what the sum buys is its contents, one
                # line, not a second one for the buying.
                spent.fields["contents"] = contents
                if spent.fields["aid_type"] == "other":
                    spent.fields["aid_type"] = aid_type(s, clause, contents)
                taken |= clause
                continue
            if contents and not money and spent is None:
                # "About €1.4 billion of the money will go through the facility to buy interceptors": the sum that
                # goes is what buys them, one line with its amount.
                money = [m for m in self._purpose_of_sum(s, verb) if all(f.fields["value"] != m.value for f in out)]
            donors = self.who.donors(s, verb, clause)
            # (the whole told in this sentence, "… 4.2 billion crowns, … of which 1.5 billion will go to …", else before)
            whole = out[-1] if out else next((f for f in reversed(self.ctx.items) if f.section == "aid"), None)
            if verb.lemma_.lower() in GOING and whole is not None and _share_of_told(verb, money):
                # "Of that, 25 million euros will go to the Red Cross …": the share's giver is the whole's, not
                # where it goes.
                donors = [str(whole.fields["donor"])]
            if not donors or any(d in BELLIGERENTS for d in donors):
                continue
            taken |= clause
            self.ctx.last_actor = donors[0]
            base = {"recipient": "Ukraine", "aid_type": aid_type(s, clause, contents), "status": promised_status(verb)}
            respectively = any(t.lower_ == "respectively" for t in s.doc if t.i in clause)
            pairs: list[tuple[str, list[str], Money | None]]
            if len(money) > 1 and len(donors) == len(money):
                # "Sweden and Denmark pledged SEK 3 billion and DKK 1.1 billion respectively": the sums pair first,
                # each with what its own "for …" names ("€350 million for interceptor drones and C$400 million for
                # armoured vehicles, respectively").
                own = _contents_per_sum(money, weapons)
                pairs = [(d, own[k] if own else contents, m) for k, (d, m) in enumerate(zip(donors, money, strict=True))]
            elif respectively and len(donors) == len(contents) > 1:
                pairs = [(d, [c], None) for d, c in zip(donors, contents, strict=True)]
            elif len(money) > 1 and len(donors) == 1 and (gapped := self.who.gapped(s, money)):
                # "the US will put up $20bn and the EU up to €18.1bn": each later sum has its own donor.
                pairs = [
                    (donors[0], contents, money[0]),
                    *[(d, contents, m) for d, m in zip(gapped, money[1:], strict=True)],
                ]
            else:
                amounts: list[Money | None] = list(money) or [None]
                pairs = [(" and ".join(donors), contents, m) for m in amounts]
            made = len(out)
            for donor, items, amount in pairs:
                fields = {
                    **base,
                    "donor": donor,
                    "contents": items,
                    "amount": amount.text if amount else None,
                    "value": amount.value if amount else None,
                    "currency": national_currency(amount.text, amount.currency, donor) if amount else None,
                }
                out.append(
                    Found(
                        "aid",
                        fields,
                        [s],
                        merge_key=(donor.lower(), amount.value if amount else None, amount.currency if amount else None)
                        if amount
                        else None,
                    )
                )
            by_verb += [(verb, f) for f in out[made:]]
            out += self.more.gapped_counts(s, verb, out[made:])  # "… pledged 24 of the jets and Denmark 19"
        # A digest line's label names its giver ("The Netherlands — €150 million for drones") before any actor
        # the sentences before it named.
        labelled = [] if out else self.more.labelled(s, taken, about_ukraine=article_about_ukraine)
        return out + (labelled or _priced(out, self.more.nominal(s, taken, about_ukraine=article_about_ukraine)))


def _contents_per_sum(money: list[Money], weapons: list[Weapon]) -> list[list[str]]:
    """The items named after each sum and before the next one, when every sum has some; else nothing."""
    out: list[list[str]] = []
    for k, m in enumerate(money):
        end = money[k + 1].start if k + 1 < len(money) else None
        out.append(widest([w.text for w in weapons if w.head.idx >= m.end and (end is None or w.head.idx < end)]))
    return out if all(out) else []


def _reported_antecedent(verb: Token) -> Token | None:
    """The noun "which" stands for when a report sits between them ("£650m, which ministers said would pay for
    …"): the noun the report's relative clause hangs on."""
    who = syntax.first_child(verb, "nsubj")
    report = verb.head
    if who is None or who.tag_ != "WDT" or verb.dep_ != "ccomp" or report.dep_ != "relcl" or report.i == verb.i:
        return None
    return report.head


def _priced(given: list[Found], sums: list[Found]) -> list[Found]:
    """ "1.9 billion kroner of the package will go toward buying Bohdana howitzers": the sum (read without a verb
    of giving) and what it buys (read from "buying") are one line. A lone sum joins the sentence's lone line
    that has contents and no sum, from the same giver; the rest stay lines of their own."""
    bare = [f for f in given if not f.fields["amount"] and f.fields["contents"]]
    if len(sums) != 1 or len(bare) != 1 or sums[0].fields["contents"]:
        return sums
    item, priced = bare[0], sums[0]
    mine, theirs = (str(f.fields["donor"]).split(" (")[0] for f in (item, priced))
    if mine != theirs:
        return sums
    for key in ("amount", "value", "currency"):
        item.fields[key] = priced.fields[key]
    item.merge_key = priced.merge_key
    return []


def _serves(verb: Token, spender: Token) -> bool:
    """Is ``verb`` what ``spender``'s sum is for ("will go toward buying …", "is to be used to buy …"), not
    another thing done beside it ("will give €1bn and also buy …")?"""
    tok = verb
    while tok.i != spender.i:
        if tok.dep_ == "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


# What a package holds, said in a clause the parser hangs on the verb that announces it.
_HOLDING = frozenset({"include", "comprise", "contain", "cover"})


def _of_sanctions(s: Sentence) -> bool:
    """Does the sentence speak of sanctions ("its sanctions list", "sanctioned", "blacklisted")? A bare "package" in
    it is that package of measures."""
    if any(t.lemma_.lower() in ("sanction", "blacklist", "designate") for t in s.doc):
        return True
    # "The EU's most recent package … added 117 tankers to its list … and targeted 31 entities": listing and
    # targeting are what a package of measures does.
    return any(
        (
            v.lemma_.lower() == "add"
            and any(o.lemma_.lower() == "list" for p in v.children if p.lower_ == "to" for o in p.children)
        )
        or (v.lemma_.lower() == "target" and any(o.lemma_.lower() in _LISTED for o in syntax.children(v, "dobj")))
        for v in s.doc
        if syntax.is_verbal(v)
    )


# What a package of measures lists: "targeted 31 entities".
_LISTED = frozenset({"entity", "individual", "company", "firm", "vessel", "tanker", "bank", "person", "ship"})
