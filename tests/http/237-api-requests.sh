# POST /api/v1/requests and its steps (issue #15): a request for explanation issued by the office,
# answered by the addressed unit's token, returned, answered again late, accepted; every response
# matches openapi.json; the wrong callers get 403 (audited), bad bodies 400, a step out of turn 409.
set -eu
start_server
get /api/v1/openapi.json openapi.json
MON=$($GIAMSAT token add rq-mon --role giam_sat 2> /dev/null)
ADM=$($GIAMSAT token add rq-adm --role quan_tri 2> /dev/null)
VIEW=$($GIAMSAT token add rq-view --role xem 2> /dev/null)
UNIT=$($GIAMSAT token add --role don_vi --unit "Bộ Nội vụ" --name rq-bnv 2> /dev/null)
OTHER=$($GIAMSAT token add --role don_vi --unit "Bộ Tài chính" --name rq-btc 2> /dev/null)
T=$(db_count "select task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null and task_id not in
    (select task_id from assignment s2 join agency a2 on a2.id = s2.agency_id
     where a2.name = 'Bộ Tài chính') order by task_id limit 1")
post() { # post TOKEN PATH FILE STATUS BODY
    api POST "$2" "$3" "$4" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
        --data-binary "$5"
}
denied() { db_count "select count(*) from audit_log where action like '%denied'"; }

issue='{"task":'$T',"unit":"Bộ Nội vụ","due":"15/12/2025","date":"2025-12-10",
        "content":"Đề nghị giải trình việc chậm","number":"12/VP-GS"}'
d0=$(denied)
post "$VIEW" /api/v1/requests v.json 403 "$issue"
post "$UNIT" /api/v1/requests u.json 403 "$issue"
[ "$(denied)" = $((d0 + 2)) ] || die "the refused issues are not audited"
[ "$(db_count 'select count(*) from explanation_request')" = 0 ] || die "a refused issue wrote"
post "$MON" /api/v1/requests b1.json 400 '{"task":'$T',"unit":"Bộ Nội vụ","due":"2025-12-15","content":"x","colour":"red"}'
grep -q "'colour'" b1.json || die "the unknown field is not named"
post "$MON" /api/v1/requests b2.json 400 '{"task":'$T',"unit":"Bộ Nội vụ","due":"31/13/2025","content":"x"}'
grep -q "'due'" b2.json || die "the bad date is not named"
post "$MON" /api/v1/requests b3.json 400 '{"task":'$T',"unit":"Bộ Tài chính","due":"2025-12-15","date":"2025-12-10","content":"x"}'
grep -q "không chủ trì" b3.json || die "a unit that does not lead the task: $(cat b3.json)"
post "$MON" /api/v1/requests b4.json 404 '{"task":999999,"unit":"Bộ Nội vụ","due":"2025-12-15","date":"2025-12-10","content":"x"}'
post "$MON" /api/v1/requests r.json 201 "$issue"
ID=$(jget r.json '$.id')
expect_json r.json '$.state' overdue
expect_json r.json '$.due' 2025-12-15
expect_json r.json '$.number' 12/VP-GS
expect_json r.json '$.task' "$T"

answer='{"explanation":"Chờ ý kiến các bộ","remedy":"Trình trước 31/12","new_due":"31/12/2025","date":"2025-12-14"}'
post "$UNIT" "/api/v1/requests/$ID/accept" a0.json 403 '{}'
post "$MON" "/api/v1/requests/$ID/accept" a1.json 409 '{}'
post "$OTHER" "/api/v1/requests/$ID/answer" o.json 403 "$answer"
post "$MON" "/api/v1/requests/$ID/answer" m.json 403 "$answer"
post "$ADM" "/api/v1/requests/$ID/answer" m2.json 403 "$answer"
post "$UNIT" "/api/v1/requests/$ID/answer" b5.json 400 '{"explanation":"x","remedy":"y","comment":"z"}'
post "$UNIT" "/api/v1/requests/$ID/answer" b6.json 400 '{"explanation":"x"}'
post "$UNIT" "/api/v1/requests/$ID/answer" b7.json 400 '{"explanation":"x","remedy":"y","date":"2026-01-05"}'
post "$UNIT" "/api/v1/requests/$ID/answer" s1.json 200 "$answer"
expect_json s1.json '$.state' answered
expect_json s1.json '$.answered_late' 0
expect_json s1.json '$.steps[0].new_due' 2025-12-31
expect_json s1.json '$.steps[0].by' token:rq-bnv
post "$UNIT" "/api/v1/requests/$ID/return" r0.json 403 '{"comment":"x"}'
post "$MON" "/api/v1/requests/$ID/return" b8.json 400 '{"due":"2025-12-18"}'
post "$ADM" "/api/v1/requests/$ID/return" s2.json 200 \
    '{"comment":"Chưa rõ lộ trình","due":"2025-12-18","date":"2025-12-16"}'
expect_json s2.json '$.state' overdue
expect_json s2.json '$.round' 2
expect_json s2.json '$.due' 2025-12-18
post "$UNIT" "/api/v1/requests/$ID/answer" s3.json 200 \
    '{"explanation":"Đã họp liên ngành","remedy":"Trình ngày 30/12","new_due":"2025-12-30","date":"2025-12-20"}'
expect_json s3.json '$.state' answered
expect_json s3.json '$.answered_late' 1
expect_json s3.json '$.late_answers' 1
post "$MON" "/api/v1/requests/$ID/accept" s4.json 200 '{"date":"2025-12-22"}'
expect_json s4.json '$.state' accepted
expect_json s4.json '$.steps[3].kind' accept
post "$MON" "/api/v1/requests/$ID/accept" a2.json 409 '{}'
[ "$(denied)" = $((d0 + 7)) ] || die "refusals audited: $(( $(denied) - d0 )), want 7"
for a in add answer return accept; do
    [ "$(db_count "select count(*) from audit_log where action = 'request.$a'")" -ge 1 ] ||
        die "request.$a is not audited"
done

# GET one, as of a date: the state then.
api GET "/api/v1/requests/$ID" g.json 200 -H "Authorization: Bearer $VIEW"
same_json g.json s4.json || die "GET differs from the last step's answer"
api GET "/api/v1/requests/$ID?as_of=2025-12-15" g2.json 200 -H "Authorization: Bearer $VIEW"
expect_json g2.json '$.state' answered
[ "$(jget g2.json '$.steps[1]')" = "" ] || die "a later step is shown as of 15/12"
api GET "/api/v1/requests/999999" g3.json 404 -H "Authorization: Bearer $VIEW"
api GET "/api/v1/requests/$ID?state=open" g4.json 400 -H "Authorization: Bearer $VIEW"
$GIAMSAT request list --as-of 2025-12-24 --format json > cli.json
[ "$(sqlite3 :memory: "select json(json_extract(readfile('cli.json'), '\$[0]'))")" = \
  "$(sqlite3 :memory: "select json(readfile('g.json'))")" ] || die "the API request differs from the CLI's"
echo "requests API: issue, answer, return, late answer, accept; 7 refusals audited"
