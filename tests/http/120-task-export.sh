# Export of the filtered task list to CSV and XLSX.
set -eu
start_server
login xem xem-pass-123 jar
$GIAMSAT report --as-of 2025-12-24 --format json > r.json
csv_rows() { sqlite3 :memory: ".import --csv $1 t" "select count(*) from t"; }

# CSV: a UTF-8 BOM, the header, one record per task of the filter, as an attachment.
code=$(curl -s -D h -o all.csv -w '%{http_code}' -b jar "$URL/tasks/export?format=csv")
[ "$code" = 200 ] || die "csv export: HTTP $code"
grep -qi '^Content-Type: text/csv; charset=utf-8' h || die "csv content type"
grep -qi '^Content-Disposition: attachment; filename="nhiem-vu.csv"' h || die "csv disposition"
head -c 3 all.csv | od -An -tx1 | grep -q 'ef bb bf' || die "no BOM"
head -n 1 all.csv | grep -q 'ID,TT,Nhiệm vụ,Lĩnh vực,Văn bản,Cơ quan chủ trì' || die "csv header"
[ "$(csv_rows all.csv)" = "$(db_count "select count(*) from task")" ] || die "csv rows"

# The same filters as the page.
get "/tasks/export?format=csv&status=overdue&as_of=2025-12-24" o.csv -b jar
[ "$(csv_rows o.csv)" = "$(jget r.json '$.tasks.overdue')" ] || die "overdue export rows"
[ "$(sqlite3 :memory: ".import --csv o.csv t" "select count(*) from t where \"Tình trạng\" <> 'Quá hạn chưa hoàn thành'")" = 0 ] \
    || die "a task that is not overdue in the overdue export"
want=$($GIAMSAT tasks --search "bo noi vu" | tail -n 1 | cut -d' ' -f1)
get "/tasks/export?format=csv&q=bo+noi+vu&page=3" s.csv -b jar
[ "$(csv_rows s.csv)" = "$want" ] || die "search export rows (paging is ignored)"
first=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' order by id limit 1")
[ "$(sqlite3 :memory: ".import --csv s.csv t" "select count(*) from t where \"Cơ quan chủ trì\" = 'Bộ Nội vụ' and \"TT\" <> ''")" -gt 0 ] \
    || die "no task of Bộ Nội vụ in the search export (task $first)"

# XLSX: a valid workbook as an attachment.
code=$(curl -s -D hx -o r.xlsx -w '%{http_code}' -b jar "$URL/tasks/export?format=xlsx&status=overdue&as_of=2025-12-24")
[ "$code" = 200 ] || die "xlsx export: HTTP $code"
grep -qi '^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' hx \
    || die "xlsx content type"
# Named after the filter (issue #13): ASCII in filename=, Vietnamese in filename*=.
grep -qi "^Content-Disposition: attachment; filename=\"nhiem-vu-qua-han.xlsx\"; filename\*=UTF-8''nhi%E1%BB%87m%20v%E1%BB%A5%20-%20qu%C3%A1%20h%E1%BA%A1n.xlsx" hx \
    || die "xlsx disposition: $(grep -i '^Content-Disposition' hx)"
bca=$(db_count "select id from agency where name = 'Bộ Công an'")
curl -s -D hb -o /dev/null -b jar "$URL/tasks/export?format=xlsx&agency=$bca&status=overdue&as_of=2025-12-24"
grep -qi '^Content-Disposition: attachment; filename="nhiem-vu-bo-cong-an-qua-han.xlsx"; filename\*=UTF-8' hb \
    || die "the unit's overdue export is not named after them: $(grep -i '^Content-Disposition' hb)"
"$OOXML_CHECK" r.xlsx > /dev/null || die "the workbook is not valid"

# Bad requests.
[ "$(status GET '/tasks/export' -b jar)" = 400 ] || die "no format"
[ "$(status GET '/tasks/export?format=pdf' -b jar)" = 400 ] || die "unknown format"
[ "$(status GET '/tasks/export?format=csv&status=nope' -b jar)" = 400 ] || die "bad filter"
[ "$(status GET '/tasks/export?format=csv')" = 303 ] || die "anonymous export"
