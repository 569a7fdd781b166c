"""axe-core in the browser tests: inject it into a page and list what it finds.

axe.min.js comes from npm (tests/a11y/package.json, installed by ``make axe`` into
tests/a11y/node_modules; MPL-2.0). Only violations of impact "serious" or "critical"
fail a test: issue 15 asks for none of those on any page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = frozenset({"serious", "critical"})


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe on the whole document; the serious and critical violations it reports."""
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `make axe` (npm ci in tests/a11y)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in found["violations"] if v.get("impact") in FAILING_IMPACTS]


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph per rule: id, impact, help, and up to five failing selectors."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:5]) + (
            f" (+{len(targets) - 5} more)" if len(targets) > 5 else ""
        )
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}: {shown}")
    return "\n".join(lines)
