# The report as the office sends it (issue #14): document sets, a repeated --document, the
# office's wording and numbers, the units' table by khối, the units' issues and the stale
# assignments. Nine tasks of three documents, as of D = 24/12/2025 (D2 = 31/12/2025):
#   D1 Thông báo 01-TB/BCĐTW 22/01/2025: A1 Ban Tuyên giáo và Dân vận TW, 10/2025 -> overdue
#      A2 Bộ Nội vụ 12/2025 -> in progress, due by D2; A3 Bộ Tài chính 6/2025 done 20/6 on time
#   D2 Thông báo 03-TB/BCĐTW 06/3/2025: B1 Thành phố Hà Nội 11/2025 -> overdue; B2 Văn phòng
#      Quốc hội recurring; B3 Bộ Y tế 9/2025 done 05/10 late; B4 TW Hội Nông dân 12/2025 -> due by D2
#   D3 Chỉ thị 07/CT-TTg 14/3/2025: C1 Bộ Công an 12/2025 -> due by D2; C2 Bộ Y tế 8/2025 -> overdue
# All: 1 on time, 1 late, 3 in progress, 1 recurring, 3 overdue = 9; done 2/9 = 22.2%,
# on track 4/9 = 44.4%, overdue 3/9 = 33.3%: rounded half up 22 + 44 + 33 = 99, so the
# largest remainder (44.4) gets the missing point: 22 / 45 / 33.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2026-01-15
T1="Thông báo số 01-TB/BCĐTW ngày 22/01/2025"
T3="Thông báo số 03-TB/BCĐTW ngày 06/3/2025"
CT="Chỉ thị số 07/CT-TTg ngày 14/3/2025"
cat > t.csv <<CSV
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Thời hạn hoàn thành;Lĩnh vực
1;A1;Kế hoạch thực hiện Nghị quyết;$T1;Ban Tuyên giáo và Dân vận Trung ương;Tháng 10/2025;Thể chế
2;A2;Cơ chế thu hút nhân tài;$T1;Bộ Nội vụ;Tháng 12/2025;Thể chế
3;A3;Bố trí ngân sách;$T1;Bộ Tài chính;Tháng 6/2025;Hạ tầng số
4;B1;Trung tâm dữ liệu thành phố;$T3;Thành phố Hà Nội;Tháng 11/2025;Nhân lực
5;B2;Giám sát thực hiện;$T3;Văn phòng Quốc hội;Thường xuyên;Thể chế
6;B3;Hồ sơ sức khỏe điện tử;$T3;Bộ Y tế;Tháng 9/2025;Hạ tầng số
7;B4;Đào tạo nông dân số;$T3;Trung ương Hội Nông dân Việt Nam;Tháng 12/2025;Nhân lực
8;C1;Định danh điện tử;$CT;Bộ Công an;Tháng 12/2025;Thể chế
9;C2;Bệnh án điện tử;$CT;Bộ Y tế;Tháng 8/2025;Thể chế
CSV
$G import t.csv > /dev/null
p() { $G progress add "$@" > /dev/null; }
p --code A3 --unit "Bộ Tài chính" --date 25/06/2025 --done --completed-on 20/06/2025 \
    --output "Quyết định số 1/QĐ-BTC ngày 20/6/2025" --issues "Đã xử lý xong"
p --code B3 --unit "Bộ Y tế" --date 06/10/2025 --done --completed-on 05/10/2025 \
    --output "Quyết định số 2/QĐ-BYT ngày 05/10/2025"
# A2: last report 09/11 = 45 days before D; B4: issues on 08/11, a later report without;
# C1: two reports with issues, the later one counts.
p --code A2 --unit "Bộ Nội vụ" --date 09/11/2025 --result "Đang dự thảo" --issues "Chờ ý kiến Bộ Tư pháp"
p --code B4 --unit "Trung ương Hội Nông dân Việt Nam" --date 08/11/2025 --result "Đang làm" \
    --issues "Thiếu kinh phí"
p --code B4 --unit "Trung ương Hội Nông dân Việt Nam" --date 20/11/2025 --result "Đã mở 3 lớp"
p --code C1 --unit "Bộ Công an" --date 10/12/2025 --result "Đang làm" --issues "Đề nghị gia hạn"
p --code C1 --unit "Bộ Công an" --date 15/12/2025 --result "Đang làm" \
    --issues "Đề nghị gia hạn đến quý I/2026"

# ---- document sets: a rule (issuer + kind) and a list; audited; refused ones change nothing.
before=$(snapshot)
if $G sets add "Trống" --issuer XYZ 2> e1.txt; then die "a set matching no document accepted"; fi
if $G sets add "Cả hai" --issuer BCĐTW --document "$CT" 2> e2.txt; then
    die "a rule and a list together accepted"; fi
if $G sets add "Không gì" 2> e3.txt; then die "a set without rule or list accepted"; fi
[ "$(snapshot)" = "$before" ] || die "a refused set changed the database"
$G sets add "Ban Chỉ đạo Trung ương" --issuer bcdtw --kind "thông báo" > /dev/null
$G sets add "Hai văn bản" --document "Thông báo 01-TB/BCĐTW" --document "$CT" > /dev/null
if $G sets add "ban chỉ đạo trung ương" --kind "Chỉ thị" 2> e4.txt; then die "a taken name accepted"; fi
$G sets list --format json > sets.json
expect_json sets.json '$[0].name' "Ban Chỉ đạo Trung ương"
expect_json sets.json '$[0].issuer' "bcdtw"
expect_json sets.json '$[0].documents[0]' "$T1"
expect_json sets.json '$[0].documents[1]' "$T3"
expect_json sets.json '$[0].documents[2]' ""
expect_json sets.json '$[1].documents[1]' "$CT"
[ "$(db_count "select count(*) from audit_log where action = 'document_set.add'")" = 2 ] \
    || die "two sets added, want two audit lines"

# ---- a set of two documents equals the sum of its documents, and --document twice.
$G report --as-of 2025-12-24 --document "$T1" --format json > d1.json
$G report --as-of 2025-12-24 --document "$T3" --format json > d3.json
$G report --as-of 2025-12-24 --document "$T1" --document "$T3" --format json > u.json
$G report --as-of 2025-12-24 --set "Ban Chỉ đạo Trung ương" --set "Hai văn bản" --format json > s.json
for k in total done_on_time done_late in_progress recurring overdue; do
    sum=$(( $(jget d1.json "\$.tasks.$k") + $(jget d3.json "\$.tasks.$k") ))
    expect_json u.json "\$.tasks.$k" "$sum"
    expect_json s.json "\$.sets[0].tasks.$k" "$sum"
done
expect_json u.json '$.tasks.total' 7
expect_json u.json '$.tasks.overdue' 2
expect_json u.json '$.documents[1]' "$T3"
expect_json s.json '$.sets[0].name' "Ban Chỉ đạo Trung ương"
expect_json s.json '$.sets[0].documents[1]' "$T3"
expect_json s.json '$.sets[1].tasks.total' 5
expect_json s.json '$.sets[1].tasks.overdue' 2
# The report itself stays the whole programme, every existing field kept.
expect_json s.json '$.tasks.total' 9
expect_json s.json '$.reconciled' 1
for key in as_of due_by tasks assignments by_document overdue due_soon by_agency by_field checks; do
    [ "$(jget s.json "\$.$key")" != "" ] || die "field $key missing"
done
if $G report --as-of 2025-12-24 --set "Không có" 2> e5.txt > /dev/null; then die "an unknown set"; fi
# The percentages of the headline sum to 100 (largest remainder): 22 / 45 / 33.
expect_json s.json '$.tasks.percent.done' 22
expect_json s.json '$.tasks.percent.in_progress_on_time' 45
expect_json s.json '$.tasks.percent.overdue' 33

# ---- what units say: the latest issues of each assignment not done, in task order.
expect_json s.json '$.issues_raised[0].unit' "Bộ Nội vụ"
expect_json s.json '$.issues_raised[0].date' 2025-11-09
expect_json s.json '$.issues_raised[1].issues' "Thiếu kinh phí"
expect_json s.json '$.issues_raised[1].date' 2025-11-08
expect_json s.json '$.issues_raised[2].issues' "Đề nghị gia hạn đến quý I/2026"
expect_json s.json '$.issues_raised[3]' ""
# Stale at the edge: A2's last report is exactly 45 days old: not stale at 45, stale at 44.
expect_json s.json '$.stale_after' 45
expect_json s.json '$.stale[0].unit' "Ban Tuyên giáo và Dân vận Trung ương"
expect_json s.json '$.stale[0].days' 336
expect_json s.json '$.stale[0].last_report' ""
expect_json s.json '$.stale[0].since' 2025-01-22
expect_json s.json '$.stale[3].days' 285
expect_json s.json '$.stale[4]' ""
$G report --as-of 2025-12-24 --stale-after 44 --format json > s44.json
expect_json s44.json '$.stale[4].unit' "Bộ Nội vụ"
expect_json s44.json '$.stale[4].days' 45
expect_json s44.json '$.stale[4].last_report' 2025-11-09
if $G report --as-of 2025-12-24 --stale-after -1 > /dev/null 2>&1; then die "--stale-after -1"; fi

# ---- the document's meeting and summary, in its paragraph.
if $G document set "$T3" --meeting-date 31/02/2025 2> e6.txt; then die "a bad meeting date"; fi
$G document set "$T3" --meeting "Phiên họp thứ hai của Ban Chỉ đạo" --meeting-date 04/03/2025 \
    --summary "Các yêu cầu cốt lõi tập trung vào tháo gỡ thể chế." > /dev/null
[ "$(db_count "select count(*) from audit_log where action = 'document.set'")" = 1 ] \
    || die "document set not audited"
$G report --as-of 2025-12-24 --format md --section van_ban > vb.md
grep -qF "Tại Phiên họp thứ hai của Ban Chỉ đạo, ngày 04/03/2025, đã giao 04 nhiệm vụ." vb.md \
    || die "meeting sentence: $(cat vb.md)"
grep -qF "Các yêu cầu cốt lõi tập trung vào tháo gỡ thể chế." vb.md || die "summary"
grep -qF "Hiện đã có 01/4 nhiệm vụ hoàn thành (0 đúng hạn; 1 quá hạn); 01 nhiệm vụ đang thực hiện trong hạn; 01 nhiệm vụ thường xuyên; 01/4 nhiệm vụ đang thực hiện quá hạn." vb.md \
    || die "counts sentence: $(cat vb.md)"

# ---- the headline and the concentration sentences.
$G report --as-of 2025-12-24 --format md --section tong_hop > th.md
grep -qF "Theo số liệu trên hệ thống, tổng số nhiệm vụ giao từ đầu năm đến ngày 24/12/2025 là 9, trong đó: 02 nhiệm vụ đã hoàn thành (chiếm 22%), gồm 01 hoàn thành đúng hạn, 01 hoàn thành quá hạn; đang thực hiện đúng hạn 04 nhiệm vụ (chiếm 45%)" th.md \
    || die "headline: $(cat th.md)"
grep -qF "quá hạn chưa hoàn thành 03 nhiệm vụ (chiếm 33%)." th.md || die "headline overdue"
grep -qF "Trong 7 nhiệm vụ chưa hoàn thành có lĩnh vực, 5 nhiệm vụ tập trung ở lĩnh vực Thể chế (5)." th.md \
    || die "concentration of the tasks not done: $(cat th.md)"
grep -qF "Trong 3 nhiệm vụ quá hạn chưa hoàn thành có lĩnh vực, 2 nhiệm vụ tập trung ở lĩnh vực Thể chế (2)." th.md \
    || die "concentration of the overdue tasks"

# ---- the units' table: only units with something to report, by khối (Đảng, Quốc hội,
# bộ/ngành, đoàn thể, địa phương), more overdue first, then more due, then by name.
$G report --as-of 2025-12-24 --format csv --section don_vi > dv.csv
grep '^[0-9]' dv.csv | cut -d, -f1-4 > order.txt
cat > want.txt <<'TXT'
1,Ban Tuyên giáo và Dân vận Trung ương,1,0
2,Bộ Y tế,1,0
3,Bộ Công an,0,1
4,Bộ Nội vụ,0,1
5,Trung ương Hội Nông dân Việt Nam,0,1
6,Thành phố Hà Nội,1,0
TXT
diff want.txt order.txt > /dev/null || die "units' table: $(diff want.txt order.txt)"
# The full table and the ranking are in the annex.
$G report --as-of 2025-12-24 --format csv --section phu_luc_don_vi > pl.csv
grep -q "Văn phòng Quốc hội" pl.csv || die "the annex lists every unit"
grep -q "Bộ Tài chính" pl.csv || die "the annex lists a unit with nothing to report"

# ---- the same content in every format.
$G report --as-of 2025-12-24 --set "Ban Chỉ đạo Trung ương" --format md > all.md
grep -qF "Nhóm văn bản: Ban Chỉ đạo Trung ương" all.md || die "md set part"
grep -qF "Tổng số đã giao 7 nhiệm vụ cho 7 đơn vị. Trong 7 nhiệm vụ có: 02 nhiệm vụ đã hoàn thành" all.md \
    || die "set summary: $(grep -F 'Tổng số đã giao' all.md)"
grep -qF "Thiếu kinh phí" all.md || die "md issues"
grep -qF "Giao việc chưa được báo cáo quá 45 ngày" all.md || die "md stale"
$G report --as-of 2025-12-24 --set "Ban Chỉ đạo Trung ương" --format html -o all.html
"$OOXML_CHECK" --xml all.html > /dev/null || die "html is not well-formed"
grep -qF "Thiếu kinh phí" all.html || die "html issues"
$G report --as-of 2025-12-24 --set "Ban Chỉ đạo Trung ương" --format docx -o all.docx
"$OOXML_CHECK" --text all.docx > docx.txt || die "docx does not open"
grep -qF "Nhóm văn bản: Ban Chỉ đạo Trung ương" docx.txt || die "docx set part"
grep -qF "Đề nghị gia hạn đến quý I/2026" docx.txt || die "docx issues"
$G report --as-of 2025-12-24 --set "Ban Chỉ đạo Trung ương" --format xlsx -o all.xlsx
"$OOXML_CHECK" --text all.xlsx > xlsx.txt || die "xlsx does not open"
grep -qF "Thiếu kinh phí" xlsx.txt || die "xlsx issues"

# ---- removing a set: audited, then unknown.
$G sets remove "Hai văn bản"
[ "$(db_count "select count(*) from document_set")" = 1 ] || die "set not removed"
[ "$(db_count "select count(*) from audit_log where action = 'document_set.remove'")" = 1 ] \
    || die "removal not audited"
if $G sets remove "Hai văn bản" 2> /dev/null; then die "removed twice"; fi
echo "report sets, wording, units' table, issues and stale flags as expected"
