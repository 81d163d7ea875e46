"""Where a weapons rule applies, and whether that is a limit: "against military targets near the border",
"only within Ukraine's borders", sites "from which missiles are fired" (restricted); "within the laws of
war" or "attacks across the border" alone (no limit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Token

_SCOPE_PREPS = {
    "against",
    "on",
    "in",
    "inside",
    "into",
    "within",
    "near",
    "at",
    "across",
    "beyond",
    "outside",
    "over",
    "for",
    "from",
    "deep",
    "only",
    "except",
}
_LIMITS = {
    "only",
    "solely",
    "exclusively",
    "except",
    "exception",
    "excluding",
    "near",
    "close",
    "limited",
    "within",
    "defensive",
    "not",
}


def _strip_of(border: Token) -> bool:
    """ "across the border from Kharkiv", "just across the border", "the border region": a strip of Russia
    next to Ukraine, not Russia as a whole ("attacks across the border" alone is no limit)."""
    after = border.doc[border.i + 1] if border.i + 1 < len(border.doc) else None
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in border.children) or (
        after is not None and after.lower_ == "from"
    ):  # the parser often hangs "from X" on the verb
        return True
    if border.dep_ == "compound" and border.head.lemma_.lower() in ("region", "area", "zone", "district"):
        return True
    prep = border.head
    return prep.dep_ == "prep" and (
        prep.lower_ in ("near", "along") or any(c.lower_ in ("just", "right", "immediately") for c in prep.children)
    )


_LAW = frozenset({"law", "humanitarian", "convention"})
# Verbs of a relative clause that narrow targets to those attacking: "forces that are attacking Kharkiv".
_ATTACKING = frozenset({"attack", "launch", "fire", "mass", "gather", "prepare", "shell", "strike", "use"})


# Units of time: "for months" says how long something went on.
_DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "while", "time"})


def scope_of(anchors: list[Token]) -> tuple[str | None, bool]:
    """Where or how the weapon may be used ("against military targets near the border"), and whether
    that is a limit ("only", "near the border", "except"): the first of ``anchors`` that says."""
    tokens: list[Token] = []
    anchor_ids = {a.i for a in anchors}
    # "ATACMS or other long-range munitions for strikes deep inside Russia": the weapon's conjuncts share it.
    anchors = [*anchors, *[c for a in anchors[:1] for c in a.conjuncts if c.pos_ in ("NOUN", "PROPN")]]
    for anchor in anchors:
        for child in anchor.children:
            if any(child.i == t.i for t in tokens):
                continue
            if any(t.i in anchor_ids for t in child.subtree):
                continue  # "the prohibition on using ATACMS": what the rule is about, not where it applies
            if child.dep_ == "prep" and any(o.lemma_.lower() == "way" for o in syntax.children(child, "pobj")):
                continue  # "will not stand in the way of …" is the rule's verb, not where it applies
            objects = syntax.children(child, "pobj") if child.dep_ == "prep" else []
            if child.lower_ == "for" and any(
                o.lemma_.lower() in _DURATIONS and (o.tag_ == "NNS" or syntax.first_child(o, "nummod") is not None)
                for o in objects
            ):
                continue  # "have pressed for months for the right to hit airfields": how long, not where
            if objects and all(o.tag_ in ("WDT", "WP") for o in objects):
                continue  # "the area in which Ukraine may use …": the relative pronoun stands for a place told above
            # "against Russian troops gathering across the border from Sumy", "to strike Russian forces
            # in Belgorod": places and purposes come as phrases and as non-finite clauses.
            purpose = (
                child.dep_ in ("xcomp", "advcl", "acl")
                and child.tag_ in ("VB", "VBG", "VBN")
                and syntax.first_child(child, "nsubj", "mark") is None
                and len(list(child.subtree)) > 1  # "no conditions attached": a lone participle says nothing of where
            )
            # "…, but not beyond the border region" (a preposition the parse may join as a conjunct), "with the
            # exception of civilian infrastructure": an exception limits the rule.
            exception = (child.dep_ == "conj" and child.pos_ == "ADP" and child.lower_ in _SCOPE_PREPS) or (
                child.dep_ == "prep"
                and child.lower_ == "with"
                and any(o.lemma_.lower() == "exception" for o in syntax.children(child, "pobj"))
            )
            if (
                (child.dep_ == "prep" and child.lower_ in _SCOPE_PREPS)
                or exception
                or purpose
                or (child.dep_ == "advmod" and child.lower_ in ("deep", "only", "solely", "exclusively"))
            ):
                tokens.extend(child.subtree)
            elif child.dep_ == "advmod" and child.lower_ in ("only",):
                tokens.append(child)
    if not tokens:
        return None, False
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    runs: list[list[Token]] = [[tokens[0]]]
    for t in tokens[1:]:
        if t.i <= runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    parts = [syntax.span_text(r).strip(" ,;:") for r in runs]
    # "may only be used on Ukrainian territory": the limiting word joins the phrase it limits.
    for n in range(len(parts) - 1, 0, -1):
        if parts[n - 1].lower() in ("only", "solely", "exclusively"):
            parts[n - 1 : n + 1] = [f"{parts[n - 1]} {parts[n]}"]
    text = "; ".join(parts)
    # "within the laws of war", "as long as it respects international law": the law is no limit of ours.
    limited = (
        any(t.lower_ in _LIMITS and not ({w.lemma_.lower() for w in t.subtree} & _LAW) for t in tokens)
        or any(c.lower_ in ("only", "solely") for a in anchors for c in a.subtree)
        or conditional(anchors, tokens)
        or _inside_ukraine(tokens)
    )
    return text or None, limited


_GROUND = frozenset({"territory", "soil", "land", "part", "area", "region", "ground"})


def _inside_ukraine(tokens: list[Token]) -> bool:
    """ "against Russian forces in occupied parts of Ukraine", "on Ukrainian territory": a use allowed only on
    Ukraine's own ground (Russia's is left out) is a limited one."""
    words = {t.lower_ for t in tokens}
    ukraine = "occupied" in words or (
        bool(words & {"ukraine", "ukrainian"}) and any(t.lemma_.lower() in _GROUND for t in tokens)
    )
    russia = "russia" in words or any(t.lower_ == "russian" and t.head.lemma_.lower() in _GROUND for t in tokens)
    return ukraine and not russia


def _as_long_as(tok: Token) -> list[Token]:
    """The clauses of "…, as long as those sites are used to launch attacks": the parse hangs them on "long"."""
    return [c for m in syntax.children(tok, "advmod") if m.lower_ == "long" for c in syntax.children(m, "advcl")]


# Nouns that carry the terms a weapon is handed over on: "on the understanding that they will not be used …".
_TERMS = {"understanding", "condition", "assurance", "basis", "guarantee", "promise", "proviso"}


def terms_of_supply(verb: Token) -> Token | None:
    """The "on the understanding that …" phrase of a supply verb, when its clause says how the weapons may be
    used: the supply comes with a limit."""
    for prep in syntax.children(verb, "prep"):
        if prep.lower_ not in ("on", "under", "with"):
            continue
        for noun in syntax.children(prep, "pobj"):
            if noun.lemma_.lower() in _TERMS and any(
                c.dep_ in ("relcl", "acl", "ccomp") and c.lemma_.lower() in _ATTACKING | {"use"} for c in noun.children
            ):
                return prep
    return None


def condition_text(anchors: list[Token]) -> str | None:
    """The condition a rule comes with, as the article puts it: "provided the strikes comply with
    international law", "as long as those sites are used to launch attacks", "if Russia attacks from there"."""
    seen: set[int] = set()
    for anchor in anchors:
        for tok in list(syntax.ancestors_to_clause_top(anchor, limit=4)):
            if tok.i in seen:
                continue
            seen.add(tok.i)
            terms = terms_of_supply(tok) if syntax.is_verbal(tok) else None
            if terms is not None:
                return syntax.span_text(list(terms.subtree)).strip(" ,;:")
            for m in _as_long_as(tok):
                return syntax.span_text(list(m.head.subtree)).strip(" ,;:")
            for clause in tok.children:
                marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
                # "provided" is parsed as a verb, a preposition or a mark, depending on the sentence.
                if (clause.dep_ == "advcl" and marks & {"if", "unless", "provided", "providing"}) or (
                    clause.lower_ in ("provided", "providing")
                    and clause.i > tok.i
                    and syntax.first_child(clause, "nsubj", "nsubjpass") is None
                ):
                    if any(a.i in {t.i for t in clause.subtree} for a in anchors):
                        continue  # "would not object if Kyiv used Storm Shadow …": the act ruled on, not a condition
                    return syntax.span_text(list(clause.subtree)).strip(" ,;:")
    return None


def conditional(anchors: list[Token], tokens: list[Token]) -> bool:
    """A permission with a condition other than the law of war is a restriction: targets "that are
    attacking Kharkiv", sites "from which missiles are fired", "if they are used to launch attacks"."""
    for t in tokens:
        if t.dep_ in ("relcl", "acl") and t.lemma_.lower() in _ATTACKING:
            if t.lemma_.lower() == "use" and not any(c.dep_ in ("xcomp", "advcl") for c in t.children):
                continue  # "its jets being used over Russian territory" is the use ruled on; "used to launch" narrows
            return True
        if t.lemma_.lower() in ("border", "frontier") and _strip_of(t):
            return True
    for a in anchors:
        # "…, as long as those sites are used to launch attacks": the parse hangs the clause on "long".
        long_as = _as_long_as(a)
        for clause in syntax.children(a, "advcl") + long_as:
            marks = {m.lower_ for m in clause.children if m.dep_ == "mark"} | {
                m.lower_ for m in clause.lefts if m.dep_ in ("advmod", "mark")
            }
            if clause in long_as:
                marks |= {"as", "long"}
            lawful = {w.lemma_.lower() for w in clause.subtree} & _LAW
            inside = any(b.i in {t.i for t in clause.subtree} for b in anchors)  # the act ruled on itself
            if (marks & {"if", "provided", "providing", "unless"} or {"as", "long"} <= marks) and not lawful and not inside:
                return True
    return False
