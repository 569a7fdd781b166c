"""The checker's compiled build: which modules it holds, and whether to use it.

`scripts/compile_checker.py` (run by `make run` and `make test`) compiles the modules in
COMPILED_MODULES with mypyc, the compiler that builds mypy itself from the same typed
Python, into the folder BUILD_DIR beside this file, with a digest of the sources it was
built from. The package's ``__init__`` calls `activate()` before any of those modules is
imported: when the build is there and was made from the sources as they are now, its
folder goes first on the package's ``__path__``, so ``import onshore.marketfit._text``
loads the compiled module; otherwise (no build, a source edited since, or
``ONSHORE_PURE_PYTHON=1``) the same modules load as plain Python. Both give identical
findings (tests/marketfit/test_native.py); the compiled one runs about 1.3 times as
many posts a second (BENCHMARKS.md).

Left out of the build: ``_types`` (Post, Finding and Options are built by callers and
by every rule; as plain classes they stay one type for everybody, and a frozen
dataclass is no faster compiled), ``cli``, ``native`` and the package itself.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR / "_compiled"
DIGEST_FILE = "SOURCES.sha256"
# The shared library that holds the compiled code of every module; each module's own
# extension is a small shim that imports it by this top-level name.
GROUP_NAME = "onshore_marketfit"

COMPILED_MODULES = (
    "_data", "_dates", "_engine", "_length", "_markets", "_messages", "_observances",
    "_plan", "_registry", "_rules_currency", "_rules_date", "_rules_holiday", "_rules_length",
    "_rules_spelling", "_rules_style", "_rules_timezone", "_rules_timing", "_rules_units",
    "_rules_vocabulary", "_schedule", "_text", "_timezones", "_triggers",
    "_number_words", "_zone_names", "_rules_zone_words", "_rules_money_words",
    "_rules_unit_words", "_rules_holiday_relative", "_rules_units_languages",
    "_money_places", "_rules_currency_place",
    "_locale_formats", "_rules_numbers", "_rules_clock", "_rules_quotes", "_rules_locale_dates",
    "_spelling_names", "_spelling_roles", "_spelling_sense", "_spelling_regional",
    "_zone_clocks", "_zone_places", "_rules_zone_languages", "_rules_zone_seasons",
    "_rules_grouping", "_rules_local_dates", "_rules_numeric_days",
    "_holiday_names", "_rules_holiday_foreign", "_rules_holiday_local_relative",
    "_rules_holiday_weekday",
)  # fmt: skip

# "compiled" or "python": which build this process checks with, set by activate().
implementation = "python"


def source_digest() -> str:
    """SHA-256 over the compiled modules' sources and the interpreter's ABI tag: a build
    is used only by the sources and the Python it was made for."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in COMPILED_MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((PACKAGE_DIR / f"{name}.py").read_bytes())
    return digest.hexdigest()


def build_is_current() -> bool:
    try:
        recorded = (BUILD_DIR / DIGEST_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return False
    return recorded == source_digest()


def activate(package_path: list[str]) -> str:
    """Put the compiled build first on the package's ``__path__`` when it is current;
    returns which implementation the process will use."""
    global implementation
    if os.environ.get("ONSHORE_PURE_PYTHON", "") not in ("", "0") or not build_is_current():
        implementation = "python"
        return implementation
    if not _load_group_library():
        implementation = "python"
        return implementation
    package_path.insert(0, str(BUILD_DIR))
    implementation = "compiled"
    return implementation


def _load_group_library() -> bool:
    """Import the shared library under its top-level name from BUILD_DIR (it is not on
    sys.path), so the module shims find it in sys.modules."""
    name = f"{GROUP_NAME}__mypyc"
    if name in sys.modules:
        return True
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = BUILD_DIR / f"{name}{suffix}"
        if path.exists():
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                return False
            try:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
            except (ImportError, OSError):  # a damaged or foreign build: plain Python
                return False
            sys.modules[name] = module
            return True
    return False
