# Chỉ tiêu: the list (statuses equal to `giamsat indicators`, filters, traffic lights,
# tallies, group rows), one indicator (facts, rule, history chart and table, per-unit
# breakdown), the form "Nhập số đo" with its permission matrix (steering office, the
# monitoring agency's unit, another unit, a viewer), refused values that keep the form and
# write nothing, and the dashboard and units pages that follow a new measurement.
set -eu
start_server
login admin admin-pass-123 admin
login noivu noivu-pass-123 unit
login xem xem-pass-123 viewer
i=$(db_count "select id from indicator where code = '11.1'")
bkhcn=$(db_count "select id from agency where name = 'Bộ Khoa học và Công nghệ'")
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
[ "$(db_count "select agency_id from indicator where id = $i")" = "$bkhcn" ] \
    || die "11.1 is not monitored by Bộ Khoa học và Công nghệ"
measurements() { db_count "select count(*) from measurement"; }
form_of() { grep -c "action=\"/indicators/$1/measurements\"" "$2" || true; }
# row_status ID FILE: the data-status of the list row of indicator ID.
row_status() {
    grep -o "<tr id=\"ind-$1\" data-code=\"[^\"]*\" data-status=\"[a-z]*\"" "$2" \
        | sed 's/.*data-status="\([a-z]*\)"/\1/'
}
light() { sed -n "s/.*id=\"ind-n-$2\">\([0-9]*\)<.*/\1/p" "$1"; }
# cli_count STATUS: counted indicators with that status as of 2025-12-24, from the CLI.
cli_count() {
    $GIAMSAT indicators --as-of 2025-12-24 --format json > cli.json
    sqlite3 :memory: "select count(*) from json_each(readfile('cli.json'))
        where json_extract(value, '\$.target.kind') <> 'none'
          and json_extract(value, '\$.status') = '$1'"
}
check_lights() {
    for s in green amber red grey; do
        [ "$(light "$1" $s)" = "$(cli_count $s)" ] \
            || die "$1: light $s = '$(light "$1" $s)', want $(cli_count $s)"
    done
}
# post JAR ID [curl args]: submit the measurement form of indicator ID with the CSRF token.
post() {
    jar=$1; id=$2; shift 2
    tok=$(csrf "$jar" "/indicators/$id")
    curl -s -D h -o post.html -w '%{http_code}' -b "$jar" --data-urlencode "csrf=$tok" "$@" \
        "$URL/indicators/$id/measurements"
}

# Anonymous visitors are sent to sign in.
[ "$(status GET /indicators)" = 303 ] || die "anonymous list not redirected"
[ "$(status GET "/indicators/$i")" = 303 ] || die "anonymous indicator not redirected"

# The list before any measurement: in the navigation, statuses as the command line gives them.
get /indicators list.html -b viewer
well_formed list.html
grep -q '<a href="/indicators" aria-current="page">Chỉ tiêu</a>' list.html || die "nav entry"
check_lights list.html
[ "$(row_status "$i" list.html)" = grey ] || die "11.1 not grey before any measurement"
grep -q "<tr id=\"ind-$i\" data-code=\"11.1\" data-status=\"grey\"><td>11.1</td><td><a href=\"/indicators/$i\">" \
    list.html || die "11.1 row"
grep -q '<tr class="group" id="ind-[0-9]*" data-code="11"><th scope="rowgroup"' list.html \
    || die "heading 11 not a group row"
for h in Mã 'Chỉ tiêu' 'Mục tiêu' 'Giá trị mới nhất' 'Xu hướng' 'Trạng thái' 'Căn cứ'; do
    grep -q "<th scope=\"col\">$h</th>" list.html || die "no column $h"
done
grep -q 'Chưa có số liệu đến ngày 24/12/2025' list.html || die "no rule sentence"
for t in tally-horizon tally-field tally-agency; do
    grep -q "<table class=\"tally\" id=\"$t\">" list.html || die "no $t"
done
grep -q "href=\"/indicators?agency=$bkhcn&amp;as_of=2025-12-24\">Bộ Khoa học và Công nghệ</a>" \
    list.html || die "tally per agency: no link"
grep -q 'href="/indicators?horizon=2030&amp;as_of=2025-12-24">Đến năm 2030</a>' list.html \
    || die "tally per horizon: no link"
if grep -q ' style="' list.html; then die "inline style"; fi

# One indicator: facts, status and rule, an empty history, and no form for a viewer.
get "/indicators/$i" one.html -b viewer
well_formed one.html
for f in 'Mục tiêu (như văn bản)' 'Mục tiêu (để so sánh)' 'Thời hạn' 'Giá trị gốc' \
    'Cơ quan chủ trì theo dõi'; do
    grep -q "<dt>$f</dt>" one.html || die "no fact $f"
done
grep -q "<a href=\"/units/$bkhcn\">Bộ Khoa học và Công nghệ</a>" one.html || die "agency"
grep -q 'id="ind-status" data-status="grey"' one.html || die "status grey"
grep -q 'id="history-none"' one.html || die "empty history"
grep -q '<figure id="chart-history">' one.html || die "no chart"
[ "$(form_of "$i" one.html)" = 0 ] || die "the viewer sees the form"
[ "$(status GET /indicators/99999 -b viewer)" = 404 ] || die "unknown indicator"

# The steering office sees the form; a value it cannot read is refused next to the field,
# kept in the form, and nothing is written.
get "/indicators/$i" admin.html -b admin
[ "$(form_of "$i" admin.html)" = 1 ] || die "admin sees no form"
for f in date value unit source; do
    grep -q "<label for=\"m-$f\">" admin.html || die "no label for $f"
done
grep -q 'name="date"[^>]* required="required" value="24/12/2025"' admin.html || die "date default"
n0=$(measurements)
code=$(post admin "$i" --data-urlencode date=2025-12-01 --data-urlencode "value=tám mươi" \
    --data-urlencode "source=Báo cáo quý IV")
[ "$code" = 422 ] || die "bad value: HTTP $code"
well_formed post.html
grep -q 'id="m-value-error"' post.html || die "no reason next to the value"
grep -q 'aria-invalid="true"[^>]* value="tám mươi"' post.html || die "typed value not kept"
grep -q 'value="Báo cáo quý IV"' post.html || die "typed source not kept"
grep -q 'value="01/12/2025"' post.html || die "typed date not kept"
[ "$(measurements)" = "$n0" ] || die "a refused value was written"
code=$(post admin "$i" --data-urlencode date=2026-01-15 --data-urlencode value=82%)
[ "$code" = 422 ] && grep -q 'id="m-date-error"' post.html || die "future date: HTTP $code"
code=$(post admin "$i" --data-urlencode date=2025-12-01 --data-urlencode value=82% \
    --data-urlencode "unit=Bộ Không Có Thật")
[ "$code" = 422 ] && grep -q 'id="m-unit-error"' post.html || die "unknown unit: HTTP $code"
code=$(post admin "$i" --data-urlencode date=2025-12-01 --data-urlencode value=182%)
[ "$code" = 422 ] && grep -q 'id="m-value-error"' post.html || die "182%: HTTP $code"
[ "$(measurements)" = "$n0" ] || die "a refused value was written"

# Without the CSRF token: refused, nothing written.
code=$(curl -s -o /dev/null -w '%{http_code}' -b admin --data-urlencode date=2025-12-01 \
    --data-urlencode value=82% "$URL/indicators/$i/measurements")
[ "$code" = 403 ] || die "no CSRF: HTTP $code"
[ "$(measurements)" = "$n0" ] || die "written without CSRF"

# 82% on 01/12/2025: written (via web, by admin, audited), 303 back to the history.
code=$(post admin "$i" --data-urlencode date=2025-12-01 --data-urlencode value=82% \
    --data-urlencode "source=Báo cáo của Bộ KH&CN")
[ "$code" = 303 ] || die "measurement: HTTP $code ($(head -c 300 post.html))"
grep -qi "^Location: /indicators/$i?saved=[0-9]*#lich-su" h || die "redirect: $(grep -i location h)"
[ "$(measurements)" = $((n0 + 1)) ] || die "not written"
[ "$(db_count "select entered_via || '/' || entered_by || '/' || original from measurement
               order by id desc limit 1")" = "web/admin/82%" ] || die "entered via/by"
[ "$(db_count "select count(*) from audit_log where action = 'measurement.add'")" -ge 1 ] \
    || die "not audited"
get "/indicators/$i?saved=1" saved.html -b admin
well_formed saved.html
grep -q 'id="saved"' saved.html || die "no saved notice"
grep -q 'id="ind-status" data-status="green"' saved.html || die "11.1 not green"
grep -q 'Giá trị 82% (01/12/2025) ≥ mục tiêu 80%: đạt' saved.html || die "rule"
grep -q '<table class="history" id="history">' saved.html || die "no history table"
grep -q '<td>01/12/2025</td><td>82%</td><td>Toàn chỉ tiêu</td><td>Báo cáo của Bộ KH&amp;CN</td><td>trang web</td><td>admin</td>' \
    saved.html || die "history row"
grep -q '<polyline\|<circle cx=' saved.html || die "no point in the chart"
grep -q '<title>Mục tiêu ≥ 80</title>' saved.html || die "no target line"

# The list and the dashboard follow: 11.1 green, one more green light.
get /indicators list2.html -b viewer
well_formed list2.html
[ "$(row_status "$i" list2.html)" = green ] || die "11.1 not green on the list"
check_lights list2.html
[ "$(light list2.html green)" -ge 1 ] || die "no green light"
grep -q '<svg xmlns="http://www.w3.org/2000/svg" class="spark" role="img"' list2.html \
    || die "no sparkline"
get "/indicators?as_of=2025-11-30" nov.html -b viewer
[ "$(row_status "$i" nov.html)" = grey ] || die "as of 30/11/2025 11.1 has no measurement"
get / dash.html -b viewer
well_formed dash.html
check_lights dash.html
grep -q 'href="/indicators?as_of=2025-12-24&amp;status=green"' dash.html || die "dashboard link"
grep -q 'id="ind-share" data-green="[1-9]' dash.html || die "dashboard share"

# Filters: status, agency, horizon; bad values are 400.
get "/indicators?status=green" green.html -b viewer
well_formed green.html
[ "$(grep -o '<tr id="ind-[0-9]*" data-code="[^"]*" data-status="[a-z]*"' green.html \
    | grep -vc 'data-status="green"')" = 0 ] || die "status filter lets other statuses through"
[ "$(row_status "$i" green.html)" = green ] || die "11.1 not in the green filter"
get "/indicators?agency=$bkhcn" agency.html -b viewer
want=$(db_count "select count(*) from indicator where agency_id = $bkhcn and target_text <> ''")
[ "$(grep -o 'id="n-indicators">[0-9]*' agency.html | sed 's/.*>//')" = "$want" ] \
    || die "agency filter: want $want"
get "/indicators?horizon=2045&field=" h2045.html -b viewer
[ "$(row_status "$i" h2045.html)" = "" ] || die "horizon filter"
for q in status=blue horizon=abc as_of=2025-02-30 nope=1; do
    [ "$(status GET "/indicators?$q" -b viewer)" = 400 ] || die "?$q not refused"
done

# A measurement naming a unit: a per-unit breakdown row, sortable.
code=$(post admin "$i" --data-urlencode date=2025-12-10 --data-urlencode value=75% \
    --data-urlencode "unit=Bộ Nội vụ")
[ "$code" = 303 ] || die "per-unit measurement: HTTP $code"
[ "$(db_count "select unit_id from measurement order by id desc limit 1")" = "$bnv" ] \
    || die "unit not stored"
get "/indicators/$i" unit.html -b viewer
well_formed unit.html
grep -q '<table class="breakdown sortable" id="breakdown" data-sortable="data-sortable">' \
    unit.html || die "no breakdown table"
grep -q "<tr data-unit=\"$bnv\" data-status=\"[a-z]*\"><td data-sort=\"Bộ Nội vụ\"><a href=\"/units/$bnv\">Bộ Nội vụ</a>" \
    unit.html || die "no row for Bộ Nội vụ"
grep -q 'id="ind-status" data-status="green"' unit.html || die "a unit's value changed the whole"
# As of a date before that measurement the unit is not listed (as the API's by_unit).
get "/indicators/$i?as_of=2025-12-09" before.html -b viewer
if grep -q "data-unit=\"$bnv\"" before.html; then die "a unit measured after as_of is listed"; fi
if grep -q 'id="breakdown"' before.html; then die "a breakdown with no unit measured by as_of"; fi
get "/indicators/$i?sort=status" sorted.html -b viewer
grep -q 'data-sort-key="status" data-sort-dir="ascending" aria-sort="ascending"' sorted.html \
    || die "server-side sort"
[ "$(status GET "/indicators/$i?sort=nope" -b viewer)" = 400 ] || die "bad sort"

# Another unit and a viewer: no form, 403 on POST, nothing written but the audit of it.
n1=$(measurements)
get "/indicators/$i" noivu.html -b unit
[ "$(form_of "$i" noivu.html)" = 0 ] || die "Bộ Nội vụ sees the form of 11.1"
code=$(curl -s -o /dev/null -w '%{http_code}' -b unit --data-urlencode "csrf=$(csrf unit /indicators)" \
    --data-urlencode date=2025-12-01 --data-urlencode value=90% "$URL/indicators/$i/measurements")
[ "$code" = 403 ] || die "Bộ Nội vụ: HTTP $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b viewer --data-urlencode "csrf=$(csrf viewer /indicators)" \
    --data-urlencode date=2025-12-01 --data-urlencode value=90% "$URL/indicators/$i/measurements")
[ "$code" = 403 ] || die "viewer: HTTP $code"
[ "$(measurements)" = "$n1" ] || die "a refused user wrote a measurement"
[ "$(db_count "select count(*) from audit_log where action = 'measurement.denied'")" = 2 ] \
    || die "refusals not audited"

# The monitoring agency's own focal point may measure.
$GIAMSAT user add khcn --role unit --unit "Bộ Khoa học và Công nghệ" --password khcn-pass-123 \
    > /dev/null
login khcn khcn-pass-123 khcn
get "/indicators/$i" khcn.html -b khcn
[ "$(form_of "$i" khcn.html)" = 1 ] || die "the monitoring agency sees no form"
code=$(post khcn "$i" --data-urlencode date=2025-12-20 --data-urlencode value=83%)
[ "$code" = 303 ] || die "monitoring agency: HTTP $code"
[ "$(db_count "select entered_by from measurement order by id desc limit 1")" = khcn ] \
    || die "entered_by"

# Two scales: the select lists them; one must be chosen; each clause has its own rule.
s=$(db_count "select id from indicator where code = '4'")
get "/indicators/$s" scales.html -b admin
well_formed scales.html
grep -q '<option value="Đông Nam Á">Đông Nam Á</option>' scales.html || die "scale option"
grep -q '<option value="Thế giới">Thế giới</option>' scales.html || die "scale option"
code=$(post admin "$s" --data-urlencode date=2025-10-01 --data-urlencode "value=thứ 5")
[ "$code" = 422 ] && grep -q 'id="m-bloc-error"' post.html || die "no scale: HTTP $code"
code=$(post admin "$s" --data-urlencode date=2025-10-01 --data-urlencode "value=thứ 2" \
    --data-urlencode "bloc=Đông Nam Á")
[ "$code" = 303 ] || die "scale measurement: HTTP $code"
get "/indicators/$s" scales2.html -b viewer
well_formed scales2.html
grep -q '<table class="parts" id="ind-parts">' scales2.html || die "no per-clause rules"
grep -q '<tr data-status="green"><td>Đông Nam Á</td>' scales2.html || die "Đông Nam Á not green"

# A heading (11): no target, no form; its sub-indicators with their statuses.
hd=$(db_count "select id from indicator where code = '11'")
get "/indicators/$hd" heading.html -b admin
well_formed heading.html
grep -q "<li data-status=\"green\"><a href=\"/indicators/$i\">11.1 – " heading.html \
    || die "heading: 11.1 not listed as green"
[ "$(form_of "$hd" heading.html)" = 0 ] || die "a heading has a form"
n2=$(measurements)
code=$(curl -s -o /dev/null -w '%{http_code}' -b admin --data-urlencode "csrf=$(csrf admin /indicators)" \
    --data-urlencode date=2025-12-01 --data-urlencode value=90% "$URL/indicators/$hd/measurements")
[ "$code" = 422 ] && [ "$(measurements)" = "$n2" ] || die "a heading took a measurement: HTTP $code"

# The units page: the agency scorecard links to the indicators it monitors.
get /units units.html -b viewer
well_formed units.html
grep -q "href=\"/indicators?agency=$bkhcn&amp;as_of=2025-12-24\" class=\"ind-share\" data-agency=\"$bkhcn\"" \
    units.html || die "scorecard: no indicator share"
get "/units/$bkhcn" unitpage.html -b viewer
well_formed unitpage.html
grep -q '<dt>Chỉ tiêu theo dõi</dt><dd id="unit-indicators"><a href=' unitpage.html \
    || die "unit page: no indicator share"
grep -q '[0-9]*/[0-9]* đạt ([0-9]*%)' unitpage.html || die "unit page: share text"
