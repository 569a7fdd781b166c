"""The map is a check: the import contracts in pyproject.toml hold for the code, and each
one fails when the import it guards against is added (to a copy of the package).

``make lint`` runs the same contracts with ``lint-imports``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import onshore

PACKAGE = Path(onshore.__file__).parent
PYPROJECT = PACKAGE.parent.parent / "pyproject.toml"
CORES = "Django-free cores import neither Django nor any app"
CORE_PARENTS = "Importing a core runs no Django: the packages around the cores import none"
FLOORS = "Floors of the map: each imports only the floors below it"


def lint_imports(source_root: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts over the ``onshore`` package found in ``source_root``."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(PYPROJECT)!r}, no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=source_root,
        env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def package_copy(root: Path) -> Path:
    """The Python modules of onshore under ``root``/onshore (no data, templates, builds)."""
    shutil.copytree(
        PACKAGE,
        root / "onshore",
        ignore=lambda folder, names: [
            name
            for name in names
            if name in {"_compiled", "__pycache__", "static", "templates", "data"}
        ],
    )
    return root


def add_line(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}\n")


def test_the_code_keeps_every_contract() -> None:
    result = lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in (CORES, CORE_PARENTS, FLOORS):
        assert f"{contract} KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken", "named"),
    [
        # A core that loads Django, even inside a function.
        ("places.py", "def _later():\n    import django", CORES, "onshore.places"),
        # The sourcing rules live in the workspaces package but are a core.
        (
            "workspaces/sourcing.py",
            "from onshore.workspaces.models import Workspace",
            CORES,
            "onshore.workspaces.sourcing",
        ),
        # Python runs workspaces/__init__ before sourcing: Django there breaks the core.
        (
            "workspaces/__init__.py",
            "from onshore.workspaces.models import Workspace",
            CORE_PARENTS,
            "onshore.workspaces",
        ),
        # The two upward calls this contract replaced with ports.
        (
            "posts/workflow.py",
            "def _later():\n    from onshore.publishing import outbox",
            FLOORS,
            "onshore.posts.workflow -> onshore.publishing.outbox",
        ),
        (
            "workspaces/views.py",
            "def _later():\n    from onshore.ledger.measure import measure",
            FLOORS,
            "onshore.workspaces.views -> onshore.ledger.measure",
        ),
        # Publishing tells notifications of a failure through posts/notify_port.py.
        (
            "publishing/notify.py",
            "def _later():\n    from onshore.notifications import events",
            FLOORS,
            "onshore.publishing.notify -> onshore.notifications.events",
        ),
        # A new top-level module has to be given a floor.
        ("unplaced.py", "", FLOORS, "onshore.unplaced"),
    ],
)
def test_a_contract_breaks_when_its_import_is_added(
    tmp_path: Path, module: str, line: str, broken: str, named: str
) -> None:
    root = package_copy(tmp_path)
    target = root / "onshore" / module
    if not target.exists():
        target.write_text('"""A module no floor of the map holds."""\n')
    add_line(target, line)
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken} BROKEN" in result.stdout
    assert named in result.stdout
    # Only the contract that guards against this import breaks.
    assert result.stdout.count(" BROKEN") == 1, result.stdout
