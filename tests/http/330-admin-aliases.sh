# Quản trị: units and aliases — a name an import could not resolve is listed with its task,
# mapped to a unit (alias added, task re-linked, assignment created, audited); collisions are
# refused with 409; the next import resolves the name by itself; group rules are shown.
set -eu
start_server
cat > t.csv <<'CSV'
Mã,Tên nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn
H1,Chuyển đổi số ở sở mới,Sở Khoa học Hà Giang mới,Sở KH Hà Giang mới,Tháng 6/2026
H2,Việc thứ hai của sở mới,"Bộ Nội vụ, Sở Khoa học Hà Giang mới",,Tháng 9/2026
H3,Việc của bộ gõ sai,Bộ Nôi vu mới,,Tháng 9/2026
CSV
$GIAMSAT import t.csv --json > imported.json
task1=$(db_count "select id from task where code = 'H1'")
task2=$(db_count "select id from task where code = 'H2'")
[ "$(db_count "select count(*) from task_party where agency_id is null and group_id is null and text = 'Sở Khoa học Hà Giang mới'")" = 2 ] \
    || die "the unknown name is not stored unresolved"
login admin admin-pass-123 admin
tok=$(csrf admin /admin)
get /admin/aliases admin.html -b admin
well_formed admin.html
grep -q 'id="chua-xac-dinh"' admin.html || die "no unresolved section"
grep -q '<a href="/admin/aliases" aria-current="page">Tên chưa xác định</a>' admin.html \
    || die "the admin navigation does not mark the unresolved names page"
grep -q "<td>Sở Khoa học Hà Giang mới</td>" admin.html || die "unresolved name not listed"
grep -q "href=\"/tasks/$task1\"" admin.html || die "unresolved name without its task"
# Each name's unit list starts empty (nothing chosen by accident), then the nearest units.
tr '\n' ' ' < admin.html | sed 's/<tr>/\n<tr>/g' | grep '<td>Bộ Nôi vu mới</td>' > row.html
grep -q '<select id="map-[0-9]*-agency" name="agency"[^>]*required' row.html || die "the unit list is not required"
grep -o '<option[^>]*>[^<]*</option>' row.html | head -n 2 > first.txt
[ "$(sed -n 1p first.txt)" = '<option value="" selected="selected">— Chọn đơn vị —</option>' ] \
    || die "the unit list does not start empty: $(sed -n 1p first.txt)"
sed -n 2p first.txt | grep -q '>Bộ Nội vụ</option>' || die "nearest unit not offered first: $(cat first.txt)"
grep -q '<optgroup label="Gần giống nhất">.*<optgroup label="Các đơn vị khác">' row.html \
    || die "no nearest-first group"
[ "$(grep -o 'selected="selected"' row.html | wc -l)" = 1 ] || die "a unit is preselected"
get /admin/groups groups.html -b admin
grep -q "<td>Các tỉnh, thành phố</td>" groups.html || die "group rules not listed"
get /admin/units units.html -b admin
well_formed units.html
grep -q '<td>Bộ Công an</td>' units.html || die "units not listed"
grep -q '<label for="alias-alias">' units.html || die "alias field without a label"

tq=$(db_count "select id from agency where name = 'Tuyên Quang'")
bca=$(db_count "select id from agency where name = 'Bộ Công an'")
alias_post() { # agency, alias, more curl arguments: the status code, page in alias.html
    a=$1 n=$2
    shift 2
    curl -s -o alias.html -w '%{http_code}' -b admin --data-urlencode "csrf=$tok" \
        --data-urlencode "agency=$a" --data-urlencode "alias=$n" "$@" \
        "$URL/admin/aliases"
}
# Collisions: a name that already belongs to another unit, or to a group, is refused.
before=$(sqlite3 giamsat.db "select count(*) from agency_alias; select count(*) from audit_log")
[ "$(alias_post "$tq" "Bộ Công an")" = 409 ] || die "alias of another unit accepted"
well_formed alias.html
grep -q "đã là tên của đơn vị" alias.html || die "conflict message"
[ "$(alias_post "$tq" "bo cong an")" = 409 ] || die "alias differing only by diacritics accepted"
[ "$(alias_post "$bca" "Các tỉnh, thành phố")" = 409 ] || die "alias of a group accepted"
[ "$(alias_post "$tq" " ")" = 400 ] || die "blank alias accepted"
[ "$(alias_post 999999 "Sở mới")" = 404 ] || die "unknown unit accepted"
[ "$(sqlite3 giamsat.db "select count(*) from agency_alias; select count(*) from audit_log")" \
    = "$before" ] || die "a refused alias changed the database"
# A viewer or a unit account cannot map names.
login noivu noivu-pass-123 unit
t=$(db_count "select csrf from session s join app_user u on u.id = s.user_id where u.username = 'noivu'")
[ "$(status POST /admin/aliases -b unit --data-urlencode "csrf=$t" \
    --data "agency=$tq" --data-urlencode "alias=Sở Khoa học Hà Giang mới")" = 403 ] \
    || die "unit account mapped a name"

# Map the name: alias added, both tasks re-linked, lead assignments created, one audit line.
[ "$(alias_post "$tq" "Sở Khoa học Hà Giang mới" --data from=names)" = 200 ] \
    || die "map: $(head -c 300 alias.html)"
well_formed alias.html
grep -q '<a href="/admin/aliases">Quay lại</a>' alias.html || die "no way back to the unresolved names"
grep -q '<strong id="linked">2</strong>' alias.html || die "linked count"
[ "$(db_count "select count(*) from agency_alias where agency_id = $tq and alias = 'Sở Khoa học Hà Giang mới'")" = 1 ] \
    || die "alias not stored"
[ "$(db_count "select count(*) from task_party where text = 'Sở Khoa học Hà Giang mới' and agency_id = $tq")" = 2 ] \
    || die "parties not re-linked"
[ "$(db_count "select count(*) from assignment where agency_id = $tq and task_id in ($task1, $task2)")" = 2 ] \
    || die "assignments not created"
[ "$(db_count "select count(*) from assignment where task_id = $task2")" = 2 ] \
    || die "the other lead unit of task 2 lost"
[ "$(db_count "select count(*) from audit_log where action = 'alias.add' and entity = 'agency' and entity_id = $tq and actor = 'admin'")" = 1 ] \
    || die "no audit line for the alias"
db_count "select after from audit_log where action = 'alias.add'" | grep -q 'linked: 2' \
    || die "audit line lacks the links"
# Mapping the same name again changes nothing but is not an error.
[ "$(alias_post "$tq" "Sở Khoa học Hà Giang mới")" = 200 ] || die "map again"
grep -q '<strong id="linked">0</strong>' alias.html || die "second map linked again"
[ "$(db_count "select count(*) from agency_alias where agency_id = $tq and alias = 'Sở Khoa học Hà Giang mới'")" = 1 ] \
    || die "alias stored twice"
# The coordinating name differs: still unresolved, still listed.
get /admin/aliases admin2.html -b admin
sed 's/.*id="chua-xac-dinh"//; s/<\/section>.*//' admin2.html > unresolved.html
grep -q "<td>Sở KH Hà Giang mới</td>" unresolved.html || die "other unresolved name gone"
if grep -q "<td>Sở Khoa học Hà Giang mới</td>" unresolved.html; then die "mapped name still listed"; fi
get /admin/units units2.html -b admin
grep -q "Sở Khoa học Hà Giang mới" units2.html || die "alias not shown with its unit"

# The next import (command line or web) resolves the name by itself.
$GIAMSAT import t.csv --json > again.json
if grep -q '"name": "Sở Khoa học Hà Giang mới"' again.json; then die "name still unresolved"; fi
[ "$(db_count "select count(*) from assignment where agency_id = $tq and task_id in ($task1, $task2) and removed_import_id is null")" = 2 ] \
    || die "re-import lost the assignments"
get /admin/audit audit.html -b admin
well_formed audit.html
grep -q 'đã thêm tên gọi khác “' audit.html || die "audit page lacks alias.add"
