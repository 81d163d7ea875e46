"""The Discord adapter: turns ``/brief``, mentions and thread replies into service calls and posts results.

Holds no brief or Q&A logic. Every blocking call (service, store) runs in ``asyncio.to_thread`` so the
gateway's event loop never stalls; ``/brief`` is acknowledged with ``defer(thinking=True)`` first.
Thread state (thread → article, brief, turns) lives in our database, never re-read from Discord.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import stories
from bot.config import Settings
from bot.discord_bot import render
from bot.discord_bot.digest import make_digest_command, whats_new_message
from bot.discord_bot.request import NOTHING_TO_BRIEF, SourceRequest, load_article, parse_text, strip_mention
from bot.errors import InputError, InputTooLarge
from bot.ingest.urls import canonical_url_or_none
from bot.models import Answer, Brief
from bot.qa import Turn
from bot.store import ThreadRecord

if TYPE_CHECKING:
    from bot.service import BriefService

logger = logging.getLogger(__name__)

PLATFORM = "discord"
INTERNAL_ERROR = "Sorry, something went wrong on my side. Please try again in a moment."
RATE_LIMITED = "You have asked for many briefs in the last hour; please try again later."
NOT_HERE = "I'm not enabled in this channel."
NO_THREAD = (
    "(I couldn't open a thread here, so follow-up questions won't work: "
    "I need the Create Public Threads permission.)"
)
RATE_WINDOW_S = 3600
ARTICLE_GONE = "I no longer have this article; please brief it again."


def _where(channel: Any) -> tuple[str, str | None]:
    """The channel that brief threads are keyed by, and the thread we are in (if any)."""
    if isinstance(channel, discord.Thread):
        return str(channel.parent_id), str(channel.id)
    return str(getattr(channel, "id", "")), None


def _user_message(exc: BaseException) -> str:
    """Plain text for the channel; details only go to the log."""
    if isinstance(exc, InputError):
        return exc.user_message
    logger.exception("discord handler failed", exc_info=exc)
    return INTERNAL_ERROR


class BriefBot(discord.Client):
    """A discord.py client with the ``/brief`` command, mention briefs and thread follow-ups."""

    def __init__(self, *, service: BriefService, settings: Settings, sync_commands: bool = True) -> None:
        intents = discord.Intents.default()
        # Privileged: needed to read the link or text in a mention and the questions in threads.
        intents.message_content = True
        super().__init__(intents=intents, allowed_mentions=render.NO_MENTIONS)
        self.service = service
        self.settings = settings
        self.sync_commands = sync_commands
        self.tree = app_commands.CommandTree(self)
        self.tree.add_command(self._make_brief_command())
        self.tree.add_command(make_digest_command(self))

    async def setup_hook(self) -> None:
        if self.sync_commands:
            # Global commands; Discord caches them, so one PUT per start is cheap.
            await self.tree.sync()

    # ---- policy shared by all entry points -------------------------------------------------------

    def _allowed(self, channel: Any) -> bool:
        allowed = self.settings.discord.allowed_channels
        if not allowed:
            return True
        ids = {str(getattr(channel, "id", "")), str(getattr(channel, "parent_id", "") or "")}
        return bool(ids & set(allowed))

    def _claim(self, event_id: str) -> bool:
        return self.service.store.claim_event(f"{PLATFORM}:{event_id}")

    def _rate_limited(self, user_id: int) -> bool:
        limit = self.settings.discord.rate_limit_per_user_per_hour
        if not limit:
            return False
        key = f"{PLATFORM}:user:{user_id}"
        return self.service.store.hit_rate_limit(key=key, limit=limit, window_s=RATE_WINDOW_S)

    def _gate(self, *, event_id: str, user_id: int) -> str | None:
        """None to go ahead, "" to drop silently (duplicate), or a message to show (rate limit)."""
        if not self._claim(event_id):
            return ""
        if self._rate_limited(user_id):
            return RATE_LIMITED
        return None

    # ---- blocking work, run in a worker thread ----------------------------------------------------

    def _earlier(self, article_id: int | None, *, channel: str, here: str | None) -> ThreadRecord | None:
        """The brief thread this article already has in ``channel`` (other than the one we are in)."""
        if article_id is None:
            return None
        record = self.service.store.find_thread_for_article(
            platform=PLATFORM, channel=channel, article_id=article_id
        )
        if record is None or record.thread_ts == here:
            return None
        return record

    def _brief_sync(
        self, request: SourceRequest, *, workspace: str | None, channel: str, here: str | None
    ) -> tuple[Brief, int] | ThreadRecord:
        """The brief and the stored article's id, or the earlier thread when this channel already has one."""
        store = self.service.store
        canonical = canonical_url_or_none(request.url)
        # By link first, so a repeated link is answered without fetching it again.
        if canonical:
            earlier = self._earlier(store.find_article(canonical_url=canonical), channel=channel, here=here)
            if earlier is not None:
                return earlier
        article = load_article(self.service, request)
        earlier = self._earlier(
            store.find_article(content_sha256=article.content_sha256), channel=channel, here=here
        )
        if earlier is not None:
            return earlier
        # Briefed once: an article already briefed in another channel reuses that brief (linked in What's new).
        brief, _ = stories.brief_once(self.service, article, platform=PLATFORM, channel=channel, workspace=workspace)
        article_id = store.save_article(article, canonical_url=canonical)
        return brief, article_id

    def _link_sync(
        self, *, channel: str, thread: str, article_id: int, brief: Brief, workspace: str | None, message: str
    ) -> None:
        self.service.store.link_thread(
            platform=PLATFORM,
            channel=channel,
            thread_ts=thread,
            article_id=article_id,
            brief_json=brief.model_dump_json(),
            workspace=workspace,
            message_ts=message,
        )

    def _is_brief_thread(self, *, channel: str, thread: str) -> bool:
        record = self.service.store.get_thread(platform=PLATFORM, channel=channel, thread_ts=thread)
        return record is not None

    def _answer_sync(
        self, *, channel: str, thread: str, question: str, workspace: str | None
    ) -> Answer | None:
        store = self.service.store
        key = {"platform": PLATFORM, "channel": channel, "thread_ts": thread}
        record = store.get_thread(**key)
        if record is None:
            return None
        article = store.get_article(record.article_id)
        if article is None:
            raise InputError("article missing from the store", user_message=ARTICLE_GONE)
        brief = Brief.model_validate_json(record.brief_json) if record.brief_json else None
        history = [Turn(question=t.question, answer=t.answer) for t in store.get_turns(**key)]
        result = self.service.ask(article, question, brief=brief, history=history, workspace=workspace)
        store.add_turn(**key, question=question, answer=result.answer.answer)
        return result.answer

    # ---- reading what the user sent -----------------------------------------------------------------

    async def _request_from(self, text: str | None, attachments: list[discord.Attachment]) -> SourceRequest:
        if attachments:
            file = attachments[0]
            cap = self.settings.input.max_file_bytes
            if file.size > cap:
                raise InputTooLarge(
                    f"attachment of {file.size} bytes",
                    user_message=f"That file is too large (limit {cap // 1_000_000} MB).",
                )
            data = await file.read()
            return SourceRequest(data=data, filename=file.filename, content_type=file.content_type)
        if text and text.strip():
            return parse_text(text)
        raise InputError("nothing to brief", user_message=NOTHING_TO_BRIEF)

    # ---- /brief -------------------------------------------------------------------------------------

    def _make_brief_command(self) -> app_commands.Command[Any, Any, None]:
        @app_commands.command(
            name="brief", description="Brief a news article: a link, pasted text, or a file"
        )
        @app_commands.describe(
            source="Link to the article, or its text", file="The article as a text, HTML or PDF file"
        )
        async def brief(
            interaction: discord.Interaction,
            source: str | None = None,
            file: discord.Attachment | None = None,
        ) -> None:
            await self.handle_brief_command(interaction, source=source, file=file)

        return brief

    async def handle_brief_command(
        self, interaction: discord.Interaction, *, source: str | None, file: discord.Attachment | None
    ) -> None:
        """Defer at once, brief in a worker thread, post the brief as a followup and open its thread."""
        if not self._allowed(interaction.channel):
            await interaction.response.send_message(NOT_HERE, ephemeral=True)
            return
        await interaction.response.defer(thinking=True)
        workspace = str(interaction.guild_id) if interaction.guild_id else None
        try:
            gate = await asyncio.to_thread(
                self._gate, event_id=f"i{interaction.id}", user_id=interaction.user.id
            )
            if gate is not None:
                await interaction.followup.send(**render.render_error(gate or INTERNAL_ERROR).kwargs())
                return
            request = await self._request_from(source, [file] if file else [])
            channel, here = _where(interaction.channel)
            result = await asyncio.to_thread(
                self._brief_sync, request, workspace=workspace, channel=channel, here=here
            )
            if isinstance(result, ThreadRecord):
                pointer = render.duplicate_message(interaction.guild_id, result.thread_ts)
                await interaction.followup.send(**pointer.kwargs())
                return
            brief, article_id = result
            await self._post_brief_followup(interaction, brief, article_id, workspace)
        except Exception as exc:  # the outermost edge: log it, show a short line, never a traceback
            await interaction.followup.send(**render.render_error(_user_message(exc)).kwargs())

    async def _post_brief_followup(
        self, interaction: discord.Interaction, brief: Brief, article_id: int, workspace: str | None
    ) -> None:
        messages = render.render_brief(brief) + await asyncio.to_thread(
            whats_new_message, self.service, brief, article_id=article_id, channel=_where(interaction.channel)[0],
            workspace=workspace)
        first = await interaction.followup.send(wait=True, **messages[0].kwargs())
        channel = interaction.channel
        if isinstance(channel, discord.Thread):
            # Invoked inside a thread: that thread becomes the brief's thread.
            await self._post_rest(channel, messages[1:])
            await asyncio.to_thread(
                self._link_sync,
                channel=str(channel.parent_id),
                thread=str(channel.id),
                article_id=article_id,
                brief=brief,
                workspace=workspace,
                message=str(first.id),
            )
            return
        thread = await self._open_thread(channel, first, brief)
        if thread is None:
            rest = messages[1:] + ([render.Outgoing(content=NO_THREAD)] if interaction.guild_id else [])
            for msg in rest:
                await interaction.followup.send(**msg.kwargs())
            return
        await self._post_rest(thread, messages[1:])
        await asyncio.to_thread(
            self._link_sync,
            channel=str(first.channel.id),
            thread=str(thread.id),
            article_id=article_id,
            brief=brief,
            workspace=workspace,
            message=str(first.id),
        )

    @staticmethod
    async def _open_thread(
        channel: Any, message: discord.abc.Snowflake, brief: Brief
    ) -> discord.Thread | None:
        """A public thread on ``message``; None where there can be none (DMs, voice chats, no permission)."""
        if not isinstance(channel, discord.TextChannel):
            return None
        try:
            # Through the channel: a followup's WebhookMessage carries no guild, so it can't open one itself.
            return await channel.create_thread(name=render.thread_name(brief), message=message)
        except discord.HTTPException as exc:
            logger.warning("could not open a thread on message %s: %s", message.id, exc.status)
            return None

    @staticmethod
    async def _post_rest(target: discord.abc.Messageable, messages: list[render.Outgoing]) -> None:
        for msg in messages:
            await target.send(**msg.kwargs())

    # ---- mentions and thread replies --------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """Route a message: a question in a brief's thread, a mention to brief, or nothing."""
        if message.author.bot or message.webhook_id is not None or self.user is None:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        mentioned = any(u.id == self.user.id for u in message.mentions)
        channel = message.channel
        if isinstance(channel, discord.Thread):
            if not self._allowed(channel):
                return
            key = {"channel": str(channel.parent_id), "thread": str(channel.id)}
            if await asyncio.to_thread(self._is_brief_thread, **key):
                await self.handle_thread_question(message)
                return
        if mentioned and self._allowed(channel):
            await self.handle_mention(message)

    async def handle_mention(self, message: discord.Message) -> None:
        """Brief the link, text or file of a mention, in a new thread on that message."""
        assert self.user is not None
        workspace = str(message.guild.id) if message.guild else None
        try:
            gate = await asyncio.to_thread(self._gate, event_id=f"m{message.id}", user_id=message.author.id)
            if gate is not None:
                if gate:
                    await message.reply(**render.render_error(gate).kwargs(), mention_author=False)
                return
            request = await self._request_from(
                strip_mention(message.content, self.user.id), list(message.attachments)
            )
            channel, here = _where(message.channel)
            async with message.channel.typing():
                result = await asyncio.to_thread(
                    self._brief_sync, request, workspace=workspace, channel=channel, here=here
                )
            if isinstance(result, ThreadRecord):
                pointer = render.duplicate_message(message.guild.id if message.guild else None, result.thread_ts)
                await message.reply(**pointer.kwargs(), mention_author=False)
                return
            brief, article_id = result
            await self._post_brief_on(message, brief, article_id, workspace)
        except Exception as exc:  # the outermost edge
            await self._reply_error(message, _user_message(exc))

    async def _post_brief_on(
        self, message: discord.Message, brief: Brief, article_id: int, workspace: str | None
    ) -> None:
        messages = render.render_brief(brief) + await asyncio.to_thread(
            whats_new_message, self.service, brief, article_id=article_id, channel=_where(message.channel)[0],
            workspace=workspace)
        channel = message.channel
        if isinstance(channel, discord.Thread):
            thread: discord.Thread | None = channel
            parent = str(channel.parent_id)
        else:
            thread = await self._open_thread(channel, message, brief)
            parent = str(channel.id)
        if thread is None:
            for msg in messages:
                await channel.send(**msg.kwargs())
            if message.guild is not None:
                await channel.send(content=NO_THREAD)
            return
        await self._post_rest(thread, messages)
        await asyncio.to_thread(
            self._link_sync,
            channel=parent,
            thread=str(thread.id),
            article_id=article_id,
            brief=brief,
            workspace=workspace,
            message=str(message.id),
        )

    async def handle_thread_question(self, message: discord.Message) -> None:
        """Answer a question in a brief's thread from the article, with quotes."""
        assert self.user is not None and isinstance(message.channel, discord.Thread)
        question = strip_mention(message.content, self.user.id)
        if not question:
            return
        thread = message.channel
        workspace = str(message.guild.id) if message.guild else None
        try:
            gate = await asyncio.to_thread(self._gate, event_id=f"m{message.id}", user_id=message.author.id)
            if gate is not None:
                if gate:
                    await self._reply_error(message, gate)
                return
            async with thread.typing():
                answer = await asyncio.to_thread(
                    self._answer_sync,
                    channel=str(thread.parent_id),
                    thread=str(thread.id),
                    question=question,
                    workspace=workspace,
                )
            if answer is None:
                return
            for i, msg in enumerate(render.render_answer(answer)):
                if i == 0:
                    await message.reply(**msg.kwargs(), mention_author=False)
                else:
                    await thread.send(**msg.kwargs())
        except Exception as exc:  # the outermost edge
            await self._reply_error(message, _user_message(exc))

    @staticmethod
    async def _reply_error(message: discord.Message, text: str) -> None:
        try:
            await message.reply(**render.render_error(text).kwargs(), mention_author=False)
        except discord.HTTPException:
            logger.warning("could not post an error reply in channel %s", message.channel.id)
