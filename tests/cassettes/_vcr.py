"""vcrpy set-up of the cassette tests: modes, scrubbing, matching and helpers to read what was sent.

Two modes, chosen by the environment:

* **replay** (default): every request is answered from ``cassettes/<module>/<test>.yaml`` (record mode
  ``none``: a request the cassette does not hold fails the test), the client points at the fixed,
  unresolvable origin :data:`PLACEHOLDER_ORIGIN`, sockets to anything but loopback are refused, and waits
  run on a :class:`facade._polling.FakeClock`, so nothing sleeps and nothing leaves the machine.
* **record** (``DAYTONA_RECORD=1``, what ``make record`` sets): every cassette is written anew, against an
  in-process emulator started for the session, or against the real service when ``DAYTONA_API_KEY`` (and
  ``DAYTONA_API_URL``) are set.

Whatever the mode, requests are matched on method, scheme, host, port, path and query (never on the body:
multipart boundaries are random). Before anything is stored or matched, the :class:`Scrubber` rewrites the
server's origin to :data:`PLACEHOLDER_ORIGIN` (so cassettes do not depend on the port), drops credentials
and replaces every token the server hands out with a fixed, numbered placeholder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import vcr
from vcr.request import Request

REPO_ROOT = Path(__file__).resolve().parents[2]
CASSETTE_ROOT = REPO_ROOT / "cassettes"

#: Where the client points during replay, and what every recorded server origin is rewritten to.
PLACEHOLDER_ORIGIN = "http://daytona.test"
PLACEHOLDER_HOST = "daytona.test"
REPLAY_API_URL = f"{PLACEHOLDER_ORIGIN}/api"
#: Credentials: the replay key is never sent anywhere; the recording key is what the session emulator accepts.
REPLAY_API_KEY = "cassette-replay-key-0b9e41"
RECORDING_API_KEY = "cassette-recording-key-5d27c8"
#: Transition delays of the emulator while recording: short, but long enough for polls to see
#: intermediate states, so replay exercises the polling loops.
RECORD_TRANSITION_DELAY = 0.05
RECORD_BUILD_DURATION = 0.3

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


#: Attribute prefix under which the conftest keeps each test's reports (``..._call`` is the body's).
REPORT_ATTRIBUTE = "_cassette_report"


def call_passed(request: Any) -> bool:
    """Whether the running test's body has finished and passed (for fixture teardown)."""
    report = getattr(request.node, f"{REPORT_ATTRIBUTE}_call", None)
    return bool(report is not None and report.passed)


def cassette_path(module_name: str, test_name: str) -> Path:
    """``cassettes/<test module>/<test name>.yaml`` (parametrised ids made file-name safe)."""
    safe = re.sub(r"[^A-Za-z0-9_.\[\]-]+", "_", test_name).strip("_")
    return CASSETTE_ROOT / module_name / f"{safe}.yaml"


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
