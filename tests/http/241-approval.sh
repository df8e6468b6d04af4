# Approval of progress reports (issue #15): a unit that requires approval has its focal
# point's reports wait for its leader (lanh_dao_don_vi) before they count; the office
# accepts or returns submitted reports; each step is dated, so a report as of a day
# before the step is unchanged; an accepted completion is locked (a change must say
# why, and the audit log shows both); the office chooses which states count.
set -eu
start_server

get /api/v1/openapi.json openapi.json
UNIT=$($GIAMSAT token add noivu-staff --role don_vi --unit "Bộ Nội vụ")
LEAD=$($GIAMSAT token add noivu-lead --role lanh_dao_don_vi --unit "Bộ Nội vụ")
OTHER_LEAD=$($GIAMSAT token add bca-lead --role lanh_dao_don_vi --unit "Bộ Công an")
MON=$($GIAMSAT token add office --role giam_sat)
$GIAMSAT user add lanhdao --role lanh_dao_don_vi --unit "Bộ Nội vụ" --password lanhdao-pass-1 \
    > /dev/null
[ "$(db_count "select role from app_user where username = 'lanhdao'")" = unit_leader ] \
    || die "the leader account's role"
$GIAMSAT user add nobody --role lanh_dao_don_vi --password x-pass-123456 > err.txt 2>&1 \
    && die "a leader account without a unit was created"

post() { # TOKEN PATH BODY FILE STATUS
    printf '%s' "$3" > req.json
    api POST "$2" "$4" "$5" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
        --data-binary @req.json
}
review() { post "$1" "/api/v1/progress/$2/review" "$3" "$4" "$5"; }
status_of() { # TASK AS_OF: the task's status through the API
    api GET "/api/v1/tasks/$1?as_of=$2" t.json 200 -H "Authorization: Bearer $MON"
    jget t.json '$.status'
}
done_count() { # AS_OF: done tasks in the report (server and command line agree)
    api GET "/api/v1/report?as_of=$1" rep.json 200 -H "Authorization: Bearer $MON"
    $GIAMSAT report --as-of "$1" --format json > cli.json
    a=$(jget rep.json '$.tasks.done_on_time')
    [ "$a" = "$(jget cli.json '$.tasks.done_on_time')" ] || die "API and CLI disagree"
    echo "$a"
}

# A task led by Bộ Nội vụ alone, without reports, overdue by 24/12/2025.
T=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    join task t on t.id = s.task_id where a.name = 'Bộ Nội vụ' and s.removed_import_id is null
    and t.due < '2025-12-20' and t.due >= '2025-06-01' and t.is_group = 0 and t.repeat_of_id is null
    and s.task_id in (select task_id from assignment where removed_import_id is null
                      group by task_id having count(*) = 1)
    and s.id not in (select assignment_id from progress_report) order by s.task_id limit 1")
[ -n "$T" ] || die "no single-unit overdue task of Bộ Nội vụ in the demo"
DUE=$(db_count "select due from task where id = $T")
[ "$(status_of "$T" 2025-12-24)" = overdue ] || die "task $T is not overdue to start with"
base=$(done_count 2025-12-24)

# The unit now requires approval: its focal point's completion waits.
$GIAMSAT approval require "Bộ Nội vụ" --on > /dev/null
[ "$(db_count "select count(*) from audit_log where action = 'approval.require'")" = 1 ] \
    || die "approval.require not audited"
GIAMSAT_TODAY=2025-12-22
post "$UNIT" /api/v1/progress "{\"task\":$T,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-22\",\"done\":true,\"completed_on\":\"$DUE\",\"output\":\"Quyết định số 7/QĐ-BNV ngày $DUE\"}" r1.json 201
R=$(jget r1.json '$.id')
[ "$(db_count "select needs_approval from progress_report where id = $R")" = 1 ] \
    || die "the focal point's report does not wait for approval"
[ "$(status_of "$T" 2025-12-24)" = overdue ] || die "a report awaiting approval counted"
[ "$(done_count 2025-12-24)" = "$base" ] || die "the report counts a pending completion"
api GET "/api/v1/reviews?state=pending" pend.json 200 -H "Authorization: Bearer $MON"
expect_json pend.json '$.reports[0].report' "$R"
expect_json pend.json '$.reports[0].state' pending
expect_json pend.json '$.counting' da_gui

# Who may take which step.
review "$MON" "$R" '{"step":"accept"}' e1.json 409          # still pending
grep -q "chờ lãnh đạo đơn vị duyệt" e1.json || die "409 does not say why"
review "$OTHER_LEAD" "$R" '{"step":"approve"}' e2.json 403  # another unit's leader
review "$UNIT" "$R" '{"step":"approve"}' e3.json 403        # the focal point itself
review "$MON" "$R" '{"step":"approve"}' e4.json 403         # the office approves nothing
review "$LEAD" "$R" '{"step":"ok"}' e5.json 400
review "$LEAD" 999999 '{"step":"approve"}' e6.json 404
[ "$(db_count "select count(*) from progress_review")" = 0 ] || die "a refused step was written"

# The leader approves on 23/12 (the server's today): from that day the completion counts;
# the report as of 22/12 stays as it was.
export GIAMSAT_TODAY=2025-12-23
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
$GIAMSAT serve --port "$PORT" > server.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$URL/login" && break; sleep 0.1; done
review "$LEAD" "$R" '{"step":"approve","comment":"Đồng ý"}' a1.json 201
expect_json a1.json '$.state' submitted
expect_json a1.json '$.steps[0].step' approve
expect_json a1.json '$.steps[0].on' 2025-12-23
[ "$(status_of "$T" 2025-12-24)" = done_on_time ] || die "the approved completion does not count"
[ "$(status_of "$T" 2025-12-22)" = overdue ] || die "a past date changed after the approval"
[ "$(done_count 2025-12-24)" = $((base + 1)) ] || die "the report does not count the approval"
review "$LEAD" "$R" '{"step":"approve"}' e7.json 409       # once

# The office accepts (a return needs a comment); the completion is then locked.
review "$MON" "$R" '{"step":"return"}' e8.json 400
review "$MON" "$R" '{"step":"accept"}' a2.json 201
expect_json a2.json '$.state' accepted
# (a change without its reason: a completion again with no Kết quả; a reopening without its
# reason is refused before that, as every entered report is: 356-entered-report-rules.sh)
post "$UNIT" /api/v1/progress "{\"task\":$T,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-23\",\"done\":true,\"completed_on\":\"2025-12-22\",\"output\":\"Quyết định số 3/QĐ-BNV ngày 22/12/2025\"}" l1.json 422
grep -q "chấp nhận" l1.json || die "the lock's refusal does not say why: $(cat l1.json)"
post "$UNIT" /api/v1/progress "{\"task\":$T,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-23\",\"reopen\":true,\"result\":\"Quyết định bị thu hồi để sửa sai sót\"}" l2.json 201
[ "$(db_count "select count(*) from audit_log where action = 'progress.change_accepted'")" = 1 ] \
    || die "the change of an accepted completion is not in the audit log"
[ "$(db_count "select count(*) from audit_log where action = 'progress.accept'")" = 1 ] \
    || die "the acceptance is not in the audit log"
# The reopening waits for the leader too: the accepted completion still counts.
[ "$(status_of "$T" 2025-12-24)" = done_on_time ] || die "a pending reopening counted"

# The office's choice of what counts: every report, or only accepted ones.
$GIAMSAT approval counting tat_ca > /dev/null
[ "$(status_of "$T" 2025-12-24)" = overdue ] || die "tat_ca does not count the pending reopening"
api GET "/api/v1/report?as_of=2025-12-24" rep.json 200 -H "Authorization: Bearer $MON"
expect_json rep.json '$.counting.rule' tat_ca
$GIAMSAT approval counting da_chap_nhan > /dev/null
[ "$(done_count 2025-12-24)" = 1 ] || die "only the accepted completion counts under da_chap_nhan"
$GIAMSAT approval counting da_gui > /dev/null
[ "$(db_count "select count(*) from audit_log where action = 'count_policy.set'")" = 3 ] \
    || die "count_policy.set not audited"
$GIAMSAT approval list --state pending --format json > l.json
expect_json l.json '$.reports[0].kind' reopen
R2=$(jget l.json '$.reports[0].report')

# The same on the web: the leader's Duyệt báo cáo page lists the pending reopening with
# its buttons; a reject needs a reason; the office and the focal point may not approve.
login lanhdao lanhdao-pass-1 lead.jar
get /reviews rv.html -b lead.jar
well_formed rv.html
grep -q "Chờ lãnh đạo đơn vị duyệt" rv.html || die "the leader's page does not open on pending"
grep -q "action=\"/reviews/$R2\"" rv.html || die "no step form for report $R2"
grep -q 'href="/reviews"' rv.html || die "no Duyệt báo cáo in the leader's navigation"
C=$(csrf lead.jar /reviews)
[ "$(status POST "/reviews/$R2" -b lead.jar --data-urlencode "csrf=$C" -d step=reject)" = 400 ] \
    || die "a reject without a reason was taken"
login noivu noivu-pass-123 unit.jar
[ "$(status GET /reviews -b unit.jar)" = 403 ] || die "the focal point sees the review page"
code=$(curl -s -o done.html -w '%{http_code}' -b lead.jar --data-urlencode "csrf=$C" \
    -d step=reject --data-urlencode "comment=Chưa đủ căn cứ" "$URL/reviews/$R2")
[ "$code" = 303 ] || die "the leader's reject: HTTP $code"
[ "$(db_count "select step || ':' || comment from progress_review where report_id = $R2")" = \
  "reject:Chưa đủ căn cứ" ] || die "the reject was not recorded with its reason"
get "/reviews?done=$R2&step=reject" rv2.html -b lead.jar
grep -q "Đã trả lại cho đơn vị báo cáo số $R2" rv2.html || die "no notice after the step"
login admin admin-pass-123 admin.jar
# The task's timeline says where each report stands in its review.
get "/tasks/$T" task.html -b admin.jar
grep -q "<dt>Duyệt</dt><dd>Văn phòng đã chấp nhận" task.html || die "the timeline lacks the acceptance"
grep -q "<dt>Duyệt</dt><dd>Lãnh đạo đơn vị trả lại" task.html || die "the timeline lacks the reject"
get "/reviews?state=" all.html -b admin.jar
grep -q "Lãnh đạo đơn vị trả lại" all.html || die "the office's list lacks the rejected report"
grep -q "Văn phòng đã chấp nhận" all.html || die "the office's list lacks the accepted report"
$GIAMSAT report --as-of 2025-12-24 --format md | grep -q "Số liệu tính các báo cáo đã gửi" \
    || die "the report does not say which reports it counts"
