from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AccountsConfig(AppConfig):
    name = "onshore.accounts"
    label = "accounts"

    def ready(self) -> None:
        from onshore.datafiles import make_sqlite_files_private

        # The database holds this app's password hashes and sessions: keep its files 0600.
        connection_created.connect(make_sqlite_files_private, dispatch_uid="private-sqlite")
