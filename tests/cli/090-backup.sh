# giamsat backup / restore (issue #10 defect 12): a backup is a checked, standalone copy;
# restore refuses anything that is not a giamsat database it can migrate, leaving the
# database exactly as it was, and keeps the database it replaces.
# backend: sqlite-only (these are SQLite's copies; PostgreSQL has pg_dump, docs/DEPLOY.md)
set -eu
. "$(dirname "$0")/lib.sh"
export GIAMSAT_TODAY=2025-12-24
$GIAMSAT demo > /dev/null
$GIAMSAT progress add --code 1 --document "Nghị quyết số 71/NQ-CP ngày 01/4/2025" \
    --unit "Bộ Khoa học và Công nghệ" --date 2025-05-01 --result "trước sao lưu" > /dev/null
tasks=$(db_count 'select count(*) from task')
reports=$(db_count 'select count(*) from progress_report')

$GIAMSAT backup copy.db > out.txt || die "backup failed: $(cat out.txt)"
grep -q "kiểm tra toàn vẹn: ok" out.txt || die "backup does not report its check: $(cat out.txt)"
grep -q "$tasks nhiệm vụ, $reports báo cáo" out.txt || die "backup counts: $(cat out.txt)"
[ ! -e copy.db-wal ] || die "the copy needs a -wal file beside it"
[ "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok ] || die "copy not ok"
[ "$(sqlite3 copy.db 'select count(*) from progress_report')" = "$reports" ] || die "copy lacks reports"
[ "$(sqlite3 copy.db 'PRAGMA journal_mode')" = delete ] || die "the copy is not standalone"
# Never over an existing file.
if $GIAMSAT backup copy.db 2> err.txt; then die "backup overwrote copy.db"; fi
grep -q "already exists" err.txt || die "no message for an existing file: $(cat err.txt)"
ls ./*.tmp-* 2> /dev/null && die "a temporary file was left behind"

# A change after the backup, then restore: the change is gone, the old database is kept.
$GIAMSAT progress add --code 1 --document "Nghị quyết số 71/NQ-CP ngày 01/4/2025" \
    --unit "Bộ Khoa học và Công nghệ" --date 2025-06-01 --result "sau sao lưu" > /dev/null
$GIAMSAT restore copy.db > out.txt || die "restore failed: $(cat out.txt)"
[ "$(db_count "select count(*) from progress_report where result = 'sau sao lưu'")" = 0 ] \
    || die "restore did not bring the backup back"
[ "$(db_count 'select count(*) from progress_report')" = "$reports" ] || die "restored reports"
kept=$(ls giamsat.db.truoc-khoi-phuc-* | head -n 1)
[ -n "$kept" ] || die "the replaced database was not kept"
grep -q "$kept" out.txt || die "restore does not say where the old database is: $(cat out.txt)"
[ "$(sqlite3 "$kept" "select count(*) from progress_report where result = 'sau sao lưu'")" = 1 ] \
    || die "the kept database lacks the change made after the backup"
$GIAMSAT report --as-of 2025-12-24 --format json > /dev/null || die "restored database unusable"

# Files that are not a giamsat database: refused by name, nothing changed, nothing created.
before=$(snapshot)
printf 'Mã,Tên nhiệm vụ\n1,x\n' > notdb.csv
sqlite3 other.db 'create table t(x); insert into t values (1);'
head -c 20000 copy.db > truncated.db
sqlite3 future.db "PRAGMA user_version = 999; create table task(id);"
for f in notdb.csv other.db truncated.db future.db missing.db; do
    if $GIAMSAT restore "$f" 2> err.txt; then die "restore accepted $f"; fi
    grep -q "$f" err.txt || die "the message does not name $f: $(cat err.txt)"
done
[ "$(snapshot)" = "$before" ] || die "a refused restore changed the database"
[ "$(ls giamsat.db.truoc-khoi-phuc-* | wc -l)" = 1 ] || die "a refused restore kept a copy"
# Restore onto a machine with no database yet.
$GIAMSAT --db fresh.db restore copy.db > /dev/null || die "restore into a new file"
[ "$(sqlite3 fresh.db 'select count(*) from task')" = "$tasks" ] || die "fresh restore"
