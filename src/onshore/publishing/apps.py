from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "onshore.publishing"
    label = "publishing"

    def ready(self) -> None:
        # Posts schedules through this outbox without importing publishing (a floor up).
        from onshore.posts import outbox_port, publishing_port
        from onshore.publishing import outbox, waiting

        outbox_port.outbox.plug_in(outbox)
        # The post pages say why a delivery waits, through a port of theirs.
        publishing_port.publishing.plug_in(waiting)
