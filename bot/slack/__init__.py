"""The Slack bot: slash command, mentions, auto-brief, the message shortcut, thread follow-ups, App Home.

    bot.slack.run(settings, http=False, port=None)          # Socket Mode or HTTP, as configured
    app = bot.slack.create_app(settings=..., service=...)   # a Bolt App (tests, embedding)
    asgi = bot.slack.asgi_app(app)                          # POST /slack/events, GET /healthz

Layout: ``listeners`` turn events into chat requests, admit them and enqueue durable jobs; the chat
workflow (``bot.chat``) runs them and shows results through the outlets in ``work`` (placeholders,
updates, pointers, answers); ``bot.render.slack`` builds the Block Kit payloads.
"""

from __future__ import annotations

from bot.slack.app import close_app, create_app, pool_of
from bot.slack.server import asgi_app, run, socket_mode_handler

__all__ = ["asgi_app", "close_app", "create_app", "pool_of", "run", "socket_mode_handler"]
