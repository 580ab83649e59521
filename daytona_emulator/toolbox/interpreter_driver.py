"""The worker process of one interpreter context: the daemon's REPL worker protocol, standard library only.

    python -P interpreter_driver.py

Every line on stdin is a JSON command ``{"id", "code", "envs"}``. The code runs in one namespace kept for the
life of the process, with ``envs`` set in ``os.environ`` for the run only. While it runs, ``sys.stdout`` and
``sys.stderr`` are writers that send what they get, a line (or 1024 characters) at a time, as JSON lines
``{"type": "stdout"|"stderr", "text"}`` on the process's real stdout, which is the protocol channel: what child
processes write to it is not JSON, and the daemon skips it. An uncaught exception sends ``{"type": "error",
"name", "value", "traceback"}`` (only the frames of the user's code, shown as ``<stdin>``, without source
lines); ``SystemExit`` is a normal end. Every command ends with ``{"type": "control", "text": "completed"}``,
or ``"interrupted"`` when SIGINT interrupted it. SIGTERM interrupts the run and ends the worker.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from types import FrameType
from typing import Any

USER_CODE = "<string>"  # the file name user code is compiled under
FLUSH_AT = 1024  # characters a stream writer holds back at most


def send(chunk: dict[str, Any]) -> None:
    """Write one protocol line on the real stdout."""
    try:
        sys.__stdout__.write(json.dumps(chunk) + "\n")  # type: ignore[union-attr]
        sys.__stdout__.flush()  # type: ignore[union-attr]
    except Exception as exc:
        sys.__stderr__.write(f"cannot send a chunk: {exc}\n")  # type: ignore[union-attr]


class ChunkWriter(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` during a run: text goes out as chunks of its stream type."""

    def __init__(self, stream: str) -> None:
        super().__init__()
        self.stream = stream
        self.held: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def write(self, text: Any) -> int:  # type: ignore[override]
        if not text:
            return 0
        text = text if isinstance(text, str) else str(text)
        self.held.append(text)
        self.size += len(text)
        if "\n" in text or self.size >= FLUSH_AT:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.held:
            text, self.held, self.size = "".join(self.held), [], 0
            send({"type": self.stream, "text": text})


def user_traceback(error: BaseException) -> str:
    """The traceback restricted to the user's frames, as the daemon's worker formats it."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == USER_CODE]
    last = f"{type(error).__name__}: {error}\n"
    if not frames:
        return last
    lines = ["Traceback (most recent call last):\n"]
    for frame in frames:
        lines.append(f'  File "<stdin>", line {frame.lineno}\n')
        if frame.line:
            lines.append(f"    {frame.line}\n")
    return "".join(lines) + last


class Worker:
    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "__name__": "__main__",
            "__doc__": None,
            "__package__": None,
            "__builtins__": __builtins__,
        }
        self.stopping = False
        signal.signal(signal.SIGINT, self._interrupt)
        signal.signal(signal.SIGTERM, self._terminate)

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt("Execution interrupted")

    def _terminate(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        raise KeyboardInterrupt("Shutting down")

    def run(self, code: str, envs: dict[str, Any] | None) -> None:
        """Run one command and send its chunks, its error if any, then its control chunk."""
        out, err = ChunkWriter("stdout"), ChunkWriter("stderr")
        ending, error = "completed", None
        saved: dict[str, str | None] = {}
        for key, value in (envs or {}).items():
            key = str(key)
            saved[key] = os.environ.get(key)
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = str(value)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                exec(compile(code, USER_CODE, "exec"), self.namespace)
        except KeyboardInterrupt:
            ending = "interrupted"
        except SystemExit:
            pass
        except Exception as exc:
            error = {"type": "error", "name": type(exc).__name__, "value": str(exc), "traceback": user_traceback(exc)}
        finally:
            out.flush()
            err.flush()
            for key, previous in saved.items():
                if previous is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = previous
            if error is not None:
                send(error)
            send({"type": "control", "text": ending})

    def handle(self, line: str) -> None:
        try:
            command = json.loads(line)
            envs = command.get("envs")
            if envs is not None and not isinstance(envs, dict):
                raise ValueError("envs must be an object")
            self.run(command.get("code", ""), envs)
        except json.JSONDecodeError as exc:
            send({"type": "error", "name": "JSONDecodeError", "value": str(exc), "traceback": ""})
        except Exception as exc:
            send({"type": "error", "name": type(exc).__name__, "value": str(exc), "traceback": ""})

    def serve(self) -> None:
        while not self.stopping:
            try:
                line = sys.stdin.readline()
                if not line:
                    return
                if line.strip():
                    self.handle(line.strip())
            except KeyboardInterrupt:
                continue
            except Exception as exc:
                sys.__stderr__.write(f"worker loop failed: {exc}\n")  # type: ignore[union-attr]
                return


if __name__ == "__main__":
    Worker().serve()
