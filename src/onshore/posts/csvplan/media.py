"""The ``media`` and ``alt_text`` columns: files a row's post carries, and gathering
them into the workspace's library before the import's transaction.

A ``media`` cell lists up to ``MAX_ITEMS`` items separated by ``|``; the ``alt_text``
cell lists their alt texts in the same order (blank: the library file's own alt text).
An item is one of:

- ``https://…``: fetched through the outbound destination policy (``media.remote``);
- ``sha256:<64 hex digits>``: a file already in the workspace's library (what export
  writes, so an exported plan imports back with the same files);
- a file name relative to the CSV's folder, for ``onshore import`` only (the pages
  and the API cannot read the importer's disk): no ``..``, no absolute path, and no
  symbolic link leading out of the folder.

Rows are checked first (``item_list``), then ``gather`` resolves every item: library
hashes and local names are looked up before anything is fetched, so a typo refuses
the import without a download. Files that were new to the library are handed back,
so an import that is refused or only a dry run removes them again (``discard``).
Bounds: ``MAX_ROWS_WITH_MEDIA`` rows with media per file and ``MAX_IMPORT_BYTES``
read per import; each file within the upload limits of the library.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from onshore.media import library, remote
from onshore.media.models import MAX_ALT_TEXT, Asset
from onshore.media.processing import MediaRefused
from onshore.posts.csvplan.rows import RawRow, RowError
from onshore.workspaces.models import Membership

MAX_ITEMS = 10  # as a post's media (editing._checked_media)
MAX_ITEM = remote.MAX_URL
MAX_ROWS_WITH_MEDIA = 500
MAX_IMPORT_BYTES = 2**30
# Each download is bounded (media.remote.total_seconds); so is one import's total, so
# a page or a command never waits on a plan of hundreds of slow servers.
MAX_IMPORT_SECONDS = 10 * 60
READ_CHUNK = 64 * 1024
SHA256 = re.compile(r"sha256:([0-9a-fA-F]{64})")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Where a file name is refused (the page, the API): what to use instead.
NO_FILES_HERE = (
    "is a file name, and files on your computer cannot be read from here; use an "
    "https:// URL, a library file as sha256:<hash> (an export lists them), or run "
    "`onshore import` on the machine that has the files beside the CSV"
)

ItemKind = Literal["url", "sha256", "file"]
Refuse = Callable[[str, str], None]


@dataclass(frozen=True)
class MediaItem:
    """One item of a row's ``media`` cell, with its alt text (by position)."""

    kind: ItemKind
    value: str  # the URL, the lower-case hex digest, or the name relative to the folder
    alt_text: str
    position: int  # 1 for the cell's first item: how messages name it


# --- cells: splitting, joining (export), checking ----------------------------------------


def split_cell(cell: str) -> list[str]:
    """The items of a cell, split on ``|``; ``\\|`` is a ``|`` inside an item and
    ``\\\\`` a backslash (any other backslash is kept as typed)."""
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in "|\\" and following else "\\" + following)
        elif char == "|":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items if any(items) else []


def join_cell(values: list[str]) -> str:
    """The cell ``split_cell`` reads back as ``values`` (export)."""
    return " | ".join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)


def item_list(row: RawRow, refuse: Refuse, files_allowed: bool) -> list[MediaItem]:
    """The row's media items with their alt texts, each checked without the network."""
    names = split_cell(row.get("media"))
    alts = split_cell(row.get("alt_text"))
    if not names:
        if any(alts):
            refuse("alt_text", "alt text without media; add the files to the media column")
        return []
    if len(names) > MAX_ITEMS:
        refuse("media", f"{len(names)} items; a post carries at most {MAX_ITEMS}")
        return []
    if len(alts) > len(names):
        refuse("alt_text", f"{len(alts)} alt texts for {len(names)} media items; one per item")
    alts += [""] * (len(names) - len(alts))
    items = []
    for position, (name, alt) in enumerate(zip(names, alts, strict=False), start=1):
        item = _item(position, name, alt, files_allowed, refuse)
        if item is not None:
            items.append(item)
    return items


def _item(
    position: int, name: str, alt: str, files_allowed: bool, refuse: Refuse
) -> MediaItem | None:
    where = f"item {position}"
    if len(alt) > MAX_ALT_TEXT:
        refuse("alt_text", f"{where}: {len(alt):,} characters; the limit is {MAX_ALT_TEXT:,}")
    if not name:
        refuse("media", f"{where} is empty; remove the extra '|'")
        return None
    if len(name) > MAX_ITEM:
        refuse("media", f"{where} is longer than {MAX_ITEM:,} characters")
        return None
    kind, value, problem = _classified(name, files_allowed)
    if problem:
        refuse("media", f"{where}: '{name[:80]}' {problem}")
        return None
    return MediaItem(kind, value, alt, position)


def _classified(name: str, files_allowed: bool) -> tuple[ItemKind, str, str]:
    """(kind, value, problem): problem is what is wrong with the item, or empty."""
    lowered = name.lower()
    if lowered.startswith("sha256:"):
        found = SHA256.fullmatch(name)
        if found is None:
            return "sha256", "", "is not sha256: followed by the 64 hex digits of a file"
        return "sha256", found.group(1).lower(), ""
    if lowered.startswith("https://"):
        try:
            remote.check_media_url(name)
        except MediaRefused as refused:
            return "url", "", f"is refused: {refused}"
        return "url", name, ""
    if lowered.startswith("http://"):
        return "url", "", "is not encrypted; use its https:// address"
    if SCHEME.match(name) and not re.match(r"[A-Za-z]:[\\/]", name):
        return "url", "", "is not a media item; use https://…, sha256:… or a file name"
    if not files_allowed:
        return "file", "", NO_FILES_HERE
    return "file", name, _file_name_problem(name)


def _file_name_problem(name: str) -> str:
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "is an absolute path; name the file relative to the CSV's folder"
    if ".." in parts:
        return "leads out of the CSV's folder ('..'); put the file beside the CSV"
    if "\x00" in name:
        return "contains a NUL character"
    return ""


# --- gathering: every item to a library file, before the import's transaction -----------


@dataclass
class Gathered:
    """Each row's media as ``PostChanges.media`` items, and the files new to the library."""

    items: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # line → items
    new_assets: dict[int, Asset] = field(default_factory=dict)  # pk → asset
    errors: list[RowError] = field(default_factory=list)


def files_to_read(rows: list[tuple[int, list[MediaItem]]]) -> int:
    """How many files ``gather`` reads or fetches: each URL and file name once."""
    return len({(i.kind, i.value) for _, items in rows for i in items if i.kind != "sha256"})


def gather(
    member: Membership,
    rows: list[tuple[int, list[MediaItem]]],
    folder: Path | None,
    progress: Callable[[int], None] | None = None,
) -> Gathered:
    """Resolve every row's items (line, items) to library files. Cheap checks for all
    rows first; then files are read and fetched in order, up to the first refusal
    (the import is refused by then, and each further download would be wasted).
    ``progress`` hears how many files were read so far, after each one."""
    found = Gathered()
    known = _library_files(member, rows)
    for line, items in rows:
        for item in items:
            found.errors.extend(_cheap_problems(line, item, known, folder))
    if found.errors:
        return found
    fetcher = _Fetcher(member, folder, known, progress)
    for line, items in rows:
        try:
            found.items[line] = [fetcher.item(item) for item in items]
        except _ItemRefused as refused:
            found.errors.append(RowError(line, refused.column, refused.message))
            break
        finally:
            found.new_assets.update(fetcher.new_assets)
    return found


class _ItemRefused(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _library_files(member: Membership, rows: list[tuple[int, list[MediaItem]]]) -> dict[str, Asset]:
    hashes = sorted({item.value for _, items in rows for item in items if item.kind == "sha256"})
    found: dict[str, Asset] = {}
    for start in range(0, len(hashes), 500):  # bounded IN lists for SQLite, as elsewhere
        chunk = hashes[start : start + 500]
        for asset in Asset.objects.filter(workspace=member.workspace, sha256__in=chunk):
            found[asset.sha256] = asset
    return found


def _cheap_problems(
    line: int, item: MediaItem, known: dict[str, Asset], folder: Path | None
) -> Iterator[RowError]:
    where = f"item {item.position}"
    if item.kind == "sha256":
        asset = known.get(item.value)
        if asset is None:
            yield RowError(
                line,
                "media",
                f"{where}: no file with sha256:{item.value[:12]}… in this workspace's media "
                "library; upload it there first, or give its https:// URL",
            )
        elif _needs_alt_text(asset, item):
            yield _missing_alt_text(line, item, asset)
    elif item.kind == "file" and folder is not None:
        problem = _local_problem(folder, item.value)
        if problem:
            yield RowError(line, "media", f"{where}: '{item.value[:80]}' {problem}")


def _local_path(folder: Path, name: str) -> Path:
    return (folder / PurePosixPath(name.replace("\\", "/"))).resolve()


def _local_problem(folder: Path, name: str) -> str:
    """Why the file beside the CSV cannot be read, or empty. Resolved first, so a
    symbolic link pointing out of the folder is refused like a '..'."""
    try:
        path = _local_path(folder, name)
    except (OSError, RuntimeError):  # a symbolic link loop
        return "cannot be read (a loop of symbolic links)"
    if not path.is_relative_to(folder.resolve()):
        return "leads out of the CSV's folder (a symbolic link); copy the file beside the CSV"
    if not path.exists():
        return f"is not in {folder}; put the file beside the CSV or fix the name"
    if not path.is_file():
        return "is not a file"
    return ""


def _needs_alt_text(asset: Asset, item: MediaItem) -> bool:
    return asset.kind == Asset.Kind.IMAGE and not (item.alt_text or asset.alt_text).strip()


def _missing_alt_text(line: int, item: MediaItem, asset: Asset) -> RowError:
    return RowError(line, "alt_text", _alt_text_wanted(item, asset))


def _alt_text_wanted(item: MediaItem, asset: Asset) -> str:
    return (
        f"item {item.position} ({asset.original_name or 'an image'}) is an image: describe "
        "it for people who cannot see it, in the same position as in the media column"
    )


class _Fetcher:
    """Reads and fetches items into the library, each URL or file once per import."""

    def __init__(
        self,
        member: Membership,
        folder: Path | None,
        known: dict[str, Asset],
        progress: Callable[[int], None] | None,
    ):
        self.member, self.folder, self.known, self.progress = member, folder, known, progress
        self.budget = remote.FetchBudget(MAX_IMPORT_BYTES, MAX_IMPORT_BYTES)
        self.deadline = time.monotonic() + MAX_IMPORT_SECONDS
        self.seen: dict[tuple[str, str], Asset] = {}
        self.new_assets: dict[int, Asset] = {}

    def item(self, item: MediaItem) -> dict[str, Any]:
        asset = self._asset(item)
        if _needs_alt_text(asset, item):
            raise _ItemRefused("alt_text", _alt_text_wanted(item, asset))
        entry: dict[str, Any] = {"asset_id": asset.pk}
        if item.alt_text:
            entry["alt_text"] = item.alt_text
        return entry

    def _asset(self, item: MediaItem) -> Asset:
        if item.kind == "sha256":
            return self.known[item.value]
        key = (item.kind, item.value)
        if key not in self.seen:
            if time.monotonic() > self.deadline:
                raise _ItemRefused(
                    "media",
                    f"item {item.position}: reading the plan's files took more than "
                    f"{MAX_IMPORT_SECONDS // 60} minutes in all; split the plan into "
                    "several files",
                )
            try:
                asset, created = self._add(item)
            except MediaRefused as refused:
                raise _ItemRefused("media", f"item {item.position}: {refused}") from None
            if created:
                self.new_assets[asset.pk] = asset
            self.seen[key] = asset
            if self.progress is not None:
                self.progress(len(self.seen))
        return self.seen[key]

    def _add(self, item: MediaItem) -> tuple[Asset, bool]:
        if item.kind == "url":
            return remote.add_from_url(self.member, item.value, self.budget)
        assert self.folder is not None  # file items are refused without a folder
        path = _local_path(self.folder, item.value)
        return library.add_upload(self.member, self._read(path), item.value)

    def _read(self, path: Path) -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                self.budget.charge(len(chunk))
                yield chunk


def discard(new_assets: dict[int, Asset]) -> None:
    """Remove files an import added to the library but did not keep (refused, dry run).
    One a post started using meanwhile (another person's upload of the same file)
    stays."""
    for asset in new_assets.values():
        try:
            library.delete_asset(asset)
        except library.AssetInUse:
            continue
