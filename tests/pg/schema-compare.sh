#!/bin/bash
# schema-compare: src/store/schema_pg.c's PostgreSQL schema against the SQLite
# schema of src/store/db.c (issue #16); run by `make pg-schema-test` as
#   GIAMSAT=build/rel/giamsat DUMP_SCHEMA=build/rel/dump_schema tests/pg/schema-compare.sh
#
# Builds a SQLite database (`giamsat demo`), starts a throwaway PostgreSQL
# cluster (scripts/pg_tmp.sh) and applies the PostgreSQL migrations to it (SQL
# printed by tests/pg/dump_schema.c, in one transaction), then compares, from
# SQLite's pragmas and PostgreSQL's catalogs:
#   1. the schema version (PostgreSQL's last migration = PRAGMA user_version);
#   2. the tables;
#   3. each table's columns in order: name, type class (INTEGER = integer or
#      bigint, TEXT = text, REAL = double precision, BLOB = bytea), NOT NULL
#      (a PRIMARY KEY column counts as NOT NULL), default, primary key position;
#   4. foreign keys (column, referenced table and column, ON DELETE);
#   5. indexes other than primary keys: UNIQUE, partial, key columns; the name of
#      each CREATE INDEX (SQLite's UNIQUE ... COLLATE NOCASE is PostgreSQL's
#      unique index on lower(col), named *_nocase);
#   6. the number of CHECK constraints per table;
#   7. the triggers: name, table, timing, event and what each does (refuse with
#      SQLite's RAISE message, or move the data / structure generation);
# then checks PostgreSQL's behaviour:
#   8. UPDATE and DELETE on every table SQLite keeps append-only fail with
#      SQLite's message and SQLSTATE 23000, and TRUNCATE fails too;
#   9. the generation counters move as SQLite's row triggers move them (by the
#      number of rows; not at all for a statement that changes none), and a
#      change notifies giamsat_generation;
#  10. usernames are unique regardless of ASCII case, on both engines;
#  11. the first migration refuses a database whose text order is not bytewise;
#  12. the rows of the SQLite database (the demo, plus a few commands so that
#      users, tokens, sets, approval, requests, measurements, notifications and
#      mail have rows) load into a fresh PostgreSQL database, every table, with
#      its types, NOT NULLs and CHECKs (triggers and foreign keys off, as a copy
#      does), and the row counts match.
# Every difference is printed; the exit status is 1 when there is any, 0 otherwise.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GIAMSAT=${GIAMSAT:-$ROOT/build/rel/giamsat}
DUMP_SCHEMA=${DUMP_SCHEMA:-$ROOT/build/rel/dump_schema}
PG_TMP=$ROOT/scripts/pg_tmp.sh
[ -x "$GIAMSAT" ] || { echo "schema-compare: no giamsat binary at '$GIAMSAT'" >&2; exit 2; }
[ -x "$DUMP_SCHEMA" ] || { echo "schema-compare: no dump_schema at '$DUMP_SCHEMA'" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "schema-compare: sqlite3 is missing: run scripts/deps.sh" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-pgcmp.XXXXXX") || exit 2
pgdir=$(mktemp -d /tmp/giamsat-pg.XXXXXX) || exit 2
cleanup() {
    "$PG_TMP" stop "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$tmp" "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# The two sides of a comparison as sorted lines; prints the lines that differ.
compare() { # what sqlite_file pg_file
    local what=$1
    LC_ALL=C sort "$2" >"$2.sorted"
    LC_ALL=C sort "$3" >"$3.sorted"
    if cmp -s "$2.sorted" "$3.sorted"; then
        echo "ok   $what ($(wc -l <"$2.sorted") rows)"
    else
        fail "$what differ (< SQLite, > PostgreSQL):"
        diff "$2.sorted" "$3.sorted" | grep '^[<>]' | sed 's/^/     /'
    fi
}

SQLITE_DB=$tmp/giamsat.db
sq() { sqlite3 -batch -noheader -separator '|' "$SQLITE_DB" "$@"; }

"$GIAMSAT" --db "$SQLITE_DB" demo >"$tmp/demo.log" 2>&1 ||
    { cat "$tmp/demo.log"; echo "schema-compare: giamsat demo failed" >&2; exit 1; }
# Rows for the tables the demo leaves empty; a command that fails only leaves its table
# emptier (section 12 still loads whatever is there).
fill_sqlite() {
    local g=("$GIAMSAT" --db "$SQLITE_DB") unit="Bộ Khoa học và Công nghệ" kind
    kind=$(sq "SELECT kind FROM document WHERE kind IS NOT NULL LIMIT 1")
    "${g[@]}" user add quantri --role quan_tri --name "Quản trị" &&
        "${g[@]}" user add donvi --role don_vi --unit "$unit" &&
        "${g[@]}" user set donvi --email donvi@example.org &&
        "${g[@]}" token add --role giam_sat --name bot &&
        "${g[@]}" sets add "Bộ văn bản" --kind "$kind" &&
        "${g[@]}" frame set --issuer "BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG" &&
        "${g[@]}" warnings set overdue --days 5 &&
        "${g[@]}" approval require "$unit" --on &&
        "${g[@]}" progress add --task 1 --unit "$unit" --date 2025-11-01 --result "Đang làm" \
            --percent 40 &&
        "${g[@]}" approval accept "$(sq "SELECT max(id) FROM progress_report")" &&
        "${g[@]}" request add --task 1 --unit "$unit" --due 2099-01-31 --content "Giải trình" &&
        "${g[@]}" request answer 1 --explanation "Thiếu kinh phí" --remedy "Bổ sung" \
            --new-due 2099-03-31 &&
        "${g[@]}" measure add --indicator 4 --date 2025-10-01 --value 5 --bloc "Thế giới" &&
        "${g[@]}" mail notify --as-of 2025-12-20
}
fill_sqlite >"$tmp/fill.log" 2>&1 || echo "note: filling the SQLite database stopped early:" \
    "$(tail -n 1 "$tmp/fill.log")"

URI=$("$PG_TMP" start "$pgdir") || { echo "schema-compare: no PostgreSQL cluster" >&2; exit 1; }
SUPER_URI="postgresql://postgres@/postgres?host=$pgdir"
pg() { psql -X -q -tA -F '|' -v ON_ERROR_STOP=1 "$URI" "$@"; }

"$DUMP_SCHEMA" >"$tmp/schema.sql" || exit 1
if ! pg -1 -f "$tmp/schema.sql" >"$tmp/apply.log" 2>&1; then
    cat "$tmp/apply.log"
    echo "FAIL: the PostgreSQL migrations do not apply"
    exit 1
fi
echo "ok   the PostgreSQL migrations apply ($(wc -c <"$tmp/schema.sql") bytes of SQL)"

# --------------------------------------------------------------- 1. version
sqlite_version=$(sq "PRAGMA user_version")
pg_version=$(pg -c "SELECT version FROM schema_version")
pg_rows=$(pg -c "SELECT count(*) FROM schema_version")
if [ "$sqlite_version" = "$pg_version" ] && [ "$pg_rows" = 1 ]; then
    echo "ok   schema version $sqlite_version on both"
else
    fail "schema version: SQLite $sqlite_version, PostgreSQL '$pg_version' ($pg_rows row(s));" \
        "every SQLite migration needs its counterpart in src/store/schema_pg.c"
fi

# --------------------------------------------------------------- 2. tables
SQLITE_TABLES="SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
sq "$SQLITE_TABLES" >"$tmp/s.tables"
pg -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
       AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'" >"$tmp/p.tables"
compare "tables" "$tmp/s.tables" "$tmp/p.tables"

# --------------------------------------------------------------- 3. columns
sq "SELECT m.name, c.cid + 1, c.name,
       CASE upper(c.type) WHEN 'INTEGER' THEN 'int' WHEN 'TEXT' THEN 'text'
            WHEN 'REAL' THEN 'real' WHEN 'BLOB' THEN 'blob' ELSE 'other:' || c.type END,
       CASE WHEN c.\"notnull\" OR c.pk > 0 THEN 'not null' ELSE 'null' END,
       coalesce(c.dflt_value, ''), c.pk
     FROM sqlite_master m, pragma_table_info(m.name) c
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'" >"$tmp/s.columns"
pg -c "SELECT c.table_name, c.ordinal_position, c.column_name,
       CASE c.data_type WHEN 'integer' THEN 'int' WHEN 'bigint' THEN 'int' WHEN 'text' THEN 'text'
            WHEN 'double precision' THEN 'real' WHEN 'bytea' THEN 'blob'
            ELSE 'other:' || c.data_type END,
       CASE c.is_nullable WHEN 'NO' THEN 'not null' ELSE 'null' END,
       coalesce(regexp_replace(c.column_default, '::(text|bigint|integer)$', ''), ''),
       coalesce((SELECT k.ordinal_position FROM information_schema.table_constraints t
                 JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
                 WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = 'public'
                   AND t.table_name = c.table_name AND k.column_name = c.column_name), 0)
     FROM information_schema.columns c
     WHERE c.table_schema = 'public' AND c.table_name <> 'schema_version'" >"$tmp/p.columns"
compare "columns (table|position|name|type|null|default|pk)" "$tmp/s.columns" "$tmp/p.columns"

# --------------------------------------------------------------- 4. foreign keys
sq "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.on_delete
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'" >"$tmp/s.fkeys"
pg -c "SELECT c.conrelid::regclass, a.attname, c.confrelid::regclass, b.attname,
       CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT'
            WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END
     FROM pg_constraint c, unnest(c.conkey, c.confkey) AS k(col, fcol), pg_attribute a, pg_attribute b
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
       AND a.attrelid = c.conrelid AND a.attnum = k.col
       AND b.attrelid = c.confrelid AND b.attnum = k.fcol" >"$tmp/p.fkeys"
compare "foreign keys" "$tmp/s.fkeys" "$tmp/p.fkeys"

# --------------------------------------------------------------- 5. indexes
# SQLite: a key column under COLLATE NOCASE is written lower(col), as PostgreSQL's index has it.
sq "SELECT m.name, CASE i.origin WHEN 'c' THEN i.name ELSE '-' END,
       CASE i.\"unique\" WHEN 1 THEN 'unique' ELSE 'plain' END,
       CASE i.partial WHEN 1 THEN 'partial' ELSE 'whole' END,
       (SELECT group_concat(CASE WHEN x.coll = 'NOCASE' THEN 'lower(' || x.name || ')'
                                 ELSE x.name END, ',')
          FROM (SELECT * FROM pragma_index_xinfo(i.name) WHERE key = 1 ORDER BY seqno) x)
     FROM sqlite_master m, pragma_index_list(m.name) i
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND i.origin <> 'pk'" >"$tmp/s.indexes"
pg -c "SELECT x.indrelid::regclass,
       CASE WHEN EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
              OR i.relname LIKE '%\_nocase' THEN '-' ELSE i.relname END,
       CASE WHEN x.indisunique THEN 'unique' ELSE 'plain' END,
       CASE WHEN x.indpred IS NULL THEN 'whole' ELSE 'partial' END,
       (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), ',' ORDER BY k)
          FROM generate_series(1, x.indnkeyatts) k)
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE i.relnamespace = 'public'::regnamespace AND NOT x.indisprimary" >"$tmp/p.indexes"
compare "indexes (table|name|unique|partial|keys)" "$tmp/s.indexes" "$tmp/p.indexes"

# --------------------------------------------------------------- 6. CHECK constraints
: >"$tmp/s.checks"
while read -r t; do
    n=$(sq "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$t'" | grep -o 'CHECK (' |
        wc -l)
    echo "$t|$n" >>"$tmp/s.checks"
done <"$tmp/s.tables"
pg -c "SELECT t.table_name, count(c.oid) FROM information_schema.tables t
       LEFT JOIN pg_constraint c ON c.conrelid = ('public.' || t.table_name)::regclass
                                AND c.contype = 'c'
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
         AND t.table_name <> 'schema_version'
       GROUP BY t.table_name" >"$tmp/p.checks"
compare "CHECK constraints per table" "$tmp/s.checks" "$tmp/p.checks"

# --------------------------------------------------------------- 7. triggers
# What a trigger does: "refuse:MESSAGE", "structure" (n and structure move) or "data" (n only).
sq "SELECT replace(sql, char(10), ' ') FROM sqlite_master WHERE type = 'trigger'" | sed -E \
        -e "s/^CREATE TRIGGER ([a-z_]+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON ([a-z_]+) .*RAISE\(ABORT, '([^']*)'\).*/\1|\4|\2|\3|refuse:\5/" \
        -e "s/^CREATE TRIGGER ([a-z_]+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON ([a-z_]+) .*structure = structure \+ 1.*/\1|\4|\2|\3|structure/" \
        -e "s/^CREATE TRIGGER ([a-z_]+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON ([a-z_]+) .*SET n = n \+ 1.*/\1|\4|\2|\3|data/" \
        >"$tmp/s.triggers"
# information_schema.triggers lists INSERT, UPDATE and DELETE triggers (not TRUNCATE).
pg -c "SELECT trigger_name, event_object_table, action_timing, event_manipulation,
       regexp_replace(regexp_replace(action_statement,
           '^EXECUTE FUNCTION giamsat_append_only\(''(.*)''\)$', 'refuse:\1'),
           '^EXECUTE FUNCTION giamsat_generation\(''(.*)''\)$', '\1')
     FROM information_schema.triggers WHERE trigger_schema = 'public'" >"$tmp/p.triggers"
compare "triggers (name|table|timing|event|action)" "$tmp/s.triggers" "$tmp/p.triggers"

# --------------------------------------------------------------- 8. append-only
# One row in each table SQLite keeps append-only, so that its row triggers fire.
pg >/dev/null <<'EOF'
INSERT INTO agency (name, name_key, kind) VALUES ('Bộ Khoa học và Công nghệ', 'bo khcn', 'bo');
INSERT INTO task (origin_key, name, name_key, lead_text, coord_text, output, deadline_text,
                  deadline_kind) VALUES ('t1', 'Nhiệm vụ', 'nhiem vu', '', '', '', '', 'none');
INSERT INTO assignment (task_id, agency_id, named_as) VALUES (1, 1, 'Bộ KH&CN');
INSERT INTO progress_report (assignment_id, reported_on, kind, original, source, entered_at,
                             fingerprint)
     VALUES (1, '2025-03-01', 'progress', '', 'cli', '2025-03-01T08:00:00Z', 'f1');
INSERT INTO progress_review (report_id, step, taken_on, created_at, created_by)
     VALUES (1, 'accept', '2025-03-02', '2025-03-02T08:00:00Z', 'office');
INSERT INTO indicator (code, name, unit, target_text, agency_text) VALUES ('1', 'Chỉ tiêu', '%', '', '');
INSERT INTO measurement (indicator_id, measured_on, value, original, entered_via, entered_at)
     VALUES (1, '2025-03-01', 40, '40', 'cli', '2025-03-01T08:00:00Z');
INSERT INTO app_user (username, display_name, password_hash, role, created_at)
     VALUES ('Admin', 'Quản trị', 'x', 'admin', '2025-03-01T08:00:00Z');
INSERT INTO audit_log (at, actor, action, entity) VALUES ('2025-03-01T08:00:00Z', 'admin', 'x', 'y');
INSERT INTO explanation_request (task_id, agency_id, content, issued_on, due_on, created_at,
                                 created_by)
     VALUES (1, 1, 'Giải trình', '2025-03-01', '2025-03-15', '2025-03-01T08:00:00Z', 'office');
INSERT INTO explanation_step (request_id, kind, taken_on, created_at, created_by)
     VALUES (1, 'answer', '2025-03-05', '2025-03-05T08:00:00Z', 'unit');
EOF
# The error of a failed statement, in psql's verbose form "ERROR:  CODE: message".
pg_error() { # sql
    psql -X -q -tA "$URI" -v VERBOSITY=verbose -c "$1" 2>&1 >/dev/null | grep -m 1 '^ERROR:'
}
grep '|refuse:' "$tmp/s.triggers" | cut -d '|' -f 2,4,5 | LC_ALL=C sort -u |
    while IFS='|' read -r t event action; do
        msg=${action#refuse:}
        rows=$(pg -c "SELECT count(*) FROM $t")
        if [ "$rows" = 0 ]; then
            fail "append-only $t: no row to try $event on (add one to this script's fixture)"
            continue
        fi
        case $event in
        UPDATE) sql="UPDATE $t SET id = id" ;;
        DELETE) sql="DELETE FROM $t" ;;
        esac
        got=$(pg_error "$sql")
        if [ "$got" = "ERROR:  23000: $msg" ]; then
            echo "ok   $event $t refused: $msg"
        else
            fail "$event $t: expected 'ERROR:  23000: $msg', got '$got'"
        fi
        if [ "$event" = DELETE ]; then
            got=$(pg_error "TRUNCATE $t CASCADE")
            [ "$got" = "ERROR:  23000: $msg" ] || fail "TRUNCATE $t: got '$got'"
        fi
        [ "$(pg -c "SELECT count(*) FROM $t")" = "$rows" ] || fail "$t lost rows"
    done >"$tmp/append.log"
cat "$tmp/append.log"
failures=$((failures + $(grep -c '^FAIL' "$tmp/append.log")))

# --------------------------------------------------------------- 9. generations
gen() { pg -c "SELECT n || ' ' || structure FROM data_generation"; }
expect_gen() { # what sql dn ds
    local before after want
    before=$(gen)
    pg -c "$2" >/dev/null || { fail "$1: the statement failed"; return; }
    after=$(gen)
    want="$((${before% *} + $3)) $((${before#* } + $4))"
    if [ "$after" = "$want" ]; then
        echo "ok   $1: generation $before -> $after"
    else
        fail "$1: generation $before -> $after, expected $want"
    fi
}
expect_gen "an agency inserted" \
    "INSERT INTO agency (name, name_key, kind) VALUES ('Bộ Tài chính', 'bo tc', 'bo')" 1 1
expect_gen "two aliases inserted by one statement (once per transaction)" \
    "INSERT INTO agency_alias (agency_id, alias, alias_key) VALUES (2, 'BTC', 'btc'), (2, 'TC', 'tc')" \
    1 1
# (the structure move takes n along, as SQLite's structure triggers do)
expect_gen "two statements in one transaction, data then structure" \
    "BEGIN; INSERT INTO progress_report (assignment_id, reported_on, kind, completed_on, original,
     source, entered_at, fingerprint) VALUES (1, '2025-04-02', 'progress', NULL, '', 'cli',
     '2025-04-02T08:00:00Z', 'f3'); UPDATE task SET field = 'Số' WHERE id = 1;
     UPDATE task SET field = 'Số 2' WHERE id = 1; COMMIT" 2 1
expect_gen "an update of no row" "UPDATE task SET field = 'x' WHERE id = -1" 0 0
expect_gen "a task updated" "UPDATE task SET field = 'Khoa học' WHERE id = 1" 1 1
expect_gen "a progress report inserted" \
    "INSERT INTO progress_report (assignment_id, reported_on, kind, completed_on, original, source,
                                  entered_at, fingerprint)
     VALUES (1, '2025-04-01', 'done', '2025-03-30', '', 'cli', '2025-04-01T08:00:00Z', 'f2')" 1 0
expect_gen "the counting policy changed" "UPDATE count_policy SET policy = 'tat_ca'" 1 1
expect_gen "a user inserted (not tracked)" \
    "INSERT INTO app_user (username, display_name, password_hash, role, created_at)
     VALUES ('viewer', 'Xem', 'x', 'viewer', '2025-03-01T08:00:00Z')" 0 0
# psql prints the notifications a session receives after the command that brought them.
notes=$(psql -X -q -tA "$URI" -c "LISTEN giamsat_generation" \
    -c "INSERT INTO group_alias (group_id, alias, alias_key) SELECT id, 'x', 'x' FROM agency_group" \
    -c "INSERT INTO agency (name, name_key, kind) VALUES ('Bộ Công an', 'bo ca', 'bo')" \
    -c "SELECT 1" 2>&1 | grep -c 'notification "giamsat_generation" with payload "structure"')
if [ "$notes" = 1 ]; then
    echo "ok   a change notifies giamsat_generation ('structure'), a statement changing no row does not"
else
    fail "notifications: $notes received, expected 1 (an agency inserted; no group alias)"
fi

# --------------------------------------------------------------- 10. NOCASE
dup_pg=$(pg_error "INSERT INTO app_user (username, display_name, password_hash, role, created_at)
                   VALUES ('ADMIN', 'x', 'x', 'admin', 'x')")
cp "$SQLITE_DB" "$tmp/nocase.db"
sqlite3 "$tmp/nocase.db" "INSERT INTO app_user (username, display_name, password_hash, role, created_at)
    VALUES ('Admin', 'x', 'x', 'admin', 'x')" 2>/dev/null
dup_sqlite=$(sqlite3 "$tmp/nocase.db" "INSERT INTO app_user (username, display_name, password_hash,
    role, created_at) VALUES ('ADMIN', 'x', 'x', 'admin', 'x')" 2>&1)
case "$dup_pg|$dup_sqlite" in
"ERROR:  23505: "*"|"*UNIQUE*) echo "ok   'Admin' then 'ADMIN' refused on both engines" ;;
*) fail "usernames by case: PostgreSQL '$dup_pg', SQLite '$dup_sqlite'" ;;
esac

# --------------------------------------------------------------- 11. collation
psql -X -q "$SUPER_URI" -c "CREATE DATABASE giamsat_icu TEMPLATE template0 ENCODING 'UTF8'
    LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'" >/dev/null 2>&1
got=$(psql -X -q -v ON_ERROR_STOP=1 -1 "postgresql://postgres@/giamsat_icu?host=$pgdir" \
    -f "$tmp/schema.sql" 2>&1 >/dev/null | grep -o 'giamsat needs a database whose text order is bytewise')
if [ -n "$got" ]; then
    echo "ok   a database in Vietnamese (ICU) order is refused"
else
    fail "a database in ICU order was not refused by the first migration"
fi

# --------------------------------------------------------------- 12. the rows load
# One CSV per table from SQLite (NULL unquoted, '' quoted, as PostgreSQL's CSV reads them;
# a BLOB as bytea's hex form).
COPY_URI="postgresql://giamsat@/giamsat_copy?host=$pgdir"
if ! psql -X -q "$SUPER_URI" -c "CREATE DATABASE giamsat_copy OWNER giamsat" >/dev/null ||
    ! psql -X -q -v ON_ERROR_STOP=1 -1 "$COPY_URI" -f "$tmp/schema.sql" >/dev/null; then
    fail "no second PostgreSQL database to load the rows into"
fi
{
    echo "SET session_replication_role = replica;"
    echo "TRUNCATE $(paste -sd, "$tmp/s.tables");"
    while read -r t; do
        cols=$(sq "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
        sel=$(sq "SELECT group_concat(CASE upper(type) WHEN 'BLOB' THEN
                    'CASE WHEN ' || name || ' IS NULL THEN NULL ELSE ''\x'' || hex(' || name ||
                    ') END' ELSE name END, ', ') FROM pragma_table_info('$t')")
        sqlite3 -batch -csv "$SQLITE_DB" "SELECT $sel FROM $t" >"$tmp/rows.$t.csv"
        echo "\\copy $t ($cols) FROM '$tmp/rows.$t.csv' WITH (FORMAT csv)"
    done <"$tmp/s.tables"
} >"$tmp/load.sql"
if psql -X -q -v ON_ERROR_STOP=1 -1 "postgresql://postgres@/giamsat_copy?host=$pgdir" \
    -f "$tmp/load.sql" >"$tmp/load.log" 2>&1; then
    : >"$tmp/s.counts"
    : >"$tmp/p.counts"
    while read -r t; do
        echo "$t|$(sq "SELECT count(*) FROM $t")" >>"$tmp/s.counts"
        echo "$t|$(psql -X -tA "$COPY_URI" -c "SELECT count(*) FROM $t")" >>"$tmp/p.counts"
    done <"$tmp/s.tables"
    compare "rows loaded per table" "$tmp/s.counts" "$tmp/p.counts"
    echo "     $(grep -vc '|0$' "$tmp/s.counts") of $(wc -l <"$tmp/s.counts") tables have rows;" \
        "empty: $(grep '|0$' "$tmp/s.counts" | cut -d '|' -f 1 | paste -sd ' ')"
else
    fail "the SQLite rows do not load into PostgreSQL: $(grep -m 1 ERROR "$tmp/load.log")"
fi

echo
if [ "$failures" -gt 0 ]; then
    echo "schema-compare: FAILED ($failures difference(s))"
    exit 1
fi
echo "schema-compare: the PostgreSQL schema matches SQLite's (schema $sqlite_version)"
