"""What a Discord user asked us to brief, as a plain request, and how it is loaded through the service."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.article import Article
from bot.errors import InputError

if TYPE_CHECKING:
    from bot.service import BriefService

# Discord shows <https://…> as a link without a preview; people paste links that way.
_URL = re.compile(r"<?(https?://[^\s<>]+)>?", re.IGNORECASE)
_USER_MENTION = re.compile(r"<@!?(\d+)>")
# Text this short that holds a link is a link with a remark ("@bot brief this https://…"), not an article.
LINK_TEXT_MAX = 300

NOTHING_TO_BRIEF = "Send me a link, paste the article text, or attach a file (text, HTML or PDF)."


@dataclass(frozen=True, slots=True)
class SourceRequest:
    """One thing to brief: a URL, pasted text, or an uploaded file's bytes."""

    url: str | None = None
    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    content_type: str | None = None

    @property
    def label(self) -> str:
        return self.filename or self.url or "pasted text"


def strip_mention(content: str, bot_id: int | None) -> str:
    """Remove mentions of the bot from a message's text."""
    if bot_id is None:
        return content.strip()
    return _USER_MENTION.sub(lambda m: "" if m.group(1) == str(bot_id) else m.group(0), content).strip()


def parse_text(text: str) -> SourceRequest:
    """A link when the text is (short and) about a link, otherwise the text itself."""
    text = text.strip()
    match = _URL.search(text)
    if match and len(text) <= LINK_TEXT_MAX:
        return SourceRequest(url=match.group(1).rstrip(").,;'\""))
    if text:
        return SourceRequest(text=text)
    raise InputError("nothing to brief", user_message=NOTHING_TO_BRIEF)


def load_article(service: BriefService, request: SourceRequest) -> Article:
    """Load the article through the service (blocking: fetches, parses files)."""
    if request.data is not None:
        return service.load_bytes(request.data, filename=request.filename, content_type=request.content_type)
    if request.url is not None:
        # ``load_url`` takes http(s) only: chat users must never reach local files.
        return service.load_url(request.url)
    if request.text:
        return service.load_text(request.text)
    raise InputError("nothing to brief", user_message=NOTHING_TO_BRIEF)
