# /api/v1/indicators (issue #5): the list with statuses as of a date and its filters, one
# indicator with its history and a status per unit, and measurements written by other
# systems — by the indicator's monitoring agency or the steering office only, read and
# checked as `giamsat measure add` reads them, refusals writing nothing but an audit line.
set -eu
start_server

# post TOKEN PATH BODY FILE STATUS: POST BODY (checked against the request schema first,
# unless it is meant to be malformed: NOCHECK=1).
post() {
    printf '%s' "$3" > req.json
    [ "${NOCHECK:-0}" = 1 ] || "$OPENAPI_CHECK" --request openapi.json POST "$2" req.json \
        || die "the test body does not match openapi.json: $3"
    api POST "$2" "$4" "$5" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' --data-binary @req.json
}
# named FILE WORD: the error message names WORD ('value', 'date'...)
named() { grep -q "$2" "$1" || die "$1 does not name $2: $(cat "$1")"; }
measurements() { db_count "select count(*) from measurement"; }
audits() { db_count "select count(*) from audit_log where action = '$1'"; }
# Everything but the audit log (it records refusals too) and the sessions (signing in
# and every request with a cookie touch them).
state() {
    sqlite3 giamsat.db ".dump --data-only" | grep -v -e 'INSERT INTO audit_log' \
        -e 'INSERT INTO session' | md5sum
}
# ind FILE CODE PATH: the value at PATH of the list item with that code
ind() { sqlite3 :memory: "select json_extract(value, '$3') from json_each(readfile('$1'), '\$.items')
    where json_extract(value, '$.code') = '$2'"; }
len() { sqlite3 :memory: "select json_array_length(readfile('$1'), '$2')"; }

get /api/v1/openapi.json openapi.json
KHCN=$($GIAMSAT token add khcn-system --role don_vi --unit "Bộ Khoa học và Công nghệ")
NV=$($GIAMSAT token add noivu-system --role don_vi --unit "Bộ Nội vụ")
VIEW=$($GIAMSAT token add viewer-system --role xem)
MON=$($GIAMSAT token add office --role giam_sat)
RD="Authorization: Bearer $VIEW"
ID11=$(db_count "select id from indicator where code = '11.1'")
ID5=$(db_count "select id from indicator where code = '5'")

# ---- the list: filters, paging, bad parameters ----------------------------------------
api GET '/api/v1/indicators?as_of=2025-12-24' all.json 200 -H "$RD"
expect_json all.json '$.total' 79
expect_json all.json '$.limit' 100
api GET /api/v1/indicators kh.json 200 -H "$RD" -G --data-urlencode "agency=Bộ Khoa học và Công nghệ"
expect_json kh.json '$.total' "$(db_count "select count(*) from indicator i join agency a
    on a.id = i.agency_id where a.name = 'Bộ Khoa học và Công nghệ'")"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('kh.json'), '\$.items')
    where json_extract(value, '$.agency') <> 'Bộ Khoa học và Công nghệ'")" = 0 ] \
    || die "agency filter kept another agency's indicator"
api GET '/api/v1/indicators?horizon=2045' h.json 200 -H "$RD"
expect_json h.json '$.total' "$(db_count "select count(*) from indicator where horizon = 2045")"
api GET '/api/v1/indicators?status=grey' grey.json 200 -H "$RD"
expect_json grey.json '$.total' 79
# ?field= keeps what the indicators page keeps (one filter in core: indicator_board_keeps).
F=$(db_count "select field from indicator where field is not null and field <> '' order by id limit 1")
api GET /api/v1/indicators fld.json 200 -H "$RD" -G --data-urlencode "field=$F" --data-urlencode "limit=1000"
nf=$(db_count "select count(*) from indicator where field = '$F'")
[ "$(len fld.json '$.items')" = "$nf" ] || die "field=$F: $(len fld.json '$.items') items, want $nf"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('fld.json'), '\$.items')
    where json_extract(value, '\$.field') <> '$F'")" = 0 ] || die "field=$F kept another field"
api GET '/api/v1/indicators?limit=5&offset=10' pg.json 200 -H "$RD"
[ "$(len pg.json '$.items')" = 5 ] || die "limit=5"
[ "$(jget pg.json '$.items[0].code')" = "$(jget all.json '$.items[10].code')" ] || die "offset=10"
api GET '/api/v1/indicators?status=blue' b1.json 400 -H "$RD"
named b1.json "'status'"
api GET '/api/v1/indicators?horizon=20x5' b2.json 400 -H "$RD"
named b2.json "'horizon'"
api GET '/api/v1/indicators?agency=Bo%20Khong%20Co' b3.json 400 -H "$RD"
named b3.json "'agency'"
api GET '/api/v1/indicators?as_of=31-31-2025' b4.json 400 -H "$RD"
named b4.json "'as_of'"
api GET '/api/v1/indicators?code=11.1' b5.json 400 -H "$RD"
named b5.json "'code'"
api GET /api/v1/indicators none.json 401

# ---- one indicator ----------------------------------------------------------------------
api GET "/api/v1/indicators/$ID11" one.json 200 -H "$RD"
expect_json one.json '$.code' 11.1
expect_json one.json '$.status' grey
expect_json one.json '$.as_of' 2025-12-24
[ "$(len one.json '$.history')" = 0 ] || die "history of an unmeasured indicator"
[ "$(len one.json '$.by_unit')" = 0 ] || die "by_unit of an unmeasured indicator"
api GET /api/v1/indicators/999999 nf.json 404 -H "$RD"
api GET "/api/v1/indicators/$ID11?x=1" b6.json 400 -H "$RD"

# ---- writing: the monitoring agency ---------------------------------------------------
# Bộ Khoa học và Công nghệ monitors 11.1 (≥ 80%): 82% makes it green.
before=$(measurements)
post "$KHCN" "/api/v1/indicators/$ID11/measurements" \
    '{"date":"2025-12-20","value":"82%","source":"Báo cáo của Bộ KH&CN"}' m1.json 201
mid=$(jget m1.json '$.id')
expect_json m1.json '$.code' 11.1
expect_json m1.json '$.indicator_id' "$ID11"
expect_json m1.json '$.status' green
expect_json m1.json '$.as_of' 2025-12-24
expect_json m1.json '$.measurement.entered_via' api
expect_json m1.json '$.measurement.entered_by' token:khcn-system
expect_json m1.json '$.latest.value' 82
expect_json m1.json '$.unit_status' ''
[ "$(measurements)" = $((before + 1)) ] || die "the measurement was not written"
[ "$(db_count "select entered_via || '|' || entered_by || '|' || original from measurement
    where id = $mid")" = "api|token:khcn-system|82%" ] || die "stored measurement"
[ "$(db_count "select count(*) from audit_log where action = 'measurement.add'
    and entity_id = $mid and actor = 'token:khcn-system' and token_id is not null")" = 1 ] \
    || die "no audit line for the measurement"
# ... and the reads show it: latest, status green, history.
api GET "/api/v1/indicators/$ID11" one.json 200 -H "$RD"
expect_json one.json '$.status' green
expect_json one.json '$.latest.date' 2025-12-20
expect_json one.json '$.latest.value' 82
expect_json one.json '$.history[0].id' "$mid"
expect_json one.json '$.history[0].source' 'Báo cáo của Bộ KH&CN'
api GET '/api/v1/indicators?status=green' green.json 200 -H "$RD"
expect_json green.json '$.total' 1
expect_json green.json '$.items[0].code' 11.1
# As of the day before the measurement, it was grey.
api GET '/api/v1/indicators?as_of=19/12/2025' old.json 200 -H "$RD"
[ "$(ind old.json 11.1 '$.status')" = grey ] || die "a later measurement counted as of before"

# By code on /api/v1/measurements; a JSON number for the value; a dd/mm/yyyy date.
post "$KHCN" /api/v1/measurements '{"indicator":"14","date":"20/12/2025","value":0.72}' m2.json 201
expect_json m2.json '$.code' 14
expect_json m2.json '$.date' 2025-12-20
expect_json m2.json '$.measurement.value' 0.72
expect_json m2.json '$.measurement.text' '0,72'
post "$KHCN" /api/v1/measurements '{"indicator":"31","date":"2025-12-21","value":75}' m3.json 201
expect_json m3.json '$.status' green
# The steering office measures any indicator, one with no monitoring agency included.
post "$MON" /api/v1/measurements \
    '{"indicator":"KH2025.1","date":"2025-12-22","value":"90%","bloc":"khối bộ"}' m4.json 201
expect_json m4.json '$.measurement.bloc' 'khối bộ'
expect_json m4.json '$.parts[1].status' green

# ---- a per-unit breakdown ---------------------------------------------------------------
# Figures of single units are their own history: the indicator's status stays the
# national one (82%: green), and each unit gets a status of its own.
post "$KHCN" "/api/v1/indicators/$ID11/measurements" \
    '{"indicator":"11.1","date":"2025-12-22","value":"91%","unit":"Bộ Nội vụ"}' u1.json 201
expect_json u1.json '$.measurement.unit' 'Bộ Nội vụ'
expect_json u1.json '$.unit_status.unit' 'Bộ Nội vụ'
expect_json u1.json '$.unit_status.status' green
expect_json u1.json '$.status' green
post "$MON" "/api/v1/indicators/$ID11/measurements" \
    '{"date":"2025-12-23","value":"40%","unit":"TP. Hồ Chí Minh"}' u2.json 201
expect_json u2.json '$.unit_status.unit' 'Thành phố Hồ Chí Minh'
[ "$(jget u2.json '$.unit_status.status')" != green ] || die "40% of 80% is green"
api GET "/api/v1/indicators/$ID11?as_of=2025-12-24" one.json 200 -H "$RD"
expect_json one.json '$.status' green
expect_json one.json '$.latest.value' 82
[ "$(len one.json '$.history')" = 3 ] || die "history of 11.1"
[ "$(len one.json '$.by_unit')" = 2 ] || die "by_unit of 11.1"
expect_json one.json '$.by_unit[0].unit' 'Bộ Nội vụ'
expect_json one.json '$.by_unit[0].status' green
expect_json one.json '$.by_unit[0].latest.value' 91
expect_json one.json '$.by_unit[0].measurements' 1
expect_json one.json '$.by_unit[1].unit' 'Thành phố Hồ Chí Minh'
expect_json one.json '$.by_unit[1].status' "$(jget u2.json '$.unit_status.status')"
expect_json one.json '$.measurements' 3
# Units measured after as_of are not in the breakdown yet, nor counted: an answer as of a
# past date stays what it was (82% on 20/12, Bộ Nội vụ on 22/12, the city on 23/12).
api GET "/api/v1/indicators/$ID11?as_of=2025-12-22" one22.json 200 -H "$RD"
[ "$(len one22.json '$.by_unit')" = 1 ] || die "by_unit as of 22/12"
expect_json one22.json '$.measurements' 2
api GET "/api/v1/indicators/$ID11?as_of=2025-12-19" one19.json 200 -H "$RD"
expect_json one19.json '$.measurements' 0
expect_json one19.json '$.latest' ''
[ "$(len one19.json '$.history')" = 3 ] || die "history is every measurement"
api GET '/api/v1/indicators?as_of=2025-12-19' list19.json 200 -H "$RD"
[ "$(sqlite3 :memory: "select json_extract(value, '$.measurements') from json_each(
    json_extract(readfile('list19.json'), '$.items')) where json_extract(value, '$.code') = '11.1'")" = 0 ] \
    || die "the list counts measurements after as_of"

# ---- refusals: nothing written ------------------------------------------------------------
s0=$(state)
n0=$(measurements)
d0=$(audits measurement.denied)
# Another unit's token: 403, audited.
post "$NV" "/api/v1/indicators/$ID11/measurements" '{"date":"2025-12-20","value":"90%"}' f1.json 403
named f1.json 'Bộ Khoa học và Công nghệ'
[ "$(audits measurement.denied)" = $((d0 + 1)) ] || die "the refusal is not audited"
db_count "select after from audit_log where action = 'measurement.denied' order by id desc limit 1" \
    | grep -q '"indicator":"11.1"' || die "the refusal's audit line does not name the indicator"
post "$NV" /api/v1/measurements '{"indicator":"KH2025.1","date":"2025-12-20","value":"90%"}' f2.json 403
# A viewer token, a session cookie, nobody.
post "$VIEW" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":"90%"}' f3.json 403
login admin admin-pass-123 jar
printf '{"indicator":"11.1","date":"2025-12-20","value":"90%%"}' > req.json
api POST /api/v1/measurements f4.json 403 -b jar -H 'Content-Type: application/json' \
    --data-binary @req.json
api POST /api/v1/measurements f5.json 401 -H 'Content-Type: application/json' \
    --data-binary @req.json
# Values and dates the checks refuse: 422 naming the field.
post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":"abc"}' r1.json 422
named r1.json "'value'"
named r1.json 'abc'
post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2026-01-05","value":"90%"}' r2.json 422
named r2.json "'date'"
post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":"120%"}' r3.json 422
named r3.json "'value'"
post "$KHCN" /api/v1/measurements '{"indicator":"5","date":"2025-12-20","value":"thứ 4"}' r4.json 422
named r4.json "'bloc'"
named r4.json 'Đông Nam Á'
post "$KHCN" "/api/v1/indicators/$ID5/measurements" \
    '{"date":"2025-12-20","value":4,"bloc":"Châu Á"}' r5.json 422
named r5.json "'bloc'"
post "$KHCN" /api/v1/measurements \
    '{"indicator":"11.1","date":"2025-12-20","value":"90%","unit":"Bộ Không Có"}' r6.json 422
named r6.json "'unit'"
# Unknown indicator or document: 404 naming the field.
post "$KHCN" /api/v1/measurements '{"indicator":"99","date":"2025-12-20","value":"5"}' n1.json 404
named n1.json "'indicator'"
post "$KHCN" /api/v1/measurements \
    '{"indicator":"11.1","document":"Quyết định không có","date":"2025-12-20","value":"5"}' n2.json 404
named n2.json "'document'"
post "$KHCN" /api/v1/indicators/999999/measurements '{"date":"2025-12-20","value":"5"}' n3.json 404
# Malformed bodies: 400 naming the field, 415 for another content type.
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"date":"2025-12-20","value":"5"}' e1.json 400
named e1.json "'indicator'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20"}' e2.json 400
named e2.json "'value'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"31-31-2025","value":"5"}' e3.json 400
named e3.json "'date'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":"5","vaule":1}' e4.json 400
named e4.json "'vaule'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":true}' e5.json 400
named e5.json "'value'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '{"indicator":"11.1","date":"2025-12-20","value":1e300}' e6.json 400
named e6.json "'value'"
NOCHECK=1 post "$KHCN" /api/v1/measurements '[1,2]' e7.json 400
post "$KHCN" "/api/v1/indicators/$ID11/measurements" \
    '{"indicator":"11.2","date":"2025-12-20","value":"5"}' e8.json 400
named e8.json "'indicator'"
printf '{"indicator":"11.1","date":"2025-12-20","value":"90%%"}' > req.json
api POST /api/v1/measurements e9.json 415 -H "Authorization: Bearer $KHCN" \
    -H 'Content-Type: text/plain' --data-binary @req.json
[ "$(state)" = "$s0" ] || die "a refused measurement changed the database"
[ "$(measurements)" = "$n0" ] || die "a refused measurement was written"
# One audit line per written measurement.
[ "$(audits measurement.add)" = "$n0" ] || die "want $n0 measurement.add lines, got $(audits measurement.add)"
