"""An :class:`~facade.Image`'s local build context: hashed and uploaded as the official SDK 0.190.0 does it.

Each local file or directory of an image is one context entry ``(local path, archive path)``, made by
:mod:`facade._image` (the archive path is the local path normalised, without drive or leading separators).
Before a sandbox or snapshot is built from the image, :func:`upload_context` asks
``GET /object-storage/push-access`` for temporary S3 credentials, hashes each entry (MD5 over the archive
path, then per file its path relative to the entry and its bytes, in ``os.walk`` order; an empty directory
adds its relative path), and uploads it as ``{organizationId}/{hash}/context.tar`` (a tar of the entry under
its archive path) unless a ``HEAD`` finds it there already. The hashes go into the request's
``buildInfo.contextHashes``, so the service's build cache keys are the official SDK's. Files are read, hashed
and archived in 64 KiB chunks: a tar written by a thread into a pipe is streamed as a multipart upload
(``obstore``, imported on first upload), so memory stays flat whatever the files' size. The S3 secret and
session token never reach a message.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from . import _errors as errors

if TYPE_CHECKING:
    from daytona_openapi.models import CreateBuildInfo, StorageAccess
    from obstore.store import S3Store

    from ._http import Endpoint

CHUNK = 64 * 1024
#: Parts of 5 MiB (S3's smallest) uploaded at most two at a time: bounds the memory of one upload.
_PART_SIZE, _PARTS_IN_FLIGHT = 5 * 1024 * 1024, 2
_ERRORS = dict(PermissionDenied=errors.DaytonaAuthorizationError, Unauthenticated=errors.DaytonaAuthenticationError)
_environ_lock = threading.Lock()


def context_hash(source: str, archive: str) -> str:
    """The official SDK's content hash of one context entry (hex MD5; see the module docstring)."""
    import hashlib

    md5 = hashlib.md5(archive.encode(), usedforsecurity=False)
    absolute = os.path.abspath(source)
    if not os.path.isdir(absolute):  # a file; open raises FileNotFoundError when it is gone (os.walk would not)
        _feed(md5.update, absolute)
    for root, dirs, files in os.walk(absolute):  # nothing for a file
        if not dirs and not files:
            md5.update(os.path.relpath(root, absolute).encode())
        for name in files:
            md5.update(os.path.relpath(os.path.join(root, name), absolute).encode())
            _feed(md5.update, os.path.join(root, name))
    return md5.hexdigest()


def _feed(update: Callable[[bytes], object], path: str) -> None:
    """Pass the bytes of the file at ``path`` to ``update`` in chunks."""
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            update(chunk)


async def _tar_chunks(source: str, archive: str) -> AsyncIterator[bytes]:
    """The tar of ``source`` under ``archive`` (``tarfile`` stream mode, as the official SDK writes it), in
    chunks: a thread writes it into a pipe, read here; a failed read of a file fails the iteration."""
    import tarfile

    read_fd, write_fd = os.pipe()
    reader, writer = os.fdopen(read_fd, "rb"), os.fdopen(write_fd, "wb")
    failure: list[BaseException] = []

    def write() -> None:
        try:
            with writer, tarfile.open(fileobj=writer, mode="w|") as tar:
                tar.add(os.path.normpath(source), arcname=archive)
        except BaseException as exc:  # BrokenPipeError when the upload stopped reading, or an unreadable file
            failure.append(exc)

    thread = threading.Thread(target=write, name="facade-context-tar", daemon=True)
    thread.start()
    try:
        while chunk := await asyncio.to_thread(reader.read, CHUNK):
            yield chunk
    finally:
        reader.close()  # a writer still running gets BrokenPipeError and stops
        await asyncio.to_thread(thread.join)
    if failure:
        raise errors.DaytonaValidationError(f"build context {source!r} could not be read: {failure[0]}") from failure[0]


def _store(access: StorageAccess) -> S3Store:
    """An ``obstore`` S3 store for the push credentials, built without the process's ``AWS_*`` variables
    (as the official SDK isolates it), so only the service's endpoint, bucket and credentials count."""
    from obstore.store import S3Store

    with _environ_lock:
        saved = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("AWS_")}
        try:
            return S3Store(
                access.bucket, endpoint=access.storage_url, access_key_id=access.access_key,
                secret_access_key=access.secret, session_token=access.session_token,
                client_options={"allow_http": access.storage_url.startswith("http://")},
            )  # fmt: skip
        finally:
            os.environ.update(saved)


async def _upload(store: S3Store, key: str, source: str, archive: str) -> None:
    """Put ``source``'s tar at ``key`` unless ``HEAD`` finds the object there already."""
    with contextlib.suppress(FileNotFoundError):
        await store.head_async(key)
        return
    await store.put_async(key, _tar_chunks(source, archive), chunk_size=_PART_SIZE, max_concurrency=_PARTS_IN_FLIGHT)


async def upload_context(api: Endpoint, build_info: CreateBuildInfo | None, image: object) -> None:
    """Upload ``image``'s build context (see the module docstring) and set ``build_info.context_hashes``.

    Does nothing for a registry image or an image without local files. Raises ``DaytonaValidationError``
    when a local path can no longer be read (before anything is sent), the ``push-access`` call's errors, and
    ``DaytonaError`` subclasses for storage failures (authorization, authentication, connection).
    """
    contexts: tuple[tuple[str, str], ...] = getattr(image, "_context", ())
    if build_info is None or not contexts:
        return
    try:  # before anything is sent
        hashes = [await asyncio.to_thread(context_hash, source, archive) for source, archive in contexts]
    except OSError as exc:
        raise errors.DaytonaValidationError(f"build context can no longer be read: {exc}") from exc
    from daytona_openapi.api.object_storage import get_object_storage_push_access as push_access

    access = await api.send(push_access.request(), "Failed to get object storage push access: ")
    store = _store(access)
    for (source, archive), digest in zip(contexts, hashes, strict=True):
        try:
            await _upload(store, f"{access.organization_id}/{digest}/context.tar", source, archive)
        except errors.DaytonaError:
            raise
        except Exception as exc:  # obstore's errors: the first line (no debug dump), without the credentials
            text = " ".join(str(exc).split("Debug source:")[0].split())[:1000] or type(exc).__name__
            for secret in filter(None, (access.secret, access.session_token, access.access_key)):
                text = text.replace(secret, "***")
            kind = _ERRORS.get(type(exc).__name__.removesuffix("Error"), errors.DaytonaConnectionError)
            raise kind(f"Failed to upload build context {archive!r}: {text}") from None
    build_info.context_hashes = hashes
