"""``onshore worker``: publish due posts until SIGTERM."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from onshore.publishing.worker import Worker


class Command(BaseCommand):
    help = "Publish due deliveries from the outbox until stopped (SIGTERM finishes cleanly)."
    # The system checks take seconds on a busy machine and are the web server's
    # business; a worker restarted after a crash should be back at work at once.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", default=None, help="worker name (default host:pid)")
        parser.add_argument(
            "--idle",
            type=float,
            default=None,
            help="seconds to sleep when nothing is due (ONSHORE_WORKER_IDLE_SECONDS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(name=options["name"])
        worker.install_signal_handlers()
        self.stdout.write(f"onshore worker {worker.name} started")
        worker.run(idle_seconds=options["idle"])
        self.stdout.write(f"onshore worker {worker.name} stopped")
