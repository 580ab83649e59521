"""The public names of `facade` resolve, and importing the client stays cheap (lazy)."""

from __future__ import annotations

import subprocess
import sys

import facade


def test_every_public_name_resolves_and_is_listed_once() -> None:
    assert sorted(facade.__all__) == sorted(facade._EXPORTS)
    assert len(set(facade.__all__)) == len(facade.__all__)
    for name in facade.__all__:
        assert getattr(facade, name) is not None, name


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        facade.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("facade.NoSuchThing did not raise")


def test_importing_the_client_loads_no_model_operation_toolbox_module_nor_httpx() -> None:
    code = (
        "import sys\n"
        "from facade import AsyncDaytona, DaytonaConfig\n"
        "lazy = ('daytona_openapi.models.', 'facade._transfer', 'facade._process', 'facade._toolbox', 'httpx_ws')\n"
        "ops = [m for m in sys.modules if m.startswith('daytona_openapi.api.') and m.count('.') > 2]\n"
        "loaded = sorted(m for m in sys.modules if m in ('httpx', 'attrs') or m.startswith(lazy)) + ops\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"eagerly imported: {out}"
