"""An article read once: sentences with their parse and names, and what earlier sentences established.

The engine's section readers all work on ``Sentence`` objects and share one ``Context`` per article:
who was last named as a speaker (for "he said", "the ministry said"), which actor last acted (for
"it will also send"), the items made so far (for "The package includes …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.extractive.lexicon import Lexicon, Side
from bot.extractive.names import Gazetteer, Name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "KYIV, March 4 (Reuters) -", "BRUSSELS (AP) —", "Tokyo, Jan 9 (Kyodo) -", "KYIV —": a wire dateline
# ahead of the lede. Every quantifier is bounded, so this runs in linear time on any input.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.'’/-]{1,25}(?:[ /-][\w.'’-]{1,25}){0,3})"          # place (one to four words)
    r"(?:,\s{0,3}[\w.'’ -]{1,40}?){0,2}"                                 # ", March 4" / ", Jan 10, 2025"
    r"(?:\s{0,3}\([\w.&'’ /-]{1,40}\))?"                                   # "(Reuters)"
    r"\s{0,3}(?:-{1,2}|–|—)\s{1,3}"
)
_AGENCY_ONLY = re.compile(r"^\s*\([\w.&'’ /-]{1,40}\)\s{0,3}(?:-{1,2}|–|—)\s{1,3}")
_MARKER = re.compile(r"^\s{0,8}(?:[-*•▪●◦–—]|\d{1,2}[.)])\s{0,8}$")
_BULLET = re.compile(r"^\s{0,8}(?:[-*•▪●◦–—]|\d{1,2}[.)])\s{1,8}")


# "15:20 - ", "09.45 GMT: ", "BATTLEFIELD - ", "UPDATE — ": a live-blog time or a newsletter label
# ahead of a paragraph.
_LABEL = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?|[A-Z][A-Z&'’/ ]{2,30}[A-Z])"
                    r"\s{0,3}(?:-{1,2}|–|—|:|\|)\s{1,3}(?=\S)")


def strip_label(text: str) -> str:
    """The paragraph's first sentence without a live-blog time or an all-capitals section label."""
    m = _LABEL.match(text)
    return text[m.end():] if m else text


def strip_dateline(text: str) -> str:
    """The sentence without a leading wire dateline; unchanged when it has none."""
    m = _DATELINE.match(text)
    if m is None or not any(ch.isupper() for ch in m.group(0)[:3]):
        m = _AGENCY_ONLY.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    # A real dateline is followed by the lede's first word; "Kyiv - and Moscow" is not a dateline.
    return rest if rest[:1].isupper() or rest[:1] in "“\"‘'" else text


# Scare quotes around a word or two ('had "liberated" the town') throw small parsers off; quoted
# sentences stay as they are.
_SCARE_QUOTES = re.compile(r"[\"“]([^\"“”]{1,40}?)[\"”]")


def unquote(text: str) -> str:
    """The sentence with scare quotes blanked out, character for character (offsets do not move)."""
    def blank(m: re.Match[str]) -> str:
        inner = m.group(1)
        return f" {inner} " if len(inner.split()) <= 3 and not inner.rstrip().endswith((",", ".")) else m.group(0)

    return _SCARE_QUOTES.sub(blank, text)


@dataclass(slots=True)
class Sentence:
    """One sentence of the article: its verbatim text, place, parse and listed names."""

    text: str
    para: int
    index: int
    doc: Doc
    names: list[Name]
    bullet: bool = False

    def names_of(self, kind: str, start: int = 0, end: int | None = None) -> list[Name]:
        end = len(self.doc) if end is None else end
        return [n for n in self.names if n.kind == kind and start <= n.start and n.end <= end]

    def name_at(self, token: Token, kind: str) -> Name | None:
        for n in self.names:
            if n.kind == kind and n.start <= token.i < n.end:
                return n
        return None


@dataclass(slots=True)
class Speaker:
    """Who asserts something, as a reader should see it, and their side."""

    name: str
    side: Side
    person: bool = False
    actor: str | None = None  # the government or body the speaker speaks for, when the domain file knows it


@dataclass
class Context:
    """What the sentences read so far established."""

    lexicon: Lexicon
    main_actor: str | None = None
    speakers: list[tuple[str, Speaker]] = field(default_factory=list)  # (lookup key, speaker), newest last
    last_speaker: Speaker | None = None
    last_actor: str | None = None
    last_sanctions_actor: str | None = None
    last_said: tuple[int, Speaker] | None = None  # (sentence index, speaker) of the latest attribution
    items: list[Any] = field(default_factory=list)  # engine items, in article order
    sentences: list[Sentence] = field(default_factory=list)  # the whole article, for looking back

    def remember(self, keys: list[str], speaker: Speaker) -> None:
        for key in keys:
            self.speakers.append((key.lower(), speaker))
        self.last_speaker = speaker

    def recall(self, key: str) -> Speaker | None:
        key = key.lower()
        for known, speaker in reversed(self.speakers):
            if known == key:
                return speaker
        return None


class ContextReader:
    """A reader of one article's sentences: the context they share, and the domain words they are read with."""

    def __init__(self, context: Context) -> None:
        self.ctx = context
        self.lx = context.lexicon


def read_sentences(units: list[list[str]], gazetteer: Gazetteer, parse: Any) -> list[Sentence]:
    """Parse the article's paragraphs (lists of sentences) into ``Sentence`` objects, in order."""
    flat: list[tuple[int, str, bool]] = []
    marker = False
    for p, paragraph in enumerate(units):
        if len(paragraph) == 1 and _MARKER.match(paragraph[0]):
            marker = True  # "1." on a line of its own numbers the line after it
            continue
        bullet = bool(_BULLET.match(paragraph[0])) or marker if paragraph else False
        marker = False
        for n, sentence in enumerate(paragraph):
            text = sentence
            if n == 0:
                text = strip_label(strip_dateline(text) if p < 3 else text)
            if bullet and n == 0:
                text = _BULLET.sub("", text, count=1)
            flat.append((p, text.strip(), bullet))
    docs = parse([unquote(text) for _, text, _ in flat])
    out = []
    for index, ((p, text, bullet), doc) in enumerate(zip(flat, docs, strict=True)):
        doc.user_data["text"] = text  # the verbatim sentence; phrases are cut from it
        out.append(Sentence(text=text, para=p, index=index, doc=doc, names=gazetteer.find(doc), bullet=bullet))
    return out
