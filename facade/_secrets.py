"""Generated models that carry secrets, wrapped so that ``repr`` (logs, tracebacks, debuggers) never shows them.

Each class *is* the generated model (same fields, constructor, ``to_dict``/``from_dict``); only ``repr`` differs.
Loaded on first use, like the generated models themselves.
"""

from daytona_openapi import models as m


class PortPreviewUrl(m.PortPreviewUrl):
    """A preview URL of one port: the generated model, with ``token`` (send it as the ``x-daytona-preview-token``
    header while the sandbox is private) kept out of ``repr``."""

    def __repr__(self) -> str:
        return f"PortPreviewUrl(sandbox_id={self.sandbox_id!r}, url={self.url!r})"


class SignedPortPreviewUrl(m.SignedPortPreviewUrl):
    """A signed preview URL (the token is in the URL) of one port: the generated model, with the token masked in
    ``repr`` (pass ``token`` to ``expire_signed_preview_url`` to revoke the URL early)."""

    def __repr__(self) -> str:
        url = self.url.replace(self.token, "***") if self.token else self.url
        return f"SignedPortPreviewUrl(sandbox_id={self.sandbox_id!r}, port={self.port!r}, url={url!r})"


class SshAccessDto(m.SshAccess):
    """An SSH access grant: the generated model, with ``token`` (the SSH user name, a secret) and ``ssh_command``
    (which contains it) kept out of ``repr``."""

    def __repr__(self) -> str:
        times = f"expires_at={self.expires_at!r}, created_at={self.created_at!r}, updated_at={self.updated_at!r}"
        return f"SshAccessDto(id={self.id!r}, sandbox_id={self.sandbox_id!r}, {times})"
