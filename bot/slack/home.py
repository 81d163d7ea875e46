"""App Home: the workspace's latest briefs, each with a link to its thread."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from slack_sdk.errors import SlackApiError

from bot.models import Brief
from bot.render.slack import MAX_BLOCKS, escape, link, trim
from bot.slack.clients import thread_link
from bot.slack.tasks import Where
from bot.store import ThreadRecord

if TYPE_CHECKING:
    from bot.slack.work import Worker

log = logging.getLogger(__name__)

HOME_LIMIT = 15


def home_view(records: list[ThreadRecord], workspace_url: str | None) -> dict[str, Any]:
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
    if not records:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": "No briefs yet in this workspace."}}
        )
    for rec in records[: MAX_BLOCKS - len(blocks)]:
        try:
            brief = Brief.model_validate_json(rec.brief_json)
            title, summary, count = (
                brief.source.title or "Untitled article",
                brief.summary,
                brief.item_count(),
            )
        except ValidationError:
            title, summary, count = "Untitled article", "", 0
        url = thread_link(workspace_url, rec.channel, rec.message_ts or rec.thread_ts)
        head = link(url, title) if url else f"*{escape(title)}*"
        text = f"{head} · {count} items in <#{rec.channel}>\n{escape(summary)}"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": trim(text, 3000)}})
    return {"type": "home", "blocks": blocks}


def publish_home(worker: Worker, where: Where) -> None:
    """``views.publish`` the Home tab for ``where.user``."""
    client = worker.clients.for_team(where.team_id, where.enterprise_id)
    records = worker.store.recent_threads(platform="slack", workspace=where.team_id, limit=HOME_LIMIT)
    view = home_view(records, worker.clients.workspace_url(client, where.team_id))
    try:
        client.views_publish(user_id=str(where.user), view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))
