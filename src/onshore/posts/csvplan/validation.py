"""Checking every row before anything is written: market, text, link, tags, networks,
state and schedule, each refused by line and column with what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from onshore.localtime import resolve_wall_time
from onshore.posts.csvplan.dates import DateOrder, infer_date_order, parse_clock, parse_day
from onshore.posts.csvplan.media import MAX_ROWS_WITH_MEDIA, MediaItem, item_list
from onshore.posts.csvplan.reading import VARIANT_COLUMNS
from onshore.posts.csvplan.rows import ParsedPlan, RawRow, RowError, unescape_formula
from onshore.posts.models import MAX_TAG_LENGTH, MAX_TAGS, MAX_TEXT, Network, State
from onshore.posts.names import NETWORK_ALIASES, MarketIndex
from onshore.workspaces.models import Market

MAX_LINK = 2_000
MAX_TAG = MAX_TAG_LENGTH  # MAX_TAGS too: the model's bounds
MAX_SHORT_FIELD = 200  # market, networks, state, dates: anything longer is a mistake

IMPORTABLE_STATES = (State.DRAFT, State.IN_REVIEW)


@dataclass
class PlannedRow:
    """A valid row, ready to become a post."""

    line: int
    market: Market
    text: str
    link: str
    tags: list[str]
    networks: list[str]
    state: str
    day: date | None
    clock: time | None
    fold: int | None = None  # which occurrence of a repeated time; None: not said (first)
    variants: dict[str, str] = field(default_factory=dict)  # network → its own text
    media: list[MediaItem] = field(default_factory=list)  # files, gathered later
    sponsored: bool = False  # a paid or partner post: its market's disclosure is checked


def validate_rows(
    plan: ParsedPlan, markets: MarketIndex, date_format: DateOrder, files_allowed: bool = False
) -> tuple[list[PlannedRow], list[RowError]]:
    """Every row checked, nothing written. ``files_allowed``: media items may name files
    beside the CSV (``onshore import``); elsewhere they are refused with what to use."""
    if not plan.rows:
        return [], [RowError(1, "", "the file has a header but no rows to import")]
    if markets.default is None and "market" not in plan.columns:
        message = (
            f"this workspace has several markets ({', '.join(markets.names)}): add a market "
            "column or choose the market for rows that name none"
        )
        return [], [RowError(1, "market", message)]
    order, errors = infer_date_order(plan.rows, date_format)
    planned: list[PlannedRow] = []
    for row in plan.rows:
        result = validate_row(row, markets, order, files_allowed)
        if isinstance(result, PlannedRow):
            planned.append(result)
        else:
            errors.extend(result)
    errors.extend(_too_many_rows_with_media(plan))
    return planned, errors


def _too_many_rows_with_media(plan: ParsedPlan) -> list[RowError]:
    with_media = [row for row in plan.rows if row.get("media")]
    if len(with_media) <= MAX_ROWS_WITH_MEDIA:
        return []
    row = with_media[MAX_ROWS_WITH_MEDIA]
    message = (
        f"more than {MAX_ROWS_WITH_MEDIA} rows with media in one file (each file is "
        "downloaded or read and stored); split the plan into several files"
    )
    return [RowError(row.line, row.label("media"), message)]


def validate_row(
    row: RawRow, markets: MarketIndex, order: DateOrder, files_allowed: bool = False
) -> PlannedRow | list[RowError]:
    errors: list[RowError] = []

    def refuse(column: str, message: str) -> None:
        errors.append(RowError(row.line, row.label(column), message))

    if "__extra__" in row.values:
        refuse("", "more cells than the header has columns; quote text that contains commas")
    for column in ("market", "networks", "state", "local_date", "local_time", "fold", "sponsored"):
        if len(row.get(column)) > MAX_SHORT_FIELD:
            refuse(column, f"longer than {MAX_SHORT_FIELD} characters; is a column shifted?")
    if errors:
        return errors
    market = _row_market(row, markets, refuse)
    text = _row_text(row, refuse)
    variants = _row_variants(row, refuse)
    link = _row_link(row, refuse)
    tags = _row_tags(row, refuse)
    networks = _row_networks(row, refuse)
    state = _row_state(row, refuse)
    day, clock = _row_schedule(row, order, market, refuse)
    fold = _row_fold(row, refuse)
    items = item_list(row, refuse, files_allowed)
    sponsored = _row_sponsored(row, refuse)
    if errors or market is None:  # no market is always an error: _row_market refused it
        return errors
    return PlannedRow(
        row.line,
        market,
        text,
        link,
        tags,
        networks,
        state,
        day,
        clock,
        fold,
        variants,
        items,
        sponsored,
    )


Refuse = Callable[[str, str], None]


def _row_market(row: RawRow, markets: MarketIndex, refuse: Refuse) -> Market | None:
    market = markets.find(row.get("market"))
    if market is None:
        value = row.get("market")
        what = f"'{value}' is not one of this workspace's markets" if value else "required"
        refuse("market", f"{what}; use one of {', '.join(markets.names)}")
    return market


def _cell_text(row: RawRow, column: str) -> str:
    """A text cell as typed: inner spaces and line breaks kept, the formula guard removed."""
    return unescape_formula(row.values.get(column, "").strip("\r\n"))


def _row_text(row: RawRow, refuse: Refuse) -> str:
    text = _cell_text(row, "text")
    if not text.strip():
        refuse("text", "empty; write the post's text")
    elif len(text) > MAX_TEXT:
        refuse("text", f"{len(text):,} characters; the limit is {MAX_TEXT:,}")
    return text


def _row_variants(row: RawRow, refuse: Refuse) -> dict[str, str]:
    """Each network's own text (``text_x``…); a blank cell means that network uses the text."""
    variants: dict[str, str] = {}
    for column, network in VARIANT_COLUMNS.items():
        text = _cell_text(row, column)
        if len(text) > MAX_TEXT:
            refuse(column, f"{len(text):,} characters; the limit is {MAX_TEXT:,}")
        elif text.strip():
            variants[network] = text
    return variants


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


FOLDS = {"0": 0, "first": 0, "1": 1, "second": 1}


def _row_fold(row: RawRow, refuse: Refuse) -> int | None:
    """Which occurrence of a time the clocks repeat (01:30 on the day they go back) is
    meant; empty keeps the import's rule, the first. Any other time has one occurrence,
    so the cell does not matter there (a row moved to another day stays valid)."""
    value = row.get("fold").lower()
    if not value:
        return None
    if value not in FOLDS:
        refuse(
            "fold",
            f"'{value}' is not an occurrence; write 0 (or first) for the first time a "
            "repeated wall time happens, 1 (or second) for the second, or leave it empty",
        )
        return None
    return FOLDS[value]


YES_NO = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


def _row_sponsored(row: RawRow, refuse: Refuse) -> bool:
    """Whether the row is a paid or partner post; blank (or no column) is no."""
    value = row.get("sponsored").lower()
    if not value:
        return False
    if value not in YES_NO:
        refuse(
            "sponsored",
            f"'{value}' is not yes or no; write yes (or true, 1) for a paid or partner "
            "post, no (or false, 0) or leave it empty otherwise",
        )
        return False
    return YES_NO[value]


def _parsed(parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except ValueError as exc:
        return exc


def _row_schedule(
    row: RawRow, order: DateOrder, market: Market | None, refuse: Refuse
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
