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
