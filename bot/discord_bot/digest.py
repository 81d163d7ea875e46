"""``/digest period:[today|week|30d]`` and the "What's new" message of a brief, for Discord.

The digest goes back as the interaction's followups (every line links to the thread of the brief it came
from) with its chart attached as a PNG. The logic is the story service's (``bot.stories``).
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import stories
from bot.discord_bot.render import NO_MENTIONS, Outgoing, escape, split_text
from bot.story.digest import Digest
from bot.story.links import thread_url
from bot.story.render import MAX_LINKS, Style, digest_lines, whats_new_lines

if TYPE_CHECKING:
    from bot.chat.workflow import News
    from bot.discord_bot.adapter import BriefBot

log = logging.getLogger(__name__)

PLATFORM = "discord"
DISCORD = Style(escape=escape, link=lambda url, label: f"[{label}](<{url}>)", bold=lambda t: f"**{t}**",
                heading=lambda t, level: f"## {t}" if level < 3 else f"**{t}**")
MAX_DIGEST_MESSAGES = 10
INTERNAL_ERROR = "Sorry, something went wrong on my side while making the digest."


def digest_messages(digest: Digest, *, channel: str | None) -> list[str]:
    """The digest as message contents of at most 2,000 characters; what doesn't fit in ten is counted."""
    lines = digest_lines(digest, style=DISCORD, linker=thread_url, max_links=MAX_LINKS)
    chunks = split_text("\n".join(lines))
    if len(chunks) > MAX_DIGEST_MESSAGES:
        left = len(chunks) - MAX_DIGEST_MESSAGES + 1
        where = f" --channel {channel}" if channel else ""
        chunks = [*chunks[: MAX_DIGEST_MESSAGES - 1],
                  f"…and {left} more messages' worth: `briefbot digest {digest.period}{where}` on the bot's server."]
    return chunks


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
    from bot.discord_bot.adapter import _where  # the adapter imports this module

    where, thread = _where(interaction.channel, interaction.guild_id, interaction.user.id)
    admission = await asyncio.to_thread(bot.workflow.admit, where, keys=(f"i{interaction.id}",),
                                        channels=(thread,) if thread else ())
    if not admission.ok:
        if admission.notice:
            await interaction.response.send_message(admission.notice, ephemeral=True)
        return
    await interaction.response.defer(thinking=True)
    key = where.channel
    try:
        found, png = await asyncio.to_thread(_compose, bot.service, period, key)
        contents = digest_messages(found, channel=key)
        files = [discord.File(io.BytesIO(png), filename=f"briefbot-digest-{found.period}.png",
                              description="Aid pledged over time by donor; claims per place by side")] if png else []
        for n, content in enumerate(contents):
            extra: dict[str, Any] = {"files": files} if files and n == len(contents) - 1 else {}
            await interaction.followup.send(content=content, allowed_mentions=NO_MENTIONS, **extra)
    except Exception as exc:  # the outermost edge: log it, show a short line, never a traceback
        from bot.errors import InputError

        text = exc.user_message if isinstance(exc, InputError) else INTERNAL_ERROR
        if not isinstance(exc, InputError):
            log.exception("digest failed")
        await interaction.followup.send(content=text, allowed_mentions=NO_MENTIONS)


def _compose(service: Any, period: str, channel: str) -> tuple[Digest, bytes | None]:
    found = stories.digest(service, period=period, platform=PLATFORM, channel=channel or None)
    return found, (None if found.empty() else stories.chart(found))

