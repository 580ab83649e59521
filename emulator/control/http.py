"""Small helpers shared by the control-plane handlers: time stamps, query parsing, JSON bodies."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response

from emulator.errors import bad_request

if TYPE_CHECKING:
    from emulator.state import EmulatorState


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with milliseconds and a ``Z``, the way the service prints dates."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


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
