"""The Discord bot: ``/brief``, mentions, and follow-up questions in the thread opened for each brief.

``run(settings)`` is what ``briefbot discord`` calls. The event handling lives in ``adapter``, what the
chat workflow's results look like in ``outlet`` and ``render``; none holds brief or Q&A logic (that is
``bot.chat`` and ``bot.service``).
"""

from __future__ import annotations

import os

from bot.config import Settings
from bot.errors import ConfigError

MISSING_TOKEN = (
    "DISCORD_TOKEN is not set: create a bot at https://discord.com/developers/applications "
    "and export its token as DISCORD_TOKEN"
)


def run(settings: Settings, *, token: str | None = None) -> None:
    """Run the Discord bot until interrupted. The token comes from ``token`` or ``$DISCORD_TOKEN``."""
    token = (token if token is not None else os.environ.get("DISCORD_TOKEN", "")).strip()
    if not token:
        raise ConfigError(MISSING_TOKEN)
    # Imported here so that `briefbot brief` never pays for importing discord.py.
    import discord

    from bot.discord_bot.adapter import BriefBot
    from bot.service import BriefService

    service = BriefService(settings=settings)
    service.warm()  # the engine loads before the gateway connects, not on the event loop's first brief
    client = BriefBot(service=service, settings=settings)
    try:
        client.run(token)
    except discord.LoginFailure as exc:
        raise ConfigError("Discord rejected DISCORD_TOKEN (reset the bot token and try again)") from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise ConfigError(
            "Discord refused the Message Content intent: enable it under Bot → Privileged Gateway Intents"
        ) from exc


__all__ = ["MISSING_TOKEN", "run"]
