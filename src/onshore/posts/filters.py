"""The filters of the calendar and the CSV export: one parser for pages, API and CLI.

``parse_filters`` reads the query (or the CLI's options) and refuses a value it cannot use
with a ``FilterError`` naming the filter, the value and what to choose instead — never by
ignoring it, which would show or export more than was asked for. ``FilterError`` is an
``onshore.inputs.BadInput``, so a page that lets it through answers 400 naming the filter
(``onshore.errors``), the API 422 with the filter in ``loc``; the CLI exits 2 with it.

``narrow`` applies the filters to a workspace's posts. The market may be given by id,
country code or language tag (``names.MarketIndex``), the author by id or e-mail address.
Tags and networks are JSON lists: ``PostFilters.keeps`` matches them exactly in Python, so
SQLite and PostgreSQL agree; ``narrow`` already narrows by tag in SQL (the quoted tag in
the list's JSON text), so a count or a page of posts is right before Python looks.

``q`` searches the post's text, its tags and its author's name and e-mail address, case
aside (ASCII case on SQLite, whose LIKE folds only that).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from onshore.inputs import BadInput, read_day, read_id
from onshore.posts.models import MAX_TAG_LENGTH, Network, Post, State
from onshore.posts.names import NETWORK_ALIASES, MarketIndex
from onshore.workspaces.models import Market, Workspace

FILTER_KEYS = ("market", "state", "network", "tag", "author", "from", "to", "q")
# The calendar shows a range of its own (``date`` and ``view``): no from/to there.
CALENDAR_KEYS = ("market", "state", "network", "tag", "author", "q")
MAX_FILTER_TEXT = 254  # the longest e-mail address; nothing a filter takes is longer
MAX_SEARCH = 100  # a search is a few words; longer is refused, not cut, so it means what it says
SHOWN = 40  # how much of a bad value a message repeats


class FilterError(BadInput):
    """A filter value that cannot be used; ``field`` names the filter (``from``, not
    ``date_from``), ``message`` says what is wrong and what to choose instead."""


@dataclass(frozen=True)
class PostFilters:
    """The filters of a view; empty means 'any'. Dates bound the local scheduled date."""

    market: str = ""  # market id, country code or language tag
    state: str = ""
    network: str = ""
    tag: str = ""
    author: str = ""  # e-mail address or user id
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""  # ``q``: words in the text, a tag, the author's name or e-mail address

    @property
    def market_id(self) -> int | None:
        """The market's id when given as one (the calendar's form selects by id)."""
        return _as_id(self.market)

    @property
    def author_id(self) -> int | None:
        return _as_id(self.author)

    def as_query(self) -> dict[str, str]:
        values = {
            "market": self.market,
            "state": self.state,
            "network": self.network,
            "tag": self.tag,
            "author": self.author,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "q": self.search,
        }
        return {key: value for key, value in values.items() if value}

    def keeps(self, tags: Collection[str], networks: Collection[str]) -> bool:
        """Whether a post with these tags and networks passes the tag and network filters."""
        return (not self.tag or self.tag in tags) and (not self.network or self.network in networks)


def _as_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


def parse_filters(params: Mapping[str, Any], keys: Collection[str] = FILTER_KEYS) -> PostFilters:
    """The filters among ``keys`` in query parameters or CLI options; FilterError names a
    bad one. Keys not in ``keys`` are not read (the calendar has no from/to)."""
    text = {key: _text(params, key) if key in keys else "" for key in FILTER_KEYS}
    filters = PostFilters(
        market=_id_or_name("market", text["market"]),
        state=_state(text["state"]),
        network=_network(text["network"]),
        tag=_tag(text["tag"]),
        author=_id_or_name("author", text["author"]).lower(),
        date_from=_day("from", text["from"]),
        date_to=_day("to", text["to"]),
        search=_search(params) if "q" in keys else "",
    )
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        message = f"'{filters.date_to}' is before from '{filters.date_from}'; swap them"
        raise FilterError("to", message)
    return filters


def _text(params: Mapping[str, Any], key: str) -> str:
    return str(params.get(key) or "").strip()[:MAX_FILTER_TEXT]


def _search(params: Mapping[str, Any]) -> str:
    """``q`` with its spaces collapsed; refused past ``MAX_SEARCH`` rather than cut short."""
    words = " ".join(str(params.get("q") or "").split())
    if len(words) > MAX_SEARCH:
        message = f"'{words[:SHOWN]}…' is longer than a search can be ({MAX_SEARCH} characters)"
        raise FilterError("q", message)
    return words


def _state(value: str) -> str:
    if value and value not in State.values:
        choices = ", ".join(State.values)
        raise FilterError("state", f"'{value[:SHOWN]}' is not a state; choose one of {choices}")
    return value


def _network(value: str) -> str:
    network = NETWORK_ALIASES.get(value.lower(), value.lower())
    if network and network not in Network.values:
        choices = ", ".join(Network.values)
        raise FilterError("network", f"'{value[:SHOWN]}' is not a network; choose one of {choices}")
    return network


def _tag(value: str) -> str:
    tag = value.lstrip("#").lower()
    if len(tag) > MAX_TAG_LENGTH:
        message = f"'{tag[:SHOWN]}…' is longer than a tag can be ({MAX_TAG_LENGTH} characters)"
        raise FilterError("tag", message)
    return tag


def _id_or_name(name: str, value: str) -> str:
    """``value`` itself; an id (written in digits) must be a plain one within a key's range."""
    if value.isdigit():  # true for "²" too: read_id refuses those by name
        try:
            read_id(value, name)
        except BadInput as exc:
            raise FilterError(name, f"'{value[:SHOWN]}': {exc.message}") from None
    return value


def _day(name: str, value: str) -> date | None:
    try:
        return read_day(value, name)
    except BadInput as exc:
        raise FilterError(name, f"'{value[:SHOWN]}': {exc.message}") from None


def narrow(workspace: Workspace, posts: QuerySet[Post], filters: PostFilters) -> QuerySet[Post]:
    """``posts`` (a query set of the workspace's posts) narrowed by every filter SQL can
    apply; tags and networks are left to ``PostFilters.keeps``."""
    if filters.market:
        posts = posts.filter(market=find_market(workspace, filters.market))
    if filters.state:
        posts = posts.filter(state=filters.state)
    if filters.author_id is not None:
        posts = posts.filter(author_id=filters.author_id)
    elif filters.author:
        posts = posts.filter(author__email__iexact=filters.author)
    if filters.date_from:
        posts = posts.filter(scheduled_date__gte=filters.date_from)
    if filters.date_to:
        posts = posts.filter(scheduled_date__lte=filters.date_to)
    if filters.tag:
        posts = posts.filter(_in_tags_text(filters.tag, whole=True))
    if filters.search:
        posts = posts.filter(_search_matches(filters.search))
    return posts


def _search_matches(words: str) -> Q:
    """Posts whose text, a tag, or author's name or e-mail address contains ``words``."""
    return (
        Q(text__icontains=words)
        | _in_tags_text(words)
        | Q(author__name__icontains=words)
        | Q(author__email__icontains=words)
    )


def _in_tags_text(value: str, *, whole: bool = False) -> Q:
    """Posts whose tag list's JSON text holds ``value`` (JSON-escaped, so a quote or a
    backslash in a tag matches), as a whole tag (quoted) or anywhere in one. SQLite keeps
    the text as Django wrote it, non-ASCII as ``\\u`` escapes; PostgreSQL's jsonb writes
    the characters: both spellings are asked."""
    spellings = {json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
    quote = '"' if whole else ""
    found = Q()
    for spelling in spellings:
        found |= Q(tags__icontains=f"{quote}{spelling}{quote}")
    return found


def find_market(workspace: Workspace, value: str) -> Market:
    """The workspace's market by id, country code or language tag; FilterError if none."""
    market_id = _as_id(value)
    if market_id is not None:
        found = workspace.markets.filter(pk=market_id).first()
    else:
        found = MarketIndex.of(workspace).find(value)
    if found is None:
        names = MarketIndex.of(workspace).names
        choices = f"choose one of {', '.join(names)}" if names else "it has none yet"
        message = f"'{value[:SHOWN]}' is not one of this workspace's markets; {choices}"
        raise FilterError("market", message)
    return found
