"""A persistent Python REPL for one interpreter context; runs as its own process (standard library only).

    python -u -P interpreter_driver.py REQUEST_FD RESULT_FD

Each line read from REQUEST_FD is JSON `{"token", "code", "envs"}`. The code runs in one namespace kept for
the life of the process, writing to the process's real stdout/stderr (so subprocess output is captured too).
When it finishes, the marker `ESC ] daytona-emulator; <token> BEL` is written to stdout and to stderr, then
`{"token", "error"}` goes to RESULT_FD (`error` is null or `{"name", "value", "traceback"}`).
SIGINT interrupts the running code (KeyboardInterrupt) without ending the process.
"""

from __future__ import annotations

import json
import linecache
import os
import sys
import traceback
from typing import Any

MARKER_PREFIX = b"\x1b]daytona-emulator;"
MARKER_SUFFIX = b"\x07"


def _clean_traceback(error: BaseException, filename: str) -> str:
    """Only the frames of the user's code, shown as `<stdin>`."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == filename]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    for frame in frames:
        lines.append(f'  File "<stdin>", line {frame.lineno}, in {frame.name}\n')
        if frame.line:
            lines.append(f"    {frame.line.strip()}\n")
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines)


class Driver:
    def __init__(self, request_fd: int, result_fd: int) -> None:
        self.requests = os.fdopen(request_fd, "r", encoding="utf-8")
        self.result_fd = result_fd
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__doc__": None, "__builtins__": __builtins__}
        self.cells = 0

    def run_cell(self, code: str, envs: dict[str, str]) -> dict[str, str] | None:
        self.cells += 1
        filename = f"<cell-{self.cells}>"
        linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
        saved = {key: os.environ.get(key) for key in envs}
        os.environ.update(envs)
        try:
            exec(compile(code, filename, "exec"), self.namespace)
        except SystemExit:
            return None
        except BaseException as error:  # KeyboardInterrupt included: the interrupted cell reports it
            return {"name": type(error).__name__, "value": str(error), "traceback": _clean_traceback(error, filename)}
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return None

    def finish(self, token: str, error: dict[str, str] | None) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        marker = MARKER_PREFIX + token.encode() + MARKER_SUFFIX
        for fd in (1, 2):
            try:
                os.write(fd, marker)
            except OSError:
                pass
        os.write(self.result_fd, (json.dumps({"token": token, "error": error}) + "\n").encode())

    def serve(self) -> None:
        while True:
            try:
                line = self.requests.readline()
            except KeyboardInterrupt:
                continue
            if not line:
                return
            if not line.strip():
                continue
            request = json.loads(line)
            error = None
            try:
                error = self.run_cell(request.get("code", ""), request.get("envs") or {})
            except KeyboardInterrupt:
                error = {"name": "KeyboardInterrupt", "value": "", "traceback": "KeyboardInterrupt\n"}
            self.finish(request["token"], error)


if __name__ == "__main__":
    driver = Driver(int(sys.argv[1]), int(sys.argv[2]))
    sys.argv = [""]
    sys.path.insert(0, "")  # like an interactive interpreter: modules in the working directory import
    driver.serve()
