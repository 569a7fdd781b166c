"""Pages for content plans (CSV import and export) and the workspace's calendar feed.

The rules live in ``csvplan`` and ``feed``; these views read the request, call them and
render the result.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from onshore.accounts.requests import AuthenticatedRequest
from onshore.links import absolute_url
from onshore.posts import csvplan, feed
from onshore.posts.models import CalendarFeedToken, Network, State
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

DATE_FORMATS = [
    ("auto", "Work it out from dates like 31/12 (refuse if all are ambiguous)"),
    ("dmy", "day/month/year (31/12/2026)"),
    ("mdy", "month/day/year (12/31/2026, Hootsuite's default)"),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        label="CSV file",
        help_text="onshore's layout (with a header) or Hootsuite's bulk-composer layout.",
    )
    csv_text = forms.CharField(
        required=False,
        label="…or paste the CSV",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    market = forms.ChoiceField(
        required=False, label="Market for rows that name none", help_text="Hootsuite files."
    )
    date_format = forms.ChoiceField(choices=DATE_FORMATS, initial="auto", label="Dates are")
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check every row, import nothing"
    )

    def __init__(self, *args: Any, markets: list[Market], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.language, f"{m.country} · {m.label}") for m in markets]
        cast(forms.ChoiceField, self.fields["market"]).choices = [("", "—"), *choices]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload, pasted = data.get("file"), data.get("csv_text", "")
        if upload is None and not pasted.strip():
            raise forms.ValidationError("Choose a CSV file or paste the CSV.")
        if upload is not None and upload.size > csvplan.MAX_BYTES:
            self.add_error("file", f"larger than {csvplan.MAX_BYTES // (1024 * 1024)} MB")
        return data

    def csv_bytes(self) -> bytes:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return b"".join(upload.chunks())
        pasted: str = self.cleaned_data["csv_text"]
        return pasted.encode()


def _page(request: HttpRequest, membership: Membership, **context: Any) -> dict[str, Any]:
    workspace = membership.workspace
    return {
        "membership": membership,
        "can_import": membership.can(Capability.DRAFT_POSTS),
        "markets": workspace.markets.all(),
        "states": State.choices,
        "networks": Network.choices,
        "members": workspace.memberships.select_related("user").order_by("user__email"),
        "filters": {key: request.GET.get(key, "") for key in csvplan.FILTER_KEYS},
        "max_rows": csvplan.MAX_ROWS,
        "max_media_items": csvplan.MAX_MEDIA_ITEMS,
        **context,
    }


@member_view(Capability.VIEW_WORKSPACE)
def import_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    """GET: the import form and export filters. POST: import (or dry-run) a plan."""
    markets = list(membership.workspace.markets.all())
    if request.method != "POST":
        form = ImportForm(markets=markets)
        return render(request, "posts/io_import.html", _page(request, membership, form=form))
    if not membership.can(Capability.DRAFT_POSTS):
        return render(request, "403.html", {"membership": membership}, status=403)
    form = ImportForm(request.POST, request.FILES, markets=markets)
    if not form.is_valid():
        context = _page(request, membership, form=form)
        return render(request, "posts/io_import.html", context, status=422)
    report = csvplan.import_plan(membership, form.csv_bytes(), _options(form))
    context = _page(request, membership, form=form, report=report)
    return render(request, "posts/io_import.html", context, status=200 if report.ok else 422)


def _options(form: ImportForm) -> csvplan.ImportOptions:
    return csvplan.ImportOptions(
        dry_run=form.cleaned_data["dry_run"],
        market=form.cleaned_data["market"],
        date_format=form.cleaned_data["date_format"],
    )


@require_GET
@member_view(Capability.VIEW_WORKSPACE)
def export_csv(request: HttpRequest, membership: Membership) -> HttpResponse:
    try:
        filters = csvplan.parse_filters(request.GET)
        text = csvplan.export_text(membership.workspace, filters)
    except csvplan.FilterError as exc:
        context = _page(request, membership, form=ImportForm(markets=[]), filter_error=str(exc))
        return render(request, "posts/io_import.html", context, status=400)
    # The BOM makes Excel read the file as UTF-8; onshore's import accepts it.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    name = f"{membership.workspace.slug}-posts-{timezone.now():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _feed_page(
    request: HttpRequest, membership: Membership, new_url: str = "", status: int = 200
) -> HttpResponse:
    live = CalendarFeedToken.live_for(membership.workspace)
    context = {"membership": membership, "live": live, "new_url": new_url}
    return render(request, "posts/io_feed.html", context, status=status)


@require_GET
@member_view(Capability.EDIT_WORKSPACE)
def calendar_feed(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _feed_page(request, membership)


@require_POST
@member_view(Capability.EDIT_WORKSPACE)
def calendar_feed_rotate(request: AuthenticatedRequest, membership: Membership) -> HttpResponse:
    """Make a new secret URL (the old one stops working); shown on this response only."""
    _, token = CalendarFeedToken.rotate(membership.workspace, request.user)
    url = absolute_url(reverse("calendar_feed_public", args=[token]))
    return _feed_page(request, membership, new_url=url)


@require_POST
@member_view(Capability.EDIT_WORKSPACE)
def calendar_feed_revoke(request: HttpRequest, membership: Membership) -> HttpResponse:
    if CalendarFeedToken.revoke_all(membership.workspace):
        messages.success(request, "The calendar feed URL no longer works.")
    return redirect("calendar_feed", slug=membership.workspace.slug)


@require_GET
def public_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar apps cannot log in); the token is the secret."""
    found = CalendarFeedToken.find(token)
    if found is None:
        raise Http404("No such calendar feed")
    body = feed.calendar_for(found.workspace, timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
