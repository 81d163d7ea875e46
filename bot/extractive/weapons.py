"""Weapons and equipment named in a sentence, as noun phrases: "Storm Shadow missiles", "long-range weapons".

A named system comes from the domain file; a class of weapons is any noun phrase whose head is a
weapon noun ("missiles", "shells", "air defence systems"), with its modifiers. Coordination is read
from the parse, so "Storm Shadow and Scalp missiles" gives two weapons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.lexicon import Lexicon
from bot.extractive.reading import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that name no particular thing on their own: "weapons", "equipment".
_GENERIC = {
    "arms",
    "weapon",
    "weapons",
    "system",
    "systems",
    "equipment",
    "munitions",
    "ammunition",
    "kit",
    "parts",
    "vehicles",
    "aircraft",
}
_CALIBRE_UNITS = {"mm", "cm", "millimetre", "millimeter", "calibre", "caliber"}
_DROP_LEFT = {"det", "predet", "nummod", "quantmod", "poss", "case", "advmod", "nmod"}
_QUANTITY_WORDS = {
    "more",
    "additional",
    "further",
    "new",
    "extra",
    "other",
    "some",
    "several",
    "many",
    "few",
    "its",
    "their",
    "the",
    "a",
    "an",
    "any",
    "all",
    "such",
    "these",
    "those",
    "this",
    "that",
}


# Words between a count and the name it counts: "12 more Caesar howitzers", "40 additional Leopard tanks".
_COUNT_FILLERS = {"more", "additional", "further", "extra", "new", "other"}
# "more than 4,000", "fewer than 20": the comparison is part of the count.
_COMPARATIVES = {"more", "less", "fewer"}


# Nouns of attacking: the weapons that name them ("drone strikes") are what help is against, not goods.
_ATTACKS = frozenset({"attack", "strike", "raid", "barrage", "assault", "salvo", "bombardment", "onslaught"})


def names_an_attack(head: Token) -> bool:
    """Is the weapon noun the kind of an attack ("as Russia steps up drone and missile attacks")?"""
    kind = head
    while kind.dep_ == "conj" and kind.head.i != kind.i:
        kind = kind.head  # "drone and missile attacks": "missile" goes with "drone"
    return kind.dep_ in ("compound", "amod", "nmod") and kind.head.lemma_.lower() in _ATTACKS


def _count_start(doc: Doc, first: int) -> int:
    """Where the count before a weapon's name starts: "30 Patriot", "12 more Caesar", "more than 4,000 AR-7"."""
    i = first
    while i > 0:
        before = doc[i - 1]
        if before.like_num or before.dep_ in ("nummod", "quantmod"):
            i -= 1
        elif before.lower_ in _COUNT_FILLERS and i >= 2 and doc[i - 2].like_num:
            i -= 1  # the number before it is taken next
        elif before.lower_ in _COMPARATIVES and doc[i].lower_ == "than":
            i -= 1
        else:
            break
    return i if any(doc[j].like_num for j in range(i, first)) else first


@dataclass(frozen=True, slots=True)
class Weapon:
    head: Token  # the noun the phrase hangs on, for reading its grammar
    text: str  # as the brief shows it
    named: bool  # a system from the domain file, not a class
    origin: str | None  # the supplier the domain file knows, for named systems


def _phrase(head: Token, first: int, *, counts: bool = False, name_start: int | None = None) -> str:
    """The weapon phrase from ``first`` to ``head``, without articles and possessives; with ``counts``
    the number stays ("30 Patriot interceptors"), as an aid package lists it. A system's name
    (from ``name_start``) is never trimmed."""
    doc = head.doc
    first = _calibres_before(doc, first)
    start = first
    stop = head.i if name_start is None else min(head.i, name_start)
    while (
        start < stop
        and not _DESIGNATION.fullmatch(doc[start].text)
        and (
            (
                (doc[start].dep_ in _DROP_LEFT and not _model_name(doc[start]))
                or doc[start].lower_ in _QUANTITY_WORDS
                or doc[start].like_num
                or doc[start].is_punct
                or doc[start].dep_ == "cc"  # "equipment and mine-clearance training": the conjunction begins no phrase
                or doc[start].pos_ == "ADP"  # "a request from Kyiv for Tomahawk missiles", misparsed: no "for" in the name
                or (doc[start].pos_ == "PRON" and doc[start].dep_ == "pobj")  # "among them 30 M113 carriers"
            )
            and not (counts and (doc[start].like_num or doc[start].dep_ in ("nummod", "quantmod")))
            # "more than 4,000 loitering munitions": the comparison belongs to the count
            and not (
                counts and doc[start].lower_ in _COMPARATIVES and start + 1 < len(doc) and doc[start + 1].lower_ == "than"
            )
            and not (doc[start].like_num and not doc[start].whitespace_)  # "155mm shells": a calibre, not a count
            # "155 mm shells", "122 mm rockets": a number before its unit of calibre is a calibre too
            and not (doc[start].like_num and start + 1 < len(doc) and doc[start + 1].lower_ in _CALIBRE_UNITS)
        )
    ):
        start += 1
    # "SAMP/T air-defence battery": a phrase never starts inside a word written without spaces.
    while start > first and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    return syntax.span_text(list(doc[start : head.i + 1])).strip(" ,;:-")


def _calibres_before(doc: Doc, first: int) -> int:
    """Where calibres written right before a phrase start: "155mm and 105mm artillery rounds" (the parser often
    hangs the calibres elsewhere)."""
    i = first
    while i >= 2 and doc[i - 1].lower_ in _CALIBRE_UNITS and doc[i - 2].like_num:
        i -= 2  # "105 mm"
        if i >= 3 and doc[i - 1].lower_ in ("and", "or", ",") and doc[i - 2].lower_ in _CALIBRE_UNITS:
            i -= 1  # "155 mm and …": the calibre before goes with it
    while i >= 1 and doc[i - 1].like_num and not doc[i - 1].whitespace_ and doc[i].lower_ in _CALIBRE_UNITS:
        i -= 1
    return i


# A military type designation: "CF-18", "CP-140", "Su-34", "P-8A" (not "G-7", "COVID-19").
_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]?(?:s|’s|'s)?")
_NOT_DESIGNATIONS = {"G", "COVID", "SARS", "MERS", "FIFA", "P"}
# Nouns a designation can stand before that are no weapon: "G-20 summit", "COVID-19 vaccines".
_NOT_DESIGNATED = {"summit", "meeting", "leader", "nation", "country", "vaccine", "group", "format", "talk"}


def _designated(token: Token) -> bool:
    """ "its CF-18 Hornets", "CP-140 Aurora patrol planes": a noun whose phrase opens with a type designation names
    a military system, though the domain file does not list it."""
    if token.lemma_.lower() in _NOT_DESIGNATED:
        return False
    before = token.doc[token.left_edge.i : token.i]
    return any(_DESIGNATION.fullmatch(t.text) and t.text.split("-")[0] not in _NOT_DESIGNATIONS for t in before)


# Rules on where or how a weapon may be used: "range limits", "use restrictions", "geographic limits".
_USE_RULES = frozenset({"range", "use", "usage", "targeting", "geographic", "geographical"})


def _ruled_on(token: Token, lx: Lexicon) -> bool:
    """ "the German-financed systems come with “no range restrictions” and may be used …": "the systems" a rule on
    use is about are the weapons named before, though no military word says so."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
        return False
    rules = lx.restrict_noun | lx.prohibit_noun | lx.permit_noun
    rule = token.head.head
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "on"
        and rule.lemma_.lower() in rules
        and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _USE_RULES for c in rule.lefts)
    ):
        return True  # "sets no range limits on the equipment it hands over": a rule on where it may be used
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return any(v.lemma_.lower() in lx.use for v in verbs) or any(t.lemma_.lower() in rules for t in verb.subtree)


def _model_name(tok: Token) -> bool:
    """ "Bohdana self-propelled howitzers": a name the parser hangs on the head as a modifier is the model's, not
    an owner's ("Germany's", "US") or a place's."""
    return (
        tok.dep_ == "nmod"
        and tok.pos_ == "PROPN"
        and tok.ent_type_ not in ("GPE", "NORP", "LOC", "ORG")
        and not any(c.dep_ == "case" for c in tok.children)
    )


def _model_before(doc: Doc, first: int) -> int:
    """ "Tridon Mk2 anti-aircraft systems": a model's name and mark right before the phrase, which the parse may hang
    apart from it, begin the phrase; a country's or an organisation's name ("Ukraine", "NATO") does not."""
    start = first
    while start > 0 and first - start < 3:
        before = doc[start - 1]
        code = any(ch.isdigit() for ch in before.text) and any(ch.isalpha() for ch in before.text)
        name = before.pos_ == "PROPN" and before.ent_type_ not in ("GPE", "NORP", "LOC", "ORG", "PERSON", "DATE")
        if not before.whitespace_ or before.is_punct or not (code or name) or before.dep_ in ("nsubj", "nsubjpass", "poss"):
            break
        start -= 1
    return start if start < first and any(ch.isdigit() for ch in doc[start:first].text) else first


# Compounds whose head is a weapon word but that name no weapon: "a Washington-based think tank".
_NOT_WEAPONS = {
    ("think", "tank"),
    ("septic", "tank"),
    ("fuel", "tank"),
    ("water", "tank"),
    ("oil", "tank"),
    ("storage", "tank"),
    ("gas", "tank"),
    ("starting", "gun"),
    ("nail", "gun"),
    ("smoking", "gun"),
    ("spray", "gun"),
    ("bath", "bomb"),
}


# Nouns a system's name can qualify that are no weapon: "the ATACMS report" is news about the missiles.
_ABOUT_A_WEAPON = frozenset({"report", "claim", "request", "question", "issue", "debate", "story", "footage", "video"})


def _noun_after_model(doc: Doc, end: int, lx: Lexicon) -> Token | None:
    """ "Leopard 2A6 tanks": the weapon noun after a system's name and its model number, which the parse
    may hang apart ("Leopard" as one object, "tanks" as another); None when no such noun follows."""
    i = end
    while i < len(doc) and i - end < 2 and any(ch.isdigit() for ch in doc[i].text) and doc[i].is_alpha is False:
        i += 1
    if i == end or i >= len(doc):
        return None
    noun = doc[i]
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in lx.weapon_heads | _GENERIC:
        return noun
    return None


# Verbs by which a government puts its forces into Ukraine, beside the verbs of supplying.
_POSTING = frozenset({"deploy", "commit", "contribute", "station", "dispatch", "post", "base"})


def _forces_sent(noun: Token, lx: Lexicon) -> bool:
    """ "will not send soldiers to Ukraine", "contribute to a European contingent": troops a government sends,
    not "his troops had pushed …" (the war itself) nor "pushing Ukrainian troops out"."""
    if any(lx.side_words.get(t.lower_) in ("russia", "ukraine") for t in noun.subtree if t.i < noun.i):
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return False  # "his troops", "its soldiers": a commander's own forces
    up = noun.head if noun.dep_ == "pobj" else noun
    verb = up.head if up.dep_ in ("dobj", "prep", "nsubjpass") else None
    if verb is None or verb.lemma_.lower() not in lx.supply | _POSTING:
        return False
    # "North Korean soldiers have been sent to fight for Russia": troops for the invader are the war, not a policy.
    return not any(
        lx.side_words.get(t.lower_) == "russia" and t.head.lower_ in ("for", "to", "with", "alongside") for t in verb.subtree
    )


# Nouns that count units of the goods their compound names: "radar units", "generator sets", "air-defence systems".
_UNITS_OF = frozenset({"unit", "set", "kit", "station", "module", "system"})


def weapons_in(
    s: Sentence, lx: Lexicon, *, indices: set[int] | None = None, equipment: bool = False, forces: bool = False
) -> list[Weapon]:
    """Weapons (and with ``equipment``, other goods given; with ``forces``, a third country's troops) in the
    sentence, in order, one per phrase."""
    doc = s.doc
    allowed = set(range(len(doc))) if indices is None else indices
    out: list[tuple[int, Weapon]] = []
    heads: set[int] = set()
    names = s.names_of("weapon")
    for name in names:
        if name.start not in allowed:
            continue
        last = doc[name.end - 1]
        head = last
        # "Storm Shadow missiles": the system names the phrase's head noun.
        while (
            head.dep_ in ("compound", "nmod", "amod")
            and head.head.i > head.i
            and head.head.i - name.end < 3
            and head.head.lemma_.lower() not in _ABOUT_A_WEAPON
        ):
            head = head.head
        if head.i == last.i:
            head = _noun_after_model(doc, name.end, lx) or head
        # "Storm Shadow and SCALP missiles": two systems share one head noun; each keeps its own name.
        if any(other.start > name.start and other.start < head.i for other in names):
            head = last
        first = name.start
        if equipment:  # "30 Patriot interceptors": the count before the name belongs to the line
            first = _count_start(doc, first)
        text = (
            syntax.span_text(list(doc[first : name.end]))
            if head.i == last.i
            else _phrase(head, first, counts=equipment, name_start=name.start)
        )
        if head.i in heads and head.i != last.i:
            text = syntax.span_text(list(doc[name.start : name.end]))
        heads.add(head.i)
        out.append((first, Weapon(head, text, True, lx.weapon_origin.get(name.canonical))))
    for token in doc:
        if token.i in allowed and token.i not in heads and (name_phrase := _unlisted_name(token, lx, s)) is not None:
            # "Naval Strike Missiles": a system the domain file does not list, named as systems are.
            heads.add(token.i)
            out.append((name_phrase[0].i, Weapon(token, syntax.span_text(name_phrase), True, None)))
            continue
        # Classes of weapons are common nouns: "Missile" in "Surface-to-Air Missile Systems" is part of a name.
        if token.i not in allowed or token.i in heads or token.pos_ != "NOUN" or token.tag_ in ("NNP", "NNPS"):
            continue
        lemma = token.lemma_.lower()
        is_weapon = lemma in lx.weapon_heads and not any((c.lower_, lemma) in _NOT_WEAPONS for c in token.lefts)
        if is_weapon and lemma in lx.weapon_heads_modified:
            is_weapon = any(
                c.lower_ in lx.weapon_modifiers or c.lemma_.lower() in lx.weapon_heads for c in token.lefts
            ) or _ruled_on(token, lx)
        is_weapon = is_weapon or _designated(token)
        is_goods = equipment and (lemma in lx.equipment_heads or token.lower_ in lx.equipment_heads)
        # "30 mobile drone-detection radar units": a unit of goods named by the goods before it.
        is_goods = is_goods or (
            equipment
            and lemma in _UNITS_OF
            and any(
                c.dep_ == "compound" and (c.lemma_.lower() in lx.equipment_heads or c.lemma_.lower() in lx.weapon_heads)
                for c in token.lefts
            )
        )
        # "will not send soldiers to Ukraine"; "pushing Ukrainian troops out of Kursk" is the war itself.
        is_weapon = is_weapon or (forces and lemma in lx.forces and _forces_sent(token, lx))
        if not (is_weapon or is_goods):
            continue
        if token.lower_ == "part":
            continue  # "part of a ¥700 billion programme": spare parts are goods, a part of something is not
        if lemma == "round" and token.tag_ == "NN" and not any(ch.isdigit() for c in token.lefts for ch in c.text):
            continue  # "in this round" of aid or talks; ammunition is "rounds" or "a 155mm round"
        if lemma == "round" and token.head.lemma_.lower() in ("do", "make") and token.dep_ == "dobj":
            continue  # "a report doing the rounds online"
        if token.dep_ == "compound" and token.head.pos_ == "NOUN":
            continue  # "artillery shells": the head noun carries the phrase
        if not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "‑"):
            continue  # "truck-mounted Caesar guns": the first half of a word that describes the thing
        if any(n.start <= token.i < n.end for n in s.names_of("weapon")):
            continue
        inside = [n for n in s.names_of("weapon") if token.left_edge.i <= n.start and n.end <= token.i]
        if inside:
            # "RBS 70 short-range air-defence missiles": the name begins the phrase; its number is no count.
            name_start = inside[-1].start
            if equipment:  # "six Mirage 2000-5 fighter jets": the count belongs to the line
                name_start = max(_count_start(doc, name_start), token.left_edge.i)
            text = syntax.span_text(list(doc[name_start : token.i + 1])).strip(" ,;:-")
        else:
            text = _phrase(token, _model_before(doc, token.left_edge.i), counts=equipment)
            if equipment and (measure := _counted_measure(token, lx)) is not None:
                # "some 40,000 sets of winter clothing": the count is of the measure the goods come in
                text = syntax.span_text(list(doc[_count_start(doc, measure.left_edge.i) : token.i + 1])).strip(" ,;:-")
            if equipment and lemma == "training":
                text += _trainees(token)  # "the training of some 2,500 Ukrainian soldiers": whom, and how many
        if not text or (equipment and text.lower() in _GENERIC):
            continue  # "weapons" alone says nothing as contents of a package; as the subject of a rule it does
        out.append((token.left_edge.i, Weapon(token, text, False, None)))
    out.sort(key=lambda pair: pair[0])
    return [w for _, w in out]


def _unlisted_name(token: Token, lx: Lexicon, s: Sentence) -> list[Token] | None:
    """ "Naval Strike Missiles", "Long Neptune Missile": capitalised words ending in a weapon's class noun, that no
    name the gazetteer knows covers; None for anything else ("the Ukrainian Air Force", "Russian Missiles")."""
    # A capitalised plural keeps its "s" in the lemma ("Missiles"): the singular is looked up too.
    if token.tag_ not in ("NNP", "NNPS") or not {token.lemma_.lower(), token.lower_.removesuffix("s")} & lx.weapon_heads:
        return None
    words = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS") and c.text[:1].isupper()]
    if not words or words[-1].i != token.i - 1 or any(n.start <= token.i < n.end for n in s.names):
        return None
    if token.dep_ == "compound" and token.head.tag_ in ("NNP", "NNPS") and token.head.i == token.i + 1:
        return None  # "Southern Defense Forces", "Air Defense Command": the start of a unit's or a body's name
    first = words[0]
    while (
        (left := next((c for c in first.lefts if c.dep_ == "compound" and c.i == first.i - 1), None)) is not None
        and left.tag_ in ("NNP", "NNPS")
        and left.text[:1].isupper()
    ):
        first = left  # "Naval Strike Missile" read as ((Naval Strike) Missile): the whole name
    phrase = list(token.doc[first.i : token.i + 1])
    if phrase[0].i == 0 or any(n.start <= t.i < n.end for t in phrase for n in s.names):
        return None  # a headline-cased opening, or a name the gazetteer knows ("Ukrainian", "Kongsberg")
    return phrase


# Words of a sum before a noun ("a $2bn order of shells"): the noun is bought, not counted.
_MONEY_WORDS = {"billion", "million", "bn", "m", "euros", "dollars", "pounds", "kroner", "kronor", "yen"}


def _counted_measure(goods: Token, lx: Lexicon) -> Token | None:
    """ "40,000 sets of winter clothing", "300 tonnes of fuel": the counted noun the goods are measured in, when
    it is no weapon or goods of its own ("1,000 rounds of ammunition" counts the rounds themselves)."""
    prep = goods.head
    if goods.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN" or prep.head.i > goods.i:
        return None
    measure = prep.head
    lemma = measure.lemma_.lower()
    if lemma in lx.weapon_heads or lemma in lx.equipment_heads or measure.lower_ in lx.equipment_heads:
        return None
    if lemma in lx.aid_noun:
        return None  # "a £1.6 billion package of missiles": the package is the help, its sum no count of the goods
    before = [t for t in measure.lefts]
    if any(t.is_currency or t.lower_ in _MONEY_WORDS for t in before):
        return None
    if not any(c.dep_ == "nummod" and c.like_num for c in measure.children):
        return None
    return measure


def _trainees(training: Token) -> str:
    """ " of some 2,500 Ukrainian soldiers" after "training": the counted people it is for, else nothing."""
    for prep in syntax.children(training, "prep"):
        who = syntax.first_child(prep, "pobj")
        if prep.lower_ in ("of", "for") and who is not None and any(c.dep_ == "nummod" for c in who.children):
            return " " + syntax.span_text([prep, *(t for t in who.subtree if t.i <= who.i)])
    return ""


def conjoined(weapon: Weapon, weapons: list[Weapon]) -> bool:
    """Is ``weapon`` in a coordination with another weapon ("ATACMS and Storm Shadow")?"""
    return any(other is not weapon and (other.head in weapon.head.conjuncts) for other in weapons)


def supplier_in(s: Sentence, weapon: Weapon) -> str | None:
    """ "German-supplied artillery", "US-made missiles", "British Storm Shadow": the supplier named on the weapon."""
    tokens = {t.i for t in syntax.phrase_tokens(weapon.head, stop=syntax.CLAUSES | {"prep"})}
    for name in s.names_of("actor"):
        if name.start in tokens and name.canonical not in ("Ukraine", "Russia"):
            return name.canonical
    return None
