# Indicators (issue #5): the list after demo (Phụ lục I of seed 001 and the 2025 targets of
# seed 002), measurements that turn statuses green, amber, red or leave them grey, the rule
# next to each status, dates in the past replayed, and bad input refused with nothing written.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
$G demo > /dev/null

list() { $G indicators --format json "$@" > "$LIST"; }
LIST=l.json

# 54 rows of Phụ lục I (41 + 13 sub-indicators) and 25 targets of the plan, all grey.
list
[ "$(sqlite3 :memory: "select json_array_length(readfile('l.json'))")" = 79 ] || die "count"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('l.json'))
    where json_extract(value, '$.document') = 'Nghị quyết số 71/NQ-CP ngày 01/4/2025'")" = 54 ] \
    || die "54 indicators of 71/NQ-CP"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('l.json'))
    where json_extract(value, '$.code') like 'KH2025.%' and json_extract(value, '$.horizon') = 2025
    and json_extract(value, '$.document') like 'Kế hoạch chuyển đổi số năm 2025%'")" = 25 ] \
    || die "25 targets of the 2025 plan"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('l.json'))
    where json_extract(value, '$.status') <> 'grey'")" = 0 ] || die "not all grey"
expect_ind l.json 11.1 '$.name' "Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp"
expect_ind l.json 11.1 '$.target_text' '≥ 80'
expect_ind l.json 11.1 '$.horizon' 2030
expect_ind l.json 11.1 '$.latest' ''
expect_ind l.json 11.1 '$.rule' 'Chưa có số liệu đến ngày 15/01/2026'
expect_ind l.json 4 '$.target.form' 'Đông Nam Á: ≤ 3; Thế giới: ≤ 50'
expect_ind l.json 4 '$.target.lower_is_better' 1
expect_ind l.json KH2025.11 '$.target_text' 'tối thiểu 50%, phấn đấu đạt 70%'
expect_ind l.json KH2025.11 '$.field' 'Xã hội số'
expect_ind l.json KH2025.1 '$.target.form' '≥ 80%; khối bộ: ≥ 85%; khối địa phương: ≥ 70%'
expect_ind l.json 1 '$.rule' 'Mục tiêu định tính: chờ người theo dõi đánh giá (đạt, chưa đạt hoặc đúng lộ trình)'

# Green: the value meets the target, with the rule of the issue word for word.
$G measure add --indicator 11.1 --date 31/12/2025 --value 82% --source "Báo cáo Bộ KH&CN" \
    --json > add.json
expect_json add.json '$.code' 11.1
expect_json add.json '$.status' green
expect_json add.json '$.rule' 'Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt'
list
expect_ind l.json 11.1 '$.status' green
expect_ind l.json 11.1 '$.latest.date' 2025-12-31
expect_ind l.json 11.1 '$.latest.value' 82
expect_ind l.json 11.1 '$.latest.source' 'Báo cáo Bộ KH&CN'
# A decimal comma; exactly on the target.
$G measure add --indicator 14 --date 2025-12-31 --value "0,72" > /dev/null
$G measure add --indicator 11.5 --date 2025-12-31 --value 80 > /dev/null
list
expect_ind l.json 14 '$.latest.value' 0.72
expect_ind l.json 14 '$.rule' 'Giá trị 0,72 (31/12/2025) > mục tiêu 0,7: đạt'
expect_ind l.json 11.5 '$.status' green

# Amber then red: the straight path from the first measurement (40% at the end of 2024) to
# 80% at the end of 2030.
$G measure add --indicator 12 --date 31/12/2024 --value 40 > /dev/null
$G measure add --indicator 12 --date 31/12/2025 --value 50 > /dev/null
list
expect_ind l.json 12 '$.status' amber
expect_ind l.json 12 '$.rule' 'Giá trị 50% (31/12/2025) < mục tiêu 80%; lộ trình từ 40% (31/12/2024, số đo đầu tiên) đến 80% (31/12/2030) cần 46,664% vào ngày đo: đúng lộ trình'
GIAMSAT_TODAY=2027-01-15 $G measure add --indicator 12 --date 31/12/2026 --value 50 > /dev/null
$G indicators --format json --as-of 2027-01-15 > l2027.json
expect_ind l2027.json 12 '$.status' red
ind l2027.json 12 '$.rule' | grep -q 'cần 53,327% vào ngày đo: chậm' || die "rule of red 12"
# The past is replayed: as of 2026-01-15 the 2026 value did not exist yet.
list
expect_ind l.json 12 '$.status' amber
# A baseline set by a person replaces the first measurement as the start of the path.
$G measure baseline --indicator 12 --date 31/12/2024 --value 48 > /dev/null
list
expect_ind l.json 12 '$.status' red
expect_ind l.json 12 '$.baseline.value' 48

# Past the horizon: a 2025 target of the plan unmet on 31/12/2025.
$G measure add --indicator KH2025.3 --date 31/12/2025 --value 65% > /dev/null
list
expect_ind l.json KH2025.3 '$.status' red
ind l.json KH2025.3 '$.rule' | grep -q 'đã quá năm đích 2025: chậm' || die "past the horizon"

# Ranks: smaller is better; two scales must both be met; --unit names a scale.
$G measure add --indicator 33 --date 31/12/2025 --value "thứ 9" > /dev/null
$G measure add --indicator 4 --unit "Đông Nam Á" --date 31/12/2025 --value 2 > /dev/null
list
expect_ind l.json 33 '$.status' green
expect_ind l.json 4 '$.status' grey
ind l.json 4 '$.rule' | grep -q '\[Thế giới\] Chưa có số liệu' || die "two scales, one missing"
$G measure add --indicator 4 --unit "the gioi" --date 31/12/2025 --value 45 > /dev/null
list
expect_ind l.json 4 '$.status' green
expect_ind l.json 4 '$.parts[1].label' 'Thế giới'
expect_ind l.json 4 '$.parts[1].latest.bloc' 'Thế giới'

# A floor and a stretch: the floor decides, the rule names the stretch.
$G measure add --indicator KH2025.11 --date 31/12/2025 --value 55% > /dev/null
list
expect_ind l.json KH2025.11 '$.status' green
expect_ind l.json KH2025.11 '$.rule' 'Giá trị 55% (31/12/2025) ≥ mức tối thiểu 50%, chưa đạt mức phấn đấu 70%: đạt'

# A breakdown: khối bộ green, khối địa phương red, so the indicator is red.
$G measure add --indicator KH2025.1 --date 31/12/2025 --value 82% > /dev/null
$G measure add --indicator KH2025.1 --bloc "khối bộ" --date 31/12/2025 --value 90% > /dev/null
$G measure add --indicator KH2025.1 --unit "địa phương" --date 31/12/2025 --value 60% > /dev/null
list
expect_ind l.json KH2025.1 '$.status' red
expect_ind l.json KH2025.1 '$.parts[1].status' green
expect_ind l.json KH2025.1 '$.parts[2].status' red
expect_ind l.json KH2025.1 '$.parts[2].label' 'khối địa phương'
ind l.json KH2025.1 '$.rule' | grep -q 'Phải đạt ở mọi khối: chậm' || die "breakdown rule"

# A text target: grey until a person judges it.
$G measure add --indicator 1 --date 31/12/2025 --value "đạt" > /dev/null
$G measure add --indicator KH2025.21 --date 30/06/2025 --value "chưa đạt" > /dev/null
list
expect_ind l.json 1 '$.status' green
expect_ind l.json 1 '$.latest.judgement' 'đạt'
expect_ind l.json KH2025.21 '$.status' red

# A unit's own measurement is history of that unit, not the national figure.
$G measure add --indicator 31 --unit "Bộ Y tế" --date 31/12/2025 --value 90 > unit.txt
grep -q "của Bộ Y tế" unit.txt || die "unit measurement"
list
expect_ind l.json 31 '$.status' grey

# The table and CSV forms; history; the audit log; measurements cannot be changed.
$G indicators > table.txt
grep -q "^Chỉ tiêu tính đến ngày 15/01/2026: 79 chỉ tiêu; " table.txt || die "table header"
grep -q "^11.1	đạt	82% (31/12/2025)	≥ 80	" table.txt || die "table row"
$G indicators --format csv > l.csv
head -n 1 l.csv | grep -q '^code,name,unit,target_text,horizon,latest_date,latest_value,status,rule' \
    || die "csv header"
grep -q '^11.1,.*,2030,2025-12-31,82%,green,' l.csv || die "csv row"
$G measure list --indicator 12 --format json > h.json
expect_json h.json '$[0].date' 2024-12-31
expect_json h.json '$[2].value' 50
expect_json h.json '$[2].entered_via' cli
[ "$(db_count "select count(*) from audit_log where action = 'measurement.add'")" = \
    "$(db_count 'select count(*) from measurement')" ] || die "audit lines"
if sqlite3 giamsat.db "delete from measurement" 2> /dev/null; then die "delete allowed"; fi
if sqlite3 giamsat.db "update measurement set value = 1" 2> /dev/null; then die "update allowed"; fi

# Bad input: refused with a message naming the field, the database unchanged.
before=$(snapshot)
refuse() { # message part, then the arguments of measure add
    want=$1; shift
    if $G measure add "$@" > out.txt 2> err.txt; then die "accepted: $*"; fi
    grep -q -- "$want" err.txt || { cat err.txt; die "message lacks '$want' ($*)"; }
    [ "$(snapshot)" = "$before" ] || die "refused input changed the database ($*)"
}
refuse "--indicator: không có chỉ tiêu mã '99'" --indicator 99 --date 31/12/2025 --value 5
refuse "thiếu --indicator" --date 31/12/2025 --value 5
refuse "thiếu --value" --indicator 12 --date 31/12/2025
refuse "thiếu --date" --indicator 12 --value 5
refuse "--date '31/02/2025'" --indicator 12 --date 31/02/2025 --value 5
refuse "--date: ngày đo 31/12/2026 là ngày trong tương lai" --indicator 12 --date 31/12/2026 --value 5
refuse "--value: không đọc được giá trị '5abc'" --indicator 12 --date 31/12/2025 --value 5abc
refuse "--value: giá trị là tỷ lệ % nhưng chỉ tiêu 7 tính bằng 'Doanh nghiệp'" \
    --indicator 7 --date 31/12/2025 --value 5%
refuse "--value: tỷ lệ của chỉ tiêu 12 phải từ 0 đến 100%" --indicator 12 --date 31/12/2025 --value 120%
refuse "--value: thứ hạng của chỉ tiêu 33 phải là số nguyên" --indicator 33 --date 31/12/2025 --value 2,5
refuse "--value: chỉ tiêu 2 có mục tiêu định tính" --indicator 2 --date 31/12/2025 --value 80
refuse "--value: chỉ tiêu 11 là nhóm" --indicator 11 --date 31/12/2025 --value 80
refuse "--unit: chỉ tiêu 5 có mục tiêu riêng cho từng thang đo hay khối (Đông Nam Á, Thế giới)" \
    --indicator 5 --date 31/12/2025 --value 3
refuse "--bloc: chỉ tiêu 5 không có thang đo hay khối 'Châu Á'" \
    --indicator 5 --bloc "Châu Á" --date 31/12/2025 --value 3
refuse "--unit: 'Nowhere' không phải một đơn vị" --indicator 12 --unit Nowhere --date 31/12/2025 --value 5
# A baseline is read and checked as the indicator page does (baseline_check()).
refuse_baseline() { # message part, then the arguments of measure baseline
    want=$1; shift
    if $G measure baseline "$@" > out.txt 2> err.txt; then die "baseline accepted: $*"; fi
    grep -q -- "$want" err.txt || { cat err.txt; die "message lacks '$want' ($*)"; }
    [ "$(snapshot)" = "$before" ] || die "refused baseline changed the database ($*)"
}
refuse_baseline "--value: một mốc cơ sở là một số, không phải một đánh giá" \
    --indicator 12 --date 31/12/2024 --value "đạt"
refuse_baseline "--value: không đọc được giá trị 'bốn mươi'" \
    --indicator 12 --date 31/12/2024 --value "bốn mươi"
refuse_baseline "--date: ngày của mốc cơ sở 31/12/2026 là ngày trong tương lai (hôm nay là 15/01/2026)" \
    --indicator 12 --date 31/12/2026 --value 40
refuse_baseline "--value: giá trị là tỷ lệ % nhưng chỉ tiêu 7 tính bằng 'Doanh nghiệp'" \
    --indicator 7 --date 31/12/2024 --value 5%
refuse_baseline "--value: tỷ lệ của chỉ tiêu 12 phải từ 0 đến 100%" \
    --indicator 12 --date 31/12/2024 --value 140
refuse_baseline "--value: chỉ tiêu 2 có mục tiêu định tính" --indicator 2 --date 31/12/2024 --value 40
refuse_baseline "--value: chỉ tiêu 11 là nhóm" --indicator 11 --date 31/12/2024 --value 40
refuse_baseline "--value: chỉ tiêu 4 có mục tiêu riêng cho từng thang đo hay khối" \
    --indicator 4 --date 31/12/2024 --value 5
[ "$(db_count "select count(*) from audit_log where action = 'indicator.baseline'")" = 1 ] \
    || die "baseline audit lines"
if $G indicators --as-of 2025-13-01 2> err.txt; then die "bad --as-of accepted"; fi
grep -q -- "--as-of '2025-13-01' is not a date" err.txt || die "--as-of message"
if $G indicators --format xml 2> err.txt; then die "bad --format accepted"; fi
grep -q "unknown format 'xml'" err.txt || die "--format message"
if $G --db nowhere.db indicators 2> err.txt; then die "missing database accepted"; fi
[ ! -e nowhere.db ] || die "a missing database was created"
[ "$(snapshot)" = "$before" ] || die "refusals changed the database"
