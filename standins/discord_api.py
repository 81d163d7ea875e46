"""A stand-in Discord (REST API + gateway websocket) on 127.0.0.1 that records every call.

discord.py builds REST URLs from ``discord.http.Route.BASE`` and connects to
``DiscordWebSocket.DEFAULT_GATEWAY``; ``patch_discord(standin)`` points both here, so the real client,
its real HTTP and websocket code, talk to this server. The gateway sends HELLO, READY and GUILD_CREATE,
answers heartbeats, and lets a test push MESSAGE_CREATE / INTERACTION_CREATE like Discord would.
It also serves attachment bytes and article pages (``/files/…``, ``/pages/…``) for the same client.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any, cast

import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import WSMsgType, web

from standins.platform_limits import DISCORD_ATTACHMENT_LIMIT, discord_message_problem

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
GUILD_ID = 900000000000000003
CHANNEL_ID = 900000000000000004
USER_ID = 900000000000000005
OTHER_BOT_ID = 900000000000000006
TS = "2025-01-01T00:00:00.000000+00:00"


def user(uid: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "briefbot", bot=True)
HUMAN = user(USER_ID, "analyst")


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


@dataclass
class Served:
    body: bytes
    content_type: str


@dataclass
class DiscordStandin:
    """Records REST calls in ``calls``; ``push(event, data)`` sends a gateway dispatch."""

    calls: list[Call] = field(default_factory=list)
    files: dict[str, Served] = field(default_factory=dict)
    # Messages Discord would refuse (over a message, embed or attachment limit): (path, what).
    rejected: list[tuple[str, str]] = field(default_factory=list)
    history: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # channel → messages the bot posted
    _query: dict[str, str] = field(default_factory=dict)
    port: int = 0
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    _ws: web.WebSocketResponse | None = None
    _seq: int = 0
    _runner: web.AppRunner | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(910000000000000000))

    # ---- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        # aiohttp's own 1 MiB cap on a request body is not Discord's: an upload may reach the attachment limit
        # (with room for the form around it), and the limits Discord enforces are checked on each message.
        app = web.Application(client_max_size=DISCORD_ATTACHMENT_LIMIT + 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("GET", "/files/{name}", self._serve)
        app.router.add_route("GET", "/pages/{name}", self._serve)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def new_id(self) -> int:
        return int(next(self._ids))

    # ---- what tests look at -----------------------------------------------------------------------

    def paths(self, method: str | None = None) -> list[str]:
        return [c.path for c in self.calls if method is None or c.method == method]

    def find(self, method: str, suffix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.endswith(suffix)]

    def posted_messages(self) -> list[Call]:
        """Every message the bot sent: channel messages and interaction followups."""
        return [
            c
            for c in self.calls
            if c.method == "POST" and (c.path.endswith("/messages") or c.path.startswith(f"/webhooks/{APP_ID}/"))
        ]

    async def wait_for(self, predicate: Any, timeout: float = 20.0) -> None:
        """Wait until ``predicate(self)`` holds (checked whenever a call arrives)."""

        async def loop() -> None:
            while not predicate(self):
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(loop(), timeout)

    # ---- gateway ----------------------------------------------------------------------------------

    async def push(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "client not connected"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}}))
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            payload = json.loads(msg.data)
            if payload["op"] == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif payload["op"] == 2:
                await self.push(
                    "READY",
                    {
                        "v": 10,
                        "user": BOT_USER,
                        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                        "session_id": "s1",
                        "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
                        "application": {"id": str(APP_ID), "flags": 0},
                    },
                )
                await self.push("GUILD_CREATE", guild_payload())
                self.identified.set()
        return ws

    # ---- REST -------------------------------------------------------------------------------------

    async def _serve(self, request: web.Request) -> web.Response:
        served = self.files.get(request.match_info["name"])
        if served is None:
            return web.Response(status=404)
        return web.Response(body=served.body, content_type=served.content_type)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body: Any = None
        if raw and request.content_type == "application/json":
            body = json.loads(raw)
        elif raw and request.content_type.startswith("multipart/"):
            body = {"multipart": raw.decode("utf-8", "replace"), **_multipart(request.headers["Content-Type"], raw)}
        self.calls.append(Call(request.method, path, dict(request.query), body, dict(request.headers)))
        self._query = dict(request.query)
        try:
            return await self._answer(request.method, path, body or {})
        finally:
            self.changed.set()

    async def _answer(self, method: str, path: str, body: Any) -> web.StreamResponse:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return _json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return _json(
                {
                    "id": str(APP_ID),
                    "name": "briefbot",
                    "description": "",
                    "icon": None,
                    "bot_public": False,
                    "bot_require_code_grant": False,
                    "owner": HUMAN,
                    "verify_key": "00",
                    "flags": 0,
                }
            )
        if method == "PUT" and path == f"/applications/{APP_ID}/commands":
            return _json(
                # Discord answers every command with a description ("" for context menus).
                [
                    dict(
                        c,
                        id=str(self.new_id()),
                        application_id=str(APP_ID),
                        version="1",
                        description=c.get("description", ""),
                    )
                    for c in body
                ]
            )
        if parts[0] == "interactions" and parts[-1] == "callback":
            return _json({"interaction": {"id": parts[1], "type": 2, "response_message_loading": True}})
        if method in ("POST", "PATCH") and (
            parts[0] == "webhooks" or parts[-1] == "messages" or (parts[0] == "channels" and "messages" in parts)
        ):
            problem = discord_message_problem(body)
            if problem:
                self.rejected.append((path, problem))
                status, code = (413, 40005) if problem.startswith("too large") else (400, 50035)
                return _json({"message": f"Invalid Form Body: {problem}", "code": code}, status=status)
        if parts[0] == "webhooks" and method == "POST":
            # An interaction followup: posted in the interaction's channel.
            return _json(self._message(CHANNEL_ID, body, webhook=True))
        if parts[0] == "channels" and parts[-1] == "typing":
            return web.Response(status=204)
        if parts[0] == "channels" and method == "GET" and parts[-1] == "messages":
            return _json(self.history.get(int(parts[1]), [])[: int(self._query.get("limit", "50"))])
        if parts[0] == "channels" and method == "POST" and parts[-1] == "messages":
            return _json(self._message(int(parts[1]), body))
        if parts[0] == "channels" and method == "POST" and parts[-1] == "threads":
            thread = thread_payload(
                self.new_id(),
                parent=int(parts[1]),
                name=body.get("name", ""),
                thread_id=int(parts[3]) if len(parts) > 4 else None,
            )
            # Discord tells the gateway about the new thread too; the client caches it from there.
            await self.push("THREAD_CREATE", dict(thread, newly_created=True))
            return _json(thread)
        return _json({"message": "Unknown route", "code": 0}, status=404)

    def _message(self, channel_id: int, body: dict[str, Any], *, webhook: bool = False) -> dict[str, Any]:
        msg = message_payload(self.new_id(), channel_id=channel_id, author=BOT_USER, content=body.get("content", ""))
        msg["embeds"] = body.get("embeds") or []
        if body.get("message_reference"):
            msg["message_reference"] = dict(body["message_reference"], channel_id=str(channel_id))
            msg["type"] = 19  # a reply
        if "payload_json" in body:  # a message with attachments
            msg["content"] = body["payload_json"].get("content", "")
        if webhook:
            msg["webhook_id"] = str(APP_ID)
            msg["application_id"] = str(APP_ID)
        self.history.setdefault(channel_id, []).insert(0, msg)  # newest first, as Discord lists them
        return msg


def _multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    """A multipart body (a message with attachments) as its ``payload_json`` and ``files`` {filename: bytes}."""
    from email.parser import BytesParser
    from email.policy import HTTP

    parsed = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    out: dict[str, Any] = {"files": {}}
    for part in parsed.iter_parts():
        if part.get_filename():
            out["files"][part.get_filename()] = part.get_payload(decode=True)
        elif part.get_param("name", header="content-disposition") == "payload_json":
            out["payload_json"] = json.loads(cast(bytes, part.get_payload(decode=True)))
    return out


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly "application/json".
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


# ---- payloads, as Discord sends them ---------------------------------------------------------------


def guild_payload() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Desk",
        "icon": None,
        "owner_id": str(USER_ID),
        "unavailable": False,
        "member_count": 2,
        "features": [],
        "emojis": [],
        "stickers": [],
        "members": [],
        "threads": [],
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "permissions": str(discord.Permissions.all().value),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            }
        ],
        "channels": [
            {
                "id": str(CHANNEL_ID),
                "type": 0,
                "name": "war-news",
                "position": 0,
                "guild_id": str(GUILD_ID),
                "permission_overwrites": [],
                "nsfw": False,
                "topic": None,
                "parent_id": None,
            }
        ],
    }


def thread_payload(tid: int, *, parent: int, name: str, thread_id: int | None = None) -> dict[str, Any]:
    del thread_id  # a thread started from a message has the message's id in Discord; ours are fresh ids
    return {
        "id": str(tid),
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent),
        "owner_id": str(BOT_ID),
        "name": name,
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": TS,
            "locked": False,
        },
    }


def message_payload(
    mid: int,
    *,
    channel_id: int,
    author: dict[str, Any],
    content: str,
    mentions: list[dict[str, Any]] | None = None,
    attachments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "id": str(mid),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": author,
        "member": {"roles": [], "joined_at": TS, "deaf": False, "mute": False, "flags": 0},
        "content": content,
        "timestamp": TS,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    }


def attachment_payload(aid: int, *, url: str, filename: str, size: int, content_type: str) -> dict[str, Any]:
    return {
        "id": str(aid),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    }


def interaction_payload(
    iid: int,
    *,
    options: list[dict[str, Any]],
    attachments: dict[str, dict[str, Any]] | None = None,
    name: str = "brief",
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "1", "name": name, "type": 1, "options": options}
    if attachments:
        data["resolved"] = {"attachments": attachments}
    return {
        "id": str(iid),
        "application_id": str(APP_ID),
        "type": 2,
        "token": f"tok{iid}",
        "version": 1,
        "guild_id": str(GUILD_ID),
        "channel_id": str(CHANNEL_ID),
        "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "war-news"},
        "member": {
            "user": HUMAN,
            "roles": [],
            "joined_at": TS,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(discord.Permissions.all().value),
        },
        "app_permissions": str(discord.Permissions.all().value),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {},
        "attachment_size_limit": DISCORD_ATTACHMENT_LIMIT,
        "data": data,
    }


def patch_discord(standin: DiscordStandin) -> tuple[str, yarl.URL]:
    """Point discord.py's REST base and gateway at the stand-in; return the old values."""
    old = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    discord.http.Route.BASE = f"{standin.base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{standin.port}/gateway")
    return old


def unpatch_discord(old: tuple[str, yarl.URL]) -> None:
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old
