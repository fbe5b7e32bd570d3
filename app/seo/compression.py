"""Gzip for text responses (HTML, CSS, JavaScript, XML, JSON) when the client accepts it.

Not compressed: small bodies, partial and empty responses, bodies already encoded, and pages that
carry a CSRF token. A secret in a compressed page next to text an attacker can choose (a search term,
a `next` address) leaks through the compressed length (BREACH); until tokens are masked per response,
such pages go uncompressed. Anonymous question and FAQ pages carry none (see app/seo/caching.py).
"""

import gzip
import zlib
from collections.abc import Iterable, Iterator

from flask import current_app, g, request

COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "text/plain",
                "application/json", "application/ld+json", "application/xml", "text/xml", "image/svg+xml"}
_NO_BODY = {204, 206, 304}


def compress(response):
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")  # a cache must not hand the gzip copy to a client that cannot read it
    if not wanted(response):
        return response
    if response.is_streamed:
        response.response = _gzip_stream(response.response, int(current_app.config["COMPRESS_LEVEL"]))
        response.headers.pop("Content-Length", None)
    else:
        response.direct_passthrough = False  # static files: read the file so its bytes can be compressed
        zipped = gzipped(response.get_data())
        if zipped is None:
            return response
        response.set_data(zipped)
    response.headers["Content-Encoding"] = "gzip"
    _weaken_etag(response)
    return response


def gzipped(body: bytes) -> bytes | None:
    """The body compressed, or None when it is too small to be worth it."""
    if len(body) < int(current_app.config["COMPRESS_MIN_BYTES"]):
        return None
    return gzip.compress(body, compresslevel=int(current_app.config["COMPRESS_LEVEL"]), mtime=0)


def wanted(response) -> bool:
    return (request.accept_encodings.quality("gzip") > 0
            and response.status_code not in _NO_BODY and response.status_code >= 200
            and "Content-Encoding" not in response.headers
            and "Range" not in request.headers
            and current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") not in g)


def _weaken_etag(response) -> None:
    """The gzip bytes differ from the plain ones, so a strong ETag would lie; a weak one still lets
    If-None-Match answer 304 (weak comparison), as nginx does."""
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)


def _gzip_stream(chunks: Iterable[bytes | str], level: int) -> Iterator[bytes]:
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # 16+: gzip header and trailer
    try:
        for chunk in chunks:
            data = compressor.compress(chunk.encode() if isinstance(chunk, str) else chunk)
            if data:
                yield data
        yield compressor.flush()
    finally:  # the server closes our generator; the source (a database cursor …) must close too
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
