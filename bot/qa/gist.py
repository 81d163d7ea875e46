"""A sentence's main clause in a few words: the lead of a yes/no answer ("Chancellor Olaf Scholz has again ruled out
sending Taurus cruise missiles") or of a reply ("China's foreign ministry said it firmly opposed the listings")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.qa.phrases import short

if TYPE_CHECKING:
    from spacy.tokens import Token


# Clauses a yes/no lead leaves out (the quote below it keeps them): circumstances, asides and relative
# clauses. A condition stays: "may strike …, provided it respects international law" is the answer.
_ASIDES = {"advcl", "relcl", "parataxis", "intj", "dep", "meta"}
_CONDITIONS = {"provided", "providing", "unless", "if", "only", "as long as"}
_MAX_GIST_WORDS = 32
_QUOTE_MARKS = {'"', "“", "”", "''", "``"}
_JOINERS = {",", ";", ":"}
_FUNCTION_WORDS = {"DET", "PRON", "SCONJ", "ADV", "CCONJ", "ADP", "AUX", "PART"}


def gist(s: Sentence, root: Token | None = None) -> str | None:
    """The sentence's main clause (or the clause of ``root``), with its subject, verb, negation and objects and
    without its asides: what a yes/no answer says in its lead ("Chancellor Olaf Scholz has again ruled out sending
    Taurus cruise missiles"). The polarity is the sentence's own, since its main verb and negation are kept."""
    root = root or next((t for t in s.doc if t.dep_ == "ROOT"), None)
    subject = syntax.first_child(root, "nsubj", "nsubjpass", "expl") if root is not None else None
    if root is None or subject is None or not syntax.is_verbal(root):
        return None
    dropped: set[int] = set()
    for tok in root.subtree:
        if tok.i in dropped or tok.i == root.i:
            continue
        # "PAC-3 interceptors, built under licence for the Patriot system, to be passed on": a participle set off
        # by commas describes; it is an aside too.
        set_off = (
            tok.dep_ == "acl"
            and tok.tag_ in ("VBN", "VBG")
            and tok.left_edge.i > 0
            and s.doc[tok.left_edge.i - 1].text == ","
        )
        # "…, and no decision has been made …, a senior official told reporters": a clause of its own joined on, with
        # its own subject, is another statement.
        joined = (
            tok.dep_ == "conj"
            and tok.head.i == root.i
            and syntax.is_verbal(tok)
            and syntax.first_child(tok, "nsubj", "nsubjpass") is not None
        )
        if tok.dep_ not in _ASIDES and not set_off and not joined:
            continue
        if joined:
            dropped |= {t.i for t in tok.subtree} | {c.i for c in root.children if c.dep_ == "cc" and c.i < tok.i}
            continue
        if tok.dep_ == "advcl" and (_is_condition(tok) or _integrated(tok)):
            continue
        dropped |= {t.i for t in tok.subtree}
        left, right = tok.left_edge.i - 1, tok.right_edge.i + 1
        if left >= 0 and right < len(s.doc) and s.doc[left].text == "," and s.doc[right].text == ",":
            dropped |= {left, right}  # ", speaking on condition of anonymity," goes with both its commas
    # Adverbials before the subject ("With that line, …", "On Monday, …") are circumstances too.
    for child in root.children:
        if child.i < subject.left_edge.i and child.dep_ in ("prep", "advmod", "npadvmod", "cc"):
            dropped |= {t.i for t in child.subtree}
    kept = [t for t in root.subtree if t.i not in dropped and t.text not in _QUOTE_MARKS]
    # The tokens are not one span once asides are out: join them, and close the gaps the asides left.
    pieces: list[str] = []
    prev: Token | None = None
    for n, tok in enumerate(kept):
        if tok.text in _JOINERS and (prev is None or prev.text in _JOINERS):
            continue  # the comma after an aside that is gone
        after = kept[n + 1] if n + 1 < len(kept) else None
        if tok.pos_ == "CCONJ" and (after is None or after.pos_ in ("CCONJ", "PUNCT")):
            continue  # "or" whose second half was an aside
        if prev is not None and tok.text not in _JOINERS | {"."}:
            pieces.append(prev.whitespace_ or (" " if tok.i != prev.i + 1 else ""))
        pieces.append(tok.text)
        prev = tok
    text = "".join(pieces).strip(" ,;:.“”\"'")
    if not text or len(text.split()) > _MAX_GIST_WORDS:
        return None
    first = next(t for t in kept if t.text not in _JOINERS)
    # It follows "According to the article,": "The ministry" and "If Russia" lose their capital, names keep it.
    return text[:1].lower() + text[1:] if first.pos_ in _FUNCTION_WORDS and first.text != "I" else text


def clause_gist(s: Sentence, asked: set[str]) -> str | None:
    """The gist of the clause that shares most words with the question, when the whole sentence is too long for one:
    "Japan on Tuesday pledged …, while South Korea said it had made no decision on sending weapons to Kyiv" answers
    "Has South Korea decided to send weapons?" with its last clause."""
    clauses = [
        t
        for t in s.doc
        if syntax.is_verbal(t)
        and t.dep_ in ("ROOT", "conj", "advcl", "ccomp")
        and syntax.first_child(t, "nsubj", "nsubjpass") is not None
    ]

    def shared(verb: Token) -> int:
        # the clause's own words, not those of a clause under it ("…, while Stockholm said …" is not the main one's)
        # (what it reports stays its own: "Stockholm said it had still not decided …")
        inner = {
            t.i
            for c in clauses
            if c.i != verb.i and c.dep_ != "ccomp" and verb.i in {a.i for a in c.ancestors}
            for t in c.subtree
        }
        own = [w for w in verb.subtree if w.i not in inner]
        words = {w.lower_.rstrip("s") for w in own} | {w.lemma_.lower() for w in own}
        return len(words & asked)

    for verb in sorted(clauses, key=shared, reverse=True)[:2]:
        said = gist(s, verb) if shared(verb) else None
        if said:
            return _LINKING.sub("", said)  # "while South Korea said …" leads as "South Korea said …"
    return None


_LINKING = re.compile(r"^(?:while|whereas|as|but|and|although|though|because|since)\s+", re.IGNORECASE)


def reported_reply(s: Sentence, reporting: frozenset[str]) -> str | None:
    """ "China's foreign ministry said it firmly opposed the listings …, a response that …": who said what, in
    its first clause only, for a reply too long for ``gist``."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in reporting:
        return None
    subject = syntax.first_child(root, "nsubj")
    content = syntax.first_child(root, "ccomp")
    if subject is None or content is None:
        return None
    cut = {t.i for c in content.children if c.dep_ in ("conj", "cc", "appos", "advcl") for t in c.subtree}
    clause = [t for t in content.subtree if t.i not in cut]
    who = short(list(subject.subtree), limit=8)
    what = short(clause, limit=_MAX_GIST_WORDS)
    return f"{who} {root.text} {what}" if who and what else None


def _integrated(clause: Token) -> bool:
    """A clause run into its verb ("ruled out sending Taurus") rather than set off by a comma or a
    conjunction ("…, arguing that …", "when he told …"): it completes the verb."""
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i else None
    return (
        clause.i > clause.head.i
        and before is not None
        and not before.is_punct
        and syntax.first_child(clause, "mark", "advmod") is None
    )


def _is_condition(clause: Token) -> bool:
    words = " ".join(t.lower_ for t in list(clause.subtree)[:3])
    return any(words.startswith(c) or f" {c}" in f" {words}"[:12] for c in _CONDITIONS)
