"""The review queue marks each post's warnings with the calendar's one small marker:
"⚠ N" counting the findings that warn, dismissed or not, each once, the details (a
dismissed one saying so) in the marker's description."""

from __future__ import annotations

import re
from typing import Any

import pytest

from onshore.posts import checks, editing, workflow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def submitted(team: Any, text: str, networks: list[str]) -> Any:
    changes = editing.PostChanges(text=text, market=team.gb, networks=networks)
    post = editing.create_post(team.members["contributor"], changes)
    workflow.perform(post, team.members["contributor"], "submit")
    return post


def queue_row(team: Any, post: Any) -> str:
    page = team.client("reviewer").get(f"/w/{team.workspace.slug}/review/").content.decode()
    row = re.search(rf'<tr data-post="{post.pk}">(.*?)</tr>', page, re.S)
    assert row is not None
    return row.group(1)


def test_a_warning_repeated_in_two_networks_texts_is_one_marker(team: Any) -> None:
    post = submitted(team, "Our color range", ["x", "bluesky"])
    row = queue_row(team, post)
    assert re.search(r'class="warn-marker" aria-label="1 warning"[^>]*>⚠ 1<', row)
    assert f'aria-describedby="warn-{post.pk}"' in row
    assert re.search(rf'id="warn-{post.pk}"><span class="flag">[^<]*colou?r', row)


def test_a_dismissed_warning_is_still_counted_and_says_so(team: Any) -> None:
    post = submitted(team, "Our color range", ["x"])
    (finding,) = checks.check_post(post).open_findings
    team.client("contributor").post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/dismiss/",
        {"rule": finding.rule, "span_text": post.text[finding.start : finding.end],
         "reason": "Our US range name."},
    )  # fmt: skip
    assert checks.check_post(post).open_findings == []
    row = queue_row(team, post)
    assert ">⚠ 1<" in row and "(dismissed)</span>" in row


def test_a_post_without_warnings_has_no_marker(team: Any) -> None:
    row = queue_row(team, submitted(team, "Fresh scones", ["x"]))
    assert "warn-marker" not in row and "no findings" in row
