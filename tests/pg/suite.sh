#!/bin/sh
# The command-line, HTTP and browser tests again, on PostgreSQL (issue #16): a
# throwaway cluster (scripts/pg_tmp.sh) for the run, a fresh database per
# test (tests/pg/backend.sh), the cluster stopped and removed after, whatever
# happened. Run by `make pg-tests`; ONLY=GLOB as for the other runners.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
dir=$(mktemp -d /tmp/giamsat-pg.XXXXXX)
chmod 755 "$dir" # the cluster runs as the postgres user when we are root
trap '"$root/scripts/pg_tmp.sh" stop "$dir/cluster" >/dev/null 2>&1; rm -rf "$dir"' EXIT INT TERM
GIAMSAT_PG=$("$root/scripts/pg_tmp.sh" start "$dir/cluster") || {
    echo "pg-tests: cannot start PostgreSQL (scripts/deps.sh installs it)" >&2
    exit 1
}
export GIAMSAT_PG
fail=0
echo "== command line, on PostgreSQL"
"$root/tests/cli/run.sh" || fail=1
echo "== HTTP, on PostgreSQL"
"$root/tests/http/run.sh" || fail=1
if [ -z "${ONLY:-}" ]; then
    echo "== browser, on PostgreSQL"
    "$root/tests/browser/run.sh" || fail=1
fi
exit $fail
