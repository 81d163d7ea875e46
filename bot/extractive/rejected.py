"""Figures the article itself calls false: "A report had put the package at SEK 7 billion; the ministry said that
figure was incorrect", "… as many as 2,500 soldiers had been encircled. Ukraine's military called that figure
fabricated." Such a figure is bait, not a fact: no line carries it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found
from bot.extractive.reading import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns that stand for a figure just given ("that figure", "the number", "this estimate").
_FIGURE_NOUNS = frozenset({"figure", "number", "estimate", "tally", "total", "count", "sum", "toll"})
# Verbs of putting a figure right: "…, which was corrected hours later".
_PUT_RIGHT = frozenset({"correct", "revise", "retract", "withdraw", "amend"})
# Nouns for something asserted that a refuting verb can dismiss ("dismissed the claim as “pure invention”").
_ASSERTION_NOUNS = frozenset({"claim", "report", "post", "rumour", "rumor", "story", "allegation"})
# Where an unowned claim circulates: "A post shared widely on Telegram channels claimed …".
_UNOWNED_SOURCES = frozenset({"post", "rumour", "rumor", "channel", "blog", "video", "tweet", "message", "telegram"})
_POINTING = frozenset({"that", "this", "those", "these"})
# What carries a claim of no one's that the next sentence can call false by name: "A post … claimed Tokyo would
# seize 1 trillion yen. The ministry said the post was fabricated."
_CARRIERS = _UNOWNED_SOURCES | {"letter", "document", "screenshot", "image", "photo", "memo", "leak", "dossier"}


def _rejection(doc: Doc, *, pointing_only: bool, earlier: Doc | None = None) -> Token | None:
    """The noun of a clause that calls a figure just given false ("that figure was incorrect", "called that
    figure fabricated", "denied the figure"), or None. With ``earlier`` (the sentence before), "the figure" and
    "the post" point back at it too, the post when that sentence tells of one."""
    told = {t.lemma_.lower() for t in earlier if t.pos_ == "NOUN"} & _CARRIERS if earlier is not None else set()
    if told:
        # "… circulated a leaked NATO memo putting losses at $48 billion. The document … appears to be fabricated",
        # "A post claimed …. Officials dismissed the claim": any word for what carried it points back at it.
        told |= _CARRIERS | _ASSERTION_NOUNS
    pointing = _POINTING | {"the"} if earlier is not None else _POINTING
    for noun in doc:
        # "…; that was wrong" stands for what the sentence just said; "That was wrong." opening the next sentence
        # for what the sentence before said.
        opens = noun.i <= 1 if pointing_only else noun.i > 0 and doc[noun.i - 1].text in (";", ",", "—", "–")
        if opens and noun.lower_ in _POINTING and noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "be":
            said = [c for c in noun.head.children if c.dep_ in ("acomp", "attr")]
            if any(c.lower_ in syntax.FALSE_WORDS for c in said) and not syntax.is_negated(noun.head):
                return noun
        if noun.lemma_.lower() not in _FIGURE_NOUNS | told or noun.pos_ != "NOUN":
            continue
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        if (
            not pointing_only
            and dets & {"a", "an"}
            and any(
                r.dep_ == "relcl"
                and (
                    r.lemma_.lower() in syntax.REFUTING
                    or any(c.lower_ in syntax.FALSE_WORDS or c.lemma_.lower() in _PUT_RIGHT for c in r.subtree)
                )
                for r in noun.children
            )
        ):
            # "…, a figure the official dismissed as “pure fantasy”", "…, a figure that circulated briefly before the
            # department withdrew it"
            return noun
        if not dets & (pointing if pointing_only else _POINTING | {"the"}):
            continue
        if pointing_only and _last_figure(doc, noun.i) is not None:
            continue  # "Posts claimed the bloc would blacklist 1,200 ships; an official dismissed that figure": its own
        head = noun.head
        # "appears to be fabricated": the word that calls it false may sit one clause down.
        near = [head, *head.children, *(g for c in head.children if c.dep_ == "xcomp" for g in c.children)]
        if syntax.is_negated(head):
            continue  # "the ministry did not call that figure wrong"
        if any(t.lower_ in syntax.FALSE_WORDS and t.i != noun.i for t in near):
            return noun
        if any(t.lower_ in syntax.TRUE_WORDS and syntax.is_negated(t) for t in near):
            return noun  # "that figure was not accurate"
        if noun.dep_ == "dobj" and head.lemma_.lower() in syntax.REFUTING:
            return noun
    if not pointing_only:
        return next((t for t in doc if _put_right(t) or _dismissed_post(t, doc)), None)
    return None


def _put_right(verb: Token) -> bool:
    """ "gave the figure as DKK 9.4 billion, which was corrected hours later": a figure put right since."""
    return (
        verb.lemma_.lower() in _PUT_RIGHT
        and verb.dep_ == "relcl"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and (verb.head.like_num or verb.head.tag_ == "CD" or verb.head.lemma_.lower() in _FIGURE_NOUNS)
    )


def _dismissed_post(noun: Token, doc: Doc) -> bool:
    """ "A post … claimed the loan was worth eight billion euros; the economy ministry dismissed the claim as “pure
    invention”": what an unowned post claimed, dismissed. (A side rejecting the other side's claim is a rival claim,
    not the article calling a figure false.)"""
    return (
        noun.lemma_.lower() in _ASSERTION_NOUNS
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in syntax.REFUTING
        and not syntax.is_negated(noun.head)
        and any(c.dep_ == "det" and c.lower_ in (_POINTING | {"the"}) for c in noun.children)
        and any(t.lemma_.lower() in _UNOWNED_SOURCES for t in doc[: noun.head.i])
    )


def discredited_spans(text: str, doc: Doc) -> list[tuple[int, int]]:
    """Character spans of ``text`` (one passage, parsed as ``doc``) that the passage itself calls false: from the
    start of a sentence to where it rejects what it said ("A post claimed the loan was worth eight billion euros;
    the ministry dismissed the claim …"), or a whole sentence the next one rejects ("That figure was wrong.")."""
    out: list[tuple[int, int]] = []
    sentences = list(doc.sents)
    for k, sent in enumerate(sentences):
        own = _rejection(sent.as_doc(), pointing_only=False)
        if own is not None:
            out.append((sent.start_char, sent.start_char + own.idx))
        nxt = sentences[k + 1] if k + 1 < len(sentences) else None
        if nxt is not None and _rejection(nxt.as_doc(), pointing_only=True, earlier=sent.as_doc()) is not None:
            out.append((sent.start_char, sent.end_char))
    return [(a, b) for a, b in out if 0 <= a < b <= len(text)]


# What a post or a rumour of no one's is called: "A post shared thousands of times on X described the new aid as a
# “$4.25 billion package.”" (a named channel or blog is a source the article cites, and stays one).
_POSTS = frozenset(
    {"post", "screenshot", "clip", "tweet", "message", "rumour", "rumor", "meme", "speculation", "gossip", "chatter"}
)


def _told_by_post(token: Token) -> bool:
    for up in list(syntax.ancestors_to_clause_top(token, limit=8))[1:]:
        if not syntax.is_verbal(up):
            continue
        teller = syntax.subject(up)
        if teller is None and up.dep_ == "advcl" and syntax.is_verbal(up.head):
            teller = syntax.subject(up.head)  # "A post shared thousands of times … claimed that …"
        if teller is not None and teller.lemma_.lower() in _POSTS and teller.tag_ in ("NN", "NNS"):
            return syntax.unowned(teller)
    return False


def posted_figures_only(doc: Doc) -> bool:
    """Are all the figures of ``doc`` what an unowned post or rumour tells ("A post … described the new aid as a
    “$4.25 billion package.”")? Such a passage gives no figure of the article's own."""
    numbers = [t for t in doc if (t.like_num or t.tag_ == "CD") and any(ch.isdigit() for ch in t.text)]
    return bool(numbers) and all(_told_by_post(t) for t in numbers)


def _last_figure(doc: Doc, before: int) -> str | None:
    """The text of the last number before token ``before``: "7" of "SEK 7 billion", "2,500"."""
    # "2.4bn" is a number too, though not "like_num": its tag and its digits say so.
    numbers = [t for t in doc[:before] if (t.like_num or t.tag_ == "CD") and any(ch.isdigit() for ch in t.text)]
    return numbers[-1].text if numbers else None


def rejected_figure(s: Sentence, following: Sentence | None) -> str | None:
    """The figure of ``s`` that the article calls false: in ``s`` itself, before the clause that rejects it, or in
    the next sentence of the paragraph, which points back at it ("that figure")."""
    noun = _rejection(s.doc, pointing_only=False)
    if noun is not None:
        figure = _last_figure(s.doc, noun.i)
        if figure is not None:
            return figure
    if following is None or following.para != s.para:
        return None
    if _rejection(following.doc, pointing_only=True, earlier=s.doc) is not None or _no_such(following.doc):
        return _last_figure(s.doc, len(s.doc))
    return None


def _no_such(doc: Doc) -> bool:
    """ "No such package has been announced in Washington": the thing just told does not exist."""
    return any(
        t.lower_ == "such" and t.head.pos_ == "NOUN" and any(c.lower_ == "no" for c in t.head.children) for t in doc[:4]
    )


def without_rejected(found: list[Found], figure: str) -> list[Found]:
    """The items of a sentence, less those whose own fields carry the rejected figure."""
    return [f for f in found if figure not in " ".join(str(v) for v in f.fields.values())]
