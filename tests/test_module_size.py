"""No module over 600 lines without a written reason at its top (issue 13).

A module that long usually does several jobs (posts/csvplan.py did five); a reader should
find one job per module, or be told at the top why this one is long. The reason is a
line of the module's docstring starting "Over 600 lines:".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "onshore"
LIMIT = 600
REASON = "Over 600 lines:"


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _gives_a_reason(path: Path) -> bool:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return any(line.strip().startswith(REASON) for line in doc.splitlines())


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_a_long_module_says_why_at_its_top(path: Path) -> None:
    name = path.relative_to(SRC).as_posix()
    if _lines(path) <= LIMIT:
        return
    assert _gives_a_reason(path), (
        f"{name} has {_lines(path)} lines: split it along its jobs, or start a line of its "
        f"docstring with {REASON!r} and the reason"
    )
