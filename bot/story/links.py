"""Links to the chat thread of a brief, from what the database knows about it."""

from __future__ import annotations

from bot.story.rows import BriefPlace


def thread_url(ref: BriefPlace, *, slack_workspace_url: str | None = None) -> str | None:
    """The thread's URL: Slack's permalink form when the workspace URL is known (``auth.test``), else its
    web-client URL by team id; Discord's channel URL in the server (``@me`` for direct messages)."""
    if ref.platform == "slack":
        if slack_workspace_url:
            return f"{slack_workspace_url.rstrip('/')}/archives/{ref.channel}/p{ref.thread_ts.replace('.', '')}"
        if ref.workspace:
            return f"https://app.slack.com/client/{ref.workspace}/{ref.channel}/thread/{ref.channel}-{ref.thread_ts}"
        return None
    if ref.platform == "discord":
        return f"https://discord.com/channels/{ref.workspace or '@me'}/{ref.thread_ts}"
    return None
