"""Recorded Daytona traffic (vcrpy cassettes) without secrets: scrubbing, matching, an offline guard, readers.

What the testing kit's cassettes (:mod:`daytona_emulator.pytest_plugin`) and this repository's own cassette
tests share:

* :class:`Scrubber`: before anything is stored or matched, rewrites the server's origin to
  :data:`PLACEHOLDER_ORIGIN` (so cassettes do not depend on the port or the service's host), drops
  credentials (``Authorization``, cookies, organization and SDK headers) and replaces every token the
  server hands out (preview and SSH tokens, signed-URL tokens, storage credentials, JWTs, ``dtn_`` API
  keys) with a fixed, numbered placeholder, in responses and in the later requests that send it back.
* :func:`make_vcr`: the vcrpy configuration. Requests are matched on method, scheme, host, port, path and
  query (never on the body: multipart boundaries are random); record mode ``none`` by default, so a
  request the cassette does not hold fails.
* :func:`block_network`: refuses every socket connection and name lookup that is not loopback (replay is
  offline).
* :func:`sent`, :func:`find_requests`, :func:`one_request`, ... read what a test sent, as stored.

Environment: ``DAYTONA_RECORD=1`` asks for re-recording (:func:`record_requested`); ``DAYTONA_API_KEY``
(with ``DAYTONA_API_URL``) asks to record against the real service (:func:`real_service_requested`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import vcr
from vcr.request import Request

#: Where the client points during replay, and what every recorded server origin is rewritten to.
PLACEHOLDER_ORIGIN = "http://daytona.test"
PLACEHOLDER_HOST = "daytona.test"
REPLAY_API_URL = f"{PLACEHOLDER_ORIGIN}/api"
#: The key a replaying client is given: it never leaves the process (replay sends nothing anywhere).
REPLAY_API_KEY = "cassette-replay-key-0b9e41"

#: Response fields whose values are secrets: each distinct value gets a numbered placeholder.
SECRET_RESPONSE_KEYS = frozenset({"token", "sshCommand", "accessKey", "secret", "sessionToken", "password", "apiKey"})
#: Request body fields and query parameters that are redacted when they hold a value we did not hand out.
SECRET_REQUEST_KEYS = frozenset({"token", "password", "accessKey", "secret", "sessionToken", "apiKey"})
#: Request headers never stored (credentials, organisation, version noise).
DROPPED_REQUEST_HEADERS = frozenset(
    {"authorization", "cookie", "x-daytona-organization-id", "user-agent", "x-daytona-sdk-version"}
)
DROPPED_RESPONSE_HEADERS = frozenset({"date", "set-cookie"})

JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")
DAYTONA_KEY_RE = re.compile(r"dtn_[A-Za-z0-9]{8,}")


def record_requested() -> bool:
    """True when cassettes are to be re-recorded (``DAYTONA_RECORD`` set to a true value)."""
    return os.environ.get("DAYTONA_RECORD", "").strip().lower() in {"1", "true", "yes", "on"}


def real_service_requested() -> bool:
    """True when recording should go to the real service (credentials in the environment)."""
    return bool(os.environ.get("DAYTONA_API_KEY", "").strip())


#: Where recording goes when ``DAYTONA_API_KEY`` is set and ``DAYTONA_API_URL`` is not.
DEFAULT_API_URL = "https://app.daytona.io/api"


def real_service() -> tuple[str, str]:
    """The real service's API URL and key, from ``DAYTONA_API_URL`` (default :data:`DEFAULT_API_URL`) and
    ``DAYTONA_API_KEY``; raises KeyError when the key is not set."""
    key = os.environ.get("DAYTONA_API_KEY", "").strip()
    if not key:
        raise KeyError("DAYTONA_API_KEY is not set")
    url = os.environ.get("DAYTONA_API_URL", "").strip() or DEFAULT_API_URL
    return url.rstrip("/"), key


def _origin(url: str) -> tuple[str, str]:
    """(``scheme://netloc``, ``netloc``) of an absolute URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}", parts.netloc


class Scrubber:
    """Rewrites requests and responses so cassettes hold no origin-specific URL and no secret.

    Origins (``http://127.0.0.1:54321``, ``https://app.daytona.io``, a toolbox proxy's origin) are replaced
    by :data:`PLACEHOLDER_ORIGIN`. Secret values found in responses (preview and SSH tokens, signed-URL
    tokens, storage credentials, anything shaped like a JWT or a ``dtn_`` key) are replaced everywhere,
    in responses and in later requests, by placeholders numbered in order of appearance within one
    cassette (:meth:`start_cassette` resets the numbering), so replay sends exactly what was recorded.
    """

    def __init__(self, static_secrets: Iterable[str] = ()) -> None:
        self._origins: dict[str, str] = {}
        self._netlocs: dict[str, str] = {}
        self._static = sorted({s for s in static_secrets if s and len(s) >= 6}, key=len, reverse=True)
        self._values: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._replacements: dict[str, str] = {}

    # ---- what to replace -------------------------------------------------------------------------

    def add_origin(self, url: str) -> None:
        """Map the origin of ``url`` (and its bare ``host:port``) to the placeholder origin."""
        origin, netloc = _origin(url)
        if not netloc or netloc == PLACEHOLDER_HOST:
            return
        self._origins[origin] = PLACEHOLDER_ORIGIN
        self._netlocs[netloc] = PLACEHOLDER_HOST
        parts = urlsplit(url)
        if parts.hostname in _LOOPBACK and parts.port:
            # The emulator also hands out ``<label>.localhost:<port>`` preview hosts.
            for host in ("localhost", "127.0.0.1"):
                self._netlocs[f"{host}:{parts.port}"] = PLACEHOLDER_HOST

    def add_replacement(self, real: str, placeholder: str) -> None:
        """Replace ``real`` (e.g. a temporary directory of the recording machine) by ``placeholder``."""
        if real and real != placeholder:
            self._replacements[real] = placeholder

    def start_cassette(self) -> None:
        """Forget the token placeholders and replacements of the previous cassette (origins are kept)."""
        self._values.clear()
        self._counts.clear()
        self._replacements.clear()

    def secret_placeholder(self, value: str, kind: str) -> str:
        """The placeholder of ``value``, registering it under ``kind`` if it is new."""
        if value in self._values:
            return self._values[value]
        if value.startswith("scrubbed-") or len(value) < 6:
            return value
        self._counts[kind] = self._counts.get(kind, 0) + 1
        placeholder = f"scrubbed-{kind.lower()}-{self._counts[kind]}"
        self._values[value] = placeholder
        return placeholder

    # ---- text level --------------------------------------------------------------------------------

    def _register_patterns(self, text: str) -> None:
        for match in JWT_RE.findall(text):
            self.secret_placeholder(match, "jwt")
        for match in DAYTONA_KEY_RE.findall(text):
            self.secret_placeholder(match, "key")

    def scrub_text(self, text: str) -> str:
        """Replace known secrets, static secrets and origins in ``text``."""
        self._register_patterns(text)
        for value in sorted(self._values, key=len, reverse=True):
            text = text.replace(value, self._values[value])
        for value in self._static:
            text = text.replace(value, "REDACTED")
        for real in sorted(self._replacements, key=len, reverse=True):
            text = text.replace(real, self._replacements[real])
        for origin, placeholder in self._origins.items():
            text = text.replace(origin, placeholder)
        for netloc, placeholder in self._netlocs.items():
            text = text.replace(netloc, placeholder)
        return text

    def scrub_bytes(self, data: bytes) -> bytes:
        """Like :meth:`scrub_text`, on bytes that need not be text (binary parts stay byte-exact)."""
        if not data:
            return data
        try:
            return self.scrub_text(data.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            pass
        for value in sorted(self._values, key=len, reverse=True):
            data = data.replace(value.encode(), self._values[value].encode())
        for value in self._static:
            data = data.replace(value.encode(), b"REDACTED")
        for real in sorted(self._replacements, key=len, reverse=True):
            data = data.replace(real.encode(), self._replacements[real].encode())
        for origin, placeholder in self._origins.items():
            data = data.replace(origin.encode(), placeholder.encode())
        for netloc, placeholder in self._netlocs.items():
            data = data.replace(netloc.encode(), placeholder.encode())
        return data

    # ---- JSON walks --------------------------------------------------------------------------------

    def _learn_from_response(self, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SECRET_RESPONSE_KEYS and isinstance(value, str):
                    self.secret_placeholder(value, key)
                elif key == "toolboxProxyUrl" and isinstance(value, str) and value.startswith("http"):
                    self.add_origin(value)
                else:
                    self._learn_from_response(value)
        elif isinstance(node, list):
            for item in node:
                self._learn_from_response(item)

    def _redact_request_json(self, node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in SECRET_REQUEST_KEYS and isinstance(value, str) and value:
                    out[key] = self._values.get(value, "REDACTED") if not value.startswith("scrubbed-") else value
                else:
                    out[key] = self._redact_request_json(value)
            return out
        if isinstance(node, list):
            return [self._redact_request_json(item) for item in node]
        return node

    # ---- vcrpy hooks -------------------------------------------------------------------------------

    def before_record_request(self, request: Request) -> Request:
        """vcrpy hook (runs on a copy, in both modes, before storing and before matching)."""
        request.uri = self._scrub_uri(request.uri)
        headers = {k: v for k, v in request.headers.items() if not self._drop_request_header(k)}
        request.headers = {k: self.scrub_text(v) if isinstance(v, str) else v for k, v in headers.items()}
        body = request.body
        if isinstance(body, bytes) and body:
            content_type = str(request.headers.get("content-type", request.headers.get("Content-Type", "")))
            scrubbed = self.scrub_bytes(body)
            if "json" in content_type.lower():
                with contextlib.suppress(ValueError, UnicodeDecodeError):
                    parsed = json.loads(scrubbed)
                    redacted = self._redact_request_json(parsed)
                    if redacted != parsed:
                        scrubbed = json.dumps(redacted, separators=(",", ":")).encode()
            request.body = scrubbed
        return request

    @staticmethod
    def _drop_request_header(name: str) -> bool:
        lowered = name.lower()
        return lowered in DROPPED_REQUEST_HEADERS or any(w in lowered for w in ("token", "secret", "api-key"))

    def _scrub_uri(self, uri: str) -> str:
        uri = self.scrub_text(uri)
        parts = urlsplit(uri)
        if not parts.query:
            return uri
        pairs = []
        changed = False
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key in SECRET_REQUEST_KEYS and value and not value.startswith("scrubbed-"):
                value = self._values.get(value, "REDACTED")
                changed = True
            pairs.append((key, value))
        if not changed:
            return uri
        return parts._replace(query=urlencode(pairs)).geturl()

    def before_record_response(self, response: dict[str, Any]) -> dict[str, Any]:
        """vcrpy hook (runs on a copy of the recorded response, only while recording)."""
        body = response.get("body", {}).get("string", b"")
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers: dict[str, list[str]] = response.get("headers", {})
        content_type = " ".join(v for k, vs in headers.items() if k.lower() == "content-type" for v in vs)
        if body and "json" in content_type.lower():
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                self._learn_from_response(json.loads(body))
        body = self.scrub_bytes(body)
        response["body"] = {"string": body}
        new_headers: dict[str, list[str]] = {}
        for name, values in headers.items():
            lowered = name.lower()
            if lowered in DROPPED_RESPONSE_HEADERS:
                continue
            if lowered == "content-length":
                values = [str(len(body))]
            else:
                values = [self.scrub_text(v) for v in values]
            new_headers[name] = values
        response["headers"] = new_headers
        return response


def make_vcr(scrubber: Scrubber) -> vcr.VCR:
    """The vcrpy configuration shared by every cassette test."""
    return vcr.VCR(
        serializer="yaml",
        record_mode="none",
        match_on=("method", "scheme", "host", "port", "path", "query"),
        before_record_request=scrubber.before_record_request,
        before_record_response=scrubber.before_record_response,
        decode_compressed_response=True,
        record_on_exception=False,
    )


# ---- network guard (replay) -----------------------------------------------------------------------

_LOOPBACK = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}


class NetworkBlockedError(OSError):
    """Raised when replaying code tries to reach a non-loopback address."""


@contextlib.contextmanager
def block_network() -> Iterator[None]:
    """Refuse every socket connection and name lookup that is not loopback (or a Unix socket)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def _allowed(sock: socket.socket, address: Any) -> bool:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return True
        host = address[0] if isinstance(address, tuple) else address
        return str(host) in _LOOPBACK

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _allowed(self, address):
            raise NetworkBlockedError(f"cassette replay is offline: connection to {address!r} refused")
        real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _allowed(self, address):
            raise NetworkBlockedError(f"cassette replay is offline: connection to {address!r} refused")
        return real_connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and str(name) not in _LOOPBACK:
            raise NetworkBlockedError(f"cassette replay is offline: name lookup of {name!r} refused")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo


# ---- reading what was sent ------------------------------------------------------------------------


def sent(cassette: Any) -> list[Request]:
    """The requests the test has sent so far, as stored (scrubbed), in order.

    While recording that is what the cassette holds; in replay it is the recorded requests that
    have been played, so assertions made halfway through a test see the same thing in both modes.
    """
    if cassette.write_protected:
        return [request for i, request in enumerate(cassette.requests) if cassette.play_counts[i] > 0]
    return list(cassette.requests)


def find_requests(cassette: Any, method: str, path_pattern: str) -> list[Request]:
    """Requests sent so far with ``method`` whose path matches the regex ``path_pattern`` (at its end)."""
    regex = re.compile(f"(?:{path_pattern})$")
    return [r for r in sent(cassette) if r.method.upper() == method.upper() and regex.search(r.path)]


def one_request(cassette: Any, method: str, path_pattern: str) -> Request:
    """The single recorded request matching; fails the test if there is not exactly one."""
    found = find_requests(cassette, method, path_pattern)
    assert len(found) == 1, (
        f"expected one {method} .../{path_pattern} in the cassette, found {len(found)}: "
        f"{[f'{r.method} {r.path}' for r in sent(cassette)]}"
    )
    return found[0]


def last_request(cassette: Any, method: str, path_pattern: str) -> Request:
    """The last recorded request matching; fails the test if there is none."""
    found = find_requests(cassette, method, path_pattern)
    assert found, f"no {method} .../{path_pattern} sent: {[f'{r.method} {r.path}' for r in sent(cassette)]}"
    return found[-1]


def json_body(request: Request) -> Any:
    """The request's JSON body."""
    body = request.body
    assert body, f"{request.method} {request.path} has no body"
    return json.loads(body)


def query(request: Request) -> dict[str, list[str]]:
    """The request's query parameters, each with all its values in order."""
    out: dict[str, list[str]] = {}
    for key, value in parse_qsl(urlsplit(request.uri).query, keep_blank_values=True):
        out.setdefault(key, []).append(value)
    return out


def response_of(cassette: Any, request: Request) -> dict[str, Any]:
    """The response recorded for ``request`` (one of the objects :func:`sent` returns)."""
    for stored, response in zip(cassette.requests, cassette.responses, strict=True):
        if stored is request:
            return dict(response)
    raise AssertionError(f"{request} is not in the cassette")


def status_of(cassette: Any, request: Request) -> int:
    """The HTTP status recorded for ``request``."""
    return int(response_of(cassette, request)["status"]["code"])


def response_json(cassette: Any, request: Request) -> Any:
    """The JSON body of the response recorded for ``request``."""
    return json.loads(response_of(cassette, request)["body"]["string"])
