"""Discord outlets: how a brief or an answer from the chat workflow is shown in Discord.

The workflow runs on the job pool's threads; every Discord call here is a coroutine sent to the
client's event loop (``Bridge.call``), so the gateway never waits for a brief. A command's brief is its
followup message (through the interaction's webhook, which a restarted process can still use for 15
minutes) with a thread opened on it; a mention's brief goes in a new thread on the user's message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import Any

import discord

from bot.chat import AnswerRequest, BriefRequest, BriefThread, Download, Link, News
from bot.discord_bot import render
from bot.discord_bot.digest import news_messages
from bot.errors import InputTooLarge
from bot.models import Brief
from bot.qa import AnswerResult

log = logging.getLogger(__name__)

NO_THREAD = (
    "(I couldn't open a thread here, so follow-up questions won't work: I need the Create Public Threads permission.)"
)
CALL_TIMEOUT_S = 120.0
READY_WAIT_S = 15.0
HISTORY_LOOKBACK = 50  # messages read back to find an answer posted just before a crash


class Bridge:
    """Run the client's coroutines from a worker thread."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    def call(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.client.loop).result(CALL_TIMEOUT_S)

    def channel(self, channel_id: str, guild: str | None) -> Any:
        """The cached channel or thread, else a partial one that can still send and reply."""
        found = self.client.get_channel(int(channel_id))
        # A job resumed at start-up may run before the gateway has listed the server's channels.
        deadline = time.monotonic() + READY_WAIT_S
        while found is None and not self.client.is_ready() and time.monotonic() < deadline:
            time.sleep(0.05)
            found = self.client.get_channel(int(channel_id))
        if found is not None:
            return found
        return self.client.get_partial_messageable(int(channel_id), guild_id=int(guild) if guild else None)

    def followup(self, reply: dict[str, str]) -> discord.Webhook:
        return discord.Webhook.partial(int(reply["application_id"]), reply["interaction_token"], client=self.client)


async def _send_all(target: Any, messages: list[render.Outgoing]) -> None:
    for msg in messages:
        await target.send(**msg.kwargs())


async def _open_thread(channel: Any, message: Any, brief: Brief) -> discord.Thread | None:
    """A public thread on ``message``; None where there can be none (DMs, voice chats, no permission)."""
    if not isinstance(channel, discord.TextChannel):
        return None
    try:
        # Through the channel: a followup's WebhookMessage carries no guild, so it can't open one itself.
        return await channel.create_thread(name=render.thread_name(brief), message=message)
    except discord.HTTPException as exc:
        log.warning("could not open a thread on message %s: %s", message.id, exc.status)
        return None


class BriefOut:
    """One brief request in Discord (``BriefOutlet``)."""

    def __init__(self, bridge: Bridge, req: BriefRequest, *, max_file_bytes: int) -> None:
        self.bridge, self.req, self.max_file_bytes = bridge, req, max_file_bytes
        where = req.where
        # Where the request was made: the thread it was made in, else the channel.
        self.here = bridge.channel(req.thread or where.channel, where.workspace)
        self.guild = int(where.workspace) if where.workspace else None

    @property
    def _interaction(self) -> bool:
        return "interaction_token" in self.req.reply

    def start(self, label: str, *, resume: str | None) -> str | None:  # noqa: ARG002 (the outlet's signature)
        if not self._interaction:  # a command already shows "briefbot is thinking…"
            self.bridge.call(self._typing())
        return None

    async def _typing(self) -> None:
        try:
            await self.here.typing()  # one "briefbot is typing…" (about 10 s), the Discord way of showing progress
        except discord.HTTPException as exc:  # a cosmetic signal: the brief still comes
            log.info("could not show typing: %s", exc.status)

    def retitle(self, title: str) -> None:
        pass  # Discord shows progress as typing, not as a message to edit

    def _say(self, message: render.Outgoing) -> None:
        """A short reply to the request: the command's followup, or a reply to the user's message."""
        if self._interaction:
            self.bridge.call(self.bridge.followup(self.req.reply).send(**message.kwargs()))
        elif self.req.message:
            partial = self.here.get_partial_message(int(self.req.message))
            self.bridge.call(partial.reply(**message.kwargs(), mention_author=False))
        else:
            self.bridge.call(self.here.send(**message.kwargs()))

    def point_to(self, earlier: BriefThread) -> None:
        self._say(render.duplicate_message(self.guild, earlier.thread))

    def fail(self, text: str) -> None:
        self._say(render.render_error(text))

    def deliver(self, brief: Brief, link: Link, news: News) -> None:
        self.bridge.call(self._deliver(brief, link, news))

    async def _deliver(self, brief: Brief, link: Link, news: News) -> None:
        # The brief, then what is new in it against the channel's earlier briefs, in its thread.
        messages = render.render_brief(brief) + news_messages(news)
        if self._interaction:
            first = await self.bridge.followup(self.req.reply).send(wait=True, **messages[0].kwargs())
            rest, anchor = messages[1:], first
        else:
            rest, anchor = messages, self.here.get_partial_message(int(self.req.message or 0))
        if self.req.thread is not None:
            # Asked inside a thread: that thread becomes the brief's thread.
            await asyncio.to_thread(link, str(self.here.id), str(anchor.id))
            await _send_all(self.here, rest)
            return
        thread = await _open_thread(self.here, anchor, brief)
        if thread is None:
            await _send_all(self.here, rest + ([render.Outgoing(content=NO_THREAD)] if self.guild else []))
            return
        await asyncio.to_thread(link, str(thread.id), str(anchor.id))
        await _send_all(thread, rest)

    def load_file(self, file: dict[str, Any]) -> Download:
        size = int(file.get("size") or 0)
        if size > self.max_file_bytes:
            raise InputTooLarge(
                f"attachment of {size} bytes",
                user_message=f"That file is too large (limit {self.max_file_bytes // 1_000_000} MB).",
            )
        data = self.bridge.call(self.bridge.client.http.get_from_cdn(str(file["url"])))
        return Download(data, file.get("filename"), file.get("content_type"))


class AnswerOut:
    """One answer in a brief's thread (``AnswerOutlet``)."""

    def __init__(self, bridge: Bridge, req: AnswerRequest) -> None:
        self.bridge, self.req = bridge, req
        self.thread = bridge.channel(req.thread, req.where.workspace)

    def posted_before(self) -> bool:
        """Did this answer go out before a crash? Our reply to the question is in the thread's recent history."""
        if not self.req.message:
            return False
        return bool(self.bridge.call(self._replied(int(self.req.message))))

    async def _replied(self, question: int) -> bool:
        me = self.bridge.client.user
        try:
            async for msg in self.thread.history(limit=HISTORY_LOOKBACK):
                if me is not None and msg.author.id == me.id and msg.reference and msg.reference.message_id == question:
                    return True
        except discord.HTTPException as exc:
            log.info("could not read the thread's history: %s", exc.status)
        return False

    def answer(self, result: AnswerResult) -> None:
        self.bridge.call(self._post(render.render_answer(result.answer)))

    def fail(self, text: str) -> None:
        self.bridge.call(self._post([render.render_error(text)]))

    async def _post(self, messages: list[render.Outgoing]) -> None:
        first, *rest = messages
        if self.req.message:
            partial = self.thread.get_partial_message(int(self.req.message))
            await partial.reply(**first.kwargs(), mention_author=False)
        else:
            await self.thread.send(**first.kwargs())
        await _send_all(self.thread, rest)
