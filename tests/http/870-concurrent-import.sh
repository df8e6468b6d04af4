# Writers and readers on the server while the command line imports a large progress table
# (issue #10 defect 2): the import holds the write lock for seconds; every request still
# gets its answer: no 5xx, no "locked", and every acknowledged report is stored. Writers
# wait behind the import (a bounded wait), they do not fail.
# runner: alone (writers wait a bounded time behind the import)
set -eu
start_server
TOK=$($GIAMSAT token add --role giam_sat --name conc 2> /dev/null)
VIEW=$($GIAMSAT token add --role xem --name conc-view 2> /dev/null)
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
T_NV=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
T_CA=$(db_count "$single and a.name = 'Bộ Công an' order by task_id limit 1")
ROWS=${CONC_ROWS:-50000}
awk -v n="$ROWS" -v t="$T_CA" 'BEGIN { print "id;Đơn vị;Kết quả;Ngày báo cáo"
    for (i = 1; i <= n; i++) printf "%d;Bộ Công an;\"Kết quả nhập lô %d\";%02d/11/2025\n", t, i, 1 + i % 28 }' \
    > big.csv

writer() {
    set +e
    i=0
    while [ ! -e stop ]; do
        i=$((i + 1))
        code=$(curl -s -o "w$1.out" --max-time 150 -w '%{http_code}' -H "Authorization: Bearer $TOK" \
            -H 'Content-Type: application/json' --data-binary \
            "{\"task\":$T_NV,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\",\"result\":\"conc $1 $i\"}" \
            "$URL/api/v1/progress")
        printf 'conc %s %s\t%s\t%s\n' "$1" "$i" "$code" "$(tr -d '\n' < "w$1.out" | head -c 200)" >> "w$1.log"
    done
}
reader() {
    set +e
    while [ ! -e stop ]; do
        code=$(curl -s -o "r$1.out" --max-time 150 -w '%{http_code}' -H "Authorization: Bearer $VIEW" \
            "$URL$2")
        printf '%s\t%s\t%s\n' "$2" "$code" "$(tr -d '\n' < "r$1.out" | head -c 200)" >> "r$1.log"
    done
}
pids=
writer a & pids="$pids $!"
writer b & pids="$pids $!"
reader c "/api/v1/report?as_of=2025-12-24" & pids="$pids $!"
reader d "/api/v1/tasks/$T_CA" & pids="$pids $!"
trap 'touch stop; for p in $pids; do wait $p; done; kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
sleep 0.5
$GIAMSAT import big.csv --json > import.json 2> import.err || die "the import failed: $(cat import.err)"
sleep 0.5
touch stop
for p in $pids; do wait "$p" || true; done
pids=
expect_json import.json '$.added' "$ROWS"
bad=$(cat w?.log r?.log | awk -F '\t' '$2 !~ /^2/ || $3 ~ /locked|database error|\.db/' | head -5)
[ -z "$bad" ] || die "answers during the import: $bad"
n=$(cat w?.log | wc -l)
[ "$n" -ge 4 ] || die "the writers sent only $n reports"
awk -F '\t' '{ printf "INSERT INTO acked VALUES (%c%s%c);\n", 39, $1, 39 }' w?.log > acked.sql
lost=$(sqlite3 giamsat.db <<SQL
CREATE TEMP TABLE acked (txt TEXT);
.read acked.sql
SELECT count(*) FROM acked WHERE txt NOT IN (SELECT result FROM progress_report);
SQL
)
[ "$lost" = 0 ] || die "$lost acknowledged report(s) missing"
echo "concurrent import of $ROWS rows: $n writes and $(cat r?.log | wc -l) reads answered"
