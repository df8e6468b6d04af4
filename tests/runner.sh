#!/bin/sh
# The runner behind tests/cli/run.sh and tests/http/run.sh:
#   tests/runner.sh cli|http
# runs every tests/KIND/NNN-*.sh (ONLY=GLOB narrows them) in a fresh temporary
# folder on a fresh database (SQLite, or PostgreSQL with GIAMSAT_PG:
# tests/pg/backend.sh), JOBS at a time (default: the number of processors).
# A test that must not share the machine (it measures a timeout, kills a
# server, races writers) says so in a line "# runner: alone (why)" and runs
# after the others, by itself; one that takes minutes says "# runner: long (why)"
# and starts first. Each test's line gives its time in seconds; a
# failing test's log follows its line. Exit status 1 when any test failed.
#   tests/runner.sh KIND --one TEST RESULTS
# (internal) runs one test and leaves its line and log in RESULTS.
set -u
tests=$(cd "$(dirname "$0")" && pwd)
kind=${1:?usage: tests/runner.sh cli|http}
here=$tests/$kind
. "$tests/pg/backend.sh"

# run_test TEST DIR: the test, in DIR, as its kind runs it.
run_test() {
    case $kind in
    cli) (cd "$2" && SEEDS="$tests/../data/seeds" DATA="$tests/data" sh "$1") ;;
    http) (cd "$2" && DATA="$tests/data" sh -c ". '$here/lib.sh'; . '$1'") ;;
    esac
}

# one TEST RESULTS: run TEST; its report (line and, when it failed, log) goes to
# RESULTS/NAME.out, its status to RESULTS/NAME.rc.
one() {
    name=$(basename "$1")
    out=$2/$name.out
    if backend_skip "$1"; then
        echo "skip $kind/$name ($(sed -n 's/^# backend: \([a-z]*\)-only.*/\1 only/p' "$1"))" >"$out"
        echo 0 >"$2/$name.rc"
        return
    fi
    dir=$(mktemp -d)
    start=$(date +%s)
    if backend_begin && run_test "$1" "$dir" >"$dir/log" 2>&1; then rc=0; else rc=1; fi
    backend_end
    secs=$(($(date +%s) - start))
    if [ $rc = 0 ]; then
        echo "ok   $kind/$name (${secs} s)" >"$out"
    else
        { echo "FAIL $kind/$name (${secs} s)"; sed 's/^/     /' "$dir/log"
          [ -f "$dir/server.log" ] && sed 's/^/     server: /' "$dir/server.log" | tail -20
        } >"$out"
    fi
    rm -rf "$dir"
    echo $rc >"$2/$name.rc"
    # One writer at a time on the terminal: a report is printed whole.
    flock "$2/.print" cat "$out"
}

if [ "${2:-}" = --one ]; then
    one "$3" "$4"
    exit 0
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT INT TERM
: >"$results/.print"
together=$results/.together
alone=$results/.alone
: >"$together"; : >"$alone"
# The long ones start first, so that none of them is left running alone at the end.
for t in "$here"/${ONLY:-[0-9][0-9][0-9]-*}.sh; do
    [ -e "$t" ] || continue # ONLY matched nothing
    if grep -q '^# runner: alone' "$t"; then echo "$t" >>"$alone"
    elif grep -q '^# runner: long' "$t"; then echo "$t" >>"$results/.long"
    else echo "$t" >>"$results/.short"; fi
done
cat "$results/.long" "$results/.short" >"$together" 2>/dev/null
start=$(date +%s)
xargs -r -P "${JOBS:-$(nproc)}" -I{} "$tests/runner.sh" "$kind" --one {} "$results" <"$together"
xargs -r -P 1 -I{} "$tests/runner.sh" "$kind" --one {} "$results" <"$alone"
failed=
n=0
for rc in "$results"/*.rc; do
    [ -e "$rc" ] || continue
    n=$((n + 1))
    [ "$(cat "$rc")" = 0 ] || failed="$failed $(basename "$rc" .rc)"
done
want=$(cat "$together" "$alone" | wc -l)
[ "$n" = "$want" ] || failed="$failed (only $n of $want tests reported)"
echo "$kind: $n tests in $(($(date +%s) - start)) s, ${JOBS:-$(nproc)} at a time${failed:+; FAILED:$failed}"
[ -z "$failed" ]
