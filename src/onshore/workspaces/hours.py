"""The Team → Hours page: for each colleague, a 24-hour band in the viewer's zone with both
working days and their overlap, a 12-month strip of weekly overlap, the clock changes
that move it, and when a message sent now will likely be seen.

The charts are SVG rendered on the server (readable without JavaScript); every text in
them is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from onshore.localtime import (
    Schedule,
    describe_overlap_changes,
    describe_when_seen,
    format_hours,
    format_wait,
    median_reply_wait,
    overlap_intervals,
    parse_weekly_hours,
    upcoming_transitions,
    weekly_overlap,
    working_intervals,
)
from onshore.workspaces.models import Market, Membership

BAND_WIDTH, BAND_ROW = 480, 18
STRIP_WIDTH, STRIP_HEIGHT = 520, 60
LABEL_DESCENT = 4  # room below a label's baseline for descenders, at the 11px of .band-tick


@dataclass
class Colleague:
    member: Membership
    band: SafeString
    strip: SafeString
    week_hours: str
    changes: list[str]
    seen: str
    clocks: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # filled by the view from history


def schedule_of(member: Membership) -> Schedule | None:
    if not member.is_profile_complete or not member.working_hours:
        return None
    return Schedule(member.timezone, parse_weekly_hours(member.working_hours))


def colleagues(viewer: Membership, members: list[Membership], now: datetime) -> list[Colleague]:
    mine = schedule_of(viewer)
    if mine is None:
        return []
    rows = []
    for member in members:
        theirs = schedule_of(member)
        if member.pk == viewer.pk or theirs is None:
            continue
        rows.append(_colleague(viewer, mine, member, theirs, now))
    return rows


def _colleague(
    viewer: Membership, mine: Schedule, member: Membership, theirs: Schedule, now: datetime
) -> Colleague:
    name = member.user.display_name
    zone = ZoneInfo(viewer.timezone)
    today = now.astimezone(zone).date()
    week_start = today - timedelta(days=today.weekday())
    weeks = weekly_overlap(mine, theirs, week_start, weeks=52)
    return Colleague(
        member=member,
        band=day_band(mine, theirs, today, zone, viewer.user.display_name, name),
        strip=year_strip(weeks),
        week_hours=format_hours(weeks[0].hours),
        changes=describe_overlap_changes(mine, theirs, week_start, 52, other_name=name),
        seen=describe_when_seen(name, theirs, now),
        clocks=clock_changes(member.timezone, now),
        replies=[_expected_reply(mine, theirs, name, now)],
    )


# A market's business day when no one has said otherwise: when its shops, offices and
# customer service are open, and when a reply from the business is expected there.
MARKET_BUSINESS_HOURS = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}


@dataclass
class MarketRow:
    market: Market
    name: str
    band: SafeString
    strip: SafeString
    week_hours: str
    changes: list[str]
    clocks: list[str]


def clock_changes(zone: str, now: datetime) -> list[str]:
    """The zone's clock changes in the next 12 months, in words."""
    return [t.describe() for t in upcoming_transitions(zone, now, now + timedelta(days=365))]


def market_rows(viewer: Membership, markets: list[Market], now: datetime) -> list[MarketRow]:
    """Your overlap with each market's business day (09:00-17:00 Mon-Fri, its main zone)."""
    mine = schedule_of(viewer)
    if mine is None:
        return []
    zone = ZoneInfo(viewer.timezone)
    today = now.astimezone(zone).date()
    week_start = today - timedelta(days=today.weekday())
    rows = []
    for market in markets:
        theirs = Schedule(market.timezone, parse_weekly_hours(MARKET_BUSINESS_HOURS))
        name = f"the {market.country} market"
        weeks = weekly_overlap(mine, theirs, week_start, weeks=52)
        rows.append(
            MarketRow(
                market=market,
                name=name,
                band=day_band(mine, theirs, today, zone, viewer.user.display_name, market.country),
                strip=year_strip(weeks),
                week_hours=format_hours(weeks[0].hours),
                changes=describe_overlap_changes(mine, theirs, week_start, 52, other_name=name),
                clocks=clock_changes(market.timezone, now),
            )
        )
    return rows


def typical_reply_wait(
    sender: Schedule, receiver: Schedule, week_start: datetime
) -> timedelta | None:
    """Median wait for a message the sender writes at work in the week from ``week_start``
    (sampled every 15 minutes), until the receiver is at work."""
    samples = [week_start + timedelta(minutes=15 * step) for step in range(7 * 24 * 4)]
    return median_reply_wait(sender, receiver, samples)


def _expected_reply(mine: Schedule, theirs: Schedule, name: str, now: datetime) -> str:
    """The median wait, from both working weeks, for a message sent while you are at work."""
    wait = typical_reply_wait(mine, theirs, now - timedelta(days=now.weekday()))
    if wait is None:
        return "You have no working hours this week to measure a reply wait from."
    if not wait:
        return f"From your working hours: half of what you send at work reaches {name} at work."
    return (
        f"From your working hours: a message you send at work waits a median of "
        f"{format_wait(wait)} before {name} is at work."
    )


def _day_window(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def _x(instant: datetime, start: datetime, zone: ZoneInfo) -> float:
    # Position by wall-clock hour in the viewer's zone (a 23- or 25-hour day still spans
    # the band), so 09:00 always sits at the same place.
    local = instant.astimezone(zone)
    hours = (local - start.astimezone(zone)).total_seconds() / 3600
    return max(0.0, min(24.0, hours)) / 24 * BAND_WIDTH


def _rects(
    intervals: list[tuple[datetime, datetime]],
    start: datetime,
    zone: ZoneInfo,
    y: int,
    css_class: str,
) -> str:
    parts = []
    for begin, end in intervals:
        x1, x2 = _x(begin, start, zone), _x(end, start, zone)
        if x2 > x1:
            parts.append(
                f'<rect class="{css_class}" x="{x1:.1f}" y="{y}" '
                f'width="{x2 - x1:.1f}" height="{BAND_ROW - 4}"/>'
            )
    return "".join(parts)


def day_band(
    mine: Schedule, theirs: Schedule, day: date, zone: ZoneInfo, my_name: str, their_name: str
) -> SafeString:
    """Three rows on a 24-hour axis in the viewer's zone: you, them, both."""
    start, end = _day_window(day, zone)
    rows = [
        (my_name, working_intervals(mine, start, end), "band-you"),
        (their_name, working_intervals(theirs, start, end), "band-them"),
        ("both", overlap_intervals(mine, theirs, start, end), "band-both"),
    ]
    height = BAND_ROW * len(rows) + 16
    body = [
        f'<svg class="hours-band" viewBox="0 0 {BAND_WIDTH + 90} {height}" role="img" '
        f'aria-label="Working hours on {day:%A %-d %B} in your time zone">'
    ]
    for index, (label, intervals, css_class) in enumerate(rows):
        y = index * BAND_ROW
        body.append(
            f'<text x="{BAND_WIDTH + 6}" y="{y + 12}" class="band-label">{escape(label)}</text>'
        )
        body.append(
            f'<rect class="band-track" x="0" y="{y}" width="{BAND_WIDTH}" height="{BAND_ROW - 4}"/>'
        )
        body.append(_rects(intervals, start, zone, y, css_class))
    for hour in (0, 6, 12, 18, 24):
        x = hour / 24 * BAND_WIDTH
        body.append(f'<text x="{x:.0f}" y="{height - 2}" class="band-tick">{hour:02d}</text>')
    body.append("</svg>")
    return mark_safe("".join(body))  # noqa: S308 - labels escaped above


def year_strip(weeks: list) -> SafeString:  # type: ignore[type-arg]
    """One bar per week for the next 12 months: how many hours you overlap."""
    most = max((w.hours for w in weeks), default=timedelta(0)) or timedelta(hours=1)
    width = STRIP_WIDTH / max(len(weeks), 1)
    bars = []
    for index, week in enumerate(weeks):
        bar = week.hours / most * (STRIP_HEIGHT - 14)
        bars.append(
            f'<rect class="strip-bar" x="{index * width:.1f}" y="{STRIP_HEIGHT - 12 - bar:.1f}" '
            f'width="{max(width - 1, 1):.1f}" height="{bar:.1f}">'
            f"<title>Week of {week.week_start:%-d %b %Y}: {escape(format_hours(week.hours))}"
            "</title></rect>"
        )
    first = weeks[0].week_start if weeks else date.today()
    # The baseline sits above the bottom edge: the letters' descenders ("Sep", "Aug")
    # must stay inside the drawing, which clips whatever reaches past its box.
    label = (
        f'<text x="0" y="{STRIP_HEIGHT - LABEL_DESCENT}" class="band-tick strip-month">'
        f"{first:%b %Y}</text>"
    )
    return mark_safe(  # noqa: S308 - numbers and escaped text only
        f'<svg class="hours-strip" viewBox="0 0 {STRIP_WIDTH} {STRIP_HEIGHT}" role="img" '
        f'aria-label="Weekly overlap for the next 12 months">{"".join(bars)}{label}</svg>'
    )
