"""Slack Block Kit payloads for briefs, answers and errors: exactly what the bot posts.

Every piece of article or model text is escaped (``&``, ``<``, ``>``), which also disarms injected
``<!channel>`` pings and disguised ``<https://evil|bank>`` links. Block Kit limits are respected:
at most 50 blocks, 3,000 characters per text object, 150 for a header; what does not fit is
counted in an "…and N more" line. Every payload carries a plain-text ``text`` fallback.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from bot.models import Brief
from bot.render.view import ItemView, section_views
from bot.render.view import item_line as view_line

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_HEADER = 150
MAX_FALLBACK = 3000
MAX_QUOTES = 5

Block = dict[str, Any]


def escape(text: str) -> str:
    """Escape the three characters Slack treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trim(text: str, limit: int) -> str:
    """Cut already-escaped ``text`` to ``limit`` characters with "…", never inside an ``&…;`` entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp >= 0 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for ``<url|label>`` markup, or None."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    # "|" would end the URL part of the markup early; spaces and angle brackets never belong in it.
    return escape(quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"))


def link(url: str | None, label: str) -> str:
    """``<url|label>`` when the URL is usable, else the escaped label alone."""
    target = safe_url(url)
    text = escape(label).replace("|", "¦")
    return f"<{target}|{text}>" if target else text


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": trim(text, MAX_TEXT)}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": trim(text, MAX_HEADER), "emoji": True}}


def _join(parts: list[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def item_line(item: ItemView) -> str:
    """One escaped mrkdwn line describing an item (without its quote)."""
    return view_line(item, esc=escape, bold="*", em="_")


def quote_line(evidence: str) -> str:
    """An escaped verbatim quote, in curly quotes."""
    return f"“{escape(evidence.strip())}”"


def _allocate(counts: list[int], slots: int) -> list[int]:
    """Share ``slots`` item places across sections round-robin, so no section starves the others."""
    shown = [0] * len(counts)
    while slots > 0 and any(s < c for s, c in zip(shown, counts, strict=True)):
        for i, count in enumerate(counts):
            if slots > 0 and shown[i] < count:
                shown[i] += 1
                slots -= 1
    return shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def brief_fallback(brief: Brief) -> str:
    """The plain-text fallback: title, summary and item counts."""
    title = escape(brief.source.title or "Article brief")
    counts = [f"{s.title}: {len(s.items)}" for s in section_views(brief) if s.items]
    text = f"Brief: {title}\n{escape(brief.summary)}"
    if counts:
        text += "\n" + " · ".join(counts)
    return trim(text, MAX_FALLBACK)


def brief_message(brief: Brief) -> dict[str, Any]:
    """The Block Kit message the bot posts for ``brief`` (``briefbot brief --format slack``)."""
    src = brief.source
    head: list[Block] = [_header(escape(src.title or "Article brief"))]
    meta = _join([escape(src.site) if src.site else None, escape(src.published) if src.published else None], " · ")
    if meta:
        head.append(_context(meta))
    head.append(_section(escape(brief.summary or "No summary.")))

    sections = section_views(brief)
    tail: list[Block] = []
    empty = [s.title for s in sections if not s.items]
    if empty:
        tail.append(_context(f"Nothing on {', '.join(t.lower() for t in empty)} in this article."))
    if brief.notes:
        tail.append(_context("Notes: " + escape("; ".join(brief.notes))))
    footer = f"Engine: {escape(brief.engine)}"
    if safe_url(src.url):
        footer += " · " + link(src.url, "Source" + (f": {src.site}" if src.site else ""))
    tail.append(_context(footer))

    present = [s for s in sections if s.items]
    counts = [len(s.items) for s in present]
    # Each present section costs a heading and possibly an "…and N more" line; each item two blocks.
    free = MAX_BLOCKS - len(head) - len(tail) - 2 * len(present)
    shown = _allocate(counts, max(free, 0) // 2)

    body: list[Block] = []
    for section, count, n in zip(present, counts, shown, strict=True):
        body.append(_section(f"*{section.title}* · {count}"))
        for item in section.items[:n]:
            mark = "" if item.verified else " _(unverified)_"
            body.append(_section(item_line(item) + mark))
            body.append(_context(quote_line(item.quote)))
        if count > n:
            body.append(_context(f"…and {count - n} more"))
    return {"text": brief_fallback(brief), "blocks": head + body + tail}


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def answer_parts(result: Any) -> tuple[str, list[str]]:
    """The answer text and its quotes from an AnswerResult, an Answer, or a plain dict."""
    answer = _field(result, "answer", "")
    quotes = _field(result, "quotes", None)
    if not isinstance(answer, str):  # AnswerResult wrapping an Answer model
        quotes = _field(answer, "quotes", quotes)
        answer = _field(answer, "answer", "")
    return str(answer or ""), [str(q) for q in (quotes or []) if str(q).strip()]


def answer_message(result: Any) -> dict[str, Any]:
    """A thread reply: the answer, then its verbatim quotes from the article."""
    answer, quotes = answer_parts(result)
    shown, rest = quotes[:MAX_QUOTES], max(len(quotes) - MAX_QUOTES, 0)
    blocks: list[Block] = [_section(escape(answer) or "The article doesn't say.")]
    blocks += [_context(quote_line(q)) for q in shown]
    if rest:
        blocks.append(_context(f"…and {rest} more"))
    fallback = escape(answer) + "".join(f"\n> “{escape(q)}”" for q in shown)
    return {"text": trim(fallback, MAX_FALLBACK), "blocks": blocks}


def error_message(text: str) -> dict[str, Any]:
    """A short plain message (no blocks), e.g. "That link points into a private network; …"."""
    return {"text": trim(escape(text), MAX_FALLBACK)}


def placeholder_message(title: str) -> dict[str, Any]:
    """The progress message shown while a brief is produced, updated in place when it is ready."""
    return {"text": f"Briefing *{trim(escape(title), 200)}*…"}


def duplicate_message(permalink: str | None) -> dict[str, Any]:
    """The reply to a link that was already briefed in this channel."""
    where = link(permalink, "in this thread") if permalink else "earlier in this channel"
    return {"text": f"This article was already briefed {where}; ask your questions there."}
