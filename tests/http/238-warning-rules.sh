# The warning rules page (issue #15): every reader sees the rules in force; an administrator sets
# one (on/off, severity, days, threshold) with the form, audited as `giamsat warnings set` is, and
# the warnings follow; a bad value re-shows the form (422) with the error summary and what was
# typed, writing nothing; a monitor may not set a rule (403, audited).
set -eu
start_server
login admin admin-pass-123 a.jar
login xem xem-pass-123 v.jar
get /warnings/rules r.html -b v.jar
well_formed r.html
grep -q '<th scope="row">Sắp đến hạn</th><td>Bật</td><td>Trung bình</td><td>14 ngày</td>' r.html \
    || die "the viewer does not see the default due_soon rule"
grep -q 'action="/warnings/rules"' r.html && die "a viewer is offered the forms"
get /warnings/rules ra.html -b a.jar
grep -q 'id="due_soon-days"' ra.html || die "no days field for due_soon"
grep -q 'id="unit_rate-threshold"' ra.html || die "no threshold field for unit_rate"
C=$(csrf a.jar /warnings/rules)
ds() { sqlite3 :memory: "select count(*) from json_each(readfile('$1'))
    where json_extract(value, '\$.rule') = 'due_soon'"; }
$GIAMSAT warnings --as-of 2025-12-10 --rule due_soon --format json > before.json
before=$(snapshot)
# A bad value: 422, the summary links to the field, what was typed is kept, nothing written.
code=$(curl -s -o bad.html -w '%{http_code}' -b a.jar --data "csrf=$C&rule=due_soon&enabled=1&severity=cao&days=400" "$URL/warnings/rules")
[ "$code" = 422 ] || die "days=400: HTTP $code"
grep -q '<title>Lỗi: Quy tắc cảnh báo' bad.html || die "no 'Lỗi:' title"
grep -q 'href="#due_soon-days"' bad.html || die "the summary does not link to the days field"
grep -q 'id="due_soon-days"[^>]*value="400"' bad.html || die "the typed value is not kept"
code=$(curl -s -o bad2.html -w '%{http_code}' -b a.jar --data "csrf=$C&rule=unit_rate&enabled=1&severity=cao&threshold=abc" "$URL/warnings/rules")
[ "$code" = 422 ] || die "threshold=abc: HTTP $code"
grep -q 'Ngưỡng tỷ lệ phải là một số nguyên' bad2.html || die "no message for threshold=abc"
[ "$(snapshot)" = "$before" ] || die "a refused rule changed the database"
# A monitor may not.
$GIAMSAT user add gs --role giam_sat --password monitor-pass-1 > /dev/null
login gs monitor-pass-1 m.jar
Cm=$(csrf m.jar /)
[ "$(status POST /warnings/rules -b m.jar --data "csrf=$Cm&rule=due_soon&enabled=1&severity=cao&days=30")" = 403 ] \
    || die "a monitor set a rule"
# The administrator sets due_soon to 30 days, severity cao; then turns no_report off.
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b a.jar --data "csrf=$C&rule=due_soon&enabled=1&severity=cao&days=30" "$URL/warnings/rules")
[ "$code" = "303 $URL/warnings/rules?saved=due_soon" ] || die "set due_soon: $code"
get "/warnings/rules?saved=due_soon" s.html -b a.jar
grep -q 'Đã lưu quy tắc “Sắp đến hạn”' s.html || die "no saved notice"
grep -q '<th scope="row">Sắp đến hạn</th><td>Bật</td><td>Cao</td><td>30 ngày</td>' s.html \
    || die "the new setting is not shown"
[ "$(db_count "select count(*) from audit_log where action = 'warning_rule.set' and actor = 'admin'")" = 1 ] \
    || die "the change is not audited for admin"
$GIAMSAT warnings --as-of 2025-12-10 --rule due_soon --format json > after.json
[ "$(ds after.json)" -gt "$(ds before.json)" ] || die "30 days did not widen due_soon"
[ "$(sqlite3 :memory: "select count(*) from json_each(readfile('after.json'))
    where json_extract(value, '\$.severity') <> 'cao'")" = 0 ] || die "due_soon is not cao now"
curl -s -o /dev/null -b a.jar --data "csrf=$C&rule=no_report&severity=thap" "$URL/warnings/rules"
$GIAMSAT warnings rules --format json > rules.json
[ "$(sqlite3 :memory: "select json_extract(value, '\$.enabled') from json_each(readfile('rules.json'))
    where json_extract(value, '\$.rule') = 'no_report'")" = 0 ] || die "no_report is still on"
get "/warnings?as_of=2025-12-24&rule=no_report" w.html -b a.jar
grep -q '<strong>0</strong> cảnh báo' w.html || die "no_report still warns when off"
echo "warning rules page: shown to all, set by the admin (audited), refused values kept"
