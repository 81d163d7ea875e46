"""Whom a sanctions measure hits: the phrases that name its targets, in order, the places said beside
them ("19 of them in China"), and how many there are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found, unique
from bot.extractive.reading import Sentence
from bot.extractive.sanction_nouns import AIMING, arguments, describing_verbs, is_sanction_noun, names_a_measure
from bot.figures import find_count, find_money, word_number
from bot.language import MONTH_PATTERN, WEEKDAY_PATTERN

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon


# Verbs whose subject is exposed to the measure they take as object: "foreign banks risk secondary sanctions".
_EXPOSED = {"risk", "face"}


def _exposed(verb: Token) -> Token | None:
    """Who risks or faces the measure: the subject, or the doer of a clause standing as subject ("banks dealing
    with listed firms now risk …", which the parser reads as a clausal subject)."""
    who = syntax.subject(verb)
    if who is None:
        clause = syntax.first_child(verb, "csubj")
        who = syntax.first_child(clause, "nsubj") if clause is not None else None
    return None if who is None or syntax.is_pronoun(who) else who


def exposed_to(noun: Token) -> bool:
    """Is the sanctions noun what its clause's subject risks or faces ("banks now risk secondary sanctions")?
    A participle on a noun ("firms facing export restrictions") describes the firms instead."""
    head = noun.head
    return (
        noun.dep_ == "dobj"
        and head.lemma_.lower() in _EXPOSED
        and head.dep_ not in ("acl", "amod")
        and _exposed(head) is not None
    )


_NO_ONE = frozenset({"little", "much", "nothing", "anything", "something", "more", "less", "everything"})


def targets_of(lx: Lexicon, trigger: Token) -> list[Token]:
    """The phrases naming whom the measure hits, in order: "sanctions on two oil producers, as well as on
    183 vessels" gives both."""

    def usable(token: Token | None) -> bool:
        # "the listings would do little": a quantity word is nobody hit
        return token is not None and not syntax.is_temporal(token) and token.lower_ not in _NO_ONE

    found: list[Token] = []
    extra: list[Token] = []
    # "on X" / "against X" hanging off the verb or off the sanctions noun it acts on.
    # "a fresh round of sanctions on 400 entities": the measure's own noun ("round", "package") holds it too.
    # "added 118 vessels to its blacklist and imposed a ban on 11 banks": a verb joined on is a clause of its own.
    clauses_joined = {
        t.i for c in trigger.subtree if c.dep_ == "conj" and c.i != trigger.i and syntax.is_verbal(c) for t in c.subtree
    }
    holders = [
        trigger,
        *[a for a in arguments(trigger) if a.dep_ != "nsubj" and not _summing_up(trigger, a)],
        *[t for t in trigger.subtree if is_sanction_noun(lx, t) and t.i != trigger.i and t.i not in clauses_joined],
    ]
    for holder in holders:
        # The measure's own phrase: "sanctions under the Special Economic Measures Regulations on 62 people"
        # hangs the target on the regulation's name; an "on" before the verb is a date ("On 10 January").
        preps = [c for c in holder.children if c.dep_ == "prep" and not (holder is trigger and c.i < trigger.i)]
        if is_sanction_noun(lx, holder):
            preps += [
                t
                for p in preps
                if p.lower_ not in ("on", "against")
                for t in p.subtree
                if t.dep_ == "prep" and t.lower_ in ("on", "against") and not _described(t, p)
            ]
        if is_sanction_noun(lx, holder):
            # "its own sanctions aimed at Moscow's shadow fleet", "measures targeting Russian banks"
            for aim in (v for v in describing_verbs(holder) if v.lemma_.lower() in AIMING):
                aimed = [o for p in syntax.children(aim, "prep") if p.lower_ == "at" for o in syntax.children(p, "pobj")]
                found.extend(o for o in [*aimed, *syntax.children(aim, "dobj")] if usable(o))
        for child in preps:
            if child.lower_ == "of" and holder.lemma_.lower() in ("designation", "listing") and holder is trigger:
                obj = syntax.first_child(child, "pobj")  # "the designation of the Moscow Exchange"
                if usable(obj):
                    found.append(obj)  # type: ignore[arg-type]
            if (
                child.lower_ == "with"
                and syntax.is_verbal(holder)
                and any(a.lower_ in ("together", "along") for a in child.lefts)
            ) or (child.lower_ == "alongside" and syntax.is_verbal(holder)):
                # "designated X together with 183 vessels", "designated Bank Zenit alongside two commodity traders"
                extra.extend(syntax.children(child, "pobj"))

            if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                if holder is trigger and syntax.is_verbal(trigger) and _hits_its_object(lx, trigger):
                    continue  # "targeted dozens of vessels on the anniversary of …": the object is whom it hits
                obj = syntax.first_child(child, "pobj")
                if obj is not None and obj.lemma_.lower() in ("list", "blacklist"):
                    continue  # "put on a list of firms …": the list, not whom it names
                if usable(obj):
                    found.append(obj)  # type: ignore[arg-type]
                for conj in child.conjuncts:  # "on X, as well as on Y"
                    obj = syntax.first_child(conj, "pobj")
                    if usable(obj):
                        found.append(obj)  # type: ignore[arg-type]
    if syntax.is_verbal(trigger):
        # "sanctioned Gazprombank, the lender …, along with more than 50 other Russian banks": the parser
        # often hangs "along with" on a later verb of the sentence.
        extra.extend(
            o
            for a in trigger.subtree
            if a.lower_ in ("along", "together") and a.i > trigger.i
            for w in syntax.children(a, "prep")
            if w.lower_ == "with"
            for o in syntax.children(w, "pobj")
            if all(o.i != e.i for e in extra)
        )
    if found:
        return in_order(found + extra)
    if trigger.pos_ == "NOUN" and exposed_to(trigger):
        return in_order([_exposed(trigger.head), *extra])  # type: ignore[list-item]
    if (
        trigger.dep_ == "acl"
        and trigger.tag_ == "VBN"
        and trigger.lemma_.lower() in lx.sanction
        and trigger.head.pos_ == "NOUN"
        and not any(is_sanction_noun(lx, t) or names_a_measure(lx, t) for t in trigger.head.subtree if t.i < trigger.i)
        and usable(trigger.head)
    ):
        # "189 more tankers added to the shadow fleet list": a passive participle's noun is what it acts on (a
        # verb that hits targets, not one that adopts a measure: "the round of sanctions, adopted on Monday").
        return in_order([trigger.head, *extra])
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and not is_sanction_noun(lx, child) and usable(child):
            # "bans new investment in, and the supply of goods to, LNG projects": the parser may hang the second
            # object on the verb as a conjunct; a noun is no second verb, so it is a second target.
            # The "and" must be the verb's too: "components for the missiles and drones Russia launches" hangs its
            # "and" on "components", and its "drones" on the verb only by mistake.
            joined = [c.i for c in trigger.children if c.dep_ == "cc" and c.i > child.i]
            more = [
                c
                for c in trigger.children
                if c.dep_ == "conj" and c.pos_ == "NOUN" and any(child.i < j < c.i for j in joined)
            ]
            return in_order([child, *more, *_misread_list(child), *extra])
    head = trigger.head
    # "imposed sanctions that hit 50 firms"-like shapes: the measure acts on its target through any verb
    # when it is the verb's subject ("New listings cover 32 entities", "the measures target 20 banks").
    if (
        trigger.pos_ == "NOUN"
        and head.i != trigger.i
        and (head.lemma_.lower() in lx.sanction_action | lx.sanction or trigger.dep_ == "nsubj")
    ):
        obj = syntax.first_child(head, "dobj")
        if usable(obj) and not is_sanction_noun(lx, obj):  # type: ignore[arg-type]
            return in_order([obj, *extra])  # type: ignore[list-item]
    return in_order(extra)


# Nouns that sum up a measure told in the same clause: "…, the broadest action against third-country suppliers".
_SUMMARIES = frozenset({"action", "step", "move", "measure", "round", "crackdown", "effort"})


def _summing_up(trigger: Token, noun: Token) -> bool:
    """Is ``noun`` a second object that sums up the measure ("sanctioned three banks …, the broadest action against
    …": the parser reads the apposition as one more object), not a holder of its targets?"""
    return (
        noun.dep_ == "dobj"
        and noun.lemma_.lower() in _SUMMARIES
        and any(o.i < noun.i for o in syntax.children(trigger, "dobj"))
        and noun.doc[noun.left_edge.i - 1].text == ","
    )


def partitive_places(s: Sentence, clause: set[int], target: Token | None) -> set[int]:
    """Tokens of "most of them in India and the UAE", "19 of them in China", "added 93 entities, in Russia,
    China and Turkey, to the list": where the targets are, said beside them rather than inside their phrase."""
    after = max(t.i for t in target.subtree if not t.is_punct) + 1 if target is not None else -1
    out = {
        t.i
        for p in (syntax.children(target.head, "prep") if target is not None else [])
        if p.lower_ in ("in", "from")
        and p.i == after + 1
        and s.doc[after].text == ","
        and any(o.pos_ == "PROPN" for o in syntax.children(p, "pobj"))
        for t in p.subtree
    }
    for token in s.doc:
        if token.i not in clause:
            continue
        if any(
            p.lower_ == "of" and any(o.lower_ in ("them", "which", "whom") for o in p.children)
            for p in syntax.children(token, "prep")
        ):
            for prep in syntax.children(token, "prep"):
                if prep.lower_ in ("in", "from", "based"):
                    out.update(t.i for t in prep.subtree)
    return out


def target_count(lx: Lexicon, trigger: Token, target: Token | None) -> int | None:
    for head in (target, trigger, *[c for c in trigger.children if is_sanction_noun(lx, c)]):
        if head is None or (head is target and find_money(syntax.span_text(list(head.subtree)))):
            continue  # "to forfeit C$41 million held by …": a sum is no count of targets
        for c in head.children:
            if c.dep_ == "nummod" or (c.like_num and c.dep_ in ("amod", "quantmod", "compound")):
                # "four hundred" is one number: the head "hundred" with its compound "four".
                value = word_number(" ".join(t.text for t in c.subtree if t.like_num or t.pos_ == "NUM"))
                if value is not None and value >= 1 and not (1900 <= value <= 2100):
                    return int(value)
    if target is not None:
        # "a manager that London said operates a dozen of the listed ships": a relative clause counts other things.
        described = {t.i for r in target.subtree if r.dep_ == "relcl" for t in r.subtree}
        own = [t for t in target.subtree if t.i not in described]
        found = find_count(syntax.span_text(own))
        if found is not None and not (found[0] == 1 and not any(t.like_num for t in own)):
            return found[0]  # ("a Dubai-registered company" is not a count of one)
    part = syntax.subject(trigger) if syntax.is_verbal(trigger) else None
    if part is not None and part.like_num and any(p.lower_ == "of" for p in part.children if p.dep_ == "prep"):
        # "Twenty-nine of the 52 designations target tankers": the part that hits these targets
        value = word_number(" ".join(t.text for t in part.subtree if t.i <= part.i and t.like_num))
        return int(value) if value is not None and value >= 1 else None
    return None


def in_order(tokens: list[Token]) -> list[Token]:
    """Distinct tokens in sentence order."""
    return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)


def colon_list(trigger: Token, target: Token, phrase: list[Token]) -> tuple[int, list[Token], list[Token]]:
    """The targets named after a colon ("two trading firms: Dubai-based Caspian Meridian Trading and …"), whatever
    the parser hung them on: where the colon would stand (past a relative clause on the target: "seven front
    companies it said the ring used …: A; B"), the words to add to the target phrase, and the whole list to the
    sentence's end, however the parser splits it at its semicolons (empty without a list)."""
    doc = target.doc
    colon = max(t.i for t in phrase) + 1
    own = {t.i for t in target.subtree}
    while colon < len(doc) and colon in own and doc[colon].text != ":":
        colon += 1
    if colon + 1 < len(doc) and doc[colon].text == ":":
        listed = next(
            (
                c
                for c in (*trigger.children, *target.children)
                if c.left_edge.i == colon + 1 and c.dep_ in ("dep", "appos", "npadvmod", "attr", "dobj")
            ),
            None,
        )
        added = [doc[colon], *listed.subtree] if listed is not None else []
        return colon, added, [t for t in doc[colon + 1 :] if not t.is_punct]
    # The parser may hang the list on the noun, colon and all.
    inner = next((t for t in doc[min(t.i for t in phrase) : max(t.i for t in phrase)] if t.text == ":"), None)
    return colon, [], [t for t in doc[inner.i + 1 :] if not t.is_punct] if inner is not None else []


def names_listed(s: Sentence, phrase: list[Token]) -> list[str]:
    """The names of firms, ships or people in a target phrase, in order, without the countries and places that
    say where they are ("Steppe Trade Logistics LLP of Kazakhstan" gives "Steppe Trade Logistics LLP")."""
    where = {i for n in s.names if n.kind in ("country", "place") for i in range(n.start, n.end)}
    out: list[str] = []
    run: list[Token] = []
    for tok in [*sorted(phrase, key=lambda t: t.i), None]:
        named = tok is not None and tok.tag_ in ("NNP", "NNPS") and tok.i not in where and tok.text[:1].isupper()
        joined = tok is not None and bool(run) and tok.text == "-" and not tok.whitespace_
        if named or joined:
            run.append(tok)  # type: ignore[arg-type]
            continue
        if run and any(t.tag_ in ("NNP", "NNPS") for t in run):
            out.append(syntax.span_text(run))
        run = []
    return unique(out)


# When the measure was taken, stuck to the end of its targets by the parse: "… linked to Russia's war in Ukraine on
# Friday", "… 61 vessels last week".
_TRAILING_TIME = re.compile(
    rf",?\s+(?:on\s+(?:{WEEKDAY_PATTERN}|{MONTH_PATTERN}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_PATTERN})(?:,?\s*(?:19|20)\d\d)?|"
    rf"(?:last|this|earlier this)\s+(?:week|month|year)|(?:on\s+)?(?:today|yesterday)|"
    # "on the fourth anniversary of Moscow’s full-scale invasion"
    rf"on\s+the\s+(?:\w+\s+)?anniversary\s+of\s+[^,;]+)\W*$"
)


def without_trailing_time(text: str) -> str:
    """Targets without the date of the measure that the parse hung on them."""
    return _TRAILING_TIME.sub("", text).rstrip(" ,;:")


def members_after(candidates: tuple[Token, ...], colon: int, *, counted: bool = False) -> list[Token]:
    """ ", among them the tankers Volga Star and …": the comma and the phrase naming members of the targets, hung on
    one of ``candidates``, after the colon at ``colon``; named members, or with ``counted`` counted ones too
    ("among them 21 tankers")."""
    for c in candidates:
        edge = c.left_edge
        if edge.lower_ != "among" or edge.i <= colon or edge.i == 0 or edge.doc[edge.i - 1].text != ",":
            continue
        members = list(c.subtree)
        if c.right_edge.lower_ in ("them", "those", "these"):
            # "…, among them the Moscow-based drone maker Aerotekh-Volga and …": the parser ends "among" at "them"
            # and hangs the members on the verb, right after it.
            after = next((x for x in c.head.children if x.left_edge.i == c.right_edge.i + 1), None)
            members += list(after.subtree) if after is not None else []
        if any(t.pos_ == "PROPN" or (counted and t.dep_ == "nummod") for t in members):
            # Without a relative clause: "four oil traders that London accuses of …" names the traders.
            described = {t.i for m in members if m.dep_ == "relcl" for t in m.subtree}
            return [edge.doc[edge.i - 1], *(t for t in members if t.i not in described)]
    return []


def each_respectively(item: Found, target: Token | None) -> list[Found]:
    """ "Britain and Canada announced parallel measures against 14 and 11 vessels respectively": one line per
    imposer, each with its own count; else the item as it is."""
    imposers = str(item.fields["imposed_by"] or "").split(" and ")
    if target is None or len(imposers) < 2 or not any(t.lower_ == "respectively" for t in target.doc):
        return [item]
    numbers, noun = _counts_of(target)
    if len(numbers) != len(imposers):
        return [item]
    rest = syntax.span_text([t for t in noun.subtree if t.i > max(n.i for n in numbers)])
    out = []
    for imposer, number in zip(imposers, numbers, strict=True):
        fields = {**item.fields, "imposed_by": imposer, "targets": f"{number.text} {rest}".strip()}
        value = word_number(number.text)
        fields["target_count"] = int(value) if value is not None else None
        out.append(
            Found("sanctions", fields, list(item.sentences), merge_key=(imposer.lower(), fields["target_count"], rest))
        )
    return out


def _counts_of(target: Token) -> tuple[list[Token], Token]:
    """The numbers of "14 and 11 vessels" and the noun they count. The parser hangs both on the noun, or makes the
    first number the phrase's head with the noun ("25 vessels") its conjunct."""
    members = [target, *target.conjuncts] if target.like_num else [target]
    nouns = [m for m in members if not m.like_num]
    noun = nouns[-1] if nouns else target
    numbers = [m for m in members if m.like_num]
    numbers += [n for m in nouns for c in m.children if c.dep_ == "nummod" for n in (c, *c.conjuncts)]
    return sorted({n.i: n for n in numbers}.values(), key=lambda n: n.i), noun


def _misread_list(target: Token) -> list[Token]:
    """ "targeted four LNG carriers that had lifted cargoes from the Arctic LNG 2 project, a terminal operator in
    Qinzhou and two lenders": the parser reads the list's next members as an apposition ("a terminal operator")
    to the last noun of the first member's relative clause. An apposition that itself runs on with "and" is a
    list's member, not another name for that noun."""
    return [
        t
        for clause in target.children
        if clause.dep_ == "relcl"
        for t in clause.subtree
        if t.dep_ == "appos"
        and t.pos_ == "NOUN"
        and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children)
        and any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in t.children)
    ]


def _described(token: Token, top: Token) -> bool:
    """Is the token inside a relative clause below ``top`` ("banks in third countries, which officials say have
    become conduits for payments on dual-use goods": the goods are what the banks pay for, not a target)?"""
    return any(a.dep_ == "relcl" for a in token.ancestors if a.i != top.i and top.i in {x.i for x in a.ancestors})


def _hits_its_object(lx: Lexicon, verb: Token) -> bool:
    """Does the verb act on its targets directly ("targeted dozens of vessels", "listed 90 tankers"), rather than
    through a measure it imposes on them ("imposed a ban on 11 banks")?"""
    obj = syntax.first_child(verb, "dobj")
    return (
        obj is not None
        and verb.lemma_.lower() in _HITTING_VERBS
        and not is_sanction_noun(lx, obj)
        and not names_a_measure(lx, obj)
        and not syntax.is_temporal(obj)
    )


# Verbs whose object is whom a measure hits: an "on" after them tells when or where.
_HITTING_VERBS = frozenset({"target", "list", "blacklist", "designate", "sanction", "name", "hit"})
