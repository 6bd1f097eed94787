"""Which network addresses ``kg fetch`` may read a URL from that the user did not type (a feed's item, a
redirect's target): public ones only, so a feed cannot make kg read the analyst's own machine or network.

An address is refused when it is loopback, private, link-local, multicast, reserved, unspecified or otherwise not
globally routable (``ipaddress``); an IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged
by the IPv4 address. A name is refused when any of the addresses it resolves to is.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from kg.errors import InputError

__all__ = ["RefusedAddress", "address_kind", "public_addresses", "url_refusal"]

# the property of ipaddress's address classes that names each kind of address that is not public, in the order asked
_KINDS = (("loopback", "is_loopback"), ("link-local", "is_link_local"), ("multicast", "is_multicast"),
          ("unspecified", "is_unspecified"), ("reserved", "is_reserved"), ("private", "is_private"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RefusedAddress(InputError):
    """A URL from a feed or a redirect that leads to an address that is not public."""


def address_kind(address: str) -> str:
    """'' for a public address, else the kind of address it is.

    >>> address_kind("127.0.0.1"), address_kind("::ffff:10.0.0.1"), address_kind("100.64.0.1"), address_kind("1.1.1.1")
    ('loopback', 'private', 'not globally routable', '')
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope (fe80::1%eth0) does not change the kind
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (
            ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            ip = embedded
    for kind, test in _KINDS:
        if getattr(ip, test):
            return kind
    return "" if ip.is_global else "not globally routable"


def _reason(address: str, kind: str) -> str:
    return f"resolves to {address}, a {kind} address, not a public one (use --allow-private)" if kind != \
        "not globally routable" else f"resolves to {address}, an address that is not public (use --allow-private)"


def public_addresses(host: str, port: int) -> list[tuple]:
    """The ``getaddrinfo`` entries of ``host`` (TCP), when every one is public; raises :class:`RefusedAddress`
    naming the first that is not, or :class:`InputError` when the name does not resolve."""
    try:
        entries = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(f"cannot resolve {host} ({err})") from err
    for entry in entries:
        address = entry[4][0]
        kind = address_kind(address)
        if kind:
            raise RefusedAddress(_reason(address, kind))
    return entries


def url_refusal(url: str) -> str:
    """Why ``url`` may not be fetched from a feed or a redirect ('' when it may): not http(s), or a host that
    resolves to an address that is not public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL"
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "not a valid port"
    try:
        public_addresses(parts.hostname, port)
    except RefusedAddress as err:
        return str(err)
    except InputError:
        return ""  # a name that does not resolve fails when it is fetched, as any other URL
    return ""
