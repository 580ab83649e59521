"""``daytona.volume``: shared volumes that sandboxes can mount (``VolumeMount``).

Every failure is a typed :class:`~facade.errors.DaytonaError` (a missing volume is
:class:`~facade.errors.DaytonaNotFoundError`), never a raw client exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import DaytonaConflictError, DaytonaError, DaytonaNotFoundError, DaytonaValidationError

if TYPE_CHECKING:
    from daytona_openapi.models import Volume as VolumeDto

    from .._api import ApiContext

__all__ = ["AsyncVolumeService", "Volume"]


@dataclass(frozen=True)
class Volume:
    """A volume.

    Attributes:
        id: Volume ID (use it, or the name, as ``VolumeMount.volume_id``).
        name: Volume name.
        organization_id: Owning organization.
        state: Lifecycle state (``pending_create``, ``creating``, ``ready``, ``error``, ...).
        created_at: When it was created (ISO 8601).
        updated_at: When it last changed (ISO 8601).
        last_used_at: When a sandbox last used it, if ever.
        error_reason: Why it failed, if it did.
    """

    id: str
    name: str
    organization_id: str
    state: str
    created_at: str
    updated_at: str
    last_used_at: str | None
    error_reason: str | None

    @classmethod
    def _from_dto(cls, dto: VolumeDto) -> Volume:
        from daytona_openapi.types import Unset

        last_used, error_reason = dto.last_used_at, dto.error_reason
        return cls(
            id=dto.id,
            name=dto.name,
            organization_id=dto.organization_id,
            state=str(dto.state),
            created_at=dto.created_at,
            updated_at=dto.updated_at,
            last_used_at=None if isinstance(last_used, Unset) else last_used,
            error_reason=None if isinstance(error_reason, Unset) else error_reason,
        )


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise DaytonaValidationError("volume name must be a non-empty string")
    return name


class AsyncVolumeService:
    """Create, find, list and delete volumes. Reached as ``daytona.volume``."""

    def __init__(self, ctx: ApiContext) -> None:
        """Internal: use ``AsyncDaytona.volume``."""
        self._ctx = ctx

    def __repr__(self) -> str:
        return "AsyncVolumeService()"

    async def _call(self, op: Any, *args: Any, error_prefix: str, **kwargs: Any) -> Any:
        if self._ctx.closed:
            raise DaytonaError(f"{error_prefix}the AsyncDaytona client is closed")
        return await self._ctx.call(op, *args, error_prefix=error_prefix, **kwargs)

    async def list(self) -> list[Volume]:
        """Return every volume of the organization. Sends ``GET /volumes``."""
        from daytona_openapi.api.volumes import list_volumes

        items = await self._call(list_volumes, error_prefix="Failed to list volumes: ")
        return [Volume._from_dto(item) for item in items or []]

    async def get(self, name: str, create: bool = False) -> Volume:
        """Return the volume called ``name``; with ``create=True``, create it if it is missing.

        Sends ``GET /volumes/by-name/{name}``, and ``POST /volumes`` when it is missing and
        ``create`` is set (if another client creates it at the same moment, the existing one
        is returned).

        Raises:
            DaytonaValidationError: If ``name`` is empty.
            DaytonaNotFoundError: If there is no such volume and ``create`` is False.
            DaytonaError: On other failures.
        """
        name = _check_name(name)
        if not isinstance(create, bool):
            raise DaytonaValidationError("create must be True or False")
        from daytona_openapi.api.volumes import get_volume_by_name

        prefix = "Failed to get volume: "
        try:
            return Volume._from_dto(await self._call(get_volume_by_name, name, error_prefix=prefix))
        except DaytonaNotFoundError:
            if not create:
                raise
        try:
            return await self.create(name)
        except DaytonaConflictError:
            return Volume._from_dto(await self._call(get_volume_by_name, name, error_prefix=prefix))

    async def create(self, name: str) -> Volume:
        """Create a volume called ``name``. Sends ``POST /volumes`` with ``{"name"}``.

        Raises:
            DaytonaValidationError: If ``name`` is empty.
            DaytonaConflictError: If a volume with that name exists.
            DaytonaError: On other failures.
        """
        name = _check_name(name)
        from daytona_openapi.api.volumes import create_volume
        from daytona_openapi.models import CreateVolume

        dto = await self._call(create_volume, body=CreateVolume(name=name), error_prefix="Failed to create volume: ")
        return Volume._from_dto(dto)

    async def delete(self, volume: Volume | str) -> None:
        """Delete a volume (a :class:`Volume` or its ID). Sends ``DELETE /volumes/{id}``.

        Raises:
            DaytonaNotFoundError: If it does not exist.
            DaytonaError: On other failures.
        """
        volume_id = volume.id if isinstance(volume, Volume) else volume
        if not isinstance(volume_id, str) or not volume_id.strip():
            raise DaytonaValidationError("volume must be a Volume or a non-empty volume ID")
        from daytona_openapi.api.volumes import delete_volume

        await self._call(delete_volume, volume_id, error_prefix="Failed to delete volume: ")
