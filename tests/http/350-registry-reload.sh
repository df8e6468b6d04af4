# The server resolves unit names with the registry as it is now: an alias added on the admin
# page (or by anyone writing to the database) is known to the next request, no restart.
set -eu
start_server
login admin admin-pass-123 admin
tok=$(curl -s -b admin "$URL/admin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
T=$($GIAMSAT token add --role giam_sat --name van-phong)
task=$(db_count "select s.task_id from assignment s where s.agency_id = $bnv and s.removed_import_id
    is null and s.task_id in (select task_id from assignment group by task_id having count(*) = 1)
    and s.id not in (select assignment_id from progress_report) order by 1 limit 1")
body='{"unit":"Văn phòng Bộ Nội vụ mới","date":"2025-12-20","result":"Đang thực hiện"}'
post() {
    curl -s -o out.json -w '%{http_code}' -H "Authorization: Bearer $T" \
        -H 'Content-Type: application/json' --data "$body" "$URL/api/v1/tasks/$task/progress"
}
[ "$(post)" = 422 ] || die "an unknown unit name was accepted"
code=$(curl -s -o alias.html -w '%{http_code}' -b admin --data-urlencode "csrf=$tok" \
    --data-urlencode "agency=$bnv" --data-urlencode "alias=Văn phòng Bộ Nội vụ mới" \
    "$URL/admin/aliases")
[ "$code" = 200 ] || [ "$code" = 303 ] || die "alias not added: HTTP $code"
[ "$(post)" = 201 ] || die "the new alias is not known to the server: $(cat out.json)"
