"""Response enums stay readable when the service sends a value this client does not know yet."""

from __future__ import annotations

import importlib
import pkgutil

import daytona_openapi.models as models
from daytona_openapi.models import FileStatus


def _checkers() -> list[tuple[str, object, set[str]]]:
    found = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("check_") and getattr(value, "__module__", None) == module.__name__:
                known = next(v for k, v in vars(module).items() if k.endswith("_VALUES"))
                found.append((f"{info.name}.{name}", value, known))
    return found


def test_every_enum_checker_keeps_known_and_unknown_values() -> None:
    checkers = _checkers()
    assert len(checkers) >= 10, "expected the spec's enums to be generated as literal enums"
    for label, check, known in checkers:
        for value in sorted(known)[:3]:
            assert check(value) == value, label  # type: ignore[operator]
        assert check("a-value-added-later") == "a-value-added-later", label  # type: ignore[operator]


def test_a_model_with_a_new_enum_value_still_parses() -> None:
    parsed = FileStatus.from_dict(
        {"name": "a.py", "staging": "Unmodified", "worktree": "Renamed-in-a-future-git", "extra": ""}
    )
    assert parsed.worktree == "Renamed-in-a-future-git"
    assert parsed.staging == "Unmodified"
