"""What a sentence says is not known or not given, read from its parse.

"Neither minister would say how the guarantee was to be divided", "the interest rate has yet to be fixed",
"the ministry gave no indication of which units were involved", "an unspecified quantity of ammunition",
"he declined to name any of them", "it was unclear how many residents remained": each withholds something,
and a question about that very thing is answered "the article doesn't say", not with the nearest figure.

Pure functions over a spaCy ``Doc``: each withheld thing comes back as the set of word stems that describe it
(as ``bot.qa.lexicon.tokens`` stems them), with the question word of an indirect question kept ("how",
"many", "which", "when" …), so callers can match a question against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extractive.syntax import is_negated
from bot.qa.lexicon import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs of telling and of settling (lemmas): negated, refused or "yet to" be done, their object is not given.
_TELL_WORDS = """say disclose specify reveal name identify detail confirm indicate publish release elaborate explain comment
state quantify share announce give provide offer put"""
_SETTLE_WORDS = "fix set decide determine finalise finalize agree settle choose schedule work establish ascertain verify"
_TELL = frozenset(_TELL_WORDS.split())
_SETTLE = frozenset(_SETTLE_WORDS.split())
# "declined to say", "refused to name", "failed to specify": the telling did not happen.
_REFUSE = frozenset({"decline", "refuse", "fail"})
# "gave no indication of …", "offered no details on …", "there was no word on …".
_NOTHING_WORDS = """indication detail word information breakdown figure date timeline timetable estimate name number clue
explanation reason confirmation comment"""
_NOTHING_NOUNS = frozenset(_NOTHING_WORDS.split())
# "an unspecified quantity", "an undisclosed sum", "unnamed officials" (the officials are named as a source
# even so, so only things, not people, count: see ``_UNKNOWN_PEOPLE``).
_UNKNOWN = frozenset({"unspecified", "undisclosed", "unnamed", "unidentified", "unknown", "undetermined", "undecided"})
_UNKNOWN_PEOPLE = frozenset({"official", "source", "diplomat", "person", "people", "officer", "aide"})
# "It was unclear how many …", "It is not known when …".
_UNCLEAR = frozenset({"unclear", "uncertain", "unknown", "undecided"})
_QUESTION_WORDS = frozenset(
    {"how", "many", "much", "which", "what", "when", "where", "who", "whom", "whose", "why", "whether"}
)
_RELATIVES = frozenset({"who", "whom", "which", "that"})
_PRONOUN_OBJECTS = frozenset({"it", "them", "him", "her", "any", "either", "one", "those", "these", "this", "that"})
_PLURAL_PRONOUNS = frozenset({"them", "those", "these", "any", "either"})


@dataclass(frozen=True, slots=True)
class Withheld:
    """One thing a sentence says is not given: ``aspect`` is what is missing (the value of "the interest rate",
    the "number" of an unspecified number of vehicles, "how" the guarantee is divided), ``about`` all the
    words of the phrase (the vehicles counted, the guarantee divided)."""

    aspect: frozenset[str]
    about: frozenset[str]

    @property
    def indirect(self) -> bool:
        """An indirect question ("how the guarantee was divided"): all its words are what is missing."""
        return bool(self.aspect & _QUESTION_WORDS)


def _stems(toks: list[Token]) -> frozenset[str]:
    return frozenset(t for tok in toks for t in tokens(tok.text, keep_stopwords=tok.lower_ in _QUESTION_WORDS))


def _head_words(head: Token) -> list[Token]:
    """A noun with its compounds: "the interest rate" -> interest, rate."""
    return [c for c in head.children if c.dep_ == "compound"] + [head]


def _thing(words: list[Token], head: Token | None, *extra: str) -> Withheld | None:
    """The withheld thing of a phrase: all of it when it is an indirect question, else its head noun."""
    words = [t for t in words if not t.is_punct]
    if not words or all(t.lower_ in _RELATIVES for t in words):
        return None  # "an official who asked not to be named": the source is described, not withheld
    about = _stems(words)
    if about & _QUESTION_WORDS or head is None:
        aspect = about
    else:
        aspect = _stems(_head_words(head))
    if not aspect:
        return None
    return Withheld(aspect=aspect | frozenset(extra), about=about | frozenset(extra))


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _not_done(verb: Token) -> bool:
    """Is the telling or settling negated, refused, or still to come?"""
    if is_negated(verb):
        return True
    subject = _subject(verb)
    if subject is not None and (
        subject.lower_ in ("nobody", "none") or any(c.lower_ in ("neither", "no") for c in subject.children)
    ):
        return True  # "Neither minister would say …", "No official would confirm …"
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "without":
        return True  # "said Moscow would respond, without giving details"
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in _REFUSE:
            return True  # "declined to name"
        if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children):
            return True  # "has yet to be fixed", "is yet to decide"
        if head.lemma_.lower() == "remain":
            return True  # "remains to be decided"
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _referent(verb: Token, pronoun: Token) -> Token | None:
    """The noun a pronoun object stands for: the nearest one before it of the same number, not the teller's
    ("… expected other European capitals to join … but declined to name any of them" -> capitals)."""
    teller: set[int] = set()
    for tok in (verb, verb.head):
        subject = _subject(tok)
        if subject is not None:
            teller |= {t.i for t in subject.subtree}
    plural = pronoun.lower_ in _PLURAL_PRONOUNS
    person = pronoun.lower_ in ("him", "her")
    for tok in reversed(verb.sent[: verb.i - verb.sent.start]):
        if tok.i in teller or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            continue
        if person and (tok.ent_type_ in ("ORG", "GPE", "NORP") or (tok.dep_ == "nsubj" and tok.head.lemma_ == "say")):
            continue  # "him" is no ministry, nor the one who said so
        if (tok.tag_ in ("NNS", "NNPS")) == plural:
            # "The company's ultimate owner, a Russian businessman, …": the owner is the businessman.
            return tok.head if tok.dep_ == "appos" else tok
    return None


def _untold(verb: Token) -> Withheld | None:
    """What a negated, refused or pending verb of telling or settling leaves out."""
    named = ("name",) if verb.lemma_.lower() in ("name", "identify") else ()
    if _passive(verb):
        subject = _subject(verb) or (_subject(verb.head) if verb.dep_ == "xcomp" else None)
        return _thing(list(subject.subtree), subject, *named) if subject is not None else None
    for c in verb.children:
        if c.dep_ in ("dobj", "ccomp", "xcomp", "attr"):
            if c.lower_ in _PRONOUN_OBJECTS:
                pronoun = next((t for t in c.subtree if t.lower_ in _PRONOUN_OBJECTS and t.i != c.i), c)
                referent = _referent(verb, pronoun)  # "declined to name any of them"
                if referent is None:
                    return None
                words = _head_words(referent) + [a for a in referent.children if a.dep_ == "appos"]
                return _thing(words, None, *named)
            return _thing(list(c.subtree), c if c.pos_ in ("NOUN", "PROPN") else None, *named)
        if c.dep_ == "prep" and c.lower_ in ("on", "about", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            return _thing(list(c.subtree)[1:], obj, *named)  # "declined to comment on the figures"
    return None


def withheld(doc: Doc) -> list[Withheld]:
    """Each thing ``doc`` says is not given, not known or not yet settled."""
    out: list[Withheld | None] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in _TELL | _SETTLE and _not_done(tok):
            out.append(_untold(tok))
        elif tok.lower_ in _UNKNOWN and tok.dep_ == "amod" and tok.head.lemma_.lower() not in _UNKNOWN_PEOPLE:
            # "an unspecified number of CV90 vehicles": the number is missing, not which vehicles.
            out.append(_thing([t for t in tok.head.subtree if t.i != tok.i], tok.head))
        elif tok.lower_ in _UNCLEAR and tok.dep_ in ("acomp", "attr", "ROOT"):
            # "It was unclear how many residents remained": the question after "unclear".
            # The question may hang from "was" as a clausal complement or, as the parser often has it, an
            # adverbial clause; it is a question only when it starts with a question word.
            clauses = [c for c in (*tok.head.children, *tok.children) if c.dep_ in ("ccomp", "advcl")]
            words = [t for c in clauses if c.left_edge.lower_ in _QUESTION_WORDS for t in c.subtree]
            out.append(_thing(words, None))
        elif tok.pos_ == "NOUN" and lemma in _NOTHING_NOUNS and is_negated(tok):
            # "gave no indication of which units …", "gave no date": the noun is itself what is missing.
            # "of which units took part" may be parsed as a relative clause that starts with its preposition.
            rest = [
                t
                for c in tok.children
                if c.dep_ in ("prep", "acl") or (c.dep_ == "relcl" and c.left_edge.lower_ in ("of", "about", "on"))
                for t in c.subtree
            ]
            found = _thing([tok, *rest], tok)
            if found is not None and rest and (_stems(rest) & _QUESTION_WORDS):
                found = Withheld(aspect=found.about, about=found.about)
            out.append(found)
    return [w for w in out if w is not None]
