"""Reading what a Discord user sent: a link, pasted text or attached files, as parts of a chat request."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.chat import Where
from bot.chat.requests import Content

# Discord shows <https://…> as a link without a preview; people paste links that way.
_URL = re.compile(r"<?(https?://[^\s<>]+)>?", re.IGNORECASE)
_USER_MENTION = re.compile(r"<@!?(\d+)>")
# Text this short that holds a link is a link with a remark ("@bot brief this https://…"), not an article.
LINK_TEXT_MAX = 300
PLATFORM = "discord"


def strip_mention(content: str, bot_id: int | None) -> str:
    """Remove mentions of the bot from a message's text."""
    if bot_id is None:
        return content.strip()
    return _USER_MENTION.sub(lambda m: "" if m.group(1) == str(bot_id) else m.group(0), content).strip()


def message_content(text: str | None) -> Content:
    """A link when the text is (short and) about a link, otherwise the text itself."""
    text = (text or "").strip()
    match = _URL.search(text)
    if match and len(text) <= LINK_TEXT_MAX:
        return Content(url=match.group(1).rstrip(").,;'\""))
    return Content(text=text) if text else Content()


def file_ref(attachment: Any) -> dict[str, Any]:
    """What a job needs to fetch a ``discord.Attachment`` later (no secrets)."""
    return {
        "url": attachment.url,
        "filename": attachment.filename,
        "size": attachment.size,
        "content_type": attachment.content_type,
    }


def where_of(channel: Any, guild_id: int | None, user_id: int) -> tuple[Where, str | None]:
    """The request's origin (keyed by the parent channel of a thread) and the thread it is in, if any."""
    thread = None
    channel_id = str(getattr(channel, "id", ""))
    if isinstance(channel, discord.Thread):
        thread, channel_id = channel_id, str(channel.parent_id)
    where = Where(platform=PLATFORM, workspace=str(guild_id) if guild_id else None, channel=channel_id, user=str(user_id))
    return where, thread
