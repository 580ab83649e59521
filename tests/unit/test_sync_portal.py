"""The sync machinery (``facade._portal``) on a small async class, without a server: coroutine and plain
methods run on the client's loop thread, results are converted (async objects, async iterators, lists), sync
arguments are passed on as their async objects, errors pass through unchanged, ``async with`` becomes
``with``, ``_experimental_*`` methods are forwarded and private ones are not."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from facade import DaytonaError, DaytonaNotFoundError
from facade._portal import _Portal, _Proxy, _sync_class


class AsyncThing:
    def __init__(self, n: int = 0) -> None:
        self.n, self.entered, self.exited = n, 0, 0

    async def child(self) -> AsyncThing:
        return AsyncThing(self.n + 1)

    async def children(self) -> list[AsyncThing]:
        return [AsyncThing(1), AsyncThing(2)]

    async def is_me(self, other: AsyncThing) -> bool:
        return other is self

    async def items(self) -> AsyncIterator[AsyncThing]:
        async def generate() -> AsyncIterator[AsyncThing]:
            for n in range(3):
                yield AsyncThing(n)

        return generate()

    def thread_name(self) -> str:
        return threading.current_thread().name

    async def fail(self) -> None:
        raise DaytonaNotFoundError("Failed to find: nothing here")

    async def __aenter__(self) -> AsyncThing:
        self.entered += 1
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.exited += 1

    async def _experimental_answer(self) -> int:
        return 42

    async def _private(self) -> None:
        raise AssertionError("not forwarded")


AsyncThing.__module__ = "facade._example"  # the machinery converts the facade's own Async* classes


@pytest.fixture
def thing() -> Iterator[_Proxy]:
    portal = _Portal()
    try:
        yield _sync_class(AsyncThing)(AsyncThing(), portal)
    finally:
        portal.close()
    assert not portal.thread.is_alive()


def test_methods_run_on_the_loop_thread_and_results_are_converted(thing: _Proxy) -> None:
    sync_thing = _sync_class(AsyncThing)
    assert sync_thing.__name__ == "Thing"
    assert thing.thread_name() == "daytona-sync-loop" != threading.current_thread().name  # type: ignore[attr-defined]
    child = thing.child()  # type: ignore[attr-defined]
    assert isinstance(child, sync_thing) and child.n == 1
    assert [c.n for c in thing.children()] == [1, 2]  # type: ignore[attr-defined]
    assert all(isinstance(c, sync_thing) for c in thing.children())  # type: ignore[attr-defined]
    items = thing.items()  # type: ignore[attr-defined]
    assert isinstance(items, Iterator) and [i.n for i in items] == [0, 1, 2]


def test_sync_arguments_are_passed_as_their_async_objects(thing: _Proxy) -> None:
    assert thing.is_me(thing) is True  # type: ignore[attr-defined]
    assert thing.is_me(other=thing) is True  # type: ignore[attr-defined]
    assert thing.is_me(thing.child()) is False  # type: ignore[attr-defined]


def test_errors_pass_through_unchanged(thing: _Proxy) -> None:
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to find: nothing here$"):
        thing.fail()  # type: ignore[attr-defined]


def test_async_with_becomes_with_and_returns_the_same_object(thing: _Proxy) -> None:
    with thing as entered:
        assert entered is thing
    assert (thing.entered, thing.exited) == (1, 1)  # type: ignore[attr-defined]


def test_experimental_methods_are_forwarded_private_ones_are_not(thing: _Proxy) -> None:
    assert thing._experimental_answer() == 42  # type: ignore[attr-defined]
    assert "_private" not in vars(_sync_class(AsyncThing))
    with pytest.raises(AttributeError):
        thing._private  # noqa: B018


def test_attributes_are_read_and_written_on_the_async_object(thing: _Proxy) -> None:
    thing.n = 7
    assert thing._target.n == 7 and thing.n == 7  # type: ignore[attr-defined]


def test_a_call_from_the_loop_thread_raises_and_a_closed_portal_refuses() -> None:
    portal = _Portal()
    thing = _sync_class(AsyncThing)(AsyncThing(), portal)
    with pytest.raises(RuntimeError, match="own event loop thread"):
        portal.call(lambda: thing.thread_name())  # type: ignore[attr-defined]
    portal.close()
    with pytest.raises(DaytonaError, match="closed"):
        thing.thread_name()  # type: ignore[attr-defined]
