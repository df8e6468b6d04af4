# Measurement tables (issue #5): `import FILE` reads a CSV or XLSX table of indicator
# measurements (detected by its header, or --format measurements), each row read and checked
# as `measure add` does; statuses follow; a re-import adds nothing; a bad row names its file,
# line and column and nothing is written; --dry-run writes nothing; --allow-partial keeps the
# good rows; task and progress tables are still read as before.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
$G demo > /dev/null

# m CODE COLUMNS [WHERE] -> the columns of the measurements of the indicator with that code
# (a value as thousandths, VAL: engines print a real number each their own way)
VAL="CAST(round(value * 1000) AS INTEGER)"
m() { db_count "select $2 from measurement where indicator_id in
    (select id from indicator where code = '$1') ${3:-} order by measured_on, id"; }
# n_of CODE: how many measurements indicator CODE has.
n_of() { db_count "select count(*) from measurement where indicator_id in
    (select id from indicator where code = '$1')"; }
M=$DATA/measurements_001.csv
$G indicators --format json > l0.json
expect_ind l0.json 11.1 '$.status' grey

# --dry-run: the summary of what would be written, and nothing written.
before=$(snapshot)
$G import "$M" --dry-run > dry.txt
grep -q "^Chạy thử (không ghi): 8 dòng; 8 số đo hợp lệ; 0 trùng" dry.txt || die "dry run: $(cat dry.txt)"
[ "$(snapshot)" = "$before" ] || die "--dry-run changed the database"

# The import: every row as a measurement, entered via import by cli, with its line and row.
$G import "$M" --json > imp.json
expect_json imp.json '$.rows' 8
expect_json imp.json '$.added' 8
expect_json imp.json '$.duplicates' 0
expect_json imp.json '$.written' 1
expect_json imp.json '$.rejected' '[]'
[ "$(db_count "select count(*) from measurement where entered_via = 'import' and entered_by = 'cli'")" = 8 ] \
    || die "measurements not entered via import"
# (the value in hundredths: engines print a real number each their own way)
cols="measured_on, CAST(round(value * 100) AS INTEGER), original, source, source_line"
[ "$(m 11.1 "$cols")" = "2025-12-31|8200|82%|Báo cáo Bộ KH&CN|2" ] || die "11.1: $(m 11.1 "$cols")"
m 11.1 row_text | grep -q "^Ghi chú: Số liệu sơ bộ$" || die "the other columns are not kept"
m 11.1 row_text | grep -q "^Tên chỉ tiêu: Tỉ lệ sử dụng dịch vụ công trực tuyến$" || die "row text"
[ "$(m 12 "measured_on || '=' || CAST(value AS INTEGER)" | tr '\n' ' ')" = "2024-12-31=40 2025-12-31=50 " ] \
    || die "12: a year ('Năm 2025') is its last day"
[ "$(m 4 "bloc || '=' || $VAL" | tr '\n' ' ')" = "Đông Nam Á=2000 Thế giới=45000 " ] \
    || die "4: the scale from Đơn vị or Khối / Thang đo"
[ "$(m KH2025.1 "bloc")" = "khối bộ" ] || die "KH2025.1: the bloc"
[ "$(m 31 "measured_on || '|' || (select name from agency where id = unit_id)")" = "2025-12-31|Bộ Y tế" ] \
    || die "31: a unit's own measurement, on the last day of Quý IV/2025"
[ "$(m 1 "judgement || '|' || source")" = "met|Ban Chỉ đạo" ] || die "1: a judgement"
run=$(db_count "select max(id) from import_run")
[ "$(db_count "select format from import_run where id = $run")" = measurements ] || die "import log"
[ "$(db_count "select count(*) from measurement where import_id = $run")" = 8 ] || die "import_id"
[ "$(db_count "select count(*) from audit_log where action = 'import' and entity = 'import_run' and entity_id = $run and actor = 'cli'")" = 1 ] \
    || die "no audit line for the batch"
db_count "select after from audit_log where entity_id = $run and entity = 'import_run'" \
    | grep -q "8 số đo đã ghi" || die "the audit line lacks the summary"

# The statuses follow.
$G indicators --format json > l1.json
expect_ind l1.json 11.1 '$.status' green
expect_ind l1.json 11.1 '$.latest.source' 'Báo cáo Bộ KH&CN'
expect_ind l1.json 12 '$.status' amber
expect_ind l1.json 4 '$.status' green
expect_ind l1.json 1 '$.status' green
expect_ind l1.json 31 '$.status' grey
expect_ind l1.json KH2025.1 '$.parts[1].status' green

# Importing the same file again writes nothing at all and says why.
before=$(snapshot)
$G import "$M" > again.txt
grep -q "^Không có số đo mới, không ghi gì: 8 dòng; 0 số đo hợp lệ; 8 trùng số đo đã có" again.txt \
    || die "re-import: $(cat again.txt)"
$G import "$M" --json > again.json
expect_json again.json '$.added' 0
expect_json again.json '$.duplicates' 8
[ "$(snapshot)" = "$before" ] || die "a re-import changed the database"

# XLSX (title row, header on row 3, Excel dates, numbers, a percent-formatted number): one row
# repeats a stored one. A number cell with three decimals is a decimal, written with a comma
# (0.725 -> "0,725", not 725 as "0.725" would read); the codes typed as numbers stay codes.
$G import "$DATA/measurements_001.xlsx" > x.txt
grep -q "^Đã ghi: 5 dòng; 4 số đo đã ghi; 1 trùng số đo đã có" x.txt || die "xlsx: $(cat x.txt)"
[ "$(m 14 "measured_on || '|' || $VAL || '|' || original || '|' || source_line")" = "2025-12-31|725|0,725|5" ] \
    || die "14 from xlsx: $(m 14 "measured_on || '|' || $VAL || '|' || original || '|' || source_line")"
m 14 row_text | grep -q "^Ghi chú: Ước tính$" || die "xlsx row text"
m 14 row_text | grep -q "^Giá trị: 0,725$" || die "xlsx row text: the value as written"
m 14 row_text | grep -q "^MÃ CHỈ TIÊU: 14$" || die "xlsx row text: the code"
[ "$(m 10 "$VAL || '|' || original")" = "18125|18,125" ] \
    || die "10 (% GDP) from xlsx: $(m 10 "$VAL || '|' || original")"
[ "$(m KH2025.11 source)" = "Bộ Y tế" ] || die "Nguồn số liệu is the source"
[ "$(m KH2025.11 "$VAL || '|' || original")" = "55000|55%" ] \
    || die "a percent-formatted cell (0.55 shown as 55%): $(m KH2025.11 "$VAL || '|' || original")"
$G indicators --format json > l2.json
expect_ind l2.json 14 '$.status' green
expect_ind l2.json 10 '$.status' amber
expect_ind l2.json 33 '$.status' green
expect_ind l2.json KH2025.11 '$.status' green

# One bad row: refused with the file, the line and the column; nothing written.
before=$(snapshot)
one_bad() { # reason (grep pattern), then the bad row
    want=$1
    printf 'Mã chỉ tiêu,Ngày đo,Giá trị,Khối\n14,30/06/2025,0.7,\n%s\n' "$2" > one.csv
    if $G import one.csv > out.txt 2> err.txt; then die "accepted: $2"; fi
    grep -q "^one.csv dòng 3: bị từ chối: $want" err.txt || { cat err.txt; die "message lacks '$want'"; }
    grep -q "nothing was written" err.txt || die "no refusal of the whole file ($2)"
    [ "$(snapshot)" = "$before" ] || die "a refused file changed the database ($2)"
}
one_bad "cột 'Mã chỉ tiêu': không có chỉ tiêu mã '99'" "99,31/12/2025,5,"
one_bad "cột 'Giá trị': không đọc được giá trị '5abc'" "12,31/12/2025,5abc,"
one_bad "cột 'Ngày đo': ngày đo 31/12/2026 là ngày trong tương lai" "12,31/12/2026,50,"
one_bad "cột 'Khối': chỉ tiêu 5 có mục tiêu riêng cho từng thang đo hay khối" "5,31/12/2025,3,"
one_bad "cột 'Khối': chỉ tiêu 5 không có thang đo hay khối 'Châu Á'" "5,31/12/2025,3,Châu Á"
one_bad "cột 'Ngày đo': không đọc được ngày đo '31/02/2025'" "12,31/02/2025,50,"
one_bad "cột 'Giá trị': tỷ lệ của chỉ tiêu 12 phải từ 0 đến 100%" "12,31/12/2025,120%,"
one_bad "cột 'Mã chỉ tiêu': thiếu mã chỉ tiêu" ",31/12/2025,50,"

# A table with several bad rows lists them all; --dry-run too; --allow-partial keeps the rest.
if $G import "$DATA/measurements_bad.csv" 2> bad.txt; then die "bad table accepted"; fi
for reason in "dòng 3: .*cột 'Mã chỉ tiêu'" "dòng 4: .*cột 'Giá trị (%)'" "dòng 5: .*cột 'Ngày đo'" \
    "dòng 6: .*cột 'Khối'"; do
    grep -q "measurements_bad.csv $reason" bad.txt || die "missing rejection: $reason"
done
[ "$(snapshot)" = "$before" ] || die "a rejected table changed the database"
if $G import "$DATA/measurements_bad.csv" --dry-run --json > bad.json 2> /dev/null; then
    die "a dry run with rejected rows exits 0"; fi
expect_json bad.json '$.added' 2
expect_json bad.json '$.written' 0
expect_json bad.json '$.rejected[1].line' 4
[ "$(snapshot)" = "$before" ] || die "a dry run changed the database"
$G import "$DATA/measurements_bad.csv" --allow-partial --json > partial.json 2> /dev/null
expect_json partial.json '$.added' 2
expect_json partial.json '$.written' 1
[ "$(n_of 11.1)" = 2 ] || die "allow-partial: the good row of 11.1"

# The document narrows a code: a Văn bản cell, or --document for a table without one.
printf 'Mã chỉ tiêu,Ngày đo,Giá trị,Văn bản\n11.1,30/06/2025,70%%,Kế hoạch chuyển đổi số năm 2025\n' > doc.csv
if $G import doc.csv 2> err.txt; then die "a code outside its document accepted"; fi
grep -q "dòng 2: bị từ chối: cột 'Mã chỉ tiêu': không có chỉ tiêu mã '11.1' trong văn bản đó" err.txt \
    || die "document narrowing: $(cat err.txt)"
printf 'Mã chỉ tiêu,Ngày đo,Giá trị\n11.1,30/06/2025,70%%\n' > nodoc.csv
$G import nodoc.csv --document "Nghị quyết số 71/NQ-CP ngày 01/4/2025" > /dev/null
[ "$(n_of 11.1)" = 3 ] || die "--document"

# A header repeated at a page break is not a row.
printf 'Mã chỉ tiêu,Ngày đo,Giá trị\n14,30/06/2025,"0,7"\nMã chỉ tiêu,Ngày đo,Giá trị\n14,30/09/2025,"0,71"\n' > rh.csv
$G import rh.csv --json > rh.json
expect_json rh.json '$.rows' 2
expect_json rh.json '$.added' 2

# Forced and detected formats: a task table and a progress table are read as before.
printf 'Mã,Tên nhiệm vụ,Kết quả,Ngày,Cơ quan chủ trì\nM1,Việc đo đạc,Báo cáo,31/12/2025,Bộ Y tế\n' > tasks.csv
$G import tasks.csv --dry-run --json > t.json
expect_json t.json '$.tasks' 1
printf 'Mã,Đơn vị,Ngày báo cáo,Kết quả\n5,Bộ Nội vụ,01/07/2025,Đang làm\n' > prog.csv
reports=$(db_count 'select count(*) from progress_report')
$G import prog.csv > /dev/null
[ "$(db_count 'select count(*) from progress_report')" = $((reports + 1)) ] \
    || die "a progress table was not read as one"
if $G import tasks.csv --format measurements 2> err.txt; then die "a task table read as measurements"; fi
grep -q "Tệp “tasks.csv”: không phải bảng số đo" err.txt || die "forced format: $(cat err.txt)"
if $G import tasks.csv --format nonsense 2> err.txt; then die "unknown format accepted"; fi
grep -q "progress or measurements" err.txt || die "the formats are not listed"
$G import --help 2>&1 | grep -q "measurements" || die "usage lacks the format"
