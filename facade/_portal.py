"""The synchronous client, ``Daytona`` / ``Sandbox`` and their services, made from the async classes at run time.

There is no second copy of the API: each :class:`Daytona` owns one event loop in a daemon thread (a *portal*,
as anyio's blocking portal), and every sync method runs the async method of the same name on that loop and
waits for it, so names, arguments, results and errors are the async API's. Results are converted on the way
out: an ``AsyncX`` object becomes its sync ``X`` (``AsyncSandbox`` -> ``Sandbox``, ``AsyncFileSystem`` ->
``FileSystem``, ...), an async iterator (``Daytona.list``, ``fs.download_file_stream``) becomes an iterator
that fetches each item on the loop, ``async with`` becomes ``with``; sync objects given as arguments are
passed on as their async ones. Callbacks (``on_stdout``, ``on_progress``, ``on_data``, ...) run on the loop's
thread; they may be plain functions or coroutine functions, and must not call the sync client (that raises
``RuntimeError`` rather than deadlocking). Type checkers see real sync signatures in ``_sync.pyi``, written
from the async classes by ``make generate``.
"""

from __future__ import annotations

import asyncio
import atexit
import inspect
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ._client import AsyncDaytona
from ._config import DaytonaConfig
from ._errors import DaytonaError
from ._sandbox import AsyncSandbox

_END = object()  # what an exhausted async iterator gives the portal
#: Async special methods and the sync names they get.
_DUNDERS = {"__aenter__": "__enter__", "__aexit__": "__exit__"}


def forwarded(name: str) -> bool:
    """Whether the sync classes get the method ``name``: public ones, ``_experimental_*`` (public, as in the
    official SDK) and the ``async with`` pair."""
    return not name.startswith("_") or name.startswith("_experimental_") or name in _DUNDERS


def sync_annotation(text: Any) -> Any:
    """An async annotation as the sync API's: ``AsyncX`` -> ``X``, ``AsyncIterator`` -> ``Iterator``, the
    awaitable ``SandboxList`` -> ``Iterator[Sandbox]`` (``AsyncIterable`` arguments stay: the loop reads them)."""
    if not isinstance(text, str):  # no annotation
        return text
    return re.sub(r"\bAsync(?!Iterable\b)(\w+)", r"\1", re.sub(r"\bSandboxList\b", "Iterator[AsyncSandbox]", text))


async def _run(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    result = fn(*args, **kwargs)
    return await result if inspect.isawaitable(result) and not hasattr(result, "__aiter__") else result


class _Portal:
    """An event loop in a daemon thread that runs the calls of one sync client."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._main, name="daytona-sync-loop", daemon=True)
        self.thread.start()

    def _main(self) -> None:
        self.loop.run_forever()  # no set_event_loop: all code here runs in the loop, whose running loop is current
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.run_until_complete(self.loop.shutdown_default_executor())
        self.loop.close()

    def _check_thread(self) -> None:
        if threading.current_thread() is self.thread:
            raise RuntimeError(
                "The sync Daytona client was called from its own event loop thread (from a callback?), which "
                "would deadlock; use the async API (or hand the work to another thread) there"
            )

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(*args, **kwargs)`` on the loop, awaiting it if it returns an awaitable; wait for the result.

        Raises:
            RuntimeError: If called from the loop's own thread.
            DaytonaError: If the client is closed.
        """
        self._check_thread()
        if not self.thread.is_alive():
            raise DaytonaError("The Daytona client is closed; use sandboxes only inside its lifetime")
        future = asyncio.run_coroutine_threadsafe(_run(fn, args, kwargs), self.loop)
        try:
            return future.result()
        finally:
            future.cancel()  # nothing when done; stops the call when waiting was interrupted (Ctrl-C)

    def close(self) -> None:
        """Stop the loop (closing async generators left open) and wait for its thread to end."""
        self._check_thread()
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()


class _Proxy:
    """A sync view of an async object: methods run on the client's loop, attributes are read from the object."""

    _target: Any
    _portal: _Portal

    def __init__(self, target: object, portal: _Portal) -> None:
        vars(self).update(_target=target, _portal=portal)  # past __setattr__, which writes to the target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = _wrap(getattr(self._target, name), self._portal)
        if isinstance(value, _Proxy):  # services: one sync object each
            object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._target, name, value)

    def __repr__(self) -> str:
        text = repr(self._target)
        return text.removeprefix("Async") if text.startswith("Async") else object.__repr__(self)


def _unwrap(value: object) -> object:
    return value._target if isinstance(value, _Proxy) else value


def _wrap(value: Any, portal: _Portal) -> Any:
    """``value`` as the sync API returns it (see the module docstring)."""
    kind = type(value)
    if kind.__name__.startswith("Async") and kind.__module__.startswith("facade."):
        return _sync_class(kind)(value, portal)
    if hasattr(value, "__aiter__"):
        return _iterate(value.__aiter__(), portal)
    return [_wrap(item, portal) for item in value] if isinstance(value, list) else value


def _iterate(iterator: Any, portal: _Portal) -> Iterator[Any]:
    """Iterate an async iterator from another thread, one item per call on the loop (closed when left early)."""
    try:
        while (item := portal.call(anext, iterator, _END)) is not _END:
            yield _wrap(item, portal)
    finally:
        if hasattr(iterator, "aclose") and portal.thread.is_alive() and threading.current_thread() != portal.thread:
            portal.call(iterator.aclose)


def _method(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """The sync method for the async method ``name`` (``fn``): same signature, run on the portal."""

    def method(self: _Proxy, *args: Any, **kwargs: Any) -> Any:
        kwargs = {key: _unwrap(value) for key, value in kwargs.items()}
        result = self._portal.call(getattr(self._target, name), *map(_unwrap, args), **kwargs)
        return self if result is self._target else _wrap(result, self._portal)

    signature = inspect.signature(fn)
    params = [p.replace(annotation=sync_annotation(p.annotation)) for p in signature.parameters.values()]
    returns = sync_annotation(signature.return_annotation)
    method.__signature__ = signature.replace(parameters=params, return_annotation=returns)  # type: ignore[attr-defined]
    method.__name__ = method.__qualname__ = _DUNDERS.get(name, name)
    method.__doc__ = fn.__doc__
    return method


_CLASSES: dict[type, type[_Proxy]] = {}


def _sync_class(cls: type, base: type[_Proxy] = _Proxy) -> type[_Proxy]:
    """The sync class of the async class ``cls`` (made once): ``base`` with a method per public method of ``cls``
    that ``base`` does not define itself."""
    if cls not in _CLASSES:
        namespace: dict[str, Any] = {"__module__": "facade", "__doc__": f"Synchronous :class:`~facade.{cls.__name__}`."}
        members: dict[str, object] = {n: v for klass in reversed(cls.__mro__[:-1]) for n, v in vars(klass).items()}
        for name, fn in members.items():
            if inspect.isfunction(fn) and forwarded(name) and _DUNDERS.get(name, name) not in vars(base):
                namespace[_DUNDERS.get(name, name)] = _method(name, fn)
        _CLASSES[cls] = type(cls.__name__.removeprefix("Async"), (base,), namespace)
    return _CLASSES[cls]


class _Client(_Proxy):
    """What the sync client adds to forwarding: its event loop thread is started and stopped with it (at exit at
    the latest, for programs that never close their client)."""

    def __init__(self, config: DaytonaConfig | None = None) -> None:
        """Create a client from ``config`` (as :class:`AsyncDaytona`) and start its event loop thread."""
        portal = _Portal()
        try:
            super().__init__(portal.call(AsyncDaytona, config), portal)
        except BaseException:
            portal.close()
            raise
        atexit.register(self.close)

    def close(self) -> None:
        """Close the connection pool, then stop the event loop thread (safe to call more than once)."""
        atexit.unregister(self.close)
        if self._portal.thread.is_alive():
            try:
                self._portal.call(self._target.close)
            finally:
                self._portal.close()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


Daytona = _sync_class(AsyncDaytona, _Client)
Sandbox = _sync_class(AsyncSandbox)
