# Sign-in hardening (issue #10 defects 4, 5, 6 and 14), behind a trusted reverse proxy
# (--trusted-proxy 127.0.0.1), so that each attempt can come from its own client address
# (X-Forwarded-For) and the per-address throttle does not hide the per-account one.
set -eu
SERVE_ARGS="--trusted-proxy 127.0.0.1"
start_server
echo 0 > n
# next_n: a new number for a client address (kept in a file: try runs in $(...) subshells).
next_n() { n=$(($(cat n) + 1)); echo "$n" > n; }
# try USER PASS [curl args...]: one sign-in from a new client address; prints the status.
try() {
    next_n
    u=$1 p=$2
    shift 2
    login_post "j$n" -H "X-Forwarded-For: 203.0.113.$n" --data-urlencode "username=$u" \
        --data-urlencode "password=$p" "$@"
}

# 4. Five wrong passwords block the account whatever letter case names it next.
for i in 1 2 3 4 5; do [ "$(try noivu wrong$i)" = 401 ] || die "wrong password $i not 401"; done
[ "$(try NOIVU noivu-pass-123)" = 429 ] || die "NOIVU signed in after noivu was blocked"
[ "$(try NoiVu noivu-pass-123)" = 429 ] || die "NoiVu signed in after noivu was blocked"
[ "$(try noivu noivu-pass-123)" = 429 ] || die "noivu not blocked"
# ... and an unknown name is counted the same way (no free guesses per case variant).
for i in 1 2 3 4 5; do try ghost wrong$i > /dev/null; done
[ "$(try GHOST x)" = 429 ] || die "GHOST not blocked after 5 failures of ghost"
# Another account is not blocked; a success resets only its own count.
[ "$(try ADMIN admin-pass-123)" = 303 ] || die "admin (typed ADMIN) cannot sign in"

# 5. An unknown user costs the same Argon2id work as a real one (ratio, generous bound).
elapsed() { # USER: seconds of one failed sign-in (fresh address, fresh account count)
    next_n
    rm -f "t$n"
    hidden=$(curl -s -c "t$n" "$URL/login" | tr '>' '\n' |
        sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
    set -- "$1"
    for h in $hidden; do set -- "$@" --data-urlencode "$h"; done
    u=$1
    shift
    curl -s -o /dev/null -w '%{time_total}' -b "t$n" -H "X-Forwarded-For: 198.51.100.$n" "$@" \
        --data-urlencode "username=$u" --data-urlencode password=not-it "$URL/login"
}
real=0 unknown=0
for i in 1 2 3; do
    real=$(awk "BEGIN{print $real + $(elapsed xem)}")
    unknown=$(awk "BEGIN{print $unknown + $(elapsed "nobody$i")}")
done
awk "BEGIN { exit !($unknown >= 0.3 * $real) }" ||
    die "an unknown user answers in ${unknown}s, a real one in ${real}s (3 tries): enumerable"

# 6. After signing in, only a path on this site: never another origin.
for next in '/	/evil.example' '//evil.example' '/\evil.example' 'https://evil.example' \
    '/
/evil.example' '/%09/evil.example'; do
    next_n
    loc=$(login_post "j$n" -H "X-Forwarded-For: 192.0.2.$n" --data-urlencode "next=$next" \
        --data-urlencode username=xem --data-urlencode password=xem-pass-123 \
        -w ' %{redirect_url}' | cut -d' ' -f2)
    case $loc in
    "$URL/" | "$URL/%09/evil.example") ;;
    *) die "next='$next' sent the browser to '$loc'" ;;
    esac
done
next_n
loc=$(login_post "j$n" -H "X-Forwarded-For: 192.0.2.$n" --data-urlencode "next=/tasks?status=qua_han" \
    --data-urlencode username=xem --data-urlencode password=xem-pass-123 -w ' %{redirect_url}' |
    cut -d' ' -f2)
[ "$loc" = "$URL/tasks?status=qua_han" ] || die "a local next was not followed: $loc"
# Login CSRF: a sign-in form not served by this site (no token, or another browser's) is
# refused, and no session is started.
code=$(curl -s -D h -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 192.0.2.200' \
    --data 'username=xem&password=xem-pass-123' "$URL/login")
[ "$code" = 403 ] || die "a sign-in without the form's token: HTTP $code"
if grep -qi '^Set-Cookie: gs_session=[^;]' h; then die "a session was started without the token"; fi
curl -s -c other "$URL/login" > other.html
tok=$(sed -n 's/.*name="login_token" value="\([^"]*\)".*/\1/p' other.html)
[ -n "$tok" ] || die "the sign-in form has no token"
curl -s -c mine "$URL/login" > /dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -b mine -H 'X-Forwarded-For: 192.0.2.201' \
    --data-urlencode "login_token=$tok" --data 'username=xem&password=xem-pass-123' "$URL/login")
[ "$code" = 403 ] || die "a sign-in with another browser's token: HTTP $code"

# 14. The session cookie is Secure when the trusted proxy says the request came over HTTPS.
login_post s1 -H 'X-Forwarded-For: 192.0.2.210' -H 'X-Forwarded-Proto: https' -D h1 \
    --data 'username=xem&password=xem-pass-123' > /dev/null
grep -qi '^Set-Cookie: gs_session=[^;]*;.*; Secure' h1 || die "no Secure cookie over HTTPS: $(grep -i set-cookie h1)"
login_post s2 -H 'X-Forwarded-For: 192.0.2.211' -D h2 \
    --data 'username=xem&password=xem-pass-123' > /dev/null
grep -qi '^Set-Cookie: gs_session=' h2 || die "no session cookie over HTTP"
if grep -qi '^Set-Cookie: gs_session=.*Secure' h2; then die "Secure cookie over plain HTTP"; fi
# The audit line names the client the proxy forwarded for, not the proxy.
[ "$(db_count "select count(*) from audit_log where action = 'login' and client = '192.0.2.210'")" = 1 ] \
    || die "the sign-in's audit line does not name the forwarded client"
