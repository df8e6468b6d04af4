#!/bin/sh
# The suite again, on PostgreSQL (issue #16): the unit tests that use a
# database (UNIT_DB_TESTS, the binaries; tests/unit/testdb.h), then the
# command-line, HTTP and browser tests. A throwaway cluster (scripts/pg_tmp.sh)
# for the run, a fresh database per test (tests/pg/backend.sh), the cluster
# stopped and removed after, whatever happened. Run by `make pg-tests`;
# ONLY=GLOB as for the other runners (and then no unit or browser test).
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
if [ -z "${ONLY:-}" ]; then
    echo "== unit tests with a database, on PostgreSQL"
    for t in ${UNIT_DB_TESTS:-}; do
        echo "== $t"
        GIAMSAT_TEST_PG=$GIAMSAT_PG "$t" || fail=1
    done
fi
echo "== command line, on PostgreSQL"
"$root/tests/cli/run.sh" || fail=1
echo "== HTTP, on PostgreSQL"
"$root/tests/http/run.sh" || fail=1
if [ -z "${ONLY:-}" ]; then
    echo "== browser, on PostgreSQL"
    PAGES_LOOK=0 "$root/tests/browser/run.sh" || fail=1
fi
exit $fail
