# SIGTERM finishes what is in flight (issue #10 defect 7): four clients post progress
# reports through the API without pause; the server gets SIGTERM while they do. It must
# stop accepting, answer every request it had begun, and exit 0: afterwards every report
# in the database was answered 2xx to its client (none committed and left unanswered).
# runner: alone (SIGTERM while clients post, timed)
set -eu
start_server
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
T1=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
T2=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1 offset 1")
TOK=$($GIAMSAT token add --role giam_sat --name term 2> /dev/null)

# client NAME TASK: post until the server stops answering; one line per request:
# text, HTTP code ("000": no answer).
client() {
    set +e
    i=0
    while :; do
        i=$((i + 1))
        text="term $1 $i"
        code=$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' \
            -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
            --data-binary "{\"task\":$2,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"result\":\"$text\"}" \
            "$URL/api/v1/progress")
        printf '%s\t%s\n' "$text" "$code" >> "$1.log"
        [ "$code" = 000 ] && [ -e stopped ] && break
    done
}
pids=
for c in a b; do client "$c" "$T1" & pids="$pids $!"; done
for c in c d; do client "$c" "$T2" & pids="$pids $!"; done
sleep 2
kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
touch stopped
for p in $pids; do wait "$p" || true; done
trap - EXIT
[ "$rc" = 0 ] || die "the server exited with $rc after SIGTERM: $(tail -5 server.log)"
grep -q 'giamsat: stopped' server.log || die "the server did not say it stopped"
if grep -q 'AddressSanitizer\|runtime error' server.log; then die "$(tail -30 server.log)"; fi
answered=$(cat ./?.log | awk -F '\t' '$2 ~ /^2/' | wc -l)
[ "$answered" -gt 10 ] || die "only $answered reports were answered before the stop"
cat ./?.log | awk -F '\t' '$2 ~ /^2/ { printf "INSERT INTO acked VALUES (%c%s%c);\n", 39, $1, 39 }' \
    > acked.sql
lost=$(sqlite3 giamsat.db <<SQL
CREATE TEMP TABLE acked (txt TEXT);
.read acked.sql
SELECT 'stored but never answered: ' || result FROM progress_report
    WHERE result LIKE 'term %' AND result NOT IN (SELECT txt FROM acked);
SELECT 'answered but not stored: ' || txt FROM acked
    WHERE txt NOT IN (SELECT result FROM progress_report);
SQL
)
[ -z "$lost" ] || die "$(printf '%s\n' "$lost" | head -10)"
echo "shutdown: $answered reports answered, none lost"
