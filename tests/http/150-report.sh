# Báo cáo: the statistics report in the page (filters, section titles, printable,
# well-formed), downloads in every format with the right type and file name, the
# same filters and errors as `giamsat report`, readable by a viewer, not anonymous.
set -eu
start_server
[ "$(status GET /report)" = 303 ] || die "anonymous report page not redirected"
[ "$(status GET '/report/download?format=json')" = 303 ] || die "anonymous download"
login xem xem-pass-123 jar

get "/report?as_of=2025-12-24" rep.html -b jar
well_formed rep.html
for t in "I. Tổng hợp chung" "II. Kết quả theo văn bản chỉ đạo" \
    "III. Nhiệm vụ quá hạn chưa hoàn thành" "V. Kết quả theo đơn vị" \
    "VII. Kết quả thực hiện các chỉ tiêu" "VIII. Đối soát số liệu"; do
    grep -q "<h3>$t</h3>" rep.html || die "section '$t' missing"
done
grep -q '<div class="rdoc">' rep.html || die "report fragment"
# A table of contents (issue #13): a link per section, each to a section that is there.
grep -q '<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Mục lục</h2>' rep.html || die "no table of contents"
grep -q '<li><a href="#s-tong_hop">I. Tổng hợp chung</a></li>' rep.html || die "no link to section I"
links=$(grep -o '<li><a href="#s-[a-z_0-9]*">' rep.html | sed 's/.*#s-\([a-z_0-9]*\).*/\1/')
[ "$(echo "$links" | wc -l)" -ge 8 ] || die "too few contents links: $links"
for k in $links; do grep -qE "<section( class=\"wide\")? id=\"s-$k\">" rep.html || die "contents link to a missing section $k"; done
grep -q '<th scope="col">' rep.html || die "header cells"
grep -q '<td class="num">' rep.html || die "numbers"
# The form: labelled fields, due_by defaults to 31/12 of as_of's year, choices.
for f in as_of due_by document agency; do
    grep -q "<label for=\"$f\">" rep.html || die "no label for $f"
    grep -q "id=\"$f\"" rep.html || die "no field $f"
done
grep -q 'name="due_by"[^>]* value="31/12/2025"' rep.html || die "due_by default"
grep -q '<option value="Bộ Nội vụ">Bộ Nội vụ</option>' rep.html || die "unit choices"
grep -q '<option value="Nghị quyết số 71/NQ-CP ngày 01/4/2025">' rep.html || die "documents"
if grep -q ' style="' rep.html; then die "inline style attribute"; fi

# A download link per format, and each download.
$GIAMSAT report --as-of 2025-12-24 --format json > cli.json
for f in json md html csv xlsx docx; do
    grep -q "href=\"/report/download?format=$f&amp;as_of=2025-12-24&amp;due_by=2025-12-31\"" \
        rep.html || die "no $f link"
done
download() { # FORMAT QUERY TYPE
    code=$(curl -s -D "h.$1" -o "r.$1" -w '%{http_code}' -b jar \
        "$URL/report/download?format=$1&$2")
    [ "$code" = 200 ] || die "$1: HTTP $code ($(head -c 200 "r.$1"))"
    grep -qi "^Content-Type: $3" "h.$1" || die "$1: $(grep -i '^Content-Type' "h.$1")"
    grep -qi "^Content-Disposition: attachment; filename=\"thong-ke-2025-12-24.$1\"" "h.$1" \
        || die "$1: Content-Disposition"
}
# Word and HTML downloads are in the installation's frame (`giamsat frame`, issue #14).
$GIAMSAT frame set --signer "CHÁNH VĂN PHÒNG / Lê Văn Cường" > /dev/null
q="as_of=2025-12-24&due_by=2025-12-31"
download json "$q" "application/json"
download md "$q" "text/markdown"
download html "$q" "text/html"
download csv "$q" "text/csv"
download xlsx "$q" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
download docx "$q" "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
expect_json r.json '$.reconciled' 1
expect_json r.json '$.tasks.total' "$(jget cli.json '$.tasks.total')"
expect_json r.json '$.tasks.overdue' "$(jget cli.json '$.tasks.overdue')"
cmp -s r.json cli.json || die "the JSON download differs from giamsat report"
well_formed r.html
grep -q '^# THỐNG KÊ' r.md || die "markdown"
head -c 3 r.csv | od -An -tx1 | grep -q 'ef bb bf' || die "csv BOM"
"$OOXML_CHECK" r.xlsx > /dev/null || die "xlsx"
"$OOXML_CHECK" r.docx > /dev/null || die "docx"
"$OOXML_CHECK" --text r.docx > docx.txt
grep -q "Tổng hợp chung" docx.txt || die "docx text"
grep -qx "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" docx.txt && grep -qx "Lê Văn Cường" docx.txt \
    && grep -q "ngày 24 tháng 12 năm 2025" docx.txt || die "docx frame"
grep -q '<header class="frame">' r.html && grep -q "Lê Văn Cường" r.html || die "html frame"
# The Word report to sign, as `giamsat report`: each task listed in annexes II and III of the
# xlsx (and of the page), not in it.
grep -qF "tại Phụ lục II kèm theo báo cáo" docx.txt || die "docx: where the lists are"
grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" docx.txt && die "docx lists every task"
"$OOXML_CHECK" --text r.xlsx | grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" || die "xlsx annex II"
grep -qF "Phụ lục II. Danh sách nhiệm vụ quá hạn" rep.html || die "page: annex II"
"$OOXML_CHECK" --text r.xlsx | grep -q "Kết quả thực hiện các chỉ tiêu" || die "xlsx indicators"
grep -q "^Mã,Chỉ tiêu,Đơn vị tính,Mục tiêu,Giá trị mới nhất,Trạng thái,Căn cứ đánh giá" r.csv \
    || die "csv indicators"

# The indicator section follows a measurement at once (it moves the data generation).
grep -q "Tính đến ngày 24/12/2025, có 78 chỉ tiêu có mục tiêu (không tính 1 mục chỉ nêu nhóm các chỉ tiêu thành phần); trong đó: 0 chỉ tiêu đạt" \
    rep.html || die "indicator headline"
$GIAMSAT measure add --indicator 11.1 --date 2025-12-01 --value 82% > /dev/null
get "/report?as_of=2025-12-24" rep2.html -b jar
grep -q "trong đó: 1 chỉ tiêu đạt (chiếm 1%)" rep2.html || die "indicator section not fresh"
grep -q "Giá trị 82% (01/12/2025) ≥ mục tiêu 80%: đạt" rep2.html || die "indicator rule"

# Filters: the same as `giamsat report --document/--agency`.
doc="Kế hoạch chuyển đổi số năm 2025 (dự thảo)"
$GIAMSAT report --as-of 2025-12-24 --document "$doc" --format json > cli_doc.json
curl -s -G -b jar -o doc.json --data-urlencode "document=$doc" \
    "$URL/report/download?format=json&as_of=2025-12-24"
expect_json doc.json '$.tasks.total' "$(jget cli_doc.json '$.tasks.total')"
expect_json doc.json '$.document' "$doc"
$GIAMSAT report --as-of 2025-12-24 --agency "Bộ Nội vụ" --format json > cli_unit.json
curl -s -G -b jar -o unit.html --data-urlencode "agency=Bộ Nội vụ" "$URL/report?as_of=2025-12-24"
well_formed unit.html
grep -q '<option value="Bộ Nội vụ" selected="selected">' unit.html || die "unit not selected"
grep -q 'format=xlsx&amp;as_of=2025-12-24&amp;due_by=2025-12-31&amp;agency=B%E1%BB%99%20N%E1%BB%99i%20v%E1%BB%A5"' \
    unit.html || die "download links keep the unit"
curl -s -G -b jar -o unit.json --data-urlencode "agency=Bộ Nội vụ" \
    "$URL/report/download?format=json&as_of=2025-12-24"
expect_json unit.json '$.tasks.total' "$(jget cli_unit.json '$.tasks.total')"
expect_json unit.json '$.agency' "Bộ Nội vụ"

# Errors: as the command line has them, with the right status.
[ "$(status GET '/report?document=khong+co+van+ban+nay' -b jar)" = 404 ] || die "unknown document"
curl -s -b jar -o nodoc.html "$URL/report?agency=Bo+khong+ton+tai"
well_formed nodoc.html
grep -q 'class="error-summary"' nodoc.html || die "error not shown in the page"
[ "$(status GET '/report?agency=Bo+khong+ton+tai' -b jar)" = 404 ] || die "unknown unit"
[ "$(status GET '/report/download?format=json&agency=Bo+khong+ton+tai' -b jar)" = 404 ] \
    || die "download: unknown unit"
[ "$(status GET '/report/download?format=pdf' -b jar)" = 400 ] || die "unknown format"
[ "$(status GET '/report/download' -b jar)" = 400 ] || die "no format"
[ "$(status GET '/report?as_of=2025-13-01' -b jar)" = 400 ] || die "bad date"
[ "$(status GET '/report?as_of=2025-12-24&due_by=2025-01-01' -b jar)" = 400 ] \
    || die "due_by before as_of"
[ "$(status GET '/report/download?format=csv&as_of=2025-12-24&due_by=2025-01-01' -b jar)" = 400 ] \
    || die "download: due_by before as_of"
