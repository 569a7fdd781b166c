"""Review links: the managers' page that makes and revokes them, and the page under
``/r/<token>/`` where someone outside the workspace approves posts without an account.

The outside page reaches nothing else: it logs no one in and sets no session (only the
CSRF cookie its forms need), shows only the link's posts, and answers an unknown,
expired or revoked link with the same 404 page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from axes.helpers import get_client_ip_address  # type: ignore[import-untyped]
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from onshore.accounts.requests import AuthenticatedRequest
from onshore.links import absolute_url
from onshore.posts import preview, review_links, workflow
from onshore.posts.models import (
    REVIEW_LINK_DAYS,
    REVIEW_LINK_MAX_DAYS,
    REVIEW_LINK_MAX_POSTS,
    Post,
    PostEvent,
    ReviewLink,
    State,
)
from onshore.posts.preview import NetworkPreview
from onshore.posts.ratelimit import Limited
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

SHOWN_LINKS = 100  # the newest links on the page; older ones have long expired
OFFERED_POSTS = 100  # posts in review offered for a new link, oldest first


class PostsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """The posts ticked for a link: at most REVIEW_LINK_MAX_POSTS, refused before any
    query so a huge list costs nothing."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and len(value) > REVIEW_LINK_MAX_POSTS:
            raise ValidationError(f"choose at most {REVIEW_LINK_MAX_POSTS} posts")
        return super().clean(value)


class ReviewLinkForm(forms.Form):
    name = forms.CharField(label="Their name", max_length=100)
    email = forms.EmailField(
        label="Their e-mail (optional)",
        max_length=254,
        required=False,
        help_text="the link is e-mailed to this address",
    )
    days = forms.IntegerField(
        label="Works for (days)",
        min_value=1,
        max_value=REVIEW_LINK_MAX_DAYS,
        initial=REVIEW_LINK_DAYS,
    )
    posts = PostsField(
        queryset=Post.objects.none(),
        error_messages={"required": "tick at least one post"},
    )

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        posts = self.fields["posts"]
        assert isinstance(posts, PostsField)
        posts.queryset = workspace.posts.all()


def _links_page(
    request: HttpRequest, membership: Membership, form: ReviewLinkForm, new_url: str = ""
) -> HttpResponse:
    workspace = membership.workspace
    links = (
        workspace.review_links.select_related("created_by")
        .annotate(post_count=Count("posts"))
        .order_by("-created_at", "-id")[:SHOWN_LINKS]
    )
    waiting = (
        workspace.posts.filter(state=State.IN_REVIEW)
        .select_related("market")
        .order_by("updated_at", "id")[:OFFERED_POSTS]
    )
    context = {
        "membership": membership,
        "form": form,
        "links": links,
        "waiting": waiting,
        "ticked": {str(value) for value in form["posts"].value() or []},
        "new_url": new_url,
        "max_posts": REVIEW_LINK_MAX_POSTS,
    }
    status = 422 if form.errors else 200
    return render(request, "posts/review_links.html", context, status=status)


@member_view(Capability.SHARE_FOR_APPROVAL)
def review_link_list(request: AuthenticatedRequest, membership: Membership) -> HttpResponse:
    """The links made so far; a POST makes one (for the ticked posts, or the one post
    its page sent) and shows its address once."""
    workspace = membership.workspace
    form = ReviewLinkForm(request.POST or None, workspace=workspace)
    if request.method != "POST" or not form.is_valid():
        return _links_page(request, membership, form)
    try:
        link, token = ReviewLink.issue(
            workspace,
            request.user,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            posts=list(form.cleaned_data["posts"]),
            days=form.cleaned_data["days"],
        )
    except ValidationError as exc:
        for name, problems in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return _links_page(request, membership, form)
    url = absolute_url(reverse("review_link_page", args=[token]))
    if link.email:
        review_links.send_link(link, url, request.user)
    return _links_page(request, membership, ReviewLinkForm(workspace=workspace), new_url=url)


@require_POST
@member_view(Capability.SHARE_FOR_APPROVAL)
def review_link_revoke(request: HttpRequest, membership: Membership, link_id: int) -> HttpResponse:
    link = get_object_or_404(ReviewLink, pk=link_id, workspace=membership.workspace)
    if link.revoke():
        messages.success(request, f"The review link for {link.name} no longer works.")
    return redirect("review_links", slug=membership.workspace.slug)


# --- The page outside people see ----------------------------------------------------


@dataclass
class LinkedPost:
    """One of the link's posts on its page, with what the link's person did to it."""

    post: Post
    previews: list[NetworkPreview]
    when: str
    decisions: list[PostEvent]
    error: str = ""
    note: str = ""
    actions: list[workflow.Transition] = field(default_factory=list)


def _live_link(request: HttpRequest, token: str) -> ReviewLink | HttpResponse:
    """The link, or the answer instead of it: 429 over the rate limit, else 404."""
    moment = timezone.now()
    limited = review_links.limit_address(_address(request), moment)
    if limited is not None:
        return _too_many(request, limited, "from one address")
    link = ReviewLink.find(token)
    if link is None:
        raise Http404("No such review link")
    limited = review_links.limit_link(link, moment)
    if limited is not None:
        return _too_many(request, limited, "however many people use it")
    return link


def _address(request: HttpRequest) -> str:
    """The client's address as the login lockout sees it (ONSHORE_TRUSTED_PROXY_COUNT)."""
    return get_client_ip_address(request) or "unknown"


def _too_many(request: HttpRequest, limited: Limited, scope: str) -> HttpResponse:
    context = {"limited": limited, "scope": scope}
    response = render(request, "posts/review_link_busy.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def _linked_page(
    request: HttpRequest,
    link: ReviewLink,
    token: str,
    problem: tuple[int, str, str] | None = None,
) -> HttpResponse:
    decisions = review_links.decisions_by(link)
    reviewer = workflow.LinkReviewer(link)
    rows = []
    for post in review_links.posts_of(link):
        row = LinkedPost(
            post,
            preview.as_published(post),
            preview.time_label(post, None),
            decisions.get(post.pk, []),
            actions=workflow.available_actions(post, reviewer),
        )
        if problem is not None and problem[0] == post.pk:
            row.error, row.note = problem[1], problem[2]
        rows.append(row)
    context = {"link": link, "token": token, "rows": rows}
    response = render(
        request, "posts/review_link_page.html", context, status=422 if problem else 200
    )
    # A secret page: no copies in caches, no search engines. The site's Referrer-Policy
    # (same-origin) already keeps its address from the post's links; "no-referrer"
    # would make the browser send "Origin: null" and fail the forms' CSRF check.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def review_link_page(request: HttpRequest, token: str) -> HttpResponse:
    found = _live_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    return _linked_page(request, found, token)


@require_POST
def review_link_decide(request: HttpRequest, token: str, post_id: int) -> HttpResponse:
    found = _live_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    note = request.POST.get("note", "")[:5000]
    try:
        review_links.decide(found, post_id, request.POST.get("action", ""), note)
    except review_links.NotOnThisLink:
        raise Http404("Not a post of this review link") from None
    except workflow.TransitionError as exc:
        return _linked_page(request, found, token, problem=(post_id, str(exc), note))
    return redirect(reverse("review_link_page", args=[token]) + f"#post-{post_id}")
