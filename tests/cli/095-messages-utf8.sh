# Messages that shorten a name never cut a UTF-8 character in two (issue #11): every
# rejected row keeps its reason in --json, and the output is valid UTF-8.
set -eu
. "$(dirname "$0")/lib.sh"
export GIAMSAT_TODAY=2025-12-24
$GIAMSAT demo > /dev/null
long=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "ộ" }')
{
    echo "Tên nhiệm vụ;Đơn vị;Kết quả;Ngày báo cáo"
    echo "$long;Bộ Nội vụ;Đã trình;15/12/2025"
    echo "x$long;Bộ Nội vụ;Đã trình;15/12/2025"
    echo "xy$long;Bộ Nội vụ;Đã trình;15/12/2025"
} > long.csv
rc=0
$GIAMSAT import long.csv --format progress --dry-run --json > out.json 2> err.txt || rc=$?
iconv -f UTF-8 -t UTF-8 out.json > /dev/null || die "the --json output is not valid UTF-8"
iconv -f UTF-8 -t UTF-8 err.txt > /dev/null || die "the message is not valid UTF-8"
n=$(jget out.json '$.rejected' | grep -o '"reason"' | wc -l)
[ "$n" = 3 ] || die "$n of 3 rejected rows have a reason: $(cat out.json)"
[ "$rc" -ne 0 ] || true
# A long name shortened in a command-line error too.
if $GIAMSAT progress add --task "$long" --unit "Bộ Nội vụ" --date 2025-12-15 2> err2.txt; then
    die "a task id made of letters was accepted"
fi
iconv -f UTF-8 -t UTF-8 err2.txt > /dev/null || die "progress add: message not valid UTF-8"
