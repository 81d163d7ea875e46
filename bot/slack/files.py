"""Downloading a file shared in Slack, with the bot token sent only to Slack's own hosts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import FetchError, InputTooLarge, UnsupportedInput


@dataclass(frozen=True, slots=True)
class Download:
    data: bytes
    filename: str | None
    content_type: str | None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _token_host_ok(url: str, api_base: str) -> bool:
    """The token may go to Slack (``*.slack.com``) or to the host serving the configured Web API."""
    host = (urlsplit(url).hostname or "").lower()
    api_host = (urlsplit(api_base).hostname or "").lower()
    return host == api_host or host == "slack.com" or host.endswith(".slack.com")


def file_object(client: WebClient, file: dict[str, Any]) -> dict[str, Any]:
    """The file with its download URL; some events carry only its id (``file_access: check_file_info``)."""
    if file.get("url_private_download") or file.get("url_private"):
        return file
    try:
        info = client.files_info(file=file["id"])
    except SlackApiError as exc:
        raise FetchError(
            f"files.info failed: {exc.response.get('error')}",
            user_message="I couldn't open that file (I may not have access to it).",
        ) from exc
    return dict(info["file"])


def download(client: WebClient, file: dict[str, Any], *, max_bytes: int, timeout_s: float = 20.0) -> Download:
    """Fetch the bytes of a Slack file, refusing files over ``max_bytes`` before and while downloading."""
    file = file_object(client, file)
    name = file.get("name") or file.get("title")
    size = int(file.get("size") or 0)
    if size > max_bytes:
        raise InputTooLarge(
            f"file {name} has {size} bytes",
            user_message=f"That file is too large ({_mb(size)}; the limit is {_mb(max_bytes)}).",
        )
    url = file.get("url_private_download") or file.get("url_private")
    if not url or not url.lower().startswith(("https://", "http://")):
        raise UnsupportedInput("file has no download URL", user_message="I can't download that file.")
    headers = (
        {"Authorization": f"Bearer {client.token}"}
        if client.token and _token_host_ok(url, client.base_url)
        else {}
    )
    chunks: list[bytes] = []
    total = 0
    try:
        with (
            httpx.Client(timeout=timeout_s, follow_redirects=True) as http,
            http.stream("GET", url, headers=headers) as resp,
        ):
            if resp.status_code != 200:
                raise FetchError(
                    f"file download returned {resp.status_code}",
                    status_code=resp.status_code,
                    user_message="I couldn't download that file from Slack.",
                )
            for chunk in resp.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise InputTooLarge(
                        "file exceeds the size cap while downloading",
                        user_message=f"That file is too large (the limit is {_mb(max_bytes)}).",
                    )
                chunks.append(chunk)
            ctype = resp.headers.get("content-type")
    except httpx.HTTPError as exc:
        raise FetchError(
            f"file download failed: {type(exc).__name__}",
            user_message="I couldn't download that file from Slack.",
        ) from exc
    # Slack's own mimetype is more reliable than the download's generic octet-stream.
    return Download(b"".join(chunks), name, file.get("mimetype") or ctype)
