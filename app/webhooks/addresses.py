"""Which URLs a webhook may call (server-side request forgery): http(s) only, and, unless WEBHOOKS_ALLOW_PRIVATE
is set, never a host that resolves to a private, loopback, link-local or otherwise non-public address.

The check runs when an admin registers the URL and again before every send, and the send then connects to
the very address that was checked: a DNS answer changed in between (rebinding) cannot point a delivery
inside the network.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.i18n import lazy_gettext as _l


class Refused(Exception):
    """The URL may not be called; `message` says why (translatable)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Target:
    """A vetted URL: where to connect (`address`, `port`) and what to ask for (`host`, `path`)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (IP literals resolve to themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# The well-known NAT64 prefix (RFC 6052): a DNS64 resolver on an IPv6-only network answers with it for
# IPv4-only hosts, and the translator then connects to the IPv4 address in its last 32 bits.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Whether a delivery may connect to `address`: a globally reachable unicast address. An IPv6 address that
    reaches an IPv4 one (mapped, NAT64's well-known prefix, 6to4) is judged as that IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        translated = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None
        inner = ip.ipv4_mapped or ip.sixtofour or translated
        if inner is not None:
            return is_public(str(inner))
        if ip.teredo or ip.is_site_local:
            # Teredo tunnels to an address it hides in the bits; site-local is deprecated but still routed by
            # some networks. No webhook receiver needs either.
            return False
    # `is_reserved` covers ::/8, so the IPv4-compatible ::a.b.c.d, the IPv4-translated ::ffff:0:a.b.c.d and the
    # local-use NAT64 prefix 64:ff9b:1::/48 (its IPv4 address sits where the network chose): Python's
    # `is_global` counts all three as public.
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def split(url: str):
    """Scheme, host and port of an http(s) URL; Refused for anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise Refused(_l("This is not a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise Refused(_l("Only http:// and https:// addresses can receive webhooks."))
    if not parts.hostname:
        raise Refused(_l("The URL needs a host name."))
    if parts.username or parts.password:
        raise Refused(_l("Put no user name or password in the URL: the signature authenticates each delivery."))
    return parts, port or (443 if parts.scheme == "https" else 80)


def vet(url: str, allow_private: bool) -> Target:
    """Check the URL and the addresses its host resolves to now; return the one to connect to."""
    parts, port = split(url)
    try:
        found = resolve(parts.hostname, port)
    except (OSError, UnicodeError):
        raise Refused(_l("The host name could not be resolved.")) from None
    if not found:
        raise Refused(_l("The host name could not be resolved."))
    if not allow_private and not all(is_public(address) for address in found):
        raise Refused(_l("This address is on a private or local network: webhooks may only call public "
                         "addresses."))
    path = parts.path or "/"
    return Target(parts.scheme, parts.hostname, port, path + (f"?{parts.query}" if parts.query else ""), found[0])
