"""A Brief, an Answer or an error as Discord messages, within Discord's limits.

Limits (Discord API): 2,000 characters of content per message; per embed a 256-character title,
4,096-character description, 25 fields and 2,048-character footer; 6,000 characters across all
embeds of one message; at most 10 embeds per message. Every piece of article or model text is
escaped (markdown, masked links, @everyone/@here, user/role/channel mentions) and every message is
also sent with ``allowed_mentions=none``, so a quoted article can never ping anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.chat import BriefThread
from bot.models import SECTION_TITLES, SECTIONS, Answer, Brief
from bot.render.view import ItemView, SectionView, section_views
from bot.render.view import item_line as view_line

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MESSAGE_EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
THREAD_NAME_LIMIT = 100
# A brief that needs more messages than this is cut with "…and N more" instead of flooding the thread.
MAX_BRIEF_MESSAGES = 4
MAX_ANSWER_MESSAGES = 3
QUOTE_LIMIT = 700

COLOUR = discord.Colour(0x3B6EA5)
NO_MENTIONS = discord.AllowedMentions.none()

_URL = re.compile(r"(https?://[^\s<>]+)")
_MARKDOWN = re.compile(r"([\\*_~`|\[\]])")
_LINE_START = re.compile(r"^(\s*)([>#-])", re.MULTILINE)
_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")
_EVERYONE = re.compile(r"@(everyone|here)")


@dataclass
class Outgoing:
    """One Discord message: ``content`` and ``embeds``, ready for ``send(**msg.kwargs())``."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if self.content:
            out["content"] = self.content
        if self.embeds:
            out["embeds"] = self.embeds
        return out


def escape(text: str) -> str:
    """Make untrusted text inert: no markdown, no masked links, no mentions."""
    # Plain URLs stay clickable: Discord applies no markdown inside an autolinked URL.
    parts = _URL.split(text)
    text = "".join(p if i % 2 else _LINE_START.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", p)) for i, p in enumerate(parts))
    text = _MENTION.sub(lambda m: f"<\u200b{m.group(1)}{m.group(2)}>", text)
    return _EVERYONE.sub("@\u200b\\1", text)


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def _join(*parts: str, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def item_line(item: ItemView) -> str:
    """One line saying what an item is, without its quote."""
    return view_line(item, esc=escape, bold="**", em="*")


def _quote_block(text: str, limit: int = QUOTE_LIMIT) -> str:
    flat = " ".join(text.split())
    return "> " + clip(escape(flat), limit)


def item_block(item: ItemView) -> str:
    """An item and its evidence quote, as markdown for an embed description."""
    lines = ["• " + item_line(item), _quote_block(item.quote)]
    if not item.verified:
        lines.append("-# quote not found verbatim in the article")
    return "\n".join(lines)


def _header_embed(brief: Brief) -> discord.Embed:
    src = brief.source
    title = clip(src.title or "Brief", TITLE_LIMIT)
    url = src.url if src.url and src.url.startswith(("http://", "https://")) else None
    embed = discord.Embed(title=title, url=url, description=clip(escape(brief.summary), 1500), colour=COLOUR)
    counts = ", ".join(f"{SECTION_TITLES[s]} {len(brief.items(s))}" for s in SECTIONS)
    footer = _join(f"engine: {brief.engine}", src.site or "", src.published or "", counts)
    embed.set_footer(text=clip(footer, FOOTER_LIMIT))
    if brief.notes:
        notes = "\n".join("• " + escape(n) for n in brief.notes)
        embed.add_field(name="Notes", value=clip(notes, 1024), inline=False)
    return embed


def _section_embeds(section: SectionView) -> list[discord.Embed]:
    """One embed per section; continuation embeds when the items exceed one description."""
    title, items = section.title, section.items
    if not items:
        return [discord.Embed(title=title, description="*Nothing in the article.*", colour=COLOUR)]
    embeds: list[discord.Embed] = []
    chunk: list[str] = []
    size = 0
    for item in items:
        block = clip(item_block(item), DESCRIPTION_LIMIT)
        if chunk and size + len(block) + 2 > DESCRIPTION_LIMIT:
            embeds.append(discord.Embed(description="\n\n".join(chunk), colour=COLOUR))
            chunk, size = [], 0
        chunk.append(block)
        size += len(block) + 2
    embeds.append(discord.Embed(description="\n\n".join(chunk), colour=COLOUR))
    for i, embed in enumerate(embeds):
        embed.title = f"{title} ({len(items)})" if i == 0 else f"{title} (continued)"
    return embeds


def _pack(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages of at most 10 embeds and 6,000 characters."""
    messages: list[list[discord.Embed]] = [[]]
    total = 0
    for embed in embeds:
        size = len(embed)
        if messages[-1] and (total + size > MESSAGE_EMBED_TOTAL or len(messages[-1]) >= EMBEDS_PER_MESSAGE):
            messages.append([])
            total = 0
        messages[-1].append(embed)
        total += size
    return messages


def render_brief(brief: Brief, *, max_messages: int = MAX_BRIEF_MESSAGES) -> list[Outgoing]:
    """The brief as Discord messages; the first one carries the header and starts the thread."""
    embeds = [_header_embed(brief)]
    for section in section_views(brief):
        embeds.extend(_section_embeds(section))
    groups = _pack(embeds)
    out = [Outgoing(embeds=g) for g in groups[:max_messages]]
    if len(groups) > max_messages:
        dropped = sum(len(g) for g in groups[max_messages:])
        out[-1].content = f"…and {dropped} more part(s) not shown: the brief is too long for Discord."
    out[0].content = clip("**Brief:** " + escape(brief.source.title or "article"), CONTENT_LIMIT)
    return out


def split_text(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    """Split markdown text into pieces of at most ``limit`` characters, on line breaks when possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def render_answer(answer: Answer, *, max_messages: int = MAX_ANSWER_MESSAGES) -> list[Outgoing]:
    """A follow-up answer and its quotes as plain messages of at most 2,000 characters."""
    lines = [escape(answer.answer)]
    for quote in answer.quotes:
        lines.append(_quote_block(quote))
    pieces = split_text("\n".join(lines))
    if len(pieces) > max_messages:
        pieces = pieces[:max_messages]
        pieces[-1] = clip(pieces[-1], CONTENT_LIMIT - 12) + "\n…(cut)"
    return [Outgoing(content=p) for p in pieces]


def render_error(message: str) -> Outgoing:
    """A short plain error message for the channel (one line, no markdown, no pings)."""
    line = " ".join(message.split()) or "Something went wrong."
    return Outgoing(content=clip(escape(line), 500))


def thread_link(guild_id: int | str | None, thread_id: int | str) -> str:
    """A link to a thread: its URL in a server, else a channel mention (which never pings)."""
    if guild_id:
        return f"https://discord.com/channels/{guild_id}/{thread_id}"
    return f"<#{thread_id}>"


def duplicate_message(guild_id: int | str | None, thread_id: int | str) -> Outgoing:
    """The one-line reply to an article that already has a brief thread in this channel."""
    link = thread_link(guild_id, thread_id)
    return Outgoing(content=f"This article was already briefed here: {link} (ask your questions there).")


def render_listing(threads: list[BriefThread], guild_id: int | str | None) -> Outgoing:
    """``/briefs``: the latest briefs, each with its item count and a link to its thread."""
    if not threads:
        return Outgoing(content="No briefs yet in this server.")
    lines = ["**Latest briefs**"]
    for t in threads:
        line = f"• {escape(clip(t.title, 120))} · {t.items} items · {thread_link(guild_id, t.thread)}"
        if len("\n".join([*lines, line])) > CONTENT_LIMIT:
            break
        lines.append(line)
    return Outgoing(content="\n".join(lines))


def thread_name(brief: Brief) -> str:
    """A thread title of at most 100 characters (thread names are plain text, so no escaping)."""
    title = " ".join((brief.source.title or brief.source.site or "Brief").split())
    return clip(title, THREAD_NAME_LIMIT)
