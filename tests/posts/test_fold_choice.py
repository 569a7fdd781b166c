"""Once someone picks which 01:30 they meant on the night the clocks go back, the warning
that asked is gone and the post page shows the choice (Europe/London, 25 October 2026)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from onshore.posts import csvplan, editing
from onshore.posts.models import Post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # 25 October 2026 is in the future
]

FOLD_WARNING = "happens twice on 25 October 2026 in Europe/London"


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def scones(team: Any) -> Post:
    return editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )


@pytest.mark.parametrize(
    ("fold", "shown"),
    [
        ("0", "01:30 BST (UTC+01:00), the first of two"),
        ("1", "01:30 GMT (UTC+00:00), the second of two"),
    ],
)
def test_a_chosen_occurrence_replaces_the_warning(team: Any, fold: str, shown: str) -> None:
    post = scones(team)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/"
    page = manager(team).post(
        url, {"date": "2026-10-25", "time": "01:30", "fold": fold}, follow=True
    )
    text = page.content.decode()
    assert FOLD_WARNING not in text
    assert shown in text
    # And on a later visit, not only in the answer to the choice.
    again = manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    assert FOLD_WARNING not in again and shown in again


def test_an_import_that_took_the_first_keeps_the_warning_until_chosen(team: Any) -> None:
    plan = "market,networks,state,tags,text,link,local_date,local_time\n"
    plan += "GB,x,draft,,Fall back,,2026-10-25,01:30\n"
    report = csvplan.import_plan(
        team.members["contributor"], plan.encode(), csvplan.ImportOptions()
    )
    url = f"/w/{team.workspace.slug}/posts/{report.rows[0].post_id}/"
    assert FOLD_WARNING in manager(team).get(url).content.decode()
