from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "onshore.publishing"
    label = "publishing"
