# The database a CLI or HTTP test runs on (sourced by tests/cli/run.sh and
# tests/http/run.sh). By default each test makes its own SQLite file in its
# folder. With GIAMSAT_PG set to the URI of a cluster's database (what
# scripts/pg_tmp.sh start prints; `make pg-tests` does it), each test gets a
# fresh PostgreSQL database of its own instead, through GIAMSAT_DB, and the
# sqlite3 the tests call on giamsat.db reads that database (tests/pg/sqlite3).
# A test that is about SQLite itself (its files, its copies) says so in a line
# "# backend: sqlite-only (why)" and is skipped on PostgreSQL; one about a
# database server says "# backend: postgresql-only (why)" and runs only there.

pg_n=0

# backend_skip TEST: true when TEST does not run on this backend.
backend_skip() {
    if [ -n "${GIAMSAT_PG:-}" ]; then
        grep -q '^# backend: sqlite-only' "$1"
    else
        grep -q '^# backend: postgresql-only' "$1"
    fi
}

# backend_begin: a fresh database for the next test (exports GIAMSAT_DB, PATH).
backend_begin() {
    [ -n "${GIAMSAT_PG:-}" ] || return 0
    pg_n=$((pg_n + 1))
    pg_db="t$$_$pg_n"
    psql -X -q -v ON_ERROR_STOP=1 "$GIAMSAT_PG" -c "CREATE DATABASE $pg_db" >/dev/null || return 1
    GIAMSAT_DB=$(printf '%s' "$GIAMSAT_PG" | sed "s|^\(postgres[a-z]*://[^/]*/\)[^?]*|\1$pg_db|")
    export GIAMSAT_DB
    case ":$PATH:" in *":$pg_shims:"*) ;; *) PATH="$pg_shims:$PATH"; export PATH ;; esac
}

# backend_end: drop the test's database (a server it left running is stopped by then).
backend_end() {
    [ -n "${GIAMSAT_PG:-}" ] || return 0
    psql -X -q "$GIAMSAT_PG" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
    unset GIAMSAT_DB
}

# (the runner that sources this sets here to its own folder, a sibling of tests/pg)
pg_shims=$(cd "${here:?}/../pg/shims" && pwd)
