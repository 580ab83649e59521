"""Declarative image definitions: build a Dockerfile step by step for Daytona to build.

An :class:`Image` is immutable: every method returns a new ``Image`` with one more step, so a base
definition can be shared and extended safely::

    base = Image.debian_slim("3.12")
    data = base.pip_install("numpy", "pandas").env({"MODE": "batch"})

Values are shell-quoted (``shlex``) or JSON-encoded where the Dockerfile needs it; input that would
break the Dockerfile (empty lists, line breaks inside a value) is refused (see :mod:`facade._checks`).

Local files (``add_local_file``, ``add_local_dir``, ``pip_install_from_requirements``) are the image's build
context, as in the official SDK: each is ``COPY``'d from its archive path, and hashed and uploaded to the
object storage when a sandbox or snapshot is created from the image (:mod:`facade._context`). Raw
``COPY``/``ADD`` of local paths (``dockerfile_commands``, ``from_dockerfile``) is not supported yet.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import NoReturn

from . import _checks as check
from ._errors import DaytonaNotFoundError

#: Python series accepted by :meth:`Image.debian_slim`, with the patch release each one uses.
SUPPORTED_PYTHON_SERIES = {"3.9": "3.9.22", "3.10": "3.10.17", "3.11": "3.11.12", "3.12": "3.12.10", "3.13": "3.13.3"}
#: A supported series, or a full version of one.
_PYTHON_VERSION = re.compile(rf"(?:{'|'.join(map(re.escape, SUPPORTED_PYTHON_SERIES))})(?:\.\d{{1,2}})?")
#: The sources of a COPY / ADD step that are not local files: heredocs, and remote files for ADD (a step without
#: sources is malformed, left to the builder).
_NOT_LOCAL = {"COPY": ("<<",), "ADD": ("<<", "http://", "https://", "git@")}
_Texts = str | Sequence[str] | None
_DEBIAN_SLIM_STEPS = (  # the official SDK's, after FROM
    "RUN apt-get update\nRUN apt-get install -y gcc gfortran build-essential\nRUN pip install --upgrade pip\n"
    "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections"
)


def local_source(path: str | PurePath, what: str) -> str:
    """``path`` with ``~`` expanded, checked to exist now (``DaytonaNotFoundError``) and to be a directory
    for ``what == "local_dir"``, else a file (``DaytonaValidationError``)."""
    source = os.path.expanduser(check.text(os.fspath(check.instance(path, what, (str, PurePath))), what, line=True))
    if not os.path.exists(source):
        raise DaytonaNotFoundError(f"{what} {source!r} does not exist")
    if not (os.path.isdir if what == "local_dir" else os.path.isfile)(source):
        raise check.bad(what, f"{source!r} exists but is not a {'directory' if what == 'local_dir' else 'file'}")
    return source


def _lines(values: str | Sequence[str] | None, name: str, *, required: bool = True) -> list[str]:
    """A list of single-line strings (a lone string counts as one; None as none), not empty if ``required``."""
    items = check.strings([] if values is None else [values] if isinstance(values, str) else values, name)
    lines = [check.text(item, name, line=True) for item in items]
    return lines if lines or not required else _refuse(name, "needs at least one item")


def _refuse(name: str, problem: str) -> NoReturn:
    raise check.bad(name, problem)


def _pip_options(
    find_links: _Texts, index_url: str | None, extra_index_urls: _Texts, pre: bool, extra_options: str
) -> str:
    """The pip options after the package list, each value shell-quoted; starts with a space if any."""
    index = [] if index_url is None else [check.text(index_url, "index_url", line=True)]
    options = {"find-links": _lines(find_links, "find_links", required=False), "index-url": index}
    options["extra-index-url"] = _lines(extra_index_urls, "extra_index_urls", required=False)
    parts = [f"--{option} {shlex.quote(value)}" for option, values in options.items() for value in values]
    parts += ["--pre"] if check.flag(pre, "pre") else []
    extra = check.text(extra_options, "extra_options", empty=True, line=True).strip()  # pip's command line, as written
    return "".join(" " + part for part in [*parts, extra] if part)


def _command(command: str | Sequence[str]) -> str:
    """The command of a ``RUN`` step: a string checked (continued lines end with a backslash), a list shell-quoted."""
    if not isinstance(command, str):
        return shlex.join(_lines(command, "command"))
    text = check.text(command, "command").replace("\r\n", "\n").strip()
    if "\r" in text or any(not line.rstrip().endswith("\\") for line in text.split("\n")[:-1]):
        _refuse("command", f"may only span lines with a trailing backslash: {command!r}")
    return text


def _check_no_local_context(text: str, origin: str) -> None:
    """Refuse COPY/ADD steps of local files in Dockerfile text (only ``add_local_*`` steps upload context)."""
    for line in re.sub(r"\\\s*\n", " ", text).splitlines():
        instruction, *words = line.split() or [""]
        allowed = _NOT_LOCAL.get(instruction.upper())
        if allowed is None or any(word.startswith("--from=") for word in words):
            continue  # not a copy, or a copy from another stage or image
        if not all(src.startswith(allowed) for src in [word for word in words if not word.startswith("--")][:-1]):
            problem = f"copies local files ({line.strip()!r}); local COPY/ADD in Dockerfile text is not supported yet."
            instead = "Use add_local_file/add_local_dir, a remote image, RUN steps, or COPY --from=<image>."
            _refuse(origin, f"{problem} {instead}")


@dataclass(frozen=True, slots=True, repr=False)
class Image:
    """A declarative image definition: a Dockerfile built step by step.

    Create one with :meth:`base`, :meth:`debian_slim` or :meth:`from_dockerfile`, then chain steps; each
    returns a new ``Image`` (the original is unchanged). :meth:`dockerfile` returns the text sent to Daytona.

    Example::

        image = Image.base("alpine:3.18").pip_install(["numpy", "pandas"]).env({"MY_ENV_VAR": "value"})

    Construct it only through those (the fields are internal); it is frozen, compared and hashed by value.
    """

    _dockerfile: str = ""
    #: The build context: (local path, archive path) per local file or directory (see :mod:`facade._context`).
    _context: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        lines = self._dockerfile.splitlines()
        return f"Image({lines[0] if lines else ''!r}, steps={len(lines)})"

    def _with(self, *lines: str, context: tuple[tuple[str, str], ...] = ()) -> Image:
        return Image(self._dockerfile + "".join(line + "\n" for line in lines), self._context + context)

    def _copy_local(self, local_path: str | PurePath, remote_path: str, what: str, *more: str) -> Image:
        """Add ``COPY <archive path> <remote_path>`` (then ``more`` lines) with ``local_path`` as build context."""
        source = local_source(local_path, what)
        archive = os.path.splitdrive(os.path.normpath(source))[1].lstrip("/").lstrip("\\")  # no drive, no leading /
        remote = check.text(remote_path, "remote_path", line=True)
        return self._with(f"COPY {archive} {remote}", *more, context=((source, archive),))

    @staticmethod
    def base(image: str) -> Image:
        """Start from an existing image, e.g. ``Image.base("python:3.12-slim-bookworm")``."""
        return Image()._with(f"FROM {check.text(image, 'image', line=True).strip()}")

    @staticmethod
    def debian_slim(python_version: str | None = None) -> Image:
        """Start from ``python:<version>-slim-bookworm`` with build tools installed.

        ``python_version``: ``"3.9"`` to ``"3.13"`` (a series uses its pinned patch release) or a full
        ``"3.12.4"``; None uses the running interpreter's series.
        """
        version = check.text(python_version, "python_version", optional=True) or "{}.{}".format(*sys.version_info)
        if not _PYTHON_VERSION.fullmatch(version):
            _refuse("python_version", f"{version!r} is not supported (series: {', '.join(SUPPORTED_PYTHON_SERIES)})")
        full = SUPPORTED_PYTHON_SERIES.get(version, version)  # a series' pinned release, or the full version given
        return Image()._with(f"FROM python:{full}-slim-bookworm", _DEBIAN_SLIM_STEPS)

    @staticmethod
    def from_dockerfile(path: str | PurePath) -> Image:
        """Start from an existing Dockerfile's text (refused if it copies local files)."""
        text = Path(local_source(path, "Dockerfile")).read_text(encoding="utf-8")
        _check_no_local_context(text, f"Dockerfile {os.fspath(path)!r}")
        return Image(text if not text or text.endswith("\n") else text + "\n")

    def pip_install(
        self, *packages: str | Sequence[str], find_links: str | Sequence[str] | None = None,
        index_url: str | None = None, extra_index_urls: str | Sequence[str] | None = None, pre: bool = False,
        extra_options: str = "",
    ) -> Image:  # fmt: skip
        """Add ``RUN python -m pip install <packages> [options]``; packages (separate arguments or lists)
        are sorted (a stable Dockerfile caches better) and shell-quoted."""
        pkgs = sorted(name for group in packages for name in _lines(group, "packages", required=False))
        options = _pip_options(find_links, index_url, extra_index_urls, pre, extra_options)
        return self._with(f"RUN python -m pip install {shlex.join(pkgs or _refuse('packages', 'is empty'))}{options}")

    pipInstall = pip_install

    def pip_install_from_requirements(
        self, requirements_txt: str | PurePath, *, find_links: str | Sequence[str] | None = None,
        index_url: str | None = None, extra_index_urls: str | Sequence[str] | None = None, pre: bool = False,
        extra_options: str = "",
    ) -> Image:  # fmt: skip
        """Install the requirements of a local ``requirements.txt``, uploaded as build context like the official
        SDK does: ``COPY <archive path> /.requirements.txt`` then ``RUN python -m pip install -r /.requirements.txt``.
        Raises :class:`DaytonaNotFoundError` (missing) or :class:`DaytonaValidationError` (not a file)."""
        options = _pip_options(find_links, index_url, extra_index_urls, pre, extra_options)
        run = f"RUN python -m pip install -r /.requirements.txt{options}"
        return self._copy_local(requirements_txt, "/.requirements.txt", "requirements_txt", run)

    def pip_install_from_pyproject(
        self, pyproject_toml: str | PurePath, optional_dependencies: Sequence[str] = (), find_links: str | None = None,
        index_url: str | None = None, extra_index_url: str | None = None, pre: bool = False, extra_options: str = "",
    ) -> Image:  # fmt: skip
        """Add ``pip_install`` of the ``[project] dependencies`` of a local ``pyproject.toml`` (read now), plus those
        of the named ``optional_dependencies`` groups (unknown groups are skipped); no step if there are none.
        Raises :class:`DaytonaNotFoundError` (missing file), :class:`DaytonaValidationError` (bad TOML, no
        ``[project]`` table or ``dependencies`` list)."""
        import tomllib

        source = local_source(pyproject_toml, "pyproject_toml")
        try:
            project = tomllib.loads(Path(source).read_bytes().decode()).get("project")  # what tomllib.load does
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise check.bad("pyproject_toml", f"{source!r} is not valid TOML: {error}") from error
        table = project if isinstance(project, dict) else {}
        deps, groups = table.get("dependencies"), table.get("optional-dependencies", {})
        if not isinstance(deps, list) or not isinstance(groups, dict):
            raise check.bad("pyproject_toml", "needs a [project] table with a dependencies list")
        names = _lines(optional_dependencies, "optional_dependencies", required=False)
        deps += [dep for name in names for dep in groups.get(name) or ()]
        return self.pip_install(
            [str(dep) for dep in deps], find_links=find_links or None, index_url=index_url,
            extra_index_urls=[extra_index_url] if extra_index_url else None, pre=pre, extra_options=extra_options,
        ) if deps else self  # fmt: skip

    def add_local_file(self, local_path: str | PurePath, remote_path: str) -> Image:
        """Add ``COPY <archive path> <remote_path>`` of a local file, uploaded as build context when the image is
        used (a ``remote_path`` ending in ``/`` gets the file's name). Raises :class:`DaytonaNotFoundError`
        (missing) or :class:`DaytonaValidationError` (not a file)."""
        if check.text(remote_path, "remote_path", line=True).endswith("/"):
            remote_path += PurePath(local_path).name
        return self._copy_local(local_path, remote_path, "local_file")

    def add_local_dir(self, local_path: str | PurePath, remote_path: str) -> Image:
        """Add ``COPY <archive path> <remote_path>`` of a local directory (its whole tree), uploaded as build
        context when the image is used. Raises :class:`DaytonaNotFoundError` (missing) or
        :class:`DaytonaValidationError` (not a directory)."""
        return self._copy_local(local_path, remote_path, "local_dir")

    def run_commands(self, *commands: str | Sequence[str]) -> Image:
        """Add one ``RUN`` step per command: a string as written (lines may continue with a trailing
        backslash), a list as a shell-quoted argument vector (``["bash", "-c", "echo hi"]``)."""
        steps = [f"RUN {_command(c)}" for c in commands or _refuse("commands", "needs at least one command")]
        return self._with(*steps)

    def env(self, env_vars: Mapping[str, str]) -> Image:
        """Add one ``ENV NAME=value`` step per variable (values shell-quoted, single-line)."""
        values = check.mapping(env_vars, "env_vars", env=True) or _refuse("env_vars", "must not be empty")
        lines = [f"ENV {k}={shlex.quote(check.text(v, k, empty=True, line=True))}" for k, v in values.items()]
        return self._with(*lines)

    def workdir(self, path: str | PurePath) -> Image:
        """Add ``WORKDIR <path>`` (shell-quoted)."""
        return self._with(f"WORKDIR {shlex.quote(check.text(os.fspath(path), 'path', line=True))}")

    def entrypoint(self, entrypoint_commands: Sequence[str]) -> Image:
        """Add ``ENTRYPOINT [...]`` in exec (JSON) form, e.g. ``entrypoint(["/bin/bash"])``."""
        argv = _lines(check.strings(entrypoint_commands, "entrypoint"), "entrypoint")
        return self._with(f"ENTRYPOINT {json.dumps(argv)}")

    def cmd(self, cmd: Sequence[str]) -> Image:
        """Add ``CMD [...]`` in exec (JSON) form, e.g. ``cmd(["python", "app.py"])``."""
        return self._with(f"CMD {json.dumps(_lines(check.strings(cmd, 'cmd'), 'cmd'))}")

    def dockerfile_commands(self, dockerfile_commands: Sequence[str] | str) -> Image:
        """Append raw Dockerfile lines as written (a single string is one line); local copies are refused."""
        items = [dockerfile_commands] if isinstance(dockerfile_commands, str) else dockerfile_commands
        text = "\n".join(check.strings(items, "dockerfile_commands") or _refuse("dockerfile_commands", "is empty"))
        _check_no_local_context(text, "dockerfile_commands")
        return self._with(text)

    def dockerfile(self) -> str:
        """The Dockerfile text this image stands for."""
        return self._dockerfile
