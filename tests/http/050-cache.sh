# The server caches the programme snapshot and the statistics report (report_cache.h), keyed
# by the data generation: a write through the API, or by the command line while the server
# runs, is seen by the very next read, in the API report and in the pages alike.
set -eu
start_server
login xem xem-pass-123 jar
V=$($GIAMSAT token add --role xem --name cache-reader)
T=$($GIAMSAT token add --role don_vi --unit "Bộ Nội vụ" --name cache-writer)
R="/api/v1/report?as_of=2025-12-24"

# Two open tasks led by Bộ Nội vụ alone, with no report yet.
tasks=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null
    and s.task_id in (select task_id from assignment where removed_import_id is null
                      group by task_id having count(*) = 1)
    and s.task_id not in (select x.task_id from assignment x join progress_report p
                          on p.assignment_id = x.id)
    and s.task_id not in (select parent_id from task where parent_id is not null)
    order by 1 limit 2")
A=$(echo "$tasks" | sed -n 1p)
B=$(echo "$tasks" | sed -n 2p)
[ -n "$A" ] && [ -n "$B" ] || die "no open tasks of Bộ Nội vụ in the demo data"

# done: the report's count of tasks done; list_done: the task list's count (a page).
done_count() { jget "$1" '$.tasks.done'; }
list_done() {
    get "/tasks?status=done&as_of=2025-12-24" "$1" -b jar
    sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' "$1"
}

# Read twice: the second read is served from the cache and is the same.
get "$R" r0.json -H "Authorization: Bearer $V"
get "$R" r0b.json -H "Authorization: Bearer $V"
cmp -s r0.json r0b.json || die "two reads of unchanged data differ"
n0=$(done_count r0.json)
l0=$(list_done t0.html)
[ "$l0" = "$n0" ] || die "the task list shows $l0 done, the report $n0"

# A completion through the API: the next read counts it.
printf '{"unit":"Bộ Nội vụ","date":"2025-12-20","done":true,"completed_on":"2025-12-18","output":"Quyết định số 7/QĐ-BNV ngày 18/12/2025"}' > done.json
code=$(curl -s -o add.json -w '%{http_code}' -X POST -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' --data-binary @done.json "$URL/api/v1/tasks/$A/progress")
[ "$code" = 201 ] || die "POST progress: HTTP $code ($(cat add.json))"
get "$R" r1.json -H "Authorization: Bearer $V"
n1=$(done_count r1.json)
[ "$n1" = $((n0 + 1)) ] || die "after a completion through the API: done $n1, want $((n0 + 1))"
$GIAMSAT report --as-of 2025-12-24 --format json > cli1.json
same_json r1.json cli1.json || die "the API report after a write differs from the command line's"
[ "$(list_done t1.html)" = "$n1" ] || die "the task list did not see the completion"

# A completion by the command line while the server runs: the next read counts it too.
cat > progress.csv <<EOF
ID,Đơn vị,Kết quả,Ngày báo cáo,Hoàn thành,Ngày hoàn thành,Văn bản kết quả
$B,Bộ Nội vụ,Đã ban hành,2025-12-21,x,2025-12-19,Quyết định số 8/QĐ-BNV ngày 19/12/2025
EOF
$GIAMSAT import progress.csv --json > imp.json
expect_json imp.json '$.added' 1
get "$R" r2.json -H "Authorization: Bearer $V"
n2=$(done_count r2.json)
[ "$n2" = $((n1 + 1)) ] || die "after an import by the command line: done $n2, want $((n1 + 1))"
$GIAMSAT report --as-of 2025-12-24 --format json > cli2.json
same_json r2.json cli2.json || die "the API report after an import differs from the command line's"
[ "$(list_done t2.html)" = "$n2" ] || die "the task list did not see the import"
get "/?as_of=2025-12-24" dash.html -b jar
grep -q "id=\"n-done\">$n2<" dash.html || die "the dashboard did not see the import"

# Other dates and filters are cached apart and agree with the command line.
get "/api/v1/report?as_of=2025-06-30&agency=B%E1%BB%99%20N%E1%BB%99i%20v%E1%BB%A5" r3.json \
    -H "Authorization: Bearer $V"
$GIAMSAT report --as-of 2025-06-30 --agency "Bộ Nội vụ" --format json > cli3.json
same_json r3.json cli3.json || die "a filtered report differs from the command line's"
