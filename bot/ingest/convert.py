"""Bytes (a file, stdin, a chat upload or a fetched body) to an Article."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.article import Article
from bot.config import Settings
from bot.errors import EmptyArticle, InputTooLarge
from bot.ingest.decode import decode_html, decode_text, media_type, sniff_kind
from bot.ingest.text import headline, join_paragraphs, split_plain

EMPTY_TEXT_MESSAGE = "There is no article text to brief."


def _check_length(text: str, settings: Settings) -> None:
    limit = settings.input.max_article_chars
    if len(text) > limit:
        raise InputTooLarge(
            f"article has {len(text)} characters, over {limit}",
            user_message=f"That article is too long to brief (over {limit:,} characters).",
        )


def article_from_bytes(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    url: str | None = None,
    settings: Settings,
) -> Article:
    """Detect text, HTML or PDF from the content (labels only break ties) and build the Article.

    ``url`` is the page's final address when the bytes were fetched; it feeds metadata (site name) only.
    """
    if not data.strip():
        raise EmptyArticle("input is empty", user_message=EMPTY_TEXT_MESSAGE)
    kind = sniff_kind(data, content_type=content_type, filename=filename)
    if kind == "pdf":
        from bot.ingest.pdf import extract_pdf  # pypdf loads only for PDFs

        doc = extract_pdf(data)
        _check_length(doc.text, settings)
        return Article(text=doc.text, title=doc.title, url=url, published=doc.published, kind="pdf", site=_host(url))
    if kind == "html":
        from bot.ingest.html import extract_page  # trafilatura (~0.1 s to import) loads only for pages

        _, charset = media_type(content_type)
        page = extract_page(decode_html(data, header_charset=charset), url=url)
        _check_length(page.text, settings)
        return Article(text=page.text, title=page.title, url=url, site=page.site, published=page.published, kind="html")
    raw = decode_text(data)
    text = join_paragraphs(split_plain(raw))
    if not text:
        raise EmptyArticle("input is only whitespace", user_message=EMPTY_TEXT_MESSAGE)
    _check_length(text, settings)
    return Article(text=text, title=headline(raw), url=url, site=_host(url), kind="text")


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
