#!/bin/sh
# bench_web: drive the web server with wrk on loopback; run by `make bench-web` (and at the
# end of `make bench`) as
#   scripts/bench_web.sh build/rel/giamsat
#
# In a temporary folder that is removed at the end: a database with the shipped demo data
# (`giamsat demo`), an administrator who signs in for a session cookie, a read-only API
# token, and `giamsat serve` on a free loopback port. Each target is warmed up, then driven
# by `wrk -t2 -c64 -d10s --latency`; one line per target gives requests per second and the
# 50th and 99th percentile latency, as wrk measured them:
#   /api/v1/report?as_of=2025-12-24   the statistics report (JSON, token)
#   /                                 the dashboard (HTML, session)
#   /tasks                            the task list (HTML, session)
#
# Environment: BENCH_DB (the database, default a SQLite file), BENCH_WRK_DURATION (10s),
# BENCH_WRK_CONNECTIONS (64), BENCH_WRK_THREADS (2),
# BENCH_SERVER_THREADS (the server's default when unset). GIAMSAT_TODAY is fixed to the
# demo data's date, so the pages count as of the same day as the API.
#
# Timings are for information: no figure makes the script fail (docs/PERFORMANCE.md keeps
# the ones measured). Without wrk it says so and exits 0. It exits 1 only when the server
# cannot be set up or a target does not answer 200.
set -u

BIN=${1:?usage: scripts/bench_web.sh path/to/giamsat}
case "$BIN" in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "bench-web: '$BIN' is not an executable" >&2; exit 2; }
if ! command -v wrk > /dev/null 2>&1; then
    echo "bench-web: skipped: wrk is not installed (Debian: apt-get install wrk," \
        "or scripts/deps.sh as root)"
    exit 0
fi
DURATION=${BENCH_WRK_DURATION:-10s}
CONNS=${BENCH_WRK_CONNECTIONS:-64}
THREADS=${BENCH_WRK_THREADS:-2}
AS_OF=2025-12-24
export GIAMSAT_TODAY=$AS_OF
# BENCH_DB: the database to fill and serve (an empty PostgreSQL database's URI, say);
# by default a SQLite file in the temporary folder.
DB=${BENCH_DB:-bench.db}

work=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-bench-web.XXXXXX") || exit 2
SERVER_PID=""
stop_server() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null && wait "$SERVER_PID" 2> /dev/null
    SERVER_PID=""
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 2' INT TERM
cd "$work" || exit 2
fail() { echo "bench-web: $*" >&2; exit 1; }

"$BIN" --db "$DB" demo > demo.log 2>&1 || fail "demo failed: $(tail -n 3 demo.log)"
"$BIN" --db "$DB" user add bench --role quan_tri --password bench-pass-123 > /dev/null \
    || fail "cannot add the bench account"
TOKEN=$("$BIN" --db "$DB" token add --role xem --name bench 2> /dev/null) \
    || fail "cannot create an API token"

# A free port: another server (a test run) may hold the first one tried.
start_server() {
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        PORT=$((20000 + ($$ * 13 + attempt * 1009) % 40000))
        URL="http://127.0.0.1:$PORT"
        # wrk opens 64 connections from loopback: above the default limit per address.
        "$BIN" --db "$DB" serve --port "$PORT" --per-address 256 \
            ${BENCH_SERVER_THREADS:+--threads "$BENCH_SERVER_THREADS"} > server.log 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2> /dev/null || break
            curl -s -o /dev/null "$URL/login" && return 0
            sleep 0.1
        done
        stop_server
    done
    fail "the server did not start: $(tail -n 3 server.log)"
}
start_server

# Signing in as a browser does: the form's hidden fields and its cookie first.
hidden=$(curl -s -c jar "$URL/login" | tr '>' '\n' |
    sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
set --
for h in $hidden; do set -- "$@" --data-urlencode "$h"; done
code=$(curl -s -o /dev/null -w '%{http_code}' -b jar -c jar "$@" --data-urlencode username=bench \
    --data-urlencode password=bench-pass-123 "$URL/login")
[ "$code" = 303 ] || fail "sign-in: HTTP $code"
SESSION=$(awk '$6 == "gs_session" { print $7 }' jar)
[ -n "$SESSION" ] || fail "sign-in gave no session cookie"

# wrk_line NAME PATH HEADER: warm up, run wrk, print one line of figures.
wrk_line() {
    name=$1 path=$2 header=$3
    code=$(curl -s -o "$work/body" -w '%{http_code}' -H "$header" "$URL$path")
    [ "$code" = 200 ] || fail "$path: HTTP $code"
    size=$(wc -c < "$work/body")
    wrk -t"$THREADS" -c"$CONNS" -d2s -H "$header" "$URL$path" > /dev/null 2>&1
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "$header" "$URL$path" \
        > "$work/wrk.out" 2>&1
    awk -v name="$name" -v size="$size" '
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { sock = $0; sub(/^ *Socket errors: */, "", sock) }
        END {
            printf "%-34s %9s %10s %10s %9s\n", name, rps ? rps : "?", p50 ? p50 : "?",
                p99 ? p99 : "?", size
            if (bad) printf "  warning: %s responses were not 2xx/3xx\n", bad
            if (sock) printf "  note: socket errors: %s\n", sock
        }' "$work/wrk.out"
}

printf 'giamsat bench-web: %s\n' "$BIN"
printf '(wrk -t%s -c%s -d%s --latency on loopback; %s CPU(s); load average %s)\n' "$THREADS" \
    "$CONNS" "$DURATION" "$(nproc 2> /dev/null || echo ?)" \
    "$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo ?)"
printf '%-34s %9s %10s %10s %9s\n' target req/s p50 p99 bytes
wrk_line "/api/v1/report?as_of=$AS_OF" "/api/v1/report?as_of=$AS_OF" "Authorization: Bearer $TOKEN"
wrk_line "/ (dashboard)" "/" "Cookie: gs_session=$SESSION"
wrk_line "/tasks (task list)" "/tasks" "Cookie: gs_session=$SESSION"
echo "(target for the API report, issue #4: >= 5000 req/s and p99 < 20ms at 64 connections;" \
    "for information, never a failure)"
