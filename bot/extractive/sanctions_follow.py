"""Sanctions told over several sentences: after a measure is named, "The package adds 116 individuals to the
list", "Among them are companies in China", "They include a logistics firm in Kyrgyzstan", "The ships are
barred from UK ports" name more of what it does, by the same imposer, without naming it again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actors_in
from bot.extractive.found import Found, unique
from bot.extractive.reading import Context, Sentence
from bot.extractive.sanction_lines import sanction_item
from bot.extractive.sanction_nouns import list_owner
from bot.extractive.sanction_targets import names_listed
from bot.extractive.sanction_verbs import HITTING, struck
from bot.extractive.weapons import weapons_in
from bot.figures import find_count, word_number

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.sanctions import SanctionsReader

# Nouns that stand for the measure just named: "the package", "the list", "the new listings".
_MEASURE_WORDS = {
    "package",
    "list",
    "measure",
    "round",
    "designation",
    "listing",
    "sanction",
    "sanctions",
    "action",
    "step",
    "decision",
    "rule",
    "regulation",
    "tranche",
}
# What a measure does to what it names: "adds", "bans", "covers", "includes", "targets".
_ACTS = {
    "add",
    "ban",
    "bar",
    "target",
    "hit",
    "cover",
    "name",
    "list",
    "forbid",
    "prohibit",
    "freeze",
    "restrict",
    "include",
    "contain",
    "comprise",
    "extend",
    "impose",
    "blacklist",
    "designate",
    "cut",
    "exclude",
}
# Passive verbs that are a measure on their subject: "the ships are barred from UK ports".
_DONE_TO = {
    "bar",
    "ban",
    "add",
    "place",
    "put",
    "list",
    "prohibit",
    "freeze",
    "restrict",
    "blacklist",
    "designate",
    "exclude",
    "cut",
    "forbid",
}
_STAND_FOR = {"they", "these", "those", "it", "them"}
# Nouns that are the listed themselves: "Treasury's targets", "the designations", "the new listings".
_LISTED_NOUNS = {"target", "designation", "designee", "listing", "addition"}
# "bringing the total number of blacklisted ships to 557", "this takes the number of vessels the UK has
# sanctioned to more than 450": a running total, of names on a sanctions list.
_BRINGS = {"bring", "take", "raise", "push", "lift"}
# The tagger's lemma of "bring" is sometimes "bre": the written forms count as well.
_BRING_FORMS = {"bring", "brings", "brought", "bringing", "takes", "took", "taking", "raises", "raised", "raising"}
_LISTED = {"sanction", "sanctions", "list", "blacklist", "designate", "designation", "listing"}
# "Also on Thursday's list:", "On the list:", "Also on the EU's blacklist:": a label line before the entries.
_LIST_LABEL = re.compile(r"^\s*(?:Also\s+)?on\s+(?:the|its|their|[\w.’']+['’]s)\s+(?:\w+\s+)?(?:list|blacklist)\s*:", re.I)
# Where a sentence's own words end and its attribution begins: ", according to the ministry", ", officials said".
_UNTIL_ATTRIBUTION = re.compile(r",\s+(?:according\s+to\b|(?:the\s+)?[\w’']+(?:\s+[\w’']+)?\s+(?:said|says|added)\b)")
_WINDOW = 2  # sentences after the measure in which a follow-up still belongs to it
_DESCRIBED_WINDOW = 12  # sentences back in which "the package" still finds the package it names


def measure_antecedent(ctx: Context, s: Sentence, noun: Token) -> Found | None:
    """The measure a definite "the package" stands for: the latest one whose sentence used that noun.
    Unlike "they" or "it", such a description can point back past sentences of background."""
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "that") for c in noun.children):
        return None
    lemma = noun.lemma_.lower()
    told = [
        f
        for f in reversed(ctx.items[-12:])
        if f.section == "sanctions"
        and f.sentences[-1].index >= s.index - _DESCRIBED_WINDOW
        and any(t.lemma_.lower() == lemma for t in f.sentences[0].doc)
    ]
    # "approved a 20th package of sanctions …, while Britain separately targeted dozens of vessels. … The package also
    # imposes …": the measure that is the package, before another measure its sentence also told.
    named = [f for f in told if lemma in str(f.fields.get("targets") or "").lower()]
    found: list[Found] = named or told
    return found[0] if found else None


def owner_before(ctx: Context, s: Sentence, noun: Token) -> str | None:
    """Whose measure a definite "the package" is, when the sentence before names it with its owner ("the
    European Union's 17th sanctions package"), whether or not that sentence was itself a measure."""
    if (
        s.index == 0
        or s.index > len(ctx.sentences)
        or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)
    ):
        return None
    before = ctx.sentences[s.index - 1]
    for t in before.doc:
        if t.lemma_.lower() != noun.lemma_.lower():
            continue
        for c in t.children:
            if c.dep_ in ("poss", "compound", "nmod"):
                found = [a for a in actors_in(before, c) if a != "Russia"]
                if found:
                    return found[0]
    return None


# Verbs that say no to doing something: "has ruled out confiscating the assets", "refused to sanction".
_REFUSING = {"refuse", "decline", "reject", "oppose", "resist", "veto", "block"}


def self_barred(trigger: Token) -> bool:
    """ "Japan, whose export rules bar it from supplying lethal weapons": a government's rule on itself is no
    sanction on anyone."""
    verb = trigger if syntax.is_verbal(trigger) else trigger.head
    obj = syntax.first_child(verb, "dobj")
    return obj is not None and obj.lower_ in ("it", "itself", "themselves", "us", "ourselves")


def refused(trigger: Token) -> bool:
    """ "Belgium has ruled out confiscating the underlying assets", "Hungary refused to sanction the patriarch",
    "the EU did not list the bank": a measure someone says no to is not taken."""
    verb = trigger if syntax.is_verbal(trigger) else trigger.head
    if syntax.is_verbal(verb) and syntax.is_negated(verb):
        return True
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return True  # "added 21 officials to its list, without naming them"
    if syntax.held_back(verb):
        return True  # "The Treasury stopped short of designating any of India's state-run refiners"
    for up in list(verb.ancestors)[:2]:
        lemma = up.lemma_.lower()
        ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in up.children)
        if (
            syntax.is_verbal(up)
            and (lemma in _REFUSING or ruled_out)
            and verb.dep_ in ("xcomp", "pcomp", "dobj", "ccomp", "advcl")
        ):
            return True
    return False


class SanctionsFollowUp:
    def __init__(self, reader: SanctionsReader) -> None:
        self.r = reader
        self.ctx = reader.ctx

    def _recent(self, s: Sentence, window: int = _WINDOW) -> Found | None:
        recent: list[Found] = [
            f for f in self.ctx.items[-6:] if f.section == "sanctions" and f.sentences[-1].index >= s.index - window
        ]
        return recent[-1] if recent else None

    def _among_the_listed(self, s: Sentence) -> bool:
        """ "Among the entities listed is …": the targets described as such point back past a quote or two."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        return root is not None and any(
            p.lower_ == "among" and any(self._the_listed(o) for o in p.children) for p in syntax.children(root, "prep")
        )

    def _the_listed(self, noun: Token) -> bool:
        """ "the entities listed", "the companies named", "the sanctioned firms": the targets of the measure just
        told, described as such."""
        # "Among those targeted was …": the pronoun described as listed stands for them too.
        pointing = noun.lower_ in ("those", "these") and noun.pos_ in ("PRON", "DET")
        if noun.lemma_.lower() in _LISTED_NOUNS and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "those", "its", "their")) for c in noun.children
        ):
            return True  # "Among Treasury's targets were 42 companies …", "Among the designations is …"
        if not pointing and (
            noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "those") for c in noun.children)
        ):
            return False
        # Described as listed, not merely of a kind sanctions hit: "Among the companies in the consortium" is not.
        return any(
            c.dep_ in ("acl", "amod") and (c.lemma_.lower() in self.r.lx.sanction | _LISTED or c.lemma_.lower() == "name")
            for c in noun.children
        ) or any(self._by_the_measure(c) for c in noun.children if c.dep_ == "acl")

    def _by_the_measure(self, verb: Token) -> bool:
        """ "the companies hit by the export ban", "the firms covered by the sanctions": done to them by a measure."""
        return any(
            o.lemma_.lower() in self.r.lx.sanction_noun or o.lemma_.lower() in _MEASURE_WORDS
            for a in syntax.children(verb, "agent")
            for o in syntax.children(a, "pobj")
        )

    def _described(self, s: Sentence) -> Found | None:
        """The measure the sentence's subject names ("The package contains …"), however far back."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        subject = syntax.first_child(root, "nsubj") if root is not None else None
        if subject is None or subject.lemma_.lower() not in _MEASURE_WORDS:
            return None
        return measure_antecedent(self.ctx, s, subject)

    def _shape(self, s: Sentence) -> tuple[Token, Token] | None:
        """(verb, target) when the sentence continues a measure, else ``None``."""
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        if root is not None and root.lemma_.lower() in self.r.lx.report - _ACTS:  # not "adds"
            # "A fact sheet said they included Chinese companies …": what the report says continues the measure.
            root = syntax.first_child(root, "ccomp") or root
        if root is None or not syntax.is_verbal(root) or syntax.is_negated(root):
            return None
        if root.lemma_.lower() in HITTING and struck(self.r.lx, root):
            return None  # "The Defence Ministry said it had hit a workshop …": a strike, not the measure going on
        listed = _on_the_list(s) or _listings_of(root)
        if listed is not None:
            return listed
        lemma = root.lemma_.lower()
        among = any(
            p.lower_ == "among" and any(o.lower_ in _STAND_FOR | {"which"} or self._the_listed(o) for o in p.children)
            for p in syntax.children(root, "prep")
        )
        subject = syntax.first_child(root, "nsubj", "nsubjpass")
        if (
            not among
            and subject is not None
            and subject.lemma_.lower() in _LISTED_NOUNS
            and any(c.dep_ == "case" for c in subject.children)
            and any(p.lower_ == "among" for p in syntax.children(root, "prep"))
        ):
            # "Among Treasury's targets were 42 companies …", parsed as "[Among Treasury] ['s targets] were …"
            among, subject = True, syntax.first_child(root, "attr")
        if among and subject is None:
            subject = syntax.first_child(root, "attr")  # "Among the companies named is the Kazan Optics plant"
        if among and subject is not None:
            return root, subject  # "Among them are companies in China …"
        if subject is None:
            return None
        named = _one_of_them(subject) or _best_known(root, subject)
        if named is not None:
            return root, named
        stands_for = subject.lemma_.lower() in _MEASURE_WORDS or subject.lower_ in _STAND_FOR
        if stands_for and lemma in _ACTS and not syntax.is_passive(root):
            target = syntax.first_child(root, "dobj") or next(
                (
                    t
                    for t in root.subtree
                    if t.i > root.i and t.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in t.children)
                ),
                None,
            )  # the parser lost the object: the counted noun
            return (root, target) if target is not None else None
        if (
            syntax.is_passive(root)
            and lemma in _DONE_TO
            and syntax.agent(root) is None
            and subject.lemma_.lower() not in _MEASURE_WORDS
        ):
            return root, subject  # "52 more vessels were added to the list", "the ships are barred from ports"
        return None

    def totals(self, s: Sentence) -> list[Found]:
        """Running totals of a sanctions list, wherever they are said."""
        out: list[Found] = []
        for verb in s.doc:
            if (verb.lemma_.lower() not in _BRINGS and verb.lower_ not in _BRING_FORMS) or not syntax.is_verbal(verb):
                continue
            total = syntax.first_child(verb, "dobj")
            if total is None or total.lemma_.lower() not in ("total", "number", "tally", "count"):
                continue
            # "takes the number of vessels the UK has sanctioned to more than 450": the parser may hang the "to"
            # on the verb inside the total's relative clause; a "to" with a number is the new total all the same.
            to = next((p for p in syntax.children(verb, "prep") if p.lower_ == "to"), None) or next(
                (
                    p
                    for p in total.subtree
                    if p.lower_ == "to" and p.dep_ == "prep" and any(o.like_num for o in syntax.children(p, "pobj"))
                ),
                None,
            )
            if to is None:
                continue
            if not any(t.lemma_.lower() in _LISTED for t in total.subtree):
                continue
            value = word_number(" ".join(t.text for t in to.subtree if t.like_num))
            if value is None or value < 1:
                continue
            count = int(value)
            named = [
                n.canonical
                for n in s.names
                if n.kind == "actor" and n.start in {t.i for t in total.subtree} and n.canonical not in BELLIGERENTS
            ]
            recent = self._recent(s)
            imposer = named[0] if named else (recent.fields["imposed_by"] if recent else self.ctx.last_sanctions_actor)
            if imposer is None:
                continue
            what = syntax.span_text(
                [t for t in total.subtree if (t.dep_ != "det" or t.head.i != total.i) and t.i < to.i]
            ).strip(" ,;")
            out.append(
                Found(
                    "sanctions",
                    {
                        "imposed_by": imposer,
                        # "more than 450" as the article puts it, not a bare 450
                        "targets": f"{what}: {syntax.span_text(list(to.subtree)[1:]) or count}",
                        "target_count": count,
                        "target_countries": [],
                        "sectors": [],
                    },
                    [s],
                    merge_key=(imposer.lower(), count, "total"),
                )
            )
        return out

    def listed_after_label(self, s: Sentence) -> Found | None:
        """ "Also on Thursday's list: more than 50 smaller Russian banks, 40 securities registrars, …": a label line
        naming the list, then its entries, after a measure was just told."""
        match = _LIST_LABEL.match(s.text)
        recent = self._recent(s) if match else None
        if match is None or recent is None:
            return None
        rest = s.text[match.end() :].strip().rstrip(".")
        if not rest:
            return None
        start = match.end()
        inside = {t.i for t in s.doc if t.idx >= start}
        found = find_count(rest)
        return Found(
            "sanctions",
            {
                "imposed_by": recent.fields["imposed_by"],
                "targets": rest,
                "target_count": found[0] if found else None,
                "target_countries": unique([n.canonical for n in s.names if n.kind == "country" and n.start in inside]),
                "sectors": unique([n.text for n in s.names if n.kind == "sector" and n.start in inside]),
            },
            [s],
        )

    def breakdown(self, s: Sentence) -> bool:
        """ "Of those, 27 are based in mainland China and Hong Kong, nine in the UAE and five in Turkey": where the
        targets just counted are, told in the next sentence, is part of that line (its countries too)."""
        words = [t for t in s.doc if not t.is_space]
        if len(words) < 4 or words[0].lower_ != "of" or words[1].lower_ not in _STAND_FOR or words[2].text != ",":
            return False
        recent = self._recent(s, window=1)
        if recent is None or not recent.fields["target_count"] or not any(t.like_num for t in words[3:]):
            return False
        told = _UNTIL_ATTRIBUTION.split(s.text[words[3].idx - s.doc[0].idx :], maxsplit=1)[0].strip(" ,;.")
        recent.fields["targets"] = f"{recent.fields['targets'] or ''}; of those, {told}".lstrip("; ")
        countries = [n.canonical for n in s.names if n.kind == "country"]
        recent.fields["target_countries"] = unique([*recent.fields["target_countries"], *countries])
        recent.extend(s)
        return True

    def read(self, s: Sentence) -> Found | None:
        labelled = self.listed_after_label(s)
        if labelled is not None:
            return labelled
        recent = (
            self._described(s)
            or self._recent(s)
            or (self._recent(s, _DESCRIBED_WINDOW) if self._among_the_listed(s) else None)
        )
        if recent is None:
            return None
        shape = self._shape(s)
        if shape is None:
            return None
        verb, target = shape
        if syntax.is_negated(verb) or any(c.dep_ == "det" and c.lower_ == "no" for c in target.children):
            return None  # "no foreign bank had yet been cut off", "they were not listed": nobody hit
        heads = [target, *target.conjuncts]  # what is included, without what describes it ("linked to … drones")
        if verb.lemma_.lower() in ("include", "contain", "comprise") and weapons_in(
            s, self.r.lx, indices={t.i for h in heads for t in h.subtree if t.i <= h.i}
        ):
            return None  # "the new package … includes munitions for HIMARS, Stinger missiles …": arms given, not measures
        clause = {t.i for t in verb.subtree}
        sectors = unique([n.text for n in s.names if n.kind == "sector" and n.start in clause])
        by = _listed_by(s)
        if by is not None:
            self.ctx.last_sanctions_actor = by  # "… were also listed" next goes on with Washington's list
        item = sanction_item(self.r.lx, s, verb, target, by or recent.fields["imposed_by"], clause, sectors)
        if item is not None and "list" in (item.fields["targets"] or "").lower().split():
            item.fields["targets"] = syntax.noun_phrase(target)  # "116 individuals", not "… to the EU's list of …"
        # "Among them are A, a plant …; B; and C": entries set apart by semicolons are each one of those listed.
        semicolons = verb.lemma_.lower() == "be" and ";" in s.text
        if item is not None and (verb.lemma_.lower() == "include" or semicolons) and target.pos_ == "PROPN":
            # "Those named include X, described as …, and Y, a director of …": every name after the verb is one of
            # those listed, however the parser hangs the descriptions between them.
            names = names_listed(s, [t for t in s.doc if t.i > verb.i])
            if len(names) >= 2:
                item.fields["targets"] = ", ".join(names)
        if item is not None and not (
            item.fields["target_count"]
            or item.fields["target_countries"]
            or item.fields["sectors"]
            or len(item.fields["targets"] or "") > 3
        ):
            return None
        return item


def _one_of_them(subject: Token) -> Token | None:
    """ "One of them, the Dubai-registered Coral Line Shipping, is accused of …": the name set beside "one of
    them" is one of the targets just named."""
    if subject.lower_ != "one" or not any(
        o.lower_ in _STAND_FOR for p in syntax.children(subject, "prep") if p.lower_ == "of" for o in p.children
    ):
        return None
    return next((a for a in syntax.children(subject, "appos") if a.pos_ == "PROPN"), None)


# What a list's entries are called: "The most prominent name is Surgutneftegas", "The biggest target is …".
_ENTRY_WORDS = {"name", "target", "addition", "entry", "listing", "designation"}


def _best_known(root: Token, subject: Token) -> Token | None:
    """ "The most prominent name is Surgutneftegas": a list entry singled out by a superlative is named."""
    if root.lemma_.lower() != "be" or subject.lemma_.lower() not in _ENTRY_WORDS:
        return None
    singled_out = any(
        c.tag_ == "JJS" or any(m.lower_ == "most" for m in c.children) for c in subject.children if c.dep_ == "amod"
    )
    # "The most prominent name in the Kremlin's team" singles out someone else's name.
    elsewhere = any(
        o.lemma_.lower() not in _LISTED | _MEASURE_WORDS for p in syntax.children(subject, "prep") for o in p.children
    )
    named = syntax.first_child(root, "attr")
    return named if singled_out and not elsewhere and named is not None and named.pos_ == "PROPN" else None


def _on_the_list(s: Sentence) -> tuple[Token, Token] | None:
    """ "Firms in China … are also on the list": (the verb "be", its subject). The parser may hang "are"
    as a conjunct of a participle before it, so the subject is looked for on its head too."""
    for be in s.doc:
        if be.lemma_.lower() != "be" or syntax.is_negated(be):
            continue
        on = next((p for p in syntax.children(be, "prep") if p.lower_ in ("on", "onto")), None)
        listing = syntax.first_child(on, "pobj") if on is not None else None
        if listing is None or listing.lemma_.lower() not in _LISTED:
            continue
        subject = syntax.first_child(be, "nsubj") or (syntax.first_child(be.head, "nsubj") if be.dep_ == "conj" else None)
        if subject is not None and subject.lower_ not in _STAND_FOR:
            return be, subject
    return None


def _listings_of(root: Token) -> tuple[Token, Token] | None:
    """ "There are also new listings of companies in China …": (the verb, what is listed)."""
    if root.lemma_.lower() != "be" or syntax.first_child(root, "expl") is None:
        return None
    listing = syntax.first_child(root, "attr", "nsubj")
    if listing is None or listing.lemma_.lower() not in _LISTED | {"designation", "listing"}:
        return None
    of = next((p for p in syntax.children(listing, "prep") if p.lower_ == "of"), None)
    listed = syntax.first_child(of, "pobj") if of is not None else None
    return (root, listed) if listed is not None else None


_LISTING_VERBS = {"name", "list", "designate", "sanction", "target", "add", "blacklist"}


def _listed_by(s: Sentence) -> str | None:
    """ "Among the companies named by Washington was …", "The EU list included …": the government a listing verb's
    "by" names, or whose list it is, which overrides whoever listed the names before."""
    for by in s.doc:
        if by.dep_ == "agent" and by.head.lemma_.lower() in _LISTING_VERBS:
            named = [a for o in syntax.children(by, "pobj") for a in actors_in(s, o) if a not in BELLIGERENTS]
            if named:
                return named[0]
        if by.dep_ in ("nsubj", "nsubjpass") and (owner := list_owner(s, by)) is not None:
            return owner  # "The EU list included Marmara Petrol Rafinerisi": whose list it is
    return None
