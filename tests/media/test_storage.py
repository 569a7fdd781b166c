"""Media storage: ONSHORE_MEDIA_URL read strictly, and a round trip through a real S3
API server on loopback (moto's server mode): upload, thumbnail, serve, signed link,
delete, with the objects counted in the bucket."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from onshore.config import ConfigError, media_storage
from onshore.media import library, storage
from onshore.media.models import Asset
from tests.fakes.s3_server import KEY_ID, SECRET, LocalS3, local_s3

BUCKET = "onshore-media"


def test_no_url_means_the_data_directory(tmp_path: Path) -> None:
    chosen = media_storage("", tmp_path)
    assert chosen["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["OPTIONS"] == {"location": str(tmp_path / "media"), "base_url": None}


def test_an_s3_url_gives_private_path_style_storage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONSHORE_MEDIA_KEY_ID", "id")
    monkeypatch.setenv("ONSHORE_MEDIA_SECRET", "secret")
    chosen = media_storage("s3://bucket/team-a?endpoint=http://127.0.0.1:9000&region=x", tmp_path)
    options = chosen["OPTIONS"]
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert isinstance(options, dict)
    assert options["bucket_name"] == "bucket" and options["location"] == "team-a"
    assert options["endpoint_url"] == "http://127.0.0.1:9000" and options["region_name"] == "x"
    assert options["default_acl"] is None and options["addressing_style"] == "path"
    assert (options["access_key"], options["secret_key"]) == ("id", "secret")


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("ftp://bucket", "expected s3://bucket"),
        ("s3://bucket?endpoint=file:///etc", "endpoint must be http(s)"),
        ("s3://bucket?colour=blue", "unknown option 'colour'"),
    ],
)
def test_a_bad_media_url_names_the_variable(url: str, named: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ONSHORE_MEDIA_URL") as refused:
        media_storage(url, tmp_path)
    assert named in str(refused.value)


def test_a_key_without_its_secret_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONSHORE_MEDIA_KEY_ID", "id")
    monkeypatch.delenv("ONSHORE_MEDIA_SECRET", raising=False)
    with pytest.raises(ConfigError, match="set both or neither"):
        media_storage("s3://bucket", tmp_path)


@pytest.fixture
def s3_media(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalS3]:
    """STORAGES['media'] built from ONSHORE_MEDIA_URL for a local S3 server."""
    monkeypatch.setenv("ONSHORE_MEDIA_KEY_ID", KEY_ID)
    monkeypatch.setenv("ONSHORE_MEDIA_SECRET", SECRET)
    with local_s3() as s3:
        s3.create_bucket(BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "media": media_storage(s3.media_url(BUCKET), tmp_path),
        }
        yield s3


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (500, 250), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_round_trip_through_s3(team: Any, s3_media: LocalS3) -> None:
    slug = team.workspace.slug
    file = io.BytesIO(png_bytes())
    file.name = "harbour.png"
    answer = team.client("contributor").post(
        f"/w/{slug}/media/", {"file": file, "alt_text": "Harbour"}
    )
    assert answer.status_code == 302
    asset = Asset.objects.get()
    assert s3_media.keys(BUCKET) == sorted([asset.file_name, asset.thumbnail_name])
    served = team.client("viewer").get(f"/w/{slug}/media/{asset.pk}/file/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (500, 250)
    thumb = team.client("viewer").get(f"/w/{slug}/media/{asset.pk}/thumbnail/")
    assert Image.open(io.BytesIO(b"".join(thumb.streaming_content))).size == (320, 160)
    signed = storage.signed_url(asset, "thumbnail").split("/", 3)[3]
    assert Client().get("/" + signed).status_code == 200
    assert team.client("outsider").get(f"/w/{slug}/media/{asset.pk}/file/").status_code == 404
    assert library.delete_asset(asset) > 0
    assert s3_media.keys(BUCKET) == []
