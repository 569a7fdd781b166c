"""Every network a post can carry is known to the checker (issue 17, point 8): the
posts model's choices, the network each publishing kind posts to, and the API's schema
all name networks that marketfit.NETWORK_RULES has the length rules of, and a check for
each of them gives its length finding rather than an error."""

from __future__ import annotations

import pytest

from onshore import marketfit
from onshore.posts.models import Network, Post
from onshore.publishing.kinds import KINDS


def post_networks() -> list[str]:
    """What a post may name: the model's choices and the field's validation."""
    return [value for value, _label in Network.choices]


def test_the_model_choices_are_the_checkers_networks() -> None:
    assert post_networks() == list(marketfit.NETWORK_RULES)
    field = Post._meta.get_field("networks")
    for network in post_networks():
        for validate in field.validators:
            validate([network])  # every choice passes the field's own validation


def test_every_kind_that_posts_to_one_network_names_a_known_network() -> None:
    for name, kind in KINDS.items():
        if kind.every_network:  # a webhook receives every post, whatever its networks
            continue
        assert name in marketfit.NETWORK_RULES, name


@pytest.mark.parametrize("network", post_networks())
def test_every_network_gets_its_length_checked(network: str) -> None:
    limit = marketfit.NETWORK_RULES[network].limit
    findings = marketfit.check(marketfit.Post("a" * (limit + 1), "GB", network=network))
    assert [f.category for f in findings] == ["length"]
    assert marketfit.check(marketfit.Post("Tea time.", "DE", network=network)) == []
