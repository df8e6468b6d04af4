#!/bin/sh
# bench_scale: giamsat at the size of a real deployment; run by `make bench-scale` as
#   scripts/bench_scale.sh build/rel/giamsat build/rel/mhd-ceiling
#
# For each size of BENCH_SCALE_SIZES ("S M L"), in a temporary folder removed at the end:
#   S  the shipped demo (`giamsat demo`: 428 tasks, a few reports);
#   M  `giamsat gen --tasks 4253 --reports 147000` (a national programme's second year);
#   L  `giamsat gen --tasks 20000 --reports 4300000 --units 3500` (years of data; the
#      reports may be cut with BENCH_SCALE_L_REPORTS to fit the time at hand: say so).
# and prints:
#   - how long the data took to write (reports per second);
#   - `giamsat report --format json` (best of 3) beside two floors measured on the same
#     file: SQLite counting the done assignments with one SQL aggregate, and SQLite
#     reading every progress event once (a full scan): the report's cost as ratios;
#   - the server: start-up, the first dashboard (it builds the snapshot), then each page
#     and API route under wrk (64 connections) beside the bare libmicrohttpd ceiling
#     (mhd-ceiling serving a response of the same size, same flags and pool) measured in
#     the same run, as req/s, p99 and the ratio route/ceiling;
#   - the first /api/v1/report and the first dashboard after a progress POST (3 rounds
#     each: the snapshot follows the write), progress POSTs under wrk
#     with 16 connections (req/s, p99, non-2xx), and the server's RSS idle, after the
#     routes, and after 10 write-then-report rounds.
#
# Environment: BENCH_SCALE_SIZES, BENCH_SCALE_DURATION (5s per wrk run),
# BENCH_SCALE_L_REPORTS, BENCH_SCALE_SEED (1), BENCH_SCALE_TODAY (2026-11-30: the date
# the data is generated up to and reported as of). Figures are for information: no
# figure makes the script fail (docs/PERFORMANCE.md keeps them). It exits 1 when a size
# cannot be set up or a route does not answer 200, and skips the web part without wrk.
set -u

BIN=${1:?usage: scripts/bench_scale.sh path/to/giamsat path/to/mhd-ceiling}
CEIL=${2:?usage: scripts/bench_scale.sh path/to/giamsat path/to/mhd-ceiling}
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
BIN=$(abs "$BIN")
CEIL=$(abs "$CEIL")
[ -x "$BIN" ] || { echo "bench-scale: '$BIN' is not an executable" >&2; exit 2; }
[ -x "$CEIL" ] || { echo "bench-scale: '$CEIL' is not an executable" >&2; exit 2; }
command -v sqlite3 > /dev/null 2>&1 || { echo "bench-scale: sqlite3 is missing" >&2; exit 2; }
HAVE_WRK=1
command -v wrk > /dev/null 2>&1 || HAVE_WRK=0
SIZES=${BENCH_SCALE_SIZES:-S M L}
DURATION=${BENCH_SCALE_DURATION:-5s}
SEED=${BENCH_SCALE_SEED:-1}
L_REPORTS=${BENCH_SCALE_L_REPORTS:-4300000}
export GIAMSAT_TODAY=${BENCH_SCALE_TODAY:-2026-11-30}
AS_OF=$GIAMSAT_TODAY

work=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-bench-scale.XXXXXX") || exit 2
SERVER_PID="" CEIL_PID=""
stop() { [ -n "$1" ] && kill "$1" 2> /dev/null && wait "$1" 2> /dev/null; }
trap 'stop "$SERVER_PID"; stop "$CEIL_PID"; rm -rf "$work"' EXIT
trap 'exit 2' INT TERM
cd "$work" || exit 2
fail() { echo "bench-scale: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# make_size NAME: the database of a size in NAME.db; prints "rows ms".
make_size() {
    t0=$(now_ms)
    case $1 in
    S) "$BIN" --db S.db demo > S.log 2>&1 || fail "demo: $(tail -n 3 S.log)" ;;
    M) "$BIN" --db M.db gen --tasks 4253 --reports 147000 --seed "$SEED" > M.log 2>&1 ||
        fail "gen M: $(tail -n 3 M.log)" ;;
    L) "$BIN" --db L.db gen --tasks 20000 --reports "$L_REPORTS" --units 3500 --seed "$SEED" \
        > L.log 2>&1 || fail "gen L: $(tail -n 3 L.log)" ;;
    *) fail "unknown size '$1' (S, M or L)" ;;
    esac
    echo "$(sqlite3 "$1.db" 'select count(*) from progress_report') $(($(now_ms) - t0))"
}

# best_ms N CMD...: the fastest of N runs, in ms.
best_ms() {
    n=$1
    shift
    best=""
    for _ in $(seq 1 "$n"); do
        t0=$(now_ms)
        "$@" > /dev/null 2>&1 || fail "$*: failed"
        t=$(($(now_ms) - t0))
        [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
    done
    echo "$best"
}

# rss_kb PID: "RSS kB (heap A + file F)": the database's memory-mapped pages count in VmRSS
# (RssFile) but are the kernel's page cache, not the server's heap (RssAnon).
rss_kb() {
    awk '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 }
        END { printf "%s (heap %s + file %s)", r, a, f }' "/proc/$1/status" 2> /dev/null ||
        echo "?"
}

free_port() { echo $((20000 + ($$ * 13 + $1 * 1009) % 40000)); }

# start_server DB: giamsat serve on a free port (URL), its start-up time in START_MS.
start_server() {
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        PORT=$(free_port "$attempt")
        URL="http://127.0.0.1:$PORT"
        t0=$(now_ms)
        "$BIN" --db "$1" serve --port "$PORT" --per-address 256 > server.log 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 1 600); do
            kill -0 "$SERVER_PID" 2> /dev/null || break
            if curl -s -o /dev/null "$URL/login"; then
                START_MS=$(($(now_ms) - t0))
                return 0
            fi
            sleep 0.05
        done
        stop "$SERVER_PID"
        SERVER_PID=""
    done
    fail "the server did not start: $(tail -n 3 server.log)"
}

# sign_in: a session cookie for the bench administrator in SESSION.
sign_in() {
    hidden=$(curl -s -c jar "$URL/login" | tr '>' '\n' |
        sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
    set --
    for h in $hidden; do set -- "$@" --data-urlencode "$h"; done
    code=$(curl -s -o /dev/null -w '%{http_code}' -b jar -c jar "$@" \
        --data-urlencode username=bench --data-urlencode password=bench-pass-123 "$URL/login")
    [ "$code" = 303 ] || fail "sign-in: HTTP $code"
    SESSION=$(awk '$6 == "gs_session" { print $7 }' jar)
}

# wrk_figures FILE: "req/s p99 non2xx" from wrk's output.
wrk_figures() {
    awk '/Requests\/sec:/ { rps = $2 } $1 == "99%" { p99 = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        END { printf "%s %s %s\n", rps ? rps : "?", p99 ? p99 : "?", bad ? bad : 0 }' "$1"
}

# route NAME PATH HEADER: the route and the ceiling for its response size, one line.
route() {
    name=$1 path=$2 header=$3
    code=$(curl -s -o body -w '%{http_code}' -H "$header" "$URL$path")
    [ "$code" = 200 ] || fail "$path: HTTP $code"
    size=$(wc -c < body)
    wrk -t2 -c64 -d1s -H "$header" "$URL$path" > /dev/null 2>&1
    wrk -t2 -c64 -d"$DURATION" --latency -H "$header" "$URL$path" > wrk.out 2>&1
    set -- $(wrk_figures wrk.out)
    rps=$1 p99=$2 bad=$3
    cport=$(free_port 97)
    "$CEIL" "$cport" "$size" > ceiling.log 2>&1 &
    CEIL_PID=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$cport/" && break; sleep 0.05; done
    wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$cport/" > ceil.out 2>&1
    stop "$CEIL_PID"
    CEIL_PID=""
    set -- $(wrk_figures ceil.out)
    ratio=$(awk -v a="$rps" -v b="$1" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "?" }')
    printf '  %-30s %9s %9s %9s %10s %7s%s\n' "$name" "$rps" "$p99" "$1" "$size" "$ratio" \
        "$([ "$bad" != 0 ] && echo "  ($bad non-2xx)")"
}

# A progress POST, then GET $2 with header $3: ms for that first request after the write.
write_then_get() {
    body=$(printf '{"task":%s,"unit":"%s","date":"%s","result":"bench-scale %s %s"}' \
        "$TASK" "$UNIT_NAME" "$AS_OF" "$$" "$1")
    code=$(curl -s -o post.json -w '%{http_code}' -H "Authorization: Bearer $WTOKEN" \
        -H 'Content-Type: application/json' --data "$body" "$URL/api/v1/progress")
    [ "$code" = 201 ] || fail "POST /api/v1/progress: HTTP $code $(head -c 200 post.json)"
    curl -s -o /dev/null -w '%{time_total}' -H "$3" "$URL$2" | awk '{ printf "%.0f", $1 * 1000 }'
}

# The first report through the API after one progress POST, in ms.
write_then_report() {
    write_then_get "$1" "/api/v1/report?as_of=$AS_OF" "Authorization: Bearer $RTOKEN"
}

post_bench() {
    cat > post.lua << LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $WTOKEN"
local n = 0
local me = tostring({}):sub(-8)
request = function()
    n = n + 1
    return wrk.format(nil, "/api/v1/progress", nil, string.format(
        '{"task":$TASK,"unit":"$UNIT_NAME","date":"$AS_OF","result":"wrk %s %d"}', me, n))
end
LUA
    wrk -t2 -c16 -d"$DURATION" --latency -s post.lua "$URL" > post.out 2>&1
    set -- $(wrk_figures post.out)
    printf '  %-30s %9s %9s %9s\n' "POST /api/v1/progress (16 conn.)" "$1" "$2" "$3 non-2xx"
}

web_part() {
    "$BIN" --db "$1.db" user add bench --role quan_tri --password bench-pass-123 > /dev/null ||
        fail "cannot add the bench account"
    RTOKEN=$("$BIN" --db "$1.db" token add --role xem --name bench-read 2> /dev/null)
    WTOKEN=$("$BIN" --db "$1.db" token add --role giam_sat --name bench-write 2> /dev/null)
    # A counted task with its most assigned units' unit, and the unit with most tasks.
    set -- $(sqlite3 -separator ' ' "$1.db" "select a.task_id, a.agency_id from assignment a
        join task t on t.id = a.task_id where t.is_group = 0 and t.repeat_of_id is null
        and a.removed_import_id is null order by a.task_id limit 1 offset
        (select count(*) / 2 from assignment)") "$1"
    TASK=$1 UNIT_ID=$2 size=$3
    UNIT_NAME=$(sqlite3 "$size.db" "select name from agency where id = $UNIT_ID")
    BUSY=$(sqlite3 "$size.db" "select agency_id from assignment group by agency_id
        order by count(*) desc limit 1")
    start_server "$size.db"
    rss_idle=$(rss_kb "$SERVER_PID")
    sign_in
    first=$(curl -s -o /dev/null -w '%{time_total}' -b "gs_session=$SESSION" "$URL/" |
        awk '{ printf "%.0f", $1 * 1000 }')
    printf '  server start %s ms (RSS %s kB); first dashboard %s ms\n' "$START_MS" \
        "$rss_idle" "$first"
    printf '  %-30s %9s %9s %9s %10s %7s\n' route req/s p99 ceiling bytes ratio
    C="Cookie: gs_session=$SESSION" A="Authorization: Bearer $RTOKEN"
    route "/ (dashboard)" "/" "$C"
    route "/tasks" "/tasks" "$C"
    route "/tasks/{id}" "/tasks/$TASK" "$C"
    route "/units/{id} (busiest)" "/units/$BUSY" "$C"
    route "/api/v1/tasks?limit=50" "/api/v1/tasks?limit=50" "$A"
    route "/api/v1/tasks/{id}" "/api/v1/tasks/$TASK" "$A"
    route "/api/v1/report" "/api/v1/report?as_of=$AS_OF" "$A"
    rss_load=$(rss_kb "$SERVER_PID")
    printf '  first /api/v1/report after a POST:'
    for i in 1 2 3; do printf ' %s ms' "$(write_then_report "$i")"; done
    echo
    printf '  first dashboard after a POST:'
    for i in 1 2 3; do printf ' %s ms' "$(write_then_get "d$i" / "$C")"; done
    echo
    post_bench
    for i in $(seq 4 13); do write_then_report "$i" > /dev/null; done
    printf '  RSS: idle %s kB, after the routes %s kB, after 10 write-then-report rounds %s kB\n' \
        "$rss_idle" "$rss_load" "$(rss_kb "$SERVER_PID")"
    stop "$SERVER_PID"
    SERVER_PID=""
}

printf 'giamsat bench-scale: %s (%s CPU(s), load average %s; wrk %s at 64 connections)\n' \
    "$BIN" "$(nproc 2> /dev/null || echo ?)" "$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null)" \
    "$DURATION"
[ "$L_REPORTS" = 4300000 ] || echo "(L cut to $L_REPORTS reports: BENCH_SCALE_L_REPORTS)"
for size in $SIZES; do
    set -- $(make_size "$size")
    reports=$1 ms=$2
    tasks=$(sqlite3 "$size.db" 'select count(*) from task')
    assignments=$(sqlite3 "$size.db" 'select count(*) from assignment')
    printf '\n%s: %s tasks, %s assignments, %s reports; written in %s ms (%s reports/s)\n' \
        "$size" "$tasks" "$assignments" "$reports" "$ms" \
        "$(awk -v r="$reports" -v t="$ms" 'BEGIN { printf "%.0f", (t > 0 ? r * 1000 / t : 0) }')"
    rep=$(best_ms 3 "$BIN" --db "$size.db" report --as-of "$AS_OF" --format json)
    agg=$(best_ms 3 sqlite3 "$size.db" "select count(*) from assignment a where exists (select 1
        from progress_report p where p.assignment_id = a.id and p.kind = 'done'
        and p.reported_on <= '$AS_OF')")
    scan=$(best_ms 3 sqlite3 "$size.db" 'select count(*), sum(length(kind)) from progress_report')
    printf '  report --format json %s ms; SQL aggregate %s ms; event scan %s ms\n' "$rep" "$agg" \
        "$scan"
    if [ "$HAVE_WRK" = 1 ]; then
        web_part "$size"
    else
        echo "  web: skipped: wrk is not installed (apt-get install wrk)"
    fi
    rm -f "$size.db" "$size.db-wal" "$size.db-shm"
done
