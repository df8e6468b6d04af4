# The routes issue #4 names for other systems: POST /api/v1/tasks/{id}/progress with the
# issue's body, GET /api/v1/agencies; and the command-line account and token forms
# (Vietnamese role names, password from standard input, token add --name).
set -eu
start_server
get /api/v1/openapi.json openapi.json
T=$($GIAMSAT token add --role don_vi --unit "Bộ Nội vụ" --name he-thong-noi-vu)
V=$($GIAMSAT token add --role xem --name chi-xem)
[ "$(db_count "select role || '|' || name from api_token where name = 'he-thong-noi-vu'")" = \
    "unit|he-thong-noi-vu" ] || die "token add --name/--role don_vi"

api GET /api/v1/agencies agencies.json 200 -H "Authorization: Bearer $V"
api GET /api/v1/units units.json 200 -H "Authorization: Bearer $V"
cmp -s agencies.json units.json || die "/agencies and /units differ"
grep -q '"Bộ Nội vụ"' agencies.json || die "agencies"

task=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null and s.task_id in
    (select task_id from assignment group by task_id having count(*) = 1) order by 1 limit 1")
body='{"unit":"Bộ Nội vụ","date":"2025-12-20","result":"Đã ban hành","next":"","issues":"","done":true,"completed_on":"2025-12-18","output":"Quyết định số 5/QĐ-BNV ngày 18/12/2025"}'
printf '%s' "$body" > req.json
"$OPENAPI_CHECK" --request openapi.json POST "/api/v1/tasks/$task/progress" req.json \
    || die "the issue's body does not match openapi.json"
api POST "/api/v1/tasks/$task/progress" done.json 201 -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' --data-binary @req.json
expect_json done.json '$.added' 1
# The viewer may not write; the task in the path and in the body must agree.
api POST "/api/v1/tasks/$task/progress" v.json 403 -H "Authorization: Bearer $V" \
    -H 'Content-Type: application/json' --data-binary @req.json
printf '{"task":1,"unit":"Bộ Nội vụ","date":"2025-12-20"}' > other.json
api POST "/api/v1/tasks/$task/progress" o.json 400 -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' --data-binary @other.json
api POST /api/v1/tasks/999999/progress nf.json 404 -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' --data-binary @req.json

# Accounts from the command line: Vietnamese roles, the password read from standard input.
echo "mat-khau-tu-stdin" | $GIAMSAT user add canbo --role don_vi --unit "Bộ Công an" > /dev/null
[ "$(db_count "select role from app_user where username = 'canbo'")" = unit ] || die "don_vi"
login canbo mat-khau-tu-stdin cb
$GIAMSAT user add lanhdao --role xem < /dev/null | grep -q "Mật khẩu (chỉ hiện một lần)" \
    || die "no generated password shown"
if $GIAMSAT user add x --role sep > /dev/null 2>&1; then die "unknown role accepted"; fi
