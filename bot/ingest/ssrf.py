"""The SSRF guard: which addresses a URL fetch may connect to.

Every fetch (and every redirect hop) resolves its host once, checks each address here, then connects to
the checked address itself, so a second DNS answer (rebinding) never reaches the socket.

Blocked: loopback, private (RFC 1918, CGNAT), link-local (169.254.169.254 cloud metadata), multicast,
reserved, documentation, unspecified, IPv6 unique-local and site-local; IPv4 addresses hidden inside
IPv6 (IPv4-mapped ``::ffff:a.b.c.d``, IPv4-compatible, NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48``,
6to4 ``2002::/16``, Teredo) are unwrapped and judged as IPv4. Python 3.11 says ``::ffff:127.0.0.1`` is not
loopback, hence the unwrapping. Allow-list entries (``fetch.allow_hosts`` / ``BRIEFBOT_FETCH_ALLOW_HOSTS``)
are host names, IP addresses or CIDRs.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable

from bot.errors import FetchError, FetchRefused, FetchTimeout

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# (host, port) -> IP address strings. Injected by tests so no test ever consults real DNS.
Resolver = Callable[[str, int], list[str]]

REFUSED_MESSAGE = "That link points into a private network; I don't fetch those."
TIMEOUT_MESSAGE = "That link took too long to answer."
NOT_FOUND_MESSAGE = "That site's address could not be found."

_BLOCKED_V4 = [
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
]
_BLOCKED_V6 = [
    ipaddress.IPv6Network(n)
    for n in (
        "::/128",
        "::1/128",
        "::/96",
        "::ffff:0:0/96",
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "3fff::/20",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
]
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def parse_ip(text: str) -> IPAddress | None:
    """The address in ``text`` (IPv6 brackets and zone ids allowed), or None when it is a host name."""
    candidate = text.strip()
    if candidate.startswith("[") and candidate.endswith("]"):
        candidate = candidate[1:-1]
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    plain = ipaddress.IPv6Address(int(ip))  # drop any zone id
    if plain.ipv4_mapped is not None:
        return plain.ipv4_mapped
    if plain.sixtofour is not None:
        return plain.sixtofour
    if plain.teredo is not None:
        return plain.teredo[1]
    if any(plain in net for net in _NAT64) or (plain in _IPV4_COMPATIBLE and int(plain) > 1):
        return ipaddress.IPv4Address(int(plain) & 0xFFFFFFFF)
    return None


def _is_translation(ip: IPAddress) -> bool:
    plain = ipaddress.IPv6Address(int(ip))
    return plain.ipv4_mapped is not None or any(plain in net for net in (*_NAT64, _IPV4_COMPATIBLE))


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from, or None when it is a public unicast address."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        reason = blocked_reason(inner)
        if reason is not None:
            return f"{reason} (inside {ip})"
        if _is_translation(ip):
            # Mapped and NAT64 forms reach exactly the IPv4 address they carry (DNS64 networks use them).
            return None
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ipaddress.IPv6Address(int(ip))
    flags = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, hit in flags:
        if hit:
            return f"{name} address {ip}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return f"site-local address {ip}"
    nets: list[IPNetwork] = list(_BLOCKED_V4 if isinstance(ip, ipaddress.IPv4Address) else _BLOCKED_V6)
    for net in nets:
        if ip in net:
            return f"special-purpose address {ip} ({net})"
    if not ip.is_global:
        return f"non-global address {ip}"
    return None


def _allow_entries(allow: Iterable[str]) -> tuple[list[IPNetwork], set[str]]:
    networks: list[IPNetwork] = []
    hosts: set[str] = set()
    for raw in allow:
        entry = raw.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            hosts.add(entry.lower().rstrip("."))
    return networks, hosts


def host_allowed(host: str, allow: Iterable[str]) -> bool:
    """True when the host name itself is allow-listed (``example.org`` or ``*.example.org``)."""
    _, hosts = _allow_entries(allow)
    name = host.lower().rstrip(".")
    if name in hosts:
        return True
    return any(h.startswith("*.") and name.endswith(h[1:]) for h in hosts)


def check_address(ip: str, allow: list[str]) -> None:
    """Raise FetchRefused unless ``ip`` is a public address or allow-listed (as an address or CIDR)."""
    addr = parse_ip(ip)
    if addr is None:
        raise FetchRefused(f"not an IP address: {ip!r}", user_message=REFUSED_MESSAGE)
    networks, hosts = _allow_entries(allow)
    plain: IPAddress = ipaddress.IPv6Address(int(addr)) if isinstance(addr, ipaddress.IPv6Address) else addr
    candidates = [plain] + [a for a in [embedded_ipv4(plain)] if a is not None]
    for cand in candidates:
        if str(cand) in hosts or any(cand.version == net.version and cand in net for net in networks):
            return
    reason = blocked_reason(addr)
    if reason is not None:
        raise FetchRefused(f"refused to connect to {reason}", user_message=REFUSED_MESSAGE)


def system_resolver(timeout_s: float) -> Resolver:
    """A resolver over ``socket.getaddrinfo`` giving up after ``timeout_s`` (getaddrinfo has no timeout)."""

    def resolve(host: str, port: int) -> list[str]:
        result: list[list[str]] = []
        failure: list[OSError] = []

        def work() -> None:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                result.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
            except OSError as exc:
                failure.append(exc)

        # A daemon thread, so a hung lookup cannot keep the process alive.
        worker = threading.Thread(target=work, name="briefbot-resolve", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if result:
            return result[0]
        if failure or not worker.is_alive():
            raise FetchError(
                f"cannot resolve {host}: {failure[0] if failure else 'no answer'}", user_message=NOT_FOUND_MESSAGE
            )
        raise FetchTimeout(f"resolving {host} took over {timeout_s} s", user_message=TIMEOUT_MESSAGE)

    return resolve


def resolve_checked(host: str, port: int, *, allow: list[str], resolver: Resolver) -> list[str]:
    """Resolve ``host`` and check every address; refuse the host if any address is blocked.

    Refusing on any (not all) blocked address keeps a host that answers with both a public and a
    private address from being used to reach the private one.
    """
    literal = parse_ip(host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        addresses = resolver(host, port)
        if not addresses:
            raise FetchError(f"no addresses for {host}", user_message=NOT_FOUND_MESSAGE)
    if literal is None and host_allowed(host, allow):
        return addresses
    for address in addresses:
        check_address(address, allow)
    return addresses
