"""Posts shown as each network will show them (issue 15, point 2): the preview's count
is the checker's, links are shortened as the network shortens them, long texts fold
behind "… see more" where the network folds them, mentions and hashtags are marked,
and the account is the market's channel on that network."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

import pytest
from django.test import Client

from onshore import marketfit
from onshore.posts import editing, preview, workflow
from onshore.posts.network_display import display, split
from onshore.publishing.models import Channel

LONG_URL = "https://www.example.com/autumn/2026/tasting-menu-and-opening-hours?ref=social"
TRICKY = {
    "emoji": "Family day 👩‍👩‍👧‍👦 🇬🇧 👍🏽 ☕ at the shop",
    "cjk": "新しいお茶が入りました。日本の皆さんへ 中文也可以",
    "long url": f"Read this: {LONG_URL} and come by",
    "bare domain": "Find us at tea.example.com/menu today",
    "combining": "Cafe\u0301 cre\u0300me bru\u0302le\u0301e, n\u0303",  # not NFC: X normalizes
    "line breaks": "First line\nsecond line\r\nthird\n\nlast",
    "remote mention": "Thanks @alice@very.long.example.social and #tea",
}


def _padded_over_limit(text: str, network: str) -> str:
    """``text`` repeated until the network counts it past its limit."""
    _, limit = marketfit.count_length("", network)
    used = max(marketfit.count_length(text + " ", network)[0], 1)
    return (text + " ") * (limit // used + 1)


@pytest.mark.parametrize("network", marketfit.NETWORKS)
@pytest.mark.parametrize("name", TRICKY)
def test_the_preview_counts_as_the_checker_does(network: str, name: str) -> None:
    text = TRICKY[name]
    shown = preview.network_preview(
        network, text, own_text=False, limit=None, account=preview.Account("A", "", False)
    )
    assert (shown.used, shown.limit) == marketfit.count_length(text, network)
    # Past the limit, the checker's finding states the very count the preview shows.
    long = _padded_over_limit(text, network)
    long_preview = preview.network_preview(
        network, long, own_text=False, limit=None, account=preview.Account("A", "", False)
    )
    found = [f for f in marketfit.check(marketfit.Post(long, "GB", network=network))]
    over = [f for f in found if f.rule == "length.over_limit"]
    assert long_preview.over and len(over) == 1
    assert over[0].message.endswith(f"this post has {long_preview.used:,}")


def test_the_count_differs_by_network_as_the_networks_count() -> None:
    text = TRICKY["long url"]
    anyone = preview.Account("A", "", False)
    counts = {
        n: preview.network_preview(n, text, own_text=False, limit=None, account=anyone).used
        for n in ("x", "mastodon", "bluesky")
    }
    # X and Mastodon count a link as 23; Bluesky counts every character of it.
    assert counts["x"] == counts["mastodon"] == len("Read this: ") + 23 + len(" and come by")
    assert counts["bluesky"] == len(text)


def _links(text: str, network: str) -> list[str]:
    return [s.shown for s in split(text, network) if s.kind == "link"]


def test_links_are_shown_as_each_network_shows_them() -> None:
    assert _links(TRICKY["long url"], "x") == ["www.example.com/autumn/…"]
    assert _links(TRICKY["long url"], "mastodon") == ["example.com/autumn/2026/tastin…"]
    assert _links(TRICKY["long url"], "bluesky") == [LONG_URL]
    assert _links(TRICKY["long url"], "linkedin") == [LONG_URL]
    # Instagram captions do not link: the address is plain text.
    assert _links(TRICKY["long url"], "instagram") == []
    assert LONG_URL in "".join(s.shown for s in split(TRICKY["long url"], "instagram"))
    # X links a bare domain (and counts it as 23); Mastodon does neither.
    assert _links(TRICKY["bare domain"], "x") == ["tea.example.com/menu"]
    assert _links(TRICKY["bare domain"], "mastodon") == []
    # Mastodon shows a 31st character rather than an ellipsis in its place.
    assert _links("https://" + "a" * 28 + ".eu", "mastodon") == ["a" * 28 + ".eu"]
    assert _links("https://" + "a" * 29 + ".eu", "mastodon") == ["a" * 29 + ".…"]
    short = "See https://tea.example/a"
    assert _links(short, "x") == ["tea.example/a"] and _links(short, "mastodon") == [
        "tea.example/a"
    ]


def test_mentions_and_hashtags_are_marked_and_the_html_is_escaped() -> None:
    text = "Hi @dana and @alice@social.example: #tea <b>not bold</b> a#b x@y.z"
    kinds = [(s.kind, s.shown) for s in split(text, "mastodon") if s.kind != "text"]
    assert kinds == [
        ("mention", "@dana"),
        ("mention", "@alice@social.example"),
        ("hashtag", "#tea"),
    ]
    html = preview.segments_html(tuple(split(text + "\nnext", "x")))
    assert '<span class="pv-mention">@dana</span>' in html
    assert '<span class="pv-hashtag">#tea</span>' in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<br>next" in html
    link = preview.segments_html(tuple(split(f"Go {LONG_URL}", "x")))
    assert f'href="{LONG_URL}"' in link and ">www.example.com/autumn/…</a>" in link


def _shown(text: str, network: str) -> tuple[str, str]:
    result = display(text, network)
    return "".join(s.shown for s in result.shown), "".join(s.shown for s in result.folded)


def test_long_texts_fold_behind_see_more_where_the_network_folds_them() -> None:
    text = " ".join(f"word{n}" for n in range(120))  # 713 characters on one line
    for network, at_most, more in (
        ("linkedin", 210, "…see more"),
        ("instagram", 125, "… more"),
        ("facebook", 477, "… See more"),
    ):
        shown, folded = _shown(text, network)
        assert display(text, network).more == more  # each in the network's own words
        assert shown + folded == text and folded
        # Cut at a word, near the fold.
        assert at_most - 20 <= len(shown) <= at_most and folded.startswith(" ")
    for network in ("x", "threads", "bluesky", "mastodon"):
        assert _shown(text, network) == (text, "")
    # LinkedIn folds after three lines, Instagram after two, however short they are.
    lines = "One\nTwo\nThree\nFour"
    assert _shown(lines, "linkedin") == ("One\nTwo\nThree", "\nFour")
    assert _shown(lines, "instagram") == ("One\nTwo", "\nThree\nFour")
    assert _shown(lines, "facebook") == (lines, "")
    # A short text, or one with only spaces past the fold, shows whole.
    assert _shown("Short.", "instagram") == ("Short.", "")


def test_the_fold_never_splits_an_emoji_or_a_link() -> None:
    family = "👩‍👩‍👧‍👦"
    shown, folded = _shown(family * 200, "instagram")
    assert len(shown) == 125 * len(family) and shown + folded == family * 200
    text = "x" * 120 + " " + LONG_URL + " end"
    result = display(text, "instagram")  # no link on Instagram: cut in the plain text
    assert "".join(s.shown for s in result.shown) == "x" * 120 and result.folded
    result = display("y" * 200 + " " + LONG_URL + " and more words to follow", "linkedin")
    assert result.folded[0].kind == "link" and result.folded[0].shown == LONG_URL


def _post(team: Any, networks: list[str], text: str = "Hello @dana #tea") -> Any:
    return editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text=text, market=team.gb, networks=networks),
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_account_is_the_markets_channel_on_that_network_else_the_workspace(
    team: Any,
) -> None:
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="Acme Tea Leith",
        config={"instance_url": "https://social.example", "acct": "acmetea", "max_characters": 450},
    )
    post = _post(team, ["x", "mastodon", "bluesky"])
    by_network = {p.network: p for p in preview.as_published(post)}
    mastodon = by_network["mastodon"]
    assert (mastodon.account.name, mastodon.account.handle) == ("Acme Tea Leith", "@acmetea")
    assert mastodon.account.initials == "AT" and mastodon.limit == 450  # the instance's limit
    assert by_network["x"].account == preview.Account(team.workspace.name, "", False)
    assert by_network["bluesky"].limit == 300


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_reviewer_sees_a_card_per_network_with_account_text_and_count(team: Any) -> None:
    text = "Autumn menu\nis here @dana #tea " + LONG_URL + " " + "more words " * 30
    post = _post(team, list(marketfit.NETWORKS), text)
    workflow.perform(post, team.members["contributor"], "submit")
    client = Client()
    client.force_login(team.users["reviewer"])
    page = client.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    cards = dict(re.findall(r'data-network="(\w+)">(.*?)</figure>', page, re.S))
    assert sorted(cards) == sorted(marketfit.NETWORKS)
    for network, card in cards.items():
        used, limit = marketfit.count_length(text, network)
        assert f"{used} / {limit}</span>" in card, network
        assert team.workspace.name in card and "Autumn menu<br>is here" in card
    assert ">www.example.com/autumn/…</a>" in cards["x"]
    assert ">example.com/autumn/2026/tastin…</a>" in cards["mastodon"]
    assert "<summary>… more</summary>" in cards["instagram"] and "more</summary>" not in cards["x"]
    assert '<span class="pv-hashtag">#tea</span>' in cards["bluesky"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_editor_previews_the_text_as_typed_with_the_checkers_counts(team: Any) -> None:
    client = Client()
    client.force_login(team.users["contributor"])
    typed = "New blend 🎉\nTry it at https://tea.example/blend-of-the-month-autumn #tea"
    response = client.post(
        f"/w/{team.workspace.slug}/check/",
        {"text": typed, "market": team.gb.pk, "networks": ["x", "bluesky"], "variant_x": ""},
    )
    html = response.content.decode()
    # The findings panel as before, and the previews out of band for #preview-cards.
    assert 'id="preview-cards" hx-swap-oob="innerHTML"' in html
    cards = dict(re.findall(r'data-network="(\w+)">(.*?)</figure>', html, re.S))
    assert sorted(cards) == ["bluesky", "x"]
    for network, card in cards.items():
        used, limit = marketfit.count_length(typed, network)
        assert f"{used} / {limit}</span>" in card and "New blend 🎉<br>Try it" in card
    assert ">tea.example/blend-of-th…</a>" in cards["x"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_calendar_entry_is_a_compact_card_with_one_warning_marker(team: Any) -> None:
    post = editing.create_post(
        team.members["manager"],
        editing.PostChanges(
            text="Night owl roast\nthe second line stays in the post",
            market=team.gb,
            networks=["bluesky", "x"],
        ),
    )
    for persona, action in (("manager", "submit"), ("reviewer", "approve")):
        post = workflow.perform(post, team.members[persona], action)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 9), time(3, 0), None)
    workflow.perform(post, team.members["manager"], "schedule")
    client = Client()
    client.force_login(team.users["manager"])
    page = client.get(f"/w/{team.workspace.slug}/calendar/?date=2026-12-01").content.decode()
    entry = page.split(f'data-post="{post.pk}"')[1].split("</div>")[0]
    assert '<span class="first-line">Night owl roast</span>' in entry
    assert "second line" not in entry
    # Badges in the checker's order of networks, named in full for screen readers.
    assert entry.index('aria-label="X">X<') < entry.index('aria-label="Bluesky">Bsky<')
    assert '<span class="badge state-scheduled">Scheduled</span>' in entry
    # No channel and a night-time slot: two warnings behind one marker.
    assert entry.count('class="warn-marker"') == 1 and "⚠ 2</button>" in entry
    details = entry.split('role="tooltip"')[1]
    assert "waiting: no channel connected" in details and "asleep" in details
