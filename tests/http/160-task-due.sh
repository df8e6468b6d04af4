# A deadline phrase with no date is set by the steering office: the task page's form
# (monitor/admin only, CSRF), its history and audit lines, the report, and re-imports
# that never overwrite it.
set -eu
start_server
login admin admin-pass-123 jar
login noivu noivu-pass-123 unit
t=$(db_count "select id from task where deadline_kind = 'unknown' and is_group = 0 limit 1")
[ -n "$t" ] || die "no undated task in the demo data"
$GIAMSAT report --as-of 2025-12-24 --format json > before.json
[ "$(jget before.json '$.no_due_date')" -ge 1 ] || die "the undated task is not flagged"
get "/tasks/$t" page.html -b jar
grep -q "action=\"/tasks/$t/due\"" page.html || die "no due-date form for the admin"
well_formed page.html
token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' page.html | head -n 1)
# Refused: no CSRF token; a unit's focal point; a malformed date. Nothing changes.
snap=$(snapshot)
[ "$(status POST "/tasks/$t/due" -b jar --data 'due=2025-12-01')" = 403 ] || die "no CSRF accepted"
utok=$(curl -s -b unit "$URL/tasks/$t" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ "$(status POST "/tasks/$t/due" -b unit --data "csrf=$utok&due=2025-12-01")" = 403 ] || die "unit set a due date"
# A malformed date: the task page again (422), the error beside the field, what was typed kept.
code=$(curl -s -o baddue.html -w '%{http_code}' -b jar --data "csrf=$token&due=31-31-2025" \
    --data-urlencode "due_note=Căn cứ <gõ>" "$URL/tasks/$t/due")
[ "$code" = 422 ] || die "bad date: HTTP $code"
grep -q '<a href="#due-due">Thời hạn phải có dạng ngày/tháng/năm, ví dụ 24/12/2025</a>' baddue.html \
    || die "bad date: no error summary"
grep -q 'id="due-due-error"' baddue.html && grep -q 'value="31-31-2025"' baddue.html \
    || die "bad date: no message beside the field, or the typed date lost"
grep -q 'value="Căn cứ &lt;gõ&gt;"' baddue.html || die "bad date: the typed note lost"
sqlite3 giamsat.db "select count(*) from task where due_set is not null" | grep -qx 0 || die "changed"
# Set: the task now counts with that date (overdue as of 24/12/2025), flagged no more.
[ "$(status POST "/tasks/$t/due" -b jar --data "csrf=$token&due=2025-12-01" \
    --data-urlencode "due_note=Theo chỉ đạo tại cuộc họp ngày 20/11/2025")" = 303 ] || die "set due"
$GIAMSAT report --as-of 2025-12-24 --format json > after.json
[ "$(jget after.json '$.no_due_date')" = $(( $(jget before.json '$.no_due_date') - 1 )) ] \
    || die "still flagged as undated"
[ "$(jget after.json '$.tasks.overdue')" = $(( $(jget before.json '$.tasks.overdue') + 1 )) ] \
    || die "not overdue with its new date"
$GIAMSAT task "$t" --format json > t.json
expect_json t.json '$.due' 2025-12-01
[ "$(db_count "select count(*) from task_history where task_id = $t and field = 'due_set'")" = 1 ] \
    || die "no history line"
[ "$(db_count "select count(*) from audit_log where action = 'task.due' and entity_id = $t")" = 1 ] \
    || die "no audit line"
get "/tasks/$t" page2.html -b jar
grep -q 'Theo chỉ đạo tại cuộc họp' page2.html || die "the note is not shown"
# A re-import of the programme keeps the person's date.
$GIAMSAT demo > /dev/null
$GIAMSAT task "$t" --format json > t2.json
expect_json t2.json '$.due' 2025-12-01
# Clearing it brings back the phrase.
[ "$(status POST "/tasks/$t/due" -b jar --data "csrf=$token&due=")" = 303 ] || die "clear due"
$GIAMSAT task "$t" --format json > t3.json
expect_json t3.json '$.due' ''
