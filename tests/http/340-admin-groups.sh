# Group rules are data an administrator edits: saving a rule re-expands every task the group
# leads (new members assigned; leaving members lose the assignment, their reports kept),
# audited; a bad rule is refused with nothing changed; only administrators may do it.
set -eu
start_server
login admin admin-pass-123 jar
login xem xem-pass-123 viewer
g=$(db_count "select id from agency_group where name = 'Các bộ, ngành, địa phương'")
old=$(db_count "select rule from agency_group where id = $g")
lead() { $GIAMSAT task 7 --format json > t.json; sqlite3 :memory: "select json_array_length(json_extract(readfile('t.json'), '$.lead'))"; }
[ "$(lead)" = 60 ] || die "task 7 should start with 60 lead units"
get /admin/groups admin.html -b jar
well_formed admin.html
grep -q "action=\"/admin/groups/$g\"" admin.html || die "no rule form"
token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' admin.html | head -n 1)
reports=$(db_count "select count(*) from progress_report")
# Refused: a viewer; a rule with an unknown term; no CSRF token. Nothing changes.
snap=$(snapshot)
[ "$(status POST "/admin/groups/$g" -b viewer --data "rule=kind:bo_nganh")" = 403 ] || die "viewer"
[ "$(status POST "/admin/groups/$g" -b jar --data "csrf=$token&rule=kind:khong_co")" = 400 ] \
    || die "bad rule accepted"
[ "$(status POST "/admin/groups/$g" -b jar --data "rule=kind:bo_nganh")" = 403 ] || die "no CSRF"
[ "$(db_count "select rule from agency_group where id = $g")" = "$old" ] || die "rule changed"
# Ministries only: the 34 provinces leave task 7; Hà Nội reported on it, so its assignment is
# kept as removed (history) and its report stays.
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b jar --data "csrf=$token" \
    --data-urlencode "rule=tag:bo" "$URL/admin/groups/$g")" = "303 $URL/admin/groups?saved=group" ] \
    || die "save rule"
get "/admin/groups?saved=group" saved.html -b jar
grep -q 'Đã lưu quy tắc của nhóm' saved.html || die "no notice after saving a rule"
[ "$(lead)" = 17 ] || die "task 7 not re-expanded to the 17 ministries: $(lead)"
[ "$(db_count "select count(*) from progress_report")" = "$reports" ] || die "a report was lost"
[ "$(db_count "select count(*) from assignment s join agency a on a.id = s.agency_id
    where s.task_id = 7 and a.name = 'Thành phố Hà Nội' and s.removed_import_id is not null")" = 1 ] \
    || die "Hà Nội's reported assignment not kept as removed"
[ "$(db_count "select count(*) from audit_log where action = 'group.rule' and entity_id = $g")" = 1 ] \
    || die "no audit line"
# Back to the old rule: the 60 units again, Hà Nội's assignment (and report) revived.
[ "$(status POST "/admin/groups/$g" -b jar --data "csrf=$token" --data-urlencode "rule=$old")" = 303 ] \
    || die "restore rule"
[ "$(lead)" = 60 ] || die "task 7 not back to 60 units"
$GIAMSAT report --as-of 2025-12-24 --format json > r.json
expect_json r.json '$.reconciled' 1
