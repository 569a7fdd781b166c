"""URLs for CSV import/export and the calendar feed (included from onshore.urls)."""

from django.urls import path

from onshore.posts import io_views

urlpatterns = [
    path("w/<slug:slug>/posts/import/", io_views.import_export, name="posts_import"),
    path("w/<slug:slug>/posts/export.csv", io_views.export_csv, name="posts_export"),
    path("w/<slug:slug>/calendar-feed/", io_views.calendar_feed, name="calendar_feed"),
    path(
        "w/<slug:slug>/calendar-feed/rotate/",
        io_views.calendar_feed_rotate,
        name="calendar_feed_rotate",
    ),
    path(
        "w/<slug:slug>/calendar-feed/revoke/",
        io_views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("feed/<str:token>.ics", io_views.public_feed, name="calendar_feed_public"),
]
