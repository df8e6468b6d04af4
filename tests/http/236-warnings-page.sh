# The page Cảnh báo (issue #15): the warnings of `giamsat warnings` as of a date, filtered by rule,
# severity, unit and task; a unit account sees only its own unit's; CSV and XLSX exports hold
# the filtered list and are named after the filter; the dashboard, a unit's and a task's page show
# their warnings with a link to the filtered list; bad filters answer 400.
set -eu
start_server
login admin admin-pass-123 a.jar
login noivu noivu-pass-123 u.jar
csv_rows() { sqlite3 :memory: ".import --csv $1 t" "select count(*) from t"; }
count() { sed -n 's/.*<p class="count">Có <strong>\([0-9]*\)<\/strong> cảnh báo.*/\1/p' "$1"; }
cli_count() { # cli_count FILE WHERE: warnings of the CLI's JSON matching the SQL condition
    sqlite3 :memory: "select count(*) from json_each(readfile('$1')) where $2"
}
BNV=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
$GIAMSAT warnings --as-of 2025-12-24 --format json > all.json
n=$(cli_count all.json 1)
[ "$n" -gt 100 ] || die "the demo has only $n warnings"

get "/warnings?as_of=24/12/2025" w.html -b a.jar
well_formed w.html
[ "$(count w.html)" = "$n" ] || die "the page counts $(count w.html) warnings, the CLI $n"
grep -q '<a href="/warnings" aria-current="page">Cảnh báo</a>' w.html || die "no nav item"
grep -q 'href="/warnings/export?format=xlsx&amp;as_of=24%2F12%2F2025"' w.html || die "no export link"
# Filters: rule, severity, unit (id or name), as the command line filters them.
get "/warnings?as_of=2025-12-24&rule=overdue&severity=cao&agency=$BNV" f.html -b a.jar
want=$(cli_count all.json "json_extract(value, '\$.rule') = 'overdue' and
    json_extract(value, '\$.severity') = 'cao' and json_extract(value, '\$.unit') = 'Bộ Nội vụ'")
[ "$want" -gt 0 ] && [ "$(count f.html)" = "$want" ] || die "filtered: $(count f.html), want $want"
get "/warnings?as_of=2025-12-24&severity=trung_binh" s.html -b a.jar
want=$(cli_count all.json "json_extract(value, '\$.severity') = 'trung_binh'")
[ "$(count s.html)" = "$want" ] || die "severity trung_binh: $(count s.html), want $want"
grep -q 'sev-cao' s.html && die "a high warning under severity=trung_binh"
T=$(sqlite3 :memory: "select json_extract(value, '\$.task') from json_each(readfile('all.json'))
    where json_extract(value, '\$.task') is not null limit 1")
get "/warnings?as_of=2025-12-24&task=$T" t.html -b a.jar
want=$(cli_count all.json "json_extract(value, '\$.task') = $T")
[ "$(count t.html)" = "$want" ] || die "task $T: $(count t.html), want $want"
# A unit account: its own unit's only, whatever it asks for.
get "/warnings?as_of=2025-12-24" u.html -b u.jar
want=$(cli_count all.json "json_extract(value, '\$.unit') = 'Bộ Nội vụ'")
[ "$(count u.html)" = "$want" ] || die "unit account: $(count u.html), want $want"
get "/warnings?as_of=2025-12-24&agency=Bộ%20Tài%20chính" u2.html -b u.jar
[ "$(count u2.html)" = "$want" ] || die "a unit account saw another unit's warnings"
grep -q 'Gửi yêu cầu giải trình' u.html && die "a unit account is offered to issue requests"
grep -q 'Gửi yêu cầu giải trình' w.html || die "the office is not offered to issue requests"
# Refusals.
for q in "rule=late" "severity=urgent" "agency=Bo%20Khong%20Co" "as_of=31/13/2025" "colour=red"; do
    [ "$(status GET "/warnings?$q" -b a.jar)" = 400 ] || die "/warnings?$q is not refused"
done

# Exports: the filtered list, named after the filter.
code=$(curl -s -D h -o all.csv -w '%{http_code}' -b a.jar "$URL/warnings/export?format=csv&as_of=2025-12-24")
[ "$code" = 200 ] || die "csv export: HTTP $code"
[ "$(csv_rows all.csv)" = "$n" ] || die "csv rows $(csv_rows all.csv), want $n"
head -n 1 all.csv | grep -q 'Mức độ,Loại cảnh báo,Đơn vị,Mã nhiệm vụ,Nhiệm vụ,Chỉ tiêu,Nội dung,Từ ngày' \
    || die "csv header"
grep -qi '^Content-Disposition: attachment; filename="canh-bao-24-12-2025.csv"' h \
    || die "csv name: $(grep -i '^Content-Disposition' h)"
curl -s -D hx -o f.xlsx -b a.jar \
    "$URL/warnings/export?format=xlsx&as_of=2025-12-24&rule=overdue&severity=cao&agency=$BNV"
grep -qi "^Content-Disposition: attachment; filename=\"canh-bao-bo-noi-vu-qua-han-cao-24-12-2025.xlsx\"; filename\*=UTF-8''c%E1%BA%A3nh%20b%C3%A1o%20-%20B%E1%BB%99%20N%E1%BB%99i%20v%E1%BB%A5" hx \
    || die "xlsx name: $(grep -i '^Content-Disposition' hx)"
"$OOXML_CHECK" f.xlsx > /dev/null || die "the xlsx is not valid"
"$OOXML_CHECK" --text f.xlsx | grep -q "Bộ Nội vụ" || die "the xlsx lacks the unit"
get "/warnings/export?format=csv&as_of=2025-12-24&rule=overdue&severity=cao&agency=$BNV" f.csv -b a.jar
[ "$(csv_rows f.csv)" = "$(count f.html)" ] || die "the filtered csv differs from the page"
[ "$(status GET "/warnings/export?format=pdf" -b a.jar)" = 400 ] || die "format=pdf accepted"

# The boxes: dashboard, unit page, task page, each linked to the filtered list.
get "/?as_of=24/12/2025" d.html -b a.jar
grep -q "Cảnh báo ($n)" d.html || die "the dashboard does not count $n warnings"
grep -q 'href="/warnings?as_of=24%2F12%2F2025">Xem tất cả' d.html || die "dashboard link"
get "/units/$BNV?as_of=2025-12-24" un.html -b a.jar
want=$(cli_count all.json "json_extract(value, '\$.unit') = 'Bộ Nội vụ'")
grep -q "Cảnh báo ($want)" un.html || die "the unit page does not count $want warnings"
grep -q "href=\"/warnings?agency=$BNV&amp;as_of=2025-12-24\"" un.html || die "unit page link"
get "/tasks/$T?as_of=2025-12-24" tk.html -b a.jar
grep -q "Cảnh báo ($(cli_count all.json "json_extract(value, '\$.task') = $T"))" tk.html \
    || die "the task page does not count its warnings"
grep -q "href=\"/warnings?task=$T&amp;as_of=2025-12-24\"" tk.html || die "task page link"
echo "warnings page: $n warnings as the CLI, filters, unit scope, exports, boxes"
