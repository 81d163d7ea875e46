"""Ingestion: a file, stdin, a chat upload or a URL becomes a clean ``Article``.

    load_source(source)      file path | "-" (stdin) | http(s) URL
    ├── fetch_url(url)       fetch.py: SSRF guard (ssrf.py), pinned IP, manual redirects, size/time caps
    └── article_from_bytes   convert.py: sniff (decode.py) → HTML (html.py) | PDF (pdf.py) | text (text.py)

Every failure is a ``bot.errors.InputError`` subclass whose ``user_message`` is one plain line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from bot.article import Article
from bot.config import Settings
from bot.errors import InputTooLarge, SourceNotFound, UnsupportedInput
from bot.ingest.convert import article_from_bytes
from bot.ingest.ssrf import Resolver, check_address
from bot.ingest.urls import canonical_url, is_url

if TYPE_CHECKING:
    import httpx

    from bot.ingest.fetch import fetch_bytes, fetch_url

    Client = httpx.Client | None  # a caller's own HTTP client (tests, the bots' pooled one), or a fresh one per fetch


def __getattr__(name: str) -> Any:
    """``fetch_url`` and ``fetch_bytes`` on first use: briefing a file never imports httpx (a tenth of a cold start)."""
    if name in ("fetch_url", "fetch_bytes"):
        from bot.ingest import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Resolver",
    "article_from_bytes",
    "canonical_url",
    "check_address",
    "fetch_bytes",
    "fetch_url",
    "is_url",
    "load_source",
    "read_capped",
]


def _too_large(limit: int) -> InputTooLarge:
    return InputTooLarge(
        f"input over {limit} bytes", user_message=f"That file is too large (over {limit / 1_000_000:g} MB)."
    )


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit`` bytes from ``stream``; InputTooLarge if there is more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _read_file(path: Path, limit: int) -> bytes:
    try:
        if path.is_dir():
            raise UnsupportedInput(f"{path} is a directory", user_message=f"{path} is a folder, not a file.")
        # Size first, so a huge file is refused without being read.
        if path.stat().st_size > limit:
            raise _too_large(limit)
        with path.open("rb") as handle:
            return read_capped(handle, limit)
    except FileNotFoundError as exc:
        raise SourceNotFound(f"no such file: {path}", user_message=f"No such file: {path}") from exc
    except PermissionError as exc:
        raise UnsupportedInput(f"cannot read {path}", user_message=f"I am not allowed to read {path}.") from exc
    except OSError as exc:
        raise UnsupportedInput(f"cannot read {path}: {exc.strerror}", user_message=f"{path} could not be read.") from exc


def load_source(
    source: str,
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    client: Client = None,
    resolver: Resolver | None = None,
) -> Article:
    """An Article from SOURCE: an http(s) URL, ``-`` for stdin, or a path to a text, HTML or PDF file."""
    if is_url(source):
        from bot.ingest.fetch import fetch_url

        return fetch_url(source.strip(), settings=settings, client=client, resolver=resolver)
    limit = settings.input.max_file_bytes
    if source == "-":
        data = read_capped(stdin if stdin is not None else sys.stdin.buffer, limit)
        return article_from_bytes(data, settings=settings)
    path = Path(os.path.expanduser(source))
    data = _read_file(path, limit)
    return article_from_bytes(data, filename=path.name, settings=settings)
