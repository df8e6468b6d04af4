# Forms that protect their users (issue #13): the error summary ("Có lỗi" at the top of
# <main>, linked to each field, "Lỗi: " in the title, what was typed kept); an empty report
# refused; a completion needs its output document and a confirmation; reopening with its
# reason; dates typed as dd/mm/yyyy; an admin error keeps what was typed.
set -eu
start_server
login noivu noivu-pass-123 unit
login admin admin-pass-123 admin
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
t=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' and due < '2025-12-01' order by id limit 1")
tok=$(csrf unit "/tasks/$t")
reports() { db_count "select count(*) from progress_report p join assignment a on a.id = p.assignment_id where a.task_id = $t"; }
# post FILE [curl args...]: post the progress form of task $t as the unit; prints the status.
post() {
    f=$1; shift
    curl -s -o "$f" -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
        --data-urlencode "unit=$bnv" "$@" "$URL/tasks/$t/progress"
}
# summary_first FILE: the error summary opens <main>, right after the heading.
summary_first() {
    grep -q '<main id="main"><h1>[^<]*</h1><div class="error-summary" role="alert" tabindex="-1"' "$1" \
        || die "$1: the error summary is not at the top of <main>"
    grep -q '<title>Lỗi: ' "$1" || die "$1: the title does not start with 'Lỗi: '"
    grep -q '<h2 id="error-summary-title">Có lỗi</h2>' "$1" || die "$1: no 'Có lỗi'"
}
n0=$(reports)

# An empty report: 422, the summary links to the result field, the message beside it.
[ "$(post empty.html --data-urlencode "date=24/12/2025")" = 422 ] || die "empty report accepted"
well_formed empty.html
summary_first empty.html
grep -q '<li><a href="#p-result">Nhập kết quả thực hiện' empty.html || die "no summary link to the result"
grep -q '<p class="error-message" id="p-result-error"><span class="visually-hidden">Lỗi:</span> Nhập kết quả' \
    empty.html || die "no message beside the result"
grep -q 'id="p-result" name="result" aria-describedby="p-result-error" aria-invalid="true"' empty.html \
    || die "the result field is not tied to its error"
[ "$(reports)" = "$n0" ] || die "the empty report was stored"

# A completion without its output document: 422, both fields named, what was typed kept.
[ "$(post noout.html --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "result=Đã xong <hết>")" = 422 ] || die "completion without output accepted"
summary_first noout.html
grep -q 'href="#p-output_number"' noout.html && grep -q 'href="#p-output_date"' noout.html \
    || die "the output fields are not in the summary"
grep -q 'Đã xong &lt;hết&gt;</textarea>' noout.html || die "typed result not kept"
grep -q 'id="p-done" name="done" checked="checked"' noout.html || die "the completion box not kept"
[ "$(reports)" = "$n0" ] || die "a completion without output was stored"

# A bad output date: the dd/mm/yyyy message beside the field.
[ "$(post baddate.html --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "output_number=12/BC-BNV" --data-urlencode "output_date=31/02/2025")" = 422 ] \
    || die "bad output date accepted"
grep -q 'id="p-output_date-error"><span class="visually-hidden">Lỗi:</span> Ngày ban hành phải có dạng ngày/tháng/năm, ví dụ 24/12/2025' \
    baddate.html || die "no date message beside the output date"
grep -q 'value="31/02/2025"' baddate.html || die "the typed date is not kept"

# With its output but not confirmed: the confirmation panel, nothing stored.
[ "$(post ask.html --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "result=Đã ban hành" --data-urlencode "completed_on=22/12/2025" \
    --data-urlencode "output_number=12/BC-BNV" --data-urlencode "output_date=20/12/2025")" = 200 ] \
    || die "completion: no confirmation page"
well_formed ask.html
grep -q '<h2 id="xac-nhan">Xác nhận ghi nhận hoàn thành</h2>' ask.html || die "no confirmation panel"
grep -q '<dd>Số 12/BC-BNV ngày 20/12/2025</dd>' ask.html || die "the output is not summarised"
grep -q 'name="confirm" value="1"' ask.html && grep -q 'name="output_number" value="12/BC-BNV"' ask.html \
    || die "the confirmation does not carry the fields"
grep -q 'href="#them-bao-cao">Quay lại sửa</a>' ask.html || die "no way back to edit"
[ "$(reports)" = "$n0" ] || die "stored before confirmation"

# Confirmed (the fields as the panel posts them): stored, output as the CLI takes it.
code=$(post done.html --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "result=Đã ban hành" --data-urlencode "completed_on=22/12/2025" \
    --data-urlencode "output_number=12/BC-BNV" --data-urlencode "output_date=20/12/2025" \
    --data-urlencode "confirm=1")
[ "$code" = 303 ] || die "confirmed completion: HTTP $code"
[ "$(db_count "select kind || '|' || output || '|' || reported_on || '|' || completed_on from progress_report
    where source = 'web' order by id desc limit 1")" = "done|Số 12/BC-BNV ngày 20/12/2025|2025-12-24|2025-12-22" ] \
    || die "completion row: $(db_count "select kind, output, reported_on, completed_on from progress_report order by id desc limit 1")"
get "/tasks/$t" donepage.html -b unit
grep -q 'badge b-done_late' donepage.html || die "not completed"
grep -q '<h2 id="mo-lai">' donepage.html && grep -q 'id="reopen-form"' donepage.html \
    || die "no reopening form for a completed task"
get "/tasks/$t" viewer.html -b admin
grep -q 'id="reopen-form"' viewer.html || die "the steering office cannot reopen"

# Reopening: the reason is required; then a confirmation; then the task is open again.
n1=$(reports)
[ "$(post r0.html --data-urlencode "action=reopen" --data-urlencode "date=24/12/2025")" = 422 ] \
    || die "reopening without a reason accepted"
summary_first r0.html
grep -q '<li><a href="#r-reason">Nhập lý do mở lại</a></li>' r0.html || die "no reason error"
[ "$(post r1.html --data-urlencode "action=reopen" --data-urlencode "date=24/12/2025" \
    --data-urlencode "reason=Ghi nhầm nhiệm vụ")" = 200 ] || die "reopening: no confirmation"
grep -q '<h2 id="xac-nhan">Xác nhận mở lại nhiệm vụ</h2>' r1.html || die "no reopening confirmation"
[ "$(reports)" = "$n1" ] || die "reopened before confirmation"
code=$(post r2.html --data-urlencode "action=reopen" --data-urlencode "date=24/12/2025" \
    --data-urlencode "reason=Ghi nhầm nhiệm vụ" --data-urlencode "confirm=1")
[ "$code" = 303 ] || die "confirmed reopening: HTTP $code"
[ "$(db_count "select kind || '|' || result from progress_report order by id desc limit 1")" = "reopen|Ghi nhầm nhiệm vụ" ] \
    || die "no reopening row"
get "/tasks/$t?saved=reopen" open.html -b unit
grep -q 'Đã mở lại nhiệm vụ' open.html || die "no reopening notice"
grep -q '<p class="status">[^<]*<span class="badge b-overdue">' open.html || die "the task is not open again"
if grep -q 'id="reopen-form"' open.html; then die "a reopening form on an open task"; fi
# Reopening what is not completed is refused beside the unit.
[ "$(post r3.html --data-urlencode "action=reopen" --data-urlencode "date=24/12/2025" \
    --data-urlencode "reason=x" --data-urlencode "confirm=1")" = 422 ] || die "reopened an open task"
grep -q '<li>Nhiệm vụ của đơn vị này chưa được ghi nhận hoàn thành, không cần mở lại</li>' r3.html \
    || die "no error for reopening an open task"
# The same completion again, the same day, right after the reopening: recorded (it is not a
# duplicate of the first, which the reopening overtook), and the task is done again.
n2=$(reports)
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b unit --data-urlencode "csrf=$tok" \
    --data-urlencode "unit=$bnv" --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "result=Đã ban hành" --data-urlencode "completed_on=22/12/2025" \
    --data-urlencode "output_number=12/BC-BNV" --data-urlencode "output_date=20/12/2025" \
    --data-urlencode "confirm=1" "$URL/tasks/$t/progress")
[ "$code" = "303 $URL/tasks/$t?saved=1#bao-cao" ] || die "re-completion after a reopening: $code"
[ "$(reports)" = $((n2 + 1)) ] || die "the re-completion was not recorded"
get "/tasks/$t" again.html -b unit
grep -q '<p class="status">[^<]*<span class="badge b-done_late">' again.html || die "not done again"
# ... and sent once more it is a duplicate (nothing overtook it).
code=$(post /dev/null --data-urlencode "date=24/12/2025" --data-urlencode "done=1" \
    --data-urlencode "result=Đã ban hành" --data-urlencode "completed_on=22/12/2025" \
    --data-urlencode "output_number=12/BC-BNV" --data-urlencode "output_date=20/12/2025" \
    --data-urlencode "confirm=1")
[ "$code" = 303 ] && [ "$(reports)" = $((n2 + 1)) ] || die "a true duplicate was recorded"

# Dates: dd/mm/yyyy accepted in the form and in ?as_of=; a bad date refused beside the field.
n2=$(reports)
[ "$(post dmy.html --data-urlencode "date=23/12/2025" --data-urlencode "result=Theo dd/mm/yyyy")" = 303 ] \
    || die "dd/mm/yyyy report date refused"
[ "$(db_count "select reported_on from progress_report order by id desc limit 1")" = 2025-12-23 ] \
    || die "dd/mm/yyyy not read as 23/12/2025"
[ "$(post bad.html --data-urlencode "date=12/31/2025" --data-urlencode "result=x")" = 422 ] \
    || die "mm/dd/yyyy accepted"
grep -q '<a href="#p-date">Ngày báo cáo phải có dạng ngày/tháng/năm, ví dụ 24/12/2025</a>' bad.html \
    || die "no date message"
grep -q 'id="p-date" name="date"[^>]*aria-invalid="true"[^>]* value="12/31/2025"' bad.html \
    || die "the typed date is not kept"
[ "$(reports)" = $((n2 + 1)) ] || die "a bad date was stored"
grep -q 'id="p-date" name="date" aria-describedby="p-date-hint" required="required" value="24/12/2025"' \
    donepage.html || die "the report date is not a dd/mm/yyyy text field"
grep -q 'inputmode="numeric"' donepage.html && grep -q 'Ví dụ: 24/12/2025' donepage.html \
    || die "no numeric input mode or example"
if grep -q 'type="date"' donepage.html; then die "a browser date field left"; fi
get "/tasks/$t?as_of=20/12/2025" asof.html -b unit
grep -q 'id="as_of" name="as_of"[^>]* value="20/12/2025"' asof.html || die "as_of in dd/mm/yyyy"
[ "$(status GET "/tasks/$t?as_of=20/13/2025" -b unit)" = 400 ] || die "a bad as_of accepted"

# Admin: a refused form draws the page again with the error and what was typed.
atok=$(csrf admin /admin)
code=$(curl -s -o taken.html -w '%{http_code}' -b admin --data-urlencode "csrf=$atok" \
    --data-urlencode "username=noivu" --data-urlencode "display=Người <mới>" \
    --data-urlencode "role=viewer" --data-urlencode "password=secret-pass-123" "$URL/admin/users")
[ "$code" = 409 ] || die "taken username: HTTP $code"
well_formed taken.html
summary_first taken.html
grep -q '<a href="#user-username">Tên đăng nhập “noivu” đã có người dùng' taken.html \
    || die "no Vietnamese message for a taken username"
grep -q 'id="user-username" name="username"[^>]* value="noivu"' taken.html || die "typed username lost"
grep -q 'value="Người &lt;mới&gt;"' taken.html || die "typed display name lost"
grep -q '<option value="viewer" selected="selected">' taken.html || die "chosen role lost"
if grep -q 'secret-pass-123' taken.html; then die "the password was sent back"; fi
code=$(curl -s -o nounit.html -w '%{http_code}' -b admin --data-urlencode "csrf=$atok" \
    --data-urlencode "username=moi" --data-urlencode "role=unit" "$URL/admin/users")
[ "$code" = 400 ] && grep -q 'href="#user-agency"' nounit.html || die "unit role without a unit: $code"
grep -q 'id="user-username" name="username"[^>]* value="moi"' nounit.html || die "typed username lost"
# The alias form too (the admin units page again, the alias kept).
code=$(curl -s -o alias.html -w '%{http_code}' -b admin --data-urlencode "csrf=$atok" \
    --data-urlencode "alias=Bộ Công an" --data-urlencode "agency=$bnv" "$URL/admin/aliases")
[ "$code" = 409 ] && grep -q 'href="#alias-alias"' alias.html || die "alias conflict: $code"
grep -q 'id="alias-alias" name="alias"[^>]* value="Bộ Công an"' alias.html || die "typed alias lost"
