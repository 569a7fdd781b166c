"""Sign-up and personal access tokens. Log-in, log-out and password reset are Django's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from onshore.accounts.forms import SignupForm, TokenForm
from onshore.accounts.models import PersonalAccessToken


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to onshore.")
        return redirect(_safe_next(request) or "home")
    status = 422 if form.errors else 200
    return render(
        request, "accounts/signup.html", {"form": form, "next": _safe_next(request)}, status=status
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = PersonalAccessToken.issue(request.user, form.cleaned_data["name"].strip())
        form = TokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": PersonalAccessToken.objects.filter(user=request.user),
    }
    return render(request, "accounts/tokens.html", context, status=422 if form.errors else 200)


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(PersonalAccessToken, pk=token_id, user=request.user)
    token.revoke()
    messages.success(request, f"Token '{token.name}' revoked.")
    return redirect("tokens")
