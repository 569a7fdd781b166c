"""URLs of review links (included from onshore.urls): the managers' page, and the
pages under /r/<token>/ that someone outside the workspace reaches with a link."""

from django.urls import path

from onshore.posts import review_link_views as views

urlpatterns = [
    path("w/<slug:slug>/review-links/", views.review_link_list, name="review_links"),
    path(
        "w/<slug:slug>/review-links/<id:link_id>/revoke/",
        views.review_link_revoke,
        name="review_link_revoke",
    ),
    # The parameter is named ``token`` so url_secrets keeps its value out of the logs.
    path("r/<str:token>/", views.review_link_page, name="review_link_page"),
    path("r/<str:token>/posts/<id:post_id>/", views.review_link_decide, name="review_link_act"),
]
