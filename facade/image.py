"""Declarative image definitions: build a Dockerfile step by step for Daytona to build.

An :class:`Image` is immutable: every method returns a new ``Image`` with one more step, so a
base definition can be shared and extended safely::

    base = Image.debian_slim("3.12")
    data = base.pip_install("numpy", "pandas").env({"MODE": "batch"})
    web = base.pip_install("fastapi").workdir("/app")

Values are shell-quoted (``shlex``) or JSON-encoded where the Dockerfile needs it, and input
that would break the Dockerfile (empty lists, newlines inside a value) raises
:class:`~facade.errors.DaytonaValidationError`.

Not supported yet: steps that need local files uploaded as build context
(``add_local_file``, ``add_local_dir``, ``COPY``/``ADD`` of local paths).
``pip_install_from_requirements`` works without context: it writes the file's lines into the
Dockerfile.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, Never

from .errors import DaytonaNotFoundError, DaytonaValidationError

__all__ = ["SUPPORTED_PYTHON_SERIES", "Image"]

#: Python series accepted by :meth:`Image.debian_slim`, with the patch release each one uses.
SUPPORTED_PYTHON_SERIES: dict[str, str] = {
    "3.9": "3.9.22",
    "3.10": "3.10.17",
    "3.11": "3.11.12",
    "3.12": "3.12.10",
    "3.13": "3.13.3",
}

_PYTHON_VERSION_RE = re.compile(r"^3\.\d{1,2}(?:\.\d{1,2})?$")
_ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_REQUIREMENTS_PATH = "/.requirements.txt"


def _fail(message: str) -> Never:
    raise DaytonaValidationError(message)


def _single_line(value: Any, what: str) -> str:
    """``value`` if it is a non-empty string without line breaks."""
    if not isinstance(value, str):
        _fail(f"{what} must be a string, got {type(value).__name__}")
    if not value.strip():
        _fail(f"{what} must not be empty")
    if "\n" in value or "\r" in value:
        _fail(f"{what} must not contain line breaks: {value!r}")
    return value


def _string_list(values: Any, what: str) -> list[str]:
    """Check that ``values`` is a list/tuple of non-empty single-line strings and copy it."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        _fail(f"{what} must be a list of strings, got {type(values).__name__}")
    return [_single_line(item, f"each item of {what}") for item in values]


def _flatten(args: Iterable[str | Sequence[str]], what: str) -> list[str]:
    """Flatten ``"a", ["b", "c"]`` into ``["a", "b", "c"]``, checking every item."""
    out: list[str] = []
    for arg in args:
        if isinstance(arg, str):
            out.append(_single_line(arg, what))
        else:
            out.extend(_string_list(arg, what))
    return out


def _optional_list(value: str | Sequence[str] | None, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [_single_line(value, what)]
    return _string_list(value, what)


def _pip_options(
    find_links: str | Sequence[str] | None,
    index_url: str | None,
    extra_index_urls: str | Sequence[str] | None,
    pre: bool,
    extra_options: str,
) -> str:
    """The pip options after the package list, each value shell-quoted; starts with a space if any."""
    parts: list[str] = []
    for link in _optional_list(find_links, "find_links"):
        parts.append(f"--find-links {shlex.quote(link)}")
    if index_url is not None:
        parts.append(f"--index-url {shlex.quote(_single_line(index_url, 'index_url'))}")
    for url in _optional_list(extra_index_urls, "extra_index_urls"):
        parts.append(f"--extra-index-url {shlex.quote(url)}")
    if pre:
        parts.append("--pre")
    if extra_options:
        # Passed through as written: it is a fragment of pip's command line chosen by the caller.
        parts.append(_single_line(extra_options, "extra_options").strip())
    return "".join(" " + part for part in parts)


def _logical_lines(text: str) -> list[str]:
    """Dockerfile lines with backslash continuations joined and comments dropped."""
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append(current + stripped)
        current = ""
    if current.strip():
        lines.append(current)
    return lines


def _check_no_local_context(text: str, origin: str) -> None:
    """Reject COPY/ADD steps that read local files: build context upload is not supported."""
    for line in _logical_lines(text):
        words = line.split()
        if not words or words[0].upper() not in ("COPY", "ADD"):
            continue
        args = words[1:]
        flags = [arg for arg in args if arg.startswith("--")]
        if any(flag.startswith("--from=") for flag in flags):
            continue  # copies from another build stage or image
        operands = [arg for arg in args if not arg.startswith("--")]
        sources = operands[:-1]
        if not sources or all(src.startswith("<<") for src in sources):
            continue  # heredoc or malformed (left to the builder)
        if words[0].upper() == "ADD" and all(src.startswith(("http://", "https://", "git@")) for src in sources):
            continue
        _fail(
            f"{origin} copies local files ({line!r}); uploading local build context is not supported "
            "by this SDK yet. Use a remote image, RUN steps, or COPY --from=<image>."
        )


class Image:
    """A declarative image definition: a Dockerfile built step by step.

    Create one with :meth:`base`, :meth:`debian_slim` or :meth:`from_dockerfile`, then chain
    steps. Each step returns a new ``Image``; the original is unchanged. :meth:`dockerfile`
    returns the text sent to Daytona.

    Example::

        image = (
            Image.base("alpine:3.18")
            .pip_install(["numpy", "pandas"])
            .env({"MY_ENV_VAR": "My Environment Variable"})
        )
    """

    __slots__ = ("_dockerfile",)
    _dockerfile: str

    def __init__(self, _dockerfile: str = "") -> None:
        """Internal: use :meth:`base`, :meth:`debian_slim` or :meth:`from_dockerfile`."""
        object.__setattr__(self, "_dockerfile", _dockerfile)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Image is immutable; its methods return a new Image")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Image is immutable")

    def __reduce__(self) -> tuple[type[Image], tuple[str]]:
        return (Image, (self._dockerfile,))

    def __copy__(self) -> Image:
        return self  # immutable: a copy is the same value

    def __deepcopy__(self, memo: dict[int, object]) -> Image:
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Image):
            return NotImplemented
        return self._dockerfile == other._dockerfile

    def __hash__(self) -> int:
        return hash(self._dockerfile)

    def __repr__(self) -> str:
        lines = self._dockerfile.splitlines()
        first = lines[0] if lines else ""
        return f"Image({first!r}, steps={len(lines)})"

    def _with(self, *lines: str) -> Image:
        return Image(self._dockerfile + "".join(line + "\n" for line in lines))

    # ----------------------------------------------------------------- factories

    @staticmethod
    def base(image: str) -> Image:
        """Start from an existing image, e.g. ``Image.base("python:3.12-slim-bookworm")``.

        Raises:
            DaytonaValidationError: If ``image`` is empty or spans several lines.
        """
        return Image()._with(f"FROM {_single_line(image, 'image').strip()}")

    @staticmethod
    def debian_slim(python_version: str | None = None) -> Image:
        """Start from the official ``python:<version>-slim-bookworm`` image, with build tools installed.

        Args:
            python_version: ``"3.9"`` to ``"3.13"`` (a series uses its pinned patch release),
                or a full ``"3.12.4"``. None uses the running interpreter's series.

        Raises:
            DaytonaValidationError: If the version is malformed or its series is unsupported.
        """
        if python_version is None:
            python_version = f"{sys.version_info.major}.{sys.version_info.minor}"
        if not isinstance(python_version, str) or not _PYTHON_VERSION_RE.match(python_version):
            _fail(f"Invalid Python version: {python_version!r} (expected e.g. '3.12' or '3.12.4')")
        series = ".".join(python_version.split(".")[:2])
        if series not in SUPPORTED_PYTHON_SERIES:
            _fail(
                f"Unsupported Python version: {python_version!r}; supported series: "
                f"{', '.join(SUPPORTED_PYTHON_SERIES)} (pass python_version explicitly)"
            )
        full = python_version if python_version.count(".") == 2 else SUPPORTED_PYTHON_SERIES[series]
        return Image()._with(
            f"FROM python:{full}-slim-bookworm",
            "RUN apt-get update",
            "RUN apt-get install -y gcc gfortran build-essential",
            "RUN pip install --upgrade pip",
            # Non-interactive debconf, so package installs never stop at a prompt.
            "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections",
        )

    @staticmethod
    def from_dockerfile(path: str | PurePath) -> Image:
        """Start from an existing Dockerfile's text.

        Raises:
            DaytonaNotFoundError: If the file does not exist.
            DaytonaValidationError: If the path is not a file, or the Dockerfile copies local
                files (build context upload is not supported yet).
        """
        file = Path(os.path.expanduser(os.fspath(path)))
        if not file.exists():
            raise DaytonaNotFoundError(f"Dockerfile {os.fspath(path)!r} does not exist")
        if not file.is_file():
            _fail(f"Dockerfile path {os.fspath(path)!r} is not a file")
        text = file.read_text(encoding="utf-8")
        _check_no_local_context(text, f"Dockerfile {os.fspath(path)!r}")
        if text and not text.endswith("\n"):
            text += "\n"
        return Image(text)

    # ----------------------------------------------------------------- steps

    def pip_install(
        self,
        *packages: str | Sequence[str],
        find_links: str | Sequence[str] | None = None,
        index_url: str | None = None,
        extra_index_urls: str | Sequence[str] | None = None,
        pre: bool = False,
        extra_options: str = "",
    ) -> Image:
        """Add ``RUN python -m pip install <packages> [options]``.

        Packages may be given as separate arguments or lists (``pip_install("a", ["b", "c"])``);
        they are sorted (stable Dockerfile, better layer caching) and shell-quoted.

        Args:
            *packages: Requirement specifiers, e.g. ``"numpy>=2"``.
            find_links: ``--find-links`` locations.
            index_url: ``--index-url``.
            extra_index_urls: ``--extra-index-url`` values.
            pre: Add ``--pre``.
            extra_options: Raw extra pip options, appended as written.

        Raises:
            DaytonaValidationError: If no package is given or a value is empty or multi-line.
        """
        pkgs = _flatten(packages, "package")
        if not pkgs:
            _fail("pip_install needs at least one package")
        options = _pip_options(find_links, index_url, extra_index_urls, pre, extra_options)
        return self._with(f"RUN python -m pip install {shlex.join(sorted(pkgs))}{options}")

    def pipInstall(
        self,
        *packages: str | Sequence[str],
        find_links: str | Sequence[str] | None = None,
        index_url: str | None = None,
        extra_index_urls: str | Sequence[str] | None = None,
        pre: bool = False,
        extra_options: str = "",
    ) -> Image:
        """Alias of :meth:`pip_install` (the documented examples use this spelling)."""
        return self.pip_install(
            *packages,
            find_links=find_links,
            index_url=index_url,
            extra_index_urls=extra_index_urls,
            pre=pre,
            extra_options=extra_options,
        )

    def pip_install_from_requirements(
        self,
        requirements_txt: str | PurePath,
        *,
        find_links: str | Sequence[str] | None = None,
        index_url: str | None = None,
        extra_index_urls: str | Sequence[str] | None = None,
        pre: bool = False,
        extra_options: str = "",
    ) -> Image:
        """Install the requirements listed in a local ``requirements.txt``.

        The file is read now and its lines are written into the Dockerfile (no build context
        is uploaded): ``RUN printf '%s\\n' <lines> > /.requirements.txt && python -m pip
        install -r /.requirements.txt [options]``. Lines that point at other local files
        (``-r other.txt``, ``-e ./pkg``) will not resolve inside the build.

        Raises:
            DaytonaNotFoundError: If the file does not exist.
            DaytonaValidationError: If the path is not a file or lists no requirement.
        """
        file = Path(os.path.expanduser(os.fspath(requirements_txt)))
        if not file.exists():
            raise DaytonaNotFoundError(f"Requirements file {os.fspath(requirements_txt)!r} does not exist")
        if not file.is_file():
            _fail(f"Requirements path {os.fspath(requirements_txt)!r} is not a file")
        lines = [line.strip() for line in file.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if not any(not line.startswith("#") for line in lines):
            _fail(f"Requirements file {os.fspath(requirements_txt)!r} lists no requirement")
        options = _pip_options(find_links, index_url, extra_index_urls, pre, extra_options)
        quoted = " ".join(shlex.quote(line) for line in lines)
        return self._with(
            f"RUN printf '%s\\n' {quoted} > {_REQUIREMENTS_PATH} && "
            f"python -m pip install -r {_REQUIREMENTS_PATH}{options}"
        )

    def run_commands(self, *commands: str | Sequence[str]) -> Image:
        """Add one ``RUN`` step per command.

        A string is used as a shell command as written (backslash line continuations are
        allowed). A list is an argument vector and is shell-quoted:
        ``["bash", "-c", "echo hi"]`` becomes ``RUN bash -c 'echo hi'``.

        Raises:
            DaytonaValidationError: If no command is given, or one is empty or has a bare line break.
        """
        if not commands:
            _fail("run_commands needs at least one command")
        lines: list[str] = []
        for command in commands:
            if isinstance(command, str):
                if not command.strip():
                    _fail("a command must not be empty")
                text = command.replace("\r\n", "\n").strip()
                physical = text.split("\n")
                if "\r" in text or any(not line.rstrip().endswith("\\") for line in physical[:-1]):
                    _fail(f"a command may only span lines with a trailing backslash: {command!r}")
                lines.append(f"RUN {text}")
            else:
                argv = _string_list(command, "command")
                if not argv:
                    _fail("a command list must not be empty")
                lines.append(f"RUN {shlex.join(argv)}")
        return self._with(*lines)

    def env(self, env_vars: Mapping[str, str]) -> Image:
        """Add one ``ENV NAME=value`` step per variable (values shell-quoted).

        Raises:
            DaytonaValidationError: If the mapping is empty, a name is not a valid variable
                name, or a value is not a single-line string.
        """
        if not isinstance(env_vars, Mapping) or not env_vars:
            _fail("env needs a non-empty mapping of variable names to values")
        lines: list[str] = []
        for name, value in env_vars.items():
            if not isinstance(name, str) or not _ENV_NAME_RE.match(name):
                _fail(f"Invalid environment variable name: {name!r}")
            if not isinstance(value, str):
                _fail(f"Value of {name} must be a string, got {type(value).__name__}")
            if "\n" in value or "\r" in value:
                _fail(f"Value of {name} must not contain line breaks")
            lines.append(f"ENV {name}={shlex.quote(value)}")
        return self._with(*lines)

    def workdir(self, path: str | PurePath) -> Image:
        """Add ``WORKDIR <path>`` (shell-quoted).

        Raises:
            DaytonaValidationError: If the path is empty or multi-line.
        """
        text = os.fspath(path) if isinstance(path, PurePath) else path
        return self._with(f"WORKDIR {shlex.quote(_single_line(text, 'workdir path'))}")

    def entrypoint(self, entrypoint_commands: Sequence[str]) -> Image:
        """Add ``ENTRYPOINT [...]`` in exec (JSON) form, e.g. ``entrypoint(["/bin/bash"])``.

        Raises:
            DaytonaValidationError: If the list is empty or not a list of strings.
        """
        argv = _string_list(entrypoint_commands, "entrypoint")
        if not argv:
            _fail("entrypoint needs at least one item")
        return self._with(f"ENTRYPOINT {json.dumps(argv)}")

    def cmd(self, cmd: Sequence[str]) -> Image:
        """Add ``CMD [...]`` in exec (JSON) form, e.g. ``cmd(["python", "app.py"])``.

        Raises:
            DaytonaValidationError: If the list is empty or not a list of strings.
        """
        argv = _string_list(cmd, "cmd")
        if not argv:
            _fail("cmd needs at least one item")
        return self._with(f"CMD {json.dumps(argv)}")

    def dockerfile_commands(self, dockerfile_commands: Sequence[str] | str) -> Image:
        """Append raw Dockerfile lines as written (a single string counts as one line).

        Raises:
            DaytonaValidationError: If no line is given, a line is not a string, or a line
                copies local files (build context upload is not supported yet).
        """
        commands = [dockerfile_commands] if isinstance(dockerfile_commands, str) else dockerfile_commands
        if isinstance(commands, bytes) or not isinstance(commands, Sequence) or not commands:
            _fail("dockerfile_commands needs a non-empty list of strings")
        for command in commands:
            if not isinstance(command, str) or not command.strip():
                _fail("each Dockerfile command must be a non-empty string")
        text = "\n".join(commands)
        _check_no_local_context(text, "dockerfile_commands")
        return self._with(text)

    def dockerfile(self) -> str:
        """The Dockerfile text this image stands for."""
        return self._dockerfile
