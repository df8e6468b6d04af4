# The statistics report's indicator section (issue #5): after demo (79 indicators, of which
# heading 11 has no target: 78 counted) and a few measurements, the counts per status, per
# horizon, per monitoring agency and per group are the ones computed by hand below, in every
# format; the reconciliation lists the indicator checks; --agency narrows the section; a
# report for an earlier date replays the statuses of that date.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
$G demo > /dev/null

# Green: 11.1 (82% ≥ 80, Bộ KH&CN), 33 (rank 9 ≤ 10, Bộ Công an), 1 (judged "đạt", Bộ KH&CN).
# Amber: 12 (40% at the end of 2024, 50% at the end of 2025, on the path to 80% in 2030, NHNN).
# Red: KH2025.1 (khối địa phương 60% < 70%) and KH2025.3 (65% < 70%, past 2025); both
# "Chính phủ số", no monitoring agency. Grey: the other 72.
$G measure add --indicator 11.1 --date 31/12/2025 --value 82% > /dev/null
$G measure add --indicator 33 --date 31/12/2025 --value "thứ 9" > /dev/null
$G measure add --indicator 1 --date 31/12/2025 --value "đạt" > /dev/null
$G measure add --indicator 12 --date 31/12/2024 --value 40 > /dev/null
$G measure add --indicator 12 --date 31/12/2025 --value 50 > /dev/null
$G measure add --indicator KH2025.1 --date 31/12/2025 --value 82% > /dev/null
$G measure add --indicator KH2025.1 --bloc "khối bộ" --date 31/12/2025 --value 90% > /dev/null
$G measure add --indicator KH2025.1 --bloc "khối địa phương" --date 31/12/2025 --value 60% \
    > /dev/null
$G measure add --indicator KH2025.3 --date 31/12/2025 --value 65% > /dev/null

# row FILE ARRAY KEY VALUE PATH -> PATH of the item of $.indicators.ARRAY whose KEY is VALUE
row() { sqlite3 :memory: "select json_extract(value, '$5') from
    json_each(json_extract(readfile('$1'), '$.indicators.$2')) where CAST(json_extract(value, '$.$3') AS TEXT) = '$4'"; }
# expect_row FILE ARRAY KEY VALUE "total green amber red grey green_rate"
expect_row() {
    v=$(sqlite3 -separator ' ' :memory: "select json_extract(value, '$.total'),
        json_extract(value, '$.green'), json_extract(value, '$.amber'), json_extract(value, '$.red'),
        json_extract(value, '$.grey'), json_extract(value, '$.green_rate') from
        json_each(json_extract(readfile('$1'), '$.indicators.$2')) where CAST(json_extract(value, '$.$3') AS TEXT) = '$4'")
    [ "$v" = "$5" ] || die "$2 $4: '$v', want '$5' ($1)"
}
# sum FILE ARRAY KEY -> the sum of KEY over $.indicators.ARRAY
sum() { sqlite3 :memory: "select sum(json_extract(value, '$.$3')) from
    json_each(json_extract(readfile('$1'), '$.indicators.$2'))"; }

# ---- JSON: the headline, each breakdown, the items --------------------------------------
$G report --as-of 2026-01-15 --format json > r.json
expect_json r.json '$.reconciled' 1
# The checks end with the indicator section's, as Đối soát lists them in every format.
# check KEY -> "total sum ok" of that check in r.json
check() { sqlite3 -separator ' ' :memory: "select json_extract(value, '$.total'),
    json_extract(value, '$.sum'), json_extract(value, '$.ok') from
    json_each(json_extract(readfile('r.json'), '$.checks')) where json_extract(value, '$.check') = '$1'"; }
for k in indicators indicators.by_horizon indicators.by_agency indicators.by_field \
    indicators.stored; do
    [ "$(check "$k")" = "78 78 1" ] || die "JSON check $k: '$(check "$k")'"
done
# The last one is counted apart: the database's number of indicators with a target (SQL, in
# the read that loads them) against the board's parsed targets.
expect_json r.json '$.checks[#-1].check' indicators.stored
[ "$(db_count "select count(*) from indicator where trim(target_text) <> ''")" = 78 ] \
    || die "the database does not hold 78 targets"

expect_json r.json '$.indicators.as_of' 2026-01-15
expect_json r.json '$.indicators.total' 78
expect_json r.json '$.indicators.not_counted' 1
expect_json r.json '$.indicators.green' 3
expect_json r.json '$.indicators.amber' 1
expect_json r.json '$.indicators.red' 2
expect_json r.json '$.indicators.grey' 72
expect_json r.json '$.indicators.green_rate' 4 # 3/78 = 3.8%
expect_row r.json by_horizon horizon 2025 "25 0 0 2 23 0"
expect_row r.json by_horizon horizon 2030 "47 3 1 0 43 6"
expect_row r.json by_horizon horizon 2045 "6 0 0 0 6 0"
expect_json r.json '$.indicators.by_horizon[0].label' "Đến năm 2025"
expect_row r.json by_agency agency "Bộ Khoa học và Công nghệ" "32 2 0 0 30 6"
expect_row r.json by_agency agency "Ngân hàng Nhà nước Việt Nam" "2 0 1 0 1 0"
expect_row r.json by_agency agency "Bộ Công an" "6 1 0 0 5 17"
expect_row r.json by_agency agency "Chưa xác định cơ quan theo dõi" "25 0 0 2 23 0"
expect_row r.json by_field field "Chính phủ số" "3 0 0 2 1 0"
expect_row r.json by_field field "Chưa phân nhóm" "53 3 1 0 49 6"
for a in by_horizon by_agency by_field; do
    for k in total green amber red grey; do
        [ "$(sum r.json $a $k)" = "$(jget r.json "\$.indicators.$k")" ] || die "$a.$k does not add up"
    done
done
[ "$(sqlite3 :memory: "select json_array_length(json_extract(readfile('r.json'), '$.indicators.items'))")" = 78 ] \
    || die "78 items"
[ "$(row r.json items code 11 '$.code')" = "" ] || die "heading 11 listed among the counted items"
# Each item is the item of `giamsat indicators --format json`, byte for byte once normalised.
$G indicators --as-of 2026-01-15 --format json > l.json
for code in 11.1 12 KH2025.1 4; do
    a=$(row r.json items code "$code" '$')
    b=$(sqlite3 :memory: "select json(value) from json_each(readfile('l.json'))
        where json_extract(value, '$.code') = '$code'")
    [ -n "$a" ] && [ "$a" = "$b" ] || die "item $code differs from 'indicators': $a / $b"
done
[ "$(row r.json items code KH2025.1 '$.status')" = red ] || die "KH2025.1 status"
[ "$(row r.json items code 12 '$.status_label')" = "đúng lộ trình" ] || die "12 label"

# ---- Markdown and HTML: the section, the headline, a rule, the checks -------------------
$G report --as-of 2026-01-15 --format md -o r.md
grep -q "^## VII. Kết quả thực hiện các chỉ tiêu$" r.md || die "md section title"
grep -q "^## VIII. Đối soát số liệu$" r.md || die "md checks renumbered"
grep -q "^Tính đến ngày 15/01/2026, có 78 chỉ tiêu có mục tiêu (không tính 1 mục chỉ nêu nhóm các chỉ tiêu thành phần); trong đó: 3 chỉ tiêu đạt (chiếm 4%), 1 chỉ tiêu đúng lộ trình, 2 chỉ tiêu chậm, 72 chỉ tiêu chưa đánh giá.$" r.md \
    || die "md headline: $(grep '^Tính đến ngày' r.md)"
grep -q "^| 11.1 | .* | % | ≥ 80 | 82% (31/12/2025) | đạt | Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt |$" r.md \
    || die "md row of 11.1"
grep -q "^| KH2025.1 | .* | 82% (31/12/2025); khối bộ: 90% (31/12/2025); khối địa phương: 60% (31/12/2025) | chậm | .*Phải đạt ở mọi khối: chậm |$" r.md \
    || die "md row of KH2025.1"
grep -q "^|  | \*\*Tổng cộng\*\* | \*\*78\*\* | \*\*3\*\* | \*\*1\*\* | \*\*2\*\* | \*\*72\*\* | \*\*4%\*\* |$" r.md \
    || die "md total row"
for k in "đạt + đúng lộ trình + chậm + chưa đánh giá" "tổng theo thời hạn của mục tiêu" \
    "tổng theo cơ quan chủ trì theo dõi" "tổng theo lĩnh vực"; do
    grep -q "^| Tổng số chỉ tiêu = $k | 78 | 78 | Khớp |$" r.md || die "md check '$k'"
done
grep -q "^| Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính | 78 | 78 | Khớp |$" r.md \
    || die "md check of the database's count"
# the last row of the Đối soát section (the annex per unit comes after it)
last_row=$(awk '/^#+ .*Đối soát số liệu/ { on = 1; next } on && /^#/ { on = 0 } on && /^\| / { last = $0 }
    END { print last }' r.md)
[ "$last_row" = "| Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính | 78 | 78 | Khớp |" ] \
    || die "md: the database's count is not the last check: $last_row"
n_checks=$(sqlite3 :memory: "select json_array_length(json_extract(readfile('r.json'), '$.checks'))")
[ "$(grep -c '| Khớp |$' r.md)" = "$n_checks" ] || die "md and JSON list different checks"
$G report --as-of 2026-01-15 --format html -o r.html
"$OOXML_CHECK" --xml r.html > /dev/null || die "html is not well-formed"
grep -q "VII. Kết quả thực hiện các chỉ tiêu" r.html || die "html section title"
grep -q "Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt" r.html || die "html rule"

# ---- CSV of the section alone: its tables, numbers bare --------------------------------
$G report --as-of 2026-01-15 --format csv --section chi_tieu > ct.csv
grep -q "^1,Đến năm 2025,25,0,0,2,23,0" ct.csv || die "csv horizon row"
grep -q "^,Tổng cộng,78,3,1,2,72,4" ct.csv || die "csv total row"
grep -q "^[0-9]*,Bộ Công an,6,1,0,0,5,17" ct.csv || die "csv agency row"
grep -q "^11.1,.*,%,≥ 80,82% (31/12/2025),đạt,Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt" ct.csv \
    || die "csv item row"
[ "$(grep -c "^Mã,Chỉ tiêu,Đơn vị tính,Mục tiêu,Giá trị mới nhất,Trạng thái,Căn cứ đánh giá" ct.csv)" = 1 ] \
    || die "csv item header"
if grep -q "Tổng hợp chung\|Hoàn thành đúng hạn" ct.csv; then die "csv section not alone"; fi

# ---- XLSX and DOCX: the section title and a value ---------------------------------------
$G report --as-of 2026-01-15 --format xlsx -o r.xlsx
"$OOXML_CHECK" --text r.xlsx > xlsx.txt || die "xlsx does not open"
grep -q "Kết quả thực hiện các chỉ tiêu" xlsx.txt || die "xlsx section"
grep -q "Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt" xlsx.txt || die "xlsx rule"
$G report --as-of 2026-01-15 --format docx -o r.docx
"$OOXML_CHECK" --text r.docx > docx.txt || die "docx does not open"
grep -q "VII. Kết quả thực hiện các chỉ tiêu" docx.txt || die "docx section"
grep -q "82% (31/12/2025)" docx.txt || die "docx value"

# ---- --agency: only the indicators that unit monitors ----------------------------------
$G report --as-of 2026-01-15 --agency "Bộ Công an" --format json > ca.json
expect_json ca.json '$.indicators.total' 6
expect_json ca.json '$.indicators.green' 1
expect_json ca.json '$.indicators.green_rate' 17
# ... checked against the database's count for that unit alone (6 of its indicators have a target).
[ "$(sqlite3 -separator ' ' :memory: "select json_extract(value, '$.total'), json_extract(value, '$.sum'),
    json_extract(value, '$.ok') from json_each(json_extract(readfile('ca.json'), '$.checks'))
    where json_extract(value, '$.check') = 'indicators.stored'")" = "6 6 1" ] \
    || die "--agency: the database's count"
[ "$(sqlite3 :memory: "select json_array_length(json_extract(readfile('ca.json'), '$.indicators.by_agency'))")" = 1 ] \
    || die "agency filter: by_agency"
[ "$(row ca.json items code 33 '$.status')" = green ] || die "agency filter: 33"
$G report --as-of 2026-01-15 --agency "Bộ Nội vụ" --format md > nv.md
grep -q "^Tính đến ngày 15/01/2026, Bộ Nội vụ không chủ trì theo dõi chỉ tiêu nào.$" nv.md \
    || die "a unit monitoring no indicator"

# ---- an earlier date: statuses as they were ---------------------------------------------
# On 30/06/2025 only 12's first value (31/12/2024, its own baseline: on the path) existed.
$G report --as-of 2025-06-30 --format json > early.json
expect_json early.json '$.indicators.as_of' 2025-06-30
expect_json early.json '$.indicators.green' 0
expect_json early.json '$.indicators.amber' 1
expect_json early.json '$.indicators.red' 0
expect_json early.json '$.indicators.grey' 77
# ... and counted the measurements of that date alone: the report reads the same later.
[ "$(row early.json items code 12 '$.measurements')" = 1 ] || die "12: measurements on 30/06/2025"
[ "$(row early.json items code 11.1 '$.measurements')" = 0 ] || die "11.1: measured after 30/06/2025"
[ "$(row early.json items code 11.1 '$.latest')" = "" ] || die "11.1: latest after 30/06/2025"
[ "$(row r.json items code 11.1 '$.measurements')" = 1 ] || die "11.1: measurements on 15/01/2026"

# ---- targets only markup: headings for both counts ----------------------------------------
# Cells are cleaned once on import and targets once more when read, so "&amp;nbsp;" is stored as
# "&nbsp;" and read as nothing: the database's count of targets must read it the same way, or
# every report would be refused as not reconciling.
printf 'Phụ lục I\n\nTT\tChỉ tiêu\tĐơn vị\tKết quả\tCơ quan chủ trì theo dõi, đánh giá\n%s\n%s\n%s\n%s\n' \
    '91	Chỉ tiêu thử 1	%	&amp;nbsp;	Bộ Công an' \
    '92	Chỉ tiêu thử 2	%	&lt;br&gt;	Bộ Công an' \
    '93	Chỉ tiêu thử 3	%	&nb$sp;	Bộ Công an' \
    '94	Chỉ tiêu thử 4	%	≥ 10	Bộ Công an' > odd.txt
$G import odd.txt --format indicators --document "Nghị quyết số 71/NQ-CP" > /dev/null
[ "$(db_count "select count(*) from indicator where code in ('91','92','93','94')")" = 4 ] \
    || die "the odd indicators were not imported"
$G report --as-of 2026-01-15 --format json > odd.json || die "a report with markup-only targets is refused"
expect_json odd.json '$.reconciled' 1
expect_json odd.json '$.indicators.total' 79
