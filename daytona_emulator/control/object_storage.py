"""The object storage behind ``/object-storage/push-access``: where SDKs upload image build contexts.

Served for real by moto's S3 and STS on loopback, over HTTPS (the official SDK's object store refuses plain
HTTP), with a certificate from a CA made for this process: ``ca_file`` is where that CA's PEM is, for clients
that must trust it. The server starts on the first push-access, once per process (moto's import takes a
couple of seconds); each emulator gets its own bucket. Push access is an STS ``AssumeRole`` limited to the
organization's prefix, as the API does it, so the credentials are temporary ones moto accepts.
"""

from __future__ import annotations

import atexit
import datetime as dt
import ipaddress
import json
import os
import secrets
import shutil
import ssl
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

CONTEXT_TAR = "context.tar"
ROLE_ARN = "arn:aws:iam::123456789012:role/daytona-context-push"
REGION = "us-east-1"
# Credentials the emulator itself uses with moto (moto accepts any; these never leave the process).
_ADMIN = {"aws_access_key_id": "emulator-admin", "aws_secret_access_key": "emulator-admin", "region_name": REGION}


@dataclass
class _Server:
    """One moto S3/STS server for the whole process."""

    endpoint: str
    ca_file: str
    stop: Any


_lock = threading.Lock()
_server: _Server | None = None
_clients: dict[str, Any] = {}


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1 / localhost signed by it (PEM files in ``directory``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Daytona emulator object storage CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_file, cert_file, key_file = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_file.write_bytes(ca_cert.public_bytes(pem))
    cert_file.write_bytes(cert.public_bytes(pem))
    key_file.write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    os.chmod(key_file, 0o600)
    return ca_file, cert_file, key_file


def _start() -> _Server:
    """moto's S3 and STS on an HTTPS loopback port, served from a daemon thread."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    directory = Path(tempfile.mkdtemp(prefix="daytona-emulator-s3-"))
    ca_file, cert_file, key_file = _certificates(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            """No access log on the console."""

    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler, ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, name="emulator-object-storage", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        thread.join(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)

    atexit.register(stop)
    return _Server(f"https://127.0.0.1:{server.server_port}", str(ca_file), stop)


def shared_server() -> _Server:
    """The process's storage server, started on first use."""
    global _server
    with _lock:
        if _server is None:
            _server = _start()
        return _server


class ObjectStorage:
    """One emulator's build-context bucket on the shared server."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        # Bucket names are global in S3 (and in moto's process-wide backend): one per emulator.
        self.bucket = f"daytona-contexts-{secrets.token_hex(4)}"
        self._bucket_ready = False

    @property
    def started(self) -> bool:
        return _server is not None

    @property
    def endpoint(self) -> str:
        return shared_server().endpoint

    @property
    def ca_file(self) -> str:
        """PEM of the CA that signed the storage's certificate (trust it to reach ``endpoint``)."""
        return shared_server().ca_file

    def client(self, service: str) -> Any:
        """A boto3 client on the storage server with the emulator's own credentials (made once per service)."""
        with _lock:
            found = _clients.get(service)
        if found is None:
            import boto3  # type: ignore[import-untyped]

            server = shared_server()
            found = boto3.client(service, endpoint_url=server.endpoint, verify=server.ca_file, **_ADMIN)
            with _lock:
                _clients.setdefault(service, found)
        return found

    def _ensure_bucket(self) -> None:
        if not self._bucket_ready:
            self.client("s3").create_bucket(Bucket=self.bucket)
            self._bucket_ready = True

    def push_access(self, organization_id: str) -> dict[str, Any]:
        """Temporary credentials that may put and get objects under ``<bucket>/<organization_id>/``."""
        self._ensure_bucket()
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:PutObject", "s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{self.bucket}/{organization_id}/*"],
                },
                {
                    "Effect": "Allow",
                    "Action": ["s3:ListBucket"],
                    "Resource": [f"arn:aws:s3:::{self.bucket}"],
                    "Condition": {"StringLike": {"s3:prefix": [organization_id, f"{organization_id}/*"]}},
                },
            ],
        }
        assumed = self.client("sts").assume_role(
            RoleArn=ROLE_ARN,
            RoleSessionName=f"daytona-{organization_id}-{secrets.token_hex(4)}",
            DurationSeconds=3600,
            Policy=json.dumps(policy),
        )["Credentials"]
        return {
            "accessKey": assumed["AccessKeyId"],
            "secret": assumed["SecretAccessKey"],
            "sessionToken": assumed["SessionToken"],
            "storageUrl": self.endpoint,
            "organizationId": organization_id,
            "bucket": self.bucket,
        }

    def keys(self) -> list[str]:
        """Every object key in this emulator's bucket (empty before the storage is first used)."""
        if not self.started or not self._bucket_ready:
            return []
        pages = self.client("s3").get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    def read(self, key: str) -> bytes:
        body = self.client("s3").get_object(Bucket=self.bucket, Key=key)["Body"]
        return bytes(body.read())

    def context_problem(self, organization_id: str, hashes: list[str]) -> str | None:
        """What the runner reports when it cannot fetch a build's context objects, or None when it can.

        The runner reads ``<organization>/<hash>/context.tar`` for each hash, in order; a missing object or
        an empty one fails the build.
        """
        present = set(self.keys())
        for context_hash in hashes:
            key = f"{organization_id}/{context_hash}/{CONTEXT_TAR}"
            if key not in present:
                return (
                    f"failed to get tar from storage with hash {context_hash}: "
                    "failed to read object data: The specified key does not exist."
                )
            if not self.read(key):
                return f"empty tar file received for hash {context_hash}"
        return None
