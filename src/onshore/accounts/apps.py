from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onshore.accounts"
    label = "accounts"
