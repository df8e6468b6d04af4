# Quản trị: accounts — create (generated password shown once), sign in, reset, disable, enable;
# who may open the page; every change audited; pages well-formed.
set -eu
start_server
login admin admin-pass-123 admin
# /admin is an overview of the sub-pages; the old section anchors stay on their links.
get /admin home.html -b admin
well_formed home.html
grep -q '<li id="nguoi-dung"><a href="/admin/users">Tài khoản</a>' home.html \
    || die "overview: no link to the accounts page"
if grep -q '<td>noivu</td>' home.html; then die "the overview lists the accounts"; fi
get /admin/users admin.html -b admin
well_formed admin.html
grep -q 'id="nguoi-dung"' admin.html || die "no users section"
grep -q '<a href="/admin/users" aria-current="page">Tài khoản</a>' admin.html \
    || die "the admin navigation does not mark the accounts page"
grep -q '<td>noivu</td>' admin.html || die "users not listed"
grep -q 'Bộ Nội vụ' admin.html || die "unit of a user not shown"
tok=$(csrf admin /admin)
noivu_id=$(db_count "select id from agency where name = 'Bộ Nội vụ'")

# Only administrators reach the page and its writes.
login noivu noivu-pass-123 unit
login xem xem-pass-123 viewer
for jar in unit viewer; do
    [ "$(status GET /admin -b $jar)" = 403 ] || die "$jar reached /admin"
    for sub in users tokens aliases units groups; do
        [ "$(status GET /admin/$sub -b $jar)" = 403 ] || die "$jar reached /admin/$sub"
    done
    t=$(csrf $jar /)
    [ "$(status POST /admin/users -b $jar --data "csrf=$t&username=evil&role=admin")" = 403 ] \
        || die "$jar created a user"
done
[ "$(db_count "select count(*) from app_user where username = 'evil'")" = 0 ] || die "evil exists"
# Nhập dữ liệu: a unit's focal point imports its own progress tables (325-import-review.sh);
# a viewer imports nothing.
[ "$(status GET /import -b unit)" = 200 ] || die "a focal point cannot reach /import"
[ "$(status GET /import -b viewer)" = 403 ] || die "a viewer reached /import"
# A forged CSRF token is refused.
[ "$(status POST /admin/users -b admin --data 'csrf=forged&username=x1&role=viewer')" = 403 ] \
    || die "forged CSRF accepted"

# Create a unit account without a password: one is generated and shown once.
code=$(curl -s -o created.html -w '%{http_code}' -b admin --data-urlencode "csrf=$tok" \
    --data-urlencode "username=bnv2" --data-urlencode "display=Đầu mối Nội vụ <2>" \
    --data-urlencode "role=unit" --data-urlencode "agency=$noivu_id" \
    --data-urlencode "password=" "$URL/admin/users")
[ "$code" = 200 ] || die "create user: HTTP $code"
well_formed created.html
pw=$(sed -n 's/.*<code id="password">\([^<]*\)<.*/\1/p' created.html)
[ ${#pw} -ge 12 ] || die "no generated password shown"
[ "$(db_count "select role || '|' || agency_id || '|' || display_name from app_user where username = 'bnv2'")" \
    = "unit|$noivu_id|Đầu mối Nội vụ <2>" ] || die "user stored wrong"
db_count "select password_hash from app_user where username = 'bnv2'" | grep -q '^\$argon2id\$' \
    || die "password not hashed"
# The password is shown only once: the admin page does not repeat it.
get /admin/users admin2.html -b admin
if grep -q "$pw" admin2.html; then die "password shown again"; fi
grep -q 'Đầu mối Nội vụ &lt;2&gt;' admin2.html || die "display name not escaped"
# ... and the new user signs in with it.
login bnv2 "$pw" bnv2
[ "$(status GET / -b bnv2)" != 303 ] || die "the new user's session is not valid"

# Validation: a taken username is a conflict; a unit role needs its unit; bad names refused.
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=BNV2&role=viewer")" = 409 ] \
    || die "taken username (any case) not refused"
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=u3&role=unit")" = 400 ] \
    || die "unit role without a unit accepted"
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=u3&role=unit&agency=999999")" = 400 ] \
    || die "unknown unit accepted"
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=a%20b&role=viewer")" = 400 ] \
    || die "username with a space accepted"
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=u4&role=boss")" = 400 ] \
    || die "unknown role accepted"
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=u5&role=viewer&password=short")" = 400 ] \
    || die "short password accepted"
# A chosen password works as given.
[ "$(status POST /admin/users -b admin --data "csrf=$tok&username=gs&role=monitor&password=monitor-pass-1")" = 200 ] \
    || die "create with a chosen password"
login gs monitor-pass-1 gs
[ "$(status GET /import -b gs)" = 200 ] || die "monitor cannot import"
[ "$(status GET /admin -b gs)" = 403 ] || die "monitor reached /admin"

# Reset the password: the new one is shown once; the old one stops working.
bnv2_id=$(db_count "select id from app_user where username = 'bnv2'")
# The first POST only asks: nothing changes until the confirmation posts confirm=1.
hash0=$(db_count "select password_hash from app_user where id = $bnv2_id")
curl -s -o ask.html -b admin --data "csrf=$tok&action=reset" "$URL/admin/users/$bnv2_id"
well_formed ask.html
grep -q 'Xác nhận đặt lại mật khẩu' ask.html && grep -q 'name="confirm" value="1"' ask.html \
    || die "reset: no confirmation step"
[ "$(db_count "select password_hash from app_user where id = $bnv2_id")" = "$hash0" ] \
    || die "reset without confirmation changed the password"
curl -s -o reset.html -b admin --data "csrf=$tok&action=reset&confirm=1" "$URL/admin/users/$bnv2_id"
well_formed reset.html
pw2=$(sed -n 's/.*<code id="password">\([^<]*\)<.*/\1/p' reset.html)
[ -n "$pw2" ] && [ "$pw2" != "$pw" ] || die "no new password"
[ "$(login_post j0 --data-urlencode username=bnv2 --data-urlencode "password=$pw")" = 401 ] \
    || die "old password still works"
login bnv2 "$pw2" bnv2b

# Disable: sign-in refused and the open sessions end; enable again.
[ "$(status POST /admin/users/$bnv2_id -b admin --data "csrf=$tok&action=disable")" = 200 ] \
    || die "disable: no confirmation step"
[ "$(db_count "select active from app_user where id = $bnv2_id")" = 1 ] \
    || die "disabled without confirmation"
[ "$(status POST /admin/users/$bnv2_id -b admin --data "csrf=$tok&action=disable&confirm=1")" = 303 ] \
    || die "disable"
[ "$(curl -s -o /dev/null -w '%{redirect_url}' -b admin --data "csrf=$tok&action=enable" \
    "$URL/admin/users/$bnv2_id")" = "$URL/admin/users" ] || die "enable does not lead back to the accounts"
[ "$(status POST /admin/users/$bnv2_id -b admin --data "csrf=$tok&action=disable&confirm=1")" = 303 ] \
    || die "disable again"
[ "$(db_count "select active from app_user where id = $bnv2_id")" = 0 ] || die "still active"
[ "$(status GET / -b bnv2b)" = 303 ] || die "session of a disabled user still valid"
[ "$(login_post j0 --data-urlencode username=bnv2 --data-urlencode "password=$pw2")" = 401 ] \
    || die "disabled user signed in"
[ "$(status POST /admin/users/$bnv2_id -b admin --data "csrf=$tok&action=enable")" = 303 ] \
    || die "enable"
login bnv2 "$pw2" bnv2c
# An administrator cannot disable themself; unknown users and actions are refused.
admin_id=$(db_count "select id from app_user where username = 'admin'")
[ "$(status POST /admin/users/$admin_id -b admin --data "csrf=$tok&action=disable&confirm=1")" = 409 ] \
    || die "admin disabled themself"
[ "$(db_count "select active from app_user where id = $admin_id")" = 1 ] || die "admin inactive"
[ "$(status POST /admin/users/999999 -b admin --data "csrf=$tok&action=disable")" = 404 ] \
    || die "unknown user"
[ "$(status POST /admin/users/$bnv2_id -b admin --data "csrf=$tok&action=delete")" = 400 ] \
    || die "unknown action"

# Every change has its audit line, and the audit page lists them, newest first.
for a in user.create user.reset_password user.disable user.enable; do
    [ "$(db_count "select count(*) from audit_log where action = '$a' and actor = 'admin'")" -ge 1 ] \
        || die "no audit line for $a"
done
[ "$(db_count "select count(*) from audit_log where action = 'user.create' and actor = 'admin'")" = 2 ] \
    || die "refused creations audited as creations"
get /admin/audit audit.html -b admin
well_formed audit.html
grep -q 'đã mở khóa tài khoản' audit.html || die "audit page lacks user.enable"
first=$(grep -o 'đã [a-zđặạởóòạ ]* tài khoản' audit.html | head -n 1)
[ "$first" = 'đã mở khóa tài khoản' ] || die "audit not newest first ($first)"
# The steering office reads the audit log; a unit account does not.
[ "$(status GET /admin/audit -b gs)" = 200 ] || die "monitor cannot read the audit log"
[ "$(status GET /admin/audit -b unit)" = 403 ] || die "unit account read the audit log"
