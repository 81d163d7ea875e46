"""Building the Bolt app: tokens or OAuth, the Web API base URL, the worker pool and the listeners."""

from __future__ import annotations

import inspect
import logging
import os
import weakref
from typing import Any

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from bot.chat import ANSWER, BRIEF, AnswerRequest, BriefRequest, ChatWorkflow, JobPool, Where
from bot.chat.jobs import Handler
from bot.config import Settings
from bot.errors import ConfigError
from bot.service import BriefService
from bot.slack.clients import Clients, api_url, make_client
from bot.slack.digest import DIGEST, post_digest
from bot.slack.listeners import Listeners
from bot.slack.work import AnswerOut, BriefOut, Poster
from bot.slack.worker import workers_external

log = logging.getLogger(__name__)

# What the bot needs; bot/resources/config/slack-manifest.yaml lists the same scopes.
BOT_SCOPES = [
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
    "chat:write",
    "commands",
    "files:read",
    "files:write",  # the digest's chart (files_upload_v2)
]

_POOLS: weakref.WeakKeyDictionary[App, JobPool] = weakref.WeakKeyDictionary()
# Slack's workflow functions and assistant threads are not used; their middleware would run on every
# request (the second switch exists in recent Bolt releases only).
_UNUSED_MIDDLEWARE_OFF: dict[str, Any] = {
    name: False
    for name in ("attaching_function_token_enabled", "attaching_conversation_kwargs_enabled")
    if name in inspect.signature(App.__init__).parameters
}


def oauth_settings(settings: Settings, workflow: ChatWorkflow, env: dict[str, str]) -> OAuthSettings | None:
    """Bolt's OAuth flow with installations in our database, when configured."""
    client_id, client_secret = env.get("SLACK_CLIENT_ID"), env.get("SLACK_CLIENT_SECRET")
    if not (settings.slack.oauth or (client_id and client_secret and not env.get("SLACK_BOT_TOKEN"))):
        return None
    if not (client_id and client_secret):
        raise ConfigError("slack.oauth is on but SLACK_CLIENT_ID / SLACK_CLIENT_SECRET are not set")
    installations, states = workflow.slack_oauth_stores(client_id)
    return OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=BOT_SCOPES,
        installation_store=installations,
        state_store=states,
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
    )


def create_app(
    *,
    settings: Settings,
    service: BriefService,
    client: WebClient | None = None,
    signing_secret: str | None = None,
    token: str | None = None,
    socket_mode: bool = False,
    env: dict[str, str] | None = None,
    runs_jobs: bool | None = None,
) -> App:
    """The Bolt app with briefbot's listeners; starts the worker pool (and resumes unfinished jobs).

    Every Slack call goes to ``SLACK_API_URL``. Pass ``client`` to choose the WebClient yourself. The pool
    runs the jobs on this process's threads unless ``runs_jobs`` is False (or, when it is not given,
    ``BRIEFBOT_WORKERS=external``): then it only records them for worker processes.
    """
    env = dict(os.environ if env is None else env)
    workflow = ChatWorkflow(service=service)
    secret = signing_secret or env.get("SLACK_SIGNING_SECRET") or ""
    if not secret and not socket_mode:
        raise ConfigError("SLACK_SIGNING_SECRET is required in HTTP mode (requests are verified with it)")
    base_url = client.base_url if client is not None else api_url(env)
    token = token or (client.token if client is not None else None) or env.get("SLACK_BOT_TOKEN")
    oauth = None if token else oauth_settings(settings, workflow, env)
    if not token and oauth is None:
        raise ConfigError("set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs")
    if client is None:
        client = make_client(token=token, base_url=base_url)
    elif token and not client.token:
        client.token = token

    app = App(
        client=client,
        signing_secret=secret or None,
        oauth_settings=oauth,
        # Listeners only enqueue a durable job, so running them before the ack keeps the ack honest
        # (work is on disk before Slack hears "200") and still fast.
        process_before_response=True,
        request_verification_enabled=not socket_mode,
        logger=logging.getLogger("slack_bolt"),
        **_UNUSED_MIDDLEWARE_OFF,
    )
    clients = Clients(
        base_url=base_url,
        default=client if client.token else None,
        installation_store=oauth.installation_store if oauth else None,
    )
    poster = Poster(settings=settings, clients=clients, fetch_file=workflow.fetch_file)
    # With BRIEFBOT_WORKERS=external (or a worker child) this process only records jobs; `briefbot worker` runs them.
    pool = workflow.job_pool(
        workers=settings.slack.workers,
        handlers=job_handlers(workflow, poster),
        runs_jobs=not workers_external(env) if runs_jobs is None else runs_jobs,
    )
    Listeners(settings=settings, workflow=workflow, pool=pool, poster=poster).register(app)
    _POOLS[app] = pool.start()
    return app


def pool_of(app: App) -> JobPool:
    """The worker pool behind ``app`` (to wait for or stop it)."""
    return _POOLS[app]


def close_app(app: App) -> None:
    """Stop the worker pool; unfinished jobs stay in the database for the next start."""
    pool = _POOLS.pop(app, None)
    if pool is not None:
        pool.close(wait=True)


def job_handlers(workflow: ChatWorkflow, poster: Poster) -> dict[str, Handler]:
    """The Slack jobs: a brief into a thread, an answer in one, a channel's digest (run by a web process or a
    worker)."""

    def brief(_kind: str, payload: dict[str, Any], progress: Any) -> None:
        req = BriefRequest.from_payload(payload)
        workflow.brief_into_thread(req, BriefOut(poster, req, progress), progress)

    def answer(_kind: str, payload: dict[str, Any], progress: Any) -> None:
        req = AnswerRequest.from_payload(payload)
        workflow.answer_in_thread(req, AnswerOut(poster, req, progress), progress)

    def digest(_kind: str, payload: dict[str, Any], progress: Any) -> None:
        if progress.done().get("delivered"):  # posted before a crash: never twice
            return
        post_digest(workflow.service, poster, Where.from_payload(payload["where"]), payload["period"])
        progress.mark(delivered=True)

    return {BRIEF: brief, ANSWER: answer, DIGEST: digest}
