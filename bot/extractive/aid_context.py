"""Aid that one clause's verb of giving does not carry: sums named by a noun ("a £2.26 billion loan to
Ukraine", "$400 million in weapons would reach Ukraine"), the lines of a breakdown under a package ("- $13.8
billion to buy weapons", "Demining equipment NOK 200 million"), and contents listed after it ("The package
includes radars and spare parts").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actor_of
from bot.extractive.aid_continuation import AidContinuation, the_one_named
from bot.extractive.aid_money import VALUED, sums_given
from bot.extractive.aid_parts import (
    FURTHER,
    GOES_TO,
    accounted_for,
    around,
    composes,
    gapped_part,
    purpose_of,
    same_currency,
    shares_of_whole,
)
from bot.extractive.found import Found, unique
from bot.extractive.mend import LABEL_MARKS
from bot.extractive.reading import Sentence
from bot.extractive.weapons import weapons_in
from bot.figures import Money, find_money, word_number
from bot.text import is_heading

if TYPE_CHECKING:
    from spacy.tokens import Token


# Goods a sum can be "in": "$400 million in weapons", "€20m of equipment" (help nouns count too).
_GOODS = {"weapon", "arm", "equipment", "ammunition", "munition", "materiel", "hardware", "gear", "supply"}
# Verbs that move help to its recipient: "… would reach Ukraine", "will go to Kyiv".
_MOVING = {"reach", "arrive", "go", "flow", "head", "come"}
# A line about a sanctions measure is the sanctions reader's, even inside a list of aid.
_MEASURES = {"sanction", "sanctions", "designation", "listing", "ban", "embargo", "freeze", "tariff"}
# A label's marks, and a plain hyphen, which a pasted digest uses for a dash.
_LABEL_MARKS = LABEL_MARKS | {"-"}
_TOTAL = {"total", "overall", "altogether", "sum"}
# Schemes a government pays into for Ukraine: "NATO's Prioritised Ukraine Requirements List", "the Czech initiative".
_SCHEMES = {"fund", "mechanism", "initiative", "list", "coalition", "programme", "program", "scheme", "facility"}


def _label(s: Sentence) -> tuple[str, Token] | None:
    """The actor a line opens with as its label ("Norway: …", "The Netherlands — …"), with the mark after it."""
    mark = next((t for t in s.doc[:8] if t.text in _LABEL_MARKS), None)
    if mark is None or mark.i == 0:
        return None
    names = [n for n in s.names_of("actor", 0, mark.i) if n.end == mark.i and n.start <= 1]
    return (names[0].canonical, mark) if names else None


class AidInContext(AidContinuation):
    def _anchor(self, noun: Token) -> Token | None:
        """The phrase that carries the sum: the help noun itself, or the sum it is "in" ("$400 million in
        weapons"). ``None`` for goods that no sum holds."""
        prep = noun.head
        if (
            noun.dep_ == "pobj"
            and prep.lower_ in ("in", "of")
            and prep.head.i != prep.i
            and prep.head.pos_ in ("NUM", "NOUN", "SYM")
            and prep.head.lemma_.lower() not in self.lx.aid_noun
        ):
            return prep.head
        return noun if self.r.is_help(noun) else None

    def nominal(self, s: Sentence, taken: set[int], *, about_ukraine: bool) -> list[Found]:
        """ "… on top of a £2.26 billion loan to Ukraine signed at the weekend": an aid noun (or a sum in
        weapons or help) with its amount, named without a verb of giving (outside any clause already read
        as aid)."""
        out: list[Found] = []
        seen: set[int] = set()
        for noun in s.doc:
            if noun.i in taken or noun.pos_ != "NOUN" or not (self.r.is_help(noun) or noun.lemma_.lower() in _GOODS):
                continue
            anchor = self._anchor(noun)
            if anchor is None or anchor.i in seen or anchor.i in taken:
                continue
            seen.add(anchor.i)
            phrase = {t.i for t in syntax.phrase_tokens(anchor, stop=syntax.CLAUSES)}
            # "Finland's 27th package, valued at €198 million, contains …": the value said in its own clause.
            phrase |= {t.i for c in anchor.children if c.lower_ in VALUED for t in c.subtree}
            money = sums_given(s, phrase)
            holding = self.lx.contain | {"bring"}
            head = anchor.head
            holds = anchor.dep_ == "nsubj" and (head.lemma_.lower() in holding or head.lower_ in holding)
            moving = anchor.dep_ == "nsubj" and head.lemma_.lower() in _MOVING
            # "A new military aid package worth €500m … would bring IRIS-T missiles": the package is
            # the article's subject, Ukraine need not be named in its phrase.
            # "Germany accounted for more than half, with a €1.9 billion package that includes …": who comes with it.
            came_with = anchor.dep_ == "pobj" and anchor.head.lower_ == "with" and syntax.is_verbal(anchor.head.head)
            toward = self.r.to_ukraine(s, phrase) or (
                (holds or came_with) and about_ukraine and self.r.to_ukraine(s, phrase) is None
            )
            # "1.2 billion kroner of the package will go toward …": a share of help already for Ukraine.
            share = any(
                p.lower_ == "of" and any(self.r.is_help(o) and the_one_named(o) for o in p.children) for p in anchor.children
            )
            whole = self._whole(s) if share and not toward and about_ukraine else None
            toward = toward or (whole is not None and self.r.to_ukraine(s, phrase) is None)
            if moving and not toward:
                # "$400 million in weapons would reach Ukraine": where it goes is the verb's.
                toward = bool(
                    self.r.to_ukraine(s, {t.i for c in head.children if c.dep_ in ("dobj", "prep") for t in c.subtree})
                )
            if not money or not toward or (self.r.withheld(head) and not holds):
                continue
            if holds:
                phrase |= {t.i for o in syntax.children(head, "dobj") for t in o.subtree}
            if moving:
                # "… would reach Ukraine in the coming days, including interceptors": what the sum moves.
                phrase |= {t.i for p in syntax.children(head, "prep") if p.lower_ == "including" for t in p.subtree}
            if came_with:
                phrase |= {
                    t.i for r in anchor.children if r.dep_ == "relcl" and r.lemma_.lower() in holding for t in r.subtree
                }
                head = anchor.head.head
            donors = self.r.who.donors(s, head, phrase) if head.i != anchor.i else []
            own = [
                a
                for a in (actor_of(s, c, self.ctx) for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod"))
                if a
            ]
            donor = own[0] if own else (" and ".join(donors) if donors else self._speaker_actor(s, head))
            if whole is not None:
                donor = whole.fields["donor"]  # the share's giver is the whole package's
            if donor is None and holds:
                donor = self.ctx.main_actor if self.ctx.main_actor not in BELLIGERENTS else None
            if donor is None or any(f.fields["amount"] == money[0].text for f in out):
                continue  # one sum, one line: "the UK's commitment of £3bn a year in military support" names it twice
            out.append(self._item(s, donor, money[0], phrase, "announced"))
        return out

    def _whole(self, s: Sentence) -> Found | None:
        """The package a share of "the package" is part of: the aid line with a sum named just before."""
        return next(
            (
                f
                for f in reversed(self.ctx.items[-4:])
                if f.section == "aid" and f.fields["amount"] and f.sentences[-1].index >= s.index - 2
            ),
            None,
        )

    def labelled(self, s: Sentence, taken: set[int], *, about_ukraine: bool) -> list[Found]:
        """ "Norway: a further NOK 2 billion for air defence", "The Netherlands — €150 million for drones": a
        digest's line names the giver as its label and the help without a verb of its own. Not a line about
        a measure ("UK: 25 more tankers listed") nor one whose sum a verb of the line governs."""
        doc = s.doc
        labelled = _label(s)
        if not about_ukraine or labelled is None or labelled[0] in BELLIGERENTS:
            return []
        donor, mark = labelled
        rest = {t.i for t in doc if t.i > mark.i and t.i not in taken}
        if any(t.lemma_.lower() in _MEASURES for t in doc if t.i in rest) or self.r.to_ukraine(s, rest) is False:
            return []
        out: list[Found] = []
        for money in sums_given(s, rest):
            span = doc.char_span(money.start, money.end, alignment_mode="expand")
            governed = span is not None and any(
                syntax.is_verbal(a) and a.lemma_.lower() not in self.lx.report and a.i > mark.i for a in span.root.ancestors
            )
            if not governed:
                phrase = {t.i for t in span.root.subtree} if span is not None else rest
                out.append(self._item(s, donor, money, phrase & rest or rest, "announced"))
        return out

    def parts(self, s: Sentence, found: list[Found]) -> list[Found]:
        """ "$2.5bn in security aid, made up of a $1.25bn drawdown and $1.22bn under USAI", "the facility
        divides into €33bn in loans and €17bn in grants": the parts of a sum just named, from its donor."""
        sums = [f for f in found if f.section == "aid" and f.fields["amount"]]
        here = bool(sums)
        if not sums:
            sums = [
                f
                for f in self.ctx.items[-3:]
                if f.section == "aid" and f.fields["amount"] and f.sentences[-1].index >= s.index - 2
            ]
        if not sums:
            return []
        whole = sums[-1]
        known = {(f.fields["value"], f.fields["currency"]) for f in found + self.ctx.items[-6:] if f.section == "aid"}
        out: list[Found] = []
        for money in shares_of_whole(s):
            # "£60m of the total had been set aside for spare parts", "C$120m will go to the vehicles, C$40m to the
            # generators and C$25m to training": parts of the sum just named.
            if (money.value, money.currency) in known or not same_currency(money, whole.fields["currency"]):
                continue
            if money.value is not None and whole.fields["value"] and money.value >= whole.fields["value"]:
                continue
            later = [t.i for t in s.doc if t.idx >= money.end]
            span = set(later[:12])
            # "A further C$28m will go towards repairing Ukraine's power grid": an addition for Ukraine is help too.
            for_ukraine = bool(FURTHER.search(s.text[: money.start])) and any(
                s.doc[i].lower_ in ("ukraine", "ukrainian", "kyiv") for i in span
            )
            # "…, and 800 million kroner to equipment for repairing the grid": a share gapped after one that is help
            goes_on = bool(out) and out[-1].sentences[-1] is s and gapped_part(s, money)
            # "of which 1.5 billion crowns will go to NATO's Prioritised Ukraine Requirements List": a share paid into
            # a scheme for Ukraine (a fund, a list, an initiative) is help.
            into_scheme = bool(GOES_TO.match(s.text[money.end :])) and any(
                s.doc[i].lower_ in ("ukraine", "ukrainian", "kyiv") or s.doc[i].lemma_.lower() in _SCHEMES for i in span
            )
            paid_for = accounted_for(s, money)
            if paid_for is not None:
                # "The Bradleys account for $140 million …": the share is help when what accounts for it is, or when
                # it goes on a breakdown of help ("… and the mortar rounds for roughly $90 million").
                helps = (
                    weapons_in(s, self.lx, indices=paid_for, equipment=True)
                    or any(self.r.is_help(s.doc[i]) for i in paid_for)
                    or (bool(out) and out[-1].sentences[-1] is s)
                )
            else:
                helps = (
                    for_ukraine
                    or goes_on
                    or into_scheme
                    or weapons_in(s, self.lx, indices=span, equipment=True)
                    or any(self.r.is_help(s.doc[i]) for i in span)
                )
            if not helps:
                continue  # "of the total was spent on office rent": a share that buys no help is no line
            known.add((money.value, money.currency))
            phrase = paid_for or around(s, money) | purpose_of(s, money)
            out.append(self._item(s, whole.fields["donor"], money, phrase, whole.fields["status"]))
        for verb in s.doc:
            if not composes(verb):
                continue
            who = syntax.subject(verb)
            if not here and not (who is not None and (self.r.is_help(who) or syntax.is_pronoun(who))):
                continue  # a later sentence splits the help just named ("The facility divides into …"), nothing else
            phrase = {t.i for t in verb.subtree}
            for money in sums_given(s, phrase):
                if (money.value, money.currency) in known or money.currency != whole.fields["currency"]:
                    continue
                known.add((money.value, money.currency))
                out.append(self._item(s, whole.fields["donor"], money, around(s, money), whole.fields["status"]))
        return out

    def _standalone(self, s: Sentence) -> bool:
        """A line of its own: a bullet, the only sentence of its paragraph, or a line with no finite verb
        at all (a table row, a list entry run into one paragraph)."""
        return s.bullet or self._alone_in_paragraph(s) or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in s.doc)

    def _alone_in_paragraph(self, s: Sentence) -> bool:
        """Sentences are in article order, so only the neighbours can share the paragraph."""
        around = self.ctx.sentences[max(0, s.index - 1) : s.index + 2]
        return all(o.para != s.para for o in around if o.index != s.index)

    def component(self, s: Sentence, head: Found | None) -> Found | None:
        """A line of a breakdown with its own figure and no verb of its own: "- $13.8 billion for Ukraine to
        buy advanced weapons", "Demining equipment and mine-clearance training NOK 200 million". It is a part
        of the package above (the list's head, else the aid item just read), from the same donor."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        # "Demining equipment and mine-clearance training NOK 200 million": an opening "-ing" word with no subject
        # names a thing, though the parse reads it as the verb.
        gerund = root is not None and root.tag_ == "VBG" and root.i == 0 and syntax.subject(root) is None
        if root is None or (syntax.is_verbal(root) and not gerund) or not self._standalone(s):
            return None
        if {t.lemma_.lower() for t in s.doc} & _MEASURES:
            return None  # a sanctions line
        everything = {t.i for t in s.doc}
        money = sums_given(s, everything)
        if not money or any(t.lower_ in _TOTAL for t in s.doc if t.idx < money[0].start):
            return None  # "Total NOK 1.5 billion" restates the package
        if head is None or head.section != "aid":
            recent = [f for f in self.ctx.items[-3:] if self._lines_between(f.sentences[-1].index, s.index) <= 5]
            if not recent or recent[-1].section != "aid":
                return None
            head = recent[-1]
        if (money[0].value, money[0].currency) == (head.fields["value"], head.fields["currency"]):
            return None
        labelled = _label(s)
        if labelled is not None and labelled[0] != head.fields["donor"]:
            return None  # "• The Netherlands — €150 million for drones": another giver's line, not a part
        return self._item(s, head.fields["donor"], money[0], everything, head.fields["status"])

    def _lines_between(self, start: int, end: int) -> int:
        """Sentences of text between two sentences; headings and list numbers ("Item Amount", "1.") are layout."""
        between = self.ctx.sentences[start + 1 : end]
        return sum(1 for x in between if len(x.text.split()) > 2 and not is_heading(x.text))

    def add_listed(self, target: Found, s: Sentence) -> bool:
        """One line of a list under "The package includes:": its weapons and goods join the package."""
        contents = [w.text for w in weapons_in(s, self.lx, equipment=True)]
        if not contents:
            return False
        target.fields["contents"] = unique([*target.fields["contents"], *contents])
        target.extend(s)
        return True

    def elided_count(self, s: Sentence, verb: Token, money: list[Money]) -> list[str]:
        """ "Denmark has promised 19 aircraft. Norway will give six": a bare number given counts the goods of
        the aid just named."""
        count = syntax.first_child(verb, "dobj")
        if money or count is None or count.pos_ != "NUM" or any(c.pos_ == "NOUN" for c in count.children):
            return []
        recent = [
            f
            for f in self.ctx.items[-4:]
            if f.section == "aid" and f.fields["contents"] and f.sentences[-1].index >= s.index - 1
        ]
        if not recent:
            return []
        words = recent[-1].fields["contents"][-1].split()
        while len(words) > 1 and (any(ch.isdigit() for ch in words[0]) or word_number(words[0]) is not None):
            words = words[1:]  # "12 armoured vehicles" -> "armoured vehicles"
        return [f"{count.text} {' '.join(words)}"]

    def gapped_counts(self, s: Sentence, verb: Token, made: list[Found]) -> list[Found]:
        """ "The Netherlands pledged 24 of the jets and Denmark 19": the count of each donor, the second one's
        verb left out (gapping). The parser hangs "Denmark 19" on the object as a conjunct."""
        obj = syntax.first_child(verb, "dobj")
        if obj is None or len(made) != 1:
            return []
        goods = None
        heads = [obj]
        if obj.pos_ == "NUM" and not any(m.start <= obj.idx < m.end for m in find_money(s.text)):  # "24 of the jets"
            of = next((p for p in syntax.children(obj, "prep") if p.lower_ == "of"), None)
            noun = syntax.first_child(of, "pobj") if of is not None else None
            if noun is not None:
                goods = syntax.span_text(syntax.phrase_tokens(noun, stop=syntax.CLAUSES | {"det", "poss", "cc"}))
                made[0].fields["contents"] = [f"{obj.text} {goods}"]
                heads.append(noun)  # the parser may hang "and Denmark 19" on the jets
        elif made[0].fields["contents"]:
            words = made[0].fields["contents"][0].split()
            goods = " ".join(words[1:]) if len(words) > 1 and words[0][:1].isdigit() else None
        out: list[Found] = []
        for conj in [c for h in heads for c in h.conjuncts] if goods else ():
            count = next((c for c in conj.children if c.dep_ == "nummod" and c.pos_ == "NUM"), None)
            donor = next((n.canonical for n in s.names_of("actor") if n.start <= conj.i < n.end), None)
            if count is not None and donor is not None and donor not in BELLIGERENTS:
                out.append(
                    Found(
                        "aid",
                        {
                            **made[0].fields,
                            "donor": donor,
                            "contents": [f"{count.text} {goods}"],
                            "amount": None,
                            "value": None,
                            "currency": None,
                        },
                        [s],
                    )
                )
        return out
