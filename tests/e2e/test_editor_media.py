"""Media in the editor, in Chromium (issue 16, points 1 and 6): a photo dropped on the
media area and one chosen with the file picker upload with a progress bar; alt text per
file; the second moved up from the keyboard; a file chosen from the library by its alt
text; saved, the previews show the images in that order, and the Posts list, the
review queue and the calendar show thumbnails. At 1366 × 900 and 390 × 844 (no
sideways scroll), with no serious or critical axe-core violation."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from onshore.media import library
from onshore.media.models import Asset
from onshore.posts import editing
from onshore.posts.models import Post, State
from onshore.workspaces.models import Membership
from tests.e2e.axe import describe, serious_violations
from tests.e2e.demo_session import EMMA, NOW, log_in_as_emma
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

TRACK_PROGRESS = """() => {
  window.__progressBars = 0;
  new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach(
    (node) => { if (node.querySelector && node.querySelector('progress')) window.__progressBars++; }
  ))).observe(document.getElementById('media-items'), {childList: true, subtree: true});
}"""

DROP = """([b64, name]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, {type: 'image/jpeg'}));
  return data;
}"""


def photo(path: Path, colour: tuple[int, int, int]) -> Path:
    image = Image.new("RGB", (1200, 800), colour)
    for x in range(0, 1200, 80):
        image.paste((245, 245, 245), (x, 0, x + 24, 260))
    image.save(path, format="JPEG", quality=90)
    return path


def check_page(page: Any, folder: Path, name: str) -> None:
    """Screenshots at both sizes; the page never scrolls sideways on a phone; axe."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.wait_for_timeout(150)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
        if size == "phone":
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{name} scrolls sideways on a phone: {width}px"
        violations = serious_violations(page)
        assert not violations, f"{name} at {size}:\n{describe(violations)}"
    page.set_viewport_size(SIZES["desktop"])


def test_uploading_ordering_and_choosing_media_in_the_editor(
    browser: Any,
    live_server: Any,
    demo: str,
    screenshot_dir: Path,
    media_dir: Path,
    tmp_path: Path,
) -> None:
    emma = Membership.objects.select_related("workspace").get(
        workspace__slug=demo, user__email=EMMA
    )
    lighthouse = photo(tmp_path / "lighthouse.jpg", (30, 30, 80))
    in_library, _ = library.add_upload(
        emma, [lighthouse.read_bytes()], "lighthouse.jpg", "Lighthouse at dusk"
    )
    page = log_in_as_emma(browser, live_server)
    page.goto(f"{live_server.url}/w/{demo}/posts/new/")
    page.fill("#id_text", "The harbour this morning, and the shop at noon.")
    page.check("input[name=networks][value=bluesky]")
    page.check("input[name=networks][value=instagram]")
    page.evaluate(TRACK_PROGRESS)

    # Dropped on the media area.
    dropped = photo(tmp_path / "harbour.jpg", (40, 110, 160))
    data = page.evaluate_handle(
        DROP, [base64.b64encode(dropped.read_bytes()).decode(), "harbour.jpg"]
    )
    page.dispatch_event("#media-drop", "drop", {"dataTransfer": data})
    expect(page.locator("#media-items [data-media-entry]")).to_have_count(1)
    expect(page.locator("#id_media_0_asset")).not_to_have_value("")
    # Chosen with the file picker.
    page.set_input_files("#media-files", str(photo(tmp_path / "shop.jpg", (180, 90, 40))))
    expect(page.locator("#media-items [data-media-entry]")).to_have_count(2)
    expect(page.locator("#media-status")).to_contain_text("shop.jpg uploaded")
    assert page.evaluate("window.__progressBars") >= 2  # one bar per file while it uploads
    expect(page.locator("#id_media_1_asset")).not_to_have_value("")
    harbour_id = page.input_value("#id_media_0_asset")
    shop_id = page.input_value("#id_media_1_asset")
    page.fill("#id_media_0_alt", "Harbour at dawn with fishing boats")
    page.fill("#id_media_1_alt", "The shop front at noon")

    # The shop photo moved first from the keyboard: focus its ↑ and press Enter.
    page.get_by_role("button", name="Move file 2 up").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_media_0_asset")).to_have_value(shop_id)
    expect(page.locator("#id_media_0_alt")).to_have_value("The shop front at noon")
    expect(page.locator("#id_media_1_asset")).to_have_value(harbour_id)
    expect(page.get_by_role("button", name="Move file 1 up")).to_be_disabled()

    # From the library, found by its alt text.
    page.click("#media-pick-open")
    expect(page.locator("#media-picker")).to_be_visible()
    page.fill("#media-picker-q", "lighthouse")
    choice = page.locator(f".picker-choose[data-asset='{in_library.pk}']")
    expect(page.locator(".picker-choose")).to_have_count(1)
    check_page(page, screenshot_dir, "editor-media-picker")
    choice.click()
    expect(page.locator("#media-picker")).to_be_hidden()
    expect(page.locator("#id_media_2_asset")).to_have_value(str(in_library.pk))
    expect(page.locator("#id_media_2_alt")).to_have_value("Lighthouse at dusk")
    # The live check's previews show the files as the form has them.
    expect(page.locator("#preview-cards .pv-bluesky .pv-grid img")).to_have_count(3)
    check_page(page, screenshot_dir, "editor-media")
    page.emulate_media(color_scheme="dark")  # dark mode follows the system setting
    check_page(page, screenshot_dir, "editor-media-dark")
    page.emulate_media(color_scheme="light")

    page.click("#post-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    post = Post.objects.get(workspace__slug=demo, text__startswith="The harbour this morning")
    saved = [(m["asset_id"], m["alt_text"]) for m in editing.media_items(post)]
    assert saved == [
        (int(shop_id), "The shop front at noon"),
        (int(harbour_id), "Harbour at dawn with fishing boats"),
        (in_library.pk, "Lighthouse at dusk"),
    ]
    bluesky = page.locator("#preview-cards .pv-bluesky .pv-grid img")
    expect(bluesky).to_have_count(3)
    expect(bluesky.first).to_have_attribute("alt", "The shop front at noon")
    bluesky.first.scroll_into_view_if_needed()  # lazy: loads once near the viewport
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=bluesky.first.element_handle()
    )
    expect(page.locator("#preview-cards .pv-instagram .pv-count-badge")).to_have_text("1/3")
    check_page(page, screenshot_dir, "editor-media-saved")

    # Thumbnails where posts are listed.
    page.goto(f"{live_server.url}/w/{demo}/posts/?q=harbour+this+morning")
    expect(page.locator(f"#posts tr[data-post='{post.pk}'] img")).to_have_attribute(
        "alt", "The shop front at noon"
    )
    check_page(page, screenshot_dir, "posts-list-media")

    Post.objects.filter(pk=post.pk).update(state=State.IN_REVIEW)
    page.goto(f"{live_server.url}/w/{demo}/review/?q=harbour+this+morning")
    expect(page.locator(f"#queue tr[data-post='{post.pk}'] img")).to_have_count(1)
    check_page(page, screenshot_dir, "review-queue-media")

    day = (NOW + timedelta(days=2)).replace(hour=10)
    Post.objects.filter(pk=post.pk).update(state=State.SCHEDULED, scheduled_at=day)
    page.goto(f"{live_server.url}/w/{demo}/calendar/?date={day:%Y-%m-%d}")
    entry = page.locator(f".entry[data-post='{post.pk}'] .media-count").first
    expect(entry).to_contain_text("3")
    check_page(page, screenshot_dir, "calendar-media")


PASTE = """([b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], 'image.png', {type: 'image/png'}));
  const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
  document.getElementById('id_text').dispatchEvent(event);
  return event.defaultPrevented;
}"""


def test_a_pasted_image_uploads_and_remove_takes_it_off(
    browser: Any, live_server: Any, demo: str, media_dir: Path, tmp_path: Path
) -> None:
    page = log_in_as_emma(browser, live_server)
    page.goto(f"{live_server.url}/w/{demo}/posts/new/")
    page.fill("#id_text", "A screenshot of the new menu.")
    shot = tmp_path / "menu.png"
    Image.new("RGB", (400, 300), (240, 200, 60)).save(shot, format="PNG")
    assert page.evaluate(PASTE, [base64.b64encode(shot.read_bytes()).decode()])
    expect(page.locator("#media-status")).to_contain_text("uploaded")
    expect(page.locator("#id_media_0_asset")).not_to_have_value("")
    assert page.input_value("#id_text") == "A screenshot of the new menu."  # text untouched
    page.get_by_role("button", name="Remove file 1").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#media-items [data-media-entry]")).to_have_count(0)
    expect(page.locator("#media-status")).to_contain_text("stays in the library")


def test_an_upload_can_be_cancelled_before_it_ends(
    browser: Any, live_server: Any, demo: str, media_dir: Path, tmp_path: Path
) -> None:
    page = log_in_as_emma(browser, live_server)
    page.goto(f"{live_server.url}/w/{demo}/posts/new/")
    # The upload never gets an answer (held at the browser's network seam): it stays
    # in progress until Cancel.
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route("**/media/upload/**", hold)
    page.set_input_files("#media-files", str(photo(tmp_path / "big.jpg", (30, 90, 160))))
    cancel = page.get_by_role("button", name="Cancel uploading big.jpg")
    expect(cancel).to_be_visible()
    expect(page.locator("#media-items progress")).to_have_count(1)
    cancel.click()
    expect(page.locator("#media-items [data-media-entry]")).to_have_count(0)
    expect(page.locator("#media-status")).to_contain_text("Upload of big.jpg cancelled")
    assert held, "the upload was sent"
    assert not Asset.objects.filter(original_name="big.jpg").exists()


def test_without_javascript_a_file_is_moved_by_its_position(
    browser: Any, live_server: Any, team: Any, media_dir: Path, tmp_path: Path, screenshot_dir: Path
) -> None:
    member = team.members["manager"]
    files = [
        library.add_upload(member, [photo(tmp_path / f"{n}.jpg", c).read_bytes()], f"{n}.jpg", n)[0]
        for n, c in (("Harbour", (30, 30, 80)), ("Counter", (180, 90, 40)))
    ]
    post = editing.create_post(
        member,
        editing.PostChanges(
            text="The harbour, then the counter.",
            market=team.gb,
            media=[{"asset_id": asset.pk, "alt_text": asset.alt_text} for asset in files],
        ),
    )
    context = browser.new_context(viewport=SIZES["phone"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "manager@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Log in')")
    page.goto(f"{live_server.url}/w/{team.workspace.slug}/posts/{post.pk}/")
    # The script's ↑/↓ and Remove would do nothing here: they are hidden.
    expect(page.get_by_role("button", name="Move file 1 up")).to_be_hidden()
    page.get_by_label("Position", exact=True).nth(1).fill("1")
    page.get_by_label("Position", exact=True).nth(0).fill("2")
    page.screenshot(path=str(screenshot_dir / "positions-typed-phone.png"), full_page=True)
    page.click("button:has-text('Save changes')")
    page.wait_for_load_state()
    assert [item.asset_id for item in post.media.order_by("id")] == [files[1].pk, files[0].pk]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the editor scrolls sideways on a phone: {width}px"
    context.close()
