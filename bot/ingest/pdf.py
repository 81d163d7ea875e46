"""Text of a PDF's text layer (pypdf), rebuilt into paragraphs, with its title and creation date."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from bot.errors import EmptyArticle, UnsupportedInput
from bot.ingest.text import collapse

NO_TEXT_MESSAGE = "That PDF has no text layer (it may be a scan), so there is nothing to brief."
UNREADABLE_MESSAGE = "That PDF could not be read."
LOCKED_MESSAGE = "That PDF is password-protected, so I can't read it."
MIN_WORDS = 10

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?:;…\"'”’)")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PdfDocument:
    text: str
    title: str | None
    published: str | None


def _page_lines(reader: PdfReader) -> list[list[str]]:
    pages: list[list[str]] = []
    for page in reader.pages:
        lines = [collapse(line) for line in page.extract_text().split("\n")]
        lines = [line for line in lines if line]
        # Running page numbers are layout, not article text.
        while lines and _PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        while lines and _PAGE_NUMBER.match(lines[0]):
            lines.pop(0)
        pages.append(lines)
    return pages


def paragraphs_from_lines(lines: list[str], page_ends: set[int] | None = None) -> list[str]:
    """Rejoin hard-wrapped lines. pypdf gives no blank lines, so a paragraph ends at a sentence end that is
    clearly shorter than a full line or closes a page, or at a much shorter line (a heading)."""
    if not lines:
        return []
    ends = page_ends or set()
    lengths = sorted(len(line) for line in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))]
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if current.endswith("-") and current[-2:-1].isalpha():
            current += line  # a word broken across lines keeps its hyphen, loses the space
        else:
            current = f"{current} {line}" if current else line
        closes = len(line) < 0.8 * full or index in ends
        if (closes and line.endswith(_SENTENCE_END)) or len(line) < 0.6 * full:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _published(reader: PdfReader) -> str | None:
    try:
        created = reader.metadata.creation_date if reader.metadata else None
    except (PyPdfError, ValueError, TypeError):
        return None
    return created.date().isoformat() if created else None


def extract_pdf(data: bytes) -> PdfDocument:
    """Paragraph text, title and date of a PDF. EmptyArticle when it has no text layer."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedInput("encrypted PDF", user_message=LOCKED_MESSAGE)
        pages = _page_lines(reader)
    except UnsupportedInput:
        raise
    except Exception as exc:  # pypdf raises many unrelated types on malformed files
        log.debug("pypdf failed: %r", exc)
        raise UnsupportedInput(f"unreadable PDF: {exc!r}", user_message=UNREADABLE_MESSAGE) from exc
    lines = [line for page in pages for line in page]
    page_ends: set[int] = set()
    for page in pages:
        if page:
            page_ends.add((max(page_ends) if page_ends else -1) + len(page))
    text = "\n\n".join(paragraphs_from_lines(lines, page_ends))
    if len(text.split()) < MIN_WORDS:
        raise EmptyArticle("PDF has no text layer", user_message=NO_TEXT_MESSAGE)
    title = None
    try:
        title = collapse(reader.metadata.title or "") or None if reader.metadata else None
    except (PyPdfError, ValueError, TypeError):
        title = None
    return PdfDocument(text=text, title=title, published=_published(reader))
