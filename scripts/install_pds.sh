#!/usr/bin/env bash
# Installs the local Bluesky PDS used by the publishing tests into tests/pds/node_modules
# (ignored by git). Idempotent: does nothing when the installed tree matches the lock file.
#
# Steps: `npm ci --ignore-scripts` (exact versions from tests/pds/package-lock.json, no
# install scripts: the only native module we need is built next), then
# `npm rebuild better-sqlite3 --nodedir=/usr` so it compiles against this machine's Node
# headers instead of downloading a prebuilt binary or headers from the internet.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pds_dir="$here/tests/pds"
marker="$pds_dir/node_modules/.onshore-installed"

fail() {
	echo "install_pds.sh: $*" >&2
	echo "install_pds.sh: the Bluesky tests (pytest -m pds) need this local PDS." >&2
	exit 1
}

command -v node >/dev/null 2>&1 || fail "node is not installed (Node 20 or later is needed)."
command -v npm >/dev/null 2>&1 || fail "npm is not installed."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node $(node --version) is too old; Node 20 or later is needed."
[ -f /usr/include/node/node_version.h ] ||
	fail "Node headers are missing in /usr/include/node (Debian: apt-get install nodejs-dev or libnode-dev)."

# The marker records what was installed: the lock file and the Node version the
# native module was compiled for. Any change to either means a fresh install.
wanted="$(sha256sum "$pds_dir/package-lock.json" | cut -d' ' -f1) node-$(node --version)"
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then
	exit 0
fi

echo "Installing the local Bluesky PDS into tests/pds/node_modules (takes a few minutes)..."
cd "$pds_dir"
rm -f "$marker"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ||
	fail "'npm ci' failed in tests/pds (is the npm registry reachable?)."
npm rebuild better-sqlite3 --nodedir=/usr --loglevel=error ||
	fail "'npm rebuild better-sqlite3 --nodedir=/usr' failed (are python3, make and a C++ compiler installed?)."
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" ||
	fail "better-sqlite3 was built but does not load under $(node --version)."
echo "$wanted" >"$marker"
echo "Local Bluesky PDS installed."
