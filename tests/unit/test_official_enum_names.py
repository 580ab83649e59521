"""The official SDK's enums exist under its names (``GpuType``, ``SandboxClass``, ``SandboxListSortField``,
``SandboxListSortDirection``, ``ChartType``), with its values and member names, and the sort enums go on the wire as
their values."""

from __future__ import annotations

import daytona
import pytest

import facade
from facade import ListSandboxesQuery, SandboxListSortDirection, SandboxListSortField

NAMES = ["GpuType", "SandboxClass", "SandboxListSortField", "SandboxListSortDirection", "ChartType"]
# The generated client's enum values are the service's; the official SDK adds an "unknown" member of its own.
OFFICIAL_ONLY = {"UNKNOWN_DEFAULT_OPEN_API"}


@pytest.mark.parametrize("name", NAMES)
def test_every_official_member_has_the_same_value(name: str) -> None:
    ours, theirs = getattr(facade, name), getattr(daytona, name)
    assert name in facade.__all__
    for member in theirs:
        if member.name not in OFFICIAL_ONLY:
            assert ours[member.name] == member.value, member
            assert isinstance(ours[member.name], str)
    assert {m.value for m in ours} == {m.value for m in theirs if m.name not in OFFICIAL_ONLY}


def test_sort_enums_are_sent_as_their_values() -> None:
    query = ListSandboxesQuery(sort=SandboxListSortField.CREATEDAT, order=SandboxListSortDirection.DESC)
    params = query.to_query_params()
    assert ("sort", "createdAt") in params and ("order", "desc") in params
    assert SandboxListSortField.CREATEDAT is SandboxListSortField.CREATED_AT  # the official name is an alias


async def test_list_accepts_the_sort_enums_and_sends_their_values() -> None:
    import httpx

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [], "nextCursor": None})

    client = facade.AsyncDaytona._from_transport(
        facade.DaytonaConfig(api_key="key", api_url="http://api.test"), httpx.MockTransport(answer)
    )
    try:
        query = ListSandboxesQuery(sort=SandboxListSortField.LASTACTIVITYAT, order=SandboxListSortDirection.ASC)
        assert await client.list(query) == []
    finally:
        await client.close()
    assert seen[0].url.params["sort"] == "lastActivityAt" and seen[0].url.params["order"] == "asc"
