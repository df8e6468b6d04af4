#!/bin/sh
# Run every tests/http/NNN-*.sh against a real server on loopback ($GIAMSAT serve),
# each in a fresh temporary folder with its own database (SQLite, or PostgreSQL
# with GIAMSAT_PG: tests/pg/backend.sh).
# ONLY=GLOB runs only the matching tests (e.g. ONLY="10[57]-*" make http-tests).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../pg/backend.sh"
fail=0
for t in "$here"/${ONLY:-[0-9][0-9][0-9]-*}.sh; do
    [ -e "$t" ] || continue # ONLY matched nothing
    if backend_skip "$t"; then
        echo "skip http/$(basename "$t") (SQLite only)"
        continue
    fi
    dir=$(mktemp -d)
    if backend_begin && (cd "$dir" && DATA="$here/../data" sh -c ". '$here/lib.sh'; . '$t'") >"$dir/log" 2>&1; then
        echo "ok   http/$(basename "$t")"
    else
        echo "FAIL http/$(basename "$t")"; sed 's/^/     /' "$dir/log"
        [ -f "$dir/server.log" ] && sed 's/^/     server: /' "$dir/server.log" | tail -20
        fail=1
    fi
    backend_end
    rm -rf "$dir"
done
exit $fail
