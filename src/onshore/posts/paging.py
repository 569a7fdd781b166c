"""Pages of a long list (Posts, Review): Django's Paginator, a count people can read, and
links that keep the filters and search of the page they were made on.

Two queries per page whatever the list's length: the count and the page's rows. A page
number past the end shows the last page (a link kept after posts were published or
deleted still leads somewhere); ``page`` that is not a whole number answers 400 naming it,
since no link onshore makes looks like that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict

from onshore.inputs import read_int

PER_PAGE = 200
MAX_PAGE = 10**9  # bounds the digits read; clamped to the last page anyway


@dataclass(frozen=True)
class Pager:
    """One page of a list and the way to its neighbours, for ``posts/_pager.html``."""

    page: Page[Any]
    label: str  # "201–400 of 1,500"
    previous_query: str  # "" when there is no previous page
    next_query: str  # "" when there is no next page

    @property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)


def paginate(rows: Any, query: QueryDict, per_page: int = PER_PAGE) -> Pager:
    """The page of ``rows`` (an ordered query set) that ``query``'s ``page`` asks for."""
    asked = read_int(query.get("page"), "page", minimum=1, maximum=MAX_PAGE) or 1
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(min(asked, paginator.num_pages))
    return Pager(
        page=page,
        label=count_label(page.start_index(), page.end_index(), paginator.count),
        previous_query=_with_page(query, page.number - 1) if page.has_previous() else "",
        next_query=_with_page(query, page.number + 1) if page.has_next() else "",
    )


def count_label(first: int, last: int, total: int) -> str:
    """ "201–400 of 1,500" (thousands separated, an en dash between); "0 of 0" when empty."""
    if total == 0:
        return "0 of 0"
    return f"{first:,}–{last:,} of {total:,}"


def _with_page(query: QueryDict, number: int) -> str:
    """``query`` (filters, search) with ``page`` set: the next link keeps what was asked."""
    kept = query.copy()
    kept["page"] = str(number)
    return kept.urlencode()
