"""The apps are type-checked: ``make lint`` runs mypy with django-stubs over the whole
package. A capability is a ``Capability``, not a string, so a misspelled one is an error
mypy names before anyone is refused a page.

These run the project's own mypy configuration (pyproject.toml) over a few lines that
use the permission API, right and wrong.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import onshore

SOURCE_ROOT = Path(onshore.__file__).parent.parent
PYPROJECT = SOURCE_ROOT.parent / "pyproject.toml"

USES = """
from onshore.workspaces.access import require
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability, role_can
from onshore.workspaces.views import member_view


def right(member: Membership) -> None:
    require(member, Capability.DRAFT_POSTS)
    member.can(Capability.REVIEW_POSTS)
    role_can(member.role, Capability.VIEW_COSTS)
    member_view(Capability.MANAGE_CHANNELS)


def misspelled_member(member: Membership) -> None:
    require(member, Capability.DRAFT_POST)  # line {misspelled}


def string_require(member: Membership) -> None:
    require(member, "draft_posts")  # line {string_require}


def string_can(member: Membership) -> None:
    member.can("review_posts")  # line {string_can}


def string_route() -> None:
    member_view("view_costs")  # line {string_route}

"""


class Checked:
    """mypy's errors on USES: those on a marked line by its name, and any others."""

    def __init__(self, output: str, marks: dict[int, str]) -> None:
        self.by_use: dict[str, list[str]] = {name: [] for name in marks.values()}
        self.elsewhere: list[str] = []
        for match in re.finditer(r"uses_of_capabilities\.py:(\d+): error: (.*)", output):
            line, message = int(match[1]), match[2]
            if line in marks:
                self.by_use[marks[line]].append(message)
            else:
                self.elsewhere.append(f"line {line}: {message}")


def run_mypy(directory: Path) -> Checked:
    """Check USES with the configuration and the django plugin ``make lint`` uses."""
    marks = {
        number: name
        for number, line in enumerate(USES.splitlines(), start=1)
        for name in re.findall(r"# line \{(\w+)\}", line)
    }
    source = directory / "uses_of_capabilities.py"
    source.write_text(USES.format(**{name: name for name in marks.values()}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT), str(source)],
        cwd=SOURCE_ROOT.parent,
        env={**os.environ, "MYPYPATH": str(SOURCE_ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2: mypy crashed
    return Checked(result.stdout, marks)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    return run_mypy(tmp_path_factory.mktemp("typing"))


def test_the_right_uses_type_check(checked: Checked) -> None:
    assert checked.elsewhere == []


@pytest.mark.parametrize("use", ["misspelled", "string_require", "string_can", "string_route"])
def test_a_capability_that_is_not_a_capability_is_a_type_error(checked: Checked, use: str) -> None:
    assert checked.by_use[use], f"mypy accepted {use}"
