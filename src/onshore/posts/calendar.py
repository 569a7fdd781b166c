"""The content calendar: posts placed on the days of a month, week or list, in the
market's zone or the viewer's, with the markets' public holidays and timing flags.

The number of SQL queries is the same whatever the number of posts (one for posts with
their market and author, one for markets, one for why deliveries wait), which a test
asserts.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import functools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, TextField
from django.db.models.functions import Cast, Coalesce, Left

from onshore import marketfit
from onshore.posts.filters import PostFilters, narrow
from onshore.posts.models import Media, State
from onshore.posts.publishing_port import publishing
from onshore.workspaces.models import Market, Workspace

VIEWS = ("month", "week", "list")
MONTH_CELL_LIMIT = 4  # more than this in a day shows "+N more", linking to that day's list
HOUR_CELL_LIMIT = 3  # the same for an hour of the week view (a busy week stays readable)
LIST_DAYS = 31  # the list view's usual length; ?days=1 to 31 asks for another
SNIPPET_LENGTH = 60
SIDE_LIST_LIMIT = 50  # "Approved, not scheduled": the newest this many, and a count of the rest


@dataclass(frozen=True)
class CalendarPost:
    """The few fields a calendar shows; read with .values() (no model instances: speed)."""

    pk: int
    market: Market
    state: str
    snippet: str
    scheduled_at: datetime
    networks: tuple[str, ...] = ()  # for the compact card's network badges
    media_count: int = 0  # the card's media icon and count
    has_video: bool = False

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)


@dataclass
class CalendarEntry:
    post: CalendarPost
    local: datetime  # in the zone the calendar is shown in
    market_local: datetime  # always in the market's zone
    flags: list[str]
    waiting: str = ""  # why its publishing waits, when a person must act (publishing_port)

    # Formatted here: Django's |time filter would convert aware datetimes to UTC.
    @property
    def time_label(self) -> str:
        return f"{self.local:%H:%M}"

    @property
    def market_time_label(self) -> str:
        return f"{self.market_local:%H:%M}"

    @property
    def market_time_differs(self) -> bool:
        """Shown in the viewer's zone and the market's clock reads otherwise: the card
        gives both (the market's time is what the post is scheduled by)."""
        return self.local.replace(tzinfo=None) != self.market_local.replace(tzinfo=None)

    @property
    def warning_count(self) -> int:
        """What the entry's one warning marker counts: the wait, and the timing flags."""
        return len(self.flags) + (1 if self.waiting else 0)


@dataclass
class CalendarDay:
    day: date
    in_range: bool
    entries: list[CalendarEntry] = field(default_factory=list)
    holidays: list[str] = field(default_factory=list)
    shown_limit: int | None = None  # month cells show a few posts and "+N more"
    # The agenda (the list view, and the month on a phone; see mark_agenda): which days
    # it shows, and the line that stands for a run of days with nothing on them.
    is_today: bool = False
    in_agenda: bool = True
    gap_label: str = ""

    @property
    def shown(self) -> list[CalendarEntry]:
        return self.entries[: self.shown_limit] if self.shown_limit else self.entries

    @property
    def hidden_count(self) -> int:
        return len(self.entries) - len(self.shown)


@dataclass(frozen=True)
class WaitingPost:
    """An approved post not yet scheduled, as the calendar's side list shows it."""

    pk: int
    market: Market
    snippet: str
    clock: time | None  # its own time of day, if it has one (a drop keeps it)


@dataclass(frozen=True)
class SideList:
    posts: list[WaitingPost]
    rest: int  # approved, not scheduled, beyond the ones shown


def approved_unscheduled(workspace: Workspace, filters: PostFilters) -> SideList:
    """The newest ``SIDE_LIST_LIMIT`` approved posts (the calendar's filters and search
    applied), to drag onto a day. Three queries whatever the number of posts."""
    waiting = narrow(workspace, workspace.posts.filter(state=State.APPROVED), filters)
    if filters.network:  # a JSON list: its quoted name in the list's text (plain ASCII)
        waiting = waiting.filter(Q(networks__icontains=f'"{filters.network}"'))
    rows = list(
        waiting.order_by("-approved_at", "-id")
        .annotate(snippet=Left("text", SNIPPET_LENGTH))
        .values_list("pk", "market_id", "snippet", "scheduled_time")[:SIDE_LIST_LIMIT]
    )
    total = waiting.count()  # always asked, so the page's query count stays the same
    markets = {market.pk: market for market in workspace.markets.all()}
    posts = [WaitingPost(pk, markets[m], snippet, clock) for pk, m, snippet, clock in rows]
    return SideList(posts, total - len(posts))


def list_length(value: str | None) -> int:
    """The list view's ``days`` parameter: 1 to 31 days, else the usual 31."""
    text = (value or "").strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= LIST_DAYS:
        return int(text)
    return LIST_DAYS


def range_for(
    view: str, anchor: date, first_weekday: int = 0, length: int = LIST_DAYS
) -> tuple[date, date]:
    """First and last day shown: whole weeks for a month, one week, or ``length`` days."""
    if view == "week":
        start = anchor - timedelta(days=(anchor.weekday() - first_weekday) % 7)
        return start, start + timedelta(days=6)
    if view == "list":
        return anchor, anchor + timedelta(days=length - 1)
    first = anchor.replace(day=1)
    last = first.replace(day=stdlib_calendar.monthrange(first.year, first.month)[1])
    start = first - timedelta(days=(first.weekday() - first_weekday) % 7)
    end = last + timedelta(days=(first_weekday - 1 - last.weekday()) % 7)
    return start, end


def first_of_month(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month (negative: back).

    Counted on (year, month) pairs, never by subtracting days: stepping back a day from
    the first *shown* day, or forward four from the 28th, lands two months away when the
    grid starts in the month before or the month is short."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def neighbour_anchors(view: str, anchor: date, length: int = LIST_DAYS) -> tuple[date, date]:
    """The dates "← Earlier" and "Later →" open: the month before and after (on their
    first day), the week before and after, or the list's length back and forward."""
    if view == "month":
        return first_of_month(anchor, -1), first_of_month(anchor, 1)
    step = timedelta(days=7 if view == "week" else length)
    return anchor - step, anchor + step


def build_days(
    workspace: Workspace,
    view: str,
    anchor: date,
    display_zone: str | None,
    filters: PostFilters,
    length: int = LIST_DAYS,
) -> list[CalendarDay]:
    """The days to show with their posts; ``display_zone`` None means each market's zone."""
    start, end = range_for(view, anchor, length=length)
    days = {
        start + timedelta(days=n): CalendarDay(start + timedelta(days=n), True)
        for n in range((end - start).days + 1)
    }
    if view in ("month", "week"):  # the week's phone agenda shows a few a day too
        for day in days.values():
            day.in_range = view == "week" or day.day.month == anchor.month
            day.shown_limit = MONTH_CELL_LIMIT
    markets = {market.pk: market for market in workspace.markets.all()}
    for entry in _entries(workspace, markets, start, end, display_zone, filters):
        slot = days.get(entry.local.date())
        if slot is not None:
            slot.entries.append(entry)
    _add_holidays(days, list(markets.values()), start, end)
    return list(days.values())


def mark_agenda(days: list[CalendarDay], today: date) -> None:
    """Mark what the agenda shows: days with posts or holidays, and today; each run of
    other days of the range is one "Nothing scheduled" line on its first day. Counted
    from the days already built: no query."""
    run: list[CalendarDay] = []
    for day in [*days, None]:
        if day is not None:
            day.is_today = day.day == today
            day.in_agenda = bool(day.entries or day.holidays or day.is_today)
        if day is not None and day.in_range and not day.in_agenda:
            run.append(day)
            continue
        if run:
            run[0].gap_label = nothing_scheduled(run[0].day, run[-1].day)
            run = []


def nothing_scheduled(first: date, last: date) -> str:
    """'Nothing scheduled on Tue 8 Dec', or over a run: 'Nothing scheduled Wed 9 – Mon
    14 Dec' (each month named where the run crosses one)."""
    if first == last:
        return f"Nothing scheduled on {first:%a} {first.day} {first:%b}"
    start = f"{first:%a} {first.day}" + (f" {first:%b}" if first.month != last.month else "")
    return f"Nothing scheduled {start} – {last:%a} {last.day} {last:%b}"


def _entries(
    workspace: Workspace,
    markets: dict[int, Any],
    start: date,
    end: date,
    display_zone: str | None,
    filters: PostFilters,
) -> list[CalendarEntry]:
    # A day "starts" in some zone between UTC-12 and UTC+14: query a day wider either side.
    lower = datetime.combine(start - timedelta(days=1), time.min, tzinfo=ZoneInfo("UTC"))
    upper = datetime.combine(end + timedelta(days=2), time.min, tzinfo=ZoneInfo("UTC"))
    posts = narrow(
        workspace, workspace.posts.filter(scheduled_at__gte=lower, scheduled_at__lt=upper), filters
    )
    badges = publishing().waiting_badges(posts)  # one query, whatever the number of posts
    # Tags and networks are JSON lists, filtered here so SQLite and PostgreSQL agree. The
    # networks are read for the entries' badges, as text: Django's JSON decoding of both
    # lists was half the month's time. Tags are read only when a tag filter asks.
    fields = ["pk", "market_id", "state", "snippet", "scheduled_at", "networks_text"]
    fields += ["media_count", "has_video"]
    rows = (
        posts.order_by("scheduled_at", "id")
        .annotate(
            snippet=Left("text", SNIPPET_LENGTH),
            networks_text=Cast("networks", output_field=TextField()),
            **_media_annotations(),
        )
        .values_list(*fields, *(["tags"] if filters.tag else []))
    )
    entries = []
    for pk, market_id, state, snippet, at, networks_text, media, video, *tags in rows:
        networks = networks_in(networks_text)
        if (filters.tag or filters.network) and not filters.keeps(
            tags[0] if tags else (), networks
        ):
            continue
        assert at is not None  # the query asked for scheduled_at in a range
        market = markets[market_id]
        market_local = at.astimezone(_zone(market.timezone))
        local = at.astimezone(_zone(display_zone)) if display_zone else market_local
        flags = timing_flags(market.country, market.timezone, at)
        post = CalendarPost(pk, market, state, snippet, at, networks, media, video)
        entries.append(CalendarEntry(post, local, market_local, list(flags), badges.get(pk, "")))
    return entries


def _media_annotations() -> dict[str, Any]:
    """How many files each post carries and whether one is a video, in the same query
    (subqueries, not a join: the entries stay one row per post)."""
    of_post = Media.objects.filter(post=OuterRef("pk"))
    counted = of_post.order_by().values("post").annotate(n=Count("id")).values("n")
    return {
        "media_count": Coalesce(Subquery(counted, output_field=IntegerField()), 0),
        "has_video": Exists(of_post.filter(kind=Media.Kind.VIDEO)),
    }


@functools.lru_cache(maxsize=256)
def networks_in(stored: str | None) -> tuple[str, ...]:
    """A post's networks from the JSON list as stored ('["x", "bluesky"]'). Cached: a
    workspace's posts use a few combinations; the names are plain ASCII words."""
    return tuple(json.loads(stored)) if stored else ()


@functools.lru_cache(maxsize=8192)
def timing_flags(country: str, zone: str, instant: datetime) -> tuple[str, ...]:
    """The checker's timing findings (night, public holiday, DST) for a scheduled instant.

    Cached: a calendar shows many posts at the same slot times.
    """
    post = marketfit.Post("", country, at=instant.astimezone(_zone(zone)), zone=zone)
    return tuple(f.message for f in marketfit.check(post) if f.category == "timing")


def _add_holidays(
    days: dict[date, CalendarDay], markets: list[Any], start: date, end: date
) -> None:
    years = tuple(range(start.year, end.year + 1))
    for country in sorted({market.country for market in markets}):
        for day, name in _holidays(country, years).items():
            if day in days:
                days[day].holidays.append(f"{name} ({country})")


def _holidays(country: str, years: tuple[int, ...]) -> dict[date, str]:
    # The checker's look-up (cached there), so the calendar shows the holidays it flags.
    return {
        day: name
        for year in years
        for day, name in marketfit.public_holidays(country, year).items()
    }


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def weeks(days: list[CalendarDay]) -> list[list[CalendarDay]]:
    return [days[i : i + 7] for i in range(0, len(days), 7)]


@dataclass
class HourCell:
    """One day's posts in one hour of the week view: a few shown, the rest counted."""

    day: date
    entries: list[CalendarEntry] = field(default_factory=list)

    @property
    def shown(self) -> list[CalendarEntry]:
        return self.entries[:HOUR_CELL_LIMIT]

    @property
    def hidden_count(self) -> int:
        return max(0, len(self.entries) - HOUR_CELL_LIMIT)


def by_hour(days: list[CalendarDay]) -> list[tuple[int, list[HourCell]]]:
    """Week view rows: for each hour, the entries of each day in that hour."""
    grid: dict[int, list[HourCell]] = defaultdict(lambda: [HourCell(day.day) for day in days])
    for column, day in enumerate(days):
        for entry in day.entries:
            grid[entry.local.hour][column].entries.append(entry)
    return [(hour, grid[hour]) for hour in range(24)]
