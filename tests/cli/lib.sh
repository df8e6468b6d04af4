# Helpers for the command-line tests: fail with a message, read a JSON number.
die() { echo "FAILED: $*" >&2; exit 1; }
# json_num FILE KEY -> the first "KEY": N in FILE
json_num() { sed -n "s/^ *\"$2\": \([0-9]*\),\{0,1\}$/\1/p" "$1" | head -n 1; }
expect_num() { v=$(json_num "$1" "$2"); [ "$v" = "$3" ] || die "$2 = '$v', want $3 ($1)"; }
db_count() { sqlite3 giamsat.db "$1"; }
snapshot() { sqlite3 giamsat.db .dump | md5sum; }
# jget FILE PATH -> the JSON value at PATH ('$.tasks.total'), read with SQLite's JSON functions
jget() { sqlite3 :memory: "select json_extract(readfile('$1'), '$2')"; }
# expect_json FILE PATH WANT
expect_json() { v=$(jget "$1" "$2"); [ "$v" = "$3" ] || die "$2 = '$v', want '$3' ($1)"; }

# ind FILE CODE PATH: the value at PATH ('$.status') of the item with that code in the
# JSON array FILE (`giamsat indicators --format json`); expect_ind FILE CODE PATH WANT.
ind() { sqlite3 :memory: "select json_extract(value, '$3') from json_each(readfile('$1'))
    where json_extract(value, '$.code') = '$2'"; }
expect_ind() { v=$(ind "$1" "$2" "$3"); [ "$v" = "$4" ] || die "$2 $3 = '$v', want '$4' ($1)"; }

# fresh_db: start again from an empty database (the SQLite file, or on PostgreSQL the
# test's database: tests/pg/backend.sh).
fresh_db() {
    if [ -n "${GIAMSAT_DB:-}" ]; then
        psql -X -q -v ON_ERROR_STOP=1 "$GIAMSAT_DB" \
            -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" > /dev/null 2>&1
    else
        rm -f giamsat.db giamsat.db-wal giamsat.db-shm
    fi
}
