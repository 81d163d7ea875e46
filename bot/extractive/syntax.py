"""Small readings of a dependency parse: subjects, negation, modality, phrases, clause boundaries.

Pure functions over spaCy tokens, shared by every section reader. Dependency labels are ClearNLP's
(the English models' scheme): ``nsubj``, ``dobj``, ``ccomp``, ``xcomp``, ``neg`` …
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.language import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJECTS = {"dobj", "obj", "attr", "oprd", "dative"}
# Dependents that start a clause of their own: their words belong to that clause, not this one.
CLAUSES = {"ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj", "pcomp"}
_NEGATORS = {"not", "n't", "never", "no", "nor", "neither", "without", "n’t"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "which", "who"}
# Modal verbs by what they do to an action: possibility/permission or refusal.
MODALS = {"may", "might", "can", "could", "would", "should", "must", "will", "shall", "'ll", "ca", "wo"}


_TIME_WORDS = (
    MONTHS
    | WEEKDAYS
    | {
        "anniversary",
        "day",
        "week",
        "month",
        "year",
        "today",
        "yesterday",
        "tomorrow",
        "morning",
        "evening",
        "night",
        "afternoon",
        "weekend",
        "time",
        "date",
        "hour",
        "minute",
        "spring",
        "summer",
        "autumn",
        "winter",
        "decade",
    }
)


def is_temporal(token: Token) -> bool:
    """ "Friday", "17 October", "last week", "2024": a time, not a thing anyone acts on."""
    words = [t for t in token.subtree if not t.is_punct]
    heads = {token.lower_, token.lower_.rstrip("."), token.lemma_.lower()}  # "Dec. 9", AP's months
    return (
        bool(heads & _TIME_WORDS)
        or (token.like_num and len(words) == 1)
        or (token.tag_ == "CD" and any(t.lower_ in _TIME_WORDS for t in words))
        # "December 4th", "the 4th": an ordinal day, under its month or alone
        or (
            re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", token.lower_) is not None and any(t.lower_ in _TIME_WORDS for t in words)
        )
    )


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, *deps: str) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def is_negated(token: Token) -> bool:
    """ "not granted", "never allowed", "no permission", "without approval", "won't send"."""
    if _not_but(token):
        return False  # "will not be delivered directly but through the fund": the manner is denied, not the deed
    for c in token.children:
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod", "neg") and c.lower_ in _NEGATORS):
            return True
        if c.dep_ == "advmod" and c.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in c.children):
            return True  # "no longer impose", "no more"
    head = token.head
    # "without permission": the preposition governs the noun.
    return head.i != token.i and head.lower_ == "without" and token.dep_ == "pobj"


def _not_but(token: Token) -> bool:
    """ "not directly but through …", "not in cash but in kind": a "not" on a manner that a "but" corrects."""
    kids = list(token.children)
    neg = next((c for c in kids if c.dep_ == "neg"), None)
    but = next((c for c in kids if c.dep_ == "cc" and c.lower_ == "but"), None)
    if neg is None or but is None:
        return False
    manner = [c for c in kids if c.dep_ in ("advmod", "prep") and neg.i < c.i < but.i]
    corrected = [c for c in kids if c.dep_ in ("prep", "advmod") and c.i > but.i]
    return bool(manner) and bool(corrected)


def modals(token: Token) -> set[str]:
    """The modal verbs governing ``token`` ("could send" -> {"could"})."""
    return {c.lower_ for c in token.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS)}


# Conjunctions that open a condition: what the clause says has not happened.
# "before deciding whether to seize the assets" weighs an act; it does not tell one.
_CONDITION_MARKS = {"if", "unless", "suppose", "supposing", "whether"}
# "Had Washington delivered …", "Were Berlin to send …", "Should the EU ban …": a condition without "if".
_INVERTED_CONDITION = {"had", "were", "should"}


def is_hypothetical(token: Token) -> bool:
    """Is ``token``'s clause a condition ("If Congress approved another $20 billion", "Had Washington
    delivered the package", "Suppose Britain gave £2 billion") rather than something that happened?"""
    for tok in ancestors_to_clause_top(token, limit=6):
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if marks & _CONDITION_MARKS:
            return True
        first = tok.left_edge
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            first.lower_ in _INVERTED_CONDITION
            and first.head.i == tok.i
            and first.dep_ in ("aux", "auxpass")
            and subject is not None
            and first.i < subject.i
            and (first.i == 0 or first.nbor(-1).is_punct)
        ):
            return True
        if tok.lower_ in ("suppose", "supposing", "imagine") and tok.i == tok.sent.start:
            return True
        if tok.dep_ in ("ROOT", "ccomp", "relcl"):
            break  # a condition governs its own clause, not the sentence that reports it
    return False


_HOLDING_BACK = {"refrain", "abstain", "shy", "hold", "desist"}


def held_back(verb: Token) -> bool:
    """Is ``verb`` what someone stopped short of or refrained from ("stopped short of designating any of India's
    refiners", "refrained from sending tanks", "held off on listing the bank")? Then it was not done."""
    if verb.dep_ != "pcomp" or verb.head.lower_ not in ("of", "from", "on"):
        return False
    up = verb.head.head
    if up.lower_ == "short":  # "stopped short of", "fell short of"
        return up.head.lemma_.lower() in ("stop", "fall")
    return up.lemma_.lower() in _HOLDING_BACK


def reported(token: Token, report_lemmas: frozenset[str]) -> bool:
    """Is ``token`` inside what someone is reported to have said ("Tokyo said it would provide …")?
    There "would" is the "will" of the original words, and "could" its "can"."""
    for tok in list(ancestors_to_clause_top(token, limit=5))[1:]:
        if tok.lemma_.lower() in report_lemmas and is_verbal(tok):
            return True
    # "Ukraine, the ministry indicated, could now use …": the reporting verb hangs off the clause.
    return any(c.dep_ == "parataxis" and c.lemma_.lower() in report_lemmas for c in token.children)


# Verbs by which a person passes on what they heard or believe: "I heard Norway gave $40 billion".
_HEARD = {"hear", "read", "think", "believe", "guess", "suppose", "assume", "reckon", "understand", "bet"}
_PASSED_ON = {"say", "tell", "claim", "swear", "insist"}


def heard_by_someone(token: Token) -> bool:
    """Is ``token`` inside what an "I" heard or believes ("I heard Norway gave $40 billion"), or what "my cousin"
    says? A reader or a writer passing on hearsay, not a government announcing (governments say "we")."""
    for tok in list(ancestors_to_clause_top(token, limit=6))[1:]:
        lemma = tok.lemma_.lower()
        if lemma in _HEARD and is_verbal(tok):
            who = subject(tok)
            return who is not None and who.lower_ == "i"
        if lemma in _PASSED_ON and is_verbal(tok):
            # "My cousin says the US quietly sent $300 billion": someone the writer knows, not a source.
            who = subject(tok)
            return who is not None and any(c.lower_ == "my" and c.dep_ == "poss" for c in who.children)
    return False


# Words that call a claim false: "reports that … were incorrect", "a claim that … is false".
FALSE_WORDS = frozenset(
    {
        "false",
        "incorrect",
        "wrong",
        "untrue",
        "baseless",
        "fake",
        "fabricated",
        "unfounded",
        "inaccurate",
        "bogus",
        "groundless",
        "misleading",
        "fabrication",
        "fiction",
        "nonsense",
        "disinformation",
        "propaganda",
        "forgery",
        "forged",
        "hoax",
        "fantasy",
        "invention",
    }
)
TRUE_WORDS = frozenset({"accurate", "true", "correct", "right", "credible"})
REFUTING = frozenset({"deny", "reject", "dismiss", "refute", "debunk", "disprove"})
_FALSELY = frozenset({"falsely", "wrongly", "erroneously", "mistakenly"})


def refuted(token: Token) -> bool:
    """Is ``token`` inside what the sentence calls false: "reports that the EU had frozen … were incorrect", "a
    claim that Norway pledged … is false", "London denied rumours that …", "a video falsely claimed that …"?"""
    below = token
    for up in list(ancestors_to_clause_top(token, limit=8))[1:]:
        if is_verbal(up) and any(c.dep_ == "advmod" and c.lower_ in _FALSELY for c in up.children):
            return True
        # "dismissed as a fake a letter, …, which claimed …": the parser hangs the letter's clause on the verb.
        noun = _relative_antecedent(below) if below.head.i == up.i else None
        if noun is None and up.pos_ == "NOUN" and below.dep_ in ("acl", "ccomp", "relcl") and below.head.i == up.i:
            noun = up
        if noun is not None:
            hung = _hung_from(noun)
            if any(_dismissed(n) for n in hung) or any(_called_false(n) for n in hung):
                return True
            head = noun.head
            if _called_false(noun):
                return True
            if noun.dep_ == "dobj" and head.lemma_.lower() in REFUTING:
                return True
            before = noun.doc[head.i - 1] if head.i > 0 else None
            dismissing = {before.head, head.head} if before is not None else set()
            if (
                noun.dep_ == "dobj"
                and before is not None
                and before.lower_ == "as"
                and any(v.lemma_.lower() in REFUTING for v in dismissing)
            ):
                return True  # "dismissed as fabricated a document that claimed …", parsed "[dismissed as] fabricated [it]"
            if noun.dep_ == "pobj" and head.head.lemma_.lower() in REFUTING:
                return True  # "dismissed as false a claim … that Tokyo had agreed to give …", parsed "dismissed as [claim]"
            if (
                noun.dep_ == "pobj"
                and head.head.lemma_.lower() in ("truth", "basis", "evidence", "substance", "foundation")
                and is_negated(head.head)
            ):
                return True  # "There is no truth to reports that …"
        below = up
    return _story_called_false(token)


# Who publishes reports: "An Italian newspaper reported that …".
_PRESS = frozenset(
    {"newspaper", "paper", "daily", "tabloid", "outlet", "website", "broadcaster", "channel", "magazine", "agency", "media"}
)
# What a report is called when another clause of the sentence points back to it: "called the story “pure fantasy”".
_STORIES = frozenset({"story", "report", "claim", "article", "account", "rumour", "rumor", "suggestion"})


def _story_called_false(token: Token) -> bool:
    """ "An Italian newspaper reported that Rome would send …; Italy's defence ministry called the story “pure
    fantasy”": what a report tells is refuted when another clause of the sentence calls that report false or
    denies it."""
    reporters = [a for a in token.ancestors if is_verbal(a) and a.lemma_.lower() in ("report", "write", "claim", "say")]
    # Only what the press reported: a side's claim that the other side calls false is a rival claim, not refuted.
    teller = subject(reporters[0]) if reporters else None
    if teller is None or teller.lemma_.lower() not in _PRESS:
        return False
    # The clause up to its reporter; the parser may hang the report itself on the verb that calls it false.
    above = {a.i for a in token.ancestors if a.i in {t.i for t in reporters[0].subtree}}
    for verb in token.doc:
        if verb.i in above or verb.i == token.i or not is_verbal(verb) or verb.i < reporters[0].i:
            continue
        # (the parser may read "called the story “pure fantasy”" as one noun phrase, the story its compound)
        stories = [
            o
            for o in verb.subtree
            if o.lemma_.lower() in _STORIES
            and verb.i in (o.head.i, o.head.head.i)
            and any(c.lower_ in ("the", "this", "that") for c in o.children)
        ]
        if not stories:
            continue
        if verb.lemma_.lower() in REFUTING:
            return True  # "…; the ministry denied the report"
        called = {t.lower_ for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp", "attr", "dobj") for t in c.subtree}
        if verb.lemma_.lower() == "call" and called & (FALSE_WORDS | {"fantasy", "fiction", "nonsense", "invention"}):
            return True
    return False


def _relative_antecedent(clause: Token) -> Token | None:
    """The noun a "which" clause tells of when the parser hung it on a verb instead: in "dismissed as a fake a
    purported letter, widely circulated last week, which claimed …", the nearest noun before the clause among the
    verb's objects (through prepositions), not a word of the aside between them."""
    if clause.dep_ not in ("advcl", "conj", "ccomp") or not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in clause.children
    ):
        return None
    verb = clause.head
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd") and child.pos_ == "NOUN":
            objects.append(child)
        elif child.dep_ == "prep":
            objects.extend(g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    before = [o for o in objects if o.i < clause.left_edge.i]
    return max(before, key=lambda o: o.i) if before else None


def _hung_from(noun: Token) -> list[Token]:
    """The nouns above ``noun`` through "of", "on" and apposition: "a report on a Telegram channel that …" hangs
    the clause on "channel"; what is dismissed is the report."""
    out: list[Token] = []
    current = noun
    for _ in range(4):
        if current.dep_ == "appos" and current.head.pos_ in ("NOUN", "PROPN"):
            current = current.head
        elif current.dep_ == "pobj" and current.head.dep_ == "prep" and current.head.head.pos_ in ("NOUN", "PROPN"):
            current = current.head.head
        else:
            break
        out.append(current)
    return out


def _called_false(noun: Token) -> bool:
    """Is ``noun`` the subject of a predicate that calls it false: "… was incorrect", "… was “not accurate”", "…
    was denied"?"""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = noun.head
    said = {c.lower_ for c in head.children if c.dep_ in ("acomp", "attr", "oprd")}
    if said & FALSE_WORDS or (head.lemma_.lower() in REFUTING and is_passive(head)):
        return True
    true = [c for c in head.children if c.dep_ in ("acomp", "attr") and c.lower_ in TRUE_WORDS]
    return bool(true) and (is_negated(head) or is_negated(true[0]))  # "a report that … was “not accurate”"


def _dismissed(noun: Token) -> bool:
    """Is ``noun`` what a denial takes: "dismissed [as "pure fantasy"] a report …", "denied the rumour …"?"""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in REFUTING:
        return True
    return noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in REFUTING


def unowned(noun: Token) -> bool:
    """Has the noun no one it belongs to ("posts", not "the ministry's post" nor "a video posted by the brigade")?
    Someone unnamed is no owner: "a post on X from a pro-Ukrainian campaign account", "from a self-styled analyst"."""
    if any(c.dep_ == "poss" for c in noun.children):
        return False
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]  # "a post published by the ministry"
    return not any(
        p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from") and any(_named_owner(o) for o in children(p, "pobj"))
        for h in holders
        for p in h.children
    )


def _named_owner(owner: Token) -> bool:
    """Is ``owner`` someone the article names ("the ministry", "Rybar", "its press service"), not "a … account"?"""
    if any(t.tag_ in ("NNP", "NNPS") for t in owner.subtree):
        return True
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an", "some") for c in owner.children)


def told_by_unowned(token: Token, report: frozenset[str], media: frozenset[str]) -> bool:
    """Is ``token`` inside what an unowned post or rumour tells ("A widely shared post on X claimed that Washington
    had cleared 137 Tomahawk missiles")? Such talk rules nothing, gives nothing and lists no one."""
    for up in list(ancestors_to_clause_top(token, limit=8))[1:]:
        if not is_verbal(up) or up.lemma_.lower() not in report:
            continue
        # "pushed back on a post … claiming the package was worth $2.3 billion": the post the participle describes
        teller = up.head if up.dep_ == "acl" and up.tag_ == "VBG" else subject(up)
        if teller is None and up.dep_ == "advcl" and is_verbal(up.head):
            # "A post shared thousands of times … claimed that …", parsed with "shared" as the main verb
            teller = subject(up.head)
        if teller is not None and teller.tag_ in ("WDT", "WP") and teller.head.dep_ == "relcl":
            teller = teller.head.head  # "a post that circulated on Telegram, claiming …": the post "that" stands for
        # ("The Washington Post reported …" is a paper's report, not a post)
        if teller is not None and teller.lemma_.lower() in media and teller.tag_ in ("NN", "NNS") and unowned(teller):
            return True
    return False


def participle_subject(verb: Token) -> Token | None:
    """The doer of a participle clause, the main clause's subject: "Russia launched its largest attack, sending 728
    drones", "Germany is the biggest backer, having provided or committed 28 billion euros"."""
    base = verb
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head  # "having provided or committed": the first verb of the pair carries the clause
    if base.dep_ == "advcl" and (base.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "having" for c in base.children)):
        return subject(base.head)
    return None


def described_doer(verb: Token) -> Token | None:
    """The noun a participle clause describes, its doer: "three companies supplying drone parts", "companies
    accused of supplying drone parts"."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "acl":
        return verb.head
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.dep_ == "prep" and prep.head.dep_ == "acl" and prep.head.tag_ == "VBN":
        return prep.head.head  # "accused of supplying", "suspected of shipping"
    return None


def subject(token: Token) -> Token | None:
    """The subject of a verb, adjective or noun predicate, looking through coordination and control.

    "Germany agreed to send …": ``send`` has no subject of its own, ``agreed`` lends it. "Britain and
    France sent …, and promised …": the second verb shares the first one's subject."""
    seen = 0
    current: Token | None = token
    while current is not None and seen < 6:
        seen += 1
        found = first_child(current, "nsubj", "nsubjpass")
        if found is not None:
            return found
        if current.dep_ in ("xcomp", "conj", "acomp") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.i != current.head.i:
            current = current.head.head  # "Britain joined Washington in sanctioning …": Britain sanctions
            continue
        if current.dep_ == "relcl" and current.head.i != current.i:
            return current.head  # "the package that includes …": the noun is the subject
        return None
    return None


def agent(token: Token) -> Token | None:
    """The doer of a passive verb: "was approved by Congress" -> Congress."""
    by = first_child(token, "agent")
    if by is not None:
        return first_child(by, "pobj")
    return None


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def is_pronoun(token: Token) -> bool:
    return token.lower_ in _PRONOUNS or token.tag_ in ("PRP", "WP", "WDT")


def ancestors_to_clause_top(token: Token, limit: int = 12) -> Iterator[Token]:
    """The token and its heads, up to the root."""
    current = token
    for _ in range(limit):
        yield current
        if current.head.i == current.i:
            return
        current = current.head


def phrase_tokens(head: Token, *, stop: set[str] | None = None) -> list[Token]:
    """The tokens of the phrase headed by ``head``, without the clauses hanging off it."""
    stop = CLAUSES if stop is None else stop
    out: list[Token] = []

    def walk(tok: Token) -> None:
        for child in tok.lefts:
            if child.dep_ not in stop and child.dep_ != "punct":
                walk(child)
        out.append(tok)
        for child in tok.rights:
            if child.dep_ not in stop and child.dep_ not in ("punct", "cc"):
                walk(child)

    walk(head)
    return sorted(out, key=lambda t: t.i)


def span_text(tokens: list[Token]) -> str:
    """The article's own text from the first to the last token (verbatim, spacing included)."""
    if not tokens:
        return ""
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    doc = first.doc
    text = doc.user_data.get("text", doc.text)  # the verbatim sentence when the parse saw a cleaned copy
    return str(text[first.idx : last.idx + len(last.text)])


DASHES = frozenset({"–", "—", "--"})


def without_asides(tokens: list[Token]) -> list[Token]:
    """``tokens`` without an aside set off by dashes inside them ("31 tankers – old, poorly insured ships – as well
    as 12 individuals"): the list goes on after it."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    kept = {t.i for t in tokens}
    first, last = min(kept), max(kept)
    dashes = [i for i in range(first, last + 1) if doc[i].text in DASHES]
    dropped: set[int] = set()
    for opening, closing in zip(dashes[::2], dashes[1::2], strict=False):
        # "two Chinese refineries — Dalian Xinggang Refining Co. and Rizhao Donglin Petrochemical Co. —": names set
        # off by dashes are the list's members, not an aside.
        names = any(doc[i].pos_ == "PROPN" for i in range(opening + 1, closing))
        if opening > first and closing < last and not names:
            dropped.update(range(opening, closing + 1))
    return [t for t in tokens if t.i not in dropped]


def skips_aside(tokens: list[Token]) -> bool:
    """Do ``tokens`` leave out a dash between their first and last (an aside set off by dashes)?"""
    if not tokens:
        return False
    kept = {t.i for t in tokens}
    doc = tokens[0].doc
    first, last = min(kept), max(kept)
    return any(doc[i].text in DASHES and i not in kept for i in range(first, last))


def until_comma(head: Token) -> list[Token]:
    """The subtree of ``head`` up to the first comma after it: "at Arkto-Marine Insurance", not its appositive."""
    out = []
    for t in head.subtree:
        if t.i > head.i and t.text == ",":
            break
        out.append(t)
    return out


def runs_text(tokens: list[Token]) -> str:
    """The article's text of each run of consecutive tokens, the runs joined by " … "."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for t in ordered:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return " … ".join(span_text(run).strip(" ,;:–—") for run in runs)


def noun_phrase(head: Token) -> str:
    """ "Russia's Defence Ministry", "the brigade's spokesman", "more than 400 entities" (no clauses)."""
    tokens = [
        t
        for t in phrase_tokens(head, stop=CLAUSES | {"prep", "appos"})
        if t.dep_ != "det" or t.i != head.left_edge.i or t.lower_ not in ("the", "a", "an")
    ]
    return span_text(tokens).strip(" ,;:")


def clause_tokens(verb: Token) -> list[Token]:
    """The words of ``verb``'s own clause: its subtree without the clauses it embeds."""
    return phrase_tokens(verb, stop=CLAUSES - {"pcomp"})


_ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|first|second|third|(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twentie)th"
)


def is_ordinal(token: Token) -> bool:
    """ "18th", "nineteenth": a number that orders ("the 18th package"), not one that counts."""
    return bool(_ORDINAL.fullmatch(token.lower_))
