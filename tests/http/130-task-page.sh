# One task: its parties and group expansion, statuses, timeline; progress entry through the form
# with the permission matrix (unit, other unit, viewer), a rejected row and the audit log.
set -eu
start_server
login admin admin-pass-123 admin
login noivu noivu-pass-123 unit
login xem xem-pass-123 viewer
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
# Tables a refused or rejected write must leave as they were (sessions and the audit log move).
data() {
    for t in $(sqlite3 giamsat.db "select name from sqlite_master where type = 'table'
                                   and name not in ('session', 'audit_log') order by name"); do
        sqlite3 giamsat.db ".dump $t"
    done | md5sum
}
form_of() { grep -c "action=\"/tasks/$1/progress\"" "$2" || true; }

# A task whose lead cell is a group: the group, and the units it became.
g=$(db_count "select task_id from assignment where agency_id = $bnv and via_group_id is not null order by task_id limit 1")
n=$(db_count "select count(*) from assignment where task_id = $g and via_group_id is not null")
get "/tasks/$g" g.html -b viewer
well_formed g.html
gname=$(db_count "select g.name from assignment s join agency_group g on g.id = s.via_group_id where s.task_id = $g and s.agency_id = $bnv")
grep -q "<strong>$gname</strong>" g.html || die "group $gname not shown"
grep -q "Gồm $n đơn vị" g.html || die "group expansion ($n units) not shown"
grep -q '<li>Bộ Nội vụ</li>' g.html || die "members not listed"
[ "$(form_of "$g" g.html)" = 0 ] || die "the viewer sees a progress form"
grep -q '<th scope="col">Tình trạng</th>' g.html || die "no assignment table"
[ "$(grep -o 'href="/units/[0-9]*"' g.html | wc -l)" -ge "$n" ] || die "assignments not listed"

# A task of Bộ Nội vụ alone, overdue on 24/12/2025.
t=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' and due < '2025-12-01' order by id limit 1")
other=$(db_count "select id from task where lead_text = 'Bộ Khoa học và Công nghệ' order by id limit 1")
bkhcn=$(db_count "select id from agency where name = 'Bộ Khoa học và Công nghệ'")
get "/tasks/$t" t.html -b unit
well_formed t.html
grep -q 'Thời hạn (như văn bản)' t.html && grep -q 'Thời hạn (đã xác định)' t.html || die "deadline"
grep -q 'href="/documents/[0-9]*"' t.html || die "no document link"
grep -q 'badge b-overdue' t.html || die "task $t not overdue"
[ "$(form_of "$t" t.html)" = 1 ] || die "the unit sees no form on its task"
grep -q "<option value=\"$bnv\" selected=\"selected\">Bộ Nội vụ</option>" t.html || die "unit select"
grep -q 'id="p-date" name="date"[^>]*required="required" value="24/12/2025"' t.html \
    || die "date default"
for f in result next issues percent done completed_on output_number output_date; do
    grep -q "<label for=\"p-$f\">" t.html || die "no label for $f"
done
get "/tasks/$other" other.html -b unit
[ "$(form_of "$other" other.html)" = 0 ] || die "the unit sees a form on another unit's task"

# The unit records completion: 303 to the task with a notice, and the report changes.
$GIAMSAT report --as-of 2025-12-24 --format json > before.json
tok=$(csrf unit "/tasks/$t")
code=$(curl -s -D h -o /dev/null -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
    --data-urlencode "unit=$bnv" --data-urlencode "date=2025-12-20" \
    --data-urlencode "result=Đã trình Chính phủ" --data-urlencode "done=1" \
    --data-urlencode "completed_on=2025-12-19" --data-urlencode "confirm=1" \
    --data-urlencode "output_number=Quyết định số 12/QĐ-BNV" --data-urlencode "output_date=19/12/2025" \
    "$URL/tasks/$t/progress")
[ "$code" = 303 ] || die "progress: HTTP $code"
grep -qi "^Location: /tasks/$t?saved=1" h || die "redirect: $(grep -i location h)"
get "/tasks/$t?saved=1" saved.html -b unit
well_formed saved.html
grep -q 'class="notice"' saved.html || die "no notice"
grep -q 'Đã trình Chính phủ' saved.html && grep -q 'Quyết định số 12/QĐ-BNV' saved.html \
    || die "the report is not in the timeline"
grep -q 'badge b-done_late' saved.html || die "task not done late"
$GIAMSAT report --as-of 2025-12-24 --format json > after.json
[ "$(jget after.json '$.tasks.done_late')" = $(( $(jget before.json '$.tasks.done_late') + 1 )) ] \
    || die "report: done_late did not grow"
[ "$(jget after.json '$.tasks.overdue')" = $(( $(jget before.json '$.tasks.overdue') - 1 )) ] \
    || die "report: overdue did not shrink"
[ "$(db_count "select count(*) from progress_report where source = 'web' and kind = 'done'")" = 1 ] \
    || die "report row"
[ "$(db_count "select count(*) from audit_log where action = 'progress.add' and actor = 'noivu' and entity = 'progress_report'")" = 1 ] \
    || die "no progress.add audit line"
# As of a day before the report, the task was still overdue.
get "/tasks/$t?as_of=2025-12-19" past.html -b unit
grep -q 'badge b-overdue' past.html || die "as_of before the report"

# Another unit's task: 403 whatever unit is named, nothing written but the refusal.
snap=$(data)
tok=$(csrf unit "/tasks/$t")
[ "$(status POST "/tasks/$other/progress" -b unit --data "csrf=$tok&unit=$bkhcn&date=2025-12-20")" = 403 ] \
    || die "unit wrote for another unit"
[ "$(status POST "/tasks/$other/progress" -b unit --data "csrf=$tok&unit=$bnv&date=2025-12-20")" = 403 ] \
    || die "unit wrote on another unit's task"
[ "$(status POST "/tasks/$t/progress" -b unit --data "csrf=$tok&unit=$bkhcn&date=2025-12-20")" = 403 ] \
    || die "unit named another unit on its task"
[ "$(data)" = "$snap" ] || die "a refused write changed the database"
[ "$(db_count "select count(*) from audit_log where action = 'progress.denied' and actor = 'noivu'")" = 3 ] \
    || die "refusals not audited"
# The viewer cannot write; a form without its CSRF token is refused.
vtok=$(csrf viewer "/tasks/$t")
[ "$(status POST "/tasks/$t/progress" -b viewer --data "csrf=$vtok&unit=$bnv&date=2025-12-20")" = 403 ] \
    || die "viewer wrote"
[ "$(status POST "/tasks/$t/progress" -b unit --data "unit=$bnv&date=2025-12-20")" = 403 ] \
    || die "no CSRF accepted"
[ "$(data)" = "$snap" ] || die "a refused write changed the database"

# A rejected row: 422, the reason, what the user typed kept, nothing written.
code=$(curl -s -o bad.html -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
    --data-urlencode "unit=$bnv" --data-urlencode "date=2025-13-45" \
    --data-urlencode "result=Giữ <nguyên> & đủ" --data-urlencode "percent=40" "$URL/tasks/$t/progress")
[ "$code" = 422 ] || die "invalid date: HTTP $code"
well_formed bad.html
grep -q 'class="error-summary"' bad.html && grep -q 'value="2025-13-45"' bad.html || die "no reason shown"
grep -q 'Giữ &lt;nguyên&gt; &amp; đủ</textarea>' bad.html || die "typed text not kept"
grep -q 'name="percent" min="0" max="100" value="40"' bad.html || die "percent not kept"
code=$(curl -s -o bad2.html -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
    --data-urlencode "unit=$bnv" --data-urlencode "date=2025-12-30" "$URL/tasks/$t/progress")
[ "$code" = 422 ] || die "report from the future: HTTP $code"
[ "$(data)" = "$snap" ] || die "a rejected row changed the database"

# The steering office may report for every lead unit of a group task's assignments.
get "/tasks/$g" ga.html -b admin
[ "$(grep -o '<option value="[0-9]*"' ga.html | wc -l)" -ge "$n" ] || die "admin unit choices"
[ "$(status GET /tasks/999999 -b admin)" = 404 ] || die "no such task"
[ "$(status GET "/tasks/$t?x=1" -b admin)" = 400 ] || die "unknown parameter"
# Staleness (issue #11): each unit's latest report and its age as of the page's date; a unit
# that never reported says so; tasks in JSON carry last_report.
old=$(db_count "select a.task_id || ' ' || max(p.reported_on) from progress_report p join assignment a
    on a.id = p.assignment_id group by a.task_id order by max(p.reported_on) limit 1")
ot=${old%% *} od=${old#* }
get "/tasks/$ot?as_of=2025-12-24" stale.html -b admin
grep -q 'Báo cáo gần nhất' stale.html || die "no latest-report column"
dmy=$(printf '%s' "$od" | awk -F- '{ printf "%02d/%02d/%s", $3, $2, $1 }')
grep -q "$dmy <span class=\"stale\">([0-9]* tháng trước)" stale.html \
    || die "the latest report ($od) is not shown with its age"
never=$(db_count "select task_id from assignment where id not in (select assignment_id from progress_report)
    and removed_import_id is null limit 1")
get "/tasks/$never" never.html -b admin
grep -q 'chưa báo cáo' never.html || die "a unit that never reported is not shown as such"
$GIAMSAT tasks --format json > tasks.json
[ "$(sqlite3 :memory: "select json_extract(value, '\$.last_report') from json_each(readfile('tasks.json'))
    where json_extract(value, '\$.id') = $ot")" = "$od" ] || die "tasks --format json: last_report"
