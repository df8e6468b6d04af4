# The database server restarts or fails over under a running server (issue #16): every
# connection giamsat holds is cut at once (pg_terminate_backend, what a restart or a
# failover does to its clients). At most the one request that meets a lost connection
# fails: the pool then closes every idle connection opened with it, and the next requests
# open new ones. A report written after the cut is in the next report; the thread that
# follows other servers' writes connects again by itself.
# backend: postgresql-only (a SQLite file has no server to lose)
# runner: alone (it cuts every connection to its database, and counts failures)
set -eu
start_server
VIEW=$($GIAMSAT token add viewer-system --role viewer)
UNIT=$($GIAMSAT token add noivu-system --role unit --unit "Bộ Nội vụ")

get_report() {
    curl -s -o rep.json -w '%{http_code}' -H "Authorization: Bearer $VIEW" \
        "$URL/api/v1/report?as_of=2025-12-24"
}

# Several requests at once: the server opens (and then keeps) several connections.
for round in 1 2 3; do
    pids=
    for i in 1 2 3 4 5 6; do
        curl -s -o /dev/null -H "Authorization: Bearer $VIEW" "$URL/api/v1/tasks?limit=50" &
        pids="$pids $!"
    done
    wait $pids # not the server's
done
[ "$(get_report)" = 200 ] || die "no report before the cut"
done_count() { echo $(( $(jget rep.json '$.tasks.done_on_time') + $(jget rep.json '$.tasks.done_late') )); }
done0=$(done_count)
held=$(psql -X -tA "$GIAMSAT_DB" -c "select count(*) from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()")
[ "$held" -ge 3 ] || die "the server holds $held connections, want several before the cut"

psql -X -q -tA "$GIAMSAT_DB" -c "select count(pg_terminate_backend(pid)) from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()" > /dev/null

failed=0
for i in $(seq 1 12); do
    code=$(get_report)
    [ "$code" = 200 ] || failed=$((failed + 1))
done
[ "$failed" -le 1 ] || die "$failed of 12 requests failed after the cut, want at most 1"

# A write after the cut, and the report that counts it.
T=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where s.removed_import_id is null and a.name = 'Bộ Nội vụ' and s.task_id in
    (select task_id from assignment where removed_import_id is null group by task_id
    having count(*) = 1) and s.id not in (select assignment_id from progress_report)
    order by s.task_id limit 1")
[ -n "$T" ] || die "no single-unit task of Bộ Nội vụ in the demo"
code=$(curl -s -o post.json -w '%{http_code}' -X POST -H "Authorization: Bearer $UNIT" \
    -H 'Content-Type: application/json' "$URL/api/v1/progress" --data-binary \
    "{\"task\":$T,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"done\":true,\"completed_on\":\"2025-12-19\",\"output\":\"Quyết định số 15/QĐ-BNV ngày 19/12/2025\"}")
[ "$code" = 201 ] || die "POST /api/v1/progress after the cut: HTTP $code ($(cat post.json))"
[ "$(get_report)" = 200 ] || die "no report after the write"
[ "$(done_count)" = $((done0 + 1)) ] ||
    die "the report after the cut does not count the new completion"

# The follower is back on a connection of its own.
for _ in $(seq 1 100); do
    grep -q "connected to the database again" server.log && break
    sleep 0.1
done
grep -q "connected to the database again" server.log || die "the follower did not connect again: $(tail -5 server.log)"
kill -0 "$SERVER_PID" || die "the server died"
