"""Reading Slack message markup: ``<https://…|label>`` links, ``<@U…>`` mentions, ``&amp;`` entities.

Slack escapes ``&``, ``<`` and ``>`` in message text and wraps links, mentions and channel references
in angle brackets. These helpers turn such text back into what the user meant.
"""

from __future__ import annotations

import re

from bot.chat.requests import Content

_TOKEN = re.compile(r"<([^<>]*)>")
_BARE_URL = re.compile(r"(?<![<|\w])https?://[^\s<>|]+", re.IGNORECASE)
# A link posted with a few words around it is "a link"; a long text with links in it is pasted text.
LINK_MESSAGE_MAX_EXTRA_CHARS = 280
# Shorter pasted text is a remark ("hi", "what's this?"), not an article: answer with a hint instead.
MIN_PASTED_CHARS = 60


def unescape(text: str) -> str:
    """Undo Slack's entity escaping (``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def extract_links(text: str) -> list[str]:
    """The http(s) links in Slack markup, in order, unescaped and without duplicates."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        target = match.group(1).split("|", 1)[0].strip()
        if target.lower().startswith(("http://", "https://")):
            found.append(unescape(target))
    # Socket-less test clients and some integrations post bare URLs without markup.
    for match in _BARE_URL.finditer(_TOKEN.sub(" ", text)):
        found.append(unescape(match.group(0).rstrip(".,);!?")))
    out: list[str] = []
    for url in found:
        if url not in out:
            out.append(url)
    return out


def mentions(text: str) -> list[str]:
    """User IDs mentioned as ``<@U123>`` or ``<@U123|name>``."""
    return [m.group(1).split("|", 1)[0][1:] for m in _TOKEN.finditer(text) if m.group(1).startswith("@")]


def strip_mention(text: str, user_id: str | None) -> str:
    """Remove mentions of ``user_id`` (the bot) from raw Slack text."""
    if not user_id:
        return text.strip()
    return re.sub(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>", " ", text).strip()


def to_plain(text: str) -> str:
    """Readable plain text: links become their label (or URL), mentions ``@id``, entities unescaped."""

    def repl(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^", 1)[0])
        return label or target

    return unescape(_TOKEN.sub(repl, text)).strip()


def is_article_link(url: str) -> bool:
    """Links worth briefing: not Slack's own pages (permalinks, files)."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower()
    return not (host == "slack.com" or host.endswith(".slack.com") or host.endswith(".slack-edge.com"))


def message_content(raw: str, *, bot_user_id: str | None = None) -> Content:
    """Decide whether ``raw`` Slack text is a link to brief or pasted text to brief."""
    raw = strip_mention(raw, bot_user_id)
    links = [u for u in extract_links(raw) if is_article_link(u)]
    if links:
        rest = to_plain(_TOKEN.sub(lambda m: "" if _is_link(m.group(1)) else m.group(0), raw))
        rest = _BARE_URL.sub("", rest)
        if len(rest.strip()) <= LINK_MESSAGE_MAX_EXTRA_CHARS:
            return Content(url=links[0])
    plain = to_plain(raw)
    return Content(text=plain) if len(plain) >= MIN_PASTED_CHARS else Content()


def _is_link(inner: str) -> bool:
    return inner.split("|", 1)[0].lower().startswith(("http://", "https://"))
