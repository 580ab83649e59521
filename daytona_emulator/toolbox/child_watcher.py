"""An asyncio child watcher for Python 3.11 that needs no threads (see ``watch_children_without_threads``)."""

from __future__ import annotations

import asyncio
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any

_installed = False


def watch_children_without_threads() -> None:
    """Python 3.11 waits for each asyncio child on a new thread, but no thread can be created while the
    forking thread points at another PID namespace; watch children through pidfds instead, on whichever
    loop started them (what Python 3.12 and later do by default)."""
    global _installed
    if sys.version_info >= (3, 12) or _installed:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        asyncio.set_child_watcher(_PidfdChildWatcher())
    _installed = True


class _PidfdChildWatcher(asyncio.AbstractChildWatcher):
    """Waits for each child through a pidfd read by the event loop that started it (no threads)."""

    def __init__(self) -> None:
        self._callbacks: dict[int, tuple[asyncio.AbstractEventLoop, int]] = {}

    def __enter__(self) -> _PidfdChildWatcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def is_active(self) -> bool:
        return True

    def close(self) -> None:
        return None

    def attach_loop(self, loop: asyncio.AbstractEventLoop | None) -> None:
        return None

    def add_child_handler(self, pid: int, callback: Callable[..., object], *args: Any) -> None:
        loop = asyncio.get_running_loop()
        pidfd = os.pidfd_open(pid)
        self._callbacks[pid] = (loop, pidfd)
        loop.add_reader(pidfd, self._do_wait, pid, callback, args)

    def _do_wait(self, pid: int, callback: Callable[..., object], args: tuple[Any, ...]) -> None:
        loop, pidfd = self._callbacks.pop(pid)
        loop.remove_reader(pidfd)
        try:
            _, status = os.waitpid(pid, 0)
            returncode = os.waitstatus_to_exitcode(status)
        except ChildProcessError:  # already reaped elsewhere
            returncode = 255
        os.close(pidfd)
        callback(pid, returncode, *args)

    def remove_child_handler(self, pid: int) -> bool:
        found = self._callbacks.pop(pid, None)
        if found is None:
            return False
        loop, pidfd = found
        loop.remove_reader(pidfd)
        os.close(pidfd)
        return True
