"""The article text format: paragraphs separated by one blank line, whitespace inside each collapsed."""

from __future__ import annotations

import re

from bot.text import END_OF_ARTICLE

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
# Control characters other than newline and tab never belong in an article (they break chat rendering).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = tuple(".!?…;:,")
_CLOSERS = "\"'”’»)]"
MAX_TITLE_CHARS = 200
# A list item's first line: a bullet, or a number with "." or ")", then the item's text.
_LIST_ITEM = re.compile(r"[ \t]*(?:[•▪◦‣●○■□·*+\-–—]|\d{1,2}[.)])[ \t]+\S")


def collapse(paragraph: str) -> str:
    """One paragraph with every run of whitespace (including newlines and NBSP) made a single space."""
    return " ".join(paragraph.split())


def join_paragraphs(paragraphs: list[str]) -> str:
    """The canonical text: non-empty collapsed paragraphs, one blank line between them."""
    return "\n\n".join(p for p in (collapse(x) for x in paragraphs) if p)


def normalize_newlines(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def split_plain(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated blocks, or one per line when there are no blank lines.

    Hard-wrapped text uses blank lines between paragraphs; text pasted from a web page often has none and
    puts each paragraph on its own line, so a text with no blank line at all is split on newlines.
    """
    text = normalize_newlines(text).strip()
    if not text:
        return []
    if _BLANK_LINE.search(text):
        blocks = [
            part for block in _BLANK_LINE.split(text) for section in _at_end_markers(block) for part in _list_items(section)
        ]
        return [p for p in (collapse(b) for b in blocks) if p]
    return [p for p in (collapse(line) for line in text.split("\n")) if p]


def _at_end_markers(block: str) -> list[str]:
    """A block cut where a line marks the article's end ("Comments" with the first comment under it): the
    marker must stay a paragraph of its own, or the comments would be read as the article."""
    lines = block.split("\n")
    marks = [i for i, line in enumerate(lines) if END_OF_ARTICLE.match(line.strip())]
    cuts = sorted({c for i in marks for c in (i, i + 1) if 0 < c < len(lines)})
    if not cuts:
        return [block]
    return ["\n".join(lines[a:b]) for a, b in zip([0, *cuts], [*cuts, len(lines)], strict=True)]


def _list_items(block: str) -> list[str]:
    """A block's list items apart, each with its marker: a newsletter's "AID" heading and its "• Norway: …"
    lines are separate facts, not one run-on sentence (the reader knows a list line by its marker). A lone
    dash at a line's start (hard-wrapped prose) is no list: it takes two items."""
    lines = block.split("\n")
    if sum(1 for line in lines if _LIST_ITEM.match(line)) < 2:
        return [block]
    parts: list[list[str]] = [[]]
    for line in lines:
        # After a finished item, a capitalised line is the next heading ("SANCTIONS"), not the item wrapped on.
        heading = bool(parts[-1]) and parts[-1][-1].rstrip().rstrip(_CLOSERS)[-1:] in ".!?:" and line.lstrip()[:1].isupper()
        if (_LIST_ITEM.match(line) or heading) and parts[-1]:
            parts.append([])
        parts[-1].append(line)
    return ["\n".join(part) for part in parts]


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, alone before a blank line, no final punctuation."""
    text = normalize_newlines(text).lstrip()
    match = _BLANK_LINE.search(text)
    if match is None:
        return None
    first = text[: match.start()]
    if "\n" in first.strip() or not text[match.end() :].strip():
        return None
    title = collapse(first)
    if not title or len(title) >= MAX_TITLE_CHARS or title.rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return None
    return title
