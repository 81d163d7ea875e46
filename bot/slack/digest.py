"""``/brief digest [today|week|30d]`` and the "What's new" part of a brief, as Slack messages.

The digest is posted in the channel (every line links to the thread of the brief it came from) and its
chart is uploaded into the digest's thread with ``files_upload_v2`` (files.getUploadURLExternal, the
upload, files.completeUploadExternal). The logic is the story service's (``bot.stories``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import stories
from bot.chat import Where
from bot.errors import BriefbotError, InputError
from bot.render.slack import MAX_BLOCKS, MAX_TEXT, escape, link, trim
from bot.story.digest import Digest
from bot.story.links import thread_url
from bot.story.render import (
    MAX_LINKS,
    Columns,
    Linker,
    Part,
    Style,
    digest_parts,
    links_capped,
    render_markdown,
    whats_new_lines,
)
from bot.story.rows import BriefPlace
from bot.story.whatsnew import Note

if TYPE_CHECKING:
    from bot.service import BriefService
    from bot.slack.work import Poster

log = logging.getLogger(__name__)

DIGEST = "slack.digest"  # the job kind: payload {"where": Where.payload(), "period": "week"}
DIGEST_COMMAND = re.compile(r"digest(?:\s+(\S+))?", re.IGNORECASE)
SLACK = Style(
    escape=escape,
    link=lambda url, label: link(url, label),
    bold=lambda t: f"*{t}*",
    heading=lambda t, level: f"*{t}*" if level < 3 else f"_{t}_",
)
_SECTION_TEXT = MAX_TEXT - 100


def digest_period(text: str) -> str | None:
    """The period word when ``text`` is a digest command ("digest", "digest week"), else None."""
    found = DIGEST_COMMAND.fullmatch(text.strip())
    return None if found is None else (found.group(1) or "")


def linker_for(poster: Poster, client: WebClient, where: Where) -> Linker:
    """Thread links as Slack permalinks of this workspace (its URL from ``auth.test``, asked on first use and
    cached), so a brief with nothing to link costs no call."""

    def linker(ref: BriefPlace) -> str | None:
        return thread_url(ref, slack_workspace_url=poster.clients.workspace_url(client, where.workspace))

    return linker


# Slack's limits: 50 blocks, 3,000 characters of section text, 10 section fields of 2,000 characters, and about
# 40,000 characters in one message. A digest that needs more goes on in the digest's thread, up to
# MAX_MESSAGES messages; anything cut then (lines, or thread links past MAX_LINKS on a line) is in the full
# digest uploaded into the thread as Markdown.
MESSAGE_CHARS = 36_000
MAX_MESSAGES = 4
_FIELD_TEXT = 2000 - 100
_MESSAGE_BLOCKS = MAX_BLOCKS - 2


@dataclass
class DigestPost:
    """The digest as Slack messages (the first for the channel, the rest for its thread) and whether they
    hold all of it; when not, the full digest goes into the thread as a file."""

    messages: list[dict[str, Any]]
    complete: bool


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _columns(part: Columns) -> tuple[dict[str, Any], int]:
    """A disputed place as one section: its heading, then each side's claims in a field, side by side."""
    fields, cut = [], 0
    for side, lines in part.sides[:10]:
        kept = [f"*{side}*"]
        for n, line in enumerate(lines):
            line = trim(line, _FIELD_TEXT)
            if len("\n".join([*kept, line])) > _FIELD_TEXT:
                kept.append(f"…and {len(lines) - n} more")
                cut += len(lines) - n
                break
            kept.append(f"• {line}")
        fields.append({"type": "mrkdwn", "text": "\n".join(kept)})
    return {**_section(trim(part.heading, _SECTION_TEXT)), "fields": fields}, cut


def _blocks(parts: Sequence[Part]) -> tuple[list[dict[str, Any]], int]:
    """Lines packed into mrkdwn sections (a blank line, before each part of the digest, starts a new one), and
    disputed places as two-column sections; also how many lines a field had no room for."""
    blocks: list[dict[str, Any]] = []
    lines: list[str] = []
    cut = 0

    def flush() -> None:
        if lines:
            blocks.append(_section("\n".join(lines)))
            lines.clear()

    for part in parts:
        if isinstance(part, Columns):
            flush()
            block, left = _columns(part)
            blocks.append(block)
            cut += left
            continue
        if not part:
            flush()
            continue
        line = trim(part, _SECTION_TEXT)
        if len("\n".join([*lines, line])) > _SECTION_TEXT:
            flush()
        lines.append(line)
    flush()
    return blocks, cut


def _chars(block: dict[str, Any]) -> int:
    return len(block.get("text", {}).get("text", "")) + sum(len(f["text"]) for f in block.get("fields", []))


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def digest_messages(digest: Digest, *, linker: Linker) -> DigestPost:
    """The digest as Block Kit messages within Slack's limits: a header, then its lines and disputed places."""
    parts = digest_parts(digest, style=SLACK, linker=linker, max_links=MAX_LINKS)
    title = str(parts[0]).strip("*")
    body, cut = _blocks(parts[1:])
    pages: list[list[dict[str, Any]]] = [[]]
    size = 0
    for block in body:
        if pages[-1] and (len(pages[-1]) >= _MESSAGE_BLOCKS or size + _chars(block) > MESSAGE_CHARS):
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += _chars(block)
    complete = not cut and len(pages) <= MAX_MESSAGES and not links_capped(digest, MAX_LINKS)
    pages = pages[:MAX_MESSAGES]
    file_note = (
        f"Not everything fits in chat: the full digest, every line with all its thread links, is the file "
        f"`briefbot-digest-{digest.period}.md` in this thread."
    )
    messages = []
    for n, page in enumerate(pages, start=1):
        blocks = list(page)
        if n == 1:
            blocks.insert(0, {"type": "header", "text": {"type": "plain_text", "text": trim(title, 150)}})
            if len(pages) > 1:
                blocks.append(_context(f"Continued in this message's thread ({len(pages)} messages)."))
        else:
            blocks.insert(0, _context(f"{escape(title)} — part {n} of {len(pages)}"))
        if n == len(pages) and not complete:
            blocks.append(_context(file_note))
        text = title if n == 1 else f"{title} (part {n} of {len(pages)})"
        messages.append({"text": trim(text, 3000), "blocks": blocks})
    return DigestPost(messages=messages, complete=complete)


def with_whats_new(
    message: dict[str, Any], notes: Sequence[Note], *, linker: Linker, elsewhere: Sequence[BriefPlace] = ()
) -> dict[str, Any]:
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
        linker = linker_for(poster, client, where)
        post = digest_messages(found, linker=linker)
        first, *rest = post.messages
        ts = str(client.chat_postMessage(channel=where.channel, unfurl_links=False, unfurl_media=False, **first)["ts"])
        for message in rest:
            client.chat_postMessage(channel=where.channel, thread_ts=ts, unfurl_links=False, unfurl_media=False, **message)
        uploads: list[dict[str, Any]] = []
        png = None if found.empty() else stories.chart(found)
        if png is not None:
            uploads.append(
                {
                    "content": png,
                    "filename": f"briefbot-digest-{period}.png",
                    "title": f"Aid and claims, {first['text']}",
                    "alt_txt": "Aid pledged over time by donor; battlefield claims per place by side",
                }
            )
        if not post.complete:
            uploads.append(
                {
                    "content": render_markdown(found, linker=linker),
                    "filename": f"briefbot-digest-{period}.md",
                    "title": f"Full digest, {first['text']}",
                }
            )
        if uploads:  # one files_upload_v2: getUploadURLExternal and an upload per file, one completeUploadExternal
            client.files_upload_v2(channel=where.channel, thread_ts=ts, file_uploads=uploads)
    except InputError as exc:
        poster.notice(where, None, f"{exc.user_message}\n{stories.USAGE}")
    except SlackApiError as exc:
        log.warning("posting the digest failed: %s", exc.response.get("error"))
        poster.notice(where, None, "I couldn't post the digest here. Invite me with `/invite @briefbot` first.")
    except Exception:  # the outermost edge of this job: log it and tell the user briefly
        log.exception("digest failed")
        poster.notice(where, None, "Sorry, something went wrong on my side while making the digest.")
