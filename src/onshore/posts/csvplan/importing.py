"""Importing the valid rows: every post created in bulk, checked for market fit and
submitted when asked, in one transaction; any refusal rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import prefetch_related_objects

from onshore.media.models import Asset
from onshore.posts import checks, editing, workflow
from onshore.posts.csvplan import media
from onshore.posts.csvplan.dates import DateOrder
from onshore.posts.csvplan.reading import parse_plan, variant_column
from onshore.posts.csvplan.rows import PlanRefused, RowError
from onshore.posts.csvplan.validation import PlannedRow, validate_rows
from onshore.posts.models import Post, State
from onshore.posts.names import MarketIndex
from onshore.posts.notify_port import notifier
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability

MAX_REPORTED_ERRORS = 1_000


@dataclass
class RowReport:
    line: int
    post_id: int | None
    market: str
    state: str
    when: str
    findings: int
    errors: int
    summary: str
    note: str = ""


@dataclass
class ImportOptions:
    dry_run: bool = False
    market: str = ""  # market for rows that name none (country code or language tag)
    date_format: DateOrder = "auto"
    progress: Callable[[int, int], None] | None = None
    # The CSV's folder, where media items may name files (``onshore import``); None
    # (pages, API): file names are refused with what to use instead.
    media_folder: Path | None = None


@dataclass
class ImportReport:
    layout: str
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run and bool(self.rows)

    @property
    def finding_count(self) -> int:
        return sum(row.findings for row in self.rows)

    def refuse(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.error_count += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(error)


def import_plan(
    member: Membership, data: bytes, options: ImportOptions | None = None
) -> ImportReport:
    """Validate every row, then create all posts or none (see the module doc)."""
    options = options or ImportOptions()
    if not member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden("Your role cannot import posts.")
    try:
        plan = parse_plan(data)
    except PlanRefused as exc:
        report = ImportReport("", options.dry_run)
        report.refuse(exc.errors)
        return report
    report = ImportReport(plan.layout, options.dry_run)
    markets = MarketIndex.of(member.workspace, options.market)
    files_allowed = options.media_folder is not None
    planned, errors = validate_rows(plan, markets, options.date_format, files_allowed)
    report.refuse(errors)
    if report.ok:
        _gather_and_write(member, planned, options, report)
    return report


def _gather_and_write(
    member: Membership, planned: list[PlannedRow], options: ImportOptions, report: ImportReport
) -> None:
    """Media into the library first (downloads stay outside the transaction, which
    would hold the database's write lock meanwhile), then the posts; files new to the
    library are removed again unless the import was kept."""
    rows = [(row.line, row.media) for row in planned if row.media]
    progress = _Progress(options, media.files_to_read(rows), len(planned))
    gathered = media.gather(member, rows, options.media_folder, progress.read)
    try:
        report.refuse(gathered.errors)
        if report.ok:
            _write_all(member, planned, options, report, gathered, progress)
    finally:
        if not report.imported:
            media.discard(gathered.new_assets)


def _write_all(
    member: Membership,
    planned: list[PlannedRow],
    options: ImportOptions,
    report: ImportReport,
    gathered: media.Gathered,
    progress: _Progress,
) -> None:
    with transaction.atomic():
        _describe_new_files(gathered)
        created = _create_all(member, planned, report, gathered.items)
        progress.created()
        if report.ok:
            _check_and_submit(member, planned, created, report, progress)
        if not report.ok or options.dry_run:
            transaction.set_rollback(True)
    if not report.ok:
        report.rows = []


class _Progress:
    """The import's steps for ``ImportOptions.progress``: each file read or fetched,
    then every row created, then every row checked."""

    def __init__(self, options: ImportOptions, files: int, rows: int) -> None:
        self.report, self.files, self.rows = options.progress, files, rows

    def _tick(self, done: int) -> None:
        if self.report is not None:
            self.report(done, self.files + 2 * self.rows)

    def read(self, files_done: int) -> None:
        self._tick(files_done)

    def created(self) -> None:
        self._tick(self.files + self.rows)

    def checked(self, rows_done: int) -> None:
        self._tick(self.files + self.rows + rows_done)


Created = tuple[Post, str] | None  # the post and a note on its schedule (a repeated time)


def _describe_new_files(gathered: media.Gathered) -> None:
    """A file the import added to the library takes the first alt text the file gives
    it, so the library's search finds it; files already there are left as they are.
    (Rolled back with the import, like everything else.)"""
    first_alt: dict[int, str] = {}
    for items in gathered.items.values():
        for item in items:
            if item["asset_id"] in gathered.new_assets and item.get("alt_text"):
                first_alt.setdefault(item["asset_id"], item["alt_text"])
    for asset_id, alt_text in first_alt.items():
        Asset.objects.filter(pk=asset_id, alt_text="").update(alt_text=alt_text)


def _create_all(
    member: Membership,
    planned: list[PlannedRow],
    report: ImportReport,
    media_items: dict[int, list[dict[str, Any]]],
) -> list[Created]:
    """Create every row's post in bulk; a row refused by the model is reported by line."""
    new_posts = [
        editing.NewPost(
            editing.PostChanges(
                text=row.text,
                market=row.market,
                link=row.link,
                tags=row.tags,
                networks=row.networks,
                variants=row.variants,
                media=media_items.get(row.line, []),
                sponsored=row.sponsored,
            ),
            row.day,
            row.clock,
            row.fold,
        )
        for row in planned
    ]
    created: list[Created] = []
    for row, result in zip(planned, editing.create_posts(member, new_posts), strict=True):
        if result.post is None:
            report.refuse(_model_error(row.line, k, v) for k, v in result.errors.items())
            created.append(None)
            continue
        # A wall time that happens twice took its first occurrence: say so in the report.
        note = result.schedule.explanation() if result.schedule is not None else ""
        created.append((result.post, note))
    return created


def _model_error(line: int, field_name: str, messages: list[str]) -> RowError:
    """A model's refusal of a row; a media item's names the item (media.0 is item 1)."""
    message = " ".join(messages)
    parts = field_name.split(".")
    if parts[0] == "media" and len(parts) > 1 and parts[1].isdigit():
        message = f"item {int(parts[1]) + 1}: {message}"
    return RowError(line, _column_of(field_name), message)


def _column_of(field_name: str) -> str:
    """The file's column for a model error: ``variants.x.text`` is the ``text_x`` column."""
    if field_name.startswith("variants."):
        return variant_column(field_name.split(".")[1])
    if field_name.startswith("media."):  # media.N.alt_text: the alt text of item N + 1
        return "alt_text" if field_name.endswith(".alt_text") else "media"
    return {"__all__": "", "market": "market"}.get(field_name, field_name.split(".")[0])


def _check_and_submit(
    member: Membership,
    planned: list[PlannedRow],
    created: list[Created],
    report: ImportReport,
    progress: _Progress,
) -> None:
    posts = [item[0] for item in created if item is not None]
    for start in range(0, len(posts), 500):  # bounded IN lists for SQLite
        prefetch_related_objects(
            posts[start : start + 500], "variants", "dismissals", "media__asset"
        )
    # The rows share the index's market objects: one query gives every row the market's
    # channels (the checker's Mastodon limit) instead of one query per row.
    prefetch_related_objects(
        list({post.market_id: post.market for post in posts}.values()), "channels"
    )
    submitted: list[Post] = []
    for done, (row, item) in enumerate(zip(planned, created, strict=True), start=1):
        if item is not None:
            report.rows.append(_checked_row(member, row, *item, report, submitted))
        progress.checked(done)
    if submitted:  # reviewers hear of the import once, not once per row
        notifier().posts_submitted(submitted, workflow.doer(member))


def _checked_row(
    member: Membership,
    row: PlannedRow,
    post: Post,
    note: str,
    report: ImportReport,
    submitted: list[Post],
) -> RowReport:
    result = checks.check_post(post)
    if row.state == State.IN_REVIEW:
        try:
            submitted.append(
                workflow.perform(
                    post, member, "submit", blocking_errors=result.error_count, notify=False
                )
            )
        except workflow.TransitionError as exc:
            report.refuse([RowError(row.line, "state", f"{exc} Import it as draft instead.")])
    when = ""
    if post.scheduled_at is not None:
        when = f"{post.scheduled_date:%Y-%m-%d} {post.scheduled_time:%H:%M} {post.scheduled_zone}"
    return RowReport(
        line=row.line,
        post_id=post.pk,
        market=row.market.country,
        state=row.state,
        when=when,
        findings=len(result.open_findings),
        errors=result.error_count,
        summary=result.summary(),
        note=note,
    )
