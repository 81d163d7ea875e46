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
from bot.language import BULLET, LIST_MARKER, strip_dateline, strip_label

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Scare quotes around a word or two ('had "liberated" the town') throw small parsers off; quoted
# sentences stay as they are.
_SCARE_QUOTES = re.compile(r"[\"“]([^\"“”]{1,40}?)[\"”]")
# A wire crosshead between dashes on a line of its own: "- ‘No decision’ on Patriots -".
_CROSSHEAD = re.compile(r"^\s*[-–—]\s+(.{1,80}?)\s+[-–—]\s*$")


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
    subhead: bool = False  # "- ‘No decision’ on Patriots -": a wire story's crosshead, a title and no fact

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
    named_in: Sentence | None = field(default=None, compare=False, repr=False)  # the sentence that named it


@dataclass
class Context:
    """What the sentences read so far established."""

    lexicon: Lexicon
    main_actor: str | None = None
    speakers: list[tuple[str, Speaker]] = field(default_factory=list)  # (lookup key, speaker), newest last
    last_speaker: Speaker | None = None
    last_actor: str | None = None
    last_group: list[str] = field(default_factory=list)  # the latest actors named together ("France and Germany")
    last_sanctions_actor: str | None = None
    heading_actor: str | None = None  # the one actor a heading over list lines names ("GERMANY"), for its lines
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
    crossheads: set[int] = set()
    marker = False
    for p, paragraph in enumerate(units):
        if len(paragraph) == 1 and LIST_MARKER.match(paragraph[0]):
            marker = True  # "1." on a line of its own numbers the line after it
            continue
        if len(paragraph) == 1 and (head := _CROSSHEAD.match(paragraph[0])):
            crossheads.add(len(flat))
            flat.append((p, head.group(1), False))
            continue
        bullet = bool(BULLET.match(paragraph[0])) or marker if paragraph else False
        marker = False
        for n, sentence in enumerate(paragraph):
            text = sentence
            if n == 0:
                text = strip_label(strip_dateline(text) if p < 3 else text)
            if bullet and n == 0:
                text = BULLET.sub("", text, count=1)
            flat.append((p, text.strip(), bullet))
    docs = parse([unquote(text) for _, text, _ in flat])
    out = []
    for index, ((p, text, bullet), doc) in enumerate(zip(flat, docs, strict=True)):
        doc.user_data["text"] = text  # the verbatim sentence; phrases are cut from it
        found = gazetteer.find(doc)
        out.append(Sentence(text, p, index, doc, found, bullet=bullet, subhead=index in crossheads))
    gazetteer.settle_seats(out)
    return out
