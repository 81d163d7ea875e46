"""What a question asks, read from its parse: the class of thing it asks for ("Which Indian refinery …?"), the verb
whose doer it wants, whether it asks for contents, for several things, or where a verb puts something. The reader
of answer phrases (``span.SpanReader``) builds on it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extractive.reading import Sentence
from bot.extractive.weapons import names_an_attack, weapons_in
from bot.language import strip_dateline, strip_label
from bot.qa import phrases
from bot.qa.lexicon import stem

if TYPE_CHECKING:
    from bot.extractive.lexicon import Lexicon
    from bot.extractive.names import Gazetteer

# Questions about what help holds: "What's in the package?", "What does it include?", "What is Denmark buying?"
_HOLDING = r"includes?|including|contains?|buy(?:ing)?|send(?:ing)?|giv(?:e|ing)|supply(?:ing)?|deliver(?:ing)?"
_GETTING = r"get(?:ting)?|receiv(?:e|ing)|pay(?:ing)? for"
_WHAT_IN = r"\bwhat(?:'s|’s| is| are| was| were| else is)?(?: \w+ly)? (?:in|inside)\b"
CONTENTS_Q = re.compile(rf"{_WHAT_IN}|\b(?:{_HOLDING}|{_GETTING})\b", re.IGNORECASE)
AUX_LEMMAS = {"be", "do", "have", "can", "will", "would", "should", "may", "might", "must", "shall", "could"}
SAYING_WORDS = {
    "say",
    "said",
    "says",
    "claim",
    "claimed",
    "claims",
    "report",
    "reported",
    "announce",
    "announced",
    "tell",
    "told",
    "answer",
    "respond",
    "responded",
    "reply",
    "replied",
    "version",
    "account",
    "react",
    "reacted",
    "warn",
    "warned",
    "insist",
    "insisted",
    "deny",
    "denied",
}


_LETTING = {"allow", "permit", "authorise", "authorize", "clear", "let"}
_GENERIC_GOODS = frozenset({"weapon", "arm", "equipment", "aid", "support", "assistance", "hardware", "materiel"})
# "Which villages …", "What towns …": a question that asks for more than one.
_PLURAL_CLASS = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:\w+\s+)?\w+s\b", re.I)


class QuestionReader:
    """Reads questions (and single sentences) with the offline engine's parser and names."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, parse: object) -> None:
        self.lx = lexicon
        self.gazetteer = gazetteer
        self._parse = parse

    @lru_cache(maxsize=256)  # noqa: B019 (one reader per process; sentences repeat across a thread)
    def sentence(self, text: str) -> Sentence:
        text = strip_label(strip_dateline(text))  # "KYIV, March 4 (Reuters) -" answers nothing
        doc = self._parse([text])[0]  # type: ignore[operator]
        return Sentence(text=text, para=0, index=0, doc=doc, names=self.gazetteer.find(doc))

    def side_names(self) -> dict[str, list[str]]:
        """Bodies that speak for Ukraine under a bare name ("the General Staff said", "the Air Force said"), by side.
        People ("Putin said") are not the government's word on every subject."""
        return {"ukraine": list(self.lx.cfg.sides.default_ukraine)}

    def other_names(self, question: str) -> set[str]:
        """The words of every other name of the governments and people the question names, lower case."""
        named = {n.canonical for n in self.sentence(question).names if n.kind == "actor"}
        words: set[str] = set()
        for canonical in named:
            for alias in [canonical, *self.lx.cfg.actors.get(canonical, [])]:
                words |= {w.lower().rstrip("s") for w in phrases.WORD.findall(alias) if w[:1].isupper()}
        return words

    def asked_class(self, question: str) -> str | None:
        """The noun of "which N …": "Which Russian bank was blacklisted?" -> "bank"."""
        doc = self.sentence(question).doc
        for tok in doc:
            if tok.lower_ not in ("which", "what"):
                continue
            # The last noun of the run of modifiers and nouns that follows: "Which big Russian oil company".
            noun = None
            for nxt in doc[tok.i + 1 :]:
                if nxt.pos_ == "NOUN" and nxt.tag_ in ("NN", "NNS"):
                    noun = nxt
                elif (
                    nxt.i == tok.i + 1 and nxt.tag_ == "VBZ" and nxt.head.i > nxt.i and nxt.lemma_.lower() not in AUX_LEMMAS
                ):
                    noun = nxt  # "Which villages does …": the tagger may read the plural after "which" as a verb
                elif (
                    nxt.tag_ in ("VBN", "VBD")
                    and nxt.i == tok.i + 1
                    and nxt.i + 1 < len(doc)
                    and doc[nxt.i + 1].pos_ == "NOUN"
                ):
                    continue  # "Which named tankers …", "Which sanctioned banks …": a participle before the noun
                elif nxt.text == "-" or (nxt.i > 0 and doc[nxt.i - 1].text == "-" and nxt.tag_ in ("VBN", "VBG")):
                    continue  # "Which Dubai-based trader …": a hyphenated modifier is still the run before the noun
                elif nxt.pos_ not in ("ADJ", "PROPN", "NOUN") or nxt.lower_ in ("of",):
                    break
            return stem(noun.lower_) if noun is not None else None
        return None

    def identity_of(self, question: str) -> str | None:
        """The noun of "Who is the N …?": "businessman" in "Who is the Russian businessman who owns X?"."""
        doc = self.sentence(question).doc
        first = next((t for t in doc if not t.is_punct), None)
        if first is None or first.lower_ != "who" or first.head.lemma_ != "be":
            return None
        noun = next(
            (c for c in first.head.children if c.dep_ in ("attr", "nsubj") and c.i != first.i and c.pos_ == "NOUN"),
            None,
        )
        return stem(noun.lower_) if noun is not None else None

    def asks_contents(self, question: str) -> bool:
        """ "What's in the package?", "What does it include?": a question about the goods help holds."""
        return bool(CONTENTS_Q.search(question))

    def goods(self, text: str) -> list[str]:
        """Weapons and other goods the sentence names: "Archer artillery systems", "CV90 infantry fighting vehicles"."""
        # "Italian weapons" is what any sentence on the subject says; a package's contents are more particular.
        return [
            w.text
            for w in weapons_in(self.sentence(text), self.lx, equipment=True)
            if (w.named or w.head.lemma_.lower() not in _GENERIC_GOODS or any(c.like_num for c in w.head.children))
            and not names_an_attack(w.head)  # "as Russia steps up drone and missile attacks" names no goods
        ]

    def verb_after_auxiliary(self, question: str) -> bool:
        """ "Who will send the shells?" asks for the sender: the auxiliary's next word is the verb, not a subject
        ("Who will Berlin blame?")."""
        doc = self.sentence(question).doc
        words = [t for t in doc if not t.is_punct and t.lower_ not in ("and", "so", "but")]
        return len(words) > 2 and words[1].lemma_.lower() in AUX_LEMMAS and words[2].tag_.startswith("VB")

    def asks_doer(self, question: str) -> bool:
        """Is the wh-phrase the subject of the question's verb ("Which outlet reported …?")?"""
        return self.doer_verb(question) is not None

    def where_verb(self, question: str) -> str | None:
        """The lemma of the verb a "Where …?" question asks about ("hold" in "Where are the reserves held?"), when
        it is a verb of its own and not "be" or "do"."""
        doc = self.sentence(question).doc
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if not question.lstrip().lower().startswith("where") or root is None or root.pos_ != "VERB":
            return None
        if root.lemma_.lower() == "be":
            # "Where are the missiles allowed to be used?": the participle the "be" carries, and what it allows.
            # ("Where is that company (Amber Sea Shipping) registered?": a name in brackets may make it "VBD")
            root = next((t for t in doc if t.tag_ in ("VBN", "VBD") and t.dep_ in ("acl", "acomp", "xcomp", "ccomp")), root)
        if root.lemma_.lower() in _LETTING:
            root = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), root)
        if root.lemma_.lower() in AUX_LEMMAS | SAYING_WORDS | _LETTING | {"be", "do", "have", "go"}:
            return None
        return root.lemma_.lower()

    def asks_several(self, question: str) -> bool:
        """Does a "which N" question ask for more than one ("Which villages …")?"""
        return bool(_PLURAL_CLASS.search(question)) and self.asked_class(question) is not None

    def class_verb(self, question: str) -> str | None:
        """The stem of the last verb of its own in a "which N" question: "captur" in "Which villages does Russia
        say it captured?" (not "say", which only frames it)."""
        doc = self.sentence(question).doc
        verbs = [
            t
            for t in doc
            if t.pos_ == "VERB"
            and t.tag_ != "VBZ"
            and t.lemma_.lower() not in AUX_LEMMAS | SAYING_WORDS | _LETTING | {"be", "do", "have", "go"}
        ]
        return stem(verbs[-1].lemma_.lower()) if verbs else None

    def doer_verb(self, question: str) -> str | None:
        """The lemma of the verb whose doer the question asks for: "run" in "Which company runs the sanctioned
        network?" (not "sanction", a verb that only describes the network)."""
        doc = self.sentence(question).doc
        wh = next((t for t in doc if t.lower_ in ("which", "what", "who")), None)
        if wh is None:
            return None
        head = wh.head if wh.dep_ == "det" else wh
        verb = head.head
        if wh.lower_ == "who" and verb.dep_ == "aux" and verb.head.tag_ == "VBG" and wh.dep_ == "attr":
            return verb.head.lemma_.lower()  # "Who is the brigade spokesman denying …?", read as a progressive
        if verb.lemma_.lower() == "be" and wh.lower_ == "who":
            # "Who is the brigade press officer denying the Russian claim?": the doer of the participle on the noun.
            noun = next((c for c in verb.children if c.dep_ == "attr" and c.i != wh.i), None)
            acting = next((c for c in noun.children if c.dep_ in ("acl", "relcl")), None) if noun is not None else None
            if acting is not None and acting.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
                return acting.lemma_.lower()
        if (
            verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in SAYING_WORDS
            and any(c.dep_ == "nsubj" for c in verb.head.children)
        ):
            return None  # "What does Russia say happened …?" asks what happened, in Russia's words
        # "What was hit …?" asks for what was hit, not the hitter
        return verb.lemma_.lower() if head.dep_ == "nsubj" else None
