"""Content plans as CSV: import (all or nothing) and export (round-trips through import).

Two layouts are read, told apart by the first line:

* **onshore** — a header naming some of ``market, networks, state, tags, text, link,
  local_date, local_time`` (``text`` is required; ``network``, ``date``, ``time`` and
  ``message`` are accepted as aliases). ``local_date``/``local_time`` are the wall time in
  the market's primary zone. Export writes this layout.
* **Hootsuite bulk composer** — no header (or a header of ``date, time, message, link``).
  Hootsuite's own file puts date and time in one cell (``12/31/2026 09:30``, column A),
  the message in column B and an optional link in column C; a four-column variant with
  date and time in separate cells is read too. Hootsuite asks at upload whether dates are
  month/day/year or day/month/year; so do we (``date_format``). Left on ``auto``, the
  order is taken from dates that can only be read one way (``31/12/2026``) and a file of
  only ambiguous dates (``05/06/2026``) is refused rather than guessed. ISO dates
  (``2026-12-31``) are always accepted. Times are 24-hour ``HH:MM`` (seconds and
  ``am``/``pm`` accepted).

Rules shared by both: rows are checked first, without touching the database; only if
every row is valid are posts created (``editing.create_posts``: the model's validation,
revision 1 and the schedule, in bulk) and checked for market fit, in one transaction. A
row asked to be ``in_review`` is then submitted like any post; error findings refuse
that row. Any refusal rolls everything back. A dry run does the same and rolls back.

* ``state`` may be ``draft`` (the default) or ``in_review``. Approved, scheduled and
  published are refused: approval is a reviewer's decision recorded in onshore, and a
  CSV cannot stand for it.
* A wall time the clocks skip is refused naming the nearest valid times; a time that
  happens twice (clocks going back) takes the first occurrence, and the row says so.
* Limits: 20 MB, 20,000 rows, text up to 10,000 characters, link 2,000, 30 tags of up
  to 40 characters. Files must be UTF-8 (a BOM is fine) or UTF-16 with a BOM.
* Spreadsheets run cells starting with ``= + - @`` (or a tab or carriage return before
  one) as formulas, so export writes every such cell with a leading ``'`` and import
  removes it again. A cell that itself starts with ``'`` gets one too, so a text such as
  ``'=x`` comes back exactly as it was written.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal, TextIO, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, prefetch_related_objects

from onshore.inputs import EARLIEST_DAY, LATEST_DAY, BadInput, read_day, read_id
from onshore.localtime import resolve_wall_time
from onshore.posts import checks, editing, workflow
from onshore.posts.models import MAX_TAG_LENGTH, MAX_TAGS, MAX_TEXT, Network, Post, State
from onshore.workspaces.models import Market, Membership, Workspace
from onshore.workspaces.roles import Capability

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_REPORTED_ERRORS = 1_000
MAX_LINK = 2_000
MAX_TAG = MAX_TAG_LENGTH  # MAX_TAGS too: the model's bounds
MAX_SHORT_FIELD = 200  # market, networks, state, dates: anything longer is a mistake

EXPORT_COLUMNS = (
    "market",
    "networks",
    "state",
    "tags",
    "text",
    "link",
    "local_date",
    "local_time",
)
ALIASES = {
    "network": "networks",
    "tag": "tags",
    "message": "text",
    "url": "link",
    "date": "local_date",
    "time": "local_time",
}
OWN_LAYOUT_COLUMNS = {"market", "networks", "state", "tags", "text", "local_date", "local_time"}
HOOTSUITE_HEADER = {"date", "time", "date_time", "datetime", "date_and_time", "message", "link"}
HOOTSUITE_NAMES = {"date": "local_date", "time": "local_time", "message": "text", "link": "link"}
HOOTSUITE_COMBINED = {"date_time", "datetime", "date_and_time"}
IMPORTABLE_STATES = (State.DRAFT, State.IN_REVIEW)
NETWORK_ALIASES = {"twitter": "x", "x.com": "x", "bsky": "bluesky", "ig": "instagram"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

DateOrder = Literal["auto", "mdy", "dmy"]
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class RowError:
    """One reason a file or row is refused: where (line, column) and what to do."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


class PlanRefused(Exception):
    """The file as a whole cannot be read (encoding, size, layout); nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class RawRow:
    """A record of the file: its first line and its cells by onshore column name."""

    line: int
    values: dict[str, str]
    labels: dict[str, str]  # onshore column → how the file calls it (for messages)

    def get(self, column: str) -> str:
        return unescape_formula(self.values.get(column, "").strip())

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


@dataclass
class ParsedPlan:
    layout: str  # "onshore" or "hootsuite"
    rows: list[RawRow]
    columns: set[str]


@dataclass
class PlannedRow:
    """A valid row, ready to become a post."""

    line: int
    market: Any
    text: str
    link: str
    tags: list[str]
    networks: list[str]
    state: str
    day: date | None
    clock: time | None


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


# --- reading the file -------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of the upload: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanRefused([RowError(1, "", "the file is not valid UTF-16 text")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = (
            f"byte 0x{data[exc.start]:02X} is not UTF-8: the file was saved in another "
            "encoding. Save it as 'CSV UTF-8' (Excel) or choose UTF-8 when exporting."
        )
        raise PlanRefused([RowError(line, "", message)]) from None


def _delimiter(text: str) -> str:
    """Comma, or semicolon/tab when the first line has no comma (European Excel, TSV)."""
    first = text.split("\n", 1)[0]
    if "," in first:
        return ","
    if ";" in first:
        return ";"
    return "\t" if "\t" in first else ","


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) per non-blank record; at most MAX_ROWS + 1 (header)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    count, start = 0, 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = f"the CSV cannot be read here ({exc}); check quotes and separators"
            raise PlanRefused([RowError(start, "", message)]) from None
        if any(cell.strip() for cell in cells):
            count += 1
            if count > MAX_ROWS + 1:
                message = f"more than {MAX_ROWS:,} rows; split the plan into several files"
                raise PlanRefused([RowError(start, "", message)])
            yield start, cells
        start = reader.line_num + 1


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-/]+", "_", cell.strip().lower().lstrip("\ufeff")).strip("_")


def parse_plan(data: bytes) -> ParsedPlan:
    """Read the file and tell its layout; PlanRefused when it cannot be read at all."""
    if len(data) > MAX_BYTES:
        message = f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it"
        raise PlanRefused([RowError(1, "", message)])
    text = decode(data)
    rows = list(records(text))
    if not rows:
        raise PlanRefused([RowError(1, "", "the file is empty; nothing to import")])
    first_line, first = rows[0]
    raw_names = [_header_name(cell) for cell in first]
    if "message" in raw_names and set(raw_names) <= HOOTSUITE_HEADER | {""}:
        return _hootsuite_with_header(raw_names, first, rows[1:])
    names = [ALIASES.get(name, name) for name in raw_names]
    if OWN_LAYOUT_COLUMNS & set(names):
        return _onshore(first_line, names, first, rows[1:])
    if _parse_date_loose(first[0]) is not None:
        if len(rows) > MAX_ROWS:
            raise PlanRefused([RowError(rows[-1][0], "", f"more than {MAX_ROWS:,} rows")])
        return ParsedPlan("hootsuite", [_hootsuite_cells(n, c) for n, c in rows], set())
    message = (
        "cannot tell the layout: start with a header naming onshore's columns "
        f"({', '.join(EXPORT_COLUMNS)}; 'text' is required) or use Hootsuite's layout "
        "(date and time, message, link) with a date in the first cell"
    )
    raise PlanRefused([RowError(first_line, "", message)])


def _onshore(
    line: int, names: list[str], header: list[str], body: list[tuple[int, list[str]]]
) -> ParsedPlan:
    unknown = [cell for cell, name in zip(header, names, strict=True) if name not in EXPORT_COLUMNS]
    if unknown:
        message = f"unknown column; use only {', '.join(EXPORT_COLUMNS)}"
        raise PlanRefused([RowError(line, f"'{cell}'", message) for cell in unknown])
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise PlanRefused([RowError(line, d, "this column appears twice") for d in duplicates])
    if "text" not in names:
        raise PlanRefused([RowError(line, "text", "the header must include a text column")])
    labels = dict(zip(names, header, strict=True))
    rows = [_named_row(n, cells, names, labels) for n, cells in body]
    return ParsedPlan("onshore", rows, set(names))


def _named_row(line: int, cells: list[str], names: list[str], labels: dict[str, str]) -> RawRow:
    values = dict(zip(names, cells, strict=False))
    if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
        values["__extra__"] = "x"
    return RawRow(line, values, {k: v.strip() for k, v in labels.items()})


def _hootsuite_with_header(
    names: list[str], header: list[str], body: list[tuple[int, list[str]]]
) -> ParsedPlan:
    mapped = [
        "__datetime__" if n in HOOTSUITE_COMBINED else HOOTSUITE_NAMES.get(n, n) for n in names
    ]
    labels = dict(zip(mapped, header, strict=True))
    rows = [_split_datetime(_named_row(n, cells, mapped, labels)) for n, cells in body]
    return ParsedPlan("hootsuite", rows, set())


def _hootsuite_cells(line: int, cells: list[str]) -> RawRow:
    """Column A date (and time), then time if separate, message, link."""
    separate_time = len(cells) >= 2 and _CLOCK.match(cells[1].strip()) is not None
    names = ["local_date", "local_time", "text", "link"] if separate_time else None
    if names is None:
        names = ["__datetime__", "text", "link"]
    letters = "ABCD"
    labels = {name: f"{letters[i]} ({_HOOT_LABEL[name]})" for i, name in enumerate(names)}
    return _split_datetime(_named_row(line, cells, names, labels))


_HOOT_LABEL = {
    "__datetime__": "date and time",
    "local_date": "date",
    "local_time": "time",
    "text": "message",
    "link": "link",
}


def _split_datetime(row: RawRow) -> RawRow:
    """Hootsuite's 'date time' cell → local_date and local_time."""
    combined = row.values.pop("__datetime__", None)
    if combined is None:
        return row
    label = row.labels.pop("__datetime__", "date and time")
    day, _, clock = combined.strip().replace("T", " ", 1).partition(" ")
    row.values["local_date"], row.values["local_time"] = day, clock.strip()
    row.labels["local_date"] = row.labels["local_time"] = label
    return row


# --- dates and times --------------------------------------------------------------------


def _parse_date_loose(value: str) -> tuple[int, int, int] | None:
    """The three numbers of a slash or ISO date, year last, without deciding their order."""
    value = value.strip().replace("T", " ", 1).split(" ", 1)[0]
    iso = _ISO_DATE.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return (month, day, year)
    slash = _SLASH_DATE.match(value)
    return tuple(int(part) for part in slash.groups()) if slash else None  # type: ignore[return-value]


def infer_date_order(rows: list[RawRow], chosen: DateOrder) -> tuple[DateOrder, list[RowError]]:
    """The file's slash-date order: as chosen, or read off dates that fit only one order."""
    if chosen != "auto":
        return chosen, []
    evidence: dict[str, RawRow] = {}
    ambiguous: RawRow | None = None
    for row in rows:
        value = row.get("local_date")
        if not _SLASH_DATE.match(value):
            continue
        first, second, _ = _parse_date_loose(value) or (0, 0, 0)
        if first > 12 >= second:
            evidence.setdefault("dmy", row)
        elif second > 12 >= first:
            evidence.setdefault("mdy", row)
        elif ambiguous is None:
            ambiguous = row
    if len(evidence) == 2:
        mdy, dmy = evidence["mdy"], evidence["dmy"]
        message = (
            f"'{dmy.get('local_date')}' reads only as day/month/year but line {mdy.line} "
            f"('{mdy.get('local_date')}') only as month/day/year: use one order in the file"
        )
        later = max(mdy, dmy, key=lambda row: row.line)
        return "auto", [RowError(later.line, later.label("local_date"), message)]
    if evidence:
        return cast(DateOrder, next(iter(evidence))), []
    if ambiguous is not None:
        value = ambiguous.get("local_date")
        message = (
            f"'{value}' could be day/month/year or month/day/year, and no date in the file "
            "settles it: choose the date format (day/month/year or month/day/year) and "
            "import again, or write dates as YYYY-MM-DD"
        )
        return "auto", [RowError(ambiguous.line, ambiguous.label("local_date"), message)]
    return "mdy", []


def parse_day(value: str, order: DateOrder) -> date:
    """A date in ISO or slash form read in ``order``; ValueError says what is wrong."""
    parts = _parse_date_loose(value)
    if parts is None or " " in value.strip():
        raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD or a slash date")
    first, second, year = parts
    if year < 1000:
        raise ValueError(f"'{value}': write the year with four digits")
    iso = _ISO_DATE.match(value.strip())
    month, day = (first, second) if iso or order != "dmy" else (second, first)
    try:
        day_read = date(year, month, day)
    except ValueError:
        reading = (
            "year-month-day" if iso else ("day/month/year" if order == "dmy" else "month/day/year")
        )
        raise ValueError(f"'{value}' is not a real date (read as {reading})") from None
    if not EARLIEST_DAY <= day_read <= LATEST_DAY:
        # The same bounds as every other date a person types (onshore.inputs): a post in
        # 9999 overflows as soon as its market's zone moves it past New Year.
        raise ValueError(f"'{value}': give a date from {EARLIEST_DAY} to {LATEST_DAY}")
    return day_read


def parse_clock(value: str) -> time:
    match = _CLOCK.match(value.strip())
    if match is None:
        raise ValueError(f"'{value}' is not a time; write 24-hour HH:MM such as 09:30")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{value}': with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"'{value}' is not a time of day (00:00 to 23:59)") from None


# --- validating rows ----------------------------------------------------------------------


@dataclass
class MarketIndex:
    """The workspace's markets by country code (when unique) and by language tag."""

    by_key: dict[str, Any]
    default: Any | None
    names: list[str]

    @classmethod
    def of(cls, workspace: Workspace, chosen: str = "") -> MarketIndex:
        markets = list(workspace.markets.all())
        countries = [m.country for m in markets]
        by_key = {m.language.lower(): m for m in markets}
        by_key.update({m.country.lower(): m for m in markets if countries.count(m.country) == 1})
        names = [market_name(m, countries) for m in markets]
        default = markets[0] if len(markets) == 1 else None
        if chosen:
            default = by_key.get(chosen.strip().lower())
        return cls(by_key, default, names)

    def find(self, value: str) -> Any | None:
        return self.by_key.get(value.strip().lower()) if value.strip() else self.default


def market_name(market: Market, countries: list[str]) -> str:
    """The market's CSV name: its country code, or its language tag if the code is shared."""
    return market.country if countries.count(market.country) == 1 else market.language


def validate_rows(
    plan: ParsedPlan, markets: MarketIndex, options: ImportOptions
) -> tuple[list[PlannedRow], list[RowError]]:
    if not plan.rows:
        return [], [RowError(1, "", "the file has a header but no rows to import")]
    if markets.default is None and "market" not in plan.columns:
        message = (
            f"this workspace has several markets ({', '.join(markets.names)}): add a market "
            "column or choose the market for rows that name none"
        )
        return [], [RowError(1, "market", message)]
    order, errors = infer_date_order(plan.rows, options.date_format)
    planned: list[PlannedRow] = []
    for row in plan.rows:
        result = validate_row(row, markets, order)
        if isinstance(result, PlannedRow):
            planned.append(result)
        else:
            errors.extend(result)
    return planned, errors


def validate_row(
    row: RawRow, markets: MarketIndex, order: DateOrder
) -> PlannedRow | list[RowError]:
    errors: list[RowError] = []

    def refuse(column: str, message: str) -> None:
        errors.append(RowError(row.line, row.label(column), message))

    if "__extra__" in row.values:
        refuse("", "more cells than the header has columns; quote text that contains commas")
    for column in ("market", "networks", "state", "local_date", "local_time"):
        if len(row.get(column)) > MAX_SHORT_FIELD:
            refuse(column, f"longer than {MAX_SHORT_FIELD} characters; is a column shifted?")
    if errors:
        return errors
    market = _row_market(row, markets, refuse)
    text = _row_text(row, refuse)
    link = _row_link(row, refuse)
    tags = _row_tags(row, refuse)
    networks = _row_networks(row, refuse)
    state = _row_state(row, refuse)
    day, clock = _row_schedule(row, order, market, refuse)
    if errors:
        return errors
    return PlannedRow(row.line, market, text, link, tags, networks, state, day, clock)


Refuse = Callable[[str, str], None]


def _row_market(row: RawRow, markets: MarketIndex, refuse: Refuse) -> Any | None:
    market = markets.find(row.get("market"))
    if market is None:
        value = row.get("market")
        what = f"'{value}' is not one of this workspace's markets" if value else "required"
        refuse("market", f"{what}; use one of {', '.join(markets.names)}")
    return market


# A leading quote is escaped too: without that, "'=x" would be read back as "=x".
ESCAPED_START = (*FORMULA_START, "'")


def escape_formula(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: "=SUM(…)" is written "'=SUM(…)"."""
    return "'" + text if text.startswith(ESCAPED_START) else text


def unescape_formula(text: str) -> str:
    """Undo :func:`escape_formula`; any other cell (a plain "'quoted" text) is kept."""
    return text[1:] if text.startswith("'") and text[1:].startswith(ESCAPED_START) else text


def _row_text(row: RawRow, refuse: Refuse) -> str:
    text = unescape_formula(row.values.get("text", "").strip("\r\n"))
    if not text.strip():
        refuse("text", "empty; write the post's text")
    elif len(text) > MAX_TEXT:
        refuse("text", f"{len(text):,} characters; the limit is {MAX_TEXT:,}")
    return text


_url = URLValidator(schemes=["http", "https"])


def _row_link(row: RawRow, refuse: Refuse) -> str:
    link = row.get("link")
    if len(link) > MAX_LINK:
        refuse("link", f"longer than {MAX_LINK:,} characters")
    elif link:
        try:
            _url(link)
        except ValidationError:
            refuse("link", f"'{link[:80]}' is not a web address; start it with https://")
    return link


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]


def _row_tags(row: RawRow, refuse: Refuse) -> list[str]:
    tags = sorted({tag.lstrip("#").strip().lower() for tag in _split_list(row.get("tags"))} - {""})
    if len(tags) > MAX_TAGS:
        refuse("tags", f"{len(tags)} tags; at most {MAX_TAGS}")
    for tag in tags:
        if len(tag) > MAX_TAG:
            refuse("tags", f"'{tag[:40]}…' is longer than {MAX_TAG} characters")
    return tags


def _row_networks(row: RawRow, refuse: Refuse) -> list[str]:
    names = [part.lower() for part in re.split(r"[,;\s]+", row.get("networks")) if part]
    networks = sorted({NETWORK_ALIASES.get(name, name) for name in names})
    unknown = [name for name in networks if name not in Network.values]
    if unknown:
        refuse("networks", f"unknown {', '.join(unknown)}; use {', '.join(Network.values)}")
    return networks


def _row_state(row: RawRow, refuse: Refuse) -> str:
    state = re.sub(r"[\s\-]+", "_", row.get("state").lower()) or State.DRAFT
    if state in IMPORTABLE_STATES:
        return state
    if state in State.values:
        refuse(
            "state",
            f"'{state}' cannot be imported: posts come in as draft or in_review and are "
            "approved and scheduled in onshore; change it to draft or in_review",
        )
    else:
        refuse("state", f"'{row.get('state')}' is not a state; use draft or in_review")
    return State.DRAFT


def _parsed(parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except ValueError as exc:
        return exc


def _row_schedule(
    row: RawRow, order: DateOrder, market: Any | None, refuse: Refuse
) -> tuple[date | None, time | None]:
    day_text, clock_text = row.get("local_date"), row.get("local_time")
    if not day_text and not clock_text:
        return None, None
    if not day_text or not clock_text:
        missing = "local_date" if not day_text else "local_time"
        refuse(missing, "give both the date and the time, or neither")
        return None, None
    day, clock = _parsed(parse_day, day_text, order), _parsed(parse_clock, clock_text)
    if isinstance(day, ValueError):
        refuse("local_date", str(day))
    if isinstance(clock, ValueError):
        refuse("local_time", str(clock))
    if isinstance(day, ValueError) or isinstance(clock, ValueError):
        return None, None
    if market is not None:
        wall = resolve_wall_time(day, clock, market.timezone)
        if wall.kind == "skipped":
            refuse("local_time", wall.explanation())
    return day, clock


# --- writing -----------------------------------------------------------------------------


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
    planned, errors = validate_rows(plan, MarketIndex.of(member.workspace, options.market), options)
    report.refuse(errors)
    if report.ok:
        _write_all(member, planned, options, report)
    return report


def _write_all(
    member: Membership, planned: list[PlannedRow], options: ImportOptions, report: ImportReport
) -> None:
    with transaction.atomic():
        created = _create_all(member, planned, report)
        _tick(options, len(planned), 2 * len(planned))
        if report.ok:
            _check_and_submit(member, planned, created, report, options)
        if not report.ok or options.dry_run:
            transaction.set_rollback(True)
    if not report.ok:
        report.rows = []


def _tick(options: ImportOptions, done: int, total: int) -> None:
    if options.progress is not None:
        options.progress(done, total)


Created = tuple[Post, str] | None  # the post and a note on its schedule (a repeated time)


def _create_all(
    member: Membership, planned: list[PlannedRow], report: ImportReport
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
            ),
            row.day,
            row.clock,
        )
        for row in planned
    ]
    created: list[Created] = []
    for row, result in zip(planned, editing.create_posts(member, new_posts), strict=True):
        if result.post is None:
            report.refuse(
                RowError(row.line, _column_of(k), " ".join(v)) for k, v in result.errors.items()
            )
            created.append(None)
            continue
        # A wall time that happens twice took its first occurrence: say so in the report.
        note = result.schedule.explanation() if result.schedule is not None else ""
        created.append((result.post, note))
    return created


def _dict(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"text": exc.messages}


def _column_of(field_name: str) -> str:
    return {"__all__": "", "market": "market"}.get(field_name, field_name.split(".")[0])


def _check_and_submit(
    member: Membership,
    planned: list[PlannedRow],
    created: list[Created],
    report: ImportReport,
    options: ImportOptions,
) -> None:
    posts = [item[0] for item in created if item is not None]
    for start in range(0, len(posts), 500):  # bounded IN lists for SQLite
        prefetch_related_objects(posts[start : start + 500], "variants", "dismissals")
    # The rows share the index's market objects: one query gives every row the market's
    # channels (the checker's Mastodon limit) instead of one query per row.
    prefetch_related_objects(
        list({post.market_id: post.market for post in posts}.values()), "channels"
    )
    for done, (row, item) in enumerate(zip(planned, created, strict=True), start=1):
        if item is not None:
            report.rows.append(_checked_row(member, row, *item, report))
        _tick(options, len(planned) + done, 2 * len(planned))


def _checked_row(
    member: Membership, row: PlannedRow, post: Post, note: str, report: ImportReport
) -> RowReport:
    result = checks.check_post(post)
    if row.state == State.IN_REVIEW:
        try:
            workflow.perform(post, member, "submit", blocking_errors=result.error_count)
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


# --- export ------------------------------------------------------------------------------


class FilterError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass
class ExportFilters:
    """The filters of a view; empty means 'any'. Dates bound the local scheduled date."""

    market: str = ""  # market id, country code or language tag
    state: str = ""
    network: str = ""
    tag: str = ""
    author: str = ""  # e-mail address or user id
    date_from: date | None = None
    date_to: date | None = None

    def as_query(self) -> dict[str, str]:
        values = {
            "market": self.market,
            "state": self.state,
            "network": self.network,
            "tag": self.tag,
            "author": self.author,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in values.items() if value}


def parse_filters(params: Mapping[str, Any]) -> ExportFilters:
    """Filters from query parameters or CLI options; FilterError names the bad one."""
    text = {key: str(params.get(key) or "").strip()[:254] for key in FILTER_KEYS}
    if text["state"] and text["state"] not in State.values:
        raise FilterError("state", f"use one of {', '.join(State.values)}")
    network = NETWORK_ALIASES.get(text["network"].lower(), text["network"].lower())
    if network and network not in Network.values:
        raise FilterError("network", f"use one of {', '.join(Network.values)}")
    return ExportFilters(
        market=text["market"],
        state=text["state"],
        network=network,
        tag=text["tag"].lstrip("#").lower(),
        author=text["author"].lower(),
        date_from=_filter_date("from", text["from"]),
        date_to=_filter_date("to", text["to"]),
    )


FILTER_KEYS = ("market", "state", "network", "tag", "author", "from", "to")


def _filter_date(name: str, value: str) -> date | None:
    try:
        return read_day(value, name)
    except BadInput as exc:
        raise FilterError(name, f"'{value[:40]}': {exc.message}") from None


def _filter_id(name: str, value: str) -> int | None:
    """The id when the value is written in digits (ASCII, within a key's range), else None."""
    if not value.isdigit():  # true for "²" too: read_id refuses those by name
        return None
    try:
        return read_id(value, name)
    except BadInput as exc:
        raise FilterError(name, exc.message) from None


def filtered_posts(workspace: Workspace, filters: ExportFilters) -> list[Post]:
    """The workspace's posts matching the filters, scheduled ones first in time order."""
    posts = workspace.posts.select_related("market", "author").order_by(
        F("scheduled_at").asc(nulls_last=True), "id"
    )
    if filters.market:
        market = _filter_market(workspace, filters.market)
        posts = posts.filter(market=market)
    if filters.state:
        posts = posts.filter(state=filters.state)
    if filters.author:
        author_id = _filter_id("author", filters.author)
        if author_id is not None:
            posts = posts.filter(author_id=author_id)
        else:
            posts = posts.filter(author__email__iexact=filters.author)
    if filters.date_from:
        posts = posts.filter(scheduled_date__gte=filters.date_from)
    if filters.date_to:
        posts = posts.filter(scheduled_date__lte=filters.date_to)
    # Tags and networks are JSON lists; matching in Python keeps SQLite and PostgreSQL alike.
    return [
        post
        for post in posts
        if (not filters.tag or filters.tag in post.tags)
        and (not filters.network or filters.network in post.networks)
    ]


def _filter_market(workspace: Any, value: str) -> Any:
    market_id = _filter_id("market", value)
    if market_id is not None:
        market = workspace.markets.filter(pk=market_id).first()
    else:
        market = MarketIndex.of(workspace).find(value)
    if market is None:
        raise FilterError("market", f"'{value}' is not one of this workspace's markets")
    return market


def write_csv(workspace: Workspace, posts: Iterable[Post], out: TextIO) -> int:
    """Write posts in onshore's layout; returns how many rows were written."""
    countries = list(workspace.markets.values_list("country", flat=True))
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for post in posts:
        writer.writerow(_export_row(post, countries))
        count += 1
    return count


def _export_row(post: Post, countries: list[str]) -> list[str]:
    """The post's cells, each escaped: tags and links are typed by people as much as text."""
    day, clock = post.scheduled_date, post.scheduled_time
    cells = [
        market_name(post.market, countries),
        ", ".join(post.networks),
        post.state,
        ", ".join(post.tags),
        post.text,
        post.link,
        day.isoformat() if day is not None and clock is not None else "",
        clock.strftime("%H:%M") if day is not None and clock is not None else "",
    ]
    return [escape_formula(cell) for cell in cells]


def export_text(workspace: Workspace, filters: ExportFilters) -> str:
    out = io.StringIO()
    write_csv(workspace, filtered_posts(workspace, filters), out)
    return out.getvalue()
