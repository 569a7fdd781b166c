#!/usr/bin/env bash
# Installs axe-core (the accessibility checker the browser tests inject into each page)
# into tests/a11y/node_modules (ignored by git). Idempotent: does nothing when the
# installed tree matches the lock file. Plain JavaScript, no install scripts, no build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
a11y_dir="$here/tests/a11y"
marker="$a11y_dir/node_modules/.onshore-installed"

command -v npm >/dev/null 2>&1 || {
	echo "install_axe.sh: npm is not installed; the accessibility sweep needs it." >&2
	exit 1
}
wanted="$(sha256sum "$a11y_dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then
	exit 0
fi
cd "$a11y_dir"
rm -f "$marker"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || {
	echo "install_axe.sh: 'npm ci' failed in tests/a11y (is the npm registry reachable?)." >&2
	exit 1
}
echo "$wanted" >"$marker"
