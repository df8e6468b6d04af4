# Signing in as a browser does, for the tests that sign in many times or from background
# clients (810-crash.sh, 820-permissions.sh): sourced after lib.sh.
#
# signin USER PASS JAR: fetch /login first (keeping its cookies in JAR), then post the form
# back with every hidden field it carries (next, and a CSRF token when the form has one)
# plus the credentials. Returns 0 when signed in (303), 1 otherwise; never exits, so a
# client can retry while the server is down.
signin() {
    rm -f "$3"
    page=$(curl -s --max-time 30 -c "$3" -b "$3" "$URL/login") || return 1
    hidden=$(printf '%s' "$page" | tr '>' '\n' |
        sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
    set -- "$1" "$2" "$3"
    for f in $hidden; do set -- "$@" --data-urlencode "$f"; done
    u=$1 p=$2 j=$3
    shift 3
    code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -c "$j" -b "$j" "$@" \
        --data-urlencode "username=$u" --data-urlencode "password=$p" "$URL/login") || return 1
    [ "$code" = 303 ]
}

# form_csrf JAR PATH: the CSRF token of the first form on page PATH ("" when the server is down).
form_csrf() {
    curl -s --max-time 30 -b "$1" "$URL$2" |
        sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}
