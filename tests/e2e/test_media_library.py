"""The media library in Chromium: upload a phone photo (its GPS gone, shown upright as a
thumbnail), a PNG named .jpg, a truncated file refused by name, search by alt text and
the storage used, at 1366 × 900 and 390 × 844."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from onshore.media.models import Asset
from onshore.workspaces.models import Membership
from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page: Any, folder: Path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def photo(path: Path, colour: tuple[int, int, int], fmt: str = "JPEG", **extra: Any) -> Path:
    image = Image.new("RGB", (900, 600), colour)
    for x in range(0, 900, 60):  # stripes, so the thumbnail shows which way is up
        image.paste((250, 250, 250), (x, 0, x + 20, 200))
    image.save(path, format=fmt, **extra)
    return path


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° to view
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 26.0)
    return exif


def upload(page: Any, file: Path, alt: str) -> None:
    page.set_input_files("#media-file", str(file))
    page.fill("#media-alt", alt)
    page.click("#upload-form button[type=submit]")


def test_uploading_searching_and_refusals(
    live_server: Any,
    demo: str,
    log_in: Callable[[str], Any],
    screenshot_dir: Path,
    media_dir: Path,
    tmp_path: Path,
) -> None:
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/media/")
    expect(page.locator("#media-empty")).to_contain_text("No media yet")
    expect(page.locator("#storage-used")).to_contain_text("0 bytes in 0 files")
    shoot(page, screenshot_dir, "library-empty")

    upload(
        page, photo(tmp_path / "IMG_0042.jpg", (40, 90, 150), exif=phone_exif()), "Harbour at dawn"
    )
    expect(page.locator(".messages")).to_contain_text("Uploaded: Harbour at dawn.")
    item = page.locator(".media-item").first
    expect(item).to_contain_text("600 × 900")  # turned upright from its EXIF orientation
    thumb = item.locator("img")
    expect(thumb).to_have_attribute("alt", "Harbour at dawn")
    # Served by onshore to a member: the thumbnail decodes (lazy, so wait for it).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle(), timeout=5000
    )

    upload(page, photo(tmp_path / "screenshot.jpg", (200, 120, 40), fmt="PNG"), "Price list")
    expect(page.locator(".media-item")).to_have_count(2)
    assert Asset.objects.get(alt_text="Price list").mime == "image/png"
    stored = Asset.objects.get(alt_text="Harbour at dawn")
    assert b"GPS" not in (media_dir / stored.file_name).read_bytes()
    expect(page.locator("#storage-used")).to_contain_text("in 2 files")
    shoot(page, screenshot_dir, "library")

    whole = (tmp_path / "IMG_0042.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    upload(page, tmp_path / "cut.jpg", "Half a photo")
    expect(page.locator("#upload-error")).to_contain_text("cut.jpg is truncated or damaged")
    expect(page.locator("#media-alt")).to_have_value("Half a photo")  # kept for the retry
    shoot(page, screenshot_dir, "library-refused")

    page.fill("#media-q", "price")
    page.click("#media-search button")
    expect(page.locator(".media-item")).to_have_count(1)
    expect(page.locator(".media-item")).to_contain_text("Price list")
    shoot(page, screenshot_dir, "library-search")


def test_a_reviewer_sees_the_library_without_the_upload_form(
    live_server: Any, demo: str, log_in: Callable[[str], Any], media_dir: Path
) -> None:
    reviewer = Membership.objects.get(workspace__slug=demo, role="reviewer")
    page = log_in(reviewer.user.email)
    page.goto(f"{live_server.url}/w/{demo}/media/")
    expect(page.locator("h1")).to_have_text("Media")
    expect(page.locator("#media-search")).to_be_visible()
    expect(page.locator("#upload-form")).to_have_count(0)
