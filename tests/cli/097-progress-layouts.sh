# Progress tables as ministries lay them out (issue #11): recognised by what they hold (a
# result, next-period or obstacles column beside a task column), with or without a date
# column; the report date from --date, a date column or the result header; the reporting
# unit from --unit, with the copied "Cơ quan chủ trì" kept as what it is; heading, part,
# section and group rows skipped and counted; task tables are not taken for progress.
set -eu
. "$(dirname "$0")/lib.sh"
export GIAMSAT_TODAY=2025-12-24
$GIAMSAT demo > /dev/null
name() { db_count "select name from task where id = $1"; }
N3=$(name 3) N6=$(name 6) N7=$(name 7)
reports() { db_count 'select count(*) from progress_report'; }
tasks() { db_count 'select count(*) from task'; }
T0=$(tasks)

# The ministry's layout: no date column, the date in the result header; Roman-numeral and
# part headings; a group-led task whose lead cell was copied from the programme.
cat > bnv.csv << CSV
TT;Tên nhiệm vụ;Cơ quan chủ trì;Kết quả yêu cầu;Thời hạn hoàn thành;Kết quả (đến ngày 10/11/2025);Dự kiến kết quả đến tháng 12/2025;Vướng mắc, kiến nghị
I;NHIỆM VỤ TRỌNG TÂM;;;;;;
1. NHIỆM VỤ RIÊNG;;;;;;;
1;"$N3";Bộ Nội vụ;Kế hoạch;Năm 2025;Đã ban hành Kế hoạch;Triển khai;Không
2. NHÓM NHIỆM VỤ CHUNG CỦA CÁC BỘ, NGÀNH;;;;;;;
2;"$N6";Các bộ, ngành, địa phương;Báo cáo;Hằng năm;Đã đưa vào kế hoạch công tác năm;Tiếp tục;
3;"$N7";Các bộ, ngành, địa phương;Báo cáo;Hằng năm;;;
CSV
# Without --unit the copied group cell is no reporting unit: that row is refused, by name.
rc=0
$GIAMSAT import bnv.csv --dry-run --json > a.json 2> a.err || rc=$?
[ "$rc" != 0 ] || die "a group named as the reporting unit was accepted"
expect_json a.json '$.progress' 2
expect_json a.json '$.skipped_headings' 4
grep -q "nhóm" a.err || die "the refusal does not say the unit is a group: $(cat a.err)"
# With --unit: both reports, dated from the header, for Bộ Nội vụ; headings and the row
# that reports nothing skipped; no task created.
$GIAMSAT import bnv.csv --unit "Bộ Nội vụ" --json > b.json || die "import with --unit failed"
expect_json b.json '$.added' 2
expect_json b.json '$.skipped_headings' 4
expect_json b.json '$.skipped[0].line' 2
expect_json b.json '$.skipped[0].text' 'I · NHIỆM VỤ TRỌNG TÂM'
expect_json b.json '$.skipped[1].text' '1. NHIỆM VỤ RIÊNG' 
[ "$(tasks)" = "$T0" ] || die "a progress table created tasks"
[ "$(db_count "select count(*) from progress_report where reported_on = '2025-11-10'
    and result like 'Đã %'")" = 2 ] || die "the reports do not carry the header's date"
orig=$(db_count "select original from progress_report where result = 'Đã đưa vào kế hoạch công tác năm'")
case $orig in *"Cơ quan chủ trì (theo bảng): Các bộ, ngành, địa phương"*) ;;
*) die "the copied lead cell is not kept as written: $orig" ;; esac
# The copied lead agrees with the tasks: no warning. A row whose copied lead is a unit
# that does not lead its task is kept, with a warning naming the line and the unit.
expect_json b.json '$.warnings' '[]'
sed 's/^1;\(.*\);Bộ Nội vụ;Kế hoạch/1;\1;Tòa án nhân dân tối cao;Kế hoạch/' bnv.csv > lead.csv
$GIAMSAT import lead.csv --unit "Bộ Nội vụ" --date 12/11/2025 --dry-run --json > w.json 2> w.err \
    || die "a lead mismatch was refused"
expect_json w.json '$.added' 2
expect_json w.json '$.warnings[0].line' 4
case $(jget w.json '$.warnings[0].reason') in *"Tòa án nhân dân tối cao"*) ;;
*) die "the warning does not name the copied lead: $(cat w.json)" ;; esac
grep -q "lead.csv dòng 4: cảnh báo: .*Tòa án nhân dân tối cao" w.err || die "no warning on stderr: $(cat w.err)"
# A name that matches nothing, in a section whose numbering agrees with the programme's
# (two rows with exact names carry their tasks' TT), is its TT's task in that section.

cat > tt.csv << CSV
TT;Tên nhiệm vụ;Kết quả (đến ngày 15/11/2025)
I;NHIỆM VỤ TRỌNG TÂM;
3;"$N3";Theo TT 1
7;"$N7";Theo TT 2
6;Nhiệm vụ số 6 theo cách Bộ gọi;Theo TT 3
CSV
$GIAMSAT import tt.csv --unit "Bộ Nội vụ" --dry-run --json > tt.json || die "TT matching: $(cat tt.json)"
expect_json tt.json '$.matched_by_tt' 1
expect_json tt.json '$.tt_matches[0].line' 5
expect_json tt.json '$.tt_matches[0].task' 6
expect_json tt.json '$.added' 3
$GIAMSAT import tt.csv --unit "Bộ Nội vụ" > /dev/null
[ "$(db_count "select a.task_id from progress_report p join assignment a on a.id = p.assignment_id
    where p.result = 'Theo TT 3'")" = 6 ] || die "the row was not taken for task 6 by its TT"
# A section whose numbering is not the programme's (one TT off) is not read by TT.
sed 's/^7;/9;/; s/Theo TT/Lệch TT/' tt.csv > tt2.csv
$GIAMSAT import tt2.csv --unit "Bộ Nội vụ" --dry-run --json > tt2.json 2>/dev/null && die "a disagreeing TT was used"
expect_json tt2.json '$.matched_by_tt' 0
# --unit must name a unit.
if $GIAMSAT import bnv.csv --unit "Bộ Không Có" --dry-run 2> c.err; then die "unknown --unit accepted"; fi
grep -q "Bộ Không Có" c.err || die "no message for an unknown --unit"

# No date anywhere: refused with a message asking for --date; --date gives it.
sed 's/Kết quả (đến ngày 10\/11\/2025)/Kết quả thực hiện/' bnv.csv > nodate.csv
before=$(snapshot)
if $GIAMSAT import nodate.csv --unit "Bộ Nội vụ" 2> d.err; then die "a table with no date accepted"; fi
grep -q -- "--date" d.err || die "the message does not ask for --date: $(cat d.err)"
[ "$(snapshot)" = "$before" ] || die "a refused table changed the database"
$GIAMSAT import nodate.csv --unit "Bộ Nội vụ" --date 20/11/2025 --dry-run --json > e.json \
    || die "--date did not supply the date"
expect_json e.json '$.added' 2
# A row that names its task but reports nothing is skipped, never an empty report.
printf 'id;Đơn vị;Kết quả (đến ngày 10/11/2025);Vướng mắc, kiến nghị\n3;Bộ Nội vụ;;\n6;Bộ Nội vụ;Đã rà soát;\n' > blank.csv
$GIAMSAT import blank.csv --dry-run --json > bl.json || die "a table with a blank row"
expect_json bl.json '$.added' 1
expect_json bl.json '$.skipped_headings' 1
# No unit column: --unit is asked for.
printf 'Mã số;Tên nhiệm vụ;Kết quả thực hiện;Ngày báo cáo\n;"%s";Đang triển khai tiếp;15/12/2025\n' "$N3" > nounit.csv
if $GIAMSAT import nounit.csv --dry-run 2> u.err; then die "a table with no unit accepted"; fi
grep -q -- "--unit" u.err || die "the message does not ask for --unit: $(cat u.err)"
$GIAMSAT import nounit.csv --unit "Bộ Nội vụ" --dry-run > /dev/null || die "--unit did not supply the unit"
# A date column is read when there is no --date.
printf 'Mã số;Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n;"%s";Bộ Nội vụ;Đang triển khai tiếp;15/12/2025\n' "$N3" > dated.csv
$GIAMSAT import dated.csv --dry-run --json > f.json || die "a table with a date column"
expect_json f.json '$.added' 1

# Names written differently from the programme still name their task: straight quotes for
# curly ones, "..." for "…", no final ".", a ":" instead, case and doubled spaces.
alt3=$(printf '%s' "$N3" | sed 's/“/"/g; s/”/"/g; s/\.$//; s/Xây dựng/XÂY  DỰNG/')
alt6=$(printf '%s' "$N6" | sed 's/\.$/:/')
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n"%s";Bộ Nội vụ;Khớp tên 1;16/12/2025\n"%s";Bộ Nội vụ;Khớp tên 2;16/12/2025\n' \
    "$(printf '%s' "$alt3" | sed 's/"/""/g')" "$alt6" > names.csv
$GIAMSAT import names.csv --json > n.json || die "names written differently were not matched: $(cat n.json)"
expect_json n.json '$.added' 2
[ "$(db_count "select a.task_id from progress_report p join assignment a on a.id = p.assignment_id
    where p.result = 'Khớp tên 1'")" = 3 ] || die "the first name matched the wrong task"
# A name one word short and one letter off matches nothing exactly: the closest task is a
# suggestion with its score and the runner-up, refused unless --accept-suggestions, and
# taken then only because it is well ahead; a name near nothing lists the nearest three.
near3=$(printf '%s' "$N3" | sed 's/thường xuyên, //; s/phổ cập/phổ cạp/; s/"/""/g')
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n"%s";Bộ Nội vụ;Gần đúng;17/12/2025\n' "$near3" > near.csv
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\nViệc không có trong chương trình nào;Bộ Nội vụ;Không khớp;17/12/2025\n' > far.csv
before=$(snapshot)
rc=0
$GIAMSAT import near.csv --json > s1.json 2> s1.err || rc=$?
[ "$rc" != 0 ] || die "a near name was taken without --accept-suggestions"
[ "$(snapshot)" = "$before" ] || die "a refused suggestion wrote something"
expect_json s1.json '$.suggestions[0].task' 3
expect_json s1.json '$.suggestions[0].accepted' 0
awk "BEGIN { exit !($(jget s1.json '$.suggestions[0].score') >= 0.85 &&
    $(jget s1.json '$.suggestions[0].runner_up') < 0.85) }" || die "scores: $(cat s1.json)"
grep -q "accept-suggestions" s1.err || die "the refusal does not say how to accept: $(cat s1.err)"
$GIAMSAT import near.csv --accept-suggestions --json > s2.json || die "--accept-suggestions refused"
expect_json s2.json '$.added' 1
expect_json s2.json '$.suggestions[0].accepted' 1
[ "$(db_count "select a.task_id from progress_report p join assignment a on a.id = p.assignment_id
    where p.result = 'Gần đúng'")" = 3 ] || die "the suggestion went to the wrong task"
rc=0
$GIAMSAT import far.csv --accept-suggestions --json > s3.json 2> s3.err || rc=$?
[ "$rc" != 0 ] || die "a name near nothing was taken"
expect_json s3.json '$.suggestions[0].accepted' 0
[ "$(grep -o 'số [0-9]* “' s3.err | wc -l)" -ge 3 ] || die "the nearest three are not named: $(cat s3.err)"
# Completions stated in words are proposed, and recorded as completions (with the document
# the result names) only when confirmed with --accept-completions.
N9=$(name 9)
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n"%s";Bộ Nội vụ;Đã ban hành Quyết định số 1234/QĐ-BNV ngày 05/12/2025;18/12/2025\n' "$N9" > done.csv
$GIAMSAT import done.csv --dry-run --json > k1.json || die "dry run of a stated completion"
expect_json k1.json '$.completions_proposed' 1
expect_json k1.json '$.completions' 0
$GIAMSAT import done.csv --accept-completions --json > k2.json || die "--accept-completions"
expect_json k2.json '$.completions' 1
[ "$(db_count "select kind || ' ' || completed_on || ' ' || output_number from progress_report
    where result like 'Đã ban hành Quyết định số 1234%'")" = "done 2025-12-18 1234/QĐ-BNV" ] \
    || die "the confirmed completion was not recorded with its document"
# A task table whose first task begins "Hoàn thành ..." is a task table, not progress.
printf 'TT;Tên nhiệm vụ;Cơ quan chủ trì;Thời hạn\n1;Hoàn thành việc sắp xếp, tinh gọn tổ chức bộ máy các cơ quan, đơn vị trực thuộc;Bộ Nội vụ;Quý IV/2025\n2;Xây dựng cơ sở dữ liệu cán bộ, công chức;Bộ Nội vụ;Năm 2026\n' > tasks.csv
$GIAMSAT import tasks.csv --dry-run --json > g.json || die "the task table was refused: $(cat g.json)"
expect_json g.json '$.tasks' 2
# ... and so is a task table with a plain "Kết quả" (its expected output).
printf 'TT;Mã;Tên nhiệm vụ;Cơ quan chủ trì;Kết quả;Thời hạn\n1;X1;Xây dựng cổng dữ liệu;Bộ Nội vụ;Cổng dữ liệu;Năm 2026\n' > tasks2.csv
$GIAMSAT import tasks2.csv --dry-run --json > h.json || die "the second task table was refused"
expect_json h.json '$.tasks' 1
