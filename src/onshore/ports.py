"""Ports: how a lower floor of the map calls a floor above it. Django-free.

The apps are stacked (api > ledger > publishing > posts > workspaces > accounts, see the
contracts in pyproject.toml) and a floor imports only the floors below it. A few calls
must still go up: scheduling a post (posts) writes deliveries (publishing); the Team page
(workspaces) shows how fast people answered on their posts (posts). For each, the lower
floor declares what it needs as a typed ``Protocol`` and a ``Port`` for it; the upper
floor plugs its implementation in at start-up, in its ``AppConfig.ready()``. Callers and
mypy see the protocol; ``grep plug_in`` finds who provides it.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Provided = TypeVar("Provided")


class PortNotPluggedIn(RuntimeError):
    """A port was used before the app that provides it started (``django.setup()``)."""


class Port(Generic[Provided]):
    """One implementation of ``Provided``, plugged in by the app named ``provider``."""

    def __init__(self, needs: str, provider: str) -> None:
        self.needs = needs  # what is asked for, in words, for the error
        self.provider = provider  # the app whose AppConfig.ready() plugs it in
        self._provided: Provided | None = None

    def plug_in(self, provided: Provided) -> None:
        self._provided = provided

    def __call__(self) -> Provided:
        if self._provided is None:
            raise PortNotPluggedIn(
                f"{self.needs} is plugged in by {self.provider} at start-up: add it to "
                "INSTALLED_APPS and call django.setup() before using it."
            )
        return self._provided
