"""``/digest period:[today|week|30d]`` and the "What's new" message of a brief, for Discord.

The digest goes back as the interaction's followups (every line links to the thread of the brief it came
from) with its chart attached as a PNG. The logic is the story service's (``bot.stories``).
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import stories
from bot.discord_bot.render import (
    COLOUR,
    CONTENT_LIMIT,
    EMBEDS_PER_MESSAGE,
    MESSAGE_EMBED_TOTAL,
    NO_MENTIONS,
    TITLE_LIMIT,
    Outgoing,
    clip,
    escape,
    split_text,
)
from bot.discord_bot.request import PLATFORM, where_of
from bot.story.digest import Digest
from bot.story.links import thread_url
from bot.story.render import MAX_LINKS, Columns, Style, digest_parts, links_capped, render_markdown, whats_new_lines

if TYPE_CHECKING:
    from bot.chat.outlets import News
    from bot.discord_bot.adapter import BriefBot

log = logging.getLogger(__name__)

DISCORD = Style(
    escape=escape,
    link=lambda url, label: f"[{label}](<{url}>)",
    bold=lambda t: f"**{t}**",
    heading=lambda t, level: f"## {t}" if level < 3 else f"**{t}**",
)
# Discord's limits: 2,000 characters of content per message; per embed a 256-character title, 25 fields of
# 1,024 characters, 6,000 characters across a message's embeds and 10 embeds. A digest longer than
# MAX_DIGEST_MESSAGES messages is cut, and then (or when a line has more thread links than MAX_LINKS) the
# full digest is attached as a Markdown file, next to the chart.
MAX_DIGEST_MESSAGES = 5
INTERNAL_ERROR = "Sorry, something went wrong on my side while making the digest."
_FIELD_VALUE = 1024
_MASKED = re.compile(r"\]\(<(https?://[^\s>]+)>\)")


@dataclass
class DigestPost:
    """The digest as Discord messages, and whether they hold all of it (if not, the full digest is attached)."""

    messages: list[Outgoing]
    complete: bool


def _embed(part: Columns) -> tuple[discord.Embed, int]:
    """A disputed place as an embed whose inline fields show each side's claims side by side."""
    embed = discord.Embed(title=clip(part.heading.strip("*"), TITLE_LIMIT), colour=COLOUR)
    cut = 0
    for side, lines in part.sides[:25]:
        kept: list[str] = []
        for n, line in enumerate(lines):
            line = _MASKED.sub(r"](\1)", clip(line, _FIELD_VALUE - 20))  # embeds never unfurl: plain masked links
            if len("\n".join([*kept, f"• {line}"])) > _FIELD_VALUE - 20:
                kept.append(f"…and {len(lines) - n} more")
                cut += len(lines) - n
                break
            kept.append(f"• {line}")
        embed.add_field(name=side, value="\n".join(kept) or "-", inline=True)
    return embed, cut


def digest_messages(digest: Digest) -> DigestPost:
    """The digest as messages within Discord's limits: text, and an embed per disputed place."""
    parts = digest_parts(digest, style=DISCORD, linker=thread_url, max_links=MAX_LINKS)
    messages: list[Outgoing] = [Outgoing(content="")]
    cut = 0
    for part in parts:
        last = messages[-1]
        if isinstance(part, Columns):
            embed, left = _embed(part)
            cut += left
            if len(last.embeds) >= EMBEDS_PER_MESSAGE or sum(len(e) for e in last.embeds) + len(embed) > MESSAGE_EMBED_TOTAL:
                messages.append(last := Outgoing(content=""))
            last.embeds.append(embed)
            continue
        for piece in split_text(part) or [""]:
            text = f"{last.content}\n{piece}" if last.content else piece
            if last.embeds or len(text) > CONTENT_LIMIT:  # text after embeds would show above them
                messages.append(last := Outgoing(content=piece))
            else:
                last.content = text
    messages = [m for m in messages if m.content or m.embeds]
    complete = not cut and len(messages) <= MAX_DIGEST_MESSAGES and not links_capped(digest, MAX_LINKS)
    messages = messages[:MAX_DIGEST_MESSAGES]
    if not complete:
        note = (
            f"Not everything fits in chat: the full digest, every line with all its thread links, is the "
            f"attached file `briefbot-digest-{digest.period}.md`."
        )
        last = messages[-1]
        if not last.embeds and len(f"{last.content}\n{note}") <= CONTENT_LIMIT:
            last.content = f"{last.content}\n{note}"
        else:
            messages = [*messages[: MAX_DIGEST_MESSAGES - 1], Outgoing(content=note)]
    return DigestPost(messages=messages, complete=complete)


def full_digest(digest: Digest, *, limit: int) -> bytes:
    """The whole digest as Markdown (every thread link), cut to ``limit`` bytes, the attachment size limit."""
    data = render_markdown(digest).encode()
    if len(data) <= limit:
        return data
    note = b"\n...cut at Discord's attachment size limit: `briefbot digest` on the bot's server prints it all.\n"
    return data[: data.rfind(b"\n", 0, limit - len(note))] + note


def news_messages(news: News) -> list[Outgoing]:
    """The brief's "What's new" notes and other channels' threads of the same article (none when empty)."""
    lines = whats_new_lines(news.notes, style=DISCORD, linker=thread_url, elsewhere=news.elsewhere)
    return [Outgoing(content=chunk) for chunk in split_text("\n".join(lines))] if lines else []


def make_digest_command(bot: BriefBot) -> app_commands.Command[Any, Any, None]:
    @app_commands.command(name="digest", description="Digest of this channel's briefs: aid, policy, sanctions, claims")
    @app_commands.describe(period="today, the last 7 days (week) or the last 30 days")
    @app_commands.choices(period=[app_commands.Choice(name=n, value=n) for n in ("today", "week", "30d")])
    async def digest(interaction: discord.Interaction, period: str = "week") -> None:
        await handle_digest(bot, interaction, period)

    return digest


async def handle_digest(bot: BriefBot, interaction: discord.Interaction, period: str) -> None:
    """Admit like any request, defer at once, compose the digest and its chart in a worker thread, then
    send them as followups."""
    where, thread = where_of(interaction.channel, interaction.guild_id, interaction.user.id)
    admission = await asyncio.to_thread(
        bot.workflow.admit, where, keys=(f"i{interaction.id}",), channels=(thread,) if thread else ()
    )
    if not admission.ok:
        if admission.notice:
            await interaction.response.send_message(admission.notice, ephemeral=True)
        return
    await interaction.response.defer(thinking=True)
    key = where.channel
    try:
        found, png = await asyncio.to_thread(_compose, bot.service, period, key)
        post = digest_messages(found)
        files = (
            [
                discord.File(
                    io.BytesIO(png),
                    filename=f"briefbot-digest-{found.period}.png",
                    description="Aid pledged over time by donor; claims per place by side",
                )
            ]
            if png
            else []
        )
        if not post.complete:
            limit = getattr(interaction, "filesize_limit", 10 * 1024 * 1024) - len(png or b"")
            full = await asyncio.to_thread(full_digest, found, limit=limit)
            files.append(
                discord.File(
                    io.BytesIO(full),
                    filename=f"briefbot-digest-{found.period}.md",
                    description="The full digest, every line with all its thread links",
                )
            )
        for n, message in enumerate(post.messages):
            extra: dict[str, Any] = {"files": files} if files and n == len(post.messages) - 1 else {}
            await interaction.followup.send(**message.kwargs(), **extra)
    except Exception as exc:  # the outermost edge: log it, show a short line, never a traceback
        from bot.errors import InputError

        text = exc.user_message if isinstance(exc, InputError) else INTERNAL_ERROR
        if not isinstance(exc, InputError):
            log.exception("digest failed")
        await interaction.followup.send(content=text, allowed_mentions=NO_MENTIONS)


def _compose(service: Any, period: str, channel: str) -> tuple[Digest, bytes | None]:
    found = stories.digest(service, period=period, platform=PLATFORM, channel=channel or None)
    return found, (None if found.empty() else stories.chart(found))
