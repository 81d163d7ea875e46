"""Fetching a URL safely: SSRF-checked and pinned, redirects followed by hand, size- and time-capped.

Each hop resolves the host once (through the injectable ``Resolver``), checks every address with the SSRF
guard, then sends the request to the checked IP literal with the original ``Host`` header and, for https,
the original name as TLS SNI (httpx's ``sni_hostname`` extension; the certificate is verified against
it). httpx therefore never resolves the name itself, so a second DNS answer cannot redirect the socket.
Redirects are followed here, not by httpx, so every hop goes through the same checks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.article import Article
from bot.config import FetchSettings, Settings
from bot.errors import FetchError, FetchTimeout, InputTooLarge, UnsupportedInput
from bot.ingest.convert import article_from_bytes
from bot.ingest.decode import media_type
from bot.ingest.ssrf import TIMEOUT_MESSAGE, Resolver, resolve_checked, system_resolver

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
# Media types we can turn into an article; an empty type is sniffed from the content.
_READABLE = (
    "text/",
    "application/xhtml+xml",
    "application/pdf",
    "application/octet-stream",
    "binary/octet-stream",
    "application/x-pdf",
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response body, capped, with the final URL after redirects."""

    url: str
    content_type: str | None
    body: bytes


def _unreachable(detail: str) -> str:
    return f"That page could not be reached ({detail})."


def _too_large(limit: int) -> str:
    return f"That page is too large (over {limit / 1_000_000:g} MB)."


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}", user_message="That link is not a valid web address.") from exc
    if parsed.scheme not in _DEFAULT_PORTS:
        raise FetchError(f"scheme {parsed.scheme!r}", user_message="I can only fetch http and https links.")
    if not parsed.raw_host:
        raise FetchError("URL has no host", user_message="That link is not a valid web address.")
    if parsed.userinfo:
        raise FetchError(
            "URL carries credentials", user_message="Links with a user name or password in them are not fetched."
        )
    return parsed


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeout("total fetch timeout", user_message=TIMEOUT_MESSAGE)
    return left


def _send(
    client: httpx.Client,
    url: httpx.URL,
    *,
    cfg: FetchSettings,
    resolver: Resolver,
    deadline: float,
    allow: list[str] | None = None,
    extra_headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one GET to a checked address of ``url``'s host; try the next address if a connect fails."""
    host = url.raw_host.decode("ascii")
    port = url.port or _DEFAULT_PORTS[url.scheme]
    addresses = resolve_checked(host, port, allow=cfg.allow_hosts + (allow or []), resolver=resolver)
    host_header = f"[{host}]" if ":" in host else host
    if url.port is not None:
        host_header = f"{host_header}:{url.port}"
    headers = {
        "Host": host_header,
        "User-Agent": cfg.user_agent,
        "Accept": _ACCEPT,
        # One request per connection: a pooled TLS session verified for one name must not carry another.
        "Connection": "close",
        **(extra_headers or {}),
    }
    extensions = {"sni_hostname": host} if url.scheme == "https" else {}
    failure: Exception | None = None
    for address in addresses:
        left = _remaining(deadline)
        timeout = httpx.Timeout(left, connect=min(cfg.connect_timeout_s, left))
        request = client.build_request(
            "GET", url.copy_with(host=address, fragment=None), headers=headers, timeout=timeout, extensions=extensions
        )
        try:
            return client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"{host}: {exc!r}", user_message=TIMEOUT_MESSAGE, url=str(url)) from exc
        except httpx.ConnectError as exc:
            failure = exc  # the next address of the same host may answer
        except httpx.InvalidURL as exc:  # "http:\\\\host\\x" from a redirect parses, then fails to send
            raise FetchError(f"{host}: {exc!r}", user_message=_unreachable("a broken address"), url=str(url)) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{host}: {exc!r}", user_message=_unreachable("the connection failed"), url=str(url)) from exc
    raise FetchError(f"{host}: {failure!r}", user_message=_unreachable("the connection failed"), url=str(url))


def _read_capped(response: httpx.Response, *, limit: int, deadline: float) -> bytes:
    """The body, aborting as soon as it passes ``limit`` bytes (decoded) or the deadline passes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
        raise InputTooLarge(f"Content-Length {declared} over {limit}", user_message=_too_large(limit))
    body = bytearray()
    try:
        # No chunk_size: each network read is yielded at once, so a trickling server still meets the deadline.
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise InputTooLarge(f"body over {limit} bytes", user_message=_too_large(limit))
            _remaining(deadline)
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"reading body: {exc!r}", user_message=TIMEOUT_MESSAGE) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"reading body: {exc!r}", user_message=_unreachable("the answer broke off")) from exc
    return bytes(body)


def _check_media_type(response: httpx.Response) -> None:
    mtype, _ = media_type(response.headers.get("content-type"))
    if mtype and not mtype.startswith(_READABLE):
        raise UnsupportedInput(f"media type {mtype}", user_message=f"That link is not a web page, text or PDF ({mtype}).")


def fetch_bytes(
    url: str, *, settings: Settings, client: httpx.Client | None = None, resolver: Resolver | None = None
) -> Fetched:
    """GET ``url`` with the SSRF guard on every hop, at most ``fetch.max_redirects`` redirects.

    An injected ``client`` must not route through a proxy (the proxy would connect on its own terms).
    """
    return _guarded_get(
        url,
        settings=settings,
        client=client,
        resolver=resolver,
        limit=settings.fetch.max_bytes,
        readable_only=True,
        too_many="That link redirects too many times.",
    )


def _guarded_get(
    url: str,
    *,
    settings: Settings,
    client: httpx.Client | None,
    resolver: Resolver | None,
    limit: int,
    readable_only: bool,
    too_many: str,
    hop_options: Callable[[Origin], tuple[list[str], dict[str, str]]] | None = None,
) -> Fetched:
    """The redirect loop shared by links and private files: each hop resolved, checked and sent by
    ``_send``; ``hop_options`` gives a hop's extra allowed host and headers from its origin."""
    cfg = settings.fetch
    deadline = time.monotonic() + cfg.total_timeout_s
    resolve = resolver or system_resolver(cfg.connect_timeout_s)
    owned = client is None
    # trust_env=False: an environment proxy would resolve and connect on its own, around the guard.
    http = client or httpx.Client(trust_env=False, follow_redirects=False)
    try:
        current = _parse(url)
        for _hop in range(cfg.max_redirects + 1):
            allow, headers = hop_options(origin_of(current)) if hop_options else ([], {})
            response = _send(http, current, cfg=cfg, resolver=resolve, deadline=deadline, allow=allow, extra_headers=headers)
            try:
                status = response.status_code
                location = response.headers.get("location")
                if status in _REDIRECTS and location:
                    try:
                        current = _parse(str(current.join(location)))
                    except httpx.InvalidURL as exc:
                        raise FetchError(
                            f"bad Location {location!r}", user_message=_unreachable("a broken redirect")
                        ) from exc
                    continue
                if status >= 300:
                    raise FetchError(
                        f"HTTP {status} from {current}",
                        user_message=_unreachable(f"HTTP {status}"),
                        status_code=status,
                        url=str(current),
                    )
                if readable_only:
                    _check_media_type(response)
                body = _read_capped(response, limit=limit, deadline=deadline)
                return Fetched(
                    url=str(current.copy_with(fragment=None)), content_type=response.headers.get("content-type"), body=body
                )
            finally:
                response.close()
        raise FetchError(f"more than {cfg.max_redirects} redirects", user_message=too_many, url=str(current))
    finally:
        if owned:
            http.close()


def fetch_url(
    url: str, *, settings: Settings, client: httpx.Client | None = None, resolver: Resolver | None = None
) -> Article:
    """Fetch ``url`` and extract its article; ``Article.url`` is the final URL after redirects."""
    fetched = fetch_bytes(url, settings=settings, client=client, resolver=resolver)
    mtype, _ = media_type(fetched.content_type)
    # The path's extension only helps when the server gave no useful type ("/report.pdf" is often HTML).
    filename = urlsplit(fetched.url).path if mtype in ("", "application/octet-stream") else None
    return article_from_bytes(
        fetched.body, content_type=fetched.content_type, url=fetched.url, filename=filename, settings=settings
    )


Origin = tuple[str, str, int]


def origin_of(url: httpx.URL) -> Origin:
    """(scheme, host, port) with the scheme's default port filled in."""
    return url.scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(url.scheme, 0)


_FILE_HOPS = "That file's address redirects too many times."


def fetch_with_credentials(
    url: str,
    *,
    settings: Settings,
    headers: dict[str, str],
    credential_origin: Origin,
    max_bytes: int,
    trusted_origin: Origin | None = None,
    client: httpx.Client | None = None,
    resolver: Resolver | None = None,
) -> Fetched:
    """GET a private file: ``headers`` (a bearer token) go only to ``credential_origin`` — scheme, host and
    port — and never along a redirect to anywhere else. Every hop passes the SSRF guard; only
    ``trusted_origin`` (the operator-configured API server, which may be on a private network) is exempt,
    and only on its exact port."""

    def hop_options(here: Origin) -> tuple[list[str], dict[str, str]]:
        return ([here[1]] if here == trusted_origin else []), (headers if here == credential_origin else {})

    reach: dict[str, Any] = {"settings": settings, "client": client, "resolver": resolver}
    return _guarded_get(url, **reach, limit=max_bytes, readable_only=False, too_many=_FILE_HOPS, hop_options=hop_options)
