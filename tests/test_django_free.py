"""The Django-free cores really are free of Django: every module of each core imports
in a fresh interpreter without loading Django or any of onshore's Django apps.

A fresh subprocess per core, because this test session has long since imported Django;
every module of a package is imported (found by walking it), so a module added to a
core later is checked too. tests/marketfit/test_api.py also checks that importing the
checker stays cheap (no ``holidays`` or ``babel`` until a check needs them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The cores the README's map calls Django-free: they take time and settings as
# arguments and never import Django. (``url_secrets``, ``links``, ``errors`` and
# ``security`` are glue that uses Django on purpose.)
DJANGO_FREE = (
    "onshore.marketfit",
    "onshore.localtime",
    "onshore.costs",
    "onshore.networks",
    "onshore.places",
    "onshore.config",
    "onshore.datafiles",
    "onshore.inputs",
    "onshore.supervisor",
    "onshore.workspaces.sourcing",
    "onshore.media.processing",
)
APPS = ("accounts", "workspaces", "media", "posts", "publishing", "ledger", "api")

# Imports the core and every module under it (not ``__main__``, which runs the CLI),
# then prints what of Django and the apps came with them, one name a line.
IMPORT_ALL = """
import importlib, pkgutil, sys
core = importlib.import_module(sys.argv[1])
for found in pkgutil.walk_packages(getattr(core, "__path__", []), core.__name__ + "."):
    if not found.name.endswith(".__main__"):
        importlib.import_module(found.name)
apps = tuple("onshore." + app for app in sys.argv[2].split(","))
for name in sorted(sys.modules):
    own = sys.argv[1].startswith(name) or name.startswith(sys.argv[1] + ".")
    part_of_an_app = name.startswith(apps) and not own
    if name == "django" or name.startswith("django.") or part_of_an_app:
        print(name)
"""


@pytest.mark.parametrize("core", DJANGO_FREE)
def test_a_core_imports_neither_django_nor_an_app(core: str) -> None:
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, core, ",".join(APPS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [], f"{core} loads {result.stdout.split()}"
