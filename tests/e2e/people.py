"""Steps the browser tests share: signing up through the confirmation e-mail, and
screenshots at desktop and phone size. (A module, not a conftest: tests import it.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core import mail

PASSWORD = "plum-orchard-lantern-42"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def sign_up(page: Any, name: str, email: str, site: str, *, email_prefilled: bool = False) -> None:
    """Sign up, then open the confirmation link mailed to ``email`` and confirm."""
    page.fill("#id_name", name)
    if not email_prefilled:
        page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Sign up')")
    page.wait_for_selector("h1:has-text('Check your e-mail')")
    (sent,) = [m for m in mail.outbox if m.to == [email] and "/signup/confirm/" in m.body]
    link = re.search(r"https?://[^/\s]+(/signup/confirm/\S+)", sent.body).group(1)
    page.goto(site + link)
    page.click("button:has-text('Confirm and log in')")


def shoot(page: Any, folder: Path, name: str, full_page: bool = True) -> None:
    """Save ``name``-desktop.png and ``name``-phone.png, and go back to desktop size."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=full_page)
    page.set_viewport_size(SIZES["desktop"])
