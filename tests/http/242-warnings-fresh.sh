# The warnings the server keeps with its cached reports (report_cache_warnings()) follow the
# data and the rules: once the dashboard, a unit's page, /warnings and /api/v1/warnings have
# been viewed (the list is built and kept), a progress report completing an overdue task takes
# its warning off every one of them, and turning a rule off (a write that does not move the
# data generation) takes that rule's warnings off. Each count is the command line's, which
# computes the warnings afresh from the database.
set -eu
start_server
login admin admin-pass-123 a.jar
UNIT=$($GIAMSAT token add noivu-fresh --role unit --unit "Bộ Nội vụ")
TOK=$($GIAMSAT token add warn-fresh --role xem 2> /dev/null)
BNV=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
count() { sed -n 's/.*<p class="count">Có <strong>\([0-9]*\)<\/strong> cảnh báo.*/\1/p' "$1"; }
box() { sed -n 's/.*<h2 id="warnings-box-h">Cảnh báo (\([0-9]*\))<\/h2>.*/\1/p' "$1"; }
cli() { # cli WHERE: the command line's warnings as of today matching the SQL condition
    $GIAMSAT warnings --as-of 2025-12-24 --format json > cli.json
    sqlite3 :memory: "select count(*) from json_each(readfile('cli.json')) where $1"
}
is_bnv="json_extract(value, '\$.unit') = 'Bộ Nội vụ'"
overdue_bnv="$is_bnv and json_extract(value, '\$.rule') = 'overdue'"
# views TAG: every view of the warnings, into TAG-*.
views() {
    get "/?as_of=24/12/2025" "$1-d.html" -b a.jar
    get "/units/$BNV?as_of=2025-12-24" "$1-u.html" -b a.jar
    get "/warnings?as_of=2025-12-24&agency=$BNV&rule=overdue" "$1-w.html" -b a.jar
    code=$(curl -s -o "$1-api.json" -w '%{http_code}' -H "Authorization: Bearer $TOK" \
        "$URL/api/v1/warnings?as_of=2025-12-24&limit=1")
    [ "$code" = 200 ] || die "GET /api/v1/warnings: HTTP $code"
}
# agree TAG: every view counts what the command line counts now.
agree() {
    all=$(cli 1)
    [ "$(box "$1-d.html")" = "$all" ] || die "$1: the dashboard counts $(box "$1-d.html"), the CLI $all"
    [ "$(box "$1-u.html")" = "$(cli "$is_bnv")" ] \
        || die "$1: the unit page counts $(box "$1-u.html"), the CLI $(cli "$is_bnv")"
    [ "$(count "$1-w.html")" = "$(cli "$overdue_bnv")" ] \
        || die "$1: /warnings counts $(count "$1-w.html") overdue, the CLI $(cli "$overdue_bnv")"
    expect_json "$1-api.json" '$.total' "$all"
}

# An overdue task led by Bộ Nội vụ alone, with no report yet.
cli 1 > /dev/null
T=$(db_count "select s.task_id from assignment s where s.removed_import_id is null
    and s.agency_id = $BNV and s.id not in (select assignment_id from progress_report)
    and s.task_id in (select task_id from assignment where removed_import_id is null
    group by task_id having count(*) = 1) order by s.task_id" | while read -r t; do
    sqlite3 :memory: "select $t from json_each(readfile('cli.json'))
        where $overdue_bnv and json_extract(value, '\$.task') = $t"
done | head -n 1)
[ -n "$T" ] || die "no overdue single-unit task of Bộ Nội vụ in the demo"

views warm
views before # the second views are served from the kept list
agree before
n_all=$(cli 1)
n_overdue=$(cli "$overdue_bnv")

# A report completing T (late): its overdue warning goes, on every view.
printf '{"task":%s,"unit":"BNV","date":"2025-12-22","done":true,"completed_on":"2025-12-20","output":"Quyết định số 7/QĐ-BNV ngày 20/12/2025"}' "$T" > req.json
code=$(curl -s -o r.json -w '%{http_code}' -H "Authorization: Bearer $UNIT" \
    -H 'Content-Type: application/json' --data-binary @req.json "$URL/api/v1/progress")
[ "$code" = 201 ] || die "POST /api/v1/progress: HTTP $code ($(head -c 300 r.json))"
views done
agree done
[ "$(count done-w.html)" = $((n_overdue - 1)) ] \
    || die "/warnings still lists $(count done-w.html) overdue of Bộ Nội vụ, want $((n_overdue - 1))"

# Turning the rule overdue off: the data generation stays, the warnings follow the rules.
gen=$(db_count "select n from data_generation")
C=$(csrf a.jar /warnings/rules)
code=$(curl -s -o /dev/null -w '%{http_code}' -b a.jar \
    --data "csrf=$C&rule=overdue&severity=cao" "$URL/warnings/rules")
[ "$code" = 303 ] || die "turning overdue off: HTTP $code"
[ "$(db_count "select n from data_generation")" = "$gen" ] \
    || die "a rule change moved the data generation: this test no longer shows the rules key"
views off
agree off
[ "$(count off-w.html)" = 0 ] || die "/warnings lists $(count off-w.html) overdue with the rule off"
[ "$(cli 1)" -lt "$n_all" ] || die "turning overdue off left $(cli 1) of $n_all warnings"
echo "warnings fresh after a report and a rule change: $n_all, then $(cli 1) warnings"
