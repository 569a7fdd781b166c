from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "onshore.posts"
    label = "posts"
