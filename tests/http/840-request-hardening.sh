# Requests an attacker or a broken client sends (issue #10 defects 8, 9, 11, 13 and 14):
# text that cannot be kept whole is refused naming its field, with nothing stored; decoded
# NUL bytes in a path or parameter are refused; no request writes a log line of its own;
# one address cannot hold every connection; proxy headers from an untrusted address are
# ignored.
# runner: alone (it measures an idle timeout)
set -eu
SERVE_ARGS="--per-address 6 --idle-timeout 2 --trusted-proxy 127.0.0.9"
start_server
login noivu noivu-pass-123 jar
single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
TASK=$(db_count "$single and a.name = 'Bộ Nội vụ' order by task_id limit 1")
NV_ID=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
tok=$(csrf jar "/tasks/$TASK")
[ -n "$tok" ] || die "no CSRF token on the task page"

# 8. NUL or invalid UTF-8 in a page form field: 400 naming the field, nothing stored.
before=$(snapshot)
for bad in 'nulA%00nulB' '%ff%fe' 'a%c3'; do
    code=$(curl -s -o out.txt -w '%{http_code}' -b jar \
        --data "csrf=$tok&unit=$NV_ID&date=2025-12-20&percent=10&result=$bad" "$URL/tasks/$TASK/progress")
    [ "$code" = 400 ] || die "result=$bad: HTTP $code, want 400"
    grep -q "Trường “Kết quả thực hiện” có ký tự không hợp lệ" out.txt || die "result=$bad: the answer does not name the field: $(cat out.txt)"
done
[ "$(snapshot)" = "$before" ] || die "a refused form changed the database"
# The same text, well formed, is stored whole (the refusal is about the bytes, not the form).
code=$(curl -s -o /dev/null -w '%{http_code}' -b jar --data-urlencode "csrf=$tok" \
    --data "unit=$NV_ID&date=2025-12-20&percent=10" --data-urlencode 'result=nulA nulB' \
    "$URL/tasks/$TASK/progress")
[ "$code" = 303 ] || die "a good report: HTTP $code"
[ "$(db_count "select count(*) from progress_report where result = 'nulA nulB'")" = 1 ] \
    || die "the good report was not stored whole"
# A field name with a NUL, and too many fields, are refused the same way.
[ "$(status POST "/tasks/$TASK/progress" -b jar --data "csrf=$tok&x%00y=1")" = 400 ] \
    || die "a field name holding NUL was not refused"
many=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "f%d=1&", i }')
[ "$(status POST "/tasks/$TASK/progress" -b jar --data "${many}csrf=$tok")" = 400 ] \
    || die "a form of 1100 fields was not refused"
# The upload form's text fields too (multipart).
login admin admin-pass-123 ajar
atok=$(csrf ajar /import)
printf 'Mã,Tên nhiệm vụ\n' > t.csv
before=$(snapshot)
code=$(curl -s -o out.txt -w '%{http_code}' -b ajar -F 'file=@t.csv' \
    -F "document=$(printf 'Kế hoạch \377')" "$URL/import?csrf=$atok")
[ "$code" = 400 ] || die "multipart field with invalid UTF-8: HTTP $code"
grep -q "&#39;document&#39;" out.txt || die "multipart: the field is not named: $(cat out.txt)"
[ "$(snapshot)" = "$before" ] || die "a refused upload changed the database"

# 11. A decoded NUL in a path or a parameter: 400, never the file or page without it.
[ "$(status GET '/static/style.css%00.js')" = 400 ] || die "NUL in the path served"
[ "$(status GET '/report/download?format=html%00' -b jar)" = 400 ] || die "NUL in a parameter"
[ "$(status GET '/tasks?q=%00' -b jar)" = 400 ] || die "NUL in the search"
[ "$(status GET '/static/style.css')" = 200 ] || die "the stylesheet itself"

# 9. No forged log line: control characters, ESC and spaces are escaped in every field.
curl -s -o /dev/null "$URL/abc%0aPOST%20/admin/users%20201%200ms"
curl -s -o /dev/null "$URL/x%1b%5b31mred%0d%c2%9b"
sleep 0.2
if grep -q '^POST /admin/users' server.log; then die "a request forged a log line"; fi
if LC_ALL=C grep -q "$(printf '\033')" server.log; then die "ESC reached the log"; fi
if LC_ALL=C grep -q "$(printf '\r')" server.log; then die "CR reached the log"; fi
if LC_ALL=C grep -q "$(printf '\302\233')" server.log; then die "CSI (U+009B) reached the log"; fi
grep -q '^GET /abc\\x0APOST\\x20/admin/users' server.log || die "the request is not logged escaped"

# 14 (untrusted). X-Forwarded-* from an address that is not the proxy change nothing.
code=$(login_post jx -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-For: 10.9.9.9' -D hx \
    --data 'username=xem&password=xem-pass-123')
[ "$code" = 303 ] || die "sign-in: $code"
if grep -qi '^Set-Cookie: gs_session=.*Secure' hx; then die "X-Forwarded-Proto trusted from anyone"; fi
[ "$(db_count "select count(*) from audit_log where client = '10.9.9.9'")" = 0 ] \
    || die "X-Forwarded-For trusted from anyone"

# 13. One address holds at most --per-address connections; others are still served, and a
# silent connection is closed after --idle-timeout.
mkfifo hold
pids=
for i in 1 2 3 4 5 6 7 8 9 10; do
    curl -s -o /dev/null --max-time 20 -X POST -H 'Content-Type: text/plain' -T - \
        "$URL/login" < hold & pids="$pids $!"
done
exec 3> hold # keep the uploads open (and silent)
sleep 0.5
# Another address (loopback has them all) is served at once.
for i in 1 2 3 4 5; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --interface 127.0.0.2 "$URL/login")
    [ "$code" = 200 ] || die "another address was refused while one held its connections ($code)"
done
# The flooding address itself is refused beyond its limit.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/login" || true)
[ "$code" = 000 ] || die "a connection beyond --per-address was served ($code)"
# After the idle timeout the silent ones are gone and the address is served again.
sleep 3
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/login")
[ "$code" = 200 ] || die "silent connections were not timed out ($code)"
exec 3>&-
for p in $pids; do wait "$p" 2> /dev/null || true; done
# The limits are documented where an operator looks.
$GIAMSAT serve --help > help.txt
for w in --per-address --idle-timeout --request-timeout --trusted-proxy; do
    grep -q -- "$w" help.txt || die "serve --help does not mention $w"
done
