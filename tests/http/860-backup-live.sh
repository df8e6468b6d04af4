# giamsat backup while the server writes (issue #10 defect 12): three clients post progress
# reports; each backup taken meanwhile is one consistent moment: integrity ok, and every
# report in it has its audit line (a report and its audit line commit together).
# backend: sqlite-only (these are SQLite's copies; PostgreSQL has pg_dump, docs/DEPLOY.md)
set -eu
start_server
TOK=$($GIAMSAT token add --role giam_sat --name backup 2> /dev/null)
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
TASK=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
client() {
    set +e
    i=0
    while [ ! -e stop ]; do
        i=$((i + 1))
        curl -s -o /dev/null --max-time 30 -H "Authorization: Bearer $TOK" \
            -H 'Content-Type: application/json' --data-binary \
            "{\"task\":$TASK,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"result\":\"live $1 $i\"}" \
            "$URL/api/v1/progress"
    done
}
pids=
for c in a b c; do client "$c" & pids="$pids $!"; done
trap 'touch stop; for p in $pids; do wait $p; done; kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
sleep 1
for k in 1 2 3; do
    $GIAMSAT backup "b$k.db" > "b$k.out" 2>&1 || die "backup $k: $(cat "b$k.out")"
    [ "$(sqlite3 "b$k.db" 'PRAGMA integrity_check')" = ok ] || die "backup $k: integrity"
    bad=$(sqlite3 "b$k.db" "select count(*) from progress_report p where p.source = 'api' and
        (select count(*) from audit_log l where l.action = 'progress.add'
         and l.entity = 'progress_report' and l.entity_id = p.id) <> 1")
    [ "$bad" = 0 ] || die "backup $k: $bad report(s) without exactly one audit line"
    sleep 0.5
done
n1=$(sqlite3 b1.db "select count(*) from progress_report where result like 'live %'")
n3=$(sqlite3 b3.db "select count(*) from progress_report where result like 'live %'")
[ "$n3" -gt "$n1" ] || die "the clients wrote nothing between the backups ($n1, $n3)"
grep -q 'kiểm tra toàn vẹn: ok' b3.out || die "backup output: $(cat b3.out)"
echo "live backups: $n1 then $n3 reports, each consistent"
