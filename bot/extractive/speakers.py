"""Which words name the speaker of a reporting verb: its subject, a speaker the parser hung elsewhere
(an apposition before a final "said", modifiers before "claims to have"), the owner of "the ministry's
statement", the one a news agency cites, and the words that display the speaker's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns that carry someone's words: "the ministry's statement said", "a report by the ISW".
CARRIERS = {
    "statement",
    "report",
    "update",
    "bulletin",
    "briefing",
    "map",
    "post",
    "video",
    "estimate",
    "assessment",
    "data",
    "figure",
    "tally",
    "count",
    "communique",
    "release",
    "summary",
    "analysis",
    "account",
    "version",
    "footage",
    "message",
    "notice",
    "announcement",
    "channel",
    "feed",
}
# Verbs by which a reporter passes on someone else's words: "Reuters, citing the ministry, reported".
CITING = {"cite", "quote"}


def speaker_token(verb: Token) -> Token | None:
    who = syntax.first_child(verb, "nsubj")
    if who is None and verb.dep_ == "conj":
        who = syntax.subject(verb)  # "rejected that account and said …": the verbs share the subject
    if who is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ROOT":
        # "The ministry issued a statement, putting Ukrainian losses at 190": the participle's subject is
        # the main verb's.
        who = syntax.subject(verb.head)
    if who is None:
        who = syntax.agent(verb)  # "maps published by DeepState show …"
    if who is None and verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and syntax.first_child(verb, "ccomp"):
        # "DeepState, a mapping project, estimated that …" parsed as a noun with a reduced relative.
        who = verb.head
    return who


# Nouns for what one side said, which the other answers: "…, a claim Kyiv denied".
CLAIM_NOUNS = {"claim", "account", "report", "assertion", "statement", "version", "allegation"}


def claim_answered(verb: Token) -> tuple[Token, list[Token]] | None:
    """ "…, a claim Ukraine's military rejected": the claim noun and the words naming who answers it, read from
    the words between the comma and the denial verb, however the parse hangs them."""
    doc = verb.doc
    start = verb.i - 1
    while start >= 0 and doc[start].text not in (",", ";", "—", "–", "("):
        start -= 1
    words = [t for t in doc[start + 1 : verb.i] if t.tag_ not in ("RB", "MD") and t.dep_ not in ("aux", "neg")]
    if words and words[0].pos_ == "DET":
        words = words[1:]
    if len(words) < 2 or words[0].lemma_.lower() not in CLAIM_NOUNS or words[0].tag_ != "NN":
        return None
    denier = words[2:] if words[1].lower_ in ("that", "which") else words[1:]
    if not denier or not any(t.pos_ in ("PROPN", "NOUN") for t in denier):
        return None
    return words[0], denier


def trailing_speaker(verb: Token) -> Token | None:
    """ "… killed at least 19 people, the regional governor, Oleh Syniehubov, said": the speaker parsed as an
    apposition of the last noun, right before a final reporting verb that has no subject of its own."""
    doc = verb.doc
    if verb.tag_ not in ("VBZ", "VBD") or any(
        t.i > verb.i and t.dep_ in ("dobj", "ccomp") and claim_answered(t) is None for t in verb.subtree
    ):
        return None
    prev = next((doc[i] for i in range(verb.i - 1, -1, -1) if not doc[i].is_punct), None)
    top = None
    while prev is not None and prev.right_edge.i < verb.i:
        if prev.dep_ == "appos" and prev.head.i < prev.i:
            top = prev
        if prev.head.i == prev.i:
            break
        prev = prev.head
    return top


def left_phrase(verb: Token) -> list[Token]:
    """ "The Ukrainian military claims to have …" parsed with no subject: the words before the verb
    that the parser hung on it as modifiers are the speaker."""
    if verb.tag_ not in ("VBZ", "VBD", "VBP") or verb.i == 0:
        return []
    lefts = [c for c in verb.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss")]
    if lefts:
        tokens = sorted({t for c in lefts for t in c.subtree}, key=lambda t: t.i)
        return tokens if tokens[-1].i == verb.i - 1 else []
    # "On 26 January Russia's Defence Ministry announced …": the noun phrase right before the verb,
    # which the parser took for the object of the opening preposition.
    before = verb.doc[verb.i - 1]
    if before.tag_ in ("NNP", "NNPS", "NN", "NNS") and before.dep_ == "pobj":
        return [
            t
            for t in before.subtree
            if t.i < verb.i and t.dep_ not in ("nummod",) and not syntax.is_temporal(t) and t.tag_ != "CD"
        ]
    return []


def through_carrier(who: Token) -> Token:
    """ "The ministry's statement said" -> the ministry; "a report by the ISW" -> the ISW."""
    if who.lemma_.lower() not in CARRIERS:
        return who
    owner = syntax.first_child(who, "poss")
    if owner is not None:
        return owner
    named = [c for c in who.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")]
    if named:
        return named[-1]  # "the DeepState map shows …"
    for prep in syntax.children(who, "prep"):
        if prep.lower_ in ("by", "from", "of"):
            obj = syntax.first_child(prep, "pobj")
            if obj is not None:
                return obj
    for acl in syntax.children(who, "acl"):  # "maps published by DeepState", "footage released by the ministry"
        agent = syntax.first_child(acl, "agent")
        obj = syntax.first_child(agent, "pobj") if agent is not None else None
        if obj is not None:
            return obj
    return who


def cited_source(verb: Token) -> Token | None:
    """ "Reuters, citing the defence ministry, reported …": the one cited."""
    for child in verb.subtree:
        if child.lemma_ in CITING and child.i != verb.i:
            obj = syntax.first_child(child, "dobj", "pobj")
            if obj is not None:
                return obj
    return None


def display_tokens(who: Token) -> list[Token]:
    """The words that name a speaker: "Russia's chief of the General Staff, Valery Gerasimov", or just
    "Valery Gerasimov" when the whole phrase would be long; never a relative clause."""
    return without_fronted(_display_tokens(who), who)


def without_fronted(tokens: list[Token], who: Token) -> list[Token]:
    """ "Further north, near Rodynske, Ukraine's 25th Airborne Brigade": where the sentence is set, which the
    parser may hang on the speaker, is no part of its name."""
    commas = [t for t in who.doc[tokens[0].i : who.i] if t.text == ","] if tokens else []
    if not commas:
        return tokens
    cut = commas[-1]
    fronted = [t for t in tokens if t.i < cut.i]
    kept = [t for t in tokens if t.i > cut.i]
    # the words between the last comma and the speaker are its own ("Ukraine's 25th Airborne"), the words before it
    # hang on the speaker as a setting (an adverb, a direction, a place after "near"), with no name of its owner
    own = all(t.i == who.i or who in t.ancestors for t in kept if t.i <= who.i)
    setting = any(t.dep_ in ("advmod", "prep", "npadvmod") for t in fronted) and not any(
        t.dep_ in ("poss", "compound") and t.head.i == who.i for t in fronted
    )
    return kept if own and setting and kept else tokens


def _display_tokens(who: Token) -> list[Token]:
    full = [t for t in syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"relcl"}) if not t.is_punct or t.text == "'s"]
    if len(full) <= 9:
        return syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"relcl"})
    for appos in syntax.children(who, "appos") + [
        a for p in syntax.children(who, "prep") for o in syntax.children(p, "pobj") for a in syntax.children(o, "appos")
    ]:
        if appos.tag_ in ("NNP", "NNPS"):
            return syntax.phrase_tokens(appos, stop=syntax.CLAUSES | {"prep", "appos", "relcl"})
    without_appos = syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"appos", "relcl"})
    if who.tag_ in ("NNP", "NNPS") and len(without_appos) <= 9:
        return without_appos  # "The Institute for the Study of War, a think tank": the name runs on through "for"
    return syntax.phrase_tokens(who, stop=syntax.CLAUSES | {"prep", "appos", "relcl"})
