"""Twelve weeks of believable work in the demo workspace, so Costs has something to say.

Each contributor drafts posts in their own working hours; the reviewer answers in theirs
(``next_working_moment``), so the reply times the ledger measures come from the same
working hours the Hours page shows. Offshored writers are sent back more often, and for
market-fit findings (spelling, words, dates); outsourced and in-house ones less. Fixed
seeds: the same ``now`` always gives the same history.

Engagements: Oliver (in-house, a share of his salary as a monthly retainer), Sophie (a UK
freelancer paid per post: outsourced), Megan (a US freelancer paid by the hour) and
Brightwave Digital (an Indian agency on a retainer) — both offshored.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from onshore import places
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.localtime import Schedule, next_working_moment
from onshore.posts.models import Comment, Post, PostEvent, Revision, State
from onshore.publishing import crypto
from onshore.publishing.models import Channel, Delivery, DeliveryState
from onshore.workspaces.models import Market, Membership, Workspace

HISTORY_DAYS = 84
NOT_AFTER = timedelta(days=3)  # every demo post is published by three days ago

GB_TEXTS = (
    "Our autumn blend is back: cocoa, cherry and a long finish. In the shop from Saturday.",
    "New on the bar: a washed Ethiopian with jasmine on the nose. Come and try a flight.",
    "Flat white or cortado? Tell us how you take your Saturday morning coffee.",
    "The roastery is open for tours on the first Sunday of the month — book a place online.",
    "Grinder tip: coarser for cafetière, finer for espresso. Small steps, then taste.",
    "Meet Sam, our head roaster, who has been tasting this harvest since August.",
    "Refill your tin and save 10%: bring it to any of our shops in Bristol or Bath.",
    "Decaf done properly: Swiss Water processed, chocolate and hazelnut, no compromise.",
)
US_TEXTS = (
    "Our fall blend is here: cocoa, cherry and a long finish. Ships to all 50 states.",
    "Cold brew season isn't over — our concentrate ships free on orders over $40.",
    "Meet the farmers behind our Colombian lot, grown at 1,900 meters in Huila.",
    "Gift a subscription this holiday season: three bags, three months, zero hassle.",
    "French press or pour-over? Tell us your go-to brew method in the comments.",
    "Behind the scenes at the roastery: 12-pound batches, roasted to order every week.",
)
DRAFT_SLIPS = {  # what a first draft from outside the market gets wrong, and the fix
    "GB": (("colour", "color"), ("favourite", "favorite"), ("holiday", "vacation")),
    "US": (("fall", "autumn"), ("color", "colour"), ("vacation", "holiday")),
}
CHANGE_NOTES = (
    "Please use UK spelling here — the checker flags it too.",
    "The date reads wrong for this market; say the day in words.",
    "Can we make the first line shorter? It gets cut off on the feed.",
    "Tone is a little too salesy for us — softer, please.",
    "Price should be in pounds for this audience.",
)
SIDE_COMMENTS = (
    "Lovely photo for this one.",
    "Could we tag the Bristol shop?",
    "Checked with the roastery, the dates are right.",
    "Thanks — updated.",
)


@dataclass(frozen=True)
class Writer:
    email: str
    market: str
    posts: int
    rounds: tuple[int, ...]  # drawn per post
    market_fit_share: float  # chance a change request comes with open findings
    hours_per_post: tuple[float, float] | None  # logged time, for hourly engagements


WRITERS = (
    Writer("oliver@harbourpine.example", "GB", 18, (0, 0, 0, 0, 0, 0, 1, 1), 0.0, None),
    Writer("sophie@turnerwrites.example", "GB", 22, (0, 0, 0, 0, 1, 1, 0, 1), 0.2, None),
    Writer("megan@brookscopy.example", "US", 16, (0, 1, 1, 2, 1, 0, 1), 0.5, (1.25, 2.0)),
    Writer("priya@brightwave.example", "GB", 26, (1, 2, 1, 3, 2, 1, 2), 0.9, None),
)


def load_history(workspace: Workspace, now: datetime) -> None:
    """Engagements, rates, a publishing channel per market and the review history."""
    members = {m.user.email: m for m in workspace.memberships.select_related("user")}
    CostSettings.objects.create(
        workspace=workspace,
        reviewer_hourly_value=Decimal(45),
        rates={"USD": "0.79", "INR": "0.0094"},
    )
    today = now.astimezone(places.zoneinfo(workspace.home_timezone)).date()
    engagements = _engagements(workspace, members, today)
    channels = {market.country: _channel(workspace, market) for market in workspace.markets.all()}
    reviewers = [members["james@harbourpine.example"], members["emma@harbourpine.example"]]
    scheduler = members["oliver@harbourpine.example"]
    for index, writer in enumerate(WRITERS):
        rng = random.Random(f"onshore-demo-{index}")
        author = members[writer.email]
        market = workspace.markets.get(country=writer.market)
        for number in range(writer.posts):
            _one_post(
                rng, writer, author, market, channels[writer.market], reviewers, scheduler,
                engagements[writer.email], now, number,
            )  # fmt: skip


def _engagements(
    workspace: Workspace, members: dict[str, Membership], today: date
) -> dict[str, Engagement]:
    began = today - timedelta(days=182)
    terms = {
        "oliver@harbourpine.example": ("Oliver Hughes (social share of salary)", "monthly_retainer", "900", "GBP"),  # noqa: E501
        "sophie@turnerwrites.example": ("Sophie Turner", "per_post", "45", "GBP"),
        "megan@brookscopy.example": ("Megan Brooks", "hourly", "30", "USD"),
        "priya@brightwave.example": ("Brightwave Digital", "monthly_retainer", "30000", "INR"),
    }  # fmt: skip
    made = {}
    for email, (name, pricing, amount, currency) in terms.items():
        engagement = Engagement(
            workspace=workspace,
            member=members[email],
            name=name,
            pricing=pricing,
            amount=Decimal(amount),
            currency=currency,
            start=began,
        )
        engagement.full_clean()
        engagement.save()
        made[email] = engagement
    return made


def _channel(workspace: Workspace, market: Market) -> Channel:
    # Parked on purpose: the demo has published history, but nothing new leaves the
    # machine until someone points the channel at their own webhook.
    return Channel.objects.create(
        workspace=workspace,
        market=market,
        kind="webhook",
        name=f"Website news ({market.country})",
        config={"url": f"https://hooks.harbourpine.example/{market.country.lower()}"},
        secret_encrypted=crypto.encrypt({"secret": "whsec_" + "0" * 32}),
        status=Channel.Status.NEEDS_RECONNECT,
        status_message="Demo channel: connect your own webhook URL to publish from here.",
    )


def _schedule(member: Membership) -> Schedule:
    return Schedule(member.timezone, member.weekly_hours)


def _after(rng: random.Random, member: Membership, at: datetime, low: int, high: int) -> datetime:
    """When ``member`` acts on something that reached them at ``at``: at work, a bit later."""
    return next_working_moment(_schedule(member), at) + timedelta(minutes=rng.randint(low, high))


def _one_post(
    rng: random.Random,
    writer: Writer,
    author: Membership,
    market: Market,
    channel: Channel,
    reviewers: list[Membership],
    scheduler: Membership,
    engagement: Engagement,
    now: datetime,
    number: int,
) -> None:
    texts = GB_TEXTS if writer.market == "GB" else US_TEXTS
    final = texts[number % len(texts)]
    rounds = rng.choice(writer.rounds)
    started = now - timedelta(days=HISTORY_DAYS) + timedelta(hours=rng.randint(0, 24 * 70))
    created = _after(rng, author, started, 0, 60)
    submitted = created + timedelta(minutes=rng.randint(20, 90))
    timeline: list[tuple[datetime, Membership, str, str, int]] = []  # when, who, what, note, mf
    timeline.append((submitted, author, "submit", "", 0))
    at = submitted
    reviewer = reviewers[0] if rng.random() < 0.8 else reviewers[1]
    for _ in range(rounds):
        at = _after(rng, reviewer, at, 10, 150)
        findings = rng.randint(1, 3) if rng.random() < writer.market_fit_share else 0
        timeline.append((at, reviewer, "request_changes", rng.choice(CHANGE_NOTES), findings))
        at = _after(rng, author, at, 10, 120)
        timeline.append((at, author, "submit", "", 0))
    if rng.random() < 0.5:
        at = _after(rng, reviewer, at, 5, 60)
        timeline.append((at, reviewer, "comment", rng.choice(SIDE_COMMENTS), 0))
    approved = _after(rng, reviewer, at, 10, 120)
    timeline.append((approved, reviewer, "approve", "", 0))
    scheduled_for = _slot(market, approved + timedelta(days=rng.randint(1, 3)))
    timeline.append((_after(rng, scheduler, approved, 5, 90), scheduler, "schedule", "", 0))
    if scheduled_for > now - NOT_AFTER:
        return  # would not be published yet: leave it out rather than invent the future
    _store(writer, author, market, channel, final, rounds, created, timeline, scheduled_for)
    if writer.hours_per_post is not None:
        low, high = writer.hours_per_post
        worked = Decimal(str(round(rng.uniform(low, high) + 0.5 * rounds, 2)))
        TimeEntry.objects.create(
            engagement=engagement,
            date=submitted.astimezone(_schedule(author).tz).date(),
            hours=worked,
            note=f"Post {number + 1}: draft and {rounds} revision round(s)",
            logged_by=author,
        )


def _slot(market: Market, day: datetime) -> datetime:
    zone = places.zoneinfo(market.timezone)
    local_day = day.astimezone(zone).date()
    return datetime.combine(local_day, time(9, 30), tzinfo=zone)


def _draft_of(final: str, market: str) -> str:
    for right, wrong in DRAFT_SLIPS[market]:
        if right in final:
            return final.replace(right, wrong, 1)
    return final


def _store(
    writer: Writer,
    author: Membership,
    market: Market,
    channel: Channel,
    final: str,
    rounds: int,
    created: datetime,
    timeline: list[tuple[datetime, Membership, str, str, int]],
    scheduled_for: datetime,
) -> None:
    first_submit = timeline[0][0]
    approved = next(when for when, _, action, _, _ in timeline if action == "approve")
    post = Post.objects.create(
        workspace=market.workspace,
        market=market,
        author=author.user,
        text=final,
        networks=["x", "bluesky"] if writer.market == "US" else ["x", "linkedin"],
        state=State.PUBLISHED,
        scheduled_date=scheduled_for.date(),
        scheduled_time=scheduled_for.time(),
        scheduled_zone=market.timezone,
        scheduled_at=scheduled_for,
        rework_rounds=rounds,
        first_submitted_at=first_submit,
        approved_at=approved,
        created_at=created,
        updated_at=scheduled_for,
    )
    draft = _draft_of(final, writer.market) if rounds else final
    Revision.objects.create(post=post, number=1, text=draft, author=author.user, created_at=created)
    state, revision = State.DRAFT, 1
    for when, who, action, note, findings in timeline:
        if action == "comment":
            Comment.objects.create(post=post, author=who.user, body=note, created_at=when)
            continue
        target = {
            "submit": State.IN_REVIEW,
            "request_changes": State.CHANGES_REQUESTED,
            "approve": State.APPROVED,
            "schedule": State.SCHEDULED,
        }[action]
        if action == "submit" and state == State.CHANGES_REQUESTED:
            revision += 1
            Revision.objects.create(
                post=post, number=revision, text=final, author=author.user, created_at=when
            )
        if action == "request_changes":
            Comment.objects.create(post=post, author=who.user, body=note, created_at=when)
        PostEvent.objects.create(
            post=post, action=action, from_state=state, to_state=target, by=who.user,
            note=note, market_fit_findings=findings, created_at=when,
        )  # fmt: skip
        state = target
    published = scheduled_for + timedelta(seconds=2)
    Delivery.objects.create(
        post=post,
        channel=channel,
        state=DeliveryState.PUBLISHED,
        due_at=scheduled_for,
        attempts=1,
        first_attempt_at=published,
        published_at=published,
        created_at=approved,
    )
