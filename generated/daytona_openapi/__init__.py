"""A client library for accessing Daytona REST API (control plane and in-sandbox toolbox)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
