"""The README stays true: its permission table is the code's, every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from onshore.workspaces.roles import permission_table_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_permission_table_matches_roles_py() -> None:
    table = README.split("<!-- permission-table:start -->")[1].split(
        "<!-- permission-table:end -->"
    )[0]
    assert table.strip() == permission_table_markdown()


def test_every_onshore_variable_in_the_code_is_in_the_configuration_table() -> None:
    used: set[str] = set()
    for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        used |= set(re.findall(r"ONSHORE_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^\| `(ONSHORE_[A-Z_]+)`", README, re.M))
    file_variants = {name for name in used if name.endswith("_FILE")}
    missing = used - documented - file_variants
    assert not missing, f"document these in the README configuration table: {sorted(missing)}"


def test_readme_starts_with_what_onshore_is_then_the_two_commands() -> None:
    first_command = README.index("make run")
    assert README.index("self-hosted workspace") < first_command < README.index("make test")


# --- the architecture map -----------------------------------------------------------

PACKAGE = ROOT / "src" / "onshore"
APPS = ("accounts", "workspaces", "posts", "publishing", "ledger", "notifications", "api")
# Django's own layout, which every app may have; the map names what is particular to
# an app (and says what its models are rather than that it has a models.py).
APP_BOILERPLATE = {"__init__", "apps", "migrations", "management", "models", "forms", "views"}


def architecture_map() -> str:
    """The code block of the README's Architecture section that maps src/onshore/."""
    section = README.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```\n", 2)[1]


def map_entries(block: str) -> dict[str, str]:
    """Each entry of the map, by the names it starts with (``posts/``, ``demo.py``),
    with its text: the line at two spaces and the lines indented under it."""
    entries: dict[str, str] = {}
    names: list[str] = []
    for line in block.splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            heading = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
            names = [name.rstrip(",") for name in heading.split()]
            entries.update(dict.fromkeys(names, ""))
        for name in names:
            entries[name] += line + "\n"
    return entries


def modules_in(package: Path) -> set[str]:
    """The modules (``x.py``) and packages (``x/``) directly inside ``package``."""
    modules = {path.name for path in package.glob("*.py")} - {"__init__.py"}
    packages = {f"{path.parent.name}/" for path in package.glob("*/__init__.py")}
    return modules | packages


def test_the_architecture_map_names_every_top_level_module() -> None:
    entries = map_entries(architecture_map())
    missing = sorted(modules_in(PACKAGE) - set(entries))
    assert not missing, f"add these to the README's architecture map: {missing}"


def stem(module: str) -> str:
    return module.removesuffix(".py").rstrip("/")


def test_the_architecture_map_names_every_module_of_each_app() -> None:
    entries = map_entries(architecture_map())
    missing = [
        f"{app}/{module}"
        for app in APPS
        for module in sorted(modules_in(PACKAGE / app))
        if stem(module) not in APP_BOILERPLATE
        and not re.search(rf"\b{re.escape(stem(module))}\b", entries[f"{app}/"])
    ]
    assert not missing, f"name these in their app's entry of the README's map: {missing}"
