"""Every network a post can carry works end to end (issue 12, point 4).

Posts offered Facebook while the checker did not know it: the editor, findings, submit,
request changes, the live check, CSV import and the Review queue answered 500. The
networks are now one table (marketfit.NETWORK_RULES); this walks each value through
every page and API call that checks a post.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from onshore import marketfit
from onshore.posts.models import Network, Post, State

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_posts_model_and_the_checker_know_the_same_networks() -> None:
    assert tuple(Network.values) == marketfit.NETWORKS
    assert marketfit.count_length("Tea time", "facebook") == (8, 63_206)


@pytest.mark.parametrize("network", Network.values)
def test_every_network_walks_through_the_workflow(team: Any, network: str) -> None:
    slug = team.workspace.slug
    contributor, reviewer = team.client("contributor"), team.client("reviewer")
    api = f"/api/v1/workspaces/{slug}"

    created = contributor.post(
        f"{api}/posts",
        json.dumps(
            {
                "market_id": team.gb.pk,
                "text": "Our autumn blend is back on Friday.",
                "networks": [network],
                "variants": {network: f"Autumn blend, for {network}."},
                # Instagram has no text-only post: without media the checker's error
                # (media.required) would rightly hold the submit below.
                "media": [
                    {
                        "kind": "image",
                        "description": "the autumn blend bag",
                        "alt_text": "A bag of our autumn blend on the counter",
                    }
                ],
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content[:300]
    post_id = created.json()["id"]

    assert contributor.get(f"/w/{slug}/posts/{post_id}/").status_code == 200
    live = contributor.post(
        f"/w/{slug}/check/",
        {"text": "Our autumn blend", "market": team.gb.pk, "networks": [network]},
    )
    assert live.status_code == 200 and network in live.content.decode()
    assert contributor.get(f"{api}/posts/{post_id}/findings").status_code == 200

    submitted = contributor.post(f"/w/{slug}/posts/{post_id}/action/", {"action": "submit"})
    assert submitted.status_code == 302
    assert Post.objects.get(pk=post_id).state == State.IN_REVIEW
    queue = reviewer.get(f"/w/{slug}/review/")
    assert queue.status_code == 200 and "Our autumn blend" in queue.content.decode()

    changes = reviewer.post(
        f"{api}/posts/{post_id}/actions",
        json.dumps({"action": "request_changes", "note": "Say which Friday."}),
        content_type="application/json",
    )
    assert changes.status_code == 200, changes.content[:300]
    assert changes.json()["state"] == State.CHANGES_REQUESTED

    csv = f"market,networks,text\nGB,{network},Imported for {network}\n"
    page_import = contributor.post(
        f"/w/{slug}/posts/import/", {"csv_text": csv, "date_format": "auto"}
    )
    assert page_import.status_code == 200, page_import.content[:300]
    api_import = contributor.post(
        f"{api}/posts/import", json.dumps({"csv": csv}), content_type="application/json"
    )
    assert api_import.status_code == 201, api_import.content[:300]
    imported = Post.objects.filter(text=f"Imported for {network}")
    assert [post.networks for post in imported] == [[network], [network]]
