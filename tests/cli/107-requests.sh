# giamsat request (issue #15): a request for explanation through its whole lifecycle — a
# late answer, a return that opens a second round, an answer on time, the acceptance — and
# its state as of past dates replayed from the append-only steps.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
cat > t.csv <<'CSV'
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Thời hạn hoàn thành
1;R1;Việc quá hạn cần giải trình;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Tháng 10/2025
CSV
$G import t.csv > /dev/null
T=$(db_count "select id from task where code = 'R1'")
# st DATE PATH: PATH of request 1 as of DATE
st() { $G request list --as-of "$1" --format json > s.json; jget s.json "\$[0]$2"; }

before=$(snapshot)
if $G request add --task "$T" --unit "Bộ Y tế" --due 2025-12-10 --content "Giải trình" \
    --date 2025-12-01 2> e1.txt; then die "a unit that does not lead the task accepted"; fi
grep -q "không chủ trì" e1.txt || die "reason: $(cat e1.txt)"
if $G request add --task "$T" --unit "Bộ Tài chính" --due 2025-11-30 --content "Giải trình" \
    --date 2025-12-01 2> e2.txt; then die "a deadline before the issue date accepted"; fi
if $G request add --task 9999 --unit "Bộ Tài chính" --due 2025-12-10 --content "x" 2> e3.txt; then
    die "an unknown task accepted"; fi
[ "$(snapshot)" = "$before" ] || die "a refused request changed the database"

$G request add --task "$T" --unit "Bộ Tài chính" --due 2025-12-10 --number "45/VPTW-KHCN" \
    --content "Đề nghị giải trình lý do chậm thực hiện" --date 2025-12-01 --json > add.json
expect_json add.json '$.id' 1
[ "$(st 2025-11-30 '.id')" = "" ] || die "listed before it was issued"
[ "$(st 2025-12-05 '.state')" = open ] || die "open on 05/12"
[ "$(st 2025-12-11 '.state')" = overdue ] || die "overdue on 11/12: $(st 2025-12-11 '.state')"
expect_json s.json '$[0].number' "45/VPTW-KHCN"

# Nothing to accept or return before an answer.
if $G request accept 1 --date 2025-12-11 2> e4.txt; then die "accepted before an answer"; fi
grep -q "chưa trả lời" e4.txt || die "accept reason: $(cat e4.txt)"
# Round 1: answered late (12/12 > 10/12), then returned with a new deadline 20/12.
if $G request answer 1 --explanation "Chờ ý kiến" --date 2025-12-12 2> e5.txt; then
    die "an answer without remedy and new date accepted"; fi
$G request answer 1 --explanation "Chờ ý kiến các bộ" --remedy "Họp liên ngành" \
    --new-due 2026-01-31 --date 2025-12-12 > /dev/null
[ "$(st 2025-12-12 '.state')" = answered ] || die "answered on 12/12"
expect_json s.json '$[0].answered_late' 1
$G request return 1 --comment "Chưa nêu rõ trách nhiệm" --due 2025-12-20 --date 2025-12-13 > /dev/null
[ "$(st 2025-12-14 '.state')" = open ] || die "open again after the return"
expect_json s.json '$[0].round' 2
expect_json s.json '$[0].due' 2025-12-20
# Round 2: answered on time, accepted; nothing after that.
$G request answer 1 --explanation "Do chậm thẩm định" --remedy "Trình trong tháng 1" \
    --new-due 2026-01-20 --date 2025-12-18 > /dev/null
$G request accept 1 --date 2025-12-19 > /dev/null
[ "$(st 2025-12-31 '.state')" = accepted ] || die "accepted"
expect_json s.json '$[0].late_answers' 1
expect_json s.json '$[0].answered_late' 0
[ "$(jget s.json '$[0].steps[3].kind')" = accept ] || die "four steps"
if $G request answer 1 --explanation x --remedy y --new-due 2026-02-01 --date 2025-12-20 2> e6.txt; then
    die "an answer after the acceptance"; fi
grep -q "đã được chấp nhận" e6.txt || die "after acceptance: $(cat e6.txt)"
# The past is replayed: as of 12/12 round 1, answered late; the later steps not listed.
[ "$(st 2025-12-12 '.round')" = 1 ] || die "round as of 12/12"
[ "$(jget s.json '$[0].steps[1]')" = "" ] || die "a later step listed as of 12/12"
# Filters; the audit log; append-only tables.
$G request list --state accepted --format json > acc.json
expect_json acc.json '$[0].id' 1
$G request list --state open --format json > op.json
[ "$(jget op.json '$[0]')" = "" ] || die "--state open listed an accepted request"
[ "$(db_count "select count(*) from audit_log where action like 'request.%'")" = 5 ] \
    || die "five writes, want five audit lines"
if sqlite3 giamsat.db "delete from explanation_step" 2> /dev/null; then die "delete allowed"; fi
if sqlite3 giamsat.db "update explanation_request set due_on = '2026-01-01'" 2> /dev/null; then
    die "update allowed"; fi
echo "request lifecycle as expected"
