# GET /api/v1/warnings and /api/v1/requests (issue #15): the same items as `giamsat warnings --format json` for
# the same date and filters, a page at a time, matching openapi.json; bad parameters 400.
set -eu
start_server

api_get() {
    p=$1; f=$2; want=$3; shift 3
    code=$(curl -s -o "$f" -w '%{http_code}' -H "Authorization: Bearer $TOK" "$@" "$URL$p")
    [ "$code" = "$want" ] || die "GET $p: HTTP $code, want $want ($(head -c 300 "$f"))"
    "$OPENAPI_CHECK" openapi.json GET "$p" "$code" "$f" \
        || die "GET $p: the $code response does not match openapi.json"
}
# items FILE: the page's items as one compact JSON array
items() { sqlite3 :memory: "select json(json_extract(readfile('$1'), '\$.items'))"; }
compact() { sqlite3 :memory: "select json(readfile('$1'))"; }

get /api/v1/openapi.json openapi.json
TOK=$($GIAMSAT token add warn --role xem 2> /dev/null)

$GIAMSAT warnings --as-of 2025-12-24 --format json > cli.json
n=$(sqlite3 :memory: "select json_array_length(readfile('cli.json'))")
[ "$n" -gt 100 ] || die "the demo has only $n warnings"
api_get "/api/v1/warnings?as_of=2025-12-24&limit=1000" all.json 200
expect_json all.json '$.total' "$n"
expect_json all.json '$.as_of' 2025-12-24
# Every page equals its slice of the command line's list.
off=0
while [ "$off" -lt "$n" ]; do
    api_get "/api/v1/warnings?as_of=2025-12-24&limit=1000&offset=$off" p$off.json 200
    [ "$(items p$off.json)" = "$(sqlite3 :memory: "select json_group_array(json(value)) from
        json_each(readfile('cli.json')) where key >= $off and key < $off + 1000")" ] \
        || die "the API items from $off differ from the CLI's"
    off=$((off + 1000))
done
# A page is the slice of the whole list.
api_get "/api/v1/warnings?as_of=2025-12-24&limit=5&offset=7" pg.json 200
[ "$(sqlite3 :memory: "select json(json_extract(readfile('pg.json'), '\$.items[0]'))")" = \
  "$(sqlite3 :memory: "select json(json_extract(readfile('cli.json'), '\$[7]'))")" ] || die "offset=7"
# Filters as on the command line.
api_get "/api/v1/warnings?as_of=2025-12-24&rule=due_soon&limit=1000" ds.json 200 -G \
    --data-urlencode "agency=Bộ Nội vụ"
$GIAMSAT warnings --as-of 2025-12-24 --rule due_soon --agency "Bộ Nội vụ" --format json > ds-cli.json
[ "$(items ds.json)" = "$(compact ds-cli.json)" ] || die "filtered items differ"
[ "$(jget ds.json '$.total')" -gt 0 ] || die "no due_soon warning for Bộ Nội vụ"
# Refusals name the parameter.
api_get "/api/v1/warnings?rule=late" b1.json 400
grep -q "'rule'" b1.json || die "rule not named"
api_get "/api/v1/warnings?agency=Bo%20Khong%20Co" b2.json 400
api_get "/api/v1/warnings?as_of=31-31-2025" b3.json 400
api_get "/api/v1/warnings?severity=cao" b4.json 400

# GET /api/v1/requests: the requests for explanation as `giamsat request list` lists them.
T=$(db_count "select task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null order by task_id limit 1")
$GIAMSAT request add --task "$T" --unit "Bộ Nội vụ" --due 2025-12-20 --date 2025-12-10 \
    --content "Đề nghị giải trình" > /dev/null
$GIAMSAT request list --as-of 2025-12-24 --format json > rq-cli.json
api_get "/api/v1/requests?as_of=2025-12-24" rq.json 200
same_json rq.json rq-cli.json || die "the API requests differ from the CLI's"
expect_json rq.json '$[0].state' overdue
api_get "/api/v1/requests?as_of=2025-12-24&state=answered" rq2.json 200
[ "$(jget rq2.json '$[0]')" = "" ] || die "state=answered listed an unanswered request"
api_get "/api/v1/requests?state=late" rq3.json 400
echo "warnings API: $n items as the CLI; requests as the CLI"
