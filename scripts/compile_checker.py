"""Compile the market-fit checker with mypyc into src/onshore/marketfit/_compiled/.

    .venv/bin/python scripts/compile_checker.py [--force] [--optional]

`make run` and `make test` run this. The modules listed in
``onshore.marketfit.native.COMPILED_MODULES`` are compiled (mypyc, then gcc) into a
scratch folder and copied, with the digest of the sources they came from, into the
build folder, which git ignores. Nothing is done when the build there is already
current. The package uses the build only while that digest matches its sources, so
editing a module falls back to plain Python until this runs again (see native.py).

Needs mypy (which carries mypyc), setuptools, gcc and the Python headers. With
``--optional`` (as `make run` uses it) a failed build is reported and the checker runs
as plain Python; without, it fails the command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when current")
    parser.add_argument(
        "--optional", action="store_true", help="on failure, warn and exit 0 (plain Python)"
    )
    args = parser.parse_args(argv)

    os.environ["ONSHORE_PURE_PYTHON"] = "1"  # read the sources, not an older build
    sys.path.insert(0, str(SRC))
    from onshore.marketfit import native

    if native.build_is_current() and not args.force:
        print(f"compile_checker: {native.BUILD_DIR} is current")
        return 0
    began = time.monotonic()
    digest = native.source_digest()
    try:
        with tempfile.TemporaryDirectory(prefix="onshore-mypyc-") as scratch:
            built = compile_modules(native, Path(scratch))
            install(native, built, digest)
    except (Exception, SystemExit) as error:  # mypyc and setuptools end with SystemExit
        if not args.optional:
            raise
        print(
            f"compile_checker: could not compile the checker ({error}); "
            "it runs as plain Python, about a quarter slower",
            file=sys.stderr,
        )
        return 0
    print(
        f"compile_checker: {len(native.COMPILED_MODULES)} modules compiled into "
        f"{native.BUILD_DIR} in {time.monotonic() - began:.0f} s"
    )
    return 0


def compile_modules(native: ModuleType, scratch: Path) -> Path:
    """Run mypyc and the C compiler; returns the folder holding the built libraries."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    package = Path(native.PACKAGE_DIR)
    names = native.COMPILED_MODULES
    sources = [str((package / f"{name}.py").relative_to(SRC)) for name in names]
    cwd = Path.cwd()
    os.chdir(SRC)  # mypyc names modules by their paths from here: onshore/marketfit/...
    try:
        extensions = mypycify(
            [*sources, f"--cache-dir={scratch / 'mypy-cache'}"],
            opt_level="3",
            target_dir=str(scratch / "c"),
            group_name=native.GROUP_NAME,
        )
        distribution = Distribution({"name": "onshore-checker", "ext_modules": extensions})
        command = distribution.get_command_obj("build_ext")
        command.build_lib = str(scratch / "lib")
        command.build_temp = str(scratch / "tmp")
        command.parallel = os.cpu_count() or 1
        distribution.run_command("build_ext")
    finally:
        os.chdir(cwd)
    return scratch / "lib"


def install(native: ModuleType, built: Path, digest: str) -> None:
    """Replace the build folder with the new libraries and their digest, written last
    so an interrupted copy is never taken for current."""
    target = Path(native.BUILD_DIR)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    libraries = sorted(built.rglob("*.so"))
    for library in libraries:
        shutil.copy2(library, target / library.name)
    (target / "README").write_text(
        "Built by scripts/compile_checker.py from the sources beside this folder; "
        "safe to delete.\n",
        encoding="utf-8",
    )
    (target / native.DIGEST_FILE).write_text(digest + "\n", encoding="ascii")


if __name__ == "__main__":
    sys.exit(main())
