"""Names from the domain file found in parsed sentences: actors, weapons, places, countries, sectors, sides.

spaCy's PhraseMatcher finds every listed name in one pass over a sentence (case-insensitive, except
all-capital names such as "US" or "UK", which must be written in capitals). Overlaps go to the longest
name, so "Russia's Defence Ministry" is not read as "Russia" alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.extractive.lexicon import Lexicon, Side

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from bot.extractive.reading import Sentence

Kind = Literal["actor", "person", "weapon", "place", "country", "sector", "side", "authority", "default_ukraine"]


@dataclass(frozen=True, slots=True)
class Name:
    """One listed name in a sentence: tokens ``start``..``end`` of its Doc."""

    kind: Kind
    canonical: str
    start: int
    end: int
    text: str


class Gazetteer:
    """The domain file's names, compiled for one spaCy vocabulary."""

    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.lx = lexicon
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[int, tuple[Kind, str, bool]] = {}
        cfg = lexicon.cfg
        entries: list[tuple[Kind, str, str]] = []
        for canonical, aliases in cfg.actors.items():
            entries += [("actor", canonical, alias) for alias in [canonical, *aliases]]
        for canonical, names in cfg.people.items():
            # A person stands for their government ("actor") and is shown by name ("person").
            entries += [("actor", canonical, name) for name in names]
            entries += [("person", name, name) for name in names]
        entries += [("weapon", name, name) for name in cfg.weapons]
        # "Tomahawks", "F-16s", "Leopard 2s": the plural names the same system.
        entries += [("weapon", name, f"{name}s") for name in cfg.weapons if name[-1].isalnum() and not name.endswith("s")]
        entries += [("place", name, name) for name in cfg.places]
        for canonical, aliases in cfg.countries.items():
            entries += [("country", canonical, alias) for alias in [canonical, *aliases]]
        entries += [("sector", name, name) for name in cfg.sectors]
        for side in ("ukraine", "russia", "third_party"):
            entries += [("side", side, word) for word in getattr(cfg.sides, side)]
        entries += [("default_ukraine", "ukraine", word) for word in cfg.sides.default_ukraine]
        entries += [("authority", name, name) for name in cfg.sanction_authorities]
        self._institutions = frozenset(cfg.institution_nouns)
        for kind, canonical, alias in entries:
            # A capitalised name must be capitalised in the text too ("the lower house" is not the House);
            # names listed in lower case ("bloc", "alliance") match as written.
            capital = alias[:1].isupper() and kind in _PROPER_KINDS
            key = f"{kind}\x1f{canonical}\x1f{capital}"
            label = nlp.vocab.strings.add(key)
            self._labels[label] = (kind, canonical, capital)
            matcher = self._exact if alias.isupper() or any(ch.isdigit() for ch in alias) else self._folded
            matcher.add(key, [nlp.make_doc(alias)])
            if "'" in alias or "’" in alias:  # curly and straight apostrophes are the same name
                other = alias.replace("'", "’") if "'" in alias else alias.replace("’", "'")
                matcher.add(key, [nlp.make_doc(other)])

    def settle_seats(self, sentences: Sequence[Sentence]) -> None:
        """A seat two actors share ("Brussels", the EU's and Belgium's) stands for the national government where the
        sentence itself or the one or two before name that government and not the other: "Belgium, for its part, will
        provide 1 billion euros … Brussels will also hand over two more F-16 fighter jets"."""
        seats = {seat.lower(): owner for seat, owner in self.lx.cfg.shared_seats.items()}
        if not seats:
            return
        for k, s in enumerate(sentences):
            for j, name in enumerate(s.names):
                owner = seats.get(name.text.lower())
                if name.kind != "actor" or owner is None:
                    continue
                near = [s, *sentences[max(0, k - 2) : k]]
                canonicals = {m.canonical for b in near for m in b.names if m.kind == "actor" and m is not name}
                if owner in canonicals and name.canonical not in canonicals:
                    s.names[j] = Name(name.kind, owner, name.start, name.end, name.text)

    def find(self, doc: Doc | Span) -> list[Name]:
        """Every listed name in ``doc``, by kind; per kind, overlapping matches keep the longest."""
        found: dict[Kind, list[tuple[int, int, str]]] = {}
        for matcher in (self._exact, self._folded):
            for label, start, end in matcher(doc):
                kind, canonical, capital = self._labels[label]
                if capital and not doc[start].text[:1].isupper():
                    continue
                found.setdefault(kind, []).append((start, end, canonical))
        # "Pavel Malkov", "Petr Pavel": a listed surname followed by another name is someone's first name.
        first_names = {
            (start, end)
            for start, end, _ in found.get("person", [])
            if end - start == 1 and end < len(doc) and _starts_a_full_name(doc[start], doc[end])
        }
        # "Ala-Too Clearing House": an institution's common noun closing another name is part of that name.
        alone = [
            (start, end)
            for kind in ("actor", "authority")
            for start, end, _ in found.get(kind, [])
            if end - start == 1 and doc[start].text in self._institutions
        ]
        inside_other: set[tuple[int, int]] = set()
        if alone:
            listed = {i for matches in found.values() for start, end, _ in matches for i in range(start, end)}
            inside_other = {(start, end) for start, end in alone if _closes_other_name(doc, start, listed)}
        out: list[Name] = []
        for kind, matches in found.items():
            if kind in ("actor", "authority"):
                matches = [m for m in matches if (m[0], m[1]) not in inside_other]
            if kind in ("person", "actor"):
                matches = [m for m in matches if (m[0], m[1]) not in first_names]
            taken: list[tuple[int, int]] = []
            for start, end, canonical in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                out.append(Name(kind, canonical, start, end, doc[start:end].text))
        return sorted(out, key=lambda n: (n.start, -n.end))


# Kinds whose listed names are proper names; their lower-case aliases ("bloc", "alliance") are listed
# lower-case on purpose and match as written.
_PROPER_KINDS = frozenset({"actor", "person", "country", "place"})


def _starts_a_full_name(name: Token, after: Token) -> bool:
    """Is ``name`` a first name here: a proper noun followed by a capitalised surname in running text?"""
    return (
        name.tag_ == "NNP"
        and after.tag_ == "NNP"
        and after.is_alpha
        and after.text[0].isupper()
        and not after.text.isupper()
        and after.dep_ in ("compound", "appos", "nsubj", "pobj", "dobj", "poss", "ROOT")
        and name.dep_ == "compound"
    )


def _closes_other_name(doc: Doc | Span, start: int, listed: set[int]) -> bool:
    """Is the institution noun at ``start`` the last word of a name the domain file does not list ("Clearing House")?"""
    word = doc[start]
    if start == 0:
        return False
    before = doc[start - 1]
    return (
        before.tag_ in ("NNP", "NNPS")
        and before.text[:1].isupper()
        and before.head.i == word.i
        and before.dep_ == "compound"
        and start - 1 not in listed
    )


def side_of(names: list[Name], start: int, end: int) -> Side | None:
    """The side named inside tokens ``start``..``end`` (a speaker's phrase), if any.

    An explicit side word wins ("Russia's General Staff" is Russian); a bare "General Staff" or
    "air force" means Ukraine's (see ``default_ukraine`` in the domain file)."""
    inside = [n for n in names if start <= n.start and n.end <= end]
    explicit = [n for n in inside if n.kind == "side"]
    if explicit:
        # The head of a phrase is at its end: "the Ukrainian army's claims about Russian losses" is Ukrainian.
        sides = {n.canonical for n in explicit}
        if len(sides) == 1:
            return explicit[0].canonical  # type: ignore[return-value]
        return explicit[0].canonical  # type: ignore[return-value]
    owners = [n for n in inside if n.kind in ("actor", "country") and n.canonical not in ("Ukraine", "Russia")]
    if owners and any(n.kind == "default_ukraine" for n in inside) and owners[0].start == start:
        # "Poland’s Operational Command": a third country's body, though a bare "Operational Command" is Ukraine's.
        return "third_party"
    if any(n.kind == "default_ukraine" for n in inside):
        return "ukraine"
    return None
