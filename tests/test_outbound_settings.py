"""ONSHORE_OUTBOUND_ALLOW_LOOPBACK and ONSHORE_OUTBOUND_ALLOW_PRIVATE govern every
outbound call; the webhook variables of earlier versions are aliases (either one true
allows)."""

from __future__ import annotations

import pytest

from onshore.config import ConfigError, env_bool_or_alias

NEW, OLD = "ONSHORE_OUTBOUND_ALLOW_LOOPBACK", "ONSHORE_WEBHOOK_ALLOW_LOOPBACK"


@pytest.mark.parametrize(
    ("new", "old", "allowed"),
    [(None, None, False), ("true", None, True), (None, "true", True), ("false", "yes", True),
     ("no", "off", False)],
)  # fmt: skip
def test_either_variable_allows(
    monkeypatch: pytest.MonkeyPatch, new: str | None, old: str | None, allowed: bool
) -> None:
    for name, value in ((NEW, new), (OLD, old)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert env_bool_or_alias(NEW, OLD, False) is allowed


def test_a_bad_value_in_the_alias_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OLD, "sometimes")
    with pytest.raises(ConfigError, match=OLD):
        env_bool_or_alias(NEW, OLD, False)
