# Word tables (issue #11): a .docx imports exactly like the CSV/XLSX or text it holds:
# a programme (Phụ lục II), a task table and a progress table, with merged cells (a
# vertical merge continues the cell above, a horizontal one spans columns), a header
# row repeated on the next page or in a second table, and a letterhead and a signature
# table around the data that give no row. The files are built here with $DOCX_PACK.
set -eu
. "$(dirname "$0")/lib.sh"
export GIAMSAT_TODAY=2025-12-24

# WordprocessingML helpers: esc TEXT; p TEXT (a paragraph); c TEXT (a cell); cs N TEXT (a
# cell spanning N grid columns); cv TEXT (a cell starting a vertical merge); cm (a cell
# continuing it); row CELLS; hrow CELLS (a header row, repeated on each page); tbl ROWS.
esc() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }
p() { printf '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' "$(esc "$1")"; }
c() { printf '<w:tc>%s</w:tc>' "$(p "$1")"; }
cs() { printf '<w:tc><w:tcPr><w:gridSpan w:val="%s"/></w:tcPr>%s</w:tc>' "$1" "$(p "$2")"; }
cv() { printf '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>%s</w:tc>' "$(p "$1")"; }
cm() { printf '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'; }
row() { printf '<w:tr>%s</w:tr>' "$*"; }
hrow() { printf '<w:tr><w:trPr><w:tblHeader/></w:trPr>%s</w:tr>' "$*"; }
tbl() { printf '<w:tbl>%s</w:tbl>' "$*"; }
# A letterhead as official documents open with, and a signature block as they close with.
letterhead() {
    tbl "$(row "$(c 'BỘ NỘI VỤ')" "$(c 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')")" \
        "$(row "$(c 'Số: 15/BC-BNV')" "$(c 'Độc lập - Tự do - Hạnh phúc')")"
}
signature() {
    tbl "$(row "$(c 'Nơi nhận: - Như trên; - Lưu: VT.')" "$(c 'KT. BỘ TRƯỞNG THỨ TRƯỞNG')")"
}

# ---- a programme: Phụ lục II as a Word table imports like its text form
printf 'Phụ lục II\n(Kèm theo Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ)\n' > prog.txt
printf 'TT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\tThời gian hoàn thành\n' >> prog.txt
printf 'I.\tHoàn thiện thể chế\t\t\t\t\n' >> prog.txt
printf '1.\tXây dựng Luật Chuyển đổi số\tBộ Khoa học và Công nghệ\tBộ Tư pháp\tLuật\t2025\n' >> prog.txt
printf '2.\tRà soát các văn bản quy phạm pháp luật\tBộ Tư pháp\tCác bộ, ngành\tBáo cáo\tQuý III/2025\n' >> prog.txt
printf '(1)\tRà soát lĩnh vực đất đai\tBộ Nông nghiệp và Môi trường\t\tBáo cáo\t2025\n' >> prog.txt
H6="$(c TT)$(c 'Tên nhiệm vụ')$(c 'Cơ quan chủ trì')$(c 'Cơ quan phối hợp')$(c 'Kết quả')$(c 'Thời gian hoàn thành')"
{
    letterhead
    p 'Phụ lục II'
    p '(Kèm theo Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ)'
    tbl "$(hrow "$H6")" \
        "$(row "$(c I.)$(cs 5 'Hoàn thiện thể chế')")" \
        "$(row "$(c 1.)$(c 'Xây dựng Luật Chuyển đổi số')$(c 'Bộ Khoa học và Công nghệ')$(c 'Bộ Tư pháp')$(c Luật)$(c 2025)")" \
        "$(row "$(c 2.)$(c 'Rà soát các văn bản quy phạm pháp luật')$(cv 'Bộ Tư pháp')$(c 'Các bộ, ngành')$(c 'Báo cáo')$(c 'Quý III/2025')")" \
        "$(hrow "$H6")" \
        "$(row "$(c '(1)')$(c 'Rà soát lĩnh vực đất đai')$(c 'Bộ Nông nghiệp và Môi trường')$(c '')$(c 'Báo cáo')$(c 2025)")"
    signature
} | $DOCX_PACK prog.docx
$GIAMSAT --db text.db init > /dev/null
$GIAMSAT --db word.db init > /dev/null
$GIAMSAT --db text.db import prog.txt --json > pt.json || die "the text programme did not import"
$GIAMSAT --db word.db import prog.docx --json > pw.json || die "the DOCX programme did not import"
expect_json pw.json '$.format' program
expect_json pw.json '$.tasks' 2
expect_json pw.json '$.subtasks' 1
expect_json pw.json '$.documents' 1
diff pt.json pw.json > /dev/null || die "the DOCX programme imports unlike its text: $(diff pt.json pw.json)"
$GIAMSAT --db text.db tasks --format json > tt.json
$GIAMSAT --db word.db tasks --format json > tw.json
diff tt.json tw.json > /dev/null || die "the DOCX programme's tasks differ: $(diff tt.json tw.json | head)"
# Forced as a programme too.
$GIAMSAT --db word.db import prog.docx --format program --dry-run --json > pf.json
expect_json pf.json '$.tasks' 2

# ---- a task table
{
    letterhead
    p 'DANH MỤC NHIỆM VỤ'
    tbl "$(hrow "$(c STT)$(c 'Nội dung, nhiệm vụ')$(c 'Đơn vị chủ trì')$(c 'Thời hạn hoàn thành')")" \
        "$(row "$(c 1)$(c 'Triển khai nền tảng số')$(cv 'Bộ Khoa học và Công nghệ')$(c 'Quý II/2025')")" \
        "$(row "$(c 2)$(c 'Báo cáo kết quả chuyển đổi số')$(cm)$(c 'Quý IV/2025')")"
    signature
} | $DOCX_PACK tasks.docx
$GIAMSAT init > /dev/null
$GIAMSAT import tasks.docx --dry-run --json > t.json || die "the DOCX task table did not import"
expect_json t.json '$.format' table
expect_json t.json '$.tasks' 2
expect_json t.json '$.agencies_resolved' 2
expect_json t.json '$.rejected' '[]'
$GIAMSAT import tasks.docx --format table --dry-run --json > t2.json
expect_json t2.json '$.tasks' 2

# ---- a progress table: a letterhead, the table on two pages (the second one a new table
# that repeats the header), a part heading and a Roman-numeral section, a lead cell merged
# down two tasks, a signature block. (A database of its own: the dry runs above took ids
# that PostgreSQL, unlike SQLite, does not give back, and tasks 3, 6, 7 are the demo's.)
fresh_db
$GIAMSAT demo > /dev/null
name() { db_count "select name from task where id = $1"; }
N3=$(name 3) N6=$(name 6) N7=$(name 7)
T0=$(db_count 'select count(*) from task')
R0=$(db_count 'select count(*) from progress_report')
H8="$(c TT)$(c 'Tên nhiệm vụ')$(c 'Cơ quan chủ trì')$(c 'Kết quả yêu cầu')$(c 'Thời hạn hoàn thành')"
H8="$H8$(c 'Kết quả (đến ngày 10/5/2025)')$(c 'Dự kiến kết quả đến tháng 6/2025')$(c 'Vướng mắc, kiến nghị')"
{
    letterhead
    p 'BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ'
    tbl "$(hrow "$H8")" \
        "$(row "$(cs 8 'PHẦN THỨ NHẤT. CÁC NHIỆM VỤ ĐƯỢC GIAO')")" \
        "$(row "$(c I)$(cs 7 'NHIỆM VỤ TRỌNG TÂM')")" \
        "$(row "$(c 1)$(c "$N3")$(cv 'Bộ Nội vụ')$(c 'Kế hoạch')$(c 'Năm 2025')$(c 'Đã ban hành Kế hoạch')$(c 'Triển khai')$(c 'Không')")" \
        "$(row "$(c 2)$(c "$N6")$(cm)$(c 'Báo cáo')$(c 'Hằng năm')$(c 'Đã đưa vào kế hoạch công tác năm')$(c 'Tiếp tục')$(c '')")"
    tbl "$(hrow "$H8")" \
        "$(row "$(c 3)$(c "$N7")$(c 'Bộ Nội vụ')$(c 'Báo cáo')$(c 'Hằng năm')$(c 'Đã tổng hợp số liệu')$(c '')$(c '')")"
    signature
} | $DOCX_PACK progress.docx
$GIAMSAT import progress.docx --unit "Bộ Nội vụ" --dry-run --json > d.json \
    || die "the DOCX progress table did not import: $(cat d.json)"
expect_json d.json '$.rows' 3
expect_json d.json '$.progress' 3
expect_json d.json '$.skipped_headings' 2
$GIAMSAT import progress.docx --unit "Bộ Nội vụ" --json > w.json || die "the DOCX progress import failed"
expect_json w.json '$.added' 3
expect_json w.json '$.skipped_headings' 2
expect_json w.json '$.rejected' '[]'
[ "$(db_count 'select count(*) from task')" = "$T0" ] || die "a progress table created tasks"
[ "$(db_count 'select count(*) from progress_report')" = $((R0 + 3)) ] || die "not three reports"
[ "$(db_count "select count(*) from progress_report where reported_on = '2025-05-10'")" = 3 ] \
    || die "the reports do not carry the header's date"
orig=$(db_count "select original from progress_report where result = 'Đã đưa vào kế hoạch công tác năm'")
case $orig in *"Bộ Nội vụ"*) ;; *) die "the merged lead cell did not continue: $orig" ;; esac
$GIAMSAT import progress.docx --format progress --unit "Bộ Nội vụ" --dry-run --json > f.json
expect_json f.json '$.progress' 3

# ---- damaged files say they are DOCX
head -c 300 progress.docx > cut.docx
if $GIAMSAT import cut.docx --dry-run 2> cut.err; then die "a truncated DOCX was accepted"; fi
grep -q "không đọc được như một văn bản Word (.docx)" cut.err || die "truncated DOCX: $(cat cut.err)"
p 'Chỉ có một đoạn văn, không có bảng' | $DOCX_PACK notable.docx
if $GIAMSAT import notable.docx --dry-run 2> nt.err; then die "a DOCX with no table was accepted"; fi
grep -q "Tệp “notable.docx” không có bảng nào để nhập" nt.err || die "no table: $(cat nt.err)"
printf '<w:p><w:r><w:t>open' | $DOCX_PACK bad.docx
if $GIAMSAT import bad.docx --dry-run 2> bad.err; then die "malformed XML was accepted"; fi
grep -q "không đọc được như một văn bản Word (.docx): word/document.xml dòng" bad.err || die "bad XML: $(cat bad.err)"
echo ok
