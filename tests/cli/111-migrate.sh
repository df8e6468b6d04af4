# giamsat migrate (issue #16): a SQLite database copied into PostgreSQL and back into a
# new SQLite file, exactly: the demo plus a row in every table the demo leaves empty
# (users, a token, a session, a document set, approvals, a request, measurements, an
# upload with binary bytes, notifications, mail, the frame, a warning rule), an agency
# whose successor has a larger id. The three databases give byte-identical report JSON
# as of three dates and indicators JSON, every table the same rows (the new SQLite file
# dumps exactly as the original), and ids go on after the largest copied one. Migrating
# into a database that holds data is refused and changes nothing; a copy that fails half
# way leaves the destination as it was (a new file is removed); a table the copy does not
# know stops it; a bad URI gives a clear error.
# Needs PostgreSQL even on the SQLite pass: GIAMSAT_PG's cluster when set (the PostgreSQL
# pass), else a throwaway one (scripts/pg_tmp.sh) stopped when the test ends.
# runner: long (copies the demo both ways; started first)
set -eu
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$SEEDS/../.." && pwd)
export GIAMSAT_TODAY=2026-01-15
unset GIAMSAT_DB # every command below names its database
G=$GIAMSAT

pgdir=
dbs=
cleanup() {
    for d in $dbs; do
        psql -X -q "$BASE" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" > /dev/null 2>&1 || true
    done
    if [ -n "$pgdir" ]; then
        "$ROOT/scripts/pg_tmp.sh" stop "$pgdir/cluster" > /dev/null 2>&1 || true
        rm -rf "$pgdir"
    fi
}
trap cleanup EXIT
if [ -n "${GIAMSAT_PG:-}" ]; then
    BASE=$GIAMSAT_PG
else
    command -v psql > /dev/null && [ -x /usr/lib/postgresql/15/bin/initdb ] ||
        die "PostgreSQL 15 is not installed (this test needs a cluster): run scripts/deps.sh"
    pgdir=$(mktemp -d /tmp/giamsat-mig.XXXXXX)
    chmod 755 "$pgdir" # the cluster runs as the postgres user when we are root
    BASE=$("$ROOT/scripts/pg_tmp.sh" start "$pgdir/cluster" 2> pg.err) ||
        die "cannot start a PostgreSQL cluster: $(cat pg.err)"
fi
# new_pg NAME: a fresh database of the cluster; prints its URI.
new_pg() {
    name="mig$$_$1"
    psql -X -q -v ON_ERROR_STOP=1 "$BASE" -c "CREATE DATABASE $name" > /dev/null
    dbs="$dbs $name"
    printf '%s' "$BASE" | sed "s|^\(postgres[a-z]*://[^/]*/\)[^?]*|\1$name|"
}
pg() { psql -X -q -tA -F '|' -v ON_ERROR_STOP=1 "$1" -c "$2"; }

# ---- the original: the demo, and a row in every table it leaves empty
sq() { sqlite3 orig.db "$1"; }
$G --db orig.db demo > /dev/null 2>&1
g() { $G --db orig.db "$@" > /dev/null || die "giamsat $*"; }
unit="Bộ Khoa học và Công nghệ"
g user add quantri --role quan_tri --name "Quản trị" --password quantri-pass-123
g user add donvi --role don_vi --unit "$unit" --password donvi-pass-123
g user set donvi --email donvi@example.org
g token add --role giam_sat --name bot
g sets add "Bộ văn bản" --kind "$(sq "SELECT kind FROM document WHERE kind IS NOT NULL LIMIT 1")"
g sets add "Danh sách" --document "$(sq "SELECT name FROM document WHERE id = 1")"
g frame set --issuer "BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG"
g warnings set overdue --days 5
g approval require "$unit" --on
g progress add --task 1 --unit "$unit" --date 2025-11-01 --result "Đang làm" --percent 40
g approval accept "$(sq "SELECT max(id) FROM progress_report")"
g request add --task 1 --unit "$unit" --due 2099-01-31 --content "Giải trình"
g request answer 1 --explanation "Thiếu kinh phí" --remedy "Bổ sung" --new-due 2099-03-31
g measure add --indicator 4 --date 2025-10-01 --value 5 --bloc "Thế giới"
g measure add --indicator 8 --date 2025-10-01 --value 52.35
g mail notify --as-of 2025-12-20
# What no command makes from here: an upload (bytes 0x00 and 0xff, and an empty one), a
# session, a task's history (a re-import writes it), an agency succeeded by one with a
# larger id.
sq "INSERT INTO upload (name, format, document, bytes, created_by, created_at)
    VALUES ('tệp.csv', 'csv', NULL, X'00FF0A41C3A100', 1, strftime('%s', 'now')),
           ('rỗng.csv', NULL, NULL, X'', 1, strftime('%s', 'now'));
    INSERT INTO session VALUES ('digest1', 1, 'csrf1', 1767225600, 1767229200);
    INSERT INTO task_history (task_id, import_id, field, before, after)
    VALUES (2, 1, 'due', '2025-06-30', NULL);
    UPDATE agency SET successor_id = (SELECT max(id) FROM agency) WHERE id = 1;"
TABLES=$(sq "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name")
empty=$(for t in $TABLES; do [ "$(sq "SELECT count(*) FROM $t")" != 0 ] || echo "$t"; done)
[ -z "$empty" ] || die "the fixture leaves tables empty: $empty"

# counts DB: "table|rows" for every table of DB (a file or a URI)
counts() {
    for t in $TABLES; do
        case $1 in
        postgres*) echo "$t|$(pg "$1" "SELECT count(*) FROM $t")" ;;
        *) echo "$t|$(sqlite3 "$1" "SELECT count(*) FROM $t")" ;;
        esac
    done
}
# pg_rows URI: every row of every table, as text, in a fixed order
pg_rows() {
    for t in $TABLES; do pg "$1" "SELECT '$t ' || x::text FROM $t x ORDER BY x::text"; done
}
counts orig.db > orig.counts

# ---- SQLite -> PostgreSQL
PG1=$(new_pg a)
$G migrate --from orig.db --to "$PG1" > to-pg.txt 2> err.txt || die "migrate to PG: $(cat err.txt)"
total=$(awk -F'|' '{ n += $2 } END { print n }' orig.counts)
grep -q "^$(echo "$TABLES" | wc -l) tables, $total rows; row counts verified on both sides$" \
    to-pg.txt || die "summary: $(tail -n 1 to-pg.txt), want $total rows"
grep -q "^  progress_report  *$(sq "SELECT count(*) FROM progress_report")$" to-pg.txt ||
    die "no per-table line: $(cat to-pg.txt)"
counts "$PG1" > pg.counts
cmp -s orig.counts pg.counts || die "row counts differ: $(diff orig.counts pg.counts)"
[ "$(pg "$PG1" "SELECT n || '|' || structure FROM data_generation")" = \
    "$(sq "SELECT n || '|' || structure FROM data_generation")" ] ||
    die "the generation counters are not the source's"
[ "$(pg "$PG1" "SELECT upper(encode(bytes, 'hex')) FROM upload ORDER BY id")" = \
    "$(sq "SELECT hex(bytes) FROM upload ORDER BY id")" ] || die "upload bytes differ"
[ "$(pg "$PG1" "SELECT successor_id FROM agency WHERE id = 1")" = \
    "$(sq "SELECT max(id) FROM agency")" ] || die "a successor with a larger id was lost"
[ "$(pg "$PG1" "SELECT value FROM measurement ORDER BY id" | paste -sd ' ')" = "5 52.35" ] ||
    die "a measured value changed"

# ---- PostgreSQL -> a new SQLite file
$G migrate --from "$PG1" --to back.db > to-sqlite.txt 2> err.txt ||
    die "migrate back: $(cat err.txt)"
counts back.db > back.counts
cmp -s orig.counts back.counts || die "row counts differ after the round trip"
sqlite3 orig.db .dump > orig.dump
sqlite3 back.db .dump > back.dump
cmp -s orig.dump back.dump || die "the round trip changed rows: $(diff orig.dump back.dump | head)"

# ---- every report the same on the three
for db in orig.db "$PG1" back.db; do
    n=$((${n:-0} + 1))
    for d in 2025-06-30 2025-12-24 2026-01-15; do
        $G --db "$db" report --as-of $d --format json > "report-$d.$n.json"
    done
    $G --db "$db" indicators --format json > "indicators.$n.json"
done
for f in report-2025-06-30 report-2025-12-24 report-2026-01-15 indicators; do
    [ -s "$f.1.json" ] || die "$f: empty"
    cmp -s "$f.1.json" "$f.2.json" || die "$f differs on PostgreSQL"
    cmp -s "$f.1.json" "$f.3.json" || die "$f differs on the SQLite copy"
done

# ---- ids go on after the largest copied, on both copies
$G --db "$PG1" user add moi --role viewer --password moi-pass-1234 > /dev/null
[ "$(pg "$PG1" "SELECT id FROM app_user WHERE username = 'moi'")" = \
    "$(($(sq "SELECT max(id) FROM app_user") + 1))" ] || die "PostgreSQL's ids do not follow"
$G --db back.db user add moi --role viewer --password moi-pass-1234 > /dev/null
[ "$(sqlite3 back.db "SELECT id FROM app_user WHERE username = 'moi'")" = \
    "$(($(sq "SELECT max(id) FROM app_user") + 1))" ] || die "SQLite's ids do not follow"

# ---- a destination that holds data: refused, unchanged
pg_rows "$PG1" > pg1.before
if $G migrate --from orig.db --to "$PG1" > out.txt 2> err.txt; then die "migrated over data"; fi
grep -q "'the PostgreSQL database' already holds data (table agency has rows)" err.txt ||
    die "refusal message: $(cat err.txt)"
pg_rows "$PG1" > pg1.after
cmp -s pg1.before pg1.after || die "a refused migrate changed the destination"
sqlite3 back.db .dump > back.before
if $G migrate --from "$PG1" --to back.db 2> err.txt; then die "migrated over a SQLite file"; fi
grep -q "'back.db' already holds data" err.txt || die "refusal message: $(cat err.txt)"
sqlite3 back.db .dump | cmp -s - back.before || die "a refused migrate changed back.db"

# ---- a copy failing half way: nothing of it stays (the row PostgreSQL refuses comes after
# thousands it took)
cp orig.db bad.db
sqlite3 bad.db "UPDATE mail_queue SET next_at = 'bientot'"
PG2=$(new_pg b)
if $G migrate --from bad.db --to "$PG2" > out.txt 2> err.txt; then die "copied a bad row"; fi
grep -q "table mail_queue: cannot write" err.txt || die "failure message: $(cat err.txt)"
pg_rows "$PG2" > pg2.after
# Only what the schema's migrations put there.
[ "$(grep -v '^count_policy (1,da_gui,"",schema)$' pg2.after)" = "data_generation (1,1)" ] ||
    die "a failed migrate left rows: $(head pg2.after)"
$G migrate --from bad.db --to "$PG2" > /dev/null 2>&1 && die "copied a bad row (again)"
pg_rows "$PG2" | cmp -s - pg2.after || die "a second failed migrate changed the destination"
$G migrate --from orig.db --to "$PG2" > /dev/null 2> err.txt ||
    die "the destination of a failed copy is not usable: $(cat err.txt)"

# ---- a table the copy does not know: stops it, and the new file is removed
pg "$PG2" "CREATE TABLE extra (x integer)"
if $G migrate --from "$PG2" --to new.db 2> err.txt; then die "copied a database with an unknown table"; fi
grep -q "the source has a table 'extra' that the copy does not know" err.txt ||
    die "unknown table message: $(cat err.txt)"
[ ! -e new.db ] && [ ! -e new.db-wal ] || die "a failed migrate left new.db behind"

# ---- usage errors
if $G migrate --from orig.db --to "postgresql://giamsat@/nodb?host=/nonexistent" \
    2> err.txt; then die "a bad URI"; fi
grep -q "cannot open 'the PostgreSQL database': .*/nonexistent" err.txt ||
    die "bad URI message: $(cat err.txt)"
grep -q "nonexistent.*nodb\|nodb.*nonexistent" err.txt && die "the message prints the URI"
if $G migrate --from missing.db --to "$PG2" 2> err.txt; then die "a missing source"; fi
grep -q "no database 'missing.db'" err.txt || die "missing source: $(cat err.txt)"
[ ! -e missing.db ] || die "a missing source was created"
if $G migrate --from orig.db --to other.db 2> err.txt; then die "SQLite to SQLite"; fi
grep -q "different engines" err.txt || die "same engine: $(cat err.txt)"
if $G migrate --from orig.db 2> err.txt; then die "no --to"; fi
grep -q "use 'giamsat migrate --from SOURCE --to DEST'" err.txt || die "usage: $(cat err.txt)"
exit 0
