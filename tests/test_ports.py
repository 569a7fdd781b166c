"""Ports: a lower floor calls the floor above through a protocol the upper app plugs in
at start-up (onshore.ports)."""

from __future__ import annotations

import pytest

from onshore.ports import Port, PortNotPluggedIn


def test_a_port_used_before_start_up_names_the_app_that_provides_it() -> None:
    port: Port[object] = Port("The publishing outbox", provider="onshore.publishing")
    with pytest.raises(PortNotPluggedIn) as refused:
        port()
    assert str(refused.value) == (
        "The publishing outbox is plugged in by onshore.publishing at start-up: add it to "
        "INSTALLED_APPS and call django.setup() before using it."
    )


def test_a_port_gives_what_was_plugged_in() -> None:
    port: Port[str] = Port("A greeting", provider="tests")
    port.plug_in("hello")
    assert port() == "hello"


def test_start_up_plugs_the_outbox_into_posts() -> None:
    from onshore.posts.outbox_port import outbox
    from onshore.publishing import outbox as publishing_outbox

    assert outbox() is publishing_outbox


def test_start_up_plugs_the_posts_history_into_the_team_page() -> None:
    from onshore.posts import history
    from onshore.workspaces.reply_history_port import reply_history

    assert reply_history() is history


def test_start_up_plugs_the_notifications_into_posts_and_publishing() -> None:
    from onshore.notifications import events
    from onshore.posts.notify_port import notifier

    assert notifier() is events
