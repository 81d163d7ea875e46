"""What Slack and Discord refuse, for their stand-ins (standins/slack_api.py, standins/discord_api.py): a
message over a documented limit gets the platform's error, and the chat tests fail on any."""

from __future__ import annotations

from typing import Any

# Slack's documented limits (Block Kit reference, chat.postMessage): 50 blocks; a section's text 3,000
# characters, its fields 10 of 2,000; a header's 150; a context's 10 elements; message text truncated past
# 40,000 characters, which the stand-in refuses as msg_too_long, counting the blocks' text too.
MAX_BLOCKS, MAX_SECTION, MAX_FIELDS, MAX_FIELD, MAX_HEADER, MAX_MESSAGE = 50, 3000, 10, 2000, 150, 40_000


def slack_message_problem(body: dict[str, Any]) -> str | None:
    """Why Slack would refuse this message, or None."""
    blocks = body.get("blocks") or []
    if len(blocks) > MAX_BLOCKS:
        return f"invalid_blocks: {len(blocks)} blocks"
    total = len(body.get("text") or "")
    for n, block in enumerate(blocks):
        text = (block.get("text") or {}).get("text", "")
        total += len(text)
        if block.get("type") == "header" and len(text) > MAX_HEADER:
            return f"invalid_blocks: header {n} has {len(text)} characters"
        if block.get("type") == "section":
            fields = block.get("fields") or []
            if len(text) > MAX_SECTION or len(fields) > MAX_FIELDS or any(len(f["text"]) > MAX_FIELD for f in fields):
                return f"invalid_blocks: section {n} over its limits"
            if not text and not fields:
                return f"invalid_blocks: section {n} is empty"
            total += sum(len(f["text"]) for f in fields)
        if block.get("type") == "context":
            elements = block.get("elements") or []
            if len(elements) > 10 or any(len(e.get("text", "")) > MAX_SECTION for e in elements):
                return f"invalid_blocks: context {n} over its limits"
            total += sum(len(e.get("text", "")) for e in elements)
    if total > MAX_MESSAGE:
        return f"msg_too_long: {total} characters"
    return None


# Discord's documented limits (Message and Embed objects): content 2,000 characters; 10 embeds of at most a
# 256-character title, 4,096-character description, 25 fields (name 256, value 1,024), 2,048-character footer,
# and 6,000 characters across a message's embeds; attachments up to the interaction's attachment_size_limit.
DISCORD_ATTACHMENT_LIMIT = 10 * 1024 * 1024


def discord_message_problem(body: dict[str, Any]) -> str | None:
    """Why Discord would refuse this message (create, edit or followup), or None."""
    payload = body.get("payload_json") or body
    if len(payload.get("content") or "") > 2000:
        return f"content has {len(payload['content'])} characters"
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        return f"{len(embeds)} embeds"
    total = 0
    for embed in embeds:
        fields = embed.get("fields") or []
        sizes = {
            "title": len(embed.get("title") or ""),
            "description": len(embed.get("description") or ""),
            "footer": len((embed.get("footer") or {}).get("text") or ""),
        }
        if sizes["title"] > 256 or sizes["description"] > 4096 or sizes["footer"] > 2048 or len(fields) > 25:
            return f"an embed over its limits: {sizes}, {len(fields)} fields"
        for f in fields:
            if not f.get("name") or not f.get("value") or len(f["name"]) > 256 or len(f["value"]) > 1024:
                return f"an embed field over its limits ({len(f.get('name') or '')}, {len(f.get('value') or '')})"
        total += sum(sizes.values()) + sum(len(f["name"]) + len(f["value"]) for f in fields)
    if total > 6000:
        return f"embeds have {total} characters"
    for name, data in (body.get("files") or {}).items():
        if len(data) > DISCORD_ATTACHMENT_LIMIT:
            return f"too large: {name} has {len(data)} bytes"
    return None
