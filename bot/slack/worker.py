"""The worker process (``briefbot worker``): runs the Slack jobs that web processes only record.

With ``BRIEFBOT_WORKERS=external`` a web process (``briefbot slack --http``) verifies, records the job
and acknowledges, nothing more; one or more worker processes sharing its database take the jobs, brief and
post. So a long brief never holds the interpreter that acknowledges Slack.

On SIGTERM (a deploy, a scale-down) a worker stops taking jobs, lets running ones finish for ``grace_s``
seconds, hands the rest back (pending, its lease released, so another worker takes them at once and edits
the placeholder already posted), and exits.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from types import FrameType

from bot.chat import ChatWorkflow, JobPool
from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.clients import Clients, api_url, make_client

log = logging.getLogger(__name__)

EXTERNAL = "external"
INLINE = "inline"
CHILD = "child"
POLL_S = 0.2  # how soon a worker sees a new job: it polls the jobs table
RENEW_S = 5.0  # how often it renews the leases of the jobs it runs (stale after 30 s)


def workers_mode(env: dict[str, str]) -> str:
    """Who runs the jobs (``BRIEFBOT_WORKERS``): ``child``, the default, a worker process the bot starts
    itself (``bot.slack.supervise``); ``external``, worker processes started separately; ``inline``,
    threads of the bot's own process (acknowledgements then wait while a brief holds the interpreter)."""
    mode = env.get("BRIEFBOT_WORKERS", "").strip().lower() or CHILD
    if mode not in (CHILD, INLINE, EXTERNAL):
        raise ConfigError(f"BRIEFBOT_WORKERS must be 'child', 'inline' or 'external', not {mode!r}")
    return mode


def workers_external(env: dict[str, str]) -> bool:
    """Does a separate worker process run the jobs (``BRIEFBOT_WORKERS=external``)?"""
    return workers_mode(env) == EXTERNAL


def worker_pool(settings: Settings, *, env: dict[str, str] | None = None) -> JobPool:
    """A started pool that polls the database for jobs, with clients for the bot token or OAuth installs."""
    from bot.service import BriefService
    from bot.slack.app import job_handlers, oauth_settings
    from bot.slack.work import Poster

    env = dict(os.environ if env is None else env)
    service = BriefService(settings=settings)
    service.warm()  # before the first claim: see BriefService.warm
    workflow = ChatWorkflow(service=service)
    token = env.get("SLACK_BOT_TOKEN")
    oauth = None if token else oauth_settings(settings, workflow, env)
    if not token and oauth is None:
        raise ConfigError("set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs")
    base_url = api_url(env)
    client = make_client(token=token, base_url=base_url)
    clients = Clients(
        base_url=base_url, default=client if token else None, installation_store=oauth.installation_store if oauth else None
    )
    poster = Poster(settings=settings, clients=clients, fetch_file=workflow.fetch_file)
    pool = workflow.job_pool(
        workers=settings.slack.workers, handlers=job_handlers(workflow, poster), poll_s=POLL_S, renew_s=RENEW_S
    )
    return pool.start()


def run_worker(settings: Settings, *, grace_s: float = 20.0, nice: int = 10, until_stdin_closes: bool = False) -> None:
    """Run jobs until SIGTERM or SIGINT (or, with ``until_stdin_closes``, until standard input closes: the
    bot that started this worker has exited); then hand back what is still running and return.

    The worker lowers its CPU priority by ``nice``: where it shares cores with a web process (one machine
    running the whole Procfile), acknowledgements come first and briefs take the rest of the time."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if until_stdin_closes:
        threading.Thread(target=_stop_at_eof, args=(stop,), name="briefbot-parent-watch", daemon=True).start()
    pool = worker_pool(settings)
    log.info("briefbot worker %s: polling for jobs every %.1f s", pool.worker_id, POLL_S)
    while not stop.wait(1.0):
        pass
    pool.hand_back(grace_s=grace_s)
    # Handlers still running belong to jobs handed back: leave them, do not wait for them.
    logging.shutdown()
    os._exit(0)


def _stop_at_eof(stop: threading.Event) -> None:
    """Set ``stop`` once standard input reaches its end (nothing is ever written to it)."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    log.info("the bot that started this worker has exited: stopping")
    stop.set()
