# Progress reports: the command line, a progress table, re-import, rejected rows.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
$G import "$SEEDS/001_523cb3a39135c550.txt" > /dev/null

# progress add: a completion, then the same report again (kept once).
$G progress add --task 1 --unit "Bộ KH&CN" --date 15/05/2025 --done --completed-on 28/04/2025 \
    --output "Quyết định số 123/QĐ-TTg ngày 28/4/2025" --json > add.json
expect_json add.json '$.added' 1
$G progress add --task 1 --unit "bo khoa hoc va cong nghe" --date 2025-05-15 --done \
    --completed-on 2025-04-28 --output "Quyết định số 123/QĐ-TTg ngày 28/4/2025" --json > again.json
expect_json again.json '$.duplicates' 1
[ "$(db_count 'select count(*) from progress_report')" = 1 ] || die "duplicate report stored"
[ "$(db_count "select output_number from progress_report")" = "123/QĐ-TTg" ] || die "output ref"

# Each refusal names the reason and writes nothing.
before=$(snapshot)
if $G progress add --task 1 --unit "Bộ Y tế" --date 2025-05-15 --result "Đang làm" 2> err.txt; then die "not a lead unit accepted"; fi
grep -q "không phải cơ quan chủ trì" err.txt || die "reason for a unit that is not lead"
if $G progress add --task 1 --unit "Bộ KH&CN" --date 2027-01-01 --result "Đang làm" 2> err.txt; then die "future accepted"; fi
grep -q "trong tương lai" err.txt || die "reason for a future date"
if $G progress add --task 1 --unit "Bộ KH&CN" --date 2025-05-15 --done --completed-on 2025-01-02 \
    --output "Quyết định số 1/QĐ-BKHCN ngày 02/01/2025" 2> err.txt; then
    die "completion before the document accepted"; fi
grep -q "trước ngày của văn bản" err.txt || die "reason for an early completion"
if $G progress add --task 9999 --unit "Bộ KH&CN" --date 2025-05-15 --result "Đang làm" 2> err.txt; then die "unknown task accepted"; fi
grep -q "không có nhiệm vụ" err.txt || die "reason for an unknown task"
[ "$(snapshot)" = "$before" ] || die "a refused report changed the database"

# Reports cannot be changed or deleted, even in SQL.
if sqlite3 giamsat.db "delete from progress_report" 2> /dev/null; then die "delete allowed"; fi
if sqlite3 giamsat.db "update progress_report set result = 'x'" 2> /dev/null; then die "update allowed"; fi

# A progress table in the layout of official tables (detected by its Ngày báo cáo column).
$G import "$DATA/progress_001.csv" --json > imp.json
expect_json imp.json '$.rows' 7
expect_json imp.json '$.added' 7
expect_json imp.json '$.duplicates' 0
expect_json imp.json '$.reopenings' 1
$G import "$DATA/progress_001.csv" --json > imp2.json
expect_json imp2.json '$.added' 0
expect_json imp2.json '$.duplicates' 7
[ "$(db_count "select count(*) from progress_report where source = 'import' and original like '%Kết quả: Đã trình Thủ tướng%'")" = 1 ] \
    || die "the row as written is not kept"

# A table with bad rows: every row named with its reason, nothing written, exit 1.
before=$(snapshot)
if $G import "$DATA/progress_bad.csv" 2> bad.txt; then die "bad table accepted"; fi
for reason in "dòng 2: .*không phải cơ quan chủ trì" "dòng 3: .*không có nhiệm vụ có Mã '999'" \
    "dòng 4: .*trong tương lai" "dòng 5: .*trước ngày của văn bản" \
    "dòng 6: .*không đọc được Hoàn thành" "dòng 7: .*sau ngày báo cáo"; do
    grep -q "$reason" bad.txt || die "missing rejection: $reason"
done
[ "$(snapshot)" = "$before" ] || die "a rejected table changed the database"
# --allow-partial keeps the one good row.
$G import "$DATA/progress_bad.csv" --allow-partial --json > partial.json 2> /dev/null || true
expect_json partial.json '$.added' 1

# The timeline of a task, replayable.
$G progress list --task 10 --format json > tl.json
expect_json tl.json '$[0].kind' done
expect_json tl.json '$[1].kind' reopen

# Ids are whole numbers; a repeated task or a group takes no report; a reopening must reopen.
if $G progress add --task 1abc --unit "Bộ KH&CN" --date 2025-05-15 --result "Đang làm" 2> err.txt; then die "1abc accepted"; fi
grep -q "không phải mã số nhiệm vụ" err.txt || die "reason for 1abc"
if $G progress add --task 5 --unit "Bộ Nội vụ" --date 2025-06-01 --reopen --result "Nhầm" 2> err.txt; then
    die "reopening an open task accepted"; fi
grep -q "không có gì để mở lại" err.txt || die "reason for a reopening of nothing"
group=$(db_count "select id from task where is_group = 1 limit 1")
if $G progress add --task "$group" --unit "Bộ KH&CN" --date 2025-05-15 --result "Đang làm" 2> err.txt; then
    die "a group accepted a report"; fi
grep -q "nhóm gồm các nhiệm vụ con" err.txt || die "reason for a group"

# done, reopen, done on one day in one table are three reports; importing it again adds none.
cat > again.csv <<'CSV'
Mã,Đơn vị,Ngày báo cáo,Hoàn thành,Ngày hoàn thành,Kết quả thực hiện
5,Bộ Nội vụ,01/07/2025,x,30/06/2025,Đã ban hành
5,Bộ Nội vụ,01/07/2025,mở lại,,Đã ban hành
5,Bộ Nội vụ,01/07/2025,x,30/06/2025,Đã ban hành
CSV
$G import again.csv --json > a1.json
expect_json a1.json '$.added' 3
$G import again.csv --json > a2.json
expect_json a2.json '$.added' 0
expect_json a2.json '$.duplicates' 3
