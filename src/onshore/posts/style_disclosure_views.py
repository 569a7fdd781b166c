"""Manage → Style guide → a market's disclosure: what a paid or partner post for that
market must carry and where, edited for the workspace or reset to the shipped default
(data/disclosures.toml, from the regulator's guidance). Owners and managers only, as
every other guide edit; the rules are checked by marketfit._style's one validation,
the same as the API's and the imported file's.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onshore import places
from onshore.marketfit._style import (
    MAX_LABELS,
    MAX_TEXT,
    Disclosure,
    StyleGuideError,
    default_disclosures,
    disclosure_from_mapping,
)
from onshore.workspaces import style_guides
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

MAX_WITHIN = 500
_LIST_INDEX = re.compile(r"\[(\d+)\]$")
WORKSPACE_GUIDANCE = "this workspace's rule"


class DisclosureForm(forms.Form):
    labels = forms.CharField(
        label="Disclosure labels",
        max_length=MAX_LABELS * (MAX_TEXT + 1),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: any of these counts as the disclosure (#ad, Ad, Paid "
        "partnership). The first is the one the checker suggests.",
    )
    placement = forms.ChoiceField(
        label="Where it must be",
        choices=[
            ("start", "At the start"),
            ("anywhere", "Anywhere"),
        ],
    )
    within = forms.IntegerField(
        label="Characters from the start",
        min_value=0,
        max_value=MAX_WITHIN,
        required=False,
        help_text="For “At the start”: the label must begin within this many characters "
        "(30 fits a short greeting before “#ad”).",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        labels = [line.strip() for line in (data.get("labels") or "").splitlines()]
        mapping = {
            "labels": [label for label in labels if label],
            "placement": data.get("placement"),
            "within": 30 if data.get("within") is None else data["within"],
            "guidance": WORKSPACE_GUIDANCE,
        }
        try:
            data["disclosure"] = disclosure_from_mapping(mapping, "disclosure")
        except StyleGuideError as error:
            self.add_error(*field_error(error))
        return data

    @classmethod
    def initial_of(cls, disclosure: Disclosure | None) -> dict[str, Any]:
        if disclosure is None:
            return {"placement": "start", "within": 30}
        return {
            "labels": "\n".join(disclosure.labels),
            "placement": disclosure.placement,
            "within": disclosure.within,
        }


def field_error(error: StyleGuideError) -> tuple[str, str]:
    """The form field of a validation error ("disclosure.labels[2]": line 3 of labels)."""
    name = error.key.removeprefix("disclosure.")
    index = _LIST_INDEX.search(name)
    field = re.sub(r"\[\d+\]$", "", name)
    if field not in DisclosureForm.base_fields:
        return "labels", error.problem
    where = f"Line {int(index.group(1)) + 1}: " if index else ""
    return field, f"{where}{error.problem}"


@member_view(Capability.EDIT_WORKSPACE)
def style_guide_disclosure(
    request: HttpRequest, membership: Membership, market: str
) -> HttpResponse:
    workspace = membership.workspace
    market = market.upper()
    if len(market) != 2 or not workspace.markets.filter(country=market).exists():
        raise Http404("not a market of this workspace")
    name = places.country_name(market)
    page = redirect("style_guide", slug=workspace.slug)
    if request.method == "POST" and request.POST.get("decision") == "reset":
        style_guides.reset_disclosure(workspace, market)
        messages.success(request, f"{name}: back to the default disclosure.")
        return page
    current, own = style_guides.disclosure_in_force(workspace, market)
    form = DisclosureForm(initial=DisclosureForm.initial_of(current))
    if request.method == "POST":
        form = DisclosureForm(request.POST)
        if form.is_valid():
            style_guides.set_disclosure(workspace, market, form.cleaned_data["disclosure"])
            messages.success(request, f"{name}: disclosure saved. New checks use it at once.")
            return page
    context = {
        "membership": membership,
        "form": form,
        "market": market,
        "market_name": name,
        "own": own,
        "default": default_disclosures().get(market),
    }
    status = 422 if form.errors else 200
    return render(request, "posts/style_guide_disclosure.html", context, status=status)
