"""Where test helpers live: no test imports from another test module or a conftest.

Shared helpers go to tests/factories.py (rows made through the app), tests/fakes/
(strict local fakes of outside servers, with their own tests), tests/processes.py
(the ``onshore`` command in a subprocess) or a conftest's fixtures. A helper that a
reader finds by importing ``tests.publishing.test_outbox`` drags that module's tests
into every file that imports it and hides where the helper belongs; a conftest is
loaded by pytest itself, and importing it again can run it twice.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_files() -> Iterator[Path]:
    for path in sorted(TESTS.rglob("*.py")):
        if "node_modules" not in path.parts:
            yield path


test_files.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).with_suffix("").parts[:-1])


def imported_modules(source: str, package: str) -> Iterator[str]:
    """Every module ``source`` imports, relative imports resolved against ``package``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            yield module
            # `from tests.publishing import test_outbox` names the module in the alias.
            yield from (f"{module}.{alias.name}" for alias in node.names)


def is_test_module(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return module.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def test_no_test_imports_helpers_from_another_test_module_or_a_conftest() -> None:
    offenders = [
        f"{path.relative_to(TESTS.parent)} imports {module}"
        for path in test_files()
        for module in imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        if is_test_module(module)
    ]
    assert offenders == [], "move shared helpers to tests/factories.py or tests/fakes/"


def test_the_check_sees_each_way_of_importing_a_test_module() -> None:
    ways = {
        "from tests.publishing.test_outbox import SEND": "tests.publishing.test_outbox",
        "from tests.publishing import test_outbox": "tests.publishing.test_outbox",
        "import tests.test_cli": "tests.test_cli",
        "from .test_outbox import SEND": "tests.publishing.test_outbox",
        "from ..conftest import Team": "tests.conftest",
    }
    for source, module in ways.items():
        found = list(imported_modules(source, "tests.publishing"))
        assert module in found and any(is_test_module(name) for name in found), source
    fine = "from tests.factories import make_user\nfrom tests.fakes.pds import local_pds"
    assert not any(is_test_module(name) for name in imported_modules(fine, "tests.api"))
