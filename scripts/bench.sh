#!/bin/sh
# bench: time the main jobs of a giamsat binary; run by `make bench` as
#   scripts/bench.sh build/rel/giamsat
#
# Everything happens in a temporary folder that is removed at the end: a new
# database, the shipped seeds (data/seeds), a synthetic table of
# BENCH_TASKS tasks (5000 by default). Each line gives the measure, the
# wall-clock milliseconds and, where rows are read or written, the rows and
# rows per second. Imports change the database, so they run once; read-only
# queries run BENCH_RUNS times (3 by default) and the best time is shown.
#
# Timings are for information: no time makes the script fail. It exits 1
# only when a command it needs fails (the line then says "error"), and a
# command the binary may not have yet (progress, report) is skipped with a
# note.
set -u

BIN=${1:?usage: scripts/bench.sh path/to/giamsat}
case "$BIN" in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "bench: '$BIN' is not an executable" >&2; exit 2; }
SEEDS=$(cd "$(dirname "$0")/../data/seeds" && pwd) || exit 2
SEED_PROGRAM=$SEEDS/001_523cb3a39135c550.txt
SEED_PLAN=$SEEDS/002_d7ea618fb136404a.txt
N_TASKS=${BENCH_TASKS:-20000}
N_PROGRESS=${BENCH_PROGRESS_ROWS:-200000}
RUNS=${BENCH_RUNS:-3}
AS_OF=2025-12-24

work=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-bench.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 2
errors=0

now_ns() { date +%s%N; }

# line NAME MS ROWS: one result line; ROWS may be "-".
line() {
    if [ "$3" = - ] || [ "$3" -eq 0 ] 2> /dev/null; then
        printf '%-44s %8s %8s %10s\n' "$1" "$2" "$3" -
    else
        # a 0 ms run counts as 1 ms
        printf '%-44s %8s %8s %10s\n' "$1" "$2" "$3" \
            "$(awk -v r="$3" -v ms="$2" 'BEGIN { printf "%.0f", r * 1000 / (ms > 0 ? ms : 1) }')"
    fi
}

# run_once NAME OUT -- CMD...: time CMD once, stdout to OUT; sets $ms ("" on failure).
run_once() {
    name=$1 out=$2
    shift 3
    t0=$(now_ns)
    if "$@" > "$out" 2> "$work/stderr"; then
        t1=$(now_ns)
        ms=$(((t1 - t0) / 1000000))
    else
        rc=$?
        ms=""
        printf '%-44s error (exit %d): %s\n' "$name" "$rc" "$(head -n 1 "$work/stderr")"
        errors=$((errors + 1))
    fi
}

# run_best NAME OUT -- CMD...: best of $RUNS runs; sets $ms ("" on failure).
run_best() {
    best=""
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        run_once "$@"
        [ -z "$ms" ] && return
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
        i=$((i + 1))
    done
    ms=$best
}

# json_sum FILE KEY...: the sum of the first "KEY": N of each KEY in FILE.
json_sum() {
    f=$1
    shift
    total=0
    for k in "$@"; do
        v=$(sed -n "s/^ *\"$k\": *\([0-9][0-9]*\).*/\1/p" "$f" | head -n 1)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# Top-level objects of a JSON array printed with two-space indentation.
json_items() { grep -c '^  {' "$1"; }

# import_line NAME DB FILE [ARGS...]: time one import; rows = what it read.
import_line() {
    name=$1 db=$2 file=$3
    shift 3
    run_once "$name" "$work/import.json" -- "$BIN" --db "$db" import "$file" --json "$@"
    [ -n "$ms" ] && line "$name" "$ms" \
        "$(json_sum "$work/import.json" tasks subtasks indicators)"
}

# query_line NAME DB ARGS...: best-of-RUNS time of a query; rows = objects printed.
query_line() {
    name=$1 db=$2
    shift 2
    run_best "$name" "$work/query.out" -- "$BIN" --db "$db" "$@"
    [ -n "$ms" ] && line "$name" "$ms" "$(json_items "$work/query.out")"
}

# A CSV table of N_TASKS tasks in the layout of tests/cli/030-table.sh.
make_table() {
    awk -v n="$N_TASKS" 'BEGIN {
        na = split("Bộ Công an|Bộ Tài chính|Bộ Y tế|Bộ Giáo dục và Đào tạo|" \
            "Bộ Khoa học và Công nghệ|Bộ Xây dựng|Bộ Nội vụ|Bộ Tư pháp|" \
            "Ngân hàng Nhà nước Việt Nam|Bộ Công Thương|Văn phòng Chính phủ|" \
            "Bộ Nông nghiệp và Môi trường|Các bộ, ngành, địa phương", agency, "|")
        nd = split("Quý II/2025|30/06/2025|Tháng 9/2026|Thường xuyên|Năm 2025|" \
            "6 tháng đầu năm 2026|Quý IV/2025", deadline, "|")
        nf = split("Hạ tầng số|Chính phủ số|Kinh tế số|Xã hội số|An toàn thông tin", field, "|")
        nv = split("Chỉ thị số 07/CT-TTg ngày 14/3/2025|Nghị quyết 03/NQ-CP ngày 09/01/2025|" \
            "Kế hoạch số 12/KH-BCĐ ngày 01/3/2025", doc, "|")
        print "TT;Mã;Tên nhiệm vụ;Văn bản giao;Cơ quan chủ trì;Cơ quan phối hợp;Kết quả;" \
            "Thời hạn;Lĩnh vực"
        for (i = 1; i <= n; i++)
            printf "%d;B%d;\"Nhiệm vụ thử nghiệm số %d về chuyển đổi số\";\"%s\";\"%s\";" \
                "\"%s\";Báo cáo;%s;%s\n", i, i, i, doc[1 + i % nv], agency[1 + i % na],
                agency[1 + (i * 7) % na], deadline[1 + i % nd], field[1 + i % nf]
    }' > "$1"
}

# make_progress FILE: N_PROGRESS progress rows, all for task B7 of the synthetic table (led
# by Bộ Tư pháp), each with its own result: the worst case for per-task lookups.
make_progress() {
    awk -v n="$N_PROGRESS" 'BEGIN {
        print "Mã;Đơn vị;Kết quả;Ngày báo cáo;Tiến độ (%)"
        for (i = 1; i <= n; i++)
            printf "B7;Bộ Tư pháp;\"Kết quả thực hiện lần %d\";%02d/%02d/2025;%d\n", i,
                1 + i % 28, 4 + i % 8, i % 100
    }' > "$1"
}

printf 'giamsat bench: %s\n' "$BIN"
printf '(%s run(s) per query, best shown; imports run once; %s-task synthetic table)\n' \
    "$RUNS" "$N_TASKS"
printf '%-44s %8s %8s %10s\n' measure ms rows rows/s

# The shipped seeds, into a new database.
run_once "init (new database)" "$work/init.out" -- "$BIN" --db seeds.db init
[ -n "$ms" ] && line "init (new database)" "$ms" -
import_line "import seed 001 (program)" seeds.db "$SEED_PROGRAM"
import_line "import seed 002 (plan)" seeds.db "$SEED_PLAN"
import_line "re-import seed 001 (no change)" seeds.db "$SEED_PROGRAM"
import_line "re-import seed 002 (no change)" seeds.db "$SEED_PLAN"
run_once "demo (new database + seeds, total)" "$work/demo.out" -- "$BIN" --db demo.db demo
[ -n "$ms" ] && line "demo (new database + seeds, total)" "$ms" -

# Every command opens the database and loads the agency registry first; a
# small query shows that fixed cost.
run_best "documents --format json (start-up cost)" "$work/query.out" -- "$BIN" --db seeds.db \
    documents --format json
[ -n "$ms" ] && line "documents --format json (start-up cost)" "$ms" -
query_line "tasks --format json" seeds.db tasks --format json
query_line "tasks --search \"bo cong an\"" seeds.db tasks --search "bo cong an" --format json
query_line "agencies --format json" seeds.db agencies --format json

# `progress` and `report` may not exist in this binary yet.
HAS_PROGRESS=0
HAS_REPORT=0
"$BIN" progress --help > /dev/null 2>&1 && HAS_PROGRESS=1
"$BIN" report --help > /dev/null 2>&1 && HAS_REPORT=1
if [ "$HAS_PROGRESS" = 1 ]; then
    # Task 1 of Nghị quyết 71/NQ-CP (seed 001) is led by Bộ Khoa học và Công nghệ.
    run_once "progress add (one record)" "$work/progress.out" -- "$BIN" --db seeds.db \
        progress add --code 1 --document "Nghị quyết số 71/NQ-CP ngày 01/4/2025" \
        --unit "Bộ Khoa học và Công nghệ" --date 2025-05-01 --done --json
    [ -n "$ms" ] && line "progress add (one record)" "$ms" -
else
    printf '%-44s skipped: this binary has no progress command\n' "progress add"
fi
report_line() {
    if [ "$HAS_REPORT" = 1 ]; then
        run_best "$1" "$work/report.json" -- "$BIN" --db seeds.db report --as-of "$AS_OF" \
            --format json
        # rows: the tasks the report counts (its first "total")
        [ -n "$ms" ] && line "$1" "$ms" "$(json_sum "$work/report.json" total)"
    else
        printf '%-44s skipped: this binary has no report command\n' "$1"
    fi
}
report_line "report --as-of $AS_OF --format json"

# A synthetic table, into a database that already holds the seeds.
make_table big.csv
import_line "import table of $N_TASKS tasks" seeds.db big.csv
import_line "re-import table (no change)" seeds.db big.csv
# Progress rows: rows = what the import read (every row of the table).
make_progress progress.csv
progress_line() {
    run_once "$1" "$work/import.json" -- "$BIN" --db seeds.db import progress.csv --json
    [ -n "$ms" ] && line "$1" "$ms" "$(json_sum "$work/import.json" rows)"
}
progress_line "import progress table of $N_PROGRESS rows"
progress_line "re-import progress table (no change)"
query_line "tasks --format json (seeds + table)" seeds.db tasks --format json
query_line "tasks --search \"bo cong an\" (seeds + table)" seeds.db tasks --search "bo cong an" \
    --format json
report_line "report --as-of $AS_OF (seeds + table)"

if [ "$errors" -gt 0 ]; then
    echo "bench: $errors command(s) failed" >&2
    exit 1
fi
