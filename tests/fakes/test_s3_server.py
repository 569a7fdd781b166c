"""The local S3 server answers boto3 over HTTP on loopback: put, list, get, delete."""

from __future__ import annotations

from tests.fakes.s3_server import local_s3


def test_the_local_s3_server_stores_and_deletes_objects() -> None:
    with local_s3() as s3:
        assert s3.endpoint.startswith("http://127.0.0.1:")
        s3.create_bucket("check")
        client = s3.client()
        client.put_object(Bucket="check", Key="a/b.txt", Body=b"hello")  # type: ignore[attr-defined]
        assert s3.keys("check") == ["a/b.txt"]
        body = client.get_object(Bucket="check", Key="a/b.txt")["Body"].read()  # type: ignore[attr-defined]
        assert body == b"hello"
        client.delete_object(Bucket="check", Key="a/b.txt")  # type: ignore[attr-defined]
        assert s3.keys("check") == []
