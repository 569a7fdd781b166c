"""Manage → Style guide: who reads and edits it, the findings it adds to a post's check,
the TOML export and all-or-nothing import, proposals learned from review, and the
count of rework rounds a style rule would have prevented."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.checks import check_post
from onshore.posts.models import Dismissal, Post
from onshore.posts.style_learning import proposals, replacements, rework_rounds
from onshore.workspaces import style_guides
from onshore.workspaces.models import StyleGuide

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def page(team: Any) -> str:
    return f"/w/{team.workspace.slug}/style-guide/"


def logged_in(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


GUIDE_FORM = {
    "preferred": "sale -> offer\nclick here → see the details",
    "banned": "cheap",
    "brands": "Harbour & Pine\niPhone",
    "required_hashtags": "",
    "banned_hashtags": "#bargain",
    "max_hashtags": "3",
    "max_emoji": "",
}


def test_manager_saves_a_guide_and_the_post_check_shows_it(team: Any) -> None:
    response = logged_in(team, "manager").post(page(team), GUIDE_FORM)
    assert response.status_code == 302
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text="Cheap sale at harbour & pine", market=team.gb),
    )
    found = {(f.rule, f.suggestion) for f in check_post(post).open_findings}
    assert ("style.preferred_term", "offer") in found
    assert ("style.banned", None) in found
    assert ("style.brand_casing", "Harbour & Pine") in found
    html = logged_in(team, "contributor").get(page(team)).content.decode()
    assert "Say “offer”, not “sale”" in html and "<textarea" not in html


def test_a_dismissed_style_finding_stays_dismissed(team: Any) -> None:
    style_guides.save_guide(team.workspace, "", style_guides.Guide(banned=("cheap",)))
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Cheap and cheerful", market=team.gb)
    )
    Dismissal.objects.create(post=post, rule="style.banned", span_text="Cheap", reason="pun")
    checked = check_post(Post.objects.get(pk=post.pk))
    assert checked.open_findings == []
    assert [f.rule for f in checked.texts[0].dismissed] == ["style.banned"]


def test_market_rules_add_to_the_workspace_rules(team: Any) -> None:
    client = logged_in(team, "owner")
    client.post(page(team), {**GUIDE_FORM, "brands": ""})
    response = client.post(page(team) + "?market=GB", {"banned": "bargain", "market": "GB"})
    assert response.status_code == 302
    guide = style_guides.guide_for(team.workspace.id, "GB")
    assert guide is not None and guide.banned == ("cheap", "bargain")
    assert style_guides.guide_for(team.workspace.id, "US") is not None
    assert style_guides.guide_for(team.workspace.id, "US").banned == ("cheap",)  # type: ignore[union-attr]


@pytest.mark.parametrize("persona", ["contributor", "reviewer", "viewer"])
def test_others_read_but_cannot_save(team: Any, persona: str) -> None:
    client = logged_in(team, persona)
    assert client.get(page(team)).status_code == 200
    assert client.post(page(team), GUIDE_FORM).status_code == 403
    assert not StyleGuide.objects.exists()


def test_outsiders_get_404_everywhere(team: Any) -> None:
    client = logged_in(team, "outsider")
    for path in ("", "export/"):
        assert client.get(page(team) + path).status_code == 404
    for path in ("", "import/", "proposal/"):
        assert client.post(page(team) + path, {}).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("preferred", "sale offer", "Line 1: write it as"),
        ("preferred", "sale -> offer\nsale -> sale", "the word to use is the word to avoid"),
        ("banned", "ok\n!!!", "Line 2: needs at least one letter or digit"),
        ("brands", "x" * 101, "Line 1: is 101 characters long"),
        ("required_hashtags", "#ok ad", "Hashtag 2: &quot;ad&quot; is not a hashtag"),
        ("max_emoji", "101", "less than or equal to 100"),
    ],
)
def test_bad_input_names_the_field_and_line(
    team: Any, field: str, value: str, message: str
) -> None:
    response = logged_in(team, "manager").post(page(team), {**GUIDE_FORM, field: value})
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert not StyleGuide.objects.exists()


def test_export_then_import_round_trips_the_whole_guide(team: Any) -> None:
    client = logged_in(team, "manager")
    client.post(page(team), GUIDE_FORM)
    client.post(page(team) + "?market=GB", {"banned": "bargain", "market": "GB"})
    exported = logged_in(team, "viewer").get(page(team) + "export/")
    assert exported["Content-Disposition"].endswith('-style-guide.toml"')
    text = exported.content.decode()
    assert "[markets.GB]" in text and '"sale" = "offer"' in text
    before = style_guides.book_for(team.workspace)
    StyleGuide.objects.all().delete()
    upload = SimpleUploadedFile("guide.toml", text.encode(), "application/toml")
    assert client.post(page(team) + "import/", {"file": upload}).status_code == 302
    assert style_guides.book_for(team.workspace) == before


def test_a_bad_import_changes_nothing_and_says_where(team: Any) -> None:
    client = logged_in(team, "manager")
    client.post(page(team), GUIDE_FORM)
    before = style_guides.book_for(team.workspace)
    bad = b'banned = ["fine"]\n\n[markets.GB]\nmax_emoji = "three"\n'
    upload = SimpleUploadedFile("guide.toml", bad, "application/toml")
    response = client.post(page(team) + "import/", {"file": upload}, follow=True)
    assert "Nothing was imported. line 4: markets.GB.max_emoji" in response.content.decode()
    assert style_guides.book_for(team.workspace) == before


# ---------------------------------------------------------------- learned from review


def review_round(team: Any, post: Post, new_text: str) -> None:
    workflow.perform(post, team.members["reviewer"], "request_changes", note="house style")
    post = Post.objects.get(pk=post.pk)
    editing.update_post(post, team.members["contributor"], editing.PostChanges(text=new_text))
    workflow.perform(Post.objects.get(pk=post.pk), team.members["contributor"], "submit")


def scripted_history(team: Any, times: int) -> None:
    """``times`` posts where the reviewer had "sale" replaced by "offer"."""
    for number in range(times):
        post = editing.create_post(
            team.members["contributor"],
            editing.PostChanges(text=f"Our sale number {number} starts today", market=team.gb),
        )
        workflow.perform(post, team.members["contributor"], "submit")
        review_round(team, Post.objects.get(pk=post.pk), f"Our offer number {number} starts today")


def test_replacements_are_short_phrases() -> None:
    assert replacements("Our big sale today", "Our big offer today") == {("sale", "offer")}
    assert replacements("Click here to book", "See the details to book") == {
        ("click here", "see the details")
    }
    assert replacements("a b c d e f", "g h i j k l") == set()


def test_a_repeated_change_is_proposed_then_added(team: Any) -> None:
    scripted_history(team, 3)
    rounds = rework_rounds(team.workspace)
    assert len(rounds) == 3
    [proposal] = proposals(rounds, None)
    assert (proposal.avoid, proposal.use, proposal.count) == ("sale", "offer", 3)
    html = logged_in(team, "manager").get(page(team)).content.decode()
    assert "“sale” was replaced by “offer” after review 3 times" in html
    # Before the rule, none of the rounds could have been prevented.
    assert "<strong>0</strong> changed something a current style rule flags" in html
    response = logged_in(team, "manager").post(
        page(team) + "proposal/", {"avoid": "sale", "use": "offer", "decision": "add"}
    )
    assert response.status_code == 302
    guide = style_guides.guide_for(team.workspace.id, "GB")
    assert guide is not None and [(t.avoid, t.use) for t in guide.preferred] == [("sale", "offer")]
    html = logged_in(team, "manager").get(page(team)).content.decode()
    assert "after review 3 times" not in html
    # The figure: with the rule, all three rounds would have been caught first.
    assert "<strong>3</strong> changed something a current style rule flags" in html
    costs = logged_in(team, "owner").get(f"/w/{team.workspace.slug}/costs/").content.decode()
    assert "<strong>3</strong> of the last 3 rework rounds changed something" in costs


def test_below_the_threshold_nothing_is_proposed(team: Any, settings: Any) -> None:
    scripted_history(team, 2)
    assert proposals(rework_rounds(team.workspace), None) == []
    settings.STYLE_PROPOSAL_THRESHOLD = 2
    assert len(proposals(rework_rounds(team.workspace), None)) == 1


def test_an_ignored_proposal_is_not_proposed_again(team: Any) -> None:
    scripted_history(team, 3)
    client = logged_in(team, "owner")
    client.post(page(team) + "proposal/", {"avoid": "sale", "use": "offer", "decision": "ignore"})
    assert "after review 3 times" not in client.get(page(team)).content.decode()
    assert style_guides.guide_for(team.workspace.id, "GB") is None


def test_reviewers_cannot_decide_proposals(team: Any) -> None:
    response = logged_in(team, "reviewer").post(
        page(team) + "proposal/", {"avoid": "sale", "use": "offer", "decision": "add"}
    )
    assert response.status_code == 403


def test_sponsored_post_needs_its_disclosure(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Loving these boots", market=team.gb)
    )
    Post.objects.filter(pk=post.pk).update(sponsored=True)
    [finding] = check_post(Post.objects.get(pk=post.pk)).open_findings
    assert finding.rule == "style.disclosure" and finding.suggestion == "#ad Loving"


def test_editor_marks_a_post_sponsored_and_the_live_check_asks_for_ad(team: Any) -> None:
    client = logged_in(team, "contributor")
    live = client.post(
        f"/w/{team.workspace.slug}/check/",
        {"text": "Loving these boots", "market": team.gb.pk, "sponsored": "on"},
    ).content.decode()
    assert "must say so: start it with “#ad” or “Ad”" in live
    plain = client.post(
        f"/w/{team.workspace.slug}/check/", {"text": "Loving these boots", "market": team.gb.pk}
    ).content.decode()
    assert "must say so" not in plain
    client.post(
        f"/w/{team.workspace.slug}/posts/new/",
        {"market": team.gb.pk, "text": "#ad Loving these boots", "sponsored": "on"},
    )
    post = Post.objects.get()
    assert post.sponsored and check_post(post).open_findings == []
    html = client.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    [box] = re.findall(r'<input[^>]*name="sponsored"[^>]*>', html)
    assert " checked" in box


def test_api_creates_a_sponsored_post(team: Any) -> None:
    from tests.factories import TokenApi as Api

    api = Api(team.users["contributor"])
    body = {"market_id": team.gb.pk, "text": "Loving these boots", "sponsored": True}
    created = api.call("POST", f"/workspaces/{team.workspace.slug}/posts", body).json()
    assert created["sponsored"] is True
    post = Post.objects.get(pk=created["id"])
    assert [f.rule for f in check_post(post).open_findings] == ["style.disclosure"]
