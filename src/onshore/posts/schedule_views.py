"""Scheduling pages: "Schedule for …" on the post page (typed time, free-slot buttons, a
live preview in the viewer's zone), the DST and past-time questions answered by buttons,
and the calendar's drag and drop. Every path is ``scheduling.schedule_post``: the time is
set and an approved post is Scheduled in one submit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from onshore.inputs import BadInput, read_day, read_int
from onshore.localtime import WallTime, describe_in_zones, resolve_wall_time
from onshore.posts import calendar, editing, scheduling, views, workflow
from onshore.posts.forms import PostForm, ScheduleForm
from onshore.posts.models import Network, Post, State
from onshore.posts.templatetags.compact_cards import first_line
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

# The post page's helpers: one way to find a post (404 outside the workspace), one
# viewer's zone and one page context, shared with the editor.
_post_or_404 = views._post_or_404
_viewer_zone = views._viewer_zone
_flash_warnings = views._flash_warnings
CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")


def _back_to_schedule(membership: Membership, post: Post) -> HttpResponse:
    response = redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)
    response["Location"] += "#schedule"
    return response


@require_POST
@member_view(Capability.SCHEDULE_POSTS)
def post_schedule(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """One submit: the time in the market's zone and, for an approved post, Scheduled.

    ``now=1`` is the "Publish now" answer to a past time: the market's next minute.
    """
    post = _post_or_404(membership, post_id)
    was = post.state
    if request.POST.get("now") == "1":
        return _scheduled(
            request, membership, post, was, lambda: scheduling.publish_now(post, membership)
        )
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        problems = (f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        messages.error(request, "; ".join(problems))
        return _back_to_schedule(membership, post)
    day: date = form.cleaned_data["date"]
    clock: time = form.cleaned_data["time"]
    fold = form.cleaned_data.get("fold")
    chosen = int(fold) if fold in ("0", "1") else None
    return _scheduled(
        request,
        membership,
        post,
        was,
        lambda: scheduling.schedule_post(post, membership, day, clock, chosen),
    )


def _scheduled(
    request: HttpRequest,
    membership: Membership,
    post: Post,
    was: str,
    attempt: Any,
    where: str = "",
) -> HttpResponse:
    """Run one scheduling attempt and answer it: a flash with the new time, or the post
    page again (422) with the question and buttons that answer it."""
    try:
        result: editing.ScheduleResult = attempt()
    except ValidationError as exc:  # a time that has passed: offer "Publish now"
        return _question_page(request, membership, post, passed=_field_messages(exc))
    except workflow.TransitionForbidden:
        return render(request, "403.html", {"membership": membership}, status=403)
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
        return _back_to_schedule(membership, post)
    if result.kind != "ok":
        return _question_page(request, membership, post, result=result)
    messages.success(request, _done_message(membership, post, was, result, where))
    _flash_warnings(request, result.warnings)
    return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)


def _done_message(
    membership: Membership, post: Post, was: str, result: WallTime, where: str
) -> str:
    """'Scheduled for Tue 1 December 2026, 09:30 New York · …' (``where``: ' the next
    free slot:' when a slot was picked for the user)."""
    assert post.scheduled_at is not None  # schedule_post set it ("ok")
    when = describe_in_zones(post.scheduled_at, post.market.timezone, _viewer_zone(membership))
    occurrence = result.chosen_occurrence()
    when += f" — {occurrence}" if occurrence else ""
    if post.state == State.SCHEDULED and was != State.SCHEDULED:
        return f"Scheduled for{where} {when}."
    if post.state == State.SCHEDULED:
        return f"Moved to{where} {when}; still scheduled."
    return f"Time set{' to' + where if where else ':'} {when}."


def _field_messages(exc: ValidationError) -> str:
    """'time: … has already passed …' — each message with the field it is about."""
    return "; ".join(f"{name}: {' '.join(problems)}" for name, problems in exc.message_dict.items())


def _question_page(
    request: HttpRequest,
    membership: Membership,
    post: Post,
    result: WallTime | None = None,
    passed: str = "",
) -> HttpResponse:
    """The post page again (422) with why the time was refused and buttons that answer:
    the times either side of a DST gap, both occurrences of a repeated hour, or
    "Publish now" for a time that has passed."""
    post.refresh_from_db()  # nothing was stored; show what is
    context: dict[str, Any] = {
        "membership": membership,
        "post": post,
        "form": PostForm(workspace=membership.workspace, post=post),
        "networks": Network.choices,
    }
    context.update(views._post_context(membership, post))
    if result is not None:
        context["schedule_form"] = ScheduleForm(initial={"date": result.day, "time": result.clock})
        context["schedule_question"] = result.explanation()
        context["schedule_kind"] = result.kind
        context["schedule_answers"] = scheduling.question_choices(result, _viewer_zone(membership))
    else:
        context["schedule_form"] = ScheduleForm(request.POST)
        context["schedule_question"] = passed
        context["schedule_kind"] = "passed"
    return render(request, "posts/editor.html", context, status=422)


@require_GET
@member_view(Capability.SCHEDULE_POSTS)
def schedule_preview(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """The typed wall time read back as the schedule form is filled in (htmx): the date
    and time in the market's zone and the viewer's, or why it cannot be used."""
    post = _post_or_404(membership, post_id)
    form = ScheduleForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        return HttpResponse(format_html('<span class="muted">{}</span>', problems))
    zone = post.market.timezone
    result = resolve_wall_time(form.cleaned_data["date"], form.cleaned_data["time"], zone)
    if result.instant is None:
        return HttpResponse(format_html('<span class="warning">{}</span>', result.explanation()))
    if result.has_passed(timezone.now()):
        text = result.passed_explanation(timezone.now())
        return HttpResponse(format_html('<span class="warning">{}</span>', text))
    when = describe_in_zones(result.instant, zone, _viewer_zone(membership))
    return HttpResponse(format_html("<strong>{}</strong>", when))


@require_POST
@member_view(Capability.SCHEDULE_POSTS)
def post_next_slot(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """'Add to next free slot': the market's next recurring slot no other post holds."""
    post = _post_or_404(membership, post_id)
    free = scheduling.free_slot_choices(post, _viewer_zone(membership), timezone.now(), 1)
    if not free:
        messages.error(
            request,
            f"{post.market.label} has no free posting slot in the next "
            "year: add slots on the market's page.",
        )
        return _back_to_schedule(membership, post)
    slot = free[0]
    return _scheduled(
        request,
        membership,
        post,
        post.state,
        lambda: scheduling.schedule_post(post, membership, slot.day, slot.clock, slot.fold),
        where=" the next free slot:",
    )


@dataclass(frozen=True)
class MoveRefused:
    """Why a move was not made, and for a wall time DST skips or repeats, the choices
    that answer it."""

    error: str
    choices: tuple[scheduling.TimeChoice, ...] = ()


@require_POST
@member_view(Capability.SCHEDULE_POSTS)
def post_move(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    """Drag and drop on the calendar, and its "Move…" control: a day (month view) or a
    day and hour (week view).

    The time is the post's own (or, for one without, the market's first slot that day,
    else 09:00; see ``scheduling.drop_clock``); ``time`` and ``fold`` answer a question
    asked before; ``zone=mine``: the week's hour rows were in the viewer's zone. An
    approved post becomes Scheduled. The calendar's script asks for JSON: 200 with the
    new time, or 422 with why not and, for a DST question, the choices that answer it.
    A plain form post (JavaScript off) is answered with a page: back to ``next`` with a
    message saying what moved and to when, or the form again naming what was wrong.
    """
    post = _post_or_404(membership, post_id)
    was = post.state
    outcome = _attempt_move(request, membership, post)
    if wants_json(request):
        return _move_json(membership, post, was, outcome)
    return _move_page(request, membership, post, was, outcome)


def wants_json(request: HttpRequest) -> bool:
    """The calendar's script says so (Accept: application/json, or htmx's header); a
    browser sending the form by itself accepts HTML first."""
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.headers.get("HX-Request") == "true"


def _attempt_move(
    request: HttpRequest, membership: Membership, post: Post
) -> editing.ScheduleResult | MoveRefused:
    """Read the move's fields and schedule the post: the result, or why not."""
    try:
        day = read_day(request.POST.get("date"), "date")
        hour = read_int(request.POST.get("hour"), "hour", maximum=23)
        clock = _read_clock(request.POST.get("time"))
        fold = read_int(request.POST.get("fold"), "fold", maximum=1)
    except BadInput as exc:
        return MoveRefused(str(exc))
    if day is None:
        return MoveRefused("date: give the day as YYYY-MM-DD")
    if clock is None and request.POST.get("zone") == "mine":
        day, clock, fold = _viewer_drop(membership, post, day, hour)
    clock = clock or scheduling.drop_clock(post, day, hour)
    try:
        result = scheduling.schedule_post(post, membership, day, clock, fold)
    except ValidationError as exc:  # dropped on a day or hour that has passed
        return MoveRefused(_field_messages(exc))
    except workflow.TransitionError as exc:
        return MoveRefused(str(exc))
    if result.kind != "ok":
        choices = scheduling.question_choices(result, _viewer_zone(membership))
        return MoveRefused(result.explanation(), tuple(choices))
    return result


def _move_json(
    membership: Membership, post: Post, was: str, outcome: editing.ScheduleResult | MoveRefused
) -> JsonResponse:
    if isinstance(outcome, MoveRefused):
        return JsonResponse({"error": outcome.error, **_choices_json(outcome.choices)}, status=422)
    assert post.scheduled_at is not None  # schedule_post set it ("ok")
    return JsonResponse(
        {
            "when": describe_in_zones(
                post.scheduled_at, post.market.timezone, _viewer_zone(membership)
            ),
            "scheduled": post.state == State.SCHEDULED and was != State.SCHEDULED,
            "timing": list(_timing_flags(post)),
            "warnings": list(outcome.warnings),
        }
    )


def _choices_json(choices: tuple[scheduling.TimeChoice, ...]) -> dict[str, Any]:
    """A DST question's answers, which the calendar shows as buttons that drop again."""
    if not choices:
        return {}
    return {
        "choices": [
            {
                "label": choice.label,
                "date": choice.day.isoformat(),
                "time": f"{choice.clock:%H:%M}",
                "fold": choice.fold_value,
            }
            for choice in choices
        ]
    }


def _timing_flags(post: Post) -> tuple[str, ...]:
    assert post.scheduled_at is not None
    return calendar.timing_flags(post.market.country, post.market.timezone, post.scheduled_at)


def _move_page(
    request: HttpRequest,
    membership: Membership,
    post: Post,
    was: str,
    outcome: editing.ScheduleResult | MoveRefused,
) -> HttpResponse:
    """Without JavaScript: back where the form was, with what moved and to when (the
    timing findings and publishing warnings as warnings), or the form again (422)."""
    back = safe_next(request, reverse("calendar", args=[membership.workspace.slug]))
    if isinstance(outcome, MoveRefused):
        return _move_again(request, membership, post, outcome, back)
    assert post.scheduled_at is not None  # schedule_post set it ("ok")
    when = describe_in_zones(post.scheduled_at, post.market.timezone, _viewer_zone(membership))
    # The words the calendar's script shows after a drop, with which post it was.
    done = (
        "Scheduled for" if post.state == State.SCHEDULED and was != State.SCHEDULED else "Moved to"
    )
    messages.success(request, f"“{truncatechars(first_line(post.text), 60)}”: {done} {when}.")
    for flag in _timing_flags(post):
        messages.warning(request, f"Timing: {flag}")
    _flash_warnings(request, outcome.warnings)
    return redirect(back)


def _move_again(
    request: HttpRequest,
    membership: Membership,
    post: Post,
    refused: MoveRefused,
    back: str,
) -> HttpResponse:
    """The Move… form again, on a page of its own: the error named, the day and hour as
    sent, and for a DST question one button per answer."""
    post.refresh_from_db()  # nothing was stored; show what is
    return render(
        request,
        "posts/move_again.html",
        {
            "membership": membership,
            "post": post,
            "error": refused.error,
            "choices": refused.choices,
            "asked_date": request.POST.get("date", "")[:10],
            "asked_hour": _hour_or_none(request.POST.get("hour")),
            "zone": "mine" if request.POST.get("zone") == "mine" else "",
            "hours": range(24),
            "back": back,
        },
        status=422,
    )


def _hour_or_none(value: str | None) -> int | None:
    try:
        return read_int(value, "hour", maximum=23)
    except BadInput:
        return None


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` field when it is a path on this site ("/w/…?…"), else ``default``:
    never another host, a scheme, or a "//host" that browsers read as one."""
    target = request.POST.get("next", "") or request.GET.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return target
    return default


def _viewer_drop(
    membership: Membership, post: Post, day: date, hour: int | None
) -> tuple[date, time | None, int | None]:
    """A drop on the calendar shown in the viewer's zone: its days (and the week's hour
    rows) are the viewer's, so the post keeps its time on the viewer's clock (or takes
    the hour dropped on) and the market's wall time is worked out from that."""
    viewer = _viewer_zone(membership)
    if hour is not None:
        return scheduling.market_wall_time(day, time(hour, 0), viewer, post.market.timezone)
    if post.scheduled_at is None:
        return day, None, None  # no time of its own: the market's slot or 09:00 that day
    own = post.scheduled_at.astimezone(ZoneInfo(viewer)).time().replace(tzinfo=None)
    return scheduling.market_wall_time(day, own, viewer, post.market.timezone)


def _read_clock(value: str | None) -> time | None:
    """'HH:MM' (an answer to a DST question); None if not given; BadInput naming 'time'."""
    text = (value or "").strip()
    if not text:
        return None
    if not CLOCK.fullmatch(text):
        raise BadInput("time", "give the time as HH:MM, e.g. 09:30")
    hours, minutes = int(text[:2]), int(text[3:])
    if hours > 23 or minutes > 59:
        raise BadInput("time", "give the time as HH:MM, e.g. 09:30")
    return time(hours, minutes)
