"""Small helpers shared by the control-plane handlers: time stamps, query parsing, JSON bodies."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response

from daytona_emulator.errors import bad_request

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState


def utcnow() -> datetime:
    """Now, in UTC, to the millisecond (the precision of the service's JavaScript dates)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def iso(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with milliseconds and a ``Z``, the way the service prints dates."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


AUTH_ROLE_KEY = "emulator.auth_role"


def auth_role(conn: HTTPConnection) -> str | None:
    """The auth context the gateway gave this request (``user``, ``ssh-gateway``, ...), or None."""
    role = conn.scope.get(AUTH_ROLE_KEY)
    return role if isinstance(role, str) else None


def emulator(conn: HTTPConnection) -> EmulatorState:
    """The emulator state behind this app (set by ``create_app``)."""
    return conn.app.state.emulator  # type: ignore[no-any-return]


def ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def empty(status: int = 200) -> Response:
    return Response(status_code=status)


def server_root(conn: HTTPConnection) -> str:
    """``scheme://host:port`` plus any root path the server runs under, from the request itself."""
    return f"{conn.url.scheme}://{conn.url.netloc}{conn.scope.get('app_root_path', '')}".rstrip("/")


def path_param(request: Request, name: str) -> str:
    return str(request.path_params[name])


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        if required:
            raise bad_request("Request body is required")
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise bad_request(f"Request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise bad_request("Request body must be a JSON object")
    return data


# ---- typed access to JSON fields ----------------------------------------------------------------


def opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"{key} must be a string")
    return value


def opt_bool(data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise bad_request(f"{key} must be a boolean value")
    return value


def opt_int(data: dict[str, Any], key: str, minimum: int | None = None) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not float(value).is_integer():
        raise bad_request(f"{key} must be an integer number")
    if minimum is not None and value < minimum:
        raise bad_request(f"{key} must not be less than {minimum}")
    return int(value)


def opt_str_map(data: dict[str, Any], key: str) -> dict[str, str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise bad_request(f"{key} must be an object of string values")
    return dict(value)


def opt_str_list(data: dict[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request(f"{key} must be an array of strings")
    return list(value)


# ---- query parameters ---------------------------------------------------------------------------


def q_str(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value if value not in (None, "") else None


def q_bool(request: Request, name: str) -> bool | None:
    value = q_str(request, name)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise bad_request(f"{name} must be a boolean value")


def q_number(request: Request, name: str, minimum: float | None = None, maximum: float | None = None) -> float | None:
    value = q_str(request, name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise bad_request(f"{name} must be a number") from exc
    if not math.isfinite(number):
        raise bad_request(f"{name} must be a number")
    if minimum is not None and number < minimum:
        raise bad_request(f"{name} must not be less than {minimum:g}")
    if maximum is not None and number > maximum:
        raise bad_request(f"{name} must not be greater than {maximum:g}")
    return number


def q_int(request: Request, name: str, minimum: int | None = None, maximum: int | None = None) -> int | None:
    number = q_number(request, name, minimum, maximum)
    if number is None:
        return None
    if not number.is_integer():
        raise bad_request(f"{name} must be an integer number")
    return int(number)


def q_datetime(request: Request, name: str) -> datetime | None:
    value = q_str(request, name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError as exc:
        raise bad_request(f"{name} must be a valid ISO 8601 date string") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def q_list(request: Request, name: str) -> list[str] | None:
    """A list parameter, sent repeated (``a=1&a=2``) or comma separated (``a=1,2``)."""
    values = [part for raw in request.query_params.getlist(name) for part in raw.split(",") if part]
    return values or None


def q_enum(request: Request, name: str, allowed: Iterable[str], default: str | None = None) -> str | None:
    value = q_str(request, name)
    if value is None:
        return default
    choices = list(allowed)
    if value not in choices:
        raise bad_request(f"{name} must be one of the following values: {', '.join(choices)}")
    return value


def path_int(request: Request, name: str) -> int:
    raw = path_param(request, name)
    try:
        return int(raw)
    except ValueError as exc:
        raise bad_request(f"{name} must be an integer number") from exc


# ---- NestJS request semantics (body parser, ValidationPipe's primitive transforms, ParseBoolPipe) -------


def _is_json_media(content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json"


async def nest_body(request: Request) -> Any:
    """The ``@Body()`` a Nest handler receives: ``{}`` when there is no body (the ValidationPipe turns
    undefined into an empty object) or when the content type is not JSON.

    A malformed ``application/json`` body never gets here (the gateway answers 400 first); with no
    content type, or ``text/json``, the service's content-type interceptor parses the text leniently
    and ignores what does not parse.
    """
    raw = await request.body()
    content_type = request.headers.get("content-type", "")
    lowered = content_type.lower()
    if not raw.strip():
        return {}
    if _is_json_media(content_type) or not content_type or "application/json" in lowered or "text/json" in lowered:
        try:
            return json.loads(raw)
        except ValueError:
            return {}
    return {}


async def nest_object_body(request: Request) -> dict[str, Any]:
    """:func:`nest_body`, refusing what class-validator cannot validate as a DTO (a top-level array)."""
    body = await nest_body(request)
    if not isinstance(body, dict):
        raise bad_request("an unknown value was passed to the validate function")
    return body


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)`` (``+value`` in the ValidationPipe): NaN when it does not parse."""
    stripped = text.strip()
    if not stripped:
        return 0.0
    lowered = stripped.lower()
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if lowered.startswith(prefix):
            try:
                return float(int(stripped[2:], base))
            except ValueError:
                return math.nan
    if lowered in ("infinity", "+infinity"):
        return math.inf
    if lowered == "-infinity":
        return -math.inf
    if any(word in lowered for word in ("inf", "nan")) or "_" in stripped:
        return math.nan
    try:
        return float(stripped)
    except ValueError:
        return math.nan


def js_number_text(number: float) -> str:
    """How JavaScript prints a number in a template string (``80``, ``80.5``, ``NaN``)."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


def param_number(request: Request, name: str) -> float:
    """A ``@Param() x: number`` after the ValidationPipe: ``Number(value)``, possibly NaN."""
    return js_number(path_param(request, name))


def query_number(request: Request, name: str) -> float | None:
    """A ``@Query() x?: number`` after the ValidationPipe: None when absent, else ``Number(value)``."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    return js_number(values[-1]) if len(values) == 1 else math.nan


def parse_bool_pipe(request: Request, name: str) -> bool | None:
    """``@Query(name, new ParseBoolPipe({ optional: true }))``: absent is None, ``true``/``false`` are
    booleans, anything else is 400 ``Validation failed (boolean string is expected)``."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) == 1 and values[0] in ("true", "false"):
        return values[0] == "true"
    raise bad_request("Validation failed (boolean string is expected)")


def query_values(request: Request, name: str) -> str | list[str] | None:
    """A query parameter as the ``qs`` parser gives it: a string, or a list when repeated or sent as
    ``name[]`` / ``name[0]``."""
    params = request.query_params
    values = list(params.getlist(name))
    values += params.getlist(f"{name}[]")
    indexed = sorted(
        (int(key[len(name) + 1 : -1]), value)
        for key, value in params.multi_items()
        if key.startswith(f"{name}[") and key.endswith("]") and key[len(name) + 1 : -1].isdigit()
    )
    values += [value for _, value in indexed]
    if not values:
        return None
    if len(values) == 1 and name in params and not params.getlist(f"{name}[]") and not indexed:
        return values[0]
    return values
