"""Reading a plan's file: its encoding, separator and records, and which layout it has
(onshore's with a header, or Hootsuite's bulk composer with or without one).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

from onshore.marketfit import NETWORKS
from onshore.posts.csvplan.dates import CLOCK, date_parts
from onshore.posts.csvplan.rows import ParsedPlan, PlanRefused, RawRow, RowError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000


BASE_COLUMNS = (
    "market",
    "networks",
    "state",
    "tags",
    "text",
    "link",
    "local_date",
    "local_time",
)


def variant_column(network: str) -> str:
    """The column of one network's own text (``text_x``): one per network the table knows."""
    return f"text_{network}"


VARIANT_COLUMNS = {variant_column(network): network for network in NETWORKS}
# Added after the first eight so files and scripts that read those by position still work:
# ``fold`` picks the occurrence of a time the clocks repeat, then each network's text,
# then the post's files and their alt texts (``csvplan.media``).
MEDIA_COLUMNS = ("media", "alt_text")
# Last, for the same reason: a paid or partner post (yes/no), which the checker asks to
# carry its market's disclosure.
EXPORT_COLUMNS = (*BASE_COLUMNS, "fold", *VARIANT_COLUMNS, *MEDIA_COLUMNS, "sponsored")
ALIASES = {
    "network": "networks",
    "tag": "tags",
    "message": "text",
    "url": "link",
    "date": "local_date",
    "time": "local_time",
}
OWN_LAYOUT_COLUMNS = {
    "market",
    "networks",
    "state",
    "tags",
    "text",
    "local_date",
    "local_time",
    "fold",
    *VARIANT_COLUMNS,
    *MEDIA_COLUMNS,
    "sponsored",
}
HOOTSUITE_HEADER = {"date", "time", "date_time", "datetime", "date_and_time", "message", "link"}
HOOTSUITE_NAMES = {"date": "local_date", "time": "local_time", "message": "text", "link": "link"}
HOOTSUITE_COMBINED = {"date_time", "datetime", "date_and_time"}


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
    if date_parts(first[0]) is not None:
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
    separate_time = len(cells) >= 2 and CLOCK.match(cells[1].strip()) is not None
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
