# POST /api/v1/progress with bad bodies: malformed JSON, not an object, unknown or
# repeated fields, wrong types and ranges, missing fields, wrong content type,
# oversized body. Each is answered with a JSON error naming the problem, and
# nothing is written.
set -eu
start_server

get /api/v1/openapi.json openapi.json
UNIT=$($GIAMSAT token add noivu-system --role unit --unit "Bộ Nội vụ")
OWN=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.task_id in (select task_id from assignment
    group by task_id having count(*) = 1) order by s.task_id limit 1")

# send BODY STATUS WORD [content type]: POST BODY; want STATUS and WORD in the message.
send() {
    printf '%s' "$1" > body
    code=$(curl -s -o out.json -w '%{http_code}' -H "Authorization: Bearer $UNIT" \
        -H "Content-Type: ${4:-application/json}" --data-binary @body "$URL/api/v1/progress")
    [ "$code" = "$2" ] || die "body $1: HTTP $code, want $2 ($(cat out.json))"
    "$OPENAPI_CHECK" openapi.json POST /api/v1/progress "$code" out.json \
        || die "the $code answer does not match openapi.json"
    expect_json out.json '$.error.status' "$2"
    jget out.json '$.error.message' | grep -q -- "$3" \
        || die "body $1: the message does not mention $3: $(jget out.json '$.error.message')"
}

before=$(sqlite3 giamsat.db .dump | md5sum)
ok="\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\""
send "{\"task\":$OWN,$ok" 400 "not valid JSON"
send "not json" 400 "not valid JSON"
send "" 400 "not valid JSON"
send "[1,2]" 400 "JSON object"
send "\"text\"" 400 "JSON object"
send "{\"task\":$OWN,$ok,\"colour\":\"red\"}" 400 "'colour'"
send "{\"task\":$OWN,$ok,\"unit\":\"Bộ Công an\"}" 400 "duplicate"
send "{\"task\":\"$OWN\",$ok}" 400 "'task'"
send "{\"task\":-3,$ok}" 400 "'task'"
send "{\"task\":1.5,$ok}" 400 "'task'"
send "{\"task\":$OWN,\"unit\":42,\"date\":\"2025-12-20\"}" 400 "'unit'"
send "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"20/12/2025\"}" 400 "'date'"
send "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-02-30\"}" 400 "'date'"
send "{\"task\":$OWN,$ok,\"done\":\"yes\"}" 400 "'done'"
send "{\"task\":$OWN,$ok,\"percent\":101}" 400 "'percent'"
send "{\"task\":$OWN,$ok,\"percent\":\"50\"}" 400 "'percent'"
send "{\"task\":$OWN,$ok,\"result\":[\"a\"]}" 400 "'result'"
send "{\"task\":$OWN,$ok,\"completed_on\":\"2025-12-19\"}" 400 "'completed_on'"
send "{\"task\":$OWN,$ok,\"done\":true,\"reopen\":true}" 400 "'reopen'"
send "{$ok}" 400 "'task'"
send "{\"task\":$OWN,\"date\":\"2025-12-20\"}" 400 "'unit'"
send "{\"task\":$OWN,\"unit\":\"Bộ Nội vụ\"}" 400 "'date'"
send "{\"task\":$OWN,$ok}" 415 "application/json" "text/plain"
send "task=$OWN" 415 "application/json" "application/x-www-form-urlencoded"
# Larger than the API's body limit (64 KiB) but within the server's: 413.
big=$(head -c 70000 /dev/zero | tr '\0' 'a')
send "{\"task\":$OWN,$ok,\"result\":\"$big\"}" 413 "larger"
# Query parameters are not accepted on a write.
code=$(curl -s -o out.json -w '%{http_code}' -H "Authorization: Bearer $UNIT" \
    -H 'Content-Type: application/json' --data-binary "{\"task\":$OWN,$ok}" \
    "$URL/api/v1/progress?dry_run=1")
[ "$code" = 400 ] || die "a query parameter on POST: HTTP $code"
[ "$(sqlite3 giamsat.db .dump | md5sum)" = "$before" ] || die "a bad body changed the database"
# The good body itself is accepted (so the failures above are about what they name).
send_ok=$(curl -s -o out.json -w '%{http_code}' -H "Authorization: Bearer $UNIT" \
    -H 'Content-Type: application/json; charset=utf-8' --data-binary "{\"task\":$OWN,$ok,\"percent\":null,\"result\":\"Đang làm\"}" \
    "$URL/api/v1/progress")
[ "$send_ok" = 201 ] || die "the good body: HTTP $send_ok ($(cat out.json))"
