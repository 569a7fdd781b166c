"""URL map: web pages, the API under /api/v1/, and a health check."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, register_converter

from onshore.accounts import views as account_views
from onshore.accounts.forms import LoginForm
from onshore.api.app import api
from onshore.inputs import MAX_ID
from onshore.ledger import views as ledger
from onshore.posts import schedule_views as scheduling
from onshore.posts import style_disclosure_views as style_disclosure
from onshore.posts import style_guide_views as style
from onshore.posts import views as posts
from onshore.publishing import views as publishing
from onshore.workspaces import views as ws


class IdConverter:
    """A database id in a path: ASCII digits up to what a 64-bit key holds (else 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("larger than any id")  # Django answers: no such route, 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


auth_urls = [
    path("signup/", account_views.signup, name="signup"),
    path("signup/sent/", account_views.signup_sent, name="signup_sent"),
    path("signup/confirm/<uidb64>/<token>/", account_views.signup_confirm, name="signup_confirm"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("account/tokens/", account_views.tokens, name="tokens"),
    path("account/tokens/<id:token_id>/revoke/", account_views.token_revoke, name="token_revoke"),
]

workspace_urls = [
    path("", ws.home, name="home"),
    path("w/new/", ws.workspace_create, name="workspace_create"),
    path("w/<slug:slug>/", ws.workspace_detail, name="workspace"),
    path("w/<slug:slug>/settings/", ws.workspace_settings, name="workspace_settings"),
    path("w/<slug:slug>/delete/", ws.workspace_delete, name="workspace_delete"),
    path("w/<slug:slug>/markets/new/", ws.market_edit, name="market_create"),
    path("w/<slug:slug>/markets/<id:market_id>/", ws.market_edit, name="market_edit"),
    path("w/<slug:slug>/markets/<id:market_id>/delete/", ws.market_delete, name="market_delete"),
    path("w/<slug:slug>/team/", ws.team, name="team"),
    path("w/<slug:slug>/team/hours/", ws.team_hours, name="team_hours"),
    path("w/<slug:slug>/style-guide/", style.style_guide, name="style_guide"),
    path(
        "w/<slug:slug>/style-guide/disclosure/<str:market>/",
        style_disclosure.style_guide_disclosure,
        name="style_guide_disclosure",
    ),
    path("w/<slug:slug>/style-guide/allow/", style.style_guide_allow, name="style_guide_allow"),
    path("w/<slug:slug>/style-guide/export/", style.style_guide_export, name="style_guide_export"),
    path("w/<slug:slug>/style-guide/import/", style.style_guide_import, name="style_guide_import"),
    path(
        "w/<slug:slug>/style-guide/proposal/",
        style.style_guide_proposal,
        name="style_guide_proposal",
    ),
    path("w/<slug:slug>/members/<id:member_id>/", ws.member_profile, name="member_profile"),
    path("w/<slug:slug>/members/<id:member_id>/role/", ws.member_role, name="member_role"),
    path("w/<slug:slug>/members/<id:member_id>/remove/", ws.member_remove, name="member_remove"),
    path("w/<slug:slug>/invitations/", ws.invitations, name="invitations"),
    path(
        "w/<slug:slug>/invitations/<id:invitation_id>/revoke/",
        ws.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invite/<str:token>/", ws.invitation_accept, name="invitation_accept"),
]

post_urls = [
    path("w/<slug:slug>/posts/", posts.post_list, name="post_list"),
    path("w/<slug:slug>/posts/new/", posts.post_create, name="post_create"),
    path("w/<slug:slug>/posts/<id:post_id>/", posts.post_detail, name="post_detail"),
    path("w/<slug:slug>/posts/<id:post_id>/action/", posts.post_action, name="post_action"),
    path("w/<slug:slug>/posts/<id:post_id>/comment/", posts.post_comment, name="post_comment"),
    path("w/<slug:slug>/posts/<id:post_id>/dismiss/", posts.post_dismiss, name="post_dismiss"),
    path(
        "w/<slug:slug>/posts/<id:post_id>/schedule/", scheduling.post_schedule, name="post_schedule"
    ),
    path("w/<slug:slug>/posts/<id:post_id>/diff/", posts.revision_diff, name="revision_diff"),
    path(
        "w/<slug:slug>/posts/<id:post_id>/next-slot/",
        scheduling.post_next_slot,
        name="post_next_slot",
    ),
    path("w/<slug:slug>/posts/<id:post_id>/move/", scheduling.post_move, name="post_move"),
    path(
        "w/<slug:slug>/posts/<id:post_id>/schedule/preview/",
        scheduling.schedule_preview,
        name="schedule_preview",
    ),
    path("w/<slug:slug>/calendar/", posts.calendar_view, name="calendar"),
    path("w/<slug:slug>/review/", posts.review_queue, name="review_queue"),
    path("w/<slug:slug>/check/", posts.live_check, name="live_check"),
]

publishing_urls = [
    path("w/<slug:slug>/channels/", publishing.channels, name="channels"),
    path("w/<slug:slug>/channels/connect/", publishing.connect_channel, name="channel_connect"),
    path(
        "w/<slug:slug>/channels/<id:channel_id>/reconnect/",
        publishing.reconnect_channel,
        name="channel_reconnect",
    ),
    path(
        "w/<slug:slug>/channels/<id:channel_id>/secret/",
        publishing.reveal_secret,
        name="channel_secret",
    ),
    path(
        "w/<slug:slug>/channels/<id:channel_id>/remove/",
        publishing.remove_channel,
        name="channel_remove",
    ),
    path("healthz/worker", publishing.health_json, name="worker_health"),
]

ledger_urls = [
    path("w/<slug:slug>/costs/", ledger.costs, name="costs"),
    path("w/<slug:slug>/costs/report/", ledger.costs_report, name="costs_report"),
    path("w/<slug:slug>/costs/export.csv", ledger.costs_csv, name="costs_csv"),
    path("w/<slug:slug>/costs/what-if/", ledger.what_if_page, name="what_if"),
    path("w/<slug:slug>/costs/settings/", ledger.cost_settings, name="cost_settings"),
    path("w/<slug:slug>/engagements/", ledger.engagements, name="engagements"),
    path(
        "w/<slug:slug>/engagements/<id:engagement_id>/",
        ledger.engagement_edit,
        name="engagement_edit",
    ),
    path(
        "w/<slug:slug>/engagements/<id:engagement_id>/delete/",
        ledger.engagement_delete,
        name="engagement_delete",
    ),
    path("w/<slug:slug>/time/", ledger.time_entries, name="time_entries"),
    path(
        "w/<slug:slug>/time/<id:entry_id>/delete/",
        ledger.time_entry_delete,
        name="time_entry_delete",
    ),
]

urlpatterns = [
    *auth_urls,
    *workspace_urls,
    *post_urls,
    *publishing_urls,
    *ledger_urls,
    path("", include("onshore.posts.io_urls")),
    path("", include("onshore.posts.review_link_urls")),
    path("", include("onshore.posts.post_action_urls")),
    path("", include("onshore.notifications.urls")),
    path("", include("onshore.media.urls")),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
]
