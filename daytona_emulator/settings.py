"""Configuration of one emulator instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class EmulatorSettings:
    """Knobs of the emulator. Every field has a default suited to tests.

    ``transition_delay`` is how long each intermediate lifecycle state lasts (``creating``,
    ``starting``, ``stopping``, ``archiving``, ``resizing``, ...). ``build_duration`` is how long an
    image build (``building_snapshot`` of a sandbox, ``building``/``pulling`` of a snapshot) lasts;
    the official SDK only looks at a snapshot's state once a second, so a build shorter than that
    is never seen in progress. Both may be 0, which makes every transition immediate.

    The organization's per-sandbox limits (``max_cpu_per_sandbox``, ``max_memory_per_sandbox`` GiB,
    ``max_disk_per_sandbox`` GiB) default to a new organization's (4, 8, 10), as the service's
    ``Organization`` entity has them. ``start_wait_seconds`` is how long ``POST /sandbox`` and
    ``POST /sandbox/{id}/start`` wait for ``started`` before answering (30 in the service).
    ``ssh_gateway_api_key`` and ``health_check_api_key`` are the service's machine keys: the only keys
    that ``GET /sandbox/ssh-access/validate`` and ``GET /health/ready`` accept.
    ``sandbox_resize_enabled`` is the ``sandbox_resize`` feature flag (off: ``resize`` answers 404).
    ``sandbox_isolation`` gives each sandbox its own mount and PID namespaces where the machine allows
    it (Linux, root, util-linux ``unshare``); False (or ``DAYTONA_EMULATOR_ISOLATION=off``) runs sandbox
    processes on the host instead.
    """

    api_key: str = "emulator-api-key"
    transition_delay: float = 0.2
    build_duration: float = 1.2
    host: str = "127.0.0.1"
    port: int = 0
    data_dir: Path | None = None
    organization_id: str = "0e6b2ec8-6f4a-4c8e-9a55-1f6f0f0e0001"
    default_region: str = "us"
    regions: tuple[str, ...] = ("us", "eu")
    default_snapshot: str = "daytonaio/sandbox:0.5.0"
    default_user: str = "daytona"
    default_cpu: int = 1
    default_memory_gib: int = 1
    default_disk_gib: int = 3
    build_fail_marker: str = "emulator-fail-build"
    version: str = "0.190.0-emulator"
    extra_api_keys: tuple[str, ...] = field(default_factory=tuple)
    # Whether sandboxes have the computer-use plugin (Daytona's sandbox image ships it); without it every
    # /computeruse route but the recordings answers 503, as the daemon does when the plugin failed to load.
    computer_use_plugin: bool = True
    max_cpu_per_sandbox: int = 4
    max_memory_per_sandbox: int = 8
    max_disk_per_sandbox: int = 10
    max_auto_archive_interval: int = 43200
    start_wait_seconds: float = 30.0
    ssh_gateway_api_key: str = "emulator-ssh-gateway-key"
    # The key /health/ready answers (the API's HEALTH_CHECK_API_KEY).
    health_check_api_key: str = "emulator-health-check-key"
    sandbox_resize_enabled: bool = True
    sandbox_isolation: bool = True

    def __post_init__(self) -> None:
        if self.transition_delay < 0 or self.build_duration < 0:
            raise ValueError("delays must be non-negative")
        if self.data_dir is not None:
            self.data_dir = Path(self.data_dir)

    def accepts_token(self, token: str) -> bool:
        """Whether ``token`` is a user's API key (any organization route accepts it)."""
        return token == self.api_key or token in self.extra_api_keys

    def token_role(self, token: str) -> str | None:
        """The auth context a bearer token gives: ``user``, ``ssh-gateway``, ``health-check`` or None (invalid)."""
        if token == self.ssh_gateway_api_key:
            return "ssh-gateway"
        if token == self.health_check_api_key:
            return "health-check"
        return "user" if self.accepts_token(token) else None
