# Reports as the office sends them (issue #14): the demo report's DOCX and XLSX opened
# and printed to PDF by LibreOffice (once each), then checked as a reader sees them: the
# page count (under 25: the lists of each task are annexes II and III, in the xlsx, and in
# the DOCX with --lists), portrait pages for prose and landscape ones for wide tables, the
# signature before the annexes, every sheet on landscape A4 at 70% or more; at most 5 unit
# names in a table cell; the administrative
# frame (Nghị định 30/2020/NĐ-CP) from `giamsat frame` and per-report options; the annex
# without it; the standalone HTML's table of contents and print style. The first pages
# are kept as PNG in build/artifacts/report/ (docs/REPORT.md shows them).
# runner: long (renders Word to PDF; started first)
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
ART="$SEEDS/../../build/artifacts/report"
command -v soffice > /dev/null || die "LibreOffice (soffice) is missing: scripts/deps.sh installs it"
command -v pdfinfo > /dev/null || die "poppler-utils (pdfinfo) is missing: scripts/deps.sh installs it"
# LibreOffice writes its profile under HOME, which must be writable (CI runs as root with
# a HOME it may not own): a private one, in this test's folder.
export HOME="$PWD/home"
mkdir -p "$HOME" "$ART"
$G demo > /dev/null

# ---- the frame: stored settings (audited, checked), per-report overrides
if $G frame set --issuer "$(printf '%01001d' 0)" > /dev/null 2>err.txt; then die "a 1001-character issuer"; fi
grep -q "Cơ quan ban hành" err.txt || die "the error names the field: $(cat err.txt)"
[ "$(db_count "select count(*) from report_frame")" = 0 ] || die "a refused setting was stored"
$G frame set --issuer "BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG" --number "/BC-VPBCĐ" \
    --signer "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / Nguyễn Văn An" \
    --recipients "Đồng chí Trưởng Ban Chỉ đạo (để b/c); Các thành viên Ban Chỉ đạo; Lưu: VT, TH" > /dev/null
[ "$(db_count "select count(*) from report_frame")" = 4 ] || die "four settings stored"
[ "$(db_count "select count(*) from audit_log where action = 'report_frame.set'")" = 1 ] || die "audit"
$G frame | grep -q "^place .*(chưa đặt)" || die "an unset place shows as such"

$G report --as-of 2025-12-24 --format docx -o report.docx
$G report --as-of 2025-12-24 --format xlsx -o report.xlsx
$G report --as-of 2025-12-24 --format docx --lists -o lists.docx
"$OOXML_CHECK" --text report.docx > docx.txt || die "docx does not open"
for want in "BAN CHỈ ĐẠO TRUNG ƯƠNG" "VĂN PHÒNG" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" \
    "Độc lập - Tự do - Hạnh phúc" "/BC-VPBCĐ" "Hà Nội, ngày 24 tháng 12 năm 2025" "BÁO CÁO" \
    "Nơi nhận:" "- Lưu: VT, TH." "PHÓ CHÁNH VĂN PHÒNG" "Nguyễn Văn An"; do
    grep -qF -- "$want" docx.txt || die "docx frame: no '$want'"
done
# An annex after the signature names the report it goes with, as offices write it.
grep -qE "^\(Kèm theo Báo cáo số .*/BC-VPBCĐ ngày 24/12/2025\)$" docx.txt || die "annex caption"
$G report --as-of 2025-12-24 --format docx --signer "CHÁNH VĂN PHÒNG / Trần Thị Bình" \
    --number "125/BC-VPBCĐ" --place "Thành phố Hồ Chí Minh" -o other.docx
"$OOXML_CHECK" --text other.docx > other.txt
grep -qF "Số: 125/BC-VPBCĐ" other.txt && grep -qF "Trần Thị Bình" other.txt \
    && grep -qF "Thành phố Hồ Chí Minh, ngày 24 tháng 12 năm 2025" other.txt \
    || die "per-report frame options"
grep -qF "Nguyễn Văn An" other.txt && die "--signer replaces the stored signer"
$G report --as-of 2026-01-05 --format docx -o jan.docx
"$OOXML_CHECK" --text jan.docx | grep -qF "ngày 05 tháng 01 năm 2026" || die "day and month 1-2 with a 0"
$G report --as-of 2025-12-24 --format docx --annex -o annex.docx
"$OOXML_CHECK" --text annex.docx > annex.txt
grep -qx "PHỤ LỤC" annex.txt || die "the annex is titled Phụ lục"
grep -qF "CỘNG HÒA" annex.txt && die "the annex has no frame"
grep -qF "Nơi nhận" annex.txt && die "the annex has no signature"
grep -qF "Kèm theo" annex.txt && die "an unframed annex names no report"

# ---- DOCX structure: header rows repeat, page numbers, no cell lists more than 5 units
part() { sqlite3 :memory: "select data from zipfile('$1') where name = '$2'"; }
# The report to sign says where each task's list is; --lists puts them in, as the xlsx has.
"$OOXML_CHECK" --text lists.docx > lists.txt
for f in docx.txt lists.txt; do
    grep -qF "Danh sách từng nhiệm vụ (tên nhiệm vụ, văn bản giao, cơ quan chủ trì, thời hạn, đơn vị chưa hoàn thành) tại Phụ lục II" $f \
        || die "$f: III does not say where the list is"
done
grep -qF "tại Phụ lục II kèm theo báo cáo" docx.txt || die "the docx says its lists are attached"
grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" docx.txt && die "the docx to sign lists every task"
grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" lists.txt || die "--lists: no annex II"
grep -qF "Phụ lục III. Danh sách nhiệm vụ đang thực hiện có thời hạn đến ngày 31/12/2025" lists.txt \
    || die "--lists: no annex III"
"$OOXML_CHECK" --text report.xlsx | grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" \
    || die "the xlsx has annex II"
# III's table, hand-checked against the JSON: per document, the overdue tasks, those
# overdue more than 90 days (due before 25/09/2025), the units not done.
$G report --as-of 2025-12-24 --format json -o r.json
$G report --as-of 2025-12-24 --format csv --section qua_han > qh.csv
q="select json_extract(value, '$.documents[0]') d, count(*),
     sum(json_extract(value, '$.due') < '2025-09-25'), sum(json_extract(value, '$.units_not_done'))
   from json_each(json_extract(readfile('r.json'), '$.overdue')) group by d"
sqlite3 -csv :memory: "$q" | sed 's/"//g' | sort > want-qh.txt
grep '^[0-9]' qh.csv | cut -d, -f2- | tr -d '\r"' | sort > got-qh.txt
[ "$(wc -l < want-qh.txt)" = 2 ] || die "the demo's overdue tasks come from its two documents"
diff want-qh.txt got-qh.txt > /dev/null || die "III per document: $(diff want-qh.txt got-qh.txt)"
grep -q "^,Tổng cộng,$(jget r.json '$.tasks.overdue')," qh.csv || die "III total: $(cat qh.csv)"
part report.docx word/document.xml > document.xml
grep -q '<w:tblHeader/>' document.xml || die "table header rows repeat on each page"
grep -q 'w:orient="landscape"' document.xml || die "no landscape section"
part report.docx word/footer1.xml | grep -q "PAGE" || die "no page number in the footer"
# Unit names, longest first; count.awk counts the names in each line (a table cell), blanking
# each found so that a name inside a longer one counts once.
$G agencies --format json > agencies.json
sqlite3 :memory: "select json_extract(value, '$.name') from json_each(readfile('agencies.json'))" \
    | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2 > names.txt
cat > count.awk <<'EOF'
FNR == NR { names[++n] = $0; next }
{
    cell = $0; found = 0
    for (i = 1; i <= n; i++)
        while ((p = index(cell, names[i])) > 0) {
            found++
            cell = substr(cell, 1, p - 1) "#" substr(cell, p + length(names[i]))
        }
    print found "\t" $0
}
EOF
# The check itself: six names in one cell count six.
printf 'Bộ Công an, Bộ Tư pháp, Bộ Y tế, Bộ Nội vụ, Bộ Tài chính, Bộ Xây dựng\n' > six.txt
[ "$(awk -f count.awk names.txt six.txt | cut -f1)" = 6 ] || die "count.awk does not count names"
part lists.docx word/document.xml > lists.xml
sed 's#</w:tc>#\n#g' document.xml lists.xml | sed 's/<[^>]*>//g' > cells.txt
awk -f count.awk names.txt cells.txt | sort -rn > cell-counts.txt
most=$(head -n 1 cell-counts.txt | cut -f1)
[ "$most" -le 5 ] || die "a table cell lists $most units: $(head -n 1 cell-counts.txt | cut -c1-200)"
# A task whose many units are partly done says "x/y đơn vị" and names them once, in a footnote.
grep -qE '[0-9]+/[0-9]+ đơn vị' cells.txt || die "no x/y đơn vị cell"
part lists.docx word/footnotes.xml | grep -q "Đơn vị chưa hoàn thành: " || die "no footnote naming the units"

# ---- LibreOffice: the files to PDF in one run (each named apart: report, lists, sheets.pdf)
cp report.xlsx sheets.xlsx
soffice -env:UserInstallation="file://$HOME/lo" --headless --convert-to pdf --outdir pdf \
    report.docx lists.docx sheets.xlsx > soffice.log 2>&1 || die "soffice: $(cat soffice.log)"
[ -s pdf/lists.pdf ] || die "LibreOffice did not convert the docx with --lists"
[ -s pdf/report.pdf ] || die "LibreOffice did not convert the docx"
[ -s pdf/sheets.pdf ] || die "LibreOffice did not convert the xlsx"
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# "Page N size: W x H pts": L (landscape) or P per page, in order.
orient() { pdfinfo -f 1 -l "$(pages "$1")" "$1" | awk '/^Page .* size:/ { print ($4 > $6) ? "L" : "P" }'; }
# The page (1-based) whose text holds $2 for the ${3:-1}th time.
page_of() {
    pdftotext "$1" - | awk -v want="$2" -v nth="${3:-1}" \
        'BEGIN { RS = "\f" } index($0, want) && ++seen == nth { print NR; exit }'
}
n=$(pages pdf/report.pdf)
checks=$(page_of pdf/report.pdf "Đối soát số liệu")
sign=$(page_of pdf/report.pdf "Nơi nhận:")
echo "docx: $n pages, sections I to Đối soát on pages 1-$checks, signed on page $sign" > pages.txt
# Before issue #14 sections I to VIII took 100 pages (one task listed 57 units in a narrow
# cell across four pages); with every overdue and due task listed in III and IV, 54 and 62
# pages in all. III and IV now count them per document; the lists are annexes II and III.
[ "$checks" -le 12 ] || die "sections I to Đối soát take $checks pages in LibreOffice (at most 12)"
[ "$n" -lt 25 ] || die "the demo report is $n pages in LibreOffice (under 25)"
orient pdf/report.pdf > docx-orient.txt
[ "$(sed -n 1p docx-orient.txt)" = P ] || die "page 1 (the frame, the summary) is portrait"
[ "$(sed -n "${sign}p" docx-orient.txt)" = P ] || die "the signature (page $sign) is portrait"
pdftotext -f "$sign" -l "$sign" pdf/report.pdf - | grep -q "Nguyễn Văn An" || die "the signature's name"
overdue=$(page_of pdf/report.pdf "III. Nhiệm vụ quá hạn chưa hoàn thành")
[ "$(sed -n "${overdue}p" docx-orient.txt)" = P ] || die "III, a table per document (page $overdue), is portrait"
units=$(page_of pdf/report.pdf "V. Kết quả theo đơn vị")
[ "$(sed -n "${units}p" docx-orient.txt)" = P ] || die "the units by khối (page $units, 4 columns) are portrait"
# The annex follows the signature, as an office attaches it, on landscape pages to the end.
annex=$(page_of pdf/report.pdf "Phụ lục I. Kết quả và xếp hạng theo đơn vị")
[ "$annex" = $((sign + 1)) ] || die "annex I (page $annex) right after the signature (page $sign)"
[ "$(sed -n "${annex},\$p" docx-orient.txt | sort -u)" = L ] || die "the per-unit annex is landscape"
pdftotext -f 2 -l 2 pdf/report.pdf - | grep -qx '2' || die "page 2 is numbered"
pdftotext -f 1 -l 1 pdf/report.pdf - | grep -qx '1' && die "page 1 is not numbered (Nghị định 30)"
# With --lists: annexes II and III after annex I, landscape.
nl=$(pages pdf/lists.pdf)
echo "docx --lists: $nl pages" >> pages.txt
orient pdf/lists.pdf > lists-orient.txt
list2=$(page_of pdf/lists.pdf "Phụ lục II. Danh sách nhiệm vụ quá hạn chưa hoàn thành")
[ "$list2" -gt "$(page_of pdf/lists.pdf "Phụ lục I. Kết quả và xếp hạng theo đơn vị")" ] \
    || die "annex II (page $list2) after annex I"
[ "$(sed -n "${list2},\$p" lists-orient.txt | sort -u)" = L ] || die "annexes II and III are landscape"

# XLSX: every page landscape A4; fitted to the page width at 70% or more: the columns of
# each sheet (width w is 7w + 5 pixels at 96 dpi) at most the printable 274 mm / 0.7.
x=$(pages pdf/sheets.pdf)
echo "xlsx: $x pages" >> pages.txt
[ "$(orient pdf/sheets.pdf | sort -u)" = L ] || die "an xlsx page is not landscape"
pdfinfo pdf/sheets.pdf | grep -q "595.* x 841\|841.* x 595" || die "xlsx pages are A4"
sheets=$(sqlite3 :memory: "select name from zipfile('report.xlsx') where name like 'xl/worksheets/sheet%.xml'")
for s in $sheets; do
    part report.xlsx "$s" > sheet.xml
    grep -q '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"' sheet.xml \
        || die "$s: not A4 landscape fitted to the width"
    mm=$(grep -o '<col [^>]*width="[0-9.]*"' sheet.xml | sed 's/.*width="//; s/"//' \
        | awk '{ px += int($1 * 7 + 5) } END { printf "%d", px * 25.4 / 96 }')
    [ "$mm" -le 391 ] || die "$s: $mm mm wide, it would print below 70%"
done
part report.xlsx xl/workbook.xml | grep -q "_xlnm.Print_Titles" || die "xlsx header rows repeat"

# PNG artefacts: the docx's first page, III and IV, the signature, annex II (--lists); the
# xlsx's annex II sheet.
pdftoppm -r 60 -png -f 1 -l 1 -singlefile pdf/report.pdf "$ART/docx-trang-1"
pdftoppm -r 60 -png -f "$overdue" -l "$overdue" -singlefile pdf/report.pdf "$ART/docx-tom-tat"
pdftoppm -r 60 -png -f "$sign" -l "$sign" -singlefile pdf/report.pdf "$ART/docx-trang-ky"
pdftoppm -r 60 -png -f "$list2" -l "$list2" -singlefile pdf/lists.pdf "$ART/docx-qua-han"
qh=$(page_of pdf/sheets.pdf "Phụ lục II. Danh sách nhiệm vụ quá hạn chưa hoàn thành" 2) # 1: the summary sheet
pdftoppm -r 60 -png -f "$qh" -l "$qh" -singlefile pdf/sheets.pdf "$ART/xlsx-qua-han"
cp pages.txt "$ART/pages.txt"
[ -s "$ART/docx-trang-1.png" ] || die "no PNG artefact"

# ---- standalone HTML: the frame, a table of contents, print breaks and repeated headers
$G report --as-of 2025-12-24 --format html -o report.html
"$OOXML_CHECK" --xml report.html > /dev/null || die "html is not well-formed"
grep -q '<nav class="toc"' report.html || die "html table of contents"
grep -q '<a href="#s-qua_han">III. Nhiệm vụ quá hạn chưa hoàn thành</a>' report.html || die "toc link"
grep -q 'id="s-qua_han"' report.html || die "toc target"
grep -q '<header class="frame">' report.html && grep -q 'Nơi nhận:' report.html || die "html frame"
grep -q 'thead { display: table-header-group; }' report.html || die "repeated table headers"
grep -q 'break-before: page' report.html || die "page breaks before sections"
grep -q '<section class="wide" id="s-phu_luc_qua_han">' report.html || die "wide sections print landscape"
$G report --as-of 2025-12-24 --format html --annex -o annex.html
grep -q 'class="frame"' annex.html && die "the html annex has no frame"
grep -q '<p class="kind">PHỤ LỤC</p>' annex.html || die "the html annex is titled Phụ lục"
exit 0
