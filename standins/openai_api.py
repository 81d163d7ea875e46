"""A stand-in OpenAI-compatible server on 127.0.0.1, for tests and the benchmarks.

It speaks just enough of ``POST /v1/chat/completions`` for the real ``openai`` client: replies come from
a queue (``enqueue_json``, ``enqueue_content``, ``enqueue_status``) or, when the queue is empty, from a
``responder(request_json)`` function. Every request is recorded with its headers and JSON body, and with
how long the server held it (the "model time" the benchmark subtracts).

    with OpenAIStandin() as server:
        server.enqueue_json({"answer": "The article doesn't say.", "quotes": []})
        server.enqueue_status(429, headers=FAST_RETRY)
        client = openai_client(server, max_retries=1)       # a real openai.OpenAI pointed at it
        ...
        server.requests[0].json["response_format"]           # what the client sent
        server.requests[0].headers["authorization"]
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import openai
from pydantic import BaseModel

from bot.config import LLMSettings
from bot.llm.client import StructuredClient
from bot.llm.tokens import count_message_tokens, count_tokens

TEST_API_KEY = "sk-test-standin-0123456789"
# Makes the SDK's retry wait 1 ms instead of its 0.5 s+ backoff (Retry-After: 0 means "use backoff").
FAST_RETRY = {"retry-after-ms": "1", "retry-after": "0"}


@dataclass(slots=True)
class Reply:
    """One scripted HTTP reply. ``body`` is JSON-encoded unless it is ``str``/``bytes``."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float | None = None  # seconds before answering; None means the server's latency


@dataclass(slots=True)
class Completion:
    """A scripted 200 completion; its usage is computed from each request."""

    content: str | None
    finish_reason: str = "stop"
    refusal: str | None = None
    delay: float | None = None


@dataclass(slots=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    json: Any
    status: int = 0
    handled_s: float = 0.0  # time from the request arriving to the reply being ready (the "model time")


Responder = Callable[[Any], Any]


def completion_body(
    content: str | None,
    *,
    model: str = "standin-model",
    finish_reason: str = "stop",
    refusal: str | None = None,
    usage: dict[str, int] | None = None,
    completion_id: str = "chatcmpl-standin",
) -> dict[str, Any]:
    """A Chat Completions response body with one choice."""
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
        "usage": usage,
    }


def error_body(status: int, message: str | None = None) -> dict[str, Any]:
    return {
        "error": {"message": message or f"stand-in error {status}", "type": "standin_error", "param": None, "code": None}
    }


class OpenAIStandin:
    """A threaded HTTP server imitating an OpenAI-compatible Chat Completions endpoint."""

    def __init__(self, *, latency: float = 0.0, responder: Responder | None = None, model: str = "standin-model") -> None:
        self.latency = latency
        self.responder = responder
        self.model = model
        self.requests: list[RecordedRequest] = []
        self._queue: deque[Reply | Completion] = deque()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> OpenAIStandin:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, the body waits ~40 ms for the
            # client's delayed ACK, an artefact no real server has.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                standin._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                standin._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="openai-standin", kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OpenAIStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in server is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # -- scripting -------------------------------------------------------------------------------
    def enqueue(self, reply: Reply | Completion) -> None:
        with self._lock:
            self._queue.append(reply)

    def enqueue_content(
        self, content: str | None, *, finish_reason: str = "stop", refusal: str | None = None, delay: float | None = None
    ) -> None:
        """Queue a 200 completion whose message content is ``content`` (usage is computed per request)."""
        self.enqueue(Completion(content, finish_reason=finish_reason, refusal=refusal, delay=delay))

    def enqueue_json(self, obj: Any, *, finish_reason: str = "stop", delay: float | None = None) -> None:
        """Queue a completion whose content is ``obj`` (a dict or pydantic model) as JSON."""
        self.enqueue_content(_to_json(obj), finish_reason=finish_reason, delay=delay)

    def enqueue_refusal(self, text: str = "I'm sorry, I can't help with that.") -> None:
        self.enqueue_content(None, refusal=text)

    def enqueue_status(
        self, code: int, *, headers: dict[str, str] | None = None, body: Any = None, delay: float | None = None
    ) -> None:
        """Queue an HTTP error (or any status) with an OpenAI-style error body unless one is given."""
        self.enqueue(
            Reply(status=code, body=body if body is not None else error_body(code), headers=dict(headers or {}), delay=delay)
        )

    @property
    def bodies(self) -> list[Any]:
        """The JSON bodies of the requests so far."""
        with self._lock:
            return [r.json for r in self.requests]

    # -- serving ---------------------------------------------------------------------------------
    def _next(self, request_json: Any) -> Reply:
        with self._lock:
            item = self._queue.popleft() if self._queue else None
        if item is None:
            if self.responder is None:
                return Reply(status=500, body=error_body(500, "stand-in: no reply queued"))
            item = self.responder(request_json)
        if isinstance(item, Reply):
            return item
        if not isinstance(item, Completion):  # a responder's dict, model or string is the content
            item = Completion(item if isinstance(item, str) else _to_json(item))
        return Reply(status=200, body=self._completion(request_json, item), delay=item.delay)

    def _completion(self, request_json: Any, spec: Completion) -> dict[str, Any]:
        model = request_json.get("model", self.model) if isinstance(request_json, dict) else self.model
        messages = request_json.get("messages", []) if isinstance(request_json, dict) else []
        texts: list[dict[str, str]] = [
            {"content": m["content"] if isinstance(m.get("content"), str) else ""} for m in messages if isinstance(m, dict)
        ]
        prompt = count_message_tokens(texts, model)
        completion = count_tokens(spec.content or spec.refusal or "", model)
        usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
        return completion_body(
            spec.content,
            model=model,
            finish_reason=spec.finish_reason,
            refusal=spec.refusal,
            usage=usage,
            completion_id=f"chatcmpl-standin-{next(self._ids)}",
        )

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        started = time.perf_counter()
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            parsed: Any = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        record = RecordedRequest(
            method=handler.command,
            path=handler.path,
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=raw,
            json=parsed,
        )
        with self._lock:
            self.requests.append(record)
        reply = self._next(parsed)
        delay = self.latency if reply.delay is None else reply.delay
        if delay > 0:
            time.sleep(delay)
        if isinstance(reply.body, bytes):
            payload = reply.body
        elif isinstance(reply.body, str):
            payload = reply.body.encode()
        else:
            payload = json.dumps(reply.body).encode()
        # Recorded before the reply is written, so a client that has its answer always sees the figures.
        record.status = reply.status
        record.handled_s = time.perf_counter() - started
        handler.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        headers.setdefault("x-request-id", f"req-standin-{len(self.requests)}")
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
        handler.wfile.flush()


def _to_json(obj: Any) -> str:
    if isinstance(obj, BaseModel):
        return obj.model_dump_json()
    return json.dumps(obj)


def openai_client(
    server: OpenAIStandin, *, max_retries: int = 0, timeout: float = 5.0, api_key: str = TEST_API_KEY
) -> openai.OpenAI:
    """A real ``openai.OpenAI`` pointed at the stand-in."""
    return openai.OpenAI(base_url=server.base_url, api_key=api_key, max_retries=max_retries, timeout=timeout)


def structured_client(
    server: OpenAIStandin,
    *,
    model: str = "gpt-4.1-mini",
    max_retries: int = 0,
    timeout: float = 5.0,
    max_output_tokens: int = 2000,
) -> StructuredClient:
    """briefbot's own client (structured output, retries, errors) on a real ``openai.OpenAI`` at the stand-in."""
    settings = LLMSettings(model=model, max_retries=max_retries, timeout_s=timeout, max_output_tokens=max_output_tokens)
    return StructuredClient(settings=settings, client=openai_client(server, max_retries=max_retries, timeout=timeout))
