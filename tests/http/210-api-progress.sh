# POST /api/v1/progress: a unit token writes for its own unit only, a viewer
# token and a session cookie not at all; refusals write nothing but an audit
# line; every write is audited; duplicates and rejected reports; the task's
# status follows a completion.
set -eu
start_server

# post TOKEN BODY FILE STATUS: POST BODY (after checking it against the request schema).
post() {
    printf '%s' "$2" > req.json
    "$OPENAPI_CHECK" --request openapi.json POST /api/v1/progress req.json \
        || die "the test body does not match openapi.json: $2"
    api POST /api/v1/progress "$3" "$4" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' --data-binary @req.json
}
reports() { db_count "select count(*) from progress_report"; }
audits() { db_count "select count(*) from audit_log where action = '$1'"; }
# Everything but the audit log (it records refusals too) and the sessions (signing in
# and every request with a cookie touch them).
state() {
    sqlite3 giamsat.db ".dump --data-only" | grep -v -e 'INSERT INTO audit_log' \
        -e 'INSERT INTO session' | md5sum
}

get /api/v1/openapi.json openapi.json
UNIT=$($GIAMSAT token add noivu-system --role unit --unit "Bộ Nội vụ")
VIEW=$($GIAMSAT token add viewer-system --role viewer)
MON=$($GIAMSAT token add office --role monitor)

# A task whose only lead unit is Bộ Nội vụ, and one led by Bộ Công an alone.
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)
        and s.id not in (select assignment_id from progress_report)"
OWN=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
OTHER=$(db_count "$single and a.name = 'Bộ Công an' order by task_id limit 1")
[ -n "$OWN" ] && [ -n "$OTHER" ] || die "no single-unit tasks in the demo data"

# A unit token reports for its own unit: 201, one report, one audit line.
before=$(reports)
post "$UNIT" "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"result\":\"Đã trình dự thảo\",\"next\":\"Ban hành\",\"issues\":\"\",\"percent\":60}" r1.json 201
expect_json r1.json '$.added' 1
rid=$(jget r1.json '$.id')
[ "$(reports)" = $((before + 1)) ] || die "the report was not written"
[ "$(db_count "select source from progress_report where id = $rid")" = api ] || die "source"
[ "$(db_count "select count(*) from audit_log where action = 'progress.add' and entity_id = $rid
    and actor = 'token:noivu-system' and token_id is not null")" = 1 ] || die "no audit line"
# ... and it is in the task's history, through both read endpoints.
api GET "/api/v1/progress?task=$OWN" list.json 200 -H "Authorization: Bearer $VIEW"
expect_json list.json '$[0].id' "$rid"
expect_json list.json '$[0].percent' 60
expect_json list.json '$[0].source' api
api GET "/api/v1/tasks/$OWN?as_of=2025-12-24" t1.json 200 -H "Authorization: Bearer $VIEW"
expect_json t1.json '$.progress[0].result' 'Đã trình dự thảo'

# The same report again is a duplicate: 200, nothing written.
post "$UNIT" "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"result\":\"Đã trình dự thảo\",\"next\":\"Ban hành\",\"issues\":\"\",\"percent\":60}" dup.json 200
expect_json dup.json '$.duplicate' 1
# ... and it answers with the id of the report already stored (issue #10, defect 10).
expect_json dup.json '$.id' "$rid"
[ "$(reports)" = $((before + 1)) ] || die "a duplicate was written"

# Another unit's task: 403; nothing changes but an audit line of the refusal.
s0=$(state); d0=$(audits progress.denied)
post "$UNIT" "{\"task\":$OTHER,\"unit\":\"Bộ Công an\",\"date\":\"2025-12-20\",\"result\":\"x\"}" f1.json 403
[ "$(state)" = "$s0" ] || die "a refused write changed the database"
[ "$(audits progress.denied)" = $((d0 + 1)) ] || die "the refusal is not audited"
db_count "select after from audit_log where action = 'progress.denied' order by id desc limit 1" \
    | grep -q "Bộ Công an" || die "the refusal's audit line does not name the unit"
# Its own unit named on a task it does not lead: read, then rejected (422), nothing written.
post "$UNIT" "{\"task\":$OTHER,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\"}" f2.json 422
[ "$(state)" = "$s0" ] || die "a rejected report changed the database"
# A viewer token writes nothing.
post "$VIEW" "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-21\"}" f3.json 403
[ "$(state)" = "$s0" ] || die "a viewer's write changed the database"
# A session cookie alone cannot write through the API, even with the unit's account.
login noivu noivu-pass-123 jar
printf '{"task":%s,"unit":"Bộ Nội vụ","date":"2025-12-21"}' "$OWN" > req.json
api POST /api/v1/progress f4.json 403 -b jar -H 'Content-Type: application/json' \
    --data-binary @req.json
api POST /api/v1/progress f5.json 401 -H 'Content-Type: application/json' --data-binary @req.json
[ "$(state)" = "$s0" ] || die "a cookie or anonymous write changed the database"
# A report dated after today (GIAMSAT_TODAY) is rejected.
post "$UNIT" "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"2026-01-05\"}" f6.json 422
[ "$(state)" = "$s0" ] || die "a report from the future was written"

# Completion (the unit named by its abbreviation): the assignment and the task are
# done as of the completion date.
post "$UNIT" "{\"task\":$OWN,\"unit\":\"BNV\",\"date\":\"2025-12-22\",\"done\":true,\"completed_on\":\"2025-12-19\",\"output\":\"Quyết định số 12/QĐ-BNV ngày 19/12/2025\"}" r2.json 201
api GET "/api/v1/tasks/$OWN?as_of=2025-12-24" t2.json 200 -H "Authorization: Bearer $VIEW"
expect_json t2.json '$.assignments[0].completed_on' 2025-12-19
case "$(jget t2.json '$.status')" in done_on_time | done_late) ;; *) die "task not done" ;; esac
[ "$(jget t2.json '$.status')" = "$(jget t2.json '$.assignments[0].status')" ] \
    || die "a one-unit task's status differs from its assignment's"
# ... but not as of the day before.
api GET "/api/v1/tasks/$OWN?as_of=2025-12-18" t3.json 200 -H "Authorization: Bearer $VIEW"
expect_json t3.json '$.assignments[0].completed_on' ''
# A monitor token may write for any unit.
post "$MON" "{\"task\":$OTHER,\"unit\":\"Bộ Công an\",\"date\":\"2025-12-23\",\"result\":\"Đang triển khai\"}" r3.json 201
# One audit line per API write.
[ "$(audits progress.add)" = 3 ] || die "want 3 progress.add audit lines, got $(audits progress.add)"
