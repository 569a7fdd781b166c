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
from onshore.accounts.requests import AuthenticatedRequest
from onshore.accounts.signup import pending_user, sign_up


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


def signup(request: HttpRequest) -> HttpResponse:
    """The same answer whether or not the address has an account (see signup.py)."""
    # An invitation's sign-up link names the invited address: the form starts with it.
    form = SignupForm(request.POST or None, initial={"email": request.GET.get("email", "")[:254]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sign_up(data["name"], data["email"], data["password1"], _safe_next(request))
        return redirect("signup_sent")
    status = 422 if form.errors else 200
    return render(
        request, "accounts/signup.html", {"form": form, "next": _safe_next(request)}, status=status
    )


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the e-mail: a button (mail scanners follow links, not forms) that
    activates the account and logs in."""
    user = pending_user(uidb64, token)
    if user is None:
        return render(request, "accounts/signup_confirm.html", {"expired": True}, status=404)
    if request.method != "POST":
        return render(
            request,
            "accounts/signup_confirm.html",
            {"email": user.email, "next": _safe_next(request)},
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Welcome to onshore.")
    return redirect(_safe_next(request) or "home")


@login_required
def tokens(request: AuthenticatedRequest) -> HttpResponse:
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
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(PersonalAccessToken, pk=token_id, user=request.user)
    token.revoke()
    messages.success(request, f"Token '{token.name}' revoked.")
    return redirect("tokens")
