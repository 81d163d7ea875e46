"""Answers to "Which N …?" and "What kind of N …?": the members of the class a question asks for, as a sentence
names them (a model, a country, a firm, a calibre); a named weapon a description stands beside; the person who holds
a title; the one a measure was imposed on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.language import COUNTRIES, MONTHS, WEEKDAYS
from bot.qa.lexicon import KINDS, SYNONYMS, stem, word_set
from bot.qa.phrases import is_new, short

if TYPE_CHECKING:
    from spacy.tokens import Token

# A model's name: "CV90", "LAV", "F-16", "M1A1" (letters with digits, or capitals only).
_MODEL = re.compile(r"(?=.*\d)[A-Z][A-Za-z0-9-]*|[A-Z]{2,}")


def named_as(s: Sentence, noun: str, question: set[str]) -> list[str]:
    """Names the sentence gives the class the question asks for: "the Moscow Exchange" for "which exchange",
    "Rivnopillia, a village" for "which village", "the \"Zapad\" group" for "which grouping"."""
    out: list[str] = []
    question = {w for w in question if stem(w) != noun and stem(w + "s") != noun}  # "the … Exchange" may say it
    same = SYNONYMS.get(noun, frozenset()) | {noun}
    kinds = same.union(*(KINDS.get(n, frozenset()) for n in same))
    for tok in s.doc:
        if tok.pos_ == "PROPN" and len(noun) >= 4 and tok.lower_.endswith(noun) and tok.lower_ != noun:
            out.append(tok.text)  # "Which bank …?" -> "Gazprombank": the class word ends the name
            continue
        # "Which grouping …?" is answered by "the Vostok group": a word of the same class names it too.
        if not {stem(tok.lower_), stem(tok.lemma_.lower())} & kinds:
            continue
        listed = _listed_after_colon(tok)
        if listed:
            # "two refineries …: the Afipsky plant in Krasnodar and the Syzran refinery": the list names them all.
            out.append(" and ".join(listed))
            continue
        models = [c for c in tok.lefts if c.dep_ == "compound" and _MODEL.fullmatch(c.text)]
        if tok.pos_ == "NOUN" and models:
            # "12 CV90 infantry fighting vehicles": a model name on the class word; the whole phrase answers.
            kept = [c for c in tok.lefts if c.dep_ in ("nummod", "compound", "amod")]
            phrase = short([t for c in kept for t in c.subtree] + [tok])
            if phrase and is_new(phrase, question):
                out.append(phrase)
            continue
        named: list[Token] = []
        if tok.tag_ in ("NNP", "NNPS"):
            head = tok
            while head.dep_ == "compound" and head.head.tag_ in ("NNP", "NNPS"):
                head = head.head
            named.append(head)
        else:
            # "its \"Zapad\", or West, group": a quoted name may hang on the noun as a modifier.
            named += [c for c in tok.children if c.dep_ in ("appos", "compound", "nmod") and c.pos_ == "PROPN"]
            # "two producers, Gazprom Neft and Surgutneftegas": an apposition the parser may read as a conjunct.
            named += [
                c
                for c in tok.children
                if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > 0 and s.doc[c.left_edge.i - 1].text == ","
            ]
        # "Zvirove, a village southwest of Pokrovsk": the name the apposition describes, also when the parser
        # hangs the class word on another word of the apposition ("village" as a compound of "southwest").
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.pos_ == "NOUN":
            named.append(tok.head)  # "the Norwegian arms company Kongsberg": the class word before the name
        described = tok.head if tok.dep_ in ("compound", "amod") and tok.head.dep_ == "appos" else tok
        if described.dep_ == "appos" and described.head.pos_ == "PROPN":
            named.append(described.head)
        part = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if part is not None and part.dep_ == "appos" and part.head.pos_ == "PROPN" and part.pos_ in ("NUM", "PRON"):
            named.append(part.head)  # "Surgutneftegas, one of Russia's largest oil producers"
        named += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ]
        # "its Southern group of forces": a capitalised adjective names the unit ("Southern group").
        titled = [
            c
            for c in tok.children
            if c.dep_ == "amod"
            and c.text[:1].isupper()
            and c.i > 0
            and c.lower_ not in _NATIONALITIES
            and not tok.tag_.startswith("NNP")
        ]
        named += titled
        for n in named:
            stop = syntax.CLAUSES | {"prep", "appos", "relcl", "det", "punct"}
            toks = [t for t in syntax.phrase_tokens(n, stop=stop) if t.pos_ in ("PROPN", "NUM") or t.i == n.i]
            for p in syntax.children(n, "prep"):
                # "the International Fund for Ukraine": a name that runs on through "for" or "of" to another name.
                obj = syntax.first_child(p, "pobj")
                if n.tag_ in ("NNP", "NNPS") and p.lower_ in ("for", "of") and obj is not None and obj.pos_ == "PROPN":
                    toks += [p, *sorted(obj.subtree, key=lambda t: t.i)]
            phrase = short(toks) if toks else None
            if n in titled:
                phrase = f"{n.text} {tok.text}"
            # "the Ukraine Energy Support Fund" for "Which fund gets the energy money?": a name of the class asked
            # for, with words of its own, even when some of its words are the question's.
            own = {w.lower() for w in phrase.split() if w[:1].isupper()} - question if phrase else set()
            if phrase and (is_new(phrase, question) or (n.i == tok.i and len(own) >= 2)):
                out.append(phrase)
                for c in n.conjuncts:  # "Rosneft and Lukoil", "… and Hong Kong's Harbourline Petroleum Ltd."
                    more = short([t for t in c.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [c])
                    if more and c.pos_ == "PROPN" and is_new(more, question):
                        out[-1] = f"{out[-1]} and {more}"
    return out


def _listed_after_colon(noun: Token) -> list[str]:
    """The names of a list after a colon that closes a plural noun's phrase: "hit two refineries overnight on
    Tuesday: the Afipsky plant in Russia’s Krasnodar region and the Syzran refinery" -> Afipsky, Syzran."""
    doc = noun.doc
    if noun.tag_ != "NNS":
        return []
    colon = next((t for t in doc[noun.i + 1 : noun.i + 8] if t.text == ":"), None)
    if colon is None or any(t.text in (",", ";", ".") for t in doc[noun.i + 1 : colon.i]):
        return []
    items = [
        t
        for t in doc[colon.i + 1 :]
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "poss", "nmod", "pobj", "npadvmod")
    ]
    names = []
    for item in items:
        parts = [c for c in item.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if item.pos_ == "PROPN":
            parts.append(item)
        if parts:
            names.append(syntax.span_text(parts))
    return names if len(names) > 1 else []


# Adjectives of nationality or side, which describe a unit rather than name it.
_NATIONALITIES = frozenset(
    {"russian", "ukrainian", "american", "british", "french", "german", "polish", "chinese", "north", "korean", "belarusian"}
)
# Bodies a country's name may own: "Germany's defence ministry", "the French government", "Poland's president".
_BODIES = word_set(
    """ministry minister government office army military force president leader spokesman spokeswoman spokesperson
    embassy parliament envoy ambassador official chancellor premier cabinet navy"""
)


def countries_named(s: Sentence, question: set[str]) -> tuple[int, str] | None:
    """The countries a sentence names as such (not as demonyms), without those the question names, as one
    list: "Netherlands, Denmark, Norway and Sweden"; ranked 0 when they are the subject of the sentence's
    main verb, 2 when named elsewhere in it ("what Washington will no longer give")."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    subject = syntax.subject(root) if root is not None else None
    if subject is not None:
        in_subject = {t.i for t in subject.subtree}
    else:  # "Under a NATO scheme, Finland and Latvia have put up …": the parse may lose the subject
        in_subject = set(range(root.i)) if root is not None else set()
    if root is not None:
        # "“Italy will not send soldiers,” the minister said": the subject of the words reported counts too.
        for said in syntax.children(root, "ccomp"):
            told = syntax.subject(said)
            in_subject |= {t.i for t in told.subtree} if told is not None else set()
    found: list[str] = []
    doers = False
    for name in s.names:
        if name.kind not in ("actor", "country") or name.canonical in ("European Union", "NATO", "G7", "United Nations"):
            continue
        toks = s.doc[name.start : name.end]
        if not all(t.tag_ in ("NNP", "NNPS") for t in toks) or name.canonical in found:
            continue
        named_in_question = stem(name.text.lower()) in question or name.text.lower() in question
        if named_in_question or any(t.ent_type_ == "PERSON" for t in toks):
            continue
        owner = toks[-1] if toks[-1].dep_ == "poss" else toks[0]
        if owner.dep_ == "poss" and (owner.head.lemma_.lower() in _BODIES or name.text != name.canonical):
            # "Germany's defence ministry" names a body, "Washington's hesitation" a government; "Kyrgyzstan's
            # imports" a country.
            continue
        # "Budapest has signalled it will not support this one": the capital stands for its country, which is asked for.
        capital = name.text.lower().replace(" ", "") not in COUNTRIES and name.canonical != name.text
        found.append(f"{name.canonical} ({name.text})" if capital else name.text)
        doers = doers or name.start in in_subject
    # Ukraine and Russia are in most sentences of the war; another country named beside them is the answer.
    found = [n for n in found if n not in ("Ukraine", "Russia")] or found
    if not found:
        return None
    return (0 if doers else 2), found[0] if len(found) == 1 else f"{', '.join(found[:-1])} and {found[-1]}"


# A "for" phrase that says who or when, not what for: "for Ukraine", "for two years".


def proper_names(s: Sentence, question: set[str]) -> list[str]:
    """Names the sentence gives that are not governments, places or people the gazetteer knows, nor named in
    the question: "Coral Line Shipping", "Rosneft", "Lukoil", the names a "which company" question wants."""
    known = {i for n in s.names if n.kind in ("actor", "country", "place", "person", "side") for i in range(n.start, n.end)}
    out: list[str] = []
    for tok in s.doc:
        if tok.tag_ not in ("NNP", "NNPS") or (tok.dep_ == "compound" and tok.head.tag_ in ("NNP", "NNPS")):
            continue
        if not tok.text[:1].isupper():
            continue  # "the foreign ministry", tagged as a name: a name is written with a capital
        if tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.pos_ == "NOUN":
            continue  # "the Kesh customs office": a name that says whose office, not a firm's name
        chain = [t for t in tok.subtree if t.dep_ == "compound" and t.tag_ in ("NNP", "NNPS") and t.i < tok.i] + [tok]
        calendar = any(t.lower_ in MONTHS or t.lower_ in WEEKDAYS for t in chain)
        if calendar or any(t.i in known or t.ent_type_ == "PERSON" for t in chain) or tok.i == 0:
            continue
        place = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "across", "near", "throughout")
        if tok.lower_ in _BODIES or tok.ent_type_ in ("LOC", "GPE") or place:
            continue  # "Ukraine's Foreign Ministry", "banks in Russia's Far East": a body or a region, not a firm
        text = syntax.span_text(chain)
        if is_new(text, question) and text not in out:
            out.append(text)
    return out


# A measure that says what sort a thing is ("155mm", "9x19"), not how many there are ("300,000").
_MEASURED = re.compile(r"\d+(?:\.\d+)?\s*(?:mm|cm|-mm|x\d+)\b|^\d+mm$", re.IGNORECASE)


def sort_of(s: Sentence, noun: str, question: set[str]) -> str | None:
    """What the sentence says of the sort of ``noun`` (or a word of its class): the modifiers of its mention,
    "155mm" in "155mm artillery shells", "35mm Gepard" in "35mm Gepard anti-aircraft rounds"."""
    asked = stem(noun.lower())
    same = SYNONYMS.get(asked, frozenset()) | {asked} | KINDS.get(asked, frozenset())
    for tok in s.doc:
        if tok.pos_ != "NOUN" or not {stem(tok.lower_), stem(tok.lemma_.lower())} & same:
            continue
        region = [t for t in s.doc[tok.left_edge.i : tok.i + 1] if t.dep_ not in ("det", "poss", "case", "predet")]
        if tok.dep_ == "appos" and tok.head.lower_ in ("mm", "cm"):
            region = list(s.doc[tok.head.left_edge.i : tok.i + 1])  # "35 mm Gepard … rounds"
        named = any(t.pos_ == "PROPN" and t.i < tok.i for t in region)
        if region and (_MEASURED.search(syntax.span_text(region)) or named):
            text = short(region)
            if text and is_new(text, question):
                return text
    return None


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen"})


def spokespeople(s: Sentence, question: set[str]) -> list[tuple[bool, str]]:
    """The people the sentence names as someone's spokesperson, each with whether it speaks for one the question
    names: "Kremlin spokesman Dmitry Peskov", "Viktor Trehubov, spokesman for Ukraine's Khortytsia group"."""
    found: list[tuple[bool, str]] = []
    for title in s.doc:
        if title.lower_ not in _SPOKESPEOPLE or title.head.pos_ != "PROPN" or title.dep_ not in ("compound", "appos"):
            continue
        person = title.head
        # "Kremlin spokesman Dmitry Peskov": the name after the title; "Viktor Trehubov, spokesman …": all of it.
        name = [
            t
            for t in person.lefts
            if t.dep_ == "compound" and t.pos_ == "PROPN" and (title.dep_ == "appos" or t.i > title.i)
        ] + [person]
        # Whose spokesperson: the words before the title ("Kremlin", "Russian Foreign Ministry") and its "for X".
        owner = [t for c in title.children if c.dep_ in ("compound", "amod", "prep", "poss") for t in c.subtree]
        words = {t.lower_.rstrip("s") for t in owner if t.pos_ in ("PROPN", "NOUN", "ADJ")}
        found.append((bool(words & question), syntax.span_text(sorted(name, key=lambda t: t.i))))
    return found


def of_kind(head: Token, asked: set[str]) -> bool:
    """Is the weapon of the kind asked about, by its own head or the phrase beside it ("the Garpiya-3, a long-range
    attack drone")?"""
    beside = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
    # "Stinger missiles for air defense": what the weapon is for says its kind too.
    purpose = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.subtree if o.dep_ != "prep"]
    return any(t.lemma_.lower() in asked or t.lower_ in asked for t in (head, *beside, *purpose))


def named_beside(head: Token) -> str | None:
    """The name a described weapon stands right after: "the Garpiya-3, a long-range attack drone" -> "Garpiya-3"
    (read from the word order: the parser often hangs such an apposition on an earlier noun)."""
    edge = head.left_edge
    if head.dep_ != "appos" or edge.i < 2 or edge.nbor(-1).text != ",":
        return None
    name = edge.nbor(-2)
    if name.pos_ != "PROPN":
        return None
    words = [t for t in name.lefts if t.dep_ in ("compound", "nmod") and t.pos_ == "PROPN"] + [name]
    return " ".join(t.text for t in words)


# "Who got the travel ban?", "Who faces the new tariffs?": the one a measure falls on.
GOT_Q = re.compile(
    r"^\W*(?:and\s+|so\s+)?who\s+(?:got|gets|received|receives|faces|faced|was hit with|were hit with)\s+"
    r"(?:the\s+|a\s+|an\s+|these\s+|those\s+)?(?:[\w'’-]+\s+){0,3}?([a-z][\w-]*?)s?\s*\?*$",
    re.IGNORECASE,
)


def measure_on(s: Sentence, noun: str) -> str | None:
    """The one the sentence's ``noun`` is imposed on: "imposed a travel ban on its chief executive, Igor
    Lavrentyev" -> "Igor Lavrentyev" (the name, when the phrase has one)."""
    for tok in s.doc:
        if tok.lower_.rstrip("s") != noun.lower().rstrip("s"):
            continue
        for prep in syntax.children(tok, "prep"):
            if prep.lower_ not in ("on", "against"):
                continue
            for obj in syntax.children(prep, "pobj"):
                named = [a for a in syntax.children(obj, "appos") if a.pos_ == "PROPN"]
                head = named[0] if named else obj
                return short([t for t in head.subtree if t.dep_ not in ("punct",) and t.i >= head.left_edge.i])
    return None


def titled(s: Sentence, title: str, asked: set[str]) -> str | None:
    """The person the sentence gives ``title`` ("minister"), written before the name ("Defence Minister Guido
    Crosetto") or beside it ("Guido Crosetto, the defence minister"), when the title's other words are the
    question's too."""
    known = {stem(a) for a in asked} | asked
    for tok in s.doc:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or not tok.text[:1].isupper():
            continue
        before = [t for t in tok.subtree if t.i < tok.i and t.dep_ in ("compound", "amod")]
        at = next((n for n, t in enumerate(before) if stem(t.lower_) == title), None)
        if at is not None:
            heading, name = before[: at + 1], [*before[at + 1 :], tok]
        else:
            appos = [c for c in tok.children if c.dep_ == "appos" and stem(c.lower_) == title]
            if not appos:
                continue
            heading, name = [t for t in appos[0].subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")], [*before, tok]
        others = {stem(t.lower_) for t in heading if stem(t.lower_) != title}
        if others <= known:
            return " ".join(t.text for t in name)
    return None
