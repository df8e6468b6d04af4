# Nhập dữ liệu: upload, dry run (counts, unresolved names, rejected rows; nothing written),
# confirm (imported with its audit line), re-import (no duplicates), bad files (422, nothing
# written), partial imports, progress tables, CSRF and ownership of an upload.
set -eu
start_server
$GIAMSAT user add gs --role monitor --password monitor-pass-1 > /dev/null
login admin admin-pass-123 admin
login gs monitor-pass-1 gs
# What an import may change (sessions, the upload table and the audit log aside: a refusal
# is audited, 820-permissions.sh checks each).
data_snapshot() {
    sqlite3 giamsat.db .dump | grep -v '^INSERT INTO session\|^INSERT INTO upload\|^INSERT INTO audit_log' |
        md5sum
}
get /import form.html -b admin
well_formed form.html
grep -q 'enctype="multipart/form-data"' form.html || die "the form does not upload"
grep -q '<label for="file">' form.html || die "file field without a label"
# The token is a field of the upload, never in the address bar (issue #13); scripts that
# send it as ?csrf= still work (the uploads below).
grep -q '<form method="post" enctype="multipart/form-data" action="/import"><input type="hidden" name="csrf"' form.html \
    || die "the upload form does not carry its token as a field"
if grep -q 'csrf=' form.html; then die "a token in a URL of the import page"; fi
tok=$(csrf admin /import)
tok_gs=$(csrf gs /import)
action="/import?csrf=$tok"
action_gs="/import?csrf=$tok_gs"
# upload JAR ACTION FILE [more curl args]: POST the file for a dry run; the status code.
upload() {
    j=$1 a=$2 f=$3
    shift 3
    curl -s -o check.html -w '%{http_code}' -b "$j" -F step=check -F "file=@$f" "$@" "$URL$a"
}
fact() { sed -n "s/.*data-key=\"$1\">\([0-9]*\)<.*/\1/p" check.html; }
upload_id() { sed -n 's/.*name="upload" value="\([0-9]*\)".*/\1/p' check.html; }

cat > t.csv <<'CSV'
Mã,Tên nhiệm vụ,Văn bản giao,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn
W1,Xây dựng cổng dữ liệu thử nghiệm,Kế hoạch số 12/KH-BCĐ ngày 05/12/2025,Bộ Nội vụ,Bộ Công an,Tháng 6/2026
W2,Đánh giá mức độ sẵn sàng,Kế hoạch số 12/KH-BCĐ ngày 05/12/2025,"Các bộ, cơ quan ngang bộ",,Quý II/2026
W3,Việc của một sở mới,Kế hoạch số 12/KH-BCĐ ngày 05/12/2025,Sở Khoa học Hà Giang mới,,Khi có yêu cầu
CSV
tasks_before=$(db_count 'select count(*) from task')

# Step 1: the dry run shows the counts and the unresolved name, and writes nothing.
before=$(data_snapshot)
code=$(upload admin "$action" t.csv -F format=auto -F document=)
[ "$code" = 200 ] || die "dry run: HTTP $code ($(head -c 300 check.html))"
well_formed check.html
[ "$(fact tasks)" = 3 ] || die "tasks = $(fact tasks)"
[ "$(fact counted)" = 3 ] || die "counted"
[ "$(fact documents)" = 1 ] || die "documents = $(fact documents)"
[ "$(fact groups_expanded)" = 1 ] || die "groups expanded"
[ "$(fact unresolved)" = 1 ] || die "unresolved"
[ "$(fact rejected)" = 0 ] || die "rejected"
grep -q '<td>Sở Khoa học Hà Giang mới</td>' check.html || die "unresolved name not listed"
grep -q 'Xác nhận nhập' check.html || die "no confirm button"
[ "$(data_snapshot)" = "$before" ] || die "the dry run changed the database"
[ "$(db_count 'select count(*) from upload')" = 1 ] || die "upload not kept"
id=$(upload_id)

# Only the uploader may confirm it.
[ "$(status POST /import -b gs --data "csrf=$tok_gs&step=confirm&upload=$id")" = 403 ] \
    || die "another user confirmed the upload"
[ "$(status POST /import -b admin --data "step=confirm&upload=$id")" = 403 ] \
    || die "confirm without CSRF"
[ "$(data_snapshot)" = "$before" ] || die "a refused confirmation changed the database"
[ "$(db_count "select count(*) from audit_log where action = 'access.denied'
    and after like '%\"route\":\"/import\"%'")" = 2 ] || die "the refused confirmations are not audited"

# Step 2: confirm imports it, in one transaction with its audit line.
code=$(curl -s -o done.html -w '%{http_code}' -b admin --data "csrf=$tok&step=confirm&upload=$id" \
    "$URL/import")
[ "$code" = 200 ] || die "confirm: HTTP $code ($(head -c 300 done.html))"
well_formed done.html
grep -q 'Đã ghi vào cơ sở dữ liệu' done.html || die "no confirmation"
[ "$(db_count 'select count(*) from task')" = $((tasks_before + 3)) ] || die "tasks not imported"
[ "$(db_count "select count(*) from task_party where text = 'Sở Khoa học Hà Giang mới' and agency_id is null")" = 1 ] \
    || die "unresolved name not kept"
run=$(db_count 'select max(id) from import_run')
[ "$(db_count "select file from import_run where id = $run")" = t.csv ] || die "import log"
[ "$(db_count "select count(*) from audit_log where action = 'import' and entity = 'import_run' and entity_id = $run and actor = 'admin'")" = 1 ] \
    || die "no audit line for the import"
db_count "select after from audit_log where action = 'import'" | grep -q '"tasks": 3' \
    || die "the audit line lacks the summary"
[ "$(db_count 'select count(*) from upload')" = 0 ] || die "upload kept after the import"
[ "$(status POST /import -b admin --data "csrf=$tok&step=confirm&upload=$id")" = 404 ] \
    || die "an upload imported twice"

# Re-importing the same file adds nothing.
upload admin "$action" t.csv > /dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' -b admin --data "csrf=$tok&step=confirm&upload=$(upload_id)" "$URL/import")" = 200 ] \
    || die "re-import"
[ "$(db_count 'select count(*) from task')" = $((tasks_before + 3)) ] || die "re-import duplicated"

# The audit page shows the import as a sentence, its summary as a table of fields.
get /admin/audit audit.html -b gs
well_formed audit.html
grep -q 'đã nhập một tệp dữ liệu (lần nhập số' audit.html || die "audit page lacks the import"
grep -q '<table class="changes">' audit.html || die "the import summary is not a table"
grep -q '<th scope="row">Nhiệm vụ con</th>' audit.html || die "the summary's fields are not named"

# Bad files: the importer's message, 422, and nothing written (not even the upload).
before=$(data_snapshot)
bad() { # file, words of the message
    code=$(upload admin "$action" "$1")
    [ "$code" = 422 ] || die "$1: HTTP $code, want 422"
    well_formed check.html
    grep -q "$2" check.html || die "$1: message lacks '$2'"
    [ "$(data_snapshot)" = "$before" ] || die "$1 changed the database"
    [ "$(db_count 'select count(*) from upload')" = 0 ] || die "$1 was kept"
}
: > empty.csv
bad empty.csv "Tệp “empty.csv” trống"
printf 'T\352n nhi\352m v\371,C\241 quan ch\367 tr\354\nabc,def\n' > cp1258.csv
bad cp1258.csv "không phải văn bản mã UTF-8"
printf 'PK\003\004this is not really a zip file at all' > truncated.xlsx
bad truncated.xlsx "Tệp “truncated.xlsx” không đọc được như một bảng tính Excel (.xlsx)"
printf 'TT,Đơn vị,Thời hạn\n1,Bộ Công an,Tháng 6/2026\n' > noname.csv
bad noname.csv "không có cột tên nhiệm vụ"

# Malformed requests.
[ "$(upload admin /import t.csv)" = 403 ] || die "upload without the CSRF token"
[ "$(upload admin /import?csrf=forged t.csv)" = 403 ] || die "upload with a forged token"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b admin -F step=check -F x=1 "$URL$action")" = 400 ] \
    || die "upload without a file"
[ "$(upload admin "$action" t.csv -F format=nonsense)" = 400 ] || die "unknown format"
[ "$(status POST "$action" -b admin -H 'Content-Type: multipart/form-data; boundary=zz' --data-binary 'junk')" = 400 ] \
    || die "malformed multipart body"
[ "$(data_snapshot)" = "$before" ] || die "malformed requests changed the database"

# Rejected rows: refused unless "allow partial" is ticked, as on the command line.
printf 'Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\nViệc nhập một phần,Bộ Y tế,Tháng 9/2026\n,Bộ Y tế,\n' > reject.csv
[ "$(upload admin "$action" reject.csv)" = 200 ] || die "dry run with a rejected row"
[ "$(fact rejected)" = 1 ] || die "rejected count"
grep -q '<td class="num">3</td><td>tên nhiệm vụ (Tên nhiệm vụ) để trống' check.html || die "rejected row not listed"
grep -q 'name="allow_partial"' check.html || die "no allow-partial box"
id=$(upload_id)
[ "$(status POST /import -b admin --data "csrf=$tok&step=confirm&upload=$id")" = 422 ] \
    || die "partial import without consent"
[ "$(data_snapshot)" = "$before" ] || die "a refused partial import changed the database"
[ "$(status POST /import -b admin --data "csrf=$tok&step=confirm&upload=$id&allow_partial=1")" = 200 ] \
    || die "partial import"
[ "$(db_count "select count(*) from task where name = 'Việc nhập một phần'")" = 1 ] \
    || die "good row not imported"

# A progress table: its own summary; confirmed with one future-dated row left out.
cat > progress.csv <<'CSV'
Mã,Đơn vị,Kết quả,Ngày báo cáo,Hoàn thành,Ngày hoàn thành
5,Bộ Nội vụ,Đang xây dựng dự thảo Đề án (nhập qua trang web),21/05/2025,không,
13,Bộ Nội vụ,Đã xây dựng kế hoạch thi đua (nhập qua trang web),01/07/2025,không,
5,Bộ Nội vụ,Báo cáo từ tương lai,15/05/2027,không,
CSV
[ "$(upload gs "$action_gs" progress.csv -F format=progress)" = 200 ] || die "progress dry run"
well_formed check.html
[ "$(fact rows)" = 3 ] || die "progress rows = $(fact rows)"
[ "$(fact added)" = 2 ] || die "progress added = $(fact added)"
[ "$(fact rejected)" = 1 ] || die "progress rejected"
grep -q 'trong tương lai' check.html || die "progress reject reason"
reports=$(db_count 'select count(*) from progress_report')
[ "$(status POST /import -b gs --data "csrf=$tok_gs&step=confirm&upload=$(upload_id)")" = 422 ] \
    || die "progress import with a rejected row, without consent"
[ "$(db_count 'select count(*) from progress_report')" = "$reports" ] || die "reports written"
[ "$(status POST /import -b gs --data "csrf=$tok_gs&step=confirm&upload=$(upload_id)&allow_partial=1")" = 200 ] \
    || die "progress import"
[ "$(db_count 'select count(*) from progress_report')" = $((reports + 2)) ] || die "reports"
[ "$(db_count "select count(*) from audit_log where action = 'progress.import' and actor = 'gs'")" = 2 ] \
    || die "progress reports not audited"
[ "$(db_count "select count(*) from audit_log where action = 'import' and actor = 'gs'")" = 1 ] \
    || die "progress import not audited"

# A measurement table (issue #5): detected by its header, its own summary, a bad row listed
# with its column; refused without consent, confirmed with "allow partial" (entered via import
# by the signed-in user, one audit line); the same file again adds nothing.
cat > so-do.csv <<'CSV'
Mã chỉ tiêu,Ngày đo,Giá trị,Khối / Thang đo,Nguồn
11.1,30/06/2025,81%,,Báo cáo 6 tháng (nhập qua trang web)
4,30/06/2025,3,Đông Nam Á,
4,30/06/2025,48,Thế giới,
12,30/06/2025,5abc,,
CSV
grep -q '<option value="measurements">Bảng số đo chỉ tiêu' form.html || die "no measurement format"
before=$(data_snapshot)
[ "$(upload gs "$action_gs" so-do.csv -F format=auto)" = 200 ] || die "measurement dry run"
well_formed check.html
grep -q 'Bảng số đo chỉ tiêu' check.html || die "measurement table not recognised"
[ "$(fact rows)" = 4 ] || die "measurement rows = $(fact rows)"
[ "$(fact added)" = 3 ] || die "measurements added = $(fact added)"
[ "$(fact duplicates)" = 0 ] || die "measurement duplicates"
[ "$(fact rejected)" = 1 ] || die "measurement rejected"
grep -q "<td class=\"num\">5</td><td>cột &#39;Giá trị&#39;: không đọc được giá trị &#39;5abc&#39;" check.html \
    || die "measurement reject reason"
[ "$(data_snapshot)" = "$before" ] || die "a measurement dry run changed the database"
id=$(upload_id)
[ "$(status POST /import -b gs --data "csrf=$tok_gs&step=confirm&upload=$id")" = 422 ] \
    || die "measurement import with a rejected row, without consent"
[ "$(data_snapshot)" = "$before" ] || die "a refused measurement import changed the database"
[ "$(status POST /import -b gs --data "csrf=$tok_gs&step=confirm&upload=$id&allow_partial=1")" = 200 ] \
    || die "measurement import"
[ "$(db_count "select count(*) from measurement where entered_via = 'import' and entered_by = 'gs'")" = 3 ] \
    || die "measurements not written"
[ "$(db_count "select count(*) from audit_log where action = 'import' and actor = 'gs' and after like '%\"added\": 3%'")" = 1 ] \
    || die "measurement import not audited"
$GIAMSAT indicators --format json > ind.json
[ "$(sqlite3 :memory: "select json_extract(value, '$.status') from json_each(readfile('ind.json'))
    where json_extract(value, '$.code') = '4'")" = green ] || die "status of 4 after the import"
before=$(data_snapshot)
[ "$(upload gs "$action_gs" so-do.csv -F format=measurements)" = 200 ] || die "measurement re-check"
[ "$(fact added)" = 0 ] || die "re-import added $(fact added)"
[ "$(fact duplicates)" = 3 ] || die "re-import duplicates = $(fact duplicates)"
code=$(curl -s -o again.html -w '%{http_code}' -b gs \
    --data "csrf=$tok_gs&step=confirm&upload=$(upload_id)&allow_partial=1" "$URL/import")
[ "$code" = 200 ] || die "measurement re-import: HTTP $code"
grep -q 'Không có số đo mới' again.html || die "the re-import does not say nothing was new"
[ "$(data_snapshot)" = "$before" ] || die "a measurement re-import changed the database"
# Only the steering office imports other files: a unit's focal point imports its own
# progress tables only (325-import-review.sh), so its form offers no other kind.
login noivu noivu-pass-123 noivu
get /import unit-form.html -b noivu
grep -q 'id="format"' unit-form.html && die "a unit account is offered other kinds of file"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b noivu -F step=check -F file=@so-do.csv "$URL$action_gs")" = 403 ] \
    || die "a unit account uploaded a measurement table"
# The upload form sends its token as a field, never in the address bar (issue #13): the
# field alone is enough, and a forged field is refused even with a good ?csrf=.
[ "$(upload admin /import t.csv -F "csrf=$tok")" = 200 ] || die "upload with the token as a field"
[ "$(upload admin "$action" t.csv -F csrf=forged)" = 403 ] || die "upload with a forged token field"
