"""What is said: the words a reporting verb introduces ("said (that) …", "“…,” X said", "put losses at …"), up to
the writer's own comment on them and without another's word inside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.speakers import CITING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def content_of(verb: Token) -> set[int]:
    """The tokens a reporting verb introduces: its complement clause, object or "of …" phrase, and a
    figure it puts something at ("put Russian losses at 1,140 soldiers")."""
    out: set[int] = set()
    clause = syntax.first_child(verb, "ccomp")
    told = clause is not None
    for child in verb.children:
        if (
            clause is not None
            and child.dep_ in ("dobj", "dative")
            and child.i < clause.left_edge.i
            and child.pos_ in ("NOUN", "PRON", "PROPN")
        ):
            continue  # "told reporters that …", "telling Russian state television that …": the audience
        if (
            told
            and child.dep_ == "prep"
            and child.i < verb.i + 4
            and not any(t.like_num for t in child.subtree if not syntax.is_temporal(t))
        ):
            continue  # "wrote on Telegram that …", "said on Sunday …": where or when it was said
        # ("put Russian losses over the same period at 1,080 troops": the parser may hang the "at" lower down)
        figure = child.dep_ == "prep" and any(
            p.dep_ == "prep" and p.lower_ in ("at", "to") and any(t.like_num for t in p.subtree) for p in child.subtree
        )
        # "showed most of the town under Russian control": what the map or monitor says the place is.
        predicate = child.dep_ == "prep" and child.lower_ == "under" and syntax.first_child(verb, "dobj") is not None
        if (
            child.dep_ in ("ccomp", "xcomp", "dobj", "parataxis", "advcl", "oprd")
            or figure
            or predicate
            or (child.dep_ == "prep" and child.lower_ in ("of", "that", "about", "on"))
        ):
            if child.dep_ == "advcl" and child.lemma_ in CITING:
                continue
            if _lead_in(verb, child):
                continue
            out.update(t.i for t in child.subtree)
    inverted = syntax.first_child(verb, "nsubj")
    if verb.dep_ == "conj" and inverted is not None and inverted.i > verb.i and verb.i > verb.head.i:
        # "Russian forces have taken Toretsk, claims Russia's defence ministry": the speaker comes last.
        out.update(t.i for t in verb.head.subtree if t.i < verb.left_edge.i)
    if (
        verb.dep_ in ("parataxis", "ccomp", "advcl")
        and verb.head.i != verb.i
        and (verb.i > verb.head.i or verb.dep_ == "parataxis")
        # "…, while Russia's ministry claimed to have intercepted six missiles": a verb with its own words
        # after a conjunction is a second report, not the speaker of the first.
        and not any(c.dep_ == "mark" for c in verb.children)
        and not any(c.dep_ in ("xcomp", "ccomp") and c.i > verb.i for c in verb.children)
        # "…issued a statement, putting losses at 190": a participle says its own words, not its head's.
        and not (verb.tag_ == "VBG" and verb.head.dep_ == "ROOT" and syntax.first_child(verb, "nsubj") is None)
    ):
        # "“We repelled twelve attacks,” the brigade said", "Over three weeks, it said, 130 tanks were lost":
        # the parse hangs the speaker's verb off what is said.
        out.update(t.i for t in verb.head.subtree if t.i < verb.left_edge.i or t.i > verb.right_edge.i)
        if verb.dep_ == "parataxis":
            # "Drone units destroyed three tanks, Horbenko claimed, and killed or wounded 210 soldiers": the verb
            # after the speaker, with no subject of its own, goes on with what is said.
            for more in syntax.children(verb, "conj"):
                if syntax.is_verbal(more) and more.i > verb.i and syntax.first_child(more, "nsubj") is None:
                    out.update(t.i for t in more.subtree)
    return _before_comment(verb.doc, out) - _others_word_on(verb.doc, out)


def _lead_in(verb: Token, child: Token) -> bool:
    """ "Moscow’s version is rather different: its defence ministry says a strike hit …": a clause before a colon
    ahead of the speaker is the writer's lead-in, when the verb has its words after it."""
    if child.i > verb.i or child.dep_ not in ("ccomp", "parataxis"):
        return False
    doc = verb.doc
    colon = any(doc[i].text == ":" for i in range(child.right_edge.i + 1, verb.i))
    return colon and any(c.dep_ in ("ccomp", "dobj") and c.i > verb.i for c in verb.children)


# Nouns with which the writer comments on what was just said: "…, a claim swiftly rejected by the brigade".
_COMMENT_NOUNS = {"claim", "assertion", "statement", "allegation", "account", "report", "version"}


def _before_comment(doc: Doc, content: set[int]) -> set[int]:
    """What is said ends where the writer's comment on it begins: "Russia said its forces had captured a village,
    a claim swiftly rejected by the Ukrainian brigade, as a strike killed three people" says only the capture."""
    for i in sorted(content):
        if (
            doc[i].text == ","
            and i + 2 < len(doc)
            and doc[i + 1].lower_ in ("a", "an")
            and any(
                doc[j].lemma_.lower() in _COMMENT_NOUNS or _acted_on_by_another(doc[j])
                for j in range(i + 2, min(i + 4, len(doc)))
            )
        ):
            return {j for j in content if j < i}
    return content


def _others_word_on(doc: Doc, content: set[int]) -> set[int]:
    """ "a front-line village that Kyiv insisted was still being fought over": another's word on a thing the claim
    names, inside the claim; it is not part of what the claimant says."""
    out: set[int] = set()
    for i in content:
        r = doc[i]
        saying = any(c.dep_ == "ccomp" for c in r.children) or r.lemma_.lower() in ("insist", "say", "deny", "claim")
        if _named_doer_clause(r) and saying:
            out |= {t.i for t in r.subtree}
    return out


def _acted_on_by_another(noun: Token) -> bool:
    """ "an attack Moscow insisted it had repelled": a noun whose relative clause has a doer of its own, someone
    else's word on what was just said."""
    return noun.pos_ == "NOUN" and any(_named_doer_clause(r) for r in noun.children)


def _named_doer_clause(clause: Token) -> bool:
    """A relative clause whose subject is a name ("… that Kyiv insisted …", "… Moscow insisted it had repelled")."""
    return clause.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("NNP", "NNPS") for c in clause.children)
