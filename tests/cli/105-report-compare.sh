# report --compare D0 (issue #14, "since the last report"): a fixture whose changes are
# computed by hand. Five tasks of one document (14/3/2025), as of D0 = 14/11/2025 and
# D = 24/12/2025:
#   B1 Tháng 10/2025, Bộ Tài chính         overdue at D0 and at D        (stays overdue)
#   B2 Tháng 12/2025 (due 31/12), Bộ Y tế   in progress at both         (due by D: no)
#   B3 Tháng 11/2025 (due 30/11), Bộ Y tế   in progress at D0, overdue at D   -> newly overdue
#   B4 Tháng 11/2025, Bộ Tài chính         done on 10/11 reported 20/11 -> completed since D0
#   B5 Quý III/2025, Bộ Tài chính          done 01/09, reported 05/09 (done before D0)
# Also: a repeated option is refused instead of the second value silently replacing the first.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
cat > t.csv <<'CSV'
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Thời hạn hoàn thành
1;B1;Việc quá hạn từ trước;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Tháng 10/2025
2;B2;Việc còn hạn;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Y tế;Tháng 12/2025
3;B3;Việc trở thành quá hạn;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Y tế;Tháng 11/2025
4;B4;Việc hoàn thành sau kỳ trước;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Tháng 11/2025
5;B5;Việc hoàn thành từ trước;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Quý III/2025
CSV
$G import t.csv > /dev/null
$G progress add --code B4 --unit "Bộ Tài chính" --date 20/11/2025 --done --completed-on 10/11/2025 \
    --output "Quyết định số 1/QĐ-BTC ngày 10/11/2025" > /dev/null
$G progress add --code B5 --unit "Bộ Tài chính" --date 05/09/2025 --done --completed-on 01/09/2025 \
    --output "Quyết định số 2/QĐ-BTC ngày 01/9/2025" > /dev/null

$G report --as-of 2025-12-24 --compare 2025-11-14 --format json > c.json
expect_json c.json '$.compare.as_of' 2025-11-14
# As of D0: B1 overdue; B2, B3, B4 in progress; B5 done on time.
expect_json c.json '$.compare.tasks.total' 5
expect_json c.json '$.compare.tasks.overdue' 1
expect_json c.json '$.compare.tasks.in_progress' 3
expect_json c.json '$.compare.tasks.done_on_time' 1
# As of D: B1, B3 overdue; B2 in progress; B4, B5 done on time (B4 on 10/11 <= 30/11).
expect_json c.json '$.tasks.overdue' 2
expect_json c.json '$.tasks.done_on_time' 2
expect_json c.json '$.compare.tasks_change.overdue' 1
expect_json c.json '$.compare.tasks_change.in_progress' -2
expect_json c.json '$.compare.tasks_change.done_on_time' 1
expect_json c.json '$.compare.tasks_change.total' 0
expect_json c.json '$.compare.newly_overdue[0].code' B3
expect_json c.json "\$.compare.newly_overdue[1]" ""
expect_json c.json '$.compare.completed_since[0].code' B4
expect_json c.json '$.compare.completed_since[0].completed_on' 2025-11-10
expect_json c.json "\$.compare.completed_since[1]" ""
# Per unit: Bộ Y tế 0 -> 1 overdue; Bộ Tài chính done on time 1 -> 2.
unit() { sqlite3 :memory: "select json_extract(value, '$2') from json_each(readfile('c.json'),
    '\$.compare.by_agency') where json_extract(value, '\$.agency') = '$1'"; }
[ "$(unit 'Bộ Y tế' '$.overdue')" = 0 ] || die "Bộ Y tế overdue as of D0: $(unit 'Bộ Y tế' '$.overdue')"
[ "$(unit 'Bộ Y tế' '$.change.overdue')" = 1 ] || die "Bộ Y tế overdue change"
[ "$(unit 'Bộ Tài chính' '$.done_on_time')" = 1 ] || die "Bộ Tài chính done on time as of D0"
[ "$(unit 'Bộ Tài chính' '$.change.done_on_time')" = 1 ] || die "Bộ Tài chính change"
# Every key of the report without --compare is unchanged by it.
$G report --as-of 2025-12-24 --format json > plain.json
[ "$(sqlite3 :memory: "select json_remove(readfile('c.json'), '\$.compare')")" = \
  "$(sqlite3 :memory: "select json(readfile('plain.json'))")" ] || die "--compare changed the report"

# The rendered section, and the refusals.
$G report --as-of 2025-12-24 --compare 14/11/2025 --section so_sanh > c.md
grep -q "So với số liệu ngày 14/11/2025" c.md || die "section title"
grep -q "| Đang thực hiện quá hạn | 1 | 2 | +1 |" c.md || die "headline row: $(grep quá c.md)"
if $G report --as-of 2025-12-24 --compare 2025-12-24 2> e1.txt; then die "D0 = D accepted"; fi
grep -q "phải trước ngày báo cáo" e1.txt || die "D0 = D: $(cat e1.txt)"
if $G report --as-of 2025-12-24 --compare 31-31-2025 2> e2.txt; then die "bad D0 accepted"; fi
grep -q -- "--compare" e2.txt || die "bad D0 not named: $(cat e2.txt)"
if $G report --as-of 2025-12-24 --compare 2025-11-14 --compare 2025-10-01 2> e3.txt; then
    die "a repeated --compare was accepted"; fi
grep -q "given twice" e3.txt || die "repeated option: $(cat e3.txt)"
echo "compare: hand-computed changes match"
