"""Who acts in a clause: the government or institution behind a subject, an agent or a possessive.

"Britain and France" gives both; "Russia's Defence Ministry" gives Russia; "it" and "the government"
take the actor of the sentences before. Canonical names come from the domain file's ``actors``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import unique
from bot.extractive.reading import Context, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

BELLIGERENTS = ("Ukraine", "Russia")
# Common nouns that stand for the actor named before: "the government", "ministers", "the administration".
# Alliances and forums, which have no cabinet, parliament or ministry of their own.
_ALLIANCES = ("NATO", "G7", "G20", "United Nations")
_NATIONAL = {"government", "administration", "ministry", "minister", "cabinet", "parliament", "country", "nation", "state"}
STAND_INS = {
    "government",
    "administration",
    "ministry",
    "minister",
    "ministers",
    "cabinet",
    "country",
    "nation",
    "official",
    "officials",
    "leader",
    "leaders",
    "parliament",
    "lawmaker",
    "lawmakers",
    "state",
    "capital",
    "authorities",
    "coalition",
    "donor",
    "donors",
    "partner",
    "partners",
    "ally",
    "allies",
}


_FIRST_PERSON = {"we", "our", "us"}


def actors_in(s: Sentence, head: Token) -> list[str]:
    """Canonical actors named in the phrase of ``head`` and its coordinated phrases, in order."""
    heads = [head, *head.conjuncts] if head.dep_ != "conj" else [head]
    out: list[str] = []
    for h in heads:
        tokens = {t.i for t in syntax.phrase_tokens(h, stop=syntax.CLAUSES | {"appos", "prep"})}
        # "Oslo and The Hague": an apposition or "of X" names the actor too ("the government of Norway").
        for prep in syntax.children(h, "prep"):
            if prep.lower_ == "of":
                tokens.update(t.i for t in prep.subtree)
        names = [n for n in s.names_of("actor") if n.start in tokens]
        out.extend(n.canonical for n in names)
    return unique(out)


def actor_of(
    s: Sentence, head: Token | None, ctx: Context, *, exclude: tuple[str, ...] = BELLIGERENTS, person: bool = False
) -> str | None:
    """The actor(s) ``head`` names, joined ("United Kingdom and France"); pronouns and stand-ins resolve
    to the latest actor; ``None`` when the phrase names nobody the domain file knows. With ``person``,
    a named official is shown too: "France (Macron)"."""
    if head is None:
        return None
    if head.lower_ in ("which", "who", "that"):
        clause = head.head
        while clause.dep_ == "ccomp" and clause.head.i != clause.i and clause.head.i > head.i:
            clause = clause.head  # "…, which diplomats said would add 62 individuals": the clause the pronoun opens
        if clause.dep_ == "relcl" and clause.head.i != clause.i:
            head = clause.head  # "Berlin, which has yet to approve …": the relative pronoun is the noun it describes
    whose = next((c for c in head.children if c.lower_ == "whose"), None)
    if whose is not None and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        head = head.head.head  # "Japan, whose export rules bar it from supplying …": whose rules are Japan's
    possessive = head.tag_ == "PRP$" and head.lower_ in ("its", "their", "our")  # "Finland says its package …"
    if head.lemma_.lower() in STAND_INS:
        # "the cabinet in Warsaw", "the government of Poland": the stand-in names its seat after it.
        seat = [
            a
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("in", "of")
            for o in p.children
            if o.dep_ == "pobj"
            for a in actors_in(s, o)
            if a not in exclude
        ]
        if seat:
            return seat[0]
    if syntax.is_pronoun(head) or possessive or (head.lemma_.lower() in STAND_INS and not actors_in(s, head)):
        # "Norway said it would give …": "it" is the actor named earlier in the sentence, if any.
        if head.lower_ in _FIRST_PERSON:
            # "“We will send another €100 million,” the Lithuanian minister said": "we" is the speaker's
            # government, named after the quote.
            after = [n.canonical for n in s.names_of("actor", head.i + 1) if n.canonical not in exclude]
            if after:
                return after[-1]
        if head.lower_ in ("they", "their", "them") and any(t.lower_ == "respectively" for t in s.doc):
            # "Finland and Iceland said they would contribute €90m and €3.5m respectively": "they" is the pair
            # that says it, each with its own share. A joint "they" ("… said they would together put €320m")
            # keeps the name before it for now: joined, its donors changed answers about one partner's share.
            for up in head.ancestors:
                who = syntax.subject(up) if syntax.is_verbal(up) else None
                pair = [a for a in actors_in(s, who) if a not in exclude] if who is not None and who.i < head.i else []
                if len(pair) > 1:
                    return " and ".join(pair)
        if head.lower_ in ("it", "they") and head.dep_ == "nsubj" and head.head.dep_ == "ccomp":
            # "Japan froze the assets of firms helping Russia's war in Ukraine, and said it would lower the cap":
            # "it" is whoever said so, not the last name before it.
            teller = syntax.subject(head.head.head)
            if teller is not None and not syntax.is_pronoun(teller):
                named = [a for a in actors_in(s, teller) if a not in exclude]
                if named:
                    return named[0]
        before = [n.canonical for n in s.names_of("actor", 0, head.i) if n.canonical not in exclude]
        if before and head.lower_ in ("it", "its", "they", "their", "we", "our"):
            return before[-1]
        if head.lemma_.lower() in STAND_INS and (told := _teller_of(s, head, ctx, exclude)):
            return told  # "The government “has not taken a decision”, a Swedish defence ministry spokesperson said"
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        main = syntax.subject(root) if root is not None and root.i < head.i else None
        if main is not None and head.lemma_.lower() in STAND_INS:
            # "Germany has not ruled out a role, …, and the government is reluctant …": the government is the
            # one the sentence is about, not the last one named before it.
            named = [a for a in actors_in(s, main) if a not in exclude]
            if named:
                return named[0]
        group = [a for a in ctx.last_group if a not in exclude]
        if len(group) == 2 and any((c.dep_ == "nummod" and c.lower_ == "two") or c.lower_ == "both" for c in head.children):
            return " and ".join(group)  # "the two governments", "both countries": the pair named last
        last = ctx.last_actor
        if last in _ALLIANCES and head.lemma_.lower() in _NATIONAL and ctx.main_actor not in (*exclude, *_ALLIANCES):
            last = ctx.main_actor  # "the cabinet" after a word on NATO is the article's government, not NATO's
        return last if last not in exclude else None
    names = [a for a in actors_in(s, head) if a not in exclude]
    if not names:
        # "the Saeima, Latvia's parliament, voted …": a body the domain file does not know, named by its apposition.
        names = [a for c in head.children if c.dep_ == "appos" for a in actors_in(s, c) if a not in exclude][:1]
    if not names:
        return None
    text = " and ".join(names)
    if person and len(names) == 1:
        tokens = {t.i for t in syntax.phrase_tokens(head, stop=syntax.CLAUSES | {"prep"})}
        people = [n.text for n in s.names_of("person") if n.start in tokens]
        if people:
            text = f"{text} ({people[0]})"
    return text


def _teller_of(s: Sentence, head: Token, ctx: Context, exclude: tuple[str, ...]) -> str | None:
    """The actor of whoever reports the clause ``head`` stands in, when the teller is named by country ("…, a Swedish
    defence ministry spokesperson said"): the government spoken of is the teller's."""
    for up in head.ancestors:
        # The report is above the clause, or hung beside it after the quote (", … said" as a parataxis).
        beside = [c for c in up.children if c.dep_ == "parataxis" and c.lemma_.lower() in ctx.lexicon.report]
        if beside:
            up = beside[0]
        if up.lemma_.lower() in ctx.lexicon.report and syntax.is_verbal(up):
            teller = syntax.subject(up)
            named = [a for a in actors_in(s, teller) if a not in exclude] if teller is not None else []
            return named[0] if len(named) == 1 else None
    return None


def first_actor(s: Sentence, indices: set[int], *, exclude: tuple[str, ...] = BELLIGERENTS) -> str | None:
    """The first actor named among ``indices`` (a clause), when grammar gave none."""
    for name in s.names_of("actor"):
        if name.start in indices and name.canonical not in exclude:
            return name.canonical
    return None
