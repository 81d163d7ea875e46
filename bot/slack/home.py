"""App Home: the workspace's latest briefs, each with a link to its thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.chat import BriefThread, ChatWorkflow, Where
from bot.render.slack import MAX_BLOCKS, escape, link, trim
from bot.slack.clients import thread_link
from bot.slack.work import Poster

log = logging.getLogger(__name__)

HOME_LIMIT = 15


def home_view(threads: list[BriefThread], workspace_url: str | None) -> dict[str, Any]:
    """The Home tab view: intro, then one section per recent brief."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Latest briefs"}},
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "Mention me with a link, text or file, use `/brief`, or the *Brief this message* "
                    "shortcut. Ask follow-up questions in a brief's thread.",
                }
            ],
        },
    ]
    if not threads:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "No briefs yet in this workspace."}})
    for t in threads[: MAX_BLOCKS - len(blocks)]:
        url = thread_link(workspace_url, t.channel, t.message or t.thread)
        head = link(url, t.title) if url else f"*{escape(t.title)}*"
        text = f"{head} · {t.items} items in <#{t.channel}>\n{escape(t.summary)}"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": trim(text, 3000)}})
    return {"type": "home", "blocks": blocks}


def publish_home(workflow: ChatWorkflow, poster: Poster, where: Where) -> None:
    """``views.publish`` the Home tab for ``where.user``."""
    client = poster.client(where)
    threads = workflow.list_threads(platform="slack", workspace=where.workspace, limit=HOME_LIMIT)
    view = home_view(threads, poster.clients.workspace_url(client, where.workspace))
    try:
        client.views_publish(user_id=str(where.user), view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))
