#!/bin/sh
# Browser end-to-end tests: Debian's chromium driven by playwright-core (from npm,
# installed here with `npm ci`; never a downloaded browser). GIAMSAT is the binary to
# test; OOXML_CHECK, when set, checks the downloaded .xlsx. Screenshots and the report
# go to build/artifacts/browser/. `scripts/deps.sh` (as root) installs chromium, nodejs, npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GIAMSAT:?set GIAMSAT to the giamsat binary}"
case $GIAMSAT in /*) ;; *) GIAMSAT=$(pwd)/$GIAMSAT ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    echo "browser tests: $CHROMIUM is missing. Install Debian's chromium (scripts/deps.sh does it as root):" >&2
    echo "  sudo apt-get install -y chromium" >&2
    exit 1
fi
for c in node npm; do
    if ! command -v $c >/dev/null 2>&1; then
        echo "browser tests: $c is missing. Install it (scripts/deps.sh does it as root):" >&2
        echo "  sudo apt-get install -y nodejs npm" >&2
        exit 1
    fi
done
cd "$here"
# playwright-core and axe-core, exactly as package-lock.json has them; again only when the
# lock changed.
if ! cmp -s package-lock.json node_modules/.giamsat-installed-lock 2>/dev/null; then
    echo "browser tests: npm ci (playwright-core, no browser download)"
    rm -rf node_modules
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.giamsat-installed-lock
fi
export GIAMSAT CHROMIUM ARTIFACTS="${ARTIFACTS:-$root/build/artifacts/browser}"
# The walk-through first, then the page sweep (every page, each role, two widths, axe-core),
# each on a fresh database (a PostgreSQL one with GIAMSAT_PG: tests/pg/backend.sh).
. "$here/../pg/backend.sh"
backend_begin
node e2e.mjs
backend_end
backend_begin
node pages.mjs
backend_end
