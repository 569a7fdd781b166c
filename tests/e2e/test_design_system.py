"""The page frame and design system as people meet them (issue 15, points 1, 3 and 6).

For a manager and a contributor of the demo workspace, at 1366 × 900 and 390 × 844, in
light and dark: the skip link comes first and jumps to the page; the sidebar marks the
page you are on; on a phone the sidebar waits behind the menu button (aria-expanded,
Escape closes it); no page scrolls sideways at 390 px; dark mode really darkens the
page; avatars show initials. Screenshots of every page go to
test-results/e2e/<test>/<role>-<scheme>-<page>-<size>.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from onshore.accounts.models import User
from onshore.demo import DEMO_PASSWORD
from onshore.posts.models import Post
from onshore.workspaces.models import Membership, Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OLIVER = "oliver@harbourpine.example"  # manager
SOPHIE = "sophie@turnerwrites.example"  # contributor

# (sidebar label, path under /w/<slug>/, roles that see it in the sidebar)
PAGES = [
    ("Posts", "posts/", {"manager", "contributor"}),
    ("Calendar", "calendar/", {"manager", "contributor"}),
    ("Media", "media/", {"manager", "contributor"}),
    ("Review", "review/", {"manager"}),
    ("Team", "team/", {"manager", "contributor"}),
    ("Hours", "team/hours/", {"manager", "contributor"}),
    ("Time", "time/", {"contributor"}),
    ("Invitations", "invitations/", {"manager"}),
    ("Channels", "channels/", {"manager"}),
    ("Costs", "costs/", {"manager"}),
    ("Settings", "settings/", {"manager"}),
]


@pytest.fixture
def contexts(browser: Any) -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for context in opened:
        context.close()


def open_as(browser: Any, contexts: list[Any], site: str, email: str, scheme: str) -> Any:
    """A fresh browser context in ``scheme`` ("light" or "dark"), logged in as ``email``."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button:has-text('Log in')")
    expect(page.locator("header.top .who")).to_be_visible()
    return page


def sideways_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def background(page: Any) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def luminance(css_rgb: str) -> float:
    red, green, blue = (int(n) for n in re.findall(r"\d+", css_rgb)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def a_post_path(slug: str) -> str:
    post = Post.objects.filter(workspace__slug=slug).order_by("pk").first()
    assert post is not None
    return f"posts/{post.pk}/"


def test_skip_link_comes_first_and_jumps_to_the_page(
    browser: Any, contexts: list[Any], live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    page = open_as(browser, contexts, live_server.url, OLIVER, "light")
    page.goto(f"{live_server.url}/w/{demo}/calendar/")
    skip = page.locator("a.skip-link")
    expect(skip).not_to_be_in_viewport()  # out of sight until the keyboard reaches it
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.text]")
    assert focused == ["skip-link", "Skip to content"], focused
    expect(skip).to_be_in_viewport()
    page.screenshot(path=str(screenshot_dir / "skip-link-focused.png"))
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    assert page.evaluate("document.activeElement.id") == "content"
    # The next Tab goes into the page, not back through the header and sidebar.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('content').contains(document.activeElement)")


def test_the_sidebar_marks_the_page_you_are_on(
    browser: Any, contexts: list[Any], live_server: Any, demo: str
) -> None:
    page = open_as(browser, contexts, live_server.url, OLIVER, "light")
    nav = page.locator("nav.workspace-nav")
    for label, path, roles in PAGES:
        if "manager" not in roles:
            continue
        page.goto(f"{live_server.url}/w/{demo}/{path}")
        expect(nav).to_be_visible()
        current = nav.locator("[aria-current=page]")
        expect(current).to_have_count(1)
        expect(current).to_have_text(label)
    # A page below Costs still marks Costs; the post page marks Posts.
    page.goto(f"{live_server.url}/w/{demo}/costs/what-if/")
    expect(nav.locator("[aria-current=page]")).to_have_text("Costs")
    page.goto(f"{live_server.url}/w/{demo}/{a_post_path(demo)}")
    expect(nav.locator("[aria-current=page]")).to_have_text("Posts")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_menu_button_opens_the_sidebar(
    browser: Any,
    contexts: list[Any],
    live_server: Any,
    demo: str,
    screenshot_dir: Path,
    scheme: str,
) -> None:
    page = open_as(browser, contexts, live_server.url, SOPHIE, scheme)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/w/{demo}/posts/")
    button = page.get_by_role("button", name="Menu")
    nav = page.locator("nav.workspace-nav")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / f"{scheme}-phone-menu-closed.png"))

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Time")).to_be_visible()  # a contributor's page
    expect(nav.get_by_role("link", name="Costs")).to_have_count(0)  # not a contributor's
    assert nav.get_by_role("link", name="Posts").get_attribute("aria-current") == "page"
    page.screenshot(path=str(screenshot_dir / f"{scheme}-phone-menu-open.png"))

    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.classList.contains('menu-button')")

    # Through the menu to another page.
    button.click()
    nav.get_by_role("link", name="Calendar").click()
    page.wait_for_url(re.compile(r"/calendar/"))
    expect(nav).to_be_hidden()

    # The user menu fits the phone: the avatar opens it, Escape closes it.
    page.locator(".user-menu summary").click()
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_visible()
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(screenshot_dir / f"{scheme}-phone-user-menu.png"))
    page.keyboard.press("Escape")
    expect(log_out).to_be_hidden()

    # On a wide screen there is no menu button: the sidebar is always there.
    page.set_viewport_size(DESKTOP)
    expect(button).to_be_hidden()
    expect(nav).to_be_visible()


@pytest.mark.parametrize(("role", "email"), [("manager", OLIVER), ("contributor", SOPHIE)])
def test_no_page_scrolls_sideways_and_dark_mode_darkens(
    browser: Any,
    contexts: list[Any],
    live_server: Any,
    demo: str,
    screenshot_dir: Path,
    role: str,
    email: str,
) -> None:
    paths = [(label.lower(), path) for label, path, roles in PAGES if role in roles]
    paths.append(("post", a_post_path(demo)))
    backgrounds: dict[str, float] = {}
    too_wide: dict[str, int] = {}
    for scheme in ("light", "dark"):
        page = open_as(browser, contexts, live_server.url, email, scheme)
        for name, path in paths:
            page.set_viewport_size(DESKTOP)
            page.goto(f"{live_server.url}/w/{demo}/{path}")
            # A template comment Django did not strip (a {# #} over two lines) shows as text.
            assert "{#" not in page.inner_text("main"), f"{name}: a template comment shows"
            shot = f"{role}-{scheme}-{name}"
            page.screenshot(path=str(screenshot_dir / f"{shot}-desktop.png"), full_page=True)
            page.set_viewport_size(PHONE)
            if overflow := sideways_overflow(page):
                too_wide[f"{scheme} {name}"] = overflow
            page.screenshot(path=str(screenshot_dir / f"{shot}-phone.png"), full_page=True)
        backgrounds[scheme] = luminance(background(page))
    assert not too_wide, f"pages wider than a 390 px phone (px too wide): {too_wide}"
    assert backgrounds["light"] > 0.9 and backgrounds["dark"] < 0.15, backgrounds


def test_avatars_show_initials(
    browser: Any, contexts: list[Any], live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    page = open_as(browser, contexts, live_server.url, OLIVER, "light")
    page.goto(f"{live_server.url}/w/{demo}/team/")
    expect(page.locator("header.top .user-menu .avatar")).to_have_text("OH")
    expect(page.locator("header.top .who")).to_have_text("Oliver Hughes")
    row = page.locator('tr[data-member="priya@brightwave.example"]')
    expect(row.locator(".avatar")).to_have_text("PR")
    expect(row.locator(".avatar")).to_have_attribute("aria-hidden", "true")
    colours = page.eval_on_selector_all(
        "#team .avatar", "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert len(set(colours)) >= 3, colours  # people are told apart, not all one colour

    # The user menu opens from the avatar and closes on Escape.
    page.locator(".user-menu summary").click()
    expect(page.get_by_role("link", name="API tokens")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "user-menu-open.png"))
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="API tokens")).to_be_hidden()

    # Comments and history name people with their avatars too.
    page.goto(f"{live_server.url}/w/{demo}/{a_post_path(demo)}")
    expect(page.locator("ol.events .avatar").first).to_have_text(re.compile(r"^[A-Z?]{1,2}$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_login_page_has_the_frame_without_a_workspace(
    browser: Any, contexts: list[Any], live_server: Any, screenshot_dir: Path, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("a.skip-link")).to_have_count(1)
    expect(page.locator(".menu-button, nav.workspace-nav")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(screenshot_dir / f"login-{scheme}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshot_dir / f"login-{scheme}-desktop.png"), full_page=True)


def test_the_workspace_menu_lists_your_workspaces(
    browser: Any, contexts: list[Any], live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    """The switcher fetches the list when first opened (no query on every page)."""
    oliver = User.objects.get(email=OLIVER)
    other = Workspace.objects.create(name="Fjord & Fern Studio", home_country="NO")
    Membership.objects.create(
        workspace=other, user=oliver, role="contributor", relation="freelancer"
    )
    page = open_as(browser, contexts, live_server.url, OLIVER, "light")
    page.goto(f"{live_server.url}/w/{demo}/calendar/")
    switcher = page.locator("details.workspace-switcher")
    expect(switcher.locator("summary")).to_contain_text("Harbour & Pine Coffee")
    switcher.locator("summary").click()
    other_link = switcher.get_by_role("link", name="Fjord & Fern Studio")
    expect(other_link).to_be_visible()
    expect(switcher.get_by_role("link", name="Harbour & Pine Coffee")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "workspace-menu-open.png"))
    other_link.click()
    page.wait_for_url(re.compile(rf"/w/{other.slug}/$"))
    expect(page.locator("details.workspace-switcher summary")).to_contain_text("Fjord & Fern")


def test_the_costs_key_column_stays_in_view(
    browser: Any, contexts: list[Any], live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    """Costs by engagement is wider than the page; Cost per post stays at its right edge."""
    page = open_as(browser, contexts, live_server.url, OLIVER, "light")
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/w/{demo}/costs/")
        table = page.locator("table.costs.engagements")
        box = table.locator("xpath=..").bounding_box()  # the scrolling box around it
        key = table.locator("thead th").last
        expect(key).to_have_text("Cost per post")
        cell = key.bounding_box()
        assert cell is not None and box is not None
        assert cell["x"] + cell["width"] <= box["x"] + box["width"] + 1, (name, cell, box)
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"costs-engagements-{name}.png"))


def test_without_javascript_the_phone_gets_the_sidebar_as_a_list(
    browser: Any, contexts: list[Any], live_server: Any, demo: str, screenshot_dir: Path
) -> None:
    page = open_as(browser, contexts, live_server.url, SOPHIE, "light")
    cookies = page.context.cookies()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    contexts.append(context)
    context.add_cookies(cookies)  # the same session, in a browser without script
    page = context.new_page()
    page.goto(f"{live_server.url}/w/{demo}/team/")
    expect(page.locator(".menu-button")).to_be_hidden()  # a button that could do nothing
    nav = page.locator("nav.workspace-nav")
    expect(nav.get_by_role("link", name="Calendar")).to_be_visible()
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(screenshot_dir / "no-script-phone.png"))
