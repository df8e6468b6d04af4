# Quản trị: API tokens — created on the page (shown once, stored as a digest), accepted by the
# API, revoked (then refused); audited.
set -eu
start_server
login admin admin-pass-123 admin
tok=$(csrf admin /admin)
noivu_id=$(db_count "select id from agency where name = 'Bộ Nội vụ'")

code=$(curl -s -o created.html -w '%{http_code}' -b admin --data-urlencode "csrf=$tok" \
    --data-urlencode "name=Hệ thống báo cáo <Nội vụ>" --data-urlencode "role=unit" \
    --data-urlencode "agency=$noivu_id" "$URL/admin/tokens")
[ "$code" = 200 ] || die "create token: HTTP $code"
well_formed created.html
T=$(sed -n 's/.*<code id="token">\([^<]*\)<.*/\1/p' created.html)
[ ${#T} -ge 40 ] || die "no token shown"
grep -q 'Hệ thống báo cáo &lt;Nội vụ&gt;' created.html || die "token name not escaped"
# Only the digest is stored, and the token is not shown again.
[ "$(db_count "select count(*) from api_token where digest = '$T'")" = 0 ] || die "raw token stored"
digest=$(printf %s "$T" | b2sum -l 256 | cut -d' ' -f1)
[ "$(db_count "select role || '|' || agency_id from api_token where digest = '$digest'")" \
    = "unit|$noivu_id" ] || die "token stored wrong"
get /admin/tokens admin.html -b admin
well_formed admin.html
if grep -q "$T" admin.html; then die "token shown again"; fi
grep -q 'Đang dùng' admin.html || die "token not listed as live"

# The API accepts it (the API may not be written yet: 501 is fine for now).
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" "$URL/api/v1/tasks")
case "$code" in 200 | 501) ;; *) die "API with a live token: HTTP $code" ;; esac
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer x$T" "$URL/api/v1/tasks")" \
    = 401 ] || die "a wrong token accepted"

# A unit role needs a unit; a token needs a name; viewers cannot create tokens.
[ "$(status POST /admin/tokens -b admin --data "csrf=$tok&name=x&role=unit")" = 400 ] \
    || die "unit token without a unit"
[ "$(status POST /admin/tokens -b admin --data "csrf=$tok&name=%20&role=viewer")" = 400 ] \
    || die "token without a name"
login xem xem-pass-123 viewer
[ "$(status POST /admin/tokens -b viewer --data "csrf=x&name=v&role=admin")" = 403 ] \
    || die "viewer created a token"
[ "$(db_count 'select count(*) from api_token')" = 1 ] || die "refused tokens stored"

# Revoke: the API refuses it at once; revoking twice is a 404.
id=$(db_count "select id from api_token where digest = '$digest'")
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b admin --data "csrf=$tok" \
    "$URL/admin/tokens/$id/revoke")" = "303 $URL/admin/tokens" ] || die "revoke"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" "$URL/api/v1/tasks")" \
    = 401 ] || die "revoked token accepted"
[ "$(status POST /admin/tokens/$id/revoke -b admin --data "csrf=$tok")" = 404 ] || die "revoke twice"
[ "$(status POST /admin/tokens/$id/revoke -b admin)" = 403 ] || die "revoke without CSRF"
get /admin/tokens admin2.html -b admin
grep -q 'Đã thu hồi' admin2.html || die "token not listed as revoked"

# Both writes are audited, with the token's id.
[ "$(db_count "select count(*) from audit_log where action = 'token.create' and entity_id = $id and actor = 'admin'")" = 1 ] \
    || die "no audit line for token.create"
[ "$(db_count "select count(*) from audit_log where action = 'token.revoke' and entity_id = $id")" = 1 ] \
    || die "no audit line for token.revoke"
if db_count "select after from audit_log" | grep -q "$T"; then die "token in the audit log"; fi
get /admin/audit audit.html -b admin
well_formed audit.html
grep -q 'đã thu hồi mã truy cập API số' audit.html || die "audit page lacks token.revoke"
