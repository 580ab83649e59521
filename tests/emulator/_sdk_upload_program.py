"""An official-SDK program (run by test_official_sdk_build_context.py in its own process): build a snapshot from
an Image with a local file and a requirements file, which uploads the build context to the object storage."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from daytona import AsyncDaytona, CreateSnapshotParams, DaytonaConfig, Image


async def main(api_url: str, api_key: str, workdir: Path, name: str) -> None:
    image = (
        Image.debian_slim("3.12")
        .add_local_file(workdir / "app.py", "/app/app.py")
        .pip_install_from_requirements(str(workdir / "requirements.txt"))
    )
    async with AsyncDaytona(DaytonaConfig(api_key=api_key, api_url=api_url, target="us")) as daytona:
        snapshot = await daytona.snapshot.create(CreateSnapshotParams(name=name, image=image))
        print(f"STATE {snapshot.state.value if hasattr(snapshot.state, 'value') else snapshot.state}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]))
