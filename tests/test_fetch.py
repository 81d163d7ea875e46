"""URL fetching against real HTTP servers on 127.0.0.1: redirects, caps, timeouts, charsets, kinds."""

from __future__ import annotations

import shutil
import ssl
import time

import pytest
from fixtures.ingest.support import (
    LocalServer,
    Reply,
    endless,
    fixed_resolver,
    fixture_bytes,
    html,
    make_cert,
    make_pdf,
    redirect,
    tripwire_client,
)

from bot.config import FetchSettings, Settings
from bot.errors import (
    EmptyArticle,
    FetchError,
    FetchTimeout,
    InputError,
    InputTooLarge,
    UnsupportedInput,
)
from bot.ingest import fetch_url, load_source


def settings(**fetch: object) -> Settings:
    values: dict[str, object] = {
        "allow_hosts": ["127.0.0.1"],
        "connect_timeout_s": 2.0,
        "total_timeout_s": 5.0,
    }
    values.update(fetch)
    return Settings(fetch=FetchSettings(**values))


def one_line(exc: InputError) -> str:
    assert exc.user_message and "\n" not in exc.user_message
    return exc.user_message


NEWS = fixture_bytes("news_standard.html")


def test_news_page_fetched_with_honest_user_agent_and_metadata() -> None:
    with LocalServer(routes={"/story": html(NEWS)}) as server:
        cfg = settings()
        article = load_source(server.url("/story"), settings=cfg)  # the default client, no injection
    assert article.kind == "html"
    assert article.url == server.url("/story")
    assert article.title == "Partners pledge demining kits for eastern farmland"
    assert article.site == "Riverside Ledger" and article.published == "2024-03-12"
    assert "1,200 mine-clearing kits" in article.text and "Accept all cookies" not in article.text
    [seen] = server.requests
    assert seen.headers["user-agent"] == cfg.fetch.user_agent
    assert seen.headers["host"] == f"127.0.0.1:{server.port}"


def test_redirect_chain_is_followed_and_url_is_the_final_one() -> None:
    with LocalServer() as server:
        server.routes.update(
            {
                "/short": redirect(server.url("/hop1"), 301),
                "/hop1": redirect("/hop2?x=1", 302),
                "/hop2?x=1": redirect("story", 307),
                "/story": html(NEWS),
            }
        )
        with tripwire_client() as (client, wire):
            article = fetch_url(server.url("/short"), settings=settings(), client=client)
    assert article.url == server.url("/story")
    assert [r.path for r in server.requests] == ["/short", "/hop1", "/hop2?x=1", "/story"]
    assert wire.blocked == []


def test_too_many_redirects() -> None:
    with LocalServer() as server:
        server.routes.update({f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)})
        with tripwire_client() as (client, _), pytest.raises(FetchError) as info:
            fetch_url(server.url("/r0"), settings=settings(max_redirects=3), client=client)
    assert one_line(info.value) == "That link redirects too many times."
    assert len(server.requests) == 4  # the first request and three redirects, then it stops


@pytest.mark.parametrize("location", ["http:\\\\127.0.0.1\\x", "\\\\evil.example\\x", "http://[::1", "\\"])
def test_a_malformed_redirect_is_a_plain_fetch_error(location: str) -> None:
    """Backslashes and broken hosts in a Location header end in a one-line message, never a crash."""
    with LocalServer() as server:
        server.routes["/bad"] = redirect(location, 302)
        with tripwire_client() as (client, _), pytest.raises(FetchError) as info:
            fetch_url(server.url("/bad"), settings=settings(), client=client)
    assert one_line(info.value).startswith("That ")


def test_http_error_status_is_reported_with_its_code() -> None:
    with LocalServer() as server, tripwire_client() as (client, _), pytest.raises(FetchError) as info:
        fetch_url(server.url("/missing"), settings=settings(), client=client)
    assert one_line(info.value) == "That page could not be reached (HTTP 404)."
    assert info.value.status_code == 404


def test_50_mb_streamed_body_is_cut_at_the_cap_quickly() -> None:
    body = endless(total=50_000_000)  # chunked: no Content-Length to refuse up front
    with (
        LocalServer(routes={"/huge": Reply(200, {"Content-Type": "text/html"}, body)}) as server,
        tripwire_client() as (client, _),
    ):
        started = time.perf_counter()
        with pytest.raises(InputTooLarge) as info:
            fetch_url(server.url("/huge"), settings=settings(), client=client)
        elapsed = time.perf_counter() - started
    print(f"50 MB streamed body cut at the 5 MB cap after {elapsed * 1000:.0f} ms")
    assert one_line(info.value) == "That page is too large (over 5 MB)."
    assert elapsed < 0.5


def test_declared_50_mb_body_is_refused_before_reading() -> None:
    body = endless(total=50_000_000)
    headers = {"Content-Type": "text/html", "Content-Length": "50000000"}
    with (
        LocalServer(routes={"/huge": Reply(200, headers, body)}) as server,
        tripwire_client() as (client, _),
    ):
        started = time.perf_counter()
        with pytest.raises(InputTooLarge):
            fetch_url(server.url("/huge"), settings=settings(), client=client)
        elapsed = time.perf_counter() - started
    print(f"declared 50 MB body refused after {elapsed * 1000:.0f} ms")
    assert elapsed < 0.5


def test_server_silent_before_headers_is_abandoned_at_the_timeout() -> None:
    with (
        LocalServer(routes={"/slow": Reply(200, {}, NEWS, delay=3.0)}) as server,
        tripwire_client() as (client, _),
    ):
        started = time.perf_counter()
        with pytest.raises(FetchTimeout) as info:
            fetch_url(server.url("/slow"), settings=settings(total_timeout_s=0.5), client=client)
        elapsed = time.perf_counter() - started
    print(f"silent server abandoned after {elapsed * 1000:.0f} ms (total timeout 500 ms)")
    assert one_line(info.value) == "That link took too long to answer."
    assert 0.45 < elapsed < 1.0


def test_trickling_server_is_abandoned_at_the_total_timeout() -> None:
    # One byte every 20 ms never trips a per-read timeout; only the total deadline stops it.
    body = endless(chunk=b"a", total=10**9, delay=0.02)
    with (
        LocalServer(routes={"/drip": Reply(200, {"Content-Type": "text/html"}, body)}) as server,
        tripwire_client() as (client, _),
    ):
        started = time.perf_counter()
        with pytest.raises(FetchTimeout):
            fetch_url(server.url("/drip"), settings=settings(total_timeout_s=0.5), client=client)
        elapsed = time.perf_counter() - started
    print(f"trickling server abandoned after {elapsed * 1000:.0f} ms (total timeout 500 ms)")
    assert 0.45 < elapsed < 1.0


CYRILLIC = (
    "<html><head>{meta}<title>Обстріл насосної станції</title></head><body><article>"
    "<h1>Обстріл насосної станції</h1>"
    "<p>Місцева влада повідомила, що обстріл пошкодив насосну станцію в місті Браск, і близько чотирнадцяти "
    "тисяч мешканців залишилися без водопостачання.</p>"
    "<p>Ремонтні бригади чекають на паузу в боях, щоб відновити роботу станції, сказав представник "
    "обласної адміністрації.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("label", "content_type", "meta", "encoding"),
    [
        ("header charset", "text/html; charset=windows-1251", "", "cp1251"),
        ("meta charset", "text/html", '<meta charset="windows-1251">', "cp1251"),
        (
            "http-equiv meta",
            "text/html",
            '<meta http-equiv="Content-Type" content="text/html; charset=koi8-u">',
            "koi8_u",
        ),
        ("latin-1 header over UTF-8 bytes", "text/html; charset=ISO-8859-1", "", "utf-8"),
        ("no label at all", "text/html", "", "cp1251"),
    ],
)
def test_charsets(label: str, content_type: str, meta: str, encoding: str) -> None:
    body = CYRILLIC.format(meta=meta).encode(encoding)
    with (
        LocalServer(routes={"/ua": Reply(200, {"Content-Type": content_type}, body)}) as server,
        tripwire_client() as (client, _),
    ):
        article = fetch_url(server.url("/ua"), settings=settings(), client=client)
    assert "чотирнадцяти тисяч мешканців" in article.text, label
    assert article.title == "Обстріл насосної станції"


def test_pdf_over_http() -> None:
    pdf = make_pdf(
        [
            [
                "Engineers reopen the valley road after clearing mines along a twelve-kilometre",
                "stretch, the regional administration said on Thursday.",
            ]
        ]
    )
    routes = {"/report.pdf": Reply(200, {"Content-Type": "application/pdf"}, pdf)}
    with LocalServer(routes=routes) as server, tripwire_client() as (client, _):
        article = fetch_url(server.url("/report.pdf"), settings=settings(), client=client)
    assert article.kind == "pdf" and article.url == server.url("/report.pdf")
    assert "twelve-kilometre stretch" in article.text


def test_non_document_media_type_is_refused_before_reading() -> None:
    routes = {"/cat.png": Reply(200, {"Content-Type": "image/png"}, endless(total=50_000_000))}
    with (
        LocalServer(routes=routes) as server,
        tripwire_client() as (client, _),
        pytest.raises(UnsupportedInput) as info,
    ):
        fetch_url(server.url("/cat.png"), settings=settings(), client=client)
    assert one_line(info.value) == "That link is not a web page, text or PDF (image/png)."


def test_paywalled_page_over_http_is_a_clear_error() -> None:
    with (
        LocalServer(routes={"/locked": html(fixture_bytes("paywall.html"))}) as server,
        tripwire_client() as (client, _),
        pytest.raises(EmptyArticle) as info,
    ):
        fetch_url(server.url("/locked"), settings=settings(), client=client)
    assert one_line(info.value) == "That page has no article text (it may be behind a paywall or a login)."


def test_connection_refused_is_a_plain_fetch_error() -> None:
    import socket

    # A socket bound but not listening holds the port, so no other process can take it meanwhile,
    # and every connection to it is refused.
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        with tripwire_client() as (client, _), pytest.raises(FetchError) as info:
            fetch_url(f"http://127.0.0.1:{port}/", settings=settings(), client=client)
    assert one_line(info.value) == "That page could not be reached (the connection failed)."


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/file", "I can only fetch http and https links."),
        ("http://user:pw@127.0.0.1/", "Links with a user name or password in them are not fetched."),
        ("http://[::1/", "That link is not a valid web address."),
    ],
)
def test_unfetchable_urls(url: str, message: str) -> None:
    with tripwire_client() as (client, wire), pytest.raises(FetchError) as info:
        fetch_url(url, settings=settings(), client=client)
    assert one_line(info.value) == message
    assert wire.sent == [] and wire.blocked == []


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI to make a test certificate")
def test_https_connects_to_the_checked_ip_with_sni_and_certificate_of_the_name(tmp_path) -> None:
    cert, key = make_cert(tmp_path, "news.test")
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))
    resolver = fixed_resolver({"news.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    with (
        LocalServer(routes={"/story": html(NEWS)}, tls=server_tls) as server,
        tripwire_client(verify=client_tls) as (client, wire),
    ):
        article = fetch_url(server.url("/story", host="news.test"), settings=settings(), client=client, resolver=resolver)
        assert article.url == f"https://news.test:{server.port}/story"
        assert server.requests[0].headers["host"] == f"news.test:{server.port}"
        assert [r.url.host for r in wire.sent] == ["127.0.0.1"]
        # Same IP, but the certificate is not for this name: verification must fail.
        with pytest.raises(FetchError):
            fetch_url(
                server.url("/story", host="other.test"),
                settings=settings(),
                client=client,
                resolver=resolver,
            )
    assert len(server.requests) == 1
