#!/bin/sh
# bench_backends: the main figures on SQLite and on PostgreSQL side by side, in one run
# (so the ratio, not the absolute figure, is what to read on this shared machine); run by
# `make bench` after the other timings, and alone by `make bench-backends`, as
#   scripts/bench_backends.sh build/rel/giamsat
#
# For each backend, in a fresh database (a SQLite file; a database of a throwaway
# PostgreSQL cluster, scripts/pg_tmp.sh, on a Unix socket):
#   demo        `giamsat demo`: schema, registry, the shipped programme and reports
#   gen         `giamsat gen --tasks 500 --reports 20000`: an import-sized write
#   report      `giamsat report --as-of 2025-12-24 --format json` of that programme
# then scripts/bench_web.sh against a server on each (wrk on /api/v1/report, the
# dashboard and the task list; BENCH_WRK_DURATION, default 5s here).
# No figure makes it fail; without PostgreSQL (scripts/deps.sh installs it) it says so.
set -u
BIN=${1:?usage: scripts/bench_backends.sh path/to/giamsat}
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-bench-backends.XXXXXX") || exit 2
chmod 755 "$work" # the cluster runs as the postgres user when we are root
trap '"$here/pg_tmp.sh" stop "$work/pg" > /dev/null 2>&1; rm -rf "$work"' EXIT
trap 'exit 2' INT TERM
if ! PG=$("$here/pg_tmp.sh" start "$work/pg" 2> "$work/pg.err"); then
    echo "bench-backends: skipped: no PostgreSQL ($(tail -n 1 "$work/pg.err"))"
    exit 0
fi
export GIAMSAT_TODAY=2025-12-24
export BENCH_WRK_DURATION=${BENCH_WRK_DURATION:-5s}

# fresh NAME: the target of a new, empty database NAME on each backend.
fresh() {
    case $1 in
    sqlite) rm -f "$work/$2.db"*; echo "$work/$2.db" ;;
    pg)
        psql -X -q "$PG" -c "CREATE DATABASE $2" > /dev/null || return 1
        printf '%s' "$PG" | sed "s|^\(postgres[a-z]*://[^/]*/\)[^?]*|\1$2|"
        ;;
    esac
}

# seconds CMD...: the wall time of CMD, in seconds with two decimals.
seconds() {
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || { echo fail; return; }
    awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'
}

for b in sqlite pg; do
    demo_db=$(fresh $b demo_$b) && gen_db=$(fresh $b gen_$b) || exit 1
    echo "$b demo $(seconds "$BIN" --db "$demo_db" demo)" >> "$work/cli"
    echo "$b gen $(seconds "$BIN" --db "$gen_db" gen --tasks 500 --reports 20000)" >> "$work/cli"
    echo "$b report $(seconds "$BIN" --db "$gen_db" report --as-of 2025-12-24 --format json)" \
        >> "$work/cli"
    web_db=$(fresh $b web_$b) || exit 1
    BENCH_DB=$web_db "$here/bench_web.sh" "$BIN" > "$work/web_$b" 2>&1
done

printf 'giamsat bench-backends: %s (%s CPU(s); load average %s)\n' "$BIN" \
    "$(nproc 2> /dev/null || echo ?)" "$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo ?)"
printf '%-40s %12s %12s %8s\n' "" SQLite PostgreSQL ratio
awk '$1 == "sqlite" { s[$2] = $3 } $1 == "pg" { p[$2] = $3 }
    END {
        split("demo gen report", k, " ")
        label["demo"] = "demo import (s)"; label["gen"] = "gen 500 tasks, 20,000 reports (s)"
        label["report"] = "report JSON of that (s)"
        for (i = 1; i <= 3; i++)
            printf "%-40s %12s %12s %8s\n", label[k[i]], s[k[i]], p[k[i]],
                (s[k[i]] + 0 > 0 && p[k[i]] + 0 > 0) ? sprintf("%.1fx", p[k[i]] / s[k[i]]) : "?"
    }' "$work/cli"
# The web lines: "target req/s p50 p99 bytes" from each run of bench_web.sh.
for t in "/api/v1/report" "/ (dashboard)" "/tasks (task list)"; do
    s=$(grep -F "$t" "$work/web_sqlite" | head -n 1 | awk '{ print $(NF-3) }')
    p=$(grep -F "$t" "$work/web_pg" | head -n 1 | awk '{ print $(NF-3) }')
    awk -v t="$t req/s" -v s="${s:-?}" -v p="${p:-?}" 'BEGIN {
        printf "%-40s %12s %12s %8s\n", t, s, p, (s + 0 > 0 && p + 0 > 0) ? sprintf("%.2fx", p / s) : "?" }'
done
grep -h "skipped\|warning\|bench-web:" "$work/web_sqlite" "$work/web_pg" | sort -u
