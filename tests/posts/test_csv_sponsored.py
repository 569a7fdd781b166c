"""The ``sponsored`` column of a CSV content plan: yes/no read (blank is no), a bad value
refused by line and column with nothing imported, written by export, round-tripping;
an imported paid post is checked for its market's disclosure at once."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from onshore.posts import csvplan, editing
from onshore.posts.checks import check_post
from onshore.posts.models import Post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]

HEADER = "market,networks,state,tags,text,link,local_date,local_time,sponsored\n"


def run(team: Any, text: str) -> Any:
    member = team.members["contributor"]
    return csvplan.import_plan(member, text.encode(), csvplan.ImportOptions())


@pytest.mark.parametrize(
    ("cell", "sponsored"),
    [("yes", True), ("YES", True), ("true", True), ("1", True)]
    + [("no", False), ("False", False), ("0", False), ("", False), ("  ", False)],
)
def test_the_cell_says_whether_a_post_is_paid(team: Any, cell: str, sponsored: bool) -> None:
    report = run(team, HEADER + f"GB,x,draft,,#ad New boots,,,,{cell}\n")
    assert report.ok, report.errors
    assert Post.objects.get(pk=report.rows[0].post_id).sponsored is sponsored


def test_a_file_without_the_column_imports_unpaid_posts(team: Any) -> None:
    header = "market,networks,state,tags,text,link,local_date,local_time\n"
    report = run(team, header + "GB,x,draft,,New boots,,,\n")
    assert report.ok and Post.objects.get(pk=report.rows[0].post_id).sponsored is False


def test_a_bad_value_names_line_and_column_and_imports_nothing(team: Any) -> None:
    report = run(
        team, HEADER + "GB,x,draft,,#ad Fine row,,,,yes\nGB,x,draft,,Second row,,,,maybe\n"
    )
    assert not report.ok and Post.objects.count() == 0
    [error] = report.errors
    assert (error.line, error.column) == (3, "sponsored")
    assert "'maybe' is not yes or no" in error.message


def test_an_imported_paid_post_without_its_disclosure_has_the_error(team: Any) -> None:
    report = run(team, HEADER + "GB,x,draft,,Loving these boots,,,,yes\n")
    assert report.ok and report.rows[0].errors == 1
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert [f.rule for f in check_post(post).open_findings] == ["style.disclosure"]


def test_export_writes_it_and_it_round_trips(team: Any) -> None:
    member = team.members["contributor"]
    paid = editing.create_post(
        member, editing.PostChanges(text="#ad Boots", market=team.gb, sponsored=True)
    )
    editing.create_post(member, editing.PostChanges(text="Plain boots", market=team.gb))
    exported = csvplan.export_text(team.workspace, csvplan.ExportFilters())
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert {row["text"]: row["sponsored"] for row in rows} == {
        "#ad Boots": "yes",
        "Plain boots": "no",
    }
    assert paid.sponsored
    Post.objects.all().delete()
    report = run(team, exported)
    assert report.ok, report.errors
    assert dict(Post.objects.values_list("text", "sponsored")) == {
        "#ad Boots": True,
        "Plain boots": False,
    }
