"""Post pages: list, editor with live market-fit checks, review actions, comments,
revisions and their diff, schedule in the market's time, and the review queue."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from onshore.inputs import read_day, read_int
from onshore.localtime import describe_in_zones, resolve_wall_time
from onshore.posts import (
    bulk_views,
    calendar,
    checks,
    editing,
    media_form,
    panel,
    post_card,
    preview,
    read_only_views,
    scheduling,
    workflow,
)
from onshore.posts.filters import CALENDAR_KEYS, narrow, parse_filters
from onshore.posts.forms import MEDIA_ROWS, PostForm, ScheduleForm
from onshore.posts.models import MAX_TEXT, Dismissal, Network, Post, Revision, State
from onshore.posts.paging import paginate
from onshore.posts.publishing_port import publishing
from onshore.posts.save_warning import save_warning
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

# What the post page reads of a post's relations, several times over.
# What the post page reads of a post, once: the form, the checker (which needs the
# dismissals), the previews and the dismissed-findings list all use these.
POST_PAGE_RELATIONS = (
    "variants",
    "media__asset",
    "market__channels",
    Prefetch("dismissals", queryset=Dismissal.objects.select_related("by")),
)


def _post_or_404(member: Membership, post_id: int) -> Post:
    return get_object_or_404(
        Post.objects.select_related("market", "author", "workspace"),
        pk=post_id,
        workspace=member.workspace,
    )


def _flash_warnings(request: HttpRequest, warnings: Sequence[str]) -> None:
    """What would stop a scheduled post from being published (no channel, a parked one)."""
    for warning in warnings:
        messages.warning(request, warning)


def _viewer_zone(member: Membership) -> str:
    return member.timezone or member.workspace.home_timezone


LIST_KEYS = ("market", "state", "q")  # the filters the Posts page offers


@member_view(Capability.VIEW_WORKSPACE)
def post_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    state, market_id = request.GET.get("state", ""), request.GET.get("market", "")
    # The calendar's filters, read and refused (400 naming the value) the same way.
    filters = parse_filters(request.GET, LIST_KEYS)
    posts = narrow(membership.workspace, membership.workspace.posts.all(), filters)
    pager = paginate(
        posts.select_related("market", "author").prefetch_related("media__asset"), request.GET
    )
    badges = publishing().waiting_badges(Post.objects.filter(pk__in=[p.pk for p in pager.rows]))
    return render(
        request,
        "posts/list.html",
        {
            "membership": membership,
            "pager": pager,
            "posts": pager.rows,
            # Each post with why it waits, if a person must act: "waiting: …" or "".
            "rows": [(post, badges.get(post.pk, "")) for post in pager.rows],
            "states": State.choices,
            "markets": membership.workspace.markets.all(),
            "state": state,
            "market_id": market_id,
            "search": filters.search,
            # An empty list under filters or a search says so, not "No posts yet.", and
            # offers a way out.
            "filtered": any(request.GET.get(key) for key in (*LIST_KEYS, "q")),
            **bulk_views.bar_context(membership, "posts"),
        },
    )


@member_view(Capability.REVIEW_POSTS)
def review_queue(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What waits for review, oldest first, with each post's market-fit summary."""
    filters = parse_filters(request.GET, ("q",))
    waiting = narrow(
        membership.workspace, membership.workspace.posts.filter(state=State.IN_REVIEW), filters
    )
    pager = paginate(
        waiting.select_related("market", "author")
        .prefetch_related("variants", "dismissals", "media__asset", "market__channels")
        .order_by("updated_at", "id"),
        request.GET,
    )
    rows = [(post, checks.check_post(post)) for post in pager.rows]
    context = {
        "membership": membership,
        "rows": rows,
        "pager": pager,
        "search": filters.search,
        **bulk_views.bar_context(membership, "review"),
    }
    return render(request, "posts/review_queue.html", context)


@member_view(Capability.DRAFT_POSTS)
def post_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    data, refused = _form_data(request, membership)
    form = PostForm(data, workspace=membership.workspace)
    if request.method == "POST" and _valid(form, refused):
        try:
            post = editing.create_post(membership, form.changes())
        except ValidationError as exc:
            form.add_model_errors(exc)
        else:
            messages.success(request, "Draft saved.")
            return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)
    return _editor(request, membership, None, form)


@member_view(Capability.VIEW_WORKSPACE)
def post_detail(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    # Read once for the form, the checker and the previews alike.
    prefetch_related_objects([post], *POST_PAGE_RELATIONS)
    if request.method == "POST" and not membership.can_change_post(post):
        return render(request, "403.html", {"membership": membership}, status=403)
    data, refused = _form_data(request, membership)
    form = PostForm(data, workspace=membership.workspace, post=post)
    if request.method == "POST" and _valid(form, refused):
        try:
            editing.update_post(post, membership, form.changes())
        except ValidationError as exc:
            form.add_model_errors(exc)
        except workflow.TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Saved.")
            return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)
    return _editor(request, membership, post, form)


def _form_data(request: HttpRequest, membership: Membership) -> tuple[Any, list[str]]:
    """The editor's form data (None for a GET), with files sent along uploaded first."""
    if request.method != "POST":
        return None, []
    return media_form.with_uploads(request, membership)


def _valid(form: PostForm, refused: list[str]) -> bool:
    """Files refused on upload are the form's errors: nothing is saved with them."""
    valid = form.is_valid()
    for message in refused:
        form.add_error(None, message)
    return valid and not refused


def _editor(
    request: HttpRequest, membership: Membership, post: Post | None, form: PostForm
) -> HttpResponse:
    context: dict[str, Any] = {
        "membership": membership,
        "post": post,
        "form": form,
        "networks": Network.choices,
        "can_edit": membership.can(Capability.DRAFT_POSTS),  # a new post; an existing one below
        "media_entries": media_form.entries(
            form, membership, [item.asset for item in post.media.all()] if post else ()
        ),
        "media_max": MEDIA_ROWS,
    }
    if post is not None:
        prefetch_related_objects([post], *POST_PAGE_RELATIONS)  # a no-op when read already
        context.update(_post_context(membership, post))
        if not context["can_edit"]:  # reviewers, viewers, others' posts for contributors
            return read_only_views.post_as_published(request, membership, post, context)
    status = 422 if form.errors else 200
    return render(request, "posts/editor.html", context, status=status)


def _post_context(membership: Membership, post: Post) -> dict[str, Any]:
    result = checks.check_post(post)
    zone = _viewer_zone(membership)
    schedule_label = _schedule_label(post, membership)
    return {
        "check": result,
        "panel_sections": panel.sections(
            result, scheduled=post.scheduled_at is not None, when=schedule_label
        ),
        "actions": workflow.available_actions(post, membership),
        "comments": post.comments.select_related("author", "review_link"),
        "revisions": post.revisions.select_related("author"),
        "dismissals": post.dismissals.all(),  # prefetched with who dismissed
        "events": post.events.select_related("by", "review_link"),
        "publishing": publishing().delivery_lines(post, zone, timezone.now()),
        "attention": editing.schedule_warnings(post, membership),
        "can_manage_channels": membership.can(Capability.MANAGE_CHANNELS),
        "schedule_form": ScheduleForm(
            initial={"date": post.scheduled_date, "time": post.scheduled_time}
        ),
        "schedule_label": schedule_label,
        # "Schedule for …": the market's next free slots as one-click buttons.
        "can_schedule": _may_schedule(membership, post),
        "schedule_passed": scheduling.passed_time_note(post, timezone.now()),
        "schedule_slots": (
            scheduling.free_slot_choices(post, _viewer_zone(membership), timezone.now())
            if _may_schedule(membership, post)
            else []
        ),
        "can_override": membership.can(Capability.OVERRIDE_FINDINGS),
        # Published (or being published) posts cannot change: everyone reads them as
        # they went out, rather than a form whose save would be refused.
        "can_edit": membership.can_change_post(post) and post.is_editable,
        # A client can act on a review link only before approval: no link form after.
        "can_share": post.state in SHAREABLE_STATES,
        "reply_hints": _reply_hints(membership, post),
        "save_warning": save_warning(post, _viewer_zone(membership)),
        # The post as each network will show it: the editor's Preview, the read-only page.
        "previews": preview.as_published(post),
        "when": preview.time_label(post, zone),
        "media": post.media.all(),
        **post_card.card_context(membership, post),
    }


SHAREABLE_STATES = {State.DRAFT, State.IN_REVIEW, State.CHANGES_REQUESTED}


def _may_schedule(membership: Membership, post: Post) -> bool:
    return membership.can(Capability.SCHEDULE_POSTS) and post.state in scheduling.TIMED_STATES


def _schedule_label(post: Post, membership: Membership) -> str:
    """'Tue 1 December 2026, 09:30 New York · Tue 1 December, 20:00 your time' (and which
    of a repeated hour was chosen), or "" for a post with no time."""
    if not post.scheduled_at:
        return ""
    label = describe_in_zones(post.scheduled_at, post.market.timezone, _viewer_zone(membership))
    if post.scheduled_fold_chosen:
        label += f" — {_chosen_occurrence(post)}"
    return label


def _chosen_occurrence(post: Post) -> str:
    """Which of a repeated wall time's two occurrences was picked, shown in place of the
    market-fit warning that asked (checks.FOLD_RULE)."""
    assert post.scheduled_date is not None and post.scheduled_time is not None
    wall = resolve_wall_time(
        post.scheduled_date, post.scheduled_time, post.scheduled_zone, fold=post.scheduled_fold
    )
    return wall.chosen_occurrence()


def _reply_hints(viewer: Membership, post: Post) -> list[str]:
    """When the people on this post will likely see a comment written now."""
    from onshore.localtime import describe_when_seen
    from onshore.workspaces.hours import schedule_of

    people = Membership.objects.filter(workspace=post.workspace).select_related("user")
    involved = [
        m
        for m in people
        if m.pk != viewer.pk and (m.user_id == post.author_id or m.role == "reviewer")
    ]
    hints = []
    for member in involved:
        schedule = schedule_of(member)
        if schedule is not None:
            hints.append(describe_when_seen(member.user.display_name, schedule, timezone.now()))
    return hints


@require_POST
@member_view(Capability.VIEW_WORKSPACE)
def live_check(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The editor's as-you-type check (htmx): the same panel as the page, for the form as
    typed (main text, each network's text) and the saved post's time and dismissals."""
    market = Market.objects.filter(
        pk=_int(request.POST.get("market"), "market"), workspace=membership.workspace
    ).first()
    if market is None:
        return render(request, "posts/_findings.html", {"sections": [], "no_market": True})
    post_id = _int(request.POST.get("post"), "post")
    post = _post_or_404(membership, post_id) if post_id else None
    prefetch_related_objects([market], "channels")  # for the checker and the previews
    typed = media_form.typed_media(request, membership)  # the files as the form has them
    draft = checks.Draft(
        text=request.POST.get("text", "")[:MAX_TEXT],
        networks=[n for n in request.POST.getlist("networks") if n in Network.values],
        variants=_typed_variants(request),
        market=market,
        scheduled_at=post.scheduled_at if post else None,
        dismissals=list(post.dismissals.all()) if post else [],
        fold_chosen=post.scheduled_fold_chosen if post else False,
        media=[checks.media_item(m.kind, m.alt_text, **checks.file_facts(m.asset)) for m in typed],
        sponsored=request.POST.get("sponsored") == "on",  # the editor's checkbox as ticked
    )
    context = {
        "sections": panel.sections(
            checks.check_draft(draft),
            scheduled=bool(draft.scheduled_at),
            when=_schedule_label(post, membership) if post else "",
        ),
        "post": post,
        "membership": membership,
        "can_dismiss": post is not None,
        "previews": preview.of_texts(
            draft.text, draft.networks, draft.variants, market, membership.workspace.name
        ),
        "media": typed,
    }
    return render(request, "posts/_live_check.html", context)


def _typed_variants(request: HttpRequest) -> dict[str, str]:
    """Each network's own text as typed; an empty one means the main text is posted."""
    typed = {n: request.POST.get(f"variant_{n}", "")[:MAX_TEXT] for n in Network.values}
    return {network: text for network, text in typed.items() if text.strip()}


def _int(value: str | None, field: str) -> int:
    """A number from a form or query (BadInput, a 400 naming the field, if not one); 0 if empty."""
    return read_int(value, field) or 0


@require_POST
@member_view(Capability.VIEW_WORKSPACE)
def post_action(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    action = request.POST.get("action", "")
    errors = checks.check_post(post).error_count if action == "submit" else 0
    try:
        post = workflow.perform(
            post,
            membership,
            action,
            note=request.POST.get("note", ""),
            blocking_errors=errors,
            override_reason=request.POST.get("override_reason", ""),
        )
    except workflow.TransitionForbidden:
        return render(request, "403.html", {"membership": membership}, status=403)
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{workflow.TRANSITIONS[action].done}.")
        if action == "schedule":
            _flash_warnings(request, editing.schedule_warnings(post, membership))
    return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)


@require_POST
@member_view(Capability.COMMENT_POSTS)
def post_comment(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    try:
        editing.add_comment(post, membership, request.POST.get("body", ""))
    except ValidationError as exc:
        messages.error(request, "body: " + " ".join(exc.messages))
    return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def post_dismiss(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    reason = request.POST.get("reason", "").strip()
    rule = request.POST.get("rule", "").strip()[:80]
    if len(reason) < 3 or not rule:
        messages.error(
            request, "reason: say why this finding does not apply (3 characters or more)."
        )
    else:
        Dismissal.objects.create(
            post=post,
            rule=rule,
            reason=reason[:500],
            by=membership.user,
            span_text=request.POST.get("span_text", "")[:200],
        )
        messages.success(request, "Finding dismissed; the reviewer will see your reason.")
    return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)


@member_view(Capability.VIEW_WORKSPACE)
def revision_diff(request: HttpRequest, membership: Membership, post_id: int) -> HttpResponse:
    post = _post_or_404(membership, post_id)
    revisions = {r.number: r for r in post.revisions.all()}
    newest = max(revisions) if revisions else 0
    a = _int(request.GET.get("a"), "a") or max(newest - 1, 1)
    b = _int(request.GET.get("b"), "b") or newest
    older, newer = revisions.get(a), revisions.get(b)
    if older is None or newer is None:
        messages.error(request, f"a, b: choose revisions between 1 and {newest}.")
        return redirect("post_detail", slug=membership.workspace.slug, post_id=post.pk)
    return render(
        request,
        "posts/diff.html",
        {
            "membership": membership,
            "post": post,
            "older": older,
            "newer": newer,
            "diff": _word_diff(older, newer),
            "other_changes": _other_changes(older, newer),
            "numbers": sorted(revisions),
        },
    )


def _other_changes(older: Revision, newer: Revision) -> list[tuple[str, str, str]]:
    """(what, before, after) for each published field besides the text that changed."""
    fields = [(f"{network} text", "variants", network) for network in Network.values]
    fields += [(name, "details", name) for name in ("market", "link", "tags", "networks")]
    fields.append(("media", "details", "media"))
    if not (older.details and newer.details):  # recorded before revisions kept them
        fields = fields[: len(Network.values)]
    changes = []
    for label, attribute, key in fields:
        before, after = getattr(older, attribute).get(key), getattr(newer, attribute).get(key)
        if before != after:
            changes.append((label, _shown(key, before), _shown(key, after)))
    return changes


def _shown(key: str, value: Any) -> str:
    if key == "market" and value:
        market = Market.objects.filter(pk=value).first()
        return market.label if market else "a removed market"
    if key == "media" and value:
        return "; ".join(f"{m['kind']}: {m['description']}" for m in value)
    if isinstance(value, list):
        return ", ".join(value) or "—"
    return str(value) if value else "—"


def _word_diff(older: Revision, newer: Revision) -> list[tuple[str, str]]:
    """(kind, text) pieces: 'same', 'removed' or 'added', word by word."""
    before, after = older.text.split(" "), newer.text.split(" ")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(after[j1:j2])))
    return pieces


@member_view(Capability.VIEW_WORKSPACE)
def calendar_view(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Month, week or list of scheduled posts, in each market's zone or the viewer's."""
    asked = request.GET.get("view", "")
    view = asked if asked in calendar.VIEWS else "month"
    anchor = read_day(request.GET.get("date"), "date") or timezone.now().date()
    in_my_zone = request.GET.get("zone") == "mine"
    display_zone = _viewer_zone(membership) if in_my_zone else None
    # A bad filter raises FilterError (a BadInput): a 400 page naming it and its value.
    filters = parse_filters(request.GET, CALENDAR_KEYS)
    length = calendar.list_length(request.GET.get("days"))
    days = calendar.build_days(membership.workspace, view, anchor, display_zone, filters, length)
    # "Today" as the viewer's clock has it (the days themselves are in the zone shown).
    calendar.mark_agenda(days, timezone.now().astimezone(ZoneInfo(_viewer_zone(membership))).date())
    start, end = calendar.range_for(view, anchor, length=length)
    previous_anchor, next_anchor = calendar.neighbour_anchors(view, anchor, length)
    return render(
        request,
        "posts/calendar.html",
        {
            "membership": membership,
            "view": view,
            "anchor": anchor,
            "days": days,
            "weeks": calendar.weeks(days) if view == "month" else [],
            "hours": calendar.by_hour(days) if view == "week" else [],
            "in_my_zone": in_my_zone,
            "viewer_zone": _viewer_zone(membership),
            "filters": filters,
            "query": _query_without(request, "view", "date", "days"),
            # Where "Move…" comes back to when the browser sends it (JavaScript off).
            "back": request.get_full_path(),
            # A shorter list (a month cell's "+N more" opens one day) keeps its length
            # when paging Earlier/Later; Month, Week and List open their usual ranges.
            "list_days": length if view == "list" and length != calendar.LIST_DAYS else None,
            "previous_anchor": previous_anchor,
            "next_anchor": next_anchor,
            "markets": membership.workspace.markets.all(),
            "states": State.choices,
            "networks": Network.choices,
            "authors": membership.workspace.memberships.select_related("user"),
            "can_move": membership.can(Capability.SCHEDULE_POSTS),
            "side_list": (
                calendar.approved_unscheduled(membership.workspace, filters)
                if view != "list" and membership.can(Capability.SCHEDULE_POSTS)
                else None
            ),
            "range_label": f"{start:%-d %b %Y} – {end:%-d %b %Y}",
        },
    )


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
