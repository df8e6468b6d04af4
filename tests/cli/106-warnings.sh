# giamsat warnings (issue #15): each task rule at its edge, computed by hand. One document
# of 14/3/2025; reports as of D = 17/12/2025 unless said:
#   W1 Tháng 10/2025 (due 31/10), Bộ Tài chính: overdue since 01/11/2025
#   W2 Tháng 12/2025 (due 31/12), Bộ Y tế: 14 days left as of 17/12 -> due_soon (since 17/12);
#      as of 16/12 (15 days left) no due_soon
#   W3 Năm 2026, Bộ Y tế, last report 17/11/2025: exactly 30 days -> no_report since 17/12
#   W4 Năm 2026, Bộ Tài chính, last report 18/11/2025: 29 days -> no no_report
#   W5 Năm 2026, Bộ Tài chính, done: no warning
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
cat > t.csv <<'CSV'
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Thời hạn hoàn thành
1;W1;Việc quá hạn;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Tháng 10/2025
2;W2;Việc sắp đến hạn;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Y tế;Tháng 12/2025
3;W3;Việc lâu không báo cáo;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Y tế;Năm 2026
4;W4;Việc mới báo cáo;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Năm 2026
5;W5;Việc đã xong;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Năm 2026
CSV
$G import t.csv > /dev/null
for t in W1 W2; do
    $G progress add --code $t --unit "$( [ $t = W1 ] && echo 'Bộ Tài chính' || echo 'Bộ Y tế')" \
        --date 10/12/2025 --result "Đang làm" > /dev/null
done
$G progress add --code W3 --unit "Bộ Y tế" --date 17/11/2025 --result "Đang làm" > /dev/null
$G progress add --code W4 --unit "Bộ Tài chính" --date 18/11/2025 --result "Đang làm" > /dev/null
$G progress add --code W5 --unit "Bộ Tài chính" --date 01/12/2025 --done --completed-on 01/12/2025 \
    --output "Quyết định số 5/QĐ-BTC ngày 01/12/2025" > /dev/null

id() { db_count "select id from task where code = '$1'"; }
# w FILE RULE TASK PATH: PATH of the warning RULE on task TASK (empty: none)
w() { sqlite3 :memory: "select json_extract(value, '$4') from json_each(readfile('$1'))
    where json_extract(value, '\$.rule') = '$2' and json_extract(value, '\$.task') = $3"; }
count() { sqlite3 :memory: "select count(*) from json_each(readfile('$1'))
    where json_extract(value, '\$.rule') = '$2'"; }

$G warnings --as-of 2025-12-17 --format json > d.json
[ "$(w d.json overdue "$(id W1)" '$.since')" = 2025-11-01 ] || die "W1 overdue since"
[ "$(w d.json overdue "$(id W1)" '$.severity')" = cao ] || die "W1 severity"
[ "$(w d.json overdue "$(id W1)" '$.unit')" = "Bộ Tài chính" ] || die "W1 unit"
[ "$(w d.json overdue "$(id W1)" '$.indicator')" = "" ] || die "W1 indicator is not null"
[ "$(count d.json overdue)" = 1 ] || die "overdue: $(count d.json overdue), want 1"
[ "$(w d.json due_soon "$(id W2)" '$.since')" = 2025-12-17 ] || die "W2 due_soon at 14 days"
[ "$(w d.json due_soon "$(id W2)" '$.severity')" = trung_binh ] || die "W2 severity"
[ "$(count d.json due_soon)" = 1 ] || die "due_soon: $(count d.json due_soon), want 1"
[ "$(w d.json no_report "$(id W3)" '$.since')" = 2025-12-17 ] || die "W3 no_report at 30 days"
[ "$(w d.json no_report "$(id W3)" '$.severity')" = thap ] || die "W3 severity"
[ -z "$(w d.json no_report "$(id W4)" '$.since')" ] || die "W4 warned at 29 days"
[ -z "$(w d.json no_report "$(id W5)" '$.since')" ] || die "W5 done but warned"
grep -q '"reason": "Quá hạn 47 ngày (thời hạn 31/10/2025)' d.json || die "W1 reason"

# A day earlier: W2 has 15 days left, W3 29 days without a report.
$G warnings --as-of 2025-12-16 --format json > e.json
[ -z "$(w e.json due_soon "$(id W2)" '$.since')" ] || die "W2 warned at 15 days"
[ -z "$(w e.json no_report "$(id W3)" '$.since')" ] || die "W3 warned at 29 days"

# Filters and formats.
$G warnings --as-of 2025-12-17 --agency "Bộ Y tế" --format json > y.json
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('y.json'))
    where json_extract(value, '\$.unit') <> 'Bộ Y tế'")" = 0 ] || die "--agency kept another unit"
[ "$(count y.json due_soon)" = 1 ] || die "--agency lost Bộ Y tế's warning"
$G warnings --as-of 2025-12-17 --rule overdue --format json > o.json
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('o.json'))")" = 1 ] || die "--rule"
$G warnings --as-of 2025-12-17 --format csv > w.csv
grep -q "Sắp đến hạn" w.csv || die "csv"
$G warnings --as-of 2025-12-17 > w.txt
grep -q "CẢNH BÁO SỚM" w.txt || die "table"
if $G warnings --rule nope 2> e1.txt; then die "unknown rule accepted"; fi
grep -q "unknown rule 'nope'" e1.txt || die "unknown rule: $(cat e1.txt)"
if $G warnings --agency "Bộ Không Có" 2> e2.txt; then die "unknown unit accepted"; fi
# The settings are data: a wider due_soon window warns W2 a day earlier, a rule turned off
# warns nothing, a severity changes; every change audited; a bad value writes nothing.
$G warnings rules --format json > r0.json
expect_json r0.json '$[1].rule' due_soon
expect_json r0.json '$[1].days' 14
$G warnings set due_soon --days 15
$G warnings set overdue --off
$G warnings set no_report --severity cao
$G warnings --as-of 2025-12-16 --format json > f.json
[ "$(w f.json due_soon "$(id W2)" '$.since')" = 2025-12-16 ] || die "due_soon --days 15"
[ "$(count f.json overdue)" = 0 ] || die "overdue --off still warns"
$G warnings --as-of 2025-12-17 --format json > g.json
[ "$(w g.json no_report "$(id W3)" '$.severity')" = cao ] || die "no_report --severity cao"
[ "$(db_count "select count(*) from audit_log where action = 'warning_rule.set'")" = 3 ] \
    || die "three changes, want three audit lines"
db_count "select after from audit_log where action = 'warning_rule.set' order by id limit 1" \
    | grep -q '"days":15' || die "audit after"
before=$(snapshot)
if $G warnings set due_soon --days 0 2> e3.txt; then die "0 days accepted"; fi
grep -q "từ 1 đến 366" e3.txt || die "days refusal: $(cat e3.txt)"
if $G warnings set unit_rate --threshold 101 2> e4.txt; then die "threshold 101 accepted"; fi
if $G warnings set nope 2> e5.txt; then die "unknown rule set"; fi
[ "$(snapshot)" = "$before" ] || die "a refused setting changed the database"
echo "warnings: every edge as computed by hand"
