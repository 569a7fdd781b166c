"""A workspace's style guides: reading them for the checker, saving them from the page,
the API and an imported file (all through marketfit._style's one validation), and the
TOML file they are exported as.

The checker gets a marketfit StyleGuide per (workspace, market); building one is cached
by the rows' update times, so a post's check neither re-parses the rules nor
re-compiles the guide (the checker caches its compiled form by the guide's identity).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.timezone import now

from onshore.marketfit._style import (
    EMPTY_GUIDE,
    Disclosure,
    StyleBook,
    StyleGuideError,
    dump_toml,
    guide_from_mapping,
    guide_to_mapping,
    parse_toml,
)
from onshore.marketfit._style import StyleGuide as Guide
from onshore.workspaces.models import StyleGuide, Workspace

__all__ = [
    "Guide",
    "StyleGuideError",
    "book_for",
    "disclosure_in_force",
    "reset_disclosure",
    "set_disclosure",
    "export_toml",
    "guide_for",
    "import_toml",
    "own_guide",
    "save_guide",
]

# (workspace id, market) -> (when last read, the rows' update times, the merged guide)
_GUIDES: dict[tuple[int, str], tuple[float, tuple[datetime, ...], Guide | None]] = {}
_MAX_CACHED = 512
# A guide read this recently is used without asking the database again, so checking a
# CSV import of 10,000 rows costs one query, not one per row. Saving in this process
# clears the cache at once; another server process sees a change within this time.
FRESH_SECONDS = 2.0


def guide_for(workspace_id: int, market: str) -> Guide | None:
    """The guide the checker applies to a post for ``market`` (a country code): the
    workspace's rules with the market's added; None when there are none."""
    cached = _GUIDES.get((workspace_id, market))
    if cached is not None and time.monotonic() - cached[0] < FRESH_SECONDS:
        return cached[2]
    rows = list(
        StyleGuide.objects.filter(workspace_id=workspace_id, market__in=("", market))
        .order_by("market")
        .values_list("market", "rules", "updated_at")
    )
    stamp = tuple(updated for _, _, updated in rows)
    # The same rows as before: the same guide object, so the checker's compiled form
    # of it (cached by identity) is reused.
    guide = cached[2] if cached is not None and cached[1] == stamp else _merged(rows)
    if len(_GUIDES) >= _MAX_CACHED:
        _GUIDES.clear()
    _GUIDES[(workspace_id, market)] = (time.monotonic(), stamp, guide)
    return guide


def forget_guides() -> None:
    """After a save: this process reads the new rules on its next check."""
    _GUIDES.clear()


def _merged(rows: Iterable[tuple[str, Any, datetime]]) -> Guide | None:
    guide = EMPTY_GUIDE
    for market, rules, _ in rows:  # "" (the workspace's) sorts first
        stored = _stored_guide(rules, market)
        guide = stored if not market else guide.merged_with(stored)
    return None if guide.is_empty() else guide


def _stored_guide(rules: Any, market: str) -> Guide:
    try:
        return guide_from_mapping(rules or {})
    except StyleGuideError:  # saved by an older version with other bounds: skip it
        return EMPTY_GUIDE


def own_guide(workspace: Workspace, market: str = "") -> Guide:
    """The rules stored for ``market`` itself ("" : the workspace's), not merged."""
    row = StyleGuide.objects.filter(workspace=workspace, market=market).first()
    return _stored_guide(row.rules, market) if row else EMPTY_GUIDE


def save_guide(workspace: Workspace, market: str, guide: Guide) -> None:
    """Store ``guide`` as the rules of ``market`` ("" : the workspace's)."""
    StyleGuide.objects.update_or_create(
        workspace=workspace,
        market=market,
        defaults={"rules": guide_to_mapping(guide), "updated_at": now()},
    )
    transaction.on_commit(forget_guides)
    forget_guides()


def book_for(workspace: Workspace) -> StyleBook:
    rows = StyleGuide.objects.filter(workspace=workspace).order_by("market")
    base = EMPTY_GUIDE
    markets = []
    for row in rows:
        guide = _stored_guide(row.rules, row.market)
        if not row.market:
            base = guide
        elif not guide.is_empty():
            markets.append((row.market, guide))
    return StyleBook(base, tuple(markets))


def export_toml(workspace: Workspace) -> str:
    return dump_toml(book_for(workspace), workspace.name)


def import_toml(workspace: Workspace, text: str) -> StyleBook:
    """Replace every style guide of the workspace with the file's, all or nothing:
    a bad file raises StyleGuideError (naming key and line) and changes nothing."""
    book = parse_toml(text)
    with transaction.atomic():
        kept = {"": own_ignored(workspace)}
        StyleGuide.objects.filter(workspace=workspace).delete()
        StyleGuide.objects.create(
            workspace=workspace,
            market="",
            rules=guide_to_mapping(book.guide),
            ignored_proposals=kept[""],
            updated_at=now(),
        )
        for code, guide in book.markets:
            StyleGuide.objects.create(
                workspace=workspace, market=code, rules=guide_to_mapping(guide), updated_at=now()
            )
        transaction.on_commit(forget_guides)
    forget_guides()
    return book


def save_mapping(workspace: Workspace, market: str, data: Any) -> Guide:
    """Validate plain data (an API body) as one market's rules and store it."""
    guide = guide_from_mapping(data)
    save_guide(workspace, market, guide)
    return guide


def own_ignored(workspace: Workspace) -> list[str]:
    row = StyleGuide.objects.filter(workspace=workspace, market="").first()
    return list(row.ignored_proposals) if row else []


# ---------------------------------------------------------------- one market's disclosure


def disclosure_in_force(workspace: Workspace, market: str) -> tuple[Disclosure | None, bool]:
    """The disclosure a paid post for ``market`` must carry, and whether the workspace
    set it (True) or it is the shipped default (False)."""
    guide = guide_for(workspace.id, market) or EMPTY_GUIDE
    own = any(code == market for code, _ in guide.disclosures)
    return guide.disclosure_for(market), own


def set_disclosure(workspace: Workspace, market: str, disclosure: Disclosure) -> None:
    """The workspace's own disclosure for ``market`` (stored with that market's rules,
    which win over the workspace-wide ones)."""
    with transaction.atomic():
        _lock_rows(workspace)
        guide = own_guide(workspace, market)
        kept = tuple(item for item in guide.disclosures if item[0] != market)
        save_guide(workspace, market, replace(guide, disclosures=(*kept, (market, disclosure))))


def reset_disclosure(workspace: Workspace, market: str) -> None:
    """Back to the shipped default for ``market``: the workspace's override is removed
    wherever it was set (the market's rules or, from an imported file, every market's)."""
    with transaction.atomic():
        _lock_rows(workspace)
        for scope in ("", market):
            guide = own_guide(workspace, scope)
            kept = tuple(item for item in guide.disclosures if item[0] != market)
            if kept != guide.disclosures:
                save_guide(workspace, scope, replace(guide, disclosures=kept))


def _lock_rows(workspace: Workspace) -> None:
    """Two editors saving at once: one waits, so neither's change is lost."""
    list(StyleGuide.objects.select_for_update().filter(workspace=workspace))
