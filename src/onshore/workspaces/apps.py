from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "onshore.workspaces"
    label = "workspaces"
