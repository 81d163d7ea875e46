"""The Discord adapter: ``/brief``, "Brief this message", ``/briefs``, mentions and thread replies.

Each event becomes a plain chat request, is admitted (once, allow-lists, rate limit) and recorded as a
durable job before it is acknowledged; the chat workflow then runs it on the job pool and shows the
result through ``outlet``. Jobs a crashed process acknowledged are resumed at start. Blocking calls
run in ``asyncio.to_thread`` so the gateway's event loop never stalls.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.chat import ANSWER, BRIEF, Admission, AnswerRequest, BriefRequest, ChatWorkflow, JobPool, Progress, Where
from bot.chat.messages import NOTHING_IN_MESSAGE, NOTHING_TO_BRIEF
from bot.config import Settings
from bot.discord_bot import render
from bot.discord_bot.digest import make_digest_command
from bot.discord_bot.outlet import AnswerOut, Bridge, BriefOut
from bot.discord_bot.request import PLATFORM, file_ref, message_content, strip_mention, where_of

if TYPE_CHECKING:
    from bot.service import BriefService

logger = logging.getLogger(__name__)

LIST_LIMIT = 15


class BriefBot(discord.Client):
    """A discord.py client with briefbot's commands, mention briefs and thread follow-ups."""

    def __init__(self, *, service: BriefService, settings: Settings, sync_commands: bool = True) -> None:
        intents = discord.Intents.default()
        # Privileged: needed to read the link or text in a mention and the questions in threads.
        intents.message_content = True
        super().__init__(intents=intents, allowed_mentions=render.NO_MENTIONS)
        self.service = service
        self.settings = settings
        self.workflow = ChatWorkflow(service=service)
        self.bridge = Bridge(self)
        self.sync_commands = sync_commands
        self.pool: JobPool | None = None
        self.tree = app_commands.CommandTree(self)
        self._add_commands()

    async def setup_hook(self) -> None:
        # The pool starts once logged in, so that jobs a crashed process left can post at once.
        self.pool = await asyncio.to_thread(self._start_pool)
        if self.sync_commands:
            # Global commands; Discord caches them, so one PUT per start is cheap.
            await self.tree.sync()

    def _start_pool(self) -> JobPool:
        return self.workflow.job_pool(
            workers=self.settings.discord.workers, handlers={BRIEF: self._brief_job, ANSWER: self._answer_job}
        ).start()

    async def close(self) -> None:
        if self.pool is not None:
            # Running jobs finish first (they need the event loop, so wait off it); the rest stay queued.
            await asyncio.to_thread(self.pool.close, wait=True)
            self.pool = None
        await super().close()

    # ---- jobs (on the pool's threads) -------------------------------------------------------------

    def _brief_job(self, _kind: str, payload: dict[str, Any], progress: Progress) -> None:
        req = BriefRequest.from_payload(payload)
        out = BriefOut(self.bridge, req, max_file_bytes=self.settings.input.max_file_bytes)
        self.workflow.brief_into_thread(req, out, progress)

    def _answer_job(self, _kind: str, payload: dict[str, Any], progress: Progress) -> None:
        req = AnswerRequest.from_payload(payload)
        self.workflow.answer_in_thread(req, AnswerOut(self.bridge, req), progress)

    def _running_pool(self) -> JobPool:
        if self.pool is None:
            raise RuntimeError("the job pool is not running")
        return self.pool

    def _submit(self, kind: str, payload: dict[str, Any]) -> None:
        self._running_pool().submit(kind, payload)

    def _start(self, admission: Admission, kind: str, payload: dict[str, Any]) -> None:
        """Run the job recorded with ``admission`` (no database call: the admission recorded it)."""
        if admission.job_id is None:  # not recorded (cannot happen with a job given): record it now
            self._submit(kind, payload)
        else:
            self._running_pool().start_job(admission.job_id, kind, payload)

    # ---- commands ---------------------------------------------------------------------------------

    def _add_commands(self) -> None:
        @app_commands.command(name="brief", description="Brief a news article: a link, pasted text, or a file")
        @app_commands.describe(source="Link to the article, or its text", file="The article as a text, HTML or PDF file")
        async def brief(
            interaction: discord.Interaction, source: str | None = None, file: discord.Attachment | None = None
        ) -> None:
            await self.handle_command(interaction, text=source, attachments=[file] if file else [], origin="command")

        async def brief_message(interaction: discord.Interaction, message: discord.Message) -> None:
            await self.handle_command(
                interaction, text=message.content, attachments=list(message.attachments), origin="shortcut"
            )

        @app_commands.command(name="briefs", description="The latest briefs in this server, with links to their threads")
        async def briefs(interaction: discord.Interaction) -> None:
            await self.handle_listing(interaction)

        self.tree.add_command(brief)
        self.tree.add_command(app_commands.ContextMenu(name="Brief this message", callback=brief_message))
        self.tree.add_command(briefs)
        self.tree.add_command(make_digest_command(self))

    async def handle_command(
        self, interaction: discord.Interaction, *, text: str | None, attachments: list[discord.Attachment], origin: str
    ) -> None:
        """Admit, record the job, then acknowledge with "thinking…"; the brief comes as the followup."""
        where, thread = where_of(interaction.channel, interaction.guild_id, interaction.user.id)
        content = message_content(text)
        if content.empty and not attachments:
            hint = NOTHING_TO_BRIEF if origin == "command" else NOTHING_IN_MESSAGE
            await interaction.response.send_message(**render.render_error(hint).kwargs(), ephemeral=True)
            return
        req = BriefRequest(
            where=where,
            origin=origin,
            thread=thread,
            url=content.url,
            text=None if (content.url or attachments) else content.text,
            files=[file_ref(a) for a in attachments],
            reply={"application_id": str(interaction.application_id), "interaction_token": interaction.token},
        )
        job = (BRIEF, req.payload())
        # Once, allowed, within the rate limit, and the job recorded: one call to the database.
        admission = await asyncio.to_thread(
            self.workflow.admit, where, keys=(f"i{interaction.id}",), channels=(thread,) if thread else (), job=job
        )
        if not admission.ok:
            if admission.notice:
                await interaction.response.send_message(**render.render_error(admission.notice).kwargs(), ephemeral=True)
            return
        try:
            await interaction.response.defer(thinking=True)
        except BaseException:
            # Never acknowledged: the recorded job must not run (its followup has nothing to follow).
            if admission.job_id is not None:
                await asyncio.to_thread(
                    self.service.store.finish_job, admission.job_id, error="the interaction could not be acknowledged"
                )
            raise
        # Started only now: its followup needs the "thinking…" acknowledgement to exist.
        self._start(admission, *job)

    async def handle_listing(self, interaction: discord.Interaction) -> None:
        """``/briefs``: the server's latest briefs, shown only to the person who asked."""
        guild = str(interaction.guild_id) if interaction.guild_id else None
        threads = await asyncio.to_thread(self.workflow.list_threads, platform=PLATFORM, workspace=guild, limit=LIST_LIMIT)
        await interaction.response.send_message(**render.render_listing(threads, guild).kwargs(), ephemeral=True)

    # ---- mentions and thread replies --------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """Route a message: a question in a brief's thread, a mention (or an auto-brief link), or nothing."""
        if message.author.bot or message.webhook_id is not None or self.user is None:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        guild = message.guild.id if message.guild else None
        where, thread = where_of(message.channel, guild, message.author.id)
        # A direct message is addressed to the bot, as on Slack.
        mentioned = isinstance(message.channel, discord.DMChannel) or any(u.id == self.user.id for u in message.mentions)
        text = strip_mention(message.content, self.user.id)
        in_brief_thread = bool(thread) and await asyncio.to_thread(self.workflow.is_brief_thread, where, str(thread))
        if thread and in_brief_thread:
            if text:
                question = AnswerRequest(where=where, thread=thread, question=text, message=str(message.id))
                await self._admit_and_submit(message, where, thread, ANSWER, question.payload(), addressed=mentioned)
            return
        content = message_content(text)
        attachments = list(message.attachments) if mentioned else []
        auto = where.channel in self.settings.discord.auto_brief_channels and content.url is not None
        if not (mentioned or auto):
            return
        if content.empty and not attachments:
            await self._admit_and_submit(message, where, thread, None, {}, addressed=True)
            return
        req = BriefRequest(
            where=where,
            origin="mention" if mentioned else "auto",
            thread=thread,
            message=str(message.id),
            url=content.url,
            text=None if (content.url or attachments) else content.text,
            files=[file_ref(a) for a in attachments],
        )
        await self._admit_and_submit(message, where, thread, BRIEF, req.payload(), addressed=mentioned)

    async def _admit_and_submit(
        self,
        message: discord.Message,
        where: Where,
        thread: str | None,
        kind: str | None,
        payload: dict[str, Any],
        *,
        addressed: bool,
    ) -> None:
        """Admit the message once, recording the job ``kind`` in the same database call, and start it
        (None: there is nothing to brief, say so)."""
        job = (kind, payload) if kind is not None else None
        admission = await asyncio.to_thread(
            self.workflow.admit, where, keys=(f"m{message.id}",), channels=(thread,) if thread else (), job=job
        )
        if not admission.ok:
            # Where it is not enabled, the bot only answers someone who addressed it by name.
            if admission.notice and (addressed or admission.reason != "not_allowed"):
                await self._reply(message, admission.notice)
            return
        if kind is None:
            await self._reply(message, NOTHING_TO_BRIEF)
            return
        self._start(admission, kind, payload)

    @staticmethod
    async def _reply(message: discord.Message, text: str) -> None:
        try:
            await message.reply(**render.render_error(text).kwargs(), mention_author=False)
        except discord.HTTPException:
            logger.warning("could not post a reply in channel %s", message.channel.id)
