"""URLs of the post card (duplicate, move to a market, delete) and of bulk actions on
the lists (included from onshore.urls)."""

from django.urls import path

from onshore.posts import bulk_views, post_card_views

urlpatterns = [
    path("w/<slug:slug>/posts/bulk/", bulk_views.bulk_action, name="posts_bulk"),
    path(
        "w/<slug:slug>/posts/<id:post_id>/duplicate/",
        post_card_views.post_duplicate,
        name="post_duplicate",
    ),
    path(
        "w/<slug:slug>/posts/<id:post_id>/move-market/",
        post_card_views.post_move_market,
        name="post_move_market",
    ),
    path(
        "w/<slug:slug>/posts/<id:post_id>/delete/", post_card_views.post_delete, name="post_delete"
    ),
]
