"""Importing a plan whose rows carry media from an https URL, on the Import page in
Chromium: a dry run leaves no file, the import attaches it, a file name is refused with
what to use instead; screenshots at 1366 × 900 and 390 × 844."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from onshore.media import remote
from onshore.media.models import Asset
from onshore.posts.models import Media
from tests.e2e.demo_session import EMMA
from tests.fakes.tls import Answer, TlsServer, routes_handler, serve_tls

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def harbour_jpeg() -> bytes:
    image = Image.new("RGB", (1200, 800), (40, 90, 150))
    for x in range(0, 1200, 80):
        image.paste((250, 250, 250), (x, 0, x + 30, 260))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def photo_host(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TlsServer, list[str]]]:
    """A local HTTPS server with one photo; loopback allowed, its certificate trusted."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    folder = tmp_path / "tls"
    folder.mkdir()
    routes: dict[str, Answer] = {
        "/shop/harbour-dawn.jpg": (200, {"content-type": "image/jpeg"}, harbour_jpeg())
    }
    requests: list[str] = []
    server = serve_tls(routes_handler(routes, requests), folder)
    monkeypatch.setattr(remote, "trust", lambda: server.trust)
    yield server, requests
    server.stop()


def submit(page: Any, csv_text: str, dry_run: bool) -> None:
    page.fill("#id_csv_text", csv_text)
    page.set_checked("#id_dry_run", dry_run)
    page.click("#import button[type=submit]")


def test_a_plan_with_a_photo_url_imports_on_the_import_page(
    live_server: Any,
    demo: str,
    log_in: Callable[[str], Any],
    screenshot_dir: Path,
    media_dir: Path,
    photo_host: tuple[TlsServer, list[str]],
) -> None:
    server, requests = photo_host
    url = server.url("/shop/harbour-dawn.jpg")
    plan = (
        "market,networks,text,media,alt_text\n"
        f"GB,mastodon,Morning light over the harbour,{url},Harbour at dawn with pine boats\n"
    )
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/posts/import/")
    expect(page.locator("#import-media-help")).to_contain_text("sha256:")

    submit(page, plan, dry_run=True)
    expect(page.locator("#import-report h2")).to_contain_text("can be imported")
    assert requests == ["/shop/harbour-dawn.jpg"]  # fetched and checked…
    assert not Asset.objects.exists()  # …and not kept by a dry run
    shoot(page, screenshot_dir, "csv-media-dry-run")

    submit(page, plan, dry_run=False)
    expect(page.locator("#import-report h2")).to_contain_text("Imported 1 post")
    (item,) = Media.objects.select_related("asset", "post")
    assert item.asset is not None and item.alt_text == "Harbour at dawn with pine boats"
    assert (item.asset.width, item.asset.height) == (1200, 800)
    shoot(page, screenshot_dir, "csv-media-imported")

    page.locator("#import-rows a").first.click()
    expect(page.locator("main")).to_contain_text("Morning light over the harbour")
    shoot(page, screenshot_dir, "csv-media-post")

    page.goto(f"{live_server.url}/w/{demo}/posts/import/")
    submit(page, plan.replace(url, "photos/harbour.jpg"), dry_run=True)
    refusal = page.locator("#import-errors tr[data-line='2']")
    expect(refusal).to_contain_text("media")
    expect(refusal).to_contain_text("is a file name")
    expect(refusal).to_contain_text("onshore import")
    shoot(page, screenshot_dir, "csv-media-file-name-refused")
