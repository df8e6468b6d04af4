# The real documents import with the counts of issue #2, and re-import adds nothing.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
$G init >/dev/null
$G import "$SEEDS/001_523cb3a39135c550.txt" --json > 001.json
expect_num 001.json tasks 189
expect_num 001.json subtasks 140
expect_num 001.json groups 3
expect_num 001.json counted 326
expect_num 001.json indicators 54
expect_num 001.json documents 1
grep -q '"unresolved": \[\]' 001.json || die "seed 001 has unresolved names"
grep -q '"rejected": \[\]' 001.json || die "seed 001 has rejected rows"
$G import "$SEEDS/002_d7ea618fb136404a.txt" --json > 002.json
expect_num 002.json tasks 99
expect_num 002.json counted 99
grep -q '"unresolved": \[\]' 002.json || die "seed 002 has unresolved names"
[ "$(db_count "select count(distinct field) from task where origin_key like 'title|%'")" = 9 ] \
    || die "plan fields"
before=$(snapshot)
tasks=$(db_count 'select count(*) from task')
$G import "$SEEDS/001_523cb3a39135c550.txt" --json > again.json
$G import "$SEEDS/002_d7ea618fb136404a.txt" >/dev/null
[ "$(db_count 'select count(*) from task')" = "$tasks" ] || die "re-import duplicated tasks"
[ "$(db_count 'select count(*) from task_history')" = 0 ] || die "re-import changed tasks"
# Indicators: 41 + 13 sub-indicators, two horizons.
[ "$(db_count 'select count(*) from indicator where horizon = 2045')" = 6 ] || die "2045 horizon"
# The programme document is detected from the file.
$G documents --format json | grep -q '"name": "Nghị quyết số 71/NQ-CP ngày 01/4/2025"' \
    || die "document 71/NQ-CP not detected"
# Old ministry names resolve to their successor, the original kept.
[ "$(db_count "select count(*) from assignment s join agency a on a.id = s.agency_id \
    where a.name = 'Bộ Thông tin và Truyền thông'")" = 0 ] || die "merged ministry got tasks"
db_count "select named_as from assignment where named_as like 'Bộ Thông tin%' limit 1" \
    | grep -q "Bộ Thông tin và Truyền thông" || die "original name not kept"
# Searching ignores case and diacritics; both tone placements match.
$G tasks --search "bo cong an" --format json | grep -q "Bộ Công an" || die "search bo cong an"
$G tasks --agency "bo cong an" --format json > bca.json
grep -q '"Bộ Công an"' bca.json || die "--agency bo cong an"
n_bca=$(grep -c '"id":' bca.json)
[ "$n_bca" -gt 30 ] || die "--agency found only $n_bca tasks"
$G tasks --agency "BCA" --format json | grep -c '"id":' | grep -qx "$n_bca" || die "alias BCA"
# A group expression shows the units it became.
id=$($G tasks --search "cu the hoa nhiem vu chuyen doi so" --format json \
    | sed -n 's/^ *"id": \([0-9]*\),$/\1/p' | head -n 1)
$G task "$id" > task.txt
grep -q "Các bộ, ngành, địa phương" task.txt || die "group not shown"
grep -q "Nghệ An" task.txt || die "group members not shown"
$G agencies --format json | grep -q '"successor": "Bộ Khoa học và Công nghệ"' || die successor
$G tasks --format csv | head -n 1 | grep -q '^id,tt,name' || die csv
