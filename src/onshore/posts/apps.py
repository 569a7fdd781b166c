from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "onshore.posts"
    label = "posts"

    def ready(self) -> None:
        # The Team page reads reply history without importing posts (a floor up).
        from onshore.posts import history
        from onshore.workspaces import reply_history_port

        reply_history_port.reply_history.plug_in(history)
