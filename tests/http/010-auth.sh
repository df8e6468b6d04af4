# Sign-in, sessions, CSRF, roles, throttling and security headers.
set -eu
start_server
# Anonymous: pages redirect to the sign-in page, the API answers 401.
[ "$(status GET /tasks)" = 303 ] || die "anonymous page not redirected"
[ "$(status GET /api/v1/tasks)" = 401 ] || die "anonymous API not refused"
[ "$(status GET /static/style.css)" = 200 ] || die "stylesheet"
[ "$(status GET /nope)" = 404 ] || die "404"
[ "$(status DELETE /login)" = 405 ] || die "405"
# Security headers on every response.
curl -s -D headers -o /dev/null "$URL/login"
grep -qi "^Content-Security-Policy: .*frame-ancestors 'none'" headers || die "CSP"
grep -qi "^X-Content-Type-Options: nosniff" headers || die "nosniff"
if grep -qi "script-src[^;]*unsafe-inline" headers; then die "inline script allowed"; fi
# A wrong password is refused; a right one gives an HttpOnly SameSite=Strict cookie.
[ "$(login_post j0 --data 'username=admin&password=wrong')" = 401 ] || die "wrong password"
login_post j1 --data 'username=admin&password=admin-pass-123' -D h2 > /dev/null
grep -qi "^Set-Cookie: gs_session=.*HttpOnly.*SameSite=Strict" h2 || die "cookie flags"
login admin admin-pass-123 jar
[ "$(status GET /login -b jar)" = 303 ] || die "signed in user sent to the dashboard"
# The session token is stored as a digest only.
tok=$(sed -n 's/.*gs_session\t\(.*\)$/\1/p' jar)
[ -n "$tok" ] || die "no session cookie in the jar"
[ "$(db_count "select count(*) from session where digest = '$tok'")" = 0 ] || die "raw token stored"
digest=$(printf %s "$tok" | b2sum -l 256 | cut -d' ' -f1)
[ "$(db_count "select count(*) from session where digest = '$digest'")" = 1 ] \
    || die "the session is not stored as the BLAKE2b digest of its token"
# Passwords are Argon2id hashes.
db_count "select password_hash from app_user where username = 'admin'" | grep -q '^\$argon2id\$' \
    || die "password not hashed with Argon2id"
# A form without the CSRF token is refused.
[ "$(status POST /logout -b jar)" = 403 ] || die "logout without CSRF accepted"
# Roles: a viewer cannot open the import or admin pages.
login xem xem-pass-123 viewer
[ "$(status GET /admin -b viewer)" = 403 ] || die "viewer reached admin"
[ "$(status GET /import -b viewer)" = 403 ] || die "viewer reached import"
# Sign-in attempts are throttled per account.
for i in 1 2 3 4 5; do login_post j2 --data 'username=xem&password=bad' > /dev/null; done
[ "$(login_post j2 --data 'username=xem&password=xem-pass-123')" = 429 ] || die "no throttle"
# Logout with the token ends the session.
token=$(db_count "select csrf from session where digest = '$digest'")
[ "$(status POST /logout -b jar --data "csrf=$token")" = 303 ] || die "logout"
[ "$(status GET /tasks -b jar)" = 303 ] || die "session still valid after logout"
# Sign-ins are in the audit log, which cannot be changed.
[ "$(db_count "select count(*) from audit_log where action = 'login'")" -ge 2 ] || die "audit"
if sqlite3 giamsat.db "delete from audit_log" 2> /dev/null; then die "audit log deletable"; fi
