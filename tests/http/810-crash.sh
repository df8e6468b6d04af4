# Crash test (issue #10): five clients post progress reports at once — three through the
# API with bearer tokens (a unit token on each of the two POST routes, the steering
# office's token) and two through the task page's form with a session and its CSRF token
# (a unit's focal point and the steering office) — while the server is killed with SIGKILL
# at random moments and restarted, CRASH_CYCLES times (default 20). CRASH_SEED (printed)
# replays the same moments: about one kill in five comes while the server is still starting.
#
# A client retries a report it got no answer for, with the same body, until it is
# answered; every report has a result text of its own. After every kill, with the server
# down, the database must hold: PRAGMA integrity_check ok and no foreign key broken; every
# report acknowledged (2xx from the API, 303 "saved" from the page) exactly once, with the
# id the API answered; no report twice (a retry of a report that was written must be seen
# as its duplicate); exactly one audit line for every report written by the web or the API.
# runner: long (twenty kills and restarts; started first)
set -eu
. "$DATA/../http/session.sh"
CYCLES=${CRASH_CYCLES:-20}
SEED=${CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "crash test: $CYCLES cycles, CRASH_SEED=$SEED"
t0=$(date +%s)
start_server
$GIAMSAT user add gs --role giam_sat --password monitor-pass-1 > /dev/null

# Tasks led by one unit alone (Bộ Nội vụ, Bộ Công an), as in 210-api-progress.sh.
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
NV1=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
NV2=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1 offset 1")
NV3=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1 offset 2")
CA1=$(db_count "$single and a.name = 'Bộ Công an' order by task_id limit 1")
CA2=$(db_count "$single and a.name = 'Bộ Công an' order by task_id limit 1 offset 1")
NV_ID=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
CA_ID=$(db_count "select id from agency where name = 'Bộ Công an'")
[ -n "$NV3" ] && [ -n "$CA2" ] || die "not enough single-unit tasks in the demo data"
T_NV=$($GIAMSAT token add --role don_vi --unit "Bộ Nội vụ" --name crash-nv 2> /dev/null)
T_CA=$($GIAMSAT token add --role don_vi --unit "Bộ Công an" --name crash-ca 2> /dev/null)
T_GS=$($GIAMSAT token add --role giam_sat --name crash-gs 2> /dev/null)

# ---- the clients ------------------------------------------------------------------------
# Each appends one line per report to NAME.log once it is settled:
#   name, result text, outcome (ack | lost: stopped unanswered | bad), code, id, tries, END
# (the END field: a line being written while the log is read is not taken half).

settle() { printf '%s\t%s\t%s\t%s\t%s\t%s\tEND\n' "$1" "$2" "$3" "$4" "$5" "$6" >> "$1.log"; }

# api_client NAME TOKEN PATH TASK UNIT
api_client() {
    set +e
    name=$1 tok=$2 path=$3 task=$4 unit=$5 i=0
    tf=
    [ "$path" = /api/v1/progress ] && tf="\"task\":$task,"
    while [ ! -e stop ]; do
        i=$((i + 1))
        text="crash $SEED $name $i"
        body="{$tf\"unit\":\"$unit\",\"date\":\"2025-12-20\",\"result\":\"$text\",\"percent\":$((i % 101))}"
        tries=0 outcome=lost code=000
        while [ ! -e stop ] || [ $tries = 0 ]; do
            tries=$((tries + 1))
            rm -f "$name.out"
            code=$(curl -s --max-time 30 -o "$name.out" -w '%{http_code}' \
                -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
                --data-binary "$body" "$URL$path")
            case $code in
            2??) outcome=ack; break ;;
            000) ;;
            5??) cat "$name.out" >> "$name.5xx" 2> /dev/null; echo >> "$name.5xx" ;;
            *) outcome=bad; break ;;
            esac
            sleep 0.05
        done
        id=
        [ -f "$name.out" ] && id=$(tr -d ' \n' < "$name.out" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
        settle "$name" "$text" "$outcome" "$code" "$id" "$tries"
    done
}

# page_client NAME USER PASS TASK UNIT_ID
page_client() {
    set +e
    name=$1 user=$2 pass=$3 task=$4 unit=$5 i=0 tok=
    while [ ! -e stop ]; do
        i=$((i + 1))
        text="crash $SEED $name $i"
        tries=0 outcome=lost code=000
        while [ ! -e stop ] || [ $tries = 0 ]; do
            if [ -z "$tok" ]; then
                [ -e stop ] && break
                signin "$user" "$pass" "$name.jar" && tok=$(form_csrf "$name.jar" "/tasks/$task")
                [ -n "$tok" ] || { sleep 0.1; continue; }
            fi
            tries=$((tries + 1))
            code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code} %{redirect_url}' \
                -b "$name.jar" --data-urlencode "csrf=$tok" --data-urlencode "unit=$unit" \
                --data-urlencode date=2025-12-20 --data-urlencode "result=$text" \
                --data-urlencode "percent=$((i % 101))" "$URL/tasks/$task/progress")
            case $code in
            "303 "*"/tasks/$task?saved="[12]*) outcome=ack; break ;;
            000*) ;;
            5*) echo "$code" >> "$name.5xx" ;;
            *) outcome=bad; break ;;
            esac
            sleep 0.05
        done
        settle "$name" "$text" "$outcome" "$code" "" "$tries"
    done
}

CLIENTS=
stop_all() {
    touch stop
    for p in $CLIENTS; do wait "$p" 2> /dev/null || true; done
    kill -9 "$SERVER_PID" 2> /dev/null || true
    { wait "$SERVER_PID"; } 2> /dev/null || true
}
trap stop_all EXIT
api_client a-nv "$T_NV" /api/v1/progress "$NV1" "Bộ Nội vụ" & CLIENTS="$CLIENTS $!"
api_client a-ca "$T_CA" "/api/v1/tasks/$CA1/progress" "$CA1" "Bộ Công an" & CLIENTS="$CLIENTS $!"
api_client a-gs "$T_GS" /api/v1/progress "$CA2" "Bộ Công an" & CLIENTS="$CLIENTS $!"
page_client p-nv noivu noivu-pass-123 "$NV2" "$NV_ID" & CLIENTS="$CLIENTS $!"
page_client p-gs gs monitor-pass-1 "$NV3" "$NV_ID" & CLIENTS="$CLIENTS $!"

# ---- the server: started, killed, checked -----------------------------------------------

# serve: start the server on $PORT again (the port may take a moment to be free).
serve() {
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        $GIAMSAT serve --port "$PORT" >> server.log 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 1 400); do
            kill -0 "$SERVER_PID" 2> /dev/null || break
            curl -s -o /dev/null "$URL/login" && return 0
            sleep 0.05
        done
        wait "$SERVER_PID" 2> /dev/null || true
        sleep 0.2
    done
    die "the server did not start again: $(tail -5 server.log)"
}

# crash: SIGKILL the server; it must not have stopped on its own (a sanitizer report).
crash() {
    kill -0 "$SERVER_PID" 2> /dev/null || die "the server stopped on its own: $(tail -30 server.log)"
    kill -9 "$SERVER_PID"
    rc=0
    { wait "$SERVER_PID"; } 2> /dev/null || rc=$? # no "Killed" from the shell
    [ "$rc" = 137 ] || die "the server exited with $rc before it was killed: $(tail -30 server.log)"
}

# check LABEL: what the database must hold, with the server down.
check() {
    r=$(sqlite3 giamsat.db 'PRAGMA integrity_check')
    [ "$r" = ok ] || die "$1: integrity_check: $r"
    cat ./*.log 2> /dev/null | awk -F '\t' '$7 == "END" && $3 == "ack" {
        printf "INSERT INTO acked VALUES (%c%s%c, %s);\n", 39, $2, 39, $5 == "" ? "NULL" : $5 }' \
        > acked.sql
    bad=$(sqlite3 giamsat.db <<SQL
CREATE TEMP TABLE acked (txt TEXT, id INTEGER);
.read acked.sql
SELECT 'acknowledged but lost: ' || txt FROM acked a
    WHERE NOT EXISTS (SELECT 1 FROM progress_report p WHERE p.result = a.txt);
SELECT 'answered id ' || id || ' is not the report ' || txt FROM acked a
    WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM progress_report p
                                         WHERE p.id = a.id AND p.result = a.txt);
SELECT 'stored ' || count(*) || ' times: ' || result FROM progress_report
    WHERE result LIKE 'crash %' GROUP BY result HAVING count(*) > 1;
SELECT 'report ' || p.id || ' has ' || n || ' audit lines' FROM (SELECT p.id, (SELECT count(*)
    FROM audit_log l WHERE l.action = 'progress.add' AND l.entity = 'progress_report'
    AND l.entity_id = p.id) AS n FROM progress_report p WHERE p.source IN ('web', 'api')) p
    WHERE n <> 1;
SELECT 'foreign key broken in ' || "table" FROM pragma_foreign_key_check;
SQL
)
    [ -z "$bad" ] || die "$1: $(printf '%s\n' "$bad" | head -20)"
    bad=$(cat ./*.log 2> /dev/null | awk -F '\t' '$7 == "END" && $3 == "bad"' | head -5)
    [ -z "$bad" ] || die "$1: unexpected answers: $bad"
}

# The moments: for each cycle, whether the kill comes while the server starts (1 in 5),
# and how long after the start (or after it answers) it comes.
awk -v s="$SEED" -v n="$CYCLES" 'BEGIN { srand(s); for (i = 1; i <= n; i++) {
    early = rand() < 0.2; d = early ? rand() * 1.5 : 0.05 + rand() * 1.2
    printf "%d %.3f\n", early, d } }' > moments
cycle=0
while read -r early delay; do
    cycle=$((cycle + 1))
    if [ "$cycle" -gt 1 ]; then
        if [ "$early" = 1 ]; then
            $GIAMSAT serve --port "$PORT" >> server.log 2>&1 &
            SERVER_PID=$!
        else
            serve
        fi
    fi
    sleep "$delay"
    if [ "$early" = 1 ] && ! kill -0 "$SERVER_PID" 2> /dev/null; then
        wait "$SERVER_PID" 2> /dev/null || true # did not bind (port not yet free): no crash
        grep -q 'AddressSanitizer\|runtime error' server.log && die "$(tail -30 server.log)"
    else
        crash
    fi
    check "after kill $cycle (early=$early, ${delay}s)"
done < moments

# The last start: every client gets at least one more report through, then they stop,
# and the server is killed once more.
serve
acks() { cat "$1.log" 2> /dev/null | awk -F '\t' '$3 == "ack"' | wc -l; }
for c in a-nv a-ca a-gs p-nv p-gs; do
    n0=$(acks $c)
    for _ in $(seq 1 600); do
        [ "$(acks $c)" -gt "$n0" ] && break
        sleep 0.1
    done
    [ "$(acks $c)" -gt "$n0" ] || die "client $c got nothing through after the last start"
done
touch stop
for p in $CLIENTS; do wait "$p" || true; done
CLIENTS=
# What the restarted server lists is what the database holds.
code=$(curl -s -o list.json -w '%{http_code}' -H "Authorization: Bearer $T_GS" \
    "$URL/api/v1/progress?task=$NV1")
[ "$code" = 200 ] || die "GET /api/v1/progress: HTTP $code"
listed=$(sqlite3 :memory: "select json_array_length(readfile('list.json'))")
crash
check "after the last kill"
[ "$listed" = "$(db_count "select count(*) from progress_report p join assignment s
    on s.id = p.assignment_id where s.task_id = $NV1")" ] || die "the server lists $listed reports"

acked=$(cat ./*.log | awk -F '\t' '$3 == "ack"' | wc -l)
retried=$(cat ./*.log | awk -F '\t' '$6 > 1' | wc -l)
lost=$(cat ./*.log | awk -F '\t' '$3 == "lost"' | wc -l)
five=$(cat ./*.5xx 2> /dev/null | grep -c . || true)
echo "crash test: $CYCLES kills, $acked reports acknowledged and found once each, $retried" \
    "retried after a kill, $lost unanswered at the stop, $five 5xx answers, $(($(date +%s) - t0)) s"
[ "$five" = 0 ] || echo "crash test: 5xx answers seen (retried): $(cat ./*.5xx | sort | uniq -c | head -5)"
for c in a-nv a-ca a-gs p-nv p-gs; do
    [ "$(acks $c)" -gt 0 ] || die "client $c got nothing through"
done
