"""Media in CSV plans (issue 16, point 1): a ``media`` column of https URLs (fetched
through the outbound destination policy from a local HTTPS server), library hashes and,
for ``onshore import``, files beside the CSV; ``alt_text`` by position; all or nothing,
and nothing left in the library by a refused import or a dry run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image

from onshore.media import library, remote
from onshore.media.models import Asset
from onshore.posts import csvplan, editing
from onshore.posts.csvplan import media as csv_media
from onshore.posts.models import Media, Post
from tests.fakes.tls import Answer, TlsServer, routes_handler, serve_tls

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

HEADER = "market,networks,text,media,alt_text\n"


def jpeg(colour: tuple[int, int, int] = (200, 40, 40), size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


@dataclass
class MediaHost:
    """A local HTTPS server whose answers each test sets by path."""

    server: TlsServer
    routes: dict[str, Answer]
    requests: list[str]

    def serve(self, path: str, body: bytes, **headers: str) -> str:
        self.routes[path] = (200, {"content-type": "image/jpeg", **headers}, body)
        return self.server.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = (status, {"location": location}, b"")
        return self.server.url(path)


@pytest.fixture
def host(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[MediaHost]:
    """The server on 127.0.0.1, reachable because loopback is allowed (as on a single
    machine), and its certificate trusted by the media fetcher only."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    settings.NETWORK_TIMEOUT_SECONDS = 5
    folder = tmp_path / "tls"
    folder.mkdir()
    routes: dict[str, Answer] = {}
    requests: list[str] = []
    server = serve_tls(routes_handler(routes, requests), folder)
    monkeypatch.setattr(remote, "trust", lambda: server.trust)
    yield MediaHost(server, routes, requests)
    server.stop()


def run(team: Any, text: str, **options: Any) -> csvplan.ImportReport:
    member = team.members["contributor"]
    return csvplan.import_plan(member, text.encode(), csvplan.ImportOptions(**options))


def stored_files(media_dir: Path) -> list[Path]:
    return [path for path in media_dir.rglob("*") if path.is_file()] if media_dir.exists() else []


def errors_of(report: csvplan.ImportReport) -> list[str]:
    return [str(error) for error in report.errors]


# --- URLs ---------------------------------------------------------------------------------


def test_a_url_is_fetched_stored_and_carried_by_the_post(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    url = host.serve("/photos/flat-white.jpg", jpeg())
    report = run(team, HEADER + f"GB,x,Coffee time,{url},Flat white on the counter\n")
    assert report.ok and report.imported, errors_of(report)
    post = Post.objects.get(pk=report.rows[0].post_id)
    (item,) = post.media.select_related("asset")
    assert item.asset is not None and item.alt_text == "Flat white on the counter"
    assert (item.asset.kind, item.asset.width, item.asset.height) == ("image", 64, 48)
    assert item.asset.original_name == "flat-white.jpg"
    assert item.asset.alt_text == "Flat white on the counter"  # the library finds it
    assert post.revisions.get(number=1).details["media"][0]["asset_id"] == item.asset.pk
    assert len(stored_files(media_dir)) == 2  # the file and its thumbnail


def test_several_items_with_alt_texts_by_position_and_one_download_per_url(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    first = host.serve("/a.jpg", jpeg((10, 10, 10)))
    second = host.serve("/b.jpg", jpeg((250, 250, 250)))
    rows = (
        HEADER
        + f'GB,x,One,"{first} | {second}","Dark cup | Light \\| bright cup"\n'
        + f"GB,x,Two,{first},Dark cup again\n"
    )
    report = run(team, rows)
    assert report.ok, errors_of(report)
    one = Post.objects.get(text="One")
    assert [m.alt_text for m in one.media.order_by("id")] == ["Dark cup", "Light | bright cup"]
    assert Asset.objects.count() == 2 and sorted(host.requests) == ["/a.jpg", "/b.jpg"]


def test_a_chain_of_three_redirects_is_followed(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    host.serve("/final.jpg", jpeg())
    host.redirect("/3", host.server.url("/final.jpg"), status=308)
    host.redirect("/2", "/3", status=307)  # relative: resolved against the hop's URL
    start = host.redirect("/1", host.server.url("/2"), status=301)
    report = run(team, HEADER + f"GB,x,Hi,{start},A cup\n")
    assert report.ok, errors_of(report)
    assert host.requests == ["/1", "/2", "/3", "/final.jpg"]
    assert Media.objects.get().asset.original_name == "final.jpg"


def test_a_fourth_redirect_is_refused(team: Any, host: MediaHost, media_dir: Path) -> None:
    host.serve("/final.jpg", jpeg())
    for hop in range(1, 5):
        host.redirect(f"/{hop}", f"/{hop + 1}" if hop < 4 else "/final.jpg")
    report = run(team, HEADER + f"GB,x,Hi,{host.server.url('/1')},A cup\n")
    assert not report.ok
    assert "line 2, column media: item 1: " in errors_of(report)[0]
    assert "redirects more than 3 times" in errors_of(report)[0]
    assert "/final.jpg" not in host.requests and Post.objects.count() == 0


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("https://10.0.0.1/photo.jpg", "private"),
        ("https://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://127.0.0.1:9/photo.jpg", "https://"),
        ("https://user:secret@127.0.0.1/photo.jpg", "user name or password"),
    ],
)
def test_a_redirect_to_a_refused_address_is_not_called(
    team: Any, host: MediaHost, media_dir: Path, location: str, says: str
) -> None:
    # The session-wide guard in tests/conftest.py fails any connection off loopback:
    # the policy must refuse 10.0.0.1 and 169.254.169.254 before connecting.
    start = host.redirect("/go", location)
    report = run(team, HEADER + f"GB,x,Hi,{start},A cup\n")
    (message,) = errors_of(report)
    assert message.startswith("line 2, column media: item 1:") and says in message
    assert host.requests == ["/go"] and Asset.objects.count() == 0


def test_a_url_to_a_refused_address_is_refused_before_any_download(
    team: Any, host: MediaHost, settings: Any
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    report = run(team, HEADER + f"GB,x,Hi,{host.serve('/a.jpg', jpeg())},A cup\n")
    assert "loopback address" in errors_of(report)[0] and host.requests == []


def test_too_big_is_refused_by_its_declared_length_or_while_reading(
    team: Any, host: MediaHost, media_dir: Path, settings: Any
) -> None:
    settings.MEDIA_MAX_IMAGE_BYTES = settings.MEDIA_MAX_VIDEO_BYTES = 1_500_000
    big = jpeg(size=(16, 16)) + os.urandom(3_000_000)  # a JPEG start, then far too much
    declared = host.serve("/declared.jpg", big)
    undeclared = host.serve("/undeclared.jpg", big, **{"content-length": "none"})
    for url in (declared, undeclared):
        report = run(team, HEADER + f"GB,x,Hi,{url},A cup\n")
        (message,) = errors_of(report)
        assert "1.4 MB" in message and "ONSHORE_MEDIA_MAX_IMAGE_BYTES" in message, message
    assert Asset.objects.count() == 0 and stored_files(media_dir) == []


def test_a_page_that_is_not_an_image_is_refused_by_its_content(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    # The name and the Content-Type both say JPEG; the bytes are an HTML page.
    url = host.serve("/photo.jpg", b"<!doctype html><title>Log in</title>")
    report = run(team, HEADER + f"GB,x,Hi,{url},A cup\n")
    (message,) = errors_of(report)
    assert "is not a file onshore accepts" in message and "content" in message
    assert Asset.objects.count() == 0


def test_an_error_answer_names_the_status(team: Any, host: MediaHost, media_dir: Path) -> None:
    report = run(team, HEADER + f"GB,x,Hi,{host.server.url('/gone.jpg')},A cup\n")
    assert "answered 404" in errors_of(report)[0]


def test_an_untrusted_certificate_is_refused(
    team: Any, host: MediaHost, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "trust", lambda: True)  # the system's store: not ours
    report = run(team, HEADER + f"GB,x,Hi,{host.serve('/a.jpg', jpeg())},A cup\n")
    assert "certificate" in errors_of(report)[0] and Asset.objects.count() == 0


# --- all or nothing, dry runs --------------------------------------------------------------


def test_a_bad_item_refuses_the_import_and_removes_what_was_fetched(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    good = host.serve("/good.jpg", jpeg())
    bad = host.serve("/bad.jpg", b"not an image at all")
    report = run(team, HEADER + f"GB,x,One,{good},A cup\nGB,x,Two,{bad},Another\n")
    assert errors_of(report)[0].startswith("line 3, column media: item 1:")
    assert Post.objects.count() == 0 and Asset.objects.count() == 0
    assert stored_files(media_dir) == []


def test_a_dry_run_fetches_checks_and_leaves_no_files_but_keeps_existing_ones(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    known, _ = library.add_upload(team.members["owner"], [jpeg((1, 2, 3))], "known.jpg", "Kept")
    before = sorted(stored_files(media_dir))
    new = host.serve("/new.jpg", jpeg((9, 9, 9)))
    same = host.serve("/same-as-known.jpg", jpeg((1, 2, 3)))
    report = run(team, HEADER + f'GB,x,Hi,"{new}|{same}",A|B\n', dry_run=True)
    assert report.ok and report.dry_run and len(report.rows) == 1, errors_of(report)
    assert sorted(host.requests) == ["/new.jpg", "/same-as-known.jpg"]
    assert list(Asset.objects.all()) == [known] and sorted(stored_files(media_dir)) == before
    known.refresh_from_db()
    assert known.alt_text == "Kept"


def test_an_image_without_alt_text_is_refused_by_position(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    url = host.serve("/a.jpg", jpeg())
    report = run(team, HEADER + f'GB,x,Hi,"{url}|{url}",Described|\n')
    (message,) = errors_of(report)
    assert message.startswith("line 2, column alt_text: item 2 (a.jpg) is an image")
    assert Asset.objects.count() == 0


# --- library hashes --------------------------------------------------------------------


def test_a_sha256_item_uses_the_library_file(team: Any, media_dir: Path) -> None:
    asset, _ = library.add_upload(team.members["owner"], [jpeg()], "shop.jpg", "Our shop")
    report = run(team, HEADER + f"GB,x,Hi,sha256:{asset.sha256.upper()},\n")
    assert report.ok, errors_of(report)
    (item,) = Media.objects.all()
    assert item.asset == asset and item.alt_text == "Our shop" and Asset.objects.count() == 1


def test_an_unknown_hash_refuses_the_file_before_anything_is_downloaded(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    other, _ = library.add_upload(
        editing_owner_of(team.other_workspace), [jpeg()], "theirs.jpg", "Not yours"
    )
    url = host.serve("/a.jpg", jpeg((5, 5, 5)))
    rows = f"GB,x,One,{url},Cup\nGB,x,Two,sha256:{'ab' * 32},\nGB,x,Three,sha256:{other.sha256},\n"
    report = run(team, HEADER + rows)
    assert [str(e)[:28] for e in report.errors] == [
        "line 3, column media: item 1",
        "line 4, column media: item 1",
    ]
    assert "no file with sha256:abababababab" in errors_of(report)[0]
    assert host.requests == [] and Post.objects.count() == 0


def editing_owner_of(workspace: Any) -> Any:
    return workspace.memberships.get(role="owner")


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ("sha256:1234", "64 hex digits"),
        ("http://example.com/a.jpg", "https://"),
        ("ftp://example.com/a.jpg", "not a media item"),
        ("https://example.com/a.jpg#top", "'#'"),
        ("a.jpg|", "item 2 is empty"),
        ("|".join(["sha256:" + "0" * 64] * 11), "11 items; a post carries at most 10"),
    ],
)
def test_malformed_items_are_refused_by_line_and_column(team: Any, cell: str, says: str) -> None:
    report = run(team, HEADER + f'GB,x,Hi,"{cell}",\n')
    assert any(says in message and "column media" in message for message in errors_of(report))


def test_more_alt_texts_than_items_or_alt_text_alone(team: Any) -> None:
    report = run(team, HEADER + f'GB,x,Hi,sha256:{"0" * 64},"a|b"\nGB,x,Hey,,lonely\n')
    assert "line 2, column alt_text: 2 alt texts for 1 media items" in errors_of(report)[0]
    assert "line 3, column alt_text: alt text without media" in errors_of(report)[1]


# --- files beside the CSV: only `onshore import` -----------------------------------------


def test_the_import_page_refuses_file_names_and_says_what_to_use(team: Any) -> None:
    client = team.client("contributor")
    answer = client.post(
        f"/w/{team.workspace.slug}/posts/import/",
        {"csv_text": HEADER + "GB,x,Hi,photos/shop.jpg,Our shop\n", "date_format": "auto"},
    )
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "is a file name" in page and "onshore import" in page and "sha256:" in page


def import_command(plan: Path, slug: str, *extra: str) -> str:
    out = io.StringIO()
    call_command("import", str(plan), "--workspace", slug, *extra, stdout=out)
    return out.getvalue()


def test_onshore_import_reads_files_beside_the_csv(
    team: Any, tmp_path: Path, media_dir: Path
) -> None:
    folder = tmp_path / "plan"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "shop.jpg").write_bytes(jpeg())
    plan = folder / "plan.csv"
    plan.write_text(HEADER + "GB,x,Hi,photos/shop.jpg,Our shop\n")
    slug = team.workspace.slug
    assert "1 post(s) would be imported (dry run)" in import_command(plan, slug, "--dry-run")
    assert Asset.objects.count() == 0 and stored_files(media_dir) == []
    assert "1 post(s) imported" in import_command(plan, slug)
    (item,) = Media.objects.select_related("asset")
    assert item.asset.original_name == "shop.jpg" and item.alt_text == "Our shop"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("../secret.jpg", "leads out of the CSV's folder ('..')"),
        ("photos/../../secret.jpg", "('..')"),
        ("/etc/passwd", "absolute path"),
        ("C:\\Users\\me\\a.jpg", "absolute path"),
        ("escape.jpg", "a symbolic link"),
        ("missing.jpg", "put the file beside the CSV"),
        ("photos", "is not a file"),
    ],
)
def test_onshore_import_refuses_names_outside_the_folder(
    team: Any, tmp_path: Path, media_dir: Path, name: str, says: str
) -> None:
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    folder = tmp_path / "plan"
    (folder / "photos").mkdir(parents=True)
    (folder / "escape.jpg").symlink_to(tmp_path / "secret.jpg")
    plan = folder / "plan.csv"
    with plan.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER.strip().split(","), ["GB", "x", "Hi", name, "A"]])
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(plan), "--workspace", team.workspace.slug, stderr=err)
    assert "line 2, column media: item 1:" in err.getvalue() and says in err.getvalue()
    assert Asset.objects.count() == 0


# --- bounds -----------------------------------------------------------------------------


def test_rows_with_media_per_file_are_bounded(
    team: Any, monkeypatch: pytest.MonkeyPatch, media_dir: Path
) -> None:
    monkeypatch.setattr(csv_media, "MAX_ROWS_WITH_MEDIA", 2)
    monkeypatch.setattr("onshore.posts.csvplan.validation.MAX_ROWS_WITH_MEDIA", 2)
    asset, _ = library.add_upload(team.members["owner"], [jpeg()], "a.jpg", "A")
    rows = "".join(f"GB,x,Post {n},sha256:{asset.sha256},\n" for n in range(3))
    report = run(team, HEADER + rows)
    assert errors_of(report) == [
        "line 4, column media: more than 2 rows with media in one file (each file is "
        "downloaded or read and stored); split the plan into several files"
    ]


def test_bytes_read_per_import_are_bounded(
    team: Any, host: MediaHost, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = jpeg((1, 1, 1)), jpeg((2, 2, 2))
    monkeypatch.setattr(csv_media, "MAX_IMPORT_BYTES", len(first) + len(second) // 2)
    urls = host.serve("/1.jpg", first), host.serve("/2.jpg", second)
    report = run(team, HEADER + f"GB,x,One,{urls[0]},A\nGB,x,Two,{urls[1]},B\n")
    (message,) = errors_of(report)
    assert message.startswith("line 3, column media: item 1:")
    assert "most one import may read; split the file" in message
    assert Asset.objects.count() == 0 and stored_files(media_dir) == []


# --- export ---------------------------------------------------------------------------


def test_export_writes_library_hashes_and_alt_texts_that_import_back(
    team: Any, media_dir: Path
) -> None:
    owner = team.members["owner"]
    cup, _ = library.add_upload(owner, [jpeg((1, 1, 1))], "cup.jpg", "A cup")
    shop, _ = library.add_upload(owner, [jpeg((2, 2, 2))], "shop.jpg", "")
    editing.create_post(
        owner,
        editing.PostChanges(
            text="Two files",
            market=team.gb,
            media=[
                {"asset_id": shop.pk, "alt_text": "=Our shop | front \\ door"},
                {"asset_id": cup.pk, "alt_text": ""},
            ],
        ),
    )
    exported = csvplan.export_text(team.workspace, csvplan.ExportFilters())
    row = next(csv.DictReader(io.StringIO(exported, newline="")))
    assert row["media"] == f"sha256:{shop.sha256} | sha256:{cup.sha256}"
    assert row["alt_text"] == "'=Our shop \\| front \\\\ door | A cup"
    Post.objects.all().delete()
    report = run(team, exported)
    assert report.ok, errors_of(report)
    items = list(Media.objects.order_by("id").values_list("asset_id", "alt_text"))
    assert items == [(shop.pk, "=Our shop | front \\ door"), (cup.pk, "A cup")]


def test_the_time_one_import_spends_reading_files_is_bounded(
    team: Any, host: MediaHost, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_media, "MAX_IMPORT_SECONDS", 0)  # spent before the first file
    report = run(team, HEADER + f"GB,x,One,{host.serve('/1.jpg', jpeg())},A\n")
    (message,) = errors_of(report)
    assert "took more than 0 minutes in all; split the plan" in message
    assert host.requests == [] and Asset.objects.count() == 0


def test_the_api_refuses_file_names_like_the_page(team: Any) -> None:
    answer = team.client("contributor").post(
        f"/api/v1/workspaces/{team.workspace.slug}/posts/import",
        HEADER + "GB,x,Hi,photos/shop.jpg,Our shop\n",
        content_type="text/csv",
    )
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["csv", 2, "media"] and "onshore import" in problem["msg"]


class _Dripping(BaseHTTPRequestHandler):
    """A JPEG start, then one byte every 0.2 s: each read is quick, the whole never ends."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-length", "100000")
        self.end_headers()
        with contextlib.suppress(OSError):  # the client hangs up (TLS: an SSLError)
            self.wfile.write(jpeg()[:100])
            for _ in range(200):
                time.sleep(0.2)
                self.wfile.write(b"\0")
                self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_server_dripping_its_answer_is_cut_off_by_the_total_time(
    team: Any, host: MediaHost, media_dir: Path, settings: Any, tmp_path: Path
) -> None:
    settings.NETWORK_TIMEOUT_SECONDS = 1  # so each file may take 3 seconds in all
    (tmp_path / "drip").mkdir()
    slow = serve_tls(_Dripping, tmp_path / "drip")
    try:
        started = time.monotonic()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(remote, "trust", lambda: slow.trust)
            report = run(team, HEADER + f"GB,x,Hi,{slow.url('/slow.jpg')},A cup\n")
        waited = time.monotonic() - started
    finally:
        slow.stop()
    (message,) = errors_of(report)
    assert "took longer than 3 seconds to download" in message
    assert waited < 10 and Asset.objects.count() == 0


_cell_text = st.text(alphabet=st.sampled_from("ab |\\=é"), max_size=12).map(str.strip)


@given(st.lists(_cell_text, min_size=1, max_size=10).filter(any))
@hsettings(max_examples=300)
def test_cells_split_back_into_what_was_joined(values: list[str]) -> None:
    """Export writes alt texts with join_cell; import reads them with split_cell."""
    assert csv_media.split_cell(csv_media.join_cell(values)) == values


def test_progress_counts_each_file_read_then_the_rows(
    team: Any, host: MediaHost, media_dir: Path
) -> None:
    """What `onshore import`'s progress bar shows while files download."""
    first, second = host.serve("/1.jpg", jpeg((1, 1, 1))), host.serve("/2.jpg", jpeg((2, 2, 2)))
    calls: list[tuple[int, int]] = []
    rows = f'GB,x,One,"{first}|{second}",A|B\nGB,x,Two,{first},A\n'
    report = run(team, HEADER + rows, progress=lambda done, total: calls.append((done, total)))
    assert report.ok, errors_of(report)
    assert calls == [(1, 6), (2, 6), (4, 6), (5, 6), (6, 6)]
