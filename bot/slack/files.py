"""Downloading a file shared in Slack, with the bot token sent only to Slack's own hosts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.chat import Download
from bot.errors import FetchError, FetchRefused, InputTooLarge, UnsupportedInput

# Only what a worker needs to fetch a file; Slack's file objects carry much more.
FILE_KEYS = ("id", "name", "title", "mimetype", "filetype", "size", "url_private_download", "url_private")
# Slack serves private files from its own hosts over https; anything else in a file object is refused.
_SLACK_FILE_HOSTS = ("files.slack.com", "slack.com")
_PORTS = {"http": 80, "https": 443}


def slim_file(file: dict[str, Any]) -> dict[str, Any]:
    return {k: file[k] for k in FILE_KEYS if k in file}


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    return url.scheme, url.host.lower(), url.port or _PORTS.get(url.scheme, 0)


def _file_origin_ok(url: httpx.URL, api_url: httpx.URL) -> bool:
    """A file URL is fetched only from Slack (https, port 443, ``*.slack.com``) or from the exact origin of
    the configured Web API (an operator's proxy or a local stand-in): never another port, scheme or host."""
    if _origin(url) == _origin(api_url):
        return True
    scheme, host, port = _origin(url)
    return scheme == "https" and port == 443 and (host in _SLACK_FILE_HOSTS or host.endswith(".slack.com"))


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


def download(client: WebClient, file: dict[str, Any], *, max_bytes: int, fetch: Callable[..., Download]) -> Download:
    """Fetch the bytes of a Slack file through ``fetch`` (``ChatWorkflow.fetch_file``), refusing files over
    ``max_bytes`` before and while downloading."""
    file = file_object(client, file)
    name = file.get("name") or file.get("title")
    size = int(file.get("size") or 0)
    if size > max_bytes:
        raise InputTooLarge(
            f"file {name} has {size} bytes",
            user_message=f"That file is too large ({_mb(size)}; the limit is {_mb(max_bytes)}).",
        )
    url = file.get("url_private_download") or file.get("url_private")
    try:
        parsed = httpx.URL(url or "")
    except (httpx.InvalidURL, TypeError, ValueError):
        parsed = None
    if parsed is None or not _file_origin_ok(parsed, httpx.URL(client.base_url)):
        raise UnsupportedInput(
            f"file URL outside Slack: {str(url)[:80]!r}", user_message="I can only download files stored in Slack."
        )
    try:
        fetched = fetch(str(parsed), bearer=client.token, trusted=client.base_url, max_bytes=max_bytes)
    except InputTooLarge as exc:
        raise InputTooLarge(str(exc), user_message=f"That file is too large (the limit is {_mb(max_bytes)}).") from exc
    except FetchRefused as exc:
        raise FetchRefused(
            str(exc), user_message="That file's address points into a private network; I don't download from there."
        ) from exc
    except FetchError as exc:
        raise FetchError(
            str(exc), status_code=exc.status_code, user_message="I couldn't download that file from Slack."
        ) from exc
    # Slack's own mimetype is more reliable than the download's generic octet-stream.
    return Download(fetched.data, name, file.get("mimetype") or fetched.content_type)
