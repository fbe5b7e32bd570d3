"""Where a request comes from, for limits and counts: the client's network, never what the client says about
itself (a user agent, a header). An IPv6 client may use any address of its /64, so a /64 is one network; an
IPv4 address written as IPv6 is that IPv4 address. Behind a reverse proxy, PROXY_HOPS makes `remote_addr` the
visitor's address (app/__init__.py)."""

import ipaddress

from flask import request

IPV6_NETWORK_BITS = 64


def network_of(address: str | None) -> str:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or ""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_NETWORK_BITS), strict=False))
    return str(ip)


def client_network() -> str:
    return network_of(request.remote_addr)
