"""A real S3 API server on 127.0.0.1 for the media storage tests: moto's server mode
(PyPI ``moto[server]``), which answers the S3 REST API the way AWS documents it
(https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html), so django-storages and
boto3 are exercised over HTTP exactly as against MinIO or AWS, with no mock inside
the code under test.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

KEY_ID, SECRET = "onshore-test-key", "onshore-test-secret"
REGION = "eu-west-1"


@dataclass(frozen=True)
class LocalS3:
    endpoint: str

    def client(self) -> object:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def create_bucket(self, name: str) -> None:
        self.client().create_bucket(  # type: ignore[attr-defined]
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )

    def keys(self, bucket: str) -> list[str]:
        found = self.client().list_objects_v2(Bucket=bucket)  # type: ignore[attr-defined]
        return sorted(item["Key"] for item in found.get("Contents", []))

    def media_url(self, bucket: str) -> str:
        """The ONSHORE_MEDIA_URL a user would write for this server and bucket."""
        return f"s3://{bucket}?endpoint={self.endpoint}&region={REGION}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def local_s3() -> Iterator[LocalS3]:
    """moto's S3 server on a free loopback port, stopped afterwards."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield LocalS3(f"http://127.0.0.1:{port}")
    finally:
        server.stop()
