from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "onshore.ledger"
    label = "ledger"
