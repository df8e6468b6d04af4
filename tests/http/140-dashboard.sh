# Tổng quan: the headline numbers equal the JSON report, the indicators' traffic lights
# equal `giamsat indicators`, the four SVG charts are accessible, well-formed and linked
# into the task list, the standalone charts, a viewer reads it all and an anonymous
# visitor is sent to the sign-in page.
set -eu
start_server
[ "$(status GET /)" = 303 ] || die "anonymous dashboard not redirected"
[ "$(status GET /charts/status.svg)" = 303 ] || die "anonymous chart not redirected"
login xem xem-pass-123 jar

# The cards equal `giamsat report --format json` on the same database, for today
# (GIAMSAT_TODAY) and for a chosen date.
card() { sed -n "s/.*id=\"n-$2\">\([0-9]*\)<.*/\1/p" "$1"; }
check_cards() {
    for k in total overdue done in_progress_on_time; do
        want=$(jget "$2" "\$.tasks.$k")
        [ "$(card "$1" "$k")" = "$want" ] || die "$1: card $k = '$(card "$1" "$k")', want $want"
    done
}
get / today.html -b jar
well_formed today.html
$GIAMSAT report --as-of 2025-12-24 --format json > r.json
check_cards today.html r.json
[ "$(jget r.json '$.tasks.overdue')" -gt 0 ] || die "the demo data has no overdue task"
get "/?as_of=2025-06-30" june.html -b jar
well_formed june.html
$GIAMSAT report --as-of 2025-06-30 --format json > june.json
check_cards june.html june.json
grep -q 'name="as_of"[^>]* value="30/06/2025"' june.html || die "the chosen date is not kept"
[ "$(card june.html overdue)" -lt "$(card today.html overdue)" ] || die "as_of changes nothing"

# Four charts drawn by the server: role group (they hold links), aria-label, <title> and
# <desc>, each followed by a data table with the same numbers.
[ "$(grep -o '<svg ' today.html | wc -l)" = 4 ] || die "not four charts"
[ "$(grep -o '<svg [^>]*role="group"[^>]*aria-label="[^"]' today.html | wc -l)" = 4 ] \
    || die "a chart without role/aria-label"
[ "$(grep -o '<title>[^<]' today.html | wc -l)" -ge 5 ] || die "chart titles"
[ "$(grep -o '<desc>[^<]' today.html | wc -l)" = 4 ] || die "chart descriptions"
[ "$(grep -o '<table class="chart-data">' today.html | wc -l)" = 4 ] || die "data tables"
grep -q '<th scope="col" class="num">Số nhiệm vụ</th>' today.html || die "header scope"
overdue=$(jget r.json '$.tasks.overdue')
grep -q "Quá hạn chưa hoàn thành: $overdue (" today.html || die "donut legend != report"
grep -q "<td class=\"num\"><a href=\"/tasks?status=overdue&amp;as_of=2025-12-24\">$overdue</a>" \
    today.html || die "status table: overdue count and link"
# No inline style or script: the CSP forbids them.
if grep -q ' style="' today.html; then die "inline style attribute"; fi
if grep -o '<script[^>]*>' today.html | grep -vq 'src='; then die "inline script"; fi

# The indicators' traffic lights: the counts `giamsat indicators` gives per status, each
# linked to the list Chỉ tiêu with that status, then the share of green and the horizons.
$GIAMSAT indicators --as-of 2025-12-24 --format json > ind.json
for s in green amber red grey; do
    want=$(sqlite3 :memory: "select count(*) from json_each(readfile('ind.json'))
        where json_extract(value, '\$.target.kind') <> 'none'
          and json_extract(value, '\$.status') = '$s'")
    got=$(sed -n "s/.*id=\"ind-n-$s\">\([0-9]*\)<.*/\1/p" today.html)
    [ "$got" = "$want" ] || die "light $s = '$got', want $want"
    grep -q "<li class=\"light l-$s\" data-status=\"$s\" data-count=\"$want\"><a href=\"/indicators?as_of=2025-12-24&amp;status=$s\">" \
        today.html || die "light $s: no link"
    [ "$(status GET "/indicators?as_of=2025-12-24&status=$s" -b jar)" = 200 ] || die "link $s"
done
grep -q '<p class="share" id="ind-share"' today.html || die "no share of green"
grep -q '<table class="ind-horizons" id="ind-horizons">' today.html || die "no horizons table"
grep -q 'href="/indicators?horizon=2030&amp;as_of=2025-12-24"' today.html || die "horizon link"
grep -q 'id="ind-n-grey">' june.html || die "lights on a chosen date"

# Every segment links into the task list with its filter; the links work.
doc=$(jget r.json '$.by_document[0].document')
unit=$(jget r.json '$.by_agency[0].agency')
# enc TEXT: percent-encoded as the server writes query values (unreserved bytes kept).
enc() {
    printf %s "$1" | od -An -v -tx1 | awk '{ for (i = 1; i <= NF; i++) {
        n = (index("0123456789abcdef", substr($i, 1, 1)) - 1) * 16 \
            + index("0123456789abcdef", substr($i, 2, 1)) - 1
        if ((n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) ||
            n == 45 || n == 46 || n == 95 || n == 126)
            printf "%c", n
        else
            printf "%%%s", toupper($i)
    } }'
}
for href in "/tasks?status=done&amp;as_of=2025-12-24" \
    "/tasks?status=in_progress_on_time&amp;as_of=2025-12-24" \
    "/tasks?document=$(enc "$doc")&amp;status=overdue&amp;as_of=2025-12-24" \
    "/tasks?agency=$(enc "$unit")&amp;status=overdue&amp;as_of=2025-12-24"; do
    grep -q "href=\"$href\"" today.html || die "no link $href"
done
grep -o 'href="/tasks?[^"]*"' today.html | sed 's/^href="//; s/"$//; s/&amp;/\&/g' | sort -u > links
grep -q '^/tasks?field=' links || die "no field link"
for l in $(grep -m 3 '^/tasks?field=' links) $(grep -m 2 '^/tasks?agency=' links) \
    $(grep -m 2 '^/tasks?document=' links) $(grep -m 3 'status=' links); do
    [ "$(status GET "$l" -b jar)" = 200 ] || die "link $l: HTTP $(status GET "$l" -b jar)"
done

# Tasks due soon (linked) and the reconciliation state.
first_due=$(jget r.json '$.due_soon[0].id')
grep -q "<a href=\"/tasks/$first_due\">" today.html || die "first task due soon not listed"
grep -q 'id="reconciled"' today.html || die "reconciliation state"
# ... counting every check the report lists, the indicator board's too, the last of them the
# database's count of indicators with a target against the board's.
n_checks=$(sqlite3 :memory: "select json_array_length(json_extract(readfile('r.json'), '$.checks'))")
expect_json r.json '$.checks[#-1].check' indicators.stored
expect_json r.json '$.checks[#-1].ok' 1
grep -q "id=\"reconciled\" data-checks=\"$n_checks\">Số liệu đã được đối soát: cả $n_checks tổng số" \
    today.html || die "reconciliation: not $n_checks checks"

# Each chart alone, as an SVG file.
for c in status documents fields units; do
    curl -s -D h -o "$c.svg" -b jar "$URL/charts/$c.svg?as_of=2025-12-24"
    grep -qi '^Content-Type: image/svg+xml' h || die "$c.svg content type"
    head -c 5 "$c.svg" | grep -q '<?xml' || die "$c.svg prolog"
    well_formed "$c.svg"
done
grep -q "$overdue" status.svg || die "status.svg numbers"
[ "$(status GET /charts/nope.svg -b jar)" = 404 ] || die "unknown chart"
[ "$(status GET '/?as_of=2025-02-30' -b jar)" = 400 ] || die "bad date"
[ "$(status GET '/charts/status.svg?as_of=x' -b jar)" = 400 ] || die "bad chart date"

# A focal point reads the same dashboard.
login noivu noivu-pass-123 unit
get "/?as_of=2025-12-24" unit.html -b unit
check_cards unit.html r.json

# The dashboard and the unit pages read the indicators from the report cache, never the
# database again while the data generation stays: with the measurement table renamed behind
# the server's back (no write: the generation does not move) they still answer, with the
# same lights, where a page that reads the table (the list Chỉ tiêu) fails.
get "/?as_of=2025-12-24" warm.html -b jar
unit_id=$(db_count "select id from agency where name = 'Bộ Khoa học và Công nghệ'")
get "/units?as_of=2025-12-24" units-warm.html -b jar
get "/units/$unit_id?as_of=2025-12-24" unit-warm.html -b jar
g0=$(db_count "select n from data_generation")
db_count "alter table measurement rename to measurement_away"
restore() { db_count "alter table measurement_away rename to measurement"; }
[ "$(db_count "select n from data_generation")" = "$g0" ] || { restore; die "the rename moved the generation"; }
if [ "$(status GET "/indicators?as_of=2025-12-24" -b jar)" != 500 ]; then
    restore; die "the list Chỉ tiêu still reads the measurements: the test proves nothing"
fi
for p in "/?as_of=2025-12-24 warm" "/units?as_of=2025-12-24 units-warm" \
    "/units/$unit_id?as_of=2025-12-24 unit-warm"; do
    set -- $p
    code=$(curl -s -o cached.html -w '%{http_code}' -b jar "$URL$1")
    [ "$code" = 200 ] || { restore; die "GET $1 read the database again: HTTP $code"; }
    grep -o 'id="ind-n-[a-z]*">[0-9]*\|class="ind-share"[^>]*>[^<]*' cached.html > got.txt || true
    grep -o 'id="ind-n-[a-z]*">[0-9]*\|class="ind-share"[^>]*>[^<]*' "$2.html" > want.txt || true
    [ -s want.txt ] || { restore; die "GET $1: no indicator numbers to compare"; }
    cmp -s got.txt want.txt || { restore; die "GET $1: other indicator numbers from the cache"; }
done
restore
