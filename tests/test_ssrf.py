"""The SSRF guard: address checks, refusals at the resolution step, pinning, redirects, allow-lists.

No test here sends traffic to, or resolves a name to, anything outside 127.0.0.0/8: private and
link-local answers come from a resolver the test controls, and the tripwire client would refuse any
request whose target is not a loopback IP literal (its ``blocked`` list must stay empty).
"""

from __future__ import annotations

import socket

import pytest
from fixtures.ingest.support import (
    LocalServer,
    fixed_resolver,
    fixture_bytes,
    html,
    redirect,
    tripwire_client,
)

from bot.config import FetchSettings, Settings, load_settings
from bot.errors import FetchRefused
from bot.ingest import check_address, fetch_url
from bot.ingest.ssrf import system_resolver

REFUSED = "That link points into a private network; I don't fetch those."
NEWS = fixture_bytes("news_standard.html")


def settings(*allow: str) -> Settings:
    return Settings(fetch=FetchSettings(allow_hosts=list(allow), connect_timeout_s=2.0, total_timeout_s=5.0))


BLOCKED = [
    "127.0.0.1",
    "127.0.0.2",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::a00:1",
    "2002:7f00:1::1",
    "2002:a9fe:a9fe::",
    "2002:c0a8:101::1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "fec0::1",
    "2001:db8::1",
    "[::1]",
    "not-an-ip",
]
PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize("ip", BLOCKED)
def test_blocked_addresses_are_refused(ip: str) -> None:
    with pytest.raises(FetchRefused) as info:
        check_address(ip, [])
    assert info.value.user_message == REFUSED


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_pass(ip: str) -> None:
    check_address(ip, [])


@pytest.mark.parametrize(
    ("ip", "allow"),
    [
        ("127.0.0.1", ["127.0.0.1"]),
        ("127.0.0.2", ["127.0.0.0/8"]),
        ("10.1.2.3", ["10.0.0.0/8"]),
        ("::ffff:127.0.0.1", ["127.0.0.1"]),
        ("fd00::5", ["fd00::/8"]),
    ],
)
def test_allow_list_addresses_and_cidrs(ip: str, allow: list[str]) -> None:
    check_address(ip, allow)


def test_allow_list_is_narrow() -> None:
    with pytest.raises(FetchRefused):
        check_address("127.0.0.2", ["127.0.0.1", "10.0.0.0/8", "intranet.test"])


def test_allow_hosts_come_from_the_environment() -> None:
    cfg = load_settings(env={"BRIEFBOT_FETCH_ALLOW_HOSTS": " 127.0.0.1 , 10.0.0.0/8,wiki.internal "})
    assert cfg.fetch.allow_hosts == ["127.0.0.1", "10.0.0.0/8", "wiki.internal"]
    check_address("10.9.9.9", cfg.fetch.allow_hosts)


@pytest.mark.parametrize(
    ("host", "answer"),
    [
        ("metadata.test", ["169.254.169.254"]),
        ("intranet.test", ["10.0.0.5"]),
        ("router.test", ["192.168.0.1"]),
        ("ula.test", ["fd00::5"]),
        ("mapped.test", ["::ffff:169.254.169.254"]),
        ("mapped-loopback.test", ["::ffff:127.0.0.2"]),
        ("nat64.test", ["64:ff9b::a9fe:a9fe"]),
        ("sixtofour.test", ["2002:a00:1::1"]),
        # One bad answer among good ones is enough to refuse: we never pick "the safe one" and hope.
        ("mixed.test", ["8.8.8.8", "192.168.0.10"]),
    ],
)
def test_private_answers_are_refused_at_resolution_before_any_connection(host: str, answer: list[str]) -> None:
    calls: list[str] = []
    with tripwire_client() as (client, wire), pytest.raises(FetchRefused) as info:
        fetch_url(
            f"http://{host}/latest/meta-data/",
            settings=settings("127.0.0.1"),
            client=client,
            resolver=fixed_resolver({host: answer}, calls),
        )
    assert info.value.user_message == REFUSED
    assert calls == [host]
    assert wire.sent == [] and wire.blocked == []


def _second_loopback_server() -> LocalServer:
    try:
        return LocalServer(host="127.0.0.2", routes={"/story": html(NEWS)})
    except OSError:
        pytest.skip("127.0.0.2 is not configured on this machine's loopback interface")


def test_non_allow_listed_loopback_is_refused_before_any_request() -> None:
    with _second_loopback_server() as server, tripwire_client() as (client, wire):
        for url in (server.url("/story"), f"http://[::ffff:127.0.0.2]:{server.port}/story"):
            with pytest.raises(FetchRefused) as info:
                fetch_url(url, settings=settings("127.0.0.1"), client=client)
            assert info.value.user_message == REFUSED
        assert server.requests == [] and wire.sent == []
        # Control: the same server is reachable once its address is allow-listed.
        fetch_url(server.url("/story"), settings=settings("127.0.0.2"), client=client)
        assert len(server.requests) == 1


def test_redirects_into_private_space_are_refused_hop_by_hop() -> None:
    with _second_loopback_server() as hidden, LocalServer() as public:
        public.routes.update(
            {
                "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
                "/to-intranet": redirect("http://intranet.test/admin"),
                "/to-hidden": redirect(hidden.url("/story"), 301),
                "/to-mapped": redirect("http://[::ffff:a9fe:a9fe]/"),
            }
        )
        resolver = fixed_resolver({"intranet.test": ["10.0.0.7"]})
        with tripwire_client() as (client, wire):
            for path in ("/to-metadata", "/to-intranet", "/to-hidden", "/to-mapped"):
                with pytest.raises(FetchRefused):
                    fetch_url(public.url(path), settings=settings("127.0.0.1"), client=client, resolver=resolver)
        assert hidden.requests == []
        assert [r.path for r in public.requests] == [
            "/to-metadata",
            "/to-intranet",
            "/to-hidden",
            "/to-mapped",
        ]
        assert wire.blocked == []


def test_connection_is_pinned_to_the_checked_address() -> None:
    """DNS rebinding: the name first answers a permitted address, then a private one."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]])
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    with LocalServer() as server:
        server.routes.update({"/story": html(NEWS), "/bounce": redirect(server.url("/story", host="rebind.test"))})
        with tripwire_client() as (client, wire):
            url = server.url("/story", host="rebind.test")
            article = fetch_url(url, settings=settings("127.0.0.1"), client=client, resolver=rebinding)
            # One lookup; the socket went to the address that was checked, with the name only in Host.
            assert calls == ["rebind.test"]
            assert [str(r.url.host) for r in wire.sent] == ["127.0.0.1"]
            assert server.requests[0].headers["host"] == f"rebind.test:{server.port}"
            assert article.url == url
            # The next lookup says 10.0.0.1; a redirect hop back to the name is checked again and refused.
            with pytest.raises(FetchRefused):
                fetch_url(server.url("/bounce"), settings=settings("127.0.0.1"), client=client, resolver=rebinding)
            assert wire.blocked == []


def test_allow_listed_host_name_is_fetched() -> None:
    with LocalServer(routes={"/story": html(NEWS)}) as server, tripwire_client() as (client, _):
        url = server.url("/story", host="wiki.internal")
        resolver = fixed_resolver({"wiki.internal": ["127.0.0.1"]})
        article = fetch_url(url, settings=settings("wiki.internal"), client=client, resolver=resolver)
        assert article.title.startswith("Partners pledge")
        with pytest.raises(FetchRefused):
            fetch_url(url, settings=settings("other.internal"), client=client, resolver=resolver)


@pytest.mark.parametrize("host", ["localhost", "2130706433", "127.1", "0x7f.0.0.1"])
def test_system_resolver_sees_through_loopback_spellings(host: str) -> None:
    # These resolve locally (hosts file, numeric parsing), never through DNS.
    try:
        socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    except socket.gaierror:
        if host != "localhost":
            pytest.skip(f"this libc does not parse {host} as a number")
    with tripwire_client() as (client, wire), pytest.raises(FetchRefused):
        fetch_url(f"http://{host}:9/", settings=settings(), client=client)
    assert wire.sent == [] and wire.blocked == []
    assert all(addr.startswith(("127.", "::1")) for addr in system_resolver(1.0)("localhost", 80))
