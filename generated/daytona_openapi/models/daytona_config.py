from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.daytona_config_announcements import DaytonaConfigAnnouncements
    from ..models.oidc_config import OidcConfig
    from ..models.posthog_config import PosthogConfig
    from ..models.rate_limit_config import RateLimitConfig


T = TypeVar("T", bound="DaytonaConfig")


@_attrs_define
class DaytonaConfig:
    """Public settings of a Daytona deployment.

    Attributes:
        version (str): Version of the Daytona service.
        oidc (OidcConfig): OpenID Connect settings used by the dashboard and CLI to log in.
        linked_accounts_enabled (bool): True when users may link several login accounts.
        announcements (DaytonaConfigAnnouncements): Active announcements, keyed by announcement ID.
        proxy_template_url (str): Template for preview URLs, with {{PORT}} and {{sandboxId}} placeholders.
        proxy_toolbox_url (str): Base URL of the toolbox proxy.
        default_snapshot (str): Snapshot used when a sandbox is created without one.
        dashboard_url (str): Address of the web dashboard.
        max_auto_archive_interval (float): Largest allowed auto-archive interval, in minutes.
        maintanance_mode (bool): True while the deployment is under maintenance (the name's spelling is the wire name).
        environment (str): Name of the deployment environment (e.g. production).
        posthog (PosthogConfig | Unset): Product-analytics (PostHog) settings.
        pylon_app_id (str | Unset): Pylon support-widget application ID.
        billing_api_url (str | Unset): Address of the billing API.
        analytics_api_url (str | Unset): Address of the analytics API.
        ssh_gateway_command (str | Unset): Command template for SSH access through the gateway.
        ssh_gateway_public_key (str | Unset): SSH gateway public key, base64-encoded.
        rate_limit (RateLimitConfig | Unset): Request rate limits in force, by kind of request.
    """

    version: str
    oidc: OidcConfig
    linked_accounts_enabled: bool
    announcements: DaytonaConfigAnnouncements
    proxy_template_url: str
    proxy_toolbox_url: str
    default_snapshot: str
    dashboard_url: str
    max_auto_archive_interval: float
    maintanance_mode: bool
    environment: str
    posthog: PosthogConfig | Unset = UNSET
    pylon_app_id: str | Unset = UNSET
    billing_api_url: str | Unset = UNSET
    analytics_api_url: str | Unset = UNSET
    ssh_gateway_command: str | Unset = UNSET
    ssh_gateway_public_key: str | Unset = UNSET
    rate_limit: RateLimitConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        oidc = self.oidc.to_dict()

        linked_accounts_enabled = self.linked_accounts_enabled

        announcements = self.announcements.to_dict()

        proxy_template_url = self.proxy_template_url

        proxy_toolbox_url = self.proxy_toolbox_url

        default_snapshot = self.default_snapshot

        dashboard_url = self.dashboard_url

        max_auto_archive_interval = self.max_auto_archive_interval

        maintanance_mode = self.maintanance_mode

        environment = self.environment

        posthog: dict[str, Any] | Unset = UNSET
        if not isinstance(self.posthog, Unset):
            posthog = self.posthog.to_dict()

        pylon_app_id = self.pylon_app_id

        billing_api_url = self.billing_api_url

        analytics_api_url = self.analytics_api_url

        ssh_gateway_command = self.ssh_gateway_command

        ssh_gateway_public_key = self.ssh_gateway_public_key

        rate_limit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rate_limit, Unset):
            rate_limit = self.rate_limit.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "oidc": oidc,
                "linkedAccountsEnabled": linked_accounts_enabled,
                "announcements": announcements,
                "proxyTemplateUrl": proxy_template_url,
                "proxyToolboxUrl": proxy_toolbox_url,
                "defaultSnapshot": default_snapshot,
                "dashboardUrl": dashboard_url,
                "maxAutoArchiveInterval": max_auto_archive_interval,
                "maintananceMode": maintanance_mode,
                "environment": environment,
            }
        )
        if posthog is not UNSET:
            field_dict["posthog"] = posthog
        if pylon_app_id is not UNSET:
            field_dict["pylonAppId"] = pylon_app_id
        if billing_api_url is not UNSET:
            field_dict["billingApiUrl"] = billing_api_url
        if analytics_api_url is not UNSET:
            field_dict["analyticsApiUrl"] = analytics_api_url
        if ssh_gateway_command is not UNSET:
            field_dict["sshGatewayCommand"] = ssh_gateway_command
        if ssh_gateway_public_key is not UNSET:
            field_dict["sshGatewayPublicKey"] = ssh_gateway_public_key
        if rate_limit is not UNSET:
            field_dict["rateLimit"] = rate_limit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.daytona_config_announcements import DaytonaConfigAnnouncements
        from ..models.oidc_config import OidcConfig
        from ..models.posthog_config import PosthogConfig
        from ..models.rate_limit_config import RateLimitConfig

        d = dict(src_dict)
        version = d.pop("version")

        oidc = OidcConfig.from_dict(d.pop("oidc"))

        linked_accounts_enabled = d.pop("linkedAccountsEnabled")

        announcements = DaytonaConfigAnnouncements.from_dict(d.pop("announcements"))

        proxy_template_url = d.pop("proxyTemplateUrl")

        proxy_toolbox_url = d.pop("proxyToolboxUrl")

        default_snapshot = d.pop("defaultSnapshot")

        dashboard_url = d.pop("dashboardUrl")

        max_auto_archive_interval = d.pop("maxAutoArchiveInterval")

        maintanance_mode = d.pop("maintananceMode")

        environment = d.pop("environment")

        _posthog = d.pop("posthog", UNSET)
        posthog: PosthogConfig | Unset
        if isinstance(_posthog, Unset):
            posthog = UNSET
        else:
            posthog = PosthogConfig.from_dict(_posthog)

        pylon_app_id = d.pop("pylonAppId", UNSET)

        billing_api_url = d.pop("billingApiUrl", UNSET)

        analytics_api_url = d.pop("analyticsApiUrl", UNSET)

        ssh_gateway_command = d.pop("sshGatewayCommand", UNSET)

        ssh_gateway_public_key = d.pop("sshGatewayPublicKey", UNSET)

        _rate_limit = d.pop("rateLimit", UNSET)
        rate_limit: RateLimitConfig | Unset
        if isinstance(_rate_limit, Unset):
            rate_limit = UNSET
        else:
            rate_limit = RateLimitConfig.from_dict(_rate_limit)

        daytona_config = cls(
            version=version,
            oidc=oidc,
            linked_accounts_enabled=linked_accounts_enabled,
            announcements=announcements,
            proxy_template_url=proxy_template_url,
            proxy_toolbox_url=proxy_toolbox_url,
            default_snapshot=default_snapshot,
            dashboard_url=dashboard_url,
            max_auto_archive_interval=max_auto_archive_interval,
            maintanance_mode=maintanance_mode,
            environment=environment,
            posthog=posthog,
            pylon_app_id=pylon_app_id,
            billing_api_url=billing_api_url,
            analytics_api_url=analytics_api_url,
            ssh_gateway_command=ssh_gateway_command,
            ssh_gateway_public_key=ssh_gateway_public_key,
            rate_limit=rate_limit,
        )

        daytona_config.additional_properties = d
        return daytona_config

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
