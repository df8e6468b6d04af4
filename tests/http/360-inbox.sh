# The inbox (issue #15): a request to Bộ Nội vụ reaches its account's inbox; the header shows
# the unread count; marking one or all read moves it; GET /api/v1/notifications lists them
# (as openapi.json says); nobody reads or marks another's; "Tài khoản của tôi" sets the
# address mail goes to, refusing one that is not an address.
set -eu
start_server
get /api/v1/openapi.json openapi.json
login noivu noivu-pass-123 unit
login admin admin-pass-123 admin
task=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null order by 1 limit 1")
# count JAR: the unread count in the header of the home page ("" when none).
count() { curl -s -b "$1" "$URL/" | sed -n 's/.*class="count">\([0-9]*\)<.*/\1/p' | head -n 1; }
[ "$(count unit)" = "" ] || die "a count before any notice: $(count unit)"

for n in 1 2; do
    $GIAMSAT request add --task "$task" --unit "Bộ Nội vụ" --due 2025-12-31 --date 2025-12-20 \
        --content "Đề nghị giải trình lần $n" > /dev/null
done
[ "$(count unit)" = 2 ] || die "two unread in the header, not '$(count unit)'"
[ "$(count admin)" = "" ] || die "the office got the unit's notice"
api GET /api/v1/notifications n.json 200 -b unit
expect_json n.json '$.unread' 2
expect_json n.json '$.items[0].kind' request
expect_json n.json '$.items[0].title' "Yêu cầu giải trình số 2 về nhiệm vụ «$(db_count "select name from task where id = $task")»"
expect_json n.json '$.items[0].link' /requests/2
expect_json n.json '$.items[1].read' 0
api GET "/api/v1/notifications?limit=1" one.json 200 -b unit
expect_json one.json '$.items[1].id' ""
expect_json one.json '$.unread' 2
first=$(jget n.json '$.items[1].id')
get /inbox inbox.html -b unit
well_formed inbox.html
grep -q "Đề nghị giải trình lần 1" inbox.html || die "the inbox lists the request"
grep -q "2 thông báo chưa đọc" inbox.html || die "the inbox's count"

# Someone else's notice cannot be marked; the unit marks its first, then all.
tok=$(csrf admin /inbox)
[ "$(status POST /inbox/read -b admin --data "csrf=$tok&id=$first")" = 404 ] ||
    die "the admin marked the unit's notice"
tok=$(csrf unit /inbox)
[ "$(status POST /inbox/read -b unit --data "csrf=$tok&id=$first")" = 303 ] || die "mark one"
[ "$(count unit)" = 1 ] || die "one unread after marking one: '$(count unit)'"
api GET /api/v1/notifications n2.json 200 -b unit
expect_json n2.json '$.items[1].read' 1
expect_json n2.json '$.items[0].read' 0
[ "$(status POST /inbox/read -b unit --data "id=$first")" = 403 ] || die "a mark without CSRF"
[ "$(status POST /inbox/read -b unit --data "csrf=$tok")" = 303 ] || die "mark all"
[ "$(count unit)" = "" ] || die "none unread after marking all: '$(count unit)'"

# A token has no inbox.
T=$($GIAMSAT token add --role xem --name doc)
api GET /api/v1/notifications t.json 403 -H "Authorization: Bearer $T"

# My address: a bad one is refused naming the field, a good one stored and audited.
before=$(snapshot)
code=$(curl -s -o bad.html -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
    --data-urlencode "email=không có" "$URL/inbox/email")
[ "$code" = 400 ] || die "a bad address: HTTP $code"
grep -q "địa chỉ thư điện tử" bad.html || die "the refusal says why"
[ "$(snapshot)" = "$before" ] || die "a refused address changed the database"
[ "$(status POST /inbox/email -b unit --data "csrf=$tok&email=vanthu%40moha.gov.vn")" = 303 ] ||
    die "a good address"
[ "$(db_count "select email from app_user where username = 'noivu'")" = vanthu@moha.gov.vn ] ||
    die "the address is stored"
[ "$(db_count "select count(*) from audit_log where action = 'user.email' and actor = 'noivu'")" = 1 ] ||
    die "the change is audited"
get /inbox inbox2.html -b unit
grep -q 'value="vanthu@moha.gov.vn"' inbox2.html || die "the form shows the address"
