# The statistics report for the programme of seed 001 with a fixture of progress reports,
# in every format; hand-computed counts; reminders.
# runner: long (many reports; started first)
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
$G import "$SEEDS/001_523cb3a39135c550.txt" > /dev/null
$G report --as-of 2025-12-24 --format json > before.json
expect_json before.json '$.tasks.total' 326
expect_json before.json '$.reconciled' 1
$G import "$DATA/progress_001.csv" > /dev/null

# As of 24/12/2025: task 1 done on time, task 4 done late; task 13's completion is reported
# on 30/12 (ignored); task 10 was completed then reopened (overdue again); task 2 is recurring
# with one of its 37 units done.
$G report --as-of 2025-12-24 --format json > r.json
expect_json r.json '$.as_of' 2025-12-24
expect_json r.json '$.due_by' 2025-12-31
expect_json r.json '$.tasks.total' 326
expect_json r.json '$.tasks.done_on_time' 1
expect_json r.json '$.tasks.done_late' 1
expect_json r.json '$.tasks.overdue' "$(( $(jget before.json '$.tasks.overdue') - 2 ))"
expect_json r.json '$.tasks.recurring' "$(jget before.json '$.tasks.recurring')"
expect_json r.json '$.tasks.repeats_not_counted' 0
expect_json r.json '$.assignments.done_on_time' 2
expect_json r.json '$.assignments.done_late' 1
expect_json r.json '$.reconciled' 1
expect_json r.json '$.by_document[0].document' "Nghị quyết số 71/NQ-CP ngày 01/4/2025"
expect_json r.json '$.by_document[0].tasks.total' 326
sum=$(sqlite3 :memory: "select sum(json_extract(value, '$.overdue')) from json_each(json_extract(readfile('r.json'), '$.by_agency'))")
[ "$sum" = "$(jget r.json '$.assignments.overdue')" ] || die "by_agency overdue $sum does not add up"
[ "$(jget r.json '$.overdue[0].units_total')" -ge 1 ] || die "overdue list"
# The indicator section: Phụ lục I's 54 rows, heading 11 not counted, none measured yet.
expect_json r.json '$.indicators.as_of' 2025-12-24
expect_json r.json '$.indicators.total' 53
expect_json r.json '$.indicators.not_counted' 1
expect_json r.json '$.indicators.grey' 53
# Task 2: 37 units, 1 done -> "36/37" is what the report lists when it is overdue; it is recurring
# here, so check the assignment view instead.
$G report --as-of 2026-01-01 --format json > r2.json
expect_json r2.json '$.tasks.done_on_time' 2

# Every format, written to a file and checked by a reader.
$G report --as-of 2025-12-24 --format md -o r.md
grep -q "^# THỐNG KÊ NHIỆM VỤ" r.md || die "md title"
grep -q "Cập nhật ngày 24/12/2025" r.md || die "md date"
$G report --as-of 2025-12-24 --format html -o r.html
"$OOXML_CHECK" --xml r.html > /dev/null || die "html is not well-formed"
grep -q 'lang="vi"' r.html || die "html language"
$G report --as-of 2025-12-24 --format csv -o r.csv
grep -q "Tổng hợp chung" r.csv || die "csv sections"
$G report --as-of 2025-12-24 --format csv --section don_vi > units.csv
grep -q "Bộ Khoa học và Công nghệ" units.csv || die "csv section"
$G report --as-of 2025-12-24 --format csv --section chi_tieu > ind.csv
grep -q "^,Tổng cộng,53,0,0,0,53,0" ind.csv || die "csv indicator section"
if $G report --as-of 2025-12-24 --format csv --section nope > /dev/null 2>&1; then die "unknown section"; fi
$G report --as-of 2025-12-24 --format xlsx -o r.xlsx
"$OOXML_CHECK" --text r.xlsx > xlsx.txt || die "xlsx does not open"
grep -q "Bộ Nội vụ" xlsx.txt || die "xlsx content"
$G report --as-of 2025-12-24 --format docx -o r.docx
"$OOXML_CHECK" --text r.docx > docx.txt || die "docx does not open"
grep -q "THỐNG KÊ NHIỆM VỤ" docx.txt || die "docx content"
$G report --as-of 2025-12-24 --format docx > piped.docx
"$OOXML_CHECK" piped.docx > /dev/null || die "docx to stdout"

# Filters: one unit, one document (any written form of its reference).
$G report --as-of 2025-12-24 --agency "Bộ Nội vụ" --format json > nv.json
expect_json nv.json '$.agency' "Bộ Nội vụ"
[ "$(sqlite3 :memory: "select json_array_length(json_extract(readfile('nv.json'), '$.by_agency'))")" = 1 ] \
    || die "agency filter"
expect_json nv.json '$.indicators.total' 0
$G report --as-of 2025-12-24 --document "Nghị quyết 71/NQ-CP ngày 01/04/2025" --format json > d.json
expect_json d.json '$.tasks.total' 326
if $G report --as-of 2025-12-24 --document "Chỉ thị 99/CT-TTg ngày 01/01/2025" > /dev/null 2>&1; then
    die "unknown document accepted"; fi
if $G report --format json > /dev/null 2>&1; then die "a report without --as-of"; fi

# Reminders: Bộ Nội vụ has task 5 (due 31/5) overdue.
$G remind --as-of 2025-12-24 --within 7 --agency "Bộ Nội vụ" --format json > rm.json
expect_json rm.json '$.units[0].agency' "Bộ Nội vụ"
sqlite3 :memory: "select json_extract(value, '$.id') from json_each(json_extract(readfile('rm.json'), '$.units[0].overdue'))" | grep -qx 5 \
    || die "task 5 not in the reminder"
$G remind --as-of 2025-12-24 --within 7 --format text > rm.txt
grep -q "Kính gửi: Bộ Nội vụ" rm.txt || die "reminder letter"
$G remind --as-of 2025-12-24 --within 7 --format docx -o rm.docx
"$OOXML_CHECK" rm.docx > /dev/null || die "reminder docx"

# Where LibreOffice is installed (not required), it must open and convert both files.
if command -v soffice > /dev/null 2>&1; then
    lo() { soffice -env:UserInstallation="file://$PWD/lo" --headless --convert-to "$1" --outdir out "$2" \
        > /dev/null 2>&1 || true; }
    lo pdf r.docx
    [ -s out/r.pdf ] || die "LibreOffice cannot open the docx"
    lo "csv:Text - txt - csv (StarCalc):44,34,76" r.xlsx
    grep -q "THỐNG KÊ" out/r.csv || die "LibreOffice cannot open the xlsx"
fi

# A report for a date before the programme's document counts none of its tasks.
$G report --as-of 2025-03-31 --format json > early.json
expect_json early.json '$.tasks.total' 0
expect_json early.json '$.reconciled' 1
# --section is for the laid-out formats; a mistyped --db is an error, not an empty report.
if $G report --as-of 2025-12-24 --format json --section don_vi > /dev/null 2>&1; then
    die "--section with json accepted"; fi
if $G --db nope.db report --as-of 2025-12-24 > /dev/null 2>&1; then die "missing database accepted"; fi
[ ! -e nope.db ] || die "a mistyped --db created a database"

# A reference written without its date names the only document of that kind and number.
$G report --as-of 2025-12-24 --document "Nghị quyết 71/NQ-CP" --format json > nodate.json
expect_json nodate.json '$.tasks.total' 326
$G tasks --document "Nghị quyết 71/NQ-CP" --format json > nodate-tasks.json
[ "$(sqlite3 :memory: "select json_array_length(readfile('nodate-tasks.json'))")" = 329 ] \
    || die "tasks --document without the date"
