"""onshore.marketfit: check a social post against the market it is written for.

Django-free. Public API::

    from onshore.marketfit import Post, Options, check
    findings = check(Post("Our new color range", market="GB"))

    from onshore.marketfit import MediaItem, check_media, image_target
    findings = check_media("bluesky", [MediaItem("image", "image/jpeg", 3_400_000)])

Names are resolved lazily (PEP 562) so ``import onshore.marketfit`` costs almost
nothing; data files load on the first check that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from onshore.marketfit import native
from onshore.marketfit._types import (
    CATEGORIES,
    NETWORK_RULES,
    NETWORKS,
    TEXT_CATEGORIES,
    Finding,
    NetworkRules,
    Options,
    Post,
    UnknownNetworkError,
)

# Before any checker module is imported (``_types`` is never compiled): the compiled
# build of them when it is current, see native.py.
native.activate(__path__)

if TYPE_CHECKING:
    from onshore.marketfit._engine import check
    from onshore.marketfit._length import count_length
    from onshore.marketfit._locale_formats import UnknownLocaleError, locale_ids
    from onshore.marketfit._markets import Market, UnknownMarketError, get_market
    from onshore.marketfit._media_check import (
        ALT_TEXT_NEEDED,
        ImageTarget,
        MediaFinding,
        MediaItem,
        MediaLimits,
        check_alt_text,
        check_media,
        image_target,
    )
    from onshore.marketfit._media_rules import NETWORK_MEDIA_RULES, MediaRules
    from onshore.marketfit._observances import public_holidays
    from onshore.marketfit._registry import RULES, Rule
    from onshore.marketfit._schedule import UnknownZoneError, parse_at

__all__ = [
    "ALT_TEXT_NEEDED",
    "CATEGORIES",
    "NETWORKS",
    "NETWORK_MEDIA_RULES",
    "NETWORK_RULES",
    "RULES",
    "TEXT_CATEGORIES",
    "Finding",
    "ImageTarget",
    "Market",
    "MediaFinding",
    "MediaItem",
    "MediaLimits",
    "MediaRules",
    "NetworkRules",
    "Options",
    "Post",
    "Rule",
    "UnknownLocaleError",
    "UnknownMarketError",
    "UnknownNetworkError",
    "UnknownZoneError",
    "check",
    "check_alt_text",
    "check_media",
    "count_length",
    "get_market",
    "image_target",
    "locale_ids",
    "parse_at",
    "public_holidays",
]

_LAZY = {
    "check": "onshore.marketfit._engine",
    "parse_at": "onshore.marketfit._schedule",
    "UnknownZoneError": "onshore.marketfit._schedule",
    "count_length": "onshore.marketfit._length",
    "UnknownLocaleError": "onshore.marketfit._locale_formats",
    "locale_ids": "onshore.marketfit._locale_formats",
    "Market": "onshore.marketfit._markets",
    "UnknownMarketError": "onshore.marketfit._markets",
    "get_market": "onshore.marketfit._markets",
    "public_holidays": "onshore.marketfit._observances",
    "Rule": "onshore.marketfit._registry",
    "ALT_TEXT_NEEDED": "onshore.marketfit._media_check",
    "ImageTarget": "onshore.marketfit._media_check",
    "MediaFinding": "onshore.marketfit._media_check",
    "MediaItem": "onshore.marketfit._media_check",
    "MediaLimits": "onshore.marketfit._media_check",
    "check_alt_text": "onshore.marketfit._media_check",
    "check_media": "onshore.marketfit._media_check",
    "image_target": "onshore.marketfit._media_check",
    "NETWORK_MEDIA_RULES": "onshore.marketfit._media_rules",
    "MediaRules": "onshore.marketfit._media_rules",
}


def __getattr__(name: str) -> Any:
    if name == "RULES":
        from onshore.marketfit._plan import load_rules
        from onshore.marketfit._registry import RULES

        load_rules()
        return RULES
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'onshore.marketfit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
