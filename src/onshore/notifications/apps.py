from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "onshore.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Posts and publishing notify through this port without importing this app
        # (a floor up).
        from onshore.notifications import events
        from onshore.posts import notify_port

        notify_port.notifier.plug_in(events)
