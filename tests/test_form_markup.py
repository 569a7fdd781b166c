"""includes/form.html: each field's help and error are tied to it for screen readers.

Django 5.2 writes aria-describedby="<id>_helptext" (or "<id>_error" with aria-invalid
when the field has errors) into the widget; the ids must exist in the page, else the
reference points nowhere and the error is only seen, not heard.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def described_by_ids_are_present(html: str) -> list[str]:
    """The aria-describedby ids of the page that no element carries (should be none)."""
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    wanted = {i for group in re.findall(r'aria-describedby="([^"]+)"', html) for i in group.split()}
    return sorted(wanted - ids)


def test_an_invalid_field_points_at_its_error(team: Any) -> None:
    client = team.client("owner")
    html = client.post("/w/new/", {"name": "", "home_country": "GB"}).content.decode()
    assert 'aria-invalid="true" aria-describedby="id_name_error"' in html
    assert re.search(r'id="id_name_error"><span class="error" data-field="name">Name: ', html)
    assert described_by_ids_are_present(html) == []


def test_help_texts_are_tied_to_their_fields(team: Any) -> None:
    html = team.client("owner").get(f"/w/{team.workspace.slug}/settings/").content.decode()
    assert 'aria-describedby="id_home_timezone_helptext"' in html
    assert described_by_ids_are_present(html) == []
