"""Serving the Bolt app: an ASGI app for uvicorn (HTTP mode) or Bolt's Socket Mode handler.

Bolt's Starlette adapter calls the synchronous ``App.dispatch`` on the event loop, which would make every
request wait for the one before it, database calls included. Here a mention or a message outside a thread
(the bulk of a burst) is dispatched on the event loop with its admission left to the group commit's writer
thread and awaited without blocking the loop; any other request (commands, shortcuts, thread replies, OAuth
installs) is dispatched on a thread pool, where its listener may wait for the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.config import Settings
from bot.errors import ConfigError
from bot.heap import keep_collections_short
from bot.slack.app import close_app, create_app, pool_of
from bot.slack.clients import api_url
from bot.slack.listeners import DEFERRED, Deferred
from bot.slack.supervise import WorkerChild
from bot.slack.worker import CHILD, INLINE, workers_mode

if TYPE_CHECKING:
    from bot.service import BriefService

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DEFAULT_PORT = 3000
# Slack's events, commands and interaction payloads are a few kilobytes; a megabyte is generous.
MAX_BODY_BYTES = 1_000_000
# Requests dispatched to Bolt at once (each holds a database connection for a millisecond or two).
DISPATCH_THREADS = 32


def _signed(verifier: SignatureVerifier, raw: bytes, req: Request) -> bool:
    timestamp = req.headers.get("x-slack-request-timestamp", "")
    signature = req.headers.get("x-slack-signature", "")
    if not timestamp.isdigit() or not signature:
        return False
    return verifier.is_valid(body=raw, timestamp=timestamp, signature=signature)


def _a_new_message(body: object) -> bool:
    """An ``app_mention`` or ``message`` event that is not a reply in a thread (deciding about a reply
    reads the database: is the thread a brief's?)."""
    if not isinstance(body, dict) or body.get("type") != "event_callback":
        return False
    event = body.get("event")
    if not isinstance(event, dict) or event.get("type") not in ("app_mention", "message"):
        return False
    return event.get("thread_ts") in (None, event.get("ts"))


def asgi_app(app: App, *, worker: WorkerChild | None = None) -> Starlette:
    """``POST /slack/events`` (events, commands, shortcuts, interactivity), ``GET /healthz``, and the
    OAuth pages ``/slack/install`` and ``/slack/oauth_redirect`` when OAuth is configured. ``worker`` is the
    child that briefs, when this process started one: /healthz reports it failing."""

    verifier = SignatureVerifier(app._signing_secret) if app._signing_secret else None  # noqa: SLF001
    dispatchers = ThreadPoolExecutor(max_workers=DISPATCH_THREADS, thread_name_prefix="briefbot-dispatch")
    # Requests being handled now (counted on the event loop's thread). Briefs that this process runs start
    # once a burst is answered: they share the interpreter, and each one's start costs many acks' worth.
    in_flight = [0]
    with contextlib.suppress(KeyError):  # an app made without create_app has no pool
        pool_of(app).yield_to(lambda: in_flight[0] > 0)
    # One bot token: Bolt authorizes from memory. (With OAuth installs, authorizing reads the database.)
    on_loop = app.oauth_flow is None

    async def events(req: Request) -> Response:
        in_flight[0] += 1
        try:
            return await _events(req)
        finally:
            in_flight[0] -= 1

    async def _events(req: Request) -> Response:
        # Nothing unauthenticated is parsed or held: the size is capped while reading, and the signature
        # is checked on the raw bytes before Bolt (or anything else) looks inside them.
        declared = req.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return PlainTextResponse("request body too large", status_code=413)
        body = bytearray()
        async for chunk in req.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return PlainTextResponse("request body too large", status_code=413)
        raw = bytes(body)
        if verifier is not None and not _signed(verifier, raw, req):
            return PlainTextResponse("invalid request signature", status_code=401)
        try:
            bolt_req = to_bolt_request(req, raw)
            if on_loop and _a_new_message(bolt_req.body):
                # A mention or a message outside a thread: Bolt and the listener need no I/O but the
                # admission, so they run right here; the admission is group-committed on a writer thread
                # while the loop goes on, and awaited below. No thread per request, no hand-off each way.
                deferred: Deferred = []
                bolt_req.context[DEFERRED] = deferred
                bolt_resp = app.dispatch(bolt_req)
            else:
                # A plain executor: anyio's to_thread (Starlette's run_in_threadpool) spent more of the event
                # loop's time on its capacity limiter and cancel scopes than the handoff itself.
                loop = asyncio.get_running_loop()
                bolt_resp = await loop.run_in_executor(dispatchers, app.dispatch, bolt_req)
                deferred = []
        except Exception:  # a signed but malformed body: say so, never a traceback
            log.warning("could not handle a signed request", exc_info=True)
            return PlainTextResponse("malformed request", status_code=400)
        try:
            for admission, act in deferred:  # Slack hears "200" only once the request is on disk
                act(await asyncio.wrap_future(admission))
        except Exception:
            # As Bolt answers when a listener fails: 500, and Slack retries.
            log.exception("could not record a Slack request")
            bolt_resp.status = 500
        return to_starlette_response(bolt_resp)

    async def healthz(_req: Request) -> Response:
        # Healthy means able to take work: an event can only be acknowledged once it is on disk.
        if not await run_in_threadpool(pool_of(app).store.writable):
            return JSONResponse({"ok": False, "error": "the database does not accept writes"}, status_code=503)
        problem = worker.problem() if worker is not None else None
        if problem is not None:
            return JSONResponse({"ok": False, "error": problem}, status_code=503)
        return JSONResponse({"ok": True})

    routes = [Route(EVENTS_PATH, events, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    flow = app.oauth_flow
    if flow is not None:

        async def install(req: Request) -> Response:
            bolt_resp = await run_in_threadpool(flow.handle_installation, to_bolt_request(req, await req.body()))
            return to_starlette_response(bolt_resp)

        async def callback(req: Request) -> Response:
            bolt_resp = await run_in_threadpool(flow.handle_callback, to_bolt_request(req, await req.body()))
            return to_starlette_response(bolt_resp)

        routes += [
            Route(flow.install_path, install, methods=["GET"]),
            Route(flow.redirect_uri_path, callback, methods=["GET"]),
        ]

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        dispatchers.shutdown(wait=True)
        close_app(app)

    return Starlette(routes=routes, lifespan=lifespan)


def socket_mode_handler(app: App, app_token: str) -> SocketModeHandler:
    """Bolt's built-in Socket Mode handler; its Web API calls use the app's client (``SLACK_API_URL``)."""
    return SocketModeHandler(app, app_token, web_client=app.client)


def run(settings: Settings, *, http: bool, port: int | None = None) -> None:
    """Run the bot until interrupted: Socket Mode when ``SLACK_APP_TOKEN`` is set and ``http`` is False,
    otherwise HTTP on ``port``, ``$PORT`` or 3000 behind uvicorn. Unless ``BRIEFBOT_WORKERS`` says otherwise,
    a worker child process runs the jobs and is stopped when the bot stops."""
    from bot.service import BriefService

    app_token = os.environ.get("SLACK_APP_TOKEN")
    socket_mode = bool(app_token) and not http
    service = BriefService(settings=settings)
    # By default briefs run in a worker process of our own, so they never hold the interpreter that acks.
    mode = workers_mode(dict(os.environ))
    child = mode == CHILD
    if mode == INLINE:
        service.warm()  # this process briefs: load the engine now, not while it holds a job's transaction
    try:
        app = create_app(settings=settings, service=service, socket_mode=socket_mode, runs_jobs=False if child else None)
    except (OSError, BoltError, SlackApiError) as exc:
        # Bolt checks the bot token with auth.test at start-up; say plainly what failed (never the token).
        reason = getattr(exc, "reason", None) or exc
        raise ConfigError(f"could not verify SLACK_BOT_TOKEN with Slack at {api_url()}: {reason}") from exc
    worker = WorkerChild().start() if child else None
    if worker is not None and threading.current_thread() is threading.main_thread():
        # uvicorn re-raises the SIGTERM it handled once it has shut down, and Socket Mode does not handle it:
        # either way the default action would end this process before it stops its worker.
        signal.signal(signal.SIGTERM, _terminated)
    try:
        _serve(app, service, app_token if socket_mode else None, port, worker)
    except _Terminated:
        if worker is not None:
            worker.stop()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)  # end as SIGTERM ends a process, now that the worker is stopped
    finally:
        if worker is not None:
            worker.stop()


class _Terminated(Exception):
    """SIGTERM arrived."""


def _terminated(_signum: int, _frame: FrameType | None) -> None:
    raise _Terminated


def _serve(app: App, service: BriefService, app_token: str | None, port: int | None, worker: WorkerChild | None) -> None:
    if app_token is not None:
        keep_collections_short()  # a full garbage collection of the loaded heap would hold every ack
        log.info("briefbot Slack: Socket Mode")
        try:
            socket_mode_handler(app, app_token).start()  # type: ignore[no-untyped-call]
        finally:
            close_app(app)
        return
    import uvicorn

    try:
        bind_port = port or int(os.environ.get("PORT") or DEFAULT_PORT)
    except ValueError as exc:
        raise ConfigError("PORT must be a number") from exc
    service.store.warm()  # a burst of acknowledgements right after start must not wait for new connections
    keep_collections_short()  # a full garbage collection of the loaded heap would hold every ack
    log.info("briefbot Slack: HTTP on port %s", bind_port)
    uvicorn.run(
        asgi_app(app, worker=worker),
        host=os.environ.get("HOST", "0.0.0.0"),
        port=bind_port,  # noqa: S104
        proxy_headers=True,
        log_level="info",
        # One log line per request took a fifth of the event loop's time under a burst of acks; failures are
        # still logged, and the platform's router logs every request anyway.
        access_log=False,
    )
