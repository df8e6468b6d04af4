# Bad input: a clear message naming the file, a non-zero exit, the database unchanged.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
$G import "$SEEDS/002_d7ea618fb136404a.txt" >/dev/null
before=$(snapshot)
check() { # name, expected message part
    if $G import "$1" > out.txt 2> err.txt; then die "$1 was accepted"; fi
    grep -q "$2" err.txt || { cat err.txt; die "$1: message lacks '$2'"; }
    [ "$(snapshot)" = "$before" ] || die "$1 changed the database"
}
: > empty.csv
check empty.csv "empty"
printf 'T\352n nhi\352m v\371,C\241 quan ch\367 tr\354\nabc,def\n' > cp1258.csv
check cp1258.csv "không phải văn bản mã UTF-8"
head -c 2000 /dev/urandom > garbage.bin; printf '\000\001' >> garbage.bin
check garbage.bin "garbage.bin"
printf 'PK\003\004this is not really a zip file at all' > truncated.xlsx
check truncated.xlsx "Tệp “truncated.xlsx” không đọc được như một bảng tính Excel (.xlsx)"
printf 'TT,Đơn vị,Thời hạn\n1,Bộ Công an,Tháng 6/2025\n' > noname.csv
check noname.csv "không có cột tên nhiệm vụ"
printf 'Tên nhiệm vụ,Cơ quan chủ trì\nViệc A,Bộ Công an\n,Bộ Y tế\n' > reject.csv
check reject.csv "rejected"
$G import reject.csv --allow-partial --json > partial.json
expect_num partial.json tasks 1
grep -q '"line": 3' partial.json || die "rejected row line"
