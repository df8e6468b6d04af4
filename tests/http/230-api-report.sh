# GET /api/v1/report is exactly `giamsat report --format json` for the same
# scope, matches openapi.json, and answers 400 naming a missing or bad parameter.
set -eu
start_server

# api_get PATH FILE STATUS [curl args...]: GET into FILE, check the status and the schema.
api_get() {
    p=$1; f=$2; want=$3; shift 3
    code=$(curl -s -o "$f" -w '%{http_code}' -H "Authorization: Bearer $TOK" "$@" "$URL$p")
    [ "$code" = "$want" ] || die "GET $p: HTTP $code, want $want ($(head -c 300 "$f"))"
    "$OPENAPI_CHECK" openapi.json GET "$p" "$code" "$f" \
        || die "GET $p: the $code response does not match openapi.json"
}

get /api/v1/openapi.json openapi.json
TOK=$($GIAMSAT token add stats --role viewer)
# Some progress first, so that the report has every kind of bucket to compare.
$GIAMSAT progress add --task "$(db_count "select task_id from assignment limit 1")" \
    --unit "$(db_count "select a.name from assignment s join agency a on a.id = s.agency_id
        order by s.id limit 1")" --date 2025-12-01 --done --completed-on 2025-11-30 \
    --output "Quyết định số 1/QĐ ngày 30/11/2025" > /dev/null

# The whole report, the same JSON value as the CLI writes (on one line), and a few keys.
api_get '/api/v1/report?as_of=2025-12-24' api.json 200
$GIAMSAT report --as-of 2025-12-24 --format json > cli.json
same_json api.json cli.json || die "the API report differs from the CLI's: $(head -c 300 api.json)"
for k in as_of due_by tasks.total tasks.done_on_time tasks.overdue assignments.total \
    'by_document[0].document' 'overdue[0].id' 'by_agency[0].agency' reconciled; do
    [ "$(jget api.json "\$.$k")" = "$(jget cli.json "\$.$k")" ] || die "report.$k differs"
done
expect_json api.json '$.as_of' 2025-12-24
expect_json api.json '$.due_by' 2025-12-31
expect_json api.json '$.reconciled' 1
# Đối soát as every other format lists it: the report's checks, then the indicator board's,
# ending with the one counted apart: the database's count of indicators with a target (SQL,
# in the snapshot's read) against the board's, 78 = 78.
expect_json api.json '$.checks[#-5].check' indicators
expect_json api.json '$.checks[#-2].check' indicators.by_field
expect_json api.json '$.checks[#-2].total' 78
expect_json api.json '$.checks[#-2].ok' 1
expect_json api.json '$.checks[#-1].check' indicators.stored
expect_json api.json '$.checks[#-1].label' \
    "Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính"
expect_json api.json '$.checks[#-1].total' 78
expect_json api.json '$.checks[#-1].sum' 78
expect_json api.json '$.checks[#-1].ok' 1
# The indicator section (issue #5): 78 indicators with a target, none measured yet.
expect_json api.json '$.indicators.as_of' 2025-12-24
expect_json api.json '$.indicators.total' 78
expect_json api.json '$.indicators.grey' 78
# A measurement moves the data generation: the next answer has it, still the CLI's JSON.
$GIAMSAT measure add --indicator 12 --date 2025-12-01 --value 85 > /dev/null
api_get '/api/v1/report?as_of=2025-12-24' api-m.json 200
$GIAMSAT report --as-of 2025-12-24 --format json > cli-m.json
same_json api-m.json cli-m.json || die "after a measurement: $(head -c 300 api-m.json)"
expect_json api-m.json '$.indicators.green' 1
[ "$(sqlite3 :memory: "select json_extract(value, '$.green') from json_each(json_extract(
    readfile('api-m.json'), '$.indicators.by_agency')) where json_extract(value, '$.agency')
    = 'Ngân hàng Nhà nước Việt Nam'")" = 1 ] || die "green per agency"
# Dates in either written form; due_by, document and agency scopes as in the CLI.
api_get '/api/v1/report?as_of=24/12/2025&due_by=2026-03-31' api2.json 200
$GIAMSAT report --as-of 2025-12-24 --due-by 2026-03-31 --format json > cli2.json
same_json api2.json cli2.json || die "due_by: the API report differs from the CLI's"
api_get /api/v1/report api3.json 200 -G --data-urlencode as_of=2025-10-01 \
    --data-urlencode "document=71/NQ-CP" --data-urlencode "agency=Bộ Công an"
$GIAMSAT report --as-of 2025-10-01 --document 71/NQ-CP --agency "Bộ Công an" --format json \
    > cli3.json
same_json api3.json cli3.json || die "document+agency: the API report differs from the CLI's"
expect_json api3.json '$.agency' 'Bộ Công an'
expect_json api3.json '$.indicators.total' 6
# as_of is required; bad values are named.
api_get /api/v1/report e1.json 400
grep -q "'as_of'" e1.json || die "missing as_of not named: $(cat e1.json)"
api_get '/api/v1/report?as_of=2025-13-45' e2.json 400
grep -q "'as_of'" e2.json || die "bad as_of not named"
api_get '/api/v1/report?as_of=2025-12-24&due_by=soon' e3.json 400
grep -q "'due_by'" e3.json || die "bad due_by not named"
api_get '/api/v1/report?as_of=2025-12-24&agency=Bo%20Khong%20Ton%20Tai' e4.json 400
grep -q "'agency'" e4.json || die "unknown agency not named"
api_get '/api/v1/report?as_of=2025-12-24&document=99/XX-YY' e5.json 400
grep -q "'document'" e5.json || die "unknown document not named"
api_get '/api/v1/report?as_of=2025-12-24&asof=2025-12-24' e6.json 400
grep -q "'asof'" e6.json || die "unknown parameter not named"
