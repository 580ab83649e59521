"""The languages a sandbox's code runner supports, and the label that records a sandbox's language."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .errors import DaytonaValidationError

__all__ = ["CODE_TOOLBOX_LANGUAGE_LABEL", "CodeLanguage", "language_from_labels", "parse_language"]

#: Label key under which a sandbox's language is stored on the service.
CODE_TOOLBOX_LANGUAGE_LABEL = "code-toolbox-language"


class CodeLanguage(StrEnum):
    """Programming languages supported by Daytona's code runner.

    Members are strings: ``CodeLanguage.PYTHON == "python"`` and ``str(CodeLanguage.PYTHON)``
    is ``"python"``.
    """

    PYTHON = "python"
    TYPESCRIPT = "typescript"
    JAVASCRIPT = "javascript"


def parse_language(value: CodeLanguage | str) -> CodeLanguage:
    """Return the :class:`CodeLanguage` for ``value`` (case and surrounding spaces ignored).

    Raises:
        DaytonaValidationError: If ``value`` is not a string naming a supported language.
    """
    if isinstance(value, CodeLanguage):
        return value
    if isinstance(value, str):
        try:
            return CodeLanguage(value.strip().lower())
        except ValueError:
            pass
    supported = ", ".join(member.value for member in CodeLanguage)
    raise DaytonaValidationError(f"Invalid {CODE_TOOLBOX_LANGUAGE_LABEL}: {value!r} (supported: {supported})")


def language_from_labels(labels: Mapping[str, str] | None) -> CodeLanguage:
    """Read a sandbox's language from its labels: missing or empty means Python.

    Raises:
        DaytonaValidationError: If the label holds an unsupported value.
    """
    value = (labels or {}).get(CODE_TOOLBOX_LANGUAGE_LABEL)
    if not value:
        return CodeLanguage.PYTHON
    return parse_language(value)
