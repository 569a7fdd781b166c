from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "onshore.publishing"
    label = "publishing"

    def ready(self) -> None:
        # Posts schedules through this outbox without importing publishing (a floor up).
        from onshore.posts import outbox_port
        from onshore.publishing import outbox

        outbox_port.outbox.plug_in(outbox)
