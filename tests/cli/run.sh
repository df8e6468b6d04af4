#!/bin/sh
# Run every tests/cli/NNN-*.sh against $GIAMSAT in a fresh temporary folder,
# on a fresh database (SQLite, or PostgreSQL with GIAMSAT_PG: tests/pg/backend.sh).
# ONLY=GLOB runs only the matching tests (e.g. ONLY="10[57]-*" make cli-tests).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../pg/backend.sh"
fail=0
for t in "$here"/${ONLY:-[0-9][0-9][0-9]-*}.sh; do
    [ -e "$t" ] || continue # ONLY matched nothing
    if backend_skip "$t"; then
        echo "skip $(basename "$t") (SQLite only)"
        continue
    fi
    dir=$(mktemp -d)
    if backend_begin && (cd "$dir" && SEEDS="$here/../../data/seeds" DATA="$here/../data" sh "$t") >"$dir/log" 2>&1; then
        echo "ok   $(basename "$t")"
    else
        echo "FAIL $(basename "$t")"; sed 's/^/     /' "$dir/log"; fail=1
    fi
    backend_end
    rm -rf "$dir"
done
exit $fail
