# Two `giamsat serve` on one database (issue #16: several servers behind a load
# balancer): a report posted to one is in the other's /api/v1/report at once, both ways,
# though each had its report cached before the write. Runs on both backends (on SQLite
# the two servers share the file).
set -eu
start_server
A=$URL
A_PID=$SERVER_PID

# The second server, on the same database.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    PORT_B=$(( 20000 + ($$ * 11 + attempt * 1013 + 17) % 40000 ))
    B="http://127.0.0.1:$PORT_B"
    $GIAMSAT serve --port "$PORT_B" --notify-every 0 > server-b.log 2>&1 &
    B_PID=$!
    trap 'kill $A_PID $B_PID 2>/dev/null; wait $A_PID $B_PID 2>/dev/null' EXIT
    up=
    for _ in $(seq 1 100); do
        kill -0 "$B_PID" 2>/dev/null || break
        if curl -s -o /dev/null "$B/login"; then up=1; break; fi
        sleep 0.1
    done
    [ -n "$up" ] && break
    kill "$B_PID" 2>/dev/null || true
    wait "$B_PID" 2>/dev/null || true
done
[ -n "$up" ] || die "the second server did not start: $(cat server-b.log)"

UNIT=$($GIAMSAT token add noivu-system --role unit --unit "Bộ Nội vụ")
VIEW=$($GIAMSAT token add viewer-system --role viewer)

# done_count SERVER: tasks done (on time or late) as of 24/12/2025, as SERVER reports them.
done_count() {
    code=$(curl -s -o rep.json -w '%{http_code}' -H "Authorization: Bearer $VIEW" \
        "$1/api/v1/report?as_of=2025-12-24")
    [ "$code" = 200 ] || die "GET $1/api/v1/report: HTTP $code"
    echo $(( $(jget rep.json '$.tasks.done_on_time') + $(jget rep.json '$.tasks.done_late') ))
}

# complete SERVER TASK: Bộ Nội vụ reports TASK done through SERVER's API.
complete() {
    code=$(curl -s -o post.json -w '%{http_code}' -X POST -H "Authorization: Bearer $UNIT" \
        -H 'Content-Type: application/json' "$1/api/v1/progress" --data-binary \
        "{\"task\":$2,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"done\":true,\"completed_on\":\"2025-12-19\",\"output\":\"Quyết định số 12/QĐ-BNV ngày 19/12/2025\"}")
    [ "$code" = 201 ] || die "POST $1/api/v1/progress: HTTP $code ($(cat post.json))"
}

# Two tasks Bộ Nội vụ leads alone, not reported yet.
single="select s.task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and a.name = 'Bộ Nội vụ' and s.task_id in
        (select task_id from assignment where removed_import_id is null group by task_id
        having count(*) = 1) and s.id not in (select assignment_id from progress_report)
        order by s.task_id"
T1=$(db_count "$single limit 1")
T2=$(db_count "$single limit 1 offset 1")
[ -n "$T1" ] && [ -n "$T2" ] && [ "$T1" != "$T2" ] || die "no two single-unit tasks in the demo"

# Both servers answer, and agree, before any write (each has now cached its report).
n0=$(done_count "$A")
[ "$(done_count "$B")" = "$n0" ] || die "the two servers disagree before any write"

# Written through A: B's very next report counts it; and through B: A's does.
complete "$A" "$T1"
[ "$(done_count "$B")" = $((n0 + 1)) ] || die "B did not see the completion posted to A"
[ "$(done_count "$A")" = $((n0 + 1)) ] || die "A did not count its own write"
complete "$B" "$T2"
[ "$(done_count "$A")" = $((n0 + 2)) ] || die "A did not see the completion posted to B"
[ "$(done_count "$B")" = $((n0 + 2)) ] || die "B did not count its own write"

# The task itself, read from the other server.
code=$(curl -s -o t.json -w '%{http_code}' -H "Authorization: Bearer $VIEW" \
    "$A/api/v1/tasks/$T2?as_of=2025-12-24")
[ "$code" = 200 ] || die "GET task: HTTP $code"
expect_json t.json '$.assignments[0].completed_on' 2025-12-19
