# Chỉ tiêu: the baseline (mốc cơ sở) set from an indicator's page. The steering office sees
# the form "Đặt mốc cơ sở" prefilled with the current baseline; a baseline it sets is written
# with its audit line (old and new), shown in the facts, and moves the status: 11.1 (≥ 80 by
# 2030) measured 55 on 01/12/2025 is red from a baseline of 70 on 31/12/2024 (the path needs
# 71,529) and amber from 40 (it needs 46,116). Every baseline set stays listed from the audit
# log. A value that is not a number, a judgement, a percent on a count, a future date: refused
# next to the field, what was typed kept, nothing written (422). No CSRF token: refused. A
# unit account and a viewer see no form and get 403.
set -eu
start_server
login admin admin-pass-123 admin
login noivu noivu-pass-123 unit
login xem xem-pass-123 viewer
i=$(db_count "select id from indicator where code = '11.1'")
# 7: counted in enterprises, not in % (tests/cli/060-indicators.sh refuses 5% for it too).
i7=$(db_count "select id from indicator where code = '7' and unit = 'Doanh nghiệp'")
[ -n "$i7" ] || die "no indicator 7 counted in enterprises"
form_of() { grep -c "action=\"/indicators/$1/baseline\"" "$2" || true; }
# (the value in tenths: engines print a real number each their own way)
baseline_row() { db_count "select coalesce(CAST(CAST(round(baseline_value * 10) AS INTEGER) AS TEXT),
                           '') || '|' || coalesce(baseline_date, '') from indicator where id = $1"; }
audits() { db_count "select count(*) from audit_log where action = 'indicator.baseline'"; }
# post JAR ID [curl args]: submit the baseline form of indicator ID with the CSRF token.
post() {
    jar=$1; id=$2; shift 2
    tok=$(csrf "$jar" "/indicators/$id")
    [ -n "$tok" ] || die "no CSRF token on /indicators/$id for $jar"
    curl -s -D h -o post.html -w '%{http_code}' -b "$jar" --data-urlencode "csrf=$tok" "$@" \
        "$URL/indicators/$id/baseline"
}
status_of() { sed -n 's/.*id="ind-status" data-status="\([a-z]*\)".*/\1/p' "$1"; }

# One measurement, 55% on 01/12/2025, entered by the command line: it is its own baseline.
$GIAMSAT measure add --indicator 11.1 --date 01/12/2025 --value 55% > /dev/null
get "/indicators/$i" before.html -b admin
well_formed before.html
[ "$(status_of before.html)" = amber ] || die "before a baseline: $(status_of before.html)"
grep -q 'lộ trình từ 55% (01/12/2025, số đo đầu tiên)' before.html || die "first measurement"
grep -q '<dt>Giá trị gốc</dt><dd>chưa đặt – lấy số đo đầu tiên</dd>' before.html \
    || die "baseline fact before"

# The steering office sees the form, empty while no baseline is set; nothing listed yet.
[ "$(form_of "$i" before.html)" = 1 ] || die "admin sees no baseline form"
grep -q '<h3>Đặt mốc cơ sở</h3>' before.html || die "no form heading"
grep -q '<label for="b-value">' before.html && grep -q '<label for="b-date">' before.html \
    || die "no labels"
grep -q 'id="b-value" name="value" aria-describedby="b-value-hint" required="required" autocomplete="off" value=""' \
    before.html || die "value not empty before a baseline"
if grep -q 'id="baseline-history"' before.html; then die "a history before any baseline"; fi

# Others: no form, 403 on POST, nothing written.
for jar in unit viewer; do
    get "/indicators/$i" other.html -b $jar
    [ "$(form_of "$i" other.html)" = 0 ] || die "$jar sees the baseline form"
    if grep -q 'id="baseline-form"' other.html; then die "$jar sees the baseline form"; fi
    tok=$(csrf $jar "/indicators/$i")
    code=$(curl -s -o /dev/null -w '%{http_code}' -b $jar --data-urlencode "csrf=$tok" \
        --data-urlencode value=40 --data-urlencode date=2024-12-31 "$URL/indicators/$i/baseline")
    [ "$code" = 403 ] || die "$jar: HTTP $code"
done
[ "$(baseline_row "$i")" = "|" ] && [ "$(audits)" = 0 ] || die "written by a unit or a viewer"

# Without the CSRF token: refused, nothing written.
code=$(curl -s -o /dev/null -w '%{http_code}' -b admin --data-urlencode value=40 \
    --data-urlencode date=2024-12-31 "$URL/indicators/$i/baseline")
[ "$code" = 403 ] || die "no CSRF: HTTP $code"
[ "$(baseline_row "$i")" = "|" ] && [ "$(audits)" = 0 ] || die "written without CSRF"

# Refused: next to the field, what was typed kept, nothing written.
before=$(snapshot)
refused() { # FIELD TYPED-VALUE TYPED-DATE [ID]
    code=$(post admin "${4:-$i}" --data-urlencode "value=$2" --data-urlencode "date=$3")
    [ "$code" = 422 ] || die "'$2' '$3': HTTP $code"
    well_formed post.html
    grep -q "id=\"b-$1-error\"" post.html || die "'$2' '$3': no reason next to $1"
    grep -q 'class="error-summary"' post.html && grep -q "href=\"#b-$1\"" post.html \
        || die "'$2' '$3': no error summary"
    grep -q "aria-invalid=\"true\"" post.html || die "'$2' '$3': field not marked"
    grep -q "name=\"value\" aria-describedby=\"b-value-hint[^\"]*\"[^/]* value=\"$2\"" \
        post.html || die "'$2': typed value not kept"
    # The date field shows a date typed as yyyy-mm-dd in dd/mm/yyyy.
    shown=$(printf '%s' "$3" | awk -F- 'NF == 3 { printf "%s/%s/%s", $3, $2, $1; next } { print }')
    grep -q "id=\"b-date\" name=\"date\"[^/]* value=\"$shown\"" post.html \
        || die "'$3': typed date not kept"
    [ "$(snapshot)" = "$before" ] || die "'$2' '$3' was written"
}
refused value "bốn mươi" 2024-12-31
grep -q "không đọc được giá trị" post.html || die "reason of an unreadable value"
refused value "đạt" 2024-12-31
grep -q "một mốc cơ sở là một số, không phải một đánh giá" post.html || die "judgement reason"
refused value 140% 2024-12-31
grep -q "tỷ lệ của chỉ tiêu 11.1 phải từ 0 đến 100%" post.html || die "share reason"
refused date 40 2026-01-15
grep -q "ngày của mốc cơ sở 15/01/2026 là ngày trong tương lai (hôm nay là 24/12/2025)" post.html \
    || die "future date reason"
refused date 40 "31/02/2024"
refused value 40% 2024-12-31 "$i7"
grep -q "giá trị là tỷ lệ % nhưng chỉ tiêu 7 tính bằng" post.html || die "percent on a count"

# Baseline 70 on 31/12/2024: written with its audit line, the page follows: red.
code=$(post admin "$i" --data-urlencode value=70 --data-urlencode date=31/12/2024)
[ "$code" = 303 ] || die "baseline 70: HTTP $code ($(head -c 300 post.html))"
grep -qi "^Location: /indicators/$i?saved=baseline#moc-co-so" h || die "redirect: $(grep -i location h)"
[ "$(baseline_row "$i")" = "700|2024-12-31" ] || die "DB after 70: $(baseline_row "$i")"
[ "$(audits)" = 1 ] || die "audit lines after 70: $(audits)"
[ "$(db_count "select actor || '|' || entity || '|' || entity_id || '|' || coalesce(before, 'NULL')
               || '|' || after from audit_log where action = 'indicator.baseline'")" = \
    "admin|indicator|$i|NULL|70 (2024-12-31)" ] || die "audit line of 70"
get "/indicators/$i?saved=baseline" red.html -b admin
well_formed red.html
grep -q '<div class="notice" role="status" id="saved"><p>Đã đặt mốc cơ sở.</p></div>' red.html \
    || die "no notice"
grep -q '<dt>Giá trị gốc</dt><dd>70 (31/12/2024)</dd>' red.html || die "fact after 70"
[ "$(status_of red.html)" = red ] || die "from 70: $(status_of red.html)"
grep -q 'lộ trình từ 70% (31/12/2024, mốc cơ sở) đến 80% (31/12/2030) cần 71,529% vào ngày đo: chậm' \
    red.html || die "rule from 70"
grep -q 'id="b-value" name="value" aria-describedby="b-value-hint" required="required" autocomplete="off" value="70"' \
    red.html || die "form not prefilled with 70"
grep -q 'id="b-date" name="date" aria-describedby="b-date-hint" required="required" value="31/12/2024"' red.html \
    || die "form not prefilled with 31/12/2024"
# The list (from the server's cache) follows too.
get /indicators list.html -b viewer
grep -q "<tr id=\"ind-$i\" data-code=\"11.1\" data-status=\"red\">" list.html || die "list not red"

# Baseline 40 on 31/12/2024: amber; both baselines are listed, newest first.
code=$(post admin "$i" --data-urlencode value=40 --data-urlencode date=2024-12-31)
[ "$code" = 303 ] || die "baseline 40: HTTP $code ($(head -c 300 post.html))"
[ "$(baseline_row "$i")" = "400|2024-12-31" ] || die "DB after 40: $(baseline_row "$i")"
[ "$(audits)" = 2 ] || die "audit lines after 40: $(audits)"
[ "$(db_count "select before || ' -> ' || after from audit_log where action = 'indicator.baseline'
               order by id desc limit 1")" = "70 (2024-12-31) -> 40 (2024-12-31)" ] \
    || die "audit line of 40"
get "/indicators/$i" amber.html -b viewer
well_formed amber.html
[ "$(status_of amber.html)" = amber ] || die "from 40: $(status_of amber.html)"
grep -q 'lộ trình từ 40% (31/12/2024, mốc cơ sở) đến 80% (31/12/2030) cần 46,116% vào ngày đo: đúng lộ trình' \
    amber.html || die "rule from 40"
grep -q '<dt>Giá trị gốc</dt><dd>40 (31/12/2024)</dd>' amber.html || die "fact after 40"
[ "$(form_of "$i" amber.html)" = 0 ] || die "the viewer sees the form"
grep -q '<table class="history" id="baseline-history"><caption>2 lần đặt mốc cơ sở' amber.html \
    || die "the viewer sees no history of baselines"
rows=$(sed 's/<tr data-audit=/\n&/g' amber.html | grep '^<tr data-audit=' | sed 's/<\/tr>.*//')
echo "$rows" | sed -n 1p | grep -q '<td>admin</td><td>70 (31/12/2024)</td><td>40 (31/12/2024)</td>' \
    || die "newest baseline row: $(echo "$rows" | sed -n 1p)"
echo "$rows" | sed -n 2p | grep -q '<td>admin</td><td>chưa đặt</td><td>70 (31/12/2024)</td>' \
    || die "first baseline row: $(echo "$rows" | sed -n 2p)"

# The command line reads and refuses a baseline the same way, and its lines join the list.
if $GIAMSAT measure baseline --indicator 11.1 --date 31/12/2024 --value "chưa đạt" 2> err.txt; then
    die "the CLI took a judgement"
fi
grep -q -- "--value: một mốc cơ sở là một số, không phải một đánh giá" err.txt || die "CLI reason"
$GIAMSAT measure baseline --indicator 11.1 --date 30/06/2025 --value 45,5 > /dev/null
get "/indicators/$i" cli.html -b admin
grep -q '<caption>3 lần đặt mốc cơ sở' cli.html || die "the CLI's baseline not listed"
grep -q '<td>cli</td><td>40 (31/12/2024)</td><td>45,5 (30/06/2025)</td>' cli.html \
    || die "the CLI's baseline row"
grep -q 'value="45,5"' cli.html || die "form not prefilled with 45,5"
