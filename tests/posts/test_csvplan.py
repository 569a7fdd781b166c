"""CSV content plans: all-or-nothing import in two layouts, export that round-trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from onshore.marketfit import NETWORK_RULES
from onshore.media import library
from onshore.posts import csvplan, editing, workflow
from onshore.posts.models import Post, Revision, State

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]

HEADER = "market,networks,state,tags,text,link,local_date,local_time\n"


def run(team: Any, text: str, persona: str = "contributor", **options: Any) -> Any:
    member = team.members[persona]
    return csvplan.import_plan(member, text.encode(), csvplan.ImportOptions(**options))


def add_us(team: Any) -> Any:
    return team.workspace.markets.create(
        country="US", language="en-US", timezone="America/New_York"
    )


# --- onshore's layout ----------------------------------------------------------------------


def test_onshore_rows_become_drafts_with_revisions_schedule_and_findings(team: Any) -> None:
    report = run(
        team,
        HEADER + 'GB,"x, bluesky",draft,"#Autumn, coffee",Our color range is back,'
        "https://example.com/a,2026-12-01,09:30\n"
        "GB,mastodon,,,Fresh beans on Monday,,,\n",
    )
    assert report.ok and report.imported and report.layout == "onshore"
    first, second = (Post.objects.get(pk=row.post_id) for row in report.rows)
    assert first.author == team.users["contributor"] and first.state == State.DRAFT
    assert first.networks == ["bluesky", "x"] and first.tags == ["autumn", "coffee"]
    assert (first.scheduled_date, first.scheduled_time) == (date(2026, 12, 1), time(9, 30))
    assert first.scheduled_zone == "Europe/London"
    assert first.scheduled_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert Revision.objects.filter(post__in=[first, second], number=1).count() == 2
    assert report.rows[0].line == 2 and report.rows[0].findings >= 1  # "color" in GB
    assert second.scheduled_at is None and second.networks == ["mastodon"]


def test_one_bad_row_imports_nothing_and_names_line_and_column(team: Any) -> None:
    report = run(
        team,
        HEADER + "GB,x,draft,,Good row,,2026-12-01,09:30\n"
        'GB,myspace,draft,,"A text\nover two lines",,2026-12-01,09:30\n'
        "GB,x,draft,,,,2026-13-01,25:00\n"
        "FR,x,approved,,Bonjour,not a link,,\n",
    )
    assert not report.ok and not report.rows and Post.objects.count() == 0
    found = {(e.line, e.column) for e in report.errors}
    assert (3, "networks") in found  # the record starting on line 3 spans lines 3-4
    assert {(5, "text"), (5, "local_date"), (5, "local_time")} <= found
    assert {(6, "market"), (6, "state"), (6, "link")} <= found
    messages = " ".join(e.message for e in report.errors)
    assert "use one of GB" in messages and "change it to draft or in_review" in messages
    assert "write the post's text" in messages and "https://" in messages


def test_a_skipped_wall_time_is_refused_with_the_nearest_valid_times(team: Any) -> None:
    report = run(team, HEADER + "GB,x,draft,,Spring forward,,2026-03-29,01:30\n")
    (error,) = report.errors
    assert (error.line, error.column) == (2, "local_time")
    assert "00:59 GMT" in error.message and "02:00 BST" in error.message


@pytest.mark.parametrize("day", ["9999-12-31", "12/31/9999", "1000-01-01"])
def test_dates_far_outside_any_schedule_are_refused_by_line_and_column(team: Any, day: str) -> None:
    # 23:30 on New Year's Eve 9999 in New York is already year 10000 in UTC.
    add_us(team)
    report = run(team, HEADER + f"US,x,draft,,Far future,,{day},23:30\n", date_format="mdy")
    (error,) = report.errors
    assert (error.line, error.column) == (2, "local_date")
    assert "give a date from 1900-01-01 to 2199-12-31" in error.message
    assert not Post.objects.filter(text="Far future").exists()


def test_a_repeated_wall_time_takes_the_first_and_says_so(team: Any) -> None:
    report = run(team, HEADER + "GB,x,draft,,Fall back,,2026-10-25,01:30\n")
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert post.scheduled_fold == 0
    assert post.scheduled_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST
    assert "happens twice; this is the first" in report.rows[0].note


def test_in_review_rows_are_submitted_but_errors_refuse_them(team: Any) -> None:
    report = run(team, HEADER + "GB,x,in_review,,Our autumn blend is back,,,\n")
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert post.state == State.IN_REVIEW and post.events.filter(action="submit").exists()
    # A text over X's length is an error finding: it may not go to review unchecked.
    long = "word " * 80
    refused = run(team, HEADER + f"GB,x,in_review,,{long},,,\n")
    assert not refused.ok and refused.errors[0].column == "state"
    assert "Import it as draft" in refused.errors[0].message
    assert Post.objects.count() == 1


def test_markets_are_required_when_there_are_several(team: Any) -> None:
    add_us(team)
    no_column = run(team, "text\nHello\n")
    assert no_column.errors[0].column == "market" and "GB, US" in no_column.errors[0].message
    blank = run(team, "market,text\n,Hello\nus,Hi there\n")
    assert [(e.line, e.column) for e in blank.errors] == [(2, "market")]
    chosen = run(team, "market,text\n,Hello\nus,Hi there\n", market="GB")
    assert [r.market for r in chosen.rows] == ["GB", "US"]


def test_dry_run_reports_every_row_and_saves_nothing(team: Any) -> None:
    report = run(team, HEADER + "GB,x,draft,,Our color range,,2026-12-01,09:30\n", dry_run=True)
    assert report.ok and not report.imported and report.rows[0].findings >= 1
    assert Post.objects.count() == 0 and Revision.objects.count() == 0


def test_a_viewer_cannot_import(team: Any) -> None:
    with pytest.raises(workflow.TransitionForbidden):
        run(team, "text\nHello\n", persona="viewer")


# --- Hootsuite's layout --------------------------------------------------------------------


def test_hootsuite_without_header_reads_day_first_dates_from_the_file(team: Any) -> None:
    report = run(
        team,
        '31/12/2026 09:30,"New year, new blend",https://example.com/ny\n'
        "05/01/2027 14:00,Back to work coffee,\n",
    )
    assert report.layout == "hootsuite" and report.ok
    posts = [Post.objects.get(pk=row.post_id) for row in report.rows]
    assert [p.scheduled_date for p in posts] == [date(2026, 12, 31), date(2027, 1, 5)]
    assert posts[0].text == "New year, new blend" and posts[0].link == "https://example.com/ny"


def test_hootsuite_with_header_and_separate_time_month_first(team: Any) -> None:
    report = run(team, "date,time,message,link\n12/31/2026,9:30 pm,Late one,\n")
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert (post.scheduled_date, post.scheduled_time) == (date(2026, 12, 31), time(21, 30))


def test_hootsuite_ambiguous_dates_are_refused_unless_the_format_is_chosen(team: Any) -> None:
    text = "05/06/2026 09:00,Hello\n07/08/2026 10:00,Again\n"
    refused = run(team, text)
    assert refused.errors[0].line == 1 and "day/month/year or month/day/year" in str(
        refused.errors[0]
    )
    assert refused.errors[0].column == "A (date and time)"
    chosen = run(team, text, date_format="dmy")
    post = Post.objects.get(pk=chosen.rows[0].post_id)
    assert post.scheduled_date == date(2026, 6, 5)


def test_hootsuite_mixed_date_orders_are_refused(team: Any) -> None:
    report = run(team, "31/12/2026 09:00,One\n12/31/2026 09:00,Two\n")
    assert not report.ok and report.errors[0].line == 2
    assert "use one order" in report.errors[0].message


# --- whole-file problems -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (HEADER.encode(), "no rows to import"),
        (b"text\nCaf\xe9 au lait\n", "not UTF-8"),
        (b"market,colour\nGB,red\n", "unknown column"),
        (b"hello,world\n", "cannot tell the layout"),
        (b'text\n"' + b"a" * 140_000 + b'"\n', "cannot be read"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(team: Any, data: bytes, expected: str) -> None:
    report = csvplan.import_plan(team.members["owner"], data)
    assert not report.ok and expected in str(report.errors[0]), report.errors


def test_utf8_bom_utf16_and_semicolons_are_read(team: Any) -> None:
    member = team.members["owner"]
    for data in (
        "\ufefftext;tags\nCafé crème;morning\n".encode(),
        "text\tlink\nCafé\thttps://example.com\n".encode("utf-16"),
    ):
        report = csvplan.import_plan(member, data, csvplan.ImportOptions(dry_run=True))
        assert report.ok, report.errors
    assert Post.objects.count() == 0


def test_too_many_rows_and_overlong_fields(team: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(csvplan.reading, "MAX_ROWS", 3)  # read where the file is read
    many = run(team, "text\n" + "Hello\n" * 4)
    assert "more than 3 rows" in str(many.errors[0])
    long = run(team, "text,market\n" + "a" * 10_001 + ",GB\n")
    assert long.errors[0].column == "text" and "10,000" in long.errors[0].message
    shifted = run(team, "text,market\nHi," + "G" * 300 + "\n")
    assert shifted.errors[0].column == "market"


# --- export --------------------------------------------------------------------------------


def _jpeg(colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, format="JPEG")
    return out.getvalue()


def _draft(team: Any, text: str, persona: str = "contributor", **extra: Any) -> Post:
    changes = editing.PostChanges(text=text, market=extra.pop("market", team.gb), **extra)
    return editing.create_post(team.members[persona], changes)


def test_export_of_a_filtered_view_round_trips_through_import(team: Any) -> None:
    us = add_us(team)
    tricky = _draft(
        team,
        '=1+1, "quoted", and\na second line — ünïcode ☕',
        networks=["x", "mastodon"],
        tags=["autumn", "launch day"],
        link="https://example.com/x?a=1&b=2",
    )
    editing.set_schedule(tricky, team.members["owner"], date(2026, 10, 25), time(1, 30), 0)
    _draft(team, "-20% on Friday", tags=["sale"])
    _draft(team, "For the US", market=us, tags=["autumn"])
    _draft(team, "By the owner", persona="owner", tags=["autumn"])

    filters = csvplan.parse_filters(
        {"market": "GB", "tag": "autumn", "author": "CONTRIBUTOR@example.com"}
    )
    exported = csvplan.export_text(team.workspace, filters)
    assert exported.count("\r\n") >= 2 and "'=1+1" in exported
    before = _fields(csvplan.filtered_posts(team.workspace, filters))
    assert len(before) == 1

    Post.objects.all().delete()
    report = run(team, exported)
    assert report.ok, report.errors
    assert _fields(Post.objects.all()) == before


def test_every_exported_field_imports_back_including_the_second_0130(
    team: Any, media_dir: Path
) -> None:
    # 25 October 2026, Europe/London: 01:30 happens at 00:30 UTC (BST), then at 01:30 UTC.
    clock, _ = library.add_upload(team.members["owner"], [_jpeg()], "clock.jpg", "A clock")
    shop, _ = library.add_upload(team.members["owner"], [_jpeg((9, 9, 9))], "shop.jpg", "")
    second = _draft(
        team,
        "Clocks go back tonight",
        networks=["bluesky", "x"],
        tags=["autumn", "dst"],
        link="https://example.com/clocks",
        variants={"x": "=Clocks back, short for X", "bluesky": "Clocks go back 🕐\nsleep in"},
        media=[
            {"asset_id": shop.pk, "alt_text": "Our shop | at 1:30"},
            {"asset_id": clock.pk, "alt_text": ""},  # the library's alt text
        ],
    )
    editing.set_schedule(second, team.members["owner"], date(2026, 10, 25), time(1, 30), 1)
    first = _draft(team, "The first 01:30", variants={"mastodon": "First, on Mastodon"})
    editing.set_schedule(first, team.members["owner"], date(2026, 10, 25), time(1, 30), 0)
    review = _draft(team, "Unscheduled, in review", networks=["threads"])
    workflow.perform(review, team.members["contributor"], "submit")
    before = {p.text: p for p in Post.objects.prefetch_related("variants")}
    media_before = {text: editing.media_items(post) for text, post in before.items()}
    assert [item["asset_id"] for item in media_before["Clocks go back tonight"]] == [
        shop.pk,
        clock.pk,
    ]
    assert before["Clocks go back tonight"].scheduled_at == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )

    exported = csvplan.export_text(team.workspace, csvplan.ExportFilters())
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert tuple(rows[0]) == csvplan.EXPORT_COLUMNS
    assert {"fold", "text_x", "text_bluesky", "text_mastodon"} <= set(rows[0])
    assert rows[1]["fold"] == "1" and rows[1]["text_x"] == "'=Clocks back, short for X"
    assert rows[1]["media"] == f"sha256:{shop.sha256} | sha256:{clock.sha256}"
    assert rows[1]["alt_text"] == "Our shop \\| at 1:30 | A clock"
    Post.objects.all().delete()
    report = run(team, exported)
    assert report.ok, report.errors
    assert "this is the second, 01:30 GMT" in report.rows[1].note

    after = {p.text: p for p in Post.objects.prefetch_related("variants")}
    assert set(after) == set(before)
    for text, old in before.items():
        new = after[text]
        for name in ("market_id", "networks", "state", "tags", "text", "link"):
            assert getattr(new, name) == getattr(old, name), (text, name)
        for name in ("scheduled_date", "scheduled_time", "scheduled_fold", "scheduled_at"):
            assert getattr(new, name) == getattr(old, name), (text, name)
        variants = {v.network: v.text for v in new.variants.all()}
        assert variants == {v.network: v.text for v in old.variants.all()}, text
        assert new.revisions.get(number=1).variants == variants
        assert editing.media_items(new) == media_before[text], text
        assert new.revisions.get(number=1).details["media"] == editing.media_items(new)
    assert after["Clocks go back tonight"].scheduled_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert after["The first 01:30"].scheduled_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_files_without_fold_or_network_texts_still_import(team: Any) -> None:
    report = run(team, HEADER + "GB,x,draft,,Old layout,,2026-10-25,01:30\n")
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert post.scheduled_fold == 0 and not post.variants.exists()


def test_fold_and_network_texts_are_checked_by_line_and_column(team: Any) -> None:
    header = "text,market,local_date,local_time,fold,text_x,text_threads\n"
    report = run(
        team,
        header + f"Hi,GB,2026-10-25,01:30,third,,\nHi,GB,,,,{'a' * 10_001},\n"
        "Hi,GB,2026-10-25,01:30,second,  ,Threads text\n",
    )
    found = {(e.line, e.column): e.message for e in report.errors}
    assert set(found) == {(2, "fold"), (3, "text_x")}
    assert "1 (or second)" in found[(2, "fold")] and "10,000" in found[(3, "text_x")]
    chosen = run(team, header + "Hi,GB,2026-10-25,01:30,second,  ,Threads text\n")
    post = Post.objects.get(pk=chosen.rows[0].post_id)
    assert post.scheduled_fold == 1 and post.scheduled_at == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )
    assert {v.network: v.text for v in post.variants.all()} == {"threads": "Threads text"}


FORMULA_CELLS = ('=HYPERLINK("https://evil.example","x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1")


@pytest.mark.parametrize("typed", FORMULA_CELLS)
def test_export_escapes_every_cell_a_person_typed(team: Any, typed: str) -> None:
    # A tag is as much typed by a person as the text: a spreadsheet must not run either.
    _draft(team, typed, tags=[typed.strip()], variants={"x": typed})
    exported = csvplan.export_text(team.workspace, csvplan.ExportFilters())
    row = next(csv.DictReader(io.StringIO(exported, newline="")))
    assert row["text"] == "'" + typed
    assert row["tags"] == "'" + typed.strip().lower()
    assert row["text_x"] == "'" + typed  # each network's text is typed by a person too


_TRICKY_START = st.sampled_from(["=", "+", "-", "@", "'", "\t", "\r", "'=", "''", "'\t"])
# The body avoids what the import rightly normalises: blank texts, a line break at the end
# of the text, commas and semicolons (they separate tags), upper case and spaces in tags.
_BODY = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r\n"), max_size=30)
_TAG_BODY = st.text("abc=+-@'!1", min_size=1, max_size=10)


@pytest.mark.parametrize("value", ["'=x", "''", "'", "'\t", "=1", "plain", "'quoted'"])
def test_escaping_is_undone_exactly(value: str) -> None:
    assert csvplan.unescape_formula(csvplan.escape_formula(value)) == value


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.tuples(_TRICKY_START, _BODY).map("".join).filter(lambda t: t.strip() != ""),
    tag=st.tuples(_TRICKY_START.filter(str.strip), _TAG_BODY).map("".join),
    variants=st.dictionaries(
        st.sampled_from(list(NETWORK_RULES)),
        st.tuples(_TRICKY_START, _BODY).map("".join).filter(lambda t: t.strip() != ""),
        max_size=3,
    ),
)
def test_texts_tags_and_network_texts_starting_like_formulas_round_trip(
    team: Any, text: str, tag: str, variants: dict[str, str]
) -> None:
    Post.objects.all().delete()
    _draft(team, text, tags=[tag, "plain"], variants=variants)
    before = _fields(Post.objects.all())
    exported = csvplan.export_text(team.workspace, csvplan.ExportFilters())
    Post.objects.all().delete()
    report = run(team, exported)
    assert report.ok, report.errors
    assert _fields(Post.objects.all()) == before


def test_export_filters_by_state_network_and_dates(team: Any) -> None:
    early, late = _draft(team, "Early", networks=["x"]), _draft(team, "Late", networks=["bluesky"])
    owner = team.members["owner"]
    editing.set_schedule(early, owner, date(2026, 11, 2), time(9, 0), 0)
    editing.set_schedule(late, owner, date(2026, 12, 2), time(9, 0), 0)
    workflow.perform(late, team.members["contributor"], "submit")

    def texts(**params: str) -> list[str]:
        posts = csvplan.filtered_posts(team.workspace, csvplan.parse_filters(params))
        return [p.text for p in posts]

    assert texts() == ["Early", "Late"]
    assert texts(state="in_review") == ["Late"]
    assert texts(network="twitter") == ["Early"]
    assert texts(**{"from": "2026-12-01"}) == ["Late"]
    assert texts(**{"to": "2026-11-30"}) == ["Early"]
    for bad in ({"state": "done"}, {"from": "1/2/2026"}, {"network": "myspace"}):
        with pytest.raises(csvplan.FilterError):
            texts(**bad)
    with pytest.raises(csvplan.FilterError):
        csvplan.filtered_posts(team.workspace, csvplan.parse_filters({"market": "FR"}))


def _fields(posts: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (
            p.market_id,
            p.text,
            p.link,
            tuple(p.tags),
            tuple(p.networks),
            p.state,
            p.scheduled_date,
            p.scheduled_time,
            p.scheduled_zone,
            p.scheduled_fold,
            p.scheduled_at,
            tuple(sorted((v.network, v.text) for v in p.variants.all())),
        )
        for p in posts
    )


# --- API and pages -------------------------------------------------------------------------


def test_api_import_accepts_csv_body_multipart_and_json(team: Any) -> None:
    client = team.client("contributor")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/import"
    raw = client.post(url + "?dry_run=true", "text\nHello\n", content_type="text/csv")
    assert raw.status_code == 200 and raw.json()["rows"][0]["line"] == 2
    upload = SimpleUploadedFile("plan.csv", b"text\nFrom a file\n", content_type="text/csv")
    multipart = client.post(url, {"file": upload})
    assert multipart.status_code == 201 and multipart.json()["imported"] is True
    as_json = client.post(url, json.dumps({"csv": "text\nFrom JSON\n"}), "application/json")
    assert as_json.status_code == 201
    assert sorted(Post.objects.values_list("text", flat=True)) == ["From JSON", "From a file"]


def test_api_import_refusals_are_422_with_line_and_column(team: Any) -> None:
    client = team.client("contributor")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/import"
    response = client.post(url, "text,state\nHi,published\n", content_type="text/csv")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"][0]["loc"] == ["csv", 2, "state"] and body["imported"] is False
    for bad in (b"\xff\xfe\xff", b"", b"\x00" * 10):
        assert client.post(url, bad, content_type="text/csv").status_code == 422
    assert client.post(url, "{", content_type="application/json").status_code == 422
    assert client.post(url, {"other": "x"}).status_code == 422


def test_api_export_csv_with_filters(team: Any) -> None:
    _draft(team, "Exported", tags=["autumn"])
    client = team.client("viewer")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/export.csv"
    response = client.get(url, {"tag": "autumn", "from": ""})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith(",".join(csvplan.EXPORT_COLUMNS))
    assert "Exported" in response.content.decode()
    assert client.get(url, {"from": "tomorrow"}).status_code == 422


def test_import_page_dry_run_then_import(team: Any) -> None:
    client = team.client("contributor")
    url = f"/w/{team.workspace.slug}/posts/import/"
    page = client.get(url + "?state=draft")
    assert page.status_code == 200 and 'id="import"' in page.content.decode()
    upload = SimpleUploadedFile("plan.csv", (HEADER + "GB,x,,,Our color range,,,\n").encode())
    dry = client.post(url, {"file": upload, "dry_run": "on", "date_format": "auto"})
    html = dry.content.decode()
    assert dry.status_code == 200 and "Dry run: all 1 row can be imported" in html
    assert 'data-line="2"' in html and Post.objects.count() == 0
    # Issue 14: a dry run that finds problems says it was a dry run too.
    refused_dry = client.post(
        url, {"csv_text": "text,state\nHi,scheduled\n", "dry_run": "on", "date_format": "auto"}
    ).content.decode()
    assert "Dry run: nothing was saved." in refused_dry and "Dry run: nothing was saved." in html
    refused = client.post(url, {"csv_text": "text,state\nHi,scheduled\n", "date_format": "auto"})
    assert refused.status_code == 422 and "Nothing was imported" in refused.content.decode()
    done = client.post(url, {"csv_text": "text\nHello\n", "date_format": "auto"})
    assert done.status_code == 200 and Post.objects.count() == 1


def test_viewers_see_export_but_not_import_and_the_list_links_here(team: Any) -> None:
    client = team.client("viewer")
    page = client.get(f"/w/{team.workspace.slug}/posts/import/").content.decode()
    assert 'id="export"' in page and 'id="import"' not in page
    listing = client.get(f"/w/{team.workspace.slug}/posts/?state=draft").content.decode()
    assert f"/w/{team.workspace.slug}/posts/import/?state=draft" in listing
    download = client.get(f"/w/{team.workspace.slug}/posts/export.csv?state=draft")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    # Issue 13: pages answer a bad filter with 400, as the calendar does (was 422).
    assert client.get(f"/w/{team.workspace.slug}/posts/export.csv?state=nope").status_code == 400
