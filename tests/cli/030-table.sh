# Tabular import: headers as written, several documents per task, one record per document.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
cat > t.csv <<'CSV'
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Cơ quan phối hợp;Sản phẩm;Thời hạn hoàn thành;Lĩnh vực;Mã cha;Nhắc lại
1;A1;Triển khai nền tảng số;"Chỉ thị số 07/CT-TTg ngày 14/3/2025; Nghị quyết 03/NQ-CP ngày 09/01/2025";Bộ KH&CN;Các bộ, ngành;Nền tảng;Quý II/2025;Hạ tầng số;;
2;A2;Báo cáo kết quả;Công điện số 103 ngày 30/6/2025;Bộ Thông tin và Truyền thông, UBND tỉnh Bình Dương;;Báo cáo;Thường xuyên;;;
3;A3;Nhắc lại việc báo cáo;Công điện 103/CĐ-TTg ngày 30/6/2025;Bộ Tài chính;;Báo cáo;Khi có yêu cầu;;;A2
CSV
$G import t.csv --json > t.json
expect_num t.json tasks 3
expect_num t.json no_due_date 1
[ "$(db_count "select count(*) from document where kind = 'Công điện'")" = 1 ] \
    || die "Công điện 103 stored twice"
$G documents --format json | grep -q "Công điện số 103/CĐ-TTg ngày 30/6/2025" || die "doc name"
$G tasks --search "nen tang so" --format json > a1.json
grep -q "Chỉ thị số 07/CT-TTg ngày 14/3/2025" a1.json || die "first document"
grep -q "Nghị quyết số 03/NQ-CP ngày 09/01/2025" a1.json || die "second document"
grep -q '"due": "2025-06-30"' a1.json || die "quarter deadline"
$G tasks --search "bao cao ket qua" --format json > a2.json
grep -q '"Thành phố Hồ Chí Minh"' a2.json || die "Bình Dương -> TP HCM"
grep -q '"recurring": true' a2.json || die recurring
[ "$(db_count 'select count(*) from task where repeat_of_id is not null')" = 1 ] || die repeat
$G import t.csv --dry-run > /dev/null
$G import t.csv > /dev/null
[ "$(db_count 'select count(*) from task')" = 3 ] || die "re-import duplicated"
