"""The notification pages' URLs (included by onshore.urls)."""

from django.urls import path

from onshore.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/<id:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path(
        "notifications/<id:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path(
        "w/<slug:slug>/notifications/settings/",
        views.notification_settings,
        name="notification_settings",
    ),
]
