"""``/brief digest [today|week|30d]`` and the "What's new" part of a brief, as Slack messages.

The digest is posted in the channel (every line links to the thread of the brief it came from) and its
chart is uploaded into the digest's thread with ``files_upload_v2`` (files.getUploadURLExternal, the
upload, files.completeUploadExternal). The logic is the story service's (``bot.stories``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import stories
from bot.chat import Where
from bot.errors import BriefbotError, InputError
from bot.render.slack import MAX_BLOCKS, MAX_TEXT, escape, link, trim
from bot.story.digest import Digest, Threaded, ThreadRef
from bot.story.links import thread_url
from bot.story.render import MAX_LINKS, Linker, Style, digest_lines, whats_new_lines
from bot.story.whatsnew import Note

if TYPE_CHECKING:
    from bot.service import BriefService
    from bot.slack.work import Poster

log = logging.getLogger(__name__)

DIGEST = "slack.digest"  # the job kind: payload {"where": Where.payload(), "period": "week"}
DIGEST_COMMAND = re.compile(r"digest(?:\s+(\S+))?", re.IGNORECASE)
SLACK = Style(escape=escape, link=lambda url, label: link(url, label), bold=lambda t: f"*{t}*",
              heading=lambda t, level: f"*{t}*" if level < 3 else f"_{t}_")
_SECTION_TEXT = MAX_TEXT - 100


def digest_period(text: str) -> str | None:
    """The period word when ``text`` is a digest command ("digest", "digest week"), else None."""
    found = DIGEST_COMMAND.fullmatch(text.strip())
    return None if found is None else (found.group(1) or "")


def linker_for(poster: Poster, client: WebClient, where: Where) -> Linker:
    """Thread links as Slack permalinks of this workspace (its URL from ``auth.test``, asked on first use and
    cached), so a brief with nothing to link costs no call."""

    def linker(ref: Threaded) -> str | None:
        return thread_url(ref, slack_workspace_url=poster.clients.workspace_url(client, where.workspace))

    return linker


def _sections(lines: Sequence[str], room: int) -> tuple[list[dict[str, Any]], int]:
    """Lines packed into mrkdwn sections, each heading starting one; returns the first ``room`` sections and
    how many lines did not fit."""
    chunks: list[list[str]] = []
    for line in lines:
        line = trim(line, _SECTION_TEXT)
        if not chunks or not line.startswith("- ") or len("\n".join([*chunks[-1], line])) > _SECTION_TEXT:
            chunks.append([])
        chunks[-1].append(line)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(c)}} for c in chunks[:room]]
    return blocks, sum(len(c) for c in chunks[room:])


def digest_message(digest: Digest, *, linker: Linker, channel: str) -> dict[str, Any]:
    """The digest as Block Kit: a header, then its lines; what doesn't fit in 50 blocks is counted."""
    lines = digest_lines(digest, style=SLACK, linker=linker, max_links=MAX_LINKS)
    title = lines[0].strip("*")
    blocks: list[dict[str, Any]] = [{"type": "header", "text": {"type": "plain_text", "text": trim(title, 150)}}]
    body, left = _sections([line for line in lines[1:] if line], MAX_BLOCKS - 2)
    blocks += body
    if left:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f"…and {left} more lines. `briefbot digest {digest.period} --channel {channel}` "
            "on the bot's server prints them all.")}]})
    return {"text": trim(title, 3000), "blocks": blocks}


def with_whats_new(message: dict[str, Any], notes: Sequence[Note], *, linker: Linker,
                   elsewhere: Sequence[ThreadRef] = ()) -> dict[str, Any]:
    """The brief message with its "What's new" section (repeats, contradictions, other channels) added."""
    lines = whats_new_lines(notes, style=SLACK, linker=linker, elsewhere=elsewhere)
    if not lines:
        return message
    blocks = list(message.get("blocks") or [])
    kept: list[str] = []
    for n, line in enumerate(lines):  # whole lines only, so no link markup is cut in half
        if len("\n".join([*kept, line])) > _SECTION_TEXT:
            kept.append(f"…and {len(lines) - n} more")
            break
        kept.append(line)
    section = {"type": "section", "text": {"type": "mrkdwn", "text": trim("\n".join(kept), MAX_TEXT)}}
    blocks.insert(min(len(blocks), 2), section)
    while len(blocks) > MAX_BLOCKS:
        blocks.pop(-2)
    return {**message, "blocks": blocks, "text": trim(f"{message.get('text', '')}\n{lines[0]}", 3000)}


def post_digest(service: BriefService, poster: Poster, where: Where, period_word: str) -> None:
    """Post the channel's digest for the period and upload its chart in the digest's thread."""
    try:
        client = poster.client(where)
    except BriefbotError:
        log.warning("no client for workspace %s", where.workspace)
        return
    try:
        period = stories.parse_period(period_word)
        found = stories.digest(service, period=period, platform="slack", channel=where.channel)
        message = digest_message(found, linker=linker_for(poster, client, where), channel=where.channel)
        ts = client.chat_postMessage(channel=where.channel, unfurl_links=False, unfurl_media=False,
                                     **message)["ts"]
        png = None if found.empty() else stories.chart(found)
        if png is not None:
            client.files_upload_v2(channel=where.channel, thread_ts=str(ts), content=png,
                                   filename=f"briefbot-digest-{period}.png",
                                   title=f"Aid and claims, {message['text']}",
                                   alt_txt="Aid pledged over time by donor; battlefield claims per place by side")
    except InputError as exc:
        poster.notice(where, None, f"{exc.user_message}\n{stories.USAGE}")
    except SlackApiError as exc:
        log.warning("posting the digest failed: %s", exc.response.get("error"))
        poster.notice(where, None, "I couldn't post the digest here. Invite me with `/invite @briefbot` first.")
    except Exception:  # the outermost edge of this job: log it and tell the user briefly
        log.exception("digest failed")
        poster.notice(where, None, "Sorry, something went wrong on my side while making the digest.")
