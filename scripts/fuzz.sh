#!/bin/bash
# Run the libFuzzer targets of tests/fuzz/ (built by `make fuzz-build` into
# build/fuzz/): scripts/fuzz.sh SECONDS NAME...
#
# For each NAME, first every regression file of tests/data/fuzz/NAME/ is replayed
# through build/fuzz/fuzz_NAME (each must run clean), then the target fuzzes for
# SECONDS from its seeds (tests/fuzz/corpus/NAME/) and the corpus it grew in earlier
# runs (build/fuzz/corpus/NAME/, where new inputs go). Crashes, leaks, timeouts and
# out-of-memory inputs are written to build/fuzz/crashes/NAME/; the log of each run is
# build/fuzz/logs/NAME.log. FUZZ_JOBS targets (default 2) run at a time.
# Exit status: 0 when every replay and every run was clean, 1 otherwise.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: scripts/fuzz.sh SECONDS NAME..." >&2; exit 2; }
secs=$1
shift
jobs=${FUZZ_JOBS:-2}
B=build/fuzz
mkdir -p "$B/logs"

# The longest input each target is given: a cell is short, a file is not.
max_len() {
    case $1 in
    deadline) echo 256 ;;
    target | agency) echo 1024 ;;
    docref) echo 2048 ;;
    form | json) echo 4096 ;;
    csv | progress | measurements | multipart) echo 16384 ;;
    xlsx | docx) echo 65536 ;;
    program | plan) echo 32768 ;;
    *) echo 4096 ;;
    esac
}

# Replay the regression inputs of one target; print the failing file's report.
replay() {
    name=$1
    dir=tests/data/fuzz/$name
    [ -d "$dir" ] || return 0
    for f in "$dir"/*; do
        [ -f "$f" ] || continue
        if ! "$B/fuzz_$name" -runs=1 "$f" > "$B/logs/$name.replay.log" 2>&1; then
            cat "$B/logs/$name.replay.log" >&2
            echo "fuzz: $name: regression input $f fails" >&2
            return 1
        fi
    done
    echo "fuzz: $name: $(ls "$dir" | wc -l) regression input(s) replayed clean"
}

# Fuzz one target for $secs seconds; print its final figures.
run() {
    name=$1
    mkdir -p "$B/corpus/$name" "$B/crashes/$name"
    log=$B/logs/$name.log
    rc=0
    # -timeout: an input taking 10 s is a hang worth a look (the sanitizer build is ~3x slower);
    # -rss_limit_mb / -malloc_limit_mb: an input that needs 2 GB is unbounded allocation.
    "$B/fuzz_$name" "$B/corpus/$name" "tests/fuzz/corpus/$name" \
        -max_total_time="$secs" -max_len="$(max_len "$name")" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="$B/crashes/$name/" > "$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1)
    corp=$(ls "$B/corpus/$name" | wc -l)
    if [ "$rc" -ne 0 ]; then
        grep -m3 'ERROR\|SUMMARY\|Test unit written' "$log" >&2 || true
        echo "fuzz: $name: FAILED (exit $rc) after ${execs:-?} execs; see $log and $B/crashes/$name/" >&2
        return 1
    fi
    echo "fuzz: $name: ${secs}s, ${execs:-?} execs, $cov, $ft, corpus $corp"
}

status=0
for name in "$@"; do
    [ -x "$B/fuzz_$name" ] || { echo "fuzz: $B/fuzz_$name is not built" >&2; exit 2; }
    replay "$name" || status=1
done
[ "$status" = 0 ] || exit 1

# At most $jobs targets at a time (a slot frees as soon as its run ends); each writes
# its outcome to a file.
rm -f "$B"/logs/*.status
running=0
for name in "$@"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    (
        rc=0
        run "$name" || rc=1
        echo $rc > "$B/logs/$name.status"
    ) &
    running=$((running + 1))
done
wait
for name in "$@"; do
    [ "$(cat "$B/logs/$name.status" 2>/dev/null)" = 0 ] || status=1
done
exit $status
