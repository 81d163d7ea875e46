"""The Slack bot: slash command, mentions, auto-brief, the message shortcut, thread follow-ups, App Home.

    bot.slack.run(settings, http=False, port=None)          # Socket Mode or HTTP, as configured
    app = bot.slack.create_app(settings=..., service=...)   # a Bolt App (tests, embedding)
    asgi = bot.slack.asgi_app(app)                          # POST /slack/events, GET /healthz

Layout: ``listeners`` decide and enqueue durable jobs, ``pool`` runs them on threads (and resumes them
after a crash), ``work`` loads/briefs/answers through the service and posts; ``bot.render.slack`` builds
the Block Kit payloads.
"""

from __future__ import annotations

from bot.slack.app import close_app, create_app, pool_of
from bot.slack.server import asgi_app, run, socket_mode_handler

__all__ = ["asgi_app", "close_app", "create_app", "pool_of", "run", "socket_mode_handler"]
