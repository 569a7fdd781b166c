from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "onshore.media"
    label = "media"
