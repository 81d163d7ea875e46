"""A stand-in Slack Web API on 127.0.0.1 that records every call, like bolt-python's mock_web_api_server.

Point ``WebClient(base_url=standin.api_url)`` (or ``SLACK_API_URL``) at it. It answers the methods
briefbot uses with canned JSON, serves registered file bytes under ``/files/…`` and pages under
``/pages/…``, and keeps every request (path, headers, parsed body) in ``calls``.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from standins.platform_limits import slack_message_problem

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def api(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class Served:
    body: bytes
    content_type: str
    status: int = 200
    location: str | None = None  # a redirect's target


@dataclass
class SlackStandin:
    """The server state. Use as a context manager or call ``start()``/``stop()``."""

    calls: list[Call] = field(default_factory=list)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    served: dict[str, Served] = field(default_factory=dict)
    # API method -> error code to return (e.g. {"chat.postMessage": "not_in_channel"}); one-shot.
    fail_once: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    # Messages posted with chat.postMessage (channel, ts, thread_ts, text, metadata), for history lookups.
    messages: list[dict[str, Any]] = field(default_factory=list)
    # Files uploaded through files_upload_v2: file id -> {"filename", "length", "data", and after
    # files.completeUploadExternal "title", "channel_id", "thread_ts", "initial_comment"}.
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Messages Slack would refuse (over a Block Kit or message size limit): (api, "error: what").
    rejected: list[tuple[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SlackStandin:
        standin = self

        class Handler(_Handler):
            owner = standin

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> SlackStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    # -- fixtures ----------------------------------------------------------------------------
    def add_file(self, file_id: str, data: bytes, *, name: str, mimetype: str, filetype: str = "text") -> dict[str, Any]:
        """Register an uploaded file; returns the file object Slack would put in an event."""
        url = f"{self.base_url}/files/{file_id}/{name}"
        info = {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype,
            "size": len(data),
            "url_private": url,
            "url_private_download": url + "?download=1",
        }
        self.files[file_id] = info
        self.served[f"/files/{file_id}/{name}"] = Served(data, mimetype)
        return dict(info)

    def add_page(self, path: str, html: str, *, status: int = 200, content_type: str = "text/html") -> str:
        self.served[path] = Served(html.encode("utf-8"), f"{content_type}; charset=utf-8", status)
        return self.base_url + path

    # -- inspection --------------------------------------------------------------------------
    def api_calls(self, name: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path.startswith("/api/") and (name is None or c.api == name)]

    def file_calls(self) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path.startswith("/files/")]

    def wait_for(self, name: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until ``name`` was called at least ``count`` times; return those calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.api_calls(name)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(
            f"{name} called {len(self.api_calls(name))} times, wanted {count}: {[c.api for c in self.api_calls()]}"
        )

    def next_ts(self) -> str:
        with self._lock:
            return f"1700000000.{next(self._ts):06d}"

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    # -- canned replies ----------------------------------------------------------------------
    def reply(self, api: str, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            error = self.fail_once.pop(api, None)
        if error:
            return {"ok": False, "error": error}
        channel = body.get("channel") or "C0000"
        if api in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            problem = slack_message_problem(body)
            if problem:
                with self._lock:
                    self.rejected.append((api, problem))
                return {"ok": False, "error": problem.split(":", 1)[0], "detail": problem}
        if api == "auth.test":
            return {
                "ok": True,
                "url": "https://acme.slack.com/",
                "team": "Acme",
                "user": "briefbot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if api == "chat.postMessage":
            ts = self.next_ts()
            with self._lock:
                self.messages.append(
                    {
                        "channel": channel,
                        "ts": ts,
                        "thread_ts": body.get("thread_ts"),
                        "text": body.get("text"),
                        "metadata": body.get("metadata"),
                    }
                )
            return {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts, "user": BOT_USER_ID, "bot_id": BOT_ID},
            }
        if api in ("conversations.replies", "conversations.history"):
            root = body.get("ts")
            with self._lock:
                found = [
                    dict(m)
                    for m in self.messages
                    if m["channel"] == channel
                    and (
                        (m["thread_ts"] == root or m["ts"] == root) if api == "conversations.replies" else not m["thread_ts"]
                    )
                ]
            return {"ok": True, "messages": found, "has_more": False}
        if api == "chat.update":
            ts = body.get("ts") or self.next_ts()
            return {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts, "user": BOT_USER_ID, "bot_id": BOT_ID},
            }
        if api == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.next_ts()}
        if api == "chat.getPermalink":
            ts = str(body.get("message_ts", "")).replace(".", "")
            return {
                "ok": True,
                "channel": channel,
                "permalink": f"https://acme.slack.com/archives/{channel}/p{ts}",
            }
        if api == "files.info":
            info = self.files.get(str(body.get("file")))
            return {"ok": True, "file": info} if info else {"ok": False, "error": "file_not_found"}
        if api == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + 1:04d}"
            with self._lock:
                self.uploads[file_id] = {"filename": body.get("filename"), "length": int(body.get("length") or 0)}
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/v1/{file_id}"}
        if api == "files.completeUploadExternal":
            listed = body.get("files")
            listed = json.loads(listed) if isinstance(listed, str) else listed or []
            done = []
            for item in listed:
                with self._lock:
                    upload = self.uploads.get(item["id"])
                if upload is None or "data" not in upload:
                    return {"ok": False, "error": "file_not_found"}
                upload.update(
                    title=item.get("title"),
                    channel_id=body.get("channel_id"),
                    thread_ts=body.get("thread_ts"),
                    initial_comment=body.get("initial_comment"),
                )
                done.append({"id": item["id"], "title": item.get("title"), "name": upload["filename"]})
            return {"ok": True, "files": done}
        if api == "conversations.info":
            return {"ok": True, "channel": {"id": channel, "name": "news", "is_member": True}}
        if api == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "name": "analyst", "is_bot": False}}
        if api == "bots.info":
            return {"ok": True, "bot": {"id": body.get("bot"), "name": "other"}}
        if api == "oauth.v2.access":
            return {
                "ok": True,
                "access_token": "xoxb-installed-token",
                "token_type": "bot",
                "scope": "chat:write,commands",
                "bot_user_id": BOT_USER_ID,
                "app_id": "A0001",
                "team": {"id": TEAM_ID, "name": "Acme"},
                "enterprise": None,
                "authed_user": {"id": "U0001"},
                "is_enterprise_install": False,
            }
        if api == "apps.connections.open":
            return {"ok": True, "url": "ws://127.0.0.1:9/link"}
        return {"ok": True}


class _Handler(BaseHTTPRequestHandler):
    owner: SlackStandin
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
        return

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        if not raw:
            return {}
        if "json" in ctype:
            return json.loads(raw)
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}

    def _send(self, status: int, data: bytes, ctype: str, location: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        path = urlparse(self.path).path
        if path.startswith("/upload/v1/"):  # step 2 of files_upload_v2: the raw bytes
            self._upload(path.rsplit("/", 1)[-1])
            return
        body = self._body()
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        body = {**query, **body}
        for key in ("blocks", "view", "metadata"):
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        self.owner.record(Call(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body))
        if self.owner.delay_s:
            time.sleep(self.owner.delay_s)
        if path.startswith("/api/"):
            reply = self.owner.reply(path[len("/api/") :], body)
            self._send(200, json.dumps(reply).encode(), "application/json; charset=utf-8")
            return
        served = self.owner.served.get(path)
        if served is None:
            self._send(404, b"not found", "text/plain")
            return
        self._send(served.status, served.body, served.content_type, served.location)

    def _upload(self, file_id: str) -> None:
        data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.owner.record(
            Call(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, {"length": len(data)})
        )
        upload = self.owner.uploads.get(file_id)
        if upload is None or len(data) != upload["length"]:
            self._send(400, b"bad upload", "text/plain")
            return
        upload["data"] = data
        self._send(200, b"OK - " + str(len(data)).encode(), "text/plain")

    do_GET = _handle
    do_POST = _handle


# -- the bot side: signed requests into the real ASGI app under uvicorn ----------------------------


def signed_headers(
    secret: str, body: str, *, timestamp: int | None = None, content_type: str = "application/json"
) -> dict[str, str]:
    """Headers Slack would send: ``X-Slack-Signature`` is v0 HMAC-SHA256 of ``v0:ts:body``."""
    from slack_sdk.signature import SignatureVerifier

    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = str(SignatureVerifier(secret).generate_signature(timestamp=ts, body=body))
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, "Content-Type": content_type}


class UvicornThread:
    """Serve an ASGI app with uvicorn on 127.0.0.1 (ephemeral port) in a background thread."""

    def __init__(self, app: Any) -> None:
        import socket

        import uvicorn

        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> UvicornThread:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
