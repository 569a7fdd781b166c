"""The media library's pages and the file routes (members only, or a signed link)."""

from django.urls import path

from onshore.media import picker_views, views

urlpatterns = [
    path("w/<slug:slug>/media/", views.media_library, name="media_library"),
    path("w/<slug:slug>/media/upload/", picker_views.editor_upload, name="media_upload"),
    path("w/<slug:slug>/media/pick/", picker_views.editor_pick, name="media_pick"),
    path("w/<slug:slug>/media/<id:asset_id>/alt/", views.asset_alt_text, name="media_alt_text"),
    path("w/<slug:slug>/media/<id:asset_id>/delete/", views.asset_delete, name="media_delete"),
    path(
        "w/<slug:slug>/media/<id:asset_id>/<str:variant>/",
        views.asset_file,
        name="media_file",
    ),
    path("m/<str:token>/", views.asset_signed, name="media_signed"),
]
