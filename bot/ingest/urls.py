"""URL helpers: recognising a link, and the canonical form articles are keyed by."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track where a click came from; they never change the page.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "smid",
        "smtyp",
        "spm",
        "mkt_tok",
        "__twitter_impression",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_url(source: str) -> bool:
    """True when ``source`` is an http(s) URL rather than a file path."""
    head = source.strip()[:8].lower()
    return head.startswith(("http://", "https://"))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The form two links to the same article share.

    Lower-case scheme and host, no fragment, no default port, no tracking parameters (``utm_*``,
    ``fbclid``, ``gclid``, ...), the remaining query parameters sorted, an empty path written as ``/``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    # User info is dropped: credentials never belong in a key (or in a log line).
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def canonical_url_or_none(url: str | None) -> str | None:
    """``canonical_url`` for a key lookup; ``None`` for no link or a malformed one (the fetcher reports
    a malformed link to the user with a proper message later)."""
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError:
        return None
