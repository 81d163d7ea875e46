"""Main text and metadata of a web page, through trafilatura, with the leftovers it lets through removed.

trafilatura drops navigation, footers, cookie banners, comments and most widgets by itself (it leads the
public extraction benchmarks, and keeps every body paragraph of our fixture pages). What it keeps when they
sit inside the article body (share prompts, "Read more:" links, subscription prompts) is filtered here
line by line. A page with too little text left, or a short one that announces a paywall or login, is
refused with EmptyArticle rather than briefed as nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura

from bot.errors import EmptyArticle
from bot.ingest.text import collapse

EMPTY_MESSAGE = "That page has no article text (it may be behind a paywall or a login)."
# Below this many words a page is a stub, whatever it says.
MIN_WORDS = 25
# Below this many words a page that shows paywall or login signs is treated as the stub it is.
PAYWALL_MAX_WORDS = 150
# Boilerplate lines are short; a long paragraph that happens to start with "Share" is article text.
_MAX_BOILERPLATE_CHARS = 200

_BOILERPLATE = re.compile(
    r"""^(?:
        share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page))?(?:\s+(?:on|via)\s+\S+)?\s*[.:!]?
      | (?:tweet|email|print|copy\s+link|pin\s+it|whatsapp|facebook|twitter|telegram|linkedin|reddit)
        (?:\s+this(?:\s+article)?)?\s*[.:]?
      | exit\s+mobile\s+version | view\s+(?:desktop|mobile)\s+version | skip\s+to\s+(?:main\s+)?content
      | advertisement | sponsored(?:\s+content)? | scroll\s+to\s+(?:continue|top).*
      | (?:read|see)\s+(?:more|also)\b.* | (?:also\s+read|more\s+on\s+this\s+story|recommended)\b.*
      | related(?:\s+(?:stories|articles|coverage|content|posts|reading))?\s*(?::.*)?
      | (?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\b.*(?:newsletter|briefing|updates).*
      | .*\bwe\s+use\s+cookies\b.* | (?:accept|reject|manage)(?:\s+all)?\s+(?:cookies|preferences)
      | .*\b(?:cookie|privacy)\s+(?:policy|settings|preferences|notice)\b.*
      | leave\s+a\s+(?:reply|comment).* | \d+\s+comments? | comments?\s*(?:\(\d+\))?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_PAYWALL = re.compile(
    r"subscribe\s+(?:now\s+)?to\s+(?:continue|read|keep)|subscribers?[\s-]+only|for\s+subscribers"
    r"|to\s+continue\s+reading|(?:log|sign)\s*(?:in|on)\s+to\s+(?:continue|read|keep|view)"
    r"|already\s+(?:a\s+subscriber|have\s+an\s+account)|create\s+a\s+free\s+account"
    r"|this\s+(?:article|content|story)\s+is\s+(?:only\s+)?(?:available|reserved)",
    re.IGNORECASE,
)
_NOT_FREE = re.compile(r"""["']isAccessibleForFree["']\s*:\s*["']?false""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page yields: clean paragraphs and metadata."""

    text: str
    title: str | None
    site: str | None
    published: str | None


def is_boilerplate(paragraph: str) -> bool:
    """True for share prompts, "Read more" links, cookie and subscription notices and similar leftovers."""
    if len(paragraph) > _MAX_BOILERPLATE_CHARS:
        return False
    return bool(_BOILERPLATE.match(paragraph)) or bool(_PAYWALL.search(paragraph))


def extract_page(html: str, *, url: str | None = None) -> Page:
    """Main text, title, site name and published date (ISO) of ``html``; EmptyArticle when there is none."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    raw = getattr(doc, "text", None) or ""
    paragraphs = [p for p in (collapse(line) for line in raw.split("\n")) if p and not is_boilerplate(p)]
    text = "\n\n".join(paragraphs)
    words = len(text.split())
    if words < MIN_WORDS:
        raise EmptyArticle(f"page has {words} words of text", user_message=EMPTY_MESSAGE)
    if words < PAYWALL_MAX_WORDS and (_NOT_FREE.search(html) or _PAYWALL.search(html)):
        raise EmptyArticle(f"paywall or login signs and only {words} words", user_message=EMPTY_MESSAGE)
    title = collapse(getattr(doc, "title", None) or "") or None
    site = collapse(getattr(doc, "sitename", None) or "") or None
    if site is None and url:
        site = urlsplit(url).hostname
    published = getattr(doc, "date", None) or None
    return Page(text=text, title=title, site=site, published=published)
