"""Manage → Style guide: read by everyone in the workspace, edited by owners and managers;
exported and imported as one TOML file; proposals learned from review (style_learning).

The page edits one scope at a time: the whole workspace (``?market=`` empty) or what one
market adds (``?market=GB``). Every way in (this form, the API, an imported file) goes
through marketfit._style's one validation, so the rules and messages are the same.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from onshore import places
from onshore.marketfit._style import (
    EMPTY_GUIDE,
    MAX_COUNT,
    MAX_HASHTAGS,
    MAX_TERMS,
    PreferredTerm,
    StyleGuide,
    StyleGuideError,
    guide_from_mapping,
)
from onshore.posts.style_learning import (
    allow_key,
    allow_proposals,
    allowable,
    proposals,
    rework_rounds,
    rounds_prevented,
)
from onshore.workspaces import style_guides
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.models import StyleGuide as StyleGuideRow
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

MAX_IMPORT_BYTES = 512 * 1024
_ARROW = re.compile(r"\s*(?:->|→|=>|=)\s*")
_LIST_INDEX = re.compile(r"\[(\d+)\]$")


class StyleGuideForm(forms.Form):
    preferred = forms.CharField(
        label="Preferred terms",
        required=False,
        max_length=MAX_TERMS * 210,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line: the word or phrase to avoid -> what to say instead "
        "(sale -> offer).",
    )
    banned = forms.CharField(
        label="Banned words and phrases",
        required=False,
        max_length=MAX_TERMS * 101,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line.",
    )
    brands = forms.CharField(
        label="Brand names",
        required=False,
        max_length=MAX_TERMS * 101,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, written exactly as they must appear (Harbour & Pine, iPhone).",
    )
    required_hashtags = forms.CharField(
        label="Required hashtags",
        required=False,
        max_length=MAX_HASHTAGS * 101,
        help_text="Every post carries these (separate with spaces).",
    )
    banned_hashtags = forms.CharField(
        label="Banned hashtags", required=False, max_length=MAX_HASHTAGS * 101
    )
    allowed = forms.CharField(
        label="Allowed words and phrases",
        required=False,
        max_length=MAX_TERMS * 101,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: words the checker would flag that this workspace accepts "
        "(a spelling its readers expect, a product's name). No rule flags them.",
    )
    max_hashtags = forms.IntegerField(
        label="Most hashtags in a post", required=False, min_value=0, max_value=MAX_COUNT
    )
    max_emoji = forms.IntegerField(
        label="Most emoji in a post", required=False, min_value=0, max_value=MAX_COUNT
    )

    FIELD_KEYS = (
        "preferred",
        "banned",
        "brands",
        "required_hashtags",
        "banned_hashtags",
        "allowed",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            mapping = self.mapping(data)
            data["guide"] = guide_from_mapping(mapping)
        except StyleGuideError as error:
            self.add_error(*self.field_error(error))
        return data

    def mapping(self, data: dict[str, Any]) -> dict[str, Any]:
        mapping: dict[str, Any] = {
            "preferred": _preferred_lines(data.get("preferred") or ""),
            "banned": _lines(data.get("banned") or ""),
            "brands": _lines(data.get("brands") or ""),
            "required_hashtags": (data.get("required_hashtags") or "").split(),
            "banned_hashtags": (data.get("banned_hashtags") or "").split(),
            "allowed": _lines(data.get("allowed") or ""),
        }
        for name in ("max_hashtags", "max_emoji"):
            if data.get(name) is not None:
                mapping[name] = data[name]
        return mapping

    def field_error(self, error: StyleGuideError) -> tuple[str, str]:
        """The form field an error belongs to, and its message with the line number
        ("banned[2]" is line 3 of the Banned box)."""
        root = re.split(r"[.\[]", error.key, maxsplit=1)[0]
        field = root if root in self.fields else "preferred"
        index = _LIST_INDEX.search(error.key)
        unit = "Hashtag" if root.endswith("hashtags") else "Line"  # hashtags: one line
        where = f"{unit} {int(index.group(1)) + 1}: " if index else ""
        if root == "preferred" and "." in error.key:
            where = f"“{error.key.split('.', 1)[1].strip(chr(34))}”: "
        return field, f"{where}{error.problem}"

    @classmethod
    def initial_of(cls, guide: StyleGuide) -> dict[str, Any]:
        return {
            "preferred": "\n".join(f"{t.avoid} -> {t.use}" for t in guide.preferred),
            "banned": "\n".join(guide.banned),
            "brands": "\n".join(guide.brands),
            "required_hashtags": " ".join(guide.required_hashtags),
            "banned_hashtags": " ".join(guide.banned_hashtags),
            "allowed": "\n".join(guide.allowed),
            "max_hashtags": guide.max_hashtags,
            "max_emoji": guide.max_emoji,
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _preferred_lines(text: str) -> dict[str, str]:
    terms: dict[str, str] = {}
    for number, line in enumerate(_lines(text), start=1):
        parts = _ARROW.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise StyleGuideError(
                "preferred", f"Line {number}: write it as “word to avoid -> word to use”"
            )
        terms[parts[0]] = parts[1]
    return terms


def _scope(request: HttpRequest, workspace: Workspace) -> tuple[str, list[tuple[str, str]]]:
    """The market the page edits ("" : every market) and the workspace's markets."""
    countries = sorted(set(workspace.markets.values_list("country", flat=True)))
    choices = [(code, places.country_name(code)) for code in countries]
    wanted = (request.GET.get("market") or request.POST.get("market") or "").upper()
    return (wanted if wanted in countries else ""), choices


@member_view(Capability.VIEW_WORKSPACE)
def style_guide(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    market, markets = _scope(request, workspace)
    may_edit = membership.can(Capability.EDIT_WORKSPACE)
    stored = style_guides.own_guide(workspace, market)
    form = StyleGuideForm(initial=StyleGuideForm.initial_of(stored))
    if request.method == "POST":
        if not may_edit:
            return render(request, "403.html", {"membership": membership}, status=403)
        form = StyleGuideForm(request.POST)
        if form.is_valid():
            # Disclosures are edited on their own page (style_disclosure_views): keep them.
            guide = replace(form.cleaned_data["guide"], disclosures=stored.disclosures)
            style_guides.save_guide(workspace, market, guide)
            messages.success(request, "Style guide saved. New checks use it at once.")
            return redirect(_page_url(workspace, market))
    context = {
        "membership": membership,
        "form": form,
        "may_edit": may_edit,
        "market": market,
        "market_name": places.country_name(market) if market else "",
        "markets": markets,
        "guide": stored,
        "disclosures": _disclosure_rows(workspace, markets),
        **(_learned(workspace, markets) if not market else {}),
    }
    status = 422 if form.errors else 200
    return render(request, "posts/style_guide.html", context, status=status)


def _page_url(workspace: Workspace, market: str) -> str:
    url = reverse("style_guide", args=[workspace.slug])
    return f"{url}?market={market}" if market else url


def _disclosure_rows(workspace: Workspace, markets: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Per market of the workspace: the disclosure its paid posts need, and its source."""
    rows = []
    for code, name in markets:
        disclosure, own = style_guides.disclosure_in_force(workspace, code)
        rows.append({"code": code, "name": name, "disclosure": disclosure, "own": own})
    return rows


def _learned(workspace: Workspace, markets: list[tuple[str, str]]) -> dict[str, Any]:
    rounds = rework_rounds(workspace)
    guide = style_guides.guide_for(workspace.id, "")
    ignored = style_guides.own_ignored(workspace)
    guides = {
        code: style_guides.guide_for(workspace.id, code) for code in {r.market for r in rounds}
    }
    allowed = {
        code: frozenset(
            term.lower()
            for term in (style_guides.guide_for(workspace.id, code) or EMPTY_GUIDE).allowed
        )
        for code, _ in markets
    }
    return {
        "proposals": proposals(rounds, guide, ignored)[:20],
        "allow_proposals": allow_proposals(workspace, allowed, ignored)[:20],
        "prevented": rounds_prevented(rounds, guides),
    }


@require_POST
@member_view(Capability.EDIT_WORKSPACE)
def style_guide_proposal(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Add a learned proposal to the workspace's guide, or ignore it for good."""
    workspace = membership.workspace
    avoid = (request.POST.get("avoid") or "").strip()[:100]
    use = (request.POST.get("use") or "").strip()[:100]
    if not avoid or not use:
        messages.error(request, "That proposal is no longer there.")
        return redirect("style_guide", slug=workspace.slug)
    with transaction.atomic():
        row, _ = StyleGuideRow.objects.select_for_update().get_or_create(
            workspace=workspace, market=""
        )
        if request.POST.get("decision") == "add":
            guide = style_guides.own_guide(workspace)
            kept = tuple(t for t in guide.preferred if t.avoid.lower() != avoid.lower())
            try:
                guide = guide_from_mapping(
                    {"preferred": {t.avoid: t.use for t in (*kept, PreferredTerm(avoid, use))}}
                )
            except StyleGuideError as error:
                messages.error(request, f"Could not add it: {error.problem}")
                return redirect("style_guide", slug=workspace.slug)
            style_guides.save_guide(
                workspace, "", replace(style_guides.own_guide(workspace), preferred=guide.preferred)
            )
            messages.success(request, f"Added: say “{use}”, not “{avoid}”.")
        else:
            row.ignored_proposals = [*row.ignored_proposals, f"{avoid}→{use}"][-500:]
            row.save(update_fields=["ignored_proposals"])
            messages.success(request, f"“{avoid}” → “{use}” will not be proposed again.")
    return redirect("style_guide", slug=workspace.slug)


@require_POST
@member_view(Capability.EDIT_WORKSPACE)
def style_guide_allow(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Allow a phrase writers keep dismissing findings on (in one market's guide), or
    ignore that proposal for good."""
    workspace = membership.workspace
    phrase = " ".join((request.POST.get("phrase") or "").split())[:100]
    rule = (request.POST.get("rule") or "").strip()[:80]
    market = (request.POST.get("market") or "").strip().upper()[:2]
    known = set(workspace.markets.values_list("country", flat=True))
    if market not in known or not allowable(rule, phrase):
        messages.error(request, "That proposal is no longer there.")
        return redirect("style_guide", slug=workspace.slug)
    name = places.country_name(market)
    with transaction.atomic():
        base, _ = StyleGuideRow.objects.select_for_update().get_or_create(
            workspace=workspace, market=""
        )
        if request.POST.get("decision") == "allow":
            guide = style_guides.own_guide(workspace, market)
            if phrase.lower() not in {term.lower() for term in guide.allowed}:
                style_guides.save_guide(
                    workspace, market, replace(guide, allowed=(*guide.allowed, phrase))
                )
            messages.success(request, f"“{phrase}” is now allowed in {name} posts.")
        else:
            base.ignored_proposals = [*base.ignored_proposals, allow_key(market, rule, phrase)][
                -500:
            ]
            base.save(update_fields=["ignored_proposals"])
            messages.success(
                request, f"Allowing “{phrase}” in {name} posts will not be proposed again."
            )
    return redirect("style_guide", slug=workspace.slug)


@member_view(Capability.VIEW_WORKSPACE)
def style_guide_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    response = HttpResponse(
        style_guides.export_toml(workspace), content_type="application/toml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{workspace.slug}-style-guide.toml"'
    return response


@require_POST
@member_view(Capability.EDIT_WORKSPACE)
def style_guide_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Replace every style guide of the workspace with the uploaded file's, or nothing."""
    workspace = membership.workspace
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose a style-guide file (.toml) to import.")
        return redirect("style_guide", slug=workspace.slug)
    if upload.size is None or upload.size > MAX_IMPORT_BYTES:
        messages.error(request, "The file is larger than 512 KB; a style guide is much smaller.")
        return redirect("style_guide", slug=workspace.slug)
    try:
        text = upload.read().decode("utf-8")
        book = style_guides.import_toml(workspace, text)
    except UnicodeDecodeError:
        messages.error(request, "The file is not UTF-8 text: save it as UTF-8 and try again.")
    except StyleGuideError as error:
        messages.error(request, f"Nothing was imported. {error}")
    else:
        count = len(book.guide.preferred) + len(book.guide.banned) + len(book.guide.brands)
        messages.success(
            request,
            f"Imported the style guide: {count} terms for every market, "
            f"{len(book.markets)} market section{'s' if len(book.markets) != 1 else ''}.",
        )
    return redirect("style_guide", slug=workspace.slug)
