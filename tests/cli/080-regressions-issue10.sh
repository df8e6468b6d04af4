# Regressions of issue #10 found by hand or by the fuzzers: every file under
# tests/data/fuzz/ goes through `import --dry-run` (the sanitizer build aborts
# on any out-of-bounds read), leaves the database unchanged, and the defect-1
# plan file (U+1FD1 folded to a short key) is refused cleanly.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
$G init >/dev/null
before=$(snapshot)
for f in "$DATA"/fuzz/*/*; do
    rc=0
    $G import "$f" --dry-run > out.txt 2> err.txt || rc=$?
    # A clean refusal is exit 1..3 with a message; a sanitizer abort is not.
    [ "$rc" -le 3 ] || { cat err.txt; die "$f: exit $rc"; }
    ! grep -q "Sanitizer" err.txt || { cat err.txt; die "$f: sanitizer report"; }
    [ "$(snapshot)" = "$before" ] || die "$f changed the database on a dry run"
done
# The defect-1 file has no task: a clean refusal naming the file.
f="$DATA/fuzz/plan/issue10-defect1-u1fd1-plan.txt"
if $G import "$f" --dry-run 2> err.txt; then die "defect-1 plan accepted"; fi
grep -q "issue10-defect1-u1fd1-plan.txt.*không có nhiệm vụ nào" err.txt || { cat err.txt; die "defect-1 message"; }
