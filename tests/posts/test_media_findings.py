"""A post's media in its findings: each image's alt text checked against the market like
the text (its own section in the editor, its own label in the API), and the files
against each chosen network's media rules (a "Media" section; Instagram needs one)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from PIL import Image

from onshore.media import library
from onshore.posts import checks, editing, workflow
from onshore.posts.models import Post
from onshore.publishing.models import Channel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ALT = "Our bakers pouring the color glaze on a donut"


def panel_sections(html: str) -> dict[str, dict[str, Any]]:
    """Heading -> the rules the section lists and its Dismiss forms."""
    return {
        heading: {
            "rules": re.findall(r'<li class="finding-item \w+" data-rule="([^"]+)"', body),
            "dismiss": body.count('name="reason"'),
        }
        for heading, body in re.findall(
            r'<h3 class="checked-heading">(.*?)</h3>(.*?)</section>', html, flags=re.DOTALL
        )
    }


def gb_post(team: Any, networks: list[str], media: list[dict[str, str]]) -> Post:
    return editing.create_post(
        team.members["contributor"],
        editing.PostChanges(
            text="Fresh glaze today at the shop.",
            market=team.gb,
            networks=networks,
            media=media,
        ),
    )


def photo(alt: str = ALT) -> dict[str, str]:
    return {"kind": "image", "description": "the glazing table", "alt_text": alt}


def test_an_alt_text_is_checked_against_the_market_like_the_text(team: Any) -> None:
    post = gb_post(team, ["mastodon"], [photo("A tray of scones"), photo()])
    result = checks.check_post(post)
    (alt,) = [c for c in result.texts if c.alt_of == 2]  # the first alt text is clean
    assert alt.about == "alt text of image 2" and alt.text == ALT
    (finding,) = alt.findings
    assert (finding.category, ALT[finding.start : finding.end]) == ("spelling", "color")
    assert [c.about for c in result.texts if c.about] == [
        "alt text of image 1",
        "alt text of image 2",
    ]


def test_the_editor_shows_each_alt_text_with_its_findings(team: Any) -> None:
    post = gb_post(team, ["mastodon"], [photo()])
    page = team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{post.pk}/")
    html = page.content.decode()
    sections = panel_sections(html)
    assert sections["Alt text of image 1"]["rules"] == ["spelling.variant"]
    assert sections["Alt text of image 1"]["dismiss"] == 1
    # "Apply" edits the alt text's own field, at the finding's position in it.
    assert 'data-field="id_media_0_alt" data-start="23" data-end="28"' in html
    assert "Media" not in sections  # Mastodon takes one image with alt text as it is


def test_the_live_check_checks_alt_text_as_typed(team: Any) -> None:
    post = gb_post(team, ["mastodon"], [photo("A tray of scones")])
    typed = {
        "text": post.text,
        "market": post.market_id,
        "networks": ["mastodon"],
        "post": post.pk,
        "media_0_kind": "image",
        "media_0_description": "the glazing table",
        "media_0_alt": ALT,
    }
    live = team.client("contributor").post(f"/w/{team.workspace.slug}/check/", typed)
    assert panel_sections(live.content.decode())["Alt text of image 1"]["rules"] == [
        "spelling.variant"
    ]


def test_instagram_without_media_and_video_on_bluesky_are_media_errors(team: Any) -> None:
    video = {"kind": "video", "description": "the glazing, filmed", "alt_text": ""}
    post = gb_post(team, ["instagram", "bluesky"], [video])
    page = team.client("contributor").get(f"/w/{team.workspace.slug}/posts/{post.pk}/")
    media = panel_sections(page.content.decode())["Media"]
    assert media["rules"] == ["media.video_unsupported"]
    assert checks.check_post(post).error_count == 1

    bare = gb_post(team, ["instagram"], [])
    result = checks.check_post(bare)
    (finding,) = [f for c in result.texts if c.about == "media" for f in c.findings]
    assert (finding.rule, finding.network) == ("media.required", "instagram")
    # Media is the network's business, not the market's: the cost ledger does not count it.
    assert workflow.market_fit_findings(bare) == 0


def test_the_api_labels_what_each_finding_is_about(team: Any) -> None:
    post = gb_post(team, ["instagram"], [photo()])
    client = team.client("contributor")
    found = client.get(f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/findings")
    assert found.status_code == 200
    by_about = {f["about"]: f for f in found.json()}
    alt = by_about["alt text of image 1"]
    assert (alt["rule"], ALT[alt["start"] : alt["end"]]) == ("spelling.variant", "color")
    assert "main text" not in by_about  # the text itself is clean
    assert "media" not in by_about  # a placeholder: Instagram's needs are met, no sizes known


def test_a_mastodon_channels_own_limits_are_used(team: Any) -> None:
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="@bakery",
        config={"instance_url": "https://small.example", "media_limits": {"max_items": 2}},
    )
    post = gb_post(team, ["mastodon"], [photo("One"), photo("Two"), photo("Three")])
    (finding,) = [
        f for c in checks.check_post(post).texts if c.about == "media" for f in c.findings
    ]
    assert finding.rule == "media.count" and "at most 2 files" in finding.message


def test_the_api_gives_the_network_file_and_fix_of_a_media_finding(team: Any) -> None:
    video = {"kind": "video", "description": "the glazing, filmed", "alt_text": ""}
    post = gb_post(team, ["bluesky"], [video])
    client = team.client("contributor")
    found = client.get(f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/findings")
    (media,) = [f for f in found.json() if f["about"] == "media"]
    assert (media["rule"], media["network"], media["item"], media["fixable"]) == (
        "media.video_unsupported",
        "bluesky",
        1,
        False,
    )
    assert media["category"] == "media" and media["severity"] == "error"


def test_a_text_only_post_does_not_run_the_media_check(
    team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker's benchmarks check text-only posts: they must not pay for media."""
    from onshore import marketfit

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("check_media ran for a post without media")

    monkeypatch.setattr(marketfit, "check_media", refuse)
    post = gb_post(team, ["x", "bluesky", "mastodon"], [])
    assert [c.about for c in checks.check_post(post).texts] == [None, None, None]


def test_an_uploaded_animated_gif_for_bluesky_is_said_to_publish_as_a_still(
    team: Any, media_dir: Any
) -> None:
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=90)
    gif = library.add_upload(team.members["contributor"], [out.getvalue()], "wave.gif", ALT)[0]
    post = gb_post(team, ["bluesky", "mastodon"], [{"asset_id": str(gif.pk)}])
    (media,) = [c for c in checks.check_post(post).texts if c.about == "media"]
    (still,) = [f for f in media.findings if f.rule == "media.animation_still"]
    assert (still.network, still.severity, still.fixable) == ("bluesky", "warning", True)
    assert "publishes as a still image on Bluesky" in still.message
