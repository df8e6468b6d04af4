# /api/v1 reads: token and cookie authentication, every read endpoint checked
# against the served openapi.json, filters, paging, statuses as of a date, 404/400.
set -eu
start_server


# The OpenAPI document is public, valid, and the one built into the binary.
get /api/v1/openapi.json openapi.json
"$OPENAPI_CHECK" --doc openapi.json || die "openapi.json is not a valid document"
expect_json openapi.json '$.openapi' 3.0.3
expect_json openapi.json '$.components.securitySchemes.bearer.scheme' bearer
expect_json openapi.json '$.components.securitySchemes.cookie.in' cookie
for p in /api/v1/tasks /api/v1/tasks/{id} /api/v1/units /api/v1/documents /api/v1/report \
    /api/v1/progress /api/v1/indicators /api/v1/indicators/{id} \
    /api/v1/indicators/{id}/measurements /api/v1/measurements; do
    [ -n "$(jget openapi.json "\$.paths.\"$p\"")" ] || die "openapi.json lacks $p"
done

# Tokens: a viewer token reads; an unknown or revoked token is 401 with a JSON error.
TOK=$($GIAMSAT token add reader --role viewer)
[ -n "$TOK" ] || die "token add printed nothing"
AUTH="Authorization: Bearer $TOK"
api GET /api/v1/units units.json 200 -H "$AUTH"
api GET /api/v1/units bad.json 401 -H "Authorization: Bearer not-a-real-token"
expect_json bad.json '$.error.status' 401
api GET /api/v1/tasks none.json 401
OLD=$($GIAMSAT token add old --role viewer)
[ "$(status GET /api/v1/units -H "Authorization: Bearer $OLD")" = 200 ] || die "fresh token"
sqlite3 giamsat.db "update api_token set revoked_at = '2025-12-24T00:00:00Z' where name = 'old'"
api GET /api/v1/units revoked.json 401 -H "Authorization: Bearer $OLD"

# A signed-in session reads the API too.
login xem xem-pass-123 jar
api GET /api/v1/documents docs.json 200 -b jar

# Units and documents are the CLI's JSON.
$GIAMSAT agencies --format json > cli-units.json
$GIAMSAT documents --format json > cli-docs.json
cmp -s units.json cli-units.json || die "/api/v1/units differs from 'giamsat agencies --format json'"
cmp -s docs.json cli-docs.json || die "/api/v1/documents differs from 'giamsat documents --format json'"
expect_json docs.json '$[0].name' 'Nghị quyết số 71/NQ-CP ngày 01/4/2025'

# Indicators: the 54 rows of Phụ lục I, sub-indicators linked to their parent, and the 25
# targets of the 2025 plan (seed 002), each with its status as of today (GIAMSAT_TODAY):
# exactly the items of `giamsat indicators --format json`, in the task list's envelope.
api GET /api/v1/indicators ind.json 200 -H "$AUTH"
expect_json ind.json '$.total' 79
expect_json ind.json '$.as_of' 2025-12-24
[ "$(sqlite3 :memory: "select json_array_length(readfile('ind.json'), '\$.items')")" = 79 ] \
    || die "indicators"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('ind.json'), '\$.items')
    where json_extract(value, '$.document') = 'Nghị quyết số 71/NQ-CP ngày 01/4/2025'")" = 54 ] \
    || die "indicators of 71/NQ-CP"
k=$(sqlite3 :memory: "select key from json_each(readfile('ind.json'), '\$.items')
    where json_extract(value, '$.code') = '11.1'")
expect_json ind.json "\$.items[$k].parent_code" 11
expect_json ind.json "\$.items[$k].horizon" 2030
expect_json ind.json "\$.items[$k].status" grey
$GIAMSAT indicators --format json > cli-ind.json
[ "$(jget ind.json '$.items')" = "$(jget cli-ind.json '$')" ] \
    || die "/api/v1/indicators items differ from 'giamsat indicators --format json'"

# The task list: the CLI's items, paged; total counts every match.
$GIAMSAT tasks --format json > cli-tasks.json
n_all=$(sqlite3 :memory: "select json_array_length(readfile('cli-tasks.json'))")
api GET '/api/v1/tasks' page1.json 200 -H "$AUTH"
expect_json page1.json '$.total' "$n_all"
expect_json page1.json '$.limit' 100
expect_json page1.json '$.offset' 0
[ "$(sqlite3 :memory: "select json_array_length(readfile('page1.json'), '\$.items')")" = 100 ] \
    || die "first page is not 100 items"
api GET '/api/v1/tasks?limit=7&offset=100' page2.json 200 -H "$AUTH"
[ "$(sqlite3 :memory: "select json_array_length(readfile('page2.json'), '\$.items')")" = 7 ] \
    || die "limit=7"
[ "$(jget page2.json '$.items[0].id')" = "$(jget cli-tasks.json '$[100].id')" ] \
    || die "offset=100 does not start at the 101st task"
[ "$(jget page2.json '$.items[6]')" = "$(jget cli-tasks.json '$[106]')" ] \
    || die "a paged item differs from the CLI's"
[ "$(jget page2.json '$.items[0].status')" = "" ] || die "status given without as_of"
api GET "/api/v1/tasks?offset=$n_all" empty.json 200 -H "$AUTH"
[ "$(sqlite3 :memory: "select json_array_length(readfile('empty.json'), '\$.items')")" = 0 ] \
    || die "a page past the end is not empty"

# Filters are the CLI's filters.
$GIAMSAT tasks --agency "Bộ Nội vụ" --search "chuyen doi so" --format json > cli-f.json
api GET /api/v1/tasks f.json 200 -H "$AUTH" -G --data-urlencode "agency=Bộ Nội vụ" \
    --data-urlencode "search=chuyen doi so" --data-urlencode limit=1000
[ "$(jget f.json '$.total')" = "$(sqlite3 :memory: "select json_array_length(readfile('cli-f.json'))")" ] \
    || die "filtered total differs from the CLI"
[ "$(jget f.json '$.items[0]')" = "$(jget cli-f.json '$[0]')" ] || die "filtered item"

# Statuses as of a date; the status filter counts agree with the report.
api GET '/api/v1/tasks?as_of=2025-12-24&limit=1000' st.json 200 -H "$AUTH"
expect_json st.json '$.as_of' 2025-12-24
$GIAMSAT report --as-of 2025-12-24 --format json > rep.json
# Each bucket's total is the report's count (plus repeated tasks, which the report
# does not count but which have a status of their own).
repeats=$(jget rep.json '$.tasks.repeats_not_counted')
for b in done_on_time done_late in_progress recurring overdue; do
    api GET "/api/v1/tasks?as_of=2025-12-24&status=$b&limit=1" "st-$b.json" 200 -H "$AUTH"
    n=$(jget "st-$b.json" '$.total'); want=$(jget rep.json "\$.tasks.$b")
    [ "$n" -ge "$want" ] && [ "$n" -le $((want + repeats)) ] \
        || die "status=$b: $n tasks, the report counts $want"
    [ "$n" = 0 ] || expect_json "st-$b.json" '$.items[0].status' "$b"
done
[ "$(jget st-overdue.json '$.total')" -gt 0 ] || die "no overdue task to test with"
first_over=$(jget rep.json '$.overdue[0].id')
api GET "/api/v1/tasks/$first_over?as_of=2025-12-24" ov1.json 200 -H "$AUTH"
expect_json ov1.json '$.status' overdue

# One task: the CLI's object plus assignments and progress; 404 when absent.
id=$(jget cli-tasks.json '$[4].id')
$GIAMSAT task "$id" --format json > cli-task.json
api GET "/api/v1/tasks/$id?as_of=2025-12-24" task.json 200 -H "$AUTH"
for k in name due lead parties; do
    [ "$(jget task.json "\$.$k")" = "$(jget cli-task.json "\$.$k")" ] || die "task.$k differs"
done
expect_json task.json '$.as_of' 2025-12-24
[ "$(jget task.json '$.assignments[0].unit')" = "$(jget cli-task.json '$.lead[0]')" ] \
    || die "assignments do not follow the lead units"
api GET /api/v1/tasks/999999 missing.json 404 -H "$AUTH"
api GET /api/v1/progress none-yet.json 200 -H "$AUTH"
api GET '/api/v1/progress?task=999999' missing2.json 404 -H "$AUTH"

# Bad parameters: 400 naming them.
api GET '/api/v1/tasks?limit=5000' b1.json 400 -H "$AUTH"
grep -q "'limit'" b1.json || die "limit not named: $(cat b1.json)"
api GET '/api/v1/tasks?as_of=31-31-2025' b2.json 400 -H "$AUTH"
grep -q "'as_of'" b2.json || die "as_of not named"
api GET '/api/v1/tasks?status=late' b3.json 400 -H "$AUTH"
grep -q "'status'" b3.json || die "status not named"
api GET '/api/v1/tasks?agnecy=x' b4.json 400 -H "$AUTH"
grep -q "'agnecy'" b4.json || die "unknown parameter not named"
api GET '/api/v1/tasks?agency=Bo%20Khong%20Co' b5.json 400 -H "$AUTH"
grep -q "'agency'" b5.json || die "unknown agency not named"
api GET '/api/v1/units?x=1' b6.json 400 -H "$AUTH"
# JSON content type on every answer.
curl -s -D h -o /dev/null -H "$AUTH" "$URL/api/v1/units"
grep -qi '^Content-Type: application/json' h || die "content type"
